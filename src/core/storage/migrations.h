// Schema migrations: each module (core included) has its own numbered SQL files in
// migrations/<module>/, embedded in the binary. They are applied module by module — core first,
// then the modules in dependency order (app/modules.h) — each file in its own transaction,
// recorded in module_migrations as (module, version).
//
// One set of files serves both engines. A file may use two tokens that differ by dialect:
// @ID_PK@ (auto-increment primary key) and @BLOB@; where more differs, a migration has
// NNNN_name.sqlite.sql and NNNN_name.pg.sql variants instead of NNNN_name.sql.
//
// Databases created before the module kit recorded one global sequence in schema_migrations;
// the first migrate() translates it (kLegacy in migrations.cc) and leaves the old table as it was.
#pragma once

#include <string>
#include <vector>

#include "core/storage/sql.h"

namespace tinhso::storage {

struct Migration {
  std::string module;
  int version = 0;
  std::string name;
  std::string sql;  // already specialised for the dialect

  // "onestop/0003_public_view": how logs and /readyz name it.
  std::string id() const;
};

// The migrations embedded under migrations/<module>/ for `dialect`, in version order.
std::vector<Migration> embedded_migrations(std::string_view module, Dialect dialect);
// The same read from a directory at run time (a module built outside this tree, tests).
Result<std::vector<Migration>> directory_migrations(const std::string& dir, std::string_view module,
                                                    Dialect dialect);

// Applies the pending ones of `all` (in the order given); returns the ids applied.
Result<std::vector<std::string>> migrate(Database& db, const std::vector<Migration>& all);
// The ids of `all` not yet applied (readiness check).
Result<std::vector<std::string>> pending_migrations(Database& db,
                                                    const std::vector<Migration>& all);

}  // namespace tinhso::storage
