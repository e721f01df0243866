// Periodic reports in a real browser: a commune's leader on an English-language 360 px phone
// opens the quarter's Biểu 06/VPCP/KSTT (prefilled from the one-stop system), adds a note,
// saves, reloads the deep link and sends it; the province's office sees it on a desktop among
// the communes, returns it with a reason, and after the correction approves it. Then the
// province's administrator issues a regime approved in two levels from the administration
// screen; a commune sends, the Department of Justice endorses, the provincial office approves.
import { type Browser, type Page, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, check, expectNoRawErrors, officialOf, unitIdOf } from './helpers';

async function signIn(browser: Browser, who: string, width: number, locale?: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 }, ...(locale ? { locale } : {}) })).newPage();
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(who);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
  return page;
}

test('a commune sends the quarterly Biểu 06 from a phone; the provincial office returns and approves it', async ({ browser }) => {
  const admin = await signIn(browser, 'admin', 1280);
  const commune = await unitIdOf(admin, '000.00.57.H47');
  const leader = await signIn(browser, await officialOf(admin, commune, 'leader'), 360, 'en-US');

  await leader.getByRole('button', { name: 'Danh mục' }).click();
  await leader.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await expect(leader.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' })).toBeVisible();
  await expect(leader.getByText(/hạn gửi/).first()).toBeVisible();
  await check(leader, 'reporting-home-360');
  // The current quarter of the demo's regime, for this commune.
  await leader.getByRole('link', { name: 'Ủy ban nhân dân xã Tân Phước' }).first().click();
  await expect(leader.getByRole('heading', { level: 1 })).toContainText('Biểu số 06/VPCP/KSTT');
  await expect(leader.getByTestId('report-status')).toContainText('Chưa lập');
  // Prefilled figures are shown on the phone, one row at a time.
  await expect(leader.getByLabel('Tổng số — Trong kỳ: trực tuyến')).toHaveValue(/^\d+$/);
  await leader.getByLabel('Tổng số — Ghi chú').fill('Số liệu kiểm tra ngày 06/12');
    await leader.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(leader.getByTestId('report-status')).toContainText('Đang lập');
  // The confirmation stays once the report is drawn again from what was saved.
  await expect(leader.getByRole('status')).toContainText('Đã lưu nháp.');
  // A deep link with the cache on, reloaded: the draft is there.
  const url = leader.url();
  await leader.reload();
    await expect(leader.getByLabel('Tổng số — Ghi chú')).toHaveValue('Số liệu kiểm tra ngày 06/12');
  await check(leader, 'report-form-360');
  // Offline: the Excel template downloaded; a file that is not one is refused in Vietnamese;
  // the template uploaded back is saved as the draft.
  const [template] = await Promise.all([leader.waitForEvent('download'), leader.getByRole('link', { name: 'Tải mẫu Excel' }).click()]);
  expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
  const upload = leader.getByLabel('Tải lên tệp Excel đã điền');
  await upload.setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 không phải bảng tính') });
  await expect(leader.getByRole('alert').filter({ hasText: 'không phải bảng tính Excel' })).toBeVisible();
  await upload.setInputFiles(await template.path());
  await expect(leader.getByRole('status')).toContainText('Đã nhập số liệu từ tệp Excel');
  await expect(leader.getByLabel('Tổng số — Ghi chú')).toHaveValue('Số liệu kiểm tra ngày 06/12');
  await expect(leader.getByRole('alert')).toHaveCount(0);
    await leader.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(leader.getByTestId('report-status')).toContainText('Đã gửi, chờ duyệt');
  await expect(leader.getByRole('button', { name: 'Lưu nháp' })).toHaveCount(0);
  // Signed by the leader who sent it and with the commune's key (the demo PKI), each verified
  // when shown.
  await expect(leader.getByTestId('report-personal-signature')).toContainText('Chữ ký số hợp lệ.');
  await expect(leader.getByTestId('report-signature')).toContainText('Tân Phước');
  await expect(leader.getByTestId('report-signature')).toContainText('Chữ ký số hợp lệ.');

  // The office (here the province's administrator, who may act for it) reviews on a desktop.
  await admin.goto('/can-bo/bao-cao');
  await admin.getByRole('link', { name: /^Tình hình nộp và tổng hợp/ }).first().click();
  await expect(admin.getByRole('heading', { level: 1 })).toContainText('Tình hình nộp báo cáo');
  const row = admin
    .getByRole('region', { name: 'Tình hình nộp báo cáo theo đơn vị' })
    .getByRole('row', { name: /Ủy ban nhân dân xã Tân Phước/ });
  await expect(row).toContainText('Đã gửi, chờ duyệt');
  await check(admin, 'reporting-completeness-1280');
  await row.getByRole('link').click();
  await admin.getByLabel('Lý do trả lại hoặc mở lại').fill('Đề nghị ghi rõ số hồ sơ quá hạn.');
  await admin.getByRole('button', { name: 'Trả lại để sửa' }).click();
  await expect(admin.getByTestId('report-status')).toContainText('Bị trả lại');

  await leader.goto(url);
  await expect(leader.getByText('Bị trả lại: Đề nghị ghi rõ số hồ sơ quá hạn.')).toBeVisible();
  await leader.getByLabel('Tổng số — Ghi chú').fill('Không có hồ sơ quá hạn trong kỳ');
  await leader.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(leader.getByTestId('report-status')).toContainText('Đã gửi, chờ duyệt');

  await admin.reload();
  await admin.getByRole('button', { name: 'Duyệt báo cáo' }).click();
  await expect(admin.getByTestId('report-status')).toContainText('Đã duyệt');
  await leader.reload();
  await expect(leader.getByRole('note')).toContainText('duyệt ngày');
  await check(leader, 'report-approved-360');

  // Back on the regime's page: one figure commune by commune over the year up to this quarter,
  // the approved report in it, and an Excel copy.
  await admin.goto('/can-bo/bao-cao');
  await admin.getByRole('link', { name: /^Tình hình nộp và tổng hợp/ }).first().click();
  const pivot = admin.getByRole('region', { name: 'Diễn biến theo đơn vị và kỳ' });
  await expect(pivot.getByRole('row', { name: /Ủy ban nhân dân xã Tân Phước/ })).toBeVisible();
  await expect(pivot.getByRole('row', { name: /^Tổng cộng/ })).toBeVisible();
  await pivot.getByLabel('Chỉ tiêu').selectOption({ index: 1 });
  await expect(pivot.getByRole('link', { name: 'Tải bảng Excel' })).toHaveAttribute('href', /format=xlsx/);
  await check(admin, 'reporting-pivot-1280');
});

test('a regime approved in two levels: issued on the administration screen, endorsed by a department, approved by the provincial office', async ({ browser }) => {
  const admin = await signIn(browser, 'admin', 1280);
  const commune = await unitIdOf(admin, '000.00.56.H47');
  const justice = await unitIdOf(admin, '000.00.03.H47');
  const regimes = (await (await admin.request.get('/api/v1/reporting/regimes')).json()).items as { code: string; receiver: { id: number } }[];
  const office = regimes.find((g) => g.code === 'KSTT-QUY')!.receiver.id;

  await admin.goto('/quan-tri');
  await admin.getByRole('link', { name: 'Chế độ báo cáo' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Chế độ báo cáo' })).toBeVisible();
  await expect(admin.getByRole('region', { name: 'Các chế độ báo cáo' })).toContainText('KSTT-QUY');
  // Sent empty: every problem is named at its field, in Vietnamese.
  await admin.getByRole('button', { name: 'Ban hành chế độ báo cáo' }).click();
  await expect(admin.getByRole('alert').first()).toBeVisible();
  await expect(admin.getByLabel('Mã chế độ báo cáo')).toHaveAttribute('aria-invalid', 'true');
  await expectNoRawErrors(admin);

  const name = 'Báo cáo thủ tục hành chính hằng tháng qua hai cấp duyệt';
  await admin.getByLabel('Mã chế độ báo cáo').fill('KSTT-HAICAP');
  await admin.getByLabel('Tên chế độ báo cáo').fill(name);
  const form = await admin.locator('#regime-form option', { hasText: '06/VPCP/KSTT' }).first().getAttribute('value');
  await admin.getByLabel('Biểu mẫu').selectOption(form!);
  await admin.getByLabel('Kỳ báo cáo').selectOption('month');
  await admin.getByLabel('Đơn vị nhận báo cáo').selectOption(String(justice));
  await admin.getByRole('group', { name: /^Các đơn vị báo cáo/ }).getByLabel(/\(000\.00\.56\.H47\)$/).check();
  await admin.getByLabel('Cấp duyệt thứ 2').selectOption(String(office));
  await admin.getByRole('button', { name: 'Ban hành chế độ báo cáo' }).click();
  await expect(admin.getByRole('status')).toContainText('Đã ban hành chế độ báo cáo KSTT-HAICAP.');
  // The deep link reloaded with the cache on: the new regime and its chain are listed.
  await admin.reload();
  const listed = admin.getByRole('region', { name: 'Các chế độ báo cáo' }).getByRole('listitem').filter({ hasText: 'KSTT-HAICAP' });
  await expect(listed).toContainText('Sở Tư pháp');
  await expect(listed).toContainText('→ Văn phòng');
  await check(admin, 'admin-regimes-1280');
  // Opened again for a change, the chain reads back as it was set.
  await listed.getByRole('button', { name: 'Sửa chế độ báo cáo KSTT-HAICAP' }).click();
  await expect(admin.getByLabel('Cấp duyệt thứ 2')).toHaveValue(String(office));
  await expect(admin.getByLabel('Mã chế độ báo cáo')).toBeDisabled();

  // The commune's leader sends this month's report from a phone.
  const leader = await signIn(browser, await officialOf(admin, commune, 'leader'), 360, 'en-US');
  await leader.goto('/can-bo/bao-cao');
  await leader.getByRole('region', { name }).getByRole('link').first().click();
  await expect(leader.getByTestId('report-status')).toContainText('Chưa lập');
  await leader.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(leader.getByTestId('report-status')).toContainText('Đã gửi, chờ duyệt');
  const approval = leader.getByTestId('report-approval');
  await expect(approval.getByRole('listitem').nth(0)).toContainText('đang chờ duyệt');
  await expect(approval.getByRole('listitem').nth(1)).toContainText('chưa đến lượt');
  await check(leader, 'report-two-levels-360');
  const url = leader.url();

  // The department endorses: the report waits for the province, which the department cannot do.
  const department = await signIn(browser, 'lanhdao.stp', 1280);
  await department.goto(url);
  await department.getByRole('button', { name: 'Duyệt báo cáo' }).click();
  await expect(department.getByTestId('report-status')).toContainText('Đã duyệt một cấp, chờ cấp trên duyệt');
  await expect(department.getByTestId('report-approval').getByRole('listitem').nth(0)).toContainText('đã duyệt');
  await expect(department.getByRole('button', { name: 'Duyệt báo cáo' })).toHaveCount(0);
  // The department's own total counts what it endorsed; the province's has nothing yet.
  const summary = url.replace(/\/(\d+)\/([^/]+)\/\d+$/, '/$1/tong-hop/$2');
  await department.goto(summary);
  await expect(department.getByRole('heading', { name: 'Tổng hợp các báo cáo đã duyệt (0)' })).toBeVisible();
  await department.getByLabel('Số liệu đã duyệt đến cấp').selectOption('1');
  await expect(department.getByRole('heading', { name: 'Tổng hợp các báo cáo cấp 1 đã duyệt (1)' })).toBeVisible();
  await department.reload();
  await expect(department.getByRole('heading', { name: 'Tổng hợp các báo cáo cấp 1 đã duyệt (1)' })).toBeVisible();

  // The provincial office approves: the figures pass up.
  const province = await signIn(browser, await officialOf(admin, office, 'leader'), 1280);
  await province.goto(url);
  await expect(province.getByTestId('report-approval').getByRole('listitem').nth(1)).toContainText('đang chờ duyệt');
  await province.getByRole('button', { name: 'Duyệt báo cáo' }).click();
  await expect(province.getByTestId('report-status')).toContainText('Đã duyệt');
  await leader.reload();
  await expect(leader.getByRole('note')).toContainText('duyệt ngày');
  await expect(leader.getByTestId('report-approval').getByRole('listitem').nth(1)).toContainText('đã duyệt');
});

test('digital-government indicators: the province sets a target on a desktop; a commune leader reads the commune on a phone', async ({ browser }) => {
  const admin = await signIn(browser, 'admin', 1280);
  await admin.goto('/can-bo/bao-cao');
  await admin.getByRole('link', { name: 'Chỉ tiêu chính quyền số' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Chỉ tiêu chính quyền số' })).toBeVisible();
  const table = admin.getByRole('region', { name: 'Bảng chỉ tiêu chính quyền số' });
  const online = table.getByRole('row', { name: /tiếp nhận trực tuyến/ });
  // The demo's plan asks 35 % online; the share is judged against it.
  await expect(online).toContainText('≥ 35%');
  await expect(online).toContainText(/Đạt|Chưa đạt/);
  const signed = table.getByRole('row', { name: /văn bản đi được ký số/ });
  await expect(signed.getByRole('cell').nth(1)).toHaveText('—');
  await check(admin, 'indicators-desktop');
  // Dates apply when asked, not at every keystroke: a half-typed year is never a query.
  await admin.getByLabel('Đến ngày').fill('30/06/2026');
  await admin.getByRole('button', { name: 'Xem' }).click();
  await expect(table.locator('caption')).toContainText('đến 30/06/2026');
  await admin.getByLabel('Đến ngày').fill('31/12/2025');
  await admin.getByRole('button', { name: 'Xem' }).click();
  await expect(admin.getByText('Ngày kết thúc không được trước ngày bắt đầu.')).toBeVisible();
  await expect(table.locator('caption')).toContainText('đến 30/06/2026');

  // A level over 100 % is refused at its field, in Vietnamese; a good one is judged at once and
  // stays after a reload of the deep link.
  const form = admin.getByRole('region', { name: 'Đặt mức chỉ tiêu' });
  await form.getByLabel('Chỉ tiêu', { exact: true }).selectOption({ label: 'Tỷ lệ văn bản đi được ký số' });
  await form.getByLabel('Mức phải đạt (%)').fill('150');
  await form.getByLabel('Văn bản đặt chỉ tiêu').fill('Kế hoạch chuyển đổi số năm 2026');
  await form.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
  await expect(form.getByText('từ 0 đến 100')).toBeVisible();
  await form.getByLabel('Mức phải đạt (%)').fill('80,5');
  await form.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
  await expect(form.getByRole('status')).toContainText('Đã lưu mức chỉ tiêu.');
  await expect(signed.getByRole('cell').nth(1)).toContainText('≥ 80,5%');
  await admin.reload();
  await expect(signed.getByRole('cell').nth(1)).toContainText('Kế hoạch chuyển đổi số năm 2026');
  await form.getByLabel('Chỉ tiêu', { exact: true }).selectOption({ label: 'Tỷ lệ văn bản đi được ký số' });
  await expect(form.getByLabel('Mức phải đạt (%)')).toHaveValue('80,5');
  admin.once('dialog', (d) => d.accept());
  await form.getByRole('button', { name: 'Bỏ chỉ tiêu' }).click();
  await expect(form.getByLabel('Mức phải đạt (%)')).toHaveValue('');
  await expect(form.getByRole('status')).toContainText('Đã bỏ mức chỉ tiêu.');
  await expect(signed.getByRole('cell').nth(1)).toHaveText('—');

  // A commune's leader, English-language phone, deep link: the commune's own figures, no form.
  const commune = await unitIdOf(admin, '000.00.56.H47');
  const leader = await signIn(browser, await officialOf(admin, commune, 'leader'), 360, 'en-US');
  await leader.goto('/can-bo/bao-cao/chi-tieu?tu_ngay=2026-01-01');
  await leader.reload();
  await expect(leader.getByLabel('Đơn vị')).toHaveValue(String(commune));
  await expect(leader.getByRole('heading', { level: 2, name: /Ủy ban nhân dân xã Tân Phú/ })).toBeVisible();
  // On the phone, one card per indicator with its figures labelled.
  const cards = leader.getByRole('list', { name: 'Bảng chỉ tiêu chính quyền số' }).getByRole('listitem');
  await expect(cards).toHaveCount(8);
  await expect(cards.filter({ hasText: 'tiếp nhận trực tuyến' })).toContainText('Mức phải đạt');
  await expect(leader.getByRole('region', { name: 'Đặt mức chỉ tiêu' })).toHaveCount(0);
  await check(leader, 'indicators-360');
});

test('the province designs a report form on the administration screen, then its next version; on a phone too', async ({ browser }) => {
  const admin = await signIn(browser, 'admin', 1280);
  await admin.goto('/quan-tri');
  await admin.getByRole('link', { name: 'Biểu mẫu báo cáo' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Biểu mẫu báo cáo' })).toBeVisible();
  await admin.getByRole('button', { name: 'Biểu mẫu mới' }).click();
  const editor = admin.getByRole('region', { name: 'Biểu mẫu mới' });
  await editor.getByLabel('Mã biểu').fill('LD-TK');
  await editor.getByLabel('Số hiệu').fill('Biểu số LĐ-TK');
  await editor.getByLabel('Tên biểu').fill('Lao động có việc làm mới');
  await editor.getByLabel('Tên dòng 1').fill('Nông nghiệp');
  await editor.getByRole('button', { name: 'Thêm dòng' }).click();
  await editor.getByLabel('Tên dòng 2').fill('Dịch vụ');
  await editor.getByRole('button', { name: 'Thêm dòng' }).click();
  await editor.getByLabel('Tên dòng 3').fill('Tổng cộng');
  await editor.getByRole('group', { name: 'Dòng 3' }).getByLabel('Dòng tổng (cộng các dòng khác)').check();
  await editor.getByLabel('Tên cột 1').fill('Nam');
  await editor.getByRole('group', { name: 'Cột 1' }).getByLabel('Bắt buộc nhập').check();
  await editor.getByRole('button', { name: 'Thêm cột' }).click();
  await editor.getByLabel('Tên cột 2').fill('Nữ');
  await editor.getByRole('button', { name: 'Thêm cột' }).click();
  await editor.getByLabel('Tên cột 3').fill('Cộng');
  const third = editor.getByRole('group', { name: 'Cột 3' });
  await third.getByLabel('Nam').check();
  await third.getByLabel('Nữ').check();
  // The preview shows what people will fill: computed cells are the form's arithmetic.
  const preview = editor.getByRole('region', { name: 'Xem trước biểu mẫu' });
  await expect(preview.getByRole('row', { name: /^Nông nghiệp/ })).toContainText('Tự tính');
  // A repeated row code is refused at its row, in Vietnamese; nothing is saved.
  await editor.getByLabel('Mã dòng 2').fill('dong_1');
  await editor.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
  await expect(editor.getByRole('group', { name: 'Dòng 2' })).toContainText('Mã dòng bị trùng.');
  await editor.getByLabel('Mã dòng 2').fill('dich_vu');
  // A check typed key by key keeps its commas.
  await editor.getByRole('button', { name: 'Thêm quy tắc' }).click();
  await editor.getByLabel('Tổng các cột (mã, cách nhau dấu phẩy)', { exact: true }).pressSequentially('cot_3');
  await editor.getByLabel('So với tổng các cột (mã, cách nhau dấu phẩy)').pressSequentially('so_lieu, cot_2');
  await expect(editor.getByLabel('So với tổng các cột (mã, cách nhau dấu phẩy)')).toHaveValue('so_lieu, cot_2');
  await editor.getByLabel('Thông báo cho đơn vị').fill('Cộng phải bằng nam và nữ');
  await editor.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
  await expect(admin.getByRole('status')).toContainText('Đã lưu Biểu số LĐ-TK, phiên bản 1.');
  const list = admin.getByRole('region', { name: 'Danh sách biểu mẫu' });
  await expect(list.getByRole('row', { name: /Biểu số LĐ-TK/ })).toContainText('3 × 3');
  await check(admin, 'admin-forms');

  // A change makes the next version; the code stays.
  await list.getByRole('button', { name: 'Sửa Biểu số LĐ-TK' }).click();
  const again = admin.getByRole('region', { name: /Sửa biểu LD-TK/ });
  await expect(again.getByLabel('Mã biểu')).toBeDisabled();
  await again.getByLabel('Tên biểu').fill('Lao động có việc làm mới (sửa đổi)');
  await again.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
  await expect(admin.getByRole('status')).toContainText('phiên bản 2.');
  // A new form never takes an existing code (its next version comes from "Sửa").
  await admin.getByRole('button', { name: 'Biểu mẫu mới' }).click();
  const another = admin.getByRole('region', { name: 'Biểu mẫu mới' });
  await another.getByLabel('Mã biểu').fill('LD-TK');
  await another.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
  await expect(another.getByText('Đã có biểu mẫu mã này')).toBeVisible();
  admin.once('dialog', (d) => d.accept());
  await another.getByRole('button', { name: 'Hủy' }).click();
  await expect(list.getByRole('row', { name: /Biểu số LĐ-TK/ })).toContainText('2');

  // On a phone the editor stacks and nothing overflows.
  const phone = await signIn(browser, 'admin', 360, 'en-US');
  await phone.goto('/quan-tri/bieu-mau');
  await phone.reload();
  await phone.getByRole('button', { name: 'Biểu mẫu mới' }).click();
  await expect(phone.getByLabel('Tên dòng 1')).toBeVisible();
  await check(phone, 'admin-forms-360');
});
