#include "onestop/portal_content.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/file_io.h"
#include "core/base/resources.h"
#include "core/base/text.h"
#include "core/base/time.h"

namespace tinhso::onestop {
namespace {

using boost::json::array;
using boost::json::object;

// A required text field of `o`, trimmed and NFC; "" when missing or not text.
std::string text_of(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return "";
  return text::to_nfc(text::trim(v->as_string()));
}

// Copies the objects of `list` keeping `keys` (all required but `optional`).
Result<array> items(const object& doc, std::string_view list, std::vector<std::string_view> keys,
                    std::vector<std::string_view> optional = {}) {
  array out;
  const auto* v = doc.if_contains(list);
  if (v == nullptr) return out;
  if (!v->is_array()) return Error::invalid(fmt::format("{} must be a list", list));
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const auto& item = v->as_array()[i];
    if (!item.is_object()) return Error::invalid(fmt::format("{}[{}] must be an object", list, i));
    object kept;
    for (auto key : keys) {
      std::string t = text_of(item.as_object(), key);
      bool needed = std::find(optional.begin(), optional.end(), key) == optional.end();
      if (t.empty() && needed)
        return Error::invalid(fmt::format("{}[{}].{} is missing", list, i, key));
      if (text::has_forbidden_characters(t))
        return Error::invalid(fmt::format("{}[{}].{} holds control characters", list, i, key));
      kept[key] = t;
    }
    out.push_back(std::move(kept));
  }
  return out;
}

}  // namespace

Result<object> load_portal_content(const std::string& path) {
  std::string text;
  if (path.empty()) {
    auto embedded = resources::get("resources/onestop/portal-content.json");
    if (!embedded) return Error::internal("portal content resource missing");
    text = std::string(*embedded);
  } else {
    TS_ASSIGN_OR_RETURN(text, read_file(path));
  }
  boost::system::error_code ec;
  auto doc = boost::json::parse(text, ec);
  if (ec || !doc.is_object())
    return Error::invalid(
        fmt::format("{}: not a JSON object", path.empty() ? "portal content" : path));
  const object& o = doc.as_object();
  object out{{"hotline", text_of(o, "hotline")}, {"email", text_of(o, "email")}};
  TS_ASSIGN_OR_RETURN(
      auto offices, items(o, "offices", {"name", "address", "hours", "phone"}, {"hours", "phone"}));
  TS_ASSIGN_OR_RETURN(auto news, items(o, "news", {"date", "title", "body"}));
  TS_ASSIGN_OR_RETURN(auto faq, items(o, "faq", {"q", "a"}));
  for (const auto& n : news) {
    if (!parse_iso_date(n.at("date").as_string()).ok())
      return Error::invalid(
          fmt::format("news date {} is not YYYY-MM-DD", std::string(n.at("date").as_string())));
  }
  std::stable_sort(news.begin(), news.end(), [](const auto& a, const auto& b) {
    return a.at("date").as_string() > b.at("date").as_string();
  });
  out["offices"] = std::move(offices);
  out["news"] = std::move(news);
  out["faq"] = std::move(faq);
  return out;
}

}  // namespace tinhso::onestop
