#include "core/http/message.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "core/base/text.h"

namespace tinhso::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

Method parse_method(std::string_view m) {
  if (m == "GET") return Method::kGet;
  if (m == "POST") return Method::kPost;
  if (m == "PUT") return Method::kPut;
  if (m == "PATCH") return Method::kPatch;
  if (m == "DELETE") return Method::kDelete;
  if (m == "HEAD") return Method::kHead;
  if (m == "OPTIONS") return Method::kOptions;
  return Method::kOther;
}

std::string_view method_name(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view key) const {
  for (const auto& [k, v] : query) {
    if (k == key) return std::string_view(v);
  }
  return std::nullopt;
}

std::string_view Request::cookie(std::string_view name) const {
  auto h = header("cookie");
  if (!h) return {};
  for (auto part : text::split(*h, ';')) {
    part = text::trim(part);
    auto eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (part.substr(0, eq) == name) return part.substr(eq + 1);
  }
  return {};
}

bool parse_target(std::string_view target, Request& out) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  const auto& url = *parsed;
  std::string path;
  path.reserve(target.size());
  for (char c : url.encoded_path().decode()) path += c;
  if (path.empty() || path.front() != '/' || path.find('\0') != std::string::npos ||
      !text::is_valid_utf8(path)) {
    return false;
  }
  out.path = std::move(path);
  out.query.clear();
  if (url.has_query()) {
    for (auto param : url.params()) {
      std::string value = param.has_value ? std::string(param.value) : std::string();
      if (!text::is_valid_utf8(param.key) || !text::is_valid_utf8(value)) return false;
      out.query.emplace_back(std::string(param.key), std::move(value));
    }
  }
  out.target = std::string(target);
  return true;
}

Response Response::json(const boost::json::value& v, int status) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(v);
  return r;
}

Response Response::error(const Error& e) {
  Response r = json(e.to_json(), e.status());
  if ((e.status() == 429 || e.status() == 503) && e.details().is_object()) {
    if (const auto* s = e.details().as_object().if_contains("retry_after_seconds")) {
      r.set_header("Retry-After", std::to_string(s->to_number<int64_t>()));
    }
  }
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Response::bytes(std::string body, std::string content_type) {
  Response r;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

Response Response::file(std::string body, std::string content_type, std::string_view filename,
                        bool inline_view) {
  Response r = bytes(std::move(body), std::move(content_type));
  r.set_header("Content-Disposition", std::string(inline_view ? "inline" : "attachment") +
                                          "; filename*=UTF-8''" + text::percent_encode(filename));
  return r;
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (iequals(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return std::string_view(v);
  }
  return std::nullopt;
}

std::string make_cookie(std::string_view name, std::string_view value, int64_t max_age_seconds,
                        bool http_only, bool secure) {
  return fmt::format("{}={}; Path=/; Max-Age={}; SameSite=Strict{}{}", name, value, max_age_seconds,
                     http_only ? "; HttpOnly" : "", secure ? "; Secure" : "");
}

}  // namespace tinhso::http
