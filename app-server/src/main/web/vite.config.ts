import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Maven build runs `npm run build`; the output lands in the server's classpath under /web so the
// jar carries the UI. Hashed file names under /assets let the server cache them for a year.
export default defineConfig({
  plugins: [svelte()],
  base: '/',
  build: {
    outDir: '../../../target/classes/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
  // `npm run dev` serves the UI with hot reload against a running server (default: the local one).
  server: {
    proxy: {
      '/api': { target: process.env.FRAMEWISE_URL ?? 'http://127.0.0.1:8642', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
