// The OpenAPI 3 document of the API, generated from the routes' own declarations so that it
// cannot drift from the code.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/http/router.h"

namespace tinhso::http {

boost::json::object build_openapi(const Router& router, const std::string& version);

}  // namespace tinhso::http
