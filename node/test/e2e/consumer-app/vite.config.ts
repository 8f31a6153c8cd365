import { defineConfig } from 'vite';

// No React plugin needed: esbuild compiles the JSX (React 19's automatic runtime).
export default defineConfig({ esbuild: { jsx: 'automatic' }, build: { outDir: 'dist', emptyOutDir: true } });
