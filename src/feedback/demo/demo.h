// The feedback module's part of `tinhso demo` (ModuleDef::demo): feedback people sent to the
// province over the period, in every state — waiting for reception, at the competent unit,
// answered and published, rated, reopened, rejected — through the service, as people and
// officials would have done it on those days.
#pragma once

#include "core/module/module.h"

namespace tinhso::feedback::demo {

Result<std::string> build(Module& module, const DemoContext& context);

}  // namespace tinhso::feedback::demo
