// How the public look-up view of a dossier is kept in dossiers.public_view: deflate against
// a fixed dictionary of what every view shares (keys, labels, unit kinds, date shapes), behind a
// one-byte format tag. A 2.6 KB view is stored in about 350 bytes, which keeps a 10-million
// dossier table at a few rows per page instead of one.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::onestop {

// The stored bytes of a view (JSON text).
std::string pack_public_view(std::string_view json);
// The JSON text of stored bytes. Views stored as plain JSON (before packing existed) pass as
// they are; an unknown tag or corrupt data is an internal error.
Result<std::string> unpack_public_view(std::string_view stored);

}  // namespace tinhso::onestop
