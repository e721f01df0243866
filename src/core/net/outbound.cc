#include "core/net/outbound.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <mutex>

#include "core/base/crypto.h"
#include "core/base/text.h"

namespace tinhso::net {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

struct Upload {
  std::string data;
  std::size_t pos = 0;
};

std::size_t feed(char* buf, std::size_t size, std::size_t n, void* in) {
  auto* u = static_cast<Upload*>(in);
  std::size_t len = std::min(size * n, u->data.size() - u->pos);
  u->data.copy(buf, len, u->pos);
  u->pos += len;
  return len;
}

bool ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string encoded_word(std::string_view s) {
  return ascii(s) ? std::string(s) : "=?UTF-8?B?" + crypto::base64_encode(s) + "?=";
}

// "Name <addr>" → encoded display name; the bare address for the envelope.
std::pair<std::string, std::string> split_address(const std::string& a) {
  auto lt = a.find('<'), gt = a.find('>');
  if (lt == std::string::npos || gt == std::string::npos) return {a, a};
  std::string name(a.substr(0, lt));
  while (!name.empty() && name.back() == ' ') name.pop_back();
  std::string addr = a.substr(lt + 1, gt - lt - 1);
  return {name.empty() ? addr : encoded_word(name) + " <" + addr + ">", addr};
}

}  // namespace

std::string HttpResult::describe() const {
  if (status == 0) return error;
  std::string_view shown =
      text::is_valid_utf8(body) ? text::prefix_utf8(body, 200) : std::string_view("(nhị phân)");
  return shown.empty() ? fmt::format("HTTP {}", status) : fmt::format("HTTP {}: {}", status, shown);
}

HttpResult post_json(const std::string& url, const std::string& json,
                     const std::vector<std::string>& headers, int timeout_seconds) {
  return post(url, json, "application/json; charset=utf-8", headers, timeout_seconds);
}

HttpResult post(const std::string& url, const std::string& body, const std::string& content_type,
                const std::vector<std::string>& headers, int timeout_seconds) {
  global_init();
  HttpResult r;
  CURL* c = curl_easy_init();
  if (c == nullptr) {
    r.error = "curl init failed";
    return r;
  }
  std::string type_header = "Content-Type: " + content_type;
  curl_slist* list = curl_slist_append(nullptr, type_header.c_str());
  // Large bodies (edXML with attachments) go at once, without waiting for "100 Continue".
  list = curl_slist_append(list, "Expect:");
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    r.status = static_cast<int>(status);
  } else {
    r.error = curl_easy_strerror(rc);
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(c);
  return r;
}

std::string format_mail(const Mail& mail, const std::string& message_id) {
  auto from = split_address(mail.from);
  auto to = split_address(mail.to);
  char date[64];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string body64 = crypto::base64_encode(mail.body);
  std::string wrapped;
  for (std::size_t i = 0; i < body64.size(); i += 76) wrapped += body64.substr(i, 76) + "\r\n";
  return fmt::format(
      "Date: {}\r\nFrom: {}\r\nTo: {}\r\nMessage-ID: <{}>\r\nSubject: {}\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
      date, from.first, to.first, message_id, encoded_word(mail.subject), wrapped);
}

std::string send_mail(const std::string& smtp_url, const std::string& user,
                      const std::string& password, const Mail& mail, int timeout_seconds) {
  global_init();
  CURL* c = curl_easy_init();
  if (c == nullptr) return "curl init failed";
  auto from = split_address(mail.from);
  auto to = split_address(mail.to);
  std::string domain = from.second.substr(from.second.find('@') + 1);
  Upload upload{format_mail(mail, crypto::random_token(12) + "@" + domain), 0};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to.second + ">").c_str());
  curl_easy_setopt(c, CURLOPT_URL, smtp_url.c_str());
  std::string mail_from = "<" + from.second + ">";
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  if (!user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  }
  CURLcode rc = curl_easy_perform(c);
  std::string error = rc == CURLE_OK ? "" : curl_easy_strerror(rc);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(c);
  return error;
}

}  // namespace tinhso::net
