#include "core/identity/org_tree.h"

#include <spdlog/spdlog.h>

namespace tinhso::identity {

std::string_view level_name(UnitLevel l) {
  switch (l) {
    case UnitLevel::kProvince:
      return "province";
    case UnitLevel::kDistrict:
      return "district";
    case UnitLevel::kCommune:
      return "commune";
  }
  return "province";
}

std::string_view level_label_vi(UnitLevel l) {
  switch (l) {
    case UnitLevel::kProvince:
      return "Cấp tỉnh";
    case UnitLevel::kDistrict:
      return "Cấp huyện";
    case UnitLevel::kCommune:
      return "Cấp xã";
  }
  return "Cấp tỉnh";
}

std::optional<UnitLevel> parse_level(std::string_view s) {
  if (s == "province") return UnitLevel::kProvince;
  if (s == "district") return UnitLevel::kDistrict;
  if (s == "commune") return UnitLevel::kCommune;
  return std::nullopt;
}

Result<std::shared_ptr<const OrgTree>> OrgTree::load(storage::Tx& tx) {
  auto tree = std::make_shared<OrgTree>();
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT id, parent_id, code, name, short_name, level, kind, active "
                               "FROM units ORDER BY sort_order, id"));
  for (auto r : rows) {
    UnitInfo u;
    u.id = r.i64(0);
    u.parent_id = r.opt_i64(1);
    u.code = r.str(2);
    u.name = r.str(3);
    u.short_name = r.str(4);
    u.level = parse_level(r.view(5)).value_or(UnitLevel::kProvince);
    u.kind = r.str(6);
    u.active = r.boolean(7);
    tree->by_code_[u.code] = u.id;
    tree->children_[u.parent_id.value_or(0)].push_back(u.id);
    tree->units_.emplace(u.id, std::move(u));
  }
  return std::shared_ptr<const OrgTree>(std::move(tree));
}

const UnitInfo* OrgTree::find(int64_t id) const {
  auto it = units_.find(id);
  return it == units_.end() ? nullptr : &it->second;
}

const UnitInfo* OrgTree::find_by_code(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : find(it->second);
}

bool OrgTree::within(int64_t unit, int64_t ancestor) const {
  for (int guard = 0; guard < 64; ++guard) {
    if (unit == ancestor) return true;
    const UnitInfo* u = find(unit);
    if (u == nullptr || !u->parent_id) return false;
    unit = *u->parent_id;
  }
  return false;
}

std::vector<int64_t> OrgTree::lineage(int64_t unit) const {
  std::vector<int64_t> out;
  for (const UnitInfo* u = find(unit); u != nullptr && out.size() < 64;
       u = u->parent_id ? find(*u->parent_id) : nullptr) {
    out.push_back(u->id);
  }
  return out;
}

const std::vector<int64_t>& OrgTree::children(int64_t unit) const {
  static const std::vector<int64_t> kNone;
  auto it = children_.find(unit);
  return it == children_.end() ? kNone : it->second;
}

std::vector<int64_t> OrgTree::roots() const {
  return children(0);
}

}  // namespace tinhso::identity
