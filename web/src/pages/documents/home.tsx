// "Việc của tôi": the incoming documents assigned to me or my units, soonest deadline first,
// and the drafts awaiting my review.
import { get } from '../../api';
import { Page, SignInRequired } from '../../components/page';
import { TableWrap } from '../../components/table-wrap';
import { type Assignment, type Incoming, type Outgoing, documentUnits } from '../../documents';
import { formatDateTime } from '../../format';
import { useSession } from '../../session';
import { LoadState, MoreButton, useLoad, usePaged } from '../../use-load';
import { useWords } from '../../vocabulary';
import { documentNav } from './common';

export function DocumentsHome() {
  const { principal, loading } = useSession();
  const official = principal?.kind === 'official';
  const words = useWords();
  const workState = usePaged<Assignment>(official ? '/api/v1/documents/assignments' : null);
  const awaitingState = usePaged<Outgoing>(official ? '/api/v1/documents/outgoing?awaiting=me' : null);
  // A leader's first work: incoming documents of their units waiting to be assigned.
  const led = official ? documentUnits(principal).filter((u) => u.roles.includes('leader')) : [];
  const toAssignState = useLoad(
    led.length === 0
      ? null
      : (signal) =>
          Promise.all(led.map((u) => get<{ items: Incoming[] }>(`/api/v1/documents/incoming?unit_id=${u.id}&status=registered`, signal))).then((lists) =>
            lists.flatMap((l) => l.items),
          ),
    [led.map((u) => u.id).join(',')],
  );
  const work = workState.data;
  const awaiting = awaitingState.data ?? [];
  // "50+" while the server has more than the pages shown.
  const count = (list: { hasMore: boolean }, n: number) => `${n}${list.hasMore ? '+' : ''}`;
  const toAssign = toAssignState.data ?? [];
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title="Quản lý văn bản" kind="official" />;
  return (
    <Page title="Quản lý văn bản" wide>
      {documentNav}
      {led.length > 0 && (
        <>
          <h2>Văn bản đến chờ giao xử lý ({toAssign.length})</h2>
          <LoadState state={toAssignState} />
          {!toAssignState.data ? null : toAssign.length === 0 ? (
            <p>Không có văn bản đến nào chờ giao.</p>
          ) : (
            <ul class="plain-list">
              {toAssign.map((d) => (
                <li key={d.id}>
                  <a href={`/van-ban/den/${d.id}`}>
                    {d.notation} — {d.subject}
                  </a>{' '}
                  <span class="muted">
                    ({d.issuer.name}
                    {d.urgency.key !== 'thuong' ? `, ${d.urgency.label}` : ''})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h2>Văn bản chờ tôi duyệt ({count(awaitingState, awaiting.length)})</h2>
      <LoadState state={awaitingState} />
      {!awaitingState.data ? null : awaiting.length === 0 ? (
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
      <MoreButton list={awaitingState} />
      <h2>Văn bản được giao xử lý</h2>
      <LoadState state={workState} />
      {work === null ? null : work.length === 0 ? (
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
                    {(a.urgency === 'near_due' || a.urgency === 'overdue') && <span class={'badge badge--' + a.urgency}> {words.label('urgencies', a.urgency)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <MoreButton list={workState} />
    </Page>
  );
}
