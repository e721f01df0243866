#include "core/storage/open.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/storage/pg_database.h"
#include "core/storage/sqlite_database.h"

namespace tinhso::storage {

Result<std::unique_ptr<Database>> open_database(const Config& config, int readers) {
  if (config.is_postgres()) {
    PgOptions o;
    o.url = config.database.url;
    o.pool_size = config.database.pool_size;
    o.statement_timeout_ms = config.database.statement_timeout_ms;
    TS_ASSIGN_OR_RETURN(auto db, PgDatabase::open(o));
    return std::unique_ptr<Database>(std::move(db));
  }
  SqliteOptions o;
  o.path = config.sqlite_path();
  if (o.path != ":memory:") {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(o.path).parent_path(), ec);
    if (ec) {
      return Error::unavailable(fmt::format("cannot create {}: {}",
                                            std::filesystem::path(o.path).parent_path().string(),
                                            ec.message()));
    }
  }
  o.readers = config.database.sqlite_readers > 0 ? config.database.sqlite_readers : readers;
  o.group_commit_max_batch = config.database.group_commit_max_batch;
  o.busy_timeout_ms = config.database.busy_timeout_ms;
  o.cache_mb = config.database.sqlite_cache_mb;
  TS_ASSIGN_OR_RETURN(auto db, SqliteDatabase::open(o));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace tinhso::storage
