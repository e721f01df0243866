// The one-stop module's HTTP routes, one register_* per *_api.cc file. Only the module
// (module.cc) and the route files include it.
#pragma once

#include "core/http/router.h"
#include "onestop/module.h"

namespace tinhso::onestop {

void register_catalog_routes(http::Router& router, OneStop& m);
void register_dossier_routes(http::Router& router, OneStop& m);
void register_public_routes(http::Router& router, OneStop& m);
void register_statistics_routes(http::Router& router, OneStop& m);
void register_file_routes(http::Router& router, OneStop& m);
void register_outbox_routes(http::Router& router, OneStop& m);
void register_payment_routes(http::Router& router, OneStop& m);
void register_document_store_routes(http::Router& router, OneStop& m);
void register_portal_routes(http::Router& router, OneStop& m);

}  // namespace tinhso::onestop
