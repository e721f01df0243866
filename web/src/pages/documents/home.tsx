// "Việc của tôi": the incoming documents assigned to me or my units, soonest deadline first,
// and the drafts awaiting my review.
import { useEffect, useState } from 'preact/hooks';
import { get, messageOf } from '../../api';
import { ErrorBanner } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { TableWrap } from '../../components/table-wrap';
import type { Assignment, Outgoing } from '../../documents';
import { formatDateTime } from '../../format';
import { useSession } from '../../session';
import { documentNav } from './common';

const urgencyLabel: Record<string, string> = { near_due: 'Sắp đến hạn', overdue: 'Quá hạn' };

export function DocumentsHome() {
  const { principal, loading } = useSession();
  const [work, setWork] = useState<Assignment[] | null>(null);
  const [awaiting, setAwaiting] = useState<Outgoing[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    if (principal?.kind !== 'official') return;
    get<{ items: Assignment[] }>('/api/v1/documents/assignments')
      .then((r) => setWork(r.items))
      .catch((e) => {
        setWork([]);
        setError(messageOf(e));
      });
    get<{ items: Outgoing[] }>('/api/v1/documents/outgoing?awaiting=me')
      .then((r) => setAwaiting(r.items))
      .catch(() => setAwaiting([]));
  }, [principal]);
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Quản lý văn bản" kind="official" />;
  return (
    <Page title="Quản lý văn bản" wide>
      {documentNav}
      <ErrorBanner message={error} />
      <h2>Văn bản chờ tôi duyệt ({awaiting.length})</h2>
      {awaiting.length === 0 ? (
        <p>Không có văn bản nào chờ duyệt.</p>
      ) : (
        <ul class="plain-list">
          {awaiting.map((d) => (
            <li key={d.id}>
              <a href={`/van-ban/di/${d.id}`}>{d.subject}</a> <span class="muted">— {d.drafted_by.name}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Văn bản được giao xử lý</h2>
      {work === null ? (
        <p role="status">Đang tải…</p>
      ) : work.length === 0 ? (
        <p role="status">Không có văn bản nào được giao.</p>
      ) : (
        <TableWrap label="Văn bản được giao">
          <table>
            <thead>
              <tr>
                <th scope="col">Văn bản</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Hạn xử lý</th>
              </tr>
            </thead>
            <tbody>
              {work.map((a) => (
                <tr key={a.id} class={a.urgency ? 'row--' + a.urgency : ''}>
                  <td>
                    <a href={`/van-ban/den/${a.document?.id ?? a.document_id}`}>{a.document?.notation}</a>
                    <br />
                    {a.document?.subject}
                  </td>
                  <td>{a.role.label}</td>
                  <td>
                    {a.due_at ? formatDateTime(a.due_at) : '—'}
                    {a.urgency && urgencyLabel[a.urgency] && <span class={'badge badge--' + a.urgency}> {urgencyLabel[a.urgency]}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Page>
  );
}
