import { Page } from '../components/page';
import { useSession } from '../session';

export function Home() {
  const { principal } = useSession();
  return (
    <Page title="Cổng dịch vụ công">
      <p class="lead">
        Nộp hồ sơ thủ tục hành chính trực tuyến, theo dõi tiến độ giải quyết, nhận kết quả và đánh giá mức độ hài lòng.
      </p>
      <ul class="cards">
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
        {principal && (
          <li class="card">
            <h2>
              <a href="/tai-khoan">Tài khoản của tôi</a>
            </h2>
            <p>Xin chào {principal.full_name}.</p>
          </li>
        )}
      </ul>
    </Page>
  );
}
