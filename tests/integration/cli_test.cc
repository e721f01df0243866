// The command-line tools against real databases: admin, import/export, backup, audit verify.
#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/base/file_io.h"
#include "core/base/time.h"
#include "integration/server_fixture.h"

namespace tinhso::testing {
namespace {

using boost::json::object;

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

// What an operator does after losing the database: put the last backup back. Dossier codes
// issued after it are on people's receipts; `restore finish` moves the counters past them (a
// `tinhso backup` copy is refused by the server until then), and none is issued again.
TEST_P(CliTest, ARestoredBackupIssuesNoDossierCodeTwice) {
  bool pg = GetParam() == "postgres";
  auto log_text = [](const std::string& path) {
    auto text = read_file(path);
    return text.ok() ? *text : std::string();
  };
  const std::string pg_bin = "/usr/lib/postgresql/15/bin/";
  std::string out, backup = server_->data_dir() + "/backups/before.db";
  std::string taken_at = format_rfc3339(Clock().now() - std::chrono::seconds(1));
  if (pg) {
    std::filesystem::create_directories(server_->data_dir() + "/backups");
    std::string log = server_->data_dir() + "/pg_dump.log";
    ASSERT_EQ(run_and_wait({pg_bin + "pg_dump", "--format=custom", "--file=" + backup,
                            server_->database_url()},
                           log),
              0)
        << log_text(log);
  } else {
    ASSERT_EQ(server_->run_cli({"backup", "--out", backup}, &out), 0) << out;
  }

  HttpClient desk(server_->port());
  ASSERT_EQ(desk.login("motcua.tinh", kDemoPassword).status, 200);
  auto found = desk.get("/api/v1/procedures?q=" + url_encode("ly lich tu phap"));
  ASSERT_EQ(found.status, 200) << found.body;
  int64_t procedure = found.json().at("items").at(0).at("id").as_int64();
  auto submit = [&](HttpClient& c, int n) -> std::string {
    object body{{"procedure_id", procedure},
                {"applicant", object{{"name", "Nguyễn Văn Khôi"},
                                     {"phone", "0912000111"},
                                     {"id_number", "047190001234"},
                                     {"address", fmt::format("Số {} đường Lê Lợi", n)}}},
                {"papers_received", boost::json::array{object{{"index", 0}, {"originals", 1}},
                                                       object{{"index", 1}, {"copies", 1}}}}};
    auto r = c.post_json("/api/v1/dossiers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(r.json().at("code").as_string()) : std::string();
  };
  // Issued after the backup: lost with the database, kept by the people who hold them.
  std::set<std::string> issued;
  for (int i = 0; i < 3; ++i) issued.insert(submit(desk, i));
  ASSERT_EQ(issued.size(), 3u);

  // The database is lost; the backup goes in its place.
  ASSERT_EQ(server_->terminate(), 0);
  ServerOptions again;
  again.keys_of = server_->data_dir();
  if (pg) {
    std::string log = server_->data_dir() + "/pg_restore.log";
    ASSERT_EQ(run_and_wait({pg_bin + "pg_restore", "--clean", "--if-exists",
                            "--dbname=" + server_->database_url(), backup},
                           log),
              0)
        << log_text(log);
    again.database_url = server_->database_url();
    // A dump carries no stamp: the operator says when it was taken.
    EXPECT_NE(server_->run_cli({"restore", "finish"}, &out), 0);
    EXPECT_NE(out.find("--taken-at"), std::string::npos) << out;
    ASSERT_EQ(server_->run_cli({"restore", "finish", "--taken-at", taken_at}, &out), 0) << out;
  } else {
    std::string db = server_->data_dir() + "/tinhso.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    std::filesystem::copy_file(backup, db);
    again.database_url = "sqlite:" + db;
    try {
      ServerProcess refused(again);
      ADD_FAILURE() << "a restored copy was served before `restore finish`";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("tinhso restore finish"), std::string::npos) << e.what();
    }
    // A file of something else (here: document notations) is refused, and changes nothing.
    std::string wrong = server_->data_dir() + "/issued.txt";
    std::ofstream(wrong) << "12/QĐ-UBND\n" << *issued.begin() << "\n";
    EXPECT_NE(server_->run_cli({"restore", "finish", "--issued", wrong}, &out), 0);
    EXPECT_NE(out.find("12/QĐ-UBND"), std::string::npos) << out;
    ASSERT_EQ(server_->run_cli({"restore", "finish"}, &out), 0) << out;
  }
  EXPECT_NE(out.find("Dossier codes: "), std::string::npos) << out;
  EXPECT_NE(out.find("Document registers: "), std::string::npos) << out;
  ServerProcess restored(again);
  HttpClient desk2(restored.port());
  ASSERT_EQ(desk2.login("motcua.tinh", kDemoPassword).status, 200);
  std::string next = submit(desk2, 9);
  ASSERT_FALSE(next.empty());
  EXPECT_EQ(issued.count(next), 0u) << next << " was issued before the restore";
  // Same agency and day: the new sequence is past every one issued after the backup.
  int compared = 0;
  for (const auto& code : issued) {
    if (code.substr(0, code.rfind('-')) != next.substr(0, next.rfind('-'))) continue;
    EXPECT_GT(std::stoll(next.substr(next.rfind('-') + 1)),
              std::stoll(code.substr(code.rfind('-') + 1)));
    ++compared;
  }
  EXPECT_GT(compared, 0) << "the same desk on the same day gives codes of one agency and day";
  // Finished once: the stamp is gone.
  if (!pg) {
    EXPECT_NE(server_->run_cli({"restore", "finish"}, &out), 0) << "no stamp and no --taken-at";
  }
}

// A database put back to an earlier time without a stamp — a point-in-time recovery, a dump
// restored, a file copied back — is noticed when the node starts, by its own newest signed audit
// checkpoint (written when it stopped): refused until `restore finish` says when the copy was
// taken. `audit verify --until` then checks the checkpoints up to that time; the later ones name
// entries the restore removed.
TEST_P(CliTest, ADatabasePutBackToAnEarlierTimeIsRefusedUntilTheRestoreIsFinished) {
  bool pg = GetParam() == "postgres";
  const std::string pg_bin = "/usr/lib/postgresql/15/bin/";
  std::string out, copy = server_->data_dir() + "/earlier.copy";
  std::string taken_at = format_rfc3339(Clock().now() - std::chrono::seconds(1));
  if (pg) {
    ASSERT_EQ(run_and_wait({pg_bin + "pg_dump", "--format=custom", "--file=" + copy,
                            server_->database_url()},
                           server_->data_dir() + "/pg_dump.log"),
              0);
  } else {
    // Copied by other means than `tinhso backup` (a file-system snapshot): no stamp.
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open((server_->data_dir() + "/tinhso.db").c_str(), &h), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(h, "VACUUM INTO ?", -1, &st, nullptr), SQLITE_OK);
    sqlite3_bind_text(st, 1, copy.c_str(), -1, SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(h);
  }
  // After the copy an official is created (audited); then the node stops.
  ASSERT_EQ(server_->run_cli({"admin", "create-user", "--username", "sau.saoluu", "--full-name",
                              "Lê Thị Sáu", "--unit-code", "000.00.33.H47", "--role", "unit_admin",
                              "--password", "Le-Thi-Sau@2026"},
                             &out),
            0)
      << out;
  ASSERT_EQ(server_->terminate(), 0);
  const std::string checkpoints = server_->data_dir() + "/audit-checkpoints.jsonl";
  ASSERT_TRUE(std::filesystem::exists(checkpoints));

  // The copy goes back in place of the database.
  if (pg) {
    ASSERT_EQ(run_and_wait({pg_bin + "pg_restore", "--clean", "--if-exists",
                            "--dbname=" + server_->database_url(), copy},
                           server_->data_dir() + "/pg_restore.log"),
              0);
  } else {
    std::string db = server_->data_dir() + "/tinhso.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    std::filesystem::copy_file(copy, db);
  }
  // The same node again: its keys and its checkpoints.
  ServerOptions again;
  again.keys_of = server_->data_dir();
  again.database_url = server_->database_url();
  again.settings.push_back("audit.checkpoint_file=" + checkpoints);
  try {
    ServerProcess refused(again);
    ADD_FAILURE() << "a database put back to an earlier time was served";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("restore finish --taken-at"), std::string::npos)
        << e.what();
  }
  ASSERT_EQ(server_->run_cli({"restore", "finish", "--taken-at", taken_at}, &out), 0) << out;
  {
    ServerProcess restored(again);
    EXPECT_EQ(HttpClient(restored.port()).login("sau.saoluu", "Le-Thi-Sau@2026").status, 401)
        << "created after the copy: gone with it";
    EXPECT_EQ(HttpClient(restored.port()).login("motcua.tinh", kDemoPassword).status, 200);
  }
  EXPECT_EQ(server_->run_cli({"audit", "verify"}, &out), 3) << out;
  EXPECT_NE(out.find("AUDIT LOG BROKEN"), std::string::npos) << out;
  ASSERT_EQ(server_->run_cli({"audit", "verify", "--until", taken_at}, &out), 0) << out;
  EXPECT_NE(out.find("not checked (--until)"), std::string::npos) << out;
  EXPECT_EQ(server_->run_cli({"audit", "verify", "--until", "yesterday"}, &out), 1) << out;
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
