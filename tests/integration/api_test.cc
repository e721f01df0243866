// HTTP behaviour of the real server: operations endpoints, malformed input, limits, scoping,
// organisation and calendar APIs, audit.
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <thread>

#include "integration/server_fixture.h"
#include "support/tcp_proxy.h"
#include "support/test_db.h"

namespace tinhso::testing {
namespace {

HttpResponse raw(int port, const std::string& bytes) {
  HttpConnection c(port);
  c.send_raw(bytes);
  auto r = c.read_response();
  if (!r) throw std::runtime_error("no response");
  return *r;
}

TEST_P(ServerTest, OperationsEndpoints) {
  auto health = client().get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_TRUE(health.header("x-request-id").has_value());
  auto ready = client().get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json().at("status").as_string(), "ready");
  auto metrics = client().get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("tinhso_http_requests_total{route=\"GET /healthz\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("tinhso_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("tinhso_db_connections"), std::string::npos);
  EXPECT_NE(metrics.body.find("tinhso_worker_queue_depth"), std::string::npos);
  auto api = client().get("/api/openapi.json");
  ASSERT_EQ(api.status, 200);
  auto doc = api.json();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.0.3");
  const auto& paths = doc.at("paths").as_object();
  ASSERT_TRUE(paths.contains("/api/v1/auth/login"));
  EXPECT_TRUE(paths.at("/api/v1/auth/login").as_object().contains("post"));
  EXPECT_TRUE(paths.at("/api/v1/units/{id}").at("get").as_object().contains("parameters"));
  for (const auto& [path, item] : paths) {
    for (const auto& [method, op] : item.as_object()) {
      EXPECT_TRUE(op.as_object().contains("responses")) << path << " " << method;
      EXPECT_FALSE(op.at("summary").as_string().empty()) << path << " " << method;
    }
  }
}

// The screens' words come from the server: without signing in, every vocabulary with its
// Vietnamese labels, cacheable for a while.
TEST_P(ServerTest, VocabulariesGiveEveryValueItsVietnameseLabel) {
  auto r = client().get("/api/v1/vocabularies");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control").value_or(""), "public, max-age=300");
  auto doc = r.json().as_object();
  auto label = [&](std::string_view vocabulary, std::string_view key) -> std::string {
    for (const auto& t : doc.at(vocabulary).as_array())
      if (t.at("key").as_string() == key) return std::string(t.at("label").as_string());
    return "";
  };
  EXPECT_EQ(label("dossier_statuses", "supplement_requested"), "Chờ bổ sung hồ sơ");
  EXPECT_EQ(label("channels", "postal"), "Bưu chính công ích");
  EXPECT_EQ(label("outbox_channels", "edxml"),
            "Gửi văn bản điện tử (edXML) đến cơ quan ngoài hệ thống");
  EXPECT_EQ(label("roles", "desk_officer"), "Cán bộ một cửa");
  EXPECT_EQ(label("outgoing_statuses", "in_review"), "Đang trình duyệt");
  EXPECT_EQ(label("document_types", "cong_van"), "Công văn");
  // Levels and kinds of unit are data (unit_levels, unit_kinds); an ended level says so.
  EXPECT_EQ(label("unit_levels", "commune"), "Cấp xã");
  EXPECT_EQ(label("unit_levels", "district"), "Cấp huyện (đến 30/06/2025)");
  EXPECT_EQ(label("unit_kinds", "special_zone"), "Ủy ban nhân dân đặc khu");
  // Ended levels are marked retired: screens offer them for filters over old data, not for
  // new units.
  for (const auto& t : doc.at("unit_levels").as_array()) {
    bool retired = t.as_object().contains("retired") && t.at("retired").as_bool();
    EXPECT_EQ(retired, t.at("key").as_string() == "district") << t;
  }
}

// Reloading a page revalidates it (HTML is no-cache): the 304 must carry the page's CSP, which
// browsers merge into the cached page. It carried the API's "default-src 'none'" and every
// reload showed a blank page. Deep links are the same page.
TEST_P(ServerTest, ARevalidatedPageKeepsItsContentSecurityPolicy) {
  for (std::string path : {"/", "/thu-tuc", "/ho-so-cua-toi/42", "/can-bo/ho-so"}) {
    auto first = client().get(path);
    ASSERT_EQ(first.status, 200) << path;
    ASSERT_TRUE(first.header("etag").has_value());
    std::string csp = first.header("content-security-policy").value_or("");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    auto again = client().request("GET", path, "", {{"If-None-Match", *first.header("etag")}});
    EXPECT_EQ(again.status, 304) << path;
    EXPECT_EQ(again.header("content-security-policy").value_or(""), csp) << path;
    EXPECT_EQ(again.header("etag"), first.header("etag"));
  }
}

TEST_P(ServerTest, MalformedRequestsGetClearJsonErrors) {
  auto bad_json = client().request("POST", "/api/v1/auth/login",
                                   "{\"username\":", {{"Content-Type", "application/json"}});
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(bad_json.error_code(), "invalid_json");
  auto wrong_type = client().request("POST", "/api/v1/auth/login", "username=a",
                                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(wrong_type.status, 415);
  auto not_object = client().request("POST", "/api/v1/auth/login", "[1,2]",
                                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(not_object.status, 422);
  auto missing =
      client().post_json("/api/v1/auth/login", boost::json::object{{"username", "admin"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(
      missing.json().at("error").at("details").at("fields").as_object().contains("password"));
  auto unknown = client().get("/api/v1/khong-co");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error_code(), "route_not_found");
  auto method = client().request("PUT", "/healthz");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.header("allow"), "GET");
  auto target = raw(port(), "GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(target.status, 400);
  EXPECT_EQ(target.error_code(), "bad_target");
  auto garbage = raw(port(), "HELLO THERE\r\n\r\n");
  EXPECT_EQ(garbage.status, 400);
  EXPECT_FALSE(garbage.error_code().empty());
  // The server is still fine afterwards.
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_P(ServerTest, OversizedBodiesAndHeadersAreRefused) {
  std::string big(9000, 'x');  // login accepts 8 KiB
  auto r =
      client().request("POST", "/api/v1/auth/login", big, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.error_code(), "payload_too_large");
  auto headers = raw(
      port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(headers.status, 431);
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_P(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpConnection c(port());
  for (int i = 0; i < 3; ++i) {
    c.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << i;
    EXPECT_EQ(r->status, 200);
  }
}

TEST_P(ServerTest, UnitAdministratorsActOnlyInTheirCommune) {
  HttpClient admin = logged_in("admin");
  // Xã Tân Phú, formed on 1 July 2025 from four communes; the former district's administrator
  // administers it (the reform moved them with their subtree-wide role).
  int64_t tan_phu = unit_id("000.00.56.H47");
  auto admins = admin.get(fmt::format("/api/v1/officials?role=unit_admin&unit_id={}", tan_phu));
  ASSERT_EQ(admins.status, 200);
  auto items = admins.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  std::string username(items[0].at("username").as_string());
  HttpClient commune = logged_in(username);

  std::string code = fmt::format("000.{}.56.H47", 90 + (getpid() % 9));
  boost::json::object unit{{"parent_id", tan_phu},
                           {"code", code},
                           {"name", "Phòng Văn hóa và Thông tin"},
                           {"level", "district"},
                           {"kind", "division"}};
  // The district level ended on 30 June 2025: no new unit at it (its history stays).
  auto ended = commune.post_json("/api/v1/units", unit);
  EXPECT_EQ(ended.status, 422) << ended.body;
  EXPECT_EQ(ended.error_code(), "unit.level_ended");
  EXPECT_NE(ended.body.find("01/07/2025"), std::string::npos) << ended.body;
  unit["level"] = "commune";
  auto own = commune.post_json("/api/v1/units", unit);
  EXPECT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own.json().at("level_label").as_string(), "Cấp xã");
  EXPECT_EQ(own.json().at("kind_label").as_string(), "Phòng, ban chuyên môn");
  auto other = commune.post_json("/api/v1/units",
                                 boost::json::object{{"parent_id", unit_id("000.00.57.H47")},
                                                     {"code", "000.90.57.H47"},
                                                     {"name", "Phòng khác"},
                                                     {"level", "commune"},
                                                     {"kind", "division"}});
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.error_code(), "forbidden");

  // Their official list covers Tân Phú and its divisions and centre only.
  auto listed = commune.get("/api/v1/officials?limit=200");
  ASSERT_EQ(listed.status, 200);
  auto officials = listed.json().at("items").as_array();
  EXPECT_GT(officials.size(), 10u);
  for (const auto& o : officials) {
    int64_t unit = o.at("unit_id").as_int64();
    auto u = admin.get(fmt::format("/api/v1/units/{}", unit)).json();
    std::string c(u.at("code").as_string());
    EXPECT_TRUE(c.ends_with(".56.H47")) << c;
  }
  // Pagination: pages of 5 chain through next_cursor without repeats.
  std::set<int64_t> seen;
  std::string cursor;
  for (int page = 0; page < 3; ++page) {
    auto p = commune.get("/api/v1/officials?limit=5" + (cursor.empty() ? "" : "&cursor=" + cursor))
                 .json();
    for (const auto& o : p.at("items").as_array())
      EXPECT_TRUE(seen.insert(o.at("id").as_int64()).second);
    ASSERT_TRUE(p.at("next_cursor").is_string());
    cursor = std::string(p.at("next_cursor").as_string());
  }
  EXPECT_EQ(seen.size(), 15u);
  EXPECT_EQ(commune.get("/api/v1/officials?cursor=garbage!").status, 400);
}

TEST_P(ServerTest, SpecialistsCannotManageOfficials) {
  HttpClient c = logged_in("chuyenvien.stp");
  auto r =
      c.post_json("/api/v1/officials", boost::json::object{{"unit_id", unit_id("000.00.03.H47")},
                                                           {"username", "nguoi.moi"},
                                                           {"full_name", "Người Mới"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(c.get("/api/v1/audit").status, 403);
}

TEST_P(ServerTest, OfficialsAreCreatedWithTemporaryPasswordsAndRoles) {
  HttpClient admin = logged_in("lanhdao.stp");  // leader: may not manage officials
  EXPECT_EQ(
      admin
          .post_json("/api/v1/officials", boost::json::object{{"unit_id", unit_id("000.00.03.H47")},
                                                              {"username", "x.y"},
                                                              {"full_name", "X Y"}})
          .status,
      403);
  HttpClient sys = logged_in("admin");
  std::string username = fmt::format("hoa.{}", getpid());
  auto made =
      sys.post_json("/api/v1/officials", boost::json::object{{"unit_id", unit_id("000.02.03.H47")},
                                                             {"username", username},
                                                             {"full_name", "Đinh Thị Hoa"},
                                                             {"position", "Chuyên viên"}});
  ASSERT_EQ(made.status, 201) << made.body;
  std::string temporary(made.json().at("temporary_password").as_string());
  EXPECT_TRUE(made.json().at("must_change_password").as_bool());
  int64_t id = made.json().at("id").as_int64();
  auto grant = sys.post_json(
      fmt::format("/api/v1/officials/{}/grants", id),
      boost::json::object{{"role", "specialist"}, {"unit_id", unit_id("000.02.03.H47")}});
  EXPECT_EQ(grant.status, 201) << grant.body;
  HttpClient newcomer = client();
  auto login = newcomer.login(username, temporary);
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.json().at("principal").at("must_change_password").as_bool());
  EXPECT_EQ(login.json().at("principal").at("grants").as_array().size(), 1u);
  auto dup =
      sys.post_json("/api/v1/officials", boost::json::object{{"unit_id", unit_id("000.02.03.H47")},
                                                             {"username", username},
                                                             {"full_name", "Trùng"}});
  EXPECT_EQ(dup.status, 409);
}

TEST_P(ServerTest, CalendarApis) {
  auto holidays = client().get("/api/v1/calendar/holidays?year=2026");
  ASSERT_EQ(holidays.status, 200);
  EXPECT_TRUE(holidays.json().at("official").as_bool());
  bool tet = false;
  auto days_off = holidays.json().at("days_off").as_array();
  for (const auto& d : days_off) tet |= d.at("date").as_string() == "2026-02-17";
  EXPECT_TRUE(tet);
  auto lunar = client().get("/api/v1/calendar/lunar?date=2026-02-17");
  ASSERT_EQ(lunar.status, 200);
  EXPECT_EQ(lunar.json().at("text").as_string(), "Ngày 1 tháng 1 năm Bính Ngọ");
  auto reverse = client().get("/api/v1/calendar/lunar?lunar_day=10&lunar_month=3&lunar_year=2026");
  EXPECT_EQ(reverse.json().at("solar").as_string(), "2026-04-26");
  auto due = client().get("/api/v1/calendar/due?from=" + url_encode("2026-02-13T16:00:00+07:00") +
                          "&working_days=3");
  ASSERT_EQ(due.status, 200);
  EXPECT_EQ(due.json().at("due").as_string(), "2026-02-25T16:00:00+07:00");
  EXPECT_EQ(due.json().at("due_text").as_string(), "16 giờ 00 phút, ngày 25 tháng 02 năm 2026");
  EXPECT_EQ(client().get("/api/v1/calendar/due?from=hom-nay&working_days=3").status, 400);
  EXPECT_EQ(client().get("/api/v1/calendar/lunar?date=2026-02-30").status, 400);
  EXPECT_EQ(client().get("/api/v1/calendar/holidays").status, 400);
}

TEST_P(ServerTest, AdministratorsRecordYearlyDecisions) {
  HttpClient admin = logged_in("admin");
  boost::json::object decision{
      {"source", "Thông báo thử nghiệm"},
      {"days_off",
       boost::json::array{boost::json::object{{"date", "2031-01-01"}, {"name", "Tết Dương lịch"}},
                          boost::json::object{{"date", "2031-01-02"}, {"name", "Nghỉ hoán đổi"}}}},
      {"work_days",
       boost::json::array{boost::json::object{{"date", "2031-01-11"}, {"name", "Làm bù"}}}}};
  EXPECT_EQ(
      logged_in("lanhdao.stp").send_json("PUT", "/api/v1/calendar/decisions/2031", decision).status,
      403);
  auto saved = admin.send_json("PUT", "/api/v1/calendar/decisions/2031", decision);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto due = client().get("/api/v1/calendar/due?from=" + url_encode("2031-01-01T09:00:00+07:00") +
                          "&working_days=1");
  EXPECT_EQ(due.json().at("due").as_string(), "2031-01-03T17:00:00+07:00") << "1 and 2 January off";
  auto bad = admin.send_json(
      "PUT", "/api/v1/calendar/decisions/2031",
      boost::json::object{{"source", "x"},
                          {"days_off", boost::json::array{boost::json::object{
                                           {"date", "2030-12-31"}, {"name", "y"}}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(admin.request("DELETE", "/api/v1/calendar/decisions/2031").status, 204);
  auto back = client().get("/api/v1/calendar/holidays?year=2031");
  EXPECT_FALSE(back.json().at("official").as_bool());
}

TEST_P(ServerTest, UnitImportExportAndAudit) {
  HttpClient admin = logged_in("admin");
  std::string code = fmt::format("000.{}.34.H47", 80 + getpid() % 9);
  std::string csv =
      "code,parent_code,name,short_name,level,kind\n" + code +
      ",000.00.34.H47,\"Phòng Nội vụ, huyện Đông Hòa\",Phòng Nội vụ,district,division\n";
  auto imported =
      admin.request("POST", "/api/v1/units/import", csv, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json().at("created").as_int64(), 1);
  auto again = admin.request("POST", "/api/v1/units/import", csv, {{"Content-Type", "text/csv"}});
  EXPECT_EQ(again.json().at("unchanged").as_int64(), 1);
  auto bad = admin.request("POST", "/api/v1/units/import", "code,name\nabc,x\n",
                           {{"Content-Type", "text/csv"}});
  EXPECT_EQ(bad.status, 400);
  auto exported = admin.get("/api/v1/units/export?format=csv");
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find("\"Phòng Nội vụ, huyện Đông Hòa\""), std::string::npos);
  EXPECT_NE(exported.header("content-disposition")->find("attachment"), std::string::npos);

  int64_t id = unit_id(code);
  auto patched = admin.send_json("PATCH", fmt::format("/api/v1/units/{}", id),
                                 boost::json::object{{"phone", "02353812345"}, {"version", 1}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto stale = admin.send_json("PATCH", fmt::format("/api/v1/units/{}", id),
                               boost::json::object{{"phone", "02353812346"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409) << "optimistic concurrency: version 1 is stale";

  auto trail = admin.get(fmt::format("/api/v1/audit?object_type=unit&object_id={}", id));
  ASSERT_EQ(trail.status, 200);
  auto entries = trail.json().at("items").as_array();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].at("action").as_string(), "unit.update");
  EXPECT_EQ(entries[0].at("actor").at("name").as_string(), "Võ Minh Khoa");
  EXPECT_EQ(entries[0].at("change").at("to").at("phone").as_string(), "02353812345");
  EXPECT_EQ(entries[1].at("action").as_string(), "unit.create");
  auto verify = admin.get("/api/v1/audit/verify");
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(verify.json().at("ok").as_bool()) << verify.body;
}

TEST_P(ServerTest, PublicOrganisationTree) {
  auto tree = client().get("/api/v1/units/tree");
  ASSERT_EQ(tree.status, 200);
  auto roots = tree.json().at("items").as_array();
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_EQ(roots[0].at("name").as_string(), "Ủy ban nhân dân tỉnh An Khang");
  EXPECT_GE(roots[0].at("children").as_array().size(), 38u);
  auto search = client().get("/api/v1/units?q=" + url_encode("tu phap"));
  bool found = false;
  auto units = search.json().at("items").as_array();
  for (const auto& u : units) found |= u.at("name").as_string() == "Sở Tư pháp";
  EXPECT_TRUE(found) << "accent-insensitive search";
}

// With less free space than database.min_free_disk_mb, /readyz says the storage is full (so a
// balancer stops sending writes here) while the process stays alive and reads still work.
TEST(Readiness, ReportsAFullDiskWhileReadsStillWork) {
  ServerOptions o;
  o.demo = false;
  o.settings = {"database.min_free_disk_mb=1000000000"};  // a petabyte: more than any disk here
  ServerProcess server(o);
  HttpClient c(server.port());
  auto ready = c.get("/readyz");
  ASSERT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(ready.json().at("storage").as_string(), "full");
  auto body = ready.json();
  EXPECT_GT(body.at("min_free_bytes").to_number<double>(),
            body.at("free_bytes").to_number<double>());
  EXPECT_EQ(c.get("/healthz").status, 200);
  EXPECT_EQ(c.get("/api/v1/sectors").status, 200);
}

// A PostgreSQL that stops answering (a hung host, a network partition: the connection stays
// open and nothing comes back) shows on /readyz within seconds, not after the statement
// timeout, so a balancer takes the node out; requests meanwhile end at their deadline with 503;
// it is ready again once the database answers.
TEST(Readiness, AHungDatabaseIsNotReadyWithinSeconds) {
  if (pg_admin_url().empty()) GTEST_SKIP() << "no PostgreSQL configured";
  PgScratchDatabase db;
  const std::string& url = db.url();
  auto colon = url.rfind(':'), slash = url.find('/', colon);
  TcpProxy proxy(std::stoi(url.substr(colon + 1, slash - colon - 1)));
  TempDir keys;
  ServerOptions o;
  o.database_url = url.substr(0, colon + 1) + std::to_string(proxy.port()) + url.substr(slash);
  o.keys_of = keys.path();
  o.settings = {"server.request_deadline_seconds=2"};
  ServerProcess server(o);
  HttpClient c(server.port());
  ASSERT_EQ(c.get("/readyz").status, 200);

  proxy.hang();
  // A request that needs the database waits its deadline, not the statement timeout (30 s),
  // and is told to come back later: its worker is free again.
  auto asked = std::chrono::steady_clock::now();
  auto stuck = c.get("/api/v1/procedures?q=" + url_encode("hộ tịch"));
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count();
  EXPECT_EQ(stuck.status, 503) << stuck.body;
  EXPECT_EQ(stuck.error_code(), "unavailable");
  EXPECT_LT(waited, 6.0) << "the request deadline is 2 s";

  auto started = std::chrono::steady_clock::now();
  HttpResponse hung;
  // The answer of a probe is reused for a second, so the first call may still say ready.
  for (int i = 0; i < 20; ++i) {
    hung = c.get("/readyz");
    if (hung.status != 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(hung.status, 503) << hung.body;
  EXPECT_EQ(hung.json().at("database").as_string(), "unreachable");
  EXPECT_LT(seconds, 8.0) << "the statement timeout is 30 s; readiness must not wait for it";
  EXPECT_EQ(c.get("/healthz").status, 200);

  proxy.resume();
  EXPECT_TRUE(eventually([&] { return c.get("/readyz").status == 200; }, 10));
}

}  // namespace
}  // namespace tinhso::testing
