// custom-elements.json is generated from the elements' JSDoc (CONVENTIONS habit 6) and committed:
// this runs `npm run analyze`'s command into a scratch directory and fails when the committed file
// differs, then checks the facts the README and framework tooling rely on.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CEM = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');

interface Item {
  name: string;
  description?: string;
  inheritedFrom?: { name: string };
}
interface Attribute extends Item {
  fieldName?: string;
  type?: { text: string };
  default?: string;
}
interface Declaration extends Item {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  superclass?: { name: string; module?: string; package?: string };
  attributes?: Attribute[];
  members?: (Item & { kind: string; privacy?: string; attribute?: string })[];
  events?: (Item & { type?: { text: string } })[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: (Item & { default?: string })[];
}
interface Manifest {
  modules: {
    path: string;
    declarations?: Declaration[];
    exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
  }[];
}

const BASE_ATTRIBUTES = [
  'public-id',
  'node',
  'locale',
  'permission-timeout',
  'idle-timeout',
  'reply-timeout',
  'pin-timeout',
  'autostart',
  'camera-id',
  'sign-on-token',
  'assets-base',
  'no-retry',
  'theme',
];
const EVENTS: Record<string, string[]> = {
  'faceio-enroll': ['faceio-phase-change', 'faceio-progress', 'faceio-complete', 'faceio-error', 'faceio-close', 'faceio-sign-in-request'],
  'faceio-authenticate': ['faceio-phase-change', 'faceio-progress', 'faceio-complete', 'faceio-error', 'faceio-close'],
};

/** The first line where two texts differ, for a failure message that says where to look. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  const at = index === -1 ? left.length : index;
  return `line ${at + 1}: committed ${JSON.stringify(left[at] ?? '<end of file>')}, generated ${JSON.stringify(right[at] ?? '<end of file>')}`;
}

describe('custom-elements.json', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'openfaceio-cem-'));
  const committed = readFileSync(join(root, 'custom-elements.json'), 'utf8');
  const manifest = JSON.parse(committed) as Manifest;
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
  const element = (tag: string): Declaration => {
    const found = declarations.find((d) => d.tagName === tag);
    assert.ok(found, `no declaration with tagName ${tag} in custom-elements.json`);
    return found;
  };
  let generated = '';

  before(async () => {
    // Exactly `npm run analyze`, written elsewhere: the analyzer joins --outdir to its cwd, hence relative.
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['analyze'] ?? '';
    const [bin, ...args] = script.split(/\s+/);
    assert.equal(bin, 'cem', `package.json scripts.analyze should run cem, is ${JSON.stringify(script)}`);
    await run(process.execPath, [CEM, ...args, '--outdir', relative(root, scratch), '--quiet'], { cwd: root, timeout: 120_000 });
    generated = readFileSync(join(scratch, 'custom-elements.json'), 'utf8');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('is not stale: the analyzer writes the committed file byte for byte', () => {
    if (generated !== committed) assert.fail(`custom-elements.json is stale: run npm run analyze (${firstDifference(committed, generated)})`);
  });

  test('package.json points tools at it', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { customElements?: string };
    assert.equal(pkg.customElements, 'custom-elements.json');
  });

  test('defines the three tags, each registered by its define module', () => {
    const definitions = manifest.modules.flatMap((m) =>
      (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => [m.path, e.name, e.declaration.name]),
    );
    assert.deepEqual(definitions.sort(), [
      ['dist/faceio-authenticate.js', 'faceio-authenticate', 'FaceioAuthenticate'],
      ['dist/faceio-enroll.js', 'faceio-enroll', 'FaceioEnroll'],
      ['dist/faceio-sign-on.js', 'faceio-sign-on', 'FaceioSignOn'],
    ]);
    const signOn = element('faceio-sign-on');
    assert.equal(signOn.superclass?.name, 'LitElement');
    assert.ok(signOn.description && (signOn as { summary?: string }).summary, 'faceio-sign-on: class JSDoc description and @summary');
    // Its own events, not the flow elements' faceio-complete / faceio-error with another shape.
    assert.deepEqual(((signOn as { events?: { name: string }[] }).events ?? []).map((e) => e.name).sort(), [
      'faceio-sign-on-error',
      'faceio-sign-on-state-change',
      'faceio-sign-on-verified',
    ]);
    for (const tag of ['faceio-enroll', 'faceio-authenticate']) {
      const declaration = element(tag);
      assert.equal(declaration.customElement, true);
      assert.equal(declaration.superclass?.name, 'FaceioFlowElement');
      assert.ok(declaration.description && (declaration as { summary?: string }).summary, `${tag}: class JSDoc description and @summary`);
    }
  });

  test('every attribute of the base class is on both elements, inherited, described, with the fio.js parameters', () => {
    const base = declarations.find((d) => d.name === 'FaceioFlowElement');
    assert.deepEqual(
      base?.attributes?.map((a) => a.name),
      BASE_ATTRIBUTES,
    );
    for (const tag of ['faceio-enroll', 'faceio-authenticate']) {
      const attributes = element(tag).attributes ?? [];
      for (const name of BASE_ATTRIBUTES) {
        const attribute = attributes.find((a) => a.name === name);
        assert.ok(attribute, `${tag} lacks the base attribute ${name}`);
        assert.equal(attribute.inheritedFrom?.name, 'FaceioFlowElement', `${tag} ${name}`);
      }
      for (const attribute of attributes)
        assert.ok(attribute.description, `${tag} attribute ${attribute.name} has no description (habit 6: one line on every property)`);
    }
    const own = (tag: string) => (element(tag).attributes ?? []).filter((a) => !a.inheritedFrom).map((a) => a.name);
    assert.deepEqual(own('faceio-enroll'), ['payload', 'user-consent', 'terms-timeout', 'enroll-intro-timeout', 'sign-in-href', 'sign-in']);
    assert.deepEqual(own('faceio-authenticate'), ['facial-id', 'check']);
  });

  test('inherited public API: start(), close(), phase, result and the property-only fields', () => {
    for (const tag of ['faceio-enroll', 'faceio-authenticate']) {
      const members = element(tag).members ?? [];
      for (const name of ['start', 'close', 'phase', 'result', 'qualityHints', 'actors', 'publicId']) {
        const member = members.find((m) => m.name === name);
        assert.ok(member, `${tag} lacks the member ${name}`);
        assert.equal(member.inheritedFrom?.name, 'FaceioFlowElement', `${tag}.${name}`);
        assert.ok(member.description, `${tag}.${name} has no description`);
      }
    }
  });

  test('events: the faceio-* events, typed and described, on both elements (enroll adds faceio-sign-in-request)', () => {
    for (const tag of ['faceio-enroll', 'faceio-authenticate']) {
      const events = element(tag).events ?? [];
      assert.deepEqual(
        events.map((e) => e.name),
        EVENTS[tag],
      );
      for (const event of events) {
        assert.match(event.type?.text ?? '', /^Faceio\w+Event$/, `${tag} ${event.name}`);
        assert.ok(event.description, `${tag} ${event.name} has no description`);
      }
    }
  });

  test('slots, CSS parts and CSS custom properties (with defaults)', () => {
    const names = (items: Item[] | undefined) => (items ?? []).map((i) => i.name);
    assert.deepEqual(names(element('faceio-enroll').slots), ['start', 'permission', 'terms', 'intro', 'scan', 'pin', 'reply', 'done', 'failed']);
    assert.deepEqual(names(element('faceio-authenticate').slots), ['start', 'permission', 'scan', 'pin', 'reply', 'done', 'failed']);
    for (const tag of ['faceio-enroll', 'faceio-authenticate']) {
      const parts = names(element(tag).cssParts);
      for (const part of ['base', 'video', 'overlay', 'progress', 'status', 'pin-input', 'primary-button'])
        assert.ok(parts.includes(part), `${tag} lacks part ${part}`);
      const properties = element(tag).cssProperties ?? [];
      assert.ok(properties.length >= 5, `${tag}: CSS custom properties`);
      for (const property of properties) {
        assert.match(property.name, /^--faceio-/);
        assert.ok(property.default && property.description, `${tag} ${property.name}: default and description`);
      }
    }
  });

  test("the README's widget reference names every attribute, property, event, slot, part and custom property", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Embedding the widget\n'), readme.indexOf('\n## The processing node\n'));
    assert.ok(section.length > 1000, 'README.md has a "## Embedding the widget" section before "## The processing node"');
    for (const tag of ['faceio-enroll', 'faceio-authenticate']) {
      const declaration = element(tag);
      const names = [
        ...(declaration.attributes ?? []).flatMap((a) => [a.name, a.fieldName ?? a.name]),
        ...(declaration.members ?? []).filter((m) => !m.privacy && !m.attribute).map((m) => m.name),
        ...(declaration.events ?? []).map((e) => e.name),
        ...(declaration.slots ?? []).map((s) => s.name),
        ...(declaration.cssParts ?? []).map((p) => p.name),
        ...(declaration.cssProperties ?? []).map((p) => p.name),
      ];
      const missing = names.filter((name) => !section.includes(`\`${name}\``) && !section.includes(`\`${name}(`));
      assert.deepEqual(missing, [], `README.md's "Embedding the widget" does not mention these ${tag} names (in backticks)`);
    }
  });

  test('every module reference resolves inside the manifest (or names a package)', () => {
    const paths = new Set(manifest.modules.map((m) => m.path));
    const references: { name: string; module?: string; package?: string }[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      const record = value as Record<string, unknown>;
      if (typeof record['name'] === 'string' && ('module' in record || 'package' in record)) references.push(record as (typeof references)[number]);
      Object.values(record).forEach(walk);
    };
    walk(manifest.modules);
    assert.ok(references.length > 20);
    for (const reference of references) {
      if (reference.package) continue;
      assert.ok(reference.module && paths.has(reference.module), `${reference.name} → ${reference.module}`);
    }
  });

  test('every module path is a file the package ships (package.json `files`), built by `npm run build`', () => {
    const files = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] }).files;
    for (const { path } of manifest.modules) {
      assert.match(path, /^dist\/.*\.js$/, path);
      assert.ok(files.includes(path.split('/')[0]!), `${path} is outside package.json files`);
      assert.ok(existsSync(join(root, path)), `${path} is not in the build (npm test builds it in pretest)`);
      assert.ok(existsSync(join(root, path.replace(/\.js$/, '.d.ts'))), `${path}: no declarations beside it`);
    }
  });
});
