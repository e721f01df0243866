#include "core/identity/agency_code.h"

#include <fmt/format.h>

#include <algorithm>

namespace tinhso::identity {
namespace {

bool digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool zero(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '0'; });
}

}  // namespace

std::optional<AgencyCode> parse_agency_code(std::string_view s) {
  if (s.size() != 13 || s[3] != '.' || s[6] != '.' || s[9] != '.') return std::nullopt;
  AgencyCode c{std::string(s.substr(0, 3)), std::string(s.substr(4, 2)),
               std::string(s.substr(7, 2)), std::string(s.substr(10, 3)), 1};
  if (!digits(c.l4) || !digits(c.l3) || !digits(c.l2)) return std::nullopt;
  if (c.l1[0] < 'A' || c.l1[0] > 'Z' || !digits(c.l1.substr(1))) return std::nullopt;
  // Used levels are contiguous from the right.
  bool u2 = !zero(c.l2), u3 = !zero(c.l3), u4 = !zero(c.l4);
  if ((u3 && !u2) || (u4 && !u3)) return std::nullopt;
  c.depth = 1 + (u2 ? 1 : 0) + (u3 ? 1 : 0) + (u4 ? 1 : 0);
  return c;
}

std::string child_code_problem(const AgencyCode& parent, const AgencyCode& child) {
  if (child.depth != parent.depth + 1) {
    return fmt::format("Mã đơn vị trực thuộc phải có {} cấp (mã đơn vị cấp trên có {} cấp).",
                       parent.depth + 1, parent.depth);
  }
  bool same = child.l1 == parent.l1 && (parent.depth < 2 || child.l2 == parent.l2) &&
              (parent.depth < 3 || child.l3 == parent.l3);
  if (!same) {
    return fmt::format("Mã {} không thuộc mã của đơn vị cấp trên {}.", child.str(), parent.str());
  }
  return {};
}

std::optional<AgencyCode> rebase_code(const AgencyCode& code, const AgencyCode& ancestor,
                                      const AgencyCode& renamed) {
  if (code.depth <= ancestor.depth) return std::nullopt;
  // Levels 2..4 by number; level 1 (the province or ministry) is never a unit's own level here.
  auto level = [](const AgencyCode& c, int k) -> const std::string& {
    return k == 2 ? c.l2 : k == 3 ? c.l3 : c.l4;
  };
  AgencyCode out = renamed;
  int depth = renamed.depth;
  for (int k = ancestor.depth + 1; k <= code.depth; ++k) {
    if (++depth > 4) return std::nullopt;
    int value = std::stoi(level(code, k));
    int width = depth == 4 ? 3 : 2;
    if (value >= (width == 3 ? 1000 : 100)) return std::nullopt;
    std::string text = fmt::format("{:0{}}", value, width);
    (depth == 2 ? out.l2 : depth == 3 ? out.l3 : out.l4) = text;
  }
  out.depth = depth;
  return out;
}

}  // namespace tinhso::identity
