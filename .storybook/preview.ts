/// <reference types="vite/client" />
// Controls from the manifest (custom-elements.json, generated from the elements' JSDoc by the
// analyzer): attributes, slots, events (as actions), CSS custom properties and parts. The
// playground still works without the file, only with controls inferred from each story's args.
import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';

type Member = { kind?: string; name?: string; privacy?: string; readonly?: boolean; static?: boolean; attribute?: string; type?: { text?: string } };
type Declaration = { tagName?: string; members?: Member[]; attributes?: Member[] };
type Manifest = { modules?: Array<{ declarations?: Declaration[] }> };

// A glob, not an import: a missing file gives an empty object instead of a build error.
const found = import.meta.glob<Manifest>('../custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(found)[0];

/** `number | undefined` → `number` (a number control); `unknown` (the JSON payload) → `object`. */
const controlType = (text: string | undefined): string | undefined => {
  const plain = text?.replace(/\s*\|\s*undefined\b/g, '').trim();
  return plain === 'unknown' ? 'object' : plain;
};
const PRIMITIVE = new Set(['string', 'number', 'boolean']);

/**
 * The manifest as controls should see it: each attribute once (its property twin dropped), public
 * writable properties without an attribute (`qualityHints`), nothing private, protected,
 * read-only or not editable (`actors`, the controllers).
 */
function forControls(source: Manifest): Manifest {
  const copy = structuredClone(source);
  for (const declaration of copy.modules?.flatMap((m) => m.declarations ?? []) ?? []) {
    if (!declaration.tagName) continue;
    declaration.members = (declaration.members ?? [])
      .filter((m) => m.kind === 'field' && !m.privacy && !m.readonly && !m.static && !m.attribute && PRIMITIVE.has(controlType(m.type?.text) ?? ''))
      .map((m) => ({ ...m, type: { text: controlType(m.type?.text) } }));
    declaration.attributes = (declaration.attributes ?? []).map((a) => ({ ...a, type: { text: controlType(a.type?.text) } }));
  }
  return copy;
}

if (manifest) setCustomElementsManifest(forControls(manifest));

type Enhancer = NonNullable<Preview['argTypesEnhancers']>[number];

/**
 * `--faceio-*` custom properties get a colour picker when their default is a colour, text
 * otherwise; events (logged as actions) and parts are documentation, not controls.
 */
const manifestControls: Enhancer = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      if (category === 'events' || category === 'css shadow parts') return [name, { ...argType, control: false }];
      if (!name.startsWith('--')) return [name, argType];
      const fallback = String(argType.table?.defaultValue?.summary ?? '');
      return [name, { ...argType, control: { type: /^(#|rgb|hsl)/.test(fallback) ? 'color' : 'text' } }];
    }),
  );

const preview: Preview = {
  argTypesEnhancers: [manifestControls],
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
  },
};

export default preview;
