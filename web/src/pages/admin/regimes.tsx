// Reporting regimes (chế độ báo cáo, Nghị định 09/2019/NĐ-CP): the list, and issuing or changing
// one — its form, period type, cut-off day, deadline, lock days, receiving unit, reporting units
// or administrative level, and the units that approve after the receiver (docs/reporting.md).
import { useState } from 'preact/hooks';
import { ApiError, get, messageOf, post, put } from '../../api';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { LoadState, useApi } from '../../use-load';
import { useWords } from '../../vocabulary';
import { AdminPage, flatten, useUnitTree } from './common';

interface Regime {
  id: number;
  code: string;
  name: string;
  legal_basis: string;
  form_code: string;
  form_version: number;
  period_type: string;
  period_type_label: string;
  cutoff_day: number;
  deadline: { kind: string; working_days?: number; month_offset?: number; day?: number; date?: string };
  window: { from: string; to: string } | null;
  lock_days: number;
  receiver: { id: number; name: string };
  approver_unit_ids: number[];
  approval_levels: { level: number; unit_id: number; unit: string }[];
  reporter_unit_ids: number[];
  reporter_level: string;
  reporters: number;
  active: boolean;
  version: number;
  approvals_restarted?: number; // after a change of the approval levels
}
interface FormRow {
  code: string;
  version: number;
  title: string;
  name: string;
}

const MAX_APPROVERS = 3;

const deadlineKinds: [string, string][] = [
  ['working_days_after_cutoff', 'Số ngày làm việc sau ngày chốt số liệu'],
  ['day_of_month', 'Một ngày trong tháng, tính từ tháng cuối kỳ'],
  ['date', 'Một ngày cụ thể (báo cáo một lần)'],
];

// The form's fields as typed (strings), an existing regime's id and version when changing one.
interface Draft {
  id: number;
  version: number;
  code: string;
  name: string;
  legal_basis: string;
  form: string; // "code@version"
  period_type: string;
  cutoff_day: string;
  deadline_kind: string;
  working_days: string;
  month_offset: string;
  day: string;
  date: string;
  window_from: string;
  window_to: string;
  lock_days: string;
  receiver: string;
  reporter_level: string;
  reporters: string[];
  approvers: string[]; // MAX_APPROVERS selects, '' where none
  active: boolean;
}

const blank: Draft = {
  id: 0,
  version: 0,
  code: '',
  name: '',
  legal_basis: '',
  form: '',
  period_type: 'month',
  cutoff_day: '15',
  deadline_kind: 'working_days_after_cutoff',
  working_days: '5',
  month_offset: '1',
  day: '20',
  date: '',
  window_from: '',
  window_to: '',
  lock_days: '0',
  receiver: '',
  reporter_level: '',
  reporters: [],
  approvers: Array(MAX_APPROVERS).fill(''),
  active: true,
};

function draftOf(g: Regime): Draft {
  const approvers = g.approver_unit_ids.map(String);
  return {
    id: g.id,
    version: g.version,
    code: g.code,
    name: g.name,
    legal_basis: g.legal_basis,
    form: `${g.form_code}@${g.form_version}`,
    period_type: g.period_type,
    cutoff_day: String(g.cutoff_day),
    deadline_kind: g.deadline.kind,
    working_days: String(g.deadline.working_days ?? 5),
    month_offset: String(g.deadline.month_offset ?? 1),
    day: String(g.deadline.day ?? 20),
    date: g.deadline.date ?? '',
    window_from: g.window?.from ?? '',
    window_to: g.window?.to ?? '',
    lock_days: String(g.lock_days),
    receiver: String(g.receiver.id),
    reporter_level: g.reporter_level,
    reporters: g.reporter_unit_ids.map(String),
    approvers: [...approvers, ...Array(MAX_APPROVERS - approvers.length).fill('')],
    active: g.active,
  };
}

// What the server reads; numbers typed wrong go as they are, for the server to name the field.
function bodyOf(d: Draft): Record<string, unknown> {
  const num = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);
  const [formCode, formVersion] = d.form ? [d.form.slice(0, d.form.lastIndexOf('@')), d.form.slice(d.form.lastIndexOf('@') + 1)] : ['', ''];
  const deadline =
    d.deadline_kind === 'date'
      ? { kind: 'date', date: d.date }
      : d.deadline_kind === 'day_of_month'
        ? { kind: 'day_of_month', month_offset: num(d.month_offset), day: num(d.day) }
        : { kind: 'working_days_after_cutoff', working_days: num(d.working_days) };
  const body: Record<string, unknown> = {
    code: d.code.trim(),
    name: d.name.trim(),
    legal_basis: d.legal_basis.trim(),
    form_code: formCode,
    form_version: num(formVersion),
    period_type: d.period_type,
    cutoff_day: num(d.cutoff_day),
    deadline,
    lock_days: num(d.lock_days),
    receiver_unit_id: num(d.receiver),
    reporter_unit_ids: d.reporters.map(Number),
    reporter_level: d.reporter_level,
    approver_unit_ids: d.approvers.filter((a) => a !== '').map(Number),
    active: d.active,
  };
  if (d.period_type === 'once') body.window = { from: d.window_from, to: d.window_to };
  if (d.id) body.version = d.version;
  return body;
}

export function AdminRegimes() {
  const words = useWords();
  const list = useApi<{ items: Regime[] }>('/api/v1/reporting/regimes');
  const forms = useApi<{ items: FormRow[] }>('/api/v1/reporting/forms');
  const [tree] = useUnitTree();
  const units = flatten(tree).map((u): [string, string] => [String(u.id), u.label]);
  const [d, setD] = useState<Draft>(blank);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const edit = async (id: number) => {
    setError('');
    setFields({});
    setNotice('');
    try {
      setD(draftOf(await get<Regime>(`/api/v1/reporting/regimes/${id}`)));
      document.getElementById('h-regime')?.scrollIntoView();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    setNotice('');
    try {
      const saved = d.id ? await put<Regime>(`/api/v1/reporting/regimes/${d.id}`, bodyOf(d)) : await post<Regime>('/api/v1/reporting/regimes', bodyOf(d));
      const restarted = saved.approvals_restarted ?? 0;
      setNotice(
        `Đã ${d.id ? 'lưu' : 'ban hành'} chế độ báo cáo ${saved.code}.` +
          (restarted > 0 ? ` Các cấp duyệt đã thay đổi: ${restarted} báo cáo đang trên đường duyệt được duyệt lại từ cấp 1.` : ''),
      );
      setD(draftOf(saved));
      list.reload();
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  const once = d.period_type === 'once';
  const regimes = list.data?.items ?? [];
  return (
    <AdminPage title="Chế độ báo cáo">
      <div class="grid">
        <section class="panel" aria-labelledby="h-regimes">
          <h2 id="h-regimes">Các chế độ báo cáo</h2>
          <LoadState state={list} />
          {list.data && regimes.length === 0 && <p>Chưa có chế độ báo cáo nào.</p>}
          <ul class="regime-list">
            {regimes.map((g) => (
              <li key={g.id}>
                <strong>{g.name}</strong> <code>{g.code}</code>
                {!g.active && <span class="badge badge--stopped">Ngừng áp dụng</span>}
                <br />
                <small>
                  {g.period_type_label} · biểu {g.form_code} (phiên bản {g.form_version}) · {g.reporters} đơn vị báo cáo · duyệt:{' '}
                  {g.approval_levels.map((l) => l.unit).join(' → ')}
                </small>{' '}
                <button type="button" class="link-button" onClick={() => edit(g.id)} aria-label={`Sửa chế độ báo cáo ${g.code}`}>
                  Sửa
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section class="panel" aria-labelledby="h-regime">
          <h2 id="h-regime">{d.id ? `Sửa chế độ báo cáo ${d.code}` : 'Ban hành chế độ báo cáo'}</h2>
          <Notice message={notice} />
          <form class="form" noValidate onSubmit={save}>
            <ErrorBanner message={error} />
            <Field label="Mã chế độ báo cáo" value={d.code} onValue={set('code')} error={fields.code} disabled={d.id !== 0} maxLength={40} />
            <Field label="Tên chế độ báo cáo" value={d.name} onValue={set('name')} error={fields.name} maxLength={300} />
            <Field label="Căn cứ ban hành" value={d.legal_basis} onValue={set('legal_basis')} error={fields.legal_basis} maxLength={500} />
            <SelectField
              label="Biểu mẫu"
              id="regime-form"
              value={d.form}
              onValue={set('form')}
              placeholder="— Chọn biểu mẫu —"
              options={(forms.data?.items ?? []).map((f): [string, string] => [`${f.code}@${f.version}`, `${f.title}: ${f.name} (phiên bản ${f.version})`])}
              error={fields.form_code || fields.form_version}
            />
            <SelectField label="Kỳ báo cáo" id="regime-period" value={d.period_type} onValue={set('period_type')} options={words.choices('report_period_types')} error={fields.period_type} />
            {!once && (
              <Field
                label="Ngày chốt số liệu"
                value={d.cutoff_day}
                onValue={set('cutoff_day')}
                inputMode="numeric"
                error={fields.cutoff_day}
                hint="Ngày 15 theo Điều 12 Nghị định 09/2019/NĐ-CP; ngày 1 cho kỳ theo lịch."
              />
            )}
            {once && (
              <>
                <Field label="Số liệu từ ngày" type="date" value={d.window_from} onValue={set('window_from')} error={fields.window} />
                <Field label="Số liệu đến ngày" type="date" value={d.window_to} onValue={set('window_to')} />
              </>
            )}
            <SelectField label="Cách tính thời hạn gửi" id="regime-deadline" value={d.deadline_kind} onValue={set('deadline_kind')} options={deadlineKinds} error={fields.deadline} />
            {d.deadline_kind === 'working_days_after_cutoff' && (
              <Field label="Số ngày làm việc sau ngày chốt" value={d.working_days} onValue={set('working_days')} inputMode="numeric" />
            )}
            {d.deadline_kind === 'day_of_month' && (
              <>
                <Field label="Ngày trong tháng (1–28)" value={d.day} onValue={set('day')} inputMode="numeric" />
                <Field label="Số tháng sau tháng cuối kỳ" value={d.month_offset} onValue={set('month_offset')} inputMode="numeric" hint="0: ngay trong tháng cuối kỳ; 1: tháng sau." />
              </>
            )}
            {d.deadline_kind === 'date' && <Field label="Hạn gửi" type="date" value={d.date} onValue={set('date')} />}
            <Field label="Số ngày sau hạn gửi thì khóa nhập liệu" value={d.lock_days} onValue={set('lock_days')} inputMode="numeric" error={fields.lock_days} hint="0: không khóa." />
            <SelectField label="Đơn vị nhận báo cáo" id="regime-receiver" value={d.receiver} onValue={set('receiver')} placeholder="— Chọn đơn vị —" options={units} error={fields.receiver_unit_id} />
            <SelectField
              label="Cấp hành chính báo cáo (mọi UBND của cấp)"
              id="regime-level"
              value={d.reporter_level}
              onValue={set('reporter_level')}
              placeholder="— Không theo cấp —"
              options={words.choices('unit_levels', { inForce: true })}
              error={fields.reporter_level}
            />
            <fieldset class="check-list" aria-describedby={fields.reporter_unit_ids ? 'regime-reporters-error' : undefined}>
              <legend>Các đơn vị báo cáo (cùng với cấp ở trên nếu có)</legend>
              {units.map(([id, label]) => (
                <label class="check" key={id}>
                  <input
                    type="checkbox"
                    checked={d.reporters.includes(id)}
                    onChange={() => set('reporters')(d.reporters.includes(id) ? d.reporters.filter((x) => x !== id) : [...d.reporters, id])}
                  />{' '}
                  {label}
                </label>
              ))}
            </fieldset>
            {fields.reporter_unit_ids && (
              <p class="field__error" id="regime-reporters-error">
                {fields.reporter_unit_ids}
              </p>
            )}
            <fieldset>
              <legend>Các cấp duyệt sau đơn vị nhận báo cáo</legend>
              <p class="field__hint">Để trống nếu đơn vị nhận báo cáo duyệt là xong. Mỗi cấp duyệt xong thì báo cáo chuyển lên cấp sau; chỉ khi cấp cuối duyệt, số liệu mới được tổng hợp.</p>
              {d.approvers.map((a, i) => (
                <SelectField
                  key={i}
                  label={`Cấp duyệt thứ ${i + 2}`}
                  id={`regime-approver-${i}`}
                  value={a}
                  onValue={(v) => set('approvers')(d.approvers.map((x, j) => (j === i ? v : x)))}
                  placeholder="— Không có —"
                  options={units}
                  error={i === 0 ? fields.approver_unit_ids : undefined}
                />
              ))}
            </fieldset>
            <label class="check">
              <input type="checkbox" checked={d.active} onChange={(e) => set('active')((e.target as HTMLInputElement).checked)} /> Đang áp dụng (bỏ chọn để ngừng áp dụng)
            </label>
            <Button type="submit" busy={busy}>
              {d.id ? 'Lưu thay đổi' : 'Ban hành chế độ báo cáo'}
            </Button>{' '}
            {d.id !== 0 && (
              <button
                type="button"
                class="button button--secondary"
                onClick={() => {
                  setD(blank);
                  setFields({});
                  setError('');
                  setNotice('');
                }}
              >
                Ban hành chế độ mới
              </button>
            )}
          </form>
        </section>
      </div>
    </AdminPage>
  );
}
