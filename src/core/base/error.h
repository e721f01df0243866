// Error: the value that crosses module boundaries when an operation fails.
//
// Every error carries an HTTP status, a stable machine code (snake_case, optionally
// namespaced like "dossier.version_conflict"), a Vietnamese message that may be shown to a
// person as-is, and optional structured details. Internal errors also keep a developer
// detail that goes to the log and never to the client.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace tinhso {

class Error {
 public:
  Error(int http_status, std::string code, std::string message,
        boost::json::value details = nullptr);

  // 400: the request itself is malformed (bad JSON, bad parameter).
  static Error invalid(std::string message, boost::json::value details = nullptr);
  // 422: well-formed but the fields do not validate; `fields` maps field name to message.
  static Error validation(boost::json::object fields);
  static Error validation(std::string_view field, std::string message);
  // 404: `message` names what was not found, e.g. "Không tìm thấy hồ sơ".
  static Error not_found(std::string message);
  // 409: a conflicting state; `code` says which conflict.
  static Error conflict(std::string code, std::string message,
                        boost::json::value details = nullptr);
  static Error unauthenticated(std::string message = {});
  static Error forbidden(std::string message = {});
  static Error rate_limited(int retry_after_seconds);
  static Error payload_too_large(std::size_t limit_bytes);
  static Error unsupported_media_type(std::string message);
  // 500: `detail` is for the log only; the person sees a generic message.
  static Error internal(std::string detail);
  // 503: a dependency (database, pool) is not available right now.
  static Error unavailable(std::string detail);
  // 507: the disk holding the data is full; nothing of the request was written.
  static Error insufficient_storage(std::string detail);

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const boost::json::value& details() const { return details_; }
  const std::string& internal_detail() const { return internal_detail_; }
  Error& with_internal_detail(std::string detail) &;
  Error&& with_internal_detail(std::string detail) &&;

  // {"error":{"code":…,"message":…,"details":…}}
  boost::json::object to_json() const;
  // One line for logs: code, status, message and the internal detail.
  std::string describe() const;

 private:
  int status_;
  std::string code_;
  std::string message_;
  boost::json::value details_;
  std::string internal_detail_;
};

}  // namespace tinhso
