// `tinhso demo`: a believable synthetic province — the people's committee, ~20 departments
// with divisions and a public service centre, and its communes — with officials in every role
// and demo logins. Deterministic: the same seed builds the same province.
//
// It is built as it was before the 2025 reforms (20 departments, 17 districts with their
// divisions and one-stop desks, ~200 communes), the modules make their history there, and the
// reorganisations of 2025 are applied on their days as recorded plans (demo_reform.h): the
// departments' mergers of 1 March 2025 in the middle of that history, and the reform of 1 July
// 2025, after which the province has ~50 communes and wards, each with its office, divisions and
// public service centre, and the modules carry on. `--without-reform` stops before both (tests
// and benchmarks that reorganise a three-level province).
#include <fmt/format.h>

#include <map>
#include <set>

#include "app/commands.h"
#include "app/demo/demo_pki.h"
#include "app/demo/demo_reform.h"
#include "core/base/text.h"
#include "core/demo/names.h"
#include "core/demo/rng.h"
#include "core/identity/officials.h"
#include "core/identity/reorganisation.h"
#include "core/identity/units.h"
#include "core/storage/snapshot_cache.h"

namespace tinhso::app {
namespace {

using identity::Role;
using tinhso::demo::Rng;

constexpr std::string_view kDemoPassword = "Tinhso@2026";
constexpr std::string_view kProvinceCode = "H47";

struct DepartmentSpec {
  const char* name;
  const char* slug;
  const char* kind;
  std::vector<const char*> divisions;
};

const std::vector<DepartmentSpec>& departments() {
  static const std::vector<DepartmentSpec> kDepartments = {
      {"Văn phòng Ủy ban nhân dân tỉnh",
       "vpubnd",
       "department",
       {"Phòng Hành chính - Tổ chức", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã"}},
      {"Sở Nội vụ",
       "snv",
       "department",
       {"Văn phòng Sở", "Phòng Tổ chức, biên chế", "Phòng Cải cách hành chính"}},
      {"Sở Tư pháp",
       "stp",
       "department",
       {"Văn phòng Sở", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"}},
      {"Sở Kế hoạch và Đầu tư",
       "skhdt",
       "department",
       {"Văn phòng Sở", "Phòng Đăng ký kinh doanh", "Phòng Đấu thầu, thẩm định"}},
      {"Sở Tài chính",
       "stc",
       "department",
       {"Văn phòng Sở", "Phòng Quản lý giá và công sản", "Phòng Tài chính đầu tư"}},
      {"Sở Công Thương",
       "sct",
       "department",
       {"Văn phòng Sở", "Phòng Quản lý thương mại", "Phòng Quản lý năng lượng"}},
      {"Sở Nông nghiệp và Phát triển nông thôn",
       "snnptnt",
       "department",
       {"Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Chi cục Thủy lợi"}},
      {"Sở Giao thông vận tải",
       "sgtvt",
       "department",
       {"Văn phòng Sở", "Phòng Quản lý vận tải, phương tiện và người lái",
        "Phòng Quản lý kết cấu hạ tầng giao thông"}},
      {"Sở Xây dựng",
       "sxd",
       "department",
       {"Văn phòng Sở", "Phòng Quản lý hoạt động xây dựng",
        "Phòng Quản lý nhà và thị trường bất động sản"}},
      {"Sở Tài nguyên và Môi trường",
       "stnmt",
       "department",
       {"Văn phòng Sở", "Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường",
        "Văn phòng Đăng ký đất đai"}},
      {"Sở Thông tin và Truyền thông",
       "stttt",
       "department",
       {"Văn phòng Sở", "Phòng Công nghệ thông tin",
        "Trung tâm Công nghệ thông tin và Truyền thông"}},
      {"Sở Lao động - Thương binh và Xã hội",
       "sldtbxh",
       "department",
       {"Văn phòng Sở", "Phòng Lao động - Việc làm", "Phòng Người có công"}},
      {"Sở Văn hóa, Thể thao và Du lịch",
       "svhttdl",
       "department",
       {"Văn phòng Sở", "Phòng Quản lý văn hóa", "Phòng Quản lý du lịch"}},
      {"Sở Khoa học và Công nghệ",
       "skhcn",
       "department",
       {"Văn phòng Sở", "Phòng Quản lý công nghệ", "Chi cục Tiêu chuẩn Đo lường Chất lượng"}},
      {"Sở Giáo dục và Đào tạo",
       "sgddt",
       "department",
       {"Văn phòng Sở", "Phòng Giáo dục trung học", "Phòng Tổ chức cán bộ"}},
      {"Sở Y tế",
       "syt",
       "department",
       {"Văn phòng Sở", "Phòng Nghiệp vụ Dược", "Phòng Nghiệp vụ Y"}},
      {"Thanh tra tỉnh",
       "ttr",
       "department",
       {"Văn phòng", "Phòng Tiếp công dân và xử lý đơn thư"}},
      {"Ban Dân tộc", "bdt", "department", {"Văn phòng Ban", "Phòng Chính sách"}},
      {"Sở Ngoại vụ", "sngv", "department", {"Văn phòng Sở", "Phòng Lãnh sự"}},
      {"Ban Quản lý các khu công nghiệp",
       "bqlkcn",
       "department",
       {"Văn phòng Ban", "Phòng Quản lý doanh nghiệp"}},
      {"Trung tâm Phục vụ hành chính công tỉnh", "ttpvhcc", "service_centre", {}},
  };
  return kDepartments;
}

const std::vector<const char*>& district_divisions() {
  static const std::vector<const char*> kDivisions = {"Văn phòng HĐND và UBND",
                                                      "Phòng Tư pháp",
                                                      "Phòng Tài nguyên và Môi trường",
                                                      "Phòng Kinh tế và Hạ tầng",
                                                      "Phòng Lao động - Thương binh và Xã hội",
                                                      "Bộ phận Tiếp nhận và Trả kết quả"};
  return kDivisions;
}

std::string slug(std::string_view name) {
  std::string f = text::fold(name);
  std::string out;
  for (char c : f) {
    if (c != ' ') out += c;
  }
  return out;
}

// "Nguyễn Văn An" → "annv" (given name + initials), the usual official e-mail style.
std::string username_base(std::string_view full_name) {
  std::string folded = text::fold(full_name);
  auto parts = text::split(folded, ' ');
  std::string out(parts.back());
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!parts[i].empty()) out += parts[i][0];
  }
  return out;
}

// ND 30/2020 writes the kind of a local unit in lower case inside a name: "Ủy ban nhân dân
// huyện Tân Phú", "Ủy ban nhân dân xã Tam An".
std::string lower_kind(std::string_view name) {
  for (auto [upper, lower] : {std::pair{"Thành phố ", "thành phố "},
                              {"Thị xã ", "thị xã "},
                              {"Huyện ", "huyện "},
                              {"Xã ", "xã "},
                              {"Phường ", "phường "}}) {
    std::string_view u(upper);
    if (name.starts_with(u)) return std::string(lower) + std::string(name.substr(u.size()));
  }
  return std::string(name);
}

std::string district_slug(std::string_view name) {
  std::string s(name);
  for (std::string_view prefix : {"Thành phố ", "Thị xã ", "Huyện "}) {
    if (s.starts_with(prefix)) s = s.substr(prefix.size());
  }
  return slug(s);
}

class Builder {
 public:
  Builder(audit::ChangeTx& tx, Rng& rng, std::string hash)
      : tx_(tx), rng_(rng), hash_(std::move(hash)) {}

  Result<int64_t> unit(std::optional<int64_t> parent, std::string code, std::string name,
                       std::string short_name, const char* level, const char* kind,
                       std::optional<std::string> address = std::nullopt) {
    identity::UnitInput in;
    in.parent_id = parent;
    in.code = std::move(code);
    in.name = std::move(name);
    in.short_name = std::move(short_name);
    in.level = level;
    in.kind = kind;
    in.address = std::move(address);
    in.sort_order = ++order_;
    TS_ASSIGN_OR_RETURN(auto u, identity::create_unit(tx_, in));
    return u.id;
  }

  // An official with a generated (or given) username and the given roles in `unit`.
  Result<std::string> official(int64_t unit, std::string_view suffix, const std::string& position,
                               const std::vector<std::pair<Role, bool>>& roles,
                               std::string username = {}, std::string full_name = {}) {
    bool female = rng_.chance(0.48);
    if (full_name.empty()) full_name = tinhso::demo::person_name(rng_, female);
    if (username.empty()) {
      std::string base = username_base(full_name) + "." + std::string(suffix);
      username = base;
      for (int n = 2; used_.contains(username); ++n) username = fmt::format("{}{}", base, n);
    }
    used_.insert(username);
    identity::OfficialInput in;
    in.unit_id = unit;
    in.username = username;
    in.full_name = full_name;
    in.position = position;
    in.email = username + "@ankhang.gov.vn";
    TS_ASSIGN_OR_RETURN(auto o, identity::create_official(tx_, in, hash_, false));
    for (auto [role, sub] : roles)
      TS_TRY(identity::grant_role(tx_, o.id, role, unit, sub, std::nullopt));
    ++officials_;
    return username;
  }

  int officials() const { return officials_; }
  audit::ChangeTx& tx() { return tx_; }
  // A username already taken (officials made before).
  void reserve(std::string username) { used_.insert(std::move(username)); }

 private:
  audit::ChangeTx& tx_;
  Rng& rng_;
  std::string hash_;
  std::set<std::string> used_;
  int64_t order_ = 0;
  int officials_ = 0;
};

Status build(Builder& b, Rng& rng, int& unit_count, const std::string& h) {
  std::string name = h == kProvinceCode ? "An Khang" : "Bình Sơn";
  TS_ASSIGN_OR_RETURN(
      int64_t province,
      b.unit(std::nullopt, "000.00.00." + h, "Ủy ban nhân dân tỉnh " + name, "UBND tỉnh " + name,
             "province", "people_committee", "Số 1 đường Trần Phú, thành phố " + name));
  ++unit_count;
  TS_TRY(b.official(province, "ubndtinh", "Chủ tịch UBND tỉnh", {{Role::kLeader, true}}));
  TS_TRY(b.official(province, "ubndtinh", "Phó Chủ tịch UBND tỉnh", {{Role::kLeader, true}}));

  const auto& deps = departments();
  for (std::size_t d = 0; d < deps.size(); ++d) {
    const auto& dep = deps[d];
    std::string jj = fmt::format("{:02}", d + 1);
    TS_ASSIGN_OR_RETURN(int64_t dep_id, b.unit(province, fmt::format("000.00.{}.{}", jj, h),
                                               dep.name, dep.name, "province", dep.kind));
    ++unit_count;
    std::string s = dep.slug;
    bool centre = std::string_view(dep.kind) == "service_centre";
    if (centre) {
      TS_TRY(b.official(dep_id, s, "Giám đốc Trung tâm", {{Role::kLeader, true}}));
      TS_TRY(b.official(dep_id, s, "Cán bộ tiếp nhận và trả kết quả", {{Role::kDeskOfficer, false}},
                        "motcua.tinh", "Lê Thị Mỹ Hạnh"));
      for (int i = 0; i < 5; ++i)
        TS_TRY(b.official(dep_id, s, "Cán bộ tiếp nhận và trả kết quả",
                          {{Role::kDeskOfficer, false}}));
      continue;
    }
    TS_TRY(b.official(dep_id, s, d == 0 ? "Chánh Văn phòng" : "Giám đốc Sở",
                      {{Role::kLeader, true}}, s == "stp" ? "lanhdao.stp" : "",
                      s == "stp" ? "Trần Quốc Hùng" : ""));
    TS_TRY(b.official(dep_id, s, d == 0 ? "Phó Chánh Văn phòng" : "Phó Giám đốc Sở",
                      {{Role::kLeader, true}}));
    TS_TRY(b.official(dep_id, s, "Văn thư", {{Role::kClerk, false}},
                      s == "vpubnd" ? "vanthu.ubndtinh" : (s == "stp" ? "vanthu.stp" : ""),
                      s == "vpubnd" ? "Phạm Thị Thu Trang" : (s == "stp" ? "Hoàng Thị Mai" : "")));
    if (s == "stttt") {
      TS_TRY(b.official(dep_id, s, "Quản trị hệ thống", {{Role::kSystemAdmin, true}}, "admin",
                        "Võ Minh Khoa"));
    } else {
      TS_TRY(b.official(dep_id, s, "Chuyên viên quản trị", {{Role::kUnitAdmin, true}}));
    }
    for (std::size_t k = 0; k < dep.divisions.size(); ++k) {
      TS_ASSIGN_OR_RETURN(int64_t div,
                          b.unit(dep_id, fmt::format("000.{:02}.{}.{}", k + 1, jj, h),
                                 dep.divisions[k], dep.divisions[k], "province", "division"));
      ++unit_count;
      bool named = s == "stp" && k == 1;
      TS_TRY(b.official(div, s, "Chuyên viên", {{Role::kSpecialist, false}},
                        named ? "chuyenvien.stp" : "", named ? "Nguyễn Thị Lan Anh" : ""));
      if (k > 0 && rng.chance(0.5))
        TS_TRY(b.official(div, s, "Trưởng phòng", {{Role::kLeader, false}}));
    }
  }

  const auto& districts = tinhso::demo::district_names();
  const auto& communes = tinhso::demo::commune_names();
  for (std::size_t i = 0; i < districts.size(); ++i) {
    std::string jj = fmt::format("{:02}", 31 + i);
    const std::string& dname = districts[i];
    bool city = dname.starts_with("Thành phố") || dname.starts_with("Thị xã");
    std::string ds = district_slug(dname);
    TS_ASSIGN_OR_RETURN(int64_t district,
                        b.unit(province, fmt::format("000.00.{}.{}", jj, h),
                               "Ủy ban nhân dân " + lower_kind(text::trim(dname)),
                               "UBND " + lower_kind(dname), "district", "people_committee"));
    ++unit_count;
    TS_TRY(b.official(district, ds, "Chủ tịch UBND", {{Role::kLeader, true}}));
    TS_TRY(b.official(district, ds, "Phó Chủ tịch UBND", {{Role::kLeader, true}}));
    TS_TRY(b.official(district, ds, "Chuyên viên quản trị", {{Role::kUnitAdmin, true}}));
    const auto& divs = district_divisions();
    for (std::size_t k = 0; k < divs.size(); ++k) {
      bool desk = k + 1 == divs.size();
      TS_ASSIGN_OR_RETURN(int64_t div,
                          b.unit(district, fmt::format("000.{}.{}.{}", 51 + k, jj, h), divs[k],
                                 divs[k], "district", desk ? "service_centre" : "division"));
      ++unit_count;
      if (desk) {
        TS_TRY(b.official(div, ds, "Cán bộ tiếp nhận và trả kết quả", {{Role::kDeskOfficer, false}},
                          i == 2 ? "motcua.tanphu" : "", i == 2 ? "Đỗ Thị Ngọc Hân" : ""));
        TS_TRY(
            b.official(div, ds, "Cán bộ tiếp nhận và trả kết quả", {{Role::kDeskOfficer, false}}));
      } else if (k == 0) {
        TS_TRY(b.official(div, ds, "Văn thư", {{Role::kClerk, false}}));
      } else {
        TS_TRY(b.official(div, ds, "Chuyên viên", {{Role::kSpecialist, false}}));
      }
    }
    // Communes (wards in towns), names drawn without repetition within the district.
    int count = city ? 14 : 10 + static_cast<int>(i % 4);
    std::vector<std::string> pool = communes;
    for (int c = 0; c < count && !pool.empty(); ++c) {
      std::size_t pick =
          static_cast<std::size_t>(rng.between(0, static_cast<int64_t>(pool.size()) - 1));
      std::string cname = pool[pick];
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(pick));
      std::string full = (city ? "Phường " : "Xã ") + cname;
      TS_ASSIGN_OR_RETURN(int64_t commune,
                          b.unit(district, fmt::format("000.{:02}.{}.{}", c + 1, jj, h),
                                 "Ủy ban nhân dân " + lower_kind(full), "UBND " + lower_kind(full),
                                 "commune", "people_committee"));
      ++unit_count;
      std::string cs = slug(cname) + "." + ds;
      TS_TRY(b.official(commune, cs, "Chủ tịch UBND", {{Role::kLeader, false}}));
      TS_TRY(b.official(commune, cs, "Công chức Văn phòng - Thống kê, Tư pháp - Hộ tịch",
                        {{Role::kDeskOfficer, false}, {Role::kSpecialist, false}}));
    }
  }
  return ok_status();
}

Status add_applicants(audit::ChangeTx& tx, const std::string& hash) {
  struct A {
    const char* kind;
    const char* name;
    const char* phone;
    const char* email;
    const char* id_number;
    const char* tax_code;
    const char* address;
    const char* representative;  // a business's legal representative
  };
  const A accounts[] = {
      {"citizen", "Nguyễn Văn An", "0912345678", "nguyenvanan@example.vn", "047090001234", nullptr,
       "Thôn Phú Hòa, xã Bình An, huyện Tân Phú, tỉnh An Khang", nullptr},
      {"business", "Công ty TNHH Thương mại và Dịch vụ An Khang", "0905123456",
       "lienhe@ankhang-trading.vn", nullptr, "4300123456", "Số 25 đường Lê Lợi, thành phố An Khang",
       "Trần Minh Khang"},
  };
  for (const auto& a : accounts) {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.sql().query(
            "INSERT INTO applicants (kind, full_name, phone, email, id_number, tax_code, "
            "address, password_hash, created_at, updated_at, representative) VALUES ($1, $2, $3, "
            "$4, $5, $6, $7, $8, $9, $9, $10) RETURNING id",
            {a.kind, a.name, a.phone, a.email,
             a.id_number ? std::optional<std::string>(a.id_number) : std::nullopt,
             a.tax_code ? std::optional<std::string>(a.tax_code) : std::nullopt, a.address, hash,
             tx.now_ms(),
             a.representative ? std::optional<std::string>(a.representative) : std::nullopt}));
    TS_TRY(tx.record(
        "applicant.create", "applicant", rows.front().i64(0),
        boost::json::object{{"kind", a.kind}, {"full_name", a.name}, {"phone", a.phone}}));
  }
  return ok_status();
}

// A demo setting (which steps are done), if recorded.
Result<std::optional<std::string>> setting(App& app, const std::string& key) {
  return app.db().read([&](storage::Tx& tx) -> Result<std::optional<std::string>> {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT value FROM settings WHERE key = $1", {key}));
    if (rows.empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows.front().str(0));
  });
}

// The periods of the demo's history: before the departments' mergers of 1 March 2025, from
// them to the 2025 reform (both at the old units), and since the reform. Without the reform
// there is one period, to today, with neither.
enum class Period { kBeforeMerger, kBeforeReform, kSinceReform };

// Today as the demo sees it: the real date (the demo's history ends now).
Date real_today() {
  return local_date(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
}

// Records that a step of the demo ran (settings `key`), so that it runs once.
Status record_setting(App& app, std::string_view key, const std::string& value) {
  return app.db().write([&](storage::Tx& tx) -> Status {
    TS_TRY(tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)",
                   {std::string(key), value, to_millis(app.clock().now())}));
    return ok_status();
  });
}

// Each module's part of the demo for a period (ModuleDef::demo_before_reform for both periods
// before the reform, ModuleDef::demo since), once: settings demo_<module>_before_merger,
// demo_<module>_before_reform and demo_<module> record them, so a module added to an existing
// demo database gets its part on the next `tinhso demo`, and nothing is made twice. The period
// before the reform starts at the mergers when they were made (`merged`), a year before the
// reform otherwise; without the reform it runs to today.
int build_module_parts(App& app, const DemoOptions& o, Period period, bool merged,
                       bool say_when_nothing = false) {
  DemoContext context;
  context.seed = o.seed;
  context.dossiers = o.dossiers;
  context.reform_on = kDemoReformDay;
  Date today = real_today();
  context.history_from = add_days(o.reform ? add_days(kDemoReformDay, -1) : today, -364);
  switch (period) {
    case Period::kBeforeMerger:
      context.from = context.history_from;
      context.until = add_days(kDemoMergerDay, -1);
      break;
    case Period::kBeforeReform:
      context.from = merged ? kDemoMergerDay : context.history_from;
      context.until = o.reform ? add_days(kDemoReformDay, -1) : today;
      break;
    case Period::kSinceReform:
      context.from = kDemoReformDay;
      context.until = today;
      break;
  }
  const bool before_reform = period != Period::kSinceReform;
  int parts = 0;
  for (const ModuleDef* def : app.module_defs()) {
    auto step = before_reform ? def->demo_before_reform : def->demo;
    bool before = before_reform && step != nullptr;
    // Without the reform, a module without history makes its part in the only period there is.
    if (step == nullptr && period == Period::kBeforeReform && !o.reform) step = def->demo;
    if (step == nullptr) continue;
    std::string key = fmt::format("demo_{}{}", def->name,
                                  !before                           ? ""
                                  : period == Period::kBeforeMerger ? "_before_merger"
                                                                    : "_before_reform");
    auto done = setting(app, key);
    if (!done.ok()) {
      std::fprintf(stderr, "tinhso: %s\n", done.error().describe().c_str());
      return 1;
    }
    if (done->has_value()) continue;
    Module* module = app.module_named(def->name);
    if (module == nullptr) {
      std::fprintf(stderr, "tinhso: module %s is not running\n", std::string(def->name).c_str());
      return 1;
    }
    auto started = std::chrono::steady_clock::now();
    auto made = step(*module, context);
    if (!made.ok()) {
      std::fprintf(stderr, "tinhso: building the demo data of %s failed: %s\n",
                   std::string(def->name).c_str(), made.error().describe().c_str());
      return 1;
    }
    if (auto s = record_setting(app, key, *made); !s.ok()) {
      std::fprintf(stderr, "tinhso: %s\n", s.error().describe().c_str());
      return 1;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("Demo data of %s (%s): %s in %.1f s.\n", std::string(def->name).c_str(),
                !o.reform                         ? "without the 2025 reforms"
                : period == Period::kBeforeMerger ? "before the departments' mergers"
                : period == Period::kBeforeReform ? "before the 2025 reform"
                                                  : "since the reform",
                made->c_str(), secs);
    ++parts;
  }
  if (parts == 0 && say_when_nothing)
    std::printf("Demo province already present; nothing to do.\n");
  return 0;
}

// Officials for the units the reform created: two desk officers at each new public service
// centre and a specialist in each new division that no one was moved into, named after the new
// commune ("hanhdt.tanphu").
Status staff_new_units(App& app, const boost::json::object& plan, const std::string& hash,
                       uint64_t seed) {
  Rng rng(seed ^ 0x7265666full);
  return app.services().changes.apply(
      audit::Actor::system("Dữ liệu mẫu (tinhso demo)"), [&](audit::ChangeTx& tx) -> Status {
        Builder b(tx, rng, hash);
        TS_ASSIGN_OR_RETURN(auto taken, tx.sql().query("SELECT username FROM officials"));
        for (const auto& r : taken) b.reserve(r.str(0));
        for (const auto& v : plan.at("new_units").as_array()) {
          const auto& u = v.as_object();
          std::string kind(u.at("kind").as_string());
          if (kind != "service_centre" && kind != "division") continue;
          TS_ASSIGN_OR_RETURN(
              auto rows,
              tx.sql().query("SELECT u.id, u.short_name, (SELECT count(*) FROM officials o WHERE "
                             "o.unit_id = u.id AND o.active = 1), p.name FROM units u JOIN units "
                             "p ON p.id = u.parent_id WHERE u.code = $1",
                             {std::string(u.at("code").as_string())}));
          if (rows.empty()) return Error::internal("a new unit of the demo reform is missing");
          if (rows.front().i64(2) > 0) continue;
          int64_t id = rows.front().i64(0);
          std::string place = rows.front().str(3);
          for (std::string_view k : {"xã ", "phường "}) {
            if (auto at = place.find(k); at != std::string::npos)
              place = place.substr(at + k.size());
          }
          std::string suffix = slug(place);
          if (kind == "service_centre") {
            for (int i = 0; i < 2; ++i) {
              TS_TRY(b.official(id, suffix, "Cán bộ tiếp nhận và trả kết quả",
                                {{Role::kDeskOfficer, false}}));
            }
          } else {
            TS_TRY(b.official(id, suffix, "Công chức chuyên môn", {{Role::kSpecialist, false}}));
          }
        }
        if (b.officials() == 0) tx.mark_unchanged();  // a resumed run: everyone is in place
        return ok_status();
      });
}

// One of the demo's reorganisations: its plan for the tree as it stands, applied on its day
// through the Reorganiser, once (setting `setting` records it).
struct DemoReorganisation {
  const char* what;  // for the summary line
  std::string_view title;
  Date day;
  const char* setting;
  boost::json::object (*plan)(const identity::OrgTree&, std::string_view);
  bool staff;  // staff the units it creates (staff_new_units)
};

const DemoReorganisation kDemoMergers{"Departments' mergers of 1 March 2025",
                                      kDemoMergerTitle,
                                      kDemoMergerDay,
                                      "demo_merger",
                                      demo_department_plan,
                                      false};
const DemoReorganisation kDemoReform{"Reform of 1 July 2025", kDemoReformTitle, kDemoReformDay,
                                     "demo_reform",           demo_reform_plan, true};

// Applies `r` on its day (the clock is set back to that morning, so the audit log, the moved
// dossiers' timelines and the new units' records carry its date), then staffs the units it
// created when it says so.
int reorganise(App& app, const DemoOptions& o, const std::string& hash,
               const DemoReorganisation& r) {
  auto done = setting(app, r.setting);
  if (!done.ok()) {
    std::fprintf(stderr, "tinhso: %s\n", done.error().describe().c_str());
    return 1;
  }
  if (done->has_value()) return 0;
  auto started = std::chrono::steady_clock::now();
  // A plan an earlier run accepted but did not finish is resumed, not planned again: the tree
  // it was planned on may already be changed.
  auto earlier = app.db().read([&](storage::Tx& tx) -> Result<std::optional<int64_t>> {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM reorganisations WHERE title = $1 AND "
                                            "status <> 'cancelled' ORDER BY id DESC LIMIT 1",
                                            {std::string(r.title)}));
    if (rows.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(rows.front().i64(0));
  });
  if (!earlier.ok()) {
    std::fprintf(stderr, "tinhso: %s\n", earlier.error().describe().c_str());
    return 1;
  }
  std::optional<identity::ReorganisationPlan> plan;
  if (!*earlier) {
    auto json = r.plan(*app.services().org.get(), o.province);
    if (json.empty()) {  // nothing to reorganise in this tree
      auto s = record_setting(app, r.setting, "none");
      if (!s.ok()) std::fprintf(stderr, "tinhso: %s\n", s.error().describe().c_str());
      return s.ok() ? 0 : 1;
    }
    auto read = identity::read_plan(json);
    if (!read.ok()) {
      std::fprintf(stderr, "tinhso: the demo plan \"%s\" is malformed: %s\n",
                   std::string(r.title).c_str(), read.error().describe().c_str());
      return 1;
    }
    plan = std::move(*read);
  }
  Clock& clock = app.services().clock;
  const auto saved = clock.offset();
  const Instant real_now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  clock.set_offset(std::chrono::duration_cast<std::chrono::milliseconds>(
      local_instant(r.day, 7 * 60) - real_now));
  const auto actor = audit::Actor::system("Dữ liệu mẫu (tinhso demo)");
  auto applied = *earlier ? app.reorganiser().apply(actor, **earlier)
                          : app.reorganiser().submit(actor, *plan, /*backdate=*/false,
                                                     /*apply_now=*/true);
  // Staffing skips the units someone already works in, so it is safe to run again.
  Status staffed = ok_status();
  if (applied.ok() && applied->status == "applied" && r.staff) {
    app.services().org.invalidate();
    staffed = staff_new_units(app, applied->plan, hash, o.seed);
  }
  clock.set_offset(saved);
  if (!applied.ok() || applied->status != "applied" || !staffed.ok()) {
    std::fprintf(stderr, "tinhso: the demo plan \"%s\" was not applied: %s\n",
                 std::string(r.title).c_str(),
                 !applied.ok()  ? applied.error().describe().c_str()
                 : staffed.ok() ? applied->status.c_str()
                                : staffed.error().describe().c_str());
    return 1;
  }
  app.services().org.invalidate();
  if (auto s = record_setting(app, r.setting, std::to_string(applied->id)); !s.ok()) {
    std::fprintf(stderr, "tinhso: %s\n", s.error().describe().c_str());
    return 1;
  }
  auto count = [&](const char* part) {
    const auto* a = applied->plan.if_contains(part);
    return a != nullptr && a->is_array() ? a->as_array().size() : 0;
  };
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "%s (reorganisation %lld): %zu units created, %zu ended, %zu changed, %lld open items "
      "moved, in %.1f s.\n",
      r.what, static_cast<long long>(applied->id), count("new_units"), count("ends"),
      count("changes"), static_cast<long long>(applied->moved), secs);
  return 0;
}

// The demo PKI, once: digital signatures then work on the demo out of the box, from its own
// dossiers on.
int write_pki(App& app, const std::vector<FutureUnit>& future) {
  auto started = std::chrono::steady_clock::now();
  auto n = write_demo_pki(app, future);
  if (!n.ok()) {
    std::fprintf(stderr, "tinhso: writing the demo PKI failed: %s\n", n.error().describe().c_str());
    return 1;
  }
  if (auto adopted = app.adopt_demo_pki(); !adopted.ok()) {
    std::fprintf(stderr, "tinhso: the demo PKI cannot be used: %s\n",
                 adopted.error().describe().c_str());
    return 1;
  }
  if (*n > 0) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("Demo PKI (test keys, no legal value): %d keys in %s/%s in %.1f s.\n", *n,
                app.config().data_dir.c_str(), kDemoPkiDir, secs);
  }
  return 0;
}

void print_logins(const Config& c, bool reformed, bool merged) {
  std::printf(
      "\nDemo logins (password for every account: %s)\n"
      "  Officials (Đăng nhập cán bộ):\n"
      "    admin            Quản trị hệ thống (%s)\n"
      "    motcua.tinh      Cán bộ một cửa, Trung tâm Phục vụ hành chính công tỉnh\n"
      "    motcua.tanphu    Cán bộ một cửa, %s\n"
      "    chuyenvien.stp   Chuyên viên, Sở Tư pháp (Phòng Hành chính tư pháp)\n"
      "    lanhdao.stp      Lãnh đạo, Sở Tư pháp\n"
      "    vanthu.ubndtinh  Văn thư, Văn phòng UBND tỉnh\n"
      "    vanthu.stp       Văn thư, Sở Tư pháp\n"
      "  Citizens and businesses (Đăng nhập công dân, doanh nghiệp):\n"
      "    0912345678       Nguyễn Văn An (công dân)\n"
      "    0905123456       Công ty TNHH Thương mại và Dịch vụ An Khang (doanh nghiệp)\n"
      "  Database: %s\n",
      std::string(kDemoPassword).c_str(),
      merged ? "Sở Khoa học và Công nghệ" : "Sở Thông tin và Truyền thông",
      reformed ? "Trung tâm Phục vụ hành chính công xã Tân Phú" : "UBND huyện Tân Phú",
      c.is_postgres() ? c.database.url.c_str() : c.sqlite_path().c_str());
}

// The modules' history before the departments' mergers, the mergers, the history from them to
// the reform, the reform, and the modules' part since — each step once, so an interrupted
// `tinhso demo` finishes on the next run. A demo database made before the demo lived through
// the reform (its modules' parts recorded, no reform) is left as it is; one made before it lived
// through the mergers (its history before the reform in one period) has the reform without them.
int build_history(App& app, const DemoOptions& o, bool say_when_nothing) {
  auto reformed = setting(app, "demo_reform");
  auto merged = setting(app, "demo_merger");
  auto without = setting(app, "demo_without_reform");
  // Made before: the one-stop module's part recorded without its part before the reform.
  auto since = setting(app, "demo_onestop");
  auto before = setting(app, "demo_onestop_before_reform");
  if (!reformed.ok() || !merged.ok() || !without.ok() || !since.ok() || !before.ok()) {
    std::fprintf(stderr, "tinhso: cannot read the demo's settings\n");
    return 1;
  }
  bool legacy = since->has_value() && !before->has_value();
  bool reform_due = !reformed->has_value() && !without->has_value() && !legacy;
  DemoOptions opts = o;
  opts.reform = reformed->has_value() || (reform_due && o.reform);
  // One hash for every demo account, as for the province (argon2: only when someone is added).
  const std::string hash = reform_due ? app.services().passwords.hash(kDemoPassword) : "";
  int rc = 0;
  bool mergers = merged->has_value();
  if (reform_due && !o.reform) {
    // A history already past 1 March 2025 cannot stop before the reforms: its departments merged.
    auto before_merger = setting(app, "demo_onestop_before_merger");
    if (!before_merger.ok()) {
      std::fprintf(stderr, "tinhso: %s\n", before_merger.error().describe().c_str());
      return 1;
    }
    if (mergers || before_merger->has_value()) {
      std::fprintf(stderr,
                   "tinhso: this demo database was started with the 2025 reforms (its history "
                   "runs to the departments' mergers); run `tinhso demo` without "
                   "--without-reform to finish it, or start from an empty database\n");
      return 1;
    }
  }
  if (reform_due && o.reform && !mergers && !before->has_value()) {
    rc = build_module_parts(app, opts, Period::kBeforeMerger, /*merged=*/false);
    if (rc == 0) rc = reorganise(app, opts, hash, kDemoMergers);
    if (rc != 0) return rc;
    mergers = true;
  }
  if (reform_due || without->has_value()) {
    rc = build_module_parts(app, opts, Period::kBeforeReform, mergers,
                            say_when_nothing && !opts.reform);
  }
  if (rc != 0) return rc;
  if (reform_due && !o.reform) {
    auto s = record_setting(app, "demo_without_reform", "1");
    if (!s.ok()) {
      std::fprintf(stderr, "tinhso: %s\n", s.error().describe().c_str());
      return 1;
    }
    return 0;
  }
  if (without->has_value()) return 0;
  if (reform_due) {
    rc = reorganise(app, opts, hash, kDemoReform);
    if (rc != 0) return rc;
  }
  return build_module_parts(app, opts, Period::kSinceReform, mergers, say_when_nothing);
}

}  // namespace

int build_demo(App& app, const DemoOptions& o) {
  auto state = app.db().read([](storage::Tx& tx) -> Result<std::pair<int64_t, bool>> {
    TS_ASSIGN_OR_RETURN(auto units, tx.query("SELECT count(*) FROM units"));
    TS_ASSIGN_OR_RETURN(auto demo, tx.query("SELECT value FROM settings WHERE key = 'demo_seed'"));
    return std::pair{units.front().i64(0), !demo.empty()};
  });
  if (!state.ok()) {
    std::fprintf(stderr, "tinhso: %s\n", state.error().describe().c_str());
    return 1;
  }
  auto finish = [&](bool say_when_nothing) {
    // The keys first: the demo's dossiers are approved and their results signed as in
    // production. Only An Khang has modules' data and lives through the reform; Bình Sơn is the
    // second installation that documents are exchanged with.
    // The units the reorganisations will create or re-code sign from their day on: their keys
    // are made now too.
    std::vector<FutureUnit> future;
    auto reformed = setting(app, "demo_reform");
    if (o.province == kProvinceCode && o.reform && reformed.ok() && !reformed->has_value()) {
      auto org = app.services().org.get();
      auto plan = demo_reform_plan(*org, o.province);
      if (const auto* units = plan.if_contains("new_units")) {
        for (const auto& u : units->as_array()) {
          future.push_back(
              {std::string(u.at("code").as_string()), std::string(u.at("name").as_string())});
        }
      }
      auto mergers = demo_department_plan(*org, o.province);
      if (const auto* changes = mergers.if_contains("changes")) {
        for (const auto& c : changes->as_array()) {
          const auto* code = c.as_object().if_contains("code");
          const auto* unit = org->find_by_code(c.at("unit").as_string());
          if (code != nullptr && unit != nullptr)
            future.push_back({std::string(code->as_string()), unit->name});
        }
      }
    }
    int rc = write_pki(app, future);
    if (rc != 0 || o.province != kProvinceCode) return rc;
    rc = build_history(app, o, say_when_nothing);
    if (rc != 0) return rc;
    reformed = setting(app, "demo_reform");
    auto merged = setting(app, "demo_merger");
    print_logins(app.config(), reformed.ok() && reformed->has_value(),
                 merged.ok() && merged->has_value() && **merged != "none");
    return 0;
  };
  if (state->second) return finish(/*say_when_nothing=*/true);
  if (state->first > 0 && !o.force) {
    std::fprintf(stderr,
                 "tinhso: the database already has %lld units that are not demo data; refusing to "
                 "mix demo data "
                 "into it (use --force to do it anyway).\n",
                 static_cast<long long>(state->first));
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  // One hash for every demo account: argon2 a thousand times would take minutes.
  std::string hash = app.services().passwords.hash(kDemoPassword);
  tinhso::demo::Rng rng(o.seed);
  int units = 0, officials = 0;
  auto s = app.services().changes.apply(
      audit::Actor::system("Dữ liệu mẫu (tinhso demo)"), [&](audit::ChangeTx& tx) -> Status {
        Builder b(tx, rng, hash);
        units = 0;
        TS_TRY(build(b, rng, units, o.province));
        officials = b.officials();
        TS_TRY(add_applicants(tx, hash));
        TS_TRY(tx.sql().exec(
            "INSERT INTO settings (key, value, updated_at) VALUES ('demo_seed', $1, $2)",
            {std::to_string(o.seed), tx.now_ms()}));
        return ok_status();
      });
  if (!s.ok()) {
    std::fprintf(stderr, "tinhso: building the demo province failed: %s\n",
                 s.error().describe().c_str());
    return 1;
  }
  app.services().org.invalidate();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "Demo province \"Tỉnh %s\" (%s) as it was before the 2025 reforms: %d units, %d officials, 2 "
      "applicant accounts in %.1f s.\n",
      o.province == kProvinceCode ? "An Khang" : "Bình Sơn", o.province.c_str(), units, officials,
      secs);
  return finish(/*say_when_nothing=*/false);
}

}  // namespace tinhso::app
