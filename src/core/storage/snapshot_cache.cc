#include "core/storage/snapshot_cache.h"

#include "core/storage/change_feed.h"

namespace tinhso::storage {

Result<int64_t> read_version(Tx& tx, std::string_view key) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT value FROM settings WHERE key = $1", {key}));
  if (rows.empty()) return int64_t{0};
  return rows.front().i64(0);
}

Status bump_version(Tx& tx, std::string_view key, int64_t now_ms) {
  TS_TRY(tx.exec(
      "INSERT INTO settings (key, value, updated_at) VALUES ($1, '1', $2) "
      "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT), "
      "updated_at = $2",
      {key, now_ms}));
  // Every node reloads the moment this commits, not at its next periodic recheck.
  return announce(tx, "version", key);
}

}  // namespace tinhso::storage
