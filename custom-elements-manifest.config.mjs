// custom-elements.json (CONVENTIONS habit 6): generated from the elements' JSDoc by
// `npm run analyze` (cem analyze --litelement), committed, and checked by test/manifest.test.ts.
import { posix } from 'node:path';

/**
 * Two fixes to what the analyzer 0.11 writes for this code base:
 * - It infers events from `this.dispatchEvent(new FaceioErrorEvent(detail))` in the base class but
 *   cannot name them (it takes the argument's identifier, "detail", or nothing). The elements' class
 *   JSDoc `@event` tags are the documentation, so those unnamed, undescribed guesses are dropped.
 * - References it builds from import specifiers point at `/src/….js` or `./….js`, while modules are
 *   listed as `src/….ts`; and a name it cannot find an import for is attributed to the referring module (the
 *   global `Event` superclass, the define modules' re-exported classes). References are rewritten
 *   to the module that declares the name, or to `global:` when none does.
 * Last, every path is rewritten to the shipped file (src/x.ts → dist/x.js): the package ships dist/.
 */
function openfaceioFixes() {
  return {
    name: 'openfaceio-fixes',
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (!declaration.events) continue;
        declaration.events = declaration.events.filter((event) => event.name && event.description);
        if (declaration.events.length === 0) delete declaration.events;
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = new Map(customElementsManifest.modules.map((m) => [m.path, m]));
      const fixReference = (reference, ownPath) => {
        if (!reference || typeof reference.module !== 'string') return;
        let path = reference.module.startsWith('.') ? posix.join(posix.dirname(ownPath), reference.module) : reference.module.replace(/^\//, '');
        if (!modules.has(path) && modules.has(path.replace(/\.js$/, '.ts'))) path = path.replace(/\.js$/, '.ts');
        const declares = (modulePath) => modules.get(modulePath)?.declarations?.some((d) => d.name === reference.name);
        if (path !== ownPath || declares(path)) return void (reference.module = path);
        const home = [...modules.keys()].find(declares);
        if (home) reference.module = home;
        else {
          delete reference.module;
          reference.package = 'global:';
        }
      };
      const walk = (value, ownPath) => {
        if (Array.isArray(value)) return value.forEach((item) => walk(item, ownPath));
        if (!value || typeof value !== 'object') return;
        if (typeof value.name === 'string' && typeof value.module === 'string') fixReference(value, ownPath);
        for (const child of Object.values(value)) walk(child, ownPath);
      };
      for (const moduleDoc of customElementsManifest.modules) walk(moduleDoc, moduleDoc.path);
      // Last: the package ships dist/ (tsc's output, one file per source), so every module path and
      // reference names the shipped file, as tools that read `customElements` expect.
      const shipped = (path) => path.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');
      const toShipped = (value) => {
        if (Array.isArray(value)) return value.forEach(toShipped);
        if (!value || typeof value !== 'object') return;
        for (const key of ['path', 'module']) if (typeof value[key] === 'string') value[key] = shipped(value[key]);
        Object.values(value).forEach(toShipped);
      };
      toShipped(customElementsManifest.modules);
    },
  };
}

export default {
  litelement: true,
  // The define modules give the tag names (their customElements.define calls), the base class the
  // inherited attributes and members, the event modules the event classes.
  globs: [
    'src/faceio-enroll.ts',
    'src/faceio-authenticate.ts',
    'src/faceio-sign-on.ts',
    'src/components/faceio-sign-on/faceio-sign-on.component.ts',
    'src/components/faceio-enroll/faceio-enroll.component.ts',
    'src/components/faceio-authenticate/faceio-authenticate.component.ts',
    'src/components/shared/faceio-flow-element.ts',
    'src/components/shared/events/*.ts',
  ],
  exclude: ['src/server/**', 'src/core/**', 'src/vision/**', 'src/generated/**'],
  // package.json's `customElements` field is set once (npm pkg set customElements=…): left to
  // itself, the analyzer rewrites package.json on every run.
  packagejson: false,
  plugins: [openfaceioFixes()],
};
