// Incoming documents: the unit's register (list, registering a paper or electronic document),
// the electronic documents waiting to be registered, one document with its files, signatures,
// assignments and timeline — where the leader assigns and assignees comment and finish.
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { type ApiPath, type UploadedFile, ApiError, get, messageOf, post } from '../../api';
import { DocumentFiles, Timeline } from '../../components/document-files';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { PaperUpload } from '../../components/paper-upload';
import { TableWrap } from '../../components/table-wrap';
import { type Arrival, type Incoming, documentUnits } from '../../documents';
import { formatDate, formatDateTime, todayVn } from '../../format';
import { useSession } from '../../session';
import { LoadState, useApi, useLoad, MoreButton, usePaged } from '../../use-load';
import { useWords } from '../../vocabulary';
import { WithUnit, documentNav } from './common';

function RegisterForm({ unitId, onDone }: { unitId: number; onDone(id: number): void }) {
  const [f, setF] = useState({ channel: 'paper', issuer_name: '', notation: '', issued_on: todayVn(), doc_type: 'cong_van', subject: '', urgency: 'thuong' });
  const words = useWords();
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <form
      class="form"
      aria-labelledby="register-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError('');
        setErrors({});
        try {
          const r = await post<Incoming>('/api/v1/documents/incoming', { ...f, unit_id: unitId, file_ids: files.map((x) => x.id) });
          onDone(r.id);
        } catch (err) {
          setError(messageOf(err));
          if (err instanceof ApiError) setErrors(err.fields);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="register-title">Vào sổ văn bản đến</h2>
      <ErrorBanner message={error} />
      <SelectField id="in-channel" label="Hình thức nhận" value={f.channel} onValue={set('channel')} options={[['paper', 'Văn bản giấy (kèm bản quét)'], ['electronic', 'Văn bản điện tử']]} />
      <Field label="Cơ quan ban hành" value={f.issuer_name} onValue={set('issuer_name')} error={errors.issuer_name} required />
      <Field label="Số, ký hiệu" hint="Ví dụ: 183/KH-UBND" value={f.notation} onValue={set('notation')} error={errors.notation} required />
      <Field label="Ngày ban hành" type="date" value={f.issued_on} onValue={set('issued_on')} error={errors.issued_on} required />
      <SelectField id="in-type" label="Loại văn bản" value={f.doc_type} onValue={set('doc_type')} options={words.choices('document_types')} error={errors.doc_type} />
      <Field label="Trích yếu" multiline value={f.subject} onValue={set('subject')} error={errors.subject} required />
      <SelectField id="in-urgency" label="Độ khẩn" value={f.urgency} onValue={set('urgency')} options={words.choices('document_urgencies')} />
      <PaperUpload id="in-files" label="Tệp văn bản" hint="PDF, JPEG hoặc PNG; văn bản giấy cần bản quét." required={f.channel === 'paper'} files={files} error={errors.file_ids} onChange={setFiles} />
      <Button type="submit" busy={busy}>
        Vào sổ
      </Button>
    </form>
  );
}

export function IncomingRegister() {
  const { route } = useLocation();
  return (
    <WithUnit title="Văn bản đến" wide>
      {(unit) => (
        <RegisterBody
          unitId={unit.id}
          canRegister={unit.roles.includes('clerk')}
          leader={unit.roles.includes('leader')}
          onOpen={(id) => route(`/van-ban/den/${id}`)}
        />
      )}
    </WithUnit>
  );
}

// Assigned work past its deadline: what a leader follows up.
const overdue = (d: Incoming) => d.status.key === 'assigned' && !!d.due_at && new Date(d.due_at).getTime() < Date.now();

function RegisterBody({ unitId, canRegister, leader, onOpen }: { unitId: number; canRegister: boolean; leader: boolean; onOpen(id: number): void }) {
  // A leader's inbox: what waits for assignment; others see the whole register.
  const [status, setStatus] = useState(leader ? 'registered' : '');
  const words = useWords();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState(''); // the text last searched for
  const register = usePaged<Incoming>(`/api/v1/documents/incoming?unit_id=${unitId}&status=${status}&q=${encodeURIComponent(search)}`);
  const arrivalsState = useApi<{ items: Arrival[] }>(canRegister ? `/api/v1/documents/arrivals?unit_id=${unitId}` : null);
  const items = register.data;
  const arrivals = arrivalsState.data?.items ?? [];
  return (
    <>
      {canRegister && (
        <section aria-labelledby="arrivals-title">
          <h2 id="arrivals-title">Văn bản điện tử chờ vào sổ ({arrivals.length})</h2>
          <LoadState state={arrivalsState} />
          {!arrivalsState.data ? null : arrivals.length === 0 ? (
            <p>Không có văn bản điện tử nào đang chờ.</p>
          ) : (
            <ul class="plain-list">
              {arrivals.map((a) => (
                <li key={a.id}>
                  <a href={`/van-ban/dien-tu/${a.id}`}>
                    {a.notation} — {a.subject}
                  </a>{' '}
                  <span class="muted">
                    {a.issuer.name}, nhận lúc {formatDateTime(a.received_at)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby="register-list">
        <h2 id="register-list">Sổ văn bản đến</h2>
        <form
          class="form form--inline"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            if (q === search) register.reload();
            else setSearch(q);
          }}
        >
          <div class="field">
            <label for="in-q">Tìm trong sổ (số, ký hiệu, trích yếu, cơ quan gửi)</label>
            <input id="in-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
          </div>
          <SelectField id="in-status" label="Trạng thái" value={status} onValue={setStatus} placeholder="Tất cả" options={words.choices('incoming_statuses')} />
          <button class="button" type="submit">
            Tìm
          </button>
        </form>
        <LoadState state={register} />
        {items === null ? null : items.length === 0 ? (
          <p role="status">Sổ chưa có văn bản nào.</p>
        ) : (
          <TableWrap label="Sổ văn bản đến">
            <table>
              <thead>
                <tr>
                  <th scope="col">Số đến</th>
                  <th scope="col">Số, ký hiệu</th>
                  <th scope="col">Trích yếu</th>
                  <th scope="col">Hạn xử lý</th>
                  <th scope="col">Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id} class={overdue(d) ? 'row--overdue' : ''}>
                    <td>{d.incoming_number}</td>
                    <td>
                      <a href={`/van-ban/den/${d.id}`}>{d.notation}</a>
                      <br />
                      <span class="muted">{d.issuer.name}</span>
                    </td>
                    <td>{d.subject}</td>
                    <td>
                      {d.due_at ? formatDateTime(d.due_at) : '—'}
                      {overdue(d) && <span class="badge badge--overdue"> Quá hạn</span>}
                    </td>
                    <td>
                      <span class="badge badge--status">{d.status.label}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <MoreButton list={register} />
      </section>
      {canRegister && <RegisterForm unitId={unitId} onDone={onOpen} />}
    </>
  );
}

interface Target {
  key: string; // "u:<unit>" for a unit (division), "p:<official>:<unit>" for a person
  label: string;
  unit_id: number;
  official_id?: number;
}

const assignee = (t: Target) => (t.official_id ? { unit_id: t.unit_id, official_id: t.official_id } : { unit_id: t.unit_id });

// The leader assigns one lead (a division or a person), any cooperating (phối hợp) and
// for-information (để biết) units or people, a deadline and a direction (Nghị định 30/2020).
function AssignForm({ doc, onDone }: { doc: Incoming; onDone(d: Incoming): void }) {
  const [lead, setLead] = useState('');
  const [cooperate, setCooperate] = useState<string[]>([]);
  const [inform, setInform] = useState<string[]>([]);
  const [days, setDays] = useState('10');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // The document's unit, its divisions and their people.
  const targetState = useLoad(async (signal): Promise<Target[]> => {
    type People = { items: { id: number; full_name: string; unit_id: number; position: string | null }[] };
    const [units, own] = await Promise.all([
      get<{ items: { id: number; name: string }[] }>(`/api/v1/units?within=${doc.unit_id}`, signal),
      get<People>(`/api/v1/officials?limit=200&unit_id=${doc.unit_id}`, signal),
    ]);
    const divisions = units.items.filter((u) => u.id !== doc.unit_id);
    const people = [...own.items];
    for (const d of divisions) people.push(...(await get<People>(`/api/v1/officials?limit=200&unit_id=${d.id}`, signal)).items);
    const name = new Map(units.items.map((u) => [u.id, u.name]));
    return [
      ...divisions.map((u) => ({ key: `u:${u.id}`, label: `${u.name} (đơn vị)`, unit_id: u.id })),
      ...people.map((p) => ({ key: `p:${p.id}:${p.unit_id}`, label: `${p.full_name}${p.position ? ', ' + p.position : ''} — ${name.get(p.unit_id) ?? ''}`, unit_id: p.unit_id, official_id: p.id })),
    ];
  }, [doc.unit_id]);
  const targets = targetState.data ?? [];
  const byKey = (k: string) => targets.find((t) => t.key === k);
  const toggle = (list: string[], set: (l: string[]) => void, k: string) => set(list.includes(k) ? list.filter((x) => x !== k) : [...list, k]);
  return (
    <form
      class="form form--wide"
      aria-labelledby="assign-title"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const l = byKey(lead);
        if (!l) return setError('Chọn đơn vị hoặc cán bộ chủ trì xử lý.');
        setBusy(true);
        setError('');
        try {
          onDone(
            await post<Incoming>(`/api/v1/documents/incoming/${doc.id}/assign`, {
              version: doc.version,
              lead: assignee(l),
              cooperate: cooperate.filter((k) => k !== lead).map((k) => assignee(byKey(k)!)),
              inform: inform.filter((k) => k !== lead).map((k) => assignee(byKey(k)!)),
              deadline_days: Number(days),
              note: note || undefined,
            }),
          );
        } catch (err) {
          setError(messageOf(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="assign-title">Giao xử lý</h2>
      <ErrorBanner message={error} />
      <LoadState state={targetState} label="Đang tải danh sách đơn vị, cán bộ…" />
      <SelectField id="assign-lead" label="Chủ trì xử lý (đơn vị hoặc cán bộ)" value={lead} onValue={setLead} placeholder="— Chọn —" options={targets.map((t) => [t.key, t.label])} />
      <fieldset class="check-list">
        <legend>Phối hợp</legend>
        {targets
          .filter((t) => t.key !== lead)
          .map((t) => (
            <label class="check">
              <input type="checkbox" checked={cooperate.includes(t.key)} onChange={() => toggle(cooperate, setCooperate, t.key)} /> {t.label}
            </label>
          ))}
      </fieldset>
      <fieldset class="check-list">
        <legend>Để biết</legend>
        {targets
          .filter((t) => t.key !== lead && !cooperate.includes(t.key))
          .map((t) => (
            <label class="check">
              <input type="checkbox" checked={inform.includes(t.key)} onChange={() => toggle(inform, setInform, t.key)} /> {t.label}
            </label>
          ))}
      </fieldset>
      <Field label="Hạn xử lý (ngày làm việc)" type="number" inputMode="numeric" min="1" max="365" value={days} onValue={setDays} />
      <Field label="Ý kiến chỉ đạo" multiline value={note} onValue={setNote} />
      <Button type="submit" busy={busy}>
        Giao xử lý
      </Button>
    </form>
  );
}

export function IncomingDocument() {
  const { params } = useRoute();
  const { principal, loading } = useSession();
  const incoming = useApi<Incoming>(principal?.kind === 'official' ? `/api/v1/documents/incoming/${params.id}` : null);
  const doc = incoming.data;
  // My open assignment on it, if any.
  const mine = (doc?.assignments ?? []).find((a) => a.official?.id === principal?.id && a.status.key === 'open') ?? null;
  const load = incoming.reload;
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [note, setNote] = useState('');
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Văn bản đến" kind="official" />;
  if (!doc)
    return (
      <Page title="Văn bản đến">
        <LoadState state={incoming} />
      </Page>
    );
  const isLeader = documentUnits(principal).some((u) => u.id === doc.unit_id && u.roles.includes('leader'));
  const act = async (path: ApiPath<'post'>, body: unknown, done: string) => {
    setError('');
    try {
      await post(path, body);
      setNote('');
      setNotice(done);
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Page title={`Văn bản đến số ${doc.incoming_number}/${doc.year}`} wide>
      {documentNav}
      <Notice message={notice} />
      <ErrorBanner message={error} />
      {/* A reload that failed (the page keeps what it showed): say so, with a retry. */}
      <LoadState state={incoming} />
      <dl class="facts">
        <dt>Số, ký hiệu</dt>
        <dd>{doc.notation}</dd>
        <dt>Cơ quan ban hành</dt>
        <dd>{doc.issuer.name}</dd>
        <dt>Ngày ban hành</dt>
        <dd>{formatDate(doc.issued_on)}</dd>
        <dt>Trích yếu</dt>
        <dd>{doc.subject}</dd>
        <dt>Độ khẩn</dt>
        <dd>{doc.urgency.label}</dd>
        <dt>Trạng thái</dt>
        <dd>
          <span class="badge badge--status">{doc.status.label}</span>
          {doc.due_at && <span> — hạn xử lý {formatDateTime(doc.due_at)}</span>}
        </dd>
      </dl>
      <h2>Tệp văn bản và chữ ký số</h2>
      <DocumentFiles files={doc.files ?? []} signatures={doc.signatures} href={(f) => `/api/v1/documents/incoming/${doc.id}/files/${f.id}`} />
      {(doc.assignments ?? []).length > 0 && (
        <>
          <h2>Phân công xử lý</h2>
          <ul class="plain-list">
            {(doc.assignments ?? []).map((a) => (
              <li key={a.id}>
                <strong>{a.role.label}:</strong> {a.official?.name ?? a.unit.name} — {a.status.label}
                {a.due_at && <span class="muted"> (hạn {formatDateTime(a.due_at)})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {isLeader && doc.status.key === 'registered' && <AssignForm doc={doc} onDone={() => { setNotice('Đã giao xử lý văn bản.'); load(); }} />}
      {mine && (
        <section aria-labelledby="work-title" class="form">
          <h2 id="work-title">Xử lý của tôi ({mine.role.label})</h2>
          <Field label="Ý kiến, kết quả xử lý" multiline value={note} onValue={setNote} />
          <p class="actions-row">
            <button class="button button--secondary" onClick={() => act(`/api/v1/documents/incoming/${doc.id}/comments`, { note }, 'Đã ghi ý kiến.')}>
              Ghi ý kiến
            </button>
            <button class="button" onClick={() => act(`/api/v1/documents/assignments/${mine.id}/done`, { note: note || undefined }, 'Đã hoàn thành xử lý.')}>
              Hoàn thành
            </button>
            <a class="button button--secondary" href={`/van-ban/di/moi?tra_loi=${doc.id}`}>
              Soạn văn bản trả lời
            </a>
          </p>
        </section>
      )}
      {(doc.replies ?? []).length > 0 && (
        <>
          <h2>Văn bản trả lời</h2>
          <ul class="plain-list">
            {(doc.replies ?? []).map((r) => (
              <li key={r.id}>
                <a href={`/van-ban/di/${r.id}`}>{r.notation ?? 'Dự thảo'}</a> — {r.subject}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Quá trình xử lý</h2>
      <Timeline events={doc.events ?? []} />
    </Page>
  );
}

export function ArrivalView() {
  const { params } = useRoute();
  const { route } = useLocation();
  const { principal, loading } = useSession();
  const arrival = useApi<Arrival>(principal?.kind === 'official' ? `/api/v1/documents/arrivals/${params.id}` : null);
  const a = arrival.data;
  const [error, setError] = useState('');
  const [reason, setReason] = useState('');
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Văn bản điện tử đến" kind="official" />;
  return (
    <Page title="Văn bản điện tử đến" wide>
      {documentNav}
      <ErrorBanner message={error} />
      <LoadState state={arrival} />
      {a && (
        <>
          <dl class="facts">
            <dt>Số, ký hiệu</dt>
            <dd>{a.notation}</dd>
            <dt>Cơ quan gửi</dt>
            <dd>
              {a.issuer.name}
              {a.issuer.code && <span class="muted"> ({a.issuer.code})</span>}
            </dd>
            <dt>Ngày ban hành</dt>
            <dd>{formatDate(a.issued_on)}</dd>
            <dt>Trích yếu</dt>
            <dd>{a.subject}</dd>
          </dl>
          <h2>Tệp văn bản và chữ ký số</h2>
          <DocumentFiles files={a.files ?? []} signatures={a.signatures} href={(f) => `/api/v1/documents/arrivals/${a.id}/files/${f.id}`} />
          {a.status === 'pending' ? (
            <div class="form">
              <p>
                <Button
                  onClick={async () => {
                    try {
                      const r = await post<Incoming>(`/api/v1/documents/arrivals/${a.id}/register`, {});
                      route(`/van-ban/den/${r.id}`);
                    } catch (e) {
                      setError(messageOf(e));
                    }
                  }}
                >
                  Vào sổ văn bản đến
                </Button>
              </p>
              <Field label="Lý do từ chối (nếu không tiếp nhận)" multiline value={reason} onValue={setReason} />
              <button
                class="button button--secondary"
                onClick={async () => {
                  try {
                    await post(`/api/v1/documents/arrivals/${a.id}/refuse`, { reason });
                    route('/van-ban/den');
                  } catch (e) {
                    setError(messageOf(e));
                  }
                }}
              >
                Từ chối tiếp nhận
              </button>
            </div>
          ) : (
            <p>
              Văn bản đã được xử lý ({a.status === 'registered' ? 'đã vào sổ' : 'đã từ chối'}).
              {a.incoming_id && <a href={`/van-ban/den/${a.incoming_id}`}> Mở văn bản đến</a>}
            </p>
          )}
        </>
      )}
    </Page>
  );
}
