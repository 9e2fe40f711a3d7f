import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true },
  server: {
    // `npm run dev` talks to a `tracescope serve` on its default port.
    proxy: { '/api': 'http://127.0.0.1:3200', '/jaeger': 'http://127.0.0.1:3200' },
  },
  test: {
    // Playwright specs live in e2e/ and must not be picked up by Vitest.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'bench/**/*.test.ts', 'demo/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
