// Whole-file reads and writes for configuration, keys and command-line tools.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace tinhso {

// The file's bytes; 400 with a Vietnamese message naming the path when it cannot be read.
Result<std::string> read_file(const std::string& path);

// Replaces the file (creating its directory); `owner_only`: mode 0600, for keys.
Status write_file(const std::string& path, std::string_view bytes, bool owner_only = false);

}  // namespace tinhso
