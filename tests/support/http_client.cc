#include "support/http_client.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace tinhso::testing {

std::optional<std::string> HttpResponse::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return std::nullopt;
}

boost::json::value HttpResponse::json() const {
  return boost::json::parse(body);
}

std::string HttpResponse::error_code() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("error")) return {};
  return std::string(v.at("error").at("code").as_string());
}

HttpConnection::HttpConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

HttpConnection::~HttpConnection() {
  if (fd_ >= 0) ::close(fd_);
}

void HttpConnection::send_raw(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server may close early (413, 431): the test reads what it said
    sent += static_cast<std::size_t>(n);
  }
}

bool HttpConnection::closed_by_server(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char c;
  return ::recv(fd_, &c, 1, MSG_PEEK) == 0;
}

std::optional<HttpResponse> HttpConnection::read_response(int timeout_ms) {
  auto fill = [&]() -> bool {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  };
  while (true) {
    auto end = buffer_.find("\r\n\r\n");
    if (end != std::string::npos) {
      HttpResponse r;
      std::string head = buffer_.substr(0, end);
      std::size_t line_end = head.find("\r\n");
      std::string status_line = head.substr(0, line_end);
      std::from_chars(status_line.data() + std::min<std::size_t>(9, status_line.size()),
                      status_line.data() + std::min<std::size_t>(12, status_line.size()), r.status);
      std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
      std::size_t length = 0;
      while (pos < head.size()) {
        std::size_t e = head.find("\r\n", pos);
        if (e == std::string::npos) e = head.size();
        std::string line = head.substr(pos, e - pos);
        auto colon = line.find(':');
        if (colon != std::string::npos) {
          std::string name = line.substr(0, colon);
          for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          std::string value = line.substr(colon + 1);
          while (!value.empty() && value.front() == ' ') value.erase(0, 1);
          if (name == "content-length") length = std::stoul(value);
          r.headers.emplace_back(name, value);
        }
        pos = e + 2;
      }
      if (r.status == 100) {  // interim response
        buffer_.erase(0, end + 4);
        continue;
      }
      while (buffer_.size() < end + 4 + length) {
        if (!fill()) return std::nullopt;
      }
      r.body = buffer_.substr(end + 4, length);
      buffer_.erase(0, end + 4 + length);
      return r;
    }
    if (!fill()) return std::nullopt;
  }
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 const std::map<std::string, std::string>& headers) {
  HttpConnection c(port_);
  if (!c.connected()) throw std::runtime_error("cannot connect to the server");
  std::string req =
      fmt::format("{} {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n", method, target);
  if (!cookies_.empty()) {
    std::string cookie;
    for (const auto& [k, v] : cookies_)
      cookie.append(cookie.empty() ? "" : "; ").append(k).append("=").append(v);
    req.append("Cookie: ").append(cookie).append("\r\n");
  }
  if (!csrf_.empty() && method != "GET") req.append("X-CSRF-Token: ").append(csrf_).append("\r\n");
  if (!bearer_.empty()) req.append("Authorization: Bearer ").append(bearer_).append("\r\n");
  for (const auto& [k, v] : headers) req.append(k).append(": ").append(v).append("\r\n");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req += fmt::format("Content-Length: {}\r\n", body.size());
  }
  req += "\r\n" + body;
  c.send_raw(req);
  auto r = c.read_response();
  if (!r) throw std::runtime_error("no response for " + method + " " + target);
  for (const auto& [k, v] : r->headers) {
    if (k != "set-cookie") continue;
    auto eq = v.find('='), semi = v.find(';');
    std::string name = v.substr(0, eq), value = v.substr(eq + 1, semi - eq - 1);
    if (value.empty() || v.find("Max-Age=0") != std::string::npos)
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }
  // Like the web front end: keep the CSRF token of a session the server just opened.
  if (r->header("set-cookie") && r->status < 300) {
    boost::system::error_code ec;
    auto v = boost::json::parse(r->body, ec);
    if (!ec && v.is_object()) {
      if (auto* p = v.as_object().if_contains("principal"); p && p->is_object()) {
        if (auto* t = p->as_object().if_contains("csrf_token"); t && t->is_string())
          csrf_ = std::string(t->as_string());
      }
    }
  }
  return *r;
}

HttpResponse HttpClient::login(const std::string& username, const std::string& password,
                               const std::string& type) {
  return post_json(
      "/api/v1/auth/login",
      boost::json::object{{"username", username}, {"password", password}, {"account_type", type}});
}

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace tinhso::testing
