// The dossier lifecycle, table by table: which actions each person may take in each state
// (written out by hand, so a change of policy shows up as a change of this table), what each
// refusal says, and how every pause — a supplement request during processing, a fee request,
// a suspension — moves the deadlines across Tết 2026.
#include "onestop/lifecycle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/audit/change_log.h"
#include "core/base/resources.h"
#include "core/identity/units.h"
#include "support/test_db.h"

namespace tinhso::onestop {
namespace {

using identity::Principal;
using identity::PrincipalKind;
using identity::Role;

Instant at(const char* rfc3339) {
  auto t = parse_rfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return *t;
}

std::string local(std::optional<Instant> t) {
  return t ? format_rfc3339(*t) : "(none)";
}

calendar::WorkingCalendar shipped_calendar() {
  std::map<int, calendar::YearDays> m;
  for (auto& y :
       *calendar::parse_decisions(*resources::get("resources/calendar/vn-official-decisions.json")))
    m[y.year] = y;
  return calendar::WorkingCalendar(calendar::WorkingTimeRules{}, m);
}

class LifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<testing::TestDatabase>("sqlite");
    log_ = std::make_unique<audit::ChangeLog>(tdb_->db(), clock_, audit::AuditKey::generate());
    org_cache_ = std::make_unique<identity::OrgCache>(tdb_->db());
    const char* csv =
        "code,parent_code,name,short_name,level,kind\n"
        "000.00.00.H47,,Ủy ban nhân dân tỉnh An Khang,UBND tỉnh,province,people_committee\n"
        "000.00.12.H47,000.00.00.H47,Sở Tư pháp,STP,province,department\n"
        "000.00.31.H47,000.00.00.H47,Ủy ban nhân dân huyện Tân Phú,UBND Tân "
        "Phú,district,people_committee\n";
    auto rows = identity::units_from_csv(csv);
    ASSERT_TRUE(rows.ok()) << rows.error().describe();
    auto report = log_->apply(audit::Actor::system(), [&](audit::ChangeTx& tx) {
      return identity::import_units(tx, *rows);
    });
    ASSERT_TRUE(report.ok()) << report.error().describe();
    org_ = org_cache_->get();
    agency_ = org_->find_by_code("000.00.12.H47")->id;
    district_ = org_->find_by_code("000.00.31.H47")->id;

    // Five working days: the specialist's review (60 %), then the leader's decision (40 %).
    def_.national_code = "9.999001";
    def_.name = "Thủ tục thử nghiệm";
    def_.levels = {"province"};
    def_.agency_codes = {"000.00.12.H47"};
    def_.processing_days = 5;
    def_.result_kind = "document";
    def_.steps = {{"review", "Thẩm định hồ sơ", Role::kSpecialist, {}, 0.6},
                  {"decide", "Phê duyệt", Role::kLeader, {}, 0.4}};

    auto official = [&](int64_t id, const char* name, Role role, int64_t unit) {
      Principal p;
      p.id = id;
      p.full_name = name;
      p.unit_id = unit;
      p.grants = {{id, role, unit, false}};
      return p;
    };
    people_ = {{"desk", official(1, "Cán bộ một cửa", Role::kDeskOfficer, agency_)},
               {"specialist", official(2, "Chuyên viên", Role::kSpecialist, agency_)},
               {"leader", official(3, "Lãnh đạo", Role::kLeader, agency_)},
               {"clerk", official(4, "Văn thư", Role::kClerk, agency_)},
               {"unit_admin", official(5, "Quản trị đơn vị", Role::kUnitAdmin, agency_)},
               {"system_admin", official(6, "Quản trị hệ thống", Role::kSystemAdmin, agency_)},
               {"elsewhere", official(7, "Chuyên viên huyện", Role::kSpecialist, district_)}};
    Principal owner;
    owner.kind = PrincipalKind::kApplicant;
    owner.id = 500;
    owner.full_name = "Nguyễn Văn An";
    people_["owner"] = owner;
    owner.id = 501;
    owner.full_name = "Trần Thị Bình";
    people_["other_applicant"] = owner;
  }

  World world(Instant now) { return World{def_, *org_, cal_, now}; }

  // An online dossier submitted on Monday 9 Feb 2026 at 08:00, the week before Tết.
  Dossier submitted() {
    Dossier d;
    d.id = 1;
    d.code = "H47.12-260209-0001";
    d.agency_unit_id = agency_;
    d.desk_unit_id = agency_;
    d.channel = "online";
    d.applicant_account_id = 500;
    d.applicant_kind = "citizen";
    d.applicant_name = "Nguyễn Văn An";
    d.submitted_at = at("2026-02-09T08:00:00+07:00");
    d.requested_return_method = "online";
    return d;
  }

  Dossier act(const Dossier& d, ActionInput in, const char* who, const char* when) {
    auto t = apply_action(d, in, &people_.at(who), world(at(when)));
    EXPECT_TRUE(t.ok()) << action_name(in.action) << ": " << t.error().describe();
    return t.ok() ? t->after : d;
  }
  static ActionInput input(Action a) {
    ActionInput in;
    in.action = a;
    return in;
  }
  static ActionInput with_note(Action a, const char* note = "Lý do") {
    ActionInput in = input(a);
    in.note = note;
    return in;
  }

  Dossier received() {
    return act(submitted(), input(Action::kReceive), "desk", "2026-02-09T09:00:00+07:00");
  }
  Dossier at_last_step() {
    return act(received(), input(Action::kForward), "specialist", "2026-02-10T09:00:00+07:00");
  }
  Dossier approved() {
    ActionInput in = input(Action::kApprove);
    in.result_file_id = 77;
    return act(at_last_step(), in, "leader", "2026-02-11T09:00:00+07:00");
  }

  // Every state a dossier can be in, reached through the lifecycle itself.
  std::map<std::string, Dossier> states() {
    std::map<std::string, Dossier> s;
    s["submitted"] = submitted();
    ActionInput desk_supplement = input(Action::kDeskSupplement);
    desk_supplement.items = {"Tờ khai còn thiếu chữ ký"};
    s["supplement_before_reception"] =
        act(submitted(), desk_supplement, "desk", "2026-02-09T08:30:00+07:00");
    s["not_received"] =
        act(submitted(), with_note(Action::kDeskRefuse), "desk", "2026-02-09T08:30:00+07:00");
    s["review_step"] = received();
    s["decision_step"] = at_last_step();
    ActionInput supplement = input(Action::kRequestSupplement);
    supplement.items = {"Bản sao giấy tờ tùy thân"};
    s["supplement_requested"] =
        act(received(), supplement, "specialist", "2026-02-10T09:00:00+07:00");
    ActionInput fees = input(Action::kRequestFees);
    fees.fee_amount = 50'000;
    s["fees_requested"] = act(received(), fees, "specialist", "2026-02-10T09:00:00+07:00");
    s["suspended"] =
        act(received(), with_note(Action::kSuspend), "leader", "2026-02-10T09:00:00+07:00");
    s["stopped"] =
        act(received(), with_note(Action::kRefuse), "leader", "2026-02-10T09:00:00+07:00");
    s["done"] = approved();
    ActionInput ret = input(Action::kReturnResult);
    s["returned"] = act(approved(), ret, "desk", "2026-02-11T10:00:00+07:00");
    return s;
  }

  std::set<std::string> available(const Dossier& d, const std::string& who) {
    identity::Authorizer authz(*org_cache_);
    std::set<std::string> out;
    for (Action a :
         available_actions(d, people_.at(who), world(at("2026-02-11T14:00:00+07:00")), authz))
      out.insert(std::string(action_name(a)));
    return out;
  }

  Clock clock_;
  std::unique_ptr<testing::TestDatabase> tdb_;
  std::unique_ptr<audit::ChangeLog> log_;
  std::unique_ptr<identity::OrgCache> org_cache_;
  std::shared_ptr<const identity::OrgTree> org_;
  calendar::WorkingCalendar cal_ = shipped_calendar();
  ProcedureDef def_;
  int64_t agency_ = 0, district_ = 0;
  std::map<std::string, Principal> people_;
};

TEST_F(LifecycleTest, TheStatesReachedAreTheOnesNamed) {
  std::map<std::string, std::string> expected = {
      {"submitted", "submitted"},
      {"supplement_before_reception", "supplement_requested"},
      {"not_received", "not_received"},
      {"review_step", "in_progress"},
      {"decision_step", "in_progress"},
      {"supplement_requested", "supplement_requested"},
      {"fees_requested", "fees_requested"},
      {"suspended", "suspended"},
      {"stopped", "stopped"},
      {"done", "done"},
      {"returned", "returned"}};
  for (const auto& [name, d] : states())
    EXPECT_EQ(status_name(d.status), expected.at(name)) << name;
}

// Who may do what, in every state. Everybody not listed for a state may do nothing in it.
TEST_F(LifecycleTest, WhoMayTakeWhichActionInEachState) {
  using Set = std::set<std::string>;
  const Set handling = {"assign", "forward", "request_supplement", "request_fees"};
  auto plus = [](Set s, std::initializer_list<const char*> more) {
    for (const char* m : more) s.insert(m);
    return s;
  };
  std::map<std::string, std::map<std::string, Set>> table = {
      {"submitted",
       {{"desk", {"receive", "desk_supplement", "desk_refuse", "withdraw"}},
        {"system_admin", {"receive", "desk_supplement", "desk_refuse", "withdraw"}},
        {"owner", {"withdraw"}}}},
      {"supplement_before_reception",
       {{"desk", {"supply", "withdraw"}},
        {"system_admin", {"supply", "withdraw"}},
        {"owner", {"supply", "withdraw"}}}},
      {"not_received", {}},
      // The review step is a specialist's; leaders and the desk hold the handling permission
      // too. Suspending and refusing are the leader's.
      {"review_step",
       {{"specialist", handling},
        {"desk", plus(handling, {"withdraw"})},
        {"leader", plus(handling, {"suspend", "refuse"})},
        {"system_admin", plus(handling, {"suspend", "refuse", "withdraw"})},
        {"owner", {"withdraw"}}}},
      // The decision step is the leader's alone: no forward from the last step, approval only
      // here, and sending back to the review.
      {"decision_step",
       {{"leader",
         {"assign", "send_back", "request_supplement", "request_fees", "suspend", "refuse",
          "approve"}},
        {"system_admin",
         {"assign", "send_back", "request_supplement", "request_fees", "suspend", "refuse",
          "approve", "withdraw"}},
        {"desk", {"withdraw"}},
        {"owner", {"withdraw"}}}},
      {"supplement_requested",
       {{"desk", {"supply", "withdraw"}},
        {"owner", {"supply", "withdraw"}},
        {"leader", {"refuse"}},
        {"system_admin", {"supply", "withdraw", "refuse"}}}},
      {"fees_requested",
       {{"desk", {"pay_fees", "withdraw"}},
        {"owner", {"pay_fees", "withdraw"}},
        {"leader", {"refuse"}},
        {"system_admin", {"pay_fees", "withdraw", "refuse"}}}},
      {"suspended",
       {{"leader", {"resume", "refuse"}},
        {"system_admin", {"resume", "refuse", "withdraw"}},
        {"desk", {"withdraw"}},
        {"owner", {"withdraw"}}}},
      {"stopped", {}},
      {"done", {{"desk", {"return_result"}}, {"system_admin", {"return_result"}}}},
      {"returned", {{"owner", {"rate"}}}},
  };
  auto all = states();
  ASSERT_EQ(all.size(), table.size());
  for (const auto& [state, d] : all) {
    for (const auto& [who, p] : people_) {
      const auto& row = table.at(state);
      Set expected = row.contains(who) ? row.at(who) : Set{};
      EXPECT_EQ(available(d, who), expected) << "state " << state << ", " << who;
    }
  }
}

TEST_F(LifecycleTest, RefusalsSayWhy) {
  auto s = states();
  auto code = [&](const Dossier& d, ActionInput in, const char* who) {
    auto t = apply_action(d, in, &people_.at(who), world(at("2026-02-11T14:00:00+07:00")));
    return t.ok() ? std::string("ok") : t.error().code();
  };
  EXPECT_EQ(code(s["returned"], input(Action::kReceive), "desk"), "dossier.invalid_action");
  EXPECT_EQ(code(s["decision_step"], input(Action::kForward), "leader"), "dossier.last_step");
  ActionInput approve = input(Action::kApprove);
  approve.result_file_id = 77;
  EXPECT_EQ(code(s["review_step"], approve, "leader"), "dossier.not_last_step");
  // A document result must exist before approval; an online return needs the file itself.
  ActionInput paper_only = input(Action::kApprove);
  paper_only.result_note = "Giấy chứng nhận số 12/GCN ngày 11/02/2026";
  EXPECT_EQ(code(s["decision_step"], paper_only, "leader"), "validation_failed");
  // Refusals, suspensions and sending back need a reason; assignment needs a person.
  EXPECT_EQ(code(s["review_step"], input(Action::kRefuse), "leader"), "validation_failed");
  EXPECT_EQ(code(s["review_step"], input(Action::kSuspend), "leader"), "validation_failed");
  EXPECT_EQ(code(s["decision_step"], input(Action::kSendBack), "leader"), "validation_failed");
  EXPECT_EQ(code(s["review_step"], input(Action::kAssign), "specialist"), "validation_failed");
  EXPECT_EQ(code(s["review_step"], input(Action::kRequestSupplement), "specialist"),
            "validation_failed");
  EXPECT_EQ(code(s["review_step"], input(Action::kRequestFees), "specialist"), "validation_failed");
  // An apology is for dossiers late or nearly late.
  ActionInput apology = with_note(Action::kApology);
  apology.new_due = at("2026-02-27T16:00:00+07:00");
  EXPECT_EQ(code(s["review_step"], apology, "leader"), "dossier.not_late");
  // The result waits for the fees.
  Dossier unpaid = s["done"];
  unpaid.fee_amount = 50'000;
  EXPECT_EQ(code(unpaid, input(Action::kReturnResult), "desk"), "dossier.fees_unpaid");
  // One rating per dossier.
  Dossier rated = s["returned"];
  rated.rated_at = at("2026-02-12T09:00:00+07:00");
  ActionInput rate = input(Action::kRate);
  for (const auto& c : rating_criteria()) rate.answers[c.key] = 2;
  EXPECT_EQ(code(rated, rate, "owner"), "dossier.already_rated");
  EXPECT_EQ(code(s["returned"], rate, "owner"), "ok");
}

TEST_F(LifecycleTest, ReceptionSetsTheDeadlinesAcrossTet) {
  Dossier d = received();
  // 40 working hours counted from the online submission (Mon 9 Feb 08:00): 7 h on Monday,
  // 8 h each Tuesday to Friday, then Tết (14–22 Feb) does not count: the last hour is Monday
  // 23 Feb 07:00–08:00. The review has 60 % (24 h) from the reception itself (Mon 09:00):
  // Thursday 12 Feb 09:00.
  EXPECT_EQ(local(d.due_at), "2026-02-23T08:00:00+07:00");
  EXPECT_EQ(local(d.original_due_at), "2026-02-23T08:00:00+07:00");
  EXPECT_EQ(local(d.step_due_at), "2026-02-12T09:00:00+07:00");
  EXPECT_EQ(d.current_step, 0);
  EXPECT_EQ(d.current_unit_id, agency_);
}

// Every pause during processing stops the clock: paused on Wednesday 11 Feb at 16:00 with
// 18 working hours left overall (1 h Wednesday, 8 Thursday, 8 Friday, 1 on 23 Feb) and 3 left on
// the step (1 h Wednesday, 2 Thursday); taken up again on Tuesday 24 Feb at 09:00, after Tết.
TEST_F(LifecycleTest, EveryPauseMovesTheDeadlinesByTheTimeLeftAcrossTet) {
  struct Pause {
    const char* name;
    ActionInput stop;
    const char* stopper;
    ActionInput go;
    const char* goer;
    const char* paused_status;
  };
  ActionInput supplement = input(Action::kRequestSupplement);
  supplement.items = {"Bản sao giấy tờ tùy thân"};
  ActionInput fees = input(Action::kRequestFees);
  fees.fee_amount = 50'000;
  ActionInput pay = input(Action::kPayFees);
  pay.payment_reference = "PAY-0001";
  std::vector<Pause> pauses = {
      {"supplement", supplement, "specialist", input(Action::kSupply), "owner",
       "supplement_requested"},
      {"fees", fees, "specialist", pay, "owner", "fees_requested"},
      {"suspension", with_note(Action::kSuspend), "leader", input(Action::kResume), "leader",
       "suspended"},
  };
  for (const auto& p : pauses) {
    SCOPED_TRACE(p.name);
    Dossier paused = act(received(), p.stop, p.stopper, "2026-02-11T16:00:00+07:00");
    EXPECT_EQ(status_name(paused.status), p.paused_status);
    EXPECT_EQ(local(paused.paused_since), "2026-02-11T16:00:00+07:00");
    EXPECT_EQ(local(paused.due_at), "2026-02-23T08:00:00+07:00") << "unchanged while paused";
    Dossier going = act(paused, p.go, p.goer, "2026-02-24T09:00:00+07:00");
    EXPECT_EQ(status_name(going.status), "in_progress");
    EXPECT_FALSE(going.paused_since.has_value());
    // 18 h from Tue 24 09:00: 6 h Tuesday, 8 Wednesday, 4 Thursday → Thu 26 Feb 11:00.
    EXPECT_EQ(local(going.due_at), "2026-02-26T11:00:00+07:00");
    // The step's 3 h: 09:00–11:30, then 13:30–14:00.
    EXPECT_EQ(local(going.step_due_at), "2026-02-24T14:00:00+07:00");
    // The original appointment is kept for the statistics and the receipt.
    EXPECT_EQ(local(going.original_due_at), "2026-02-23T08:00:00+07:00");
    // Working time paused: 1 + 8 + 8 (Wed–Fri) + 8 (23 Feb) + 2 (24 Feb) = 27 h.
    EXPECT_EQ(going.paused_seconds, 27 * 3600);
  }
}

TEST_F(LifecycleTest, ASupplementRestartsTheClockWhereTheProcedureSaysSo) {
  def_.restart_on_supplement = true;
  ActionInput supplement = input(Action::kRequestSupplement);
  supplement.items = {"Bản vẽ thiết kế"};
  Dossier paused = act(received(), supplement, "specialist", "2026-02-11T16:00:00+07:00");
  EXPECT_EQ(paused.supplement_count, 1);
  Dossier going = act(paused, input(Action::kSupply), "owner", "2026-02-24T09:00:00+07:00");
  // The full 40 h again from Tue 24 Feb 09:00: 6 + 8 + 8 + 8 (to Fri 27) + 8 (Mon 2 Mar) + 2.
  EXPECT_EQ(local(going.due_at), "2026-03-03T09:00:00+07:00");
  // A suspension never restarts the clock.
  Dossier suspended =
      act(received(), with_note(Action::kSuspend), "leader", "2026-02-11T16:00:00+07:00");
  Dossier resumed = act(suspended, input(Action::kResume), "leader", "2026-02-24T09:00:00+07:00");
  EXPECT_EQ(local(resumed.due_at), "2026-02-26T11:00:00+07:00");
}

TEST_F(LifecycleTest, APauseAfterTheStepDeadlineKeepsTheStepLate) {
  ActionInput supplement = input(Action::kRequestSupplement);
  supplement.items = {"Bản sao giấy tờ tùy thân"};
  // The review was due Thursday 12 Feb 09:00; the request comes that afternoon.
  Dossier paused = act(received(), supplement, "specialist", "2026-02-12T14:00:00+07:00");
  Dossier going = act(paused, input(Action::kSupply), "owner", "2026-02-24T09:00:00+07:00");
  EXPECT_EQ(local(going.step_due_at), "2026-02-12T09:00:00+07:00");
  ActionInput forward = input(Action::kForward);
  auto t = apply_action(going, forward, &people_.at("specialist"),
                        world(at("2026-02-24T10:00:00+07:00")));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->event.timeliness, "late");
}

TEST_F(LifecycleTest, FeesAddUpAndPaymentIsRecordedOnce) {
  ActionInput fees = input(Action::kRequestFees);
  fees.fee_amount = 50'000;
  Dossier paused = act(received(), fees, "specialist", "2026-02-10T09:00:00+07:00");
  EXPECT_EQ(paused.fee_amount, 50'000);
  // Online payment needs the gateway's reference; the desk records a payment at the counter.
  auto no_ref = apply_action(paused, input(Action::kPayFees), &people_.at("owner"),
                             world(at("2026-02-10T10:00:00+07:00")));
  ASSERT_FALSE(no_ref.ok());
  EXPECT_EQ(no_ref.error().code(), "validation_failed");
  auto t = apply_action(paused, input(Action::kPayFees), &people_.at("desk"),
                        world(at("2026-02-10T10:00:00+07:00")));
  ASSERT_TRUE(t.ok()) << t.error().describe();
  EXPECT_FALSE(t->after.fee_paid_online);
  EXPECT_EQ(local(t->after.fee_paid_at), "2026-02-10T10:00:00+07:00");
  EXPECT_TRUE(t->stats.empty()) << "only online payments count for the QĐ 766 indicator";
  auto again = apply_action(t->after, input(Action::kPayFees), &people_.at("desk"),
                            world(at("2026-02-10T11:00:00+07:00")));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), "dossier.invalid_action");
}

TEST_F(LifecycleTest, AssignSendBackAndRefuse) {
  ActionInput assign = input(Action::kAssign);
  assign.assignee_id = 2;
  Dossier assigned = act(received(), assign, "leader", "2026-02-09T10:00:00+07:00");
  EXPECT_EQ(assigned.current_assignee_id, 2);
  EXPECT_EQ(assigned.current_step, 0);
  EXPECT_EQ(local(assigned.step_due_at), "2026-02-12T09:00:00+07:00") << "assignment keeps time";

  ActionInput back = with_note(Action::kSendBack, "Cần thẩm định lại");
  back.assignee_id = 2;
  auto t = apply_action(at_last_step(), back, &people_.at("leader"),
                        world(at("2026-02-10T14:00:00+07:00")));
  ASSERT_TRUE(t.ok()) << t.error().describe();
  EXPECT_EQ(t->after.current_step, 0);
  EXPECT_EQ(t->after.current_assignee_id, 2);
  // The review starts again with its share (24 h) from Tue 10 Feb 14:00: Tue 3 h, Wed 8,
  // Thu 8, then Fri 13 Feb 07:00–11:30 and 13:30–14:00.
  EXPECT_EQ(local(t->after.step_due_at), "2026-02-13T14:00:00+07:00");
  EXPECT_EQ(local(t->after.due_at), "2026-02-23T08:00:00+07:00") << "the overall deadline stays";
  EXPECT_EQ(t->event.step_from, 1);
  EXPECT_EQ(t->event.step_to, 0);

  auto refused = apply_action(received(), with_note(Action::kRefuse, "Không đủ điều kiện"),
                              &people_.at("leader"), world(at("2026-02-10T14:00:00+07:00")));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(status_name(refused->after.status), "stopped");
  EXPECT_EQ(refused->after.outcome, "refused");
  EXPECT_EQ(refused->notices, std::vector<std::string>{"refused"});
  ASSERT_EQ(refused->stats.size(), 1u);
  EXPECT_EQ(refused->stats[0].counter, "refused");
  EXPECT_FALSE(refused->after.current_assignee_id.has_value());
}

}  // namespace
}  // namespace tinhso::onestop
