/**
 * Which Chromium the e2e suite and the browser benchmarks drive: `CHROMIUM_PATH` when set, else
 * Debian's `/usr/bin/chromium`, else Playwright's own browser when `npx playwright install
 * chromium` has put one in its cache. With none of them, one line says how to get one and the
 * process exits (no stack trace).
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const DEBIAN = '/usr/bin/chromium';

/** The first Chromium that exists, or a one-line reason why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { error: string } {
  const asked = env.CHROMIUM_PATH;
  if (asked) {
    return existsSync(asked)
      ? { path: asked }
      : {
          error: `CHROMIUM_PATH=${asked} does not exist; point it at a Chromium or Chrome binary, or unset it`,
        };
  }
  if (existsSync(DEBIAN)) return { path: DEBIAN };
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return { path: bundled };
  return {
    error:
      "no Chromium found: set CHROMIUM_PATH to a Chromium or Chrome binary, install Debian's (apt-get install chromium), or run `npx playwright install chromium`",
  };
}

/** The Chromium to launch; prints the reason and exits with status 1 when there is none. */
export function chromiumPath(): string {
  const found = findChromium();
  if ('path' in found) return found.path;
  console.error(found.error);
  process.exit(1);
}
