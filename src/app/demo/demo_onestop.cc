// Demo one-stop data: a catalog of common procedures of the three levels (with their papers,
// fees and internal processes, including inter-level ones), and dossiers received over the past
// year that went through the real DossierService — reception, steps, supplements, approvals,
// returns and ratings — with the clock set back to when each action happened. Timelines,
// statistics counters, audit and outbox therefore look exactly like production data.
#include "app/demo/demo_onestop.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "app/demo/names.h"
#include "core/audit/change_log.h"
#include "core/base/resources.h"
#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/identity/accounts.h"
#include "core/identity/org_tree.h"
#include "core/storage/sql.h"
#include "onestop/catalog.h"
#include "onestop/stats.h"

namespace tinhso::app::demo {
namespace {

using boost::json::array;
using boost::json::object;
using onestop::Action;
using onestop::DossierStatus;

struct ProcSpec {
  const char* code;
  const char* name;
  const char* sector_code;
  const char* sector_name;
  const char* level;        // province | district | commune
  const char* agency_code;  // province departments; "" for every unit of the level
  int days;
  int hours;
  const char* online;  // full | partial | none
  int64_t fee;
  std::vector<const char*> papers;
  // Steps: "role@unit" where unit is agency | parent | division name.
  std::vector<std::pair<const char*, double>> steps;
  double weight;  // relative frequency of dossiers
};

const std::vector<ProcSpec>& catalog() {
  static const std::vector<ProcSpec> kCatalog = {
      // Province: Sở Tư pháp
      {"2.001417",
       "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
       "TP-LLTP",
       "Lý lịch tư pháp",
       "province",
       "000.00.03.H47",
       10,
       0,
       "full",
       200000,
       {"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Bản chụp Căn cước công dân"},
       {{"specialist@Phòng Hành chính tư pháp", 0.7}, {"leader@agency", 0.3}},
       6},
      {"1.008891",
       "Cấp chứng chỉ hành nghề luật sư",
       "TP-LS",
       "Luật sư",
       "province",
       "000.00.03.H47",
       20,
       0,
       "partial",
       0,
       {"Đơn đề nghị cấp chứng chỉ hành nghề luật sư", "Giấy chứng nhận kết quả kiểm tra tập sự",
        "Giấy chứng nhận sức khỏe"},
       {{"specialist@Phòng Bổ trợ tư pháp", 0.75}, {"leader@agency", 0.25}},
       0.5},
      // Sở Kế hoạch và Đầu tư
      {"2.001610",
       "Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên",
       "KHDT-DKKD",
       "Thành lập và phát triển doanh nghiệp",
       "province",
       "000.00.04.H47",
       3,
       0,
       "full",
       50000,
       {"Giấy đề nghị đăng ký doanh nghiệp", "Điều lệ công ty", "Danh sách thành viên",
        "Bản sao giấy tờ pháp lý của các thành viên"},
       {{"specialist@Phòng Đăng ký kinh doanh", 0.7}, {"leader@agency", 0.3}},
       4},
      {"2.001583",
       "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
       "KHDT-DKKD",
       "Thành lập và phát triển doanh nghiệp",
       "province",
       "000.00.04.H47",
       3,
       0,
       "full",
       50000,
       {"Thông báo thay đổi nội dung đăng ký doanh nghiệp",
        "Nghị quyết, quyết định của chủ sở hữu"},
       {{"specialist@Phòng Đăng ký kinh doanh", 0.7}, {"leader@agency", 0.3}},
       3},
      // Sở Giao thông vận tải
      {"1.002820",
       "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
       "GTVT-DB",
       "Đường bộ",
       "province",
       "000.00.08.H47",
       5,
       0,
       "full",
       135000,
       {"Đơn đề nghị đổi giấy phép lái xe", "Giấy chứng nhận sức khỏe"},
       {{"specialist@Phòng Quản lý vận tải, phương tiện và người lái", 0.8},
        {"leader@agency", 0.2}},
       5},
      // Sở Xây dựng
      {"1.009972",
       "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II",
       "XD-HDXD",
       "Hoạt động xây dựng",
       "province",
       "000.00.09.H47",
       20,
       0,
       "partial",
       150000,
       {"Đơn đề nghị cấp giấy phép xây dựng", "Bản sao giấy tờ chứng minh quyền sử dụng đất",
        "Hai bộ bản vẽ thiết kế xây dựng"},
       {{"specialist@Phòng Quản lý hoạt động xây dựng", 0.7}, {"leader@agency", 0.3}},
       0.8},
      // Sở Tài nguyên và Môi trường
      {"1.004227",
       "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
       "TNMT-DD",
       "Đất đai",
       "province",
       "000.00.10.H47",
       10,
       0,
       "partial",
       0,
       {"Đơn đăng ký biến động đất đai", "Bản gốc Giấy chứng nhận đã cấp",
        "Hợp đồng chuyển nhượng"},
       {{"specialist@Văn phòng Đăng ký đất đai", 0.6},
        {"specialist@Phòng Quản lý đất đai", 0.2},
        {"leader@agency", 0.2}},
       3},
      // Sở Lao động - Thương binh và Xã hội
      {"1.000105",
       "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
       "LDTBXH-VL",
       "Việc làm",
       "province",
       "000.00.12.H47",
       5,
       0,
       "full",
       600000,
       {"Văn bản đề nghị cấp giấy phép lao động", "Giấy chứng nhận sức khỏe",
        "Phiếu lý lịch tư pháp", "Văn bản chứng minh nhà quản lý, chuyên gia"},
       {{"specialist@Phòng Lao động - Việc làm", 0.7}, {"leader@agency", 0.3}},
       1},
      // Sở Y tế
      {"1.001907",
       "Cấp chứng chỉ hành nghề dược",
       "YT-DUOC",
       "Dược phẩm",
       "province",
       "000.00.16.H47",
       20,
       0,
       "partial",
       500000,
       {"Đơn đề nghị cấp chứng chỉ hành nghề dược", "Bản sao văn bằng chuyên môn",
        "Giấy xác nhận thời gian thực hành"},
       {{"specialist@Phòng Nghiệp vụ Dược", 0.75}, {"leader@agency", 0.25}},
       0.8},
      // Sở Công Thương
      {"2.000620",
       "Cấp Giấy phép bán lẻ sản phẩm rượu",
       "CT-LTHH",
       "Lưu thông hàng hóa trong nước",
       "province",
       "000.00.06.H47",
       10,
       0,
       "full",
       1200000,
       {"Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm rượu",
        "Bản sao hợp đồng mua bán với nhà cung cấp"},
       {{"specialist@Phòng Quản lý thương mại", 0.7}, {"leader@agency", 0.3}},
       0.8},
      // District level
      {"2.000720",
       "Đăng ký thành lập hộ kinh doanh",
       "HKD",
       "Thành lập và hoạt động của hộ kinh doanh",
       "district",
       "",
       3,
       0,
       "full",
       100000,
       {"Giấy đề nghị đăng ký hộ kinh doanh", "Bản sao giấy tờ pháp lý của chủ hộ"},
       {{"specialist@Phòng Kinh tế và Hạ tầng", 0.7}, {"leader@agency", 0.3}},
       6},
      {"1.003003",
       "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
       "TNMT-DD",
       "Đất đai",
       "district",
       "",
       30,
       0,
       "partial",
       100000,
       {"Đơn đăng ký, cấp Giấy chứng nhận", "Giấy tờ về quyền sử dụng đất",
        "Chứng từ nghĩa vụ tài chính"},
       {{"specialist@Phòng Tài nguyên và Môi trường", 0.8}, {"leader@agency", 0.2}},
       3},
      {"1.001612",
       "Đăng ký kết hôn có yếu tố nước ngoài",
       "TP-HT",
       "Hộ tịch",
       "district",
       "",
       15,
       0,
       "partial",
       1000000,
       {"Tờ khai đăng ký kết hôn", "Giấy xác nhận tình trạng hôn nhân",
        "Giấy xác nhận sức khỏe tâm thần"},
       {{"specialist@Phòng Tư pháp", 0.7}, {"leader@agency", 0.3}},
       0.7},
      {"1.001653",
       "Cấp giấy phép xây dựng nhà ở riêng lẻ",
       "XD-HDXD",
       "Hoạt động xây dựng",
       "district",
       "",
       15,
       0,
       "full",
       75000,
       {"Đơn đề nghị cấp giấy phép xây dựng", "Bản sao giấy tờ về quyền sử dụng đất",
        "Hai bộ bản vẽ thiết kế"},
       {{"specialist@Phòng Kinh tế và Hạ tầng", 0.75}, {"leader@agency", 0.25}},
       3},
      {"1.001776",
       "Giải quyết trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội",
       "LDTBXH-BTXH",
       "Bảo trợ xã hội",
       "district",
       "",
       20,
       0,
       "partial",
       0,
       {"Tờ khai đề nghị trợ giúp xã hội", "Bản sao giấy khai sinh"},
       {{"specialist@agency_commune", 0.35},
        {"leader@agency_commune", 0.1},
        {"specialist@Phòng Lao động - Thương binh và Xã hội", 0.35},
        {"leader@agency", 0.2}},
       1.5},
      // Commune level
      {"1.001193",
       "Đăng ký khai sinh",
       "TP-HT",
       "Hộ tịch",
       "commune",
       "",
       0,
       8,
       "full",
       0,
       {"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"},
       {{"specialist@agency", 0.6}, {"leader@agency", 0.4}},
       10},
      {"1.000894",
       "Đăng ký kết hôn",
       "TP-HT",
       "Hộ tịch",
       "commune",
       "",
       0,
       8,
       "partial",
       0,
       {"Tờ khai đăng ký kết hôn", "Giấy xác nhận tình trạng hôn nhân"},
       {{"specialist@agency", 0.6}, {"leader@agency", 0.4}},
       5},
      {"1.000656",
       "Đăng ký khai tử",
       "TP-HT",
       "Hộ tịch",
       "commune",
       "",
       0,
       8,
       "full",
       0,
       {"Tờ khai đăng ký khai tử", "Giấy báo tử"},
       {{"specialist@agency", 0.6}, {"leader@agency", 0.4}},
       3},
      {"1.004873",
       "Cấp Giấy xác nhận tình trạng hôn nhân",
       "TP-HT",
       "Hộ tịch",
       "commune",
       "",
       3,
       0,
       "full",
       0,
       {"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"},
       {{"specialist@agency", 0.7}, {"leader@agency", 0.3}},
       4},
      {"1.004837",
       "Cấp bản sao trích lục hộ tịch",
       "TP-HT",
       "Hộ tịch",
       "commune",
       "",
       0,
       8,
       "full",
       8000,
       {"Tờ khai cấp bản sao trích lục hộ tịch"},
       {{"specialist@agency", 0.7}, {"leader@agency", 0.3}},
       6},
      {"2.000815",
       "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
       "TP-CT",
       "Chứng thực",
       "commune",
       "",
       0,
       4,
       "none",
       2000,
       {"Bản chính giấy tờ, văn bản", "Bản sao cần chứng thực"},
       {{"specialist@agency", 0.7}, {"leader@agency", 0.3}},
       12},
      {"2.000884",
       "Chứng thực chữ ký trong các giấy tờ, văn bản",
       "TP-CT",
       "Chứng thực",
       "commune",
       "",
       0,
       8,
       "none",
       10000,
       {"Giấy tờ, văn bản cần chứng thực chữ ký", "Căn cước công dân"},
       {{"specialist@agency", 0.7}, {"leader@agency", 0.3}},
       4},
      {"1.003583",
       "Xác nhận đơn đề nghị hỗ trợ hộ nghèo về nhà ở (liên thông xã - huyện)",
       "LDTBXH-GN",
       "Giảm nghèo",
       "commune",
       "",
       12,
       0,
       "partial",
       0,
       {"Đơn đề nghị hỗ trợ nhà ở", "Giấy tờ chứng minh hộ nghèo"},
       {{"specialist@agency", 0.4}, {"leader@agency", 0.2}, {"leader@parent", 0.4}},
       1},
  };
  return kCatalog;
}

Result<object> procedure_json_of(const ProcSpec& p) {
  array levels{p.level};
  array agencies;
  if (*p.agency_code) agencies.push_back(p.agency_code);
  array papers, fees, steps;
  for (const char* name : p.papers) {
    // "Bản sao …", "Bản chụp …" are copies; anything else is handed in as an original.
    bool copy = std::string_view(name).starts_with("Bản sao") ||
                std::string_view(name).starts_with("Bản chụp");
    papers.push_back(object{{"name", name}, {"originals", copy ? 0 : 1}, {"copies", copy ? 1 : 0}});
  }
  if (p.fee > 0) fees.push_back(object{{"name", "Lệ phí"}, {"amount", p.fee}});
  int n = 0;
  for (const auto& [spec, share] : p.steps) {
    std::string_view s(spec);
    auto at = s.find('@');
    std::string role(s.substr(0, at));
    std::string where(s.substr(at + 1));
    boost::json::value unit;
    if (where == "agency")
      unit = "agency";
    else if (where == "parent")
      unit = "agency_parent";
    else if (where == "agency_commune")
      unit = "applicant_commune";
    else
      unit = object{{"division", where}};
    std::string name = role == "leader" ? "Phê duyệt, ký kết quả" : "Thẩm định hồ sơ";
    if (where == "agency_commune")
      name = role == "leader" ? "UBND xã xác nhận" : "Công chức xã xem xét";
    if (where == "parent") name = "UBND huyện phê duyệt (liên thông)";
    steps.push_back(object{{"key", fmt::format("s{}", ++n)},
                           {"name", name},
                           {"role", role},
                           {"unit", unit},
                           {"share", share}});
  }
  object o{{"national_code", p.code},
           {"name", p.name},
           {"sector_code", p.sector_code},
           {"sector_name", p.sector_name},
           {"levels", std::move(levels)},
           {"agency_codes", std::move(agencies)},
           {"online_mode", p.online},
           {"legacy_level", std::string_view(p.online) == "full"      ? 4
                            : std::string_view(p.online) == "partial" ? 3
                                                                      : 2},
           {"processing_days", p.days},
           {"processing_hours", p.hours},
           {"fees", std::move(fees)},
           {"papers", std::move(papers)},
           {"steps", std::move(steps)},
           {"result", "Kết quả giải quyết thủ tục hành chính"},
           {"legal_basis", ""}};
  // What the national catalogue publishes for this procedure: steps, ways, conditions, the
  // papers with their originals and copies, fees with their cases, legal basis.
  static const boost::json::value details = [] {
    auto text = resources::get("resources/onestop/catalog-details.json");
    boost::system::error_code ec;
    auto v = text ? boost::json::parse(*text, ec) : boost::json::value();
    return ec ? boost::json::value() : v;
  }();
  if (details.is_object()) {
    if (const auto* d = details.as_object().at("procedures").as_object().if_contains(p.code)) {
      for (const auto& [k, v] : d->as_object()) o[k] = v;
    }
  }
  return o;
}

// What an applicant would write in a procedure's e-form: a plausible value for each field the
// demo catalogue defines (resources/onestop/catalog-details.json), by its key, else by its type.
object demo_form_data(const onestop::ProcedureDef& def, Rng& rng, const std::string& address,
                      Instant submitted) {
  object data;
  for (const auto& f : def.form) {
    if (!f.required && rng.chance(0.5)) continue;
    if (f.type == "select") {
      data[f.key] = f.options[static_cast<std::size_t>(
          rng.between(0, static_cast<int64_t>(f.options.size()) - 1))];
    } else if (f.type == "number") {
      data[f.key] = f.key == "von"       ? rng.between(5, 200) * 10'000'000
                    : f.key == "so_tang" ? rng.between(1, 5)
                                         : rng.between(1, 150);
    } else if (f.type == "date") {
      data[f.key] = format_iso_date(add_days(local_date(submitted), -rng.between(1, 55)));
    } else if (f.key == "ten_tre" || f.key == "ho_ten_me" || f.key == "ho_ten_cha") {
      data[f.key] = person_name(rng, f.key == "ho_ten_me" || rng.chance(0.5));
    } else if (f.key == "dan_toc") {
      data[f.key] = "Kinh";
    } else if (f.key == "quoc_tich") {
      data[f.key] = "Việt Nam";
    } else if (f.key == "quan_he") {
      data[f.key] = rng.chance(0.5) ? "Mẹ" : "Cha";
    } else if (f.key == "noi_sinh") {
      data[f.key] = "Bệnh viện Đa khoa tỉnh An Khang";
    } else if (f.key == "muc_dich") {
      data[f.key] = rng.chance(0.5) ? "Bổ sung hồ sơ xin việc" : "Du học";
    } else if (f.key == "thua_dat" || f.key == "to_ban_do") {
      data[f.key] = std::to_string(rng.between(1, 400));
    } else if (f.key == "ten_ho_kinh_doanh") {
      data[f.key] = "Hộ kinh doanh " + person_name(rng, rng.chance(0.5));
    } else if (f.key == "nganh_nghe") {
      data[f.key] = rng.chance(0.5) ? "Bán lẻ tạp hóa" : "Dịch vụ ăn uống";
    } else {
      data[f.key] = address;  // addresses: of the applicant, as most declarations are
    }
  }
  return data;
}

// A one-page PDF standing for a scanned paper.
constexpr std::string_view kDemoPdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count "
    "1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 "
    "R>>\n%%EOF\n";

struct Officials {
  std::vector<identity::Principal> all;
  // The first official satisfying a requirement (deterministic), searched by unit lineage.
  const identity::Principal* find(const onestop::Requirement& r, const onestop::Dossier& d,
                                  const identity::Authorizer& authz, Rng& rng) const {
    std::vector<const identity::Principal*> ok;
    for (const auto& p : all) {
      // Administrators may do everything, but dossiers are handled by the people on duty.
      bool admin = std::any_of(p.grants.begin(), p.grants.end(), [](const identity::Grant& g) {
        return g.role == identity::Role::kSystemAdmin || g.role == identity::Role::kUnitAdmin;
      });
      if (admin) continue;
      if (onestop::satisfies(r, p, d, authz)) ok.push_back(&p);
      if (ok.size() >= 4) break;
    }
    if (ok.empty()) return nullptr;
    return ok[static_cast<std::size_t>(rng.between(0, static_cast<int64_t>(ok.size()) - 1))];
  }
};

audit::Actor actor_of(const identity::Principal& p) {
  audit::Actor a;
  a.kind = p.is_applicant() ? "applicant" : "official";
  a.id = p.id;
  a.name = p.full_name;
  return a;
}

// Next working instant at least `seconds` of working time after `t`, with a random minute.
Instant later(const calendar::WorkingCalendar& cal, Instant t, int64_t seconds) {
  return cal.add_working_seconds(t, std::max<int64_t>(60, seconds));
}

// Families of procedures patterned on the national catalog: a sector, the department that
// performs its provincial procedures (and the division that reviews), and the objects its
// procedures are about. Each object yields the usual set of procedures (grant, re-grant,
// amend, extend, revoke …) at the levels the sector works at.
struct Family {
  const char* sector_code;
  const char* sector_name;
  const char* department;  // agency code of the provincial department
  const char* division;    // reviewing division at the department
  bool district, commune;  // also performed at these levels (by the people's committees)
  std::vector<const char*> objects;
};

const std::vector<Family>& families() {
  static const std::vector<Family> kFamilies = {
      {"TP-HT",
       "Hộ tịch",
       "000.00.03.H47",
       "Phòng Hành chính tư pháp",
       true,
       true,
       {"giấy xác nhận tình trạng hôn nhân", "trích lục hộ tịch",
        "việc thay đổi, cải chính hộ tịch", "việc giám hộ", "việc nhận cha, mẹ, con",
        "việc nuôi con nuôi"}},
      {"TP-CT",
       "Chứng thực",
       "000.00.03.H47",
       "Phòng Bổ trợ tư pháp",
       true,
       true,
       {"bản sao từ bản chính", "chữ ký người dịch", "hợp đồng, giao dịch",
        "văn bản thỏa thuận phân chia di sản"}},
      {"TP-BTTP",
       "Bổ trợ tư pháp",
       "000.00.03.H47",
       "Phòng Bổ trợ tư pháp",
       false,
       false,
       {"thẻ công chứng viên", "giấy đăng ký hoạt động văn phòng công chứng",
        "chứng chỉ hành nghề đấu giá", "giấy đăng ký hoạt động tổ chức hành nghề luật sư",
        "thẻ giám định viên tư pháp", "giấy phép thành lập trung tâm trọng tài"}},
      {"KHDT-DT",
       "Đầu tư tại Việt Nam",
       "000.00.04.H47",
       "Phòng Đấu thầu, thẩm định",
       false,
       false,
       {"giấy chứng nhận đăng ký đầu tư", "quyết định chủ trương đầu tư",
        "dự án đầu tư theo phương thức đối tác công tư",
        "văn phòng điều hành của nhà đầu tư nước ngoài"}},
      {"KHDT-DKKD",
       "Thành lập và phát triển doanh nghiệp",
       "000.00.04.H47",
       "Phòng Đăng ký kinh doanh",
       false,
       false,
       {"doanh nghiệp tư nhân", "công ty cổ phần", "chi nhánh, văn phòng đại diện",
        "địa điểm kinh doanh", "hộ kinh doanh", "hợp tác xã"}},
      {"TC-GCS",
       "Quản lý công sản",
       "000.00.05.H47",
       "Phòng Quản lý giá và công sản",
       false,
       false,
       {"tài sản công tại cơ quan nhà nước", "phương án sắp xếp lại nhà, đất",
        "giá tài sản nhà nước"}},
      {"CT-TM",
       "Thương mại",
       "000.00.06.H47",
       "Phòng Quản lý thương mại",
       false,
       false,
       {"giấy phép kinh doanh bán lẻ", "giấy phép bán buôn sản phẩm thuốc lá",
        "giấy chứng nhận đủ điều kiện kinh doanh xăng dầu", "giấy phép sản xuất rượu thủ công",
        "giấy xác nhận đăng ký tổ chức hội chợ, triển lãm", "giấy phép kinh doanh LPG"}},
      {"CT-NL",
       "Điện và năng lượng",
       "000.00.06.H47",
       "Phòng Quản lý năng lượng",
       false,
       false,
       {"giấy phép hoạt động điện lực", "thẻ an toàn điện",
        "giấy phép tư vấn giám sát công trình điện"}},
      {"NN-TL",
       "Thủy lợi",
       "000.00.07.H47",
       "Chi cục Thủy lợi",
       true,
       false,
       {"giấy phép xả nước thải vào công trình thủy lợi",
        "giấy phép hoạt động trong phạm vi bảo vệ công trình thủy lợi",
        "phương án bảo vệ công trình thủy lợi"}},
      {"NN-TY",
       "Thú y",
       "000.00.07.H47",
       "Phòng Kế hoạch - Tài chính",
       true,
       false,
       {"giấy chứng nhận cơ sở an toàn dịch bệnh động vật", "chứng chỉ hành nghề thú y",
        "giấy chứng nhận kiểm dịch động vật"}},
      {"GTVT-DB",
       "Đường bộ",
       "000.00.08.H47",
       "Phòng Quản lý vận tải, phương tiện và người lái",
       false,
       false,
       {"giấy phép lái xe", "giấy phép kinh doanh vận tải bằng xe ô tô",
        "phù hiệu xe ô tô kinh doanh vận tải", "giấy phép xe tập lái",
        "giấy phép thi công công trình trên đường bộ", "giấy phép lưu hành xe quá tải trọng"}},
      {"GTVT-DTND",
       "Đường thủy nội địa",
       "000.00.08.H47",
       "Phòng Quản lý kết cấu hạ tầng giao thông",
       true,
       false,
       {"giấy chứng nhận đăng ký phương tiện thủy nội địa", "bến thủy nội địa",
        "giấy phép hoạt động bến khách ngang sông"}},
      {"XD-HDXD",
       "Hoạt động xây dựng",
       "000.00.09.H47",
       "Phòng Quản lý hoạt động xây dựng",
       true,
       false,
       {"giấy phép xây dựng công trình", "chứng chỉ hành nghề hoạt động xây dựng",
        "chứng chỉ năng lực hoạt động xây dựng", "giấy phép di dời công trình",
        "thẩm định báo cáo nghiên cứu khả thi"}},
      {"XD-NO",
       "Nhà ở và bất động sản",
       "000.00.09.H47",
       "Phòng Quản lý nhà và thị trường bất động sản",
       true,
       false,
       {"giấy chứng nhận nhà ở xã hội", "chứng chỉ hành nghề môi giới bất động sản",
        "hợp đồng thuê nhà ở công vụ"}},
      {"TNMT-DD",
       "Đất đai",
       "000.00.10.H47",
       "Phòng Quản lý đất đai",
       true,
       true,
       {"giấy chứng nhận quyền sử dụng đất", "việc chuyển mục đích sử dụng đất",
        "việc gia hạn sử dụng đất", "việc tách thửa, hợp thửa đất",
        "việc đính chính giấy chứng nhận", "việc đăng ký thế chấp quyền sử dụng đất"}},
      {"TNMT-MT",
       "Môi trường",
       "000.00.10.H47",
       "Chi cục Bảo vệ môi trường",
       true,
       false,
       {"giấy phép môi trường", "báo cáo đánh giá tác động môi trường",
        "kế hoạch bảo vệ môi trường", "giấy phép xử lý chất thải nguy hại"}},
      {"TNMT-TNN",
       "Tài nguyên nước",
       "000.00.10.H47",
       "Văn phòng Đăng ký đất đai",
       false,
       false,
       {"giấy phép khai thác nước mặt", "giấy phép thăm dò nước dưới đất",
        "giấy phép xả nước thải vào nguồn nước"}},
      {"TTTT-BCVT",
       "Bưu chính, viễn thông và báo chí",
       "000.00.11.H47",
       "Phòng Công nghệ thông tin",
       false,
       false,
       {"giấy phép bưu chính", "giấy phép xuất bản bản tin", "giấy phép hoạt động in",
        "giấy phép thiết lập trang thông tin điện tử tổng hợp"}},
      {"LDTBXH-VL",
       "Việc làm và lao động",
       "000.00.12.H47",
       "Phòng Lao động - Việc làm",
       true,
       false,
       {"giấy phép lao động cho người nước ngoài", "giấy phép hoạt động dịch vụ việc làm",
        "giấy phép cho thuê lại lao động", "trợ cấp thất nghiệp"}},
      {"LDTBXH-NCC",
       "Người có công",
       "000.00.12.H47",
       "Phòng Người có công",
       true,
       true,
       {"trợ cấp ưu đãi người có công", "giấy chứng nhận thân nhân liệt sĩ",
        "trợ cấp thờ cúng liệt sĩ", "chế độ điều dưỡng phục hồi sức khỏe"}},
      {"VHTTDL-VH",
       "Văn hóa",
       "000.00.13.H47",
       "Phòng Quản lý văn hóa",
       true,
       false,
       {"giấy phép tổ chức lễ hội", "giấy phép tổ chức biểu diễn nghệ thuật",
        "giấy phép kinh doanh karaoke", "giấy phép triển lãm mỹ thuật",
        "giấy phép lưu hành bản ghi âm, ghi hình"}},
      {"VHTTDL-DL",
       "Du lịch",
       "000.00.13.H47",
       "Phòng Quản lý du lịch",
       false,
       false,
       {"giấy phép kinh doanh dịch vụ lữ hành nội địa", "thẻ hướng dẫn viên du lịch",
        "quyết định công nhận hạng cơ sở lưu trú"}},
      {"KHCN-TDC",
       "Tiêu chuẩn, đo lường, chất lượng",
       "000.00.14.H47",
       "Chi cục Tiêu chuẩn Đo lường Chất lượng",
       false,
       false,
       {"giấy chứng nhận đăng ký hoạt động thử nghiệm", "chứng chỉ kiểm định viên đo lường",
        "giấy xác nhận đăng ký chuyển giao công nghệ"}},
      {"GDDT-GD",
       "Giáo dục và đào tạo",
       "000.00.15.H47",
       "Phòng Giáo dục trung học",
       true,
       false,
       {"quyết định thành lập trường trung học", "văn bằng, chứng chỉ",
        "bản sao văn bằng từ sổ gốc", "giấy phép hoạt động giáo dục kỹ năng sống",
        "quyết định cho phép dạy thêm, học thêm"}},
      {"YT-KCB",
       "Khám bệnh, chữa bệnh",
       "000.00.16.H47",
       "Phòng Nghiệp vụ Y",
       false,
       false,
       {"giấy phép hoạt động phòng khám", "chứng chỉ hành nghề khám bệnh, chữa bệnh",
        "giấy phép hoạt động cơ sở dịch vụ y tế",
        "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"}},
      {"YT-DUOC",
       "Dược phẩm",
       "000.00.16.H47",
       "Phòng Nghiệp vụ Dược",
       false,
       false,
       {"giấy chứng nhận đủ điều kiện kinh doanh dược", "chứng chỉ hành nghề dược",
        "giấy xác nhận nội dung quảng cáo thuốc"}},
      {"NGV-LS",
       "Lãnh sự",
       "000.00.19.H47",
       "Phòng Lãnh sự",
       false,
       false,
       {"hộ chiếu công vụ", "việc tổ chức hội nghị, hội thảo quốc tế",
        "việc cho phép sử dụng thẻ ABTC"}},
      {"BQL-KCN",
       "Khu công nghiệp",
       "000.00.20.H47",
       "Phòng Quản lý doanh nghiệp",
       false,
       false,
       {"giấy phép lao động trong khu công nghiệp", "giấy chứng nhận xuất xứ hàng hóa",
        "giấy phép xây dựng trong khu công nghiệp"}},
      {"NV-TG",
       "Tôn giáo",
       "000.00.02.H47",
       "Phòng Tổ chức, biên chế",
       true,
       true,
       {"việc đăng ký sinh hoạt tôn giáo tập trung", "việc tổ chức cuộc lễ ngoài cơ sở tôn giáo",
        "việc đăng ký người được phong phẩm"}},
      {"NV-TDKT",
       "Thi đua, khen thưởng",
       "000.00.02.H47",
       "Phòng Cải cách hành chính",
       true,
       true,
       {"bằng khen của Chủ tịch UBND tỉnh", "danh hiệu chiến sĩ thi đua", "giấy khen",
        "danh hiệu tập thể lao động tiên tiến"}},
  };
  return kFamilies;
}

struct Verb {
  const char* prefix;
  double days_factor;
};
constexpr Verb kVerbs[] = {{"Cấp", 1.0},        {"Cấp lại", 0.6},  {"Cấp đổi", 0.6},
                           {"Điều chỉnh", 0.8}, {"Gia hạn", 0.5},  {"Thu hồi", 0.8},
                           {"Xác nhận", 0.5},   {"Đăng ký", 0.8},  {"Thẩm định hồ sơ", 1.2},
                           {"Công nhận", 1.0},  {"Chấm dứt", 0.5}, {"Tạm ngừng", 0.5}};

// About 1,900 procedures: every family × object × verb, at the levels the family works at.
std::vector<boost::json::object> generated_catalog(Rng& rng) {
  std::vector<boost::json::object> out;
  int n = 0;
  for (const auto& f : families()) {
    for (const char* obj : f.objects) {
      for (const auto& v : kVerbs) {
        std::vector<const char*> levels = {"province"};
        if (f.district) levels.push_back("district");
        if (f.commune) levels.push_back("commune");
        for (const char* level : levels) {
          ++n;
          std::string lv(level);
          int days = static_cast<int>(std::max(1.0, (lv == "province"   ? 15
                                                     : lv == "district" ? 10
                                                                        : 5) *
                                                        v.days_factor * (0.5 + rng.unit())));
          double u = rng.unit();
          const char* online = u < 0.45 ? "full" : u < 0.85 ? "partial" : "none";
          array steps;
          if (lv == "province") {
            steps.push_back(object{{"key", "review"},
                                   {"name", "Thẩm định hồ sơ"},
                                   {"role", "specialist"},
                                   {"unit", object{{"division", f.division}}},
                                   {"share", 0.7}});
          } else if (lv == "district") {
            steps.push_back(object{{"key", "review"},
                                   {"name", "Thẩm định hồ sơ"},
                                   {"role", "specialist"},
                                   {"unit", object{{"division", "Phòng Tư pháp"}}},
                                   {"share", 0.7}});
          } else {
            steps.push_back(object{{"key", "review"},
                                   {"name", "Công chức xem xét"},
                                   {"role", "specialist"},
                                   {"unit", "agency"},
                                   {"share", 0.7}});
          }
          steps.push_back(object{{"key", "approve"},
                                 {"name", "Phê duyệt, ký kết quả"},
                                 {"role", "leader"},
                                 {"unit", "agency"},
                                 {"share", 0.3}});
          array agencies;
          if (lv == "province") agencies.push_back(f.department);
          int64_t fee = rng.chance(0.5) ? 0 : rng.between(1, 40) * 25000;
          array fees;
          if (fee > 0) fees.push_back(object{{"name", "Lệ phí"}, {"amount", fee}});
          std::string name = fmt::format("{} {}", v.prefix, obj);
          if (lv == "district") name += " (cấp huyện)";
          if (lv == "commune") name += " (cấp xã)";
          // Codes above 1.100000 keep clear of the real codes of the hand-written procedures.
          out.push_back(object{
              {"national_code", fmt::format("{}.{:06}",
                                            lv == "province"   ? 1
                                            : lv == "district" ? 2
                                                               : 3,
                                            100000 + n)},
              {"name", name},
              {"sector_code", f.sector_code},
              {"sector_name", f.sector_name},
              {"levels", array{level}},
              {"agency_codes", std::move(agencies)},
              {"online_mode", online},
              {"legacy_level", std::string_view(online) == "full"      ? 4
                               : std::string_view(online) == "partial" ? 3
                                                                       : 2},
              {"processing_days", days},
              {"fees", std::move(fees)},
              {"papers",
               array{object{{"name", fmt::format("Đơn đề nghị {} {}", text::lower(v.prefix), obj)}},
                     object{{"name", "Giấy tờ chứng minh theo quy định"},
                            {"copies", 1},
                            {"originals", 0}}}},
              {"steps", std::move(steps)},
              {"result", "Văn bản giải quyết thủ tục hành chính"},
              {"legal_basis", "Theo quy định của pháp luật chuyên ngành"}});
        }
      }
    }
  }
  return out;
}

// Copies closed dossiers (with their timelines and ratings) into earlier years, with codes of
// their new day; used to reach millions of dossiers in minutes rather than running each one
// through the service. Only finished dossiers are copied, so no copy is open in the past.
Result<int> clone_dossiers(Services& s, int wanted, int years) {
  struct Template {
    int64_t id = 0;
    std::string agency_code;
    int64_t seq = 0;
    int64_t submitted_at = 0;
  };
  std::vector<Template> templates;
  TS_TRY(s.db.read([&](storage::Tx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT d.id, u.code, d.submitted_at, d.code FROM dossiers d "
                            "JOIN units u ON u.id = d.agency_unit_id WHERE d.closed_at IS NOT NULL "
                            "ORDER BY d.id"));
    for (const auto& r : rows) {
      std::string code = r.str(3);
      templates.push_back(
          {r.i64(0), r.str(1), std::stoll(code.substr(code.rfind('-') + 1)), r.i64(2)});
    }
    return ok_status();
  }));
  if (templates.empty()) return 0;
  const std::string cols =
      "procedure_id, procedure_version_id, agency_unit_id, desk_unit_id, channel, status, outcome, "
      "applicant_account_id, "
      "applicant_kind, applicant_name, applicant_id_number, applicant_tax_code, applicant_address, "
      "applicant_commune_unit_id, applicant_phone, applicant_email, applicant_folded, form_data, "
      "papers_received, "
      "sets_count, received_by, paused_seconds, return_method, timeliness, processing_seconds, "
      "current_step, "
      "current_unit_id, current_assignee_id, fee_amount, fee_paid_online, result_file_id, "
      "result_note, "
      "supplement_count, version";
  const std::string shifted =
      "submitted_at, received_at, counting_start, due_at, original_due_at, apology_due_at, "
      "paused_since, finished_at, "
      "returned_at, closed_at, step_started_at, step_due_at, fee_paid_at, rated_at, synced_at, "
      "created_at, updated_at";
  std::string shifted_select;
  for (auto part : text::split(shifted, ',')) {
    std::string c(text::trim(part));
    shifted_select += (shifted_select.empty() ? "" : ", ") + c + " + $2";
  }
  const std::string insert_dossier = "INSERT INTO dossiers (code, " + cols + ", " + shifted +
                                     ") SELECT $1, " + cols + ", " + shifted_select +
                                     " FROM dossiers WHERE id = $3 RETURNING id";
  const std::string insert_events =
      "INSERT INTO dossier_events (dossier_id, at, action, status_from, status_to, step_from, "
      "step_to, unit_from, "
      "unit_to, actor_kind, actor_id, actor_name, assignee_to, step_due_at, timeliness, note, "
      "data) SELECT $1, at + $2, "
      "action, status_from, status_to, step_from, step_to, unit_from, unit_to, actor_kind, "
      "actor_id, actor_name, "
      "assignee_to, step_due_at + $2, timeliness, note, data FROM dossier_events WHERE dossier_id "
      "= $3 ORDER BY id";
  const std::string insert_ratings =
      "INSERT INTO dossier_ratings (dossier_id, agency_unit_id, rated_at, answers, satisfied, "
      "comment) SELECT $1, "
      "agency_unit_id, rated_at + $2, answers, satisfied, comment FROM dossier_ratings WHERE "
      "dossier_id = $3";
  // Secondary indexes are dropped for the copy and built again afterwards: sorting once is far
  // cheaper than millions of random B-tree inserts once the table outgrows the page cache. The
  // timeline's index by dossier stays: the copy reads through it, and new ids only append.
  std::vector<std::string> index_sql;
  TS_TRY(s.db.write([&](storage::Tx& tx) -> Status {
    const char* list =
        tx.is_postgres()
            ? "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('dossiers', "
              "'dossier_events') "
              "AND indexdef NOT LIKE 'CREATE UNIQUE%' AND indexname <> 'dossier_events_dossier'"
            : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
              "('dossiers', 'dossier_events') "
              "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND name <> "
              "'dossier_events_dossier'";
    TS_ASSIGN_OR_RETURN(auto rows, tx.query(list));
    for (const auto& r : rows) {
      index_sql.push_back(r.str(1));
      // The name comes from the catalog, not from input.
      TS_TRY(tx.exec("DROP INDEX " + r.str(0)));
    }
    return ok_status();
  }));
  int made = 0;
  const int per_batch = 2000;
  for (int64_t c = 0; made < wanted; ++c) {
    // Copy c goes (c mod years) + 1 years back (whole weeks, so weekdays stay), and its
    // sequence numbers are widened past those of the copies before it on the same day.
    int64_t back_days = 364 * (c % years + 1);
    int64_t shift_ms = -back_days * 86400 * 1000;
    int64_t seq_offset = 10000 * (c / years + 1);
    std::size_t start = 0;
    while (start < templates.size() && made < wanted) {
      std::size_t end = std::min(templates.size(), start + per_batch);
      auto st = s.db.write([&](storage::Tx& tx) -> Status {
        for (std::size_t i = start; i < end && made < wanted; ++i) {
          const Template& t = templates[i];
          Date day = local_date(from_millis(t.submitted_at + shift_ms));
          std::string new_code =
              fmt::format("{}-{:02}{:02}{:02}-{:04}", t.agency_code,
                          static_cast<int>(day.year()) % 100, static_cast<unsigned>(day.month()),
                          static_cast<unsigned>(day.day()), t.seq + seq_offset);
          TS_ASSIGN_OR_RETURN(auto id, tx.query(insert_dossier, {new_code, shift_ms, t.id}));
          int64_t new_id = id.front().i64(0);
          TS_TRY(tx.exec(insert_events, {new_id, shift_ms, t.id}));
          TS_TRY(tx.exec(insert_ratings, {new_id, shift_ms, t.id}));
          ++made;
        }
        return ok_status();
      });
      TS_TRY(st);
      start = end;
      if (made % 100000 < per_batch) {
        std::printf("Demo: %d dossiers copied\n", made);
        std::fflush(stdout);
      }
    }
  }
  TS_TRY(s.db.write([&](storage::Tx& tx) -> Status {
    for (const auto& sql : index_sql) TS_TRY(tx.exec(sql));
    return ok_status();
  }));
  return made;
}

}  // namespace

Result<OneStopDemo> build_onestop_demo(App& app, const OneStopDemoOptions& o) {
  Services& s = app.services();
  onestop::OneStop& m = app.onestop();
  OneStopDemo out;
  // 1. The catalog.
  std::vector<onestop::ProcedureDef> defs;
  for (const auto& p : catalog()) {
    TS_ASSIGN_OR_RETURN(auto j, procedure_json_of(p));
    auto def = onestop::parse_procedure(j);
    if (!def.ok())
      return Error::internal(fmt::format("demo procedure {}: {}", p.code, def.error().describe()));
    defs.push_back(std::move(*def));
  }
  {
    Rng catalog_rng(o.seed ^ 0x63617461ull);
    for (auto& j : generated_catalog(catalog_rng)) {
      auto def = onestop::parse_procedure(j);
      if (!def.ok()) {
        return Error::internal(fmt::format("demo procedure {}: {}",
                                           std::string(j.at("name").as_string()),
                                           def.error().describe()));
      }
      defs.push_back(std::move(*def));
    }
  }
  TS_ASSIGN_OR_RETURN(
      auto imported,
      s.changes.apply(audit::Actor::system("Dữ liệu mẫu (tinhso demo)"),
                      [&](audit::ChangeTx& tx) { return onestop::import_catalog(tx, defs); }));
  out.procedures = imported.created;
  if (o.dossiers <= 0) return out;

  // 2. Citizens who submit online: applicant accounts with the demo password.
  TS_TRY(s.changes.apply(
      audit::Actor::system("Dữ liệu mẫu (tinhso demo)"), [&](audit::ChangeTx& tx) -> Status {
        TS_ASSIGN_OR_RETURN(
            auto hash, tx.sql().query("SELECT password_hash FROM applicants ORDER BY id LIMIT 1"));
        if (hash.empty()) return Error::internal("demo applicants missing");
        TS_ASSIGN_OR_RETURN(
            auto existing,
            tx.sql().query("SELECT count(*) FROM applicants WHERE phone LIKE '0971%'"));
        if (existing.front().i64(0) > 0) {
          tx.mark_unchanged();
          return ok_status();  // a previous run created them
        }
        Rng names(o.seed ^ 0x6369746bull);
        for (int k = 0; k < o.citizens; ++k) {
          std::string name = person_name(names, names.chance(0.5));
          std::string phone = fmt::format("097{:07}", 1000000 + k);
          TS_ASSIGN_OR_RETURN(auto rows,
                              tx.sql().query("INSERT INTO applicants (kind, full_name, phone, "
                                             "email, id_number, tax_code, address, password_hash, "
                                             "created_at, updated_at) VALUES ('citizen', $1, $2, "
                                             "NULL, $3, NULL, NULL, $4, $5, $5) RETURNING id",
                                             {name, phone, fmt::format("047{:09}", 100000000 + k),
                                              hash.front().str(0), tx.now_ms()}));
          TS_TRY(tx.record("applicant.create", "applicant", rows.front().i64(0),
                           object{{"kind", "citizen"}, {"full_name", name}, {"phone", phone}}));
        }
        return ok_status();
      }));

  // 3. Who can act: every official and every applicant account.
  Officials officials;
  std::vector<identity::Principal> applicants;
  std::vector<onestop::ProcedureSummary> procs;
  TS_TRY(s.db.read([&](storage::Tx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto ids,
                        tx.query("SELECT id FROM officials WHERE active = 1 ORDER BY id"));
    for (const auto& r : ids) {
      TS_ASSIGN_OR_RETURN(
          auto p, identity::load_principal(tx, identity::PrincipalKind::kOfficial, r.i64(0)));
      if (p) officials.all.push_back(std::move(*p));
    }
    TS_ASSIGN_OR_RETURN(auto aids, tx.query("SELECT id FROM applicants ORDER BY id"));
    for (const auto& r : aids) {
      TS_ASSIGN_OR_RETURN(
          auto p, identity::load_principal(tx, identity::PrincipalKind::kApplicant, r.i64(0)));
      if (p) applicants.push_back(std::move(*p));
    }
    for (const auto& spec : catalog()) {
      TS_ASSIGN_OR_RETURN(auto p, onestop::find_procedure(tx, spec.code));
      if (p) procs.push_back(*p);
    }
    return ok_status();
  }));
  if (procs.size() != catalog().size())
    return Error::internal("demo procedures missing after import");

  auto org = s.org.get();
  auto cal = s.calendar.get();
  Rng rng(o.seed ^ 0x6f6e6573746f70ull);
  double total_weight = 0;
  for (const auto& p : catalog()) total_weight += p.weight;
  const Instant real_now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const std::chrono::milliseconds saved_offset = s.clock.offset();
  auto at = [&](Instant t) {
    s.clock.set_offset(std::chrono::duration_cast<std::chrono::milliseconds>(t - real_now));
  };
  std::vector<int64_t> communes;
  for (std::vector<int64_t> todo = org->roots(); !todo.empty();) {
    int64_t id = todo.back();
    todo.pop_back();
    const auto* u = org->find(id);
    if (u != nullptr && u->level == identity::UnitLevel::kCommune) communes.push_back(id);
    for (int64_t c : org->children(id)) todo.push_back(c);
  }
  std::sort(communes.begin(), communes.end());

  const int through_service = std::min(o.dossiers, o.templates);
  for (int i = 0; i < through_service; ++i) {
    // Pick a procedure by weight.
    double pick = rng.unit() * total_weight;
    std::size_t pi = 0;
    for (; pi + 1 < catalog().size(); ++pi) {
      pick -= catalog()[pi].weight;
      if (pick < 0) break;
    }
    const auto& spec = catalog()[pi];
    const auto& proc = procs[pi];
    auto def = m.procedures().cached(proc.current_version_id);
    if (!def) {
      TS_ASSIGN_OR_RETURN(def, s.db.read([&](storage::Tx& tx) {
        return m.procedures().version(tx, proc.current_version_id);
      }));
    }
    auto agencies = onestop::agencies_for(*def, *org);
    if (agencies.empty()) continue;
    int64_t agency = agencies[static_cast<std::size_t>(
        rng.between(0, static_cast<int64_t>(agencies.size()) - 1))];

    // Submitted within the past year, during the day; recent ones are still in progress.
    int64_t days_ago = rng.between(0, o.days - 1);
    Instant submitted = local_instant(add_days(local_date(real_now), static_cast<int>(-days_ago)),
                                      static_cast<int>(rng.between(7 * 60 + 30, 20 * 60)));
    if (submitted > real_now) submitted = real_now - std::chrono::minutes(rng.between(5, 600));
    bool online = std::string_view(spec.online) != "none" &&
                  rng.chance(std::string_view(spec.online) == "full" ? 0.6 : 0.3);
    onestop::Submission sub;
    sub.procedure_id = proc.id;
    sub.agency_unit_id = agency;
    sub.channel = online ? "online" : (rng.chance(0.03) ? "postal" : "desk");
    bool female = rng.chance(0.5);
    // Online dossiers come from applicant accounts (citizens sign in to submit).
    const identity::Principal* applicant =
        online ? &applicants[static_cast<std::size_t>(
                     rng.between(0, static_cast<int64_t>(applicants.size()) - 1))]
               : nullptr;
    sub.applicant_name = applicant ? applicant->full_name : person_name(rng, female);
    sub.applicant_kind =
        applicant && applicant->full_name.starts_with("Công ty") ? "business" : "citizen";
    sub.phone = fmt::format("09{:08}", rng.between(0, 99999999));
    sub.id_number = fmt::format("047{:09}", rng.between(0, 999999999));
    const auto* au = org->find(agency);
    if (au != nullptr && au->level == identity::UnitLevel::kCommune) {
      sub.applicant_commune_unit_id = agency;
    } else if (!communes.empty()) {
      int64_t c = communes[static_cast<std::size_t>(
          rng.between(0, static_cast<int64_t>(communes.size()) - 1))];
      if (au != nullptr && au->level == identity::UnitLevel::kDistrict) {
        for (int64_t child : org->children(agency)) {
          const auto* cu = org->find(child);
          if (cu && cu->level == identity::UnitLevel::kCommune) {
            c = child;
            if (rng.chance(0.3)) break;
          }
        }
      }
      sub.applicant_commune_unit_id = c;
    }
    const auto* cu =
        sub.applicant_commune_unit_id ? org->find(*sub.applicant_commune_unit_id) : nullptr;
    sub.address = fmt::format(
        "Thôn {}, {}", rng.between(1, 12),
        cu ? cu->name.substr(cu->name.find("Xã") != std::string::npos ? cu->name.find("Xã") : 0)
           : std::string("tỉnh An Khang"));
    sub.form_data = demo_form_data(*def, rng, sub.address.value_or(""), submitted);
    at(submitted);
    Result<onestop::Dossier> created = Error::internal("unset");
    if (online) {
      const auto& who = *applicant;
      sub.applicant_name = who.full_name;
      // Each paper is uploaded by the applicant first, as the portal does.
      bool uploaded = true;
      for (std::size_t k = 0; k < def->papers.size() && uploaded; ++k) {
        auto f = m.files().put(s.changes, actor_of(who), fmt::format("giay-to-{}.pdf", k + 1),
                               "application/pdf", kDemoPdf);
        if (!f.ok()) {
          spdlog::warn("demo upload failed: {}", f.error().describe());
          uploaded = false;
          break;
        }
        sub.papers.push_back(onestop::PaperFiles{static_cast<int64_t>(k), {f->id}});
      }
      if (!uploaded) continue;
      created = m.dossiers().submit_online(who, actor_of(who), sub);
    } else {
      const auto* desk =
          officials.find(onestop::Requirement{true, identity::Permission::kReceiveDossier,
                                              onestop::desk_for(agency, *org), false},
                         onestop::Dossier{}, s.authorizer, rng);
      if (desk == nullptr) continue;
      for (std::size_t k = 0; k < def->papers.size(); ++k) {
        sub.papers_received.push_back(object{{"index", static_cast<int64_t>(k)},
                                             {"originals", def->papers[k].originals},
                                             {"copies", def->papers[k].copies}});
      }
      created = m.dossiers().create_at_desk(*desk, actor_of(*desk), sub);
    }
    if (!created.ok()) {
      spdlog::warn("demo dossier {} not created: {}", i, created.error().describe());
      continue;
    }
    ++out.dossiers;
    onestop::Dossier d = *created;
    Instant t = submitted;
    int64_t total = onestop::processing_seconds(*def, d.channel, cal->rules().seconds_per_day());
    // The lifecycle, one action at a time, until it is done or "now" is reached.
    for (int guard = 0; guard < 20; ++guard) {
      onestop::ActionInput in;
      const identity::Principal* who = nullptr;
      int64_t spend = 0;
      if (d.status == DossierStatus::kSubmitted) {
        in.action = rng.chance(0.015)  ? Action::kDeskRefuse
                    : rng.chance(0.04) ? Action::kDeskSupplement
                                       : Action::kReceive;
        if (in.action == Action::kDeskRefuse)
          in.note = "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.";
        if (in.action == Action::kDeskSupplement)
          in.items = {"Bổ sung bản sao giấy tờ tùy thân còn hiệu lực."};
        spend = rng.between(5 * 60, 3 * 3600);
      } else if (d.status == DossierStatus::kSupplementRequested) {
        in.action = Action::kSupply;
        spend = rng.between(3600, 3 * 8 * 3600);
      } else if (d.status == DossierStatus::kInProgress) {
        auto steps = static_cast<int64_t>(def->steps.size());
        if (d.current_step >= steps) {
          in.action = Action::kReturnResult;
          in.return_method = d.channel == "online" ? "online" : "desk";
          spend = rng.between(600, 2 * 8 * 3600);
        } else {
          double share = def->steps[static_cast<std::size_t>(d.current_step)].share;
          // Most steps finish early; about one in twelve runs late.
          double factor = rng.chance(0.08) ? 1.05 + rng.unit() * 0.8 : 0.15 + rng.unit() * 0.8;
          spend = static_cast<int64_t>(static_cast<double>(total) * share * factor);
          if (d.current_step == 0 && rng.chance(0.05) && d.supplement_count == 0) {
            in.action = Action::kRequestSupplement;
            in.items = {"Bổ sung giấy tờ chứng minh theo quy định."};
            in.note = "Thành phần hồ sơ chưa đầy đủ.";
            spend /= 3;
          } else if (d.current_step + 1 >= steps) {
            in.action = rng.chance(0.01) ? Action::kRefuse : Action::kApprove;
            if (in.action == Action::kRefuse) in.note = "Không đủ điều kiện theo quy định.";
            in.result_note = "Đã ký kết quả giải quyết.";
          } else {
            in.action = Action::kForward;
          }
        }
      } else if (d.fee_amount > 0 && !d.fee_paid_at &&
                 (d.status == DossierStatus::kFeesRequested || d.status == DossierStatus::kDone)) {
        // Fees are paid before processing or before the result, online for most online
        // dossiers, at the desk otherwise.
        in.action = Action::kPayFees;
        in.payment_reference = fmt::format("BL-{}", d.code);
        if (d.channel == "online" && d.applicant_account_id && rng.chance(0.6)) {
          for (const auto& a : applicants)
            if (a.id == *d.applicant_account_id) who = &a;
        }
        spend = rng.between(600, 8 * 3600);
      } else if (d.status == DossierStatus::kDone) {
        in.action = Action::kReturnResult;
        in.return_method = d.channel == "online" ? "online" : "desk";
        spend = rng.between(600, 2 * 8 * 3600);
      } else if (d.status == DossierStatus::kReturned && d.applicant_account_id && !d.rated_at &&
                 rng.chance(0.7)) {
        in.action = Action::kRate;
        for (const auto& c : onestop::rating_criteria())
          in.answers[c.key] = rng.chance(0.93) ? 2 : rng.chance(0.5) ? 1 : 0;
        spend = rng.between(600, 8 * 3600);
      } else {
        break;
      }
      Instant next = later(*cal, t, spend);
      if (next >= real_now) break;  // not yet happened: the dossier stays where it is
      at(next);
      onestop::World w{*def, *org, *cal, next, m.dossiers().warning_seconds()};
      auto req = onestop::requirement(d, in.action, w);
      if (req.applicant && d.applicant_account_id && in.action != Action::kPayFees) {
        for (const auto& a : applicants) {
          if (a.id == *d.applicant_account_id) who = &a;
        }
      }
      if (who == nullptr) who = officials.find(req, d, s.authorizer, rng);
      if (who == nullptr) {
        spdlog::warn("demo: nobody may {} dossier {} ({})", onestop::action_name(in.action), d.code,
                     spec.name);
        break;
      }
      if (in.action == Action::kApprove &&
          (d.channel == "online" || d.requested_return_method == "online" || rng.chance(0.8))) {
        // The signed result, digitised (QĐ 766 counts digitised results).
        auto f =
            m.files().put(s.changes, actor_of(*who), "ket-qua.pdf", "application/pdf", kDemoPdf);
        if (f.ok()) in.result_file_id = f->id;
      }
      auto r = m.dossiers().act(*who, actor_of(*who), d.id, d.version, in, {});
      if (!r.ok()) {
        spdlog::warn("demo: {} on {} failed: {}", onestop::action_name(in.action), d.code,
                     r.error().describe());
        break;
      }
      d = *r;
      t = next;
    }
  }
  s.clock.set_offset(saved_offset);
  if (o.dossiers > out.dossiers) {
    std::printf(
        "Demo: %d dossiers through the service; copying finished ones into earlier years…\n",
        out.dossiers);
    std::fflush(stdout);
    TS_ASSIGN_OR_RETURN(int copied,
                        clone_dossiers(s, o.dossiers - out.dossiers, std::max(1, o.years - 1)));

    out.dossiers += copied;
    // Copies carry no counters or public views of their own: compute them from the dossiers.
    TS_TRY(s.db.write([](storage::Tx& tx) { return onestop::rebuild_stats(tx); }));
    TS_TRY(m.dossiers().render_public_views());
  }
  // Past days' open/overdue snapshots, so that statistics of past periods are complete.
  Date today = local_date(real_now);
  TS_TRY(s.db.write([&](storage::Tx& tx) {
    return onestop::rebuild_open_snapshots(tx, add_days(today, -o.days), today);
  }));
  return out;
}

}  // namespace tinhso::app::demo
