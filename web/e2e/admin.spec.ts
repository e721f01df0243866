// Administration in the browser: the organisation tree, officials and roles, a procedure's
// internal process (validated as it is edited, saved as a new version), the holiday calendar,
// API tokens and the notification outbox. Each page passes axe-core.
import { expect, test } from '@playwright/test';
import { expectAccessible, expectNoRawErrors, loginOfficial, screenshot } from './helpers';

test('administrators manage units, officials, a procedure process, the calendar and tokens', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginOfficial(page, 'admin');
  await page.getByRole('link', { name: 'Quản trị', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quản trị hệ thống');
  await expectAccessible(page, 'admin home');

  // Units: the tree with codes; a wrong code is refused in Vietnamese, a right one added.
  await page.getByRole('link', { name: 'Cơ cấu tổ chức' }).click();
  await expect(page.locator('.tree code', { hasText: '000.00.00.H47' })).toBeVisible();
  const parent = page.getByLabel('Đơn vị cấp trên');
  await parent.selectOption({ label: '— Sở Tư pháp (000.00.03.H47)' });
  await page.getByLabel('Mã định danh').fill('abc');
  await page.getByLabel('Tên đơn vị').fill('Phòng Bổ trợ tư pháp');
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoRawErrors(page);
  const code = `000.${String(Date.now() % 90 + 10)}.03.H47`;
  await page.getByLabel('Mã định danh').fill(code);
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(page.getByRole('status')).toContainText('Đã thêm đơn vị Phòng Bổ trợ tư pháp');
  await expectAccessible(page, 'admin units');
  await screenshot(page, 'admin-units-1280');

  // Officials: a new account gets a temporary password shown once, then a role.
  await page.goto('/quan-tri/can-bo');
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: '— Sở Tư pháp (000.00.03.H47)' });
  await expect(page.getByRole('heading', { name: /Cán bộ của đơn vị/ })).toBeVisible();
  const username = `canbo${Date.now() % 100000}`;
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Họ và tên').fill('Đặng Thu Trang');
  await page.getByLabel('Chức vụ').fill('Chuyên viên');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByRole('status')).toContainText('Mật khẩu tạm thời');
  await page.getByLabel('Vai trò mới cho Đặng Thu Trang').selectOption('specialist');
  await page.getByRole('row', { name: /Đặng Thu Trang/ }).getByRole('button', { name: 'Giao' }).click();
  await expect(page.getByRole('status')).toContainText('Đã giao vai trò Chuyên viên cho Đặng Thu Trang');
  await expect(page.getByRole('row', { name: /Đặng Thu Trang/ })).toContainText('Chuyên viên — Sở Tư pháp');
  await expectAccessible(page, 'admin officials');
  await screenshot(page, 'admin-officials-1280');

  // A procedure's process: shares must add up to 100% and the last step is a leader's.
  await page.goto('/quan-tri/thu-tuc?q=' + encodeURIComponent('ly lich tu phap'));
  await page.getByRole('link', { name: /^Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sửa thủ tục');
  await page.getByRole('button', { name: 'Thêm bước' }).click();
  const problems = page.getByTestId('process-problems');
  await expect(problems).toContainText('cần tên bước');
  await expect(problems).toContainText('Bước cuối của quy trình là lãnh đạo phê duyệt');
  await expect(page.getByRole('button', { name: 'Lưu phiên bản mới' })).toBeDisabled();
  await expectAccessible(page, 'admin procedure editor');
  await screenshot(page, 'admin-procedure-invalid-1280');
  const steps = await page.locator('.step-row').count();
  await page.getByRole('button', { name: `Xóa bước ${steps}` }).click();
  await expect(problems).toHaveCount(0);
  await page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
  await expect(page.getByRole('status')).toContainText('Đã lưu phiên bản');

  // The holiday calendar of a year is saved as its decision.
  await page.goto('/quan-tri/lich');
  await expect(page.getByLabel('Văn bản quyết định')).not.toHaveValue('');
  await page.getByRole('button', { name: /Lưu lịch năm/ }).click();
  await expect(page.getByRole('status')).toContainText('Đã lưu lịch nghỉ năm');
  await expectAccessible(page, 'admin calendar');

  // API tokens: the secret once, then revoked.
  await page.goto('/quan-tri/token');
  await page.getByLabel('Tên hệ thống kết nối').fill('Hệ thống quản lý văn bản');
  await page.getByRole('button', { name: /Tạo khóa/ }).click();
  await expect(page.getByTestId('token-secret')).not.toBeEmpty();
  await page.getByRole('button', { name: 'Thu hồi khóa Hệ thống quản lý văn bản' }).first().click();
  await expect(page.getByRole('button', { name: 'Thu hồi khóa Hệ thống quản lý văn bản' })).toHaveCount(0);
  await expectAccessible(page, 'admin tokens');

  await page.goto('/quan-tri/thong-bao');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông báo và đồng bộ');
  await expect(page.getByRole('heading', { name: 'Cấu hình gửi' })).toBeVisible();
  await expect(page.getByText('Chưa bật').first()).toBeVisible();
  await expectAccessible(page, 'admin outbox');
  await expectNoRawErrors(page);
});

test('people without an administrator role are told where to go', async ({ page }) => {
  await loginOfficial(page, 'chuyenvien.stp');
  await page.goto('/quan-tri/can-bo');
  await expect(page.getByText('Trang này dành cho quản trị hệ thống')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Quản trị', exact: true })).toHaveCount(0);
});
