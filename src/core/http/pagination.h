// Cursor pagination: `?limit=N&cursor=…` in, `{"items":[…],"next_cursor":…}` out.
// A cursor is the sort key of the last row returned, as base64url JSON; it stays valid
// while rows are inserted, unlike offsets.
#pragma once

#include <boost/json.hpp>
#include <optional>

#include "core/http/message.h"
#include "core/storage/keyset.h"

namespace tinhso::http {

struct PageRequest {
  int limit = 50;
  std::optional<boost::json::object> after;  // decoded cursor
};

Result<PageRequest> parse_page(const Request& req, int default_limit = 50, int max_limit = 200);
// The 400 for a cursor that is not one of ours (or not for this list).
Error bad_cursor();
std::string encode_cursor(const boost::json::object& key);
// {"items": items, "next_cursor": cursor-or-null}
boost::json::object page_json(boost::json::array items,
                              std::optional<boost::json::object> next_key);

// Keyset lists (storage/keyset.h): the key a cursor carries ({"k", "i"}), none without a
// cursor, a 400 when it is not a keyset cursor. A cursor of another list is not told apart: it
// only moves where this list starts.
Result<std::optional<storage::SortKey>> key_after(const PageRequest& page);
// The page from rows fetched with page.limit + 1: the first page.limit items, and the cursor
// after the last of them when there were more.
boost::json::object keyed_page_json(boost::json::array items,
                                    const std::vector<storage::SortKey>& keys, int limit);

}  // namespace tinhso::http
