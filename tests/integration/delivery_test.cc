// Deliveries to other systems through the outbox, against a real SMTP server (aiosmtpd, a
// Maildir sink) and a stub of the national portal that is down at first: the dossier is never
// held up or lost, the portal receives every status change once it is back (with an
// idempotency key), and the applicant gets a Vietnamese e-mail.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/base/crypto.h"
#include "integration/server_fixture.h"
#include "support/stub_http_server.h"

extern char** environ;  // NOLINT: POSIX

namespace tinhso::testing {
namespace {

using boost::json::object;

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    ADD_FAILURE() << "no free port";
    return 0;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// aiosmtpd writing every message to a Maildir; stopped with the test.
class SmtpSink {
 public:
  SmtpSink()
      : port_(free_port()),
        dir_(std::filesystem::temp_directory_path() / fmt::format("tinhso-mail-{}", ::getpid())) {
    std::filesystem::remove_all(dir_);
    std::string listen = fmt::format("127.0.0.1:{}", port_);
    std::string maildir = dir_.string();
    std::vector<std::string> args = {
        "/usr/bin/python3",          "-m",   "aiosmtpd", "-n", "-l", listen, "-c",
        "aiosmtpd.handlers.Mailbox", maildir};
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = 0;
    // Wait until it accepts connections.
    for (int i = 0; i < 100; ++i) {
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(static_cast<uint16_t>(port_));
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
      ::close(fd);
      if (up) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    std::filesystem::remove_all(dir_);
  }
  int port() const { return port_; }
  // The raw messages received so far.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const char* sub : {"new", "cur"}) {
      auto d = dir_ / sub;
      if (!std::filesystem::exists(d)) continue;
      for (const auto& e : std::filesystem::directory_iterator(d)) {
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        out.push_back(ss.str());
      }
    }
    return out;
  }

 private:
  int port_;
  std::filesystem::path dir_;
  pid_t pid_ = 0;
};

class DeliveryTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DeliveryTest, OutboxSurvivesAPortalOutageAndMailsTheApplicant) {
  if (GetParam() == "postgres" && pg_admin_url().empty())
    GTEST_SKIP() << "no PostgreSQL configured";
  // The portal is down for the first three attempts.
  StubHttpServer portal([](int index, const StubRequest&) { return index < 3 ? 503 : 200; });
  SmtpSink smtp;
  ServerOptions o;
  o.engine = GetParam();
  o.demo_dossiers = 0;
  o.settings = {"national_portal.sync_url=" + portal.url("/api/dossiers/sync"),
                "national_portal.token=test-token",
                fmt::format("notify.smtp_url=smtp://127.0.0.1:{}", smtp.port()),
                "notify.smtp_from=motcua@ankhang.gov.vn", "notify.retry_base_seconds=1"};
  ServerProcess server(o);
  HttpClient citizen(server.port());
  ASSERT_EQ(citizen.login("0912345678", kDemoPassword, "applicant").status, 200);
  auto found =
      HttpClient(server.port()).get("/api/v1/procedures?q=" + url_encode("ly lich tu phap"));
  int64_t pid = found.json().at("items").at(0).at("id").as_int64();
  boost::json::array papers;
  for (int i = 0; i < 2; ++i) {
    auto f = citizen.request("POST", fmt::format("/api/v1/files?name=p{}.pdf", i),
                             "%PDF-1.4\n%%EOF\n", {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(f.status, 201) << f.body;
    papers.push_back(object{{"index", i}, {"file_ids", {f.json().at("id").as_int64()}}});
  }
  auto submitted = citizen.post_json(
      "/api/v1/my/dossiers",
      object{{"procedure_id", pid},
             {"applicant", object{{"phone", "0912345678"}, {"email", "nguyenvanan@example.vn"}}},
             {"papers", papers}});
  // The outage does not hold the submission up.
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  std::string code(submitted.json().at("code").as_string());
  HttpClient desk(server.port());
  ASSERT_EQ(desk.login("motcua.tinh", kDemoPassword).status, 200);
  auto view = desk.get(fmt::format("/api/v1/dossiers/{}", submitted.json().at("id").as_int64()))
                  .json()
                  .as_object();
  auto received =
      desk.post_json(fmt::format("/api/v1/dossiers/{}/actions", view.at("id").as_int64()),
                     object{{"action", "receive"}, {"expected_version", view.at("version")}});
  ASSERT_EQ(received.status, 200) << received.body;

  // Two status changes (submitted, received) reach the portal once it answers again.
  ASSERT_TRUE(eventually([&] {
    int ok = 0;
    auto reqs = portal.requests();
    for (std::size_t i = 3; i < reqs.size(); ++i) ++ok;
    return ok >= 2;
  })) << portal.requests().size()
      << " requests";
  auto reqs = portal.requests();
  std::set<std::string> keys, statuses;
  for (const auto& r : reqs) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/api/dossiers/sync");
    EXPECT_EQ(r.headers.at("authorization"), "Bearer test-token");
    ASSERT_TRUE(r.headers.contains("idempotency-key"));
    auto body = boost::json::parse(r.body).as_object();
    EXPECT_EQ(body.at("MaHoSo").as_string(), code);
    EXPECT_TRUE(body.contains("QuaTrinhXuLy"));
    keys.insert(r.headers.at("idempotency-key"));
    statuses.insert(boost::json::serialize(body.at("TrangThaiHoSo")));
  }
  // Retries repeat a key; each status change has its own.
  EXPECT_EQ(keys.size(), 2u);
  EXPECT_EQ(statuses.size(), 2u);

  // The e-mail of the reception, in Vietnamese, to the applicant.
  ASSERT_TRUE(eventually([&] { return !smtp.messages().empty(); }));
  bool found_mail = false;
  for (const auto& m : smtp.messages()) {
    // UTF-8 text travels base64-encoded; decode the body as a mail client would.
    auto blank = m.find("\n\n");
    std::string b64;
    for (char ch : m.substr(blank == std::string::npos ? m.size() : blank + 2)) {
      if (ch != '\n' && ch != '\r') b64.push_back(ch);
    }
    std::string body;
    if (!crypto::base64_decode(b64, body)) continue;
    if (m.find("To: nguyenvanan@example.vn") != std::string::npos &&
        body.find("Mã hồ sơ: " + code) != std::string::npos &&
        body.find("đã được Sở Tư pháp tiếp nhận") != std::string::npos) {
      found_mail = true;
    }
  }
  EXPECT_TRUE(found_mail) << smtp.messages().front();

  // Administrators see what was sent; nothing is dead.
  HttpClient admin(server.port());
  ASSERT_EQ(admin.login("admin", kDemoPassword).status, 200);
  ASSERT_TRUE(eventually([&] {
    auto sent = admin.get("/api/v1/outbox?status=sent");
    return sent.status == 200 && sent.json().at("items").as_array().size() >= 3;
  }));
  EXPECT_EQ(admin.get("/api/v1/outbox?status=dead").json().at("items").as_array().size(), 0u);
  EXPECT_EQ(desk.get("/api/v1/outbox?status=sent").status, 403);

  // The list pages by cursor, newest first, each message once; the deprecated before_id still
  // starts after the id it names.
  std::vector<int64_t> whole, paged;
  auto all = admin.get("/api/v1/outbox?status=sent&limit=200").json();
  for (const auto& e : all.at("items").as_array()) whole.push_back(e.at("id").as_int64());
  ASSERT_GE(whole.size(), 3u);
  std::string cursor;
  for (int pages = 0; pages < 500; ++pages) {
    auto page = admin.get("/api/v1/outbox?status=sent&limit=2" +
                          (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = page.json();
    for (const auto& e : body.at("items").as_array()) paged.push_back(e.at("id").as_int64());
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  // Messages sent meanwhile (none expected) would only be at the head of the unpaged list.
  ASSERT_GE(paged.size(), whole.size());
  EXPECT_TRUE(std::equal(whole.begin(), whole.end(), paged.end() - whole.size()));
  EXPECT_TRUE(std::is_sorted(paged.rbegin(), paged.rend()));
  auto older = admin.get("/api/v1/outbox?status=sent&before_id=" + std::to_string(whole[0]));
  ASSERT_EQ(older.status, 200);
  auto older_body = older.json();
  ASSERT_EQ(older_body.at("items").as_array().size(), whole.size() - 1);
  EXPECT_EQ(older_body.at("items").as_array()[0].at("id").as_int64(), whole[1]);
  EXPECT_EQ(admin.get("/api/v1/outbox?status=sent&cursor=xyz").status, 400);
}

// A document assignee is reminded by e-mail once less than the warning time is left, once.
TEST_P(DeliveryTest, DocumentAssigneesAreRemindedBeforeTheirDeadline) {
  if (GetParam() == "postgres" && pg_admin_url().empty())
    GTEST_SKIP() << "no PostgreSQL configured";
  SmtpSink smtp;
  ServerOptions o;
  o.engine = GetParam();
  o.demo_dossiers = 0;
  o.settings = {fmt::format("notify.smtp_url=smtp://127.0.0.1:{}", smtp.port()),
                "notify.smtp_from=vanthu@ankhang.gov.vn", "documents.reminder_interval_seconds=1",
                "documents.reminder_hours=8"};
  ServerProcess server(o);
  HttpClient clerk(server.port()), leader(server.port()), specialist(server.port());
  ASSERT_EQ(clerk.login("vanthu.stp", kDemoPassword).status, 200);
  ASSERT_EQ(leader.login("lanhdao.stp", kDemoPassword).status, 200);
  ASSERT_EQ(specialist.login("chuyenvien.stp", kDemoPassword).status, 200);
  auto me = specialist.get("/api/v1/auth/me").json().at("principal");
  auto units = HttpClient(server.port()).get("/api/v1/units?q=000.02.03.H47").json();
  int64_t division = units.at("items").at(0).at("id").as_int64();
  auto entry = clerk.post_json("/api/v1/documents/incoming",
                               object{{"unit_id", division},
                                      {"channel", "electronic"},
                                      {"issuer_name", "Bộ Tư pháp"},
                                      {"notation", "15/BTP-VP"},
                                      {"issued_on", "2026-11-16"},
                                      {"doc_type", "giay_moi"},
                                      {"subject", "Giấy mời dự hội nghị trực tuyến"}});
  // The clerk's register is the department's; the division has none.
  ASSERT_EQ(entry.status, 403) << entry.body;
  auto dept = HttpClient(server.port()).get("/api/v1/units?q=000.00.03.H47").json();
  int64_t justice = dept.at("items").at(0).at("id").as_int64();
  auto body = object{{"unit_id", justice},
                     {"channel", "electronic"},
                     {"issuer_name", "Bộ Tư pháp"},
                     {"notation", "15/BTP-VP"},
                     {"issued_on", "2026-11-16"},
                     {"doc_type", "giay_moi"},
                     {"subject", "Giấy mời dự hội nghị trực tuyến"}};
  entry = clerk.post_json("/api/v1/documents/incoming", body);
  ASSERT_EQ(entry.status, 201) << entry.body;
  int64_t doc = entry.json().at("id").as_int64();
  // One working day: at once within the eight-hour warning.
  auto assigned =
      leader.post_json(fmt::format("/api/v1/documents/incoming/{}/assign", doc),
                       object{{"version", entry.json().at("version")},
                              {"lead", object{{"unit_id", division}, {"official_id", me.at("id")}}},
                              {"deadline_days", 1}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.json().at("assignments").at(0).at("urgency").as_string(), "near_due");

  ASSERT_TRUE(eventually([&] { return !smtp.messages().empty(); })) << server.log();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // further passes add nothing
  auto mails = smtp.messages();
  ASSERT_EQ(mails.size(), 1u);
  const std::string& m = mails.front();
  EXPECT_NE(m.find("To: chuyenvien.stp@ankhang.gov.vn"), std::string::npos) << m;
  auto blank = m.find("\n\n");
  std::string b64, text;
  for (char ch : m.substr(blank == std::string::npos ? m.size() : blank + 2))
    if (ch != '\n' && ch != '\r') b64.push_back(ch);
  ASSERT_TRUE(crypto::base64_decode(b64, text)) << m;
  EXPECT_NE(text.find("Văn bản 15/BTP-VP của Bộ Tư pháp"), std::string::npos) << text;
  EXPECT_NE(text.find("Đề nghị Ông/Bà hoàn thành trước thời hạn."), std::string::npos) << text;
  auto view = leader.get(fmt::format("/api/v1/documents/incoming/{}", doc)).json();
  int reminders = 0;
  for (const auto& e : view.at("events").as_array())
    reminders += e.at("action").as_string() == "remind";
  EXPECT_EQ(reminders, 1);
}

TEST_P(DeliveryTest, AdministratorsSeeTheSettingsButNeverTheirSecrets) {
  if (GetParam() == "postgres" && pg_admin_url().empty())
    GTEST_SKIP() << "no PostgreSQL configured";
  ServerOptions o;
  o.engine = GetParam();
  o.demo_dossiers = 0;
  o.settings = {"notify.sms_webhook_url=https://gateway:s3cr3t-pass@127.0.0.1:9/sms?key=abc",
                "notify.sms_webhook_token=tok-123", "notify.smtp_user=mailer",
                "notify.smtp_password=mail-pass"};
  ServerProcess server(o);
  HttpClient admin(server.port());
  ASSERT_EQ(admin.login("admin", kDemoPassword).status, 200);
  auto r = admin.get("/api/v1/outbox/settings");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("sms").at("endpoint").as_string(), "https://127.0.0.1:9/sms");
  EXPECT_TRUE(r.json().at("sms").at("token_set").as_bool());
  EXPECT_TRUE(r.json().at("email").at("endpoint").is_null());
  for (const char* secret : {"s3cr3t", "tok-123", "mail-pass", "key=abc"})
    EXPECT_EQ(r.body.find(secret), std::string::npos) << secret;
  HttpClient specialist(server.port());
  ASSERT_EQ(specialist.login("chuyenvien.stp", kDemoPassword).status, 200);
  EXPECT_EQ(specialist.get("/api/v1/outbox/settings").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, DeliveryTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
