#include "app/demo/demo_reform.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/base/text.h"

namespace tinhso::app {
namespace {

namespace bj = boost::json;
using identity::OrgTree;
using identity::UnitInfo;

// "Ủy ban nhân dân huyện Tân Phú" → {"huyện", "Tân Phú"}.
std::pair<std::string, std::string> place_of(std::string_view committee_name) {
  for (std::string_view kind : {"thành phố ", "thị xã ", "huyện ", "xã ", "phường "}) {
    auto at = committee_name.find(kind);
    if (at != std::string_view::npos) {
      return {std::string(kind.substr(0, kind.size() - 1)),
              std::string(committee_name.substr(at + kind.size()))};
    }
  }
  return {"", std::string(committee_name)};
}

// Where each division of a district goes: the new commune's office takes the office and
// justice, its economy division land and infrastructure, its culture and society division
// labour and social affairs, its public service centre the one-stop desk.
std::size_t successor_division(const UnitInfo& u) {
  if (u.kind == "service_centre") return 3;
  std::string f = text::fold(u.name);
  if (f.find("tai nguyen") != std::string::npos || f.find("kinh te") != std::string::npos) return 1;
  if (f.find("lao dong") != std::string::npos) return 2;
  return 0;
}

std::vector<const UnitInfo*> children_at(const OrgTree& org, int64_t id, std::string_view level,
                                         bool committees) {
  std::vector<const UnitInfo*> out;
  for (int64_t c : org.children(id)) {
    const auto* u = org.find(c);
    if (u != nullptr && u->active && u->level == level && org.is_committee(*u) == committees)
      out.push_back(u);
  }
  std::sort(out.begin(), out.end(),
            [](const UnitInfo* a, const UnitInfo* b) { return a->code < b->code; });
  return out;
}

// The departments' mergers of 1 March 2025 (Nghị định 45/2025/NĐ-CP and the resolutions of the
// provincial people's councils), as most provinces carried them out: the department named
// second continues and takes the first over.
struct DepartmentMerger {
  const char* ended;
  const char* into;
};
constexpr DepartmentMerger kDepartmentMergers[] = {
    {"Sở Kế hoạch và Đầu tư", "Sở Tài chính"},
    {"Sở Giao thông vận tải", "Sở Xây dựng"},
    {"Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn"},
    {"Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"},
    {"Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"},
    {"Sở Ngoại vụ", "Văn phòng Ủy ban nhân dân tỉnh"},
};

// Departments that continue under a new name.
struct DepartmentRename {
  const char* from;
  const char* to;
};
constexpr DepartmentRename kDepartmentRenames[] = {
    {"Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"},
    {"Ban Dân tộc", "Sở Dân tộc và Tôn giáo"},
};

const UnitInfo* child_named(const OrgTree& org, int64_t parent, std::string_view name) {
  for (int64_t c : org.children(parent)) {
    const auto* u = org.find(c);
    if (u != nullptr && u->active && u->name == name) return u;
  }
  return nullptr;
}

// A department's own office ("Văn phòng Sở"), not a unit with "Văn phòng" in its name (the
// land registration office).
bool is_office(const UnitInfo& u) {
  return u.name == "Văn phòng Sở" || u.name == "Văn phòng Ban" || u.name == "Văn phòng";
}

}  // namespace

bj::object demo_department_plan(const OrgTree& org, std::string_view province_code) {
  const UnitInfo* province = org.find_by_code(fmt::format("000.00.00.{}", province_code));
  if (province == nullptr) return {};
  bj::array merges, ends, changes;
  // Division codes in use under each continuing department, across all the mergers into it.
  std::map<std::string, std::set<std::string>> taken_under;
  for (const auto& m : kDepartmentMergers) {
    const UnitInfo* ended = child_named(org, province->id, m.ended);
    const UnitInfo* into = child_named(org, province->id, m.into);
    if (ended == nullptr || into == nullptr) continue;
    merges.push_back(bj::object{{"units", bj::array{bj::string(ended->code)}},
                                {"into", into->code},
                                {"staff_to", into->code}});
    // Its office ends into the continuing department's office (or the department itself when
    // it has none); its other divisions move under the continuing department, numbered after its
    // own.
    const UnitInfo* office = nullptr;
    std::set<std::string>& taken = taken_under[into->code];
    for (int64_t c : org.children(into->id)) {
      const auto* u = org.find(c);
      if (u == nullptr) continue;
      taken.insert(u->code);
      if (office == nullptr && u->active && is_office(*u)) office = u;
    }
    std::string jj = into->code.substr(7, 2);
    int next = 1;
    for (int64_t c : org.children(ended->id)) {
      const auto* d = org.find(c);
      if (d == nullptr || !d->active) continue;
      if (is_office(*d)) {
        const std::string& to = office != nullptr ? office->code : into->code;
        ends.push_back(bj::object{
            {"unit", d->code}, {"successors", bj::array{bj::string(to)}}, {"staff_to", to}});
        continue;
      }
      std::string code;
      do {
        code = fmt::format("000.{:02}.{}.{}", next++, jj, province_code);
      } while (taken.contains(code));
      taken.insert(code);
      changes.push_back(bj::object{{"unit", d->code}, {"parent_code", into->code}, {"code", code}});
    }
  }
  for (const auto& r : kDepartmentRenames) {
    const UnitInfo* u = child_named(org, province->id, r.from);
    if (u == nullptr) continue;
    changes.push_back(bj::object{{"unit", u->code}, {"name", r.to}, {"short_name", r.to}});
  }
  if (merges.empty() && changes.empty()) return {};
  return bj::object{
      {"title", kDemoMergerTitle},
      {"legal_basis",
       "Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ; Nghị quyết của Hội đồng nhân "
       "dân tỉnh An Khang về thành lập, tổ chức lại các sở (dữ liệu mẫu)"},
      {"effective_on", format_iso_date(kDemoMergerDay)},
      {"merges", std::move(merges)},
      {"ends", std::move(ends)},
      {"changes", std::move(changes)}};
}

constexpr const char* kWardEconomyDivision = "Phòng Kinh tế, Hạ tầng và Đô thị";

const std::vector<const char*>& demo_commune_divisions() {
  static const std::vector<const char*> kDivisions = {"Văn phòng HĐND và UBND", "Phòng Kinh tế",
                                                      "Phòng Văn hóa - Xã hội",
                                                      "Trung tâm Phục vụ hành chính công"};
  return kDivisions;
}

bj::object demo_reform_plan(const OrgTree& org, std::string_view province_code) {
  const UnitInfo* province = nullptr;
  for (int64_t r : org.roots()) {
    const auto* u = org.find(r);
    if (u != nullptr && u->code == fmt::format("000.00.00.{}", province_code)) province = u;
  }
  bj::array new_units, merges, ends;
  if (province == nullptr) return {};
  // Level-2 codes free for the new communes: the departments use 01–21, the districts 31–47.
  std::vector<int> free_codes;
  for (int n = 48; n <= 99; ++n) free_codes.push_back(n);
  for (int n = 22; n <= 30; ++n) free_codes.push_back(n);
  std::size_t next_code = 0;
  std::set<std::string> names;
  const char* directions[] = {"Đông", "Tây", "Nam", "Bắc", "Trung"};
  for (const UnitInfo* district :
       children_at(org, province->id, identity::kDistrictLevel, /*committees=*/true)) {
    auto [district_kind, district_place] = place_of(district->name);
    bool urban = district_kind != "huyện";
    std::string kind_vi = urban ? "phường" : "xã";
    auto communes = children_at(org, district->id, identity::kCommuneLevel, true);
    // Three or four communes into one, as most provinces did in 2025.
    std::size_t groups = std::max<std::size_t>(1, (communes.size() + 2) / 4);
    std::vector<std::string> new_codes;
    for (std::size_t g = 0; g < groups && next_code < free_codes.size(); ++g) {
      std::vector<const UnitInfo*> members(
          communes.begin() + static_cast<std::ptrdiff_t>(g * communes.size() / groups),
          communes.begin() + static_cast<std::ptrdiff_t>((g + 1) * communes.size() / groups));
      // The first new commune keeps the district's name (its seat); the others take the name
      // of the first of their communes that no other new commune has taken.
      std::string place;
      if (g == 0 && !names.contains(district_place)) place = district_place;
      for (const UnitInfo* m : members) {
        if (!place.empty()) break;
        std::string p = place_of(m->name).second;
        if (!names.contains(p)) place = p;
      }
      for (std::size_t d = 0; place.empty(); ++d) {
        std::string p = fmt::format("{} {}", district_place, directions[d % std::size(directions)]);
        if (d >= std::size(directions)) p += fmt::format(" {}", d);
        if (!names.contains(p)) place = p;
      }
      names.insert(place);
      int nn = free_codes[next_code++];
      std::string code = fmt::format("000.00.{:02}.{}", nn, province_code);
      std::string full = fmt::format("{} {}", kind_vi, place);
      new_units.push_back(bj::object{{"code", code},
                                     {"name", "Ủy ban nhân dân " + full},
                                     {"short_name", "UBND " + full},
                                     {"level", identity::kCommuneLevel},
                                     {"kind", urban ? "ward" : "commune"},
                                     {"parent_code", province->code}});
      const auto& divisions = demo_commune_divisions();
      for (std::size_t k = 0; k < divisions.size(); ++k) {
        bool centre = k + 1 == divisions.size();
        std::string name = centre ? std::string(divisions[k]) + " " + full : divisions[k];
        // A ward's economy division also has infrastructure and urban affairs (Nghị định
        // 150/2025/NĐ-CP); procedures that name "Phòng Kinh tế" find it by that part of its name.
        if (urban && k == 1) name = kWardEconomyDivision;
        new_units.push_back(
            bj::object{{"code", fmt::format("000.{:02}.{:02}.{}", k + 1, nn, province_code)},
                       {"name", name},
                       {"short_name", centre ? "Trung tâm PVHCC " + full : name},
                       {"level", identity::kCommuneLevel},
                       {"kind", centre ? "service_centre" : "division"},
                       {"parent_code", code}});
      }
      bj::array old;
      for (const UnitInfo* m : members) old.push_back(bj::string(m->code));
      if (!old.empty())
        merges.push_back(bj::object{{"units", std::move(old)}, {"into", code}, {"staff_to", code}});
      new_codes.push_back(code);
    }
    if (new_codes.empty()) continue;
    // The district ends: its work and people go to its seat, its divisions to the seat's.
    std::string seat = new_codes.front();
    std::string seat_nn = seat.substr(7, 2);
    for (const UnitInfo* division :
         children_at(org, district->id, identity::kDistrictLevel, /*committees=*/false)) {
      std::string to =
          fmt::format("000.{:02}.{}.{}", successor_division(*division) + 1, seat_nn, province_code);
      ends.push_back(bj::object{
          {"unit", division->code}, {"successors", bj::array{bj::string(to)}}, {"staff_to", to}});
    }
    bj::array successors;
    for (const auto& c : new_codes) successors.push_back(bj::string(c));
    ends.push_back(bj::object{{"unit", district->code},
                              {"successors", std::move(successors)},
                              {"work_to", seat},
                              {"staff_to", seat}});
  }
  return bj::object{
      {"title", kDemoReformTitle},
      {"legal_basis",
       "Nghị quyết của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị hành chính cấp xã "
       "của tỉnh An Khang năm 2025 (dữ liệu mẫu)"},
      {"effective_on", format_iso_date(kDemoReformDay)},
      {"new_units", std::move(new_units)},
      {"merges", std::move(merges)},
      {"ends", std::move(ends)}};
}

}  // namespace tinhso::app
