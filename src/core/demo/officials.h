// The demo installation's officials as principals, for the modules' parts of `tinhso demo`,
// which act through their services as those people would.
#pragma once

#include <string_view>

#include "core/base/result.h"
#include "core/identity/principal.h"
#include "core/storage/sql.h"

namespace tinhso::demo {

// The official signed in as `username`, with their grants; an internal error if missing.
Result<identity::Principal> official(storage::Database& db, std::string_view username);

}  // namespace tinhso::demo
