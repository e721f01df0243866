// The smallest complete module, built only into the tests: it proves that adding a module is
// its own folders plus one line in a module list (docs/modules.md). One migration, one
// permission, one route, one background task, one setting, one tool, one demo step.
#pragma once

#include "core/module/module.h"

namespace tinhso::example {

inline constexpr identity::Permission kReadNotes{"example_read_notes", identity::kAdminRoles};
inline constexpr identity::Permission kPermissions[] = {kReadNotes};

// [example]: how often the task runs.
struct ExampleConfig {
  static constexpr std::string_view kSection = "example";
  int tick_ms = 20;
};

const ModuleDef& module_def();

}  // namespace tinhso::example
