// Shared helpers for the browser tests: accessibility checks with axe-core and screenshots.
import { expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

export const DEMO_PASSWORD = 'Tinhso@2026';

// Runs axe-core (WCAG 2.1 A and AA rules) and fails on serious or critical violations.
export async function expectAccessible(page: Page, what: string) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    // @ts-expect-error injected global
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `accessibility of ${what}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

// Nothing a person sees should be raw JSON or an English stack trace.
export async function expectNoRawErrors(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('{"error"');
  expect(text).not.toMatch(/Traceback|Exception|undefined|\[object Object\]/);
}

export async function loginOfficial(page: Page, username: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // Each person lands on their own work (the queue, the documents, the administration).
  await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
}

// Nothing may make a phone user scroll sideways.
export async function expectNoHorizontalScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, 'page width').toBeLessThanOrEqual(width);
}

// What every screen must pass: no raw errors, no sideways scroll, WCAG 2.1 AA, and a screenshot.
export async function check(page: Page, name: string) {
  await expectNoRawErrors(page);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

// Who works where, looked up as an administrator would: a unit's id by its code, and the first
// official with `role` in a unit.
export async function unitIdOf(admin: Page, code: string): Promise<number> {
  return (await (await admin.request.get(`/api/v1/units?q=${code}`)).json()).items[0].id as number;
}
export async function officialOf(admin: Page, unit: number, role: string): Promise<string> {
  return (await (await admin.request.get(`/api/v1/officials?unit_id=${unit}&role=${role}`)).json()).items[0].username as string;
}
