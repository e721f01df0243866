#include "core/identity/org_tree.h"

#include <spdlog/spdlog.h>

namespace tinhso::identity {

Result<std::shared_ptr<const OrgTree>> OrgTree::load(storage::Tx& tx) {
  auto tree = std::make_shared<OrgTree>();
  TS_ASSIGN_OR_RETURN(
      auto levels,
      tx.query("SELECT key, label_vi, level_rank, ended_on FROM unit_levels ORDER BY level_rank"));
  for (auto r : levels)
    tree->levels_.push_back({r.str(0), r.str(1), static_cast<int>(r.i64(2)), r.opt_str(3)});
  TS_ASSIGN_OR_RETURN(
      auto kinds,
      tx.query("SELECT key, label_vi, at_level, committee FROM unit_kinds ORDER BY list_order"));
  for (auto r : kinds) tree->kinds_.push_back({r.str(0), r.str(1), r.opt_str(2), r.boolean(3)});
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT id, parent_id, code, name, short_name, level, kind, active, "
                               "ended_on FROM units ORDER BY sort_order, id"));
  for (auto r : rows) {
    UnitInfo u;
    u.id = r.i64(0);
    u.parent_id = r.opt_i64(1);
    u.code = r.str(2);
    u.name = r.str(3);
    u.short_name = r.str(4);
    u.level = r.str(5);
    u.kind = r.str(6);
    u.active = r.boolean(7);
    u.ended_on = r.opt_str(8);
    tree->by_code_[u.code] = u.id;
    tree->children_[u.parent_id.value_or(0)].push_back(u.id);
    tree->units_.emplace(u.id, std::move(u));
  }
  TS_ASSIGN_OR_RETURN(auto successions,
                      tx.query("SELECT predecessor_id, successor_id, takes_work FROM "
                               "unit_successions ORDER BY predecessor_id, successor_id"));
  for (auto r : successions) {
    tree->successors_[r.i64(0)].push_back({r.i64(1), r.boolean(2)});
    tree->predecessors_[r.i64(1)].push_back(r.i64(0));
  }
  TS_ASSIGN_OR_RETURN(auto former, tx.query("SELECT code, unit_id FROM unit_former_codes"));
  for (auto r : former) {
    tree->by_former_code_[r.str(0)] = r.i64(1);
    tree->former_codes_[r.i64(1)].push_back(r.str(0));
  }
  return std::shared_ptr<const OrgTree>(std::move(tree));
}

bool LevelInfo::ended_by(Date today) const {
  if (!ended_on) return false;
  auto last = parse_iso_date(*ended_on);
  return last.ok() && today > *last;
}

const LevelInfo* OrgTree::level(std::string_view key) const {
  for (const auto& l : levels_)
    if (l.key == key) return &l;
  return nullptr;
}

const KindInfo* OrgTree::kind(std::string_view key) const {
  for (const auto& k : kinds_)
    if (k.key == key) return &k;
  return nullptr;
}

std::string_view OrgTree::level_label(std::string_view key) const {
  const LevelInfo* l = level(key);
  return l ? std::string_view(l->label) : key;
}

bool OrgTree::is_committee(const UnitInfo& u) const {
  const KindInfo* k = kind(u.kind);
  return k != nullptr && k->committee;
}

const UnitInfo* OrgTree::find(int64_t id) const {
  auto it = units_.find(id);
  return it == units_.end() ? nullptr : &it->second;
}

const UnitInfo* OrgTree::find_by_code(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : find(it->second);
}

const UnitInfo* OrgTree::resolve_code(std::string_view code) const {
  const UnitInfo* u = find_by_code(code);
  if (u == nullptr) {
    auto it = by_former_code_.find(std::string(code));
    if (it == by_former_code_.end()) return nullptr;
    u = find(it->second);
  }
  return u == nullptr ? nullptr : find(work_successor(u->id));
}

int64_t OrgTree::work_successor(int64_t unit) const {
  // Plans refuse cycles; the guard only bounds a damaged table.
  for (int guard = 0; guard < 64; ++guard) {
    const UnitInfo* u = find(unit);
    if (u == nullptr || u->active) return unit;
    int64_t next = 0;
    for (const auto& s : successors(unit))
      if (s.takes_work) next = s.successor;
    if (next == 0) return unit;
    unit = next;
  }
  return unit;
}

const std::vector<Succession>& OrgTree::successors(int64_t unit) const {
  static const std::vector<Succession> kNone;
  auto it = successors_.find(unit);
  return it == successors_.end() ? kNone : it->second;
}

const std::vector<int64_t>& OrgTree::predecessors(int64_t unit) const {
  static const std::vector<int64_t> kNone;
  auto it = predecessors_.find(unit);
  return it == predecessors_.end() ? kNone : it->second;
}

std::vector<std::string> OrgTree::inherited_codes(int64_t unit) const {
  std::vector<std::string> out;
  std::vector<int64_t> stack{unit};
  for (int guard = 0; !stack.empty() && guard < 100000; ++guard) {
    int64_t u = stack.back();
    stack.pop_back();
    if (auto it = former_codes_.find(u); it != former_codes_.end())
      out.insert(out.end(), it->second.begin(), it->second.end());
    for (int64_t p : predecessors(u)) {
      bool took_work = false;
      for (const auto& s : successors(p))
        took_work = took_work || (s.successor == u && s.takes_work);
      if (!took_work) continue;
      if (const UnitInfo* info = find(p)) out.push_back(info->code);
      stack.push_back(p);
    }
  }
  return out;
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
