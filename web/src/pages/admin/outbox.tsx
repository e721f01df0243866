// Notifications and synchronisation: what is waiting, sent, or failed for good (with the last
// error), and sending a failed message again.
import { useEffect, useState } from 'preact/hooks';
import { get, messageOf, post } from '../../api';
import { ErrorBanner } from '../../components/form';
import { formatDateTime } from '../../format';
import { AdminPage } from './common';

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

const channels: Record<string, string> = { email: 'Thư điện tử', sms: 'Tin nhắn SMS', national_portal: 'Cổng DVC quốc gia' };
const statuses: Record<string, string> = { dead: 'Gửi không thành công', pending: 'Đang chờ gửi', sent: 'Đã gửi' };

export function AdminOutbox() {
  const [status, setStatus] = useState('dead');
  const [items, setItems] = useState<Entry[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const load = () =>
    get<{ items: Entry[] }>(`/api/v1/outbox?status=${status}`)
      .then((r) => setItems(r.items))
      .catch((e) => setError(messageOf(e)));
  useEffect(() => {
    setItems(null);
    load();
  }, [status]);
  return (
    <AdminPage title="Thông báo và đồng bộ">
      <p class="muted">
        Thư điện tử, tin nhắn gửi người dân và dữ liệu đồng bộ Cổng Dịch vụ công quốc gia được gửi lại tự động nhiều lần khi lỗi; tin gửi không thành công sau
        số lần tối đa nằm ở đây để kiểm tra và gửi lại.
      </p>
      <div class="field field--narrow">
        <label for="outbox-status">Trạng thái</label>
        <select id="outbox-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          {Object.entries(statuses).map(([k, v]) => (
            <option value={k}>{v}</option>
          ))}
        </select>
      </div>
      <ErrorBanner message={error} />
      {notice && (
        <div class="banner banner--success" role="status">
          {notice}
        </div>
      )}
      {items === null ? (
        <p>Đang tải…</p>
      ) : items.length === 0 ? (
        <p>Không có tin nào.</p>
      ) : (
        <div class="table-wrap">
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
                  <td>{channels[e.channel] ?? e.channel}</td>
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
                              load();
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
        </div>
      )}
    </AdminPage>
  );
}
