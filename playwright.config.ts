import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/chromium-path.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4391);

export default defineConfig({
  testDir: 'e2e',
  // Sends the seed traces through the OpenTelemetry SDK to the embedded backend below.
  globalSetup: './e2e/support/globalSetup.ts',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      // The system Chromium (never a download), with the flags this closed network needs.
      executablePath: chromiumPath() ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    // The real embedded backend (OTLP receiver + DuckDB + APIs) serving the built app.
    command: 'node scripts/e2e-serve.mjs',
    url: `http://127.0.0.1:${PORT}/api/tracescope/sources`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
