// The one-stop system end to end on the real server, on both engines: the catalog, an online
// dossier from submission to rating through the desk, a department's specialist and its
// leader; the desk path with papers received on paper; forms, registers and exports; the
// public look-up; and what must be refused (wrong role, wrong unit, stale version, missing
// papers, bad files, someone else's dossier).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/base/time.h"
#include "core/config/config.h"
#include "core/storage/open.h"
#include "integration/server_fixture.h"
#include "onestop/daily_snapshots.h"
#include "support/pdf_reader.h"
#include "support/sample_files.h"

namespace tinhso::testing {
namespace {

using boost::json::object;
using boost::json::value;

class OneStopTest : public ServerTest {
 protected:
  HttpClient citizen() const {
    HttpClient c(port());
    auto r = c.login(kCitizen, kDemoPassword, "applicant");
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
  }

  object find_procedure(const std::string& q) {
    auto r = client().get("/api/v1/procedures?q=" + url_encode(q));
    EXPECT_EQ(r.status, 200) << r.body;
    auto items = r.json().at("items").as_array();
    EXPECT_FALSE(items.empty()) << q;
    return items.empty() ? object{} : items.front().as_object();
  }

  int64_t upload(HttpClient& c, const std::string& name, const std::string& bytes = kSamplePdf,
                 const std::string& type = "application/pdf") {
    auto r = c.request("POST", "/api/v1/files?name=" + url_encode(name), bytes,
                       {{"Content-Type", type}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  HttpResponse act(HttpClient& c, const object& dossier, object body, bool applicant = false) {
    body["expected_version"] = dossier.at("version");
    std::string base = applicant ? "/api/v1/my/dossiers/" : "/api/v1/dossiers/";
    return c.post_json(fmt::format("{}{}/actions", base, dossier.at("id").as_int64()), body);
  }

  // The username of an official with `role` in `unit` (the demo's are generated).
  std::string username_of(int64_t unit, const char* role) {
    auto r =
        logged_in("admin").get(fmt::format("/api/v1/officials?unit_id={}&role={}", unit, role));
    EXPECT_EQ(r.status, 200) << r.body;
    auto items = r.json().at("items").as_array();
    EXPECT_FALSE(items.empty()) << unit << " " << role;
    return items.empty() ? std::string() : std::string(items.front().at("username").as_string());
  }

  // Submits the criminal-record procedure online as the demo citizen, with `extra` fields of
  // the submission; returns the dossier.
  object submit_criminal_record(HttpClient& c, const object& extra = {}) {
    auto p = find_procedure("ly lich tu phap");
    int64_t id = p.at("id").as_int64();
    auto detail = client().get(fmt::format("/api/v1/procedures/{}", id)).json().as_object();
    auto papers = detail.at("definition").at("papers").as_array();
    boost::json::array files;
    for (std::size_t i = 0; i < papers.size(); ++i) {
      files.push_back(
          object{{"index", i},
                 {"file_ids", boost::json::array{upload(c, fmt::format("giay-to-{}.pdf", i))}}});
    }
    object body{
        {"procedure_id", id}, {"applicant", object{{"phone", kCitizen}}}, {"papers", files}};
    for (const auto& [k, v] : extra) body[k] = v;
    auto r = c.post_json("/api/v1/my/dossiers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().as_object() : object{};
  }
};

// A submission sent again with the same Idempotency-Key — after a lost reply, or twice at once
// — makes one dossier and answers each copy with it; the key of a failed request can carry the
// corrected one; a key is not reused for another request.
TEST_P(OneStopTest, ASubmissionRetriedWithItsIdempotencyKeyMakesOneDossier) {
  auto c = citizen();
  auto p = find_procedure("ly lich tu phap");
  int64_t procedure = p.at("id").as_int64();
  auto detail = client().get(fmt::format("/api/v1/procedures/{}", procedure)).json().as_object();
  boost::json::array files;
  for (std::size_t i = 0; i < detail.at("definition").at("papers").as_array().size(); ++i)
    files.push_back(
        object{{"index", i}, {"file_ids", boost::json::array{upload(c, "giay-to.pdf")}}});
  std::string body = boost::json::serialize(object{
      {"procedure_id", procedure}, {"applicant", object{{"phone", kCitizen}}}, {"papers", files}});
  auto submit = [&](const std::string& key, const std::string& b) {
    return c.request("POST", "/api/v1/my/dossiers", b,
                     {{"Content-Type", "application/json"}, {"Idempotency-Key", key}});
  };
  auto newest = [&] {
    std::set<int64_t> ids;
    auto page = c.get("/api/v1/my/dossiers?limit=100").json();
    for (const auto& d : page.at("items").as_array()) ids.insert(d.at("id").as_int64());
    return ids;
  };
  auto made_since = [&](const std::set<int64_t>& before) {
    auto now = newest();
    return std::count_if(now.begin(), now.end(), [&](int64_t id) { return !before.contains(id); });
  };
  std::string tag =
      GetParam() + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());

  // Sent twice in a row: the second answer is the first one, replayed.
  auto before = newest();
  auto first = submit("nop-lan-1-" + tag, body);
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = submit("nop-lan-1-" + tag, body);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.header("idempotent-replayed").value_or(""), "true");
  EXPECT_EQ(again.json().at("id"), first.json().at("id"));
  EXPECT_EQ(again.json().at("code"), first.json().at("code"));
  EXPECT_EQ(made_since(before), 1);
  // The same key with another request is refused, not replayed.
  std::string other = body;
  other.insert(other.size() - 1, R"(,"note":"khac")");
  auto reused = submit("nop-lan-1-" + tag, other);
  EXPECT_EQ(reused.status, 422) << reused.body;
  EXPECT_EQ(reused.error_code(), "idempotency.key_reused");

  // The reply is lost: the request was sent and the connection dropped before the answer; the
  // retry with its key finds the first request running or done, and never makes a second one.
  before = newest();
  {
    HttpConnection lost(port());
    std::string cookie;
    for (const auto& [k, v] : c.cookies())
      cookie.append(cookie.empty() ? "" : "; ").append(k).append("=").append(v);
    lost.send_raw(fmt::format(
        "POST /api/v1/my/dossiers HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {}\r\nX-CSRF-Token: "
        "{}\r\nContent-Type: application/json\r\nIdempotency-Key: mat-tra-loi-{}\r\n"
        "Content-Length: {}\r\n\r\n{}",
        cookie, c.csrf(), tag, body.size(), body));
  }  // closed without reading
  HttpResponse retried;
  for (int i = 0; i < 50; ++i) {
    retried = submit("mat-tra-loi-" + tag, body);
    if (retried.error_code() != "idempotency.in_progress") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(retried.status, 201) << retried.body;
  EXPECT_EQ(made_since(before), 1);

  // Four copies at once: one dossier; each copy gets it or "still running", never a 500.
  before = newest();
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::vector<HttpResponse> answers(4);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      try {
        answers[i] = submit("cung-luc-" + tag, body);
      } catch (const std::exception& e) {  // no answer at all: reported below, not a crash
        answers[i].body = e.what();
      }
    });
  for (auto& t : threads) t.join();
  std::set<std::string> codes;
  for (const auto& a : answers) {
    if (a.status == 201)
      codes.insert(std::string(a.json().at("code").as_string()));
    else
      EXPECT_EQ(a.error_code(), "idempotency.in_progress") << a.status << " " << a.body;
  }
  EXPECT_LE(codes.size(), 1u);
  EXPECT_EQ(made_since(before), 1);

  // A request that failed wrote nothing and releases its key: the corrected request may use it.
  before = newest();
  std::string broken = body;
  broken.replace(broken.find("\"papers\""), 8, "\"paperz\"");
  auto failed = submit("sua-lai-" + tag, broken);
  ASSERT_GE(failed.status, 400);
  ASSERT_LT(failed.status, 500) << failed.body;
  EXPECT_EQ(submit("sua-lai-" + tag, body).status, 201);
  EXPECT_EQ(made_since(before), 1);

  // A key must be 1–128 visible ASCII characters.
  EXPECT_EQ(submit(std::string(129, 'k'), body).status, 400);
  EXPECT_EQ(submit("có dấu", body).status, 400);
}

TEST_P(OneStopTest, CatalogSearchFoldsAccentsAndRanksExactAccentsFirst) {
  auto folded = client().get("/api/v1/procedures?q=" + url_encode("dang ky khai sinh"));
  ASSERT_EQ(folded.status, 200);
  auto items = folded.json().at("items").as_array();
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items.front().at("name").as_string(), "Đăng ký khai sinh");
  // "kết hôn" with accents: the exact-accent match comes before accent-insensitive ones.
  auto exact = client().get("/api/v1/procedures?q=" + url_encode("Đăng ký kết hôn"));
  ASSERT_EQ(exact.status, 200);
  EXPECT_EQ(exact.json().at("items").at(0).at("name").as_string(), "Đăng ký kết hôn");
  auto by_code = client().get("/api/v1/procedures?q=1.001193");
  EXPECT_EQ(by_code.json().at("items").at(0).at("national_code").as_string(), "1.001193");
  auto sectors = client().get("/api/v1/sectors");
  ASSERT_EQ(sectors.status, 200);
  EXPECT_GE(sectors.json().at("items").as_array().size(), 10u);
  EXPECT_EQ(client().get("/api/v1/procedures?level=planet").status, 422);
  EXPECT_EQ(client().get("/api/v1/procedures/999999").status, 404);
}

TEST_P(OneStopTest, CatalogBrowsingReachesEveryProcedureAndCountsThemAll) {
  // The demo catalog holds more procedures (~2,550) than a text search ranks (2,000): browsing
  // pages through every one of them in name order, and totals count them all (they once stopped
  // at 2,000, which also skewed the QĐ 766 share of fully online procedures).
  auto first = client().get("/api/v1/procedures?limit=1");
  ASSERT_EQ(first.status, 200) << first.body;
  int64_t total = first.json().at("total").as_int64();
  ASSERT_GT(total, 2000);
  std::set<int64_t> seen;
  std::string previous;
  for (int64_t offset = 0; offset < total; offset += 100) {
    auto page = client().get(fmt::format("/api/v1/procedures?limit=100&offset={}", offset));
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = page.json();
    EXPECT_EQ(body.at("total").as_int64(), total);
    for (const auto& item : body.at("items").as_array()) {
      seen.insert(item.at("id").as_int64());
      std::string name(item.at("name").as_string());
      EXPECT_LE(previous, name);
      previous = name;
    }
  }
  EXPECT_EQ(static_cast<int64_t>(seen.size()), total);
  auto beyond = client().get(fmt::format("/api/v1/procedures?limit=10&offset={}", total));
  EXPECT_TRUE(beyond.json().at("items").as_array().empty());
  EXPECT_EQ(beyond.json().at("total").as_int64(), total);

  // Filters count exactly what they select, however many that is.
  int64_t by_mode = 0;
  for (const char* mode : {"full", "partial", "none"}) {
    auto r = client().get(std::string("/api/v1/procedures?limit=1&online_mode=") + mode);
    ASSERT_EQ(r.status, 200) << r.body;
    by_mode += r.json().at("total").as_int64();
  }
  EXPECT_EQ(by_mode, total);
}

TEST_P(OneStopTest, OnlineDossierFromSubmissionToRating) {
  auto c = citizen();
  auto d = submit_criminal_record(c);
  ASSERT_FALSE(d.empty());
  std::string code(d.at("code").as_string());
  // <agency code>-<yymmdd>-<nnnn>, the agency being Sở Tư pháp.
  EXPECT_TRUE(code.starts_with("000.00.03.H47-")) << code;
  EXPECT_EQ(code.size(), std::string("000.00.03.H47-261124-0001").size());
  EXPECT_EQ(d.at("status").as_string(), "submitted");
  int64_t id = d.at("id").as_int64();

  // The desk of the provincial service centre receives it.
  auto desk = logged_in("motcua.tinh");
  auto queue = desk.get("/api/v1/dossiers?queue=desk&q=" + url_encode(code));
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.json().at("items").as_array().size(), 1u) << queue.body;
  // The specialist may not receive: reception belongs to the desk.
  auto specialist = logged_in("chuyenvien.stp");
  auto official_view = desk.get(fmt::format("/api/v1/dossiers/{}", id)).json().as_object();
  EXPECT_EQ(act(specialist, official_view, object{{"action", "receive"}}).status, 403);
  auto received = act(desk, official_view, object{{"action", "receive"}});
  ASSERT_EQ(received.status, 200) << received.body;
  auto rd = received.json().as_object();
  // The criminal record fee is paid before the dossier is handled: the clock waits for it.
  EXPECT_EQ(rd.at("status").as_string(), "fees_requested");
  EXPECT_EQ(rd.at("fee").at("amount").as_int64(), 200000) << boost::json::serialize(rd.at("fee"));
  EXPECT_TRUE(rd.at("fee").at("owed").as_bool());
  EXPECT_EQ(rd.at("fee").at("amount_text").as_string(), "200.000 đồng");
  // A second reception with the old version is a conflict, not a double reception.
  EXPECT_EQ(act(desk, official_view, object{{"action", "receive"}}).status, 409);
  // Paid in cash at the counter.
  auto paid = act(desk, rd, object{{"action", "pay_fees"}});
  ASSERT_EQ(paid.status, 200) << paid.body;
  rd = paid.json().as_object();
  EXPECT_EQ(rd.at("status").as_string(), "in_progress");
  ASSERT_TRUE(rd.at("due_at").is_string());

  // The receipt (Mẫu 01) reads right.
  auto receipt = desk.get(fmt::format("/api/v1/dossiers/{}/forms/01", id));
  ASSERT_EQ(receipt.status, 200);
  EXPECT_EQ(receipt.header("content-type").value_or(""), "application/pdf");
  std::string text = pdf_text(receipt.body);
  EXPECT_NE(text.find("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"), std::string::npos) << text;
  EXPECT_NE(text.find(code), std::string::npos);
  EXPECT_NE(text.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos);
  EXPECT_NE(text.find("10 ngày làm việc"), std::string::npos) << text;
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/03", id)).status, 409);  // not refused
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/99", id)).status, 404);

  // The specialist of Phòng Hành chính tư pháp has it in the unit queue and forwards it.
  auto mine = specialist.get("/api/v1/dossiers?queue=unit&q=" + url_encode(code));
  ASSERT_EQ(mine.json().at("items").as_array().size(), 1u) << mine.body;
  auto at_specialist = specialist.get(fmt::format("/api/v1/dossiers/{}", id)).json().as_object();
  bool can_forward = false;
  for (const auto& a : at_specialist.at("actions").as_array()) {
    if (a.at("name").as_string() == "forward") can_forward = true;
  }
  EXPECT_TRUE(can_forward) << boost::json::serialize(at_specialist.at("actions"));
  // Someone of a commune's centre cannot even see it.
  auto other = logged_in("motcua.tanphu");
  EXPECT_EQ(other.get(fmt::format("/api/v1/dossiers/{}", id)).status, 403);
  auto forwarded =
      act(specialist, at_specialist, object{{"action", "forward"}, {"note", "Hồ sơ hợp lệ."}});
  ASSERT_EQ(forwarded.status, 200) << forwarded.body;

  // The leader signs the result (a digitised file) and approves.
  auto leader = logged_in("lanhdao.stp");
  int64_t result = upload(leader, "phieu-ly-lich-tu-phap.pdf");
  auto at_leader = leader.get(fmt::format("/api/v1/dossiers/{}", id)).json().as_object();
  auto approved = act(leader, at_leader, object{{"action", "approve"}, {"result_file_id", result}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("status").as_string(), "done");

  // Back at the desk, the result is returned online.
  auto at_desk = desk.get(fmt::format("/api/v1/dossiers/{}", id)).json().as_object();
  auto returned =
      act(desk, at_desk, object{{"action", "return_result"}, {"return_method", "online"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("status").as_string(), "returned");
  EXPECT_EQ(returned.json().at("timeliness").as_string(), "early");
  // The "all" queue lists open dossiers unless asked for a status.
  EXPECT_EQ(leader.get("/api/v1/dossiers?queue=all&q=" + url_encode(code))
                .json()
                .at("items")
                .as_array()
                .size(),
            0u);
  EXPECT_EQ(leader.get("/api/v1/dossiers?queue=all&status=returned&q=" + url_encode(code))
                .json()
                .at("items")
                .as_array()
                .size(),
            1u);

  // The citizen sees the whole timeline, downloads the result and rates the service.
  auto mine_view = c.get(fmt::format("/api/v1/my/dossiers/{}", id));
  ASSERT_EQ(mine_view.status, 200);
  auto mv = mine_view.json().as_object();
  EXPECT_EQ(mv.at("status").as_string(), "returned");
  EXPECT_GE(mv.at("timeline").as_array().size(), 5u);
  auto file = c.get(fmt::format("/api/v1/my/dossiers/{}/files/{}", id, result));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kSamplePdf);
  object answers;
  auto criteria = mv.at("rating_criteria").as_array();
  for (const auto& cr : criteria) answers[cr.at("key").as_string()] = 2;
  auto rated = act(c, mv, object{{"action", "rate"}, {"answers", answers}}, true);
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(act(c, rated.json().as_object(), object{{"action", "rate"}, {"answers", answers}}, true)
                .status,
            409);

  // The public look-up by code and the last digits of the phone number; a wrong verifier
  // looks exactly like an unknown code.
  auto pub = client().get(fmt::format("/api/v1/public/dossiers/{}?verifier=5678", code));
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json().at("status").as_string(), "returned");
  EXPECT_FALSE(pub.json().as_object().contains("applicant"));
  auto wrong = client().get(fmt::format("/api/v1/public/dossiers/{}?verifier=0000", code));
  auto unknown = client().get("/api/v1/public/dossiers/000.00.03.H47-010101-9999?verifier=5678");
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(wrong.body, unknown.body);

  // The process control slip lists every hand-over: Mẫu 06 of Thông tư 03/2025, which the
  // dossier follows (received after 15/09/2025); its Mẫu 05, the notice that processing stopped,
  // does not apply to a dossier still being processed.
  auto control = desk.get(fmt::format("/api/v1/dossiers/{}/forms/06", id));
  ASSERT_EQ(control.status, 200);
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/05", id)).status, 409);
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/07", id)).status, 404);
  std::string control_text = pdf_text(control.body);
  EXPECT_NE(control_text.find("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"), std::string::npos);
  EXPECT_NE(control_text.find("Phê duyệt"), std::string::npos) << control_text;
}

TEST_P(OneStopTest, StatisticsCountWhatHappened) {
  auto leader = logged_in("lanhdao.stp");
  int64_t stp = unit_id("000.00.03.H47");
  auto stats_of = [&] {
    auto r = leader.get(fmt::format("/api/v1/statistics?agency_id={}", stp));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").at(0).as_object();
  };
  auto before = stats_of();
  auto c = citizen();
  auto d = submit_criminal_record(c);
  auto desk = logged_in("motcua.tinh");
  auto view =
      desk.get(fmt::format("/api/v1/dossiers/{}", d.at("id").as_int64())).json().as_object();
  ASSERT_EQ(act(desk, view, object{{"action", "receive"}}).status, 200);
  auto after = stats_of();
  auto count = [](const object& o, const char* k) {
    const auto* v = o.at("counts").as_object().if_contains(k);
    return v ? v->as_int64() : 0;
  };
  EXPECT_EQ(count(after, "received"), count(before, "received") + 1);
  EXPECT_EQ(count(after, "received_online"), count(before, "received_online") + 1);
  EXPECT_EQ(count(after, "papers_digitised"), count(before, "papers_digitised") + 1);
  EXPECT_EQ(after.at("in_progress").as_int64(), before.at("in_progress").as_int64() + 1);
  // The server folds the transitions' counter deltas into the totals within seconds, and the
  // figures read the same before and after.
  Config config;
  config.data_dir = server_->data_dir();
  config.database.url = server_->database_url();
  auto db = storage::open_database(config, 1);
  ASSERT_TRUE(db.ok()) << db.error().describe();
  int64_t deltas = -1;
  for (int i = 0; i < 100 && deltas != 0; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto r = (*db)->query_once("SELECT count(*) FROM dossier_stats_delta");
    ASSERT_TRUE(r.ok()) << r.error().describe();
    deltas = r->front().i64(0);
  }
  EXPECT_EQ(deltas, 0) << "no statistics fold within 10 s";
  auto folded = stats_of();
  EXPECT_EQ(boost::json::serialize(folded.at("counts")),
            boost::json::serialize(after.at("counts")));
  EXPECT_EQ(folded.at("in_progress"), after.at("in_progress"));
  EXPECT_EQ(folded.at("carried_over"), after.at("carried_over"));
  // Another department's leader may not read Sở Tư pháp's statistics; the province's may.
  auto outsider = logged_in("chuyenvien.stp");
  EXPECT_EQ(outsider.get(fmt::format("/api/v1/statistics?agency_id={}", stp)).status, 403);
  // Without access, nothing else is checked: not the period, not whether the unit exists.
  for (const std::string& query :
       {fmt::format("agency_id={}&group_by=nonsense&from=2026-13-40", stp),
        std::string("agency_id=999999")}) {
    for (const char* path : {"/api/v1/statistics", "/api/v1/statistics/indicators"}) {
      auto refused = outsider.get(fmt::format("{}?{}", path, query));
      EXPECT_EQ(refused.status, 403) << path << "?" << query << " " << refused.body;
    }
  }
  // The system administrator, who may read any unit's, is told the unit does not exist.
  auto missing = logged_in("admin").get("/api/v1/statistics?agency_id=999999");
  EXPECT_EQ(missing.status, 422) << missing.body;
  auto indicators = leader.get(fmt::format("/api/v1/statistics/indicators?agency_id={}", stp));
  ASSERT_EQ(indicators.status, 200) << indicators.body;
  auto groups = indicators.json().at("groups").as_array();
  EXPECT_EQ(groups.size(), 5u);
  double total = 0;
  for (const auto& g : groups) total += g.at("points").to_number<double>();
  EXPECT_NEAR(indicators.json().at("total").to_number<double>(), total, 0.05);
  EXPECT_LE(total, 100.0);
  auto xlsx = leader.get(
      fmt::format("/api/v1/statistics?agency_id={}&group_by=procedure&format=xlsx", stp));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK")) << "not an xlsx (zip) file";
  auto reg = leader.get(
      fmt::format("/api/v1/registers/tracking?unit_id={}&from=2020-01-01&to=2020-12-31", stp));
  EXPECT_EQ(reg.status, 200);
  EXPECT_TRUE(reg.body.starts_with("%PDF"));
  std::string reg_text = pdf_text(reg.body);
  EXPECT_NE(reg_text.find("SỔ THEO DÕI HỒ SƠ"), std::string::npos);
  auto pub = client().get("/api/v1/public/statistics");
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_TRUE(pub.json().as_object().contains("indicators"));
}

TEST_P(OneStopTest, WhatMustBeRefused) {
  auto c = citizen();
  auto p = find_procedure("ly lich tu phap");
  int64_t pid = p.at("id").as_int64();
  // Missing required papers.
  auto missing = c.post_json("/api/v1/my/dossiers", object{{"procedure_id", pid}});
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(missing.error_code(), "dossier.missing_papers");
  // Unknown procedure.
  auto unknown = c.post_json("/api/v1/my/dossiers", object{{"procedure_id", 999999}});
  EXPECT_EQ(unknown.status, 422);
  // Files: not a PDF/JPEG/PNG by content, whatever the declared type; empty.
  auto exe = c.request("POST", "/api/v1/files?name=a.pdf", std::string("MZ\x90\x00 not a pdf", 14),
                       {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(exe.status, 415) << exe.body;
  auto noname =
      c.request("POST", "/api/v1/files", kSamplePdf, {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(noname.status, 422);
  // Someone else's file cannot be attached.
  auto other = HttpClient(port());
  ASSERT_EQ(other.login("0905123456", kDemoPassword, "applicant").status, 200);
  int64_t foreign = upload(other, "cua-nguoi-khac.pdf");
  auto stolen = c.post_json(
      "/api/v1/my/dossiers",
      object{{"procedure_id", pid},
             {"papers", boost::json::array{object{{"index", 0}, {"file_ids", {foreign}}},
                                           object{{"index", 1}, {"file_ids", {foreign}}}}}});
  EXPECT_EQ(stolen.status, 422) << stolen.body;
  // Another applicant's dossier does not exist for you.
  auto d = submit_criminal_record(c);
  int64_t id = d.at("id").as_int64();
  EXPECT_EQ(other.get(fmt::format("/api/v1/my/dossiers/{}", id)).status, 404);
  EXPECT_EQ(act(other, d, object{{"action", "withdraw"}, {"note", "x"}}, true).status, 404);
  // Applicants cannot take officials' actions.
  EXPECT_EQ(act(c, d, object{{"action", "approve"}}, true).status, 422);
  // Unknown action, missing version.
  auto desk = logged_in("motcua.tinh");
  EXPECT_EQ(act(desk, d, object{{"action", "teleport"}}).status, 422);
  auto no_version =
      desk.post_json(fmt::format("/api/v1/dossiers/{}/actions", id), object{{"action", "receive"}});
  EXPECT_EQ(no_version.status, 422);
  // Refusing at the desk needs a reason; with one, the refusal form exists.
  auto view = desk.get(fmt::format("/api/v1/dossiers/{}", id)).json().as_object();
  EXPECT_EQ(act(desk, view, object{{"action", "desk_refuse"}}).status, 422);
  auto refused =
      act(desk, view, object{{"action", "desk_refuse"}, {"note", "Hồ sơ không thuộc thẩm quyền."}});
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(refused.json().at("status").as_string(), "not_received");
  auto form = desk.get(fmt::format("/api/v1/dossiers/{}/forms/03", id));
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(pdf_text(form.body).find("Hồ sơ không thuộc thẩm quyền."), std::string::npos);
  // A closed dossier takes no more actions.
  EXPECT_EQ(act(desk, refused.json().as_object(), object{{"action", "receive"}}).status, 409);
}

TEST_P(OneStopTest, DeskReceptionWithPapersOnPaperAndSupplement) {
  // At the public service centre of xã Tân Phú; the registration of a household business moved
  // down from the districts to the communes on 1 July 2025.
  auto desk = logged_in("motcua.tanphu");
  auto p = find_procedure("Đăng ký thành lập hộ kinh doanh");
  int64_t pid = p.at("id").as_int64();
  int64_t tan_phu = unit_id("000.00.56.H47");
  object body{{"procedure_id", pid},
              {"agency_unit_id", tan_phu},
              {"applicant", object{{"name", "Trần Thị Bích"},
                                   {"phone", "0987654321"},
                                   {"id_number", "047190001111"},
                                   {"address", "Thôn 2, xã Tân Phú"}}},
              {"papers_received", boost::json::array{object{{"index", 0}, {"originals", 1}},
                                                     object{{"index", 1}, {"copies", 1}}}}};
  // The e-form of the registration (tên, địa chỉ, ngành nghề, vốn) is required at the desk too,
  // field by field, and a capital written as text is not a number.
  auto without_form = desk.post_json("/api/v1/dossiers", body);
  ASSERT_EQ(without_form.status, 422) << without_form.body;
  auto form_errors =
      without_form.json().at("error").at("details").at("fields").at("form_data").as_object();
  EXPECT_TRUE(form_errors.contains("ten_ho_kinh_doanh")) << without_form.body;
  EXPECT_TRUE(form_errors.contains("von")) << without_form.body;
  body["form_data"] = object{{"ten_ho_kinh_doanh", "Hộ kinh doanh Bích Ngọc"},
                             {"dia_diem", "Thôn 2, xã Tân Phú"},
                             {"nganh_nghe", "Bán lẻ tạp hóa"},
                             {"von", "50 triệu"}};
  auto text_capital = desk.post_json("/api/v1/dossiers", body);
  ASSERT_EQ(text_capital.status, 422) << text_capital.body;
  EXPECT_TRUE(text_capital.json()
                  .at("error")
                  .at("details")
                  .at("fields")
                  .at("form_data")
                  .as_object()
                  .contains("von"));
  body["form_data"].as_object()["von"] = 50'000'000;
  auto created = desk.post_json("/api/v1/dossiers", body);
  ASSERT_EQ(created.status, 201) << created.body;
  auto d = created.json().as_object();
  EXPECT_EQ(d.at("status").as_string(), "in_progress");  // received on the spot
  EXPECT_EQ(d.at("channel").as_string(), "desk");
  EXPECT_TRUE(std::string(d.at("code").as_string()).starts_with("000.00.56.H47-"));
  // Only a desk officer receives at a desk.
  auto wrong =
      logged_in("chuyenvien.stp")
          .post_json("/api/v1/dossiers", object{{"procedure_id", pid},
                                                {"agency_unit_id", tan_phu},
                                                {"applicant", object{{"name", "Lê Văn C"}}}});
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  // Applicant name is required at the desk.
  auto nameless = desk.post_json("/api/v1/dossiers",
                                 object{{"procedure_id", pid}, {"agency_unit_id", tan_phu}});
  EXPECT_EQ(nameless.status, 422);
}

TEST_P(OneStopTest, InterLevelProcessCommuneToDepartment) {
  // "Xác nhận … hỗ trợ hộ nghèo về nhà ở (liên thông xã - tỉnh)": since 1 July 2025 the chain
  // runs from the commune to a provincial department. The commune's centre receives, the
  // commune reviews and confirms, Sở Xây dựng's leader approves, the centre returns the result.
  int64_t commune = unit_id("000.00.56.H47");
  int64_t department = unit_id("000.00.09.H47");
  auto clerk = logged_in(username_of(unit_id("000.04.56.H47"), "desk_officer"));
  auto specialist = logged_in(username_of(commune, "specialist"));
  auto chair = logged_in(username_of(commune, "leader"));
  auto department_leader = logged_in(username_of(department, "leader"));
  auto p = find_procedure("liên thông xã - tỉnh");
  ASSERT_NE(std::string(p.at("name").as_string()).find("liên thông xã - tỉnh"), std::string::npos);
  auto c = citizen();
  auto detail =
      client().get(fmt::format("/api/v1/procedures/{}", p.at("id").as_int64())).json().as_object();
  boost::json::array files;
  for (std::size_t i = 0; i < detail.at("definition").at("papers").as_array().size(); ++i) {
    files.push_back(
        object{{"index", i}, {"file_ids", boost::json::array{upload(c, "giay-to.pdf")}}});
  }
  auto submitted =
      c.post_json("/api/v1/my/dossiers",
                  object{{"procedure_id", p.at("id")},
                         {"agency_unit_id", commune},
                         {"applicant", object{{"phone", kCitizen}, {"commune_unit_id", commune}}},
                         {"papers", files}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  int64_t id = submitted.json().at("id").as_int64();
  auto view = [&](HttpClient& who) {
    return who.get(fmt::format("/api/v1/dossiers/{}", id)).json().as_object();
  };
  ASSERT_EQ(act(clerk, view(clerk), object{{"action", "receive"}}).status, 200);
  ASSERT_EQ(act(specialist, view(specialist), object{{"action", "forward"}}).status, 200);
  ASSERT_EQ(
      act(chair, view(chair), object{{"action", "forward"}, {"note", "Xác nhận đúng đối tượng."}})
          .status,
      200);
  auto at_department = view(department_leader);
  EXPECT_EQ(at_department.at("current_unit").at("id").as_int64(), department)
      << boost::json::serialize(at_department);
  // The commune can no longer act on it: the step belongs to the department.
  EXPECT_EQ(act(chair, at_department, object{{"action", "approve"}}).status, 403);
  int64_t result = upload(department_leader, "quyet-dinh-ho-tro.pdf");
  auto approved = act(department_leader, at_department,
                      object{{"action", "approve"}, {"result_file_id", result}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto returned =
      act(clerk, view(clerk), object{{"action", "return_result"}, {"return_method", "online"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("status").as_string(), "returned");
}

// Nghị định 118/2025/NĐ-CP, Art. 14: a citizen submits a provincial department's procedure at
// a commune's public service centre; the commune receives it under its own code, the department
// processes it, and the centre returns the result. A district's desk (ended with its district on
// 30 June 2025) and a department are not reception points; a commune's procedure is received at
// another commune's centre too.
TEST_P(OneStopTest, ReceptionRegardlessOfAdministrativeBoundaries) {
  int64_t commune = unit_id("000.04.56.H47");  // the centre of xã Tân Phú
  // The one-stop desk of the former district of Tân Phú, ended on 30 June 2025.
  int64_t tan_phu_desk = 0;
  auto admin = logged_in("admin");
  auto ended = admin.get("/api/v1/units?include_inactive=1&q=000.56.33.H47").json();
  for (const auto& u : ended.at("items").as_array()) {
    if (u.at("code").as_string() == "000.56.33.H47") tan_phu_desk = u.at("id").as_int64();
  }
  ASSERT_NE(tan_phu_desk, 0);
  int64_t justice = unit_id("000.00.03.H47");
  auto stp = find_procedure("ly lich tu phap");
  int64_t pid = stp.at("id").as_int64();

  auto points = client().get(fmt::format("/api/v1/procedures/{}/reception-points", pid));
  ASSERT_EQ(points.status, 200) << points.body;
  std::vector<int64_t> ids;
  auto listed = points.json();
  for (const auto& p : listed.at("items").as_array()) ids.push_back(p.at("id").as_int64());
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), unit_id("000.00.21.H47")) << points.body;  // the provincial centre first
  EXPECT_NE(std::find(ids.begin(), ids.end(), commune), ids.end()) << points.body;
  EXPECT_EQ(std::find(ids.begin(), ids.end(), tan_phu_desk), ids.end()) << points.body;
  EXPECT_GT(ids.size(), 50u);  // the province's centre and every commune's

  EXPECT_TRUE(listed.at("anywhere").as_bool());
  auto for_justice = client().get(
      fmt::format("/api/v1/procedures/{}/reception-points?agency_id={}", pid, justice));
  ASSERT_EQ(for_justice.status, 200) << for_justice.body;
  EXPECT_EQ(for_justice.json().at("items"), listed.at("items"));
  auto not_its_agency = client().get(
      fmt::format("/api/v1/procedures/{}/reception-points?agency_id={}", pid, commune));
  ASSERT_EQ(not_its_agency.status, 422) << not_its_agency.body;

  // A procedure of every commune: the list for one commune puts its own centre first, among
  // the same points as everyone's; a citizen of Tân Phước submits it at Tân Phú's centre, which
  // receives it under its own code while Tân Phước's centre never sees it.
  auto hkd = find_procedure("Đăng ký thành lập hộ kinh doanh");
  int64_t hkd_id = hkd.at("id").as_int64();
  int64_t tan_phuoc = unit_id("000.00.57.H47");
  int64_t tan_phuoc_centre = unit_id("000.04.57.H47");
  auto ids_of = [&](const std::string& path) {
    auto r = client().get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<int64_t> out;
    auto body = r.json();  // the loop below must not range over a temporary's member
    for (const auto& p : body.at("items").as_array()) out.push_back(p.at("id").as_int64());
    return out;
  };
  auto common = ids_of(fmt::format("/api/v1/procedures/{}/reception-points", hkd_id));
  auto own =
      ids_of(fmt::format("/api/v1/procedures/{}/reception-points?agency_id={}", hkd_id, tan_phuoc));
  ASSERT_FALSE(own.empty());
  EXPECT_EQ(own.front(), tan_phuoc_centre);
  EXPECT_EQ(std::set<int64_t>(own.begin(), own.end()),
            std::set<int64_t>(common.begin(), common.end()));
  EXPECT_NE(std::find(own.begin(), own.end(), commune), own.end());

  auto c = citizen();
  auto detail_hkd = client().get(fmt::format("/api/v1/procedures/{}", hkd_id)).json().as_object();
  boost::json::array hkd_files;
  for (std::size_t i = 0; i < detail_hkd.at("definition").at("papers").as_array().size(); ++i) {
    hkd_files.push_back(
        object{{"index", i}, {"file_ids", boost::json::array{upload(c, "giay-to.pdf")}}});
  }
  auto across =
      c.post_json("/api/v1/my/dossiers",
                  object{{"procedure_id", hkd_id},
                         {"agency_unit_id", tan_phuoc},
                         {"desk_unit_id", commune},
                         {"applicant", object{{"phone", kCitizen}, {"commune_unit_id", tan_phuoc}}},
                         {"form_data", object{{"ten_ho_kinh_doanh", "Hộ kinh doanh Tân Phước"},
                                              {"dia_diem", "Thôn 1, xã Tân Phước"},
                                              {"nganh_nghe", "Bán lẻ tạp hóa"},
                                              {"von", 30'000'000}}},
                         {"papers", hkd_files}});
  ASSERT_EQ(across.status, 201) << across.body;
  EXPECT_TRUE(std::string(across.json().at("code").as_string()).starts_with("000.00.56.H47-"))
      << across.body;
  EXPECT_EQ(across.json().at("agency").at("id").as_int64(), tan_phuoc);
  EXPECT_EQ(across.json().at("desk").at("id").as_int64(), commune);
  auto tan_phuoc_clerk = logged_in(username_of(tan_phuoc_centre, "desk_officer"));
  auto not_there =
      tan_phuoc_clerk.get("/api/v1/dossiers?queue=desk&q=" +
                          url_encode(std::string(across.json().at("code").as_string())));
  ASSERT_EQ(not_there.status, 200);
  EXPECT_TRUE(not_there.json().at("items").as_array().empty()) << not_there.body;

  for (int64_t wrong : {justice, tan_phu_desk, int64_t{999999}}) {
    auto r =
        c.post_json("/api/v1/my/dossiers", object{{"procedure_id", pid}, {"desk_unit_id", wrong}});
    ASSERT_EQ(r.status, 422) << wrong << r.body;
    EXPECT_TRUE(
        r.json().at("error").at("details").at("fields").as_object().contains("desk_unit_id"))
        << r.body;
  }

  // Today's figures of xã Tân Phú by reception point, and Sở Tư pháp's by competent agency,
  // before the dossiers below: each is counted at the centre that received it and once with
  // the department, never twice.
  auto leader_tan_phu = logged_in(username_of(unit_id("000.00.56.H47"), "leader"));
  auto province_admin = logged_in("admin");
  auto figures = [&](HttpClient& who, const std::string& path) {
    auto r = who.get(path);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return r.status == 200 ? r.json().as_object() : object{};
  };
  auto centre_row = [&](const object& o) {
    for (const auto& row : o.at("items").as_array()) {
      if (!row.at("point_id").is_null() && row.at("point_id").as_int64() == commune)
        return row.as_object();
    }
    ADD_FAILURE() << "no row for the centre: " << boost::json::serialize(o);
    return object{};
  };
  const std::string points_path =
      fmt::format("/api/v1/statistics/reception-points?agency_id={}", unit_id("000.00.56.H47"));
  const std::string justice_path = fmt::format("/api/v1/statistics?agency_id={}", justice);
  auto centre_before = centre_row(figures(leader_tan_phu, points_path));
  auto justice_before = figures(province_admin, justice_path);
  auto province_points_before =
      figures(province_admin, "/api/v1/statistics/reception-points").at("items").as_array();

  auto d = submit_criminal_record(c, object{{"desk_unit_id", commune}});
  ASSERT_FALSE(d.empty());
  std::string code(d.at("code").as_string());
  EXPECT_TRUE(code.starts_with("000.00.56.H47-")) << code;  // the receiving commune's code
  EXPECT_EQ(d.at("agency").at("id").as_int64(), justice);
  EXPECT_EQ(d.at("desk").at("id").as_int64(), commune);
  int64_t id = d.at("id").as_int64();

  // It waits at the commune's desk, not at the provincial centre.
  auto province_desk = logged_in("motcua.tinh");
  auto elsewhere = province_desk.get("/api/v1/dossiers?queue=desk&q=" + url_encode(code));
  ASSERT_EQ(elsewhere.status, 200);
  EXPECT_TRUE(elsewhere.json().at("items").as_array().empty()) << elsewhere.body;
  auto clerk = logged_in(username_of(commune, "desk_officer"));
  auto queue = clerk.get("/api/v1/dossiers?queue=desk&q=" + url_encode(code));
  ASSERT_EQ(queue.json().at("items").as_array().size(), 1u) << queue.body;
  auto view = [&](HttpClient& who) {
    return who.get(fmt::format("/api/v1/dossiers/{}", id)).json().as_object();
  };
  auto received = act(clerk, view(clerk), object{{"action", "receive"}});
  ASSERT_EQ(received.status, 200) << received.body;
  auto paid = act(clerk, received.json().as_object(), object{{"action", "pay_fees"}});
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json().at("status").as_string(), "in_progress");

  // The competent department processes it.
  auto specialist = logged_in("chuyenvien.stp");
  auto mine = specialist.get("/api/v1/dossiers?queue=unit&q=" + url_encode(code));
  ASSERT_EQ(mine.json().at("items").as_array().size(), 1u) << mine.body;
  ASSERT_EQ(act(specialist, view(specialist), object{{"action", "forward"}}).status, 200);
  auto leader = logged_in("lanhdao.stp");
  int64_t result = upload(leader, "phieu-ly-lich-tu-phap.pdf");
  auto approved =
      act(leader, view(leader), object{{"action", "approve"}, {"result_file_id", result}});
  ASSERT_EQ(approved.status, 200) << approved.body;

  // The result is returned where it was submitted; the provincial centre may not return it.
  EXPECT_EQ(act(province_desk, view(clerk),
                object{{"action", "return_result"}, {"return_method", "desk"}})
                .status,
            403);
  auto returned =
      act(clerk, view(clerk), object{{"action", "return_result"}, {"return_method", "desk"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("status").as_string(), "returned");

  // At the counter the commune's officer receives a department's procedure at their own desk
  // without naming it.
  object body{{"procedure_id", pid},
              {"applicant", object{{"name", "Lê Văn Cường"},
                                   {"id_number", "047190002222"},
                                   {"address", "Thôn 3, xã Tân Phú"}}}};
  boost::json::array on_paper;
  auto detail = client().get(fmt::format("/api/v1/procedures/{}", pid)).json().as_object();
  for (std::size_t i = 0; i < detail.at("definition").at("papers").as_array().size(); ++i)
    on_paper.push_back(object{{"index", i}, {"originals", 1}});
  body["papers_received"] = on_paper;
  auto counter = clerk.post_json("/api/v1/dossiers", body);
  ASSERT_EQ(counter.status, 201) << counter.body;
  EXPECT_EQ(counter.json().at("desk").at("id").as_int64(), commune);
  EXPECT_TRUE(std::string(counter.json().at("code").as_string()).starts_with("000.00.56.H47-"));

  // Two dossiers of Sở Tư pháp received at the commune's centre (one online, one at the
  // counter) and one result returned there.
  auto centre_after = centre_row(figures(leader_tan_phu, points_path));
  auto delta = [&](const char* k) {
    return centre_after.at(k).as_int64() - centre_before.at(k).as_int64();
  };
  EXPECT_EQ(delta("received"), 2);
  EXPECT_EQ(delta("online"), 1);
  EXPECT_EQ(delta("desk"), 1);
  EXPECT_EQ(delta("for_others"), 2);
  EXPECT_EQ(delta("for_own"), 0);
  EXPECT_EQ(delta("returned"), 1);
  bool lists_justice = false;
  for (const auto& a : centre_after.at("by_agency").as_array())
    lists_justice |= a.at("agency_id").as_int64() == justice;
  EXPECT_TRUE(lists_justice) << boost::json::serialize(centre_after);
  // The department counts them as received, the province's points as received once.
  auto justice_after = figures(province_admin, justice_path);
  EXPECT_EQ(justice_after.at("items").at(0).at("received").as_int64() -
                justice_before.at("items").at(0).at("received").as_int64(),
            2);
  auto province_points_after =
      figures(province_admin, "/api/v1/statistics/reception-points").at("items").as_array();
  EXPECT_EQ(province_points_after.back().at("received").as_int64() -
                province_points_before.back().at("received").as_int64(),
            2);
  // A leader of the commune sees its points, not the province's; Excel too.
  EXPECT_EQ(leader_tan_phu.get("/api/v1/statistics/reception-points").status, 403);
  auto xlsx = leader_tan_phu.get(points_path + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto bad = leader_tan_phu.get(points_path + "&from=2026-13-01");
  EXPECT_EQ(bad.status, 422) << bad.body;
}

// Nghị định 118/2025/NĐ-CP: the applicant chooses where to collect the result — the receiving
// centre, or the competent agency's own desk. Submitted at xã Tân Phú's centre for Sở Tư pháp,
// collected at the provincial centre: the result waits there, and only there can it be returned.
TEST_P(OneStopTest, TheResultIsCollectedWhereTheApplicantChose) {
  int64_t commune = unit_id("000.04.56.H47");
  int64_t province = unit_id("000.00.21.H47");
  int64_t justice = unit_id("000.00.03.H47");
  auto stp = find_procedure("ly lich tu phap");
  int64_t pid = stp.at("id").as_int64();
  auto points = client().get(
      fmt::format("/api/v1/procedures/{}/reception-points?agency_id={}", pid, justice));
  ASSERT_EQ(points.status, 200) << points.body;
  EXPECT_EQ(points.json().at("own_desk").as_int64(), province) << points.body;

  // Another commune's centre is neither where it was received nor the agency's desk.
  auto c = citizen();
  auto wrong =
      c.post_json("/api/v1/my/dossiers", object{{"procedure_id", pid},
                                                {"desk_unit_id", commune},
                                                {"result_unit_id", unit_id("000.04.57.H47")}});
  ASSERT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_TRUE(
      wrong.json().at("error").at("details").at("fields").as_object().contains("result_unit_id"))
      << wrong.body;
  // A place to collect only means something when the result is collected in person.
  auto online = c.post_json("/api/v1/my/dossiers", object{{"procedure_id", pid},
                                                          {"desk_unit_id", commune},
                                                          {"result_unit_id", province},
                                                          {"return_method", "online"}});
  ASSERT_EQ(online.status, 422) << online.body;
  EXPECT_TRUE(
      online.json().at("error").at("details").at("fields").as_object().contains("result_unit_id"))
      << online.body;

  auto d = submit_criminal_record(
      c,
      object{{"desk_unit_id", commune}, {"result_unit_id", province}, {"return_method", "desk"}});
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d.at("desk").at("id").as_int64(), commune);
  EXPECT_EQ(d.at("result_point").at("id").as_int64(), province);
  std::string code(d.at("code").as_string());
  int64_t id = d.at("id").as_int64();
  auto view = [&](HttpClient& who) {
    return who.get(fmt::format("/api/v1/dossiers/{}", id)).json().as_object();
  };

  // Received and paid at the commune; processed by the department.
  auto clerk = logged_in(username_of(commune, "desk_officer"));
  ASSERT_EQ(act(clerk, view(clerk), object{{"action", "receive"}}).status, 200);
  ASSERT_EQ(act(clerk, view(clerk), object{{"action", "pay_fees"}}).status, 200);
  auto receipt = clerk.get(fmt::format("/api/v1/dossiers/{}/forms/01", id));
  ASSERT_EQ(receipt.status, 200);
  EXPECT_NE(pdf_text(receipt.body).find("Trung tâm Phục vụ hành chính công tỉnh"),
            std::string::npos);
  auto specialist = logged_in("chuyenvien.stp");
  ASSERT_EQ(act(specialist, view(specialist), object{{"action", "forward"}}).status, 200);
  auto leader = logged_in("lanhdao.stp");
  int64_t result = upload(leader, "phieu-ly-lich-tu-phap.pdf");
  ASSERT_EQ(
      act(leader, view(leader), object{{"action", "approve"}, {"result_file_id", result}}).status,
      200);

  // The result waits at the provincial centre, not at the commune.
  auto province_desk = logged_in("motcua.tinh");
  auto waiting = province_desk.get("/api/v1/dossiers?queue=desk&status=done&q=" + url_encode(code));
  ASSERT_EQ(waiting.status, 200);
  EXPECT_EQ(waiting.json().at("items").as_array().size(), 1u) << waiting.body;
  auto not_here = clerk.get("/api/v1/dossiers?queue=desk&q=" + url_encode(code));
  ASSERT_EQ(not_here.status, 200);
  EXPECT_TRUE(not_here.json().at("items").as_array().empty()) << not_here.body;
  EXPECT_EQ(act(clerk, view(clerk), object{{"action", "return_result"}, {"return_method", "desk"}})
                .status,
            403);
  auto returned = act(province_desk, view(province_desk),
                      object{{"action", "return_result"}, {"return_method", "desk"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("status").as_string(), "returned");

  // The public look-up says where the result was collected.
  auto pub = client().get(fmt::format("/api/v1/public/dossiers/{}?verifier=5678", code));
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json().at("result_point").at("id").as_int64(), province) << pub.body;
}

// An officer who serves two commune centres chooses, at the counter, where they receive: the
// list of their own points says which, a submission without one is refused naming the field,
// and the applicant may collect the result at the competent agency's desk.
TEST_P(OneStopTest, AnOfficerOfTwoCentresChoosesWhereTheyReceive) {
  auto admin = logged_in("admin");
  std::string username = fmt::format("haicho.{}", getpid() % 100000);
  int64_t official = create_official(admin, username, "Lê Thị Hai Chỗ", kDemoPassword,
                                     "desk_officer", "000.04.56.H47");
  ASSERT_NE(official, 0);
  int64_t tan_phu = unit_id("000.04.56.H47");
  int64_t tan_phuoc = unit_id("000.04.57.H47");
  ASSERT_EQ(admin
                .post_json(fmt::format("/api/v1/officials/{}/grants", official),
                           object{{"role", "desk_officer"}, {"unit_id", tan_phuoc}})
                .status,
            201);
  auto officer = logged_in(username);
  int64_t justice = unit_id("000.00.03.H47");
  auto stp = find_procedure("ly lich tu phap");
  int64_t pid = stp.at("id").as_int64();
  std::string path =
      fmt::format("/api/v1/procedures/{}/reception-points?agency_id={}&mine=1", pid, justice);
  auto mine = officer.get(path);
  ASSERT_EQ(mine.status, 200) << mine.body;
  std::set<int64_t> ids;
  auto listed = mine.json();  // the loop must not range over a temporary's member
  for (const auto& u : listed.at("items").as_array()) ids.insert(u.at("id").as_int64());
  EXPECT_EQ(ids, (std::set<int64_t>{tan_phu, tan_phuoc})) << mine.body;
  EXPECT_EQ(mine.header("cache-control").value_or(""), "private, max-age=60");
  EXPECT_EQ(client().get(path).status, 403);  // nobody's own points without a session
  EXPECT_EQ(citizen().get(path).status, 403);

  object body{{"procedure_id", pid},
              {"applicant", object{{"name", "Phạm Văn Đông"},
                                   {"id_number", "047190003333"},
                                   {"address", "Thôn 1, xã Tân Phước"}}}};
  boost::json::array on_paper;
  auto detail = client().get(fmt::format("/api/v1/procedures/{}", pid)).json().as_object();
  for (std::size_t i = 0; i < detail.at("definition").at("papers").as_array().size(); ++i)
    on_paper.push_back(object{{"index", i}, {"originals", 1}});
  body["papers_received"] = on_paper;
  auto unsaid = officer.post_json("/api/v1/dossiers", body);
  ASSERT_EQ(unsaid.status, 422) << unsaid.body;
  EXPECT_TRUE(
      unsaid.json().at("error").at("details").at("fields").as_object().contains("desk_unit_id"))
      << unsaid.body;
  body["desk_unit_id"] = tan_phuoc;
  body["return_method"] = "desk";
  body["result_unit_id"] = unit_id("000.00.21.H47");
  auto received = officer.post_json("/api/v1/dossiers", body);
  ASSERT_EQ(received.status, 201) << received.body;
  EXPECT_EQ(received.json().at("desk").at("id").as_int64(), tan_phuoc);
  EXPECT_TRUE(std::string(received.json().at("code").as_string()).starts_with("000.00.57.H47-"));
  EXPECT_EQ(received.json().at("result_point").at("id").as_int64(), unit_id("000.00.21.H47"));
}

// Nghị định 118/2025/NĐ-CP, Art. 14 lets a minister or the provincial chairman keep a procedure
// at its agency's own desk: a definition with "reception_anywhere": false offers only that desk
// and refuses a submission elsewhere.
TEST_P(OneStopTest, AProcedureKeptAtItsOwnDeskIsReceivedOnlyThere) {
  auto admin = logged_in("admin");
  auto stp = find_procedure("ly lich tu phap");
  auto detail = client().get(fmt::format("/api/v1/procedures/{}", stp.at("id").as_int64())).json();
  object def = detail.at("definition").as_object();
  def["national_code"] = fmt::format("9.{:06}", getpid() % 1000000);
  def["name"] = "Cấp Phiếu lý lịch tư pháp số 2 (chỉ tiếp nhận tại Trung tâm tỉnh)";
  def["reception_anywhere"] = false;
  auto made = admin.post_json("/api/v1/procedures", def);
  ASSERT_EQ(made.status, 201) << made.body;
  int64_t pid = made.json().at("id").as_int64();
  EXPECT_FALSE(made.json().at("definition").at("reception_anywhere").as_bool()) << made.body;

  auto points = client().get(fmt::format("/api/v1/procedures/{}/reception-points", pid));
  ASSERT_EQ(points.status, 200) << points.body;
  auto listed = points.json();
  EXPECT_FALSE(listed.at("anywhere").as_bool());
  ASSERT_EQ(listed.at("items").as_array().size(), 1u) << points.body;
  EXPECT_EQ(listed.at("items").as_array()[0].at("id").as_int64(), unit_id("000.00.21.H47"));

  auto c = citizen();
  auto elsewhere =
      c.post_json("/api/v1/my/dossiers",
                  object{{"procedure_id", pid}, {"desk_unit_id", unit_id("000.04.56.H47")}});
  ASSERT_EQ(elsewhere.status, 422) << elsewhere.body;
  EXPECT_TRUE(
      elsewhere.json().at("error").at("details").at("fields").as_object().contains("desk_unit_id"))
      << elsewhere.body;
  EXPECT_NE(elsewhere.body.find("chỉ tiếp nhận tại"), std::string::npos) << elsewhere.body;
}

// A dossier received before Thông tư 03/2025 keeps the forms of Thông tư 01/2018 for its whole
// life: its control slip is Mẫu 05 and it has no Mẫu 06; stable names work for both sets, and a
// client asking a newer dossier for "05" expecting the control slip is told it moved.
TEST_P(OneStopTest, FormsFollowTheSetInForceWhenTheDossierWasReceived) {
  auto set_clock = [&](const std::string& now) {
    auto r = client().post_json("/api/v1/testing/clock",
                                now.empty() ? object{{"offset_seconds", 0}} : object{{"now", now}});
    ASSERT_EQ(r.status, 200) << r.body;
  };
  set_clock("2025-09-10T09:00:00+07:00");
  auto c = citizen();
  auto desk = logged_in("motcua.tinh");
  auto old_dossier = submit_criminal_record(c);
  ASSERT_FALSE(old_dossier.empty());
  int64_t old_id = old_dossier.at("id").as_int64();
  auto view = desk.get(fmt::format("/api/v1/dossiers/{}", old_id)).json().as_object();
  ASSERT_EQ(act(desk, view, object{{"action", "receive"}}).status, 200);
  set_clock("");
  // Today: the sessions of September 2025 have long expired.
  c = citizen();
  desk = logged_in("motcua.tinh");
  auto old_view = desk.get(fmt::format("/api/v1/dossiers/{}", old_id)).json();
  EXPECT_EQ(old_view.at("form_set").as_string(), "tt01_2018");
  auto slip = desk.get(fmt::format("/api/v1/dossiers/{}/forms/05", old_id));
  ASSERT_EQ(slip.status, 200) << slip.body;
  EXPECT_NE(pdf_text(slip.body).find("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
            std::string::npos);
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/06", old_id)).status, 404);
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/stop", old_id)).status, 404);
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/control", old_id)).status, 200);

  // Received today: the set of Thông tư 03/2025.
  auto now_dossier = submit_criminal_record(c);
  ASSERT_FALSE(now_dossier.empty());
  int64_t now_id = now_dossier.at("id").as_int64();
  view = desk.get(fmt::format("/api/v1/dossiers/{}", now_id)).json().as_object();
  ASSERT_EQ(act(desk, view, object{{"action", "receive"}}).status, 200);
  auto renumbered = desk.get(fmt::format("/api/v1/dossiers/{}/forms/05", now_id));
  EXPECT_EQ(renumbered.status, 409);
  EXPECT_EQ(renumbered.json().at("error").at("code").as_string(), "form.renumbered")
      << renumbered.body;
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/06", now_id)).status, 200);
  EXPECT_EQ(desk.get(fmt::format("/api/v1/dossiers/{}/forms/control", now_id)).status, 200);
  // The applicant prints their receipt by name, never the agency's control slip.
  EXPECT_EQ(c.get(fmt::format("/api/v1/my/dossiers/{}/forms/receipt", now_id)).status, 200);
  EXPECT_EQ(c.get(fmt::format("/api/v1/my/dossiers/{}/forms/06", now_id)).status, 404);
  EXPECT_EQ(c.get(fmt::format("/api/v1/my/dossiers/{}/forms/01", old_id)).status, 200);
}

TEST_P(OneStopTest, PublicLookUpFollowsEveryTransition) {
  // The look-up reads a view stored with each transition; it must never lag behind the dossier,
  // and the fields that move with the clock alone are computed at the time of the look-up.
  auto c = citizen();
  auto d = submit_criminal_record(c);
  ASSERT_FALSE(d.empty());
  std::string url =
      fmt::format("/api/v1/public/dossiers/{}?verifier=5678", d.at("code").as_string());
  auto pub = client().get(url);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json().at("status").as_string(), "submitted");
  EXPECT_EQ(pub.json().at("timeline").as_array().size(), 1u);
  EXPECT_FALSE(pub.json().as_object().contains("urgency"));

  auto desk = logged_in("motcua.tinh");
  auto official =
      desk.get(fmt::format("/api/v1/dossiers/{}", d.at("id").as_int64())).json().as_object();
  auto received = act(desk, official, object{{"action", "receive"}});
  ASSERT_EQ(received.status, 200) << received.body;
  // Waiting for the fee the look-up says so, without a deadline running.
  pub = client().get(url);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json().at("status").as_string(), "fees_requested");
  received = act(desk, received.json().as_object(), object{{"action", "pay_fees"}});
  ASSERT_EQ(received.status, 200) << received.body;
  pub = client().get(url);
  ASSERT_EQ(pub.status, 200) << pub.body;
  auto p = pub.json().as_object();
  EXPECT_EQ(p.at("status").as_string(), "in_progress");
  EXPECT_EQ(p.at("version").as_int64(), received.json().at("version").as_int64());
  EXPECT_EQ(p.at("due_at"), received.json().at("due_at"));
  EXPECT_EQ(p.at("timeline").as_array().size(), received.json().at("timeline").as_array().size());
  EXPECT_EQ(p.at("urgency").as_string(), "ok");
  EXPECT_GT(p.at("remaining_working_hours").as_double(), 0.0);
  EXPECT_FALSE(p.contains("applicant"));
  EXPECT_FALSE(p.contains("papers"));

  // The applicant withdraws: the look-up says so at once.
  auto mine =
      c.get(fmt::format("/api/v1/my/dossiers/{}", d.at("id").as_int64())).json().as_object();
  auto withdrawn = act(c, mine, object{{"action", "withdraw"}, {"note", "Nộp nhầm thủ tục"}}, true);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  pub = client().get(url);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json().at("status").as_string(), withdrawn.json().at("status").as_string());
  EXPECT_FALSE(pub.json().as_object().contains("urgency"));

  // Received, then withdrawn: the notice that processing stopped (Mẫu 05 of Thông tư 03/2025)
  // is listed for the applicant and prints with their reason.
  auto theirs = c.get(fmt::format("/api/v1/my/dossiers/{}", d.at("id").as_int64()));
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  const auto their_view = theirs.json();
  EXPECT_EQ(their_view.at("form_set").as_string(), "tt03_2025");
  const auto& forms = their_view.at("forms").as_array();
  EXPECT_NE(std::find(forms.begin(), forms.end(), boost::json::value("05")), forms.end())
      << theirs.body;
  auto notice = desk.get(fmt::format("/api/v1/dossiers/{}/forms/05", d.at("id").as_int64()));
  ASSERT_EQ(notice.status, 200) << notice.body;
  EXPECT_EQ(c.get(fmt::format("/api/v1/my/dossiers/{}/forms/stop", d.at("id").as_int64())).status,
            200);
  std::string text;
  for (char ch : pdf_text(notice.body)) text += ch == '\n' ? ' ' : ch;
  EXPECT_NE(text.find("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"), std::string::npos) << text;
  EXPECT_NE(text.find("Lý do: Nộp nhầm thủ tục."), std::string::npos) << text;
}

// The views a submitter receives, and the stored public view, are rendered in the submission's
// transaction from what it wrote rather than read back (DossierService::Parts): each must equal
// the view read back afterwards, at the desk (papers on paper, a fee) and online (papers as files).
TEST_P(OneStopTest, ANewDossiersViewsEqualTheViewsReadBack) {
  auto desk = logged_in("motcua.tinh");
  auto p = find_procedure("ly lich tu phap");
  object body{{"procedure_id", p.at("id")},
              {"applicant", object{{"name", "Nguyễn Văn Thử"},
                                   {"phone", "0912000111"},
                                   {"id_number", "047190001234"},
                                   {"address", "Số 5 đường Lê Lợi, phường Hòa Bình"}}},
              {"papers_received", boost::json::array{object{{"index", 0}, {"originals", 1}},
                                                     object{{"index", 1}, {"copies", 1}}}}};
  auto created = desk.post_json("/api/v1/dossiers", body);
  ASSERT_EQ(created.status, 201) << created.body;
  object made = created.json().as_object();
  ASSERT_EQ(made.at("timeline").as_array().size(), 2u) << created.body;  // created, received
  auto read = desk.get(fmt::format("/api/v1/dossiers/{}", made.at("id").as_int64()));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(made, read.json().as_object());

  auto pub = client().get(
      fmt::format("/api/v1/public/dossiers/{}?verifier=0111", made.at("code").as_string()));
  ASSERT_EQ(pub.status, 200) << pub.body;
  auto looked_up = pub.json();
  const auto& timeline = looked_up.at("timeline").as_array();
  const auto& official = made.at("timeline").as_array();
  ASSERT_EQ(timeline.size(), official.size()) << pub.body;
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    for (const char* key : {"at", "action", "status", "unit", "timeliness"})
      EXPECT_EQ(timeline[i].at(key), official[i].at(key)) << key << " " << i;
  }
  EXPECT_EQ(looked_up.at("status"), made.at("status"));

  auto c = citizen();
  auto online = submit_criminal_record(c);
  ASSERT_FALSE(online.empty());
  auto mine = c.get(fmt::format("/api/v1/my/dossiers/{}", online.at("id").as_int64()));
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(online, mine.json().as_object());
  for (const auto& paper : online.at("papers").as_array())
    EXPECT_EQ(paper.at("files").as_array().size(), 1u) << boost::json::serialize(paper);
}

TEST_P(OneStopTest, CarriedOverAndInProgressEqualARecountOfTheDossiers) {
  // A period across New Year: "carried over" sums years, months and days before its first day,
  // "in progress" those up to its last. Both must equal a count of the dossiers themselves.
  Config config;
  config.data_dir = server_->data_dir();
  config.database.url = server_->database_url();
  auto db = storage::open_database(config, 1);
  ASSERT_TRUE(db.ok()) << db.error().describe();
  Date today = local_date(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  Date from = add_days(today, -330), to = add_days(today, -20);
  auto open_at = [&](Date day) -> int64_t {
    int64_t end = to_millis(local_instant(add_days(day, 1), 0));
    auto r = (*db)->read([&](storage::Tx& tx) {
      return tx.query(
          "SELECT count(*) FROM dossiers WHERE received_at < $1 AND NOT (COALESCE(finished_at, "
          "$1) < $1 OR (outcome IN ('refused', 'withdrawn') AND COALESCE(closed_at, $1) < $1))",
          {end});
    });
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->front().i64(0) : -1;
  };
  auto admin = logged_in("admin");
  auto check = [&](Date from, Date to) {
    SCOPED_TRACE(format_iso_date(from) + " … " + format_iso_date(to));
    auto received = (*db)->read([&](storage::Tx& tx) {
      return tx.query(
          "SELECT count(*) FROM dossiers WHERE received_at >= $1 AND received_at < $2",
          {to_millis(local_instant(from, 0)), to_millis(local_instant(add_days(to, 1), 0))});
    });
    ASSERT_TRUE(received.ok());
    int64_t expected_received = received->front().i64(0);
    ASSERT_GT(expected_received, 0) << "the demo has no dossiers in the period";
    auto r = admin.get(fmt::format("/api/v1/statistics?from={}&to={}", format_iso_date(from),
                                   format_iso_date(to)));
    ASSERT_EQ(r.status, 200) << r.body;
    auto row = r.json().at("items").at(0).as_object();
    EXPECT_EQ(row.at("received").as_int64(), expected_received);
    EXPECT_EQ(row.at("carried_over").as_int64(), open_at(add_days(from, -1)));
    EXPECT_EQ(row.at("in_progress").as_int64(), open_at(to));
  };
  // Days inside months; then bounds that end a month or a year, which read month and year rows.
  check(from, to);
  using namespace std::chrono;
  auto first_of = [](Date d) { return Date{d.year(), d.month(), day{1}}; };
  Date month = first_of(add_days(first_of(today), -60));  // two months ago
  check(month, add_days(first_of(add_days(month, 40)), -1));
  check(Date{today.year() - years{1}, January, day{1}},
        Date{today.year() - years{1}, December, day{31}});
}

TEST_P(OneStopTest, QueuesAcrossManyUnitsFollowDueTimeOrderPageByPage) {
  // A leader's and an administrator's queues span many units: they are read unit by unit and
  // merged. Paged in sevens through the cursor, they must equal one ordered query over the
  // whole scope, with and without a status filter.
  Config config;
  config.data_dir = server_->data_dir();
  config.database.url = server_->database_url();
  auto db = storage::open_database(config, 1);
  ASSERT_TRUE(db.ok()) << db.error().describe();
  auto expected = [&](const std::string& scope, const std::string& status) {
    std::string sql =
        "SELECT code FROM dossiers WHERE " +
        (status.empty() ? std::string("closed_at IS NULL") : "status = '" + status + "'") +
        (scope.empty() ? ""
                       : " AND agency_unit_id IN (SELECT c.unit_id FROM unit_closure c JOIN units "
                         "u ON u.id = c.ancestor_id WHERE u.code = '" +
                             scope + "')") +
        " ORDER BY COALESCE(due_at, submitted_at), id LIMIT 40";
    auto r = (*db)->read([&](storage::Tx& tx) { return tx.query(sql); });
    EXPECT_TRUE(r.ok());
    std::vector<std::string> codes;
    if (r.ok())
      for (auto row : *r) codes.push_back(row.str(0));
    return codes;
  };
  auto paged = [&](HttpClient& c, const std::string& status) {
    std::vector<std::string> codes;
    std::string cursor;
    while (codes.size() < 40) {
      auto r =
          c.get("/api/v1/dossiers?queue=all&limit=7" + (status.empty() ? "" : "&status=" + status) +
                (cursor.empty() ? "" : "&cursor=" + cursor));
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      auto page = r.json();
      for (const auto& d : page.at("items").as_array())
        if (codes.size() < 40) codes.emplace_back(d.at("code").as_string());
      if (!page.at("next_cursor").is_string()) break;
      cursor = std::string(page.at("next_cursor").as_string());
    }
    return codes;
  };
  auto admin = logged_in("admin");
  auto leader = logged_in("lanhdao.stp");
  auto returned = expected("", "returned");
  ASSERT_EQ(returned.size(), 40u) << "too few returned dossiers in the demo to page";
  EXPECT_EQ(paged(admin, "returned"), returned);
  EXPECT_EQ(paged(admin, ""), expected("", ""));
  EXPECT_EQ(paged(admin, "in_progress"), expected("", "in_progress"));
  EXPECT_EQ(paged(leader, ""), expected("000.00.03.H47", ""));
  EXPECT_EQ(paged(leader, "returned"), expected("000.00.03.H47", "returned"));
}

TEST_P(OneStopTest, NightlySnapshotsRecordFinishedDaysAndCatchUpAfterADowntime) {
  // The demo wrote the snapshots up to today and the server recorded them at start. Pretend it
  // was down for five days: their rows are gone and the record says the day before. The next pass
  // writes exactly those days again, with counts equal to a recount of the dossiers, and a pass
  // after that has nothing to do.
  Config config;
  config.data_dir = server_->data_dir();
  config.database.url = server_->database_url();
  auto db = storage::open_database(config, 1);
  ASSERT_TRUE(db.ok()) << db.error().describe();
  Instant now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  Date today = local_date(now);
  Date first = add_days(today, -5), yesterday = add_days(today, -1);
  auto day_sums = [&](Date day) -> std::pair<int64_t, int64_t> {
    auto r = (*db)->read([&](storage::Tx& tx) {
      return tx.query(
          "SELECT COALESCE(SUM(open_count), 0), COALESCE(SUM(overdue_count), 0) FROM "
          "dossier_open_snapshots WHERE day = $1",
          {format_iso_date(day)});
    });
    EXPECT_TRUE(r.ok());
    return r.ok() ? std::pair{r->front().i64(0), r->front().i64(1)} : std::pair{-1L, -1L};
  };
  auto recount = [&](Date day) -> std::pair<int64_t, int64_t> {
    int64_t end = to_millis(local_instant(add_days(day, 1), 0));
    auto r = (*db)->read([&](storage::Tx& tx) {
      return tx.query(
          "SELECT count(*), COALESCE(SUM(CASE WHEN due_at < $1 THEN 1 ELSE 0 END), 0) FROM "
          "dossiers WHERE received_at < $1 AND (closed_at IS NULL OR closed_at >= $1)",
          {end});
    });
    EXPECT_TRUE(r.ok());
    return r.ok() ? std::pair{r->front().i64(0), r->front().i64(1)} : std::pair{-1L, -1L};
  };
  auto yesterday_at_start = day_sums(yesterday);
  ASSERT_GT(yesterday_at_start.first, 0) << "no open dossiers in the demo yesterday";
  EXPECT_EQ(yesterday_at_start, recount(yesterday));

  ASSERT_TRUE((*db)
                  ->write([&](storage::Tx& tx) -> Status {
                    TS_TRY(tx.exec("DELETE FROM dossier_open_snapshots WHERE day >= $1",
                                   {format_iso_date(first)}));
                    TS_TRY(tx.exec(
                        "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, 0) "
                        "ON CONFLICT (key) DO UPDATE SET value = $2",
                        {onestop::kSnapshotsThroughKey, format_iso_date(add_days(first, -1))}));
                    return ok_status();
                  })
                  .ok());
  auto written = onestop::write_missing_snapshots(**db, now);
  ASSERT_TRUE(written.ok()) << written.error().describe();
  EXPECT_EQ(*written, 5);
  for (Date d = first; d != today; d = add_days(d, 1)) {
    EXPECT_EQ(day_sums(d), recount(d)) << format_iso_date(d);
  }
  auto again = onestop::write_missing_snapshots(**db, now);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  // Statistics of a past period report the snapshot's overdue count.
  auto admin = logged_in("admin");
  auto r = admin.get(fmt::format("/api/v1/statistics?from={}&to={}", format_iso_date(first),
                                 format_iso_date(yesterday)));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("items").at(0).at("in_progress_overdue").as_int64(),
            recount(yesterday).second)
      << r.body;
}

TEST_P(OneStopTest, IncrementalCountersEqualAFullRecompute) {
  // A year of demo dossiers went through every kind of transition; the counters kept along
  // the way must equal what `tinhso stats rebuild` recomputes from the dossiers themselves.
  auto admin = logged_in("admin");
  auto snapshot = [&] {
    std::string out;
    for (const char* group : {"none", "agency", "procedure", "channel"}) {
      auto r = admin.get(std::string("/api/v1/statistics?from=2025-01-01&group_by=") + group);
      EXPECT_EQ(r.status, 200) << r.body;
      out += r.body + "\n";
    }
    return out;
  };
  std::string before = snapshot();
  std::string output;
  ASSERT_EQ(server_->run_cli({"stats", "rebuild"}, &output), 0) << output;
  std::string after = snapshot();
  EXPECT_EQ(before, after);
  EXPECT_NE(before.find("\"received\""), std::string::npos);
}

// The module's tools are declared in its ModuleDef and reached through the one command line.
TEST_P(OneStopTest, ModuleToolsRunFromTheCommandLine) {
  std::string output;
  ASSERT_EQ(server_->run_cli({"dossiers", "render-views"}, &output), 0) << output;
  EXPECT_NE(output.find("Public views rendered for"), std::string::npos) << output;
  // A tool that takes no arguments refuses them, in words a person reads.
  EXPECT_EQ(server_->run_cli({"stats", "rebuild", "--everything"}, &output), 1) << output;
  EXPECT_NE(output.find("không nhận tham số: --everything"), std::string::npos) << output;
  EXPECT_NE(server_->run_cli({"dossiers"}, &output), 0) << output;
  ASSERT_EQ(server_->run_cli({"--help"}, &output), 0) << output;
  EXPECT_NE(output.find("One-stop dossier tools"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Engines, OneStopTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
