// Tasks from leaders' directions on the real server, on both engines, with the application
// clock set to a known week: a leader gives two tasks from a meeting; the owner unit reports
// progress and completes one on time; the leader sends it back; a week later both are overdue,
// one is completed late; the monthly statistics per unit (JSON and Excel) count exactly that.
// Who may give, report, complete, reopen and read is checked, and bad input is refused.
#include <fmt/format.h>

#include "integration/server_fixture.h"
#include "support/sample_files.h"

namespace tinhso::testing {
namespace {

using boost::json::array;
using boost::json::object;

class DocumentTasksTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    ServerOptions o;
    o.engine = GetParam();
    o.demo_dossiers = 0;
    o.settings = {"testing.clock_control=true"};
    server_ = std::make_unique<ServerProcess>(o);
  }
  void set_clock(const std::string& now) {
    auto r = HttpClient(server_->port()).post_json("/api/v1/testing/clock", object{{"now", now}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  HttpClient login(const std::string& user) {
    HttpClient c(server_->port());
    EXPECT_EQ(c.login(user, kDemoPassword).status, 200) << user;
    return c;
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(DocumentTasksTest, TasksAreGivenReportedCompletedReopenedAndCounted) {
  set_clock("2026-11-16T09:00:00+07:00");  // a Monday
  HttpClient leader = login("lanhdao.stp"), specialist = login("chuyenvien.stp"),
             clerk = login("vanthu.stp"), stranger = login("vanthu.ubndtinh");
  int64_t justice = unit_id_by_code(leader, "000.00.03.H47"),
          division = unit_id_by_code(leader, "000.02.03.H47"),
          office = unit_id_by_code(leader, "000.01.03.H47"),
          planning = unit_id_by_code(leader, "000.00.05.H47");
  auto task = [&](const std::string& title, const std::string& due) {
    return object{{"title", title},
                  {"content", "Rà soát, tổng hợp và báo cáo UBND tỉnh."},
                  {"source_kind", "meeting"},
                  {"source_note", "Kết luận giao ban Sở ngày 16/11/2026"},
                  {"assigning_unit_id", justice},
                  {"owner_unit_id", division},
                  {"cooperating_unit_ids", array{office}},
                  {"due_on", due}};
  };

  // Bad input and the wrong people are refused; nothing is created.
  auto past = leader.post_json("/api/v1/tasks", task("Quá khứ", "2026-11-13"));
  EXPECT_EQ(past.status, 422) << past.body;
  // A mistyped year (2206 for 2026) is refused rather than kept as a deadline two centuries on.
  auto far = leader.post_json("/api/v1/tasks", task("Năm gõ nhầm", "2206-11-20"));
  EXPECT_EQ(far.status, 422) << far.body;
  EXPECT_NE(far.body.find("không được quá 10 năm"), std::string::npos) << far.body;
  auto outside = task("Ngoài phạm vi", "2026-11-20");
  outside["owner_unit_id"] = planning;
  EXPECT_EQ(leader.post_json("/api/v1/tasks", outside).status, 422);
  auto no_meeting = task("Thiếu nguồn", "2026-11-20");
  no_meeting.erase("source_note");
  auto missing = leader.post_json("/api/v1/tasks", no_meeting);
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.body.find("source_note"), std::string::npos);
  EXPECT_EQ(clerk.post_json("/api/v1/tasks", task("Văn thư giao", "2026-11-20")).status, 403);

  auto a =
      leader.post_json("/api/v1/tasks", task("Rà soát sổ hộ tịch điện tử các xã", "2026-11-20"));
  ASSERT_EQ(a.status, 201) << a.body;
  int64_t a_id = a.json().at("id").as_int64();
  EXPECT_EQ(a.json().at("status").at("key").as_string(), "open");
  EXPECT_EQ(a.json().at("days_left").as_int64(), 4);
  EXPECT_EQ(a.json().at("cooperating_units").as_array().size(), 1u);
  auto b =
      leader.post_json("/api/v1/tasks", task("Báo cáo chứng thực điện tử quý IV", "2026-11-18"));
  ASSERT_EQ(b.status, 201) << b.body;
  int64_t b_id = b.json().at("id").as_int64();

  // The owner sees them, by deadline; someone outside sees nothing.
  auto mine = specialist.get(fmt::format("/api/v1/tasks?unit_id={}&status=open", division));
  ASSERT_EQ(mine.status, 200) << mine.body;
  auto items = mine.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at(0).at("id").as_int64(), b_id);  // the nearer deadline first
  EXPECT_EQ(stranger.get(fmt::format("/api/v1/tasks?unit_id={}", division)).status, 403);
  EXPECT_EQ(stranger.get(fmt::format("/api/v1/tasks/{}", a_id)).status, 403);
  auto coop = leader.get(fmt::format("/api/v1/tasks?unit_id={}&role=cooperate", office));
  EXPECT_EQ(coop.json().at("items").as_array().size(), 2u);

  // Progress with a file, from the owner unit; a unit not involved cannot report.
  auto f = specialist.request("POST", "/api/v1/files?name=bao-cao-tien-do.pdf", kSamplePdf,
                              {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(f.status, 201);
  auto progress = specialist.post_json(fmt::format("/api/v1/tasks/{}/reports", a_id),
                                       object{{"progress", 40},
                                              {"note", "Đã rà soát 80/200 xã."},
                                              {"file_ids", array{f.json().at("id")}}});
  ASSERT_EQ(progress.status, 201) << progress.body;
  EXPECT_EQ(progress.json().at("progress").as_int64(), 40);
  EXPECT_EQ(progress.json().at("reports").as_array().size(), 1u);
  EXPECT_EQ(specialist
                .post_json(fmt::format("/api/v1/tasks/{}/reports", a_id),
                           object{{"unit_id", planning}, {"note", "x"}})
                .status,
            422);

  // Completed on time (with evidence), then sent back by the leader.
  set_clock("2026-11-17T15:00:00+07:00");  // sessions expire overnight: sign in again
  leader = login("lanhdao.stp");
  specialist = login("chuyenvien.stp");
  int64_t version = progress.json().at("version").as_int64();
  EXPECT_EQ(
      specialist
          .post_json(fmt::format("/api/v1/tasks/{}/complete", a_id), object{{"version", version}})
          .status,
      422);  // no evidence
  EXPECT_EQ(specialist
                .post_json(fmt::format("/api/v1/tasks/{}/complete", a_id),
                           object{{"version", version + 5}, {"note", "Xong."}})
                .status,
            409);
  auto done = specialist.post_json(
      fmt::format("/api/v1/tasks/{}/complete", a_id),
      object{{"version", version}, {"note", "Đã rà soát đủ 200 xã; báo cáo kèm theo."}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("status").at("key").as_string(), "done");
  EXPECT_EQ(done.json().at("timeliness").at("key").as_string(), "on_time");
  EXPECT_EQ(specialist
                .post_json(fmt::format("/api/v1/tasks/{}/reopen", a_id),
                           object{{"version", done.json().at("version")}, {"note", "x"}})
                .status,
            403);
  auto reopened = leader.post_json(
      fmt::format("/api/v1/tasks/{}/reopen", a_id),
      object{{"version", done.json().at("version")}, {"note", "Thiếu số liệu 15 xã miền núi."}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json().at("status").at("key").as_string(), "open");
  auto history = reopened.json().at("reports").as_array();
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history.at(2).at("kind").at("key").as_string(), "reopen");

  // A week later both are overdue; B is completed late.
  set_clock("2026-11-25T10:00:00+07:00");
  leader = login("lanhdao.stp");
  specialist = login("chuyenvien.stp");
  stranger = login("vanthu.ubndtinh");
  auto overdue = leader.get(fmt::format("/api/v1/tasks?unit_id={}&status=overdue", division));
  ASSERT_EQ(overdue.json().at("items").as_array().size(), 2u) << overdue.body;
  EXPECT_TRUE(overdue.json().at("items").at(0).at("overdue").as_bool());
  auto b_now = specialist.get(fmt::format("/api/v1/tasks/{}", b_id)).json();
  auto late = specialist.post_json(
      fmt::format("/api/v1/tasks/{}/complete", b_id),
      object{{"version", b_now.at("version")}, {"note", "Đã gửi báo cáo số 12/BC-HCTP."}});
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_EQ(late.json().at("timeliness").at("key").as_string(), "late");

  // Open work first, then finished work; one task per page gives the same order by cursor.
  auto all = leader.get(fmt::format("/api/v1/tasks?unit_id={}", division)).json();
  std::vector<int64_t> order, paged;
  for (const auto& t : all.at("items").as_array()) order.push_back(t.at("id").as_int64());
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order.back(), b_id);  // done, after the open one
  std::string cursor;
  for (int page = 0; page < 4; ++page) {
    auto r = leader.get(fmt::format("/api/v1/tasks?unit_id={}&limit=1", division) +
                        (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)));
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& t : body.at("items").as_array()) paged.push_back(t.at("id").as_int64());
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  EXPECT_EQ(paged, order);

  // November: two given, none on time (A was sent back), one late, one open and overdue.
  auto stats =
      leader.get(fmt::format("/api/v1/tasks/stats?unit_id={}&year=2026&month=11", justice));
  ASSERT_EQ(stats.status, 200) << stats.body;
  auto rows = stats.json().at("items").as_array();
  ASSERT_EQ(rows.size(), 1u) << stats.body;
  EXPECT_EQ(rows.at(0).at("unit").at("id").as_int64(), division);
  auto total = stats.json().at("total").as_object();
  EXPECT_EQ(total.at("assigned").as_int64(), 2);
  EXPECT_EQ(total.at("done_on_time").as_int64(), 0);
  EXPECT_EQ(total.at("done_late").as_int64(), 1);
  EXPECT_EQ(total.at("open").as_int64(), 1);
  EXPECT_EQ(total.at("overdue").as_int64(), 1);
  auto october =
      leader.get(fmt::format("/api/v1/tasks/stats?unit_id={}&year=2026&month=10", justice));
  EXPECT_TRUE(october.json().at("items").as_array().empty());
  auto excel = leader.get(
      fmt::format("/api/v1/tasks/stats?unit_id={}&year=2026&month=11&format=xlsx", justice));
  ASSERT_EQ(excel.status, 200);
  EXPECT_EQ(excel.body.substr(0, 2), "PK");
  EXPECT_EQ(stranger.get(fmt::format("/api/v1/tasks/stats?unit_id={}&year=2026&month=11", justice))
                .status,
            403);
}

INSTANTIATE_TEST_SUITE_P(Engines, DocumentTasksTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
