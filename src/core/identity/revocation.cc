#include "core/identity/revocation.h"

#include "core/identity/api_tokens.h"
#include "core/identity/sessions.h"
#include "core/storage/change_feed.h"

namespace tinhso::identity {

Status bump_revocation_epoch(storage::Tx& tx, int64_t now_ms) {
  TS_TRY(
      tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ('auth.revocation_epoch', "
              "'1', $1) ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS "
              "BIGINT) + 1 AS TEXT), updated_at = $1",
              {now_ms}));
  // Every node rechecks the epoch the moment this commits, not at its next periodic recheck.
  return storage::announce(tx, "revocation");
}

Status revoke_access(storage::Tx& tx, PrincipalKind kind, int64_t id, Revoke what, int64_t now_ms) {
  if (what.sessions)
    TS_TRY(tx.exec("DELETE FROM sessions WHERE principal_kind = $1 AND principal_id = $2",
                   {kind_name(kind), id}));
  if (what.tokens && kind == PrincipalKind::kOfficial)
    TS_TRY(
        tx.exec("UPDATE api_tokens SET revoked_at = $1 WHERE official_id = $2 AND revoked_at "
                "IS NULL",
                {now_ms, id}));
  return bump_revocation_epoch(tx, now_ms);
}

void RevocationWatcher::forget(PrincipalKind kind, int64_t id) {
  sessions_.forget_principal(kind, id);
  if (kind == PrincipalKind::kOfficial) tokens_.forget_official(id);
  settle();
}

Status RevocationWatcher::recheck() {
  TS_ASSIGN_OR_RETURN(auto rows, db_.read([](storage::Tx& tx) {
    return tx.query("SELECT value FROM settings WHERE key = 'auth.revocation_epoch'");
  }));
  int64_t epoch = rows.empty() ? 0 : std::stoll(rows.front().str(0));
  int64_t before = seen_.exchange(epoch);
  if (before >= 0 && before != epoch) {
    sessions_.forget_all();
    tokens_.forget_all();
  }
  return ok_status();
}

}  // namespace tinhso::identity
