// The command-line tools against real databases: admin, import/export, backup, audit verify.
#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "integration/server_fixture.h"

namespace tinhso::testing {
namespace {

class CliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    ServerOptions o;
    o.engine = GetParam();
    server_ = std::make_unique<ServerProcess>(o);
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(CliTest, AdminCreatesUsersWhoCanLogIn) {
  std::string out;
  ASSERT_EQ(server_->run_cli({"admin", "create-user", "--username", "quantri.huyen", "--full-name",
                              "Bùi Văn Quân", "--unit-code", "000.00.33.H47", "--role",
                              "unit_admin", "--include-subunits", "--password", "Bui-Van-Quan@33"},
                             &out),
            0)
      << out;
  HttpClient c(server_->port());
  auto r = c.login("quantri.huyen", "Bui-Van-Quan@33");
  ASSERT_EQ(r.status, 200) << r.body;
  auto grant = r.json().at("principal").at("grants").as_array()[0];
  EXPECT_EQ(grant.at("role").as_string(), "unit_admin");
  EXPECT_TRUE(grant.at("include_subunits").as_bool());

  ASSERT_EQ(server_->run_cli({"admin", "reset-password", "--username", "quantri.huyen"}, &out), 0)
      << out;
  auto pos = out.find("Temporary password for quantri.huyen: ");
  ASSERT_NE(pos, std::string::npos) << out;
  std::string temporary = out.substr(pos + 38, out.find('\n', pos) - pos - 38);
  EXPECT_EQ(HttpClient(server_->port()).login("quantri.huyen", "Bui-Van-Quan@33").status, 401);
  EXPECT_EQ(HttpClient(server_->port()).login("quantri.huyen", temporary).status, 200);

  EXPECT_NE(server_->run_cli({"admin", "grant", "--username", "quantri.huyen", "--role", "wizard",
                              "--unit-code", "000.00.33.H47"},
                             &out),
            0);
  EXPECT_NE(server_->run_cli({"admin", "create-user", "--username", "x", "--full-name", "X",
                              "--unit-code", "999.99.99.Z99"},
                             &out),
            0);
  EXPECT_EQ(server_->run_cli({"admin", "list-users", "--unit-code", "000.00.33.H47"}, &out), 0);
  EXPECT_NE(out.find("quantri.huyen"), std::string::npos);
}

TEST_P(CliTest, ImportAndExportTheOrganisationTree) {
  std::string path = server_->data_dir() + "/units.csv";
  std::ofstream(path)
      << "code,parent_code,name,level,kind\n"
         "000.77.33.H47,000.00.33.H47,Phòng Giáo dục và Đào tạo,district,division\n";
  std::string out;
  ASSERT_EQ(server_->run_cli({"import", "--file", path}, &out), 0) << out;
  EXPECT_NE(out.find("1 created"), std::string::npos) << out;
  std::string exported = server_->data_dir() + "/export.json";
  ASSERT_EQ(server_->run_cli({"export", "--format", "json", "--out", exported}, &out), 0) << out;
  std::ifstream f(exported);
  std::stringstream s;
  s << f.rdbuf();
  auto doc = boost::json::parse(s.str());
  EXPECT_GT(doc.at("units").as_array().size(), 390u);
  EXPECT_NE(s.str().find("Phòng Giáo dục và Đào tạo"), std::string::npos);
  std::ofstream(path)
      << "code,parent_code,name,level,kind\n000.78.33.H47,000.00.33.H47,Phòng,city,division\n";
  EXPECT_NE(server_->run_cli({"import", "--file", path}, &out), 0);
  EXPECT_NE(out.find("Dòng 2"), std::string::npos) << out;
}

TEST_P(CliTest, AuditVerifyAndTamperDetection) {
  std::string out;
  ASSERT_EQ(server_->run_cli({"audit", "verify"}, &out), 0) << out;
  EXPECT_NE(out.find("Audit log intact"), std::string::npos);
  if (GetParam() != "sqlite") return;  // tampering below edits the SQLite file directly
  server_->terminate();
  std::string db = server_->data_dir() + "/tinhso.db";
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, "UPDATE audit_log SET actor_name = 'Kẻ giả mạo' WHERE id = 100",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(h);
  EXPECT_EQ(server_->run_cli({"audit", "verify"}, &out), 3) << out;
  EXPECT_NE(out.find("AUDIT LOG BROKEN"), std::string::npos) << out;
  EXPECT_NE(out.find("audit id 100"), std::string::npos) << out;
}

TEST_P(CliTest, BackupIsAConsistentCopy) {
  std::string out;
  if (GetParam() == "postgres") {
    ASSERT_EQ(server_->run_cli({"backup"}, &out), 0);
    EXPECT_NE(out.find("pg_dump"), std::string::npos);
    return;
  }
  std::string target = server_->data_dir() + "/copy.db";
  ASSERT_EQ(server_->run_cli({"backup", "--out", target}, &out), 0) << out;
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(target.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "SELECT count(*) FROM units", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_GT(sqlite3_column_int(st, 0), 390);
  sqlite3_finalize(st);
  sqlite3_close(h);
  EXPECT_NE(server_->run_cli({"backup", "--out", target}, &out), 0) << "never overwrites";
}

TEST_P(CliTest, MigrateAndDemoAreIdempotent) {
  std::string out;
  EXPECT_EQ(server_->run_cli({"migrate"}, &out), 0) << out;
  EXPECT_EQ(server_->run_cli({"demo"}, &out), 0) << out;
  EXPECT_NE(out.find("already present"), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(Engines, CliTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing
