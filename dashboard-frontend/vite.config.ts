import { defineConfig } from 'vite';

// The pages are built into target/classes/static: Maven packs them into this module's jar, which
// puts them on the dashboard backend's class path, where Spring serves static/.
export default defineConfig({
  base: './',
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev` against a running backend: bin/scoring dashboard ... --port 8080
    proxy: { '/api': 'http://localhost:8080', '/login': 'http://localhost:8080', '/logout': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
});
