// JSON decoding with limits, and FieldReader: typed, validated access to request fields
// that collects every problem into one 422 error with a Vietnamese message per field.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"

namespace tinhso::json {

namespace bj = boost::json;

inline constexpr std::size_t kMaxDepth = 32;

// Parses `text` as one JSON value (UTF-8 validated, depth-limited, no trailing garbage).
Result<bj::value> parse(std::string_view text);

class FieldReader {
 public:
  // `v` must outlive the reader. A non-object is reported by finish().
  explicit FieldReader(const bj::value& v);
  explicit FieldReader(const bj::object& o) : object_(&o) {}
  // A temporary would dangle: the reader keeps a pointer.
  explicit FieldReader(bj::value&&) = delete;
  explicit FieldReader(bj::object&&) = delete;

  // Strings are trimmed and NFC-normalised; empty after trimming counts as missing.
  std::string required_string(std::string_view key, std::size_t max_chars = 500);
  std::optional<std::string> optional_string(std::string_view key, std::size_t max_chars = 500);
  int64_t required_int(std::string_view key, int64_t min, int64_t max);
  std::optional<int64_t> optional_int(std::string_view key, int64_t min, int64_t max);
  std::optional<double> optional_number(std::string_view key, double min, double max);
  std::optional<bool> optional_bool(std::string_view key);
  // A calendar date written YYYY-MM-DD.
  std::optional<Date> optional_date(std::string_view key);
  const bj::array* optional_array(std::string_view key, std::size_t max_items = 1000);
  // A list of positive ids (records, files); `message` names what a bad element is.
  std::vector<int64_t> optional_ids(std::string_view key, std::size_t max_items,
                                    std::string_view message);
  const bj::object* optional_object(std::string_view key);
  // One of `allowed` (exact match), or nullopt when absent.
  std::optional<std::string> optional_enum(std::string_view key,
                                           std::initializer_list<std::string_view> allowed);
  std::string required_enum(std::string_view key, std::initializer_list<std::string_view> allowed);

  bool has(std::string_view key) const;
  // Records a problem found by the caller's own validation.
  void fail(std::string_view key, std::string_view message);
  bool failed() const { return !errors_.empty(); }
  // OK, or Error::validation with every recorded problem.
  Status finish() const;

 private:
  const bj::value* find(std::string_view key) const;

  const bj::object* object_ = nullptr;
  bj::object errors_;
};

}  // namespace tinhso::json
