// Text no store keeps (finding 5): PostgreSQL's text and jsonb refuse U+0000 and lone UTF-16
// surrogates, so such input reached the database and came back as HTTP 500 (or, in an enrollment
// payload, as a PROCESSING_ERR after the user had scanned and typed a PIN). Refused at the edge.

import { UNSTORABLE_TEXT as UNSTORABLE } from 'openfaceio/protocol';

/** Why `text` cannot be stored, or null. */
export function textProblem(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  return found[0] === '\u0000' ? 'a NUL character (U+0000)' : 'a lone UTF-16 surrogate (invalid Unicode)';
}

/**
 * The first string (object key or value) in a JSON-like value that cannot be stored, as
 * `{path, problem}`; null when every string is fine. Walks at most `maxNodes` nodes (the bodies it
 * sees are bounded by the routes' body limits, so this is a guard against pathological nesting only).
 */
export function unstorableText(value: unknown, path = 'body', maxNodes = 200_000): { path: string; problem: string } | null {
  const stack: [unknown, string][] = [[value, path]];
  for (let seen = 0; stack.length > 0 && seen < maxNodes; seen++) {
    const [node, at] = stack.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) return { path: at, problem };
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const problem = textProblem(key);
        if (problem) return { path: `${at} (a key)`, problem };
        stack.push([child, Array.isArray(node) ? `${at}[${key}]` : `${at}.${key}`]);
      }
    }
  }
  return null;
}
