/**
 * End-to-end tests drive the built renderer in web mode (vite preview of dist/) in Chromium.
 * Chromium is found from CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own build;
 * with none of them the run stops at once with one clear message instead of hanging.
 */
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined; // Playwright's own browser: no override needed
  } catch {
    /* fall through */
  }
  throw new Error('No Chromium found for the end-to-end tests. Install Debian\'s chromium (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.');
}

const executablePath = findChromium();
const PORT = Number(process.env.E2E_PORT ?? 4174);
// E2E_DIST lets several people test their own builds side by side (vite build --outDir X).
const OUT_DIR = process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : '';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
    acceptDownloads: true,
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort${OUT_DIR}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
