// The document flow on the real server, on both engines: a clerk registers, the leader
// assigns with a working-day deadline, the specialist comments, drafts a reply, the leader
// returns it once and then approves and signs, the clerk numbers and issues it, the receiving
// unit's clerk registers the arrival, and each side sees the other's progress. Also: stale
// versions, the wrong people, bad drafts, and concurrent issuing that never repeats a number.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "integration/server_fixture.h"
#include "support/sample_files.h"

namespace tinhso::testing {
namespace {

using boost::json::array;
using boost::json::object;

class DocumentFlowTest : public ServerTest {
 protected:
  int64_t justice() const { return unit_id("000.00.03.H47"); }         // Sở Tư pháp
  int64_t civil_division() const { return unit_id("000.02.03.H47"); }  // Phòng Hành chính tư pháp
  int64_t justice_office() const { return unit_id("000.01.03.H47"); }   // Văn phòng Sở
  int64_t province_office() const { return unit_id("000.00.01.H47"); }  // Văn phòng UBND tỉnh

  static int64_t my_id(HttpClient& c) {
    return c.get("/api/v1/auth/me").json().at("principal").at("id").as_int64();
  }

  static int64_t upload(HttpClient& c, const std::string& name) {
    auto f = c.request("POST", "/api/v1/files?name=" + name, kSamplePdf,
                       {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(f.status, 201) << f.body;
    return f.json().at("id").as_int64();
  }

  // A document from the Ministry registered by the department's clerk; returns its entry.
  object register_from_ministry(HttpClient& clerk, const std::string& notation) {
    int64_t scan = upload(clerk, "cong-van-bo.pdf");
    auto r =
        clerk.post_json("/api/v1/documents/incoming",
                        object{{"unit_id", justice()},
                               {"channel", "paper"},
                               {"issuer_name", "Bộ Tư pháp"},
                               {"notation", notation},
                               {"issued_on", "2026-11-16"},
                               {"doc_type", "cong_van"},
                               {"subject", "V/v báo cáo kết quả triển khai chứng thực điện tử"},
                               {"file_ids", array{scan}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }

  object draft(int64_t main_file, const array& reply_to) const {
    return object{{"unit_id", justice()},
                  {"drafting_unit_id", civil_division()},
                  {"doc_type", "cong_van"},
                  {"subject", "V/v báo cáo kết quả triển khai chứng thực bản sao điện tử"},
                  {"main_file_id", main_file},
                  {"recipient_unit_ids", array{province_office()}},
                  {"reply_to", reply_to}};
  }

  // The items of a list answer (kept alive: range-for over a temporary's member dangles).
  static array items(const HttpResponse& r) { return r.json().at("items").as_array(); }

  static const object* find_event(const object& doc, std::string_view action) {
    for (const auto& e : doc.at("events").as_array())
      if (e.at("action").as_string() == action) return &e.as_object();
    return nullptr;
  }
};

TEST_P(DocumentFlowTest, IncomingToAssignedToAnsweredToIssuedToRegisteredByTheRecipient) {
  auto clerk = logged_in("vanthu.stp");
  auto leader = logged_in("lanhdao.stp");
  auto specialist = logged_in("chuyenvien.stp");
  auto recipient_clerk = logged_in("vanthu.ubndtinh");
  int64_t specialist_id = my_id(specialist);
  int64_t leader_id = my_id(leader);

  // 1. Registered, waiting in the leader's inbox.
  auto entry = register_from_ministry(clerk, "3120/BTP-HCTP");
  int64_t doc = entry.at("id").as_int64();
  EXPECT_EQ(entry.at("status").at("key").as_string(), "registered");
  auto inbox =
      leader.get(fmt::format("/api/v1/documents/incoming?unit_id={}&status=registered", justice()));
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  bool listed = false;
  for (const auto& i : items(inbox)) listed |= i.at("id").as_int64() == doc;
  EXPECT_TRUE(listed);

  // 2. The leader assigns: the specialist leads, the department's office cooperates.
  object assignment{{"version", entry.at("version")},
                    {"lead", object{{"unit_id", civil_division()}, {"official_id", specialist_id}}},
                    {"cooperate", array{object{{"unit_id", justice_office()}}}},
                    {"deadline_days", 5},
                    {"note", "Giao Phòng HCTP chủ trì tham mưu báo cáo."}};
  // The clerk may not assign; a stale version is refused.
  EXPECT_EQ(
      clerk.post_json(fmt::format("/api/v1/documents/incoming/{}/assign", doc), assignment).status,
      403);
  auto stale = assignment;
  stale["version"] = entry.at("version").as_int64() + 7;
  EXPECT_EQ(
      leader.post_json(fmt::format("/api/v1/documents/incoming/{}/assign", doc), stale).status,
      409);
  auto assigned =
      leader.post_json(fmt::format("/api/v1/documents/incoming/{}/assign", doc), assignment);
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  auto a = assigned.json().as_object();
  EXPECT_EQ(a.at("status").at("key").as_string(), "assigned");
  ASSERT_EQ(a.at("assignments").as_array().size(), 2u);
  auto lead = a.at("assignments").at(0).as_object();
  EXPECT_EQ(lead.at("role").at("key").as_string(), "lead");
  EXPECT_EQ(lead.at("urgency").as_string(), "ok");
  // Five working days are 40 working hours from now.
  EXPECT_NEAR(lead.at("working_seconds_left").as_int64(), 5 * 8 * 3600, 120);
  // Assigning twice is refused.
  EXPECT_EQ(
      leader.post_json(fmt::format("/api/v1/documents/incoming/{}/assign", doc), assignment).status,
      409);

  // 3. The specialist sees the work, can read the document and comments with a draft.
  auto work = specialist.get("/api/v1/documents/assignments");
  ASSERT_EQ(work.status, 200) << work.body;
  int64_t lead_assignment = 0;
  for (const auto& w : items(work))
    if (w.at("document").at("id").as_int64() == doc) lead_assignment = w.at("id").as_int64();
  ASSERT_NE(lead_assignment, 0) << work.body;
  ASSERT_EQ(specialist.get(fmt::format("/api/v1/documents/incoming/{}", doc)).status, 200);
  int64_t scan = entry.at("files").at(0).at("id").as_int64();
  EXPECT_EQ(specialist.get(fmt::format("/api/v1/documents/incoming/{}/files/{}", doc, scan)).status,
            200);
  int64_t draft_file = upload(specialist, "du-thao-bao-cao.pdf");
  auto comment = specialist.post_json(
      fmt::format("/api/v1/documents/incoming/{}/comments", doc),
      object{{"note", "Đã dự thảo báo cáo, xin ý kiến."}, {"file_ids", array{draft_file}}});
  ASSERT_EQ(comment.status, 201) << comment.body;
  EXPECT_EQ(
      leader.get(fmt::format("/api/v1/documents/incoming/{}/files/{}", doc, draft_file)).status,
      200);
  // Someone unrelated sees nothing.
  EXPECT_EQ(recipient_clerk.get(fmt::format("/api/v1/documents/incoming/{}", doc)).status, 403);

  // 4. The reply: drafted, submitted, returned once, revised, approved and signed.
  int64_t main_file = upload(specialist, "cong-van-tra-loi.pdf");
  auto created = specialist.post_json("/api/v1/documents/outgoing", draft(main_file, array{doc}));
  ASSERT_EQ(created.status, 201) << created.body;
  auto out = created.json().as_object();
  int64_t out_id = out.at("id").as_int64();
  EXPECT_EQ(out.at("status").at("key").as_string(), "draft");
  EXPECT_EQ(out.at("reply_to").at(0).at("id").as_int64(), doc);
  auto step = [&](HttpClient& c, const std::string& name, const object& body) {
    return c.post_json(fmt::format("/api/v1/documents/outgoing/{}/{}", out_id, name), body);
  };
  auto submitted = step(specialist, "submit",
                        object{{"version", out.at("version")}, {"reviewer_id", leader_id}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  auto awaiting = leader.get("/api/v1/documents/outgoing?awaiting=me");
  ASSERT_EQ(awaiting.status, 200);
  ASSERT_FALSE(awaiting.json().at("items").as_array().empty());
  // Only the leader it awaits may decide.
  EXPECT_EQ(step(specialist, "approve", object{{"version", submitted.json().at("version")}}).status,
            403);
  auto returned = step(
      leader, "return",
      object{{"version", submitted.json().at("version")}, {"note", "Bổ sung số liệu quý IV."}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("status").at("key").as_string(), "draft");
  int64_t revised_file = upload(specialist, "cong-van-tra-loi-v2.pdf");
  auto revision = draft(revised_file, array{doc});
  revision["version"] = returned.json().at("version");
  auto revised =
      specialist.send_json("PUT", fmt::format("/api/v1/documents/outgoing/{}", out_id), revision);
  ASSERT_EQ(revised.status, 200) << revised.body;
  EXPECT_EQ(revised.json().at("files").at(0).at("id").as_int64(), revised_file);
  // The first draft stays readable from the timeline.
  EXPECT_EQ(
      leader.get(fmt::format("/api/v1/documents/outgoing/{}/files/{}", out_id, main_file)).status,
      200);
  auto resubmitted =
      step(specialist, "submit",
           object{{"version", revised.json().at("version")}, {"reviewer_id", leader_id}});
  ASSERT_EQ(resubmitted.status, 200) << resubmitted.body;
  // Issuing before approval is refused.
  EXPECT_EQ(step(clerk, "issue", object{{"version", resubmitted.json().at("version")}}).status,
            409);
  auto approved = step(leader, "approve", object{{"version", resubmitted.json().at("version")}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("signer").at("name").as_string(), "Trần Quốc Hùng");

  // 5. The clerk numbers and issues it: a letter of the department drafted by the division.
  EXPECT_EQ(
      step(recipient_clerk, "issue", object{{"version", approved.json().at("version")}}).status,
      403);
  auto issued = step(clerk, "issue", object{{"version", approved.json().at("version")}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  auto iss = issued.json().as_object();
  std::string notation(iss.at("notation").as_string());
  EXPECT_TRUE(std::regex_match(notation, std::regex(R"(\d{2,}/STP-HCTP)"))) << notation;
  EXPECT_EQ(iss.at("recipients").at(0).at("status").at("key").as_string(), "sent");
  // The answered document shows the reply in its timeline and its replies.
  auto answered = leader.get(fmt::format("/api/v1/documents/incoming/{}", doc)).json().as_object();
  ASSERT_NE(find_event(answered, "reply"), nullptr);
  EXPECT_EQ(answered.at("replies").at(0).at("notation").as_string(), notation);

  // 6. The recipient's clerk finds it waiting, with the file, and registers it.
  auto arrivals =
      recipient_clerk.get(fmt::format("/api/v1/documents/arrivals?unit_id={}", province_office()));
  ASSERT_EQ(arrivals.status, 200) << arrivals.body;
  int64_t arrival = 0;
  for (const auto& x : items(arrivals))
    if (x.at("notation").as_string() == notation) arrival = x.at("id").as_int64();
  ASSERT_NE(arrival, 0) << arrivals.body;
  auto arrival_detail =
      recipient_clerk.get(fmt::format("/api/v1/documents/arrivals/{}", arrival)).json();
  EXPECT_EQ(arrival_detail.at("signer_name").as_string(), "Trần Quốc Hùng");
  EXPECT_EQ(recipient_clerk
                .get(fmt::format("/api/v1/documents/arrivals/{}/files/{}", arrival, revised_file))
                .status,
            200);
  EXPECT_EQ(
      clerk.post_json(fmt::format("/api/v1/documents/arrivals/{}/register", arrival), object{})
          .status,
      403);
  auto registered = recipient_clerk.post_json(
      fmt::format("/api/v1/documents/arrivals/{}/register", arrival), object{});
  ASSERT_EQ(registered.status, 201) << registered.body;
  EXPECT_EQ(registered.json().at("channel").as_string(), "electronic");
  EXPECT_EQ(registered.json().at("issuer").at("code").as_string(), "000.00.03.H47");
  EXPECT_EQ(recipient_clerk
                .post_json(fmt::format("/api/v1/documents/arrivals/{}/register", arrival), object{})
                .status,
            409);
  auto sender_view = clerk.get(fmt::format("/api/v1/documents/outgoing/{}", out_id)).json();
  EXPECT_EQ(sender_view.at("recipients").at(0).at("status").at("key").as_string(), "received");

  // 7. The specialist completes; the document is done on time.
  auto done =
      specialist.post_json(fmt::format("/api/v1/documents/assignments/{}/done", lead_assignment),
                           object{{"note", "Đã ban hành văn bản trả lời " + notation}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("status").at("key").as_string(), "done");
  EXPECT_NE(done.json().at("assignments").at(0).at("timeliness").at("key").as_string(), "late");
  EXPECT_EQ(specialist
                .post_json(fmt::format("/api/v1/documents/assignments/{}/done", lead_assignment),
                           object{})
                .status,
            409);
}

TEST_P(DocumentFlowTest, ForwardingWithinTheUnitAndWhoMayActOnWhat) {
  auto clerk = logged_in("vanthu.stp");
  auto leader = logged_in("lanhdao.stp");
  auto specialist = logged_in("chuyenvien.stp");
  int64_t specialist_id = my_id(specialist);
  auto entry = register_from_ministry(clerk, "77/BTP-BTTP");
  int64_t doc = entry.at("id").as_int64();
  // A person is given work only in their own unit, and only within the leader's authority.
  object bad{{"version", entry.at("version")},
             {"lead", object{{"unit_id", civil_division()}, {"official_id", my_id(clerk)}}},
             {"inform", array{object{{"unit_id", province_office()}}}}};
  auto refused = leader.post_json(fmt::format("/api/v1/documents/incoming/{}/assign", doc), bad);
  ASSERT_EQ(refused.status, 422) << refused.body;
  auto assigned = leader.post_json(
      fmt::format("/api/v1/documents/incoming/{}/assign", doc),
      object{{"version", entry.at("version")}, {"lead", object{{"unit_id", justice()}}}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  // Default deadline: ten working days.
  EXPECT_NEAR(assigned.json().at("assignments").at(0).at("working_seconds_left").as_int64(),
              10 * 8 * 3600, 120);
  int64_t unit_wide = assigned.json().at("assignments").at(0).at("id").as_int64();
  // Work given to the department as a whole is not the division specialist's to complete…
  EXPECT_EQ(
      specialist
          .post_json(fmt::format("/api/v1/documents/assignments/{}/done", unit_wide), object{})
          .status,
      403);
  // … until the leader forwards it within the department to her.
  auto fwd =
      leader.post_json(fmt::format("/api/v1/documents/assignments/{}/forward", unit_wide),
                       object{{"official_id", specialist_id}, {"note", "Đ/c Lan Anh xử lý."}});
  ASSERT_EQ(fwd.status, 200) << fwd.body;
  auto as = fwd.json().at("assignments").as_array();
  ASSERT_EQ(as.size(), 2u);
  EXPECT_EQ(as[0].at("status").at("key").as_string(), "forwarded");
  EXPECT_EQ(as[1].at("parent_id").as_int64(), unit_wide);
  EXPECT_EQ(as[1].at("due_at"), as[0].at("due_at"));
  int64_t mine = as[1].at("id").as_int64();
  EXPECT_EQ(
      leader.post_json(fmt::format("/api/v1/documents/assignments/{}/done", mine), object{}).status,
      403);
  EXPECT_EQ(
      specialist.post_json(fmt::format("/api/v1/documents/assignments/{}/done", mine), object{})
          .status,
      200);
  auto after = leader.get(fmt::format("/api/v1/documents/incoming/{}", doc)).json();
  EXPECT_EQ(after.at("status").at("key").as_string(), "done");
  auto audit = logged_in("admin").get(
      fmt::format("/api/v1/audit?object_type=incoming_document&object_id={}", doc));
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> actions;
  std::map<std::string, object> actor_of;
  for (const auto& e : items(audit)) {
    actions.insert(std::string(e.at("action").as_string()));
    actor_of[std::string(e.at("action").as_string())] = e.at("actor").as_object();
  }
  for (const char* a : {"document.incoming.register", "document.incoming.assign",
                        "document.incoming.forward", "document.incoming.done"})
    EXPECT_TRUE(actions.count(a)) << a << " in " << audit.body;
  // Each entry names the role the transaction's check relied on (before, the actor was made
  // before the check and named none): the director assigned as the department's leader, the
  // clerk registered as its clerk.
  EXPECT_EQ(actor_of["document.incoming.assign"].at("role").as_string(), "leader");
  EXPECT_EQ(actor_of["document.incoming.assign"].at("unit_id").as_int64(), justice());
  EXPECT_EQ(actor_of["document.incoming.register"].at("role").as_string(), "clerk");
  EXPECT_EQ(actor_of["document.incoming.register"].at("unit_id").as_int64(), justice());
}

// "Việc của tôi" pages by cursor: every open assignment is reached, once, soonest due first,
// however many a person has (it stopped at 200 before).
TEST_P(DocumentFlowTest, TheWorkListPagesByCursorSoonestDueFirst) {
  auto clerk = logged_in("vanthu.stp");
  auto leader = logged_in("lanhdao.stp");
  auto specialist = logged_in("chuyenvien.stp");
  std::set<int64_t> mine;
  for (int days : {3, 1, 5, 2, 4}) {
    auto entry =
        register_from_ministry(clerk, fmt::format("{}/BTP-VIECTOI-{}", 40 + days, GetParam()));
    auto assigned = leader.post_json(
        fmt::format("/api/v1/documents/incoming/{}/assign", entry.at("id").as_int64()),
        object{{"version", entry.at("version")},
               {"lead", object{{"unit_id", civil_division()}}},
               {"deadline_days", days}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    mine.insert(assigned.json().at("assignments").at(0).at("id").as_int64());
  }
  auto all = specialist.get("/api/v1/documents/assignments?limit=200");
  ASSERT_EQ(all.status, 200) << all.body;
  auto whole = all.json();
  ASSERT_TRUE(whole.at("next_cursor").is_null());
  std::vector<int64_t> expected;
  for (const auto& a : whole.at("items").as_array()) expected.push_back(a.at("id").as_int64());

  std::vector<int64_t> seen;
  std::vector<std::string> dues;
  std::string cursor;
  int pages = 0;
  do {
    auto page = specialist.get("/api/v1/documents/assignments?limit=2" +
                               (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)));
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = page.json();
    ASSERT_LE(body.at("items").as_array().size(), 2u);
    for (const auto& a : body.at("items").as_array()) {
      seen.push_back(a.at("id").as_int64());
      dues.push_back(a.at("due_at").is_string() ? std::string(a.at("due_at").as_string()) : "~");
    }
    const auto& next = body.at("next_cursor");
    cursor = next.is_null() ? "" : std::string(next.as_string());
  } while (!cursor.empty() && ++pages < 200);
  EXPECT_EQ(seen, expected);
  for (int64_t id : mine) EXPECT_EQ(std::count(seen.begin(), seen.end(), id), 1) << id;
  // RFC 3339 times of one zone sort as text; undated work ("~") comes last.
  EXPECT_TRUE(std::is_sorted(dues.begin(), dues.end()));

  // Done work pages newest first, the same way.
  for (int64_t id : {*mine.begin(), *mine.rbegin()})
    ASSERT_EQ(
        specialist.post_json(fmt::format("/api/v1/documents/assignments/{}/done", id), object{})
            .status,
        200);
  auto done_all = specialist.get("/api/v1/documents/assignments?status=done&limit=200").json();
  std::vector<int64_t> done_expected;
  for (const auto& a : done_all.at("items").as_array())
    done_expected.push_back(a.at("id").as_int64());
  ASSERT_GE(done_expected.size(), 2u);
  EXPECT_EQ(done_expected.front(), *mine.rbegin());  // the last one done comes first
  std::vector<int64_t> done_seen;
  cursor.clear();
  pages = 0;
  do {
    auto page = specialist.get("/api/v1/documents/assignments?status=done&limit=1" +
                               (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)));
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = page.json();
    for (const auto& a : body.at("items").as_array()) done_seen.push_back(a.at("id").as_int64());
    const auto& next = body.at("next_cursor");
    cursor = next.is_null() ? "" : std::string(next.as_string());
  } while (!cursor.empty() && ++pages < 200);
  EXPECT_EQ(done_seen, done_expected);
}

TEST_P(DocumentFlowTest, BadDraftsAreRefusedInVietnamese) {
  auto specialist = logged_in("chuyenvien.stp");
  int64_t f = upload(specialist, "du-thao.pdf");
  object bad{{"unit_id", civil_division()},
             {"drafting_unit_id", justice()},  // the department is not below its division
             {"doc_type", "thu_tinh"},
             {"subject", ""},
             {"main_file_id", f},
             {"recipient_unit_ids", array{999999}}};
  auto r = specialist.post_json("/api/v1/documents/outgoing", bad);
  ASSERT_EQ(r.status, 422) << r.body;
  auto fields = r.json().at("error").at("details").at("fields").as_object();
  for (const char* k : {"drafting_unit_id", "doc_type", "subject", "recipient_unit_ids"})
    EXPECT_TRUE(fields.contains(k)) << k << " in " << r.body;
  // A file someone else uploaded cannot be made one's draft.
  auto other = logged_in("vanthu.stp");
  int64_t foreign = upload(other, "cua-nguoi-khac.pdf");
  auto good = draft(foreign, array{});
  EXPECT_EQ(specialist.post_json("/api/v1/documents/outgoing", good).status, 422);
  // Drafting for a unit one does not belong to is refused.
  good["main_file_id"] = f;
  good["unit_id"] = province_office();
  good["drafting_unit_id"] = province_office();
  good["recipient_unit_ids"] = array{};
  EXPECT_EQ(specialist.post_json("/api/v1/documents/outgoing", good).status, 403);
}

TEST_P(DocumentFlowTest, ConcurrentIssuingNeverRepeatsANumber) {
  constexpr int kDocs = 6;
  auto specialist = logged_in("chuyenvien.stp");
  auto leader = logged_in("lanhdao.stp");
  int64_t leader_id = my_id(leader);
  std::vector<std::pair<int64_t, int64_t>> approved;  // id, version
  for (int i = 0; i < kDocs; ++i) {
    int64_t f = upload(specialist, "ke-hoach.pdf");
    auto d = draft(f, array{});
    d["doc_type"] = "ke_hoach";
    d["recipient_unit_ids"] = array{};
    auto c = specialist.post_json("/api/v1/documents/outgoing", d);
    ASSERT_EQ(c.status, 201) << c.body;
    int64_t id = c.json().at("id").as_int64();
    auto s = specialist.post_json(
        fmt::format("/api/v1/documents/outgoing/{}/submit", id),
        object{{"version", c.json().at("version")}, {"reviewer_id", leader_id}});
    ASSERT_EQ(s.status, 200) << s.body;
    auto a = leader.post_json(fmt::format("/api/v1/documents/outgoing/{}/approve", id),
                              object{{"version", s.json().at("version")}});
    ASSERT_EQ(a.status, 200) << a.body;
    approved.emplace_back(id, a.json().at("version").as_int64());
  }
  std::mutex mu;
  std::vector<std::string> notations;
  std::vector<std::thread> threads;
  threads.reserve(approved.size());
  for (const auto& [id, version] : approved) {
    threads.emplace_back([&, id = id, version = version] {
      auto clerk = logged_in("vanthu.stp");
      auto r = clerk.post_json(fmt::format("/api/v1/documents/outgoing/{}/issue", id),
                               object{{"version", version}});
      std::lock_guard lock(mu);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status == 200) notations.emplace_back(r.json().at("notation").as_string());
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(notations.size(), static_cast<std::size_t>(kDocs));
  std::set<int64_t> numbers;
  for (const auto& n : notations) {
    // A plan (Kế hoạch) of the department: 183/KH-STP.
    EXPECT_TRUE(std::regex_match(n, std::regex(R"(\d{2,}/KH-STP)"))) << n;
    numbers.insert(std::stoll(n.substr(0, n.find('/'))));
  }
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kDocs));
  EXPECT_EQ(*numbers.rbegin() - *numbers.begin() + 1, kDocs);  // consecutive
}

INSTANTIATE_TEST_SUITE_P(Engines, DocumentFlowTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
