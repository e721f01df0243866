// Help: frequently asked questions and how to reach the public service centre.
import { Page } from '../../components/page';
import { usePortal } from '../../onestop';
import { LoadState } from '../../use-load';

export function Help() {
  const portal = usePortal();
  const content = portal.data;
  return (
    <Page title="Câu hỏi thường gặp">
      <LoadState state={portal} />
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
