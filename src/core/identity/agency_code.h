// Electronic agency codes (mã định danh điện tử của cơ quan, tổ chức) per QCVN 102:2016/BTTTT
// and Quyết định 20/2020/QĐ-TTg: "LLL.KK.JJ.III", read from the right. III is level 1 (G or
// H plus two digits: a ministry or a province), JJ level 2, KK level 3, LLL level 4; unused
// levels are zeros, and used levels are contiguous from the right.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tinhso::identity {

struct AgencyCode {
  std::string l4, l3, l2, l1;  // "000", "05", "31", "H47"
  int depth = 1;               // number of used levels, 1..4

  std::string str() const { return l4 + "." + l3 + "." + l2 + "." + l1; }
};

std::optional<AgencyCode> parse_agency_code(std::string_view s);
// Why `child` cannot be a unit directly under `parent`, or empty when it can: same used
// levels as the parent plus exactly the next one.
std::string child_code_problem(const AgencyCode& parent, const AgencyCode& child);

// The code of a unit under `ancestor` once the ancestor is coded `renamed`: the ancestor's
// levels replaced by the new ones, the unit's own levels below them kept (moved up or down when
// the ancestor's depth changes). Empty when they do not fit: more than four levels, or a number
// too wide for its level (level 4 has three digits, levels 2 and 3 two).
std::optional<AgencyCode> rebase_code(const AgencyCode& code, const AgencyCode& ancestor,
                                      const AgencyCode& renamed);

}  // namespace tinhso::identity
