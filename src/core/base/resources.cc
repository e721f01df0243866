#include "core/base/resources.h"

#include <algorithm>

namespace tinhso::resources {

std::optional<std::string_view> get(std::string_view name) {
  const auto& list = all();
  auto it = std::lower_bound(list.begin(), list.end(), name,
                             [](const Resource& r, std::string_view n) { return r.name < n; });
  if (it == list.end() || it->name != name) return std::nullopt;
  return it->data;
}

std::vector<Resource> with_prefix(std::string_view prefix) {
  std::vector<Resource> out;
  for (const auto& r : all()) {
    if (r.name.starts_with(prefix)) out.push_back(r);
  }
  return out;
}

}  // namespace tinhso::resources
