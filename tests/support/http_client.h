// A small blocking HTTP/1.1 client over a raw socket, for integration tests: it can send
// well-formed requests (with keep-alive and cookies) and arbitrary bytes.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tinhso::testing {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::optional<std::string> header(const std::string& lower_name) const;
  boost::json::value json() const;  // parses the body; throws on invalid JSON
  std::string error_code() const;   // error.code of a JSON error body, or ""
};

class HttpConnection {
 public:
  explicit HttpConnection(int port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  void send_raw(const std::string& bytes);
  // Reads one response; nullopt if the server closed the connection first.
  std::optional<HttpResponse> read_response(int timeout_ms = 10000);
  // True when the server has closed the connection (read returns EOF within the timeout).
  bool closed_by_server(int timeout_ms = 3000);

 private:
  int fd_ = -1;
  std::string buffer_;
};

// A client session: cookie jar, CSRF token from the last login, JSON helpers.
class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}

  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  HttpResponse post_json(const std::string& target, const boost::json::value& body) {
    return request("POST", target, boost::json::serialize(body),
                   {{"Content-Type", "application/json"}});
  }
  HttpResponse send_json(const std::string& method, const std::string& target,
                         const boost::json::value& body) {
    return request(method, target, boost::json::serialize(body),
                   {{"Content-Type", "application/json"}});
  }
  // Logs in and keeps the session cookie and CSRF token.
  HttpResponse login(const std::string& username, const std::string& password,
                     const std::string& type = "official");

  // The same session (cookies, CSRF token, bearer) talking to another server: a node of the
  // same installation.
  HttpClient at(int port) const {
    HttpClient c = *this;
    c.port_ = port;
    return c;
  }
  void set_bearer(std::string token) { bearer_ = std::move(token); }
  void forget_csrf() { csrf_.clear(); }
  const std::string& csrf() const { return csrf_; }
  std::map<std::string, std::string>& cookies() { return cookies_; }

 private:
  int port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  std::string bearer_;
};

std::string url_encode(const std::string& s);

}  // namespace tinhso::testing
