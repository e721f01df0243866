// The digital-government indicators (chỉ tiêu chính quyền số) of a unit over a span of days:
// each share measured live from the one-stop, document and reporting records, against the
// target the province's plan sets, with the counts behind it; the province's administrators set
// the targets here (docs/reporting.md, "Digital-government indicators").
import { useLocation } from 'preact-iso';
import { useRef, useState } from 'preact/hooks';
import { ApiError, del, get, messageOf, put } from '../../api';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { TableWrap } from '../../components/table-wrap';
import { useWide } from '../../components/use-wide';
import { formatDate, formatDateTime, todayVn } from '../../format';
import { type Grant, useSession } from '../../session';
import { LoadState, useLoad } from '../../use-load';
import { type TreeUnit, useUnitTree } from '../admin/common';

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
  can_set_targets: boolean;
}

// Shares are judged in hundredths of a percent: shown so, whenever the hundredths matter.
const percent = (v: number) => `${v.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;
const typedPercent = (v: number) => String(v).replace('.', ',');
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
  const [level, setLevelText] = useState(current?.target ? typedPercent(current.target.percent) : '');
  const [source, setSourceText] = useState(current?.target?.source ?? '');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const levelInput = useRef<HTMLDivElement>(null);
  // Editing makes the last confirmation stale.
  const setLevel = (v: string) => {
    setLevelText(v);
    setDone('');
  };
  const setSource = (v: string) => {
    setSourceText(v);
    setDone('');
  };
  const choose = (c: string) => {
    const i = items.find((x) => x.code === c);
    setCode(c);
    setLevelText(i?.target ? typedPercent(i.target.percent) : '');
    setSourceText(i?.target?.source ?? '');
    setFields({});
    setError('');
    setDone('');
  };
  const run = async (action: () => Promise<unknown>, message: string, after?: () => void) => {
    setBusy(true);
    setError('');
    setDone('');
    setFields({});
    try {
      await action();
      after?.();
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
    // A percentage as Vietnamese write it: 90, 80,5 (a dot is taken too), two decimals at most.
    const typed = level.trim();
    const n = /^\d{1,3}([.,]\d{1,2})?$/.test(typed) ? Number(typed.replace(',', '.')) : NaN;
    const problems: Record<string, string> = {};
    if (Number.isNaN(n) || n > 100) problems.percent = 'Nhập số phần trăm từ 0 đến 100, tối đa hai chữ số thập phân, ví dụ 90 hoặc 80,5.';
    if (!source.trim()) problems.source = 'Nêu văn bản đặt ra chỉ tiêu (ví dụ kế hoạch chuyển đổi số của tỉnh).';
    if (Object.keys(problems).length > 0) {
      setFields(problems);
      setDone('');
      return;
    }
    run(() => put(path, { percent: n, source: source.trim() }), 'Đã lưu mức chỉ tiêu.');
  };
  const remove = () => {
    if (!current?.target || !window.confirm(`Bỏ mức chỉ tiêu “${current.label}”?`)) return;
    run(() => del(path), 'Đã bỏ mức chỉ tiêu.', () => {
      setLevelText('');
      setSourceText('');
      levelInput.current?.querySelector('input')?.focus();
    });
  };
  return (
    <section class="panel" aria-labelledby="h-targets">
      <h2 id="h-targets">Đặt mức chỉ tiêu</h2>
      <p class="muted">Mức chỉ tiêu áp dụng cho toàn tỉnh, theo kế hoạch chuyển đổi số hoặc nghị quyết của tỉnh; ghi rõ văn bản đặt ra chỉ tiêu.</p>
      <ErrorBanner message={error} />
      <Notice message={done} />
      <form class="form" onSubmit={save} noValidate>
        <SelectField label="Chỉ tiêu" id="target-code" value={code} onValue={choose} options={items.map((i) => [i.code, i.label])} />
        <div ref={levelInput}>
          <Field label="Mức phải đạt (%)" id="target-percent" inputMode="decimal" value={level} onValue={setLevel} error={fields.percent} required />
        </div>
        <Field label="Văn bản đặt chỉ tiêu" id="target-source" value={source} onValue={setSource} error={fields.source} maxLength={500} required multiline />
        {current?.target && <p class="muted">Cập nhật lần cuối {formatDateTime(current.target.updated_at)}.</p>}
        <div class="actions-row">
          <Button type="submit" busy={busy}>
            Lưu chỉ tiêu
          </Button>
          {current?.target && (
            <button type="button" class="button button--secondary" disabled={busy} onClick={remove}>
              Bỏ chỉ tiêu
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

// The units the official may choose: those a grant names and, where it covers them, the units
// below (every unit for a system administrator), indented as in the tree.
function choosableUnits(tree: TreeUnit[], grants: Grant[]): [string, string][] {
  const all = grants.some((g) => g.role === 'system_admin');
  const out: [string, string][] = [];
  const walk = (units: TreeUnit[], depth: number, covered: boolean) => {
    for (const u of units) {
      const grant = grants.find((g) => g.unit_id === u.id);
      const shown = all || covered || !!grant;
      if (shown) out.push([String(u.id), `${'— '.repeat(depth)}${u.name}`]);
      walk(u.children, shown ? depth + 1 : depth, all || covered || !!grant?.include_subunits);
    }
  };
  walk(tree, 0, false);
  return out;
}

// The filter: the unit applies at once; the dates when asked ("Xem"), as typing one goes through
// dates nobody meant (27/03/20 is a date too).
function Filters({ unit, from, to, units, onApply }: { unit: string; from: string; to: string; units: [string, string][]; onApply(next: Record<string, string>): void }) {
  const [draftFrom, setFrom] = useState(from);
  const [draftTo, setTo] = useState(to);
  const [problem, setProblem] = useState('');
  const apply = (e: Event) => {
    e.preventDefault();
    if (!draftFrom || !draftTo) {
      setProblem('Nhập đủ ngày bắt đầu và ngày kết thúc.');
      return;
    }
    if (draftTo < draftFrom) {
      setProblem('Ngày kết thúc không được trước ngày bắt đầu.');
      return;
    }
    setProblem('');
    onApply({ tu_ngay: draftFrom, den_ngay: draftTo });
  };
  return (
    <form class="form form--inline filters" onSubmit={apply} noValidate>
      <SelectField label="Đơn vị" id="ind-unit" value={unit} onValue={(v) => onApply({ don_vi: v })} options={units} />
      <Field label="Từ ngày" id="ind-from" type="date" value={draftFrom} onValue={setFrom} />
      <Field label="Đến ngày" id="ind-to" type="date" value={draftTo} onValue={setTo} error={problem} />
      <div class="field">
        <Button type="submit">Xem</Button>
      </div>
    </form>
  );
}

export function IndicatorsPage() {
  const { principal, loading } = useSession();
  const { query, route } = useLocation();
  const today = todayVn();
  const isDate = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const from = isDate(query.tu_ngay) ?? today.slice(0, 4) + '-01-01';
  const to = isDate(query.den_ngay) ?? today;
  const admin = principal?.grants.some((g) => g.role === 'system_admin') ?? false;
  // Without a choice: the province for its administrators, the official's own unit otherwise.
  const chosen = /^\d+$/.test(query.don_vi ?? '') ? query.don_vi : undefined;
  const unit = chosen ?? (principal && !admin && principal.unit_id ? String(principal.unit_id) : '');
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
  const [tree] = useUnitTree();
  const wide = useWide();
  const title = 'Chỉ tiêu chính quyền số';
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title={title} kind="official" />;
  const units = choosableUnits(tree, principal.grants);
  if (admin && units.length > 0) units[0] = ['', 'Toàn tỉnh'];
  if (unit && !units.some(([id]) => id === unit)) units.unshift([unit, figures.data?.unit.name ?? 'Đơn vị đã chọn']);
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
      <Filters key={`${from}/${to}`} unit={unit} from={from} to={to} units={units} onApply={go} />
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
          {data.can_set_targets && <TargetForm items={data.items} onSaved={figures.reload} />}
        </>
      )}
    </Page>
  );
}
