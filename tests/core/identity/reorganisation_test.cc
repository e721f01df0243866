// Reorganisation of the demo province's busiest district into three communes under the
// province, on both engines, through the running application's services: the dry run counts
// what then moves; an apply interrupted after a few batches and resumed ends like a clean one;
// every open dossier lands at its successor with the same deadline; old codes still resolve and
// old dossier codes still look up; statistics by the boundaries of the time are unchanged and
// by today's boundaries equal the old district's; bad plans and early applies change nothing.
#include "core/identity/reorganisation.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/app.h"
#include "app/commands.h"
#include "app/modules.h"
#include "core/calendar/calendar_service.h"
#include "core/identity/units.h"
#include "onestop/module.h"
#include "onestop/reception_stats.h"
#include "onestop/service.h"
#include "onestop/stats.h"
#include "support/demo_app.h"
#include "support/test_db.h"

namespace tinhso::identity {
namespace {

namespace bj = boost::json;

struct OpenDossier {
  std::string code;
  int64_t agency = 0, current = 0, desk = 0;
  std::optional<int64_t> due_at;
  std::optional<std::string> phone;
};

class ReorganisationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    app::DemoOptions demo;
    demo.dossiers = 400;
    demo.reform = false;  // the three-level province, to reorganise here
    auto opened = testing::open_demo_app(GetParam(), demo, dir_.path(), pg_);
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    app_ = std::move(*opened);
    for (auto m : core_unit_movers()) movers_.push_back(m);
    for (const ModuleDef* def : app_->module_defs())
      movers_.insert(movers_.end(), def->unit_movers.begin(), def->unit_movers.end());
  }

  Services& s() { return app_->services(); }
  Date today() { return local_date(s().clock.now()); }

  // The district (by JJ of its code) with the most open dossiers in its subtree.
  std::string busiest_district() {
    auto rows = s().db.read([](storage::Tx& tx) {
      return tx.query(
          "SELECT u.code, count(*) FROM dossiers d JOIN unit_closure c ON c.unit_id = "
          "d.agency_unit_id JOIN units u ON u.id = c.ancestor_id WHERE d.closed_at IS NULL AND "
          "u.level = 'district' GROUP BY u.code ORDER BY 2 DESC, 1 LIMIT 1");
    });
    EXPECT_TRUE(rows.ok() && !rows->empty());
    return rows.ok() && !rows->empty() ? rows->front().str(0) : "";
  }

  // Open dossiers and results approved but not yet returned (approval closes a dossier; its
  // result still waits at a desk, which may end too).
  std::map<int64_t, OpenDossier> open_dossiers() {
    auto rows = s().db.read([](storage::Tx& tx) {
      return tx.query(
          "SELECT id, code, agency_unit_id, current_unit_id, desk_unit_id, due_at, "
          "applicant_phone FROM dossiers WHERE closed_at IS NULL OR status = 'done'");
    });
    EXPECT_TRUE(rows.ok());
    std::map<int64_t, OpenDossier> out;
    for (auto r : *rows)
      out[r.i64(0)] = {r.str(1), r.i64(2),     r.is_null(3) ? 0 : r.i64(3),
                       r.i64(4), r.opt_i64(5), r.opt_str(6)};
    return out;
  }

  std::map<std::string, int64_t> stats(int64_t agency, bool todays) {
    onestop::StatsQuery q;
    q.agency_id = agency;
    q.from = Date{std::chrono::year(2020), std::chrono::January, std::chrono::day(1)};
    q.to = today();
    q.todays_boundaries = todays;
    auto org = s().org.get();
    auto rows = s().db.read([&](storage::Tx& tx) {
      return onestop::compute_stats(tx, q, *org, s().clock.now(),
                                    s().calendar.get()->rules().seconds_per_day());
    });
    EXPECT_TRUE(rows.ok()) << rows.error().describe();
    std::map<std::string, int64_t> out;
    for (const auto& r : *rows) {
      for (const auto& [k, v] : r.counters) out[k] += v;
      out["carried_over+in_progress"] += r.in_progress;
    }
    return out;
  }

  // The total row of the figures by reception point within `unit` since 2020.
  onestop::ReceptionRow reception(int64_t unit, bool todays) {
    onestop::ReceptionQuery q{
        .unit_id = unit,
        .from = Date{std::chrono::year(2020), std::chrono::January, std::chrono::day(1)},
        .to = today(),
        .todays_boundaries = todays};
    auto org = s().org.get();
    auto rows = s().db.read(
        [&](storage::Tx& tx) { return onestop::reception_point_stats(tx, q, *org, today()); });
    EXPECT_TRUE(rows.ok()) << rows.error().describe();
    if (!rows.ok() || rows->empty()) return {};
    const auto& total = rows->back();
    // Every dossier received is for the point's own agencies or for others, never both.
    EXPECT_EQ(total.for_own + total.for_others, total.received);
    EXPECT_EQ(total.online + total.desk + total.postal, total.received);
    return total;
  }

  // District `jj`'s communes, divisions and itself become three new communes under the
  // province: communes split into thirds, the district's own units with the first.
  bj::object plan_for(const std::string& district_code, Date day) {
    auto org = s().org.get();
    const UnitInfo* d = org->find_by_code(district_code);
    std::vector<std::string> communes, own;
    for (int64_t c : org->children(d->id)) {
      const UnitInfo* u = org->find(c);
      (u->level == "commune" ? communes : own).push_back(u->code);
    }
    const std::string news[] = {"000.00.91.H47", "000.00.92.H47", "000.00.93.H47"};
    bj::array new_units, merges;
    for (int i = 0; i < 3; ++i) {
      new_units.push_back(bj::object{{"code", news[i]},
                                     {"name", "Ủy ban nhân dân xã Mới " + std::to_string(i + 1)},
                                     {"level", "commune"},
                                     {"kind", "commune"},
                                     {"parent_code", "000.00.00.H47"}});
      bj::array units;
      for (std::size_t k = static_cast<std::size_t>(i); k < communes.size(); k += 3)
        units.push_back(bj::value(communes[k]));
      if (i == 0)
        for (const auto& o : own) units.push_back(bj::value(o));
      merges.push_back(
          bj::object{{"units", std::move(units)}, {"into", news[i]}, {"staff_to", news[i]}});
    }
    return bj::object{
        {"title", "Sắp xếp đơn vị hành chính cấp xã"},
        {"legal_basis", "Nghị quyết số 1234/NQ-UBTVQH15"},
        {"effective_on", format_iso_date(day)},
        {"new_units", std::move(new_units)},
        {"merges", std::move(merges)},
        {"ends",
         bj::array{bj::object{
             {"unit", district_code},
             {"successors", bj::array{bj::value(news[0]), bj::value(news[1]), bj::value(news[2])}},
             {"work_to", news[0]},
             {"staff_to", news[0]}}}}};
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::PgScratchDatabase> pg_;
  std::unique_ptr<app::App> app_;
  std::vector<UnitMover> movers_;
};

TEST_P(ReorganisationTest, ADistrictBecomesThreeCommunesAndEverythingFollows) {
  std::string district_code = busiest_district();
  ASSERT_FALSE(district_code.empty());
  auto org_before = s().org.get();
  int64_t district = org_before->find_by_code(district_code)->id;
  auto before = open_dossiers();
  std::set<int64_t> old_units;
  for (int64_t c : org_before->children(district)) old_units.insert(c);
  old_units.insert(district);
  int moving = 0;
  for (const auto& [id, d] : before)
    moving +=
        old_units.contains(d.agency) || old_units.contains(d.current) || old_units.contains(d.desk);
  ASSERT_GT(moving, 0) << "the demo has open dossiers in " << district_code;
  auto recorded_before = stats(district, false);
  ASSERT_GT(recorded_before["received"], 0);
  auto points_before = reception(district, false);
  ASSERT_GT(points_before.received, 0);
  ASSERT_GT(points_before.returned, 0);
  // Each received dossier is counted once where it was received and once with its competent
  // agency: over the province the two views agree, never adding up to twice.
  int64_t province = org_before->roots().front();
  EXPECT_EQ(reception(province, false).received, stats(province, false)["received"]);

  auto plan = read_plan(bj::value(plan_for(district_code, today())));
  ASSERT_TRUE(plan.ok()) << plan.error().describe();
  // Three per batch: the apply takes many batches and can be cut short.
  Reorganiser reorganiser(s(), movers_, 3);
  auto report = reorganiser.dry_run(*plan, false);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  ASSERT_TRUE(report->at("problems").as_array().empty()) << bj::serialize(report->at("problems"));
  int64_t to_move = report->at("to_move").as_int64();
  EXPECT_GT(to_move, moving);  // the dossiers, and officials with their grants

  audit::Actor admin = audit::Actor::system("Quản trị hệ thống (kiểm thử)");
  auto accepted = reorganiser.submit(admin, *plan, false, false);
  ASSERT_TRUE(accepted.ok()) << accepted.error().describe();
  EXPECT_EQ(accepted->status, "scheduled");
  // Cut short after four batches, as a crash would leave it.
  auto cut = reorganiser.apply(admin, accepted->id, 4);
  ASSERT_TRUE(cut.ok()) << cut.error().describe();
  EXPECT_EQ(cut->status, "applying");
  EXPECT_GT(cut->moved, 0);
  EXPECT_LT(cut->moved, to_move);
  // Meanwhile no open dossier is lost: each is in one unit that exists.
  auto midway = open_dossiers();
  EXPECT_EQ(midway.size(), before.size());
  // Resumed to the end; a second run changes nothing.
  auto done = reorganiser.apply(admin, accepted->id);
  ASSERT_TRUE(done.ok()) << done.error().describe();
  EXPECT_EQ(done->status, "applied");
  EXPECT_EQ(done->moved, to_move);
  auto again = reorganiser.apply(admin, accepted->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->moved, to_move);
  EXPECT_EQ(again->version, done->version);

  auto org = s().org.get();
  int64_t first = org->find_by_code("000.00.91.H47")->id;
  // Every ended unit: inactive since today, succeeded; nothing left at it.
  std::string last_day = format_iso_date(add_days(today(), -1));
  for (int64_t u : old_units) {
    const UnitInfo* info = org->find(u);
    EXPECT_FALSE(info->active) << info->code;
    EXPECT_EQ(info->ended_on.value_or(""), last_day);
    int64_t successor = org->work_successor(u);
    EXPECT_NE(successor, u);
    EXPECT_TRUE(org->find(successor)->active);
    auto left = s().db.read([&](storage::Tx& tx) -> Result<int64_t> {
      int64_t n = 0;
      for (const auto& m : movers_) {
        TS_ASSIGN_OR_RETURN(int64_t c, m.count(tx, u));
        n += c;
      }
      return n;
    });
    ASSERT_TRUE(left.ok());
    EXPECT_EQ(*left, 0) << info->code;
  }
  // Every open dossier at its successor with its deadline; the others untouched.
  auto after = open_dossiers();
  ASSERT_EQ(after.size(), before.size());
  auto mapped = [&](int64_t unit) {
    return old_units.contains(unit) ? org->work_successor(unit) : unit;
  };
  for (const auto& [id, d] : before) {
    const auto& a = after.at(id);
    EXPECT_EQ(a.agency, mapped(d.agency)) << d.code;
    EXPECT_EQ(a.current, d.current == 0 ? 0 : mapped(d.current)) << d.code;
    EXPECT_EQ(a.desk, mapped(d.desk)) << d.code;
    EXPECT_EQ(a.due_at, d.due_at) << d.code;
    EXPECT_EQ(a.code, d.code);
  }
  // Old codes: the district's code reaches the commune that took its work (edXML, procedures),
  // which answers for the district's and its merged communes' codes in the catalogue.
  EXPECT_EQ(org->resolve_code(district_code)->id, first);
  auto inherited = org->inherited_codes(first);
  EXPECT_NE(std::find(inherited.begin(), inherited.end(), district_code), inherited.end());
  for (int64_t u : old_units) {
    bool mine = org->work_successor(u) == first;
    bool listed =
        std::find(inherited.begin(), inherited.end(), org->find(u)->code) != inherited.end();
    EXPECT_EQ(listed, mine) << org->find(u)->code;
  }
  // Old dossier codes still look up, open and moved ones included.
  int looked = 0;
  for (const auto& [id, d] : before) {
    if (!old_units.contains(d.agency) || !d.phone) continue;
    auto view = app_->onestop().dossiers().lookup(d.code, *d.phone);
    ASSERT_TRUE(view.ok()) << d.code << ": " << view.error().describe();
    auto doc = bj::parse(*view).as_object();
    EXPECT_EQ(doc.at("code").as_string(), d.code);
    EXPECT_NE(bj::serialize(doc).find("Mới"), std::string::npos) << "names the successor";
    ++looked;
  }
  EXPECT_GT(looked, 0);

  // Statistics: by the boundaries of the time the old district reads as before; by today's, the
  // three new communes hold exactly what it held.
  auto recorded_after = stats(district, false);
  EXPECT_EQ(recorded_after["received"], recorded_before["received"]);
  std::map<std::string, int64_t> today_sum;
  for (const char* c : {"000.00.91.H47", "000.00.92.H47", "000.00.93.H47"})
    for (const auto& [k, v] : stats(org->find_by_code(c)->id, true)) today_sum[k] += v;
  for (const char* k : {"received", "finished_early", "finished_on_time", "finished_late",
                        "refused", "withdrawn", "carried_over+in_progress"})
    EXPECT_EQ(today_sum[k], recorded_before[k]) << k;
  // By the boundaries of the time, the open dossiers left the district on the day of the move
  // and are in progress at the communes that took them: the district's closures of tomorrow
  // will be theirs, so its "in progress" must not wait for them forever.
  ASSERT_GT(recorded_before["carried_over+in_progress"], 0);
  EXPECT_EQ(recorded_after["carried_over+in_progress"], 0);
  EXPECT_EQ(recorded_after["moved_out"], recorded_before["carried_over+in_progress"]);
  int64_t moved_in = 0;
  for (const char* c : {"000.00.91.H47", "000.00.92.H47", "000.00.93.H47"}) {
    auto recorded = stats(org->find_by_code(c)->id, false);
    EXPECT_EQ(recorded["carried_over+in_progress"], recorded["moved_in"]) << c;
    moved_in += recorded["moved_in"];
  }
  EXPECT_EQ(moved_in, recorded_before["carried_over+in_progress"]);
  // The counters kept as the dossiers moved are what a recount from the dossiers gives.
  auto figures = [&] {
    std::map<std::string, std::map<std::string, int64_t>> out;
    out["district"] = stats(district, false);
    out["province"] = stats(province, false);
    for (const char* c : {"000.00.91.H47", "000.00.92.H47", "000.00.93.H47"}) {
      out[std::string(c) + " then"] = stats(org->find_by_code(c)->id, false);
      out[std::string(c) + " today"] = stats(org->find_by_code(c)->id, true);
    }
    return out;
  };
  auto kept = figures();
  ASSERT_TRUE(s().db.write([](storage::Tx& tx) { return onestop::rebuild_stats(tx); }).ok());
  EXPECT_EQ(figures(), kept);
  // By reception point likewise: what the district's desks received stays theirs by the
  // boundaries of the time, though their open dossiers now wait at the successors' desks, and
  // is the new communes' by today's.
  auto points_after = reception(district, false);
  EXPECT_EQ(points_after.received, points_before.received);
  EXPECT_EQ(points_after.returned, points_before.returned);
  // Received at its own desk then is still "own": the agency of the time, not the successor.
  EXPECT_EQ(points_after.for_own, points_before.for_own);
  EXPECT_EQ(points_after.for_others, points_before.for_others);
  int64_t received_today = 0, returned_today = 0;
  for (const char* c : {"000.00.91.H47", "000.00.92.H47", "000.00.93.H47"}) {
    auto r = reception(org->find_by_code(c)->id, true);
    received_today += r.received;
    returned_today += r.returned;
  }
  EXPECT_EQ(received_today, points_before.received);
  EXPECT_EQ(returned_today, points_before.returned);
  EXPECT_EQ(reception(province, false).received, stats(province, false)["received"]);

  // The audit log holds the plan, the units and every batch of moves.
  auto audit = s().db.read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT action, count(*) FROM audit_log WHERE object_type = "
        "'reorganisation' AND object_id = $1 GROUP BY action ORDER BY action",
        {std::to_string(accepted->id)});
  });
  ASSERT_TRUE(audit.ok());
  std::map<std::string, int64_t> actions;
  for (auto r : *audit) actions[r.str(0)] = r.i64(1);
  EXPECT_EQ(actions["reorganisation.submit"], 1);
  EXPECT_EQ(actions["reorganisation.apply"], 1);
  EXPECT_EQ(actions["reorganisation.applied"], 1);
  EXPECT_GE(actions["reorganisation.move"], (to_move + 2) / 3);
}

TEST_P(ReorganisationTest, BadPlansChangeNothingAndAFuturePlanCanBeCancelled) {
  Reorganiser reorganiser(s(), movers_, 100);
  audit::Actor admin = audit::Actor::system("Quản trị hệ thống (kiểm thử)");
  std::string district_code = busiest_district();
  auto count = [&](std::string_view table) {
    auto rows = s().db.read([&](storage::Tx& tx) {
      return tx.query(std::string("SELECT count(*) FROM ") + std::string(table));
    });
    return rows.ok() ? rows->front().i64(0) : -1;
  };
  int64_t units = count("units"), plans = count("reorganisations");

  // Without staff decisions, with a unit left behind and a day in the past.
  bj::object bad = plan_for(district_code, add_days(today(), -3));
  bad["merges"].as_array().pop_back();
  for (auto& m : bad["merges"].as_array()) m.as_object().erase("staff_to");
  auto plan = read_plan(bj::value(bad));
  ASSERT_TRUE(plan.ok()) << plan.error().describe();
  auto refused = reorganiser.submit(admin, *plan, false, true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status(), 422);
  EXPECT_EQ(refused.error().code(), "reorganisation.invalid_plan");
  std::set<std::string> codes;
  for (const auto& p : refused.error().details().at("problems").as_array())
    codes.insert(std::string(p.at("code").as_string()));
  EXPECT_TRUE(codes.contains("date_past"));
  EXPECT_TRUE(codes.contains("staff_decision_needed"));
  EXPECT_TRUE(codes.contains("subunit_left"));
  EXPECT_EQ(count("units"), units);
  EXPECT_EQ(count("reorganisations"), plans);

  // A plan for tomorrow waits; it cannot be applied early and can be cancelled once.
  auto later = read_plan(bj::value(plan_for(district_code, add_days(today(), 1))));
  ASSERT_TRUE(later.ok());
  auto accepted = reorganiser.submit(admin, *later, false, true);
  ASSERT_TRUE(accepted.ok()) << accepted.error().describe();
  EXPECT_EQ(accepted->status, "scheduled");
  EXPECT_EQ(count("units"), units);
  // A second plan touching the same units while the first waits: refused.
  auto overlapping = reorganiser.submit(admin, *later, false, true);
  ASSERT_FALSE(overlapping.ok());
  EXPECT_NE(bj::serialize(overlapping.error().details()).find("in_other_plan"), std::string::npos);
  auto early = reorganiser.apply(admin, accepted->id);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code(), "reorganisation.not_yet");
  EXPECT_TRUE(reorganiser.apply_due().ok());  // the background pass leaves it alone too
  EXPECT_EQ(reorganiser.get(accepted->id)->status, "scheduled");
  auto cancelled = reorganiser.cancel(admin, accepted->id);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().describe();
  EXPECT_EQ(cancelled->status, "cancelled");
  auto twice = reorganiser.cancel(admin, accepted->id);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code(), "reorganisation.not_cancellable");
  EXPECT_EQ(count("units"), units);

  // A plan accepted for today that no longer fits the tree when it is applied (a commune it
  // merges was closed by hand meanwhile): refused, nothing changed, the reason kept on the plan.
  auto today_plan = read_plan(bj::value(plan_for(district_code, today())));
  ASSERT_TRUE(today_plan.ok());
  auto waiting = reorganiser.submit(admin, *today_plan, false, false);
  ASSERT_TRUE(waiting.ok()) << waiting.error().describe();
  // From its day on a plan cannot be cancelled: the background pass may be applying it.
  auto too_late = reorganiser.cancel(admin, waiting->id);
  ASSERT_FALSE(too_late.ok());
  EXPECT_EQ(too_late.error().code(), "reorganisation.not_cancellable");
  std::string closed = std::string(waiting->plan.at("ends").as_array()[0].at("unit").as_string());
  auto stopped = s().changes.apply(admin, [&](audit::ChangeTx& tx) {
    UnitInput in;
    in.active = false;
    return update_unit(tx, s().org.get()->find_by_code(closed)->id, in, std::nullopt);
  });
  ASSERT_TRUE(stopped.ok()) << stopped.error().describe();
  s().org.invalidate();
  auto blocked = reorganiser.apply(admin, waiting->id);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code(), "reorganisation.invalid_plan");
  auto kept = reorganiser.get(waiting->id);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->status, "scheduled");
  ASSERT_TRUE(kept->report.contains("apply_problems"));
  EXPECT_NE(bj::serialize(kept->report.at("apply_problems")).find("already_ended"),
            std::string::npos);
  EXPECT_EQ(count("units"), units);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReorganisationTest, ::testing::ValuesIn(testing::engines()));

}  // namespace
}  // namespace tinhso::identity
