// The portal's home: search procedures, the most used ones, look up a dossier, where each kind
// of user goes, and the centre's news.
import { Page } from '../components/page';
import { formatDate } from '../format';
import { processingTime, usePortal } from '../onestop';
import { useSession } from '../session';
import { SearchBox } from './portal/procedures';

export function Home() {
  const { principal } = useSession();
  // The portal's lists are extras around the search: without them the page still works.
  const content = usePortal().data;
  return (
    <Page title="Cổng dịch vụ công" wide>
      <p class="lead">
        Nộp hồ sơ thủ tục hành chính trực tuyến, theo dõi tiến độ giải quyết, nhận kết quả và đánh giá mức độ hài lòng.
      </p>
      <SearchBox />
      <div class="home-grid">
        {content && content.popular.length > 0 && (
          <section class="panel" aria-labelledby="h-popular">
            <h2 id="h-popular">Thủ tục được quan tâm nhiều</h2>
            <ol class="popular">
              {content.popular.map((p) => (
                <li>
                  <a href={`/thu-tuc/${p.id}`}>{p.name}</a>
                  <span class="muted block">
                    {p.online_mode_label} · {processingTime(p)}
                  </span>
                </li>
              ))}
            </ol>
            <p>
              <a href="/thu-tuc">Xem tất cả thủ tục</a>
            </p>
          </section>
        )}
        {content && content.news.length > 0 && (
          <section class="panel" aria-labelledby="h-news">
            <h2 id="h-news">Tin tức, thông báo</h2>
            <ul class="news">
              {content.news.slice(0, 5).map((n) => (
                <li>
                  <p class="muted">{formatDate(n.date)}</p>
                  <h3>{n.title}</h3>
                  <p>{n.body}</p>
                </li>
              ))}
            </ul>
            <p>
              <a href="/hoi-dap">Câu hỏi thường gặp</a>
            </p>
          </section>
        )}
      </div>
      <ul class="cards">
        <li class="card">
          <h2>
            <a href="/thu-tuc">Thủ tục hành chính</a>
          </h2>
          <p>Tra cứu thủ tục theo lĩnh vực, cấp thực hiện; xem giấy tờ cần chuẩn bị, phí, lệ phí và thời hạn giải quyết.</p>
        </li>
        <li class="card">
          <h2>
            <a href="/tra-cuu">Tra cứu hồ sơ</a>
          </h2>
          <p>Xem tiến độ giải quyết hồ sơ bằng mã hồ sơ và số điện thoại hoặc số CCCD, không cần đăng nhập.</p>
        </li>
        <li class="card">
          <h2>
            <a href="/thong-ke">Kết quả giải quyết</a>
          </h2>
          <p>Tỷ lệ giải quyết đúng hạn, nộp trực tuyến và mức độ hài lòng của từng cơ quan.</p>
        </li>
        <li class="card">
          <h2>
            <a href="/lich">Lịch và thời hạn giải quyết</a>
          </h2>
          <p>Xem ngày âm lịch, ngày nghỉ lễ, Tết trong năm và tính ngày hẹn trả kết quả theo ngày làm việc.</p>
        </li>
        {!principal && (
          <li class="card">
            <h2>
              <a href="/cong-dan/dang-nhap">Công dân, doanh nghiệp</a>
            </h2>
            <p>Đăng nhập hoặc đăng ký tài khoản để nộp và theo dõi hồ sơ của bạn.</p>
          </li>
        )}
        {!principal && (
          <li class="card">
            <h2>
              <a href="/dang-nhap">Cán bộ, công chức</a>
            </h2>
            <p>Đăng nhập để tiếp nhận, xử lý hồ sơ và quản trị hệ thống.</p>
          </li>
        )}
        {principal?.kind === 'applicant' && (
          <li class="card">
            <h2>
              <a href="/ho-so-cua-toi">Hồ sơ của tôi</a>
            </h2>
            <p>Xin chào {principal.full_name}. Theo dõi, bổ sung hồ sơ và nhận kết quả.</p>
          </li>
        )}
        {principal?.kind === 'official' && (
          <li class="card">
            <h2>
              <a href="/can-bo/ho-so">Hồ sơ công việc</a>
            </h2>
            <p>Xin chào {principal.full_name}. Hồ sơ cần xử lý theo thứ tự hạn giải quyết.</p>
          </li>
        )}
      </ul>
    </Page>
  );
}
