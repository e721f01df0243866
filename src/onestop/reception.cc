#include "onestop/reception.h"

#include <algorithm>
#include <string>

#include "onestop/permissions.h"
#include "onestop/procedure.h"

namespace tinhso::onestop {
namespace {

bool level_in_force(const identity::OrgTree& org, const identity::UnitInfo& u, Date today) {
  const auto* level = org.level(u.level);
  // ISO dates compare as strings.
  return level != nullptr && (!level->ended_on || *level->ended_on >= format_iso_date(today));
}

int64_t province_of(const identity::OrgTree& org, int64_t unit) {
  auto line = org.lineage(unit);
  return line.empty() ? unit : line.back();
}

Error not_a_reception_point() {
  return Error::validation("desk_unit_id",
                           "Nơi tiếp nhận được chọn không phải là Trung tâm Phục vụ hành chính "
                           "công hay Bộ phận Một cửa của tỉnh.");
}

}  // namespace

bool is_reception_point(const identity::OrgTree& org, int64_t unit, Date today) {
  const auto* u = org.find(unit);
  if (u == nullptr || !u->active || !level_in_force(org, *u, today)) return false;
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

int64_t receiving_agency(const identity::OrgTree& org, int64_t desk, int64_t agency) {
  if (desk == desk_for(agency, org)) return agency;
  const auto* d = org.find(desk);
  if (d != nullptr && d->kind == "service_centre" && d->parent_id) return *d->parent_id;
  return desk;
}

Result<int64_t> choose_desk(const DeskChoice& c, const identity::OrgTree& org,
                            const identity::Authorizer& authorizer, Date today) {
  int64_t own = desk_for(c.agency, org);
  if (c.asked) {
    if (*c.asked == own) return own;
    if (!c.anywhere) {
      const auto* u = org.find(own);
      return Error::validation("desk_unit_id",
                               "Thủ tục này chỉ tiếp nhận tại " +
                                   (u ? u->name : std::string("cơ quan giải quyết")) + ".");
    }
    if (!is_reception_point(org, *c.asked, today) ||
        province_of(org, *c.asked) != province_of(org, c.agency))
      return not_a_reception_point();
    return *c.asked;
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

}  // namespace tinhso::onestop
