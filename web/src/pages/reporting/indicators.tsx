// The digital-government indicators (chỉ tiêu chính quyền số) of a unit over a span of days:
// each share measured live from the one-stop, document and reporting records, against the
// target the province's plan sets, with the counts behind it; the province's administrators set
// the targets here (docs/reporting.md, "Digital-government indicators").
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, del, get, messageOf, put } from '../../api';
import { DateTimeText } from '../../components/date-input';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { TableWrap } from '../../components/table-wrap';
import { useWide } from '../../components/use-wide';
import { formatDate, formatDateTime, todayVn } from '../../format';
import { useSession } from '../../session';
import { LoadState, useLoad } from '../../use-load';

interface Indicator {
  code: string;
  label: string;
  numerator_label: string;
  denominator_label: string;
  numerator: number;
  denominator: number;
  value: number | null;
  target: { percent: number; source: string; updated_at: string } | null;
  met: boolean | null;
}
interface Dashboard {
  unit: { id: number; name: string };
  from: string;
  to: string;
  items: Indicator[];
  judged: number;
  met: number;
}

const percent = (v: number) => `${(Math.round(v * 10) / 10).toLocaleString('vi-VN')}%`;
const count = (n: number) => n.toLocaleString('vi-VN');

function verdict(i: Indicator): [string, string] {
  if (i.value === null) return ['Chưa có số liệu', 'muted'];
  if (i.met === null) return ['Chưa đặt chỉ tiêu', 'muted'];
  return i.met ? ['Đạt', 'badge badge--ok'] : ['Chưa đạt', 'badge badge--overdue'];
}

// A share and its bar (the figure itself is in the text beside it).
function Share({ i }: { i: Indicator }) {
  if (i.value === null) return <>—</>;
  return (
    <>
      {percent(i.value * 100)}
      <br />
      <meter min={0} max={100} value={i.value * 100} low={i.target?.percent} optimum={100} aria-hidden="true" />
    </>
  );
}

function Target({ i }: { i: Indicator }) {
  if (!i.target) return <>—</>;
  return (
    <>
      ≥ {percent(i.target.percent)}
      <br />
      <span class="muted">{i.target.source}</span>
    </>
  );
}

// On a phone: one card per indicator, every figure labelled.
function IndicatorCards({ data }: { data: Dashboard }) {
  return (
    <section aria-labelledby="h-indicators">
      <h2 id="h-indicators">
        {data.unit.name}, từ {formatDate(data.from)} đến {formatDate(data.to)}
      </h2>
      <ul class="plain-list" aria-label="Bảng chỉ tiêu chính quyền số">
        {data.items.map((i) => {
          const [text, cls] = verdict(i);
          return (
            <li key={i.code} data-code={i.code} class="panel">
              <h3>{i.label}</h3>
              <p>
                <span class={cls}>{text}</span>
              </p>
              <dl class="facts">
                <dt>Kết quả</dt>
                <dd>
                  <Share i={i} />
                </dd>
                <dt>Mức phải đạt</dt>
                <dd>
                  <Target i={i} />
                </dd>
                <dt>{i.numerator_label}</dt>
                <dd>{count(i.numerator)}</dd>
                <dt>{i.denominator_label}</dt>
                <dd>{count(i.denominator)}</dd>
              </dl>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function IndicatorTable({ data }: { data: Dashboard }) {
  return (
    <TableWrap label="Bảng chỉ tiêu chính quyền số">
      <table class="indicators">
        <caption>
          {data.unit.name}, từ {formatDate(data.from)} đến {formatDate(data.to)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Chỉ tiêu</th>
            <th scope="col">Kết quả</th>
            <th scope="col">Mức phải đạt</th>
            <th scope="col">Đánh giá</th>
            <th scope="col">Số liệu</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => {
            const [text, cls] = verdict(i);
            return (
              <tr key={i.code} data-code={i.code}>
                <th scope="row">{i.label}</th>
                <td>
                  <Share i={i} />
                </td>
                <td>
                  <Target i={i} />
                </td>
                <td>
                  <span class={cls}>{text}</span>
                </td>
                <td>
                  {i.numerator_label}: {count(i.numerator)}
                  <br />
                  {i.denominator_label}: {count(i.denominator)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

// The province's administrators set or remove an indicator's target.
function TargetForm({ items, onSaved }: { items: Indicator[]; onSaved(): void }) {
  const [code, setCode] = useState(items[0]?.code ?? '');
  const current = items.find((i) => i.code === code);
  const [level, setLevel] = useState(current?.target ? String(current.target.percent) : '');
  const [source, setSource] = useState(current?.target?.source ?? '');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const choose = (c: string) => {
    const i = items.find((x) => x.code === c);
    setCode(c);
    setLevel(i?.target ? String(i.target.percent) : '');
    setSource(i?.target?.source ?? '');
    setFields({});
    setError('');
    setDone('');
  };
  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError('');
    setDone('');
    setFields({});
    try {
      await action();
      setDone(message);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError) setFields(err.fields);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const path = `/api/v1/reporting/indicator-targets/${encodeURIComponent(code)}` as const;
  const save = (e: Event) => {
    e.preventDefault();
    const typed = level.trim().replace(',', '.');
    const n = typed === '' ? NaN : Number(typed);
    if (Number.isNaN(n)) {
      setFields({ percent: 'Nhập mức chỉ tiêu (phần trăm, từ 0 đến 100).' });
      return;
    }
    run(() => put(path, { percent: n, source: source.trim() }), 'Đã lưu mức chỉ tiêu.');
  };
  return (
    <section class="panel" aria-labelledby="h-targets">
      <h2 id="h-targets">Đặt mức chỉ tiêu</h2>
      <p class="muted">Mức chỉ tiêu áp dụng cho toàn tỉnh, theo kế hoạch chuyển đổi số hoặc nghị quyết của tỉnh; ghi rõ văn bản đặt ra chỉ tiêu.</p>
      <ErrorBanner message={error} />
      <Notice message={done} />
      <form class="form" onSubmit={save} noValidate>
        <SelectField label="Chỉ tiêu" id="target-code" value={code} onValue={choose} options={items.map((i) => [i.code, i.label])} />
        <Field label="Mức phải đạt (%)" id="target-percent" inputMode="decimal" value={level} onValue={setLevel} error={fields.percent} required />
        <Field label="Văn bản đặt chỉ tiêu" id="target-source" value={source} onValue={setSource} error={fields.source} maxLength={500} required />
        {current?.target && <p class="muted">Cập nhật lần cuối {formatDateTime(current.target.updated_at)}.</p>}
        <div class="actions">
          <Button type="submit" busy={busy}>
            Lưu chỉ tiêu
          </Button>
          {current?.target && (
            <button type="button" class="button button--secondary" disabled={busy} onClick={() => run(() => del(path), 'Đã bỏ mức chỉ tiêu.')}>
              Bỏ chỉ tiêu
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

export function IndicatorsPage() {
  const { principal, loading } = useSession();
  const { query, route } = useLocation();
  const today = todayVn();
  const from = query.tu_ngay ?? today.slice(0, 4) + '-01-01';
  const to = query.den_ngay ?? today;
  const admin = principal?.grants.some((g) => g.role === 'system_admin') ?? false;
  // Without a choice: the province for its administrators, the official's own unit otherwise.
  const unit = query.don_vi ?? (principal && !admin && principal.unit_id ? String(principal.unit_id) : '');
  const figures = useLoad(
    principal?.kind === 'official'
      ? (signal) => {
          const p = new URLSearchParams({ from, to });
          if (unit) p.set('unit_id', unit);
          return get<Dashboard>(`/api/v1/reporting/indicators?${p}`, signal);
        }
      : null,
    [from, to, unit, principal?.id],
  );
  const wide = useWide();
  const title = 'Chỉ tiêu chính quyền số';
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title={title} kind="official" />;
  // The units the official holds a role in; any other by a link (the server decides).
  const units = new Map<string, string>();
  for (const g of principal.grants) if (g.unit_name) units.set(String(g.unit_id), g.unit_name);
  if (unit && figures.data && !units.has(unit)) units.set(unit, figures.data.unit.name);
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams({ don_vi: unit, tu_ngay: from, den_ngay: to, ...next });
    for (const [k, v] of [...p.entries()]) if (!v) p.delete(k);
    route('/can-bo/bao-cao/chi-tieu?' + p);
  };
  const data = figures.data;
  return (
    <Page title={title} wide>
      <p>
        Kết quả tính trực tiếp từ hồ sơ một cửa, sổ văn bản và báo cáo định kỳ trên hệ thống của đơn vị và các đơn vị trực thuộc, so với mức chỉ tiêu tỉnh đặt ra.
      </p>
      <div class="form form--inline filters">
        <div class="field">
          <label for="ind-unit">Đơn vị</label>
          <select id="ind-unit" value={unit} onChange={(e) => go({ don_vi: (e.target as HTMLSelectElement).value })}>
            {admin && <option value="">Toàn tỉnh</option>}
            {[...units].map(([id, name]) => (
              <option value={id} key={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="ind-from">Từ ngày</label>
          <DateTimeText id="ind-from" value={from} onValue={(v) => go({ tu_ngay: v })} />
        </div>
        <div class="field">
          <label for="ind-to">Đến ngày</label>
          <DateTimeText id="ind-to" value={to} onValue={(v) => go({ den_ngay: v })} />
        </div>
      </div>
      <LoadState state={figures} />
      {data && (
        <>
          <p class="lead" role="status">
            {data.judged > 0 ? `Đạt ${data.met}/${data.judged} chỉ tiêu đã đặt mức.` : 'Chưa có chỉ tiêu nào đã đặt mức và có số liệu trong khoảng thời gian này.'}
          </p>
          {wide ? <IndicatorTable data={data} /> : <IndicatorCards data={data} />}
          <p class="muted">
            Báo cáo định kỳ được tính khi đã qua hạn gửi: số báo cáo đơn vị đã gửi qua hệ thống trên số báo cáo phải gửi có hạn trong khoảng thời gian. Văn bản điện tử gồm văn bản đến
            nhận qua hệ thống và văn bản đi phát hành điện tử.
          </p>
          {admin && <TargetForm items={data.items} onSaved={figures.reload} />}
        </>
      )}
    </Page>
  );
}
