// Schema migrations: numbered SQL files embedded from migrations/, applied in order, each in
// its own transaction, recorded in schema_migrations.
//
// One set of files serves both engines. A file may use two tokens that differ by dialect:
// @ID_PK@ (auto-increment primary key) and @BLOB@; where more differs, a migration has
// NNNN_name.sqlite.sql and NNNN_name.pg.sql variants instead of NNNN_name.sql.
#pragma once

#include <string>
#include <vector>

#include "core/storage/sql.h"

namespace tinhso::storage {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // already specialised for the dialect
};

// The embedded migrations for `dialect`, in version order.
std::vector<Migration> embedded_migrations(Dialect dialect);

// Applies pending migrations; returns the versions applied.
Result<std::vector<int>> migrate(Database& db);
// Versions embedded in the binary but not yet applied (readiness check).
Result<std::vector<int>> pending_migrations(Database& db);

}  // namespace tinhso::storage
