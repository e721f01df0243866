// Outgoing documents: the unit's drafts, those awaiting me and those issued; a new draft (main
// file, recipients inside the province and other agencies by code, the documents it answers);
// one document with its signatures and recipients' statuses, where the drafter submits, the
// leader returns or approves (signing), and the clerk issues it.
import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { type UploadedFile, ApiError, get, messageOf, post } from '../../api';
import { DocumentFiles, Timeline } from '../../components/document-files';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { PaperUpload } from '../../components/paper-upload';
import { TableWrap } from '../../components/table-wrap';
import { type Outgoing, documentUnits } from '../../documents';
import { formatDate, formatDateTime } from '../../format';
import { useSession } from '../../session';
import { LoadState, useApi, useLoad, MoreButton, usePaged } from '../../use-load';
import { useWords } from '../../vocabulary';
import { WithUnit, documentNav } from './common';

// The list's views: the drafts awaiting me, then documents by status.
const viewKeys = ['awaiting', 'draft', 'approved', 'issued'];

export function OutgoingList() {
  const { query } = useLocation();
  const view = query.xem ?? 'draft';
  return (
    <WithUnit title="Văn bản đi" wide>
      {(unit) => <OutgoingBody unitId={unit.id} view={view} />}
    </WithUnit>
  );
}

function OutgoingBody({ unitId, view }: { unitId: number; view: string }) {
  const list = usePaged<Outgoing>(view === 'awaiting' ? '/api/v1/documents/outgoing?awaiting=me' : `/api/v1/documents/outgoing?unit_id=${unitId}&status=${view}`);
  const items = list.data;
  const words = useWords();
  return (
    <>
      <p>
        <a class="button" href={`/van-ban/di/moi?don_vi=${unitId}`}>
          Soạn văn bản mới
        </a>
      </p>
      <nav class="actions-row" aria-label="Lọc văn bản đi">
        {viewKeys.map((k) => [k, k === 'awaiting' ? 'Chờ tôi duyệt' : words.label('outgoing_statuses', k)]).map(([k, label]) => (
          <a key={k} href={`/van-ban/di?don_vi=${unitId}&xem=${k}`} aria-current={view === k ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <LoadState state={list} />
      {items === null ? null : items.length === 0 ? (
        <p role="status">Không có văn bản nào.</p>
      ) : (
        <TableWrap label="Văn bản đi">
          <table>
            <thead>
              <tr>
                <th scope="col">Số, ký hiệu</th>
                <th scope="col">Trích yếu</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={`/van-ban/di/${d.id}`}>{d.notation ?? `Dự thảo #${d.id}`}</a>
                  </td>
                  <td>{d.subject}</td>
                  <td>
                    <span class="badge badge--status">{d.status.label}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <MoreButton list={list} />
    </>
  );
}

interface UnitInfo {
  id: number;
  parent_id: number | null;
  name: string;
  code: string;
}

export function DraftForm() {
  const { query, route } = useLocation();
  const { principal, loading } = useSession();
  const units = documentUnits(principal).filter((u) => u.roles.includes('specialist') || u.roles.includes('leader'));
  const drafting = units.find((u) => String(u.id) === query.don_vi) ?? units[0];
  const replyTo = query.tra_loi ? Number(query.tra_loi) : null;
  const [f, setF] = useState({ unit_id: '', doc_type: 'cong_van', subject: '', urgency: 'thuong' });
  const [main, setMain] = useState<UploadedFile[]>([]);
  const words = useWords();
  const [unitQuery, setUnitQuery] = useState('');
  const [found, setFound] = useState<UnitInfo[]>([]);
  const [recipients, setRecipients] = useState<UnitInfo[]>([]);
  const [agencies, setAgencies] = useState<{ code: string; name: string }[]>([]);
  const [agency, setAgency] = useState({ code: '', name: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // The issuing agency is the drafting unit or the one above it.
  const issuerState = useLoad(
    drafting
      ? async (signal) => {
          const u = await get<UnitInfo>(`/api/v1/units/${drafting.id}`, signal);
          return u.parent_id ? [await get<UnitInfo>(`/api/v1/units/${u.parent_id}`, signal), u] : [u];
        }
      : null,
    [drafting?.id],
  );
  const issuers = issuerState.data ?? [];
  useEffect(() => {
    if (issuers.length) setF((old) => ({ ...old, unit_id: String(issuers[0].id) }));
  }, [issuerState.data]);
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Soạn văn bản" kind="official" />;
  if (!drafting)
    return (
      <Page title="Soạn văn bản">
        <p>Tài khoản của Ông/Bà không có quyền soạn thảo văn bản.</p>
      </Page>
    );
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <Page title="Soạn văn bản" wide>
      {documentNav}
      <form
        class="form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          setErrors({});
          try {
            const d = await post<Outgoing>('/api/v1/documents/outgoing', {
              unit_id: Number(f.unit_id),
              drafting_unit_id: drafting.id,
              doc_type: f.doc_type,
              subject: f.subject,
              urgency: f.urgency,
              main_file_id: main[0]?.id ?? 0,
              recipient_unit_ids: recipients.map((r) => r.id),
              recipient_agencies: agencies,
              reply_to: replyTo ? [replyTo] : [],
            });
            route(`/van-ban/di/${d.id}`);
          } catch (err) {
            setError(messageOf(err));
            if (err instanceof ApiError) setErrors(err.fields);
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorBanner message={error} />
        <p>
          Đơn vị soạn thảo: <strong>{drafting.name}</strong>
          {replyTo && <span> — trả lời văn bản đến #{replyTo}</span>}
        </p>
        <LoadState state={issuerState} label="Đang tải cơ quan ban hành…" />
        <SelectField id="draft-unit" label="Cơ quan ban hành" value={f.unit_id} onValue={set('unit_id')} options={issuers.map((u) => [String(u.id), u.name])} error={errors.unit_id} />
        <SelectField id="draft-type" label="Loại văn bản" value={f.doc_type} onValue={set('doc_type')} options={words.choices('document_types')} error={errors.doc_type} />
        <Field label="Trích yếu" multiline value={f.subject} onValue={set('subject')} error={errors.subject} required />
        <SelectField id="draft-urgency" label="Độ khẩn" value={f.urgency} onValue={set('urgency')} options={words.choices('document_urgencies')} />
        <PaperUpload id="draft-main" label="Tệp dự thảo (văn bản chính)" hint="Tệp PDF sẽ được ký số khi lãnh đạo duyệt." required files={main} error={errors.main_file_id} onChange={(l) => setMain(l.slice(-1))} />
        <fieldset>
          <legend>Nơi nhận trong tỉnh</legend>
          <div class="form--inline">
            <div class="field">
              <label for="draft-unit-q">Tìm đơn vị nhận</label>
              <input id="draft-unit-q" type="search" value={unitQuery} onInput={(e) => setUnitQuery((e.target as HTMLInputElement).value)} />
            </div>
            <button
              type="button"
              class="button button--secondary"
              onClick={() =>
                get<{ items: UnitInfo[] }>(`/api/v1/units?q=${encodeURIComponent(unitQuery)}&limit=10`)
                  .then((r) => setFound(r.items))
                  .catch((err) => setError(messageOf(err)))
              }
            >
              Tìm đơn vị
            </button>
          </div>
          {found.length > 0 && (
            <ul class="plain-list">
              {found.map((u) => (
                <li key={u.id}>
                  {u.name}{' '}
                  <button type="button" class="link-button" onClick={() => setRecipients([...recipients.filter((r) => r.id !== u.id), u])}>
                    Thêm {u.name} vào nơi nhận
                  </button>
                </li>
              ))}
            </ul>
          )}
          {errors.recipient_unit_ids && <p class="field__error">{errors.recipient_unit_ids}</p>}
        </fieldset>
        <fieldset>
          <legend>Cơ quan ngoài tỉnh (gửi qua trục liên thông, edXML)</legend>
          <div class="form--inline">
            <Field label="Mã định danh cơ quan" hint="Ví dụ: 000.00.03.H48" value={agency.code} onValue={(v) => setAgency({ ...agency, code: v })} />
            <Field label="Tên cơ quan" value={agency.name} onValue={(v) => setAgency({ ...agency, name: v })} />
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                if (!agency.code.trim() || !agency.name.trim()) return setError('Nhập mã định danh và tên cơ quan nhận.');
                setAgencies([...agencies.filter((a) => a.code !== agency.code.trim()), { code: agency.code.trim(), name: agency.name.trim() }]);
                setAgency({ code: '', name: '' });
              }}
            >
              Thêm cơ quan nhận
            </button>
          </div>
          {errors.recipient_agencies && <p class="field__error">{errors.recipient_agencies}</p>}
        </fieldset>
        <h2>Nơi nhận đã chọn</h2>
        {recipients.length + agencies.length === 0 ? (
          <p>Chưa có nơi nhận.</p>
        ) : (
          <ul class="plain-list">
            {recipients.map((r) => (
              <li key={'u' + r.id}>
                {r.name}{' '}
                <button type="button" class="link-button" onClick={() => setRecipients(recipients.filter((x) => x.id !== r.id))}>
                  Bỏ {r.name}
                </button>
              </li>
            ))}
            {agencies.map((a) => (
              <li key={'a' + a.code}>
                {a.name} ({a.code}){' '}
                <button type="button" class="link-button" onClick={() => setAgencies(agencies.filter((x) => x.code !== a.code))}>
                  Bỏ {a.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        <Button type="submit" busy={busy}>
          Lưu dự thảo
        </Button>
      </form>
    </Page>
  );
}

export function OutgoingDocument() {
  const { params } = useRoute();
  const { principal, loading } = useSession();
  const outgoing = useApi<Outgoing>(principal?.kind === 'official' ? `/api/v1/documents/outgoing/${params.id}` : null);
  const doc = outgoing.data;
  const setDoc = outgoing.setData;
  const reviewerState = useApi<{ items: { id: number; name: string; unit_name: string }[] }>(
    doc?.status.key === 'draft' ? `/api/v1/documents/outgoing/reviewers?unit_id=${doc.drafting_unit_id}` : null,
  );
  const reviewers = reviewerState.data?.items ?? [];
  const [reviewer, setReviewer] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Văn bản đi" kind="official" />;
  if (!doc)
    return (
      <Page title="Văn bản đi">
        <LoadState state={outgoing} />
      </Page>
    );
  const step = async (name: 'submit' | 'approve' | 'return' | 'issue', body: Record<string, unknown>, done: string | ((d: Outgoing) => string)) => {
    setError('');
    try {
      const next = await post<Outgoing>(`/api/v1/documents/outgoing/${doc.id}/${name}`, { version: doc.version, ...body });
      setDoc(next);
      setNotice(typeof done === 'string' ? done : done(next));
      setNote('');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const me = principal.id;
  const clerkHere = documentUnits(principal).some((u) => u.id === doc.unit_id && u.roles.includes('clerk'));
  const awaitingMe = doc.status.key === 'in_review' && doc.reviewer?.id === me;
  const signing = doc.signing_enabled !== false;
  // What the main file now carries: a signature of this kind, or not.
  const signedAs = (d: Outgoing, kind: string) => {
    const main = (d.files ?? [])[0];
    return !!main && (d.signatures?.[String(main.id)] ?? []).some((s) => s.kind === kind);
  };
  return (
    <Page title={doc.notation ? `Văn bản đi số ${doc.notation}` : 'Dự thảo văn bản đi'} wide>
      {documentNav}
      <Notice message={notice} />
      <ErrorBanner message={error} />
      {/* A reload that failed (the page keeps what it showed): say so, with a retry. */}
      <LoadState state={outgoing} />
      <dl class="facts">
        <dt>Loại văn bản</dt>
        <dd>{doc.doc_type.name ?? doc.doc_type.label}</dd>
        <dt>Trích yếu</dt>
        <dd>{doc.subject}</dd>
        <dt>Trạng thái</dt>
        <dd>
          <span class="badge badge--status">{doc.status.label}</span>
          {doc.reviewer && doc.status.key === 'in_review' && <span> — chờ {doc.reviewer.name} duyệt</span>}
        </dd>
        {doc.signer && (
          <>
            <dt>Người ký</dt>
            <dd>
              {doc.signer.position ? `${doc.signer.position} ` : ''}
              {doc.signer.name}
            </dd>
          </>
        )}
        {doc.issued_on && (
          <>
            <dt>Ngày ban hành</dt>
            <dd>{formatDate(doc.issued_on)}</dd>
          </>
        )}
      </dl>
      <h2>Tệp văn bản và chữ ký số</h2>
      <DocumentFiles files={doc.files ?? []} signatures={doc.signatures} href={(f) => `/api/v1/documents/outgoing/${doc.id}/files/${f.id}`} />
      {doc.status.key === 'draft' && doc.drafted_by.id === me && (
        <section class="form" aria-labelledby="submit-title">
          <h2 id="submit-title">Trình duyệt</h2>
          <LoadState state={reviewerState} label="Đang tải danh sách lãnh đạo…" />
          <SelectField id="out-reviewer" label="Lãnh đạo duyệt" value={reviewer} onValue={setReviewer} placeholder="— Chọn lãnh đạo —" options={reviewers.map((r) => [String(r.id), `${r.name} (${r.unit_name})`])} />
          <Field label="Ghi chú" multiline value={note} onValue={setNote} />
          <Button onClick={() => step('submit', { reviewer_id: Number(reviewer), note: note || undefined }, 'Đã trình lãnh đạo duyệt.')}>Trình duyệt</Button>
        </section>
      )}
      {awaitingMe && (
        <section class="form" aria-labelledby="review-title">
          <h2 id="review-title">{signing ? 'Duyệt và ký số' : 'Duyệt'}</h2>
          {!signing && <p class="banner banner--warning">Hệ thống chưa cấu hình chữ ký số: văn bản sẽ được duyệt nhưng không được ký số.</p>}
          <Field label="Ý kiến" multiline value={note} onValue={setNote} />
          <p class="actions-row">
            <Button
              onClick={() =>
                step('approve', { note: note || undefined }, (d) =>
                  signedAs(d, 'personal') ? 'Đã duyệt và ký số văn bản.' : 'Đã duyệt. Văn bản chưa được ký số (hệ thống chưa cấu hình chữ ký số).',
                )
              }
            >
              {signing ? 'Duyệt và ký số' : 'Duyệt (không ký số)'}
            </Button>
            <button class="button button--secondary" onClick={() => step('return', { note }, 'Đã trả lại để sửa.')}>
              Trả lại để sửa
            </button>
          </p>
        </section>
      )}
      {doc.status.key === 'approved' && clerkHere && (
        <section class="form" aria-labelledby="issue-title">
          <h2 id="issue-title">Cấp số và ban hành</h2>
          <p>
            {signing
              ? 'Văn bản sẽ được cấp số tiếp theo của sổ văn bản đi, ký số của cơ quan và gửi tới nơi nhận.'
              : 'Văn bản sẽ được cấp số tiếp theo của sổ văn bản đi và gửi tới nơi nhận. Hệ thống chưa cấu hình chữ ký số nên văn bản không có chữ ký số của cơ quan.'}
          </p>
          <Button
            onClick={() =>
              step('issue', {}, (d) =>
                signedAs(d, 'agency') ? 'Đã cấp số, ký số của cơ quan và ban hành văn bản.' : 'Đã cấp số và ban hành văn bản (không có chữ ký số của cơ quan).',
              )
            }
          >
            Cấp số và ban hành
          </Button>
        </section>
      )}
      <h2>Nơi nhận</h2>
      {(doc.recipients ?? []).length === 0 ? (
        <p>Không có nơi nhận.</p>
      ) : (
        <TableWrap label="Nơi nhận và trạng thái">
          <table>
            <thead>
              <tr>
                <th scope="col">Nơi nhận</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {(doc.recipients ?? []).map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.name}
                    {r.agency_code && <span class="muted"> ({r.agency_code}, qua trục liên thông)</span>}
                  </td>
                  <td>
                    <span class={r.status.key === 'failed' || r.status.key === 'refused' ? 'badge badge--overdue' : 'badge badge--status'}>{r.status.label}</span>
                    {r.status_at && <span class="muted"> {formatDateTime(r.status_at)}</span>}
                    {r.status_note && <p>{r.status_note}</p>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {(doc.reply_to ?? []).length > 0 && (
        <>
          <h2>Trả lời văn bản đến</h2>
          <ul class="plain-list">
            {(doc.reply_to ?? []).map((r) => (
              <li key={r.id}>
                <a href={`/van-ban/den/${r.id}`}>{r.notation}</a> — {r.subject}
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
