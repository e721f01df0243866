#include "core/base/json.h"

#include <fmt/format.h>

#include <cmath>

#include "core/base/text.h"

namespace tinhso::json {
namespace {

// Numbers beyond the range of a double parse as infinity, which JSON cannot express; such input
// is rejected rather than carried along as a value nobody can serialise back.
bool all_numbers_finite(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::double_:
      return std::isfinite(v.get_double());
    case bj::kind::array:
      for (const auto& e : v.get_array()) {
        if (!all_numbers_finite(e)) return false;
      }
      return true;
    case bj::kind::object:
      for (const auto& kv : v.get_object()) {
        if (!all_numbers_finite(kv.value())) return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace

Result<bj::value> parse(std::string_view text) {
  bj::parse_options opts;
  opts.max_depth = kMaxDepth;
  bj::stream_parser p(bj::storage_ptr(), opts);
  boost::system::error_code ec;
  std::size_t consumed = p.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) {
    // Only whitespace may follow the value.
    auto rest = text.substr(consumed);
    if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      ec = bj::error::extra_data;
    }
  }
  if (!ec) p.finish(ec);
  if (ec) {
    bj::object details;
    details["position"] = consumed;
    details["reason"] = ec.message();
    std::string message = ec == bj::error::too_deep ? "Dữ liệu JSON lồng nhau quá sâu."
                                                    : "Dữ liệu gửi lên không phải JSON hợp lệ.";
    return Error(400, "invalid_json", std::move(message), std::move(details));
  }
  bj::value v = p.release();
  if (!all_numbers_finite(v)) {
    bj::object details;
    details["reason"] = "number out of range";
    return Error(400, "invalid_json", "Dữ liệu JSON chứa số vượt quá giới hạn cho phép.",
                 std::move(details));
  }
  return v;
}

FieldReader::FieldReader(const bj::value& v) {
  if (v.is_object()) {
    object_ = &v.as_object();
  } else {
    errors_["_"] = "Dữ liệu gửi lên phải là một đối tượng JSON.";
  }
}

const bj::value* FieldReader::find(std::string_view key) const {
  if (object_ == nullptr) return nullptr;
  const bj::value* v = object_->if_contains(key);
  if (v != nullptr && v->is_null()) return nullptr;
  return v;
}

bool FieldReader::has(std::string_view key) const {
  return find(key) != nullptr;
}

void FieldReader::fail(std::string_view key, std::string_view message) {
  if (!errors_.contains(key)) errors_[key] = message;
}

std::optional<std::string> FieldReader::optional_string(std::string_view key,
                                                        std::size_t max_chars) {
  const bj::value* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    fail(key, "Phải là chuỗi ký tự.");
    return std::nullopt;
  }
  std::string_view raw = text::trim(std::string_view(v->as_string()));
  if (raw.empty()) return std::nullopt;
  if (text::has_forbidden_characters(raw)) {
    fail(key, "Có ký tự điều khiển hoặc ký tự đổi chiều văn bản không được phép.");
    return std::nullopt;
  }
  std::string s = text::to_nfc(raw);
  if (text::length_utf8(s) > max_chars) {
    fail(key, fmt::format("Dài tối đa {} ký tự.", max_chars));
    return std::nullopt;
  }
  return s;
}

std::string FieldReader::required_string(std::string_view key, std::size_t max_chars) {
  bool present = find(key) != nullptr;
  auto s = optional_string(key, max_chars);
  if (!s) {
    if (!present || !errors_.contains(key)) fail(key, "Bắt buộc nhập.");
    return {};
  }
  return *s;
}

std::optional<int64_t> FieldReader::optional_int(std::string_view key, int64_t min, int64_t max) {
  const bj::value* v = find(key);
  if (v == nullptr) return std::nullopt;
  int64_t n;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    n = static_cast<int64_t>(v->as_uint64());
  } else if (v->is_double() && std::isfinite(v->as_double()) &&
             v->as_double() == std::floor(v->as_double()) && std::abs(v->as_double()) < 9e15) {
    n = static_cast<int64_t>(v->as_double());
  } else {
    fail(key, "Phải là số nguyên.");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(key, fmt::format("Phải trong khoảng từ {} đến {}.", min, max));
    return std::nullopt;
  }
  return n;
}

int64_t FieldReader::required_int(std::string_view key, int64_t min, int64_t max) {
  if (find(key) == nullptr) {
    fail(key, "Bắt buộc nhập.");
    return 0;
  }
  return optional_int(key, min, max).value_or(0);
}

std::optional<double> FieldReader::optional_number(std::string_view key, double min, double max) {
  const bj::value* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    fail(key, "Phải là số.");
    return std::nullopt;
  }
  double d = v->to_number<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    fail(key, fmt::format("Phải trong khoảng từ {} đến {}.", min, max));
    return std::nullopt;
  }
  return d;
}

std::optional<bool> FieldReader::optional_bool(std::string_view key) {
  const bj::value* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    fail(key, "Phải là true hoặc false.");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<Date> FieldReader::optional_date(std::string_view key) {
  const bj::value* v = find(key);
  if (v == nullptr) return std::nullopt;
  auto d = v->is_string() ? parse_iso_date(v->as_string()) : Result<Date>(Error::invalid(""));
  if (!d.ok()) {
    fail(key, "Phải là một ngày dạng YYYY-MM-DD.");
    return std::nullopt;
  }
  return *d;
}

const bj::array* FieldReader::optional_array(std::string_view key, std::size_t max_items) {
  const bj::value* v = find(key);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    fail(key, "Phải là một danh sách.");
    return nullptr;
  }
  if (v->as_array().size() > max_items) {
    fail(key, fmt::format("Tối đa {} phần tử.", max_items));
    return nullptr;
  }
  return &v->as_array();
}

std::vector<int64_t> FieldReader::optional_ids(std::string_view key, std::size_t max_items,
                                               std::string_view message) {
  std::vector<int64_t> out;
  if (const auto* items = optional_array(key, max_items)) {
    for (const auto& v : *items) {
      if (v.is_int64() && v.as_int64() > 0)
        out.push_back(v.as_int64());
      else
        fail(key, std::string(message));
    }
  }
  return out;
}

const bj::object* FieldReader::optional_object(std::string_view key) {
  const bj::value* v = find(key);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    fail(key, "Phải là một đối tượng.");
    return nullptr;
  }
  return &v->as_object();
}

std::optional<std::string> FieldReader::optional_enum(
    std::string_view key, std::initializer_list<std::string_view> allowed) {
  auto s = optional_string(key, 100);
  if (!s) return std::nullopt;
  for (auto a : allowed) {
    if (*s == a) return s;
  }
  std::string list;
  for (auto a : allowed) {
    if (!list.empty()) list += ", ";
    list += a;
  }
  fail(key, fmt::format("Giá trị không hợp lệ; chọn một trong: {}.", list));
  return std::nullopt;
}

std::string FieldReader::required_enum(std::string_view key,
                                       std::initializer_list<std::string_view> allowed) {
  if (find(key) == nullptr) {
    fail(key, "Bắt buộc nhập.");
    return {};
  }
  return optional_enum(key, allowed).value_or("");
}

Status FieldReader::finish() const {
  if (errors_.empty()) return ok_status();
  return Error::validation(errors_);
}

}  // namespace tinhso::json
