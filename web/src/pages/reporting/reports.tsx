// Periodic reports (issue 18, docs/reporting.md): what each of the official's units must send
// and when, the form of one report to fill on a phone or a desktop (computed cells, live
// figures from the one-stop system, checks, an explanation for warnings), the receiver's review
// (return with a reason, approve, reopen, allow entry after the lock date) and a regime's
// completeness and totals for a period, and one figure unit by unit over the year before it.
import { Fragment } from 'preact';
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, messageOf, post, uploadFile } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { TableWrap } from '../../components/table-wrap';
import { useWide } from '../../components/use-wide';
import { formatDate, formatDateTime } from '../../format';
import type { FormColumn, FormDefinition, FormRow } from '../../reporting';
import { holdsRole, useSession } from '../../session';
import { LoadState, useApi } from '../../use-load';

type Column = FormColumn;
type Row = FormRow;
type Form = FormDefinition;
type Cell = number | string;
interface Finding {
  rule: string;
  cell: string;
  severity: 'error' | 'warning';
  message: string;
}
interface Report {
  regime: { id: number; code: string; name: string; legal_basis: string };
  period: { id: string; label: string; from: string; to: string };
  unit: { id: number; name: string };
  receiver: { id: number; name: string };
  form: Form;
  status: string;
  status_label: string;
  due_date: string;
  overdue: boolean;
  locks_after: string | null;
  locked_reason: string | null;
  return_reason: string | null;
  submitted_at: string | null;
  on_time: boolean | null;
  values: Record<string, Cell>;
  live: Record<string, Cell>;
  findings: Finding[];
  comment: string;
  actions: { name: string; label: string }[];
  // Each approval level, the receiver first: approved (by whom, when), waiting (its turn), pending.
  approval: { level: number; unit: string; state: 'approved' | 'waiting' | 'pending'; by?: string; at?: string }[];
  timeline: { at: string; action: string; label: string; status: string; actor: string; note: string }[];
  version: number;
  signature: ReportSignature | null;
  personal_signature: ReportSignature | null;
}
interface ReportSignature {
  kind_label: string;
  signer_name: string;
  organisation: string;
  signed_at: string;
  valid: boolean;
  message: string;
  matches_report: boolean;
  note: string;
}
interface RegimePeriod {
  id: string;
  label: string;
  from: string;
  to: string;
  due_date: string;
  units: { unit_id: number; unit: string; status: string; status_label: string; overdue: boolean }[];
}
interface Regime {
  id: number;
  code: string;
  name: string;
  period_type_label: string;
  receiver: { id: number; name: string };
  receives: boolean;
  periods: RegimePeriod[];
}

const reportHref = (regime: number, period: string, unit: number) => `/can-bo/bao-cao/${regime}/${encodeURIComponent(period)}/${unit}`;

export function ReportingHome() {
  const { principal, loading } = useSession();
  const list = useApi<{ items: Regime[] }>(principal?.kind === 'official' ? '/api/v1/reporting/regimes' : null);
  const title = 'Báo cáo định kỳ';
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title={title} kind="official" />;
  return (
    <Page title={title}>
      <p>
                Số liệu mỗi kỳ được chốt từ ngày 15 của tháng trước kỳ báo cáo đến ngày 14 của tháng cuối kỳ (Nghị định 09/2019/NĐ-CP, Điều 12), trừ chế độ báo cáo quy định khác.
        Thời hạn gửi tính theo ngày làm việc của tỉnh.
      </p>
      {holdsRole(principal, ['specialist', 'leader', 'unit_admin']) && (
        <p>
          <a href="/can-bo/bao-cao/chi-tieu">Chỉ tiêu chính quyền số</a>: kết quả của đơn vị so với mức chỉ tiêu tỉnh đặt ra.
        </p>
      )}
      <LoadState state={list} />
            {list.data && list.data.items.length === 0 && (
        <p class="muted">
          Đơn vị của bạn chưa được giao lập hoặc nhận chế độ báo cáo nào trên hệ thống. Chế độ báo cáo do quản trị của đơn vị nhận báo cáo (hoặc của tỉnh) thiết lập.
        </p>
      )}
      {list.data?.items.map((g) => (
        <section class="panel" aria-labelledby={`rg-${g.id}`} key={g.id}>
          <h2 id={`rg-${g.id}`}>{g.name}</h2>
          <p class="muted">
            {g.period_type_label} · gửi {g.receiver.name}
          </p>
          {g.periods
            .slice()
            .reverse()
            .map((p) => (
              <div key={p.id}>
                <h3>
                  {p.label} <span class="muted">(số liệu {formatDate(p.from)} – {formatDate(p.to)}; hạn gửi {formatDate(p.due_date)})</span>
                </h3>
                {g.receives && (
                  <p>
                    <a href={`/can-bo/bao-cao/${g.id}/tong-hop/${encodeURIComponent(p.id)}`}>Tình hình nộp và tổng hợp {p.label}</a>
                  </p>
                )}
                {p.units.length > 0 && (
                  <ul class="plain-list">
                                        {p.units.map((u) => (
                      <li key={u.unit_id}>
                        <a href={reportHref(g.id, p.id, u.unit_id)}>{u.unit}</a>: {u.status_label}
                        {u.overdue && <strong class="report-alert"> — quá hạn</strong>}
                      </li>
                    ))}
                    
                  </ul>
                )}
              </div>
            ))}
        </section>
      ))}
    </Page>
  );
}

// The text shown in a cell's input, and what is sent for it.
const shown = (v: Cell | undefined) => (v === undefined ? '' : String(v));
const parsed = (c: Column, text: string): Cell | null => {
  const t = text.trim();
  if (t === '') return null;
  if (c.type === 'text') return t;
  // Numbers typed the Vietnamese way (1.234 or 2,5) as well as plain ones; anything else goes as
  // typed and the server names the cell.
  const normalised = c.type === 'integer' ? t.replace(/[.\s]/g, '') : t.replace(/\s/g, '').replace(',', '.');
  const n = Number(normalised);
  return Number.isFinite(n) ? n : t;
};

function CellInput({ row, col, value, onValue, error }: { row: Row; col: Column; value: string; onValue(v: string): void; error?: string }) {
  const computed = col.sum_of.length > 0 || (row.total && col.type !== 'text');
  return (
    <Field
      label={`${row.label} — ${col.label}`}
      value={value}
      onValue={onValue}
      inputMode={col.type === 'integer' ? 'numeric' : col.type === 'number' ? 'decimal' : 'text'}
      disabled={computed}
      hint={computed ? 'Tự tính' : col.source ? 'Lấy từ hệ thống một cửa, sửa được' : undefined}
      error={error}
    />
  );
}

export function ReportPage() {
  const { params } = useRoute();
  const { principal, loading } = useSession();
  const base = `/api/v1/reporting/regimes/${params.regime}/reports/${encodeURIComponent(params.period ?? '')}/${params.unit}` as const;
  const report = useApi<Report>(principal?.kind === 'official' ? (base as `/api/v1/reporting/regimes/${string}/reports/${string}/${string}`) : null);
  // Kept above the form, which is drawn again from the saved report: the confirmation stays.
  const [notice, setNotice] = useState('');
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Báo cáo" kind="official" />;
  return (
    <Page title={report.data ? `${report.data.form.title} — ${report.data.period.label}` : 'Báo cáo'} wide>
      <p>
        <a href="/can-bo/bao-cao">← Báo cáo định kỳ</a>
      </p>
      <Notice message={notice} />
      <LoadState state={report} />
      {report.data && (
        <ReportForm
          key={report.data.version}
          r={report.data}
          path={base}
          onSaved={(message) => {
            setNotice(message);
            report.reload();
          }}
          onStart={() => setNotice('')}
        />
      )}
    </Page>
  );
}

const doneMessage: Record<string, string> = {
  save: 'Đã lưu nháp.',
  submit: 'Đã gửi báo cáo.',
  return: 'Đã trả lại báo cáo để đơn vị sửa.',
  approve: 'Đã duyệt báo cáo.',
  reopen: 'Đã mở lại báo cáo.',
  unlock: 'Đã cho phép nhập tiếp.',
};

function ReportForm({ r, path, onSaved, onStart }: { r: Report; path: string; onSaved(message: string): void; onStart(): void }) {
  const wide = useWide();
  const [cells, setCells] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, shown(v)])));
  const [comment, setComment] = useState(r.comment);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState('');
  const entry = r.actions.some((a) => a.name === 'save' || a.name === 'submit');
  const can = (name: string) => r.actions.some((a) => a.name === name);
  const editable = (row: Row, col: Column) => entry && !(col.sum_of.length > 0 || (row.total && col.type !== 'text'));
  const run = async (action: string) => {
    setBusy(action);
    setError('');
    setErrors({});
    onStart();
    const body: Record<string, unknown> = { action, version: r.version };
    if (action === 'save' || action === 'submit') {
      const values: Record<string, Cell | null> = {};
      for (const row of r.form.rows)
        for (const col of r.form.columns) if (editable(row, col)) values[`${row.code}.${col.code}`] = parsed(col, cells[`${row.code}.${col.code}`] ?? '');
      body.values = values;
      body.comment = comment;
    }
    if (action === 'return' || action === 'reopen') body.reason = reason;
    if (action === 'unlock') body.until = until;
    try {
      await post(path as `/api/v1/reporting/regimes/${string}/reports/${string}/${string}`, body);
      onSaved(doneMessage[action] ?? 'Đã ghi nhận.');
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError) setErrors(err.fields);
    } finally {
      setBusy('');
    }
  };
    // A filled template: the server reads it whole and saves it as the draft, or names each cell.
  const importExcel = async (file: File) => {
    setBusy('excel');
    setError('');
    setErrors({});
    onStart();
    try {
      await uploadFile<Report>(file, () => undefined, `${path}/xlsx`);
      onSaved('Đã nhập số liệu từ tệp Excel và lưu nháp. Kiểm tra lại rồi gửi báo cáo.');
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError) setErrors(err.fields);
    } finally {
      setBusy('');
    }
  };
  const value = (row: Row, col: Column) => cells[`${row.code}.${col.code}`] ?? '';
  const set = (row: Row, col: Column) => (v: string) => setCells({ ...cells, [`${row.code}.${col.code}`]: v });
  const errorsOf = r.findings.filter((f) => f.severity === 'error');
  const warnings = r.findings.filter((f) => f.severity === 'warning');
  const sent = r.status === 'submitted' || r.status === 'endorsed' || r.status === 'approved';
  const cellErrors = Object.entries(errors).filter(([k]) => k.includes('.'));
  return (
    <>
      {r.return_reason && r.status === 'returned' && (
        <div class="banner banner--warning" role="note">
          Bị trả lại: {r.return_reason}
        </div>
      )}
      {r.locked_reason && (
        <div class="banner banner--info" role="note">
          {r.locked_reason}
        </div>
      )}
      <ErrorBanner message={error} />
      <dl class="facts">
        <dt>Đơn vị báo cáo</dt>
        <dd>{r.unit.name}</dd>
        <dt>Chế độ báo cáo</dt>
        <dd>
          {r.regime.name}
          {r.regime.legal_basis && <span class="muted"> ({r.regime.legal_basis})</span>}
        </dd>
        <dt>Biểu mẫu</dt>
        <dd>
          {r.form.title}: {r.form.name} (phiên bản {r.form.version})
        </dd>
        <dt>Số liệu</dt>
        <dd>
          từ {formatDate(r.period.from)} đến {formatDate(r.period.to)}
        </dd>
        <dt>Hạn gửi</dt>
        <dd>
          {formatDate(r.due_date)} cho {r.receiver.name}
          {r.overdue && <strong class="report-alert"> — đã quá hạn</strong>}
        </dd>
        <dt>Tình trạng</dt>
        <dd data-testid="report-status">
          {r.status_label}
          {sent && r.submitted_at && ` (gửi ${formatDateTime(r.submitted_at)}${r.on_time === false ? ', sau thời hạn' : r.on_time ? ', đúng hạn' : ''})`}
        </dd>
        {r.approval.length > 1 && (
          <>
            <dt>Các cấp duyệt</dt>
            <dd>
              <ol class="approval-levels" data-testid="report-approval">
                {r.approval.map((a) => (
                  <li key={a.level}>
                    {a.unit}:{' '}
                    {a.state === 'approved'
                      ? `đã duyệt${a.by ? ` (${a.by}${a.at ? `, ${formatDateTime(a.at)}` : ''})` : ''}`
                      : a.state === 'waiting'
                        ? 'đang chờ duyệt'
                        : 'chưa đến lượt'}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
        {([['report-personal-signature', r.personal_signature], ['report-signature', r.signature]] as const).map(
          ([testId, sig]) =>
            sig && (
              <Fragment key={testId}>
                <dt>{sig.kind_label}</dt>
                <dd data-testid={testId}>
                  {sig.signer_name}
                  {sig.organisation && ` (${sig.organisation})`}, ký lúc {formatDateTime(sig.signed_at)} — {sig.message}
                  {!sig.matches_report && <strong class="report-alert"> {sig.note}</strong>}
                </dd>
              </Fragment>
            ),
        )}
        {!entry && r.comment && (
          <>
            <dt>Giải trình</dt>
            <dd>{r.comment}</dd>
          </>
        )}
      </dl>
      {wide ? (
        <TableWrap label={r.form.title}>
          <table class="table report-grid">
            <caption>{r.form.name}</caption>
            <thead>
              <tr>
                <th scope="col">Chỉ tiêu</th>
                {r.form.columns.map((c) => (
                  <th scope="col" key={c.code}>
                    {c.label}
                    {c.compulsory && <span aria-hidden="true"> *</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.form.rows.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{row.label}</th>
                  {r.form.columns.map((col) => {
                    const key = `${row.code}.${col.code}`;
                    return (
                      <td key={col.code}>
                        {editable(row, col) ? (
                          <input
                            class={'cell-input' + (errors[key] ? ' cell-input--invalid' : '')}
                            aria-label={`${row.label} — ${col.label}`}
                            aria-invalid={errors[key] ? 'true' : undefined}
                            title={errors[key]}
                            inputMode={col.type === 'integer' ? 'numeric' : col.type === 'number' ? 'decimal' : 'text'}
                            value={value(row, col)}
                            onInput={(e) => set(row, col)((e.target as HTMLInputElement).value)}
                          />
                        ) : (
                          <span>{shown(r.values[key])}</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
                    </table>
          {cellErrors.length > 0 && (
            <ul aria-label="Ô cần sửa">
              {cellErrors.map(([k, message]) => (
                <li key={k} class="report-alert">
                  {message}
                </li>
              ))}
            </ul>
          )}
        </TableWrap>
      ) : (
        r.form.rows.map((row) => (
          <fieldset key={row.code} class="panel">
            <legend>{row.label}</legend>
            {r.form.columns.map((col) =>
              editable(row, col) ? (
                <CellInput key={col.code} row={row} col={col} value={value(row, col)} onValue={set(row, col)} error={errors[`${row.code}.${col.code}`]} />
              ) : (
                <p key={col.code}>
                  {col.label}: <strong>{shown(r.values[`${row.code}.${col.code}`]) || '—'}</strong>
                </p>
              ),
            )}
          </fieldset>
        ))
      )}
      {Object.keys(r.live).length > 0 && entry && <p class="muted">Ô có nguồn được điền sẵn từ hệ thống một cửa theo kỳ chốt số liệu; đơn vị kiểm tra và sửa nếu cần.</p>}
      {(errorsOf.length > 0 || warnings.length > 0) && (
        <section aria-labelledby="rp-checks">
          <h2 id="rp-checks">Kiểm tra số liệu</h2>
          <ul>
            {errorsOf.map((f, i) => (
              <li key={'e' + i} class="report-alert">
                Lỗi: {f.message}
              </li>
            ))}
            {warnings.map((f, i) => (
              <li key={'w' + i}>Cần giải trình: {f.message}</li>
            ))}
          </ul>
        </section>
      )}
      {entry && (
        <Field
          label="Ghi chú giải trình"
          multiline
          value={comment}
          onValue={setComment}
          hint="Bắt buộc khi có số liệu cần giải trình."
          error={errors.comment}
        />
      )}
      <div class="actions-row">
        {can('save') && (
          <Button type="button" class="button button--secondary" busy={busy === 'save'} onClick={() => run('save')}>
            Lưu nháp
          </Button>
        )}
        {can('submit') && (
          <Button type="button" busy={busy === 'submit'} onClick={() => run('submit')}>
            Gửi báo cáo
          </Button>
        )}
        {can('approve') && (
          <Button type="button" busy={busy === 'approve'} onClick={() => run('approve')}>
            Duyệt báo cáo
          </Button>
        )}
      </div>
      {(can('return') || can('reopen')) && (
        <div class="panel">
          <Field label="Lý do trả lại hoặc mở lại" multiline value={reason} onValue={setReason} error={errors.reason} />
          {can('return') && (
            <Button type="button" class="button button--secondary" busy={busy === 'return'} onClick={() => run('return')}>
              Trả lại để sửa
            </Button>
          )}
          {can('reopen') && (
            <Button type="button" class="button button--secondary" busy={busy === 'reopen'} onClick={() => run('reopen')}>
              Mở lại báo cáo đã duyệt
            </Button>
          )}
        </div>
      )}
      {can('unlock') && (
        <div class="panel">
          <Field label="Cho phép nhập đến hết ngày" type="date" value={until} onValue={setUntil} error={errors.until} />
          <Button type="button" class="button button--secondary" busy={busy === 'unlock'} onClick={() => run('unlock')}>
            Cho phép nhập tiếp
          </Button>
        </div>
      )}
      {can('save') ? (
        <section class="panel" aria-labelledby="rp-excel">
          <h2 id="rp-excel">Điền bằng Excel</h2>
          <p>
            Tải mẫu Excel của báo cáo này, điền các ô nền vàng (các ô tổng tự tính), rồi tải tệp lên. Số liệu được lưu nháp để anh/chị kiểm tra
            trước khi gửi.
          </p>
          <p>
            <a href={`${path}?format=xlsx`} download>
              Tải mẫu Excel
            </a>
          </p>
          <div class="field">
            <label for="rp-excel-file">Tải lên tệp Excel đã điền</label>
            <input
              id="rp-excel-file"
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy !== ''}
              onChange={(e) => {
                const input = e.target as HTMLInputElement;
                const file = input.files?.[0];
                if (file) void importExcel(file).finally(() => (input.value = ''));
              }}
            />
            {busy === 'excel' && <p class="muted">Đang đọc tệp Excel…</p>}
          </div>
        </section>
      ) : (
        <p>
          <a href={`${path}?format=xlsx`} download>
            Tải bảng Excel
          </a>
        </p>
      )}
      {r.timeline.length > 0 && (
        <section aria-labelledby="rp-timeline">
          <h2 id="rp-timeline">Quá trình</h2>
          <ol class="timeline">
            {r.timeline.map((e, i) => (
              <li key={i}>
                {formatDateTime(e.at)} — {e.label} ({e.actor}){e.note && `: ${e.note}`}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

interface Completeness {
  period: { id: string; label: string };
  due_date: string;
  expected: number;
  submitted: number;
  approved: number;
  on_time: number;
  late: number;
  missing: number;
  units: { unit_id: number; unit: string; status_label: string; timeliness: string; submitted_at: string | null }[];
}
interface Aggregate {
  regime: { approval_levels: { level: number; unit_id: number; unit: string }[] };
  level: number;
  form: Form;
  values: Record<string, number>;
  approved_reports: number;
}

interface Pivot {
  cell: { id: string; row: string; column: string; aggregation: string };
  periods: { id: string; label: string }[];
  units: { unit_id: number; unit: string; reporting: boolean; values: (number | null)[]; total: number | null }[];
  totals: (number | null)[];
  total: number | null;
}

const numberVn = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
// What a unit's figure over the whole span is, by the column's aggregation.
const spanMeaning: Record<string, string> = {
  sum: 'cộng các kỳ',
  last: 'số của kỳ gần nhất có số liệu',
  first: 'số của kỳ đầu tiên có số liệu',
  none: 'không cộng dồn',
};
const figure = (v: number | null) => (v === null ? '—' : numberVn.format(v));

// A line of the pivot: a unit's figures by period and over the span, or the totals.
function PivotLine({ head, values, total }: { head: string; values: (number | null)[]; total: number | null }) {
  return (
    <tr>
      <th scope="row">{head}</th>
      {values.map((v, i) => (
        <td key={i}>{figure(v)}</td>
      ))}
      <td>{figure(total)}</td>
    </tr>
  );
}

// One figure of the form, commune by commune over the twelve periods up to this one: the
// province-wide pivot, with an Excel copy.
function PivotSection({ regime, period, form }: { regime: string; period: string; form: Form }) {
  // Every number cell, computed ones too (their parts added up); a total row leaves rates empty.
  const cells = form.rows.flatMap((row) =>
    form.columns
      .filter((c) => c.type !== 'text' && !(row.total && c.sum_of.length === 0 && c.aggregation === 'none'))
      .map((c) => ({ id: `${row.code}.${c.code}`, label: `${row.label} — ${c.label}` })),
  );
  const [cell, setCell] = useState(cells[0]?.id ?? '');
  const path = `/api/v1/reporting/regimes/${regime}/pivot?cell=${encodeURIComponent(cell)}&to=${period}` as const;
  const pivot = useApi<Pivot>(cell ? path : null);
  const p = pivot.data;
  return (
    <section aria-labelledby="rp-pivot">
      <h2 id="rp-pivot">Diễn biến theo đơn vị và kỳ</h2>
      <div class="field">
        <label for="rp-cell">Chỉ tiêu</label>
        <select id="rp-cell" value={cell} onChange={(e) => setCell((e.target as HTMLSelectElement).value)}>
          {cells.map((c) => (
            <option value={c.id} key={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <LoadState state={pivot} />
      {p && (
        <>
          <p>
            Số liệu các báo cáo đã duyệt, {p.periods[0]?.label} – {p.periods[p.periods.length - 1]?.label}. Cột “Cả thời kỳ”:{' '}
            {spanMeaning[p.cell.aggregation] ?? spanMeaning.sum}.{' '}
            <a href={`${path}&format=xlsx`} download>
              Tải bảng Excel
            </a>
          </p>
          <TableWrap label={`Diễn biến: ${p.cell.row} — ${p.cell.column}`}>
            <table class="table pivot">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  {p.periods.map((x) => (
                    <th scope="col" key={x.id}>
                      {x.label}
                    </th>
                  ))}
                  <th scope="col">Cả thời kỳ</th>
                </tr>
              </thead>
              <tbody>
                {p.units.map((u) => (
                  <PivotLine
                    key={u.unit_id}
                    head={u.reporting ? u.unit : `${u.unit} (không còn báo cáo theo chế độ này)`}
                    values={u.values}
                    total={u.total}
                  />
                ))}
                <PivotLine head="Tổng cộng" values={p.totals} total={p.total} />
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

const timelinessLabel: Record<string, string> = {
  on_time: 'Gửi đúng hạn',
  late: 'Gửi sau thời hạn',
  missing: 'Chưa gửi, đã quá hạn',
  pending: 'Chưa gửi, còn hạn',
  not_expected: 'Không yêu cầu (kỳ trước khi có chế độ báo cáo)',
};

export function RegimePeriodPage() {
  const { params } = useRoute();
    const { query, route } = useLocation();
  const { principal, loading } = useSession();
  const period = encodeURIComponent(params.period ?? '');
  const official = principal?.kind === 'official';
  const done = useApi<Completeness>(official ? `/api/v1/reporting/regimes/${params.regime}/completeness?period=${period}` : null);
  // With several approval levels, a lower level's own total of what it approved (?cap=).
  const level = /^\d$/.test(query.cap ?? '') ? query.cap : '';
  const sums = useApi<Aggregate>(official ? `/api/v1/reporting/regimes/${params.regime}/aggregate?period=${period}${level ? `&level=${level}` : ''}` : null);
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams({ loc: query.loc ?? '', cap: level ?? '', ...next });
    for (const [k, v] of [...p.entries()]) if (!v) p.delete(k);
    const q = p.toString();
    route(`/can-bo/bao-cao/${params.regime}/tong-hop/${period}${q ? `?${q}` : ''}`);
  };
  if (loading) return <p class="page">Đang tải…</p>;
  if (!official) return <SignInRequired title="Tổng hợp báo cáo" kind="official" />;
  const d = done.data;
  return (
    <Page title={d ? `Tình hình nộp báo cáo ${d.period.label}` : 'Tình hình nộp báo cáo'} wide>
      <p>
        <a href="/can-bo/bao-cao">← Báo cáo định kỳ</a>
      </p>
      <LoadState state={done} />
      {d && (
        <>
          <p>
            Hạn gửi {formatDate(d.due_date)}: {d.submitted}/{d.expected} đơn vị đã gửi ({d.on_time} đúng hạn, {d.late} sau thời hạn), {d.approved} đã duyệt, {d.missing} quá hạn
            chưa gửi.
          </p>
                    <div class="field">
            <label for="rp-filter">Hiển thị</label>
            <select
              id="rp-filter"
              value={query.loc ?? ''}
              onChange={(e) => go({ loc: (e.target as HTMLSelectElement).value })}
            >
              <option value="">Tất cả đơn vị</option>
              {Object.entries(timelinessLabel).map(([k, label]) => (
                <option value={k} key={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <TableWrap label="Tình hình nộp báo cáo theo đơn vị">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Tình trạng</th>
                                    <th scope="col">Gửi</th>
                  <th scope="col">Gửi lúc</th>
                </tr>
              </thead>
              <tbody>
                {d.units
                  .filter((u) => !query.loc || u.timeliness === query.loc)
                  .map((u) => (
                    <tr key={u.unit_id}>
                      <th scope="row">
                        <a href={reportHref(Number(params.regime), d.period.id, u.unit_id)}>{u.unit}</a>
                      </th>
                      <td>{u.status_label}</td>
                      <td>{timelinessLabel[u.timeliness] ?? u.timeliness}</td>
                      <td>{u.submitted_at ? formatDateTime(u.submitted_at) : '—'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      {sums.data && (
        <section aria-labelledby="rp-sums">
          <h2 id="rp-sums">
            {sums.data.level < sums.data.regime.approval_levels.length
              ? `Tổng hợp các báo cáo cấp ${sums.data.level} đã duyệt (${sums.data.approved_reports})`
              : `Tổng hợp các báo cáo đã duyệt (${sums.data.approved_reports})`}
          </h2>
          {sums.data.regime.approval_levels.length > 1 && (
            <div class="field">
              <label for="rp-level">Số liệu đã duyệt đến cấp</label>
              <select id="rp-level" value={String(sums.data.level)} onChange={(e) => go({ cap: (e.target as HTMLSelectElement).value })}>
                {sums.data.regime.approval_levels.map((l) => (
                  <option value={String(l.level)} key={l.level}>
                    {l.level === sums.data!.regime.approval_levels.length ? `Cấp ${l.level} (duyệt cuối): ${l.unit}` : `Cấp ${l.level}: ${l.unit}`}
                  </option>
                ))}
              </select>
            </div>
          )}
          <TableWrap label="Tổng hợp số liệu">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Chỉ tiêu</th>
                  {sums.data.form.columns
                    .filter((c) => c.type !== 'text')
                    .map((c) => (
                      <th scope="col" key={c.code}>
                        {c.label}
                      </th>
                    ))}
                </tr>
              </thead>
              <tbody>
                {sums.data.form.rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">{row.label}</th>
                    {sums.data!.form.columns
                      .filter((c) => c.type !== 'text')
                      .map((c) => (
                        <td key={c.code}>{sums.data!.values[`${row.code}.${c.code}`] ?? '—'}</td>
                      ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
      {sums.data && <PivotSection regime={params.regime ?? ''} period={period} form={sums.data.form} />}
    </Page>
  );
}
