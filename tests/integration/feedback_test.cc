// Citizen feedback and petitions on the real server, on both engines, with the application
// clock set to the Friday before the holidays of late April 2026: an anonymous sender's draft is
// completed; reception registers it to the competent department, whose deadline counts working
// days across the holidays; a specialist drafts, the leader approves and publishes; the public
// reads the answer without personal data; the sender disagrees once, then rates. Rejection,
// complaints, duplicates, the per-sender limit, stale versions and who may do what are checked.
#include <fmt/format.h>

#include "integration/server_fixture.h"
#include "support/stub_http_server.h"

namespace tinhso::testing {
namespace {

using boost::json::array;
using boost::json::object;

class FeedbackTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    sms_ = std::make_unique<StubHttpServer>([](int, const StubRequest&) { return 200; });
    ServerOptions o;
    o.engine = GetParam();
    o.demo_dossiers = 0;
    o.settings = {"testing.clock_control=true", "feedback.per_sender_per_day=3",
                  "notify.sms_webhook_url=" + sms_->url("/sms")};
    server_ = std::make_unique<ServerProcess>(o);
  }
  void set_clock(const std::string& now) {
    auto r = client().post_json("/api/v1/testing/clock", object{{"now", now}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  HttpClient client() const { return HttpClient(server_->port()); }
  HttpClient logged_in(const std::string& user) const {
    HttpClient c(server_->port());
    auto r = c.login(user, kDemoPassword);
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    return c;
  }
  int64_t category(const std::string& code) {
    auto r = client().get("/api/v1/public/feedback-categories");
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& c : body.at("items").as_array())
      if (c.at("code").as_string() == code) return c.at("id").as_int64();
    ADD_FAILURE() << "no category " << code;
    return 0;
  }
  HttpResponse act(HttpClient& c, const object& item, object body) {
    body["expected_version"] = item.at("version");
    return c.post_json(fmt::format("/api/v1/feedback/{}/actions", item.at("id").as_int64()), body);
  }
  HttpResponse sender_act(const std::string& code, const object& body) {
    return client().post_json(fmt::format("/api/v1/public/feedback/{}/actions", code), body);
  }
  // The item as reception sees it, found in its queue by code.
  object find_in_queue(HttpClient& c, int64_t unit, const std::string& code,
                       const std::string& status = "all") {
    auto r = c.get(fmt::format("/api/v1/feedback?unit_id={}&status={}&limit=200", unit, status));
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& it : body.at("items").as_array()) {
      if (it.at("code").as_string() == code) {
        auto full = c.get(fmt::format("/api/v1/feedback/{}", it.at("id").as_int64()));
        EXPECT_EQ(full.status, 200) << full.body;
        return full.json().as_object();
      }
    }
    ADD_FAILURE() << code << " not in the queue of unit " << unit;
    return {};
  }
  int64_t unit_id(const std::string& code) {
    HttpClient c = client();
    return unit_id_by_code(c, code);
  }

  // The SMS messages sent to `phone` that mention `text`.
  int sms_to(const std::string& phone, const std::string& text) const {
    int n = 0;
    for (const auto& r : sms_->requests())
      if (r.body.find(phone) != std::string::npos && r.body.find(text) != std::string::npos) ++n;
    return n;
  }

  std::unique_ptr<StubHttpServer> sms_;  // the province's SMS gateway
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(FeedbackTest, FromAnAnonymousDraftToARatedPublishedAnswer) {
  set_clock("2026-04-24T09:00:00+07:00");
  int64_t office = unit_id("000.00.01.H47");   // Văn phòng UBND tỉnh: reception
  int64_t justice = unit_id("000.00.03.H47");  // Sở Tư pháp

  // Sent without saying who: kept as a draft that says what Art. 7 requires.
  object body{{"category_id", category("thu_tuc")},
              {"kind", "petition"},
              {"title", "Niêm yết thành phần hồ sơ lý lịch tư pháp"},
              {"content", "Quầy tiếp nhận không niêm yết <b>đủ</b> thành phần hồ sơ."},
              {"proposal", "Đề nghị niêm yết đầy đủ tại quầy và trên cổng."}};
  auto sent = client().post_json("/api/v1/public/feedback", body);
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto made = sent.json().as_object();
  std::string code(made.at("code").as_string());
  std::string token(made.at("token").as_string());
  EXPECT_TRUE(code.starts_with("PAKN-2026-")) << code;
  EXPECT_EQ(made.at("status").as_string(), "draft");
  EXPECT_EQ(made.at("missing").as_array(),
            (array{"sender.name", "sender.address", "sender.phone"}));

  // Only the holder of the secret follows it; nobody else learns it exists.
  auto mine = client().get(fmt::format("/api/v1/public/feedback/{}?token={}", code, token));
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json().at("status").as_string(), "draft");
  // HTML is kept as the text people wrote; screens show it as text.
  EXPECT_EQ(mine.json().at("content").as_string(),
            "Quầy tiếp nhận không niêm yết <b>đủ</b> thành phần hồ sơ.");
  EXPECT_EQ(client().get(fmt::format("/api/v1/public/feedback/{}?token=x{}", code, token)).status,
            404);
  EXPECT_EQ(client().get(fmt::format("/api/v1/public/feedback/{}", code)).status, 404);

  // Completing needs everything Art. 7 asks for.
  auto partial = sender_act(
      code,
      object{{"action", "complete"}, {"token", token}, {"sender", object{{"name", "Đỗ Thị Hoa"}}}});
  EXPECT_EQ(partial.status, 422) << partial.body;
  auto bad_phone = sender_act(
      code,
      object{{"action", "complete"}, {"token", token}, {"sender", object{{"phone", "12ab"}}}});
  EXPECT_EQ(bad_phone.status, 422) << bad_phone.body;
  auto completed = sender_act(code, object{{"action", "complete"},
                                           {"token", token},
                                           {"sender", object{{"name", "Đỗ Thị Hoa"},
                                                             {"address", "Phường Hòa Bình"},
                                                             {"phone", "0987 111 222"}}}});
  ASSERT_EQ(completed.status, 200) << completed.body;
  EXPECT_EQ(completed.json().at("status").as_string(), "received");
  // Officials' actions are not the sender's.
  EXPECT_EQ(sender_act(code, object{{"action", "register"}, {"token", token}}).status, 422);

  // Reception finds it in its queue with the routing deadline of 5 working days.
  auto clerk = logged_in("vanthu.ubndtinh");
  auto item = find_in_queue(clerk, office, code, "open");
  ASSERT_FALSE(item.empty());
  EXPECT_EQ(item.at("status").as_string(), "received");
  EXPECT_EQ(item.at("sender").at("phone").as_string(), "0987111222");
  // The department cannot register what reception routes, nor see another unit's item.
  auto specialist = logged_in("chuyenvien.stp");
  EXPECT_EQ(act(specialist, item, object{{"action", "register"}, {"unit_id", justice}}).status,
            404);
  // A stale version is refused, a missing unit is named.
  object stale = item;
  stale["version"] = item.at("version").as_int64() - 1;
  EXPECT_EQ(act(clerk, stale, object{{"action", "register"}, {"unit_id", justice}}).status, 409);
  auto no_unit = act(clerk, item, object{{"action", "register"}});
  EXPECT_EQ(no_unit.status, 422) << no_unit.body;
  auto registered = act(clerk, item, object{{"action", "register"}, {"unit_id", justice}});
  ASSERT_EQ(registered.status, 200) << registered.body;
  item = registered.json().as_object();
  EXPECT_EQ(item.at("status").as_string(), "in_progress");
  // The sender is told by SMS where it went.
  EXPECT_TRUE(eventually([&] { return sms_to("0987111222", "Sở Tư pháp xử lý") == 1; }));
  EXPECT_EQ(item.at("unit").at("id").as_int64(), justice);

  // Ten working days from Friday 24 April 2026 across Giỗ Tổ's day off, 30/4 and 1/5: the
  // working calendar's due time, well after the two calendar weeks it would be otherwise.
  auto due = client().get("/api/v1/calendar/due?from=2026-04-24T09:00:00%2B07:00&working_days=10");
  ASSERT_EQ(due.status, 200) << due.body;
  EXPECT_EQ(item.at("due_at"), due.json().at("due"));
  EXPECT_GT(std::string(item.at("due_at").as_string()), "2026-05-08T09:00:00+07:00");

  // The specialist drafts; only the leader approves.
  item = find_in_queue(specialist, justice, code, "open");
  ASSERT_FALSE(item.empty());
  auto drafted = act(specialist, item,
                     object{{"action", "draft_answer"},
                            {"answer", "Sở đã niêm yết đầy đủ thành phần hồ sơ tại quầy."}});
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  item = drafted.json().as_object();
  EXPECT_EQ(act(specialist, item, object{{"action", "approve"}}).status, 403);
  set_clock("2026-04-29T10:00:00+07:00");  // sessions of five days ago have expired
  auto leader = logged_in("lanhdao.stp");
  auto approved = act(leader, item, object{{"action", "approve"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  item = approved.json().as_object();
  EXPECT_EQ(item.at("status").as_string(), "answered");
  EXPECT_EQ(item.at("timeliness").as_string(), "on_time");

  // Published: anyone reads it, without the sender's name, address or phone.
  auto list = client().get("/api/v1/public/feedback?q=ni%C3%AAm%20yet%20ly%20lich");
  ASSERT_EQ(list.status, 200) << list.body;
  auto listed = list.json();
  ASSERT_EQ(listed.at("items").as_array().size(), 1u) << list.body;
  EXPECT_EQ(listed.at("items").as_array()[0].at("code").as_string(), code);
  auto open = client().get(fmt::format("/api/v1/public/feedback/{}", code));
  ASSERT_EQ(open.status, 200) << open.body;
  for (const auto* text : {list.body.c_str(), open.body.c_str()}) {
    std::string s(text);
    EXPECT_EQ(s.find("0987111222"), std::string::npos);
    EXPECT_EQ(s.find("Đỗ Thị Hoa"), std::string::npos);
    EXPECT_EQ(s.find("Hòa Bình"), std::string::npos);
    EXPECT_EQ(s.find("token"), std::string::npos);
  }
  EXPECT_EQ(open.json().at("answer").as_string(),
            "Sở đã niêm yết đầy đủ thành phần hồ sơ tại quầy.");
  EXPECT_TRUE(eventually([&] { return sms_to("0987111222", "đã có trả lời") == 1; }));

  // The sender disagrees once: back to the department with a new deadline, no longer published.
  auto reopened = sender_act(
      code,
      object{{"action", "reopen"}, {"token", token}, {"note", "Trên cổng vẫn chưa niêm yết."}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json().at("status").as_string(), "in_progress");
  EXPECT_EQ(client().get(fmt::format("/api/v1/public/feedback/{}", code)).status, 404);
  item = find_in_queue(leader, justice, code, "open");
  drafted =
      act(leader, item,
          object{{"action", "draft_answer"}, {"answer", "Đã niêm yết cả tại quầy và trên Cổng."}});
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  approved = act(leader, drafted.json().as_object(),
                 object{{"action", "approve"},
                        {"publish", false},
                        {"withheld_reason", "Trả lời riêng cho người gửi."}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(client().get(fmt::format("/api/v1/public/feedback/{}", code)).status, 404);
  auto again =
      sender_act(code, object{{"action", "reopen"}, {"token", token}, {"note", "Vẫn chưa"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.error_code(), "feedback.reopened_once");
  auto bad_rating = sender_act(code, object{{"action", "rate"}, {"token", token}, {"rating", 9}});
  EXPECT_EQ(bad_rating.status, 422) << bad_rating.body;
  auto rated = sender_act(code, object{{"action", "rate"}, {"token", token}, {"rating", 4}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  auto seen = rated.json().as_object();
  EXPECT_EQ(seen.at("status").as_string(), "closed");
  EXPECT_EQ(seen.at("answer").as_string(), "Đã niêm yết cả tại quầy và trên Cổng.");
  // The sender's view names no official.
  EXPECT_EQ(rated.body.find("lanhdao"), std::string::npos);
  for (const auto& row : seen.at("timeline").as_array())
    EXPECT_FALSE(row.as_object().contains("actor"));

  // The figures count it for the department.
  clerk = logged_in("vanthu.ubndtinh");
  auto stats = clerk.get("/api/v1/feedback/stats?from=2026-04-01&to=2026-04-30");
  ASSERT_EQ(stats.status, 200) << stats.body;
  auto figures = stats.json();
  bool found = false;
  for (const auto& row : figures.at("items").as_array()) {
    if (row.at("unit").at("id").as_int64() != justice) continue;
    found = true;
    EXPECT_EQ(row.at("received").as_int64(), 1);
    EXPECT_EQ(row.at("answered").as_int64(), 1);
    EXPECT_EQ(row.at("rated").as_int64(), 1);
    EXPECT_DOUBLE_EQ(row.at("average_rating").as_double(), 4.0);
  }
  EXPECT_TRUE(found) << stats.body;
  specialist = logged_in("chuyenvien.stp");
  EXPECT_EQ(specialist.get("/api/v1/feedback/stats?from=2026-04-01&to=2026-04-30").status, 403);
}

TEST_P(FeedbackTest, RejectionsComplaintsDuplicatesAndLimits) {
  set_clock("2026-05-12T09:00:00+07:00");
  int64_t office = unit_id("000.00.01.H47");
  object sender{{"name", "Lê Văn Tám"}, {"address", "Xã Tân Phú"}, {"phone", "0911222333"}};
  auto send = [&](const std::string& title, const std::string& content) {
    return client().post_json("/api/v1/public/feedback", object{{"category_id", category("khac")},
                                                                {"title", title},
                                                                {"content", content},
                                                                {"sender", sender}});
  };
  auto clerk = logged_in("vanthu.ubndtinh");

  // Rejected with a reason the sender reads.
  auto first = send("Đề nghị sửa đường liên thôn", "Đường liên thôn xuống cấp nhiều ổ gà.");
  ASSERT_EQ(first.status, 201) << first.body;
  std::string code(first.json().at("code").as_string());
  std::string token(first.json().at("token").as_string());
  // The same text again from the same sender is an obvious duplicate.
  auto dup = send("Đề nghị sửa đường liên thôn", "Đường liên thôn xuống cấp nhiều ổ gà.");
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(dup.error_code(), "feedback.duplicate");
  EXPECT_EQ(dup.json().at("error").at("details").at("code").as_string(), code);
  auto item = find_in_queue(clerk, office, code, "open");
  auto no_reason = act(clerk, item, object{{"action", "reject"}});
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  auto rejected =
      act(clerk, item,
          object{{"action", "reject"}, {"note", "Đường do xã quản lý; đề nghị gửi UBND xã."}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  auto seen = client().get(fmt::format("/api/v1/public/feedback/{}?token={}", code, token));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json().at("status").as_string(), "rejected");
  EXPECT_NE(seen.body.find("đề nghị gửi UBND xã"), std::string::npos) << seen.body;

  // A complaint is recognised and routed under its own law.
  auto complaint = send("Khiếu nại quyết định xử phạt",
                        "Tôi khiếu nại quyết định xử phạt vi phạm hành chính số 12/QĐ-XPVPHC.");
  ASSERT_EQ(complaint.status, 201) << complaint.body;
  EXPECT_EQ(complaint.json().at("suspected").as_string(), "complaint");
  item = find_in_queue(clerk, office, std::string(complaint.json().at("code").as_string()), "open");
  EXPECT_EQ(item.at("suspected").as_string(), "complaint");
  auto routed = act(clerk, item,
                    object{{"action", "route_complaint"},
                           {"note", "Chuyển Thanh tra tỉnh xử lý theo Luật Khiếu nại."}});
  ASSERT_EQ(routed.status, 200) << routed.body;
  EXPECT_EQ(routed.json().at("status").as_string(), "routed_as_complaint");

  // Three a day per sender here (feedback.per_sender_per_day=3): the fourth waits for tomorrow.
  auto third = send("Chiếu sáng công cộng", "Đèn đường khu dân cư số 3 không sáng.");
  ASSERT_EQ(third.status, 201) << third.body;
  auto fourth = send("Cây xanh", "Cây xanh nghiêng có nguy cơ đổ.");
  EXPECT_EQ(fourth.status, 429) << fourth.body;
  EXPECT_EQ(fourth.error_code(), "feedback.too_many");
  set_clock("2026-05-13T10:00:00+07:00");
  EXPECT_EQ(send("Cây xanh", "Cây xanh nghiêng có nguy cơ đổ.").status, 201);

  // Bad input: named fields, nothing written.
  auto bad =
      client().post_json("/api/v1/public/feedback",
                         object{{"category_id", 999999}, {"title", ""}, {"kind", "petition"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  auto fields = bad.json().at("error").at("details").at("fields").as_object();
  EXPECT_TRUE(fields.contains("title"));
  EXPECT_TRUE(fields.contains("content"));
  EXPECT_TRUE(fields.contains("proposal"));
  auto unknown_category = client().post_json(
      "/api/v1/public/feedback",
      object{{"category_id", 999999}, {"title", "Tiêu đề"}, {"content", "Nội dung"}});
  EXPECT_EQ(unknown_category.status, 422) << unknown_category.body;
  // A citizen's account is not an official's: the queues are closed to it.
  HttpClient citizen(server_->port());
  ASSERT_EQ(citizen.login("0912345678", kDemoPassword, "applicant").status, 200);
  EXPECT_EQ(citizen.get(fmt::format("/api/v1/feedback?unit_id={}", office)).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedbackTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
