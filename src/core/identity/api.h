// HTTP routes of the identity module: authentication and API tokens, the organisation tree,
// officials and their roles.
#pragma once

#include "core/http/router.h"
#include "core/services.h"

namespace tinhso::identity {

void register_auth_routes(http::Router& router, Services& s);
void register_unit_routes(http::Router& router, Services& s);
void register_official_routes(http::Router& router, Services& s);
class Reorganiser;
void register_reorganisation_routes(http::Router& router, Reorganiser& reorganiser);

}  // namespace tinhso::identity
