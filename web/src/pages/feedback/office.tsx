// Feedback for officials: a unit's queue (open by deadline, overdue marked; or the items assigned
// to me), and one item with its sender, history and the forms of the actions open to the reader
// — reception registers and routes, rejects or forwards, merges duplicates, asks the sender; the
// unit assigns, drafts, returns, approves and publishes; either adds photos or papers.
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, messageOf, post } from '../../api';
import { Button, ErrorBanner, Field, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { PlaceMap } from '../../components/place-map';
import { TableWrap } from '../../components/table-wrap';
import { type FeedbackCategory, type FeedbackItem, type FeedbackRow, feedbackRoles, forwardingDocument, placeOf } from '../../feedback';
import { formatDateTime } from '../../format';
import { useSession } from '../../session';
import { LoadState, MoreButton, useApi, usePaged } from '../../use-load';
import { AddFiles, AttachmentList, FeedbackTimeline } from './public';

export function FeedbackQueue() {
  const { principal, loading } = useSession();
  const { path, query, route } = useLocation();
  const title = 'Phản ánh, kiến nghị';
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title={title} kind="official" />;
  const units = new Map<number, string>();
  for (const g of principal.grants) if (feedbackRoles.includes(g.role) || g.role === 'system_admin') units.set(g.unit_id, g.unit_name ?? `Đơn vị ${g.unit_id}`);
  const mine = query.cua_toi === '1';
  const unit = Number(query.don_vi) || [...units.keys()][0] || 0;
  const status = query.trang_thai ?? 'open';
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams({ don_vi: String(unit), trang_thai: status, ...(mine ? { cua_toi: '1' } : {}), ...next });
    for (const [k, v] of [...p.entries()]) if (!v) p.delete(k);
    route(`${path}?${p.toString()}`);
  };
  const api = mine ? `/api/v1/feedback?mine=1&status=${status}&limit=50` : `/api/v1/feedback?unit_id=${unit}&status=${status}&limit=50`;
  return (
    <Page title={title} wide>
      <nav class="actions-row" aria-label="Quản lý phản ánh, kiến nghị">
        <a href="/can-bo/phan-anh/thong-ke">Thống kê</a>
        <a href="/can-bo/phan-anh/khoa-ung-dung">Khóa ứng dụng kết nối (Open311)</a>
        <a href="/can-bo/phan-anh/linh-vuc">Lĩnh vực và thời hạn trả lời</a>
      </nav>
      <div class="form form--inline">
        {!mine && units.size > 1 && (
          <SelectField id="fb-unit" label="Đơn vị" value={String(unit)} onValue={(v) => go({ don_vi: v })} options={[...units].map(([id, name]) => [String(id), name])} />
        )}
        <SelectField
          id="fb-status"
          label="Tình trạng"
          value={status}
          onValue={(v) => go({ trang_thai: v })}
          options={[
            ['open', 'Đang xử lý'],
            ['overdue', 'Quá hạn'],
            ['cases', 'Khiếu nại, tố cáo đang giải quyết'],
            ['all', 'Tất cả'],
          ]}
        />
        <label class="choice">
          <input type="checkbox" checked={mine} onChange={() => go({ cua_toi: mine ? '' : '1' })} /> Được giao cho tôi
        </label>
      </div>
      {unit || mine ? <Queue api={api} /> : <p>Tài khoản của Ông/Bà chưa được phân quyền xử lý phản ánh, kiến nghị.</p>}
    </Page>
  );
}

function Queue({ api }: { api: string }) {
  const list = usePaged<FeedbackRow>(api as `/api/v1/feedback?${string}`);
  return (
    <>
      <LoadState state={list} />
      {list.data && list.data.length === 0 && <p>Không có phản ánh, kiến nghị nào.</p>}
      {list.data && list.data.length > 0 && (
        <TableWrap label="Danh sách phản ánh, kiến nghị">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tiêu đề</th>
                <th scope="col">Lĩnh vực</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Hạn</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/can-bo/phan-anh/${r.id}`}>{r.code}</a>
                  </td>
                  <td>
                    {r.title}
                    {r.suspected && <span class="badge badge--warning">Có dấu hiệu khiếu nại, tố cáo</span>}
                  </td>
                  <td>{r.category}</td>
                  <td>{r.status_label}</td>
                  <td>
                    {r.due_at ? formatDateTime(r.due_at) : '—'} {r.overdue && <span class="badge badge--overdue">Quá hạn</span>}
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

export function FeedbackOffice() {
  const { params } = useRoute();
  const { principal, loading } = useSession();
  const state = useApi<FeedbackItem>(`/api/v1/feedback/${params.id}` as `/api/v1/feedback/${string}`);
  const [item, setItem] = useState<FeedbackItem | null>(null);
  const shown = item ?? state.data;
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Phản ánh, kiến nghị" kind="official" />;
  return (
    <Page title={shown ? `${shown.code}: ${shown.title}` : 'Phản ánh, kiến nghị'} wide>
      <p>
        <a href="/can-bo/phan-anh">← Danh sách phản ánh, kiến nghị</a>
      </p>
      <LoadState state={state} />
      {shown && (
        <div class="grid">
          <section class="panel" aria-labelledby="fbo-facts">
            <h2 id="fbo-facts">Nội dung</h2>
            {shown.suspected_label && <p class="banner banner--warning">{shown.suspected_label}</p>}
            <dl class="facts">
              <dt>Trạng thái</dt>
              <dd>
                <span class={`badge badge--status badge--${shown.status}`}>{shown.status_label}</span>
                {shown.overdue && <span class="badge badge--overdue">Quá hạn</span>}
              </dd>
              <dt>Loại, lĩnh vực</dt>
              <dd>
                {shown.kind_label} · {shown.category?.name}
              </dd>
              <dt>Kênh</dt>
              <dd>{shown.channel_label}</dd>
              <dt>Người gửi</dt>
              <dd>{[shown.sender.name, shown.sender.address, shown.sender.phone, shown.sender.email].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>Đơn vị xử lý</dt>
              <dd>{shown.unit?.name}</dd>
              <dt>Hạn</dt>
              <dd>{shown.due_at ? formatDateTime(shown.due_at) : '—'}</dd>
              {shown.location && (
                <>
                  <dt>Địa điểm</dt>
                  <dd>{shown.location}</dd>
                </>
              )}
              {shown.dossier_code && (
                <>
                  <dt>Hồ sơ liên quan</dt>
                  <dd>{shown.dossier_code}</dd>
                </>
              )}
            </dl>
            {placeOf(shown) && <PlaceMap place={placeOf(shown)} label="Vị trí người gửi đánh dấu" />}
            <p class="pre-wrap">{shown.content}</p>
            {shown.proposal && (
              <p class="pre-wrap">
                <strong>Đề xuất:</strong> {shown.proposal}
              </p>
            )}
            {shown.answer && (
              <div class="answer">
                <h3>Trả lời{shown.status === 'answer_drafted' ? ' (dự thảo)' : ''}</h3>
                <p class="pre-wrap">{shown.answer}</p>
              </div>
            )}
            {shown.withheld_reason && <p class="muted">Không công khai: {shown.withheld_reason}</p>}
            {shown.letter && (
              <p>
                <a href={`/api/v1/feedback/${shown.id}/letter`} target="_blank" rel="noopener">
                  Xem, in thông báo gửi người phản ánh (PDF)
                </a>
              </p>
            )}
            {shown.forwarded && (
              <p data-testid="feedback-forwarded">
                Chuyển đến {shown.forwarded.agency_name} ({shown.forwarded.agency_code}):{' '}
                {shown.forwarded.document_id ? (
                  <a href={`/van-ban/di/${shown.forwarded.document_id}`}>{forwardingDocument(shown.forwarded)}</a>
                ) : (
                  forwardingDocument(shown.forwarded)
                )}
                .
              </p>
            )}
            {shown.question && (
              <p class="banner banner--warning">
                Đang chờ người gửi trả lời câu hỏi: <span class="pre-wrap">{shown.question}</span>
              </p>
            )}
            {shown.merged_into && <p class="muted">Đã gộp vào {shown.merged_into}: được trả lời cùng phản ánh, kiến nghị đó.</p>}
            {(shown.merged_count ?? 0) > 0 && <p class="muted">{shown.merged_count} phản ánh, kiến nghị trùng nội dung đã được gộp vào đây và sẽ nhận cùng câu trả lời.</p>}
            <h3>Tệp đính kèm</h3>
            {shown.attachments.length === 0 && <p class="muted">Không có tệp đính kèm.</p>}
            <AttachmentList items={shown.attachments} href={(a) => `/api/v1/feedback/${shown.id}/attachments/${a.id}`} />
            {shown.can_attach && <AddFiles target={`/api/v1/feedback/${shown.id}/attachments`} onChange={setItem} />}
          </section>
          <section class="panel" aria-labelledby="fbo-timeline">
            <h2 id="fbo-timeline">Quá trình xử lý</h2>
            <FeedbackTimeline entries={shown.timeline} />
          </section>
          {shown.actions.length > 0 && <Actions item={shown} onChange={setItem} />}
        </div>
      )}
    </Page>
  );
}

const needsUnit = ['register', 'transfer'];
const needsNote = ['reject', 'forward_out', 'route_complaint', 'return_draft', 'extend', 'decline_case', 'extend_case'];

function Actions({ item, onChange }: { item: FeedbackItem; onChange(i: FeedbackItem): void }) {
  const [action, setAction] = useState(item.actions[0]?.name ?? '');
  const [f, setF] = useState({
    unit_id: '',
    category_id: '',
    assignee_id: '',
    note: '',
    answer: item.answer ?? '',
    extend_days: '',
    withheld_reason: '',
    publish: true,
    main_code: '',
    case_kind: '',
    complex: false,
    remote: false,
    very_complex: false,
    agency_code: '',
    agency_name: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const units = useApi<{ items: { id: number; name: string }[] }>(
    needsUnit.includes(action) || action === 'route_complaint' ? '/api/v1/units?level=province&limit=200' : null,
  );
  const categories = useApi<{ items: FeedbackCategory[] }>(action === 'register' ? '/api/v1/public/feedback-categories' : null);
  const assignees = useApi<{ items: { id: number; full_name: string; unit: string }[] }>(action === 'assign' ? `/api/v1/feedback/${item.id}/assignees` : null);
  return (
    <form
      class="form panel"
      aria-labelledby="fbo-act"
      onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        setErrors({});
        setBusy(true);
        const body: Record<string, unknown> = { action, expected_version: item.version };
        if (needsUnit.includes(action)) body.unit_id = Number(f.unit_id) || undefined;
        if (action === 'register' && f.category_id) body.category_id = Number(f.category_id);
        if (action === 'assign') body.assignee_id = Number(f.assignee_id) || undefined;
        if (f.note.trim()) body.note = f.note;
        if (action === 'draft_answer') body.answer = f.answer;
        if (action === 'extend') body.extend_days = Number(f.extend_days) || undefined;
        if (action === 'merge') body.main_code = f.main_code.trim();
        if (action === 'route_complaint') {
          if (f.case_kind) body.case_kind = f.case_kind;
          if (f.unit_id) body.unit_id = Number(f.unit_id);
        }
        if (action === 'accept_case') {
          body.complex = f.complex;
          body.remote = f.remote;
        }
        if (action === 'extend_case') body.very_complex = f.very_complex;
        if (action === 'forward_out' && (f.agency_code.trim() || f.agency_name.trim())) {
          body.agency_code = f.agency_code.trim();
          body.agency_name = f.agency_name.trim();
        }
        if (action === 'decide_case') body.answer = f.answer;
        if (action === 'approve') {
          body.publish = f.publish;
          if (!f.publish) body.withheld_reason = f.withheld_reason;
        }
        try {
          const next = await post<FeedbackItem>(`/api/v1/feedback/${item.id}/actions`, body);
          onChange(next);
          setAction(next.actions[0]?.name ?? '');
        } catch (err) {
          setError(messageOf(err));
          if (err instanceof ApiError) setErrors(err.fields);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="fbo-act">Xử lý</h2>
      <ErrorBanner message={error} />
      <SelectField id="fbo-action" label="Thao tác" value={action} onValue={setAction} options={item.actions.map((a) => [a.name, a.label])} error={errors.action} />
      {needsUnit.includes(action) && (
        <SelectField
          id="fbo-unit"
          label="Đơn vị có thẩm quyền xử lý"
          value={f.unit_id}
          onValue={set('unit_id')}
          placeholder="— Chọn đơn vị —"
          options={(units.data?.items ?? []).map((u) => [String(u.id), u.name])}
          error={errors.unit_id}
        />
      )}
      {action === 'register' && (
        <SelectField
          id="fbo-category"
          label="Lĩnh vực (phân loại lại nếu cần)"
          value={f.category_id}
          onValue={set('category_id')}
          placeholder={`— Giữ: ${item.category?.name ?? ''} —`}
          options={(categories.data?.items ?? []).map((c) => [String(c.id), c.name])}
        />
      )}
      {action === 'assign' && (
        <SelectField
          id="fbo-assignee"
          label="Cán bộ xử lý"
          value={f.assignee_id}
          onValue={set('assignee_id')}
          placeholder="— Chọn cán bộ —"
          options={(assignees.data?.items ?? []).map((o) => [String(o.id), `${o.full_name} (${o.unit})`])}
          error={errors.assignee_id}
        />
      )}
      {action === 'forward_out' && item.can_forward_document && (
        <>
          <p class="muted">
            Ghi mã định danh và tên cơ quan nhận để lập dự thảo công văn chuyển (kèm tệp của người gửi) trong sổ văn bản đi; văn bản được trình ký, ban hành và gửi liên thông điện tử như văn
            bản khác. Để trống nếu chỉ ghi nhận việc chuyển.
          </p>
          <Field label="Mã định danh cơ quan nhận (ví dụ 000.00.00.H48)" value={f.agency_code} onValue={set('agency_code')} error={errors.agency_code} />
          <Field label="Tên cơ quan nhận" value={f.agency_name} onValue={set('agency_name')} error={errors.agency_name} />
        </>
      )}
      {action === 'extend' && <Field label="Số ngày làm việc gia hạn" inputMode="numeric" value={f.extend_days} onValue={set('extend_days')} error={errors.extend_days} />}
      {action === 'route_complaint' && (
        <>
          <SelectField
            id="fbo-case-kind"
            label="Loại đơn"
            value={f.case_kind}
            onValue={set('case_kind')}
            placeholder={item.suspected_label ? `— Theo nhận diện: ${item.suspected_label} —` : '— Chọn —'}
            options={[
              ['complaint', 'Khiếu nại (Luật Khiếu nại 2011)'],
              ['denunciation', 'Tố cáo (Luật Tố cáo 2018)'],
            ]}
            error={errors.case_kind}
          />
          <SelectField
            id="fbo-case-unit"
            label="Đơn vị, người có thẩm quyền giải quyết"
            value={f.unit_id}
            onValue={set('unit_id')}
            placeholder="— Bộ phận tiếp nhận giữ lại —"
            options={(units.data?.items ?? []).map((u) => [String(u.id), u.name])}
            error={errors.unit_id}
          />
        </>
      )}
      {action === 'accept_case' && (
        <>
          <label class="choice">
            <input type="checkbox" checked={f.complex} onChange={() => setF({ ...f, complex: !f.complex })} /> Vụ việc phức tạp
          </label>
          <label class="choice">
            <input type="checkbox" checked={f.remote} onChange={() => setF({ ...f, remote: !f.remote })} /> Khiếu nại ở vùng sâu, vùng xa đi lại khó khăn
          </label>
        </>
      )}
      {action === 'extend_case' && (
        <label class="choice">
          <input type="checkbox" checked={f.very_complex} onChange={() => setF({ ...f, very_complex: !f.very_complex })} /> Vụ việc đặc biệt phức tạp (được gia hạn hai
          lần)
        </label>
      )}
      {action === 'decide_case' && (
        <Field label="Nội dung quyết định giải quyết khiếu nại, kết luận tố cáo" multiline value={f.answer} onValue={set('answer')} error={errors.answer} />
      )}
      {action === 'merge' && (
        <Field label="Mã phản ánh, kiến nghị chính (PAKN-…)" value={f.main_code} onValue={set('main_code')} error={errors.main_code} required />
      )}
      {action === 'draft_answer' && <Field label="Nội dung trả lời" multiline value={f.answer} onValue={set('answer')} error={errors.answer} />}
      {action === 'approve' && (
        <>
          <label class="choice">
            <input type="checkbox" checked={f.publish} onChange={() => setF({ ...f, publish: !f.publish })} /> Công khai câu trả lời trên Cổng
          </label>
          {!f.publish && <Field label="Lý do không công khai" value={f.withheld_reason} onValue={set('withheld_reason')} error={errors.withheld_reason} />}
        </>
      )}
      <Field
        label={action === 'ask' ? 'Câu hỏi gửi người phản ánh, kiến nghị' : needsNote.includes(action) ? 'Lý do' : 'Ghi chú'}
        multiline
        value={f.note}
        onValue={set('note')}
        error={errors.note}
        required={needsNote.includes(action) || action === 'ask'}
      />
      <Button type="submit" busy={busy}>
        Thực hiện
      </Button>
    </form>
  );
}
