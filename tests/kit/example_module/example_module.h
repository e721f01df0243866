// The smallest complete module, built only into the tests: it proves that adding a module is
// its own folders plus one line in a module list (docs/modules.md). One migration, one
// permission, one route, one background task.
#pragma once

#include "core/module/module.h"

namespace tinhso::example {

inline constexpr identity::Permission kReadNotes{"example_read_notes", identity::kAdminRoles};
inline constexpr identity::Permission kPermissions[] = {kReadNotes};

const ModuleDef& module_def();

}  // namespace tinhso::example
