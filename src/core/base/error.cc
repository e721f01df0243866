#include "core/base/error.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace tinhso {

Error::Error(int http_status, std::string code, std::string message, boost::json::value details)
    : status_(http_status),
      code_(std::move(code)),
      message_(std::move(message)),
      details_(std::move(details)) {}

Error Error::invalid(std::string message, boost::json::value details) {
  return Error(400, "invalid_request", std::move(message), std::move(details));
}

Error Error::validation(boost::json::object fields) {
  boost::json::object details;
  details["fields"] = std::move(fields);
  return Error(422, "validation_failed", "Dữ liệu nhập chưa hợp lệ, vui lòng kiểm tra lại.",
               std::move(details));
}

Error Error::validation(std::string_view field, std::string message) {
  boost::json::object fields;
  fields[field] = message;
  Error e = validation(std::move(fields));
  e.message_ = std::move(message);
  return e;
}

Error Error::not_found(std::string message) {
  return Error(404, "not_found", std::move(message));
}

Error Error::conflict(std::string code, std::string message, boost::json::value details) {
  return Error(409, std::move(code), std::move(message), std::move(details));
}

Error Error::unauthenticated(std::string message) {
  if (message.empty()) message = "Vui lòng đăng nhập để tiếp tục.";
  return Error(401, "unauthenticated", std::move(message));
}

Error Error::forbidden(std::string message) {
  if (message.empty()) message = "Bạn không có quyền thực hiện thao tác này.";
  return Error(403, "forbidden", std::move(message));
}

Error Error::rate_limited(int retry_after_seconds) {
  boost::json::object details;
  details["retry_after_seconds"] = retry_after_seconds;
  return Error(429, "rate_limited", "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.",
               std::move(details));
}

Error Error::payload_too_large(std::size_t limit_bytes) {
  boost::json::object details;
  details["limit_bytes"] = limit_bytes;
  return Error(413, "payload_too_large",
               fmt::format("Dữ liệu gửi lên vượt quá giới hạn cho phép ({} KB).",
                           (limit_bytes + 1023) / 1024),
               std::move(details));
}

Error Error::unsupported_media_type(std::string message) {
  return Error(415, "unsupported_media_type", std::move(message));
}

Error Error::internal(std::string detail) {
  Error e(500, "internal", "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau.");
  e.internal_detail_ = std::move(detail);
  return e;
}

Error Error::unavailable(std::string detail) {
  Error e(503, "unavailable", "Hệ thống đang bận hoặc tạm thời gián đoạn. Vui lòng thử lại sau.");
  e.internal_detail_ = std::move(detail);
  return e;
}

Error Error::insufficient_storage(std::string detail) {
  Error e(507, "storage_full",
          "Máy chủ đã hết dung lượng lưu trữ nên chưa ghi được dữ liệu; không có gì bị ghi dở. "
          "Vui lòng thử lại sau hoặc báo bộ phận quản trị hệ thống.");
  e.internal_detail_ = std::move(detail);
  return e;
}

Error& Error::with_internal_detail(std::string detail) & {
  internal_detail_ = std::move(detail);
  return *this;
}

Error&& Error::with_internal_detail(std::string detail) && {
  internal_detail_ = std::move(detail);
  return std::move(*this);
}

boost::json::object Error::to_json() const {
  boost::json::object inner;
  inner["code"] = code_;
  inner["message"] = message_;
  if (!details_.is_null()) inner["details"] = details_;
  boost::json::object outer;
  outer["error"] = std::move(inner);
  return outer;
}

std::string Error::describe() const {
  std::string s = fmt::format("{} {}: {}", status_, code_, message_);
  if (!internal_detail_.empty()) s += fmt::format(" ({})", internal_detail_);
  return s;
}

}  // namespace tinhso
