// Outbound calls to systems outside tinhso (libcurl): JSON over HTTP for webhooks and the
// national portal, and e-mail over SMTP. Blocking; called from the outbox dispatcher thread.
#pragma once

#include <string>
#include <vector>

namespace tinhso::net {

struct HttpResult {
  int status = 0;  // 0: no HTTP answer (connection refused, timeout)
  std::string body;
  std::string error;

  bool ok() const { return status >= 200 && status < 300; }
  // The recipient refused the content (4xx other than 408 and 429): retrying will not help.
  bool refused() const { return status >= 400 && status < 500 && status != 408 && status != 429; }
  // For a delivery's last error: "HTTP 500: <the body's first characters>" (whole characters
  // only: the error is stored as text), or what prevented an answer.
  std::string describe() const;
};

HttpResult post_json(const std::string& url, const std::string& json,
                     const std::vector<std::string>& headers, int timeout_seconds = 15);
// Any body, with its content type (edXML is application/xml).
HttpResult post(const std::string& url, const std::string& body, const std::string& content_type,
                const std::vector<std::string>& headers, int timeout_seconds = 15);

struct Mail {
  std::string from;  // "Name <addr>" or "addr"
  std::string to;    // one address
  std::string subject;
  std::string body;  // plain text, UTF-8
};

// Sends `mail` through `smtp_url` (smtp:// or smtps://). Empty string on success, else the error.
std::string send_mail(const std::string& smtp_url, const std::string& user,
                      const std::string& password, const Mail& mail, int timeout_seconds = 20);

// The message as sent: RFC 5322 headers (RFC 2047 encoded words for Vietnamese) and a
// base64 UTF-8 body.
std::string format_mail(const Mail& mail, const std::string& message_id);

}  // namespace tinhso::net
