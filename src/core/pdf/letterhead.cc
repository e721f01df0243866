#include "core/pdf/letterhead.h"

#include <fmt/format.h>

#include "core/base/text.h"

namespace tinhso::pdf {

std::vector<std::string> agency_lines(const identity::OrgTree& org, int64_t unit_id) {
  const auto* u = org.find(unit_id);
  if (u == nullptr) return {""};
  std::vector<std::string> lines;
  if (u->parent_id) {
    if (const auto* p = org.find(*u->parent_id))
      lines.push_back(text::upper(p->short_name.empty() ? p->name : p->short_name));
  }
  lines.push_back(text::upper(u->name));
  return lines;
}

std::string province_place_name(const identity::OrgTree& org) {
  auto roots = org.roots();
  if (roots.empty()) return "";
  std::string name = org.find(roots.front())->name;
  for (std::string_view prefix : {"Ủy ban nhân dân tỉnh ", "UBND tỉnh ", "Tỉnh ", "Thành phố "}) {
    if (name.starts_with(prefix)) return name.substr(prefix.size());
  }
  return name;
}

std::string place_date(const identity::OrgTree& org, Instant t) {
  Date d = local_date(t);
  return fmt::format("{}, ngày {:02} tháng {:02} năm {}", province_place_name(org),
                     static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                     static_cast<int>(d.year()));
}

}  // namespace tinhso::pdf
