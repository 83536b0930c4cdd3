import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The renderer as the test harness serves it: the same app, entered through the HTTP bridge. */
export default defineConfig({
  root: 'src/ui',
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, 'out-harness/renderer'),
    emptyOutDir: true,
    target: 'es2023',
    rollupOptions: { input: resolve(import.meta.dirname, 'src/ui/harness.html') },
  },
});
