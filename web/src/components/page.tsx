// Page: sets the document title and, after an in-app navigation (not on the first load, where
// the skip link must stay first), moves focus to the heading so screen reader users know the
// page changed.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useEffect, useRef } from 'preact/hooks';

let firstPage = true;

export function Page({ title, children, wide }: { title: string; children: ComponentChildren; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Cổng dịch vụ công`;
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <div class={wide ? 'page page--wide' : 'page'}>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </div>
  );
}

// What a page says to someone not signed in with the kind of account it needs; the link comes
// back here after logging in.
export function SignInRequired({ title, kind }: { title: string; kind: 'official' | 'applicant' }) {
  const { url } = useLocation();
  const login = kind === 'official' ? '/dang-nhap' : '/cong-dan/dang-nhap';
  return (
    <Page title={title}>
      <p>
        Vui lòng{' '}
        <a href={`${login}?next=${encodeURIComponent(url)}`}>
          đăng nhập bằng tài khoản {kind === 'official' ? 'cán bộ' : 'công dân, doanh nghiệp'}
        </a>
        .
      </p>
    </Page>
  );
}
