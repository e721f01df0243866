#include "core/identity/reorganisation_plan.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/base/json.h"
#include "core/identity/agency_code.h"

namespace tinhso::identity {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxItems = 20000;

// Reads a list of codes at `key` of `r`'s object; a bad element is reported at `where`.
std::vector<std::string> read_codes(json::FieldReader& r, const bj::object& o, std::string_view key,
                                    const std::string& where) {
  std::vector<std::string> out;
  const bj::array* items = r.optional_array(key, kMaxItems);
  if (items == nullptr) return out;
  for (const auto& v : *items) {
    if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 13) {
      r.fail(key, fmt::format("{}: mỗi phần tử phải là một mã định danh đơn vị.", where));
      return {};
    }
    out.emplace_back(v.as_string());
  }
  (void)o;
  return out;
}

// A misspelt key ("merge" for "merges") would silently drop part of a plan: refused instead.
void refuse_unknown(json::FieldReader& r, const bj::object& o,
                    std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : o) {
    if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
      r.fail(std::string_view(key),
             "Trường này không có trong phương án sắp xếp (kiểm tra chính tả).");
  }
}

// Runs `read` on each object of the list at `key` with its own reader; every problem is
// reported on the plan's reader under "key[i].field".
template <class F>
void each_object(json::FieldReader& plan, const bj::object& root, std::string_view key,
                 std::initializer_list<std::string_view> known, F read) {
  const bj::array* items = plan.optional_array(key, kMaxItems);
  if (items == nullptr) return;
  for (std::size_t i = 0; i < items->size(); ++i) {
    std::string where = fmt::format("{}[{}]", key, i);
    const bj::value& item = (*items)[i];
    if (!item.is_object()) {
      plan.fail(where, "Phải là một đối tượng JSON.");
      continue;
    }
    json::FieldReader r(item.as_object());
    read(r, item.as_object(), where);
    refuse_unknown(r, item.as_object(), known);
    if (Status s = r.finish(); !s.ok()) {
      const bj::value& details = s.error().details();
      if (details.is_object() && details.as_object().contains("fields")) {
        for (const auto& [field, message] : details.at("fields").as_object())
          plan.fail(fmt::format("{}.{}", where, std::string_view(field)),
                    message.is_string() ? std::string(message.as_string()) : "Không hợp lệ.");
      } else {
        plan.fail(where, s.error().message());
      }
    }
  }
  (void)root;
}

bj::array codes_json(const std::vector<std::string>& codes) {
  bj::array a;
  for (const auto& c : codes) a.push_back(bj::value(c));
  return a;
}

// Names a unit in a message: "UBND xã Bình An (000.05.31.H47)".
std::string named(const OrgTree& org, std::string_view code) {
  const UnitInfo* u = org.find_by_code(code);
  return u == nullptr ? std::string(code) : fmt::format("{} ({})", u->name, code);
}

}  // namespace

bj::object ReorganisationPlan::to_json() const {
  // Absent optional fields are left out, so that read_plan() reads this back as it was.
  auto put = [](bj::object& o, std::string_view key, const std::optional<std::string>& v) {
    if (v) o[key] = *v;
  };
  bj::array units, ended, changed;
  for (const auto& u : new_units) {
    bj::object o{{"code", u.code},   {"name", u.name}, {"short_name", u.short_name},
                 {"level", u.level}, {"kind", u.kind}, {"parent_code", u.parent_code}};
    put(o, "address", u.address);
    put(o, "phone", u.phone);
    put(o, "email", u.email);
    units.push_back(std::move(o));
  }
  for (const auto& e : ends) {
    bj::object o{{"unit", e.code}, {"successors", codes_json(e.successors)}};
    if (!e.work_to.empty()) o["work_to"] = e.work_to;
    put(o, "staff_to", e.staff_to);
    ended.push_back(std::move(o));
  }
  for (const auto& c : changes) {
    bj::object o{{"unit", c.code}};
    put(o, "parent_code", c.parent_code);
    put(o, "code", c.new_code);
    put(o, "name", c.name);
    put(o, "short_name", c.short_name);
    changed.push_back(std::move(o));
  }
  return bj::object{{"title", title},
                    {"legal_basis", legal_basis},
                    {"effective_on", format_iso_date(effective_on)},
                    {"new_units", std::move(units)},
                    {"ends", std::move(ended)},
                    {"changes", std::move(changed)}};
}

Result<ReorganisationPlan> read_plan(const bj::value& v) {
  json::FieldReader r(v);
  ReorganisationPlan p;
  p.title = r.required_string("title", 300);
  p.legal_basis = r.required_string("legal_basis", 300);
  std::string day = r.required_string("effective_on", 10);
  if (!day.empty()) {
    auto d = parse_iso_date(day);
    if (d.ok()) {
      p.effective_on = *d;
    } else {
      r.fail("effective_on", "Ngày hiệu lực phải có dạng YYYY-MM-DD.");
    }
  }
  if (!v.is_object()) {
    TS_TRY(r.finish());
    return p;
  }
  const bj::object& root = v.as_object();
  refuse_unknown(r, root,
                 {"title", "legal_basis", "effective_on", "backdate", "new_units", "merges",
                  "splits", "ends", "changes"});
  each_object(
      r, root, "new_units",
      {"code", "name", "short_name", "level", "kind", "parent_code", "address", "phone", "email"},
      [&](json::FieldReader& u, const bj::object&, const auto&) {
        PlannedUnit n;
        n.code = u.required_string("code", 13);
        n.name = u.required_string("name", 300);
        n.short_name = u.optional_string("short_name", 100).value_or(n.name);
        n.level = u.required_string("level", 40);
        n.kind = u.required_string("kind", 40);
        n.parent_code = u.required_string("parent_code", 13);
        n.address = u.optional_string("address", 500);
        n.phone = u.optional_string("phone", 30);
        n.email = u.optional_string("email", 200);
        if (!n.code.empty() && !parse_agency_code(n.code))
          u.fail("code", "Mã định danh không đúng dạng LLL.KK.JJ.III (ví dụ: 000.00.12.H47).");
        p.new_units.push_back(std::move(n));
      });
  each_object(r, root, "merges", {"units", "into", "staff_to"},
              [&](json::FieldReader& m, const bj::object& o, const auto& at) {
                auto units = read_codes(m, o, "units", at);
                std::string into = m.required_string("into", 13);
                auto staff_to = m.optional_string("staff_to", 13);
                if (units.empty()) m.fail("units", "Cần ít nhất một đơn vị được hợp nhất.");
                for (auto& u : units) p.ends.push_back(PlannedEnd{u, {into}, into, staff_to, at});
              });
  each_object(r, root, "splits", {"unit", "into", "work_to", "staff_to"},
              [&](json::FieldReader& sp, const bj::object& o, const auto& at) {
                PlannedEnd e;
                e.code = sp.required_string("unit", 13);
                e.successors = read_codes(sp, o, "into", at);
                if (e.successors.size() < 2)
                  sp.fail("into", "Chia tách cần ít nhất hai đơn vị kế thừa.");
                e.work_to = sp.optional_string("work_to", 13)
                                .value_or(e.successors.empty() ? "" : e.successors.front());
                e.staff_to = sp.optional_string("staff_to", 13);
                e.source = at;
                p.ends.push_back(std::move(e));
              });
  each_object(r, root, "ends", {"unit", "successors", "work_to", "staff_to"},
              [&](json::FieldReader& en, const bj::object& o, const auto& at) {
                PlannedEnd e;
                e.code = en.required_string("unit", 13);
                e.successors = read_codes(en, o, "successors", at);
                e.work_to = en.optional_string("work_to", 13)
                                .value_or(e.successors.empty() ? "" : e.successors.front());
                e.staff_to = en.optional_string("staff_to", 13);
                e.source = at;
                p.ends.push_back(std::move(e));
              });
  each_object(r, root, "changes", {"unit", "parent_code", "code", "name", "short_name"},
              [&](json::FieldReader& c, const bj::object&, const auto&) {
                PlannedChange ch;
                ch.code = c.required_string("unit", 13);
                ch.parent_code = c.optional_string("parent_code", 13);
                ch.new_code = c.optional_string("code", 13);
                ch.name = c.optional_string("name", 300);
                ch.short_name = c.optional_string("short_name", 100);
                if (ch.new_code && !parse_agency_code(*ch.new_code))
                  c.fail("code", "Mã định danh mới không đúng dạng LLL.KK.JJ.III.");
                if (!ch.parent_code && !ch.new_code && !ch.name && !ch.short_name)
                  c.fail("unit", "Không có thay đổi nào (đơn vị cấp trên, mã, tên).");
                p.changes.push_back(std::move(ch));
              });
  if (!r.failed() && p.new_units.empty() && p.ends.empty() && p.changes.empty())
    r.fail("ends",
           "Phương án không có nội dung: cần ít nhất một đơn vị mới, kết thúc hoặc thay đổi.");
  TS_TRY(r.finish());
  return p;
}

std::vector<PlanProblem> check_plan(const ReorganisationPlan& plan, const OrgTree& org, Date today,
                                    bool backdate,
                                    const std::unordered_map<int64_t, UnitLoad>& load) {
  std::vector<PlanProblem> out;
  auto problem = [&](std::string where, std::string code, std::string message) {
    out.push_back({std::move(where), std::move(code), std::move(message)});
  };

  constexpr Date kEarliest{std::chrono::year(2000), std::chrono::January, std::chrono::day(1)};
  if (plan.effective_on < kEarliest || plan.effective_on > add_days(today, 3660)) {
    problem("effective_on", "date_out_of_range",
            fmt::format("Ngày hiệu lực {} nằm ngoài khoảng cho phép (từ 01/01/2000 đến 10 năm "
                        "sau hôm nay).",
                        format_vn_date(plan.effective_on)));
  } else if (plan.effective_on < today && !backdate) {
    problem("effective_on", "date_past",
            fmt::format("Ngày hiệu lực {} đã qua; chỉ ghi nhận việc sắp xếp đã diễn ra khi chọn "
                        "\"ghi nhận về trước\" (--backdate).",
                        format_vn_date(plan.effective_on)));
  }

  // Codes the plan creates, and the units it ends (by code), before anything else is checked.
  std::map<std::string, std::size_t> planned;  // code → index in new_units
  for (std::size_t i = 0; i < plan.new_units.size(); ++i) {
    const auto& u = plan.new_units[i];
    std::string at = fmt::format("new_units[{}]", i);
    if (!planned.emplace(u.code, i).second) {
      problem(at + ".code", "duplicate_code",
              fmt::format("Mã {} được dùng cho hai đơn vị mới trong phương án.", u.code));
    } else if (org.find_by_code(u.code) != nullptr || org.resolve_code(u.code) != nullptr) {
      problem(at + ".code", "code_in_use",
              fmt::format("Mã {} đã được dùng cho {}{}.", u.code,
                          org.find_by_code(u.code) != nullptr ? named(org, u.code)
                          : org.resolve_code(u.code) != nullptr
                              ? named(org, org.resolve_code(u.code)->code)
                              : std::string(u.code),
                          org.find_by_code(u.code) == nullptr ? " (mã cũ)" : ""));
    }
  }
  std::map<std::string, std::size_t> ending;  // code → index in ends
  for (std::size_t i = 0; i < plan.ends.size(); ++i) {
    const auto& e = plan.ends[i];
    std::string at = e.source.empty() ? fmt::format("ends[{}]", i) : e.source;
    const UnitInfo* u = org.find_by_code(e.code);
    if (u == nullptr) {
      problem(at + ".unit", "unknown_unit", fmt::format("Không có đơn vị mã {}.", e.code));
      continue;
    }
    if (!u->active) {
      problem(at + ".unit", "already_ended",
              fmt::format("{} đã kết thúc hoặc ngừng hoạt động.", named(org, e.code)));
      continue;
    }
    if (!ending.emplace(e.code, i).second) {
      problem(at + ".unit", "ended_twice",
              fmt::format("{} có mặt trong hai phương án hợp nhất, chia tách hoặc kết thúc.",
                          named(org, e.code)));
    }
  }
  std::map<std::string, std::size_t> changing;  // code → index in changes
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const auto& c = plan.changes[i];
    std::string at = fmt::format("changes[{}]", i);
    const UnitInfo* u = org.find_by_code(c.code);
    if (u == nullptr || !u->active) {
      problem(at + ".unit", u == nullptr ? "unknown_unit" : "already_ended",
              u == nullptr
                  ? fmt::format("Không có đơn vị mã {}.", c.code)
                  : fmt::format("{} đã kết thúc hoặc ngừng hoạt động.", named(org, c.code)));
      continue;
    }
    if (ending.contains(c.code)) {
      problem(at + ".unit", "changed_and_ended",
              fmt::format("{} vừa kết thúc vừa được điều chỉnh trong cùng phương án.",
                          named(org, c.code)));
    }
    if (!changing.emplace(c.code, i).second) {
      problem(at + ".unit", "changed_twice",
              fmt::format("{} được điều chỉnh hai lần; gộp thành một mục.", named(org, c.code)));
    }
  }

  // A unit the plan leaves in force: one in force today and not ended, or one it creates.
  auto in_force_after = [&](const std::string& code) {
    if (planned.contains(code)) return true;
    const UnitInfo* u = org.find_by_code(code);
    return u != nullptr && u->active && !ending.contains(code);
  };
  // A unit named to take over from `of` (or, with `as_parent`, to become its parent) must be in
  // force after the plan.
  auto check_target = [&](const std::string& where, const std::string& code, const std::string& of,
                          bool as_parent = false) {
    if (in_force_after(code)) return true;
    const UnitInfo* u = org.find_by_code(code);
    if (u == nullptr) {
      problem(where, "unknown_unit",
              fmt::format("{} mã {} (của {}) không có trong hệ thống hay trong phương án.",
                          as_parent ? "Đơn vị cấp trên" : "Đơn vị kế thừa", code, named(org, of)));
    } else {
      problem(where, as_parent ? "parent_ended" : "successor_ended",
              as_parent ? fmt::format("{} không thể làm đơn vị cấp trên của {} vì đã hoặc sẽ "
                                      "kết thúc.",
                                      named(org, code), named(org, of))
                        : fmt::format("{} không thể kế thừa {} vì chính nó đã hoặc sẽ kết thúc.",
                                      named(org, code), named(org, of)));
    }
    return false;
  };

  for (std::size_t i = 0; i < plan.ends.size(); ++i) {
    const auto& e = plan.ends[i];
    std::string at = e.source.empty() ? fmt::format("ends[{}]", i) : e.source;
    const UnitInfo* u = org.find_by_code(e.code);
    if (u == nullptr || !u->active) continue;
    auto it = load.find(u->id);
    UnitLoad l = it == load.end() ? UnitLoad{} : it->second;
    if (e.successors.empty() && l.open_work > 0) {
      problem(at + ".successors", "successor_missing",
              fmt::format("{} còn {} việc đang mở (hồ sơ, văn bản, nhiệm vụ) nhưng chưa có đơn vị "
                          "kế thừa.",
                          named(org, e.code), l.open_work));
    }
    for (const auto& s : e.successors) {
      if (s == e.code) {
        problem(at + ".successors", "successor_is_itself",
                fmt::format("{} không thể tự kế thừa chính nó.", named(org, e.code)));
        continue;
      }
      check_target(at + ".successors", s, e.code);
    }
    if ((!e.successors.empty() || !e.work_to.empty()) &&
        std::find(e.successors.begin(), e.successors.end(), e.work_to) == e.successors.end()) {
      problem(at + ".work_to", "work_to_not_successor",
              fmt::format("Đơn vị nhận việc đang mở của {} phải là một trong các đơn vị kế thừa.",
                          named(org, e.code)));
    }
    if (e.staff_to) {
      check_target(at + ".staff_to", *e.staff_to, e.code);
    } else if (l.officials > 0) {
      problem(at + ".staff_to", "staff_decision_needed",
              fmt::format("{} còn {} cán bộ: cần chỉ định đơn vị tiếp nhận cán bộ (staff_to) hoặc "
                          "điều chuyển họ trước.",
                          named(org, e.code), l.officials));
    }
  }

  // Parents after the plan, by code: for sub-units left behind, cycles and level ranks.
  std::map<std::string, std::string> parent_after;
  auto parent_of = [&](const std::string& code) -> std::optional<std::string> {
    if (auto it = parent_after.find(code); it != parent_after.end()) return it->second;
    if (auto it = planned.find(code); it != planned.end())
      return plan.new_units[it->second].parent_code;
    const UnitInfo* u = org.find_by_code(code);
    if (u == nullptr || !u->parent_id) return std::nullopt;
    const UnitInfo* p = org.find(*u->parent_id);
    return p == nullptr ? std::nullopt : std::optional<std::string>(p->code);
  };
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const auto& c = plan.changes[i];
    if (!c.parent_code) continue;
    std::string at = fmt::format("changes[{}].parent_code", i);
    if (*c.parent_code == c.code) {
      problem(at, "cycle", fmt::format("{} không thể trực thuộc chính nó.", named(org, c.code)));
      continue;
    }
    if (check_target(at, *c.parent_code, c.code, true)) parent_after[c.code] = *c.parent_code;
  }
  for (std::size_t i = 0; i < plan.new_units.size(); ++i) {
    const auto& n = plan.new_units[i];
    std::string at = fmt::format("new_units[{}]", i);
    if (!in_force_after(n.parent_code)) {
      const UnitInfo* p = org.find_by_code(n.parent_code);
      problem(at + ".parent_code", p == nullptr ? "unknown_unit" : "parent_ended",
              p == nullptr ? fmt::format("Không có đơn vị cấp trên mã {}.", n.parent_code)
                           : fmt::format("Đơn vị cấp trên {} đã hoặc sẽ kết thúc.",
                                         named(org, n.parent_code)));
    }
    const LevelInfo* level = org.level(n.level);
    const KindInfo* kind = org.kind(n.kind);
    if (level == nullptr) {
      problem(at + ".level", "unknown_level",
              fmt::format("Cấp \"{}\" không có trong danh mục cấp.", n.level));
    } else if (level->ended_by(plan.effective_on) || level->ended_by(today)) {
      problem(at + ".level", "level_ended",
              fmt::format("{} đã kết thúc trước ngày hiệu lực; đơn vị mới thuộc cấp đang có.",
                          level->label));
    }
    if (kind == nullptr) {
      problem(at + ".kind", "unknown_kind",
              fmt::format("Loại \"{}\" không có trong danh mục loại đơn vị.", n.kind));
    } else if (kind->at_level && *kind->at_level != n.level) {
      problem(at + ".kind", "kind_level",
              fmt::format("{} không thuộc cấp \"{}\".", kind->label, n.level));
    }
  }

  // Sub-units in force under a unit that ends must end or move too.
  for (const auto& [code, index] : ending) {
    const UnitInfo* u = org.find_by_code(code);
    if (u == nullptr) continue;
    for (int64_t child : org.children(u->id)) {
      const UnitInfo* c = org.find(child);
      if (c == nullptr || !c->active || ending.contains(c->code)) continue;
      auto p = parent_of(c->code);
      if (p && *p == code) {
        const auto& by = plan.ends[index];
        problem((by.source.empty() ? fmt::format("ends[{}]", index) : by.source) + ".unit",
                "subunit_left",
                fmt::format("{} trực thuộc {} nhưng không được kết thúc hay chuyển sang đơn vị "
                            "khác trong phương án.",
                            named(org, c->code), named(org, code)));
      }
    }
  }

  // Cycles and ranks along every chain a changed or new unit now sits on.
  auto rank_of = [&](const std::string& code) -> std::optional<int> {
    std::string level;
    if (auto it = planned.find(code); it != planned.end()) {
      level = plan.new_units[it->second].level;
    } else if (const UnitInfo* u = org.find_by_code(code)) {
      level = u->level;
    }
    const LevelInfo* l = org.level(level);
    return l == nullptr ? std::nullopt : std::optional<int>(l->rank);
  };
  std::vector<std::pair<std::string, std::string>> placed;  // (code, where)
  for (const auto& [code, i] : changing)
    if (plan.changes[i].parent_code) placed.emplace_back(code, fmt::format("changes[{}]", i));
  for (const auto& [code, i] : planned) placed.emplace_back(code, fmt::format("new_units[{}]", i));
  for (const auto& [code, where] : placed) {
    std::set<std::string> seen{code};
    std::string at = code;
    for (int guard = 0; guard < 64; ++guard) {
      auto p = parent_of(at);
      if (!p) break;
      if (!seen.insert(*p).second) {
        problem(where, "cycle",
                fmt::format("Sau sắp xếp, {} nằm dưới chính nó (vòng lặp đơn vị cấp trên).",
                            named(org, code)));
        break;
      }
      at = *p;
    }
    auto parent = parent_of(code);
    auto mine = rank_of(code);
    auto theirs = parent ? rank_of(*parent) : std::nullopt;
    if (mine && theirs && *mine < *theirs) {
      problem(where, "rank_above_parent",
              fmt::format("{} ở cấp cao hơn đơn vị cấp trên {}.", named(org, code),
                          named(org, *parent)));
    }
  }

  // Each placed or re-coded unit's code fits its parent's (QCVN 102:2016: the parent's used
  // levels plus the next one), with both codes as they are after the plan.
  auto code_after = [&](const std::string& code) {
    if (auto it = changing.find(code); it != changing.end() && plan.changes[it->second].new_code)
      return *plan.changes[it->second].new_code;
    return code;
  };
  std::vector<std::pair<std::string, std::string>> coded = placed;
  for (const auto& [code, i] : changing)
    if (plan.changes[i].new_code && !plan.changes[i].parent_code)
      coded.emplace_back(code, fmt::format("changes[{}]", i));
  // The sub-units that keep their code under a unit whose code changes must still fit it
  // (with_sub_unit_codes derives theirs; one that cannot be derived is reported here).
  for (const auto& [code, i] : changing) {
    const auto& c = plan.changes[i];
    if (!(c.new_code && *c.new_code != code) && !c.parent_code) continue;
    const UnitInfo* u = org.find_by_code(code);
    if (u == nullptr) continue;
    for (int64_t child : org.children(u->id)) {
      const UnitInfo* x = org.find(child);
      if (x == nullptr || !x->active || ending.contains(x->code) || changing.contains(x->code))
        continue;
      coded.emplace_back(x->code, fmt::format("changes[{}]", i));
    }
  }
  for (const auto& [code, where] : coded) {
    auto parent = parent_of(code);
    auto mine = parse_agency_code(code_after(code));
    if (!mine) continue;
    if (!parent) continue;
    auto theirs = parse_agency_code(code_after(*parent));
    if (!theirs) continue;
    if (std::string why = child_code_problem(*theirs, *mine); !why.empty()) {
      problem(where + ".code", "code_does_not_fit",
              fmt::format("Mã {} không hợp với đơn vị cấp trên {}: {} Cần cấp mã mới (\"code\").",
                          code_after(code), named(org, *parent), why));
    }
  }

  // Codes given by re-codes must be free.
  std::set<std::string> recoded;
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const auto& c = plan.changes[i];
    if (!c.new_code || *c.new_code == c.code) continue;
    std::string at = fmt::format("changes[{}].code", i);
    if (org.find_by_code(*c.new_code) != nullptr || org.resolve_code(*c.new_code) != nullptr ||
        planned.contains(*c.new_code) || !recoded.insert(*c.new_code).second) {
      problem(at, "code_in_use", fmt::format("Mã {} đã được dùng.", *c.new_code));
    }
  }
  return out;
}

ReorganisationPlan with_sub_unit_codes(const ReorganisationPlan& plan, const OrgTree& org) {
  ReorganisationPlan out = plan;
  std::set<std::string> ending;
  for (const auto& e : plan.ends) ending.insert(e.code);
  std::map<std::string, std::size_t> changing;  // code → index in out.changes
  for (std::size_t i = 0; i < plan.changes.size(); ++i) changing.emplace(plan.changes[i].code, i);
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const auto& c = plan.changes[i];
    if (!c.new_code || *c.new_code == c.code) continue;
    const UnitInfo* u = org.find_by_code(c.code);
    auto from = parse_agency_code(c.code);
    auto to = parse_agency_code(*c.new_code);
    if (u == nullptr || !from || !to) continue;
    std::vector<int64_t> todo = org.children(u->id);
    while (!todo.empty()) {
      const UnitInfo* x = org.find(todo.back());
      todo.pop_back();
      if (x == nullptr || !x->active || ending.contains(x->code)) continue;
      auto it = changing.find(x->code);
      // A sub-unit the plan moves or re-codes itself: its own code, and its sub-units from it.
      if (it != changing.end() &&
          (out.changes[it->second].new_code || out.changes[it->second].parent_code))
        continue;
      for (int64_t grandchild : org.children(x->id)) todo.push_back(grandchild);
      auto mine = parse_agency_code(x->code);
      auto rebased = mine ? rebase_code(*mine, *from, *to) : std::nullopt;
      if (!rebased) continue;  // check_plan reports it as not fitting
      if (it != changing.end()) {
        out.changes[it->second].new_code = rebased->str();  // renamed in the plan, re-coded here
      } else {
        PlannedChange derived;
        derived.code = x->code;
        derived.new_code = rebased->str();
        changing.emplace(x->code, out.changes.size());
        out.changes.push_back(std::move(derived));
      }
    }
  }
  return out;
}

bj::array problems_json(const std::vector<PlanProblem>& problems) {
  bj::array a;
  for (const auto& p : problems)
    a.push_back(bj::object{{"where", p.where}, {"code", p.code}, {"message", p.message}});
  return a;
}

Error plan_refused(const std::vector<PlanProblem>& problems) {
  return Error(422, "reorganisation.invalid_plan",
               fmt::format("Phương án sắp xếp có {} vấn đề cần sửa; chưa có thay đổi nào được "
                           "thực hiện.",
                           problems.size()),
               bj::object{{"problems", problems_json(problems)}});
}

}  // namespace tinhso::identity
