// Reorganisation of units in the browser, as the province's IT staff does it on a phone with an
// English-language browser: a deep link survives a reload; a plan with problems is refused with
// every problem in Vietnamese; the corrected plan runs in the background to 100 %; the tree then
// shows the merged communes as ended. Runs last (it ends two communes of the demo province, as
// a province may again merge communes formed in 2025).
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, expectNoHorizontalScroll, expectNoRawErrors, screenshot } from './helpers';

const COMMUNES = ['000.00.98.H47', '000.00.99.H47'];
const NEW_COMMUNE = '000.00.23.H47';

function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

test('an administrator merges two communes into one from a phone', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await page.goto('/dang-nhap?next=/quan-tri/sap-xep-don-vi');
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
  await page.goto('/quan-tri/sap-xep-don-vi');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sắp xếp đơn vị hành chính');

  // The communes with their divisions and centres, read as the page itself would.
  const units: string[] = [];
  for (const code of COMMUNES) {
    const found = await (await page.request.get(`/api/v1/units?q=${code}`)).json();
    const commune = found.items.find((u: { code: string }) => u.code === code);
    const children = await (await page.request.get(`/api/v1/units?parent_id=${commune.id}`)).json();
    units.push(...children.items.map((u: { code: string }) => u.code), code);
  }
  const plan = {
    title: 'Sắp xếp đơn vị hành chính cấp xã',
    legal_basis: 'Nghị quyết số 1234/NQ-UBTVQH15',
    effective_on: todayInVietnam(),
    new_units: [{ code: NEW_COMMUNE, name: 'Ủy ban nhân dân xã Thống Nhất', level: 'commune', kind: 'commune', parent_code: '000.00.00.H47' }],
    merges: [{ units, into: NEW_COMMUNE }],
  };

  // Without a decision for the officials: refused, every problem listed, nothing applied.
  await page.getByLabel('Nội dung phương án').fill(JSON.stringify(plan, null, 2));
  await page.getByRole('button', { name: 'Chạy thử' }).click();
  const problems = page.getByTestId('plan-problems');
  await expect(problems).toContainText('cần chỉ định đơn vị tiếp nhận cán bộ');
  await expect(page.getByRole('button', { name: 'Xác nhận thực hiện' })).toBeDisabled();
  await expectNoRawErrors(page);
  await expectNoHorizontalScroll(page);
  await screenshot(page, 'reorganisation-problems-360');

  // Decided: the dry run says what moves; accepted, it runs to the end.
  await page.getByLabel('Nội dung phương án').fill(JSON.stringify({ ...plan, merges: [{ units, into: NEW_COMMUNE, staff_to: NEW_COMMUNE }] }, null, 2));
  await page.getByRole('button', { name: 'Chạy thử' }).click();
  await expect(page.getByTestId('reorganisation-report')).toContainText('Phương án hợp lệ');
  await expect(page.getByTestId('reorganisation-report')).toContainText('Cán bộ, công chức');
  await expectAccessible(page, 'reorganisation dry run');
  await page.getByRole('button', { name: 'Xác nhận thực hiện' }).click();
  await expect(page.getByRole('status').first()).toContainText('Đã ghi nhận phương án');
  // This plan's row (the demo's own reorganisations of 2025 are listed below it, long applied).
  const row = page.getByRole('row', { name: /1234\/NQ-UBTVQH15/ });
  await expect(row.getByRole('cell', { name: 'Đã thực hiện' })).toBeVisible({ timeout: 30_000 });
  await expect(row.getByRole('progressbar')).toHaveAttribute('value', '100');
  await expectNoHorizontalScroll(page);
  await screenshot(page, 'reorganisation-applied-360');

  // The tree shows the communes as ended, and the new commune under the province.
  await page.goto('/quan-tri/don-vi');
  await expect(page.locator('.tree code', { hasText: NEW_COMMUNE })).toBeVisible();
  await page.getByLabel(/Hiện cả đơn vị đã kết thúc/).check();
  const ended = page.locator('.tree li', { has: page.locator('code', { hasText: COMMUNES[0] }) }).first();
  await expect(ended).toContainText('Đã kết thúc ngày');
  await expectAccessible(page, 'units with ended ones');
  await context.close();
});
