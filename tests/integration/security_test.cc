// Attacks on a running server (issue 14), on both engines: each case is what an attacker did
// to a copy of the demo, and fails on the code before its fix.
#include <fmt/format.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "core/base/file_io.h"
#include "integration/server_fixture.h"
#include "support/sample_files.h"
#include "support/stub_http_server.h"

namespace tinhso::testing {
namespace {

using boost::json::object;

// A 200 for `path` on a fresh connection; false while the server still turns connections away
// (it closes them unanswered).
bool serves(int port, const std::string& path) {
  try {
    return HttpClient(port).get(path).status == 200;
  } catch (const std::exception&) {
    return false;
  }
}

class SecurityTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
  }
  ServerOptions options(std::vector<std::string> settings = {}) const {
    ServerOptions o;
    o.engine = GetParam();
    o.demo_dossiers = 0;
    o.settings = std::move(settings);
    return o;
  }
};

// A 2.5 KB PDF whose text takes minutes of CPU to read: the upload answers at once, the file
// is kept, and the text reader gives up within its budget; the server stays responsive.
TEST_P(SecurityTest, APdfBombCostsTheUploaderNothingAndTheServerOneBudget) {
  // The CPU budget stops the bomb (which needs minutes) yet leaves room for the text PDF: under
  // ASan the sandboxed child alone costs 0.8 s of CPU to start on an idle machine, and CI, busy,
  // once saw a 1 s budget stop the text PDF too. The wall budget is wide, as there the text PDF
  // may wait seconds for a core.
  ServerProcess server(options({"files.text_cpu_seconds=4", "files.text_wall_seconds=30"}));
  HttpClient citizen(server.port());
  ASSERT_EQ(citizen.login("0912345678", kDemoPassword, "applicant").status, 200);
  std::string bomb = pdf_bomb();
  auto start = std::chrono::steady_clock::now();
  auto up = citizen.request("POST", "/api/v1/files?name=to-khai.pdf", bomb,
                            {{"Content-Type", "application/pdf"}});
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_LT(took, std::chrono::seconds(2));
  int64_t id = up.json().at("id").as_int64();
  // A text PDF uploaded after it still gets its text.
  auto text = citizen.request("POST", "/api/v1/files?name=ban-sao.pdf", kTextPdf,
                              {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(text.status, 201) << text.body;
  std::string bomb_status, text_status;
  for (int i = 0; i < 600 && (bomb_status != "not_extracted" || text_status != "extracted"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(HttpClient(server.port()).get("/healthz").status, 200);
    bomb_status =
        citizen.get(fmt::format("/api/v1/files/{}", id)).json().at("text_status").as_string();
    text_status = citizen.get(fmt::format("/api/v1/files/{}", text.json().at("id").as_int64()))
                      .json()
                      .at("text_status")
                      .as_string();
  }
  // On failure, the server's own reasons (each stopped extraction is logged with its file id).
  std::string reasons;
  std::istringstream log(server.log());
  for (std::string line; std::getline(log, line);)
    if (line.find("text extraction") != std::string::npos) reasons += line + "\n";
  EXPECT_EQ(bomb_status, "not_extracted") << reasons;
  EXPECT_EQ(text_status, "extracted") << reasons;
  EXPECT_NE(reasons.find("CPU-time budget exceeded"), std::string::npos) << reasons;
}

// A file id guessed or enumerated says nothing about someone else's file.
TEST_P(SecurityTest, OthersFilesAreNeitherNamedNorShown) {
  ServerProcess server(options());
  HttpClient owner(server.port()), other(server.port());
  ASSERT_EQ(owner.login("chuyenvien.stp", kDemoPassword).status, 200);
  ASSERT_EQ(other.login("0912345678", kDemoPassword, "applicant").status, 200);
  auto up = owner.request("POST", "/api/v1/files?name=bi-mat-ho-so-can-bo.pdf", kSamplePdf,
                          {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(up.status, 201);
  int64_t id = up.json().at("id").as_int64();
  EXPECT_EQ(other.get(fmt::format("/api/v1/files/{}", id)).status, 404);
  EXPECT_EQ(owner.get(fmt::format("/api/v1/files/{}", id)).status, 200);
  auto misuse = other.post_json("/api/v1/my/dossiers",
                                object{{"procedure_code", "1.001612"},
                                       {"papers", boost::json::array{object{{"file_id", id}}}}});
  EXPECT_EQ(misuse.body.find("bi-mat"), std::string::npos) << misuse.body;
}

// Administrators act on an account only if every role it holds lies within their own scope
// (strictly, for another administrator); nobody but a system administrator touches one. The
// whole matrix of actor × target × action, with the expected answer from that rule.
TEST_P(SecurityTest, AdministratorsActOnlyOnAccountsWithinTheirScope) {
  ServerProcess server(options());
  HttpClient admin(server.port());
  ASSERT_EQ(admin.login("admin", kDemoPassword).status, 200);
  auto unit = [&](const std::string& code) { return unit_id_by_code(admin, code); };
  auto me = [&](HttpClient& c) {
    return c.get("/api/v1/auth/me").json().at("principal").at("id").as_int64();
  };
  const std::string password = "Quan-tri-2026!";
  // New officials made by the system administrator: <username> at <unit>, with <grants>.
  auto create = [&](const std::string& username, const std::string& home,
                    const std::vector<std::tuple<std::string, std::string, bool>>& grants) {
    auto r = admin.post_json("/api/v1/officials", object{{"unit_id", unit(home)},
                                                         {"username", username},
                                                         {"full_name", "Cán bộ " + username},
                                                         {"password", password}});
    EXPECT_EQ(r.status, 201) << r.body;
    int64_t id = r.json().at("id").as_int64();
    for (const auto& [role, at, sub] : grants) {
      auto g =
          admin.post_json(fmt::format("/api/v1/officials/{}/grants", id),
                          object{{"role", role}, {"unit_id", unit(at)}, {"include_subunits", sub}});
      EXPECT_EQ(g.status, 201) << g.body;
    }
    return id;
  };
  // Unit administrators: of the Department of Science and Technology (the system
  // administrator's home unit since the mergers of 1 March 2025), of the Justice department
  // with its divisions, and of one division only.
  int64_t ua_ict = create("qt.stttt", "000.00.14.H47", {{"unit_admin", "000.00.14.H47", true}});
  int64_t ua_div =
      create("qt.phonghctp", "000.02.03.H47", {{"unit_admin", "000.02.03.H47", false}});
  create("qt2.phonghctp", "000.02.03.H47", {{"unit_admin", "000.02.03.H47", false}});
  int64_t two_depts =
      create("cv.haiso", "000.00.03.H47",
             {{"specialist", "000.00.03.H47", false}, {"specialist", "000.00.02.H47", false}});
  HttpClient ua_dept(server.port());
  ASSERT_EQ(ua_dept.login("maivb.stp", kDemoPassword).status, 200);
  HttpClient lead(server.port()), specialist(server.port());
  ASSERT_EQ(lead.login("lanhdao.stp", kDemoPassword).status, 200);
  ASSERT_EQ(specialist.login("chuyenvien.stp", kDemoPassword).status, 200);
  std::map<std::string, int64_t> targets = {{"admin", me(admin)},    {"ua_dept", me(ua_dept)},
                                            {"ua_div", ua_div},      {"ua_ict", ua_ict},
                                            {"leader", me(lead)},    {"specialist", me(specialist)},
                                            {"two_depts", two_depts}};
  // Which targets each actor may act on, by the rule.
  std::map<std::string, std::set<std::string>> allowed = {
      {"ua_div", {"specialist"}},
      {"ua_ict", {}},
      {"ua_dept", {"ua_div", "leader", "specialist"}},
      {"admin", {"ua_dept", "ua_div", "ua_ict", "leader", "specialist", "two_depts", "admin"}}};
  // Actors in an order where nobody's account is changed before they have acted.
  std::vector<std::pair<std::string, std::string>> actors = {{"ua_div", "qt.phonghctp"},
                                                             {"ua_ict", "qt.stttt"},
                                                             {"ua_dept", "maivb.stp"},
                                                             {"admin", "admin"}};
  int cases = 0;
  for (const auto& [actor, login] : actors) {
    HttpClient c(server.port());
    ASSERT_EQ(
        c.login(login, login == "qt.phonghctp" || login == "qt.stttt" ? password : kDemoPassword)
            .status,
        200)
        << login;
    for (const auto& [target, id] : targets) {
      bool may = allowed[actor].count(target) > 0;
      auto official = admin.get(fmt::format("/api/v1/officials/{}", id)).json();
      int64_t home = official.at("unit_id").as_int64();
      struct Attempt {
        std::string name;
        HttpResponse r;
      };
      std::vector<Attempt> attempts;
      attempts.push_back({"edit", c.send_json("PATCH", fmt::format("/api/v1/officials/{}", id),
                                              object{{"position", "Chuyên viên chính"}})});
      attempts.push_back({"grant", c.post_json(fmt::format("/api/v1/officials/{}/grants", id),
                                               object{{"role", "clerk"}, {"unit_id", home}})});
      if (!(actor == "admin" && target == "admin")) {
        attempts.push_back(
            {"deactivate", c.send_json("PATCH", fmt::format("/api/v1/officials/{}", id),
                                       object{{"active", false}})});
        if (attempts.back().r.status == 200) {
          EXPECT_EQ(admin
                        .send_json("PATCH", fmt::format("/api/v1/officials/{}", id),
                                   object{{"active", true}})
                        .status,
                    200);
        }
      }
      auto grants =
          admin.get(fmt::format("/api/v1/officials/{}", id)).json().at("grants").as_array();
      if (target != "admin" || actor != "admin")
        attempts.push_back(
            {"revoke", c.request("DELETE", fmt::format("/api/v1/officials/{}/grants/{}", id,
                                                       grants.back().at("id").as_int64()))});
      if (target != "admin")  // the system administrator's own password stays for the test
        attempts.push_back(
            {"password-reset",
             c.post_json(fmt::format("/api/v1/officials/{}/password-reset", id), object{})});
      for (const auto& a : attempts) {
        ++cases;
        if (may)
          EXPECT_LT(a.r.status, 300)
              << actor << " → " << target << " " << a.name << ": " << a.r.body;
        else
          EXPECT_EQ(a.r.status, 403)
              << actor << " → " << target << " " << a.name << ": " << a.r.body;
      }
    }
  }
  EXPECT_GE(cases, 100);
  // No unit administrator can hand out more than they hold: a division's administrator
  // cannot grant a role that covers sub-units, nor make anyone a system administrator.
  HttpClient div(server.port());
  ASSERT_EQ(div.login("qt2.phonghctp", password).status, 200);
  int64_t cv = targets["specialist"];
  EXPECT_EQ(div.post_json(fmt::format("/api/v1/officials/{}/grants", cv),
                          object{{"role", "leader"},
                                 {"unit_id", unit("000.02.03.H47")},
                                 {"include_subunits", true}})
                .status,
            403);
  EXPECT_EQ(div.post_json(fmt::format("/api/v1/officials/{}/grants", cv),
                          object{{"role", "system_admin"}, {"unit_id", unit("000.02.03.H47")}})
                .status,
            403);
}

// `tinhso audit verify` on a server under load says intact every time (it read the heads and
// the entries in separate transactions and reported "newest entries removed"); the server
// writes signed checkpoints outside the database, and a forged checkpoint file is refused.
TEST_P(SecurityTest, AuditVerifyIsRightOnABusyServerAndChecksTheCheckpoints) {
  ServerProcess server(options({"audit.checkpoint_minutes=1", "audit.checkpoint_syslog=false"}));
  std::atomic<bool> stop{false};
  std::vector<std::thread> load;
  load.reserve(3);
  for (int t = 0; t < 3; ++t)
    load.emplace_back([&] {
      while (!stop) {
        HttpClient c(server.port());
        c.login("chuyenvien.stp", kDemoPassword);  // each login is an audited change
        c.post_json("/api/v1/auth/logout", object{});
      }
    });
  std::string out;
  for (int run = 0; run < 4; ++run) {
    EXPECT_EQ(server.run_cli({"audit", "verify"}, &out), 0) << out;
    EXPECT_NE(out.find("intact"), std::string::npos) << out;
  }
  stop = true;
  for (auto& t : load) t.join();
  std::string file = server.data_dir() + "/audit-checkpoints.jsonl";
  auto lines = read_file(file);
  ASSERT_TRUE(lines.ok()) << "no checkpoint file";
  EXPECT_NE(lines->find("\"signature\""), std::string::npos);
  EXPECT_EQ(server.run_cli({"audit", "verify", "--checkpoints", file}, &out), 0) << out;
  EXPECT_NE(out.find("signed checkpoints match"), std::string::npos) << out;
  std::string forged = *lines;
  auto at = forged.find("\"at_ms\":") + 8;
  forged[at] = forged[at] == '1' ? '2' : '1';
  ASSERT_TRUE(write_file(server.data_dir() + "/forged.jsonl", forged).ok());
  EXPECT_EQ(server.run_cli(
                {"audit", "verify", "--checkpoints", server.data_dir() + "/forged.jsonl"}, &out),
            3)
      << out;
  // The administrator's screen says the same.
  HttpClient admin(server.port());
  ASSERT_EQ(admin.login("admin", kDemoPassword).status, 200);
  auto api = admin.get("/api/v1/audit/verify");
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_TRUE(api.json().at("ok").as_bool()) << api.body;
  EXPECT_GE(api.json().at("checkpoints_checked").as_int64(), 1);
}

// Over server.max_connections the reserve still answers health checks; other requests are told
// 503 server_busy; beyond the reserve connections are closed at once.
TEST_P(SecurityTest, ConnectionsBeyondTheLimitGetHealthChecksOnly) {
  if (GetParam() == "postgres") GTEST_SKIP() << "the HTTP layer is the same on both engines";
  ServerProcess server(options({"server.max_connections=8"}));
  std::vector<std::unique_ptr<HttpConnection>> held;
  for (int i = 0; i < 8; ++i) {
    held.push_back(std::make_unique<HttpConnection>(server.port()));
    held.back()->send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(held.back()->read_response().has_value());  // served, and kept open
  }
  auto health = HttpClient(server.port()).get("/healthz");
  EXPECT_EQ(health.status, 200);
  auto busy = HttpClient(server.port()).get("/api/v1/procedures");
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(busy.error_code(), "server_busy");
  EXPECT_TRUE(busy.header("retry-after").has_value());
  // The two requests above closed their connections; give the server a moment to count them
  // out, or the reserve below would be short by two and `beyond` would fit in it.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::vector<std::unique_ptr<HttpConnection>> reserve;
  reserve.reserve(16);
  for (int i = 0; i < 16; ++i) reserve.push_back(std::make_unique<HttpConnection>(server.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  HttpConnection beyond(server.port());
  EXPECT_TRUE(beyond.closed_by_server(2000));
  held.clear();
  reserve.clear();
  EXPECT_TRUE(eventually([&] { return serves(server.port(), "/api/v1/procedures"); }, 5));
  auto metrics = HttpClient(server.port()).get("/metrics").body;
  EXPECT_NE(metrics.find("tinhso_http_connections_refused_total"), std::string::npos);
}

// Out of file descriptors, the accept loop backs off and logs once in a while (it logged
// 3.9 million lines in 10 s), waiting clients are closed rather than left hanging, and the
// server recovers when descriptors are free again.
TEST_P(SecurityTest, OutOfDescriptorsTheServerBacksOffAndRecovers) {
  if (GetParam() == "postgres") GTEST_SKIP() << "the HTTP layer is the same on both engines";
#if defined(__SANITIZE_ADDRESS__)
  // The undefined-behaviour sanitizer probes memory through a pipe before each vptr check; with
  // no descriptor left the probe fails and it reports every virtual call as invalid.
  GTEST_SKIP() << "sanitizer runtimes need descriptors of their own";
#endif
  ServerProcess server(options());
  ASSERT_EQ(HttpClient(server.port()).get("/healthz").status, 200);
  int open_fds = 0;
  for ([[maybe_unused]] const auto& e :
       std::filesystem::directory_iterator(fmt::format("/proc/{}/fd", server.pid())))
    ++open_fds;
  rlimit old{};
  ASSERT_EQ(::prlimit(server.pid(), RLIMIT_NOFILE, nullptr, &old), 0);
  rlimit tight{static_cast<rlim_t>(open_fds + 6), old.rlim_max};
  ASSERT_EQ(::prlimit(server.pid(), RLIMIT_NOFILE, &tight, nullptr), 0);
  std::size_t log_before = server.log().size();
  std::vector<std::unique_ptr<HttpConnection>> flood;
  flood.reserve(40);
  for (int i = 0; i < 40; ++i) flood.push_back(std::make_unique<HttpConnection>(server.port()));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  std::string log = server.log().substr(log_before);
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = log.find("accept failed", at)) != std::string::npos; ++at) ++lines;
  EXPECT_GE(lines, 1u);
  EXPECT_LE(lines, 2u) << log.substr(0, 2000);
  // A connection the server could not take is closed, not left waiting.
  int closed = 0;
  for (auto& c : flood) closed += c->closed_by_server(50) ? 1 : 0;
  EXPECT_GT(closed, 0);
  flood.clear();
  ASSERT_EQ(::prlimit(server.pid(), RLIMIT_NOFILE, &old, nullptr), 0);
  EXPECT_TRUE(eventually([&] { return serves(server.port(), "/healthz"); }, 5));
  EXPECT_EQ(HttpClient(server.port()).get("/api/v1/procedures").status, 200);
}

// Five wrong passwords from rotating addresses locked any account (the administrator's too)
// for 15 minutes. Now failures earn waits: the guessing client waits, the account waits a
// little after many failures from everywhere, and only a clearly abusive run locks it — with
// an alert, and an administrator can lift it.
TEST_P(SecurityTest, WrongPasswordsSlowGuessersDownButDoNotLockTheOwnerOut) {
  ServerProcess server(
      options({"server.trusted_proxies=127.0.0.1", "testing.clock_control=true",
               "security.login_attempts_per_minute=100000", "security.login_client_delay_after=3",
               "security.login_account_delay_after=5", "security.login_max_failures=12"}));
  HttpClient admin(server.port());
  ASSERT_EQ(admin.login("admin", kDemoPassword).status, 200);
  const std::string password = "Nan-nhan@2026";
  auto made = admin.post_json("/api/v1/officials",
                              object{{"unit_id", unit_id_by_code(admin, "000.00.14.H47")},
                                     {"username", "nan.nhan"},
                                     {"full_name", "Phạm Thị Nạn Nhân"},
                                     {"password", password}});
  ASSERT_EQ(made.status, 201) << made.body;
  int64_t id = made.json().at("id").as_int64();
  int64_t offset = 0;
  auto advance = [&](int seconds) {
    offset += seconds;
    ASSERT_EQ(HttpClient(server.port())
                  .post_json("/api/v1/testing/clock", object{{"offset_seconds", offset}})
                  .status,
              200);
  };
  auto login_from = [&](const std::string& ip, const std::string& user, const std::string& pw) {
    HttpClient c(server.port());
    return c.request(
        "POST", "/api/v1/auth/login",
        boost::json::serialize(object{{"username", user}, {"password", pw}, {"type", "official"}}),
        {{"Content-Type", "application/json"}, {"X-Forwarded-For", ip}});
  };
  // 1. Five wrong passwords from five addresses (the old lock): the owner at most waits a
  //    moment, and is never locked out.
  for (int i = 1; i <= 5; ++i)
    EXPECT_EQ(login_from(fmt::format("10.0.0.{}", i), "nan.nhan", "doan-bua").status, 401);
  auto owner = login_from("10.9.9.9", "nan.nhan", password);
  if (owner.status == 429) {
    EXPECT_EQ(owner.error_code(), "login_throttled");
    advance(std::stoi(owner.header("retry-after").value_or("1")) + 1);
    owner = login_from("10.9.9.9", "nan.nhan", password);
  }
  EXPECT_EQ(owner.status, 200) << owner.body;
  // 2. One client guessing: after three failures it waits, even with the right password;
  //    the owner elsewhere does not.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(login_from("10.0.0.7", "nan.nhan", "doan-bua").status, 401);
  auto waits = login_from("10.0.0.7", "nan.nhan", password);
  EXPECT_EQ(waits.status, 429) << waits.body;
  EXPECT_EQ(waits.error_code(), "login_throttled");
  EXPECT_TRUE(waits.header("retry-after").has_value());
  EXPECT_EQ(login_from("10.9.9.9", "nan.nhan", password).status, 200);
  // An account that does not exist earns the same waits: they tell nothing.
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(login_from("10.0.0.8", "khong.ton.tai", "doan-bua").status, 401);
  EXPECT_EQ(login_from("10.0.0.8", "khong.ton.tai", "doan-bua").status, 429);
  // 3. A clearly abusive run (twelve in a row from everywhere, waiting out every wait) locks
  //    the account, raises an alert, and only the owner learns why.
  for (int i = 0; i < 12; ++i) {
    auto r = login_from(fmt::format("10.1.{}.1", i), "nan.nhan", "doan-bua");
    if (r.status == 429) {
      advance(std::stoi(r.header("retry-after").value_or("1")) + 1);
      r = login_from(fmt::format("10.1.{}.2", i), "nan.nhan", "doan-bua");
    }
    EXPECT_EQ(r.status, 401) << i << ": " << r.body;
  }
  auto locked = login_from("10.9.9.9", "nan.nhan", password);
  EXPECT_EQ(locked.status, 403) << locked.body;
  EXPECT_EQ(locked.error_code(), "account_locked");
  EXPECT_EQ(login_from("10.9.9.10", "nan.nhan", "doan-bua").status, 401);
  EXPECT_NE(server.log().find("security alert"), std::string::npos);
  auto audit = admin.get(fmt::format("/api/v1/audit?action=auth.account_locked&object_id={}", id));
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.json().at("items").as_array().size(), 1u);
  // 4. The administrator lifts it.
  EXPECT_EQ(admin.post_json(fmt::format("/api/v1/officials/{}/unlock", id), object{}).status, 200);
  EXPECT_EQ(login_from("10.9.9.9", "nan.nhan", password).status, 200);
  advance(-offset);
}

// Text that breaks what is made from it is refused (NUL and control characters break XML 1.0,
// PDFs and spreadsheets); file names lose bidi overrides (U+202E makes "gpj.exe" display as
// "exe.jpg"); a download is named after what it really is; nosniff is sent once.
TEST_P(SecurityTest, ControlCharactersAndMisleadingFileNamesDoNotGetThrough) {
  ServerProcess server(options());
  HttpClient clerk(server.port());
  ASSERT_EQ(clerk.login("vanthu.ubndtinh", kDemoPassword).status, 200);
  int64_t office = unit_id_by_code(clerk, "000.00.01.H47");
  auto document = [&](const std::string& subject, boost::json::array files) {
    return clerk.post_json("/api/v1/documents/incoming", object{{"unit_id", office},
                                                                {"channel", "paper"},
                                                                {"issuer_name", "Bộ Nội vụ"},
                                                                {"notation", "12/BNV-VP"},
                                                                {"issued_on", "2026-11-20"},
                                                                {"doc_type", "cong_van"},
                                                                {"subject", subject},
                                                                {"urgency", "thuong"},
                                                                {"file_ids", std::move(files)}});
  };
  for (const std::string& bad :
       {std::string("Về việc\0 kiểm tra", 19), std::string("Về việc \x07 chuông"),
        std::string("Về việc \xE2\x80\xAE gpj.exe")}) {
    auto r = document(bad, {});
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("ký tự điều khiển"), std::string::npos) << r.body;
  }
  auto up = [&](const std::string& name) {
    auto r = clerk.request("POST", "/api/v1/files?name=" + url_encode(name), kSamplePdf,
                           {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  };
  int64_t reversed = up("h\xE2\x80\xAEgpj.exe");
  int64_t html = up("to-trinh.html");
  auto made = document("Về việc tệp tên lạ", boost::json::array{reversed, html});
  ASSERT_EQ(made.status, 201) << made.body;
  int64_t id = made.json().at("id").as_int64();
  auto a = clerk.get(fmt::format("/api/v1/documents/incoming/{}/files/{}", id, reversed));
  ASSERT_EQ(a.status, 200);
  std::string disposition = a.header("content-disposition").value_or("");
  EXPECT_EQ(disposition.find("%E2%80%AE"), std::string::npos) << disposition;
  EXPECT_NE(disposition.find("hgpj.exe.pdf"), std::string::npos) << disposition;
  auto b = clerk.get(fmt::format("/api/v1/documents/incoming/{}/files/{}", id, html));
  EXPECT_NE(b.header("content-disposition").value_or("").find("to-trinh.html.pdf"),
            std::string::npos);
  int nosniff = 0;
  for (const auto& [k, v] : b.headers) nosniff += k == "x-content-type-options" ? 1 : 0;
  EXPECT_EQ(nosniff, 1);
}

// Access withdrawn is withdrawn everywhere at once: a token stopped working only when its
// node's cache expired (~19 s) after its owner was deactivated, and survived password
// changes. On PostgreSQL a second node is told when the change commits (change feed; the
// cluster test checks "at once"); this test allows eight seconds, the periodic recheck's
// bound with room for a slow machine, well below the cache's lifetime.
TEST_P(SecurityTest, WithdrawnAccessEndsTokensAndSessionsOnEveryNode) {
  ServerProcess a(options());
  std::unique_ptr<ServerProcess> b;
  if (GetParam() == "postgres") {
    ServerOptions ob = options();
    ob.database_url = a.database_url();
    ob.keys_of = a.data_dir();
    b = std::make_unique<ServerProcess>(ob);
  }
  HttpClient admin(a.port());
  ASSERT_EQ(admin.login("admin", kDemoPassword).status, 200);
  const std::string password = "Dong-bo-2026!";
  int64_t id = create_official(admin, "may.khach", "Máy khách kết nối", password, "specialist",
                               "000.00.14.H47");
  ASSERT_NE(id, 0);
  auto token_for = [&]() {
    HttpClient c(a.port());
    EXPECT_EQ(c.login("may.khach", password).status, 200);
    auto t = c.post_json("/api/v1/auth/tokens", object{{"name", "kết nối"}});
    EXPECT_EQ(t.status, 201) << t.body;
    return std::string(t.json().at("token").as_string());
  };
  auto works = [&](int port, const std::string& token) {
    HttpClient c(port);
    c.set_bearer(token);
    return c.get("/api/v1/auth/me").status == 200;
  };
  int other = b ? b->port() : a.port();
  // 1. Changing one's password ends one's tokens.
  std::string t1 = token_for();
  ASSERT_TRUE(works(a.port(), t1));
  ASSERT_TRUE(works(other, t1));  // cached on the other node too
  {
    HttpClient c(a.port());
    ASSERT_EQ(c.login("may.khach", password).status, 200);
    ASSERT_EQ(c.post_json("/api/v1/auth/password",
                          object{{"current_password", password}, {"new_password", "Doi-moi-2026!"}})
                  .status,
              204);
  }
  EXPECT_FALSE(works(a.port(), t1));
  EXPECT_TRUE(eventually([&] { return !works(other, t1); }, 8));
  // 2. Deactivation ends the rest, on every node.
  ASSERT_EQ(
      admin.post_json(fmt::format("/api/v1/officials/{}/password-reset", id), object{}).status,
      200);
  auto reset = admin.post_json(fmt::format("/api/v1/officials/{}/password-reset", id), object{});
  std::string temporary(reset.json().at("temporary_password").as_string());
  // A temporary password opens nothing but the password change.
  HttpClient temp(a.port());
  ASSERT_EQ(temp.login("may.khach", temporary).status, 200);
  auto blocked = temp.get("/api/v1/auth/tokens");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.error_code(), "password_change_required");
  EXPECT_EQ(temp.get("/api/v1/auth/me").status, 200);
  ASSERT_EQ(temp.post_json("/api/v1/auth/password", object{{"current_password", temporary},
                                                           {"new_password", "Lan-ba-2026!"}})
                .status,
            204);
  EXPECT_EQ(temp.get("/api/v1/auth/tokens").status, 200);
  HttpClient session_elsewhere(other);
  ASSERT_EQ(session_elsewhere.login("may.khach", "Lan-ba-2026!").status, 200);
  ASSERT_EQ(session_elsewhere.get("/api/v1/auth/me").status, 200);
  {
    HttpClient c(a.port());
    ASSERT_EQ(c.login("may.khach", "Lan-ba-2026!").status, 200);
    auto t = c.post_json("/api/v1/auth/tokens", object{{"name", "kết nối 2"}});
    ASSERT_EQ(t.status, 201);
    std::string t2(t.json().at("token").as_string());
    ASSERT_TRUE(works(other, t2));
    ASSERT_EQ(
        admin.send_json("PATCH", fmt::format("/api/v1/officials/{}", id), object{{"active", false}})
            .status,
        200);
    EXPECT_FALSE(works(a.port(), t2));
    EXPECT_TRUE(eventually([&] { return !works(other, t2); }, 8));
  }
  EXPECT_EQ(session_elsewhere.get("/api/v1/auth/me").status, 401);
}

// A self-registered account confirms the phone number it gave before it can do anything:
// the code goes through the outbox to the SMS gateway; a wrong code counts, the right one
// opens the account.
TEST_P(SecurityTest, RegistrationConfirmsThePhoneNumberWithACode) {
  StubHttpServer sms([](int, const StubRequest&) { return 200; });
  ServerProcess server(
      options({"notify.sms_webhook_url=" + sms.url("/sms"), "notify.retry_base_seconds=1"}));
  HttpClient c(server.port());
  auto reg = c.post_json("/api/v1/auth/register", object{{"kind", "citizen"},
                                                         {"full_name", "Đỗ Thị Xác Nhận"},
                                                         {"phone", "0987000111"},
                                                         {"password", "Xac-nhan-2026!"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_TRUE(reg.json().at("principal").at("contact_pending").as_bool());
  auto held = c.get("/api/v1/my/dossiers");
  EXPECT_EQ(held.status, 403);
  EXPECT_EQ(held.error_code(), "contact_unconfirmed");
  std::string code;
  for (int i = 0; i < 100 && code.empty(); ++i) {
    for (const auto& r : sms.requests()) {
      std::smatch m;
      std::string body = r.body;
      if (std::regex_search(body, m, std::regex("là (\\d{6})"))) code = m[1];
    }
    if (code.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(code.size(), 6u) << "no code reached the SMS gateway";
  EXPECT_NE(sms.requests().front().body.find("0987000111"), std::string::npos);
  std::string wrong = code == "000000" ? "111111" : "000000";
  auto no = c.post_json("/api/v1/auth/contact/confirm", object{{"code", wrong}});
  EXPECT_EQ(no.status, 422) << no.body;
  EXPECT_NE(no.body.find("còn 4 lần"), std::string::npos) << no.body;
  auto soon = c.post_json("/api/v1/auth/contact/resend", object{});
  EXPECT_EQ(soon.status, 429) << soon.body;
  EXPECT_EQ(c.post_json("/api/v1/auth/contact/confirm", object{{"code", code}}).status, 204);
  EXPECT_FALSE(c.get("/api/v1/auth/me").json().at("principal").at("contact_pending").as_bool());
  EXPECT_EQ(c.get("/api/v1/my/dossiers").status, 200);
  // A used code is gone.
  EXPECT_EQ(c.post_json("/api/v1/auth/contact/confirm", object{{"code", code}}).status, 409);
}

INSTANTIATE_TEST_SUITE_P(Engines, SecurityTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
