// The reporting module's HTTP routes, one register_* per *_api.cc file. Only the module
// (module.cc) and the route files include it.
#pragma once

#include "core/http/router.h"
#include "reporting/module.h"

namespace tinhso::reporting {

void register_reporting_routes(http::Router& router, Reporting& m);

}  // namespace tinhso::reporting
