import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Config for the command-line tools run with vite-node (scan, benchmarks, generators): the
// same `@/` alias as the extension, so they import the real modules and data.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('..', import.meta.url)) } },
  logLevel: 'error',
});
