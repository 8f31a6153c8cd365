// Screenshots the end-to-end tests take and check: each saved under node/.cache/screenshots/ (for
// a person to look at), and asserted — the elements a screen must show are visible and lie inside
// the viewport (nothing cut off at 390 px), and the page does not scroll sideways.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../.cache/screenshots');

/** Desktop and phone widths the screens are checked at. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/** Asserts each locator is visible and, scrolled to, its box fits inside the viewport (1 px tolerance). */
export async function assertInViewport(page: Page, what: Record<string, Locator>): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const [name, locator] of Object.entries(what)) {
    await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
    // Scrolled to, as a person would: what matters is that it fits the viewport, not that it is above the fold.
    await locator.first().scrollIntoViewIfNeeded();
    const box = await locator.first().boundingBox();
    assert.ok(box, `${name}: no box`);
    assert.ok(box.width > 0 && box.height > 0, `${name}: empty box`);
    assert.ok(
      box.x >= -1 && box.y >= -1 && box.x + box.width <= viewport.width + 1 && box.y + box.height <= viewport.height + 1,
      `${name} lies outside the ${viewport.width}×${viewport.height} viewport: ${JSON.stringify(box)}`,
    );
  }
  const scroll = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll.width <= scroll.client + 1, `the page scrolls sideways (${scroll.width} > ${scroll.client})`);
}

/** Saves a full-viewport screenshot as <name>.png; returns its path. */
export async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}
