#include "core/demo/officials.h"

#include <fmt/format.h>

#include "core/identity/accounts.h"

namespace tinhso::demo {

Result<identity::Principal> official(storage::Database& db, std::string_view username) {
  return db.read([&](storage::Tx& tx) -> Result<identity::Principal> {
    TS_ASSIGN_OR_RETURN(
        auto c, identity::find_credentials(tx, identity::PrincipalKind::kOfficial, username));
    if (!c) return Error::internal(fmt::format("demo official {} missing", username));
    TS_ASSIGN_OR_RETURN(auto p,
                        identity::load_principal(tx, identity::PrincipalKind::kOfficial, c->id));
    if (!p) return Error::internal(fmt::format("demo official {} missing", username));
    return std::move(*p);
  });
}

}  // namespace tinhso::demo
