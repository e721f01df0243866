#include "support/test_db.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "app/modules.h"
#include "core/storage/migrations.h"
#include "core/storage/pg_database.h"
#include "core/storage/sqlite_database.h"

namespace tinhso::testing {
namespace {

void pg_exec(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("postgres admin connection: " + msg);
  }
  PGresult* r = PQexec(c, sql.c_str());
  std::string msg = PQresultErrorMessage(r);
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error("postgres admin: " + msg + " in " + sql);
}

// Replaces the database name (the path) of a postgresql:// URL.
std::string with_database(const std::string& url, const std::string& name) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  auto query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + name + tail;
}

}  // namespace

std::string pg_admin_url() {
  // Read while tests start, before any thread of theirs changes the environment.
  const char* v = std::getenv("TINHSO_TEST_PG_URL");  // NOLINT(concurrency-mt-unsafe)
  return v == nullptr ? std::string() : std::string(v);
}

std::vector<std::string> engines() {
  std::vector<std::string> e = {"sqlite"};
  if (!pg_admin_url().empty()) e.push_back("postgres");
  return e;
}

std::string create_kept_pg_database(const std::string& name) {
  // Names are ours, never input: no quoting needed.
  pg_exec(pg_admin_url(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  pg_exec(pg_admin_url(), "CREATE DATABASE " + name);
  return with_database(pg_admin_url(), name);
}

PgScratchDatabase::PgScratchDatabase(const std::string& template_name) {
  static std::atomic<int> counter{0};
  name_ = fmt::format("tinhso_test_{}_{}", getpid(), counter.fetch_add(1));
  // Names are ours (tinhso_test_<pid>_<n>), never input: no quoting needed.
  pg_exec(pg_admin_url(),
          "CREATE DATABASE " + name_ + (template_name.empty() ? "" : " TEMPLATE " + template_name));
  url_ = with_database(pg_admin_url(), name_);
}

PgScratchDatabase::~PgScratchDatabase() {
  try {
    pg_exec(pg_admin_url(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "warning: %s\n", e.what());
  }
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tinhso-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

TestDatabase::TestDatabase(const std::string& engine, bool migrate, int group_commit_max_batch)
    : engine_(engine) {
  if (engine == "postgres") {
    pg_ = std::make_unique<PgScratchDatabase>();
    url_ = pg_->url();
    storage::PgOptions o;
    o.url = url_;
    o.pool_size = 8;
    auto db = storage::PgDatabase::open(o);
    if (!db.ok()) throw std::runtime_error(db.error().describe());
    db_ = std::move(*db);
  } else {
    char tmpl[] = "/tmp/tinhso-db-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    storage::SqliteOptions o;
    o.path = dir_ + "/test.db";
    o.readers = 4;
    o.group_commit_max_batch = group_commit_max_batch;
    url_ = "sqlite:" + o.path;
    auto db = storage::SqliteDatabase::open(o);
    if (!db.ok()) throw std::runtime_error(db.error().describe());
    db_ = std::move(*db);
  }
  if (migrate) {
    auto all = app::default_migrations(db_->dialect());
    if (!all.ok()) throw std::runtime_error(all.error().describe());
    auto applied = storage::migrate(*db_, *all);
    if (!applied.ok()) throw std::runtime_error(applied.error().describe());
  }
}

TestDatabase::~TestDatabase() {
  if (db_) db_->close();
  db_.reset();
  pg_.reset();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

}  // namespace tinhso::testing
