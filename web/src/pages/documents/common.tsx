// Shared pieces of the document screens: the unit chooser kept in the address (?don_vi=), and
// the sign-in and no-unit messages.
import { useLocation } from 'preact-iso';
import type { ComponentChildren } from 'preact';
import { type WorkUnit, documentUnits } from '../../documents';
import { Page, SignInRequired } from '../../components/page';
import { useSession } from '../../session';

export const documentNav = (
  <nav class="actions-row" aria-label="Quản lý văn bản">
    <a href="/van-ban">Việc của tôi</a>
    <a href="/van-ban/den">Văn bản đến</a>
    <a href="/van-ban/di">Văn bản đi</a>
    <a href="/van-ban/nhiem-vu">Nhiệm vụ</a>
    <a href="/van-ban/tim-kiem">Tìm kiếm</a>
  </nav>
);

// Renders `children(unit)` for the unit chosen in ?don_vi= (default: the first the official
// works in), with a chooser when there are several.
export function WithUnit({ title, children, wide }: { title: string; wide?: boolean; children(unit: WorkUnit): ComponentChildren }) {
  const { principal, loading } = useSession();
  const { path, query, route } = useLocation();
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') return <SignInRequired title={title} kind="official" />;
  const units = documentUnits(principal);
  if (units.length === 0)
    return (
      <Page title={title}>
        <p>Tài khoản của Ông/Bà chưa được phân quyền xử lý văn bản ở đơn vị nào.</p>
      </Page>
    );
  const unit = units.find((u) => String(u.id) === query.don_vi) ?? units[0];
  return (
    <Page title={title} wide={wide}>
      {documentNav}
      {units.length > 1 && (
        <div class="field">
          <label for="doc-unit">Đơn vị</label>
          <select id="doc-unit" value={String(unit.id)} onChange={(e) => route(`${path}?don_vi=${(e.target as HTMLSelectElement).value}`)}>
            {units.map((u) => (
              <option value={String(u.id)} key={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {children(unit)}
    </Page>
  );
}
