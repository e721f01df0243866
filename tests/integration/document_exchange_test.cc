// edXML exchange between two installations — two tinhso processes, Tỉnh An Khang (H47) and
// Tỉnh Bình Sơn (H48), each with its own database — on both engines: a document issued in one
// arrives in the other signed and verified, and the recipient's statuses (received, assigned,
// done) come back. Repeats change nothing; hostile or invalid messages are refused with their
// own code and kept for inspection; a recipient that refuses for good marks the row failed;
// agencies no route names go to the national axis (a stub that is down at first).
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "core/base/crypto.h"
#include "documents/edxml/codec.h"
#include "documents/edxml/dsig.h"
#include "integration/server_fixture.h"
#include "support/sample_files.h"
#include "support/stub_http_server.h"
#include "support/test_pki.h"
#include "support/tripwire.h"

namespace tinhso::testing {
namespace {

using boost::json::array;
using boost::json::object;

class DocumentExchangeTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    pki_ = TestPki::generate(
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  }

  // A keys directory with the PKI's root and CRL and the given <name>.p12 files.
  std::string keys(TempDir& dir, const std::vector<std::pair<std::string, std::string>>& p12s) {
    pki_.write_to(dir.path());
    for (const auto& [name, der] : p12s)
      std::ofstream(dir.path() + "/" + name + ".p12", std::ios::binary) << der;
    return dir.path();
  }

  ServerOptions options(const std::string& keys_dir, std::vector<std::string> extra) {
    ServerOptions o;
    o.engine = GetParam();
    o.demo_dossiers = 0;
    o.settings = {"signing.keys_dir=" + keys_dir,
                  std::string("signing.key_password=") + TestPki::kPassword,
                  "signing.trust_roots=" + keys_dir + "/root.pem",
                  "signing.crls=" + keys_dir + "/root.crl.pem", "notify.retry_base_seconds=1"};
    o.settings.insert(o.settings.end(), extra.begin(), extra.end());
    return o;
  }

  // Drafts, submits, approves and issues a document of Sở Tư pháp H47; returns its id.
  static int64_t issue(HttpClient& specialist, HttpClient& leader, HttpClient& clerk,
                       const array& agencies, const std::string& subject) {
    int64_t justice = unit_id_by_code(clerk, "000.00.03.H47"),
            division = unit_id_by_code(clerk, "000.02.03.H47");
    auto f = specialist.request("POST", "/api/v1/files?name=ke-hoach.pdf", kSamplePdf,
                                {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(f.status, 201) << f.body;
    auto d = specialist.post_json("/api/v1/documents/outgoing",
                                  object{{"unit_id", justice},
                                         {"drafting_unit_id", division},
                                         {"doc_type", "ke_hoach"},
                                         {"subject", subject},
                                         {"urgency", "khan"},
                                         {"pages", 2},
                                         {"main_file_id", f.json().at("id")},
                                         {"recipient_agencies", agencies}});
    EXPECT_EQ(d.status, 201) << d.body;
    int64_t id = d.json().at("id").as_int64();
    int64_t leader_id = leader.get("/api/v1/auth/me").json().at("principal").at("id").as_int64();
    auto s = specialist.post_json(
        fmt::format("/api/v1/documents/outgoing/{}/submit", id),
        object{{"version", d.json().at("version")}, {"reviewer_id", leader_id}});
    EXPECT_EQ(s.status, 200) << s.body;
    auto a = leader.post_json(fmt::format("/api/v1/documents/outgoing/{}/approve", id),
                              object{{"version", s.json().at("version")}});
    EXPECT_EQ(a.status, 200) << a.body;
    auto i = clerk.post_json(fmt::format("/api/v1/documents/outgoing/{}/issue", id),
                             object{{"version", a.json().at("version")}});
    EXPECT_EQ(i.status, 200) << i.body;
    return id;
  }

  // Polls the sender's recipient row for `code` until it reaches `status` (30 s at most).
  static object wait_recipient(HttpClient& c, int64_t doc, const std::string& code,
                               const std::string& status) {
    object last;
    for (int i = 0; i < 300; ++i) {
      auto d = c.get(fmt::format("/api/v1/documents/outgoing/{}", doc)).json();
      for (const auto& r : d.at("recipients").as_array()) {
        if (r.at("agency_code").is_string() && r.at("agency_code").as_string() == code) {
          last = r.as_object();
          if (last.at("status").at("key").as_string() == status) return last;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "recipient " << code << " never reached " << status << ": " << last;
    return last;
  }

  TestPki pki_;
};

TEST_P(DocumentExchangeTest, TwoInstallationsExchangeADocumentAndItsStatuses) {
  int port_a = ServerProcess::free_port(), port_b = ServerProcess::free_port();
  TempDir keys_a, keys_b;
  auto oa = options(
      keys(keys_a, {{"000.00.03.H47", pki_.agency_p12}, {"lanhdao.stp", pki_.personal_p12}}),
      {fmt::format("exchange.routes=.H48=http://127.0.0.1:{}", port_b)});
  oa.listen = fmt::format("127.0.0.1:{}", port_a);
  auto ob = options(keys(keys_b, {{"000.00.03.H48", pki_.peer_agency_p12}}),
                    {fmt::format("exchange.routes=.H47=http://127.0.0.1:{}", port_a),
                     "exchange.max_message_mb=1"});
  ob.listen = fmt::format("127.0.0.1:{}", port_b);
  ob.demo_args = {"--province", "H48"};
  ServerProcess a(oa), b(ob);

  HttpClient specialist(a.port()), leader(a.port()), clerk(a.port());
  ASSERT_EQ(specialist.login("chuyenvien.stp", kDemoPassword).status, 200);
  ASSERT_EQ(leader.login("lanhdao.stp", kDemoPassword).status, 200);
  ASSERT_EQ(clerk.login("vanthu.stp", kDemoPassword).status, 200);
  HttpClient b_clerk(b.port()), b_leader(b.port()), b_specialist(b.port()), b_admin(b.port());
  ASSERT_EQ(b_clerk.login("vanthu.stp", kDemoPassword).status, 200);
  ASSERT_EQ(b_leader.login("lanhdao.stp", kDemoPassword).status, 200);
  ASSERT_EQ(b_specialist.login("chuyenvien.stp", kDemoPassword).status, 200);
  ASSERT_EQ(b_admin.login("admin", kDemoPassword).status, 200);

  // An agency nobody can reach is refused when drafting, before anything is signed.
  auto f = specialist.request("POST", "/api/v1/files?name=x.pdf", kSamplePdf,
                              {{"Content-Type", "application/pdf"}});
  auto unreachable = specialist.post_json(
      "/api/v1/documents/outgoing",
      object{{"unit_id", unit_id_by_code(clerk, "000.00.03.H47")},
             {"doc_type", "cong_van"},
             {"subject", "Thử"},
             {"main_file_id", f.json().at("id")},
             {"recipient_agencies", array{object{{"code", "000.00.03.H99"}, {"name", "Sở X"}}}}});
  ASSERT_EQ(unreachable.status, 422) << unreachable.body;
  EXPECT_NE(unreachable.body.find("exchange.routes"), std::string::npos);

  // 1. Issued at An Khang to Sở Tư pháp Bình Sơn, and to a code Bình Sơn does not have.
  std::string subject = "Kế hoạch phối hợp liên tỉnh về chứng thực điện tử năm 2027";
  int64_t doc = issue(specialist, leader, clerk,
                      array{object{{"code", "000.00.03.H48"}, {"name", "Sở Tư pháp tỉnh Bình Sơn"}},
                            object{{"code", "000.00.77.H48"}, {"name", "Cơ quan không có"}}},
                      subject);
  wait_recipient(specialist, doc, "000.00.03.H48", "sent");
  auto failed = wait_recipient(specialist, doc, "000.00.77.H48", "failed");
  EXPECT_NE(failed.at("status_note").as_string().find("edxml.unknown_recipient"), std::string::npos)
      << failed;
  std::string notation(specialist.get(fmt::format("/api/v1/documents/outgoing/{}", doc))
                           .json()
                           .at("notation")
                           .as_string());

  // 2. At Bình Sơn: one arrival, with the file and both signatures verified.
  int64_t b_justice = unit_id_by_code(b_clerk, "000.00.03.H48");
  auto arrivals = b_clerk.get(fmt::format("/api/v1/documents/arrivals?unit_id={}", b_justice));
  ASSERT_EQ(arrivals.status, 200) << arrivals.body;
  auto items = arrivals.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << arrivals.body;
  int64_t arrival = items.at(0).at("id").as_int64();
  auto seen = b_clerk.get(fmt::format("/api/v1/documents/arrivals/{}", arrival)).json().as_object();
  EXPECT_EQ(seen.at("notation").as_string(), notation);
  EXPECT_EQ(seen.at("subject").as_string(), subject);
  EXPECT_EQ(seen.at("issuer").at("code").as_string(), "000.00.03.H47");
  ASSERT_EQ(seen.at("files").as_array().size(), 1u) << seen;
  std::string file = std::to_string(seen.at("files").at(0).at("id").as_int64());
  auto sigs = seen.at("signatures").at(file).as_array();
  ASSERT_EQ(sigs.size(), 2u) << seen;
  EXPECT_EQ(sigs[0].at("kind").as_string(), "personal");
  EXPECT_EQ(sigs[0].at("status").as_string(), "valid") << sigs[0];
  EXPECT_EQ(sigs[1].at("kind").as_string(), "agency");
  EXPECT_EQ(sigs[1].at("status").as_string(), "valid") << sigs[1];
  auto file_bytes =
      b_clerk.get(fmt::format("/api/v1/documents/arrivals/{}/files/{}", arrival, file));
  EXPECT_EQ(file_bytes.body, std::string(kSamplePdf));

  // 3. Registered, assigned and completed there; each status comes back to An Khang.
  auto registered =
      b_clerk.post_json(fmt::format("/api/v1/documents/arrivals/{}/register", arrival), object{});
  ASSERT_EQ(registered.status, 201) << registered.body;
  int64_t incoming = registered.json().at("id").as_int64();
  wait_recipient(specialist, doc, "000.00.03.H48", "received");
  int64_t b_specialist_id =
      b_specialist.get("/api/v1/auth/me").json().at("principal").at("id").as_int64();
  auto entry = b_leader.get(fmt::format("/api/v1/documents/incoming/{}", incoming)).json();
  auto assigned = b_leader.post_json(
      fmt::format("/api/v1/documents/incoming/{}/assign", incoming),
      object{{"version", entry.at("version")},
             {"lead", object{{"unit_id", unit_id_by_code(b_clerk, "000.02.03.H48")},
                             {"official_id", b_specialist_id}}},
             {"deadline_days", 5}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  wait_recipient(specialist, doc, "000.00.03.H48", "assigned");
  int64_t lead = assigned.json().at("assignments").at(0).at("id").as_int64();
  auto done = b_specialist.post_json(fmt::format("/api/v1/documents/assignments/{}/done", lead),
                                     object{{"note", "Đã triển khai kế hoạch."}});
  ASSERT_EQ(done.status, 200) << done.body;
  auto finished = wait_recipient(specialist, doc, "000.00.03.H48", "done");
  auto timeline = specialist.get(fmt::format("/api/v1/documents/outgoing/{}", doc)).json();
  EXPECT_NE(boost::json::serialize(timeline).find("Đã xử lý xong"), std::string::npos);

  // The document indicators on both sides: electronic, from outside, signed, handled on time.
  auto b_stats = b_leader.get(fmt::format("/api/v1/documents/stats?unit_id={}", b_justice));
  ASSERT_EQ(b_stats.status, 200) << b_stats.body;
  auto bt = b_stats.json().at("total").as_object();
  EXPECT_EQ(bt.at("incoming").as_int64(), 1);
  EXPECT_EQ(bt.at("incoming_electronic").as_int64(), 1);
  EXPECT_EQ(bt.at("incoming_from_outside").as_int64(), 1);
  EXPECT_EQ(bt.at("incoming_electronic_percent").as_double(), 100.0);
  EXPECT_EQ(bt.at("handled_on_time").as_int64(), 1);
  auto a_stats = leader.get(
      fmt::format("/api/v1/documents/stats?unit_id={}", unit_id_by_code(clerk, "000.00.03.H47")));
  ASSERT_EQ(a_stats.status, 200) << a_stats.body;
  auto at = a_stats.json().at("total").as_object();
  EXPECT_EQ(at.at("outgoing").as_int64(), 1);
  EXPECT_EQ(at.at("outgoing_signed").as_int64(), 1);
  EXPECT_EQ(at.at("outgoing_signed_percent").as_double(), 100.0);
  EXPECT_EQ(at.at("outgoing_electronic").as_int64(), 0);  // one recipient failed
  auto a_excel = leader.get(fmt::format("/api/v1/documents/stats?unit_id={}&format=xlsx",
                                        unit_id_by_code(clerk, "000.00.03.H47")));
  EXPECT_EQ(a_excel.body.substr(0, 2), "PK");

  // 4. Repeats change nothing: the same message again, with and without its key.
  auto received = b_admin.get("/api/v1/exchange/received?status=imported").json();
  int64_t message_id = 0;
  for (const auto& m : received.at("items").as_array())
    if (m.at("kind").as_string() == "document") message_id = m.at("id").as_int64();
  ASSERT_NE(message_id, 0) << received;
  std::string raw = b_admin.get(fmt::format("/api/v1/exchange/received/{}/raw", message_id)).body;
  ASSERT_NE(raw.find("QCVN_102_2016"), std::string::npos);
  auto post = [&](const std::string& body, std::map<std::string, std::string> headers = {}) {
    headers["Content-Type"] = "application/xml";
    return HttpClient(b.port()).request("POST", "/api/v1/exchange/edxml", body, headers);
  };
  auto again = post(raw);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("status").as_string(), "duplicate");
  EXPECT_EQ(post(raw, {{"Idempotency-Key", "lan-2"}}).status, 200);
  EXPECT_EQ(post(raw, {{"Idempotency-Key", "lan-2"}}).json().at("status").as_string(), "duplicate");
  auto all = b_clerk.get(
      fmt::format("/api/v1/documents/arrivals?unit_id={}&status=registered", b_justice));
  EXPECT_EQ(all.json().at("items").as_array().size(), 1u);
  EXPECT_TRUE(b_clerk.get(fmt::format("/api/v1/documents/arrivals?unit_id={}", b_justice))
                  .json()
                  .at("items")
                  .as_array()
                  .empty());

  // 5. Hostile and invalid messages: each refused with its code, none imported, all kept.
  std::string tampered = raw;
  tampered.replace(tampered.find("liên tỉnh"), 10, "liên xã ");
  std::string unsigned_msg;
  {
    auto parsed = documents::edxml::parse_untrusted(raw, 64 << 20);
    ASSERT_TRUE(parsed.ok());
    xmlNode* header = documents::edxml::signature_parent(parsed->get());
    for (xmlNode* c = header->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && std::string_view((const char*)c->name) == "Signature") {
        xmlUnlinkNode(c);
        xmlFreeNode(c);
        break;
      }
    }
    unsigned_msg = documents::edxml::serialize(parsed->get());
  }
  std::string stranger;  // well signed by a trusted key, but to an agency Bình Sơn lacks
  {
    documents::edxml::DocumentMessage m;
    m.from = {"000.00.03.H47", "Sở Tư pháp tỉnh An Khang"};
    m.to = {{"000.00.55.H48", "Không có"}};
    m.code_number = "9";
    m.code_notation = "CV-STP";
    m.promulgation_date = "2026-11-24";
    m.type_code = "cong_van";
    m.subject = "Thử";
    m.document_id = "000.00.03.H47,2026/11/24,9/CV-STP";
    m.attachments.push_back({"a", "a.pdf", "application/pdf", "", std::string(kSamplePdf)});
    auto xml = documents::edxml::write_document(m, "2026/11/24 08:00:00");
    ASSERT_TRUE(documents::edxml::sign(xml.get(), documents::edxml::signature_parent(xml.get()),
                                       pki_.agency_p12, TestPki::kPassword)
                    .ok());
    stranger = documents::edxml::serialize(xml.get());
  }
  struct Case {
    std::string name, body;
    int status;
    std::string code;
  };
  std::vector<Case> cases = {
      {"malformed", "<edXML><MessageHeader>", 400, "edxml.malformed"},
      {"bomb",
       "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
       "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]><edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">&b;"
       "</edXML>",
       422, "edxml.dtd_forbidden"},
      {"external entity",
       "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
       422, "edxml.dtd_forbidden"},
      {"tampered", tampered, 422, "edxml.signature_integrity"},
      {"unsigned", unsigned_msg, 422, "edxml.signature_malformed"},
      {"unknown agency", stranger, 422, "edxml.unknown_recipient"},
  };
  for (const auto& c : cases) {
    auto r = post(c.body);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_EQ(r.error_code(), c.code) << c.name << ": " << r.body;
  }
  auto big = post(std::string(2 << 20, ' ') + raw);
  EXPECT_EQ(big.status, 413) << big.body;
  auto rejected = b_admin.get("/api/v1/exchange/received?status=rejected").json();
  // The cases, and the message An Khang sent to 000.00.77.H48 in step 1.
  ASSERT_EQ(rejected.at("items").as_array().size(), cases.size() + 1) << rejected;
  EXPECT_EQ(rejected.at("items").at(0).at("error_code").as_string(), "edxml.unknown_recipient");
  int64_t kept = rejected.at("items").at(1).at("id").as_int64();  // the unsigned one
  EXPECT_TRUE(b_admin.get(fmt::format("/api/v1/exchange/received/{}/raw", kept)).body ==
              unsigned_msg);
  EXPECT_EQ(b_clerk.get("/api/v1/exchange/received").status, 403);
  EXPECT_TRUE(b_clerk.get(fmt::format("/api/v1/documents/arrivals?unit_id={}", b_justice))
                  .json()
                  .at("items")
                  .as_array()
                  .empty());
}

TEST_P(DocumentExchangeTest, OtherAgenciesAreReachedThroughTheNationalAxisWithRetries) {
  StubHttpServer axis([](int index, const StubRequest&) { return index == 0 ? 503 : 200; });
  TempDir keys_a;
  ServerProcess a(options(
      keys(keys_a, {{"000.00.03.H47", pki_.agency_p12}, {"lanhdao.stp", pki_.personal_p12}}),
      {"exchange.axis_url=" + axis.url("/edoc/messages"), "exchange.axis_system_id=H47.TEST",
       "exchange.axis_secret=s3cret"}));
  HttpClient specialist(a.port()), leader(a.port()), clerk(a.port());
  ASSERT_EQ(specialist.login("chuyenvien.stp", kDemoPassword).status, 200);
  ASSERT_EQ(leader.login("lanhdao.stp", kDemoPassword).status, 200);
  ASSERT_EQ(clerk.login("vanthu.stp", kDemoPassword).status, 200);
  int64_t doc = issue(specialist, leader, clerk,
                      array{object{{"code", "000.00.00.G09"}, {"name", "Bộ Tư pháp"}}},
                      "Báo cáo kết quả thực hiện chứng thực điện tử năm 2026");
  wait_recipient(specialist, doc, "000.00.00.G09", "sent");
  auto requests = axis.requests();
  ASSERT_EQ(requests.size(), 2u);  // refused once (503), then accepted
  const auto& r = requests.back();
  EXPECT_EQ(r.target, "/edoc/messages");
  EXPECT_EQ(r.headers.at("x-axis-system-id"), "H47.TEST");
  EXPECT_EQ(r.headers.at("x-edxml-to"), "000.00.00.G09");
  EXPECT_EQ(r.headers.at("idempotency-key"), requests.front().headers.at("idempotency-key"));
  // What the axis received is a signed edXML message that verifies against the same roots.
  auto parsed = documents::edxml::parse_untrusted(r.body, 64 << 20);
  ASSERT_TRUE(parsed.ok());
  auto trust = signing::TrustStore::from_pem({pki_.root_pem}, {pki_.crl_pem});
  ASSERT_TRUE(trust.ok());
  auto v = documents::edxml::verify(
      documents::edxml::signature_parent(parsed->get()), *trust,
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  EXPECT_TRUE(v.valid()) << v.detail;
  auto m = documents::edxml::read_message(parsed->get(), {});
  ASSERT_TRUE(m.ok());
  const auto& dm = std::get<documents::edxml::DocumentMessage>(*m);
  EXPECT_EQ(dm.to.at(0).organ_id, "000.00.00.G09");
  EXPECT_EQ(dm.priority, 1);  // khẩn
  EXPECT_EQ(dm.page_amount, std::optional<int>(2));
  EXPECT_EQ(dm.type_name, "Kế hoạch");
}

// The receiving endpoint is anonymous. An attacker may not make the server fetch anything, may
// not store more than a bounded prefix of what it sends, is refused after a few rejected
// messages, and may not sign for an agency with another agency's (trusted) certificate. Two
// copies of one message sent at once import it once.
TEST_P(DocumentExchangeTest, AnonymousSendersCannotMakeUsFetchStoreOrImpersonate) {
  TempDir keys_b;
  auto ob = options(keys(keys_b, {{"000.00.03.H48", pki_.peer_agency_p12}}),
                    {"exchange.rejected_per_minute=6", "exchange.rejected_keep_kb=16"});
  ob.demo_args = {"--province", "H48"};
  ServerProcess b(ob);
  HttpClient admin(b.port());
  ASSERT_EQ(admin.login("admin", kDemoPassword).status, 200);
  int n = 0;
  // A document of Sở Tư pháp An Khang (000.00.03.H47) to Sở Tư pháp Bình Sơn, from `from`,
  // signed with `p12`; `pad` bytes of description make it large.
  auto message = [&](const std::string& from, const std::string& p12, std::size_t pad = 0) {
    documents::edxml::DocumentMessage m;
    m.from = {from, "Sở Tư pháp tỉnh An Khang"};
    m.to = {{"000.00.03.H48", "Sở Tư pháp tỉnh Bình Sơn"}};
    m.code_number = std::to_string(++n);
    m.code_notation = "CV-STP";
    m.promulgation_date = "2026-11-24";
    m.type_code = "cong_van";
    m.subject = "Công văn thử " + std::to_string(n);
    m.document_id = fmt::format("{},2026/11/24,{}/CV-STP", from, n);
    m.attachments.push_back(
        {"a", "a.pdf", "application/pdf", std::string(pad, 'x'), std::string(kSamplePdf)});
    auto xml = documents::edxml::write_document(m, "2026/11/24 08:00:00");
    EXPECT_TRUE(documents::edxml::sign(xml.get(), documents::edxml::signature_parent(xml.get()),
                                       p12, TestPki::kPassword)
                    .ok());
    return documents::edxml::serialize(xml.get());
  };
  auto post = [&](const std::string& body, std::map<std::string, std::string> headers = {}) {
    headers["Content-Type"] = "application/xml";
    return HttpClient(b.port()).request("POST", "/api/v1/exchange/edxml", body, headers);
  };

  // 1. Two copies with the same new Idempotency-Key at the same moment: one import, one
  //    "duplicate", never a 500.
  for (int round = 0; round < 4; ++round) {
    std::string body = message(TestPki::kAgencyCode, pki_.agency_p12);
    std::string key = "cung-luc-" + std::to_string(round);
    HttpResponse first, second;
    std::thread t([&] { first = post(body, {{"Idempotency-Key", key}}); });
    second = post(body, {{"Idempotency-Key", key}});
    t.join();
    std::multiset<int> statuses{first.status, second.status};
    EXPECT_EQ(statuses, (std::multiset<int>{200, 201})) << first.body << second.body;
  }

  // 2. A KeyInfo that points at a URI: refused, and the listener hears nothing.
  ListenerTripwire listener;
  std::string pointing =
      with_key_info(message(TestPki::kAgencyCode, pki_.stranger_p12),
                    "<RetrievalMethod URI=\"" + listener.url("/slow") +
                        "\" Type=\"http://www.w3.org/2000/09/xmldsig#X509Data\"/>");
  auto ssrf = post(pointing);
  EXPECT_EQ(ssrf.status, 422) << ssrf.body;
  EXPECT_EQ(ssrf.error_code(), "edxml.signature_malformed");
  EXPECT_EQ(listener.connections(), 0);

  // 3. A trusted certificate of one agency signing "from" another: refused.
  auto impostor = post(message("000.00.05.H47", pki_.agency_p12));
  EXPECT_EQ(impostor.status, 422) << impostor.body;
  EXPECT_EQ(impostor.error_code(), "edxml.signer_not_sender");
  // 4. A large rejected message keeps only its first 16 KiB, with the whole one's hash and size.
  std::string large = message(TestPki::kAgencyCode, pki_.stranger_p12, 3 << 20);
  auto untrusted = post(large);
  EXPECT_EQ(untrusted.error_code(), "edxml.signature_untrusted") << untrusted.body;
  auto items = admin.get("/api/v1/exchange/received?status=rejected").json().at("items");
  const auto& newest = items.at(0).as_object();
  EXPECT_EQ(newest.at("size").as_int64(), static_cast<int64_t>(large.size()));
  EXPECT_EQ(newest.at("sha256").as_string(), crypto::sha256_hex(large));
  EXPECT_FALSE(newest.at("raw_complete").as_bool());
  auto raw = admin.get(fmt::format("/api/v1/exchange/received/{}/raw", newest.at("id").as_int64()));
  EXPECT_EQ(raw.body, large.substr(0, 16 << 10));
  EXPECT_EQ(raw.header("x-raw-complete").value_or(""), "false");

  // 5. After six rejections in a minute the address is refused unread, and nothing is stored.
  for (int i = 0; i < 3; ++i) post("<edXML>");
  auto refused = post(message(TestPki::kAgencyCode, pki_.agency_p12));
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.error_code(), "edxml.too_many_rejected");
  EXPECT_TRUE(refused.header("retry-after").has_value());
  // Rows: the four imports (a duplicate adds none) and the six rejections; not the refusal.
  auto after = admin.get("/api/v1/exchange/received?limit=200").json().at("items");
  EXPECT_EQ(after.as_array().size(), 10u) << after;

  // Paged by cursor, four at a time: the same ten rows, newest first, none twice.
  std::vector<int64_t> paged;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    std::string path = "/api/v1/exchange/received?limit=4";
    if (!cursor.empty()) path += "&cursor=" + cursor;
    auto body = admin.get(path).json().as_object();
    for (const auto& item : body.at("items").as_array()) paged.push_back(item.at("id").as_int64());
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  ASSERT_EQ(paged.size(), 10u);
  for (std::size_t i = 0; i < paged.size(); ++i)
    EXPECT_EQ(paged[i], after.as_array()[i].at("id").as_int64()) << i;
}

INSTANTIATE_TEST_SUITE_P(Engines, DocumentExchangeTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
