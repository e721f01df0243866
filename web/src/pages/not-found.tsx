import { Page } from '../components/page';

export function NotFound() {
  return (
    <Page title="Không tìm thấy trang">
      <p>Địa chỉ bạn mở không tồn tại hoặc đã được thay đổi.</p>
      <p>
        <a href="/">Về trang chủ</a>
      </p>
    </Page>
  );
}
