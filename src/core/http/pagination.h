// Cursor pagination: `?limit=N&cursor=…` in, `{"items":[…],"next_cursor":…}` out.
// A cursor is the sort key of the last row returned, as base64url JSON; it stays valid
// while rows are inserted, unlike offsets.
#pragma once

#include <boost/json.hpp>
#include <optional>

#include "core/http/message.h"

namespace tinhso::http {

struct PageRequest {
  int limit = 50;
  std::optional<boost::json::object> after;  // decoded cursor
};

Result<PageRequest> parse_page(const Request& req, int default_limit = 50, int max_limit = 200);
std::string encode_cursor(const boost::json::object& key);
// {"items": items, "next_cursor": cursor-or-null}
boost::json::object page_json(boost::json::array items,
                              std::optional<boost::json::object> next_key);

}  // namespace tinhso::http
