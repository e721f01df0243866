// Report forms (biểu mẫu báo cáo, docs/reporting.md "Forms"): the latest version of each, and
// designing one — its rows (total rows add the others), its columns (type, compulsory, a sum of
// earlier columns, how figures add up over units and periods, a figure filled from tinhso's own
// data) and its checks between columns — with a preview of the table people will fill. Saving
// an existing code makes its next version; reports keep the version they were made with.
import { useState } from 'preact/hooks';
import { ApiError, messageOf, post } from '../../api';
import type { FormColumn, FormDefinition, FormRow, FormRule } from '../../reporting';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { TableWrap } from '../../components/table-wrap';
import { LoadState, useApi } from '../../use-load';
import { useWords } from '../../vocabulary';
import { AdminPage } from './common';

type Row = FormRow;
type Column = FormColumn;
type Rule = FormRule;
// A design: a form not yet saved has no version.
type Form = Omit<FormDefinition, 'version'> & { version?: number };

const blank = (): Form => ({
  code: '',
  title: '',
  name: '',
  legal_basis: '',
  rows: [{ code: 'dong_1', label: '', total: false }],
  columns: [{ code: 'so_lieu', label: 'Số liệu', type: 'integer', compulsory: false, sum_of: [], aggregation: 'sum' }],
  rules: [],
});

const aggregations: [string, string][] = [
  ['sum', 'Cộng dồn (số lượng)'],
  ['last', 'Lấy kỳ cuối (số tồn, số hiện có)'],
  ['first', 'Lấy kỳ đầu'],
  ['none', 'Không cộng (tỷ lệ, bình quân)'],
];
const types: [string, string][] = [
  ['integer', 'Số nguyên'],
  ['number', 'Số thập phân'],
  ['text', 'Chữ (ghi chú)'],
];
const ops: [string, string][] = [
  ['le', 'không lớn hơn'],
  ['eq', 'bằng'],
  ['ge', 'không nhỏ hơn'],
];

// Moves item `i` of `list` by `by` places (kept within the list).
function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = list.slice();
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

// Column codes as typed in a rule ("nam, nu").
const codes = (text: string) =>
  text
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

function Preview({ form }: { form: Form }) {
  return (
    <TableWrap label="Xem trước biểu mẫu">
      <table class="table">
        <caption>
          {form.title || 'Biểu mẫu'}: {form.name}
        </caption>
        <thead>
          <tr>
            <th scope="col">Chỉ tiêu</th>
            {form.columns.map((c, i) => (
              <th scope="col" key={i}>
                {c.label || c.code}
                {c.compulsory ? ' *' : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {form.rows.map((r, i) => (
            <tr key={i} class={r.total ? 'row--group' : undefined}>
              <th scope="row">{r.label || r.code}</th>
              {form.columns.map((c, j) => (
                <td key={j} class="muted">
                  {c.sum_of.length > 0 || (r.total && c.type !== 'text') ? (c.aggregation === 'none' && r.total && c.sum_of.length === 0 ? '' : 'Tự tính') : c.source ? 'Lấy từ hệ thống' : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Editor({ initial, taken, onSaved, onCancel }: { initial: Form; taken: string[]; onSaved(f: Form): void; onCancel(): void }) {
  const words = useWords();
  const [f, setForm] = useState<Form>(initial);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const existing = initial.version !== undefined;
  const set = (patch: Partial<Form>) => setForm({ ...f, ...patch });
  const setRow = (i: number, patch: Partial<Row>) => set({ rows: f.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  // A column renamed keeps its place in the sums and checks that name it; one removed leaves them.
  const renamed = (list: string[], from: string, to: string | null) => list.flatMap((x) => (x !== from ? [x] : to === null ? [] : [to]));
  const setColumn = (i: number, patch: Partial<Column>) => {
    const before = f.columns[i].code;
    const to = patch.code !== undefined && patch.code !== before ? patch.code : undefined;
    set({
      columns: f.columns.map((c, j) => (j === i ? { ...c, ...patch } : to === undefined ? c : { ...c, sum_of: renamed(c.sum_of, before, to) })),
      rules: to === undefined ? f.rules : f.rules.map((r) => ({ ...r, left: renamed(r.left, before, to), right: renamed(r.right, before, to) })),
    });
  };
  const removeColumn = (i: number) => {
    const gone = f.columns[i].code;
    set({ columns: f.columns.filter((_, j) => j !== i).map((c) => ({ ...c, sum_of: renamed(c.sum_of, gone, null) })) });
  };
  // A check's columns as typed ("nam, nu"): kept as text while typing, read on every change.
  const [ruleText, setRuleText] = useState<Record<string, string>>({});
  const typedRule = (i: number, side: 'left' | 'right', v: string) => {
    setRuleText({ ...ruleText, [`${i}.${side}`]: v });
    setRule(i, { [side]: codes(v) });
  };
  const setRule = (i: number, patch: Partial<Rule>) => set({ rules: f.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const sources = words.choices('report_live_sources');
  // The server names problems by place ("rows[2].code"): each is shown at its row, column or rule
  // (all of that item's problems together), the rest at the top.
  const at = (key: string) =>
    Object.entries(fields)
      .filter(([k]) => k === key || k.startsWith(key + '.'))
      .map(([, v]) => v)
      .join(' ') || undefined;
  const placed = (k: string) => ['code', 'title', 'name', 'legal_basis', 'rows', 'columns'].includes(k) || /^(rows|columns|rules)\[\d+\]/.test(k);
  const save = async (e: Event) => {
    e.preventDefault();
    // A new form never replaces one that exists: its next version comes from "Sửa".
    if (!existing && taken.includes(f.code.trim())) {
      setError('');
      setFields({ code: 'Đã có biểu mẫu mã này; để tạo phiên bản mới, chọn "Sửa" biểu đó trong danh sách.' });
      return;
    }
    setBusy(true);
    setError('');
    setFields({});
    try {
      const body = { ...f, version: undefined, columns: f.columns.map((c) => ({ ...c, source: c.source || undefined })) };
      const made = await post<Form>('/api/v1/reporting/forms', body);
      onSaved(made);
    } catch (err) {
      if (err instanceof ApiError) setFields(err.fields);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const rowErrors = f.rows.map((_, i) => at(`rows[${i}]`));
  const columnErrors = f.columns.map((_, i) => at(`columns[${i}]`));
  const ruleErrors = f.rules.map((_, i) => at(`rules[${i}]`));
  const rest = Object.entries(fields)
    .filter(([k]) => !placed(k))
    .map(([, v]) => v);
  return (
    <section class="panel" aria-labelledby="h-form-editor">
      <h2 id="h-form-editor">{existing ? `Sửa biểu ${initial.code} (tạo phiên bản ${(initial.version ?? 0) + 1})` : 'Biểu mẫu mới'}</h2>
      {existing && <p class="muted">Báo cáo đã lập giữ phiên bản cũ; chế độ báo cáo dùng phiên bản mới khi được sửa để chọn phiên bản này.</p>}
      <ErrorBanner message={error} />
      {rest.length > 0 && (
        <ul class="field__error" role="list">
          {rest.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
      <form class="form" onSubmit={save} noValidate>
        <Field label="Mã biểu" id="form-code" value={f.code} onValue={(v) => set({ code: v })} error={fields.code} hint="Ví dụ 06/VPCP/KSTT" required disabled={existing} />
        <Field label="Số hiệu" id="form-title" value={f.title} onValue={(v) => set({ title: v })} error={fields.title} hint="Ví dụ Biểu số 06/VPCP/KSTT" required />
        <Field label="Tên biểu" id="form-name" value={f.name} onValue={(v) => set({ name: v })} error={fields.name} required />
        <Field label="Căn cứ ban hành" id="form-legal" value={f.legal_basis} onValue={(v) => set({ legal_basis: v })} error={fields.legal_basis} />

        <fieldset>
          <legend>Dòng (chỉ tiêu)</legend>
          {fields.rows && <p class="field__error">{fields.rows}</p>}
          {f.rows.map((r, i) => (
            <fieldset key={i} aria-label={`Dòng ${i + 1}`}>
              <legend>Dòng {i + 1}</legend>
              <Field label={`Mã dòng ${i + 1}`} id={`row-code-${i}`} value={r.code} onValue={(v) => setRow(i, { code: v })} />
              <Field label={`Tên dòng ${i + 1}`} id={`row-label-${i}`} value={r.label} onValue={(v) => setRow(i, { label: v })} error={rowErrors[i]} />
              <label class="check">
                <input type="checkbox" checked={r.total} onChange={(e) => setRow(i, { total: (e.target as HTMLInputElement).checked })} /> Dòng tổng (cộng các dòng khác)
              </label>
              <div class="actions-row">
                <button type="button" class="link-button" disabled={i === 0} onClick={() => set({ rows: move(f.rows, i, -1) })}>
                  Lên
                </button>
                <button type="button" class="link-button" disabled={i === f.rows.length - 1} onClick={() => set({ rows: move(f.rows, i, 1) })}>
                  Xuống
                </button>
                <button type="button" class="link-button link-button--danger" disabled={f.rows.length === 1} onClick={() => set({ rows: f.rows.filter((_, j) => j !== i) })}>
                  Xóa dòng {i + 1}
                </button>
              </div>
            </fieldset>
          ))}
          <button type="button" class="button button--secondary" onClick={() => set({ rows: [...f.rows, { code: `dong_${f.rows.length + 1}`, label: '', total: false }] })}>
            Thêm dòng
          </button>
        </fieldset>

        <fieldset>
          <legend>Cột</legend>
          {fields.columns && <p class="field__error">{fields.columns}</p>}
          {f.columns.map((c, i) => {
            const earlier = f.columns.slice(0, i).filter((x) => x.type !== 'text');
            return (
              <fieldset key={i} aria-label={`Cột ${i + 1}`}>
                <legend>Cột {i + 1}</legend>
                <Field label={`Mã cột ${i + 1}`} id={`col-code-${i}`} value={c.code} onValue={(v) => setColumn(i, { code: v })} />
                <Field label={`Tên cột ${i + 1}`} id={`col-label-${i}`} value={c.label} onValue={(v) => setColumn(i, { label: v })} error={columnErrors[i]} />
                <SelectField
                  label="Kiểu"
                  id={`col-type-${i}`}
                  value={c.type}
                  onValue={(v) => setColumn(i, { type: v as Column['type'], ...(v === 'text' ? { aggregation: 'none', sum_of: [], compulsory: false } : {}) })}
                  options={types}
                />
                {c.type !== 'text' && (
                  <SelectField
                    label="Tổng hợp theo đơn vị và kỳ"
                    id={`col-aggregation-${i}`}
                    value={c.aggregation}
                    onValue={(v) => setColumn(i, { aggregation: v as Column['aggregation'] })}
                    options={aggregations}
                  />
                )}
                {c.type !== 'text' && earlier.length > 0 && (
                  <fieldset class="check-list">
                    <legend>Là tổng của các cột (để trống nếu nhập số liệu)</legend>
                    {earlier.map((x) => (
                      <label class="check" key={x.code}>
                        <input
                          type="checkbox"
                          checked={c.sum_of.includes(x.code)}
                          onChange={() => setColumn(i, { sum_of: c.sum_of.includes(x.code) ? c.sum_of.filter((y) => y !== x.code) : [...c.sum_of, x.code] })}
                        />{' '}
                        {x.label || x.code}
                      </label>
                    ))}
                  </fieldset>
                )}
                {c.type !== 'text' && c.sum_of.length === 0 && (
                  <SelectField
                    label="Lấy số liệu từ hệ thống"
                    id={`col-source-${i}`}
                    value={c.source ?? ''}
                    onValue={(v) => setColumn(i, { source: v })}
                    placeholder="— Đơn vị tự nhập —"
                    options={sources}
                  />
                )}
                {c.sum_of.length === 0 && (
                  <label class="check">
                    <input type="checkbox" checked={c.compulsory} onChange={(e) => setColumn(i, { compulsory: (e.target as HTMLInputElement).checked })} /> Bắt buộc nhập
                  </label>
                )}
                <div class="actions-row">
                  <button type="button" class="link-button" disabled={i === 0} onClick={() => set({ columns: move(f.columns, i, -1) })}>
                    Sang trái
                  </button>
                  <button type="button" class="link-button" disabled={i === f.columns.length - 1} onClick={() => set({ columns: move(f.columns, i, 1) })}>
                    Sang phải
                  </button>
                  <button type="button" class="link-button link-button--danger" disabled={f.columns.length === 1} onClick={() => removeColumn(i)}>
                    Xóa cột {i + 1}
                  </button>
                </div>
              </fieldset>
            );
          })}
          <button
            type="button"
            class="button button--secondary"
            onClick={() => set({ columns: [...f.columns, { code: `cot_${f.columns.length + 1}`, label: '', type: 'integer', compulsory: false, sum_of: [], aggregation: 'sum' }] })}
          >
            Thêm cột
          </button>
        </fieldset>

        <fieldset>
          <legend>Quy tắc kiểm tra (so sánh các cột trên mỗi dòng)</legend>
          {f.rules.map((r, i) => (
            <fieldset key={i} aria-label={`Quy tắc ${i + 1}`}>
              <legend>Quy tắc {i + 1}</legend>
              <Field label="Mã quy tắc" id={`rule-code-${i}`} value={r.code} onValue={(v) => setRule(i, { code: v })} error={ruleErrors[i]} />
              <Field label="Tổng các cột (mã, cách nhau dấu phẩy)" id={`rule-left-${i}`} value={ruleText[`${i}.left`] ?? r.left.join(', ')} onValue={(v) => typedRule(i, 'left', v)} />
              <SelectField label="Phải" id={`rule-op-${i}`} value={r.op} onValue={(v) => setRule(i, { op: v as Rule['op'] })} options={ops} />
              <Field label="So với tổng các cột (mã, cách nhau dấu phẩy)" id={`rule-right-${i}`} value={ruleText[`${i}.right`] ?? r.right.join(', ')} onValue={(v) => typedRule(i, 'right', v)} />
              <SelectField
                label="Khi không đạt"
                id={`rule-severity-${i}`}
                value={r.severity}
                onValue={(v) => setRule(i, { severity: v as Rule['severity'] })}
                options={[
                  ['error', 'Lỗi: không gửi được'],
                  ['warning', 'Cảnh báo: gửi được khi có giải trình'],
                ]}
              />
              <Field label="Thông báo cho đơn vị" id={`rule-message-${i}`} value={r.message} onValue={(v) => setRule(i, { message: v })} />
              <button type="button" class="link-button link-button--danger" onClick={() => {
                  setRuleText({});
                  set({ rules: f.rules.filter((_, j) => j !== i) });
                }}>
                Xóa quy tắc {i + 1}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            class="button button--secondary"
            onClick={() => set({ rules: [...f.rules, { code: `qt_${f.rules.length + 1}`, left: [], op: 'le', right: [], severity: 'error', message: '' }] })}
          >
            Thêm quy tắc
          </button>
        </fieldset>

        <h3>Xem trước</h3>
        <Preview form={f} />
        <div class="actions-row">
          <Button type="submit" busy={busy}>
            {existing ? 'Lưu phiên bản mới' : 'Tạo biểu mẫu'}
          </Button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              // A design is work: not thrown away without asking.
              if (JSON.stringify(f) !== JSON.stringify(initial) && !window.confirm('Bỏ các thay đổi chưa lưu của biểu mẫu này?')) return;
              onCancel();
            }}
          >
            Hủy
          </button>
        </div>
      </form>
    </section>
  );
}

export function AdminForms() {
  const list = useApi<{ items: Form[] }>('/api/v1/reporting/forms');
  const [editing, setEditing] = useState<Form | null>(null);
  const [done, setDone] = useState('');
  return (
    <AdminPage title="Biểu mẫu báo cáo">
      <p>Biểu mẫu là bảng số liệu đơn vị điền trong mỗi kỳ báo cáo (dòng là chỉ tiêu, cột là số liệu). Sửa một biểu tạo phiên bản mới; báo cáo đã lập giữ phiên bản cũ.</p>
      <Notice message={done} />
      <LoadState state={list} />
      {!editing && (
        <>
          <button
            type="button"
            class="button"
            onClick={() => {
              setDone('');
              setEditing(blank());
            }}
          >
            Biểu mẫu mới
          </button>
          <TableWrap label="Danh sách biểu mẫu">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Biểu</th>
                  <th scope="col">Tên</th>
                  <th scope="col">Phiên bản</th>
                  <th scope="col">Dòng × cột</th>
                  <th scope="col">
                    <span class="visually-hidden">Thao tác</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data?.items.map((f) => (
                  <tr key={f.code}>
                    <th scope="row">{f.title}</th>
                    <td>{f.name}</td>
                    <td>{f.version}</td>
                    <td>
                      {f.rows.length} × {f.columns.length}
                    </td>
                    <td>
                      <button
                        type="button"
                        class="link-button"
                        onClick={() => {
                          setDone('');
                          setEditing({ ...f, legal_basis: f.legal_basis ?? '', rules: f.rules ?? [] });
                        }}
                      >
                        Sửa {f.title}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      {editing && (
        <Editor
          initial={editing}
          taken={list.data?.items.map((x) => x.code) ?? []}
          onCancel={() => setEditing(null)}
          onSaved={(made) => {
            setEditing(null);
            setDone(`Đã lưu ${made.title}, phiên bản ${made.version}.`);
            list.reload();
          }}
        />
      )}
    </AdminPage>
  );
}
