// Notifications and synchronisation: what is waiting, sent, or failed for good (with the last
// error), and sending a failed message again.
import { useState } from 'preact/hooks';
import { messageOf, post } from '../../api';
import { ErrorBanner, Notice } from '../../components/form';
import { formatDateTime } from '../../format';
import { AdminPage } from './common';
import { TableWrap } from '../../components/table-wrap';
import { LoadState, MoreButton, useApi, usePaged } from '../../use-load';
import { useWords } from '../../vocabulary';

interface Entry {
  id: number;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  last_error: string;
  created_at: string;
  next_attempt_at: string;
  sent_at: string | null;
}

interface Settings {
  email: { endpoint: string | null; from: string; authenticated: boolean };
  sms: { endpoint: string | null; token_set: boolean };
  national_portal: { endpoint: string | null; system_code: string; token_set: boolean };
  max_attempts: number;
  retry_base_seconds: number;
}

function SettingsPanel({ s }: { s: Settings }) {
  const on = (endpoint: string | null) => (endpoint ? <code>{endpoint}</code> : <span class="badge badge--stopped">Chưa bật</span>);
  return (
    <section class="panel" aria-labelledby="h-settings">
      <h2 id="h-settings">Cấu hình gửi</h2>
      <dl class="facts">
        <dt>Thư điện tử (SMTP)</dt>
        <dd>
          {on(s.email.endpoint)} {s.email.endpoint && <span class="muted">người gửi: {s.email.from}</span>}
        </dd>
        <dt>Tin nhắn SMS</dt>
        <dd>{on(s.sms.endpoint)}</dd>
        <dt>Cổng DVC quốc gia</dt>
        <dd>
          {on(s.national_portal.endpoint)} {s.national_portal.endpoint && <span class="muted">mã hệ thống: {s.national_portal.system_code}</span>}
        </dd>
        <dt>Gửi lại khi lỗi</dt>
        <dd>
          tối đa {s.max_attempts} lần, lần đầu sau {s.retry_base_seconds} giây, sau đó gấp đôi (tối đa 1 giờ)
        </dd>
      </dl>
      <p class="muted">Các thông số này đặt trong tệp cấu hình (mục [notify] và [national_portal]) để mật khẩu, khóa không lưu trong cơ sở dữ liệu.</p>
    </section>
  );
}


export function AdminOutbox() {
  const [status, setStatus] = useState('dead');
  const words = useWords();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  // The settings panel is secondary: without it the list still works.
  const settings = useApi<Settings>('/api/v1/outbox/settings').data;
  const entries = usePaged<Entry>(`/api/v1/outbox?status=${status}`);
  const items = entries.data;
  return (
    <AdminPage title="Thông báo và đồng bộ">
      <p class="muted">
        Thư điện tử, tin nhắn gửi người dân và dữ liệu đồng bộ Cổng Dịch vụ công quốc gia được gửi lại tự động nhiều lần khi lỗi; tin gửi không thành công sau
        số lần tối đa nằm ở đây để kiểm tra và gửi lại.
      </p>
      {settings && <SettingsPanel s={settings} />}
      <div class="field field--narrow">
        <label for="outbox-status">Trạng thái</label>
        <select id="outbox-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          {words.choices('outbox_statuses').map(([k, v]) => (
            <option value={k}>{v}</option>
          ))}
        </select>
      </div>
      <ErrorBanner message={error} />
      <Notice message={notice} />
      <LoadState state={entries} />
      {!items ? null : items.length === 0 ? (
        <p>Không có tin nào.</p>
      ) : (
        <TableWrap label="Danh sách tin">
          <table>
            <thead>
              <tr>
                <th scope="col">Kênh</th>
                <th scope="col">Người nhận</th>
                <th scope="col">Tạo lúc</th>
                <th scope="col">Số lần gửi</th>
                <th scope="col">Lỗi gần nhất</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr>
                  <td>{words.label('outbox_channels', e.channel)}</td>
                  <td class="break">{e.target}</td>
                  <td>{formatDateTime(e.created_at)}</td>
                  <td>{e.attempts}</td>
                  <td class="break">{e.last_error || '—'}</td>
                  <td>
                    {e.status !== 'sent' && (
                      <button
                        class="link-button"
                        onClick={() =>
                          post(`/api/v1/outbox/${e.id}/resend`)
                            .then(() => {
                              setNotice('Đã đưa tin vào hàng đợi gửi lại.');
                              entries.reload();
                            })
                            .catch((err) => setError(messageOf(err)))
                        }
                      >
                        Gửi lại
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <MoreButton list={entries} />
    </AdminPage>
  );
}
