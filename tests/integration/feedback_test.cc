// Citizen feedback and petitions on the real server, on both engines, with the application
// clock set to the Friday before the holidays of late April 2026: an anonymous sender's draft is
// completed; reception registers it to the competent department, whose deadline counts working
// days across the holidays; a specialist drafts, the leader approves and publishes; the public
// reads the answer without personal data; the sender disagrees once, then rates. Rejection,
// complaints, duplicates, the per-sender limit, stale versions and who may do what are checked.
#include <fmt/format.h>
#include <libxml/parser.h>

#include <atomic>
#include <map>
#include <thread>
#include <vector>

#include "integration/server_fixture.h"
#include "support/pdf_reader.h"
#include "support/stub_http_server.h"

namespace tinhso::testing {
namespace {

using boost::json::array;
using boost::json::object;

// A deadline to the minute: the test sets the clock to a whole minute and the clock runs on, so
// what the server computes a second or two later (under a sanitizer, with busy shards) keeps the
// minute but not always the second.
std::string minute_of(const boost::json::value& time) {
  return time.is_string() ? std::string(time.as_string()).substr(0, 16) : "(not a time)";
}

class FeedbackTest : public ::testing::TestWithParam<std::string> {
 protected:
  // One server per engine for the whole suite (each test sets its own clock and uses its own
  // senders): starting one with its demo data costs more than most tests take.
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    sms_ = &sms_gateway(GetParam());
    peer_ = &other_province(GetParam());
    server_ = &shared_server("feedback-" + GetParam(), [&] {
      ServerOptions o;
      o.engine = GetParam();
      o.demo_dossiers = 0;
      o.settings = {"testing.clock_control=true", "feedback.per_sender_per_day=3",
                    "notify.sms_webhook_url=" + sms_->url("/sms"),
                    "exchange.routes=.H48=" + peer_->url("")};
      return o;
    });
  }
  // The province's SMS gateway of each engine's server, outliving the servers that send to it.
  static StubHttpServer& sms_gateway(const std::string& engine) {
    static std::map<std::string, std::unique_ptr<StubHttpServer>> gateways;
    auto& g = gateways[engine];
    if (!g) g = std::make_unique<StubHttpServer>([](int, const StubRequest&) { return 200; });
    return *g;
  }
  // The document system of the neighbouring province (H48), which takes edXML messages.
  static StubHttpServer& other_province(const std::string& engine) {
    static std::map<std::string, std::unique_ptr<StubHttpServer>> peers;
    auto& p = peers[engine];
    if (!p) p = std::make_unique<StubHttpServer>([](int, const StubRequest&) { return 200; });
    return *p;
  }
  // A PDF's text as read, its lines joined: a sentence may wrap.
  static std::string joined_text(const std::string& pdf) {
    std::string text;
    for (char ch : pdf_text(pdf)) {
      bool space = ch == ' ' || ch == '\n';
      if (!space || (!text.empty() && text.back() != ' ')) text += space ? ' ' : ch;
    }
    return text;
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

  StubHttpServer* sms_ = nullptr;   // the province's SMS gateway
  StubHttpServer* peer_ = nullptr;  // the neighbouring province's document system
  ServerProcess* server_ = nullptr;
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
  // Its reply lost, the browser sends it again with the same Idempotency-Key: the first answer,
  // secret link included, and no second draft; the key cannot carry another text.
  std::string key = "an-danh-" + GetParam() + "-0123456789abcdef";
  auto send = [&](const object& b) {
    return client().request("POST", "/api/v1/public/feedback", boost::json::serialize(b),
                            {{"Content-Type", "application/json"}, {"Idempotency-Key", key}});
  };
  auto sent = send(body);
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto made = sent.json().as_object();
  std::string code(made.at("code").as_string());
  std::string token(made.at("token").as_string());
  auto resent = send(body);
  ASSERT_EQ(resent.status, 201) << resent.body;
  EXPECT_EQ(resent.header("idempotent-replayed"), "true");
  EXPECT_EQ(resent.json().at("code").as_string(), code);
  EXPECT_EQ(resent.json().at("token").as_string(), token);
  object changed = body;
  changed["title"] = "Một phản ánh khác";
  EXPECT_EQ(send(changed).status, 422);
  // A key too short to be told from another caller's is refused before anything is done.
  EXPECT_EQ(client()
                .request("POST", "/api/v1/public/feedback", boost::json::serialize(changed),
                         {{"Content-Type", "application/json"}, {"Idempotency-Key", "abc"}})
                .status,
            400);
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
  auto routing =
      client().get("/api/v1/calendar/due?from=2026-04-24T09:00:00%2B07:00&working_days=5");
  ASSERT_EQ(routing.status, 200) << routing.body;
  EXPECT_EQ(minute_of(item.at("forward_due_at")), minute_of(routing.json().at("due")))
      << boost::json::serialize(item);
  EXPECT_EQ(minute_of(item.at("due_at")), minute_of(routing.json().at("due")));
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
  EXPECT_EQ(minute_of(item.at("due_at")), minute_of(due.json().at("due")));
  EXPECT_GT(std::string(item.at("due_at").as_string()), "2026-05-08T09:00:00+07:00");

  // Another body's desk officer learns nothing of it.
  auto desk = logged_in("motcua.tinh");
  EXPECT_EQ(desk.get(fmt::format("/api/v1/feedback/{}", item.at("id").as_int64())).status, 404);
  // An extension: once, with a reason, before the deadline.
  auto leader_early = logged_in("lanhdao.stp");
  auto extended = act(leader_early, item,
                      object{{"action", "extend"}, {"extend_days", 2}, {"note", "Cần xác minh."}});
  ASSERT_EQ(extended.status, 200) << extended.body;
  EXPECT_GT(std::string(extended.json().at("due_at").as_string()),
            std::string(item.at("due_at").as_string()));
  item = extended.json().as_object();
  auto twice = act(leader_early, item,
                   object{{"action", "extend"}, {"extend_days", 2}, {"note", "Thêm nữa."}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.error_code(), "feedback.extended_once");

  // The leader assigns it to the specialist of a division, who finds it among their own items,
  // drafts, has the draft returned once, and drafts again; only the leader approves.
  auto assignees =
      leader_early.get(fmt::format("/api/v1/feedback/{}/assignees", item.at("id").as_int64()));
  ASSERT_EQ(assignees.status, 200) << assignees.body;
  int64_t specialist_id = 0;
  auto people = assignees.json();
  for (const auto& o : people.at("items").as_array())
    if (o.at("full_name").as_string() == "Nguyễn Thị Lan Anh")
      specialist_id = o.at("id").as_int64();
  ASSERT_NE(specialist_id, 0) << assignees.body;
  EXPECT_EQ(
      specialist.get(fmt::format("/api/v1/feedback/{}/assignees", item.at("id").as_int64())).status,
      403);
  auto assigned =
      act(leader_early, item, object{{"action", "assign"}, {"assignee_id", specialist_id}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  auto to_me = specialist.get("/api/v1/feedback?mine=1");
  ASSERT_EQ(to_me.status, 200) << to_me.body;
  EXPECT_NE(to_me.body.find(code), std::string::npos) << to_me.body;
  item = find_in_queue(specialist, justice, code, "open");
  ASSERT_FALSE(item.empty());
  auto drafted =
      act(specialist, item,
          object{{"action", "draft_answer"}, {"answer", "Sở sẽ niêm yết thành phần hồ sơ."}});
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  auto returned = act(leader_early, drafted.json().as_object(),
                      object{{"action", "return_draft"}, {"note", "Nêu rõ đã niêm yết ở đâu."}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("status").as_string(), "in_progress");
  drafted = act(specialist, returned.json().as_object(),
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
  // Answered well before its deadline.
  EXPECT_EQ(item.at("timeliness").as_string(), "early");

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
  EXPECT_EQ(rated.body.find("Trần Quốc Hùng"), std::string::npos);      // the leader
  EXPECT_EQ(rated.body.find("Nguyễn Thị Lan Anh"), std::string::npos);  // the specialist
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
  // By channel too, the same items: the portal's among them.
  auto totals = [](const boost::json::array& rows) {
    int64_t n = 0;
    for (const auto& row : rows) n += row.at("received").as_int64();
    return n;
  };
  int64_t portal = 0;
  for (const auto& row : figures.at("by_channel").as_array())
    if (row.at("channel").as_string() == "portal") {
      portal = row.at("received").as_int64();
      EXPECT_EQ(row.at("channel_label").as_string(), "Cổng thông tin");
    }
  EXPECT_GE(portal, 1) << stats.body;
  EXPECT_EQ(totals(figures.at("by_channel").as_array()), totals(figures.at("items").as_array()));
  auto excel = clerk.get("/api/v1/feedback/stats?from=2026-04-01&to=2026-04-30&format=xlsx");
  ASSERT_EQ(excel.status, 200) << excel.body;
  EXPECT_EQ(excel.header("content-type").value_or(""),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(excel.body.substr(0, 2), "PK");  // a zip, as every .xlsx is
  EXPECT_EQ(clerk.get("/api/v1/feedback/stats?from=2026-04-01&to=2026-04-30&format=pdf").status,
            422);
  // A department's leader sees the department's figures only.
  auto own_stats = leader.get("/api/v1/feedback/stats?from=2026-04-01&to=2026-04-30");
  ASSERT_EQ(own_stats.status, 200) << own_stats.body;
  auto own_rows = own_stats.json();
  for (const auto& row : own_rows.at("items").as_array())
    EXPECT_EQ(row.at("unit").at("id").as_int64(), justice) << own_stats.body;
  EXPECT_EQ(totals(own_rows.at("by_channel").as_array()), totals(own_rows.at("items").as_array()));
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
  // The same text again from the same sender is an obvious duplicate; whoever typed that phone
  // number is not told the earlier item's code.
  auto dup = send("Đề nghị sửa đường liên thôn", "Đường liên thôn xuống cấp nhiều ổ gà.");
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(dup.error_code(), "feedback.duplicate");
  EXPECT_EQ(dup.body.find(code), std::string::npos) << dup.body;
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
  // The letter says so, as a document the sender can print; only to the sender and officials.
  auto letter =
      client().get(fmt::format("/api/v1/public/feedback/{}/letter?token={}", code, token));
  ASSERT_EQ(letter.status, 200) << letter.body;
  EXPECT_EQ(letter.header("content-type").value_or(""), "application/pdf");
  std::string text = joined_text(letter.body);
  for (const char* said :
       {"THÔNG BÁO", "Về việc không tiếp nhận phản ánh, kiến nghị", "Kính gửi: Ông/Bà Lê Văn Tám",
        "Đường do xã quản lý; đề nghị gửi UBND xã.", "Điều 9 Nghị định số 20/2008/NĐ-CP",
        "Đề nghị sửa đường liên thôn"})
    EXPECT_NE(text.find(said), std::string::npos) << said << " in\n" << text;
  EXPECT_NE(text.find(code), std::string::npos);
  EXPECT_EQ(pdf_pages(letter.body), 1);
  EXPECT_EQ(client().get(fmt::format("/api/v1/public/feedback/{}/letter", code)).status, 404);
  EXPECT_EQ(clerk.get(fmt::format("/api/v1/feedback/{}/letter", item.at("id").as_int64())).status,
            200);

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
  // Its own law's clocks: accepted within 10 working days (Tuesday 12 May 2026 → Tuesday 26 May,
  // at the same hour),
  // then decided within 45 days of the acceptance for a complex case, ending at midnight.
  // To the minute: under a sanitizer the requests take seconds, and the clock runs on.
  EXPECT_EQ(minute_of(routed.json().at("due_at")), "2026-05-26T09:00");
  auto cases = clerk.get(fmt::format("/api/v1/feedback?unit_id={}&status=cases", office));
  ASSERT_EQ(cases.status, 200) << cases.body;
  EXPECT_NE(cases.body.find(std::string(complaint.json().at("code").as_string())),
            std::string::npos);
  auto accepted =
      act(clerk, routed.json().as_object(), object{{"action", "accept_case"}, {"complex", true}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json().at("status").as_string(), "case_accepted");
  EXPECT_EQ(accepted.json().at("due_at").as_string(), "2026-06-27T00:00:00+07:00");
  auto no_extension = act(clerk, accepted.json().as_object(),
                          object{{"action", "extend_case"}, {"note", "Cần thêm thời gian."}});
  EXPECT_EQ(no_extension.error_code(), "feedback.complaint_not_extended") << no_extension.body;
  EXPECT_EQ(act(clerk, accepted.json().as_object(), object{{"action", "decide_case"}}).status, 422);
  auto decided = act(clerk, accepted.json().as_object(),
                     object{{"action", "decide_case"},
                            {"answer",
                             "Quyết định giải quyết khiếu nại số 5/QĐ-UBND: giữ nguyên "
                             "quyết định xử phạt."}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json().at("status").as_string(), "case_decided");
  EXPECT_EQ(decided.json().at("timeliness").as_string(), "early");

  // A denunciation sent to the department: 7 working days to accept, 30 days to decide, extended
  // once for a complex case and twice for a very complex one.
  auto denunciation = client().post_json(
      "/api/v1/public/feedback",
      object{{"category_id", category("can_bo")},
             {"title", "Tố cáo cán bộ nhận tiền"},
             {"content", "Tôi tố cáo cán bộ một cửa nhận tiền để giải quyết nhanh."},
             {"sender", object{{"name", "Vũ Thị Lan"},
                               {"address", "Phường Hòa Bình"},
                               {"phone", "0913555666"}}}});
  ASSERT_EQ(denunciation.status, 201) << denunciation.body;
  EXPECT_EQ(denunciation.json().at("suspected").as_string(), "denunciation");
  int64_t department = unit_id("000.00.03.H47");
  item = find_in_queue(clerk, office, std::string(denunciation.json().at("code").as_string()));
  auto to_dept = act(clerk, item,
                     object{{"action", "route_complaint"},
                            {"unit_id", department},
                            {"note", "Chuyển Giám đốc Sở Tư pháp giải quyết theo Luật Tố cáo."}});
  ASSERT_EQ(to_dept.status, 200) << to_dept.body;
  // To the minute: under a sanitizer the requests take seconds, and the clock runs on.
  EXPECT_EQ(minute_of(to_dept.json().at("due_at")), "2026-05-21T09:00");
  auto leader = logged_in("lanhdao.stp");
  auto dept_item = find_in_queue(leader, department,
                                 std::string(denunciation.json().at("code").as_string()), "cases");
  auto taken = act(leader, dept_item, object{{"action", "accept_case"}});
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(taken.json().at("due_at").as_string(), "2026-06-12T00:00:00+07:00");
  auto once = act(leader, taken.json().as_object(),
                  object{{"action", "extend_case"}, {"note", "Phải xác minh ở hai địa điểm."}});
  ASSERT_EQ(once.status, 200) << once.body;
  // 30 more days after 11 June end on Saturday 11 July: the period runs to the next working day.
  EXPECT_EQ(once.json().at("due_at").as_string(), "2026-07-14T00:00:00+07:00");
  auto twice = act(leader, once.json().as_object(),
                   object{{"action", "extend_case"}, {"note", "Thêm nội dung."}});
  EXPECT_EQ(twice.error_code(), "feedback.extended_enough") << twice.body;
  auto very = act(leader, once.json().as_object(),
                  object{{"action", "extend_case"},
                         {"very_complex", true},
                         {"note", "Vụ việc đặc biệt phức tạp."}});
  ASSERT_EQ(very.status, 200) << very.body;
  EXPECT_EQ(act(leader, very.json().as_object(),
                object{{"action", "extend_case"}, {"very_complex", true}, {"note", "Lần ba."}})
                .error_code(),
            "feedback.extended_enough");

  // Reception may judge otherwise than the words: an item routed as a denunciation stays one.
  auto judged = client().post_json(
      "/api/v1/public/feedback",
      object{
          {"category_id", category("can_bo")},
          {"title", "Cán bộ địa chính xã làm khó"},
          {"content", "Cán bộ địa chính xã đòi tiền mới ký xác nhận hồ sơ đất."},
          {"sender",
           object{{"name", "Đinh Văn Hải"}, {"address", "Xã Tân Phú"}, {"phone", "0913777888"}}}});
  ASSERT_EQ(judged.status, 201) << judged.body;
  EXPECT_TRUE(judged.json().at("suspected").is_null());
  item = find_in_queue(clerk, office, std::string(judged.json().at("code").as_string()));
  auto as_denunciation = act(clerk, item,
                             object{{"action", "route_complaint"},
                                    {"case_kind", "denunciation"},
                                    {"note", "Nội dung là tố cáo hành vi nhũng nhiễu."}});
  ASSERT_EQ(as_denunciation.status, 200) << as_denunciation.body;
  auto reread = clerk.get(fmt::format("/api/v1/feedback/{}", item.at("id").as_int64()));
  ASSERT_EQ(reread.status, 200);
  EXPECT_EQ(reread.json().at("suspected").as_string(), "denunciation");
  EXPECT_EQ(minute_of(reread.json().at("due_at")), "2026-05-21T09:00");

  // Routed to the provincial committee itself: only its own officials see it — not every
  // official whose unit lies below it (all of them).
  auto to_committee = send("Quy hoạch khu dân cư", "Đề nghị công khai quy hoạch khu dân cư mới.");
  ASSERT_EQ(to_committee.status, 201) << to_committee.body;
  item =
      find_in_queue(clerk, office, std::string(to_committee.json().at("code").as_string()), "open");
  int64_t committee = unit_id("000.00.00.H47");
  auto at_committee = act(clerk, item, object{{"action", "register"}, {"unit_id", committee}});
  ASSERT_EQ(at_committee.status, 200) << at_committee.body;
  auto outsider = logged_in("chuyenvien.stp");
  EXPECT_EQ(outsider.get(fmt::format("/api/v1/feedback/{}", item.at("id").as_int64())).status, 404);
  EXPECT_EQ(outsider.get(fmt::format("/api/v1/feedback?unit_id={}", committee)).status, 403);

  // A call to the hotline, written down by the officer; not the province's to answer, it is
  // forwarded to the competent body with the reason.
  auto call = clerk.post_json(
      "/api/v1/feedback", object{{"channel", "hotline"},
                                 {"category_id", category("khac")},
                                 {"title", "Giá vé tàu hỏa"},
                                 {"content", "Người gọi phản ánh giá vé tàu hỏa dịp Tết tăng cao."},
                                 {"sender", object{{"name", "Trịnh Văn Bảy"},
                                                   {"address", "Phường Hòa Bình"},
                                                   {"phone", "0903555777"}}}});
  ASSERT_EQ(call.status, 201) << call.body;
  EXPECT_EQ(call.json().at("status").as_string(), "received");
  item = find_in_queue(clerk, office, std::string(call.json().at("code").as_string()), "open");
  EXPECT_EQ(item.at("channel_label").as_string(), "Đường dây nóng");
  auto out =
      act(clerk, item,
          object{{"action", "forward_out"}, {"note", "Chuyển Bộ Xây dựng (giá vé đường sắt)."}});
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(out.json().at("status").as_string(), "forwarded_out");
  // A citizen cannot enter items for others.
  HttpClient someone(server_->port());
  ASSERT_EQ(someone.login("0912345678", kDemoPassword, "applicant").status, 200);
  EXPECT_EQ(someone.post_json("/api/v1/feedback", object{{"channel", "hotline"}}).status, 403);

  // Transferred by the department to the competent one: it leaves the first one's sight.
  auto misrouted = client().post_json(
      "/api/v1/public/feedback",
      object{
          {"category_id", category("khac")},
          {"title", "Biên chế công chức xã"},
          {"content", "Đề nghị bổ sung biên chế công chức văn hóa xã."},
          {"sender",
           object{{"name", "Hà Văn Chín"}, {"address", "Xã Tân Phú"}, {"phone", "0904999888"}}}});
  ASSERT_EQ(misrouted.status, 201) << misrouted.body;
  std::string misrouted_code(misrouted.json().at("code").as_string());
  item = find_in_queue(clerk, office, misrouted_code, "open");
  int64_t justice = unit_id("000.00.03.H47"), home_affairs = unit_id("000.00.02.H47");
  ASSERT_EQ(act(clerk, item, object{{"action", "register"}, {"unit_id", justice}}).status, 200);
  auto justice_leader = logged_in("lanhdao.stp");
  item = find_in_queue(justice_leader, justice, misrouted_code, "open");
  auto moved = act(justice_leader, item, object{{"action", "transfer"}, {"unit_id", home_affairs}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.status, 200);
  EXPECT_EQ(justice_leader.get(fmt::format("/api/v1/feedback/{}", item.at("id").as_int64())).status,
            404);

  // Three a day per sender here (feedback.per_sender_per_day=3): the fourth waits for tomorrow.
  auto fourth = send("Cây xanh", "Cây xanh nghiêng có nguy cơ đổ.");
  EXPECT_EQ(fourth.status, 429) << fourth.body;
  EXPECT_EQ(fourth.error_code(), "feedback.too_many");
  // The address in other letters is the same address; completing a draft with it counts too.
  object by_mail{{"name", "Lê Văn Tám"}, {"address", "Xã Tân Phú"}, {"email", "tam.le@example.vn"}};
  auto mail = [&](const std::string& title, const std::string& address) {
    object who = by_mail;
    who["email"] = address;
    return client().post_json("/api/v1/public/feedback", object{{"category_id", category("khac")},
                                                                {"title", title},
                                                                {"content", title + "."},
                                                                {"sender", who}});
  };
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(mail(fmt::format("Thư {}", i), "tam.le@example.vn").status, 201);
  EXPECT_EQ(mail("Thư 3", "Tam.LE@Example.VN").status, 429);
  auto draft = client().post_json(
      "/api/v1/public/feedback",
      object{{"category_id", category("khac")}, {"title", "Bản nháp"}, {"content", "Nội dung."}});
  ASSERT_EQ(draft.status, 201) << draft.body;
  auto completed = sender_act(
      std::string(draft.json().at("code").as_string()),
      object{{"action", "complete"}, {"token", draft.json().at("token")}, {"sender", by_mail}});
  EXPECT_EQ(completed.status, 429) << completed.body;
  // Anyone typing a citizen's phone number cannot use up the citizen's own account.
  HttpClient signed_in(server_->port());
  auto login = signed_in.login("0912345678", kDemoPassword, "applicant");
  ASSERT_EQ(login.status, 200) << login.body;
  for (int i = 0; i < 3; ++i)
    client().post_json("/api/v1/public/feedback",
                       object{{"category_id", category("khac")},
                              {"title", fmt::format("Giả danh {}", i)},
                              {"content", "Nội dung."},
                              {"sender", object{{"name", "Kẻ giả danh"},
                                                {"address", "Không rõ"},
                                                {"phone", "0912345678"}}}});
  auto own =
      signed_in.post_json("/api/v1/public/feedback", object{{"category_id", category("khac")},
                                                            {"title", "Của chính tôi"},
                                                            {"content", "Vỉa hè bị lấn chiếm."}});
  ASSERT_EQ(own.status, 201) << own.body;
  auto own_again =
      signed_in.post_json("/api/v1/public/feedback", object{{"category_id", category("khac")},
                                                            {"title", "Của chính tôi"},
                                                            {"content", "Vỉa hè bị lấn chiếm."}});
  EXPECT_EQ(own_again.status, 409) << own_again.body;
  // The signed-in sender is told which item it already is.
  EXPECT_EQ(own_again.json().at("error").at("details").at("code"), own.json().at("code"));

  set_clock("2026-05-13T10:00:00+07:00");
  EXPECT_EQ(send("Cây xanh", "Cây xanh nghiêng có nguy cơ đổ.").status, 201);

  // Bad input: named fields, nothing written.
  auto bad =
      client().post_json("/api/v1/public/feedback",
                         object{{"category_id", 999999}, {"title", ""}, {"kind", "petition"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  auto fields = bad.json().at("error").at("details").at("fields").as_object();
  EXPECT_TRUE(fields.contains("title"));
  EXPECT_EQ(client()
                .post_json("/api/v1/public/feedback", object{{"category_id", -1},
                                                             {"title", "Tiêu đề"},
                                                             {"content", "Nội dung"},
                                                             {"kind", "other"}})
                .body.find("9223372036854775807"),
            std::string::npos);
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

  // Weeks later the transferred item is overdue at the department it went to.
  set_clock("2026-06-30T09:00:00+07:00");
  auto reception = logged_in("vanthu.ubndtinh");
  auto overdue = reception.get(fmt::format("/api/v1/feedback/{}", item.at("id").as_int64()));
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  EXPECT_TRUE(overdue.json().at("overdue").as_bool()) << overdue.body;
  EXPECT_EQ(overdue.json().at("unit").at("id").as_int64(), home_affairs);
}

// Duplicates merged into a main item are answered with it; reception asks a sender a question and
// the sender replies; senders and officials attach photos, which only they can read.
TEST_P(FeedbackTest, MergedDuplicatesQuestionsAndPhotos) {
  set_clock("2026-06-02T09:00:00+07:00");
  int64_t office = unit_id("000.00.01.H47");
  int64_t justice = unit_id("000.00.03.H47");
  auto send = [&](const std::string& phone, const std::string& content) {
    auto r = client().post_json("/api/v1/public/feedback",
                                object{{"category_id", category("thu_tuc")},
                                       {"title", "Bộ phận một cửa không niêm yết phí"},
                                       {"content", content},
                                       {"sender", object{{"name", "Người gửi " + phone.substr(7)},
                                                         {"address", "Phường Hòa Bình"},
                                                         {"phone", phone}}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  };
  auto a = send("0912000001", "Quầy lý lịch tư pháp không niêm yết mức phí.");
  auto b = send("0912000002", "Không thấy bảng phí tại quầy lý lịch tư pháp.");
  auto c = send("0912000003", "Phí lý lịch tư pháp không được niêm yết.");
  std::string a_code(a.at("code").as_string()), b_code(b.at("code").as_string()),
      c_code(c.at("code").as_string());
  std::string a_token(a.at("token").as_string()), b_token(b.at("token").as_string()),
      c_token(c.at("token").as_string());

  // The sender attaches a photo; the same photo again (a retried upload) adds nothing.
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "anh-quay-phi";
  auto upload = [&](const std::string& code, const std::string& token, const std::string& bytes,
                    const std::string& type = "image/png") {
    return client().request(
        "POST",
        fmt::format("/api/v1/public/feedback/{}/attachments?token={}&name=anh.png", code, token),
        bytes, {{"Content-Type", type}});
  };
  auto up = upload(a_code, a_token, png);
  ASSERT_EQ(up.status, 200) << up.body;
  ASSERT_EQ(up.json().at("attachments").as_array().size(), 1u) << up.body;
  int64_t photo = up.json().at("attachments").at(0).at("id").as_int64();
  auto again = upload(a_code, a_token, png);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("attachments").as_array().size(), 1u) << again.body;
  // Not a photo or a PDF, a type that lies, someone else's secret: refused, nothing added.
  EXPECT_EQ(upload(a_code, a_token, "<script>alert(1)</script>", "text/html").status, 415);
  EXPECT_EQ(upload(a_code, a_token, png + "x", "application/pdf").status, 415);
  EXPECT_EQ(upload(a_code, b_token, png + "y").status, 404);
  // The sender reads it back; the other sender does not, nor does anyone without the secret.
  auto got = client().get(
      fmt::format("/api/v1/public/feedback/{}/attachments/{}?token={}", a_code, photo, a_token));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, png);
  EXPECT_EQ(got.header("content-type").value_or(""), "image/png");
  EXPECT_EQ(client()
                .get(fmt::format("/api/v1/public/feedback/{}/attachments/{}?token={}", b_code,
                                 photo, b_token))
                .status,
            404);
  EXPECT_EQ(
      client().get(fmt::format("/api/v1/public/feedback/{}/attachments/{}", a_code, photo)).status,
      404);
  // At most five files an item (feedback.max_attachments).
  for (int i = 0; i < 5; ++i) {
    auto r = upload(c_code, c_token, png + std::to_string(i));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto sixth = upload(c_code, c_token, png + "6");
  EXPECT_EQ(sixth.status, 409) << sixth.body;
  EXPECT_EQ(sixth.error_code(), "feedback.too_many_files");

  auto clerk = logged_in("vanthu.ubndtinh");
  auto item_a = find_in_queue(clerk, office, a_code);
  auto item_b = find_in_queue(clerk, office, b_code);
  auto item_c = find_in_queue(clerk, office, c_code);
  ASSERT_EQ(item_a.at("attachments").as_array().size(), 1u);
  auto official_copy = clerk.get(
      fmt::format("/api/v1/feedback/{}/attachments/{}", item_a.at("id").as_int64(), photo));
  ASSERT_EQ(official_copy.status, 200) << official_copy.body;
  EXPECT_EQ(official_copy.body, png);
  // A file of one item is not reachable through another.
  EXPECT_EQ(
      clerk
          .get(fmt::format("/api/v1/feedback/{}/attachments/{}", item_b.at("id").as_int64(), photo))
          .status,
      404);

  // Reception asks C's sender a question; one at a time.
  auto asked =
      act(clerk, item_c, object{{"action", "ask"}, {"note", "Ông/Bà đến quầy vào ngày nào?"}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.json().at("question").as_string(), "Ông/Bà đến quầy vào ngày nào?");
  auto twice = act(clerk, asked.json().as_object(), object{{"action", "ask"}, {"note", "Và?"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.error_code(), "feedback.question_pending");
  EXPECT_TRUE(eventually([&] { return sms_to("0912000003", "cung cấp thêm thông tin") == 1; }));
  auto seen = client().get(fmt::format("/api/v1/public/feedback/{}?token={}", c_code, c_token));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json().at("question").as_string(), "Ông/Bà đến quầy vào ngày nào?");
  bool can_reply = false;
  auto seen_json = seen.json();
  for (const auto& x : seen_json.at("actions").as_array())
    can_reply = can_reply || x.at("name").as_string() == "reply";
  EXPECT_TRUE(can_reply) << seen.body;
  auto replied = sender_act(
      c_code, object{{"action", "reply"}, {"token", c_token}, {"note", "Sáng thứ Hai 1/6/2026."}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_TRUE(replied.json().at("question").is_null());
  EXPECT_EQ(replied.json().at("timeline").as_array().back().at("note").as_string(),
            "Sáng thứ Hai 1/6/2026.");
  EXPECT_EQ(sender_act(c_code, object{{"action", "reply"}, {"token", c_token}, {"note", "Nữa"}})
                .error_code(),
            "feedback.no_question");

  // B is merged into A; A, now a main item, cannot itself be merged away; A is routed to the
  // department and C merged into it there.
  auto merged_b = act(clerk, item_b, object{{"action", "merge"}, {"main_code", a_code}});
  ASSERT_EQ(merged_b.status, 200) << merged_b.body;
  EXPECT_EQ(merged_b.json().at("status").as_string(), "merged");
  EXPECT_EQ(merged_b.json().at("merged_into").as_string(), a_code);
  item_a = find_in_queue(clerk, office, a_code);
  auto chained = act(clerk, item_a, object{{"action", "merge"}, {"main_code", c_code}});
  EXPECT_EQ(chained.status, 409) << chained.body;
  EXPECT_EQ(chained.error_code(), "feedback.has_followers");
  auto registered = act(clerk, item_a, object{{"action", "register"}, {"unit_id", justice}});
  ASSERT_EQ(registered.status, 200) << registered.body;
  EXPECT_TRUE(eventually([&] { return sms_to("0912000002", "gộp") == 1; }));
  item_c = find_in_queue(clerk, office, c_code);
  // Not into a merged item, not into itself, not into an unknown code.
  for (const auto& main : {b_code, c_code, std::string("PAKN-2026-999999")}) {
    auto bad = act(clerk, item_c, object{{"action", "merge"}, {"main_code", main}});
    EXPECT_EQ(bad.status, 422) << main << ": " << bad.body;
  }
  ASSERT_EQ(act(clerk, item_c, object{{"action", "merge"}, {"main_code", a_code}}).status, 200);
  // Merged items leave reception's queue of open items.
  auto open = clerk.get(fmt::format("/api/v1/feedback?unit_id={}&status=open", office));
  ASSERT_EQ(open.status, 200);
  EXPECT_EQ(open.body.find(b_code), std::string::npos);

  // The department's leader adds the paper they found and answers; the answer reaches all three.
  auto leader = logged_in("lanhdao.stp");
  auto at_dept = find_in_queue(leader, justice, a_code);
  EXPECT_EQ(at_dept.at("merged_count").as_int64(), 2);
  auto pdf = leader.request(
      "POST",
      fmt::format("/api/v1/feedback/{}/attachments?name=bang-phi.pdf", at_dept.at("id").as_int64()),
      "%PDF-1.4\n%bang phi\n", {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.json().at("attachments").as_array().size(), 2u);
  at_dept = pdf.json().as_object();
  auto drafted = act(leader, at_dept,
                     object{{"action", "draft_answer"},
                            {"answer", "Sở đã niêm yết bảng phí tại quầy từ ngày 3/6/2026."}});
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  auto approved = act(leader, drafted.json().as_object(), object{{"action", "approve"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  for (const auto& [code, token] : {std::pair{b_code, b_token}, std::pair{c_code, c_token}}) {
    auto v = client().get(fmt::format("/api/v1/public/feedback/{}?token={}", code, token));
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_EQ(v.json().at("status").as_string(), "answered") << code;
    EXPECT_EQ(v.json().at("answer").as_string(),
              "Sở đã niêm yết bảng phí tại quầy từ ngày 3/6/2026.");
    // Published once, on the main item.
    EXPECT_FALSE(v.json().at("published").as_bool());
    EXPECT_EQ(client().get(fmt::format("/api/v1/public/feedback/{}", code)).status, 404);
  }
  EXPECT_TRUE(eventually([&] { return sms_to("0912000002", "đã có trả lời") == 1; }));
  EXPECT_TRUE(eventually([&] { return sms_to("0912000003", "đã có trả lời") == 1; }));
  // The public reads the main item's answer, without its photos.
  auto pub = client().get(fmt::format("/api/v1/public/feedback/{}", a_code));
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_FALSE(pub.json().as_object().contains("attachments")) << pub.body;
  EXPECT_EQ(pub.body.find("anh.png"), std::string::npos);
  // A merged item's sender rates the answer like any other.
  auto rated = sender_act(b_code, object{{"action", "rate"}, {"token", b_token}, {"rating", 4}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.json().at("status").as_string(), "closed");
  // Answered: no more files.
  EXPECT_EQ(upload(a_code, a_token, png + "late").status, 409);
  // A merged item's sender who disagrees has it looked at again on its own.
  auto reopened = sender_act(
      c_code, object{{"action", "reopen"}, {"token", c_token}, {"note", "Quầy vẫn chưa có bảng."}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json().at("status").as_string(), "in_progress");
  EXPECT_TRUE(reopened.json().at("merged_into").is_null());
  // An old or mistyped link to a published answer still shows what the public reads.
  auto mistyped = client().get(fmt::format("/api/v1/public/feedback/{}?token=sai", a_code));
  ASSERT_EQ(mistyped.status, 200) << mistyped.body;
  EXPECT_FALSE(mistyped.json().as_object().contains("sender"));
}

// Open311 GeoReport v2, checked against the specification's documents: discovery, services and
// their definitions in JSON and XML, a request sent with an API key as form fields, read back
// by the application that sent it, then — once answered and published — by anyone, without the
// sender's details.
// Forwarded to a competent body outside the province (ND 20/2008 Art. 9) as an official document:
// a draft "công văn" of the reception unit with the letter and the sender's photo, which the
// documents module's review chain numbers and issues, and its edXML exchange sends; the item and
// its sender see where it went and the document's number.
TEST_P(FeedbackTest, ForwardedOutsideTheProvinceAsAnOfficialDocument) {
  set_clock("2026-05-12T09:00:00+07:00");
  int64_t office = unit_id("000.00.01.H47");
  auto clerk = logged_in("vanthu.ubndtinh");
  auto sent = client().post_json(
      "/api/v1/public/feedback",
      object{{"category_id", category("ha_tang")},
             {"title", "Quốc lộ qua địa phận tỉnh bạn xuống cấp"},
             {"content", "Đoạn quốc lộ ở km 42 thuộc tỉnh Bình Sơn có nhiều ổ gà."},
             {"sender", object{{"name", "Đoàn Thị Hoa"},
                               {"address", "Xã Tân Phú"},
                               {"phone", "0915 246 810"}}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::string code(sent.json().at("code").as_string());
  std::string token(sent.json().at("token").as_string());
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "o-ga-km-42";
  ASSERT_EQ(
      client()
          .request("POST",
                   fmt::format("/api/v1/public/feedback/{}/attachments?token={}&name=o-ga.png",
                               code, token),
                   png, {{"Content-Type", "image/png"}})
          .status,
      200);
  auto item = find_in_queue(clerk, office, code, "open");
  auto forward = [&](const object& extra) {
    object body{{"action", "forward_out"},
                {"note", "Thuộc thẩm quyền của UBND tỉnh Bình Sơn (quản lý tuyến quốc lộ)."}};
    for (const auto& [k, v] : extra) body[k] = v;
    return act(clerk, item, body);
  };
  // A body nobody can reach, one of the province's own, a malformed code: refused, nothing written.
  auto unreachable = forward({{"agency_code", "000.00.00.H99"}, {"agency_name", "Tỉnh X"}});
  ASSERT_EQ(unreachable.status, 422) << unreachable.body;
  EXPECT_NE(unreachable.body.find("exchange.routes"), std::string::npos);
  EXPECT_EQ(forward({{"agency_code", "000.00.03.H47"}, {"agency_name", "Sở Tư pháp"}}).status, 422);
  EXPECT_EQ(forward({{"agency_code", "H48"}, {"agency_name", "Tỉnh Bình Sơn"}}).status, 422);
  EXPECT_EQ(forward({{"agency_code", "000.00.00.H48"}}).status, 422);  // the name is needed
  EXPECT_EQ(find_in_queue(clerk, office, code, "open").at("version"), item.at("version"));

  auto out =
      forward({{"agency_code", "000.00.00.H48"}, {"agency_name", "Ủy ban nhân dân tỉnh Bình Sơn"}});
  ASSERT_EQ(out.status, 200) << out.body;
  auto done = out.json().as_object();
  EXPECT_EQ(done.at("status").as_string(), "forwarded_out");
  auto fwd = done.at("forwarded").as_object();
  EXPECT_EQ(fwd.at("agency_name").as_string(), "Ủy ban nhân dân tỉnh Bình Sơn");
  EXPECT_EQ(fwd.at("document_status").as_string(), "draft");
  EXPECT_TRUE(fwd.at("notation").is_null());
  int64_t doc = fwd.at("document_id").as_int64();

  // The draft in the reception unit's outgoing register: the letter and the photo, to H48.
  auto draft = clerk.get(fmt::format("/api/v1/documents/outgoing/{}", doc));
  ASSERT_EQ(draft.status, 200) << draft.body;
  auto d = draft.json().as_object();
  EXPECT_NE(std::string(d.at("subject").as_string()).find(code), std::string::npos) << draft.body;
  EXPECT_EQ(d.at("status").at("key").as_string(), "draft");
  ASSERT_EQ(d.at("files").as_array().size(), 2u) << draft.body;
  EXPECT_NE(draft.body.find("000.00.00.H48"), std::string::npos);
  int64_t main_file = 0;
  for (const auto& f : d.at("files").as_array())
    if (f.at("kind").as_string() == "main") main_file = f.at("id").as_int64();
  auto pdf = clerk.get(fmt::format("/api/v1/documents/outgoing/{}/files/{}", doc, main_file));
  ASSERT_EQ(pdf.status, 200);
  std::string text = joined_text(pdf.body);
  for (const char* said :
       {"V/v chuyển phản ánh, kiến nghị", "Kính gửi: Ủy ban nhân dân tỉnh Bình Sơn", "Đoàn Thị Hoa",
        "0915246810", "km 42", "Điều 9 Nghị định số 20/2008/NĐ-CP", "quản lý tuyến quốc lộ"})
    EXPECT_NE(text.find(said), std::string::npos) << said << " in\n" << text;
  EXPECT_NE(text.find(code), std::string::npos);

  // Reviewed by a leader of the office and issued by its clerk: numbered, sent by edXML.
  auto admin = logged_in("admin");
  auto leaders = admin.get(fmt::format("/api/v1/officials?unit_id={}&role=leader", office));
  ASSERT_EQ(leaders.status, 200) << leaders.body;
  auto leader_row = leaders.json().at("items").at(0).as_object();
  auto leader = logged_in(std::string(leader_row.at("username").as_string()));
  auto step = [&](HttpClient& c, const std::string& what, object body) {
    body["version"] = c.get(fmt::format("/api/v1/documents/outgoing/{}", doc)).json().at("version");
    auto r = c.post_json(fmt::format("/api/v1/documents/outgoing/{}/{}", doc, what), body);
    EXPECT_EQ(r.status, 200) << what << ": " << r.body;
  };
  step(clerk, "submit", object{{"reviewer_id", leader_row.at("id")}});
  step(leader, "approve", object{});
  step(clerk, "issue", object{});
  auto issued = clerk.get(fmt::format("/api/v1/documents/outgoing/{}", doc)).json().as_object();
  std::string notation(issued.at("notation").as_string());
  bool delivered = false;
  for (int i = 0; i < 100 && !delivered; ++i) {
    for (const auto& r : peer_->requests())
      delivered = delivered || r.body.find(code) != std::string::npos;
    if (!delivered) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(delivered) << "no edXML message for " << code << " reached the other province";

  // The item and its sender see the number; the sender not the register's internals.
  auto after = clerk.get(fmt::format("/api/v1/feedback/{}", item.at("id").as_int64())).json();
  EXPECT_EQ(after.at("forwarded").at("notation").as_string(), notation);
  EXPECT_EQ(after.at("forwarded").at("document_status").as_string(), "issued");
  auto mine = client().get(fmt::format("/api/v1/public/feedback/{}?token={}", code, token));
  ASSERT_EQ(mine.status, 200) << mine.body;
  auto seen = mine.json().at("forwarded").as_object();
  EXPECT_EQ(seen.at("agency_name").as_string(), "Ủy ban nhân dân tỉnh Bình Sơn");
  EXPECT_EQ(seen.at("notation").as_string(), notation);
  EXPECT_FALSE(seen.contains("document_id"));
  // The sender's letter says where it went and by which document.
  auto letter =
      client().get(fmt::format("/api/v1/public/feedback/{}/letter?token={}", code, token));
  ASSERT_EQ(letter.status, 200) << letter.body;
  std::string said = joined_text(letter.body);
  EXPECT_NE(said.find("đến Ủy ban nhân dân tỉnh Bình Sơn bằng văn bản số " + notation),
            std::string::npos)
      << said;
}

// Categories as the reception office's leaders edit them: a new one, its answering time set for
// one competent unit, a stale edit refused, bad input named, withdrawn from the forms; the item
// registered to that unit gets that unit's time.
TEST_P(FeedbackTest, CategoriesAndTheirAnsweringTimes) {
  set_clock("2026-06-01T09:00:00+07:00");  // a Monday
  int64_t office = unit_id("000.00.01.H47");
  int64_t justice = unit_id("000.00.03.H47");
  auto admin = logged_in("admin");
  auto leaders = admin.get(fmt::format("/api/v1/officials?unit_id={}&role=leader", office));
  ASSERT_EQ(leaders.status, 200) << leaders.body;
  auto chief = logged_in(std::string(leaders.json().at("items").at(0).at("username").as_string()));
  // Reception's clerk and a department's specialist may not change them.
  EXPECT_EQ(logged_in("vanthu.ubndtinh").get("/api/v1/feedback/categories").status, 403);
  EXPECT_EQ(logged_in("chuyenvien.stp").get("/api/v1/feedback/categories").status, 403);

  std::string code = "cong_chung_" + GetParam();
  object made_body{{"code", code},
                   {"name", "Công chứng, chứng thực"},
                   {"subject", "administrative"},
                   {"unit_id", justice},
                   {"answer_days", 8},
                   {"position", 20}};
  auto made = chief.post_json("/api/v1/feedback/categories", made_body);
  ASSERT_EQ(made.status, 201) << made.body;
  auto category = made.json().as_object();
  int64_t id = category.at("id").as_int64();
  EXPECT_EQ(category.at("unit").at("id").as_int64(), justice);
  EXPECT_EQ(chief.post_json("/api/v1/feedback/categories", made_body).status, 409);
  auto bad = chief.post_json("/api/v1/feedback/categories",
                             object{{"code", "Công Chứng"},
                                    {"name", ""},
                                    {"subject", "khac"},
                                    {"unit_id", 999999},
                                    {"answer_days", 0},
                                    {"unit_deadlines", array{object{{"unit_id", justice}}}}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  auto fields = bad.json().at("error").at("details").at("fields").as_object();
  for (const char* f : {"code", "name", "subject", "unit_id", "answer_days", "unit_deadlines"})
    EXPECT_TRUE(fields.contains(f)) << f << " in " << bad.body;

  // Sở Tư pháp answers such items in 3 working days; everyone else in the category's 8.
  object change{{"version", category.at("version")},
                {"active", true},
                {"name", "Công chứng, chứng thực"},
                {"subject", "administrative"},
                {"unit_id", justice},
                {"answer_days", 8},
                {"position", 20},
                {"unit_deadlines", array{object{{"unit_id", justice}, {"answer_days", 3}}}}};
  auto changed =
      chief.request("PUT", fmt::format("/api/v1/feedback/categories/{}", id),
                    boost::json::serialize(change), {{"Content-Type", "application/json"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("unit_deadlines").at(0).at("answer_days").as_int64(), 3);
  // A change that leaves out what it replaces is refused, not applied in part.
  object partial = change;
  partial.erase("active");
  auto half =
      chief.request("PUT", fmt::format("/api/v1/feedback/categories/{}", id),
                    boost::json::serialize(partial), {{"Content-Type", "application/json"}});
  EXPECT_EQ(half.status, 422) << half.body;
  auto stale =
      chief.request("PUT", fmt::format("/api/v1/feedback/categories/{}", id),
                    boost::json::serialize(change), {{"Content-Type", "application/json"}});
  EXPECT_EQ(stale.status, 409) << stale.body;

  auto sent = client().post_json("/api/v1/public/feedback",
                                 object{{"category_id", id},
                                        {"title", "Phòng công chứng thu phí sai quy định"},
                                        {"content", "Phòng công chứng số 2 thu thêm phí dịch vụ."},
                                        {"sender", object{{"name", "Lê Văn Mười"},
                                                          {"address", "Phường 3"},
                                                          {"phone", "0909 333 444"}}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto clerk = logged_in("vanthu.ubndtinh");
  auto item = find_in_queue(clerk, office, std::string(sent.json().at("code").as_string()), "open");
  auto registered = act(clerk, item, object{{"action", "register"}, {"unit_id", justice}});
  ASSERT_EQ(registered.status, 200) << registered.body;
  auto due = client().get("/api/v1/calendar/due?from=2026-06-01T09:00:00%2B07:00&working_days=3");
  ASSERT_EQ(due.status, 200) << due.body;
  EXPECT_EQ(minute_of(registered.json().at("due_at")), minute_of(due.json().at("due")));

  // Withdrawn: no longer offered to senders nor to Open311 applications; its items keep it.
  change["version"] = changed.json().at("version");
  change["active"] = false;
  auto withdrawn =
      chief.request("PUT", fmt::format("/api/v1/feedback/categories/{}", id),
                    boost::json::serialize(change), {{"Content-Type", "application/json"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(client().get("/api/v1/public/feedback-categories").body.find(code), std::string::npos);
  EXPECT_EQ(client().get("/open311/v2/services.json").body.find(code), std::string::npos);
  auto refused = client().post_json(
      "/api/v1/public/feedback",
      object{{"category_id", id}, {"title", "Thử"}, {"content", "Nội dung thử nghiệm đủ dài."}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  auto listed = chief.get("/api/v1/feedback/categories");
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find(code), std::string::npos) << "withdrawn ones stay listed for editors";
}

TEST_P(FeedbackTest, Open311RoundTrip) {
  set_clock("2026-06-03T09:00:00+07:00");
  int64_t office = unit_id("000.00.01.H47");
  int64_t justice = unit_id("000.00.03.H47");
  // Reception issues application keys; a department's official cannot.
  auto clerk = logged_in("vanthu.ubndtinh");
  auto issue = [&](const std::string& name, int per_day) {
    auto r =
        clerk.post_json("/api/v1/feedback/app-keys", object{{"name", name}, {"per_day", per_day}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  };
  std::string app_key(issue("Ứng dụng phản ánh hiện trường", 100).at("key").as_string());
  std::string other_app(issue("Ứng dụng khác", 100).at("key").as_string());
  auto small = issue("Ứng dụng thử", 1);
  auto revoked = issue("Ứng dụng đã dừng", 100);
  EXPECT_EQ(logged_in("chuyenvien.stp")
                .post_json("/api/v1/feedback/app-keys", object{{"name", "Của tôi"}})
                .status,
            403);
  ASSERT_EQ(clerk
                .request("DELETE",
                         fmt::format("/api/v1/feedback/app-keys/{}", revoked.at("id").as_int64()))
                .status,
            204);
  auto keys = clerk.get("/api/v1/feedback/app-keys");
  ASSERT_EQ(keys.status, 200);
  EXPECT_EQ(keys.body.find("o311_"), std::string::npos) << "secrets are shown once";
  // A key opens Open311 and nothing else.
  HttpClient machine = client();
  machine.set_bearer(app_key);
  EXPECT_EQ(machine.get(fmt::format("/api/v1/feedback?unit_id={}", office)).status, 401);
  // An official's API token is not an application key.
  auto issued = clerk.post_json("/api/v1/auth/tokens",
                                object{{"name", "Kết nối"}, {"scopes", array{"read", "write"}}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  std::string official_token(issued.json().at("token").as_string());
  auto form = [](const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [k, v] : fields)
      body += (body.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
    return body;
  };
  auto post = [&](const std::string& format, const std::string& body) {
    return client().request("POST", "/open311/v2/requests." + format, body,
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
  };
  // The root element and its children named `item`, as XML::Simple-based clients read them.
  auto xml_items = [](const std::string& body, const std::string& root, const std::string& item) {
    std::vector<std::map<std::string, std::string>> out;
    xmlDocPtr doc = xmlReadMemory(body.data(), static_cast<int>(body.size()), nullptr, "UTF-8",
                                  XML_PARSE_NONET);
    EXPECT_NE(doc, nullptr) << body;
    if (doc == nullptr) return out;
    xmlNodePtr r = xmlDocGetRootElement(doc);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(r->name)), root) << body;
    for (xmlNodePtr n = r->children; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      EXPECT_EQ(std::string(reinterpret_cast<const char*>(n->name)), item) << body;
      std::map<std::string, std::string> fields;
      for (xmlNodePtr f = n->children; f; f = f->next) {
        if (f->type != XML_ELEMENT_NODE) continue;
        xmlChar* t = xmlNodeGetContent(f);
        fields[reinterpret_cast<const char*>(f->name)] = t ? reinterpret_cast<const char*>(t) : "";
        xmlFree(t);
      }
      out.push_back(std::move(fields));
    }
    xmlFreeDoc(doc);
    return out;
  };

  // Discovery and services.
  auto discovery = client().get("/open311/v2/discovery.json");
  ASSERT_EQ(discovery.status, 200) << discovery.body;
  EXPECT_EQ(discovery.json().at("endpoints").at(0).at("specification").as_string(),
            "http://wiki.open311.org/GeoReport_v2");
  auto services = client().get("/open311/v2/services.xml");
  ASSERT_EQ(services.status, 200) << services.body;
  EXPECT_TRUE(services.header("content-type").value_or("").starts_with("text/xml"));
  EXPECT_TRUE(services.body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  auto listed = xml_items(services.body, "services", "service");
  ASSERT_EQ(listed.size(), 7u) << services.body;
  EXPECT_EQ(listed[0]["service_code"], "thu_tuc");
  EXPECT_EQ(listed[0]["type"], "realtime");
  EXPECT_EQ(listed[0]["metadata"], "true");
  auto definition = client().get("/open311/v2/services/ha_tang.json");
  ASSERT_EQ(definition.status, 200) << definition.body;
  EXPECT_EQ(definition.json().at("service_code").as_string(), "ha_tang");
  EXPECT_EQ(definition.json().at("attributes").at(0).at("code").as_string(), "dia_chi_nguoi_gui");
  auto unknown = client().get("/open311/v2/services/khong_co.xml");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(xml_items(unknown.body, "errors", "error").at(0)["code"], "404");

  std::vector<std::pair<std::string, std::string>> fields = {
      {"service_code", "ha_tang"},
      {"description", "Hố ga trước cổng chợ Hòa Bình bị mất nắp, rất nguy hiểm cho xe máy."},
      {"lat", "11.943210"},
      {"long", "108.441230"},
      {"address_string", "Cổng chợ Hòa Bình"},
      {"first_name", "Trần Minh"},
      {"last_name", "Quân"},
      {"phone", "0912 444 555"},
      {"attribute[dia_chi_nguoi_gui]", "Phường Xuân Hương"}};
  // Without a key, with a revoked key, an official's token or a made-up key: refused.
  auto no_key = post("json", form(fields));
  EXPECT_EQ(no_key.status, 403) << no_key.body;
  EXPECT_EQ(no_key.json().at(0).at("code").as_int64(), 403);
  for (const auto& key : {std::string(revoked.at("key").as_string()), official_token,
                          std::string("o311_1_sai"), app_key + "x"}) {
    auto with = fields;
    with.emplace_back("api_key", key);
    EXPECT_EQ(post("json", form(with)).status, 403) << key;
  }
  fields.emplace_back("api_key", app_key);
  // Bad input: every problem named as Open311 names the fields, nothing written.
  auto bad =
      post("json", form({{"api_key", app_key}, {"service_code", "ha_tang"}, {"phone", "12"}}));
  ASSERT_EQ(bad.status, 400) << bad.body;
  std::string said(bad.json().at(0).at("description").as_string());
  for (const char* f : {"description", "lat", "phone"})
    EXPECT_NE(said.find(f), std::string::npos) << f << " in " << said;
  EXPECT_EQ(post("json", "api_key=" + app_key + "&description=%E0%A4").status, 400);
  EXPECT_EQ(client()
                .request("POST", "/open311/v2/requests.json", R"({"service_code":"ha_tang"})",
                         {{"Content-Type", "application/json"}})
                .status,
            415);

  // Sent: the id, and the sender's own link in the notice.
  // The key's daily allowance.
  auto first = fields;
  first.back().second = std::string(small.at("key").as_string());
  first[1].second = "Đèn tín hiệu ở ngã tư chợ không hoạt động.";
  first[7].second = "0912 777 888";
  auto once = post("json", form(first));
  EXPECT_EQ(once.status, 201) << once.body;
  first[1].second = "Một nội dung khác hẳn về đèn tín hiệu.";
  auto over = post("json", form(first));
  EXPECT_EQ(over.status, 429) << over.body;
  EXPECT_EQ(over.json().at(0).at("code").as_int64(), 429);
  // Sent at once, requests cannot all take the last free places of an allowance.
  std::string busy(issue("Ứng dụng gửi dồn", 3).at("key").as_string());
  std::vector<std::thread> senders;
  std::atomic<int> accepted{0}, refused{0};
  for (int i = 0; i < 8; ++i) {
    auto mine = fields;
    mine.back().second = busy;
    mine[1].second = fmt::format("Cây đổ chắn đường số {} gần trường tiểu học, cần dọn gấp.", i);
    mine[7].second = fmt::format("0913 100 {:03}", i);
    senders.emplace_back([&, body = form(mine)] {
      auto r = post("json", body);
      bool over = r.status == 429 && r.body.find("Ứng dụng đã gửi đủ") != std::string::npos;
      (r.status == 201 ? accepted : refused) += 1;
      EXPECT_TRUE(r.status == 201 || over) << r.status << " " << r.body;
    });
  }
  for (auto& t : senders) t.join();
  EXPECT_EQ(accepted.load(), 3);
  EXPECT_EQ(refused.load(), 5);
  auto sent = post("xml", form(fields));
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto made = xml_items(sent.body, "service_requests", "request");
  ASSERT_EQ(made.size(), 1u);
  std::string id = made[0]["service_request_id"];
  EXPECT_TRUE(id.starts_with("PAKN-2026-")) << sent.body;
  EXPECT_NE(made[0]["service_notice"].find("/phan-anh/theo-doi/" + id + "?khoa="),
            std::string::npos);

  // Read back by the application that sent it, not by another, not by anyone before the answer.
  auto own = client().get(fmt::format("/open311/v2/requests/{}.json?api_key={}", id, app_key));
  ASSERT_EQ(own.status, 200) << own.body;
  auto own_json = own.json();
  const auto& r = own_json.at(0);
  EXPECT_EQ(r.at("status").as_string(), "open");
  EXPECT_EQ(r.at("service_code").as_string(), "ha_tang");
  EXPECT_EQ(r.at("address").as_string(), "Cổng chợ Hòa Bình");
  EXPECT_EQ(r.at("lat").as_string(), "11.943210");
  // Not yet routed: the answering deadline starts with registration.
  EXPECT_TRUE(r.at("expected_datetime").as_string().empty());
  EXPECT_EQ(
      client().get(fmt::format("/open311/v2/requests/{}.json?api_key={}", id, other_app)).status,
      404);
  EXPECT_EQ(client().get(fmt::format("/open311/v2/requests/{}.xml", id)).status, 404);
  auto token = client().get(fmt::format("/open311/v2/tokens/{}.xml?api_key={}", id, app_key));
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_EQ(xml_items(token.body, "service_requests", "request").at(0)["service_request_id"], id);

  // Reception sees where it came from; it is answered and published.
  auto item = find_in_queue(clerk, office, id);
  EXPECT_EQ(item.at("channel").as_string(), "app");
  EXPECT_EQ(item.at("sender").at("name").as_string(), "Trần Minh Quân");
  EXPECT_EQ(item.at("sender").at("address").as_string(), "Phường Xuân Hương");
  auto registered = act(clerk, item, object{{"action", "register"}, {"unit_id", justice}});
  ASSERT_EQ(registered.status, 200) << registered.body;
  auto routed = client().get(fmt::format("/open311/v2/requests/{}.json?api_key={}", id, app_key));
  ASSERT_EQ(routed.status, 200) << routed.body;
  EXPECT_EQ(routed.json().at(0).at("expected_datetime").as_string(),
            registered.json().at("due_at").as_string());
  EXPECT_EQ(routed.json().at(0).at("agency_responsible").as_string(), "Sở Tư pháp");
  auto leader = logged_in("lanhdao.stp");
  auto drafted = act(leader, registered.json().as_object(),
                     object{{"action", "draft_answer"}, {"answer", "Đã lắp lại nắp hố ga."}});
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  ASSERT_EQ(act(leader, drafted.json().as_object(), object{{"action", "approve"}}).status, 200);

  // Anyone reads the published answer, closed, without the sender or the place.
  auto all = client().get("/open311/v2/requests.xml?service_code=ha_tang");
  ASSERT_EQ(all.status, 200) << all.body;
  auto published = xml_items(all.body, "service_requests", "request");
  ASSERT_EQ(published.size(), 1u) << all.body;
  EXPECT_EQ(published[0]["service_request_id"], id);
  EXPECT_EQ(published[0]["status"], "closed");
  EXPECT_EQ(published[0]["status_notes"], "Đã lắp lại nắp hố ga.");
  EXPECT_EQ(published[0]["agency_responsible"], "Sở Tư pháp");
  for (const char* secret : {"Trần Minh", "0912", "912444555", "Xuân Hương", "Cổng chợ"})
    EXPECT_EQ(all.body.find(secret), std::string::npos) << secret;
  EXPECT_EQ(client().get(fmt::format("/open311/v2/requests/{}.json", id)).status, 200);
  EXPECT_EQ(client().get("/open311/v2/requests.json?status=open").body, "[]");
  EXPECT_EQ(client().get("/open311/v2/requests.json?start_date=2026-07-01T00:00:00Z").body, "[]");
  EXPECT_EQ(client().get("/open311/v2/requests.json?start_date=hôm-qua").status, 400);

  // Without the sender's details it is kept as a draft; the notice says what to add and where.
  auto draft = post("json", form({{"api_key", app_key},
                                  {"service_code", "moi_truong"},
                                  {"description", "Rác thải đổ trộm bên bờ suối."},
                                  {"address_string", "Suối Cam Ly"}}));
  ASSERT_EQ(draft.status, 201) << draft.body;
  EXPECT_NE(std::string(draft.json().at(0).at("service_notice").as_string()).find("cần bổ sung"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedbackTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
