import { defineConfig } from '@playwright/test';
import { chromiumPath } from './e2e/chromium';
import { suiteThrottle } from './e2e/throttle';

/**
 * End-to-end tests drive the built app (vite build + preview: the real minified bundle) in
 * Chromium with WebGPU enabled through SwiftShader: `CHROMIUM_PATH`, else Debian's
 * /usr/bin/chromium, else Playwright's own browser if installed (e2e/chromium.ts).
 * `E2E_CPU_THROTTLE=4` runs every page 4× slower (Chromium CPU throttling, e2e/fixtures.ts), as
 * on a slower machine; test and expect timeouts grow by the same factor.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** E2E_PORT lets two checkouts run their suites side by side (default 4173). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
const ORIGIN = `http://localhost:${E2E_PORT}`;
/** The suite-wide CPU slowdown (1 = none). */
export const E2E_CPU_THROTTLE = suiteThrottle();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  // Sized for a machine three times slower than the 2-core dev box under load (its longest
  // test takes ~50 s there); only a hang reaches it.
  timeout: 360_000 * E2E_CPU_THROTTLE,
  expect: { timeout: 60_000 * E2E_CPU_THROTTLE },
  reporter: [['list']],
  use: {
    baseURL: ORIGIN,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_FLAGS,
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: `npm run build && npx vite preview --port ${E2E_PORT} --strictPort`,
    url: ORIGIN,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
  },
});
