// The reporting system through HTTP on both engines (docs/reporting.md): a form and a monthly
// regime defined by the administrator; three communes report (one late, one returned and
// corrected); the province's office approves; completeness, aggregates, lock and its reason,
// Excel; Biểu 06/VPCP/KSTT prefilled from the one-stop statistics; who may see and do what.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "integration/server_fixture.h"
#include "support/http_client.h"
#include "support/sample_files.h"
#include "support/stub_http_server.h"
#include "support/zip_parts.h"

namespace tinhso::testing {
namespace {

using boost::json::array;
using boost::json::object;

// The Government's reporting system, outside our reach: a stub that records what it receives,
// shared by the suite's servers.
StubHttpServer& national_stub() {
  static StubHttpServer stub([](int, const StubRequest&) { return 200; });
  return stub;
}

class ReportingTest : public ::testing::TestWithParam<std::string> {
 protected:
  // One server per engine for the suite: the tests move its clock.
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    server_ = &shared_server("reporting-" + GetParam(), [&] {
      ServerOptions o;
      o.engine = GetParam();
      o.settings = {"testing.clock_control=true",
                    "reporting.national_url=" + national_stub().url("/api/bao-cao"),
                    "reporting.national_forms=LD-N", "notify.retry_base_seconds=1"};
      return o;
    });
  }
  int port() const { return server_->port(); }
  HttpClient client() const { return HttpClient(port()); }
  HttpClient logged_in(const std::string& user) const {
    HttpClient c(port());
    auto r = c.login(user, kDemoPassword);
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    return c;
  }
  void set_clock(const std::string& now) {
    auto r = client().post_json("/api/v1/testing/clock", object{{"now", now}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  int64_t unit(const std::string& code) {
    auto c = client();
    return unit_id_by_code(c, code);
  }
  std::string username_of(int64_t unit, const char* role) {
    auto r =
        logged_in("admin").get(fmt::format("/api/v1/officials?unit_id={}&role={}", unit, role));
    EXPECT_EQ(r.status, 200) << r.body;
    auto items = r.json().at("items").as_array();
    EXPECT_FALSE(items.empty()) << unit << " " << role;
    return items.empty() ? std::string() : std::string(items.front().at("username").as_string());
  }
  // The demo's quarterly Biểu 06 regime and its receiver.
  object demo_regime() {
    auto r = logged_in("admin").get("/api/v1/reporting/regimes");
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& g : body.at("items").as_array())
      if (g.at("code") == "KSTT-QUY") return g.as_object();
    ADD_FAILURE() << "the demo regime is missing: " << r.body;
    return {};
  }
  static std::string path(int64_t regime, const std::string& period, int64_t unit) {
    return fmt::format("/api/v1/reporting/regimes/{}/reports/{}/{}", regime, period, unit);
  }
  // The completeness totals of a regime's period as `reviewer` sees them.
  struct Totals {
    int64_t expected, submitted, on_time, late, missing;
  };
  static void expect_totals(HttpClient& reviewer, int64_t regime, const std::string& period,
                            Totals want) {
    auto got = reviewer.get(
        fmt::format("/api/v1/reporting/regimes/{}/completeness?period={}", regime, period));
    ASSERT_EQ(got.status, 200) << got.body;
    auto d = got.json();
    EXPECT_EQ(d.at("expected").as_int64(), want.expected) << period;
    EXPECT_EQ(d.at("submitted").as_int64(), want.submitted) << period;
    EXPECT_EQ(d.at("on_time").as_int64(), want.on_time) << period;
    EXPECT_EQ(d.at("late").as_int64(), want.late) << period;
    EXPECT_EQ(d.at("missing").as_int64(), want.missing) << period;
  }
  // A monthly regime of the test form under `form_code`, reported by `units` to the demo's
  // provincial office; returns its id.
  int64_t make_regime(const std::string& form_code, const array& units);
  static HttpResponse act(HttpClient& c, const std::string& p, object body) {
    auto now = c.get(p);
    if (now.status == 200) body["version"] = now.json().at("version");
    return c.post_json(p, body);
  }

  ServerProcess* server_ = nullptr;
};

constexpr const char* kForm = R"json({
  "code": "LD-T", "title": "Biểu số LĐ-T", "name": "Tình hình lao động, việc làm hằng tháng",
  "legal_basis": "Quyết định của UBND tỉnh (thử nghiệm)",
  "rows": [{"code": "nong_nghiep", "label": "Nông nghiệp"},
           {"code": "dich_vu", "label": "Dịch vụ"},
           {"code": "tong", "label": "Tổng cộng", "total": true}],
  "columns": [{"code": "nam", "label": "Nam", "compulsory": true},
              {"code": "nu", "label": "Nữ", "compulsory": true},
              {"code": "cong", "label": "Cộng", "sum_of": ["nam", "nu"]},
                            {"code": "moi", "label": "Có việc làm mới"},
              {"code": "ton", "label": "Lao động cuối kỳ", "aggregation": "last"},
              {"code": "ghi_chu", "label": "Ghi chú", "type": "text"}],
  "rules": [{"code": "moi_le_cong", "left": ["moi"], "op": "le", "right": ["cong"],
             "message": "Số có việc làm mới vượt tổng số lao động"},
            {"code": "nam_nu", "left": ["nam"], "op": "le", "right": ["nu", "nu"],
             "severity": "warning", "message": "Số nam vượt hai lần số nữ, cần giải trình"}]
})json";

int64_t ReportingTest::make_regime(const std::string& form_code, const array& units) {
  auto admin = logged_in("admin");
  auto form_body = boost::json::parse(kForm);
  form_body.as_object()["code"] = form_code;
  auto made = admin.post_json("/api/v1/reporting/forms", form_body);
  EXPECT_EQ(made.status, 201) << made.body;
  int64_t office = demo_regime().at("receiver").at("id").as_int64();
  object regime{{"code", fmt::format("{}-{}", form_code, made.json().at("version").as_int64())},
                {"name", "Báo cáo lao động " + form_code},
                {"form_code", form_code},
                {"form_version", made.json().at("version")},
                {"period_type", "month"},
                {"cutoff_day", 15},
                {"deadline", object{{"kind", "working_days_after_cutoff"}, {"working_days", 2}}},
                {"receiver_unit_id", office},
                {"reporter_unit_ids", units}};
  auto created = admin.post_json("/api/v1/reporting/regimes", regime);
  EXPECT_EQ(created.status, 201) << created.body;
  return created.status == 201 ? created.json().at("id").as_int64() : 0;
}

object values(int a, int b, int c, int d) {
  return object{{"nong_nghiep.nam", a}, {"nong_nghiep.nu", b}, {"nong_nghiep.moi", 1},
                {"nong_nghiep.ton", a}, {"dich_vu.nam", c},    {"dich_vu.nu", d},
                {"dich_vu.moi", 2}};
}

TEST_P(ReportingTest, ThreeCommunesReportTheProvinceApprovesAndTheSumsHold) {
  set_clock("2026-10-16T09:00:00+07:00");
  auto admin = logged_in("admin");
  auto form_body = boost::json::parse(kForm);
  auto made = admin.post_json("/api/v1/reporting/forms", form_body);
  ASSERT_EQ(made.status, 201) << made.body;
  int64_t form_version = made.json().at("version").as_int64();
  // A change makes a new version; the first stays.
  form_body.as_object()["name"] = "Tình hình lao động, việc làm hằng tháng (sửa đổi)";
  auto again = admin.post_json("/api/v1/reporting/forms", form_body);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json().at("version").as_int64(), form_version + 1);

  int64_t office = demo_regime().at("receiver").at("id").as_int64();
  int64_t a = unit("000.00.56.H47"), b = unit("000.00.57.H47"), c = unit("000.00.58.H47");
  object regime{{"code", fmt::format("LD-T-{}", form_version)},
                {"name", "Báo cáo lao động, việc làm hằng tháng"},
                {"form_code", "LD-T"},
                {"form_version", form_version},
                {"period_type", "month"},
                {"cutoff_day", 15},
                {"deadline", object{{"kind", "working_days_after_cutoff"}, {"working_days", 2}}},
                {"lock_days", 10},
                {"receiver_unit_id", office},
                {"reporter_unit_ids", array{a, b, c}}};
  // Bad regimes list every problem.
  object bad = regime;
  bad["period_type"] = "week";
  bad["deadline"] = object{{"kind", "working_days_after_cutoff"}, {"working_days", 0}};
  bad["receiver_unit_id"] = 999999;
  auto refused = admin.post_json("/api/v1/reporting/regimes", bad);
  ASSERT_EQ(refused.status, 422) << refused.body;
  for (const char* f : {"period_type", "deadline", "receiver_unit_id"})
    EXPECT_TRUE(refused.json().at("error").at("details").at("fields").as_object().contains(f)) << f;
  auto created = admin.post_json("/api/v1/reporting/regimes", regime);
  ASSERT_EQ(created.status, 201) << created.body;
  int64_t id = created.json().at("id").as_int64();
  EXPECT_EQ(created.json().at("reporters").as_int64(), 3);
  // A commune's leader may not define regimes; its administrator may not make other communes
  // report to it, nor itself; a deadline before the cut-off ends is refused (ND 09 Art. 8).
  auto leader_a = logged_in(username_of(a, "leader"));
  regime["code"] = "LD-T-X";
  EXPECT_EQ(leader_a.post_json("/api/v1/reporting/regimes", regime).status, 403);
  auto commune_admin = logged_in(username_of(a, "unit_admin"));
  object imposed = regime;
  imposed["receiver_unit_id"] = a;
  imposed["reporter_unit_ids"] = array{b, c};
  EXPECT_EQ(commune_admin.post_json("/api/v1/reporting/regimes", imposed).status, 403);
  imposed["reporter_unit_ids"] = array{a};
  auto itself = commune_admin.post_json("/api/v1/reporting/regimes", imposed);
  EXPECT_EQ(itself.status, 422) << itself.body;
  object early = regime;
  early["deadline"] = object{{"kind", "day_of_month"}, {"month_offset", 0}, {"day", 10}};
  auto before_cutoff = admin.post_json("/api/v1/reporting/regimes", early);
  ASSERT_EQ(before_cutoff.status, 422) << before_cutoff.body;
  EXPECT_TRUE(
      before_cutoff.json().at("error").at("details").at("fields").as_object().contains("deadline"));
  // A stranger learns nothing, whether the regime exists or not.
  auto stranger = logged_in("lanhdao.stp");
  auto hidden = stranger.get(path(id, "2026-13", a));
  auto missing = stranger.get(path(id + 1000, "2026-10", a));
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body, missing.body);

  // Commune A: what is due, the form with its deadline, and the checks on submission.
  auto due = leader_a.get("/api/v1/reporting/regimes");
  ASSERT_EQ(due.status, 200) << due.body;
  EXPECT_NE(due.body.find("\"code\":\"LD-T-"), std::string::npos) << due.body;
  const std::string pa = path(id, "2026-10", a);
  auto blank = leader_a.get(pa);
  ASSERT_EQ(blank.status, 200) << blank.body;
  EXPECT_EQ(blank.json().at("status").as_string(), "none");
  EXPECT_EQ(blank.json().at("due_date").as_string(), "2026-10-16");  // 2 working days after 14/10
  EXPECT_EQ(blank.json().at("period").at("from").as_string(), "2026-09-15");
  auto incomplete =
      act(leader_a, pa, object{{"action", "submit"}, {"values", object{{"nong_nghiep.nam", 3}}}});
  EXPECT_EQ(incomplete.status, 422) << incomplete.body;
  EXPECT_EQ(incomplete.error_code(), "report.invalid");
  auto overwritten =
      act(leader_a, pa, object{{"action", "save"}, {"values", object{{"tong.nam", 99}}}});
  EXPECT_EQ(overwritten.status, 422) << overwritten.body;
  // 30 men, 10 women in farming: a warning that needs an explanation.
  auto unexplained =
      act(leader_a, pa, object{{"action", "submit"}, {"values", values(30, 10, 5, 5)}});
  EXPECT_EQ(unexplained.status, 422) << unexplained.body;
  EXPECT_EQ(unexplained.error_code(), "report.warnings_unexplained");
  auto sent = act(leader_a, pa,
                  object{{"action", "submit"},
                         {"values", values(30, 10, 5, 5)},
                         {"comment", "Mùa vụ thu hoạch, lao động nam đi làm thêm."}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json().at("status").as_string(), "submitted");
  EXPECT_TRUE(sent.json().at("on_time").as_bool());
  EXPECT_EQ(sent.json().at("values").at("tong.cong").as_int64(), 50);
  // Signed with the commune's agency key (the demo PKI; verified in ASentReportIsSigned…, at
  // the time its certificates hold): the report shown is what was signed.
  auto sent_view = sent.json();
  const auto& signature = sent_view.at("signature");
  ASSERT_TRUE(signature.is_object()) << sent.body;
  EXPECT_TRUE(signature.at("matches_report").as_bool());
  EXPECT_EQ(signature.at("report_version"), sent_view.at("version"));

  // Commune B: its specialist saves, only its leader sends.
  auto specialist_b = logged_in(username_of(b, "specialist"));
  const std::string pb = path(id, "2026-10", b);
  auto draft = act(specialist_b, pb, object{{"action", "save"}, {"values", values(4, 4, 2, 2)}});
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.json().at("status").as_string(), "draft");
  EXPECT_EQ(act(specialist_b, pb, object{{"action", "submit"}}).status, 403);
  auto leader_b = logged_in(username_of(b, "leader"));
  ASSERT_EQ(act(leader_b, pb, object{{"action", "submit"}}).status, 200);
  // A stale version is refused, not overwritten.
  auto stale = leader_b.post_json(pb, object{{"action", "save"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  // Commune A's officials see nothing of commune B's report.
  EXPECT_EQ(leader_a.get(pb).status, 404);
  EXPECT_EQ(leader_a.post_json(pb, object{{"action", "save"}}).status, 404);

  // Commune C sends after the deadline.
  set_clock("2026-10-19T10:00:00+07:00");
  // Sessions idle for days have expired: everyone signs in again.
  leader_a = logged_in(username_of(a, "leader"));
  leader_b = logged_in(username_of(b, "leader"));
  auto leader_c = logged_in(username_of(c, "leader"));
  const std::string pc = path(id, "2026-10", c);
  auto late = act(leader_c, pc, object{{"action", "submit"}, {"values", values(1, 1, 1, 1)}});
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_FALSE(late.json().at("on_time").as_bool());

  // The province's office: completeness, a return with its reason, approval.
  auto reviewer = logged_in(username_of(office, "leader"));
  expect_totals(reviewer, id, "2026-10", {3, 3, 2, 1, 0});
  EXPECT_EQ(
      leader_a.get(fmt::format("/api/v1/reporting/regimes/{}/completeness?period=2026-10", id))
          .status,
      404);
  EXPECT_EQ(act(reviewer, pb, object{{"action", "return"}}).status, 422);  // a reason is needed
  auto back =
      act(reviewer, pb, object{{"action", "return"}, {"reason", "Số lao động dịch vụ chưa khớp."}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json().at("status").as_string(), "returned");
  auto seen = leader_b.get(pb).json();
  EXPECT_EQ(seen.at("return_reason").as_string(), "Số lao động dịch vụ chưa khớp.");
  // Changed after signing: the signature stands for what was sent, and says the report differs.
  auto edited = act(leader_b, pb, object{{"action", "save"}, {"values", values(4, 4, 3, 3)}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_FALSE(edited.json().at("signature").at("matches_report").as_bool()) << edited.body;
  auto fixed = act(leader_b, pb, object{{"action", "submit"}, {"values", values(4, 4, 3, 3)}});
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_TRUE(fixed.json().at("on_time").as_bool());  // the first submission kept the deadline
  EXPECT_TRUE(fixed.json().at("signature").at("matches_report").as_bool());  // signed again
  for (const auto* p : {&pa, &pb, &pc}) {
    auto ok = act(reviewer, *p, object{{"action", "approve"}});
    ASSERT_EQ(ok.status, 200) << *p << ok.body;
  }

  // Approved: locked, and the screen says why.
  auto locked = act(leader_a, pa, object{{"action", "save"}, {"values", values(1, 1, 1, 1)}});
  EXPECT_EQ(locked.status, 409) << locked.body;
  EXPECT_EQ(locked.error_code(), "report.approved");
  auto why = leader_a.get(pa).json();
  EXPECT_NE(std::string(why.at("locked_reason").as_string()).find("duyệt ngày 19/10/2026"),
            std::string::npos)
      << boost::json::serialize(why);

  // The aggregate of the month, and of the quarter computed from its months, equal the sum.
  for (const char* q : {"period=2026-10", "period=2026-Q4&period_type=quarter"}) {
    auto sum = reviewer.get(fmt::format("/api/v1/reporting/regimes/{}/aggregate?{}", id, q));
    ASSERT_EQ(sum.status, 200) << sum.body;
    auto v = sum.json().at("values").as_object();
    EXPECT_EQ(v.at("nong_nghiep.nam").as_int64(), 30 + 4 + 1) << q;
    EXPECT_EQ(v.at("dich_vu.nu").as_int64(), 5 + 3 + 1) << q;
    EXPECT_EQ(v.at("tong.cong").as_int64(), (30 + 10 + 5 + 5) + (4 + 4 + 3 + 3) + 4) << q;
    EXPECT_FALSE(v.contains("nong_nghiep.ghi_chu")) << q;
    EXPECT_EQ(sum.json().at("approved_reports").as_int64(), 3) << q;
  }

  // September was never sent; ten days after its deadline entry locks, with the reason and who
  // can open it; the office opens it for a day.
  set_clock("2026-10-20T09:00:00+07:00");
  admin = logged_in("admin");
  leader_a = logged_in(username_of(a, "leader"));
  reviewer = logged_in(username_of(office, "leader"));
  const std::string sept = path(id, "2026-09", a);
  auto closed = act(leader_a, sept, object{{"action", "save"}, {"values", values(1, 1, 1, 1)}});
  EXPECT_EQ(closed.status, 409) << closed.body;
  EXPECT_EQ(closed.error_code(), "report.locked");
  auto reason = leader_a.get(sept).json();
  std::string text(reason.at("locked_reason").as_string());
  EXPECT_NE(text.find("Văn phòng Ủy ban nhân dân tỉnh"), std::string::npos) << text;
  EXPECT_EQ(act(leader_a, sept, object{{"action", "unlock"}, {"until", "2026-10-21"}}).status, 403);
  EXPECT_EQ(act(reviewer, sept, object{{"action", "unlock"}, {"until", "2027-06-01"}}).status,
            422);  // an exception is short
  auto opened = act(reviewer, sept, object{{"action", "unlock"}, {"until", "2026-10-21"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  // The province's administrator may send for a commune, but then does not approve it too.
  auto now_sent = act(admin, sept, object{{"action", "submit"}, {"values", values(2, 2, 2, 2)}});
  ASSERT_EQ(now_sent.status, 200) << now_sent.body;
  EXPECT_FALSE(now_sent.json().at("on_time").as_bool());
  auto own = act(admin, sept, object{{"action", "approve"}});
  EXPECT_EQ(own.status, 409) << own.body;
  EXPECT_EQ(own.error_code(), "report.same_person");
  ASSERT_EQ(act(reviewer, sept, object{{"action", "approve"}}).status, 200);
  // The year, from its months: counts add up over September and October; the stock column
  // takes each unit's latest month.
  auto year = reviewer.get(
      fmt::format("/api/v1/reporting/regimes/{}/aggregate?period=2026&period_type=year", id));
  ASSERT_EQ(year.status, 200) << year.body;
  auto yv = year.json().at("values").as_object();
  EXPECT_EQ(yv.at("nong_nghiep.nam").as_int64(), 30 + 4 + 1 + 2);
  EXPECT_EQ(yv.at("nong_nghiep.ton").as_int64(), 30 + 4 + 1);
  EXPECT_EQ(yv.at("tong.cong").as_int64(), 50 + 14 + 4 + 8);

  // The pivot: one cell, commune by commune and month by month, with both totals — a count adds
  // up over the months, a stock is each commune's latest; a commune with nothing approved in a
  // month shows nothing there.
  auto pivot = [&](const std::string& cell, const std::string& range) {
    return reviewer.get(
        fmt::format("/api/v1/reporting/regimes/{}/pivot?cell={}&{}", id, cell, range));
  };
  auto num = [](const boost::json::value& v) {
    return v.is_null() ? -1.0 : v.to_number<double>();  // -1: empty
  };
  auto line = [&](const boost::json::object& p, int64_t u) {
    for (const auto& row : p.at("units").as_array())
      if (row.at("unit_id").as_int64() == u) {
        std::vector<double> out;
        for (const auto& v : row.at("values").as_array()) out.push_back(num(v));
        out.push_back(num(row.at("total")));
        return out;
      }
    return std::vector<double>{};
  };
  const std::string months = "from=2026-09&to=2026-10";
  auto count = pivot("nong_nghiep.nam", months);
  ASSERT_EQ(count.status, 200) << count.body;
  auto counted = count.json().as_object();
  ASSERT_EQ(counted.at("periods").as_array().size(), 2u);
  EXPECT_EQ(counted.at("periods").at(0).at("label").as_string(), "Tháng 09/2026");
  EXPECT_EQ(line(counted, a), (std::vector<double>{2, 30, 32}));
  EXPECT_EQ(line(counted, b), (std::vector<double>{-1, 4, 4}));
  EXPECT_EQ(line(counted, c), (std::vector<double>{-1, 1, 1}));
  EXPECT_EQ(num(counted.at("totals").at(1)), 35);
  EXPECT_EQ(num(counted.at("total")), 37);
  EXPECT_TRUE(counted.at("total").is_int64()) << count.body;  // a count reads 37, not 3.7E1
  EXPECT_TRUE(counted.at("units").at(0).at("reporting").as_bool());
  EXPECT_EQ(num(counted.at("total")), yv.at("nong_nghiep.nam").as_int64());  // as the year's sum
  auto stock = pivot("nong_nghiep.ton", months);
  ASSERT_EQ(stock.status, 200) << stock.body;
  auto stocked = stock.json().as_object();
  EXPECT_EQ(line(stocked, a), (std::vector<double>{2, 30, 30}));
  EXPECT_EQ(num(stocked.at("total")), yv.at("nong_nghiep.ton").as_int64());
  // As Excel, the same table.
  auto sheet = pivot("nong_nghiep.nam", months + "&format=xlsx");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.header("content-type").value_or(""),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(sheet.body.starts_with("PK"));
  // Not a number cell, backwards, too long, or not the reviewer's regime: clear refusals.
  EXPECT_EQ(pivot("nong_nghiep.ghi_chu", months).error_code(), "validation_failed");
  EXPECT_EQ(pivot("khong_co.nam", months).status, 422);
  // A computed cell adds its parts up unit by unit and month by month; its totals are its
  // parts' totals by their own aggregations, so the grand total is the aggregate's figure.
  auto sums = pivot("tong.cong", months);
  ASSERT_EQ(sums.status, 200) << sums.body;
  auto summed = sums.json().as_object();
  EXPECT_TRUE(summed.at("cell").at("computed").as_bool());
  EXPECT_EQ(line(summed, a), (std::vector<double>{8, 50, 58}));
  EXPECT_EQ(line(summed, b), (std::vector<double>{-1, 14, 14}));
  EXPECT_EQ(num(summed.at("totals").at(0)), 8);
  EXPECT_EQ(num(summed.at("totals").at(1)), 68);
  EXPECT_EQ(num(summed.at("total")), yv.at("tong.cong").as_int64());
  for (const char* computed : {"nong_nghiep.cong", "tong.nam", "tong.ton"}) {
    auto r = pivot(computed, months);
    ASSERT_EQ(r.status, 200) << computed << ": " << r.body;
    EXPECT_EQ(num(r.json().at("total")), num(yv.at(computed))) << computed;
  }
  // A total row's stock is each commune's latest, not the months added up.
  EXPECT_EQ(line(pivot("tong.ton", months).json().as_object(), a),
            (std::vector<double>{2, 30, 30}));
  auto no_end = pivot("nong_nghiep.nam", "from=2026-09");
  EXPECT_EQ(no_end.status, 422);
  EXPECT_TRUE(no_end.json().at("error").at("details").at("fields").as_object().contains("to"))
      << no_end.body;
  auto bad_start = pivot("nong_nghiep.nam", "from=2026-Q3&to=2026-10");
  EXPECT_TRUE(bad_start.json().at("error").at("details").at("fields").as_object().contains("from"))
      << bad_start.body;
  EXPECT_EQ(pivot("nong_nghiep.nam", "from=2026-10&to=2026-09").status, 422);
  EXPECT_EQ(pivot("nong_nghiep.nam", "from=2020-01&to=2026-10").status, 422);
  EXPECT_EQ(pivot("nong_nghiep.nam", "from=2022-11&to=2026-10").status, 200);  // 48 months
  auto year_of = pivot("nong_nghiep.nam", "to=2026-10");  // the twelve months up to October
  ASSERT_EQ(year_of.status, 200) << year_of.body;
  EXPECT_EQ(year_of.json().at("periods").as_array().size(), 12u);
  EXPECT_EQ(year_of.json().at("periods").at(0).at("id").as_string(), "2025-11");
  EXPECT_EQ(num(year_of.json().at("total")), 37);
  EXPECT_EQ(leader_a
                .get(fmt::format("/api/v1/reporting/regimes/{}/pivot?cell=nong_nghiep.nam&{}", id,
                                 months))
                .status,
            404);

  // Excel, laid out like the form.
  auto xlsx = leader_a.get(pa + "?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  // Bad periods and units are clear errors.
  EXPECT_EQ(leader_a.get(path(id, "2026-13", a)).status, 422);
  EXPECT_EQ(leader_a.get(path(id, "2026-10", office)).status, 404);
  EXPECT_EQ(leader_a.get(path(id, "2027-05", a)).status, 200);  // readable, not yet open
  EXPECT_EQ(act(leader_a, path(id, "2027-05", a), object{{"action", "save"}}).status, 422);
}

// A commune downloads its report as the Excel template, fills it offline and uploads it: saved
// as the draft; a wrong value, another report's template or a stale one saves nothing and says
// which cell or why; nobody else may upload.
TEST_P(ReportingTest, TwoLevelsApproveBeforeTheFiguresPassUp) {
  set_clock("2026-11-16T09:00:00+07:00");
  auto admin = logged_in("admin");
  auto form_body = boost::json::parse(kForm);
  form_body.as_object()["code"] = "LD-C";
  auto made = admin.post_json("/api/v1/reporting/forms", form_body);
  ASSERT_EQ(made.status, 201) << made.body;
  int64_t office = demo_regime().at("receiver").at("id").as_int64();
  int64_t justice = unit("000.00.03.H47"), a = unit("000.00.56.H47");
  // The commune reports to the Department of Justice, whose approval the provincial office
  // approves in turn.
  object regime{{"code", fmt::format("LD-C-{}", made.json().at("version").as_int64())},
                {"name", "Báo cáo lao động qua hai cấp duyệt"},
                {"form_code", "LD-C"},
                {"form_version", made.json().at("version")},
                {"period_type", "month"},
                {"cutoff_day", 15},
                {"deadline", object{{"kind", "working_days_after_cutoff"}, {"working_days", 2}}},
                {"receiver_unit_id", justice},
                {"approver_unit_ids", array{office}},
                {"reporter_unit_ids", array{a}}};
  // A chain that repeats its receiver, has its reporter approve, or climbs too high is refused.
  for (const auto& chain :
       {array{justice}, array{a}, array{office, office}, array{office, a, office, justice}}) {
    object bad = regime;
    bad["approver_unit_ids"] = chain;
    auto refused = admin.post_json("/api/v1/reporting/regimes", bad);
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_TRUE(refused.json().at("error").at("details").at("fields").as_object().contains(
        "approver_unit_ids"))
        << refused.body;
  }
  auto created = admin.post_json("/api/v1/reporting/regimes", regime);
  ASSERT_EQ(created.status, 201) << created.body;
  auto made_regime = created.json();
  int64_t id = made_regime.at("id").as_int64();
  const auto& levels = made_regime.at("approval_levels").as_array();
  ASSERT_EQ(levels.size(), 2u) << created.body;
  EXPECT_EQ(levels[0].at("unit_id").as_int64(), justice);
  EXPECT_EQ(levels[1].at("unit_id").as_int64(), office);

  const std::string p = path(id, "2026-11", a);
  auto commune = logged_in(username_of(a, "leader"));
  auto sent = act(commune, p, object{{"action", "submit"}, {"values", values(3, 4, 5, 6)}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto department = logged_in("lanhdao.stp");
  auto province = logged_in(username_of(office, "leader"));
  // The provincial office sees the report but it is not yet its turn.
  auto early = province.get(p);
  ASSERT_EQ(early.status, 200) << early.body;
  EXPECT_EQ(early.json().at("approval").at(1).at("state").as_string(), "pending");
  EXPECT_EQ(act(province, p, object{{"action", "approve"}}).status, 403);

  auto endorsed = act(department, p, object{{"action", "approve"}});
  ASSERT_EQ(endorsed.status, 200) << endorsed.body;
  auto e = endorsed.json();
  EXPECT_EQ(e.at("status").as_string(), "endorsed");
  EXPECT_EQ(e.at("approval").at(0).at("state").as_string(), "approved");
  EXPECT_EQ(e.at("approval").at(1).at("state").as_string(), "waiting");
  EXPECT_NE(std::string(e.at("locked_reason").as_string()).find("chờ Văn phòng"), std::string::npos)
      << endorsed.body;
  // Still waiting for the province: the department cannot approve twice, nothing passes up, and
  // the unit cannot change what it sent.
  EXPECT_EQ(act(department, p, object{{"action", "approve"}}).status, 403);
  EXPECT_EQ(
      act(commune, p, object{{"action", "save"}, {"values", values(1, 1, 1, 1)}}).error_code(),
      "report.submitted");
  // How many reports passed up, and the figure they add up to for one cell (-1: none).
  auto sums = [&](HttpClient& reviewer, const std::string& scope = "") {
    auto r = reviewer.get(
        fmt::format("/api/v1/reporting/regimes/{}/aggregate?period=2026-11{}", id, scope));
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return std::pair<int64_t, int64_t>{-1, -1};
    auto body = r.json();
    const auto& v = body.at("values").as_object();
    return std::pair<int64_t, int64_t>{
        body.at("approved_reports").as_int64(),
        v.contains("nong_nghiep.nam") ? v.at("nong_nghiep.nam").to_number<int64_t>() : -1};
  };
  using Passed = std::pair<int64_t, int64_t>;
  EXPECT_EQ(sums(province), (Passed{0, -1}));
  // The department's own total counts what it endorsed, before the province approves; within
  // a commune, that commune's; within a unit where nobody reports, nothing.
  EXPECT_EQ(sums(department, "&level=1"), (Passed{1, 3}));
  EXPECT_EQ(sums(province, "&level=2"), (Passed{0, -1}));
  EXPECT_EQ(sums(department, fmt::format("&level=1&unit_id={}", a)), (Passed{1, 3}));
  EXPECT_EQ(sums(department, fmt::format("&level=1&unit_id={}", justice)), (Passed{0, -1}));
  auto too_high = department.get(
      fmt::format("/api/v1/reporting/regimes/{}/aggregate?period=2026-11&level=3", id));
  EXPECT_EQ(too_high.status, 422) << too_high.body;

  // The province returns it: back to the commune, every level to approve again.
  auto back = act(province, p, object{{"action", "return"}, {"reason", "Thiếu số liệu dịch vụ."}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json().at("status").as_string(), "returned");
  EXPECT_EQ(back.json().at("approval").at(0).at("state").as_string(), "pending");
  ASSERT_EQ(act(commune, p, object{{"action", "submit"}, {"values", values(3, 4, 7, 8)}}).status,
            200);
  // Whoever approved one level does not approve the next (a system administrator holds both).
  ASSERT_EQ(act(admin, p, object{{"action", "approve"}}).status, 200);
  auto twice = act(admin, p, object{{"action", "approve"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.error_code(), "report.same_person");
  auto approved = act(province, p, object{{"action", "approve"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("status").as_string(), "approved");
  EXPECT_EQ(sums(province), (Passed{1, 3}));
  // Only the last level reopens; the timeline names each level.
  EXPECT_EQ(act(department, p, object{{"action", "reopen"}, {"reason", "Sửa"}}).status, 403);
  std::string timeline = boost::json::serialize(approved.json().at("timeline"));
  EXPECT_NE(timeline.find("Duyệt cấp 1/2"), std::string::npos) << timeline;
  EXPECT_NE(timeline.find("Duyệt cấp 2/2"), std::string::npos) << timeline;

  // The chain changes while a report is on its way: it starts again at the first level of the
  // new chain, never skipping a level, and what the old chain did stays in its timeline.
  ASSERT_EQ(act(province, p, object{{"action", "reopen"}, {"reason", "Rà soát lại."}}).status, 200);
  EXPECT_EQ(sums(province), (Passed{0, -1}));  // a reopened report's figures come back down
  ASSERT_EQ(act(commune, p, object{{"action", "submit"}, {"values", values(3, 4, 7, 8)}}).status,
            200);
  ASSERT_EQ(act(department, p, object{{"action", "approve"}}).status, 200);
  auto current = admin.get(fmt::format("/api/v1/reporting/regimes/{}", id)).json().as_object();
  object single = regime;
  single["approver_unit_ids"] = array{};
  single["version"] = current.at("version");
  auto rechained = admin.send_json("PUT", fmt::format("/api/v1/reporting/regimes/{}", id), single);
  ASSERT_EQ(rechained.status, 200) << rechained.body;
  EXPECT_EQ(rechained.json().at("approvals_restarted").as_int64(), 1);
  auto again = department.get(p).json();
  EXPECT_EQ(again.at("status").as_string(), "submitted");
  ASSERT_EQ(again.at("approval").as_array().size(), 1u);
  EXPECT_EQ(again.at("approval").at(0).at("state").as_string(), "waiting");
  EXPECT_NE(boost::json::serialize(again.at("timeline")).find("Các cấp duyệt thay đổi"),
            std::string::npos);
  // The department's endorsement under the old chain does not stop it approving under the new.
  auto alone = act(department, p, object{{"action", "approve"}});
  ASSERT_EQ(alone.status, 200) << alone.body;
  EXPECT_EQ(alone.json().at("status").as_string(), "approved");
  ASSERT_EQ(alone.json().at("approval").as_array().size(), 1u);
  // Only the department reviews it now: the province no longer sees the regime.
  EXPECT_EQ(sums(department), (Passed{1, 3}));
  EXPECT_EQ(province.get(p).status, 404);

  // A department's administrator edits its own regime but not the levels the province set.
  int64_t division = unit("000.02.03.H47");
  object own = regime;
  own["code"] = fmt::format("LD-C-OWN-{}", made.json().at("version").as_int64());
  own["reporter_unit_ids"] = array{division};
  auto owned = admin.post_json("/api/v1/reporting/regimes", own);
  ASSERT_EQ(owned.status, 201) << owned.body;
  auto dept_admin = logged_in(username_of(justice, "unit_admin"));
  object renamed = own;
  renamed["name"] = "Báo cáo lao động của Sở (đổi tên)";
  renamed["version"] = owned.json().at("version");
  auto path_own = fmt::format("/api/v1/reporting/regimes/{}", owned.json().at("id").as_int64());
  object dropped = renamed;
  dropped["approver_unit_ids"] = array{};
  auto refused = dept_admin.send_json("PUT", path_own, dropped);
  EXPECT_EQ(refused.status, 403) << refused.body;
  auto kept = dept_admin.send_json("PUT", path_own, renamed);
  EXPECT_EQ(kept.status, 200) << kept.body;
}

TEST_P(ReportingTest, AnExcelTemplateFilledOfflineIsSavedAsTheDraft) {
  set_clock("2026-10-16T09:00:00+07:00");
  int64_t office = demo_regime().at("receiver").at("id").as_int64();
  int64_t a = unit("000.00.56.H47"), b = unit("000.00.57.H47");
  int64_t id = make_regime("LD-X", array{a, b});
  ASSERT_NE(id, 0);
  auto leader_a = logged_in(username_of(a, "leader"));
  const std::string pa = path(id, "2026-11", a);
  ASSERT_EQ(
      act(leader_a, pa, object{{"action", "save"}, {"values", object{{"dich_vu.nam", 2}}}}).status,
      200);

  auto download = leader_a.get(pa + "?format=xlsx");
  ASSERT_EQ(download.status, 200);
  // Rows 4–6 (Nông nghiệp, Dịch vụ, Tổng cộng); columns B Nam, C Nữ, D Cộng, E Có việc làm
  // mới, F Lao động cuối kỳ, G Ghi chú.
  auto fill = [&](const std::vector<std::tuple<std::string, std::string, std::string>>& cells) {
    auto parts = unzip_parts(download.body);
    std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
    for (const auto& [ref, inner, type] : cells) sheet = set_cell(sheet, ref, inner, type);
    return zip_parts(parts);
  };
  const std::string upload = pa + "/xlsx";
  auto send = [&](HttpClient& c, const std::string& bytes) {
    return c.request(
        "POST", upload, bytes,
        {{"content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  };

  // A word where a count goes: refused naming the cell, nothing saved.
  auto wrong = send(leader_a, fill({{"B4", "<is><t>ba mươi</t></is>", "inlineStr"}}));
  ASSERT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_NE(wrong.body.find("ô B4"), std::string::npos) << wrong.body;
  EXPECT_EQ(leader_a.get(pa).json().at("values").at("dich_vu.nam").as_int64(), 2);
  // Not a workbook, and another unit's template.
  auto pdf = send(leader_a, "%PDF-1.4");
  EXPECT_EQ(pdf.status, 422);
  EXPECT_EQ(pdf.error_code(), "xlsx.not_workbook");
  auto leader_b = logged_in(username_of(b, "leader"));
  auto other = send(leader_b, download.body);
  EXPECT_EQ(other.status, 404) << other.body;  // A's report is not B's to see
  auto of_b = leader_b.get(path(id, "2026-11", b) + "?format=xlsx");
  ASSERT_EQ(of_b.status, 200);
  auto crossed = send(leader_a, of_b.body);
  EXPECT_EQ(crossed.error_code(), "report.other_report") << crossed.body;
  // The receiver reads the report but does not fill it.
  auto reviewer = logged_in(username_of(office, "leader"));
  EXPECT_EQ(send(reviewer, download.body).status, 403);

  // Filled as it should be: saved as the draft, computed cells computed.
  auto filled = fill({{"B4", "<v>30</v>", ""},
                      {"C4", "<v>20</v>", ""},
                      {"E4", "<v>3</v>", ""},
                      {"C5", "<v>5</v>", ""},
                      {"G4", "<is><t>Số liệu từ tổ dân phố</t></is>", "inlineStr"}});
  auto saved = send(leader_a, filled);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto v = saved.json().at("values").as_object();
  EXPECT_EQ(v.at("nong_nghiep.cong").as_int64(), 50);
  EXPECT_EQ(v.at("dich_vu.nam").as_int64(), 2);  // as downloaded
  EXPECT_EQ(v.at("tong.nu").as_int64(), 25);
  EXPECT_EQ(v.at("nong_nghiep.ghi_chu").as_string(), "Số liệu từ tổ dân phố");
  EXPECT_EQ(saved.json().at("status").as_string(), "draft");
  // The same file again (a retry, or a second upload): the report changed since the template
  // was made, so it is refused rather than overwriting what was saved meanwhile.
  auto stale = send(leader_a, filled);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.error_code(), "report.stale");
  EXPECT_NE(stale.body.find("tải mẫu mới"), std::string::npos) << stale.body;
  // The audit log holds the save.
  auto timeline = leader_a.get(pa).json().at("timeline").as_array();
  ASSERT_FALSE(timeline.empty());
  EXPECT_EQ(timeline.back().at("action").as_string(), "save");
  EXPECT_TRUE(
      std::string(timeline.back().at("note").as_string()).starts_with("Nhập số liệu từ tệp Excel"));
}

// DHIS2 dataValueSets: one commune's saved figures exported, pushed as another commune's
// (dryRun first), exported again; conflicts named value by value, and with atomicMode=ALL
// nothing saved; a unit's figures only by those who may enter them.
TEST_P(ReportingTest, Dhis2DataValueSetsRoundTrip) {
  set_clock("2026-10-16T09:00:00+07:00");
  int64_t office = demo_regime().at("receiver").at("id").as_int64();
  int64_t a = unit("000.00.56.H47"), b = unit("000.00.57.H47");
  int64_t id = make_regime("LD-D", array{a, b});
  ASSERT_NE(id, 0);
  auto leader_a = logged_in(username_of(a, "leader"));
  auto leader_b = logged_in(username_of(b, "leader"));
  auto reviewer = logged_in(username_of(office, "leader"));
  object entered = values(30, 20, 4, 6);
  entered["nong_nghiep.ghi_chu"] = "Theo sổ theo dõi";
  ASSERT_EQ(
      act(leader_a, path(id, "2026-11", a), object{{"action", "save"}, {"values", entered}}).status,
      200);
  const std::string sets = fmt::format("/api/v1/reporting/regimes/{}/data-value-sets", id);

  // Exported in DHIS2's shape: row = data element, column = category option combo.
  auto out = reviewer.get(sets + "?period=202611");
  ASSERT_EQ(out.status, 200) << out.body;
  auto set = out.json().as_object();
  EXPECT_EQ(set.at("period").as_string(), "202611");
  auto& list = set.at("dataValues").as_array();
  ASSERT_EQ(list.size(), entered.size()) << out.body;  // entered cells only, never the sums
  std::string code_a(list.front().at("orgUnit").as_string());
  for (const auto& v : list) {
    EXPECT_EQ(v.at("orgUnit").as_string(), code_a);
    EXPECT_TRUE(v.at("value").is_string());
  }
  // The same period in our own form reads alike; a stranger gets nothing.
  EXPECT_EQ(reviewer.get(sets + "?period=2026-11").json().at("dataValues").as_array().size(),
            list.size());
  EXPECT_EQ(logged_in("lanhdao.stp").get(sets + "?period=202611").status, 404);

  // Pushed as commune B's by B's leader: checked first, then saved.
  for (auto& v : list) v.as_object()["orgUnit"] = "000.00.57.H47";
  auto dry = leader_b.post_json(sets + "?dryRun=true", set);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.json().at("status").as_string(), "SUCCESS");
  EXPECT_EQ(dry.json().at("importCount").at("imported").as_int64(),
            static_cast<int64_t>(list.size()));
  EXPECT_EQ(leader_b.get(path(id, "2026-11", b)).json().at("status").as_string(), "none");
  auto pushed = leader_b.post_json(sets, set);
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_EQ(pushed.json().at("status").as_string(), "SUCCESS");
  auto report_a = leader_a.get(path(id, "2026-11", a)).json();
  auto report_b = leader_b.get(path(id, "2026-11", b)).json();
  EXPECT_EQ(report_b.at("status").as_string(), "draft");
  EXPECT_EQ(report_b.at("values"), report_a.at("values"));  // computed cells computed alike
  EXPECT_EQ(reviewer.get(sets + "?period=202611").json().at("dataValues").as_array().size(),
            2 * list.size());
  // Pushed again: the same values, updated, nothing new.
  auto again = leader_b.post_json(sets, set);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("importCount").at("imported").as_int64(), 0);
  EXPECT_EQ(again.json().at("importCount").at("updated").as_int64(),
            static_cast<int64_t>(list.size()));

  // Conflicts: an unknown cell, a word for a count, another unit's figures, an unknown unit.
  object bad{
      {"period", "202611"},
      {"orgUnit", "000.00.57.H47"},
      {"dataValues",
       array{
           object{{"dataElement", "nong_nghiep"}, {"categoryOptionCombo", "nam"}, {"value", "35"}},
           object{{"dataElement", "xay_dung"}, {"categoryOptionCombo", "nam"}, {"value", "1"}},
           object{{"dataElement", "dich_vu.nu"}, {"value", "sáu"}},
           object{{"dataElement", "dich_vu.nam"}, {"value", "9"}, {"orgUnit", "000.00.56.H47"}},
           object{{"dataElement", "dich_vu.nam"}, {"value", "9"}, {"orgUnit", "000.99.99.H47"}},
           object{{"dataElement", "dich_vu.nam"}}}}};  // no value at all
  auto refused = leader_b.post_json(sets, bad);
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.error_code(), "reporting.import_conflicts");
  auto summary = refused.json().at("error").at("details").as_object();
  EXPECT_EQ(summary.at("status").as_string(), "ERROR");
  EXPECT_EQ(summary.at("conflicts").as_array().size(), 5u) << refused.body;
  EXPECT_NE(refused.body.find("dataValues[5].value"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("sáu"), std::string::npos);  // the value it could not read…
  EXPECT_EQ(leader_b.get(path(id, "2026-11", b)).json().at("values").at("nong_nghiep.nam"),
            report_b.at("values").at("nong_nghiep.nam"));  // …and nothing saved
  // atomicMode=NONE: the good value is taken, the rest reported.
  auto partial = leader_b.post_json(sets + "?atomicMode=NONE", bad);
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_EQ(partial.json().at("status").as_string(), "WARNING");
  EXPECT_EQ(partial.json().at("importCount").at("updated").as_int64(), 1);
  EXPECT_EQ(partial.json().at("importCount").at("ignored").as_int64(), 5);
  EXPECT_EQ(leader_b.get(path(id, "2026-11", b)).json().at("values").at("nong_nghiep.nam"), 35);
  // A period due before the regime was defined was never asked for: nobody is missing.
  auto before =
      reviewer.get(fmt::format("/api/v1/reporting/regimes/{}/completeness?period=2026-05", id));
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json().at("missing").as_int64(), 0);
  EXPECT_EQ(before.json().at("expected").as_int64(), 0);
  EXPECT_EQ(before.json().at("units").at(0).at("timeliness").as_string(), "not_expected");
  // What saving would refuse is a conflict before anything is saved: a period not yet begun
  // beside a good value saves neither.
  object early{
      {"orgUnit", "000.00.57.H47"},
      {"dataValues",
       array{object{{"dataElement", "nong_nghiep.nam"}, {"period", "202611"}, {"value", "77"}},
             object{{"dataElement", "nong_nghiep.nam"}, {"period", "202701"}, {"value", "1"}}}}};
  auto not_begun = leader_b.post_json(sets, early);
  EXPECT_EQ(not_begun.status, 409) << not_begun.body;
  EXPECT_NE(not_begun.body.find("chưa bắt đầu"), std::string::npos) << not_begun.body;
  EXPECT_EQ(leader_b.get(path(id, "2026-11", b)).json().at("values").at("nong_nghiep.nam"), 35);
  // Two values for one cell are a conflict, not "the last one wins"; dryRun as DHIS2 clients
  // write it checks only; a value left out is an error, "" clears.
  object twice{{"period", "202611"},
               {"orgUnit", "000.00.57.H47"},
               {"dataValues", array{object{{"dataElement", "dich_vu.nam"}, {"value", "1"}},
                                    object{{"dataElement", "dich_vu.nam"}, {"value", "2"}}}}};
  EXPECT_EQ(leader_b.post_json(sets + "?dryRun=TRUE", twice).status, 409);
  auto checked = leader_b.post_json(sets + "?dryRun=TRUE&atomicMode=NONE", twice);
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json().at("conflictsTotal").as_int64(), 1);
  EXPECT_EQ(leader_b.get(path(id, "2026-11", b)).json().at("values").at("dich_vu.nam"), 4);
  EXPECT_EQ(leader_b.post_json(sets + "?dryRun=maybe", twice).status, 422);
  auto no_value = leader_b.post_json(
      sets, object{{"period", "202611"},
                   {"orgUnit", "000.00.57.H47"},
                   {"dataValues", array{object{{"dataElement", "dich_vu.nam"}}}}});
  EXPECT_EQ(no_value.status, 409) << no_value.body;
  EXPECT_NE(no_value.body.find("dataValues[0].value"), std::string::npos) << no_value.body;
  // Malformed sets are plain errors.
  EXPECT_EQ(leader_b.post_json(sets, object{{"period", "202611"}}).status, 422);
  EXPECT_EQ(leader_b.post_json(sets + "?atomicMode=SOME", set).status, 422);
}

// Biểu 06/VPCP/KSTT: the demo's quarterly regime prefills a commune's report from the one-stop
// statistics of the quarter's cut-off window.
TEST_P(ReportingTest, Bieu06IsPrefilledFromTheOneStopStatistics) {
  set_clock("2026-09-21T09:00:00+07:00");  // the quarter's window has closed, entry is open
  auto g = demo_regime();
  int64_t id = g.at("id").as_int64();
  // The reporting commune that received the most dossiers in the quarter's window.
  std::set<int64_t> reporters;
  for (const auto& u : g.at("periods").at(0).at("units").as_array())
    reporters.insert(u.at("unit_id").as_int64());
  auto by_agency =
      logged_in("admin")
          .get("/api/v1/statistics?group_by=agency&from=2026-06-15&to=2026-09-14&boundaries=today")
          .json();
  int64_t commune = 0, most = -1;
  for (const auto& row : by_agency.at("items").as_array()) {
    int64_t unit_id = std::stoll(std::string(row.at("key").as_string()));
    int64_t n = row.at("received").as_int64() + row.at("carried_over").as_int64();
    if (reporters.contains(unit_id) && n > most) {
      commune = unit_id;
      most = n;
    }
  }
  ASSERT_NE(commune, 0) << boost::json::serialize(by_agency);
  auto leader = logged_in(username_of(commune, "leader"));
  auto r = leader.get(path(id, "2026-Q3", commune));
  ASSERT_EQ(r.status, 200) << r.body;
  auto report = r.json();
  EXPECT_EQ(report.at("period").at("from").as_string(), "2026-06-15");
  EXPECT_EQ(report.at("period").at("to").as_string(), "2026-09-14");
  auto stats = leader.get(fmt::format(
      "/api/v1/statistics?agency_id={}&from=2026-06-15&to=2026-09-14&boundaries=today", commune));
  ASSERT_EQ(stats.status, 200) << stats.body;
  auto row = stats.json().at("items").at(0).as_object();
  const auto& counts = row.at("counts").as_object();
  const auto& v = report.at("values").as_object();
  int64_t received = row.at("received").as_int64();
  int64_t online = counts.at("received_online").as_int64();
  EXPECT_EQ(v.at("tong.nhan_truc_tuyen").as_int64(), online);
  EXPECT_EQ(v.at("tong.nhan_truc_tiep").as_int64(), received - online);
  EXPECT_EQ(v.at("tong.nhan_ky_truoc").as_int64(), row.at("carried_over").as_int64());
  EXPECT_EQ(v.at("tong.giai_quyet_truoc_han").as_int64(), counts.at("finished_early").as_int64());
  EXPECT_EQ(v.at("tong.giai_quyet_dung_han").as_int64(), counts.at("finished_on_time").as_int64());
  EXPECT_EQ(v.at("tong.giai_quyet_qua_han").as_int64(), counts.at("finished_late").as_int64());
  EXPECT_EQ(v.at("tong.da_giai_quyet").as_int64(), row.at("finished").as_int64());
  EXPECT_EQ(v.at("tong.tong_nhan").as_int64(), received + row.at("carried_over").as_int64());
  EXPECT_GT(received + row.at("carried_over").as_int64(), 0) << "the demo has dossiers there";
  // In progress at the window's end: in time and overdue add up, neither below zero.
  if (!row.at("in_progress_overdue").is_null()) {
    int64_t overdue = row.at("in_progress_overdue").as_int64();
    EXPECT_EQ(v.at("tong.dang_qua_han").as_int64(), overdue);
    EXPECT_EQ(v.at("tong.dang_trong_han").as_int64(), row.at("in_progress").as_int64() - overdue);
    EXPECT_GE(v.at("tong.dang_trong_han").as_int64(), 0);
  }
  // Sent as prefilled, it keeps the figures.
  auto sent = act(leader, path(id, "2026-Q3", commune),
                  object{{"action", "submit"}, {"comment", "Số liệu lấy từ hệ thống một cửa."}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json().at("values").at("tong.nhan_truc_tuyen").as_int64(), online);
}

// An approved report of a form the Government collects reaches its reporting system once, with
// every cell and the unit's signature; reports of other forms do not go.
TEST_P(ReportingTest, ApprovedReportsOfNationalFormsAreSentToTheGovernmentSystemOnce) {
  set_clock("2026-10-16T09:00:00+07:00");
  int64_t office = demo_regime().at("receiver").at("id").as_int64();
  int64_t a = unit("000.00.58.H47");
  int64_t id = make_regime("LD-N", array{a});
  ASSERT_NE(id, 0);
  auto leader_a = logged_in(username_of(a, "leader"));
  auto reviewer = logged_in(username_of(office, "leader"));
  const std::string pa = path(id, "2026-10", a);
  ASSERT_EQ(act(leader_a, pa,
                object{{"action", "submit"}, {"values", values(5, 5, 1, 1)}, {"comment", "Đủ."}})
                .status,
            200);
  std::size_t before = national_stub().requests().size();
  ASSERT_EQ(act(reviewer, pa, object{{"action", "approve"}}).status, 200);
  auto arrived = [&] {
    for (int i = 0; i < 100 && national_stub().requests().size() == before; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return national_stub().requests().size() > before;
  };
  ASSERT_TRUE(arrived()) << "nothing reached the national system";
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // no second delivery
  auto requests = national_stub().requests();
  ASSERT_EQ(requests.size(), before + 1);
  const auto& got = requests.back();
  EXPECT_EQ(got.method, "POST");
  EXPECT_EQ(got.target, "/api/bao-cao");
  EXPECT_TRUE(got.headers.at("idempotency-key").starts_with("national-report-"));
  auto body = boost::json::parse(got.body).as_object();
  EXPECT_EQ(body.at("form").at("code").as_string(), "LD-N");
  EXPECT_EQ(body.at("period").at("id").as_string(), "2026-10");
  EXPECT_EQ(body.at("period").at("from").as_string(), "2026-09-15");
  EXPECT_EQ(body.at("reportingUnit").at("code").as_string(), "000.00.58.H47");
  EXPECT_FALSE(body.at("approvedBy").is_null());
  bool total = false;
  for (const auto& c : body.at("values").as_array())
    if (c.at("row") == "tong" && c.at("column") == "cong") total = c.at("value").as_int64() == 12;
  EXPECT_TRUE(total) << got.body;
  EXPECT_TRUE(body.at("signature").is_object()) << got.body;
  EXPECT_TRUE(body.at("personalSignature").is_object()) << got.body;
  // Reports of forms the Government does not collect stay here (the other tests approve some).
  for (const auto& r : requests)
    EXPECT_EQ(boost::json::parse(r.body).at("form").at("code").as_string(), "LD-N");
}

// A thematic or ad hoc report (báo cáo chuyên đề, đột xuất) is asked once: the dates its data
// cover and the day to send by are the request's; one commune sends in time, one late, one not
// at all, and the office sees it so and adds up what it approved; `once` is its only period.
TEST_P(ReportingTest, AReportAskedOnceIsSentByItsDayAndCountedLikeAPeriod) {
  set_clock("2026-11-10T09:00:00+07:00");
  auto admin = logged_in("admin");
  auto form_body = boost::json::parse(kForm);
  form_body.as_object()["code"] = "LD-O";
  auto made = admin.post_json("/api/v1/reporting/forms", form_body);
  ASSERT_EQ(made.status, 201) << made.body;
  int64_t office = demo_regime().at("receiver").at("id").as_int64();
  int64_t a = unit("000.00.56.H47"), b = unit("000.00.57.H47"), c = unit("000.00.58.H47");
  object regime{{"code", fmt::format("LD-O-{}", made.json().at("version").as_int64())},
                {"name", "Báo cáo đột xuất về lao động mất việc do bão số 13"},
                {"form_code", "LD-O"},
                {"form_version", made.json().at("version")},
                {"period_type", "once"},
                {"window", object{{"from", "2026-11-03"}, {"to", "2026-11-09"}}},
                {"deadline", object{{"kind", "date"}, {"date", "2026-11-12"}}},
                {"receiver_unit_id", office},
                {"reporter_unit_ids", array{a, b, c}}};
  object past = regime;
  past["deadline"] = object{{"kind", "date"}, {"date", "2026-11-09"}};
  auto refused = admin.post_json("/api/v1/reporting/regimes", past);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(
      refused.json().at("error").at("details").at("fields").as_object().contains("deadline"))
      << refused.body;
  auto created = admin.post_json("/api/v1/reporting/regimes", regime);
  ASSERT_EQ(created.status, 201) << created.body;
  int64_t id = created.json().at("id").as_int64();

  // The commune sees the request with its one period, its dates and its day.
  auto leader_a = logged_in(username_of(a, "leader"));
  auto listed = leader_a.get("/api/v1/reporting/regimes");
  ASSERT_EQ(listed.status, 200) << listed.body;
  bool seen = false;
  auto listing = listed.json();
  for (const auto& g : listing.at("items").as_array()) {
    if (g.at("id").as_int64() != id) continue;
    seen = true;
    const auto& periods = g.at("periods").as_array();
    ASSERT_EQ(periods.size(), 1u) << g;
    EXPECT_EQ(periods[0].at("id").as_string(), "once");
    EXPECT_EQ(periods[0].at("from").as_string(), "2026-11-03");
    EXPECT_EQ(periods[0].at("to").as_string(), "2026-11-09");
  }
  EXPECT_TRUE(seen) << listed.body;
  EXPECT_EQ(leader_a.get(path(id, "2026-11", a)).status, 422);
  auto in_time = act(leader_a, path(id, "once", a),
                     object{{"action", "submit"},
                            {"values", values(6, 6, 2, 2)},
                            {"comment", "Số liệu đến hết ngày 09/11."}});
  ASSERT_EQ(in_time.status, 200) << in_time.body;
  EXPECT_TRUE(in_time.json().at("on_time").as_bool());
  EXPECT_EQ(in_time.json().at("due_date").as_string(), "2026-11-12");

  // The day after the day named: late.
  set_clock("2026-11-13T09:00:00+07:00");
  auto leader_b = logged_in(username_of(b, "leader"));
  auto late = act(leader_b, path(id, "once", b),
                  object{{"action", "submit"},
                         {"values", values(3, 3, 1, 1)},
                         {"comment", "Gửi chậm do mất điện."}});
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_FALSE(late.json().at("on_time").as_bool());

  auto reviewer = logged_in(username_of(office, "leader"));
  expect_totals(reviewer, id, "once", {3, 2, 1, 1, 1});
  for (int64_t u : {a, b}) {
    auto ok = act(reviewer, path(id, "once", u), object{{"action", "approve"}});
    ASSERT_EQ(ok.status, 200) << ok.body;
  }
  auto sum = reviewer.get(fmt::format("/api/v1/reporting/regimes/{}/aggregate?period=once", id));
  ASSERT_EQ(sum.status, 200) << sum.body;
  EXPECT_EQ(sum.json().at("values").at("nong_nghiep.nam").as_int64(), 6 + 3);
  EXPECT_EQ(sum.json().at("approved_reports").as_int64(), 2);
  // Nothing larger is made of a report asked once.
  EXPECT_EQ(reviewer
                .get(fmt::format(
                    "/api/v1/reporting/regimes/{}/aggregate?period=2026&period_type=year", id))
                .status,
            422);
  // Its day gone, the request is still retired; what its reports cover no longer changes.
  admin = logged_in("admin");
  auto put = [&](object body) {
    body["version"] = created.json().at("version");
    return admin.send_json("PUT", fmt::format("/api/v1/reporting/regimes/{}", id), body);
  };
  object moved = regime;
  moved["window"] = object{{"from", "2026-09-01"}, {"to", "2026-10-15"}};
  auto reshaped = put(moved);
  ASSERT_EQ(reshaped.status, 422) << reshaped.body;
  EXPECT_TRUE(reshaped.json().at("error").at("details").at("fields").as_object().contains("window"))
      << reshaped.body;
  object retired = regime;
  retired["active"] = false;
  auto done_with = put(retired);
  EXPECT_EQ(done_with.status, 200) << done_with.body;
}

// A report sent is signed by the leader who sends it (their personal key) and sealed with its
// unit's agency key, both verified when read: at today's time
// (the demo PKI's certificates begin when the demo was made; the other tests' clock is earlier).
TEST_P(ReportingTest, ASentReportIsSignedByItsUnitAndVerifiedWhenRead) {
  auto reset = client().post_json("/api/v1/testing/clock", object{{"offset_seconds", 0}});
  ASSERT_EQ(reset.status, 200) << reset.body;
  int64_t a = unit("000.00.56.H47");
  int64_t id = make_regime("LD-S", array{a});
  ASSERT_NE(id, 0);
  auto leader_a = logged_in(username_of(a, "leader"));
  auto due = leader_a.get("/api/v1/reporting/regimes");
  ASSERT_EQ(due.status, 200) << due.body;
  std::string period;
  auto regimes = due.json();
  for (const auto& g : regimes.at("items").as_array())
    if (g.at("id").as_int64() == id)
      period = g.at("periods").as_array().back().at("id").as_string();
  ASSERT_FALSE(period.empty()) << due.body;
  const std::string pa = path(id, period, a);
  auto sent = act(
      leader_a, pa,
      object{{"action", "submit"}, {"values", values(6, 6, 2, 2)}, {"comment", "Số liệu tháng."}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto view = leader_a.get(pa).json();
  const auto& signature = view.at("signature");
  ASSERT_TRUE(signature.is_object()) << view;
  EXPECT_TRUE(signature.at("valid").as_bool()) << signature;
  EXPECT_EQ(signature.at("status").as_string(), "valid");
  EXPECT_TRUE(signature.at("matches_report").as_bool());
  EXPECT_NE(std::string(signature.at("organisation").as_string()).find("Tân Phú"),
            std::string::npos)
      << signature;
  EXPECT_EQ(signature.at("kind").as_string(), "agency");
  // The leader's own: the certificate names the person who sent the report.
  auto me = leader_a.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  std::string leader_name(me.json().at("principal").at("full_name").as_string());
  const auto& personal = view.at("personal_signature");
  ASSERT_TRUE(personal.is_object()) << view;
  EXPECT_EQ(personal.at("kind").as_string(), "personal");
  EXPECT_TRUE(personal.at("valid").as_bool()) << personal;
  EXPECT_TRUE(personal.at("matches_report").as_bool());
  EXPECT_EQ(personal.at("signer_name").as_string(), leader_name) << personal;
  EXPECT_EQ(personal.at("report_version"), view.at("version"));

  // Returned, then sent again by another leader of the commune who has no key of their own: the
  // first leader's signature is not shown, nor sent on, as this sending's.
  int64_t office = demo_regime().at("receiver").at("id").as_int64();
  auto reviewer = logged_in(username_of(office, "leader"));
  auto back =
      act(reviewer, pa, object{{"action", "return"}, {"reason", "Bổ sung số liệu dịch vụ."}});
  ASSERT_EQ(back.status, 200) << back.body;
  auto admin = logged_in("admin");
  ASSERT_NE(create_official(admin, "thutv.tanphu", "Trần Văn Thử", "Tran-Van-Thu@2026", "leader",
                            "000.00.56.H47"),
            0);
  HttpClient deputy(port());
  ASSERT_EQ(deputy.login("thutv.tanphu", "Tran-Van-Thu@2026").status, 200);
  auto again = act(deputy, pa, object{{"action", "submit"}});
  ASSERT_EQ(again.status, 200) << again.body;
  auto resent = again.json();
  EXPECT_TRUE(resent.at("personal_signature").is_null()) << again.body;
  ASSERT_TRUE(resent.at("signature").is_object()) << again.body;
  EXPECT_EQ(resent.at("signature").at("report_version"), resent.at("version"));
}

// The digital-government indicators are their sources' figures: the one-stop statistics and the
// document registers for the same unit and days, and reports due then and sent. A report sent
// late counts once its deadline has passed, as sent out of expected; the province's
// administrators alone set targets, which judge each share.
TEST_P(ReportingTest, DigitalGovernmentIndicatorsAreTheirSourcesFiguresAgainstTargets) {
  set_clock("2026-11-02T09:00:00+07:00");
  int64_t province = unit("000.00.00.H47"), commune = unit("000.00.59.H47");
  int64_t id = make_regime("CT-SO", array{commune});  // 2026-11 is due on Tuesday 17 November
  set_clock("2026-11-20T09:00:00+07:00");
  auto admin = logged_in("admin");
  auto indicators = [&](HttpClient& c, int64_t unit, const char* from,
                        const char* to = "2026-11-19") {
    auto r =
        c.get(fmt::format("/api/v1/reporting/indicators?unit_id={}&from={}&to={}", unit, from, to));
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, object> by_code;
    if (r.status != 200) return by_code;
    auto body = r.json();
    for (const auto& i : body.at("items").as_array())
      by_code[std::string(i.at("code").as_string())] = i.as_object();
    return by_code;
  };
  auto fraction = [](const object& i) {
    return std::pair{i.at("numerator").as_int64(), i.at("denominator").as_int64()};
  };

  auto all = indicators(admin, province, "2026-01-01");
  ASSERT_EQ(all.size(), 8u);
  auto stats =
      admin.get("/api/v1/statistics?from=2026-01-01&to=2026-11-19&boundaries=today").json();
  const auto& row = stats.at("items").at(0).as_object();
  const auto& counts = row.at("counts").as_object();
  auto count = [&](const char* k) { return counts.at(k).as_int64(); };
  EXPECT_EQ(fraction(all["onestop.online"]),
            std::pair(count("received_online"), row.at("received").as_int64()));
  EXPECT_GT(all["onestop.online"].at("denominator").as_int64(), 0) << "the demo has dossiers";
  EXPECT_EQ(fraction(all["onestop.on_time"]),
            std::pair(count("finished_early") + count("finished_on_time"),
                      row.at("finished").as_int64()));
  EXPECT_EQ(fraction(all["onestop.satisfaction"]),
            std::pair(count("ratings_satisfied"), count("ratings")));
  EXPECT_EQ(fraction(all["onestop.online_payment"]),
            std::pair(count("fees_paid_online"), count("fee_dossiers")));
  auto docs =
      admin.get(fmt::format("/api/v1/documents/stats?unit_id={}&from=2026-01-01&to=2026-"
                            "11-19",
                            province));
  ASSERT_EQ(docs.status, 200) << docs.body;
  auto docs_body = docs.json();
  const auto& total = docs_body.at("total").as_object();
  auto doc = [&](const char* k) { return total.at(k).as_int64(); };
  EXPECT_EQ(fraction(all["documents.electronic"]),
            std::pair(doc("incoming_electronic") + doc("outgoing_electronic"),
                      doc("incoming") + doc("outgoing")));
  EXPECT_EQ(fraction(all["documents.signed"]), std::pair(doc("outgoing_signed"), doc("outgoing")));
  // A paper letter registered today counts among the documents, not the electronic ones.
  auto docs_before =
      fraction(indicators(admin, province, "2026-11-01", "2026-11-20")["documents.electronic"]);
  auto clerk = logged_in("vanthu.stp");
  auto scan = clerk.request("POST", "/api/v1/files?name=cong-van.pdf", kSamplePdf,
                            {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(scan.status, 201) << scan.body;
  auto letter = clerk.post_json("/api/v1/documents/incoming",
                                object{{"unit_id", unit("000.00.03.H47")},
                                       {"channel", "paper"},
                                       {"issuer_name", "Bộ Tư pháp"},
                                       {"notation", "88/BTP-VP"},
                                       {"issued_on", "2026-11-18"},
                                       {"doc_type", "cong_van"},
                                       {"subject", "V/v báo cáo kết quả chuyển đổi số"},
                                       {"file_ids", array{scan.json().at("id")}}});
  ASSERT_EQ(letter.status, 201) << letter.body;
  EXPECT_EQ(
      fraction(indicators(admin, province, "2026-11-01", "2026-11-20")["documents.electronic"]),
      std::pair(docs_before.first, docs_before.second + 1));
  // A share is judged against the demo's target, never guessed without one.
  for (auto& [code, i] : all) {
    if (i.at("value").is_null() || i.at("target").is_null()) {
      EXPECT_TRUE(i.at("met").is_null()) << code;
      continue;
    }
    double value = i.at("value").as_double() * 100;
    double target = i.at("target").at("percent").to_number<double>();
    EXPECT_EQ(i.at("met").as_bool(), value >= target - 1e-9) << code;
  }
  EXPECT_FALSE(all["onestop.satisfaction"].at("target").is_null());

  // The commune's November report was due on the 17th and is missing: expected, not sent. Sent
  // late, it counts as sent; the expected stay.
  auto leader = logged_in(username_of(commune, "leader"));
  auto before = fraction(indicators(leader, commune, "2026-11-01")["reporting.sent"]);
  EXPECT_GE(before.second, 1);
  auto sent = act(leader, path(id, "2026-11", commune),
                  object{{"action", "submit"}, {"values", values(3, 4, 5, 6)}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto after = fraction(indicators(leader, commune, "2026-11-01")["reporting.sent"]);
  EXPECT_EQ(after, std::pair(before.first + 1, before.second));
  // A commune's leader sees the commune, not the province.
  EXPECT_EQ(
      leader.get(fmt::format("/api/v1/reporting/indicators?unit_id={}&from=2026-11-01", province))
          .status,
      403);

  // Targets: the province's administrators set them, with the plan that sets them; the share
  // is judged against the new level at once.
  const std::string target = "/api/v1/reporting/indicator-targets/documents.signed";
  EXPECT_EQ(leader.send_json("PUT", target, object{{"percent", 50}, {"source", "Kế hoạch"}}).status,
            403);
  auto bad = admin.send_json("PUT", target, object{{"percent", 150}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  auto bad_body = bad.json();
  const auto& fields = bad_body.at("error").at("details").at("fields").as_object();
  EXPECT_TRUE(fields.contains("percent") && fields.contains("source")) << bad.body;
  EXPECT_EQ(admin
                .send_json("PUT", "/api/v1/reporting/indicator-targets/khong-co",
                           object{{"percent", 50}, {"source", "Kế hoạch"}})
                .status,
            404);
  auto set = admin.send_json("PUT", target,
                             object{{"percent", 100}, {"source", "Kế hoạch chuyển đổi số 2026"}});
  ASSERT_EQ(set.status, 200) << set.body;
  auto signed_docs = indicators(admin, province, "2026-01-01")["documents.signed"];
  EXPECT_EQ(signed_docs.at("target").at("source").as_string(), "Kế hoạch chuyển đổi số 2026");
  if (!signed_docs.at("value").is_null()) {
    EXPECT_EQ(signed_docs.at("met").as_bool(),
              signed_docs.at("numerator") == signed_docs.at("denominator"));
  }
  // Hundredths of a percent, as shares are judged; a source of invisible characters names
  // nothing.
  auto finer =
      admin.send_json("PUT", target, object{{"percent", 88.625}, {"source", "Kế hoạch sửa đổi"}});
  ASSERT_EQ(finer.status, 200) << finer.body;
  EXPECT_EQ(finer.json().at("percent").to_number<double>(), 88.63);
  EXPECT_EQ(
      admin.send_json("PUT", target, object{{"percent", 70}, {"source", "\u200b \ufeff"}}).status,
      422);
  auto removed = admin.request("DELETE", target, "", {});
  EXPECT_EQ(removed.status, 204) << removed.body;
  // The audit log keeps what each change replaced or removed.
  auto trail = admin.get("/api/v1/audit?object_type=reporting_target&object_id=documents.signed");
  ASSERT_EQ(trail.status, 200) << trail.body;
  auto entries = trail.json().at("items").as_array();
  ASSERT_EQ(entries.size(), 3u) << trail.body;
  EXPECT_EQ(entries[0].at("action").as_string(), "reporting.target.remove");
  EXPECT_EQ(entries[0].at("change").at("before").at("source").as_string(), "Kế hoạch sửa đổi");
  EXPECT_EQ(entries[1].at("change").at("before").at("percent").to_number<double>(), 100);
  EXPECT_EQ(admin.request("DELETE", target, "", {}).status, 404);
  EXPECT_TRUE(indicators(admin, province, "2026-01-01")["documents.signed"].at("target").is_null());
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportingTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
