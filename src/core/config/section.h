// A module's configuration section: a typed struct of settings ([onestop], [payment], …) that
// the module declares in its own folder and core loads through the one key table — the same
// TOML file, TINHSO_* variables, --set flags, unknown-key errors and `tinhso config sample` as
// core's own sections (docs/modules.md).
#pragma once

#include <any>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/result.h"

namespace tinhso {

// Where one key's value lives, by type.
using ConfigTarget = std::variant<std::string*, int*, int64_t*, double*, bool*,
                                  std::vector<std::string>*, std::vector<int64_t>*>;

struct ConfigKey {
  std::string_view name;  // within its section: "warning_hours"
  std::string_view doc;   // one or two sentences, written into the sample file
  ConfigTarget (*get)(std::any& section);
};

// The getter of a ConfigKey: config_member<OneStopConfig, &OneStopConfig::warning_hours>.
template <class Section, auto Member>
ConfigTarget config_member(std::any& section) {
  return &(std::any_cast<Section&>(section).*Member);
}

template <class Section>
std::any config_defaults() {
  return Section{};
}

struct ConfigSection {
  // The TOML table and key prefix; the struct's kSection (Config::section<T>() finds it so).
  std::string_view name;
  std::any (*defaults)() = nullptr;
  std::span<const ConfigKey> keys;
  // Checks the loaded values; errors come from config_error() and name the key. May be null.
  Status (*validate)(const std::any& section) = nullptr;
};

// An operator's error in the configuration (Vietnamese: shown to whoever starts the server).
Error config_error(std::string_view where, std::string_view key, std::string_view problem);

}  // namespace tinhso
