// Tasks from leaders' directions: the unit's board (open by deadline with overdue marked, then
// done), giving a task (leaders), and one task with its history where the units report
// progress, the owner completes with evidence and the leader may send it back.
import { useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, messageOf, post } from '../../api';
import { Button, ErrorBanner, Field, Notice, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import type { Task } from '../../documents';
import { formatDate, formatDateTime, todayVn } from '../../format';
import { useSession } from '../../session';
import { LoadState, useApi } from '../../use-load';
import { WithUnit, documentNav } from './common';

function TaskCard({ t }: { t: Task }) {
  return (
    <li class={'task-card' + (t.overdue ? ' task-card--overdue' : '')}>
      <a href={`/van-ban/nhiem-vu/${t.id}`}>{t.title}</a>
      <br />
      <span class="muted">
        {t.owner_unit.name} · hạn {formatDate(t.due_on)} · {t.progress}%
      </span>{' '}
      {t.overdue && <span class="badge badge--overdue">Quá hạn</span>}
      {t.timeliness && <span class={t.timeliness.key === 'late' ? 'badge badge--overdue' : 'badge badge--done'}>{t.timeliness.label}</span>}
    </li>
  );
}

function NewTask({ unitId, onDone }: { unitId: number; onDone(): void }) {
  const unitState = useApi<{ items: { id: number; name: string }[] }>(`/api/v1/units?parent_id=${unitId}&limit=100`);
  const units = unitState.data?.items ?? [];
  const [f, setF] = useState({ title: '', content: '', source_note: '', owner_unit_id: '', due_on: todayVn() });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <form
      class="form"
      aria-labelledby="new-task"
      onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        setErrors({});
        try {
          await post('/api/v1/tasks', { ...f, source_kind: 'meeting', assigning_unit_id: unitId, owner_unit_id: Number(f.owner_unit_id) });
          setF({ ...f, title: '', content: '' });
          onDone();
        } catch (err) {
          setError(messageOf(err));
          if (err instanceof ApiError) setErrors(err.fields);
        }
      }}
    >
      <h2 id="new-task">Giao nhiệm vụ</h2>
      <ErrorBanner message={error} />
      <Field label="Tên nhiệm vụ" value={f.title} onValue={set('title')} error={errors.title} required />
      <Field label="Nội dung" multiline value={f.content} onValue={set('content')} />
      <Field label="Cuộc họp, kết luận giao nhiệm vụ" value={f.source_note} onValue={set('source_note')} error={errors.source_note} required />
      <LoadState state={unitState} label="Đang tải danh sách đơn vị…" />
      <SelectField id="task-owner" label="Đơn vị chủ trì" value={f.owner_unit_id} onValue={set('owner_unit_id')} placeholder="— Chọn đơn vị —" options={units.map((u) => [String(u.id), u.name])} error={errors.owner_unit_id} />
      <Field label="Hạn hoàn thành" type="date" value={f.due_on} onValue={set('due_on')} error={errors.due_on} required />
      <Button type="submit">Giao nhiệm vụ</Button>
    </form>
  );
}

export function TaskBoard() {
  return <WithUnit title="Nhiệm vụ được giao" wide>{(unit) => <Board unitId={unit.id} leader={unit.roles.includes('leader')} />}</WithUnit>;
}

function Board({ unitId, leader }: { unitId: number; leader: boolean }) {
  const [role, setRole] = useState(leader ? 'assigned' : 'owner');
  const board = useApi<{ items: Task[] }>(`/api/v1/tasks?unit_id=${unitId}&role=${role}&limit=200`);
  const items = board.data?.items ?? null;
  const column = (title: string, list: Task[]) => (
    <section class="task-column" aria-label={title}>
      <h2>
        {title} ({list.length})
      </h2>
      <ul class="plain-list">{list.map((t) => <TaskCard key={t.id} t={t} />)}</ul>
    </section>
  );
  const all = items ?? [];
  return (
    <>
      <SelectField id="task-role" label="Xem nhiệm vụ" value={role} onValue={setRole} options={[['owner', 'Đơn vị chủ trì'], ['cooperate', 'Đơn vị phối hợp'], ['assigned', 'Đơn vị đã giao']]} />
      <p>
        <a href={`/api/v1/tasks/stats?unit_id=${unitId}&year=${todayVn().slice(0, 4)}&month=${Number(todayVn().slice(5, 7))}&format=xlsx`}>Tải thống kê tháng này (Excel)</a>
      </p>
      <LoadState state={board} />
      {items === null ? null : (
        <div class="task-board">
          {column('Quá hạn', all.filter((t) => t.overdue))}
          {column('Đang thực hiện', all.filter((t) => t.status.key === 'open' && !t.overdue))}
          {column('Đã hoàn thành', all.filter((t) => t.status.key === 'done'))}
        </div>
      )}
      {leader && <NewTask unitId={unitId} onDone={board.reload} />}
    </>
  );
}

interface TaskDetail extends Task {
  content: string | null;
  source: { kind: string; note: string | null };
  assigned_by: { id: number; name: string };
  cooperating_units: { id: number; name: string }[];
  reports: { id: number; kind: { key: string; label: string }; unit: { name: string } | null; progress: number | null; note: string | null; by: string; at: string }[];
}

export function TaskView() {
  const { params } = useRoute();
  const { principal, loading } = useSession();
  const task = useApi<TaskDetail>(principal?.kind === 'official' ? `/api/v1/tasks/${params.id}` : null);
  const t = task.data;
  const setT = task.setData;
  const [progress, setProgress] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Nhiệm vụ" kind="official" />;
  if (!t)
    return (
      <Page title="Nhiệm vụ">
        <LoadState state={task} />
      </Page>
    );
  const send = async (path: 'reports' | 'complete' | 'reopen', body: unknown, done: string) => {
    setError('');
    try {
      setT(await post<TaskDetail>(`/api/v1/tasks/${t.id}/${path}`, body));
      setNotice(done);
      setNote('');
      setProgress('');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Page title={t.title} wide>
      {documentNav}
      <Notice message={notice} />
      <ErrorBanner message={error} />
      {/* A reload that failed (the page keeps what it showed): say so, with a retry. */}
      <LoadState state={task} />
      <dl class="facts">
        <dt>Đơn vị chủ trì</dt>
        <dd>{t.owner_unit.name}</dd>
        <dt>Đơn vị phối hợp</dt>
        <dd>{t.cooperating_units.map((u) => u.name).join(', ') || '—'}</dd>
        <dt>Giao bởi</dt>
        <dd>
          {t.assigned_by.name} ({t.assigning_unit.name}){t.source.note && ` — ${t.source.note}`}
        </dd>
        <dt>Hạn hoàn thành</dt>
        <dd>
          {formatDate(t.due_on)} {t.overdue && <span class="badge badge--overdue">Quá hạn</span>}
        </dd>
        <dt>Tiến độ</dt>
        <dd>
          {t.progress}% — {t.status.label}
          {t.timeliness && ` (${t.timeliness.label})`}
        </dd>
      </dl>
      {t.content && <p>{t.content}</p>}
      <section class="form" aria-labelledby="report-title">
        <h2 id="report-title">Báo cáo</h2>
        {t.status.key === 'open' && <Field label="Tiến độ (%)" type="number" inputMode="numeric" min="0" max="100" value={progress} onValue={setProgress} />}
        <Field label="Nội dung báo cáo, kết quả" multiline value={note} onValue={setNote} />
        <p class="actions-row">
          {t.status.key === 'open' ? (
            <>
              <button class="button button--secondary" onClick={() => send('reports', { progress: progress ? Number(progress) : undefined, note: note || undefined }, 'Đã gửi báo cáo tiến độ.')}>
                Báo cáo tiến độ
              </button>
              <button class="button" onClick={() => send('complete', { version: t.version, note }, 'Đã báo cáo hoàn thành nhiệm vụ.')}>
                Báo cáo hoàn thành
              </button>
            </>
          ) : (
            <button class="button button--secondary" onClick={() => send('reopen', { version: t.version, note }, 'Đã yêu cầu thực hiện tiếp.')}>
              Yêu cầu thực hiện tiếp
            </button>
          )}
        </p>
      </section>
      <h2>Quá trình thực hiện</h2>
      <ol class="timeline">
        {t.reports.map((r) => (
          <li key={r.id}>
            <strong>{r.kind.label}</strong>
            {r.progress !== null && ` (${r.progress}%)`} — {r.by}
            {r.unit && `, ${r.unit.name}`}, {formatDateTime(r.at)}
            {r.note && <p>{r.note}</p>}
          </li>
        ))}
      </ol>
    </Page>
  );
}
