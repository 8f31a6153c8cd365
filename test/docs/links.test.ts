// Issue 14 (README for a newcomer): every relative link in the repository's Markdown (README,
// CONTRIBUTING, CHANGELOG, …) must lead somewhere a clone has — a tracked file or folder, and for a
// `#fragment` a heading of the target — and never outside the repository (../shared is the team's,
// not a clone's).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, posix } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Fenced code blocks and inline code spans removed (what they show is not a link). */
function prose(markdown: string): string {
  return markdown.replace(/^( {0,3})(```|~~~)[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^( {0,3})(```|~~~)[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, '');
  for (const [, text] of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = text!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const [, id] of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id!);
  return anchors;
}

/** The link targets of a Markdown text: [text](target), ![alt](target), [ref]: target, and HTML src= / href=. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  return [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!),
  ];
}

/**
 * What is wrong with each relative link of `file` (a path relative to the repository): a target
 * outside the repository, not among `tracked` (files; a folder counts when it holds one), or a
 * fragment that names no heading. `read` gives another tracked Markdown file's text (for fragments).
 */
function brokenLinks(file: string, markdown: string, tracked: ReadonlySet<string>, read: (path: string) => string): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // https:, mailto:, …
    const [rawPath = '', fragment] = target.split('#', 2) as [string, string | undefined];
    const path = decodeURIComponent(rawPath);
    const resolved = path === '' ? file : posix.normalize(posix.join(posix.dirname(file), path)).replace(/\/$/, '');
    if (resolved.startsWith('../') || resolved === '..' || posix.isAbsolute(resolved)) {
      problems.push(`${file}: ${target} points outside the repository`);
      continue;
    }
    const isFile = tracked.has(resolved);
    const isFolder = !isFile && [...tracked].some((f) => f.startsWith(`${resolved}/`));
    if (!isFile && !isFolder) {
      problems.push(`${file}: ${target} is not a tracked file or folder (${resolved})`);
      continue;
    }
    if (fragment && isFile && resolved.endsWith('.md')) {
      const text = resolved === file ? markdown : read(resolved);
      if (!anchorsOf(text).has(decodeURIComponent(fragment).toLowerCase()))
        problems.push(`${file}: ${target} names no heading of ${resolved} (#${fragment})`);
    }
  }
  return problems;
}

function trackedFiles(): string[] | null {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

describe('Markdown links', () => {
  test('the checker finds missing files, folders outside the clone and unknown headings', () => {
    const tracked = new Set(['README.md', 'docs/images/a.png', 'test/fixtures/ATTRIBUTION.md']);
    const readme = [
      '# Title',
      '## Try it in 2 minutes',
      '### `<faceio-sign-on>`',
      '### Processing node (`npm run bench:node`)',
      '[ok](docs/images/a.png) [folder](test/fixtures) [anchor](#try-it-in-2-minutes) [element](#faceio-sign-on)',
      '[bench](#processing-node-npm-run-benchnode) <img src="docs/images/a.png" alt=""> [web](https://example.com)',
      '[gone](docs/images/b.png) [team](../shared/data/README.md) [nowhere](#no-such-heading)',
      '<img src="docs/images/c.png" alt="">',
      '```md',
      '[in a code block](not-checked.md)',
      '```',
      'and `[inline code](not-checked-either.md)`',
    ].join('\n');
    const problems = brokenLinks('README.md', readme, tracked, () => '');
    assert.deepEqual(problems, [
      'README.md: docs/images/b.png is not a tracked file or folder (docs/images/b.png)',
      'README.md: ../shared/data/README.md points outside the repository',
      'README.md: #no-such-heading names no heading of README.md (#no-such-heading)',
      'README.md: docs/images/c.png is not a tracked file or folder (docs/images/c.png)',
    ]);
  });

  test('every relative link in the tracked Markdown files resolves to a tracked file (and heading)', (t) => {
    const files = trackedFiles();
    if (!files) return t.skip('not a git checkout: no list of tracked files');
    const tracked = new Set(files);
    const markdown = files.filter((f) => f.endsWith('.md'));
    for (const required of ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md']) assert.ok(tracked.has(required), `${required} is tracked`);
    const read = (path: string) => readFileSync(join(root, normalize(path)), 'utf8');
    const problems = markdown.flatMap((file) => brokenLinks(file, read(file), tracked, read));
    assert.deepEqual(problems, [], 'broken relative links');
    // The README's pictures stay small (issue 14: < 150 KB each).
    for (const target of linkTargets(read('README.md')).filter((t) => /\.(png|jpe?g|gif|webp|svg)$/i.test(t) && !/^[a-z]+:/i.test(t))) {
      const size = readFileSync(join(root, target)).byteLength;
      assert.ok(size < 150 * 1024, `${target} is ${Math.round(size / 1024)} KB (keep README images under 150 KB)`);
    }
  });
});
