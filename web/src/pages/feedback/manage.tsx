// Feedback for reception and leaders beyond one item: the figures of a period (by answering unit
// and category, with their Excel export) and the Open311 application keys reception issues to
// other applications (the secret shown once) and revokes.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, del, messageOf, post } from '../../api';
import { Button, ErrorBanner, Field } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { TableWrap } from '../../components/table-wrap';
import { formatDate } from '../../format';
import { useSession } from '../../session';
import { LoadState, useApi } from '../../use-load';

interface Counts {
  received: number;
  answered: number;
  answered_on_time: number;
  open: number;
  overdue: number;
  rated: number;
  average_rating: number | null;
}

interface ChannelRow extends Counts {
  channel: string;
  channel_label: string;
}

interface FigureRow extends Counts {
  unit: { id: number; name: string };
  category: { id: number; name: string };
}

// The figures' columns, the same in every table of the page.
function CountHeads() {
  return (
    <>
      <th scope="col">Tiếp nhận</th>
      <th scope="col">Đã trả lời</th>
      <th scope="col">Đúng hạn</th>
      <th scope="col">Đang xử lý</th>
      <th scope="col">Quá hạn</th>
      <th scope="col">Hài lòng bình quân</th>
    </>
  );
}

function CountCells({ r }: { r: Counts }) {
  return (
    <>
      <td>{r.received}</td>
      <td>{r.answered}</td>
      <td>{r.answered_on_time}</td>
      <td>{r.open}</td>
      <td>{r.overdue > 0 ? <span class="badge badge--overdue">{r.overdue}</span> : 0}</td>
      <td>{r.average_rating === null ? '—' : `${r.average_rating.toFixed(1)}/5 (${r.rated} lượt)`}</td>
    </>
  );
}

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function FeedbackFigures() {
  const { principal, loading } = useSession();
  const { query, path, route } = useLocation();
  const today = new Date();
  const from = query.tu ?? `${today.getFullYear()}-01-01`;
  const to = query.den ?? isoDay(today);
  const [f, setF] = useState({ from, to });
  const state = useApi<{ items: FigureRow[]; by_channel: ChannelRow[] }>(principal?.kind === 'official' ? `/api/v1/feedback/stats?from=${from}&to=${to}` : null);
  const title = 'Thống kê phản ánh, kiến nghị';
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title={title} kind="official" />;
  const rows = state.data?.items ?? [];
  const total = (k: keyof FigureRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
  return (
    <Page title={title} wide>
      <p>
        <a href="/can-bo/phan-anh">← Danh sách phản ánh, kiến nghị</a>
      </p>
      <form
        class="form form--inline"
        onSubmit={(e) => {
          e.preventDefault();
          route(`${path}?tu=${f.from}&den=${f.to}`);
        }}
      >
        <Field label="Từ ngày" type="date" value={f.from} onValue={(v) => setF({ ...f, from: v })} />
        <Field label="Đến ngày" type="date" value={f.to} onValue={(v) => setF({ ...f, to: v })} />
        <Button type="submit">Xem</Button>
        <a class="button button--secondary" href={`/api/v1/feedback/stats?from=${from}&to=${to}&format=xlsx`} download>
          Tải Excel
        </a>
      </form>
      <LoadState state={state} />
      {state.data && rows.length === 0 && <p>Không có phản ánh, kiến nghị nào được tiếp nhận trong khoảng thời gian này.</p>}
      {rows.length > 0 && (
        <TableWrap label="Số liệu theo đơn vị trả lời và lĩnh vực">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Đơn vị trả lời</th>
                <th scope="col">Lĩnh vực</th>
                <CountHeads />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.unit.id}-${r.category.id}`}>
                  <td>{r.unit.name}</td>
                  <td>{r.category.name}</td>
                  <CountCells r={r} />
                </tr>
              ))}
              <tr>
                <th scope="row" colSpan={2}>
                  Tổng cộng
                </th>
                <td>{total('received')}</td>
                <td>{total('answered')}</td>
                <td>{total('answered_on_time')}</td>
                <td>{total('open')}</td>
                <td>{total('overdue')}</td>
                <td></td>
              </tr>
            </tbody>
          </table>
        </TableWrap>
      )}
      {(state.data?.by_channel ?? []).length > 0 && (
        <>
          <h2>Theo kênh tiếp nhận</h2>
          <TableWrap label="Số liệu theo kênh tiếp nhận">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Kênh tiếp nhận</th>
                  <CountHeads />
                </tr>
              </thead>
              <tbody>
                {state.data!.by_channel.map((r) => (
                  <tr key={r.channel}>
                    <td>{r.channel_label}</td>
                    <CountCells r={r} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </Page>
  );
}

interface AppKey {
  id: number;
  name: string;
  per_day: number;
  created_at: string;
  revoked_at: string | null;
}

export function FeedbackAppKeys() {
  const { principal, loading } = useSession();
  const keys = useApi<{ items: AppKey[] }>(principal?.kind === 'official' ? '/api/v1/feedback/app-keys' : null);
  const [name, setName] = useState('');
  const [perDay, setPerDay] = useState('1000');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const title = 'Khóa ứng dụng kết nối (Open311)';
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title={title} kind="official" />;
  return (
    <Page title={title}>
      <p>
        <a href="/can-bo/phan-anh">← Danh sách phản ánh, kiến nghị</a>
      </p>
      <p>
        Ứng dụng khác (của tỉnh, của đơn vị hoặc của bên thứ ba) gửi và theo dõi phản ánh, kiến nghị qua giao diện Open311 GeoReport v2 tại <code>/open311/v2</code>. Mỗi
        ứng dụng dùng một khóa riêng; khóa chỉ dùng được cho Open311, không mở được các chức năng khác của hệ thống.
      </p>
      <ErrorBanner message={error} />
      {secret && (
        <div class="banner banner--warning" role="status">
          Khóa mới (chỉ hiện một lần, hãy lưu lại ngay): <code data-testid="app-key-secret">{secret}</code>
        </div>
      )}
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          setErrors({});
          try {
            const r = await post<{ key: string }>('/api/v1/feedback/app-keys', { name: name.trim(), per_day: Number(perDay) || 0 });
            setSecret(r.key);
            setName('');
            keys.reload();
          } catch (err) {
            setError(messageOf(err));
            if (err instanceof ApiError) setErrors(err.fields);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Field label="Tên ứng dụng" value={name} onValue={setName} error={errors.name} required />
        <Field label="Số phản ánh, kiến nghị tối đa mỗi ngày" inputMode="numeric" value={perDay} onValue={setPerDay} error={errors.per_day} />
        <Button type="submit" busy={busy}>
          Cấp khóa
        </Button>
      </form>
      <h2>Khóa đã cấp</h2>
      <LoadState state={keys} />
      {keys.data && keys.data.items.length === 0 && <p>Chưa cấp khóa nào.</p>}
      {keys.data && keys.data.items.length > 0 && (
        <TableWrap label="Khóa đã cấp">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Ứng dụng</th>
                <th scope="col">Tối đa mỗi ngày</th>
                <th scope="col">Ngày cấp</th>
                <th scope="col">Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>{k.per_day}</td>
                  <td>{formatDate(k.created_at)}</td>
                  <td>
                    {k.revoked_at ? (
                      `Đã thu hồi ${formatDate(k.revoked_at)}`
                    ) : (
                      <button
                        class="link-button link-button--danger"
                        aria-label={`Thu hồi khóa ${k.name}`}
                        onClick={() =>
                          del(`/api/v1/feedback/app-keys/${k.id}`)
                            .then(keys.reload)
                            .catch((e) => setError(messageOf(e)))
                        }
                      >
                        Thu hồi
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Page>
  );
}
