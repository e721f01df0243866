// The OpenAPI 3 document of the API, generated from the routes' own declarations so that it
// cannot drift from the code.
#pragma once

#include <boost/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "core/http/router.h"

namespace tinhso::http {

// A group of operations in the document (a route's `tag`), declared by core or a module.
struct ApiTag {
  std::string_view name;
  std::string_view description;
};

// `tags` are listed, in order, as the document's tag descriptions.
boost::json::object build_openapi(const Router& router, const std::string& version,
                                  std::span<const ApiTag> tags = {});

}  // namespace tinhso::http
