// Reorganisation of units (sắp xếp đơn vị hành chính): write or load a plan, run it dry to see
// what moves and every problem, accept it (applied in the background on its day, with a
// progress bar), cancel one whose day has not come.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf, post } from '../../api';
import { Button, ErrorBanner, Notice } from '../../components/form';
import { TableWrap } from '../../components/table-wrap';
import { isoToVn } from '../../components/date-input';
import { todayVn } from '../../format';
import { LoadState, useApi } from '../../use-load';
import { AdminPage } from './common';

interface UnitRef {
  id?: number;
  code: string;
  name?: string;
  new?: boolean;
}
interface Problem {
  where: string;
  code: string;
  message: string;
}
interface Move {
  from: UnitRef;
  to: UnitRef;
  target: 'work' | 'staff';
  items: Record<string, number>;
  total: number;
}
interface Report {
  effective_on: string;
  applies: 'now' | 'on_effective_day';
  problems: Problem[];
  created: { code: string; name: string; parent: UnitRef }[];
  ended: { unit: UnitRef; successors: UnitRef[]; work_to?: UnitRef; staff_to?: UnitRef }[];
  changed: { unit: UnitRef; to: { parent?: UnitRef; code?: string; name?: string } }[];
  moves: Move[];
  items: { key: string; label: string }[];
  to_move: number;
}
interface Reorganisation {
  id: number;
  title: string;
  legal_basis: string;
  effective_on: string;
  status: 'scheduled' | 'applying' | 'applied' | 'cancelled';
  status_label: string;
  moved: number;
  to_move: number;
  report?: { apply_problems?: Problem[] };
}

// A plan to start from: two communes merged into a new one directly under the province.
const TEMPLATE = JSON.stringify(
  {
    title: 'Sắp xếp đơn vị hành chính cấp xã',
    legal_basis: 'Nghị quyết số …/NQ-UBTVQH15',
    effective_on: '2025-07-01',
    backdate: true,
    new_units: [{ code: '000.00.91.H47', name: 'Ủy ban nhân dân xã …', level: 'commune', kind: 'commune', parent_code: '000.00.00.H47' }],
    merges: [{ units: ['000.01.31.H47', '000.02.31.H47'], into: '000.00.91.H47', staff_to: '000.00.91.H47' }],
    splits: [],
    ends: [],
    changes: [],
  },
  null,
  2,
);

const name = (u: UnitRef) => `${u.name ?? u.code}${u.name ? ` (${u.code})` : ''}${u.new ? ' — đơn vị mới' : ''}`;

function Progress({ r }: { r: Reorganisation }) {
  const percent = r.to_move > 0 ? Math.round((100 * r.moved) / r.to_move) : r.status === 'applied' ? 100 : 0;
  return (
    <div class="upload-progress">
      <progress max={100} value={percent} aria-label={`Tiến độ phương án ${r.title}`}>
        {percent}%
      </progress>
      <span>
        {r.moved.toLocaleString('vi-VN')}/{r.to_move.toLocaleString('vi-VN')} mục ({percent}%)
      </span>
    </div>
  );
}

function ReportView({ report }: { report: Report }) {
  const label = (key: string) => report.items.find((i) => i.key === key)?.label ?? key;
  return (
    <div data-testid="reorganisation-report">
      {report.problems.length > 0 ? (
        <div class="banner banner--error" role="alert">
          <p>
            <strong>Phương án có {report.problems.length} vấn đề cần sửa</strong> (chưa có thay đổi nào được thực hiện):
          </p>
          <ul data-testid="plan-problems">
            {report.problems.map((p) => (
              <li>
                {p.message} <code>{p.where}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="banner banner--info" role="status">
          Phương án hợp lệ. {report.applies === 'now' ? 'Sẽ thực hiện ngay khi xác nhận.' : `Sẽ tự thực hiện vào ngày ${isoToVn(report.effective_on)}.`} Tổng số mục
          sẽ chuyển: {report.to_move.toLocaleString('vi-VN')}.
        </p>
      )}
      {report.created.length > 0 && (
        <>
          <h3>Đơn vị mới ({report.created.length})</h3>
          <ul>
            {report.created.map((c) => (
              <li>
                {c.name} <code>{c.code}</code>, trực thuộc {name(c.parent)}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.ended.length > 0 && (
        <>
          <h3>Đơn vị kết thúc ({report.ended.length})</h3>
          <TableWrap label="Đơn vị kết thúc và đơn vị kế thừa">
            <table>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Đơn vị kế thừa</th>
                  <th scope="col">Nhận việc đang mở</th>
                  <th scope="col">Nhận cán bộ</th>
                </tr>
              </thead>
              <tbody>
                {report.ended.map((e) => (
                  <tr>
                    <td>{name(e.unit)}</td>
                    <td>{e.successors.map(name).join('; ') || '—'}</td>
                    <td>{e.work_to ? name(e.work_to) : '—'}</td>
                    <td>{e.staff_to ? name(e.staff_to) : 'Chưa quyết định'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      {report.changed.length > 0 && (
        <>
          <h3>Đơn vị điều chỉnh ({report.changed.length})</h3>
          <ul>
            {report.changed.map((c) => (
              <li>
                {name(c.unit)}:{c.to.parent && ` chuyển về trực thuộc ${name(c.to.parent)};`}
                {c.to.code && ` mã mới ${c.to.code};`}
                {c.to.name && ` tên mới ${c.to.name}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.moves.length > 0 && (
        <>
          <h3>Việc và cán bộ được chuyển</h3>
          <TableWrap label="Việc và cán bộ được chuyển">
            <table>
              <thead>
                <tr>
                  <th scope="col">Từ</th>
                  <th scope="col">Đến</th>
                  <th scope="col">Nội dung</th>
                  <th scope="col" class="num">
                    Số mục
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.moves.map((m) => (
                  <tr>
                    <td>{name(m.from)}</td>
                    <td>{name(m.to)}</td>
                    <td>
                      {Object.entries(m.items)
                        .map(([k, n]) => `${label(k)}: ${n.toLocaleString('vi-VN')}`)
                        .join('; ')}
                    </td>
                    <td class="num">{m.total.toLocaleString('vi-VN')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </div>
  );
}

export function Reorganisations() {
  const list = useApi<{ items: Reorganisation[] }>('/api/v1/units/reorganisations');
  const [text, setText] = useState(TEMPLATE);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const items = list.data?.items ?? [];
  const running = items.some((r) => r.status === 'applying' || (r.status === 'scheduled' && r.effective_on <= todayVn()));

  // Progress of a plan being applied, every second until it is done.
  useEffect(() => {
    if (!running) return;
    const t = setTimeout(list.reload, 1000);
    return () => clearTimeout(t);
  }, [list.data, running]);

  function parsed(): unknown | null {
    try {
      return JSON.parse(text);
    } catch (e) {
      setError(`Phương án không phải JSON hợp lệ: ${(e as Error).message}`);
      return null;
    }
  }

  async function check() {
    setError('');
    setNotice('');
    setReport(null);
    const plan = parsed();
    if (plan === null) return;
    setBusy(true);
    try {
      setReport(await post<Report>('/api/v1/units/reorganisations?dry_run=1', plan));
    } catch (err) {
      setError(messageOf(err) + (err instanceof ApiError && Object.keys(err.fields).length ? ' ' + Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`).join('; ') : ''));
    } finally {
      setBusy(false);
    }
  }

  async function accept() {
    setError('');
    setNotice('');
    const plan = parsed();
    if (plan === null) return;
    setBusy(true);
    try {
      const r = await post<Reorganisation>('/api/v1/units/reorganisations', plan);
      setNotice(`Đã ghi nhận phương án "${r.title}" (số ${r.id}). ${r.effective_on <= todayVn() ? 'Hệ thống đang thực hiện.' : `Sẽ thực hiện ngày ${isoToVn(r.effective_on)}.`}`);
      setReport(null);
      list.reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function cancel(r: Reorganisation) {
    setError('');
    try {
      await post(`/api/v1/units/reorganisations/${r.id}/cancel`);
      setNotice(`Đã hủy phương án "${r.title}".`);
      list.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function load(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) setText(await file.text());
  }

  return (
    <AdminPage title="Sắp xếp đơn vị hành chính">
      <p>
        Hợp nhất, chia tách, điều chuyển, đổi tên và đổi mã đơn vị theo nghị quyết, quyết định sắp xếp. Hồ sơ, văn bản, nhiệm vụ đang mở được chuyển sang đơn vị kế thừa và giữ
        nguyên thời hạn; lịch sử và mã cũ vẫn tra cứu được.
      </p>
      <Notice message={notice} />
      <ErrorBanner message={error} />
      <section class="panel" aria-labelledby="h-plans">
        <h2 id="h-plans">Các phương án</h2>
        <LoadState state={list} />
        {items.length === 0 && !list.loading && <p>Chưa có phương án nào.</p>}
        {items.length > 0 && (
          <TableWrap label="Các phương án sắp xếp">
            <table>
              <thead>
                <tr>
                  <th scope="col">Phương án</th>
                  <th scope="col">Ngày hiệu lực</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Tiến độ</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr>
                    <td>
                      {r.title}
                      <br />
                      <small>{r.legal_basis}</small>
                    </td>
                    <td>{isoToVn(r.effective_on)}</td>
                    <td data-testid={`plan-status-${r.id}`}>
                      {r.status_label}
                      {r.status === 'scheduled' && r.report?.apply_problems && r.report.apply_problems.length > 0 && (
                        <div class="banner banner--warning">
                          Chưa thực hiện được vì:
                          <ul>
                            {r.report.apply_problems.map((p) => (
                              <li>{p.message}</li>
                            ))}
                          </ul>
                        </div>
                      )}
                    </td>
                    <td>
                      <Progress r={r} />
                    </td>
                    <td>
                      {r.status === 'scheduled' && (
                        <button type="button" class="button button--secondary" onClick={() => cancel(r)}>
                          Hủy phương án {r.id}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section class="panel" aria-labelledby="h-new">
        <h2 id="h-new">Phương án mới</h2>
        <p>
          Viết phương án dạng JSON: đơn vị mới (<code>new_units</code>), hợp nhất (<code>merges</code>), chia tách (<code>splits</code>), kết thúc (<code>ends</code>) và điều
          chỉnh (<code>changes</code>: đơn vị cấp trên, mã, tên). Đơn vị còn cán bộ cần chỉ định nơi nhận cán bộ (<code>staff_to</code>). Chạy thử trước khi thực hiện.
        </p>
        <div class="field">
          <label for="plan-file">Tải tệp phương án (.json)</label>
          <input id="plan-file" type="file" accept=".json,application/json" onChange={load} />
        </div>
        <div class="field">
          <label for="plan-text">Nội dung phương án</label>
          <textarea id="plan-text" rows={16} spellcheck={false} class="plan-text" value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </div>
        <div class="actions-row">
          <Button type="button" busy={busy} onClick={check}>
            Chạy thử
          </Button>
          <Button type="button" busy={busy} disabled={!report || report.problems.length > 0} onClick={accept}>
            Xác nhận thực hiện
          </Button>
        </div>
        {report && <ReportView report={report} />}
      </section>
    </AdminPage>
  );
}
