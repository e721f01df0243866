// Attacks on a running server (issue 14), on both engines: each case is what an attacker did
// to a copy of the demo, and fails on the code before its fix.
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "integration/server_fixture.h"
#include "support/sample_files.h"

namespace tinhso::testing {
namespace {

using boost::json::object;

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
  ServerProcess server(options({"files.text_cpu_seconds=1", "files.text_wall_seconds=5"}));
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
  for (int i = 0; i < 150 && (bomb_status != "not_extracted" || text_status != "extracted"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(HttpClient(server.port()).get("/healthz").status, 200);
    bomb_status =
        citizen.get(fmt::format("/api/v1/files/{}", id)).json().at("text_status").as_string();
    text_status = citizen.get(fmt::format("/api/v1/files/{}", text.json().at("id").as_int64()))
                      .json()
                      .at("text_status")
                      .as_string();
  }
  EXPECT_EQ(bomb_status, "not_extracted");
  EXPECT_EQ(text_status, "extracted");
  EXPECT_NE(server.log().find("CPU-time budget exceeded"), std::string::npos);
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

INSTANTIATE_TEST_SUITE_P(Engines, SecurityTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
