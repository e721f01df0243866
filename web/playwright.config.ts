// Browser tests against a running tinhso (scripts/test starts one with the demo province and
// sets TINHSO_BASE_URL). Debian's Chromium, headless; Playwright never downloads a browser.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.TINHSO_BASE_URL ?? 'http://127.0.0.1:8080',
    // Lets the tests inject axe-core; the CSP itself is checked by the server's tests.
    bypassCSP: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        '--lang=vi-VN',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
