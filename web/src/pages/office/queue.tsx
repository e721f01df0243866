// The officer's work queue: my dossiers, my unit's, the desk's and all of the agency's, in
// due-time order with near-due and overdue marks and counts; filters and server-side paging.
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { DateTimeText } from '../../components/date-input';
import { useWide } from '../../components/use-wide';
import { get, messageOf } from '../../api';
import { StatusBadge, UrgencyBadge } from '../../components/dossier';
import { ErrorBanner, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { formatDateTime } from '../../format';
import { type QueueItem } from '../../onestop';
import { useSession } from '../../session';
import { TableWrap } from '../../components/table-wrap';
import { LoadState, useApi, useLoad, MoreButton, usePaged } from '../../use-load';
import { useWords } from '../../vocabulary';

interface Count {
  total: number;
  near_due: number;
  overdue: number;
}

const queues: { key: string; label: string }[] = [
  { key: 'mine', label: 'Của tôi' },
  { key: 'unit', label: 'Của đơn vị' },
  { key: 'desk', label: 'Một cửa' },
  { key: 'all', label: 'Tất cả' },
];


function remaining(item: QueueItem): string {
  if (item.paused) return 'đang tạm dừng tính thời gian';
  if (item.urgency === 'overdue') return 'đã quá hạn';
  if (item.remaining_seconds === undefined || !item.due_at) return '';
  const h = Math.round(item.remaining_seconds / 3600);
  return h >= 8 ? `còn ${h} giờ làm việc (khoảng ${Math.round(h / 8)} ngày)` : `còn ${Math.max(h, 0)} giờ làm việc`;
}

export function WorkQueue() {
  const { principal, loading } = useSession();
  const { query, route } = useLocation();
  // Without a chosen tab the queue opens on the first one that holds work.
  const [firstWithWork, setFirstWithWork] = useState<string | null>(null);
  const queue = query.hang ?? firstWithWork ?? '';
  const wide = useWide();
  const status = query.trang_thai ?? '';
  const channel = query.kenh ?? '';
  const urgency = query.han ?? '';
  const q = query.q ?? '';
  const from = query.tu_ngay ?? '';
  const to = query.den_ngay ?? '';
  const agencyId = query.don_vi ?? '';
  const procedureId = query.thu_tuc ?? '';
  const [procedureText, setProcedureText] = useState('');
  const [error, setError] = useState('');
  const [text, setText] = useState(q);
  const words = useWords();

  const params = () => {
    const p = new URLSearchParams({ queue, limit: '50' });
    if (status) p.set('status', status);
    if (channel) p.set('channel', channel);
    if (urgency) p.set('urgency', urgency);
    if (q) p.set('q', q);
    if (from) p.set('received_from', from);
    if (to) p.set('received_to', to);
    if (agencyId) p.set('agency_id', agencyId);
    if (procedureId) p.set('procedure_id', procedureId);
    return p.toString();
  };
  const official = principal?.kind === 'official';
  const filters = [queue, status, channel, urgency, q, from, to, agencyId, procedureId];
  // The tabs' counts, fresh with every change of filter (they are the officer's workload).
  const countState = useLoad(official ? (signal) => get<Record<string, Count>>('/api/v1/dossiers/counts', signal) : null, filters);
  const counts = countState.data ?? {};
  // Without counts (they failed) the queue still opens, on the unit's tab.
  useEffect(() => {
    if (query.hang || (!countState.data && !countState.error)) return;
    setFirstWithWork(queues.find((t) => (counts[t.key]?.total ?? 0) > 0)?.key ?? 'unit');
  }, [countState.data, countState.error]);
  const list = usePaged<QueueItem>(official && queue ? `/api/v1/dossiers?${params()}` : null);
  const items = list.data;
  const procedureName = useApi<{ name: string }>(procedureId ? `/api/v1/procedures/${procedureId}` : null).data?.name ?? '';
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') {
    return <SignInRequired title="Hồ sơ công việc" kind="official" />;
  }
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams();
    const all: Record<string, string> = { hang: queue, trang_thai: status, kenh: channel, han: urgency, q, tu_ngay: from, den_ngay: to, don_vi: agencyId, thu_tuc: procedureId, ...next };
    for (const [k, v] of Object.entries(all)) if (v) p.set(k, v);
    route('/can-bo/ho-so?' + p);
  };
  const select = (id: string, label: string, value: string, key: string, options: [string, string][], all: string) => (
    <SelectField id={id} label={label} value={value} onValue={(v) => go({ [key]: v })} placeholder={all} options={options} />
  );

  return (
    <Page title="Hồ sơ công việc" wide>
      <p class="actions-row">
        <a href="/can-bo/tiep-nhan">Tiếp nhận hồ sơ tại quầy</a>
        <a href="/can-bo/so-theo-doi">Sổ theo dõi hồ sơ</a>
      </p>
      <div class="queue-tabs" role="tablist" aria-label="Danh sách hồ sơ">
        {queues.map((t) => {
          const c = counts[t.key];
          return (
            <a
              role="tab"
              aria-selected={queue === t.key ? 'true' : 'false'}
              href={'/can-bo/ho-so?hang=' + t.key}
              class={queue === t.key ? 'queue-tab queue-tab--active' : 'queue-tab'}
            >
              <span>{t.label}</span>
              {c && (
                <span class="queue-tab__counts">
                  {c.total} hồ sơ
                  {c.near_due > 0 && <span class="badge badge--near_due">{c.near_due} sắp đến hạn</span>}
                  {c.overdue > 0 && <span class="badge badge--overdue">{c.overdue} quá hạn</span>}
                </span>
              )}
            </a>
          );
        })}
      </div>
      <details class="filters-fold" open={wide || !!(status || channel || urgency || q || from || to || procedureId)}>
      <summary>Bộ lọc</summary>
      <form
        class="form form--inline filters"
        role="search"
        onSubmit={async (e) => {
          e.preventDefault();
          let thu_tuc = procedureId;
          if (procedureText.trim()) {
            try {
              const r = await get<{ items: { id: number }[] }>(`/api/v1/procedures?limit=1&q=${encodeURIComponent(procedureText.trim())}`);
              if (r.items.length === 0) {
                setError('Không tìm thấy thủ tục phù hợp để lọc.');
                return;
              }
              thu_tuc = String(r.items[0].id);
              setProcedureText('');
            } catch (err) {
              setError(messageOf(err));
              return;
            }
          }
          go({ q: text.trim(), thu_tuc });
        }}
      >
        <div class="field">
          <label for="queue-q">Mã hồ sơ hoặc người nộp</label>
          <input id="queue-q" type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </div>
        {select('queue-status', 'Trạng thái', status, 'trang_thai', words.choices('dossier_statuses'), 'Đang giải quyết')}
        {select('queue-channel', 'Hình thức nộp', channel, 'kenh', words.choices('channels'), 'Tất cả')}
        {select('queue-urgency', 'Thời hạn', urgency, 'han', words.choices('urgencies').filter(([k]) => k !== 'ok'), 'Tất cả')}
        <div class="field">
          <label for="queue-from">Tiếp nhận từ ngày</label>
          <DateTimeText id="queue-from" value={from} onValue={(v) => go({ tu_ngay: v })} />
        </div>
        <div class="field">
          <label for="queue-to">Đến ngày</label>
          <DateTimeText id="queue-to" value={to} onValue={(v) => go({ den_ngay: v })} />
        </div>
        <div class="field">
          <label for="queue-procedure">Thủ tục (tên hoặc mã)</label>
          <input id="queue-procedure" type="search" value={procedureText} onInput={(e) => setProcedureText((e.target as HTMLInputElement).value)} />
        </div>
        <button class="button" type="submit">
          Lọc
        </button>
      </form>
      </details>
      {procedureId && (
        <p class="banner banner--info">
          Đang lọc theo thủ tục: <strong>{procedureName || procedureId}</strong>{' '}
          <button class="link-button" onClick={() => go({ thu_tuc: '' })}>
            Bỏ lọc thủ tục
          </button>
        </p>
      )}
      <ErrorBanner message={error} />
      <LoadState state={list} />
      {items === null ? null : items.length === 0 ? (
        <p role="status">Không có hồ sơ nào.</p>
      ) : (
        <TableWrap label="Danh sách hồ sơ">
          <table class="queue cards-on-phone">
            <caption class="visually-hidden">Hồ sơ theo thứ tự hạn xử lý</caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Thủ tục, người nộp</th>
                <th scope="col">Hình thức</th>
                <th scope="col">Hạn trả</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} class={d.urgency && !d.paused ? 'row--' + d.urgency : ''}>
                  <td data-label="Mã hồ sơ">
                    <a href={`/can-bo/ho-so/${d.id}`}>{d.code}</a>
                  </td>
                  <td data-label="Thủ tục">
                    {d.procedure_name}
                    <br />
                    <span class="muted">{d.applicant_name}</span>
                  </td>
                  <td data-label="Hình thức">{words.label('channels', d.channel)}</td>
                  <td data-label="Hạn trả">
                    {d.due_at ? formatDateTime(d.due_at) : 'Chưa tiếp nhận'}
                    <br />
                    <span class="muted">{remaining(d)}</span>
                  </td>
                  <td data-label="Trạng thái">
                    <StatusBadge status={d.status} label={d.status_label} /> <UrgencyBadge urgency={d.urgency} paused={d.paused} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <MoreButton list={list} label="Xem thêm hồ sơ" />
    </Page>
  );
}
