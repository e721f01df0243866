#include "onestop/public_view_store.h"

#include <gtest/gtest.h>

namespace tinhso::onestop {
namespace {

// A view as DossierService renders it for a dossier returned after a supplement request.
const std::string kView =
    R"({"id":500001,"code":"000.00.04.H47-250516-570002","version":5,"status":"returned",)"
    R"("status_label":"Đã trả kết quả","national_status":10,"outcome":"approved","channel":"online",)"
    R"("channel_label":"Trực tuyến","procedure":{"id":3,"version_id":3,"national_code":"2.001610",)"
    R"("name":"Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên",)"
    R"("result":"Kết quả giải quyết thủ tục hành chính"},"agency":{"id":14,"name":"Sở Kế hoạch và )"
    R"(Đầu tư","code":"000.00.04.H47"},"desk":{"id":79,"name":"Trung tâm Phục vụ hành chính công )"
    R"(tỉnh","code":"000.00.21.H47"},"current_unit":null,"submitted_at":"2025-05-16T11:33:04+07:00",)"
    R"("received_at":"2025-05-16T15:26:35+07:00","due_at":"2025-05-21T11:30:00+07:00","due_text":)"
    R"("11 giờ 30 phút, ngày 21 tháng 05 năm 2025","timeline":[{"at":"2025-05-16T11:33:04+07:00",)"
    R"("action":"submit","action_label":"Nộp hồ sơ trực tuyến","status":"submitted","status_label":)"
    R"("Mới nộp, chờ tiếp nhận","unit":{"id":79,"name":"Trung tâm Phục vụ hành chính công tỉnh",)"
    R"("code":"000.00.21.H47"},"timeliness":""},{"at":"2025-05-16T15:26:35+07:00","action":)"
    R"("request_supplement","action_label":"Yêu cầu bổ sung, hoàn thiện hồ sơ","status":)"
    R"("supplement_requested","status_label":"Chờ bổ sung hồ sơ","unit":{"id":16,"name":)"
    R"("Phòng Đăng ký kinh doanh","code":"000.02.04.H47"},"timeliness":"","step_name":)"
    R"("Thẩm định hồ sơ"},{"at":"2025-05-19T16:54:44+07:00","action":"return_result",)"
    R"("action_label":"Trả kết quả","status":"returned","status_label":"Đã trả kết quả",)"
    R"("unit":null,"timeliness":""}]})";

TEST(PublicViewStore, PacksSmallAndUnpacksExactly) {
  std::string packed = pack_public_view(kView);
  EXPECT_LT(packed.size() * 3, kView.size()) << packed.size() << " of " << kView.size();
  auto back = unpack_public_view(packed);
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(*back, kView);
}

TEST(PublicViewStore, ReadsViewsStoredAsPlainJson) {
  auto back = unpack_public_view(kView);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, kView);
}

TEST(PublicViewStore, RefusesUnknownTagsAndCorruptData) {
  EXPECT_FALSE(unpack_public_view("\x07garbage").ok());
  std::string packed = pack_public_view(kView);
  EXPECT_FALSE(unpack_public_view(packed.substr(0, packed.size() / 2)).ok());
}

}  // namespace
}  // namespace tinhso::onestop
