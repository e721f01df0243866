// Help: frequently asked questions and how to reach the public service centre.
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api';
import { ErrorBanner } from '../../components/form';
import { Page } from '../../components/page';
import { type PortalContent, loadPortal } from '../../onestop';

export function Help() {
  const [content, setContent] = useState<PortalContent | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    loadPortal()
      .then(setContent)
      .catch((e) => setError(messageOf(e)));
  }, []);
  return (
    <Page title="Câu hỏi thường gặp">
      <ErrorBanner message={error} />
      {!content && !error && <p>Đang tải…</p>}
      {content && (
        <>
          <div class="faq">
            {content.faq.map((f) => (
              <details>
                <summary>{f.q}</summary>
                <p>{f.a}</p>
              </details>
            ))}
          </div>
          <section class="panel" aria-labelledby="h-contact">
            <h2 id="h-contact">Liên hệ hỗ trợ</h2>
            <p>
              Đường dây nóng: <a href={`tel:${content.hotline.replace(/[^\d+]/g, '')}`}>{content.hotline}</a>
              {content.email && (
                <>
                  {' '}
                  · Thư điện tử: <a href={`mailto:${content.email}`}>{content.email}</a>
                </>
              )}
            </p>
            <ul class="cards">
              {content.offices.map((o) => (
                <li class="card">
                  <p class="card__title">
                    <strong>{o.name}</strong>
                  </p>
                  <p>{o.address}</p>
                  {o.hours && <p class="muted">{o.hours}</p>}
                  {o.phone && <p>Điện thoại: {o.phone}</p>}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}
