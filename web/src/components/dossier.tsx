// Pieces every dossier screen shows: status and urgency marks, the facts, and the timeline.
import { formatDate, formatDateTime } from '../format';
import { type DossierView, type TimelineEntry } from '../onestop';
import { useWords } from '../vocabulary';

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span class={`badge badge--status badge--${status}`}>{label}</span>;
}

export function UrgencyBadge({ urgency, paused }: { urgency?: string; paused?: boolean }) {
  const words = useWords();
  if (paused) return <span class="badge badge--paused">Tạm dừng tính thời gian</span>;
  if (!urgency) return null;
  return <span class={`badge badge--${urgency}`}>{words.label('urgencies', urgency)}</span>;
}

export function DossierFacts({ d }: { d: DossierView }) {
  return (
    <dl class="facts">
      <dt>Mã hồ sơ</dt>
      <dd>
        <strong>{d.code}</strong>
      </dd>
      <dt>Thủ tục</dt>
      <dd>{d.procedure.name}</dd>
      <dt>Trạng thái</dt>
      <dd>
        <StatusBadge status={d.status} label={d.status_label} /> <UrgencyBadge urgency={d.urgency} paused={d.paused} />
      </dd>
      <dt>Bước hiện tại</dt>
      <dd>
        {d.current_step.name}
        {d.current_unit ? ` — ${d.current_unit.name}` : ''}
      </dd>
      <dt>Cơ quan giải quyết</dt>
      <dd>{d.agency?.name ?? '—'}</dd>
      {d.desk && (
        <>
          <dt>{d.result_point && d.result_point.id !== d.desk.id ? 'Nơi tiếp nhận hồ sơ' : 'Nơi tiếp nhận, trả kết quả'}</dt>
          <dd>{d.desk.name}</dd>
        </>
      )}
      {d.desk && d.result_point && d.result_point.id !== d.desk.id && (
        <>
          <dt>Nơi trả kết quả</dt>
          <dd>{d.result_point.name}</dd>
        </>
      )}
      <dt>Hình thức nộp</dt>
      <dd>{d.channel_label}</dd>
      <dt>Ngày nộp</dt>
      <dd>{formatDateTime(d.submitted_at)}</dd>
      {d.received_at && (
        <>
          <dt>Ngày tiếp nhận</dt>
          <dd>{formatDateTime(d.received_at)}</dd>
        </>
      )}
      {d.due_at && (
        <>
          <dt>Hẹn trả kết quả</dt>
          <dd>
            {formatDateTime(d.due_at)}
            {d.original_due_at && d.original_due_at !== d.due_at && (
              <span class="muted"> (hẹn ban đầu {formatDate(d.original_due_at)}; thời hạn đã tính thêm thời gian tạm dừng)</span>
            )}
          </dd>
        </>
      )}
      {d.apology_due_at && (
        <>
          <dt>Hẹn lại ngày trả</dt>
          <dd>
            <strong>{formatDateTime(d.apology_due_at)}</strong> <span class="muted">({d.form_set === 'tt03_2025' ? 'theo văn bản xin lỗi và đề nghị gia hạn' : 'theo phiếu xin lỗi'}, Mẫu 04)</span>
          </dd>
        </>
      )}
      {d.returned_at && (
        <>
          <dt>Đã trả kết quả</dt>
          <dd>
            {formatDateTime(d.returned_at)}
            {d.return_method_label ? ` — ${d.return_method_label}` : ''}
            {d.timeliness_label ? ` (${d.timeliness_label.toLowerCase()})` : ''}
          </dd>
        </>
      )}
    </dl>
  );
}

function entryDetails(e: TimelineEntry): string[] {
  const out: string[] = [];
  if (e.note) out.push(e.note);
  const items = e.data?.items;
  if (Array.isArray(items) && items.length) out.push('Cần bổ sung: ' + items.join('; '));
  if (e.data?.new_due) out.push('Hẹn lại: ' + formatDateTime(e.data.new_due));
  if (typeof e.data?.fee_amount === 'number') out.push(`Số tiền: ${new Intl.NumberFormat('vi-VN').format(e.data.fee_amount)} đồng`);
  return out;
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol class="timeline">
      {entries.map((e, i) => (
        <li key={i}>
          <p class="timeline__head">
            <strong>{e.action_label}</strong>
            {e.step_name ? ` — ${e.step_name}` : ''}
          </p>
          <p class="timeline__meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            {e.actor ? ` · ${e.actor.name}` : ''}
            {e.actor_unit ? ` (${e.actor_unit.name})` : ''}
            {e.unit && e.actor_unit !== undefined ? ` → ${e.unit.name}` : e.unit ? ` · ${e.unit.name}` : ''}
            {e.timeliness === 'late' && <span class="badge badge--overdue">Trễ hạn bước</span>}
          </p>
          {entryDetails(e).map((t) => (
            <p class="timeline__note">{t}</p>
          ))}
        </li>
      ))}
    </ol>
  );
}
