// Feedback and petitions for the public: the published answers (searchable, accents optional),
// the form to send one (signed in or not), and the sender's page reached by the secret link
// given on sending, where a draft is completed, photos added, a question answered, the answer
// rated, or reconsideration asked once.
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, messageOf, post, uploadFile } from '../../api';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { Page } from '../../components/page';
import { type Place, PlaceMap } from '../../components/place-map';
import {
  type FeedbackAttachment,
  type FeedbackCategory,
  type FeedbackEvent,
  type FeedbackItem,
  type PublishedFeedback,
  attachmentAccept,
  forwardingDocument,
  missingLabels,
  placeOf,
} from '../../feedback';
import { formatDate, formatDateTime } from '../../format';
import { useSession } from '../../session';
import { LoadState, MoreButton, useApi, usePaged } from '../../use-load';

const feedbackNav = (
  <nav class="actions-row" aria-label="Phản ánh, kiến nghị">
    <a href="/phan-anh">Phản ánh đã trả lời</a>
    <a href="/phan-anh/gui">Gửi phản ánh, kiến nghị</a>
  </nav>
);

function Timeline({ entries }: { entries: FeedbackEvent[] }) {
  return (
    <ol class="timeline">
      {entries.map((e) => (
        <li>
          <strong>{e.action_label}</strong> — {e.status_label}
          <br />
          <span class="muted">
            {formatDateTime(e.at)}
            {e.unit ? ` · ${e.unit.name}` : ''}
            {e.actor ? ` · ${e.actor.name}` : ''}
          </span>
          {e.note && <p class="timeline__note">{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}

export { Timeline as FeedbackTimeline };

const maxFiles = 5;

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

// The files attached to an item, each a download link (`href` gives its address).
export function AttachmentList({ items, href }: { items: FeedbackAttachment[]; href(a: FeedbackAttachment): string }) {
  if (items.length === 0) return null;
  return (
    <ul class="plain-list" aria-label="Tệp đính kèm">
      {items.map((a) => (
        <li key={a.id}>
          <a href={href(a)} download={a.name}>
            {a.name}
          </a>{' '}
          <span class="muted">
            ({fileSize(a.size)}
            {a.added_by === 'official' ? ', cán bộ bổ sung' : ''})
          </span>
        </li>
      ))}
    </ul>
  );
}

// Choose photos or papers and send them one by one to `target` (a route taking ?name=), which
// answers the item as it now is.
export function AddFiles({ target, onChange }: { target: string; onChange(i: FeedbackItem): void }) {
  const [error, setError] = useState('');
  const [progress, setProgress] = useState('');
  return (
    <div class="field">
      <label for="fb-add-files">Thêm ảnh, tài liệu (JPEG, PNG, PDF)</label>
      <input
        id="fb-add-files"
        type="file"
        multiple
        accept={attachmentAccept}
        onChange={async (e) => {
          const input = e.currentTarget;
          setError('');
          for (const file of Array.from(input.files ?? [])) {
            try {
              onChange(await uploadFile<FeedbackItem>(file, (x) => setProgress(`${file.name}: ${Math.round(x * 100)}%`), target));
            } catch (err) {
              setError(`${file.name}: ${messageOf(err)}`);
              break;
            }
          }
          setProgress('');
          input.value = '';
        }}
      />
      {progress && <p class="upload-progress">{progress}</p>}
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function PublishedList() {
  const { query, route } = useLocation();
  const [q, setQ] = useState(query.q ?? '');
  const categories = useApi<{ items: FeedbackCategory[] }>('/api/v1/public/feedback-categories');
  const category = query.linh_vuc ?? '';
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (category) params.set('category_id', category);
  const list = usePaged<PublishedFeedback>(`/api/v1/public/feedback?${params.toString()}&limit=20`);
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams();
    const all = { q: query.q ?? '', linh_vuc: category, ...next };
    for (const [k, v] of Object.entries(all)) if (v) p.set(k, v);
    route(`/phan-anh${p.toString() ? '?' + p.toString() : ''}`);
  };
  return (
    <Page title="Phản ánh, kiến nghị" wide>
      {feedbackNav}
      <p>
        Người dân, doanh nghiệp phản ánh, kiến nghị về quy định hành chính, thủ tục hành chính, thái độ của cán bộ và các vấn đề kinh tế - xã hội. Dưới đây là các
        câu trả lời đã được công khai; thông tin cá nhân của người gửi không được hiển thị.
      </p>
      <form
        class="form form--inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim() });
        }}
      >
        <Field label="Tìm theo nội dung (có thể gõ không dấu)" value={q} onValue={setQ} type="search" inputMode="search" />
        <SelectField
          id="fb-category"
          label="Lĩnh vực"
          value={category}
          onValue={(v) => go({ linh_vuc: v })}
          placeholder="— Tất cả —"
          options={(categories.data?.items ?? []).map((c) => [String(c.id), c.name])}
        />
        <Button type="submit">Tìm</Button>
      </form>
      <LoadState state={list} />
      {list.data && list.data.length === 0 && <p>Chưa có câu trả lời nào phù hợp.</p>}
      <ul class="plain-list feedback-list">
        {(list.data ?? []).map((f) => (
          <li class="panel" key={f.code}>
            <h2 class="feedback-list__title">
              <a href={`/phan-anh/theo-doi/${encodeURIComponent(f.code)}`}>{f.title}</a>
            </h2>
            <p class="muted">
              {f.kind === 'petition' ? 'Kiến nghị' : 'Phản ánh'} · {f.category.name} · gửi {formatDate(f.received_at)} · {f.unit.name} trả lời {formatDate(f.answered_at)} (
              {f.days_taken} ngày){f.rating ? ` · đánh giá ${f.rating}/5` : ''}
            </p>
            <p>{f.content}</p>
            <p>
              <strong>Trả lời:</strong> {f.answer}
            </p>
          </li>
        ))}
      </ul>
      <MoreButton list={list} />
    </Page>
  );
}

interface Sent {
  code: string;
  token: string;
  status: string;
  missing: string[];
  attached?: number;
  failed?: string[];
}

export function SendFeedback() {
  const { principal } = useSession();
  const categories = useApi<{ items: FeedbackCategory[] }>('/api/v1/public/feedback-categories');
  const [f, setF] = useState({
    kind: 'reflection',
    category_id: '',
    title: '',
    content: '',
    proposal: '',
    name: '',
    address: '',
    phone: '',
    email: '',
    location: '',
    dossier_code: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const applicant = principal?.kind === 'applicant';

  if (sent) {
    const link = `/phan-anh/theo-doi/${encodeURIComponent(sent.code)}?khoa=${encodeURIComponent(sent.token)}`;
    return (
      <Page title="Đã gửi phản ánh, kiến nghị">
        <Notice message={`Mã phản ánh, kiến nghị: ${sent.code}`} />
        {sent.missing.length > 0 && (
          <p class="banner banner--warning">
            Phản ánh, kiến nghị được lưu nhưng chưa đủ điều kiện tiếp nhận: cần bổ sung {sent.missing.map((m) => missingLabels[m] ?? m).join(', ')}.
          </p>
        )}
        <p>
          Hãy lưu lại đường dẫn dưới đây (hoặc chụp màn hình): chỉ người có đường dẫn này mới xem được tiến độ, câu trả lời và đánh giá
          {applicant ? '; Ông/Bà cũng xem được khi đăng nhập' : ''}.
        </p>
        <p class="secret-link">
          <a href={link} data-testid="secret-link">
            {location.origin + link}
          </a>
        </p>
        {(sent.attached ?? 0) > 0 && <p>Đã đính kèm {sent.attached} tệp.</p>}
        {(sent.failed ?? []).length > 0 && (
          <p class="banner banner--warning" role="alert">
            Chưa gửi được tệp: {sent.failed!.join('; ')}. Ông/Bà có thể gửi lại tệp tại trang theo dõi (đường dẫn trên).
          </p>
        )}
      </Page>
    );
  }

  return (
    <Page title="Gửi phản ánh, kiến nghị">
      {feedbackNav}
      <p>
        Theo Nghị định 20/2008/NĐ-CP, phản ánh, kiến nghị cần ghi rõ nội dung và họ tên, địa chỉ, số điện thoại hoặc thư điện tử của người gửi để cơ quan trả lời.
        Khiếu nại, tố cáo được xử lý theo Luật Khiếu nại, Luật Tố cáo.
      </p>
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError('');
          setErrors({});
          setBusy(true);
          try {
            const body: Record<string, unknown> = {
              kind: f.kind,
              category_id: Number(f.category_id) || 0,
              title: f.title,
              content: f.content,
              sender: { name: f.name, address: f.address, phone: f.phone, email: f.email },
            };
            if (f.kind === 'petition') body.proposal = f.proposal;
            if (f.location.trim()) body.location = f.location;
            if (place) {
              body.latitude = place.lat;
              body.longitude = place.lon;
            }
            if (f.dossier_code.trim()) body.dossier_code = f.dossier_code.trim();
            if (files.length > maxFiles) {
              setErrors({ files: `Chỉ đính kèm tối đa ${maxFiles} tệp.` });
              return;
            }
            const made = await post<Sent>('/api/v1/public/feedback', body);
            // The item is kept whatever happens to its files; a file that fails is sent again
            // from the sender's page.
            const target = `/api/v1/public/feedback/${encodeURIComponent(made.code)}/attachments?token=${encodeURIComponent(made.token)}`;
            const failed: string[] = [];
            let attached = 0;
            for (const file of files) {
              try {
                await uploadFile<FeedbackItem>(file, (x) => setProgress(`Đang gửi ${file.name}: ${Math.round(x * 100)}%`), target);
                attached++;
              } catch (err) {
                failed.push(`${file.name} (${messageOf(err)})`);
              }
            }
            setProgress('');
            setSent({ ...made, attached, failed });
            window.scrollTo(0, 0);
          } catch (err) {
            setError(messageOf(err));
            if (err instanceof ApiError) setErrors(err.fields);
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorBanner message={error} />
        <fieldset class="choice choice--stacked">
          <legend>Loại</legend>
          <label>
            <input type="radio" name="kind" checked={f.kind === 'reflection'} onChange={() => set('kind')('reflection')} /> Phản ánh (thông tin về sự việc)
          </label>
          <label>
            <input type="radio" name="kind" checked={f.kind === 'petition'} onChange={() => set('kind')('petition')} /> Kiến nghị (kèm đề xuất giải pháp)
          </label>
        </fieldset>
        <LoadState state={categories} label="Đang tải lĩnh vực…" />
        <SelectField
          id="fb-send-category"
          label="Lĩnh vực"
          value={f.category_id}
          onValue={set('category_id')}
          placeholder="— Chọn lĩnh vực —"
          options={(categories.data?.items ?? []).map((c) => [String(c.id), c.answer_days ? `${c.name} (trả lời trong ${c.answer_days} ngày làm việc)` : c.name])}
          error={errors.category_id}
        />
        <Field label="Tiêu đề" value={f.title} onValue={set('title')} error={errors.title} maxLength={200} required />
        <Field label="Nội dung" multiline value={f.content} onValue={set('content')} error={errors.content} required />
        {f.kind === 'petition' && <Field label="Đề xuất, giải pháp" multiline value={f.proposal} onValue={set('proposal')} error={errors.proposal} required />}
        <Field label="Địa điểm xảy ra sự việc (nếu có)" value={f.location} onValue={set('location')} error={errors.location} />
        <PlaceMap place={place} onPick={setPlace} label="Chạm hoặc bấm vào bản đồ để đánh dấu vị trí (nếu muốn)." />
        {errors.latitude && <p class="field__error">{errors.latitude}</p>}
        <Field label="Mã hồ sơ liên quan (nếu có)" value={f.dossier_code} onValue={set('dossier_code')} error={errors.dossier_code} />
        <div class="field">
          <label for="fb-send-files">Ảnh, tài liệu kèm theo (nếu có; tối đa {maxFiles} tệp JPEG, PNG hoặc PDF)</label>
          <input id="fb-send-files" type="file" multiple accept={attachmentAccept} onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))} />
          {files.length > 0 && <p class="muted">Đã chọn: {files.map((x) => x.name).join(', ')}</p>}
          {errors.files && (
            <p class="field__error" role="alert">
              {errors.files}
            </p>
          )}
        </div>
        <h2>Người gửi</h2>
        {applicant && <p class="muted">Để trống để dùng thông tin trong tài khoản của Ông/Bà.</p>}
        <Field label="Họ và tên" value={f.name} onValue={set('name')} error={errors['sender.name']} autoComplete="name" />
        <Field label="Địa chỉ" value={f.address} onValue={set('address')} error={errors['sender.address']} autoComplete="street-address" />
        <Field label="Số điện thoại" type="tel" inputMode="tel" value={f.phone} onValue={set('phone')} error={errors['sender.phone']} autoComplete="tel" />
        <Field label="Thư điện tử" type="email" inputMode="email" value={f.email} onValue={set('email')} error={errors['sender.email']} autoComplete="email" />
        {progress && <p class="upload-progress">{progress}</p>}
        <Button type="submit" busy={busy}>
          Gửi phản ánh, kiến nghị
        </Button>
      </form>
    </Page>
  );
}

// One item: the sender's view with the secret (?khoa=), otherwise the published answer.
export function TrackFeedback() {
  const { params } = useRoute();
  const { query } = useLocation();
  const code = params.code ?? '';
  const token = query.khoa ?? '';
  const path = `/api/v1/public/feedback/${encodeURIComponent(code)}${token ? `?token=${encodeURIComponent(token)}` : ''}` as const;
  const state = useApi<FeedbackItem & PublishedFeedback>(path as `/api/v1/public/feedback/${string}`);
  const [item, setItem] = useState<FeedbackItem | null>(null);
  const shown = item ?? (state.data as FeedbackItem | null);
  return (
    <Page title={`Phản ánh, kiến nghị ${code}`} wide>
      {feedbackNav}
      <LoadState state={state} />
      {state.error && <p>Nếu Ông/Bà là người gửi, hãy mở đúng đường dẫn được cấp khi gửi phản ánh, kiến nghị.</p>}
      {shown && <ItemView item={shown} token={token} onChange={setItem} />}
    </Page>
  );
}

function ItemView({ item, token, onChange }: { item: FeedbackItem; token: string; onChange(i: FeedbackItem): void }) {
  const can = (a: string) => (item.actions ?? []).some((x) => x.name === a);
  return (
    <div class="grid">
      <section class="panel" aria-labelledby="fb-facts">
        <h2 id="fb-facts">{item.title}</h2>
        <dl class="facts">
          <dt>Mã</dt>
          <dd>
            <strong>{item.code}</strong>
          </dd>
          {item.status_label && (
            <>
              <dt>Trạng thái</dt>
              <dd>
                <span class={`badge badge--status badge--${item.status}`}>{item.status_label}</span>
                {item.overdue && <span class="badge badge--overdue">Quá hạn</span>}
              </dd>
            </>
          )}
          {item.category && (
            <>
              <dt>Lĩnh vực</dt>
              <dd>{item.category.name}</dd>
            </>
          )}
          <dt>Ngày gửi</dt>
          <dd>{formatDateTime(item.received_at)}</dd>
          {item.unit && (
            <>
              <dt>Đơn vị xử lý</dt>
              <dd>{item.unit.name}</dd>
            </>
          )}
          {item.due_at && (
            <>
              <dt>Hạn trả lời</dt>
              <dd>{formatDateTime(item.due_at)}</dd>
            </>
          )}
        </dl>
        <p class="pre-wrap">{item.content}</p>
        {item.proposal && (
          <p class="pre-wrap">
            <strong>Đề xuất:</strong> {item.proposal}
          </p>
        )}
        {item.location && <p>Địa điểm: {item.location}</p>}
        {placeOf(item) && <PlaceMap place={placeOf(item)} label="Vị trí đã đánh dấu" />}
        {item.answer && (
          <div class="answer" data-testid="feedback-answer">
            <h3>Trả lời</h3>
            <p class="pre-wrap">{item.answer}</p>
          </div>
        )}
        {item.rating && <p>Đánh giá: {item.rating}/5</p>}
        {token && item.letter && (
          <p>
            <a href={`/api/v1/public/feedback/${encodeURIComponent(item.code)}/letter?token=${encodeURIComponent(token)}`} target="_blank" rel="noopener">
              Xem, in thông báo (PDF)
            </a>
          </p>
        )}
        {item.merged_into && <p class="muted">Được xem xét, trả lời cùng phản ánh, kiến nghị {item.merged_into} có cùng nội dung.</p>}
        {item.forwarded && (
          <p data-testid="feedback-forwarded">
            Đã chuyển đến {item.forwarded.agency_name}: {forwardingDocument(item.forwarded)}.
          </p>
        )}
        {item.attachments && (
          <>
            <AttachmentList
              items={item.attachments}
              href={(a) => `/api/v1/public/feedback/${encodeURIComponent(item.code)}/attachments/${a.id}?token=${encodeURIComponent(token)}`}
            />
            {token && item.can_attach && (
              <AddFiles target={`/api/v1/public/feedback/${encodeURIComponent(item.code)}/attachments?token=${encodeURIComponent(token)}`} onChange={onChange} />
            )}
          </>
        )}
      </section>
      <section class="panel" aria-labelledby="fb-timeline">
        <h2 id="fb-timeline">Quá trình xử lý</h2>
        {item.timeline && <Timeline entries={item.timeline} />}
      </section>
      {token && can('reply') && <Reply item={item} token={token} onChange={onChange} />}
      {token && can('complete') && <Complete item={item} token={token} onChange={onChange} />}
      {token && (can('rate') || can('reopen')) && <RateOrReopen item={item} token={token} onChange={onChange} />}
    </div>
  );
}

function Reply({ item, token, onChange }: { item: FeedbackItem; token: string; onChange(i: FeedbackItem): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      class="form panel"
      aria-labelledby="fb-question"
      onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        try {
          onChange(await post<FeedbackItem>(`/api/v1/public/feedback/${encodeURIComponent(item.code)}/actions`, { action: 'reply', token, note }));
          setNote('');
        } catch (err) {
          setError(messageOf(err));
          if (err instanceof ApiError) setErrors(err.fields);
        }
      }}
    >
      <h2 id="fb-question">Cơ quan xử lý đề nghị Ông/Bà cung cấp thêm thông tin</h2>
      <p class="pre-wrap">{item.question}</p>
      <ErrorBanner message={error} />
      <Field label="Thông tin bổ sung" multiline value={note} onValue={setNote} error={errors.note} required />
      <Button type="submit">Gửi thông tin bổ sung</Button>
    </form>
  );
}

function Complete({ item, token, onChange }: { item: FeedbackItem; token: string; onChange(i: FeedbackItem): void }) {
  const [f, setF] = useState({ name: '', address: '', phone: '', email: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <form
      class="form panel"
      aria-labelledby="fb-complete"
      onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        try {
          onChange(await post<FeedbackItem>(`/api/v1/public/feedback/${encodeURIComponent(item.code)}/actions`, { action: 'complete', token, sender: f }));
        } catch (err) {
          setError(messageOf(err));
          if (err instanceof ApiError) setErrors(err.fields);
        }
      }}
    >
      <h2 id="fb-complete">Bổ sung thông tin người gửi</h2>
      <p>Cần bổ sung: {item.missing.map((m) => missingLabels[m] ?? m).join(', ')}.</p>
      <ErrorBanner message={error} />
      <Field label="Họ và tên" value={f.name} onValue={set('name')} error={errors['sender.name'] ?? errors.sender} />
      <Field label="Địa chỉ" value={f.address} onValue={set('address')} error={errors['sender.address']} />
      <Field label="Số điện thoại" type="tel" inputMode="tel" value={f.phone} onValue={set('phone')} error={errors['sender.phone']} />
      <Field label="Thư điện tử" type="email" value={f.email} onValue={set('email')} error={errors['sender.email']} />
      <Button type="submit">Bổ sung và gửi</Button>
    </form>
  );
}

function RateOrReopen({ item, token, onChange }: { item: FeedbackItem; token: string; onChange(i: FeedbackItem): void }) {
  const [rating, setRating] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const can = (a: string) => item.actions.some((x) => x.name === a);
  const send = async (action: string) => {
    setError('');
    try {
      const body: Record<string, unknown> = { action, token };
      if (action === 'rate') body.rating = Number(rating) || 0;
      if (note.trim()) body.note = note;
      onChange(await post<FeedbackItem>(`/api/v1/public/feedback/${encodeURIComponent(item.code)}/actions`, body));
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError) setErrors(err.fields);
    }
  };
  return (
    <form class="form panel" aria-labelledby="fb-rate" onSubmit={(e) => e.preventDefault()}>
      <h2 id="fb-rate">Ý kiến của Ông/Bà về câu trả lời</h2>
      <ErrorBanner message={error} />
      <SelectField
        id="fb-rating"
        label="Mức độ hài lòng"
        value={rating}
        onValue={setRating}
        placeholder="— Chọn —"
        options={[
          ['5', '5 — Rất hài lòng'],
          ['4', '4 — Hài lòng'],
          ['3', '3 — Bình thường'],
          ['2', '2 — Không hài lòng'],
          ['1', '1 — Rất không hài lòng'],
        ]}
        error={errors.rating}
      />
      <Field label="Ý kiến (lý do nếu đề nghị xem xét lại)" multiline value={note} onValue={setNote} error={errors.note} />
      <div class="actions-row">
        {can('rate') && (
          <Button type="button" onClick={() => send('rate')}>
            Gửi đánh giá
          </Button>
        )}
        {can('reopen') && (
          <button type="button" class="button button--secondary" onClick={() => send('reopen')}>
            Không đồng ý, đề nghị xem xét lại
          </button>
        )}
      </div>
    </form>
  );
}
