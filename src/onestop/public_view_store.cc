#include "onestop/public_view_store.h"

#include "core/base/compress.h"

namespace tinhso::onestop {
namespace {

// Format tags. Never change what a tag means: rows packed with it must stay readable. A new
// dictionary gets a new tag.
constexpr char kDeflateDict1 = '\x01';

// Dictionary 1: a typical view. zlib matches the strings nearest the end best, so the most
// frequent pieces (timeline entries) come last.
constexpr std::string_view kDictionary1 =
    R"({"id":1,"code":"000.00.00.H00-260101-0001","version":1,"status":"not_received",)"
    R"("status_label":"Không được tiếp nhận","national_status":1,"outcome":"withdrawn","channel":"postal",)"
    R"("channel_label":"Qua dịch vụ bưu chính công ích","outcome":"not_received","status":"stopped",)"
    R"("status_label":"Dừng xử lý","status":"withdrawn","status_label":"Đã rút hồ sơ",)"
    R"("status":"suspended","status_label":"Tạm dừng xử lý","status":"fees_requested",)"
    R"("status_label":"Chờ thực hiện nghĩa vụ tài chính","outcome":"refused","timeliness":"late",)"
    R"("timeliness_label":"Quá hạn","timeliness":"early","timeliness_label":"Trước hạn",)"
    R"("return_method":"post","return_method_label":"Qua dịch vụ bưu chính công ích",)"
    R"("action":"withdraw","action_label":"Rút hồ sơ","action":"suspend","action_label":"Tạm dừng xử lý",)"
    R"("action":"resume","action_label":"Tiếp tục xử lý","action":"send_back",)"
    R"("action_label":"Trả lại bước trước","action":"assign","action_label":"Phân công xử lý",)"
    R"("action":"apology","action_label":"Xin lỗi và hẹn lại ngày trả kết quả","apology_due_at":)"
    R"("action":"request_fees","action_label":"Yêu cầu thực hiện nghĩa vụ tài chính","action":"pay_fees","action_label":"Ghi nhận đã nộp phí, lệ phí",)"
    R"("action":"refuse","action_label":"Từ chối giải quyết","action":"desk_refuse",)"
    R"("action_label":"Từ chối tiếp nhận","action":"desk_supplement","action_label":"Yêu cầu bổ sung trước khi tiếp nhận","action":"submit","action_label":"Nộp hồ sơ trực tuyến",)"
    R"("action":"create","action_label":"Tiếp nhận tại bộ phận một cửa","return_method":"online",)"
    R"("return_method_label":"Trực tuyến","channel":"online","channel_label":"Trực tuyến",)"
    R"("unit":{"id":1,"name":"Phòng Tư pháp","code":"000.00.00.H00"},"unit":{"id":1,)"
    R"("name":"Ủy ban nhân dân Xã ","code":"000.00.00.H00"},"unit":{"id":1,"name":"Sở )"
    R"(Tài nguyên và Môi trường","code":"000.00.00.H00"},"unit":{"id":1,"name":"Ủy ban nhân dân )"
    R"(Phường ","code":"000.00.00.H00"},"unit":{"id":1,"name":"Ủy ban nhân dân Huyện )"
    R"(","code":"000.00.00.H00"},"unit":{"id":1,"name":"Ủy ban nhân dân Thị trấn )"
    R"(","code":"000.00.00.H00"},"unit":{"id":1,"name":"Sở Tư pháp","code":"000.00.00.H00"},)"
    R"("procedure":{"id":1,"version_id":1,"national_code":"1.000000","name":"Đăng ký ",)"
    R"("result":"Kết quả giải quyết thủ tục hành chính"},"agency":{"id":1,"name":"Sở ",)"
    R"("code":"000.00.00.H00"},"desk":{"id":1,"name":"Trung tâm Phục vụ hành chính công tỉnh",)"
    R"("code":"000.00.00.H00"},"current_unit":null,"submitted_at":"2026-01-01T08:00:00+07:00",)"
    R"("received_at":"2026-01-01T08:00:00+07:00","due_at":"2026-01-01T17:00:00+07:00",)"
    R"("due_text":"17 giờ 00 phút, ngày 01 tháng 01 năm 2026","original_due_at":)"
    R"("2026-01-01T17:00:00+07:00","apology_due_at":null,"finished_at":"2026-01-01T08:00:00+07:00",)"
    R"("returned_at":"2026-01-01T08:00:00+07:00","return_method":"desk","return_method_label":)"
    R"("Tại bộ phận một cửa","timeliness":"on_time","timeliness_label":"Đúng hạn",)"
    R"("current_step":{"index":2,"name":"Trả kết quả","role":"desk_officer","count":2},)"
    R"("current_step":{"index":1,"name":"Phê duyệt, ký kết quả","role":"leader","count":3},)"
    R"("timeline":[{"at":"2026-01-01T08:00:00+07:00","action":"request_supplement",)"
    R"("action_label":"Yêu cầu bổ sung, hoàn thiện hồ sơ","status":"supplement_requested",)"
    R"("status_label":"Chờ bổ sung hồ sơ","unit":null,"timeliness":""},{"at":"2026-01-01T08:00:00)"
    R"(+07:00","action":"supply","action_label":"Bổ sung hồ sơ","status":"in_progress",)"
    R"("status_label":"Đang xử lý","timeliness":"","step_name":"Thẩm định hồ sơ"},)"
    R"({"at":"2026-01-01T08:00:00+07:00","action":"approve","action_label":)"
    R"("Phê duyệt, ký kết quả","status":"done","status_label":"Đã có kết quả, chờ trả",)"
    R"("unit":{"id":1,"name":"Trung tâm Phục vụ hành chính công tỉnh","code":"000.00.00.H00"},)"
    R"("timeliness":"on_time"},{"at":"2026-01-01T08:00:00+07:00","action":"return_result",)"
    R"("action_label":"Trả kết quả","status":"returned","status_label":"Đã trả kết quả",)"
    R"("unit":null,"timeliness":""},{"at":"2026-01-01T08:00:00+07:00","action":"submit",)"
    R"("action_label":"Nộp hồ sơ trực tuyến","status":"submitted","status_label":)"
    R"("Mới nộp, chờ tiếp nhận","unit":{"id":1,"name":"Trung tâm Phục vụ hành chính công tỉnh",)"
    R"("code":"000.00.00.H00"},"timeliness":""},{"at":"2026-01-01T08:00:00+07:00",)"
    R"("action":"receive","action_label":"Tiếp nhận hồ sơ","status":"in_progress",)"
    R"("status_label":"Đang xử lý","unit":{"id":1,"name":"Phòng ","code":"000.00.00.H00"},)"
    R"("timeliness":"","step_name":"Thẩm định hồ sơ"},{"at":"2026-01-01T08:00:00+07:00",)"
    R"("action":"forward","action_label":"Chuyển bước tiếp theo","status":"in_progress",)"
    R"("status_label":"Đang xử lý","unit":{"id":1,"name":"Sở ","code":"000.00.00.H00"},)"
    R"("timeliness":"early","step_name":"Phê duyệt, ký kết quả"}]})";

const compress::Dictionary& dictionary1() {
  static const compress::Dictionary d(kDictionary1);
  return d;
}

}  // namespace

std::string pack_public_view(std::string_view json) {
  std::string z = compress::deflate_with(json, dictionary1());
  // zlib failing to allocate is the only way to get nothing; the plain text is still a view.
  if (z.empty()) return std::string(json);
  return kDeflateDict1 + z;
}

Result<std::string> unpack_public_view(std::string_view stored) {
  if (stored.empty() || stored.front() == '{') return std::string(stored);
  if (stored.front() != kDeflateDict1) return Error::internal("public view: unknown format tag");
  return compress::inflate_with(stored.substr(1), dictionary1());
}

}  // namespace tinhso::onestop
