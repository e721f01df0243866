// The foundation's journeys: an official logs in through the UI and computes a due date;
// citizens register; errors are shown in Vietnamese; pages pass axe-core at phone and desktop
// widths; everything works from the keyboard.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, expectNoRawErrors, loginOfficial, screenshot } from './helpers';

test('an official logs in and computes a due date across Tết', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cổng dịch vụ công');
  await expect(page.locator('.brand small')).toHaveText('Tỉnh An Khang');
  // The home uses the width: the most used procedures beside the centre's news; the footer
  // has the hotline and addresses.
  await expect(page.getByRole('heading', { name: 'Thủ tục được quan tâm nhiều' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tin tức, thông báo' })).toBeVisible();
  await expect(page.locator('footer')).toContainText('Đường dây nóng');
  await expect(page.locator('footer')).toContainText('Trung tâm Phục vụ hành chính công tỉnh An Khang');
  await expectAccessible(page, 'home');
  await screenshot(page, 'home-1280');

  await page.getByRole('link', { name: 'Cán bộ đăng nhập' }).click();
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // The system administrator lands on the administration; the account page is in the menu.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quản trị hệ thống');
  await page.goto('/tai-khoan');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài khoản của tôi');
  await expect(page.getByText('Võ Minh Khoa').first()).toBeVisible();
  await expect(page.getByText('Quản trị hệ thống — Sở Khoa học và Công nghệ')).toBeVisible();
  await expectAccessible(page, 'account');

  await page.getByRole('link', { name: 'Lịch và thời hạn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch và thời hạn giải quyết');
  await page.getByLabel('Ngày dương lịch', { exact: true }).fill('2026-02-17');
  await expect(page.getByTestId('lunar-result')).toContainText('Ngày 1 tháng 1 năm Bính Ngọ');
  await page.getByLabel('Ngày tiếp nhận').fill('2026-02-13');
  await page.getByLabel('Giờ tiếp nhận').fill('16:00');
  await page.getByLabel('Số ngày làm việc').fill('3');
  await page.getByRole('button', { name: 'Tính hạn' }).click();
  await expect(page.getByTestId('due-result')).toContainText('16 giờ 00 phút, ngày 25 tháng 02 năm 2026');
  await page.getByLabel('Năm', { exact: true }).selectOption('2026');
  await expect(page.getByRole('cell', { name: 'Tết Nguyên đán Bính Ngọ (mùng 1)' })).toBeVisible();
  await expectAccessible(page, 'calendar');
  await expectNoRawErrors(page);
  await screenshot(page, 'calendar-1280');
});

test('wrong passwords get a Vietnamese message, never raw JSON', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Tên đăng nhập hoặc mật khẩu không đúng');
  await expect(alert).toBeFocused();
  await expectNoRawErrors(page);
  await expectAccessible(page, 'login error');
});

test('a citizen registers on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/cong-dan/dang-ky');
  await expectAccessible(page, 'registration');
  await page.getByLabel('Họ và tên').fill('Trần Thị Mai');
  await page.getByLabel('Số căn cước công dân').fill('012');
  await page.getByLabel('Số điện thoại di động').fill('0976' + String(Date.now()).slice(-6));
  await page.getByLabel('Mật khẩu', { exact: true }).fill('Mai@2026xyz');
  await page.getByLabel('Nhập lại mật khẩu').fill('Mai@2026xyz');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.getByText('Số CCCD gồm 12 chữ số (hoặc CMND 9 chữ số).')).toBeVisible();
  await screenshot(page, 'register-error-360');
  await page.getByLabel('Số căn cước công dân').fill('047190001234');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài khoản của tôi');
  // The menu collapses on a phone and opens from its button.
  await page.getByRole('button', { name: 'Danh mục' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await screenshot(page, 'account-menu-360');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('keyboard only: skip link, login and the due-date form', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Bỏ qua để đến nội dung chính' })).toBeFocused();
  await page.getByLabel('Tên đăng nhập').focus();
  await page.keyboard.type('lanhdao.stp');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  // A leader lands on the dossiers waiting for them.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ công việc');
  await page.goto('/lich');
  await page.getByLabel('Số ngày làm việc').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('due-result')).toContainText('Hạn trả kết quả');
});

test('unknown pages say so in Vietnamese', async ({ page }) => {
  await page.goto('/khong-co-trang-nay');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await expectAccessible(page, '404');
});

test('logged-in officials see their account after a reload', async ({ page }) => {
  await loginOfficial(page, 'vanthu.ubndtinh');
  // A clerk lands on the documents; the account page survives a reload.
  await expect(page).toHaveURL(/\/van-ban/);
  await page.goto('/tai-khoan');
  await page.reload();
  await expect(page.getByText('Văn thư — Văn phòng Ủy ban nhân dân tỉnh')).toBeVisible();
});

test('reloads and deep links with the cache on, in an English-language browser abroad', async ({ browser }) => {
  // A Vietnamese working abroad: English Chromium, a US time zone, the browser cache on.
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/Los_Angeles', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const blocked: string[] = [];
  const watch = (p: typeof page) =>
    p.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
    });
  watch(page);
  await page.goto('/cong-dan/dang-nhap');
  await page.getByLabel('Số điện thoại hoặc thư điện tử').fill('0912345678');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ của tôi');
  const link = page.getByRole('link', { name: /^000\./ }).first();
  const href = (await link.getAttribute('href')) ?? '';
  const code = (await link.innerText()).trim();

  // Reloading revalidates the page (304 from the cache): it must still run its scripts.
  let revalidated = 0;
  page.on('request', async (r) => {
    if (r.resourceType() === 'document' && (await r.allHeaders())['if-none-match']) revalidated++;
  });
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ của tôi');
  }
  expect(revalidated, 'reloads revalidate the cached page').toBeGreaterThan(0);

  // The dossier's address opened in a second tab, then reloaded.
  const tab = await context.newPage();
  watch(tab);
  await tab.goto(href);
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${code}`);
  await tab.reload();
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${code}`);
  // Times in Vietnam, day first, 24 hours — not the browser's 12/3/2026, 2:05 PM.
  const submitted = tab.locator('dt', { hasText: 'Ngày nộp' }).locator('xpath=following-sibling::dd[1]');
  await expect(submitted).toHaveText(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
  await expect(tab.locator('body')).not.toContainText(/\b(AM|PM)\b/);

  // Date fields read and show day first: 17/02/2026 is Tết Bính Ngọ, not the 2nd of the 17th month.
  await tab.goto('/lich');
  const day = tab.getByLabel('Ngày dương lịch', { exact: true });
  await day.fill('17/02/2026');
  await expect(tab.getByTestId('lunar-result')).toContainText('Ngày 1 tháng 1 năm Bính Ngọ');
  await day.blur();
  await expect(day).toHaveValue('17/02/2026');
  await day.fill('02/17/2026');
  await day.blur();
  await expect(tab.getByText('Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm')).toBeVisible();
  expect(blocked).toEqual([]);
  await context.close();
});

test('a page whose data fails to load says why in Vietnamese and loads on retry; a slow old answer never replaces a newer one', async ({ page }) => {
  // The first catalog request is lost on the way (a flaky mobile connection).
  let failed = false;
  await page.route(/\/api\/v1\/procedures\?/, async (route) => {
    if (!failed) {
      failed = true;
      return route.abort('failed');
    }
    return route.continue();
  });
  await page.goto('/thu-tuc');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Không kết nối được tới máy chủ');
  await alert.getByRole('button', { name: 'Thử lại' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Tìm thấy \d+ thủ tục\.$/ })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The catalogue pages by cursor: "Xem thêm" adds the next twenty below the first.
  await expect(page.locator('.result-list > li')).toHaveCount(20);
  await page.getByRole('button', { name: /^Xem thêm thủ tục/ }).click();
  await expect(page.locator('.result-list > li')).toHaveCount(40);
  // The filters' words are the server's (GET /api/v1/vocabularies), not copies in the page.
  await expect(page.getByLabel('Cấp thực hiện').locator('option', { hasText: 'Cấp xã' })).toHaveCount(1);
  await page.unroute(/\/api\/v1\/procedures\?/);

  // The public statistics of one year are slow; the person picks another year meanwhile. The
  // late answer for the first year must not be shown for the second.
  const year = new Date().getFullYear();
  await page.route(new RegExp(`/api/v1/public/statistics\\?year=${year}`), async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue().catch(() => {}); // aborted by the page: nothing to answer
  });
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/public/statistics')) seen.push(new URL(r.url()).searchParams.get('year') ?? '');
  });
  await page.goto('/thong-ke');
  await page.getByLabel('Năm').selectOption(String(year - 1));
  await expect(page.getByRole('heading', { name: 'Theo cơ quan' })).toBeVisible();
  await page.waitForTimeout(2000); // the slow answer for this year has come and gone
  await expect(page.locator('table caption').first()).toContainText(String(year - 1));
  expect(seen).toContain(String(year));
});
