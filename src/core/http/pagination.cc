#include "core/http/pagination.h"

#include <fmt/format.h>

#include <charconv>

#include "core/base/crypto.h"
#include "core/base/json.h"

namespace tinhso::http {

Result<PageRequest> parse_page(const Request& req, int default_limit, int max_limit) {
  PageRequest p;
  p.limit = default_limit;
  if (auto l = req.query_param("limit"); l && !l->empty()) {
    int n = 0;
    auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
    if (ec != std::errc() || ptr != l->data() + l->size() || n < 1 || n > max_limit) {
      return Error::invalid(fmt::format("Tham số limit phải từ 1 đến {}.", max_limit));
    }
    p.limit = n;
  }
  if (auto c = req.query_param("cursor"); c && !c->empty()) {
    std::string raw;
    Error bad = Error::invalid(
        "Tham số cursor không hợp lệ; hãy dùng giá trị next_cursor của trang trước.");
    if (c->size() > 2000 || !crypto::base64url_decode(*c, raw)) return bad;
    auto v = json::parse(raw);
    if (!v.ok() || !v->is_object()) return bad;
    p.after = v->as_object();
  }
  return p;
}

std::string encode_cursor(const boost::json::object& key) {
  return crypto::base64url_encode(boost::json::serialize(key));
}

boost::json::object page_json(boost::json::array items,
                              std::optional<boost::json::object> next_key) {
  boost::json::object o;
  o["items"] = std::move(items);
  o["next_cursor"] = next_key ? boost::json::value(encode_cursor(*next_key)) : nullptr;
  return o;
}

}  // namespace tinhso::http
