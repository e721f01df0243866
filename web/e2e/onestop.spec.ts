// The one-stop journeys in a real browser, across roles, each in its own browser context:
// a citizen submits online → the desk receives → the specialist forwards → the leader approves
// with the result file → the desk returns it → the citizen rates; anyone looks it up by code.
// Then the counter journey, a supplement request answered by the citizen, and a refusal.
// Every page passes axe-core (WCAG 2.1 AA) and is saved as a screenshot.
import { type Browser, type Page, expect, test } from '@playwright/test';
import { check, DEMO_PASSWORD, expectAccessible, expectNoHorizontalScroll, expectNoRawErrors, officialOf, screenshot, unitIdOf } from './helpers';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const CITIZEN = '0912345678';

async function as(browser: Browser, who: string, width = 1280, locale?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  const citizen = /^\d+$/.test(who);
  await page.goto(citizen ? '/cong-dan/dang-nhap' : '/dang-nhap');
  await page.getByLabel(citizen ? 'Số điện thoại hoặc thư điện tử' : 'Tên đăng nhập').fill(who);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // Each person lands on their own work (the queue, the documents, the administration).
  await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
  return page;
}

// Opens a dossier from an official's queue by its code.
async function openFromQueue(page: Page, queue: string, code: string) {
  await page.goto(`/can-bo/ho-so?hang=${queue}&q=${encodeURIComponent(code)}`);
  await page.getByRole('link', { name: code }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${code}`);
}

async function act(page: Page, action: string, fill?: (p: Page) => Promise<void>) {
  await page.getByRole('button', { name: action, exact: true }).click();
  await expect(page.getByRole('heading', { name: action, level: 2 })).toBeFocused();
  if (fill) await fill(page);
  await page.getByRole('button', { name: `Xác nhận: ${action}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Đã thực hiện: ${action}.` })).toBeVisible();
}


interface SubmitOptions {
  // Receive the result by post rather than online.
  byPost?: boolean;
  // Take the first paper from the citizen's document store instead of uploading it.
  fromStore?: boolean;
  // The reply to the submission is lost after the server has acted (a dropped mobile
  // connection): the page sends it again with its Idempotency-Key and gets the same dossier.
  loseFirstReply?: boolean;
  // Submit at this reception point (a unit id) rather than the agency's own desk.
  desk?: number;
  // With `desk`: collect the result in person at the competent agency's own desk instead.
  collectAtAgency?: boolean;
  // The browser's language, when not Vietnamese.
  locale?: string;
}

async function submitOnline(browser: Browser, width = 1280, opts: SubmitOptions = {}): Promise<{ page: Page; code: string }> {
  const page = await as(browser, CITIZEN, width, opts.locale);
  await page.goto('/');
  await page.getByLabel('Tìm thủ tục hành chính').fill('ly lich tu phap');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page.getByRole('status')).toContainText('Tìm thấy');
  await check(page, `procedure-search-${width}`);
  await page.getByRole('link', { name: /^Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam/ }).click();
  await expect(page.getByRole('heading', { name: 'Thành phần hồ sơ' })).toBeVisible();
  await check(page, `procedure-page-${width}`);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();

  // Step 1: the account's details are filled in already.
  await expect(page.getByLabel('Họ và tên')).not.toHaveValue('');
  await expect(page.getByLabel('Số điện thoại')).toHaveValue(CITIZEN);
  await check(page, `submit-1-applicant-${width}`);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  // Step 2: the e-form (tờ khai). A count is a number: words are refused before sending.
  await page.getByLabel('Loại Phiếu yêu cầu cấp').selectOption('Phiếu lý lịch tư pháp số 1');
  await page.getByLabel('Số lượng Phiếu yêu cầu cấp').fill('hai');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByText('Nhập một số (ví dụ 2 hoặc 120,5).')).toBeVisible();
  await page.getByLabel('Số lượng Phiếu yêu cầu cấp').fill('2');
  await page.getByLabel('Mục đích sử dụng Phiếu').fill('Bổ sung hồ sơ xin việc');
  await check(page, `submit-2-form-${width}`);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  // Step 3: papers. Going on without them is refused next to each paper.
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Vui lòng kiểm tra lại');
  const inputs = page.locator('input[type=file]');
  const count = await inputs.count();
  // Every paper chosen at once on a slow connection (each upload held back 400 ms): the uploads
  // overlap, and none may be lost.
  await page.route('**/api/v1/files?*', async (route) => {
    await new Promise((done) => setTimeout(done, 400));
    await route.continue();
  });
  const first = opts.fromStore ? 1 : 0;
  if (opts.fromStore) {
    // A paper sent with an earlier dossier is chosen from the store, not uploaded again.
    const store = page.getByLabel('Hoặc chọn từ kho giấy tờ của bạn').first();
    const stored = (await store.locator('option').nth(1).innerText()).trim();
    await store.selectOption({ index: 1 });
    const fileName = /\(([^()]+)\)$/.exec(stored)?.[1] ?? '';
    await expect(page.getByRole('button', { name: `Bỏ tệp ${fileName}` }).first()).toBeVisible();
  }
  // New names when the store is used, so that an upload is not mistaken for the stored paper.
  const prefix = opts.fromStore ? 'tai-len' : 'giay-to';
  for (let i = first; i < count; i++) {
    await inputs.nth(i).setInputFiles({ name: `${prefix}-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: PDF });
  }
  for (let i = first; i < count; i++) {
    // The remove button, not the name: the name is also in the label of a running upload.
    await expect(page.getByRole('button', { name: `Bỏ tệp ${prefix}-${i + 1}.pdf` })).toBeVisible();
  }
  await page.unroute('**/api/v1/files?*');
  await check(page, `submit-3-papers-${width}`);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  // Step 4: how the result comes back — online by default for a fully online procedure.
  await expect(page.getByRole('radio', { name: /^Trực tuyến/ })).toBeChecked();
  if (opts.byPost) {
    await page.getByRole('radio', { name: /^Qua dịch vụ bưu chính/ }).check();
    await expect(page.getByLabel('Địa chỉ nhận kết quả')).not.toHaveValue('');
  }
  if (opts.desk) {
    // Nghị định 118/2025: any reception point of the province, wherever the citizen lives.
    await page.getByLabel('Nơi tiếp nhận hồ sơ và trả kết quả trực tiếp').selectOption(String(opts.desk));
  }
  if (opts.collectAtAgency) {
    // Nghị định 118/2025: the applicant chooses where to collect the result.
    await page.getByRole('radio', { name: 'Tại bộ phận một cửa' }).check();
    await page.getByRole('radio', { name: /^Tại cơ quan giải quyết/ }).check();
  }
  await check(page, `submit-4-return-${width}`);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByRole('heading', { name: 'Kiểm tra trước khi nộp' })).toBeVisible();
  const keys: string[] = [];
  // The newest dossiers of the account (a new one is always among them).
  const mine = async () => ((await (await page.request.get('/api/v1/my/dossiers?limit=100')).json()).items as { id: number }[]).map((d) => d.id);
  const before = new Set(opts.loseFirstReply ? await mine() : []);
  if (opts.loseFirstReply) {
    await page.route('**/api/v1/my/dossiers', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      await route.fetch(); // the server receives it and makes the dossier…
      await route.abort('connectionreset'); // …and the answer never reaches the phone
    });
  }
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nộp hồ sơ thành công');
  const code = (await page.getByTestId('dossier-code').innerText()).trim();
  // The receiving agency's code: Sở Tư pháp's at its own desk, else the reception point's.
  if (!opts.desk) expect(code).toMatch(/^000\.00\.03\.H47-\d{6}-\d{4}$/);
  if (opts.loseFirstReply) {
    await page.unroute('**/api/v1/my/dossiers');
    expect(keys.length).toBe(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect((await mine()).filter((id) => !before.has(id))).toHaveLength(1); // one dossier, not two
  }
  await check(page, `submit-done-${width}`);
  return { page, code };
}

test('online dossier from submission to rating, across five roles', async ({ browser }) => {
  const { page: citizen, code } = await submitOnline(browser);

  // The provincial desk receives it.
  const desk = await as(browser, 'motcua.tinh');
  await desk.goto('/can-bo/ho-so?hang=desk');
  await expect(desk.getByRole('tab', { name: /Một cửa/ })).toHaveAttribute('aria-selected', 'true');
  await check(desk, 'queue-desk-1280');
  await openFromQueue(desk, 'desk', code);
  await check(desk, 'dossier-desk-1280');
  await act(desk, 'Tiếp nhận hồ sơ');
  // The criminal-record fee is paid before the dossier is handled: the clock waits.
  await expect(desk.getByText('Chờ thực hiện nghĩa vụ tài chính').first()).toBeVisible();
  await expect(desk.getByRole('link', { name: /Mẫu 01/ })).toBeVisible();

  // The citizen pays online (the demo installation's test gateway) and comes back to the dossier.
  await citizen.goto('/ho-so-cua-toi');
  await citizen.getByRole('link', { name: code }).click();
  await expect(citizen.getByRole('heading', { name: 'Phí, lệ phí' })).toBeVisible();
  await expect(citizen.getByText('200.000 đồng')).toBeVisible();
  await citizen.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Cổng thanh toán (thử nghiệm)');
  await expect(citizen.getByText(`Phí, lệ phí hồ sơ ${code}`)).toBeVisible();
  await check(citizen, 'payment-gateway-1280');
  await citizen.getByRole('button', { name: 'Xác nhận thanh toán' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${code}`);
  await expect(citizen.getByRole('status')).toContainText('Đã thanh toán 200.000 đồng. Biên lai điện tử số');
  await expect(citizen.getByText(/đã nộp lúc .* \(trực tuyến\)/)).toBeVisible();
  await check(citizen, 'my-dossier-paid-1280');
  await desk.reload();
  await expect(desk.getByText('Đang xử lý').first()).toBeVisible();

  // The specialist forwards it to the leader.
  const specialist = await as(browser, 'chuyenvien.stp');
  await specialist.goto('/can-bo/ho-so?hang=unit');
  await specialist.getByLabel('Thủ tục (tên hoặc mã)').fill('ly lich tu phap');
  await specialist.getByRole('button', { name: 'Lọc' }).click();
  await expect(specialist.getByText('Đang lọc theo thủ tục: Cấp Phiếu lý lịch tư pháp')).toBeVisible();
  await expect(specialist.getByRole('link', { name: code })).toBeVisible();
  await check(specialist, 'queue-unit-1280');
  await openFromQueue(specialist, 'unit', code);
  await specialist.getByRole('button', { name: 'Xem tệp giay-to-1.pdf' }).click();
  await expect(specialist.getByRole('button', { name: 'Đóng' })).toBeFocused();
  await specialist.getByRole('button', { name: 'Đóng' }).click();
  await act(specialist, 'Chuyển bước tiếp theo', (p) => p.getByLabel('Ý kiến, ghi chú').fill('Hồ sơ hợp lệ, đề nghị phê duyệt.'));
  await check(specialist, 'dossier-forwarded-1280');

    // The leader approves with the signed result. The upload is slow: confirming before it ends
  // is held with a message rather than sent without the file.
  const leader = await as(browser, 'lanhdao.stp');
  await openFromQueue(leader, 'unit', code);
  await act(leader, 'Phê duyệt, ký kết quả', async (p) => {
    const upload = (u: URL) => u.pathname === '/api/v1/files';
    await p.route(upload, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await p.locator('#act-result').setInputFiles({ name: 'phieu-ly-lich-tu-phap.pdf', mimeType: 'application/pdf', buffer: PDF });
    await p.getByRole('button', { name: 'Xác nhận: Phê duyệt, ký kết quả' }).click();
    await expect(p.getByRole('alert').filter({ hasText: 'Tệp "phieu-ly-lich-tu-phap.pdf" đang được tải lên' })).toBeVisible();
    await expect(p.getByRole('button', { name: 'Bỏ tệp phieu-ly-lich-tu-phap.pdf' })).toBeVisible();
    await expect(p.getByRole('alert').filter({ hasText: 'đang được tải lên' })).toHaveCount(0);
    await p.unroute(upload);
  });
  await expect(leader.getByText('Đã có kết quả, chờ trả').first()).toBeVisible();

  // The desk returns the result online, as the citizen asked.
  await openFromQueue(desk, 'desk', code);
  await act(desk, 'Trả kết quả', async (p) => {
    await expect(p.getByText('Người nộp đề nghị nhận kết quả: Trực tuyến')).toBeVisible();
    await expect(p.getByLabel('Trực tuyến')).toBeChecked();
  });
  await expect(desk.getByText('Đã trả kết quả').first()).toBeVisible();
  await check(desk, 'dossier-returned-1280');

  // The citizen downloads the result, signed by the agency, and rates the service.
  await citizen.goto('/ho-so-cua-toi');
  await check(citizen, 'my-dossiers-1280');
  await citizen.getByRole('link', { name: code }).click();
  await expect(citizen.getByRole('link', { name: /Tải kết quả giải quyết/ })).toBeVisible();
  await expect(citizen.getByText(/^Chữ ký số của cơ quan: .*Sở Tư pháp/)).toBeVisible();
  await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(citizen.getByRole('alert')).toContainText('chọn mức đánh giá');
  const groups = citizen.locator('fieldset.rating');
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel('Rất hài lòng').check();
  await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(citizen.getByRole('status')).toContainText('Cảm ơn bạn đã đánh giá');
  await check(citizen, 'my-dossier-rated-1280');

  // The result is kept in the citizen's document store, for the next dossier.
  await citizen.getByRole('link', { name: 'kho giấy tờ của bạn' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Kho giấy tờ của tôi');
  const kept = citizen.getByRole('listitem').filter({ hasText: code }).filter({ hasText: 'Kết quả giải quyết' });
  await expect(kept).toContainText('Sở Tư pháp');
  await expect(kept).toContainText('Có chữ ký số');
  await check(citizen, 'document-store-1280');

  // Anyone looks it up by code and the last digits of the phone — no personal data shown.
  const anon = await browser.newPage();
  await anon.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
  await anon.getByLabel('Số điện thoại, CCCD hoặc mã số thuế').fill('5678');
  await anon.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(anon.getByTestId('lookup-result')).toContainText('Đã trả kết quả');
  await expect(anon.getByTestId('lookup-result')).not.toContainText(CITIZEN);
  await check(anon, 'lookup-1280');
  await anon.getByLabel('Số điện thoại, CCCD hoặc mã số thuế').fill('0000');
  await anon.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(anon.getByRole('alert')).toContainText('Không tìm thấy hồ sơ');
});

test('on a phone: submission wizard, a supplement the citizen supplies, then a refusal with its reason', async ({ browser }) => {
  const { page: citizen, code } = await submitOnline(browser, 360, { fromStore: true, byPost: true, loseFirstReply: true });
  // The fee is paid from the phone straight after submitting.
  await citizen.goto('/ho-so-cua-toi');
  await citizen.getByRole('link', { name: code }).click();
  await citizen.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
  // The gateway is another site: wait for its page before looking at it.
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Cổng thanh toán (thử nghiệm)');
  await check(citizen, 'payment-gateway-360');
  await citizen.getByRole('button', { name: 'Xác nhận thanh toán' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${code}`);
  await expect(citizen.getByRole('status')).toContainText('Đã thanh toán 200.000 đồng');
  await expect(citizen.getByText(/Hình thức nhận kết quả: Qua dịch vụ bưu chính/)).toBeVisible();
  await check(citizen, 'my-dossier-paid-360');
  const desk = await as(browser, 'motcua.tinh', 360);
  await openFromQueue(desk, 'desk', code);
  await check(desk, 'dossier-desk-360');
  await act(desk, 'Yêu cầu bổ sung trước khi tiếp nhận', async (p) => {
    await p.getByLabel('Giấy tờ, nội dung cần bổ sung').fill('Bản sao CCCD rõ nét hơn');
  });
  await expect(desk.getByText('Chờ bổ sung hồ sơ').first()).toBeVisible();

  await citizen.goto('/ho-so-cua-toi');
  await citizen.getByRole('link', { name: code }).click();
  await expect(citizen.getByText('Bản sao CCCD rõ nét hơn').first()).toBeVisible();
  await citizen.locator('input[type=file]').first().setInputFiles({ name: 'cccd-ro-net.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(citizen.getByRole('button', { name: 'Bỏ tệp cccd-ro-net.pdf' })).toBeVisible();
  await check(citizen, 'supply-360');
  await citizen.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await expect(citizen.getByRole('status')).toContainText('Đã gửi giấy tờ bổ sung');

  // The desk still refuses it, with the reason; the refusal slip (Mẫu 03) is there to print.
  await openFromQueue(desk, 'desk', code);
  await desk.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true }).click();
  await desk.getByRole('button', { name: 'Xác nhận: Từ chối tiếp nhận' }).click();
  await expect(desk.getByText('Cần nêu lý do.')).toBeVisible();
  await desk.getByLabel('Lý do').fill('Hồ sơ không thuộc thẩm quyền giải quyết của Sở Tư pháp.');
  await desk.getByRole('button', { name: 'Xác nhận: Từ chối tiếp nhận' }).click();
  await expect(desk.getByRole('status').filter({ hasText: 'Đã thực hiện: Từ chối tiếp nhận.' })).toBeVisible();
  await expect(desk.getByRole('link', { name: /Mẫu 03/ })).toBeVisible();
  await check(desk, 'dossier-refused-360');
  await citizen.reload();
  await expect(citizen.getByText('Hồ sơ không thuộc thẩm quyền giải quyết của Sở Tư pháp.')).toBeVisible();
});

test('counter reception, and a stale action gets a clear message', async ({ browser }) => {
  const desk = await as(browser, 'motcua.tinh');
  await desk.goto('/can-bo/tiep-nhan');
  await desk.getByLabel('Tìm thủ tục (tên hoặc mã)').fill('ly lich tu phap');
  await desk.getByRole('button', { name: 'Tìm', exact: true }).click();
  await desk.getByRole('button', { name: /^Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam/ }).click();
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(desk.getByRole('alert')).toContainText('Vui lòng kiểm tra lại');
  await desk.getByLabel('Họ và tên người nộp').fill('Phạm Thị Hồng Nhung');
  await desk.getByLabel('Số định danh cá nhân (CCCD)').fill('047190005678');
  await desk.getByLabel('Số điện thoại').fill('0987111222');
  // The criminal record needs the applicant's address: asked for next to the field.
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(desk.getByText('Thủ tục này cần địa chỉ của người nộp.')).toBeVisible();
  await desk.getByLabel('Địa chỉ', { exact: true }).fill('Số 12 đường Nguyễn Huệ, phường Hòa Bình');
  await check(desk, 'reception-1280');
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Đã tiếp nhận hồ sơ');
  await expect(desk.getByText('200.000 đồng — Nộp trước khi hồ sơ được giải quyết')).toBeVisible();
  const code = (await desk.getByTestId('dossier-code').innerText()).trim();
  const receipt = await desk.request.get(await desk.getByRole('link', { name: 'In giấy tiếp nhận (Mẫu 01)' }).getAttribute('href') ?? '');
  expect(receipt.status()).toBe(200);
  expect(receipt.headers()['content-type']).toBe('application/pdf');
  await check(desk, 'reception-done-1280');
  // Paid in cash at the counter: handling starts.
  await desk.getByRole('link', { name: 'Xem hồ sơ' }).click();
  await act(desk, 'Ghi nhận đã nộp phí, lệ phí', (p) => p.getByLabel('Số biên lai, mã giao dịch').fill('BL-2026-000123'));
  await expect(desk.getByText('Đang xử lý').first()).toBeVisible();

  // The desk's tracking register (Mẫu 07 of Thông tư 03/2025) for the month, as PDF and as Excel.
  await desk.goto('/can-bo/so-theo-doi');
  await expectAccessible(desk, 'tracking register');
  for (const [name, type] of [
    ['Xem, in sổ (PDF)', 'application/pdf'],
    ['Xuất Excel', 'spreadsheetml'],
  ]) {
    const res = await desk.request.get((await desk.getByRole('link', { name }).getAttribute('href')) ?? '');
    expect(res.status(), name).toBe(200);
    expect(res.headers()['content-type']).toContain(type);
  }

  // Two specialists open the same dossier; the second to act is told and sees the new state.
  const a = await as(browser, 'chuyenvien.stp');
  const b = await as(browser, 'chuyenvien.stp');
  await openFromQueue(a, 'unit', code);
  await openFromQueue(b, 'unit', code);
  await act(a, 'Yêu cầu thực hiện nghĩa vụ tài chính', (p) => p.getByLabel('Số tiền phải nộp (đồng)').fill('200000'));
  await b.getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }).click();
  await b.getByRole('button', { name: 'Xác nhận: Chuyển bước tiếp theo' }).click();
  await expect(b.getByRole('alert')).toContainText('Hồ sơ vừa được người khác xử lý');
  await expect(b.getByText('Chờ thực hiện nghĩa vụ tài chính').first()).toBeVisible();
  await expectNoRawErrors(b);
  await check(b, 'dossier-conflict-1280');
});

test('public statistics and the leader dashboard with charts and tables', async ({ browser }) => {
  const anon = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await anon.goto('/thong-ke');
  await expect(anon.getByRole('table').first()).toContainText('Sở Tư pháp');
  await expect(anon.locator('canvas').first()).toBeVisible();
  await expect(anon.getByText('giải quyết đúng hạn')).toBeVisible();
  await check(anon, 'statistics-public-1280');
  const leader = await as(browser, 'lanhdao.stp');
  await leader.goto('/can-bo/thong-ke');
  await expect(leader.getByRole('table').first()).toContainText('Sở Tư pháp');
  await expect(leader.getByRole('heading', { name: 'Chỉ số QĐ 766' })).toBeVisible();
  // Today's dossiers count (the period ends today in Vietnam, whatever the browser's zone).
  await expect(leader.getByRole('table').first().getByRole('row', { name: /Sở Tư pháp/ })).not.toContainText('—');
  await leader.getByLabel('Nhóm theo').selectOption('procedure');
  await expect(leader.getByRole('heading', { name: 'Theo thủ tục' })).toBeVisible();
  await expect(leader.getByRole('columnheader', { name: 'Thủ tục' })).toBeVisible();

  const xlsx = await leader.request.get((await leader.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href')) ?? '');
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  await check(leader, 'dashboard-1280');

  // The province's figures by reception point: the provincial centre received for the
  // departments; a deep link with the grouping opens on it after a reload.
  const admin = await as(browser, 'admin');
  await admin.goto('/can-bo/thong-ke');
  await admin.getByLabel('Nhóm theo').selectOption('reception');
  await expect(admin.getByRole('heading', { name: 'Theo nơi tiếp nhận' })).toBeVisible();
  await admin.reload();
  const points = admin.getByRole('table', { name: /^Từ / });
  await expect(points.getByRole('row', { name: /Trung tâm Phục vụ hành chính công tỉnh/ })).toBeVisible();
  await expect(points.getByRole('row', { name: /Tổng cộng/ })).toBeVisible();
  const pointsXlsx = await admin.request.get((await admin.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href')) ?? '');
  expect(pointsXlsx.status()).toBe(200);
  expect(pointsXlsx.headers()['content-disposition']).toContain('tiep-nhan-theo-noi');
  await check(admin, 'dashboard-points-1280');
});

test('an overdue dossier is marked in the queue and gets its apology letter with a new appointment', async ({ browser, request }) => {
  const desk = await as(browser, 'motcua.tinh');
  await desk.goto('/can-bo/tiep-nhan');
  await desk.getByLabel('Tìm thủ tục (tên hoặc mã)').fill('ly lich tu phap');
  await desk.getByRole('button', { name: 'Tìm', exact: true }).click();
  await desk.getByRole('button', { name: /^Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam/ }).click();
  await desk.getByLabel('Họ và tên người nộp').fill('Lê Văn Quá');
  await desk.getByLabel('Số định danh cá nhân (CCCD)').fill('047190003344');
  await desk.getByLabel('Địa chỉ', { exact: true }).fill('Thôn Phú Hòa, xã Bình An');
  await desk.getByLabel('Số điện thoại').fill('0987333444');
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  const code = (await desk.getByTestId('dossier-code').innerText()).trim();
  await desk.getByRole('link', { name: 'Xem hồ sơ' }).click();
  await act(desk, 'Ghi nhận đã nộp phí, lệ phí');

  // Four weeks later the ten working days are long gone.
  const moved = await request.post('/api/v1/testing/clock', { data: { offset_seconds: 28 * 86400 } });
  expect(moved.status()).toBe(200);
  const now = new Date((await moved.json()).now);
  try {
    const specialist = await as(browser, 'chuyenvien.stp');
    await specialist.goto('/can-bo/ho-so?hang=unit&han=overdue');
    const row = specialist.getByRole('row').filter({ hasText: code });
    await expect(row).toContainText('Quá hạn');
    await expect(row).toContainText('đã quá hạn');
    await expect(row).not.toContainText('còn 0 giờ');
    await expect(specialist.getByRole('tab', { name: /Của đơn vị/ })).toContainText('quá hạn');
    await check(specialist, 'queue-overdue-1280');
    // The apology letter is signed for the agency by its leader.
    const leader = await as(browser, 'lanhdao.stp');
    await openFromQueue(leader, 'all', code);
    await expect(leader.getByText('Quá hạn').first()).toBeVisible();
    const newDue = new Date(now.getTime() + 7 * 86400 * 1000 + 7 * 3600 * 1000).toISOString().slice(0, 10) + 'T16:00';
    await act(leader, 'Xin lỗi và hẹn lại ngày trả kết quả', async (p) => {
      // Day first and 24 hours, as Vietnamese write them, whatever the browser's language.
      const [y, m, d] = newDue.slice(0, 10).split('-');
      await p.getByLabel('Ngày giờ hẹn trả kết quả mới', { exact: true }).fill(`${d}/${m}/${y}`);
      await p.getByLabel('Ngày giờ hẹn trả kết quả mới — giờ').fill('16:00');
      await p.getByLabel('Lý do').fill('Hồ sơ cần xác minh thêm tại cơ quan công an.');
    });
    const apology = leader.getByRole('link', { name: /Mẫu 04/ });
    await expect(apology).toBeVisible();
    const pdf = await leader.request.get((await apology.getAttribute('href')) ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await expect(leader.getByText('Hồ sơ cần xác minh thêm tại cơ quan công an.')).toBeVisible();
    await expect(leader.getByText('Hẹn lại ngày trả', { exact: true })).toBeVisible();
    await expect(leader.getByText('(theo văn bản xin lỗi và đề nghị gia hạn, Mẫu 04)')).toBeVisible();
    await check(leader, 'dossier-apology-1280');
  } finally {
    await request.post('/api/v1/testing/clock', { data: { offset_seconds: 0 } });
  }
});

test('inter-level (liên thông): the commune receives and confirms, a provincial department approves', async ({ browser }) => {
  // Who works where comes from the API, as an administrator would look it up. Xã Tân Phú was
  // formed on 1 July 2025; since then the chain runs commune → department (Sở Xây dựng).
  const admin = await as(browser, 'admin');
  const unitId = (code: string) => unitIdOf(admin, code);
  const commune = await unitId('000.00.56.H47');
  const centre = await unitId('000.04.56.H47');
  const department = await unitId('000.00.09.H47');
  const username = (unit: number, role: string) => officialOf(admin, unit, role);
  const clerkName = await username(centre, 'desk_officer');
  const specialistName = await username(commune, 'specialist');
  const chairName = await username(commune, 'leader');
  const departmentLeaderName = await username(department, 'leader');

  const citizen = await as(browser, CITIZEN);
  await citizen.goto('/thu-tuc?q=' + encodeURIComponent('lien thong xa tinh'));
  await citizen.getByRole('link', { name: /liên thông xã - tỉnh/ }).click();
  await citizen.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  const agency = citizen.getByLabel('Cơ quan giải quyết');
  await expect(agency.locator(`option[value="${commune}"]`)).toHaveText(/^Ủy ban nhân dân xã Tân Phú/);
  // The communes merged away in 2025 are no longer offered.
  await expect(agency.locator('option', { hasText: /huyện/ })).toHaveCount(0);
  await agency.selectOption(String(commune));
  await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
  await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
  const inputs = citizen.locator('input[type=file]');
  for (let i = 0; i < (await inputs.count()); i++) {
    await inputs.nth(i).setInputFiles({ name: `don-de-nghi-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await expect(citizen.getByRole('button', { name: `Bỏ tệp don-de-nghi-${i + 1}.pdf` })).toBeVisible();
  }
  await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
  await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
  await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  const code = (await citizen.getByTestId('dossier-code').innerText()).trim();
  expect(code.startsWith('000.00.56.H47-')).toBe(true);

  // The commune's public service centre receives it; the commune reviews and confirms.
  const clerk = await as(browser, clerkName);
  await openFromQueue(clerk, 'desk', code);
  await act(clerk, 'Tiếp nhận hồ sơ');
  const specialist = await as(browser, specialistName);
  await openFromQueue(specialist, 'unit', code);
  await act(specialist, 'Chuyển bước tiếp theo');
  const chair = await as(browser, chairName);
  await openFromQueue(chair, 'unit', code);
  await act(chair, 'Chuyển bước tiếp theo', (p) => p.getByLabel('Ý kiến, ghi chú').fill('Xác nhận đúng đối tượng.'));
  // Now at the department: the commune sees where it went and can no longer act.
  await expect(chair.getByText('Sở Xây dựng').first()).toBeVisible();
  await expect(chair.getByText('Bạn không có thao tác nào với hồ sơ này ở bước hiện tại.')).toBeVisible();

  const departmentLeader = await as(browser, departmentLeaderName);
  await openFromQueue(departmentLeader, 'unit', code);
  await check(departmentLeader, 'dossier-inter-level-1280');
  await act(departmentLeader, 'Phê duyệt, ký kết quả', async (p) => {
    await p.locator('#act-result').setInputFiles({ name: 'quyet-dinh-ho-tro.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(p.getByRole('button', { name: 'Bỏ tệp quyet-dinh-ho-tro.pdf' })).toBeVisible();
  });
  await openFromQueue(clerk, 'desk', code);
  await act(clerk, 'Trả kết quả', (p) => p.getByLabel('Trực tuyến').check());
  await expect(clerk.getByText('Đã trả kết quả').first()).toBeVisible();
  await check(clerk, 'dossier-inter-level-returned-1280');
});

test('reception regardless of boundaries: a department dossier submitted and returned at a commune, on an English-language phone', async ({ browser }) => {
  const admin = await as(browser, 'admin');
  // The public service centre of xã Tân Phú (formed on 1 July 2025).
  const centre = await unitIdOf(admin, '000.04.56.H47');
  const clerkName = await officialOf(admin, centre, 'desk_officer');
  const centreName = 'Trung tâm Phục vụ hành chính công xã Tân Phú';

  // A citizen whose phone is set to English: the portal still speaks Vietnamese.
  const { page: citizen, code } = await submitOnline(browser, 360, { desk: centre, locale: 'en-US' });
  expect(code).toMatch(/^000\.00\.56\.H47-\d{6}-\d{4}$/);
  await expect(citizen.getByText(centreName, { exact: true })).toBeVisible();
  // A deep link to the dossier, reloaded: it says who decides and where it was received.
  await citizen.goto('/ho-so-cua-toi');
  await citizen.getByRole('link', { name: code }).click();
  await citizen.reload();
  await expect(citizen.getByText('Sở Tư pháp').first()).toBeVisible();
  await expect(citizen.getByText(centreName, { exact: true })).toBeVisible();

  // The commune's desk receives it and takes the fee in cash; the provincial centre never sees it.
  const province = await as(browser, 'motcua.tinh');
  await province.goto(`/can-bo/ho-so?hang=desk&q=${encodeURIComponent(code)}`);
  // Only once the queue has loaded does "no link" mean anything.
  await expect(province.getByRole('status').filter({ hasText: 'Không có hồ sơ nào.' })).toBeVisible();
  await expect(province.getByRole('link', { name: code })).toHaveCount(0);
  const clerk = await as(browser, clerkName, 360);
  await openFromQueue(clerk, 'desk', code);
  await act(clerk, 'Tiếp nhận hồ sơ');
  await act(clerk, 'Ghi nhận đã nộp phí, lệ phí', (p) => p.getByLabel('Số biên lai, mã giao dịch').fill('BL-XA-0001'));
  await check(clerk, 'dossier-received-elsewhere-360');

  // The competent department processes it.
  const specialist = await as(browser, 'chuyenvien.stp');
  await openFromQueue(specialist, 'unit', code);
  await act(specialist, 'Chuyển bước tiếp theo');
  const leader = await as(browser, 'lanhdao.stp');
  await openFromQueue(leader, 'unit', code);
  await act(leader, 'Phê duyệt, ký kết quả', async (p) => {
    await p.locator('#act-result').setInputFiles({ name: 'phieu-ly-lich-tu-phap.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(p.getByRole('button', { name: 'Bỏ tệp phieu-ly-lich-tu-phap.pdf' })).toBeVisible();
  });

  // The result is returned at the commune.
  await openFromQueue(clerk, 'desk', code);
  await act(clerk, 'Trả kết quả', (p) => p.getByLabel('Trực tuyến').check());
  await expect(clerk.getByText('Đã trả kết quả').first()).toBeVisible();
});

test('the result is collected at the department\'s desk although submitted at a commune, on an English-language phone', async ({ browser }) => {
  const admin = await as(browser, 'admin');
  const centre = await unitIdOf(admin, '000.04.56.H47');
  const clerkName = await officialOf(admin, centre, 'desk_officer');
  const provincial = 'Trung tâm Phục vụ hành chính công tỉnh';

  const { page: citizen, code } = await submitOnline(browser, 360, { desk: centre, collectAtAgency: true, locale: 'en-US' });
  // The receipt page says where it was received and where the result will be.
  await expect(citizen.getByText('Nơi trả kết quả')).toBeVisible();
  await expect(citizen.getByText(provincial, { exact: true })).toBeVisible();
  // A deep link to the dossier, reloaded with the cache on, says it too.
  await citizen.goto('/ho-so-cua-toi');
  await citizen.getByRole('link', { name: code }).click();
  await citizen.reload();
  await expect(citizen.getByText('Nơi trả kết quả')).toBeVisible();
  await expect(citizen.getByText(provincial, { exact: true })).toBeVisible();
  await expectNoHorizontalScroll(citizen);

  // The commune's centre receives it and takes the fee; the department processes it.
  const clerk = await as(browser, clerkName, 360);
  await openFromQueue(clerk, 'desk', code);
  await act(clerk, 'Tiếp nhận hồ sơ');
  await act(clerk, 'Ghi nhận đã nộp phí, lệ phí', (p) => p.getByLabel('Số biên lai, mã giao dịch').fill('BL-XA-0002'));
  const specialist = await as(browser, 'chuyenvien.stp');
  await openFromQueue(specialist, 'unit', code);
  await act(specialist, 'Chuyển bước tiếp theo');
  const leader = await as(browser, 'lanhdao.stp');
  await openFromQueue(leader, 'unit', code);
  await act(leader, 'Phê duyệt, ký kết quả', async (p) => {
    await p.locator('#act-result').setInputFiles({ name: 'phieu-ly-lich-tu-phap-2.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(p.getByRole('button', { name: 'Bỏ tệp phieu-ly-lich-tu-phap-2.pdf' })).toBeVisible();
  });

  // The result waits at the provincial centre, which returns it; the commune no longer has it.
  await clerk.goto(`/can-bo/ho-so?hang=desk&q=${encodeURIComponent(code)}`);
  await expect(clerk.getByRole('status').filter({ hasText: 'Không có hồ sơ nào.' })).toBeVisible();
  const province = await as(browser, 'motcua.tinh');
  await openFromQueue(province, 'desk', code);
  await act(province, 'Trả kết quả', (p) => p.getByLabel('Tại bộ phận một cửa').check());
  await expect(province.getByText('Đã trả kết quả').first()).toBeVisible();
  await check(province, 'dossier-result-elsewhere-returned-1280');
});

test('an officer serving two commune centres chooses at the counter where they receive, on a phone', async ({ browser }) => {
  // The administrator gives motcua.tanphu the centre of xã Tân Phước too, as the IT staff would.
  const admin = await as(browser, 'admin');
  const tanPhuoc = await unitIdOf(admin, '000.04.57.H47');
  const official = (await (await admin.request.get('/api/v1/officials?q=motcua.tanphu')).json()).items[0].id as number;
  const csrf = (await (await admin.request.get('/api/v1/auth/me')).json()).principal.csrf_token as string;
  const granted = await admin.request.post(`/api/v1/officials/${official}/grants`, {
    data: { role: 'desk_officer', unit_id: tanPhuoc },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect([201, 409]).toContain(granted.status());

  const desk = await as(browser, 'motcua.tanphu', 360);
  await desk.goto('/can-bo/tiep-nhan');
  await desk.reload();
  await desk.getByLabel('Tìm thủ tục (tên hoặc mã)').fill('ly lich tu phap');
  await desk.getByRole('button', { name: 'Tìm', exact: true }).click();
  await desk.getByRole('button', { name: /^Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam/ }).click();
  const where = desk.getByLabel('Nơi tiếp nhận', { exact: true });
  await expect(where.locator('option')).toHaveCount(3); // the prompt and the two centres
  await desk.getByLabel('Họ và tên người nộp').fill('Đặng Văn Phước');
  await desk.getByLabel('Số định danh cá nhân (CCCD)').fill('047190006789');
  await desk.getByLabel('Địa chỉ', { exact: true }).fill('Thôn 4, xã Tân Phước');
  // Not chosen: asked for next to the field.
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(desk.getByText('Chọn nơi tiếp nhận.')).toBeVisible();
  await where.selectOption(String(tanPhuoc));
  await desk.getByLabel('Nơi nhận kết quả').selectOption({ label: 'Tại bộ phận một cửa của cơ quan giải quyết' });
  await expectNoHorizontalScroll(desk);
  await check(desk, 'reception-two-points-360');
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Đã tiếp nhận hồ sơ');
  const code = (await desk.getByTestId('dossier-code').innerText()).trim();
  expect(code).toMatch(/^000\.00\.57\.H47-\d{6}-\d{4}$/);
  await expect(desk.getByText('Nơi trả kết quả')).toBeVisible();
  await expect(desk.getByText('Trung tâm Phục vụ hành chính công tỉnh', { exact: true })).toBeVisible();
});

// Presses Tab until the focused element reads `text`; fails if it never does.
async function tabTo(page: Page, text: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() || (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.innerText?.trim() || '');
    if (focused === text) return;
  }
  throw new Error(`could not reach "${text}" with the Tab key`);
}

test('keyboard only: a citizen looks up a dossier, the desk receives one', async ({ browser }) => {
  const { page: citizen, code } = await submitOnline(browser);
  await citizen.goto('/tra-cuu');
  await tabTo(citizen, 'Mã hồ sơ');
  await citizen.keyboard.type(code);
  await citizen.keyboard.press('Tab');
  await citizen.keyboard.type('5678');
  await citizen.keyboard.press('Enter');
  await expect(citizen.getByTestId('lookup-result')).toContainText('Mới nộp, chờ tiếp nhận');

  const desk = await as(browser, 'motcua.tinh');
  await desk.goto(`/can-bo/ho-so?hang=desk&q=${encodeURIComponent(code)}`);
  await tabTo(desk, code);
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${code}`);
  await tabTo(desk, 'Tiếp nhận hồ sơ');
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('heading', { name: 'Tiếp nhận hồ sơ', level: 2 })).toBeFocused();
  await tabTo(desk, 'Xác nhận: Tiếp nhận hồ sơ');
  await desk.keyboard.press('Enter');
  await expect(desk.getByRole('status').filter({ hasText: 'Đã thực hiện: Tiếp nhận hồ sơ.' })).toBeVisible();
});

test('every screen at 360 px: no sideways scrolling and no serious accessibility problem', async ({ browser }) => {
  const visit = async (page: Page, paths: string[]) => {
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectNoHorizontalScroll(page);
      await expectAccessible(page, `${path} at 360 px`);
      await expectNoRawErrors(page);
    }
  };
  const anon = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await visit(anon, ['/', '/thu-tuc?q=ket%20hon', '/thu-tuc/17', '/tra-cuu', '/thong-ke', '/lich', '/hoi-dap']);
  // The look-up's error keeps its layout: the code stays whole and nothing overflows.
  await anon.goto('/tra-cuu');
  await anon.getByLabel('Mã hồ sơ').fill('000.00.03.H47-261203-9999');
  await anon.getByLabel('Số điện thoại, CCCD hoặc mã số thuế').fill('0000');
  await anon.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(anon.getByRole('alert')).toContainText('Không tìm thấy hồ sơ');
  await expect(anon.getByLabel('Mã hồ sơ')).toHaveValue('000.00.03.H47-261203-9999');
  const box = await anon.getByLabel('Mã hồ sơ').boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(360);
  await expectNoHorizontalScroll(anon);
  await screenshot(anon, 'lookup-error-360');
  await screenshot(anon, 'statistics-360');
  const citizen = await as(browser, CITIZEN, 360);
  await visit(citizen, ['/ho-so-cua-toi', '/thu-tuc/17/nop-truc-tuyen', '/kho-giay-to']);
  const leader = await as(browser, 'lanhdao.stp', 360);
  await visit(leader, ['/can-bo/ho-so?hang=all', '/can-bo/tiep-nhan', '/can-bo/so-theo-doi', '/can-bo/thong-ke', '/can-bo/bao-cao/chi-tieu']);
  await screenshot(leader, 'dashboard-360');
  const admin = await as(browser, 'admin', 360);
  await visit(admin, ['/quan-tri', '/quan-tri/don-vi', '/quan-tri/can-bo', '/quan-tri/thu-tuc', '/quan-tri/thu-tuc/17', '/quan-tri/lich', '/quan-tri/token', '/quan-tri/thong-bao', '/quan-tri/che-do-bao-cao', '/quan-tri/bieu-mau', '/can-bo/bao-cao/chi-tieu']);
  await screenshot(admin, 'admin-outbox-360');
});

test('a new unit is offered only the levels in force; the district level labels old units only', async ({ browser }) => {
  const admin = await as(browser, 'admin', 360);
  await admin.goto('/quan-tri/don-vi');
  await admin.reload();
  const levels = admin.getByLabel('Cấp', { exact: true });
  await expect(levels.locator('option', { hasText: 'Cấp xã' })).toHaveCount(1);
  await expect(levels.locator('option', { hasText: 'Cấp tỉnh' })).toHaveCount(1);
  await expect(levels.locator('option', { hasText: 'Cấp huyện' })).toHaveCount(0);
  await expect(admin.getByLabel('Loại đơn vị').locator('option', { hasText: 'Ủy ban nhân dân đặc khu' })).toHaveCount(1);
  await expectNoHorizontalScroll(admin);
});
