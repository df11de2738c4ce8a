import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Three builds: the main process (Electron entry + the headless host, both Node), the
 * sandboxed preload (one CommonJS file), and the React renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'electron/main.ts'),
          host: resolve(__dirname, 'electron/host/cli.ts'),
          // the worker thread that parses untrusted spreadsheets (electron/excel/read/read-workbook.ts finds it here)
          'excel-parse-worker': resolve(__dirname, 'electron/excel/read/parse-worker.ts'),
        },
        external: ['electron', 'better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      // a sandboxed preload can require only 'electron': bundle zod and the contract into it
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
      chunkSizeWarningLimit: 4000,
    },
  },
});
