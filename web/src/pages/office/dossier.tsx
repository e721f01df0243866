// An official's view of one dossier: applicant, papers with an inline viewer, form data, the
// timeline with actors, printable forms, and the actions this official may take now — each
// with the inputs it needs. A stale version (someone acted first) reloads with a clear message.
import { useRoute } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type UploadedFile, messageOf, post } from '../../api';
import { DossierFacts, Timeline } from '../../components/dossier';
import { Button, ErrorBanner, Field, Notice } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { PaperUpload } from '../../components/paper-upload';
import { formatDateTime, formatMoney } from '../../format';
import { type AttachedFile, type DossierView, fileSize, formName } from '../../onestop';
import { useSession } from '../../session';
import { LoadState, useApi } from '../../use-load';

interface Official {
  id: number;
  full_name: string;
  position: string | null;
}

// Actions whose note is the reason and must be given.
const reasonRequired = new Set(['desk_refuse', 'refuse', 'suspend', 'apology', 'send_back']);
const withItems = new Set(['desk_supplement', 'request_supplement']);

function Viewer({ base, file, onClose }: { base: string; file: AttachedFile; onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), [file.id]);
  const url = `${base}/files/${file.id}`;
  return (
    <section class="panel viewer" aria-label={`Xem tệp ${file.name}`}>
      <div class="viewer__bar">
        <strong>{file.name}</strong>
        <span>
          <a href={url} download>
            Tải về
          </a>{' '}
          <button ref={close} class="button button--secondary" onClick={onClose}>
            Đóng
          </button>
        </span>
      </div>
      {file.content_type.startsWith('image/') ? (
        <img src={url} alt={file.name} />
      ) : (
        <iframe src={url} title={file.name} />
      )}
    </section>
  );
}

function ActionForm({
  d,
  action,
  label,
  onDone,
  onCancel,
  onConflict,
}: {
  d: DossierView;
  action: string;
  label: string;
  onDone(d: DossierView, message: string): void;
  onCancel(): void;
  onConflict(message: string): void;
}) {
  const [note, setNote] = useState('');
  const [items, setItems] = useState('');
  const [assignee, setAssignee] = useState('');
  const [toStep, setToStep] = useState('');
  const [fee, setFee] = useState('');
  const [reference, setReference] = useState('');
  const [method, setMethod] = useState(d.delivery?.requested || 'desk');
  const [tracking, setTracking] = useState('');
  const [newDue, setNewDue] = useState('');
  const [result, setResult] = useState<UploadedFile[]>([]);
  const [resultNote, setResultNote] = useState('');
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLHeadingElement>(null);
  useEffect(() => first.current?.focus(), [action]);
  // Assigning stays in the current unit; forwarding goes to the next step's unit.
  const assignUnit = action === 'forward' ? d.next_step?.unit : d.current_unit;
  const officialState = useApi<{ items: Official[] }>(
    (action === 'assign' || action === 'forward') && assignUnit ? `/api/v1/officials?unit_id=${assignUnit.id}&limit=100` : null,
  );
  const officials = officialState.data?.items ?? [];

  async function submit(e: Event) {
    e.preventDefault();
    const f: Record<string, string> = {};
    if (reasonRequired.has(action) && !note.trim()) f.note = 'Cần nêu lý do.';
    if (withItems.has(action) && !items.trim()) f.items = 'Liệt kê giấy tờ, nội dung cần bổ sung (mỗi dòng một mục).';
    if (action === 'assign' && !assignee) f.assignee_id = 'Chọn cán bộ xử lý.';
    if (action === 'request_fees' && !(Number(fee) > 0)) f.fee_amount = 'Cần số tiền phải nộp (đồng).';
    if (action === 'apology' && !newDue) f.new_due = 'Chọn ngày giờ hẹn trả mới.';
    if (action === 'send_back' && toStep === '') f.to_step = 'Chọn bước trả lại.';
    if (action === 'return_result' && method === 'post' && !tracking.trim()) f.postal_tracking = 'Cần mã bưu gửi.';
    setFields(f);
    if (Object.keys(f).length) {
      setError('Vui lòng kiểm tra lại các mục được đánh dấu.');
      return;
    }
    const body: Record<string, unknown> = { action, expected_version: d.version };
    if (note.trim()) body.note = note.trim();
    if (withItems.has(action))
      body.items = items
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    if (assignee) body.assignee_id = Number(assignee);
    if (action === 'send_back') body.to_step = Number(toStep);
    if (action === 'request_fees') body.fee_amount = Number(fee);
    if (action === 'pay_fees' && reference.trim()) body.payment_reference = reference.trim();
    if (action === 'return_result') {
      body.return_method = method;
      if (method === 'post') body.postal_tracking = tracking.trim();
    }
    if (action === 'apology') body.new_due = newDue + ':00+07:00';
    if (action === 'approve') {
      if (result[0]) body.result_file_id = result[0].id;
      if (resultNote.trim()) body.result_note = resultNote.trim();
    }
    setBusy(true);
    setError('');
    try {
      const r = await post<DossierView>(`/api/v1/dossiers/${d.id}/actions`, body);
      onDone(r, `Đã thực hiện: ${label}.`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        onConflict(err.message);
        return;
      }
      setError(messageOf(err));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel action-form" aria-labelledby="h-action">
      <h2 id="h-action" tabIndex={-1} ref={first}>
        {label}
      </h2>
      <form class="form" noValidate onSubmit={submit}>
        <ErrorBanner message={error} />
        {withItems.has(action) &&
          (
            <Field
              multiline
              id="act-items"
              label="Giấy tờ, nội dung cần bổ sung"
              value={items}
              onValue={setItems}
              error={fields.items}
              hint="Mỗi dòng một mục; người nộp nhận được danh sách này (Mẫu 02)."
            />
          )}
        {(action === 'assign' || action === 'forward') && (
          <div class={'field' + (fields.assignee_id ? ' field--invalid' : '')}>
            {action === 'forward' && d.next_step && (
              <p>
                Bước tiếp theo: <strong>{d.next_step.name}</strong>
                {d.next_step.unit ? ` — ${d.next_step.unit.name}` : ''}
              </p>
            )}
            <label for="act-assignee">{action === 'assign' ? 'Cán bộ xử lý' : 'Giao cho cán bộ của bước tiếp theo (không bắt buộc)'}</label>
            <select id="act-assignee" value={assignee} onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)}>
              <option value="">— Chọn cán bộ —</option>
              {officials.map((o) => (
                <option value={String(o.id)}>
                  {o.full_name}
                  {o.position ? ` — ${o.position}` : ''}
                </option>
              ))}
            </select>
            {fields.assignee_id && <p class="field__error">{fields.assignee_id}</p>}
            <LoadState state={officialState} label="Đang tải danh sách cán bộ…" />
          </div>
        )}
        {action === 'send_back' && (
          <div class={'field' + (fields.to_step ? ' field--invalid' : '')}>
            <label for="act-step">Trả lại bước</label>
            <select id="act-step" value={toStep} onChange={(e) => setToStep((e.target as HTMLSelectElement).value)}>
              <option value="">— Chọn bước —</option>
              {(d.steps ?? [])
                .filter((s) => s.index < d.current_step.index)
                .map((s) => (
                  <option value={String(s.index)}>{s.name}</option>
                ))}
            </select>
            {fields.to_step && <p class="field__error">{fields.to_step}</p>}
          </div>
        )}
        {action === 'request_fees' && <Field label="Số tiền phải nộp (đồng)" value={fee} onValue={setFee} inputMode="numeric" error={fields.fee_amount} />}
        {action === 'pay_fees' && <Field label="Số biên lai, mã giao dịch" value={reference} onValue={setReference} />}
        {action === 'return_result' && (
          <>
            {d.delivery?.requested && (
              <p>
                Người nộp đề nghị nhận kết quả: <strong>{d.delivery.requested_label}</strong>
                {d.delivery.postal_address ? ` — ${d.delivery.postal_address}` : ''}
              </p>
            )}
            <fieldset class="choice">
              <legend>Hình thức trả kết quả</legend>
              {[
                ['desk', 'Tại bộ phận một cửa'],
                ['post', 'Qua bưu chính công ích'],
                ['online', 'Trực tuyến'],
              ].map(([k, v]) => (
                <label>
                  <input type="radio" name="return-method" checked={method === k} onChange={() => setMethod(k)} /> {v}
                </label>
              ))}
            </fieldset>
            {method === 'post' && <Field label="Mã bưu gửi (khi giao cho bưu chính)" value={tracking} onValue={setTracking} error={fields.postal_tracking} />}
          </>
        )}
        {action === 'apology' && (
          <Field label="Ngày giờ hẹn trả kết quả mới" type="datetime-local" value={newDue} onValue={setNewDue} error={fields.new_due} />
        )}
        {action === 'approve' && (
          <>
            <PaperUpload
              id="act-result"
              label="Tệp kết quả giải quyết"
              hint={
                d.result?.signed_by_agency
                  ? 'Tệp PDF kết quả sẽ được ký số của cơ quan khi phê duyệt.'
                  : d.delivery?.requested === 'online'
                    ? 'Người nộp nhận kết quả trực tuyến: cần tệp kết quả điện tử.'
                    : 'Kết quả điện tử (nếu có).'
              }
              required={d.result?.kind === 'document' && d.delivery?.requested === 'online'}
              files={result}
              error={fields.result_file_id}
              onChange={(fs) => setResult(fs.slice(-1))}
            />
            <Field multiline id="act-result-note" label="Kết quả (số, ngày của giấy tờ kết quả)" value={resultNote} onValue={setResultNote} />
          </>
        )}
        <Field multiline id="act-note" label={reasonRequired.has(action) ? 'Lý do' : 'Ý kiến, ghi chú'} value={note} onValue={setNote} error={fields.note} />
        <div class="actions-row">
          <button type="button" class="button button--secondary" onClick={onCancel}>
            Hủy
          </button>
          <Button type="submit" busy={busy}>
            Xác nhận: {label}
          </Button>
        </div>
      </form>
    </section>
  );
}

export function OfficeDossier() {
  const { params } = useRoute();
  const { principal, loading } = useSession();
  const base = `/api/v1/dossiers/${encodeURIComponent(params.id)}` as const;
  const dossier = useApi<DossierView>(principal?.kind === 'official' ? base : null);
  const d = dossier.data;
  const setD = dossier.setData;
  const reload = dossier.reload;
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [action, setAction] = useState<{ name: string; label: string } | null>(null);
  const [viewing, setViewing] = useState<AttachedFile | null>(null);

  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') {
    return <SignInRequired title="Hồ sơ" kind="official" />;
  }
  if (!d) {
    return dossier.error ? (
      <Page title="Hồ sơ">
        <LoadState state={dossier} />
        <p>
          <a href="/can-bo/ho-so">Quay lại danh sách hồ sơ</a>
        </p>
      </Page>
    ) : (
      <p class="page" role="status">
        Đang tải…
      </p>
    );
  }

  return (
    <Page title={`Hồ sơ ${d.code}`} wide>
      <p>
        <a href="/can-bo/ho-so">← Danh sách hồ sơ</a>
      </p>
      <ErrorBanner message={error} />
      {/* A reload that failed (the page keeps what it showed): say so, with a retry. */}
      <LoadState state={dossier} />
      <Notice message={notice} />
      <section class="panel" aria-labelledby="h-actions">
        <h2 id="h-actions">Xử lý hồ sơ</h2>
        {d.actions.length === 0 ? (
          <p class="muted">Bạn không có thao tác nào với hồ sơ này ở bước hiện tại.</p>
        ) : (
          <div class="action-buttons">
            {d.actions.map((a) => (
              <button
                class={a.name === 'desk_refuse' || a.name === 'refuse' ? 'button button--danger' : 'button'}
                aria-pressed={action?.name === a.name ? 'true' : 'false'}
                onClick={() => {
                  setNotice('');
                  setAction(a);
                }}
              >
                {a.label}
              </button>
            ))}
          </div>
        )}
      </section>
      {action && (
        <ActionForm
          key={action.name + d.version}
          d={d}
          action={action.name}
          label={action.label}
          onCancel={() => setAction(null)}
          onConflict={(message) => {
            setAction(null);
            setError(message + ' Hồ sơ đã được tải lại với thông tin mới nhất.');
            reload();
          }}
          onDone={(r, message) => {
            setD(r);
            setAction(null);
            setNotice(message);
            window.scrollTo(0, 0);
          }}
        />
      )}
      <div class="grid">
        <section class="panel" aria-labelledby="h-info">
          <h2 id="h-info">Thông tin hồ sơ</h2>
          <DossierFacts d={d} />
          {d.assignee && (
            <p>
              Cán bộ đang xử lý: <strong>{d.assignee.name}</strong>
            </p>
          )}
          {d.fee && d.fee.amount > 0 && (
            <>
              <p>
                Phí, lệ phí: {formatMoney(d.fee.amount)} — {d.fee.paid_at ? `đã nộp lúc ${formatDateTime(d.fee.paid_at)}${d.fee.paid_online ? ' (trực tuyến)' : ''}` : `chưa nộp (${d.fee.due_label.toLowerCase()})`}
              </p>
              {d.fee.payments.map((p) => (
                <p class="muted">
                  Giao dịch {p.order_ref}: {p.status_label}
                  {p.receipt_no ? `, biên lai ${p.receipt_no}` : ''}{' '}
                  {p.status === 'paid' && (
                    <button
                      class="link-button"
                      onClick={async () => {
                        const reason = window.prompt('Lý do hoàn tiền');
                        if (!reason) return;
                        try {
                          await post(`/api/v1/payments/${p.id}/refund`, { reason });
                          setNotice('Đã hoàn tiền giao dịch ' + p.order_ref + '.');
                          reload();
                        } catch (e) {
                          setError(messageOf(e));
                        }
                      }}
                    >
                      Hoàn tiền
                    </button>
                  )}
                </p>
              ))}
            </>
          )}
          {d.delivery?.requested && (
            <p>
              Nhận kết quả: {d.delivery.requested_label}
              {d.delivery.postal_address ? ` — ${d.delivery.postal_address}` : ''}
              {d.delivery.postal_tracking ? ` (mã bưu gửi ${d.delivery.postal_tracking})` : ''}
            </p>
          )}
        </section>
        <section class="panel" aria-labelledby="h-applicant">
          <h2 id="h-applicant">Người nộp hồ sơ</h2>
          {d.applicant && (
            <dl class="facts">
              <dt>{d.applicant.kind === 'business' ? 'Tổ chức' : 'Họ và tên'}</dt>
              <dd>{d.applicant.name}</dd>
              {d.applicant.id_number && (
                <>
                  <dt>Số định danh</dt>
                  <dd>{d.applicant.id_number}</dd>
                </>
              )}
              {d.applicant.tax_code && (
                <>
                  <dt>Mã số thuế</dt>
                  <dd>{d.applicant.tax_code}</dd>
                </>
              )}
              {d.applicant.address && (
                <>
                  <dt>Địa chỉ</dt>
                  <dd>{d.applicant.address}</dd>
                </>
              )}
              {d.applicant.phone && (
                <>
                  <dt>Điện thoại</dt>
                  <dd>{d.applicant.phone}</dd>
                </>
              )}
              {d.applicant.email && (
                <>
                  <dt>Thư điện tử</dt>
                  <dd>{d.applicant.email}</dd>
                </>
              )}
            </dl>
          )}
          {d.form_fields && d.form_fields.length > 0 && (
            <>
              <h3>Tờ khai</h3>
              <dl class="facts">
                {d.form_fields.map((f) => (
                  <>
                    <dt>{f.label}</dt>
                    <dd>{String(d.form_data?.[f.key] ?? '—')}</dd>
                  </>
                ))}
              </dl>
            </>
          )}
        </section>
      </div>
      <section class="panel" aria-labelledby="h-papers">
        <h2 id="h-papers">Thành phần hồ sơ</h2>
        <ol class="papers">
          {(d.papers ?? []).map((p) => (
            <li>
              {p.name}
              {p.received && (
                <span class="muted">
                  {' '}
                  — đã nhận {p.received.originals} bản chính, {p.received.copies} bản sao
                </span>
              )}
              {p.files.length > 0 && (
                <ul class="file-list">
                  {p.files.map((f) => (
                    <li>
                      <span>
                        {f.name} <span class="muted">({fileSize(f.size)})</span>
                      </span>
                      <button class="link-button" onClick={() => setViewing(f)} aria-label={`Xem tệp ${f.name}`}>
                        Xem
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
        {d.result?.file && (
          <p>
            Kết quả: {d.result.file.name}{' '}
            <button class="link-button" onClick={() => setViewing(d.result!.file!)}>
              Xem
            </button>
          </p>
        )}
      </section>
      {viewing && <Viewer base={base} file={viewing} onClose={() => setViewing(null)} />}
      <div class="grid">
        <section class="panel" aria-labelledby="h-timeline">
          <h2 id="h-timeline">Quá trình xử lý</h2>
          <Timeline entries={d.timeline} />
        </section>
        <section class="panel" aria-labelledby="h-forms">
          <h2 id="h-forms">Biểu mẫu in</h2>
          {d.forms.length === 0 ? (
            <p class="muted">Chưa có biểu mẫu.</p>
          ) : (
            <ul>
              {d.forms.map((f) => (
                <li>
                  <a href={`${base}/forms/${f}`} target="_blank" rel="noopener">
                    {formName(d.form_set, f)}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Page>
  );
}
