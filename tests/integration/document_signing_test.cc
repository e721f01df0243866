// Digital signatures in the document flow, on the real server with a PKI generated for the
// run: the approving leader's key and the issuing agency's key sign the main file; sender and
// recipient see both verified, with signer and time; a leader without a key cannot approve;
// a revoked key's signature is shown as revoked.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "core/base/time.h"
#include "integration/server_fixture.h"
#include "support/sample_files.h"
#include "support/test_pki.h"

namespace tinhso::testing {
namespace {

using boost::json::array;
using boost::json::object;

class DocumentSigningTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DocumentSigningTest, LeaderAndAgencySignaturesAreVerifiedOnBothSides) {
  if (GetParam() == "postgres" && pg_admin_url().empty())
    GTEST_SKIP() << "no PostgreSQL configured";
  auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  TestPki pki = TestPki::generate(now);
  TempDir keys;
  pki.write_to(keys.path());
  auto put_key = [&](const std::string& name, const std::string& p12) {
    std::ofstream(keys.path() + "/" + name + ".p12", std::ios::binary) << p12;
  };
  put_key("000.00.03.H47", pki.agency_p12);
  ServerOptions o;
  o.engine = GetParam();
  o.demo_dossiers = 0;
  o.settings = {"signing.keys_dir=" + keys.path(),
                std::string("signing.key_password=") + TestPki::kPassword,
                "signing.trust_roots=" + keys.path() + "/root.pem",
                "signing.crls=" + keys.path() + "/root.crl.pem"};
  ServerProcess server(o);
  HttpClient specialist(server.port()), leader(server.port()), clerk(server.port()),
      recipient(server.port());
  ASSERT_EQ(specialist.login("chuyenvien.stp", kDemoPassword).status, 200);
  ASSERT_EQ(leader.login("lanhdao.stp", kDemoPassword).status, 200);
  ASSERT_EQ(clerk.login("vanthu.stp", kDemoPassword).status, 200);
  ASSERT_EQ(recipient.login("vanthu.ubndtinh", kDemoPassword).status, 200);
  int64_t leader_id = leader.get("/api/v1/auth/me").json().at("principal").at("id").as_int64();
  int64_t justice = unit_id_by_code(clerk, "000.00.03.H47"),
          division = unit_id_by_code(clerk, "000.02.03.H47"),
          office = unit_id_by_code(clerk, "000.00.01.H47");

  auto submit_new = [&](const std::string& subject) {
    auto f = specialist.request("POST", "/api/v1/files?name=to-trinh.pdf", kSamplePdf,
                                {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(f.status, 201) << f.body;
    auto d = specialist.post_json("/api/v1/documents/outgoing",
                                  object{{"unit_id", justice},
                                         {"drafting_unit_id", division},
                                         {"doc_type", "to_trinh"},
                                         {"subject", subject},
                                         {"main_file_id", f.json().at("id")},
                                         {"recipient_unit_ids", array{office}}});
    EXPECT_EQ(d.status, 201) << d.body;
    int64_t id = d.json().at("id").as_int64();
    auto s = specialist.post_json(
        fmt::format("/api/v1/documents/outgoing/{}/submit", id),
        object{{"version", d.json().at("version")}, {"reviewer_id", leader_id}});
    EXPECT_EQ(s.status, 200) << s.body;
    return std::make_pair(id, s.json().at("version").as_int64());
  };

  // Without a key of his own the leader cannot sign: nothing changes.
  auto [id, version] = submit_new("Tờ trình đề nghị phê duyệt kế hoạch số hóa sổ hộ tịch");
  auto no_key = leader.post_json(fmt::format("/api/v1/documents/outgoing/{}/approve", id),
                                 object{{"version", version}});
  ASSERT_EQ(no_key.status, 409) << no_key.body;
  EXPECT_EQ(no_key.error_code(), "signing.no_key");
  EXPECT_EQ(leader.get(fmt::format("/api/v1/documents/outgoing/{}", id))
                .json()
                .at("status")
                .at("key")
                .as_string(),
            "in_review");

  // Someone who may not approve it is refused before any key is used (it used to sign with the
  // caller's key first: here that showed as "no key" instead of "not yours").
  auto outsider = recipient.post_json(fmt::format("/api/v1/documents/outgoing/{}/approve", id),
                                      object{{"version", version}});
  EXPECT_EQ(outsider.status, 403) << outsider.body;
  auto outsider_issue = recipient.post_json(fmt::format("/api/v1/documents/outgoing/{}/issue", id),
                                            object{{"version", version}});
  EXPECT_EQ(outsider_issue.status, 403) << outsider_issue.body;

  put_key("lanhdao.stp", pki.personal_p12);
  // A stale version is refused before signing too.
  auto stale = leader.post_json(fmt::format("/api/v1/documents/outgoing/{}/approve", id),
                                object{{"version", version - 1}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.error_code(), "document.stale");
  auto approved = leader.post_json(fmt::format("/api/v1/documents/outgoing/{}/approve", id),
                                   object{{"version", version}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto issued = clerk.post_json(fmt::format("/api/v1/documents/outgoing/{}/issue", id),
                                object{{"version", approved.json().at("version")}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  auto doc = issued.json().as_object();
  std::string main_file = std::to_string(doc.at("files").at(0).at("id").as_int64());
  auto sigs = doc.at("signatures").at(main_file).as_array();
  ASSERT_EQ(sigs.size(), 2u) << issued.body;
  EXPECT_EQ(sigs[0].at("kind").as_string(), "personal");
  EXPECT_EQ(sigs[0].at("signer_name").as_string(), "Trần Quốc Hùng");
  EXPECT_EQ(sigs[0].at("status").as_string(), "valid") << sigs[0];
  EXPECT_EQ(sigs[1].at("kind").as_string(), "agency");
  EXPECT_EQ(sigs[1].at("signer_name").as_string(), "Sở Tư pháp tỉnh An Khang");
  EXPECT_EQ(sigs[1].at("message").as_string(), "Chữ ký số hợp lệ.");

  // The recipient sees the same signatures on the file it received.
  auto arrivals =
      recipient.get(fmt::format("/api/v1/documents/arrivals?unit_id={}", office)).json();
  int64_t arrival = arrivals.at("items").at(0).at("id").as_int64();
  auto seen = recipient.get(fmt::format("/api/v1/documents/arrivals/{}", arrival)).json();
  auto theirs = seen.at("signatures").at(main_file).as_array();
  ASSERT_EQ(theirs.size(), 2u);
  EXPECT_TRUE(theirs[0].at("valid").as_bool());
  EXPECT_TRUE(theirs[1].at("valid").as_bool());

  // A key whose certificate was revoked still signs, and everyone sees it is revoked.
  put_key("lanhdao.stp", pki.revoked_p12);
  auto [id2, version2] = submit_new("Tờ trình về biên chế năm 2027");
  auto approved2 = leader.post_json(fmt::format("/api/v1/documents/outgoing/{}/approve", id2),
                                    object{{"version", version2}});
  ASSERT_EQ(approved2.status, 200) << approved2.body;
  auto doc2 = approved2.json().as_object();
  auto sig2 = doc2.at("signatures")
                  .at(std::to_string(doc2.at("files").at(0).at("id").as_int64()))
                  .as_array();
  ASSERT_EQ(sig2.size(), 1u);
  EXPECT_EQ(sig2[0].at("status").as_string(), "revoked");
  EXPECT_EQ(sig2[0].at("message").as_string(), "Chứng thư số đã bị thu hồi.");
}

INSTANTIATE_TEST_SUITE_P(Engines, DocumentSigningTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
