// The one-stop module's command-line tools (`tinhso stats rebuild`, `tinhso dossiers
// render-views`), declared in its ModuleDef.
#pragma once

#include <span>

#include "core/module/module.h"

namespace tinhso::onestop {

std::span<const ModuleCommand> commands();

}  // namespace tinhso::onestop
