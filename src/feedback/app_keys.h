// Open311 application keys (feedback_app_keys): issued and revoked by reception, each opening the
// Open311 endpoints for one application — not the rest of the API, unlike an official's API
// token. A key is "o311_<id>_<secret>"; only SHA-256 of the secret is kept. Parameterised SQL
// inside the caller's transaction; who may manage keys is the service's decision.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/storage/sql.h"

namespace tinhso::feedback {

struct AppKey {
  int64_t id = 0;
  std::string name;
  int64_t per_day = 0;
  int64_t created_by = 0;
  Instant created_at{};
  std::optional<Instant> revoked_at;
};

boost::json::object app_key_json(const AppKey& k);

struct NewAppKey {
  AppKey key;
  std::string secret_text;  // "o311_<id>_<secret>", shown once
};
Result<NewAppKey> insert_app_key(storage::Tx& tx, std::string name, int64_t per_day,
                                 int64_t created_by, Instant now);
Result<std::vector<AppKey>> load_app_keys(storage::Tx& tx);
// False when there is no such key or it was already revoked.
Result<bool> revoke_app_key(storage::Tx& tx, int64_t id, Instant now);
// The live key `text` names; nullopt when it is malformed, unknown, revoked or its secret wrong.
Result<std::optional<AppKey>> find_app_key(storage::Tx& tx, std::string_view text);
// Inside the transaction that sends an item through key `id`: refuses it (429
// feedback.app_quota) when the key has sent its daily allowance in the 24 hours before `now`,
// or 403 when the key was revoked meanwhile. On PostgreSQL the key's row stays locked until the
// transaction ends, so that requests sent at once cannot all count the same last free place.
Status use_allowance(storage::Tx& tx, int64_t id, Instant now);

}  // namespace tinhso::feedback
