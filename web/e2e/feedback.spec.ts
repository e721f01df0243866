// Feedback and petitions in a real browser: an anonymous sender on an English-language 360 px
// phone sends feedback with a photo and keeps the secret link; reception asks a question, which
// the sender answers on the phone, and routes it on a desktop, the
// department's leader drafts and approves the answer; the sender reopens the link (a deep link,
// reloaded with the cache on), reads the answer and rates it; the public list shows the answer
// without the sender's details. The reception office keeps the categories and their answering
// times, and forwards an item outside the province as a draft official document. The send form
// marks a place on the province's map. Every screen passes axe-core and never scrolls sideways.
import { type Browser, type Page, expect, test } from '@playwright/test';
import { check, loginOfficial } from './helpers';

async function official(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await loginOfficial(page, username);
  return page;
}

// A 1×1 PNG, as a phone's camera would send a (much larger) JPEG.
const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

test('an anonymous sender on an English-language phone: send, follow by the secret link, rate the published answer', async ({ browser }) => {
  const stamp = Date.now().toString().slice(-6);
  const title = `Cột đèn nghiêng trước trường học ${stamp}`;
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'en-US' })).newPage();
  // The province's tile server (map.tile_url, scripts/e2e), answered here: the page's policy must
  // let its images through, and nothing else outside is called.
  const tiles: string[] = [];
  await phone.context().route('https://tiles.e2e.invalid/**', (route) => {
    tiles.push(route.request().url());
    return route.fulfill({ contentType: 'image/png', body: photo });
  });
  const outside: string[] = [];
  phone.on('request', (r) => {
    const host = new URL(r.url()).hostname;
    if (r.url().startsWith('http') && host !== '127.0.0.1' && host !== 'tiles.e2e.invalid') outside.push(r.url());
  });
  await phone.goto('/phan-anh/gui');
  await expect(phone.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' })).toBeVisible();
  // Sent without a title: the field says so, nothing is lost.
  await phone.getByLabel('Nội dung').fill('Cột đèn <script>alert(1)</script> nghiêng, có nguy cơ đổ vào học sinh.');
  await phone.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
  await expect(phone.getByRole('alert')).toBeVisible();
  await expect(phone.getByLabel('Nội dung')).toHaveValue(/nguy cơ đổ/);
  await phone.getByLabel('Lĩnh vực').selectOption({ label: 'Giao thông, hạ tầng, điện, nước (trả lời trong 10 ngày làm việc)' });
  await phone.getByLabel('Tiêu đề').fill(title);
  await phone.getByLabel('Họ và tên').fill('Phan Thị Ngọc');
  await phone.getByLabel('Địa chỉ').fill('Phường Hòa Bình');
  await phone.getByLabel('Số điện thoại').fill(`0977${stamp}`);
  await phone.getByLabel(/Ảnh, tài liệu kèm theo/).setInputFiles({ name: 'cot-den.png', mimeType: 'image/png', buffer: photo });
  // A tap on the map marks the place.
  const map = phone.getByTestId('place-map');
  await expect(map.locator('img.leaflet-tile-loaded').first()).toBeVisible();
  await map.click({ position: { x: 150, y: 120 } });
  await expect(phone.getByTestId('place-chosen')).toContainText(/Vị trí: 11\.\d{6}, 108\.\d{6}/);
  expect(tiles.length).toBeGreaterThan(0);
  await check(phone, 'feedback-send-360');
  await phone.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
  const secret = phone.getByTestId('secret-link');
  await expect(secret).toBeVisible();
  const link = (await secret.getAttribute('href')) ?? '';
  const code = decodeURIComponent(link.split('/')[3].split('?')[0]);
  expect(code).toMatch(/^PAKN-\d{4}-\d{6}$/);
  await expect(phone.getByText('Đã đính kèm 1 tệp.')).toBeVisible();
  await check(phone, 'feedback-sent-360');

  // The deep link, reloaded: the sender's own view, the script shown as text.
  await phone.goto(link);
  await phone.reload();
  await expect(phone.getByText('Đã gửi, chờ tiếp nhận').first()).toBeVisible();
  await expect(phone.getByText('<script>alert(1)</script>', { exact: false })).toBeVisible();
  // The place marked, on the map again.
  await expect(phone.getByTestId('place-chosen')).toContainText(/Vị trí: 11\.\d{6}, 108\.\d{6}/);
  await expect(phone.getByTestId('place-map').locator('path.leaflet-interactive')).toHaveCount(1);
  expect(outside).toEqual([]);
  // The photo is there, and only the sender's link opens it.
  const photoLink = phone.getByRole('link', { name: 'cot-den.png' });
  await expect(photoLink).toBeVisible();
  const photoUrl = (await photoLink.getAttribute('href')) ?? '';
  expect((await phone.request.get(photoUrl)).status()).toBe(200);
  expect((await phone.request.get(photoUrl.split('?')[0])).status()).toBe(404);
  await check(phone, 'feedback-track-360');

  // Reception sees the photo and asks the sender a question.
  const clerk = await official(browser, 'vanthu.ubndtinh');
  await clerk.goto('/can-bo/phan-anh');
  await clerk.getByRole('link', { name: code }).click();
  await expect(clerk.getByRole('heading', { level: 1 })).toContainText(code);
  await expect(clerk.getByRole('link', { name: 'cot-den.png' })).toBeVisible();
  await clerk.getByLabel('Thao tác').selectOption('ask');
  await clerk.getByLabel('Câu hỏi gửi người phản ánh, kiến nghị').fill('Cột đèn ở số nhà nào?');
  await clerk.getByRole('button', { name: 'Thực hiện' }).click();
  await expect(clerk.getByText('Đang chờ người gửi trả lời câu hỏi')).toBeVisible();

  // The sender answers on the phone.
  await phone.reload();
  await expect(phone.getByRole('form', { name: /cung cấp thêm thông tin/ })).toContainText('Cột đèn ở số nhà nào?');
  await phone.getByLabel('Thông tin bổ sung').fill('Trước số nhà 12 đường Lê Lợi.');
  await phone.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click();
  await expect(phone.locator('.timeline')).toContainText('Trước số nhà 12 đường Lê Lợi.');
  await check(phone, 'feedback-replied-360');

  // Reception reads the reply and routes it to the Department of Justice.
  await clerk.reload();
  await expect(clerk.locator('.timeline')).toContainText('Trước số nhà 12 đường Lê Lợi.');
  await clerk.getByLabel('Thao tác').selectOption('register');
  await clerk.getByLabel('Đơn vị có thẩm quyền xử lý').selectOption({ label: 'Sở Tư pháp' });
  await clerk.getByRole('button', { name: 'Thực hiện' }).click();
  await expect(clerk.getByText('Đang xem xét, xử lý').first()).toBeVisible();
  const itemUrl = clerk.url();
  await check(clerk, 'feedback-office-registered');

  // The department's leader drafts and approves; a reload keeps the page.
  const leader = await official(browser, 'lanhdao.stp');
  await leader.goto(new URL(itemUrl).pathname);
  await leader.reload();
  await leader.getByLabel('Thao tác').selectOption('draft_answer');
  await leader.getByLabel('Nội dung trả lời').fill('Sở đã đề nghị đơn vị quản lý chiếu sáng dựng lại cột đèn trong ngày.');
  await leader.getByRole('button', { name: 'Thực hiện' }).click();
  await expect(leader.getByText('Đã dự thảo trả lời, chờ lãnh đạo duyệt').first()).toBeVisible();
  await leader.getByLabel('Thao tác').selectOption('approve');
  await leader.getByRole('button', { name: 'Thực hiện' }).click();
  await expect(leader.getByText('Đã trả lời').first()).toBeVisible();
  await check(leader, 'feedback-office-answered');

  // The sender reads the answer through the same link and rates it.
  await phone.goto(link);
  await expect(phone.getByTestId('feedback-answer')).toContainText('dựng lại cột đèn');
  await phone.getByLabel('Mức độ hài lòng').selectOption('5');
  await phone.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(phone.getByText('Đã kết thúc').first()).toBeVisible();
  await check(phone, 'feedback-rated-360');

  // The public list: the answer, not the sender.
  const anon = await (await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'en-US' })).newPage();
  await anon.goto(`/phan-anh?q=${encodeURIComponent('cot den nghieng ' + stamp)}`);
  await expect(anon.getByRole('link', { name: title })).toBeVisible();
  await expect(anon.locator('main')).not.toContainText('Phan Thị Ngọc');
  await expect(anon.locator('main')).not.toContainText(`0977${stamp}`);
  await check(anon, 'feedback-public-360');
  await anon.getByRole('link', { name: title }).click();
  await expect(anon.getByTestId('feedback-answer')).toBeVisible();
  await expect(anon.locator('main')).not.toContainText('Phan Thị Ngọc');
});

test('reception reads the figures of a period and issues an Open311 application key, shown once', async ({ browser }) => {
  const clerk = await official(browser, 'vanthu.ubndtinh');
  await clerk.goto('/can-bo/phan-anh');
  await clerk.getByRole('navigation', { name: 'Quản lý phản ánh, kiến nghị' }).getByRole('link', { name: 'Thống kê' }).click();
  await expect(clerk.getByRole('heading', { level: 1, name: 'Thống kê phản ánh, kiến nghị' })).toBeVisible();
  // A deep link with a period, reloaded.
  const year = new Date().getFullYear();
  await clerk.goto(`/can-bo/phan-anh/thong-ke?tu=${year}-01-01&den=${year}-12-31`);
  await clerk.reload();
  await expect(clerk.getByLabel('Từ ngày')).toHaveValue(`01/01/${year}`);
  await expect(clerk.getByRole('heading', { name: 'Theo kênh tiếp nhận' })).toBeVisible();
  const excel = clerk.getByRole('link', { name: 'Tải Excel' });
  const response = await clerk.request.get((await excel.getAttribute('href')) ?? '');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('spreadsheetml');
  await check(clerk, 'feedback-figures');

  await clerk.goto('/can-bo/phan-anh/khoa-ung-dung');
  const name = `Ứng dụng thử ${Date.now().toString().slice(-6)}`;
  await clerk.getByLabel('Tên ứng dụng').fill(name);
  await clerk.getByRole('button', { name: 'Cấp khóa' }).click();
  const secret = (await clerk.getByTestId('app-key-secret').textContent()) ?? '';
  expect(secret).toMatch(/^o311_\d+_/);
  // The key works for Open311 and is listed without its secret.
  const services = await clerk.request.get('/open311/v2/services.json');
  expect(services.status()).toBe(200);
  await expect(clerk.getByRole('cell', { name, exact: true })).toBeVisible();
  await check(clerk, 'feedback-app-keys');
  await clerk.reload();
  await expect(clerk.getByTestId('app-key-secret')).toHaveCount(0);
  await expect(clerk.locator('main')).not.toContainText(secret);
  await clerk.getByRole('button', { name: `Thu hồi khóa ${name}` }).click();
  await expect(clerk.getByRole('row', { name: new RegExp(name) })).toContainText('Đã thu hồi');
  const refused = await clerk.request.post('/open311/v2/requests.json', {
    form: { api_key: secret, service_code: 'khac', description: 'Thử khóa đã thu hồi', address_string: 'Hòa Bình' },
  });
  expect(refused.status()).toBe(403);
});

test("the reception office's leader adds a category with one unit's own answering time, then withdraws it", async ({ browser }) => {
  const admin = await official(browser, 'admin');
  await admin.goto('/can-bo/phan-anh');
  await admin.getByRole('navigation', { name: 'Quản lý phản ánh, kiến nghị' }).getByRole('link', { name: 'Lĩnh vực và thời hạn trả lời' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Lĩnh vực phản ánh, kiến nghị' })).toBeVisible();
  const stamp = Date.now().toString().slice(-6);
  const name = `Công chứng, chứng thực ${stamp}`;
  await admin.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
  // A code with capitals and accents is refused, in Vietnamese, next to the field.
  await admin.getByLabel('Mã (chữ thường không dấu, ví dụ ha_tang)').fill('Công Chứng');
  await admin.getByLabel('Tên lĩnh vực').fill(name);
  await admin.getByRole('button', { name: 'Lưu' }).click();
  await expect(admin.getByText('Mã lĩnh vực gồm 2–40 chữ thường không dấu')).toBeVisible();
  await admin.getByLabel('Mã (chữ thường không dấu, ví dụ ha_tang)').fill(`cong_chung_${stamp}`);
  await admin.getByLabel('Thời hạn trả lời (ngày làm việc)').fill('8');
  await admin.getByRole('button', { name: 'Thêm thời hạn riêng cho một đơn vị' }).click();
  await admin.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Sở Tư pháp' });
  await admin.getByLabel('Số ngày làm việc').fill('3');
  await admin.getByRole('button', { name: 'Lưu' }).click();
  await expect(admin.getByRole('status')).toContainText(`Đã lưu lĩnh vực “${name}”`);
  const row = admin.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('8 ngày làm việc (1 đơn vị có thời hạn riêng)');
  await check(admin, 'feedback-categories');
  // Offered to senders at once; after a reload (cache on) the list still shows it.
  expect((await (await admin.request.get('/api/v1/public/feedback-categories')).text()).includes(name)).toBe(true);
  await admin.reload();
  await admin.getByRole('button', { name: `Sửa lĩnh vực ${name}` }).click();
  await expect(admin.getByLabel('Số ngày làm việc')).toHaveValue('3');
  await admin.getByLabel('Cho phép người dân chọn lĩnh vực này').uncheck();
  await admin.getByRole('button', { name: 'Lưu' }).click();
  await expect(admin.getByRole('row', { name: new RegExp(name) })).toContainText('Đã ngừng');
  expect((await (await admin.request.get('/api/v1/public/feedback-categories')).text()).includes(name)).toBe(false);
});

test('reception forwards an item outside the province as a draft official document, and the sender is told where it went', async ({ browser }) => {
  const stamp = Date.now().toString().slice(-6);
  const clerk = await official(browser, 'vanthu.ubndtinh');
  // Sent from the sender's phone (not signed in).
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'en-US' })).newPage();
  const categories = (await (await phone.request.get('/api/v1/public/feedback-categories')).json()) as { items: { id: number; code: string }[] };
  const sent = await phone.request.post('/api/v1/public/feedback', {
    data: {
      category_id: categories.items.find((c) => c.code === 'ha_tang')!.id,
      title: `Quốc lộ qua tỉnh bạn xuống cấp ${stamp}`,
      content: 'Đoạn quốc lộ thuộc tỉnh Bình Sơn có nhiều ổ gà nguy hiểm.',
      sender: { name: 'Đoàn Thị Hoa', address: 'Xã Tân Phú', phone: `0966${stamp}` },
    },
  });
  expect(sent.status()).toBe(201);
  const { code, token } = (await sent.json()) as { code: string; token: string };
  await clerk.goto('/can-bo/phan-anh');
  await clerk.getByRole('link', { name: code }).click();
  await clerk.getByLabel('Thao tác').selectOption('forward_out');
  await clerk.getByLabel('Lý do').fill('Thuộc thẩm quyền của UBND tỉnh Bình Sơn.');
  await clerk.getByLabel('Mã định danh cơ quan nhận (ví dụ 000.00.00.H48)').fill('000.00.00.H48');
  await clerk.getByLabel('Tên cơ quan nhận').fill('Ủy ban nhân dân tỉnh Bình Sơn');
  await clerk.getByRole('button', { name: 'Thực hiện' }).click();
  const forwarded = clerk.getByTestId('feedback-forwarded');
  await expect(forwarded).toContainText('Chuyển đến Ủy ban nhân dân tỉnh Bình Sơn (000.00.00.H48)');
  await check(clerk, 'feedback-forwarded-out');
  // The draft waits in the outgoing register, with the item's code in its subject.
  await forwarded.getByRole('link').click();
  await expect(clerk.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(clerk.locator('main')).toContainText(code);
  // The sender's page says where it went, without the register's internals.
  await phone.goto(`/phan-anh/theo-doi/${encodeURIComponent(code)}?khoa=${encodeURIComponent(token)}`);
  await expect(phone.getByTestId('feedback-forwarded')).toContainText('Đã chuyển đến Ủy ban nhân dân tỉnh Bình Sơn');
  await expect(phone.getByTestId('feedback-forwarded').getByRole('link')).toHaveCount(0);
  await check(phone, 'feedback-forwarded-360');
});
