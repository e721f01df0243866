// The reporting module's part of `tinhso demo` (ModuleDef::demo): Biểu 06/VPCP/KSTT
// (resources/reporting/) and the quarterly regime under which every commune-level people's
// committee reports it to the Office of the provincial People's Committee, defined by the
// demo's administrator through the service.
#pragma once

#include "core/module/module.h"

namespace tinhso::reporting::demo {

Result<std::string> build(Module& module, const DemoContext& context);

}  // namespace tinhso::reporting::demo
