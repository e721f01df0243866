// The feedback module's command-line tools (`tinhso feedback recount`), declared in its ModuleDef.
#pragma once

#include <span>

#include "core/module/module.h"

namespace tinhso::feedback {

std::span<const ModuleCommand> commands();

}  // namespace tinhso::feedback
