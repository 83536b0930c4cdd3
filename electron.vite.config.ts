import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The record reader's worker thread: src/core/import/exportRecords.ts looks for it beside
          // the core's chunk, where paths relative to the code (resources/) also hold.
          exportRecordsWorker: resolve(import.meta.dirname, 'src/core/import/exportRecordsWorker.ts'),
        },
        output: { entryFileNames: (chunk) => (chunk.name === 'exportRecordsWorker' ? 'chunks/[name].js' : '[name].js') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module.
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/ui',
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: resolve(import.meta.dirname, 'src/ui/index.html') },
    },
  },
});
