// Installations built once and copied for each test that asks for the same one: building the
// demo province takes seconds optimised and close to a minute under AddressSanitizer, while a
// copy is a file copy or a CREATE DATABASE … TEMPLATE. Tests still each get their own
// installation, which they may change at will. Under scripts/with-postgres the test processes
// of a run (ctest's shards, side by side) share one cache in TINHSO_TEST_INSTALLATIONS, taking
// turns to build under a file lock; otherwise each process keeps its own.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "support/test_db.h"

namespace tinhso::testing {

// A data directory and the URL of its database.
struct Installation {
  std::string dir;
  std::string database_url;
};

// Makes the existing, empty data directory `dir` a copy of the installation named `key`, which
// `build` makes the first time the key is asked for in this run (or process). The key names
// everything the installation depends on, the build of tinhso included. On SQLite the database is
// the file `sqlite_file` of the data directory; on PostgreSQL a new database, cloned from the
// kept one and owned by `pg`. Returns the copy's database URL, or nothing when `build` failed
// (a failed build is not kept: the next test builds again and fails on its own).
std::optional<std::string> copy_installation(const std::string& key, const std::string& engine,
                                             const std::string& dir, const std::string& sqlite_file,
                                             std::unique_ptr<PgScratchDatabase>& pg,
                                             const std::function<bool(const Installation&)>& build);

}  // namespace tinhso::testing
