/**
 * Splits an SQL script into single statements. Both adapters run one statement per query (the
 * extended protocol refuses more), so migration files are cut here. A `;` inside a '…' string
 * (with '' and E'\'' escapes), a "…" identifier, a $tag$…$tag$ body or a comment does not split.
 * Statements that are only comments are dropped.
 */
export function splitSql(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const push = (end: number) => {
    if (hasCode) statements.push(script.slice(start, end).trim());
    start = end + 1;
    hasCode = false;
  };
  const skipPast = (needle: string, from: number) => {
    const at = script.indexOf(needle, from);
    return at < 0 ? script.length : at + needle.length;
  };

  while (i < script.length) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      i = skipPast('\n', i);
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(script, i);
    } else if (c === "'") {
      const escapes = /[eE]/.test(script[i - 1] ?? '') && !/[\w$]/.test(script[i - 2] ?? '');
      i = skipQuoted(script, i, "'", escapes);
      hasCode = true;
    } else if (c === '"') {
      i = skipQuoted(script, i, '"', false);
      hasCode = true;
    } else if (c === '$' && /^\$(?:[A-Za-z_][\w]*)?\$/.test(script.slice(i, i + 64))) {
      const tag = /^\$(?:[A-Za-z_][\w]*)?\$/.exec(script.slice(i, i + 64))![0];
      i = skipPast(tag, i + tag.length);
      hasCode = true;
    } else if (c === ';') {
      push(i);
      i += 1;
    } else {
      if (!/\s/.test(c)) hasCode = true;
      i += 1;
    }
  }
  push(script.length);
  return statements;
}

/** Past the closing quote; a doubled quote is an escaped one, as is \' in an E'' string. */
function skipQuoted(s: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < s.length) {
    if (backslashEscapes && s[i] === '\\') i += 2;
    else if (s[i] === quote && s[i + 1] === quote) i += 2;
    else if (s[i] === quote) return i + 1;
    else i += 1;
  }
  return s.length;
}

/** PostgreSQL block comments nest. */
function skipBlockComment(s: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < s.length) {
    if (s[i] === '/' && s[i + 1] === '*') {
      depth += 1;
      i += 2;
    } else if (s[i] === '*' && s[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return s.length;
}
