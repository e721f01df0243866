#include "core/identity/reorganisation.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <unordered_map>

#include "core/audit/change_log.h"
#include "core/base/json.h"
#include "core/base/text.h"
#include "core/identity/org_tree.h"
#include "core/identity/units.h"
#include "core/storage/snapshot_cache.h"

namespace tinhso::identity {
namespace {

namespace bj = boost::json;

constexpr std::string_view kColumns =
    "id, title, legal_basis, effective_on, status, step, plan, report, moved, to_move, "
    "created_by, created_at, updated_at, version, applied_at";

Result<Reorganisation> from_row(const storage::Rows::Row& r) {
  Reorganisation o;
  o.id = r.i64(0);
  o.title = r.str(1);
  o.legal_basis = r.str(2);
  TS_ASSIGN_OR_RETURN(o.effective_on, parse_iso_date(r.view(3)));
  o.status = r.str(4);
  o.step = r.str(5);
  TS_ASSIGN_OR_RETURN(auto plan, json::parse(r.view(6)));
  TS_ASSIGN_OR_RETURN(auto report, json::parse(r.view(7)));
  if (plan.is_object()) o.plan = plan.as_object();
  if (report.is_object()) o.report = report.as_object();
  o.moved = r.i64(8);
  o.to_move = r.i64(9);
  o.created_by = r.opt_i64(10);
  o.created_at = r.i64(11);
  o.updated_at = r.i64(12);
  o.version = r.i64(13);
  o.applied_at = r.opt_i64(14);
  return o;
}

bj::object unit_ref(const OrgTree& org, int64_t id) {
  const UnitInfo* u = org.find(id);
  if (u == nullptr) return bj::object{{"id", id}};
  return bj::object{{"id", id}, {"code", u->code}, {"name", u->name}};
}

bj::object code_ref(const OrgTree& org, const ReorganisationPlan& plan, const std::string& code) {
  if (const UnitInfo* u = org.find_by_code(code)) return unit_ref(org, u->id);
  for (const auto& n : plan.new_units)
    if (n.code == code) return bj::object{{"code", code}, {"name", n.name}, {"new", true}};
  return bj::object{{"code", code}};
}

// The unit carrying `code` now, or the one that carried it before a re-code.
Result<std::optional<int64_t>> unit_id_by_code(storage::Tx& tx, std::string_view code) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM units WHERE code = $1 UNION ALL "
                                          "SELECT unit_id FROM unit_former_codes WHERE code = $1",
                                          {code}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().i64(0));
}

Result<int64_t> required_unit(storage::Tx& tx, std::string_view code) {
  TS_ASSIGN_OR_RETURN(auto id, unit_id_by_code(tx, code));
  if (!id)
    return Error::conflict("reorganisation.unknown_unit",
                           fmt::format("Không có đơn vị mã {}.", code));
  return *id;
}

// Places the unit `id` (and everything below it) under `parent` in the closure table.
Status reparent(audit::ChangeTx& tx, int64_t id, int64_t parent) {
  storage::Tx& sql = tx.sql();
  TS_TRY(
      sql.exec("DELETE FROM unit_closure WHERE unit_id IN (SELECT unit_id FROM unit_closure "
               "WHERE ancestor_id = $1) AND ancestor_id NOT IN (SELECT unit_id FROM "
               "unit_closure WHERE ancestor_id = $1)",
               {id}));
  TS_TRY(
      sql.exec("INSERT INTO unit_closure (ancestor_id, unit_id, depth) SELECT a.ancestor_id, "
               "b.unit_id, a.depth + b.depth + 1 FROM unit_closure a, unit_closure b WHERE "
               "a.unit_id = $2 AND b.ancestor_id = $1",
               {id, parent}));
  TS_TRY(
      sql.exec("UPDATE units SET parent_id = $2, updated_at = $3, version = version + 1 WHERE "
               "id = $1",
               {id, parent, tx.now_ms()}));
  return ok_status();
}

}  // namespace

std::string_view reorganisation_status_label_vi(std::string_view status) {
  if (status == "scheduled") return "Chờ đến ngày hiệu lực";
  if (status == "applying") return "Đang thực hiện";
  if (status == "applied") return "Đã thực hiện";
  if (status == "cancelled") return "Đã hủy";
  return status;
}

bj::object Reorganisation::to_json() const {
  return bj::object{
      {"id", id},
      {"title", title},
      {"legal_basis", legal_basis},
      {"effective_on", format_iso_date(effective_on)},
      {"status", status},
      {"status_label", reorganisation_status_label_vi(status)},
      {"step", step},
      {"moved", moved},
      {"to_move", to_move},
      {"plan", plan},
      {"report", report},
      {"created_by", created_by ? bj::value(*created_by) : bj::value(nullptr)},
      {"created_at", created_at},
      {"applied_at", applied_at ? bj::value(*applied_at) : bj::value(nullptr)},
      {"version", version},
  };
}

struct Reorganiser::Load {
  std::unordered_map<int64_t, UnitLoad> units;
  std::unordered_map<int64_t, std::vector<int64_t>> counts;  // per ended unit, per mover
};

Reorganiser::Reorganiser(Services& s, std::vector<UnitMover> movers, int64_t batch_size)
    : s_(s), movers_(std::move(movers)), batch_size_(batch_size) {}

Result<Reorganiser::Load> Reorganiser::load_of(const ReorganisationPlan& plan, const OrgTree& org) {
  return s_.db.read([&](storage::Tx& tx) -> Result<Load> {
    Load load;
    for (const auto& e : plan.ends) {
      const UnitInfo* u = org.find_by_code(e.code);
      if (u == nullptr || load.counts.contains(u->id)) continue;
      auto& counts = load.counts[u->id];
      auto& l = load.units[u->id];
      for (const auto& m : movers_) {
        TS_ASSIGN_OR_RETURN(int64_t n, m.count(tx, u->id));
        counts.push_back(n);
        if (m.target == UnitMover::Target::kWork) l.open_work += n;
        if (m.key == "officials") l.officials += n;
      }
    }
    return load;
  });
}

Result<std::vector<PlanProblem>> Reorganiser::overlaps(const ReorganisationPlan& plan) {
  // Units another accepted plan still has to end, change or create.
  TS_ASSIGN_OR_RETURN(auto rows, s_.db.read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT id, plan FROM reorganisations WHERE status IN ('scheduled', "
        "'applying')");
  }));
  std::map<std::string, int64_t> taken;
  for (auto r : rows) {
    TS_ASSIGN_OR_RETURN(auto doc, json::parse(r.view(1)));
    auto other = read_plan(doc);
    if (!other.ok()) continue;  // stored by this code: always readable
    for (const auto& e : other->ends) taken.emplace(e.code, r.i64(0));
    for (const auto& c : other->changes) taken.emplace(c.code, r.i64(0));
    for (const auto& n : other->new_units) taken.emplace(n.code, r.i64(0));
  }
  std::vector<PlanProblem> out;
  auto check = [&](const std::string& code, const std::string& where) {
    if (auto it = taken.find(code); it != taken.end())
      out.push_back(
          {where, "in_other_plan",
           fmt::format("Đơn vị mã {} đã có trong phương án số {} chưa thực hiện xong; hủy "
                       "phương án đó hoặc chờ nó thực hiện xong.",
                       code, it->second)});
  };
  for (std::size_t i = 0; i < plan.ends.size(); ++i)
    check(
        plan.ends[i].code,
        (plan.ends[i].source.empty() ? fmt::format("ends[{}]", i) : plan.ends[i].source) + ".unit");
  for (std::size_t i = 0; i < plan.changes.size(); ++i)
    check(plan.changes[i].code, fmt::format("changes[{}].unit", i));
  for (std::size_t i = 0; i < plan.new_units.size(); ++i)
    check(plan.new_units[i].code, fmt::format("new_units[{}].code", i));
  return out;
}

Result<bj::object> Reorganiser::dry_run(const ReorganisationPlan& given, bool backdate) {
  std::vector<PlanProblem> problems;
  return report_of(with_sub_unit_codes(given, *s_.org.get()), backdate, problems);
}

Result<bj::object> Reorganiser::report_of(const ReorganisationPlan& plan, bool backdate,
                                          std::vector<PlanProblem>& problems) {
  auto org = s_.org.get();
  Date today = local_date(s_.clock.now());
  TS_ASSIGN_OR_RETURN(Load load, load_of(plan, *org));
  problems = check_plan(plan, *org, today, backdate, load.units);
  TS_ASSIGN_OR_RETURN(auto taken, overlaps(plan));
  problems.insert(problems.end(), taken.begin(), taken.end());

  bj::array created, ended, changed, moves, needs_decision, items;
  for (const auto& m : movers_)
    items.push_back(
        bj::object{{"key", m.key},
                   {"label", m.label},
                   {"target", m.target == UnitMover::Target::kWork ? "work" : "staff"}});
  for (const auto& n : plan.new_units) {
    created.push_back(bj::object{{"code", n.code},
                                 {"name", n.name},
                                 {"level", n.level},
                                 {"kind", n.kind},
                                 {"parent", code_ref(*org, plan, n.parent_code)}});
  }
  int64_t to_move = 0;
  for (const auto& e : plan.ends) {
    const UnitInfo* u = org->find_by_code(e.code);
    bj::array successors;
    for (const auto& c : e.successors) successors.push_back(code_ref(*org, plan, c));
    bj::object entry{{"unit", code_ref(*org, plan, e.code)}, {"successors", std::move(successors)}};
    if (!e.work_to.empty()) entry["work_to"] = code_ref(*org, plan, e.work_to);
    if (e.staff_to) entry["staff_to"] = code_ref(*org, plan, *e.staff_to);
    ended.push_back(std::move(entry));
    if (u == nullptr || !load.counts.contains(u->id)) continue;
    const auto& counts = load.counts.at(u->id);
    for (auto target : {UnitMover::Target::kWork, UnitMover::Target::kStaff}) {
      const std::string* to = target == UnitMover::Target::kWork
                                  ? (e.work_to.empty() ? nullptr : &e.work_to)
                                  : (e.staff_to ? &*e.staff_to : nullptr);
      bj::object what;
      int64_t total = 0;
      for (std::size_t i = 0; i < movers_.size(); ++i) {
        if (movers_[i].target != target || counts[i] == 0) continue;
        what[movers_[i].key] = counts[i];
        total += counts[i];
      }
      if (total == 0) continue;
      if (to == nullptr) {
        needs_decision.push_back(
            bj::object{{"unit", unit_ref(*org, u->id)},
                       {"target", target == UnitMover::Target::kWork ? "work" : "staff"},
                       {"items", std::move(what)}});
        continue;
      }
      to_move += total;
      moves.push_back(bj::object{{"from", unit_ref(*org, u->id)},
                                 {"to", code_ref(*org, plan, *to)},
                                 {"target", target == UnitMover::Target::kWork ? "work" : "staff"},
                                 {"items", std::move(what)},
                                 {"total", total}});
    }
  }
  for (const auto& c : plan.changes) {
    bj::object to;
    if (c.parent_code) to["parent"] = code_ref(*org, plan, *c.parent_code);
    if (c.new_code) to["code"] = *c.new_code;
    if (c.name) to["name"] = *c.name;
    if (c.short_name) to["short_name"] = *c.short_name;
    changed.push_back(bj::object{{"unit", code_ref(*org, plan, c.code)}, {"to", std::move(to)}});
  }
  return bj::object{
      {"effective_on", format_iso_date(plan.effective_on)},
      {"applies", plan.effective_on <= today ? "now" : "on_effective_day"},
      {"problems", problems_json(problems)},
      {"created", std::move(created)},
      {"ended", std::move(ended)},
      {"changed", std::move(changed)},
      {"moves", std::move(moves)},
      {"needs_decision", std::move(needs_decision)},
      {"items", std::move(items)},
      {"to_move", to_move},
  };
}

Result<Reorganisation> Reorganiser::submit(const audit::Actor& actor,
                                           const ReorganisationPlan& given, bool backdate,
                                           bool apply_now) {
  // Stored with the sub-units' derived codes, so applying it re-codes them too.
  const ReorganisationPlan plan = with_sub_unit_codes(given, *s_.org.get());
  std::vector<PlanProblem> problems;
  TS_ASSIGN_OR_RETURN(bj::object report, report_of(plan, backdate, problems));
  if (!problems.empty()) return plan_refused(problems);
  int64_t to_move = report.at("to_move").as_int64();
  TS_ASSIGN_OR_RETURN(
      int64_t id, s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<int64_t> {
        bj::object stored = plan.to_json();
        TS_ASSIGN_OR_RETURN(
            auto rows,
            tx.sql().query(
                "INSERT INTO reorganisations (title, legal_basis, effective_on, status, "
                "plan, report, to_move, created_by, created_at, updated_at) VALUES ($1, $2, "
                "$3, 'scheduled', $4, $5, $6, $7, $8, $8) RETURNING id",
                {plan.title, plan.legal_basis, format_iso_date(plan.effective_on),
                 bj::serialize(stored), bj::serialize(report), to_move,
                 actor.kind == "official" ? actor.id : std::nullopt, tx.now_ms()}));
        int64_t id = rows.front().i64(0);
        TS_TRY(tx.record("reorganisation.submit", "reorganisation", id,
                         bj::object{{"plan", std::move(stored)}, {"to_move", to_move}}));
        return id;
      }));
  if (plan.effective_on <= local_date(s_.clock.now())) {
    if (apply_now) return apply(actor, id);
    wake();
  }
  return get(id);
}

Result<Reorganisation> Reorganiser::get(int64_t id) {
  return s_.db.read([&](storage::Tx& tx) -> Result<Reorganisation> {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query(fmt::format("SELECT {} FROM reorganisations WHERE id = $1", kColumns), {id}));
    if (rows.empty()) return Error::not_found("Không tìm thấy phương án sắp xếp.");
    return from_row(rows.front());
  });
}

Result<std::vector<Reorganisation>> Reorganiser::list() {
  return s_.db.read([&](storage::Tx& tx) -> Result<std::vector<Reorganisation>> {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query(fmt::format("SELECT {} FROM reorganisations ORDER BY id DESC LIMIT 500",
                                        kColumns)));
    std::vector<Reorganisation> out;
    for (auto r : rows) {
      TS_ASSIGN_OR_RETURN(auto o, from_row(r));
      out.push_back(std::move(o));
    }
    return out;
  });
}

Result<Reorganisation> Reorganiser::cancel(const audit::Actor& actor, int64_t id) {
  // Only before the day: from the day on, the background pass may be applying it.
  std::string today = format_iso_date(local_date(s_.clock.now()));
  TS_TRY(s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(int64_t n, tx.sql().exec("UPDATE reorganisations SET status = "
                                                 "'cancelled', updated_at = $2, version = "
                                                 "version + 1 WHERE id = $1 AND status = "
                                                 "'scheduled' AND step = '' AND effective_on > $3",
                                                 {id, tx.now_ms(), today}));
    if (n == 0) {
      TS_ASSIGN_OR_RETURN(auto rows,
                          tx.sql().query("SELECT status FROM reorganisations WHERE id = $1", {id}));
      if (rows.empty()) return Error::not_found("Không tìm thấy phương án sắp xếp.");
      return Error::conflict("reorganisation.not_cancellable",
                             fmt::format("Phương án đang ở trạng thái \"{}\": chỉ hủy được phương "
                                         "án chưa đến ngày hiệu lực.",
                                         reorganisation_status_label_vi(rows.front().view(0))));
    }
    return tx.record("reorganisation.cancel", "reorganisation", id, bj::object{});
  }));
  return get(id);
}

Status Reorganiser::apply_units(const audit::Actor& actor, const Reorganisation& r,
                                const ReorganisationPlan& plan) {
  // The tree may have changed since the plan was accepted: check it again, as it is now.
  auto org = s_.org.get();
  TS_ASSIGN_OR_RETURN(Load load, load_of(plan, *org));
  auto problems = check_plan(plan, *org, plan.effective_on, true, load.units);
  if (!problems.empty()) return plan_refused(problems);
  std::string last_day = format_iso_date(add_days(plan.effective_on, -1));

  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    storage::Tx& sql = tx.sql();
    // One transaction claims this part; another node or call that finds it done skips it.
    TS_ASSIGN_OR_RETURN(int64_t claimed,
                        sql.exec("UPDATE reorganisations SET status = 'applying', step = 'moves', "
                                 "updated_at = $2, version = version + 1 WHERE id = $1 AND step = "
                                 "'' AND status = 'scheduled'",
                                 {r.id, tx.now_ms()}));
    if (claimed == 0) {
      tx.mark_unchanged();
      return ok_status();
    }
    // Continuing units first (renames and re-codes), so that new units may sit under them.
    for (const auto& c : plan.changes) {
      TS_ASSIGN_OR_RETURN(int64_t id, required_unit(sql, c.code));
      TS_ASSIGN_OR_RETURN(Unit before, get_unit(sql, id));
      bj::object from, to;
      if (c.new_code && *c.new_code != before.code) {
        TS_TRY(
            sql.exec("INSERT INTO unit_former_codes (code, unit_id, until_day, "
                     "reorganisation_id) VALUES ($1, $2, $3, $4)",
                     {before.code, id, last_day, r.id}));
        TS_TRY(
            sql.exec("UPDATE units SET code = $2, updated_at = $3, version = version + 1 "
                     "WHERE id = $1",
                     {id, *c.new_code, tx.now_ms()}));
        from["code"] = before.code;
        to["code"] = *c.new_code;
      }
      if (c.name || c.short_name) {
        std::string name = c.name.value_or(before.name);
        std::string short_name = c.short_name.value_or(before.short_name);
        std::string both = name;
        both.append(" ").append(short_name);
        TS_TRY(
            sql.exec("UPDATE units SET name = $2, short_name = $3, name_folded = $4, "
                     "updated_at = $5, version = version + 1 WHERE id = $1",
                     {id, name, short_name, text::fold(both), tx.now_ms()}));
        from["name"] = before.name;
        to["name"] = name;
        from["short_name"] = before.short_name;
        to["short_name"] = short_name;
      }
      if (!to.empty())
        TS_TRY(tx.record("unit.reorganise", "unit", id,
                         bj::object{{"reorganisation_id", r.id}, {"from", from}, {"to", to}}));
    }
    // New units, each once its parent exists (a new unit may sit under another new one).
    std::vector<const PlannedUnit*> left;
    for (const auto& n : plan.new_units) left.push_back(&n);
    while (!left.empty()) {
      std::vector<const PlannedUnit*> later;
      for (const PlannedUnit* n : left) {
        TS_ASSIGN_OR_RETURN(auto parent, unit_id_by_code(sql, n->parent_code));
        if (!parent) {
          later.push_back(n);
          continue;
        }
        UnitInput in;
        in.parent_id = *parent;
        in.code = n->code;
        in.name = n->name;
        in.short_name = n->short_name;
        in.level = n->level;
        in.kind = n->kind;
        in.address = n->address;
        in.phone = n->phone;
        in.email = n->email;
        TS_ASSIGN_OR_RETURN(Unit u, create_unit(tx, in));
        TS_TRY(tx.record("unit.reorganise", "unit", u.id,
                         bj::object{{"reorganisation_id", r.id}, {"created", true}}));
      }
      if (later.size() == left.size())
        return Error::conflict(
            "reorganisation.unknown_unit",
            fmt::format("Không có đơn vị cấp trên mã {}.", later.front()->parent_code));
      left = std::move(later);
    }
    // Moves, now that every new parent exists.
    for (const auto& c : plan.changes) {
      if (!c.parent_code) continue;
      TS_ASSIGN_OR_RETURN(int64_t id, required_unit(sql, c.code));
      TS_ASSIGN_OR_RETURN(int64_t parent, required_unit(sql, *c.parent_code));
      TS_ASSIGN_OR_RETURN(Unit before, get_unit(sql, id));
      if (before.parent_id == parent) continue;
      TS_TRY(reparent(tx, id, parent));
      TS_TRY(tx.record(
          "unit.reorganise", "unit", id,
          bj::object{
              {"reorganisation_id", r.id},
              {"from", bj::object{{"parent_id", before.parent_id ? bj::value(*before.parent_id)
                                                                 : bj::value(nullptr)}}},
              {"to", bj::object{{"parent_id", parent}}}}));
    }
    // Ended units: inactive from the effective day, with their successors.
    for (const auto& e : plan.ends) {
      TS_ASSIGN_OR_RETURN(int64_t id, required_unit(sql, e.code));
      TS_TRY(
          sql.exec("UPDATE units SET active = 0, ended_on = $2, updated_at = $3, version = "
                   "version + 1 WHERE id = $1",
                   {id, last_day, tx.now_ms()}));
      std::optional<int64_t> work_to;
      bj::array successors;
      for (const auto& code : e.successors) {
        TS_ASSIGN_OR_RETURN(int64_t succ, required_unit(sql, code));
        bool takes_work = code == e.work_to;
        if (takes_work) work_to = succ;
        TS_TRY(
            sql.exec("INSERT INTO unit_successions (predecessor_id, successor_id, "
                     "reorganisation_id, takes_work) VALUES ($1, $2, $3, $4) ON CONFLICT DO "
                     "NOTHING",
                     {id, succ, r.id, takes_work ? 1 : 0}));
        successors.push_back(succ);
      }
      if (work_to) {
        TS_TRY(
            sql.exec("INSERT INTO unit_folds (into_id, unit_id) VALUES ($1, $2) ON CONFLICT DO "
                     "NOTHING",
                     {*work_to, id}));
        TS_TRY(
            sql.exec("INSERT INTO unit_folds (into_id, unit_id) SELECT $1, unit_id FROM "
                     "unit_folds WHERE into_id = $2 ON CONFLICT DO NOTHING",
                     {*work_to, id}));
      }
      TS_TRY(
          tx.record("unit.end", "unit", id,
                    bj::object{{"reorganisation_id", r.id},
                               {"last_day", last_day},
                               {"successors", std::move(successors)},
                               {"work_to", work_to ? bj::value(*work_to) : bj::value(nullptr)}}));
    }
    TS_TRY(storage::bump_version(sql, OrgCache::kVersionKey, tx.now_ms()));
    return tx.record("reorganisation.apply", "reorganisation", r.id,
                     bj::object{{"effective_on", format_iso_date(plan.effective_on)}});
  });
}

Result<int64_t> Reorganiser::move_batch(const audit::Actor& actor, int64_t id,
                                        const UnitMover& mover, int64_t from, int64_t to) {
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<int64_t> {
    // The plan's row first: batches of every node queue on its lock, so each sees what the one
    // before it moved, and none runs for a plan that is not being applied.
    TS_ASSIGN_OR_RETURN(int64_t applying,
                        tx.sql().exec("UPDATE reorganisations SET updated_at = $2 WHERE id = $1 "
                                      "AND status = 'applying'",
                                      {id, tx.now_ms()}));
    if (applying == 0)
      return Error::conflict("reorganisation.not_applying",
                             "Phương án sắp xếp không ở trạng thái đang thực hiện.");
    TS_ASSIGN_OR_RETURN(auto ids, mover.move(tx, from, to, batch_size_));
    if (ids.empty()) {
      tx.mark_unchanged();
      return int64_t{0};
    }
    int64_t n = static_cast<int64_t>(ids.size());
    TS_TRY(
        tx.sql().exec("UPDATE reorganisations SET moved = moved + $2, updated_at = $3 WHERE "
                      "id = $1",
                      {id, n, tx.now_ms()}));
    bj::array list;
    for (int64_t i : ids) list.push_back(i);
    TS_TRY(tx.record("reorganisation.move", "reorganisation", id,
                     bj::object{{"what", mover.key},
                                {"from_unit_id", from},
                                {"to_unit_id", to},
                                {"ids", std::move(list)}}));
    return n;
  });
}

Status Reorganiser::note_blocked(int64_t id, const Error& problems) {
  // The screen shows why a plan whose day has come is still waiting; written once per change of
  // the problems, not on every pass.
  return s_.changes.apply(audit::Actor::system(), [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto rows,
                        tx.sql().query("SELECT report FROM reorganisations WHERE id = $1", {id}));
    if (rows.empty()) return Error::not_found("Không tìm thấy phương án sắp xếp.");
    TS_ASSIGN_OR_RETURN(auto report, json::parse(rows.front().view(0)));
    if (!report.is_object()) report = bj::object{};
    const bj::value& now = problems.details().at("problems");
    if (const auto* before = report.as_object().if_contains("apply_problems");
        before != nullptr && *before == now) {
      tx.mark_unchanged();
      return ok_status();
    }
    report.as_object()["apply_problems"] = now;
    TS_TRY(tx.sql().exec("UPDATE reorganisations SET report = $2, updated_at = $3 WHERE id = $1",
                         {id, bj::serialize(report), tx.now_ms()}));
    return tx.record("reorganisation.blocked", "reorganisation", id, bj::object{{"problems", now}});
  });
}

Result<Reorganisation> Reorganiser::finish(
    const audit::Actor& actor, int64_t id,
    const std::vector<std::pair<int64_t, const UnitMover*>>& moved) {
  TS_TRY(s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    // Applied only when nothing is left to move (what a batch missed is resumed by the next
    // pass instead of being forgotten).
    for (const auto& [unit, mover] : moved) {
      TS_ASSIGN_OR_RETURN(int64_t left, mover->count(tx.sql(), unit));
      if (left > 0)
        return Error::conflict("reorganisation.work_left",
                               fmt::format("Còn {} mục \"{}\" ở đơn vị đã kết thúc; hệ thống sẽ "
                                           "tiếp tục chuyển.",
                                           left, mover->label));
    }
    TS_ASSIGN_OR_RETURN(int64_t n, tx.sql().exec("UPDATE reorganisations SET status = 'applied', "
                                                 "step = 'done', applied_at = $2, updated_at = $2, "
                                                 "version = version + 1 WHERE id = $1 AND status "
                                                 "= 'applying'",
                                                 {id, tx.now_ms()}));
    if (n == 0) {
      tx.mark_unchanged();
      return ok_status();
    }
    return tx.record("reorganisation.applied", "reorganisation", id, bj::object{});
  }));
  return get(id);
}

Status Reorganiser::check_due(const Reorganisation& r) const {
  if (r.status == "cancelled")
    return Error::conflict("reorganisation.cancelled", "Phương án sắp xếp này đã bị hủy.");
  if (r.effective_on > local_date(s_.clock.now())) {
    return Error::conflict("reorganisation.not_yet",
                           fmt::format("Phương án có hiệu lực từ ngày {}; hệ thống tự thực hiện "
                                       "vào ngày đó.",
                                       format_vn_date(r.effective_on)));
  }
  return ok_status();
}

Result<Reorganisation> Reorganiser::request_apply(int64_t id) {
  TS_ASSIGN_OR_RETURN(Reorganisation r, get(id));
  TS_TRY(check_due(r));
  wake();
  return r;
}

Result<Reorganisation> Reorganiser::apply(const audit::Actor& actor, int64_t id, int max_batches) {
  TS_ASSIGN_OR_RETURN(Reorganisation r, get(id));
  if (r.status == "applied") return r;
  TS_TRY(check_due(r));
  TS_ASSIGN_OR_RETURN(ReorganisationPlan plan, read_plan(bj::value(r.plan)));
  if (r.step.empty()) {
    Status units = apply_units(actor, r, plan);
    s_.org.invalidate();
    if (!units.ok()) {
      // Another node (or call) may have changed the units meanwhile, which this check then
      // saw as already ended: that is no failure, the moves go on below.
      TS_ASSIGN_OR_RETURN(Reorganisation now, get(id));
      if (now.step.empty()) {
        if (units.error().code() == "reorganisation.invalid_plan")
          TS_TRY(note_blocked(id, units.error()));
        return std::move(units).error();
      }
    }
  }
  TS_ASSIGN_OR_RETURN(r, get(id));
  if (r.status == "cancelled")
    return Error::conflict("reorganisation.cancelled", "Phương án sắp xếp này đã bị hủy.");
  if (r.status == "applied") return r;
  auto org = s_.org.get();
  int batches = 0;
  std::vector<std::pair<int64_t, const UnitMover*>> moved;  // what must be left empty
  for (const auto& e : plan.ends) {
    const UnitInfo* from = org->find_by_code(e.code);
    if (from == nullptr)
      return Error::internal("reorganisation: ended unit " + e.code + " is gone");
    for (const auto& m : movers_) {
      const std::string* to_code = m.target == UnitMover::Target::kWork
                                       ? (e.work_to.empty() ? nullptr : &e.work_to)
                                       : (e.staff_to ? &*e.staff_to : nullptr);
      if (to_code == nullptr) continue;
      const UnitInfo* to = org->resolve_code(*to_code);
      if (to == nullptr)
        return Error::internal("reorganisation: successor " + *to_code + " is unknown");
      moved.emplace_back(from->id, &m);
      while (true) {
        if (max_batches >= 0 && batches >= max_batches) return get(id);
        TS_ASSIGN_OR_RETURN(int64_t n, move_batch(actor, id, m, from->id, to->id));
        ++batches;
        if (n < batch_size_) break;
      }
    }
  }
  return finish(actor, id, moved);
}

Status Reorganiser::apply_due() {
  std::string today = format_iso_date(local_date(s_.clock.now()));
  TS_ASSIGN_OR_RETURN(auto rows, s_.db.read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT id FROM reorganisations WHERE status IN ('scheduled', 'applying') "
        "AND effective_on <= $1 ORDER BY effective_on, id",
        {today});
  }));
  for (auto row : rows) {
    int64_t id = row.i64(0);
    auto done = apply(audit::Actor::system(), id);
    if (!done.ok()) {
      // A plan that no longer fits the tree waits for a person; the pass runs each minute.
      spdlog::warn("reorganisation {} not applied: {}", id, done.error().describe());
    }
  }
  return ok_status();
}

}  // namespace tinhso::identity
