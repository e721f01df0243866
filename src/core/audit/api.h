// HTTP routes of the audit log: browsing entries and verifying the chains.
#pragma once

#include "core/http/router.h"
#include "core/services.h"

namespace tinhso::audit {

void register_audit_routes(http::Router& router, Services& s);

}  // namespace tinhso::audit
