// The catalog for administrators: find a procedure (withdrawn ones too), withdraw it or offer it
// again, and edit its internal process — the ordered steps with role, unit and share of the
// time — checked as you type; saving records a new version (dossiers keep theirs).
import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf, post, put } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/form';
import { type ProcedureDetail, type ProcedureSummary, processingTime } from '../../onestop';
import { AdminPage } from './common';
import { TableWrap } from '../../components/table-wrap';
import { LoadState, useApi } from '../../use-load';
import { useWords } from '../../vocabulary';

type UnitRule = string | { code: string } | { division: string };

interface StepDraft {
  key: string;
  name: string;
  role: string;
  unit: UnitRule;
  share: number;
}

// The roles a process step can be given to (the server's labels name them).
const stepRoles = ['desk_officer', 'specialist', 'leader'];

const unitKind = (u: UnitRule) => (typeof u === 'string' ? u : 'code' in u ? 'code' : 'division');
const unitValue = (u: UnitRule) => (typeof u === 'string' ? '' : 'code' in u ? u.code : u.division);

// The problems a person must fix before saving (the server checks the same rules).
export function stepProblems(steps: StepDraft[]): string[] {
  const out: string[] = [];
  if (steps.length === 0) out.push('Quy trình cần ít nhất một bước xử lý.');
  steps.forEach((s, i) => {
    if (!s.name.trim()) out.push(`Bước ${i + 1}: cần tên bước.`);
    const kind = unitKind(s.unit);
    if ((kind === 'code' || kind === 'division') && !unitValue(s.unit).trim()) out.push(`Bước ${i + 1}: cần ${kind === 'code' ? 'mã định danh đơn vị' : 'tên phòng chuyên môn'}.`);
  });
  const total = Math.round(steps.reduce((a, s) => a + s.share, 0) * 100);
  if (steps.length && Math.abs(total - 100) > 1) out.push(`Tổng tỷ lệ thời gian các bước phải bằng 100% (hiện là ${total}%).`);
  if (steps.length && steps[steps.length - 1].role !== 'leader') out.push('Bước cuối của quy trình là lãnh đạo phê duyệt.');
  return out;
}

export function AdminProcedures() {
  const { query, route } = useLocation();
  const q = query.q ?? '';
  const [text, setText] = useState(q);
  const list = useApi<{ items: ProcedureSummary[] }>(`/api/v1/procedures?include_inactive=1&limit=50&q=${encodeURIComponent(q)}`);
  const items = list.data?.items;
  const [error, setError] = useState('');
  return (
    <AdminPage title="Thủ tục hành chính">
      <form
        class="form form--inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          route('/quan-tri/thu-tuc?q=' + encodeURIComponent(text.trim()));
        }}
      >
        <Field label="Tìm thủ tục" type="search" value={text} onValue={setText} />
        <button class="button" type="submit">
          Tìm
        </button>
      </form>
      <ErrorBanner message={error} />
      <LoadState state={list} />
      {items && (
        <TableWrap label="Danh sách thủ tục">
          <table>
            <thead>
              <tr>
                <th scope="col">Thủ tục</th>
                <th scope="col">Thời hạn</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/quan-tri/thu-tuc/${p.id}`}>{p.name}</a>
                    <span class="muted block">
                      {p.national_code} · {p.sector.name}
                    </span>
                  </td>
                  <td>{processingTime(p)}</td>
                  <td>{p.active ? 'Đang tiếp nhận' : <span class="badge badge--stopped">Ngừng tiếp nhận</span>}</td>
                  <td>
                    <button
                      class="link-button"
                      onClick={() =>
                        post(`/api/v1/procedures/${p.id}/active`, { active: !p.active })
                          .then(list.reload)
                          .catch((e) => setError(messageOf(e)))
                      }
                    >
                      {p.active ? 'Ngừng tiếp nhận' : 'Mở lại tiếp nhận'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </AdminPage>
  );
}

export function AdminProcedure() {
  const { params } = useRoute();
  const procedure = useApi<ProcedureDetail & { version_no: number }>(`/api/v1/procedures/${params.id}`);
  const p = procedure.data;
  const words = useWords();
  const [name, setName] = useState('');
  const [days, setDays] = useState('0');
  const [hours, setHours] = useState('0');
  const [steps, setSteps] = useState<StepDraft[]>([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  // The form starts from the version loaded (and again after a save or a conflict).
  useEffect(() => {
    if (!p) return;
    setName(p.name);
    setDays(String(p.processing_days));
    setHours(String(p.processing_hours));
    setSteps(p.definition.steps.map((s) => ({ ...s, unit: s.unit as UnitRule })));
  }, [p]);
  const problems = stepProblems(steps);
  const update = (i: number, change: Partial<StepDraft>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const move = (i: number, by: number) => {
    const next = [...steps];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setSteps(next);
  };

  async function save(e: Event) {
    e.preventDefault();
    if (!p || problems.length) return;
    setBusy(true);
    setError('');
    setNotice('');
    try {
      const body = {
        ...p.definition,
        name: name.trim(),
        processing_days: Number(days) || 0,
        processing_hours: Number(hours) || 0,
        steps: steps.map((s, i) => ({ ...s, key: s.key || `s${i + 1}` })),
        expected_version_no: p.version_no,
      };
      const r = await put<ProcedureDetail & { version_no: number }>(`/api/v1/procedures/${p.id}`, body);
      setNotice(`Đã lưu phiên bản ${r.version_no}. Hồ sơ đã tiếp nhận vẫn theo phiên bản cũ.`);
      procedure.reload();
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.status === 409) procedure.reload();
    } finally {
      setBusy(false);
    }
  }

  if (!p) {
    return (
      <AdminPage title="Thủ tục hành chính">
        <LoadState state={procedure} />
      </AdminPage>
    );
  }
  return (
    <AdminPage title={`Sửa thủ tục: ${p.name}`}>
      <p class="muted">
        Mã {p.national_code} · phiên bản hiện hành {p.version_no}
      </p>
      <ErrorBanner message={error} />
      {/* A reload that failed (the page keeps what it showed): say so, with a retry. */}
      <LoadState state={procedure} />
      <Notice message={notice} />
      <form class="form form--wide" noValidate onSubmit={save}>
        <Field label="Tên thủ tục" value={name} onValue={setName} />
        <div class="form form--inline">
          <Field label="Thời hạn (ngày làm việc)" value={days} onValue={setDays} inputMode="numeric" />
          <Field label="hoặc (giờ làm việc)" value={hours} onValue={setHours} inputMode="numeric" />
        </div>
        <fieldset>
          <legend>Quy trình nội bộ</legend>
          <ol class="flow" aria-label="Sơ đồ quy trình">
            <li>Tiếp nhận tại một cửa</li>
            {steps.map((s) => (
              <li>
                <strong>{s.name || 'Bước chưa đặt tên'}</strong>
                <span>
                  {words.label('roles', s.role)} · {words.label('step_units', unitKind(s.unit))}
                  {unitValue(s.unit) ? ` (${unitValue(s.unit)})` : ''} · {Math.round(s.share * 100)}% thời gian
                </span>
              </li>
            ))}
            <li>Trả kết quả</li>
          </ol>
          <ol class="steps-editor">
            {steps.map((s, i) => {
              const kind = unitKind(s.unit);
              return (
                <li key={i} class="step-row">
                  <p class="step-row__title">Bước {i + 1}</p>
                  <Field label={`Tên bước ${i + 1}`} value={s.name} onValue={(v) => update(i, { name: v })} />
                  <div class="field">
                    <label for={`step-role-${i}`}>Vai trò thực hiện</label>
                    <select id={`step-role-${i}`} value={s.role} onChange={(e) => update(i, { role: (e.target as HTMLSelectElement).value })}>
                      {words.choices('roles').filter(([k]) => stepRoles.includes(k)).map(([k, v]) => (
                        <option value={k}>{v}</option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={`step-unit-${i}`}>Đơn vị thực hiện</label>
                    <select
                      id={`step-unit-${i}`}
                      value={kind}
                      onChange={(e) => {
                        const k = (e.target as HTMLSelectElement).value;
                        update(i, { unit: k === 'code' ? { code: '' } : k === 'division' ? { division: '' } : k });
                      }}
                    >
                      {words.choices('step_units').map(([k, v]) => (
                        <option value={k}>{v}</option>
                      ))}
                    </select>
                  </div>
                  {(kind === 'code' || kind === 'division') && (
                    <Field
                      label={kind === 'code' ? `Mã định danh đơn vị (bước ${i + 1})` : `Tên phòng chuyên môn (bước ${i + 1})`}
                      value={unitValue(s.unit)}
                      onValue={(v) => update(i, { unit: kind === 'code' ? { code: v } : { division: v } })}
                    />
                  )}
                  <Field
                    label={`Tỷ lệ thời gian bước ${i + 1} (%)`}
                    value={String(Math.round(s.share * 100))}
                    onValue={(v) => update(i, { share: (Number(v) || 0) / 100 })}
                    inputMode="numeric"
                  />
                  <div class="actions-row">
                    {i > 0 && (
                      <button type="button" class="link-button" onClick={() => move(i, -1)} aria-label={`Đưa bước ${i + 1} lên trên`}>
                        Lên
                      </button>
                    )}
                    {i < steps.length - 1 && (
                      <button type="button" class="link-button" onClick={() => move(i, 1)} aria-label={`Đưa bước ${i + 1} xuống dưới`}>
                        Xuống
                      </button>
                    )}
                    <button type="button" class="link-button link-button--danger" onClick={() => setSteps(steps.filter((_, j) => j !== i))} aria-label={`Xóa bước ${i + 1}`}>
                      Xóa bước
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <button type="button" class="button button--secondary" onClick={() => setSteps([...steps, { key: '', name: '', role: 'specialist', unit: 'agency', share: 0 }])}>
            Thêm bước
          </button>
        </fieldset>
        {problems.length > 0 && (
          <div class="banner banner--warning" role="status" data-testid="process-problems">
            <p>Chưa lưu được quy trình:</p>
            <ul>
              {problems.map((x) => (
                <li>{x}</li>
              ))}
            </ul>
          </div>
        )}
        <Button type="submit" busy={busy} disabled={problems.length > 0}>
          Lưu phiên bản mới
        </Button>
      </form>
    </AdminPage>
  );
}
