// JSON Schema snippets for the OpenAPI document, written inline next to the routes.
#pragma once

#include <boost/json.hpp>
#include <string_view>

namespace tinhso::http {

// Parses a schema literal; aborts on a malformed literal (a programming error caught at start-up).
boost::json::value schema(std::string_view json_text);

}  // namespace tinhso::http
