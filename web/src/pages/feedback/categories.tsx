// The feedback categories as the reception office's leaders keep them: name, subject (ND
// 20/2008 Art. 5), the unit that usually handles them, the answering time and the times set for
// particular units, their order, and whether senders are offered them. A category's code (also
// Open311's service_code) is fixed once made; categories are withdrawn, never deleted.
import { useState } from 'preact/hooks';
import { ApiError, messageOf, post, put } from '../../api';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { TableWrap } from '../../components/table-wrap';
import { useSession } from '../../session';
import { LoadState, useApi } from '../../use-load';

interface UnitRef {
  id: number;
  code: string;
  name: string;
}

interface CategorySettings {
  id: number;
  code: string;
  name: string;
  subject: string;
  unit: UnitRef | null;
  answer_days: number | null;
  active: boolean;
  position: number;
  version: number;
  unit_deadlines: { unit: UnitRef | null; answer_days: number }[];
}

const subjects: [string, string][] = [
  ['administrative', 'Quy định hành chính, thủ tục hành chính'],
  ['socio_economic', 'Kinh tế - xã hội'],
];

interface Draft {
  code: string;
  name: string;
  subject: string;
  unit_id: string;
  answer_days: string;
  position: string;
  active: boolean;
  deadlines: { unit_id: string; answer_days: string }[];
}

const empty: Draft = { code: '', name: '', subject: 'administrative', unit_id: '', answer_days: '', position: '0', active: true, deadlines: [] };

function draftOf(c: CategorySettings): Draft {
  return {
    code: c.code,
    name: c.name,
    subject: c.subject,
    unit_id: c.unit ? String(c.unit.id) : '',
    answer_days: c.answer_days ? String(c.answer_days) : '',
    position: String(c.position),
    active: c.active,
    deadlines: c.unit_deadlines.filter((d) => d.unit).map((d) => ({ unit_id: String(d.unit!.id), answer_days: String(d.answer_days) })),
  };
}

export function FeedbackCategories() {
  const { principal, loading } = useSession();
  const list = useApi<{ items: CategorySettings[] }>(principal?.kind === 'official' ? '/api/v1/feedback/categories' : null);
  const units = useApi<{ items: { id: number; name: string }[] }>(principal?.kind === 'official' ? '/api/v1/units?level=province&limit=200' : null);
  // null: no form open; 0: a new category; otherwise the category being changed.
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const title = 'Lĩnh vực phản ánh, kiến nghị';
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title={title} kind="official" />;
  const unitOptions = (units.data?.items ?? []).map((u) => [String(u.id), u.name] as [string, string]);
  const current = list.data?.items.find((c) => c.id === editing);
  return (
    <Page title={title}>
      <p>
        <a href="/can-bo/phan-anh">← Danh sách phản ánh, kiến nghị</a>
      </p>
      <p>
        Thời hạn trả lời tính bằng ngày làm việc kể từ khi tiếp nhận, chuyển xử lý. Thời hạn riêng của một đơn vị được áp dụng trước thời hạn chung của lĩnh vực; lĩnh vực không
        ghi thời hạn dùng thời hạn chung của hệ thống.
      </p>
      <Notice message={notice} />
      <LoadState state={list} />
      {list.data && (
        <TableWrap label={title}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Lĩnh vực</th>
                <th scope="col">Mã</th>
                <th scope="col">Thời hạn trả lời</th>
                <th scope="col">Đơn vị thường xử lý</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">
                  <span class="visually-hidden">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>
                    <code>{c.code}</code>
                  </td>
                  <td>
                    {c.answer_days ? `${c.answer_days} ngày làm việc` : 'Theo thời hạn chung'}
                    {c.unit_deadlines.length > 0 && ` (${c.unit_deadlines.length} đơn vị có thời hạn riêng)`}
                  </td>
                  <td>{c.unit?.name ?? '—'}</td>
                  <td>{c.active ? 'Đang dùng' : 'Đã ngừng'}</td>
                  <td>
                    <button class="link-button" aria-label={`Sửa lĩnh vực ${c.name}`} onClick={() => setEditing(c.id)}>
                      Sửa
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {editing === null && (
        <p>
          <Button onClick={() => setEditing(0)}>Thêm lĩnh vực</Button>
        </p>
      )}
      {editing !== null && (editing === 0 || current) && (
        <CategoryForm
          key={editing}
          category={current ?? null}
          units={unitOptions}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              setNotice(`Đã lưu lĩnh vực “${saved.name}”.`);
              list.reload();
            }
          }}
        />
      )}
    </Page>
  );
}

function CategoryForm({
  category,
  units,
  onDone,
}: {
  category: CategorySettings | null;
  units: [string, string][];
  onDone(saved: CategorySettings | null): void;
}) {
  const [d, setD] = useState<Draft>(category ? draftOf(category) : empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: 'code' | 'name' | 'subject' | 'unit_id' | 'answer_days' | 'position') => (v: string) => setD({ ...d, [k]: v });
  const setDeadline = (i: number, k: 'unit_id' | 'answer_days', v: string) => setD({ ...d, deadlines: d.deadlines.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });
  const heading = category ? `Sửa lĩnh vực “${category.name}”` : 'Thêm lĩnh vực';
  return (
    <form
      class="form panel"
      noValidate
      aria-labelledby="fbc-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError('');
        setErrors({});
        // A number typed wrong goes as it was typed: the server names the field, nothing is
        // silently cleared.
        const num = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
        const body: Record<string, unknown> = {
          name: d.name.trim(),
          subject: d.subject,
          unit_id: d.unit_id ? Number(d.unit_id) : null,
          answer_days: d.answer_days.trim() ? num(d.answer_days) : null,
          position: d.position.trim() ? num(d.position) : 0,
          active: d.active,
          unit_deadlines: d.deadlines.map((x) => ({ unit_id: Number(x.unit_id) || 0, answer_days: num(x.answer_days) })),
        };
        try {
          const saved = category
            ? await put<CategorySettings>(`/api/v1/feedback/categories/${category.id}`, { ...body, version: category.version })
            : await post<CategorySettings>('/api/v1/feedback/categories', { ...body, code: d.code.trim() });
          onDone(saved);
        } catch (err) {
          setError(messageOf(err));
          if (err instanceof ApiError) setErrors(err.fields);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="fbc-form">{heading}</h2>
      <ErrorBanner message={error} />
      {category ? (
        <p>
          Mã: <code>{category.code}</code> (không đổi được: ứng dụng kết nối dùng mã này)
        </p>
      ) : (
        <Field label="Mã (chữ thường không dấu, ví dụ ha_tang)" value={d.code} onValue={set('code')} error={errors.code} required />
      )}
      <Field label="Tên lĩnh vực" value={d.name} onValue={set('name')} error={errors.name} required />
      <SelectField id="fbc-subject" label="Nội dung phản ánh, kiến nghị về" value={d.subject} onValue={set('subject')} options={subjects} error={errors.subject} />
      <SelectField id="fbc-unit" label="Đơn vị thường xử lý" value={d.unit_id} onValue={set('unit_id')} placeholder="— Không ghi —" options={units} error={errors.unit_id} />
      <Field
        label="Thời hạn trả lời (ngày làm việc)"
        inputMode="numeric"
        value={d.answer_days}
        onValue={set('answer_days')}
        hint="Để trống: theo thời hạn chung của hệ thống."
        error={errors.answer_days}
      />
      <fieldset>
        <legend>Thời hạn riêng của từng đơn vị</legend>
        {d.deadlines.length === 0 && <p class="muted">Chưa có đơn vị nào có thời hạn riêng.</p>}
        {d.deadlines.map((x, i) => (
          <div class="actions-row" key={i}>
            <SelectField id={`fbc-dl-unit-${i}`} label="Đơn vị" value={x.unit_id} onValue={(v) => setDeadline(i, 'unit_id', v)} placeholder="— Chọn đơn vị —" options={units} />
            <Field label="Số ngày làm việc" inputMode="numeric" value={x.answer_days} onValue={(v) => setDeadline(i, 'answer_days', v)} />
            <button type="button" class="link-button link-button--danger" onClick={() => setD({ ...d, deadlines: d.deadlines.filter((_, j) => j !== i) })}>
              Bỏ dòng này
            </button>
          </div>
        ))}
        {errors.unit_deadlines && <p class="field__error">{errors.unit_deadlines}</p>}
        <button type="button" class="link-button" onClick={() => setD({ ...d, deadlines: [...d.deadlines, { unit_id: '', answer_days: '' }] })}>
          Thêm thời hạn riêng cho một đơn vị
        </button>
      </fieldset>
      <Field label="Thứ tự hiển thị" inputMode="numeric" value={d.position} onValue={set('position')} error={errors.position} />
      <label class="choice">
        <input type="checkbox" checked={d.active} onChange={() => setD({ ...d, active: !d.active })} /> Cho phép người dân chọn lĩnh vực này
      </label>
      <div class="actions-row">
        <Button type="submit" busy={busy}>
          Lưu
        </Button>
        <button type="button" class="link-button" onClick={() => onDone(null)}>
          Hủy
        </button>
      </div>
    </form>
  );
}
