import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The renderer is one static bundle: Electron loads dist/index.html through its app:// protocol,
// web mode serves the same files from any static server (vite preview).
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'renderer/index.html'),
        bench: resolve(import.meta.dirname, 'renderer/bench.html'),
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
