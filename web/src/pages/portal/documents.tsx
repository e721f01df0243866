// The applicant's document store (kho giấy tờ): every paper submitted online and every
// electronic result received, to download again or to choose in a new dossier.
import { useState } from 'preact/hooks';
import { del, messageOf } from '../../api';
import { ErrorBanner, Notice } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { formatDate } from '../../format';
import { type StoreItem, fileSize } from '../../onestop';
import { useSession } from '../../session';
import { LoadState, useApi } from '../../use-load';

export function DocumentStore() {
  const { principal, loading } = useSession();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  // The item whose removal waits for a second click.
  const [removing, setRemoving] = useState<number | null>(null);
  const store = useApi<{ items: StoreItem[] }>(principal?.kind === 'applicant' ? '/api/v1/my/documents' : null);
  const items = store.data?.items;
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'applicant') return <SignInRequired title="Kho giấy tờ của tôi" kind="applicant" />;
  return (
    <Page title="Kho giấy tờ của tôi" wide>
      <p>
        Giấy tờ bạn đã nộp và kết quả điện tử bạn đã nhận được lưu tại đây. Khi nộp hồ sơ mới, bạn có thể chọn lại giấy tờ trong kho
        mà không phải tải lên lần nữa.
      </p>
      <ErrorBanner message={error} />
      <Notice message={notice} />
      <LoadState state={store} />
      {!items ? null : items.length === 0 ? (
        <p>Kho giấy tờ của bạn chưa có gì.</p>
      ) : (
        <ul class="cards">
          {items.map((it) => (
            <li class="card" key={it.id}>
              <p class="card__title">
                <strong>{it.title}</strong> <span class={it.kind === 'result' ? 'badge badge--info' : 'badge'}>{it.kind_label}</span>
                {it.signed && <span class="badge badge--ok">Có chữ ký số</span>}
              </p>
              <p class="muted">
                {it.file.name} · {fileSize(it.file.size)} · {formatDate(it.created_at)}
                {it.dossier_code ? ` · hồ sơ ${it.dossier_code}` : ''}
                {it.issued_by ? ` · ${it.issued_by}` : ''}
              </p>
              <p class="actions-row">
                <a href={`/api/v1/my/documents/${it.id}/file`} download aria-label={`Tải về: ${it.title}`}>
                  Tải về
                </a>
                {removing === it.id ? (
                  <>
                    <span>Xóa khỏi kho? Hồ sơ đã nộp vẫn giữ giấy tờ này.</span>
                    <button
                      class="link-button"
                      onClick={async () => {
                        try {
                          await del(`/api/v1/my/documents/${it.id}`);
                          setNotice(`Đã xóa "${it.title}" khỏi kho.`);
                          setRemoving(null);
                          store.reload();
                        } catch (e) {
                          setError(messageOf(e));
                        }
                      }}
                    >
                      Xác nhận xóa
                    </button>
                    <button class="link-button" onClick={() => setRemoving(null)}>
                      Không xóa
                    </button>
                  </>
                ) : (
                  <button class="link-button" aria-label={`Xóa khỏi kho: ${it.title}`} onClick={() => setRemoving(it.id)}>
                    Xóa khỏi kho
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
