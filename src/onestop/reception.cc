#include "onestop/reception.h"

#include <algorithm>
#include <string>

#include "onestop/permissions.h"
#include "onestop/procedure.h"

namespace tinhso::onestop {
namespace {

bool level_in_force(const identity::OrgTree& org, const identity::UnitInfo& u, Date today) {
  const auto* level = org.level(u.level);
  return level != nullptr && !level->ended_by(today);
}

// A unit under an inactive one (a dissolved commune's centre) is out of service too.
bool active_line(const identity::OrgTree& org, int64_t unit) {
  for (int64_t id : org.lineage(unit)) {
    const auto* u = org.find(id);
    if (u == nullptr || !u->active) return false;
  }
  return true;
}

int64_t province_of(const identity::OrgTree& org, int64_t unit) {
  auto line = org.lineage(unit);
  return line.empty() ? unit : line.back();
}

Error not_a_reception_point() {
  return Error::validation(
      "desk_unit_id",
      "Nơi tiếp nhận được chọn không tiếp nhận hồ sơ này. Hãy chọn Trung tâm "
      "Phục vụ hành chính công hoặc Bộ phận Một cửa đang hoạt động trong tỉnh.");
}

}  // namespace

bool is_reception_point(const identity::OrgTree& org, int64_t unit, Date today) {
  const auto* u = org.find(unit);
  if (u == nullptr || !level_in_force(org, *u, today) || !active_line(org, unit)) return false;
  if (u->kind == "service_centre") return true;
  return u->level == identity::kCommuneLevel && org.is_committee(*u) && desk_for(unit, org) == unit;
}

std::vector<int64_t> reception_points(const identity::OrgTree& org, int64_t unit, Date today) {
  std::vector<int64_t> out;
  std::vector<int64_t> stack{province_of(org, unit)};
  while (!stack.empty()) {
    int64_t id = stack.back();
    stack.pop_back();
    if (is_reception_point(org, id, today)) out.push_back(id);
    const auto& children = org.children(id);
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return out;
}

std::vector<int64_t> points_for(const identity::OrgTree& org, std::span<const int64_t> agencies,
                                bool anywhere, Date today) {
  std::vector<int64_t> out;
  if (agencies.empty()) return out;
  int64_t own = desk_for(agencies.front(), org);
  bool shared = std::all_of(agencies.begin(), agencies.end(),
                            [&](int64_t a) { return desk_for(a, org) == own; });
  if (shared) out.push_back(own);
  if (!anywhere) return out;
  // The province's points are every agency's: walked once, whatever the number of agencies.
  for (int64_t point : reception_points(org, agencies.front(), today)) {
    if (!shared || point != own) out.push_back(point);  // the shared desk is listed already
  }
  return out;
}

int64_t receiving_agency(const identity::OrgTree& org, int64_t desk, int64_t agency) {
  if (desk == desk_for(agency, org)) return agency;
  // The nearest people's committee at or above the receiving point.
  for (int64_t id : org.lineage(desk)) {
    const auto* u = org.find(id);
    if (u != nullptr && org.is_committee(*u)) return id;
  }
  return desk;
}

Result<int64_t> choose_desk(const DeskChoice& c, const identity::OrgTree& org,
                            const identity::Authorizer& authorizer, Date today) {
  int64_t own = desk_for(c.agency, org);
  if (c.asked) {
    auto points = points_for(org, {&c.agency, 1}, c.anywhere, today);
    if (std::find(points.begin(), points.end(), *c.asked) != points.end()) return *c.asked;
    if (!c.anywhere) {
      const auto* u = org.find(own);
      return Error::validation("desk_unit_id",
                               "Thủ tục này chỉ tiếp nhận tại " +
                                   (u ? u->name : std::string("cơ quan giải quyết")) + ".");
    }
    return not_a_reception_point();
  }
  if (c.counter == nullptr || !c.anywhere ||
      authorizer.check(*c.counter, kReceiveDossier, own).ok())
    return own;
  // An officer at another centre receiving at the counter: their own reception point.
  std::vector<int64_t> mine;
  for (int64_t point : reception_points(org, c.agency, today)) {
    if (authorizer.check(*c.counter, kReceiveDossier, point).ok()) mine.push_back(point);
  }
  if (mine.size() == 1) return mine.front();
  if (mine.empty()) return own;  // the caller's authorisation at `own` answers 403
  return Error::validation("desk_unit_id", "Chọn nơi tiếp nhận hồ sơ.");
}

std::vector<int64_t> result_points_for(const identity::OrgTree& org, int64_t desk, int64_t agency) {
  std::vector<int64_t> out{desk};
  int64_t own = desk_for(agency, org);
  if (own != desk && active_line(org, own)) out.push_back(own);
  return out;
}

Result<std::optional<int64_t>> choose_result_point(std::optional<int64_t> asked,
                                                   std::string_view return_method, int64_t desk,
                                                   int64_t agency, const identity::OrgTree& org) {
  if (!asked || *asked == desk) return std::optional<int64_t>();
  if (return_method == "post" || return_method == "online") {
    return Error::validation("result_unit_id",
                             "Nơi nhận kết quả chỉ chọn khi nhận kết quả trực tiếp tại bộ phận "
                             "một cửa.");
  }
  auto points = result_points_for(org, desk, agency);
  if (std::find(points.begin(), points.end(), *asked) != points.end())
    return std::optional<int64_t>(*asked);
  return Error::validation("result_unit_id",
                           "Kết quả chỉ được trả tại nơi tiếp nhận hồ sơ hoặc tại bộ phận một cửa "
                           "của cơ quan giải quyết.");
}

}  // namespace tinhso::onestop
