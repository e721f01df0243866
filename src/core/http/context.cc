#include "core/http/context.h"

#include <fmt/format.h>

#include <charconv>

#include "core/identity/actor_of.h"

namespace tinhso::http {

Result<int64_t> Context::id_param(std::string_view name) const {
  auto v = param(name);
  int64_t id = 0;
  if (v) {
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), id);
    if (ec == std::errc() && p == v->data() + v->size() && id > 0) return id;
  }
  return Error::not_found("Không tìm thấy dữ liệu yêu cầu.");
}

Result<std::optional<int64_t>> Context::query_int(std::string_view name, int64_t min,
                                                  int64_t max) const {
  auto v = request_.query_param(name);
  if (!v || v->empty()) return std::optional<int64_t>();
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n < min || n > max) {
    return Error::invalid(
        fmt::format("Tham số \"{}\" phải là số nguyên từ {} đến {}.", name, min, max));
  }
  return std::optional<int64_t>(n);
}

Result<std::optional<Date>> Context::query_date(std::string_view name) const {
  auto v = request_.query_param(name);
  if (!v || v->empty()) return std::optional<Date>();
  auto d = parse_iso_date(*v);
  if (!d.ok()) return Error::validation(name, "Ngày không hợp lệ (YYYY-MM-DD).");
  return std::optional<Date>(*d);
}

Result<boost::json::value> Context::json_body() const {
  auto ct = request_.header("content-type");
  if (!ct || !(ct->starts_with("application/json"))) {
    return Error::unsupported_media_type("Dữ liệu gửi lên phải ở dạng JSON (application/json).");
  }
  return json::parse(request_.body);
}

Status Context::authorize(identity::Permission p, int64_t unit_id) {
  if (principal_ == nullptr) return Error::unauthenticated();
  TS_ASSIGN_OR_RETURN(grant_, authorizer_->check(*principal_, p, unit_id));
  note_grant();
  return ok_status();
}

void Context::note_grant() {
  if (change_ != nullptr) identity::authorised_by(*change_, grant_);
}

Status Context::use_grant(Result<std::optional<identity::Grant>> checked) {
  if (principal_ == nullptr) return Error::unauthenticated();
  if (!checked.ok()) return std::move(checked).error();
  if (*checked) {
    grant_ = **checked;
    note_grant();
  }
  return ok_status();
}

Status Context::authorize_anywhere(identity::Permission p) {
  if (principal_ == nullptr) return Error::unauthenticated();
  TS_ASSIGN_OR_RETURN(grant_, authorizer_->check_anywhere(*principal_, p));
  return ok_status();
}

audit::Actor Context::actor() const {
  audit::Actor a;
  if (principal_ == nullptr) {
    a.kind = "anonymous";
    a.name = "Khách";
  } else {
    a = identity::actor_of(*principal_, grant_);
  }
  a.request_id = request_.request_id;
  a.ip = request_.client_ip;
  return a;
}

}  // namespace tinhso::http
