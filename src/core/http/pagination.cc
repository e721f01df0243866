#include "core/http/pagination.h"

#include <fmt/format.h>

#include <charconv>

#include "core/base/crypto.h"
#include "core/base/json.h"

namespace tinhso::http {

Error bad_cursor() {
  return Error::invalid(
      "Tham số cursor không hợp lệ; hãy dùng giá trị next_cursor của trang trước.");
}

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
    Error bad = bad_cursor();
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

Result<std::optional<storage::SortKey>> key_after(const PageRequest& page) {
  if (!page.after) return std::optional<storage::SortKey>();
  const auto* k = page.after->if_contains("k");
  const auto* i = page.after->if_contains("i");
  if (k == nullptr || i == nullptr || !k->is_int64() || !i->is_int64()) return bad_cursor();
  return std::optional<storage::SortKey>(storage::SortKey{k->as_int64(), i->as_int64()});
}

boost::json::object keyed_page_json(boost::json::array items,
                                    const std::vector<storage::SortKey>& keys, int limit) {
  std::optional<boost::json::object> next;
  if (static_cast<int>(items.size()) > limit) {
    items.resize(static_cast<std::size_t>(limit));
    const storage::SortKey& last = keys[static_cast<std::size_t>(limit - 1)];
    next = boost::json::object{{"k", last.key}, {"i", last.id}};
  }
  return page_json(std::move(items), std::move(next));
}

}  // namespace tinhso::http
