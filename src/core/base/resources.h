// Files embedded in the binary at build time (migrations/, resources/): the binary needs
// nothing from the source tree at run time except the built web front end.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace tinhso::resources {

struct Resource {
  std::string_view name;  // path relative to the source root, e.g. "migrations/core/0001_core.sql"
  std::string_view data;
};

// All resources, sorted by name.
const std::vector<Resource>& all();
std::optional<std::string_view> get(std::string_view name);
// Resources whose name starts with `prefix`, sorted by name.
std::vector<Resource> with_prefix(std::string_view prefix);

}  // namespace tinhso::resources
