// Storybook 10, configured by hand (no `storybook init`): the phase and error stories in stories/.
// Nothing may be fetched from outside the npm registry (TOOLCHAIN.md): telemetry and the "what's
// new" feed are off here, the update check by `--no-version-updates` in `npm run storybook`.
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // Lit's legacy decorators need these two, as in tsconfig.json: with standard class fields
      // the @property() accessors would be shadowed and the elements would never update.
      esbuild: { tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } } },
      // The stories import only the elements; MediaPipe's and ORT's code loads from the node's
      // /sdk/ at run time (Live story), never from this build.
      build: { chunkSizeWarningLimit: 2048 },
      // Dev server: the renderer imports lit/directive-helpers.js from outside the pre-bundled
      // deps; pre-bundled with the rest of Lit, the page loads one Lit instead of two.
      optimizeDeps: { include: ['lit/directive-helpers.js'] },
    }),
};

export default config;
