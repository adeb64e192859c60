// The headless Chromium every e2e script drives. The launch flags live here once, so the
// gallery test and the click breakdown time the same browser (no GPU, no background
// networking or updates that could land inside a timed click).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// A persistent context on a fresh profile directory named after `prefix`; the caller removes
// `profile` when done. Env: CHROMIUM (default /usr/bin/chromium).
export async function launchChromium(prefix) {
  const profile = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 960, height: 600 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return { profile, context };
}
