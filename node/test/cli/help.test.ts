// Finding 5 (low): `openfaceio app create --help` answered "Unknown option '--help'".
// Issue 14 (README for a newcomer): the README and `--help` name the same options — every option the
// README's Configuration table and Command line section (and any `openfaceio <command> …` example)
// gives a command is in that command's usage, and every option the usage lists is in the README.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = new URL('../../src/cli/bin.mjs', import.meta.url).pathname;
const README = new URL('../../../README.md', import.meta.url).pathname;

const COMMANDS = ['serve', 'app create', 'app settings', 'models', 'analyze', 'verify', 'liveness'] as const;
type Command = (typeof COMMANDS)[number];

const help = async (...args: string[]) => (await run(process.execPath, [BIN, ...args])).stdout;

/**
 * The usage's entry for each command: its synopsis line (two spaces in, then the command), the
 * synopsis' continuation and its description, up to the next command. `verify` has two synopses.
 */
function usageEntries(usage: string): Map<Command, string> {
  const entries = new Map<Command, string>();
  let current: Command | undefined;
  for (const line of usage.split('\n')) {
    const synopsis = /^ {2}(\S.*)$/.exec(line);
    if (synopsis) {
      current = COMMANDS.find((c) => synopsis[1] === c || synopsis[1]!.startsWith(`${c} `));
      if (current) entries.set(current, `${entries.get(current) ?? ''}${line}\n`);
      continue;
    }
    if (!/^ {4,}\S/.test(line)) current = undefined;
    else if (current) entries.set(current, `${entries.get(current)}${line}\n`);
  }
  return entries;
}

/** `--name` options in a text (not `--` alone, not `--help`, which every command takes). */
const optionsIn = (text: string) => [...new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]))].filter((o) => o !== '--help');

/** A Markdown section: from its heading line to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README.md has the heading "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The commands a text names as `openfaceio <command> …`, each with the options given on that line. */
function examples(markdown: string): { command: Command; options: string[]; line: string }[] {
  const found: { command: Command; options: string[]; line: string }[] = [];
  for (const line of markdown.split('\n')) {
    for (const match of line.matchAll(/\bopenfaceio ((?:app )?[a-z]+)\b([^`#\n]*)/g)) {
      const command = COMMANDS.find((c) => c === match[1]);
      if (command) found.push({ command, options: optionsIn(match[2]!), line: line.trim() });
    }
  }
  return found;
}

describe('openfaceio --help', () => {
  for (const args of [['--help'], ['app', 'create', '--help'], ['app', 'settings', '-h'], ['serve', '--help'], ['verify', '--help']]) {
    it(`${args.join(' ')} prints the usage and exits 0`, async () => {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
      assert.match(stdout, /^Usage: openfaceio <command>/);
      assert.doesNotMatch(stderr, /Unknown option/);
    });
  }
});

describe('the README and --help name the same options', () => {
  let readme: string;
  const usage = new Map<Command, string>();
  before(async () => {
    readme = readFileSync(README, 'utf8');
    for (const command of COMMANDS) {
      const entry = usageEntries(await help(...command.split(' '), '--help')).get(command);
      assert.ok(entry, `${command} --help has an entry for ${command}`);
      usage.set(command, entry);
    }
  });

  it('the parser reads the usage entries (sanity)', () => {
    assert.match(usage.get('serve')!, /--port/);
    assert.match(usage.get('app settings')!, /--set/);
    assert.doesNotMatch(usage.get('app create')!, /--set/);
    assert.match(usage.get('verify')!, /--pairs/);
    assert.deepEqual(optionsIn('a `--port N` and --data-dir, not -- or --help'), ['--port', '--data-dir']);
  });

  it('every flag and variable of the Configuration table is in `serve --help`', () => {
    const table = section(readme, '### Configuration')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    assert.ok(table.length >= 15, 'the Configuration table has its rows');
    const missing: string[] = [];
    for (const row of table) {
      const names = row.split('|')[1]!;
      for (const option of optionsIn(names)) if (!usage.get('serve')!.includes(option)) missing.push(option);
      for (const [, variable] of names.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) if (!usage.get('serve')!.includes(variable!)) missing.push(variable!);
    }
    assert.deepEqual(missing, [], 'README "Configuration" names these, `openfaceio serve --help` does not');
  });

  it("every option of each command's subsection under Command line is in that command's --help", () => {
    const cli = section(readme, '## Command line');
    const subsections = cli.split(/^### /m).slice(1);
    const covered = new Set<Command>();
    const missing: string[] = [];
    for (const subsection of subsections) {
      const heading = subsection.slice(0, subsection.indexOf('\n'));
      const commands = [...heading.matchAll(/`([^`]+)`/g)].map((m) => COMMANDS.find((c) => c === m[1]));
      assert.ok(commands.length > 0 && commands.every(Boolean), `"### ${heading}" names commands in backticks`);
      for (const command of commands) covered.add(command!);
      const entries = commands.map((c) => usage.get(c!)!).join('\n');
      for (const option of optionsIn(subsection)) if (!entries.includes(option)) missing.push(`${heading}: ${option}`);
    }
    assert.deepEqual(missing, [], 'README "Command line" names these, the commands\' --help does not');
    assert.deepEqual(
      COMMANDS.filter((c) => !covered.has(c)),
      [],
      'every command has a subsection under "## Command line"',
    );
  });

  it("every `openfaceio <command> --option` example in the README is in that command's --help", () => {
    const all = examples(readme);
    assert.ok(all.length >= 10, 'the README has command examples');
    const missing = all.flatMap(({ command, options, line }) => options.filter((o) => !usage.get(command)!.includes(o)).map((o) => `${o} (${line})`));
    assert.deepEqual(missing, []);
  });

  it('every option --help lists is in the README', async () => {
    const missing = optionsIn(await help('--help')).filter((option) => !readme.includes(option));
    assert.deepEqual(missing, [], '`openfaceio --help` lists these, README.md does not mention them');
  });
});
