import { defineConfig } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';

// SvelteKit 3 takes its configuration through the Vite plugin (svelte.config.js is gone).
// A pure SPA: every route falls back to index.html and renders in the browser; the edge
// worker serves web/build as static assets next to /v1/*.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ fallback: 'index.html', strict: false }),
      compilerOptions: { runes: true },
    }),
  ],
  // the SPA imports the domain from ../shared
  server: { fs: { allow: ['..'] } },
  build: { target: 'es2022' },
  worker: { format: 'es' },
});
