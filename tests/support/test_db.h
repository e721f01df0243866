// Throw-away databases for tests: a SQLite file in a temporary directory, or a fresh
// PostgreSQL database on the cluster named by TINHSO_TEST_PG_URL (scripts/with-postgres
// starts one). Tests that take an engine parameter run on both; PostgreSQL cases are skipped
// when no cluster is configured.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/storage/sql.h"

namespace tinhso::testing {

// "sqlite" always; "postgres" too when TINHSO_TEST_PG_URL is set.
std::vector<std::string> engines();
std::string pg_admin_url();  // empty when not configured

// Makes the PostgreSQL database `name` afresh (dropped first if it exists) and returns its URL.
// The tests never drop it: it lives as long as the throw-away cluster (installation_cache.h
// shares such databases between test processes).
std::string create_kept_pg_database(const std::string& name);

// A fresh PostgreSQL database, empty or a copy of `template_name` (which nobody may be connected
// to); dropped when the object is destroyed.
class PgScratchDatabase {
 public:
  explicit PgScratchDatabase(const std::string& template_name = "");
  ~PgScratchDatabase();
  PgScratchDatabase(const PgScratchDatabase&) = delete;
  PgScratchDatabase& operator=(const PgScratchDatabase&) = delete;
  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }

 private:
  std::string name_;
  std::string url_;
};

// A migrated database of the given engine, in a fresh temporary location.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& engine, bool migrate = true,
                        int group_commit_max_batch = 256);
  ~TestDatabase();
  storage::Database& db() { return *db_; }
  const std::string& engine() const { return engine_; }
  const std::string& url() const { return url_; }  // "sqlite:<path>" or the PostgreSQL URL
  const std::string& dir() const { return dir_; }

 private:
  std::string engine_;
  std::string dir_;
  std::string url_;
  std::unique_ptr<PgScratchDatabase> pg_;
  std::unique_ptr<storage::Database> db_;
};

// A unique temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tinhso::testing
