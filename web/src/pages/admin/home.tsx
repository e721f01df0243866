// The administration home: where each setting lives.
import { AdminPage } from './common';

const sections = [
  ['/quan-tri/don-vi', 'Cơ cấu tổ chức', 'Cây đơn vị từ tỉnh đến xã và mã định danh cơ quan (QCVN 102:2016).'],
  ['/quan-tri/sap-xep-don-vi', 'Sắp xếp đơn vị hành chính', 'Hợp nhất, chia tách, điều chuyển, đổi mã đơn vị; chuyển hồ sơ, văn bản, nhiệm vụ đang mở sang đơn vị kế thừa.'],
  ['/quan-tri/can-bo', 'Cán bộ và phân quyền', 'Tài khoản cán bộ, vai trò tại từng đơn vị, đặt lại mật khẩu.'],
  ['/quan-tri/thu-tuc', 'Thủ tục hành chính', 'Danh mục thủ tục, quy trình nội bộ (các bước, vai trò, đơn vị, tỷ lệ thời gian), ngừng hoặc mở lại tiếp nhận.'],
  ['/quan-tri/bieu-mau', 'Biểu mẫu báo cáo', 'Thiết kế biểu mẫu: dòng, cột, cột tính tổng, dòng tổng, số liệu lấy từ hệ thống, quy tắc kiểm tra; sửa tạo phiên bản mới.'],
  ['/quan-tri/che-do-bao-cao', 'Chế độ báo cáo', 'Ban hành, sửa chế độ báo cáo định kỳ: biểu mẫu, kỳ, thời hạn gửi, đơn vị báo cáo, đơn vị nhận và các cấp duyệt.'],
  ['/quan-tri/lich', 'Lịch nghỉ lễ, Tết', 'Quyết định nghỉ lễ, nghỉ bù và ngày làm bù của từng năm.'],
  ['/quan-tri/thong-bao', 'Thông báo', 'Thư điện tử, tin nhắn và đồng bộ Cổng DVC quốc gia: trạng thái gửi, gửi lại.'],
  ['/quan-tri/token', 'Khóa truy cập API', 'Tạo và thu hồi khóa cho các hệ thống kết nối.'],
];

export function AdminHome() {
  return (
    <AdminPage title="Quản trị hệ thống">
      <ul class="cards">
        {sections.map(([href, title, text]) => (
          <li class="card">
            <h2>
              <a href={href}>{title}</a>
            </h2>
            <p>{text}</p>
          </li>
        ))}
      </ul>
    </AdminPage>
  );
}
