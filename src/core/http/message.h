// HTTP request and response as handlers see them: plain values, independent of Boost.Beast,
// so handlers, the pipeline and the fuzzer do not depend on the network layer.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace tinhso::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// The Content-Security-Policy for a response of `content_type`: the web pages' policy for HTML,
// nothing allowed for everything else. A 304 that revalidates a page must carry the page's
// policy (browsers merge its headers into the cached response), so both the pipeline and the
// static files ask here.
inline std::string_view content_security_policy(std::string_view content_type) {
  if (content_type.starts_with("text/html"))
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
           "frame-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
  return "default-src 'none'; frame-ancestors 'none'";
}
// The same, with pages also allowed images from `image_origin` ("https://host[:port]": the map's
// tile server, core/config MapConfig), when not empty.
inline std::string content_security_policy(std::string_view content_type,
                                           std::string_view image_origin) {
  std::string policy(content_security_policy(content_type));
  if (image_origin.empty() || !content_type.starts_with("text/html")) return policy;
  std::string_view img = "img-src 'self' data: blob:";
  policy.insert(policy.find(img) + img.size(), " " + std::string(image_origin));
  return policy;
}

Method parse_method(std::string_view m);
std::string_view method_name(Method m);
inline bool is_safe(Method m) {
  return m == Method::kGet || m == Method::kHead || m == Method::kOptions;
}

struct Request {
  Method method = Method::kGet;
  std::string target;                                        // as received: path and query
  std::string path;                                          // percent-decoded path
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string client_ip;
  std::string request_id;
  bool keep_alive = true;

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string_view> query_param(std::string_view key) const;
  // Value of cookie `name` from the Cookie header, or empty.
  std::string_view cookie(std::string_view name) const;
};

// Parses request-target into path and query; false for targets that are not origin-form or
// whose path does not decode to valid UTF-8 without NUL.
bool parse_target(std::string_view target, Request& out);

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response json(const boost::json::value& v, int status = 200);
  static Response error(const Error& e);
  static Response no_content();
  static Response bytes(std::string body, std::string content_type);
  // A file to save (or, `inline_view`, to show in the browser) under `filename`, which may be
  // Vietnamese (RFC 6266 filename*).
  static Response file(std::string body, std::string content_type, std::string_view filename,
                       bool inline_view = false);
  void set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;
};

// "name=value; Path=/; HttpOnly; SameSite=Strict[; Secure]; Max-Age=N"
std::string make_cookie(std::string_view name, std::string_view value, int64_t max_age_seconds,
                        bool http_only, bool secure);

}  // namespace tinhso::http
