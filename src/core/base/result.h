// Result<T>: a value or an Error. Status is Result<void>.
//
// Functions that can fail for reasons other than programmer error return one of these;
// callers must look at it ([[nodiscard]]). TS_TRY and TS_ASSIGN_OR_RETURN propagate errors.
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "core/base/error.h"

namespace tinhso {

template <class T>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  // The requires-clause keeps this from hiding the copy and move constructors (which
  // clang-tidy 14's bugprone-forwarding-reference-overload does not see).
  template <class U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Error> && !std::is_same_v<std::decay_t<U>, Result>)
      Result(U&& value)  // NOLINT(bugprone-forwarding-reference-overload, google-explicit-*)
      : v_(std::in_place_index<0>, T(std::forward<U>(value))) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  // By value: `for (auto& x : *make_result())` must not dangle.
  T value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;
inline Status ok_status() {
  return Status();
}

}  // namespace tinhso

#define TS_CONCAT_INNER_(a, b) a##b
#define TS_CONCAT_(a, b) TS_CONCAT_INNER_(a, b)

// Returns the error of `expr` (a Result or Status) from the enclosing function.
// Variadic so that lambdas with commas in their bodies can be passed.
#define TS_TRY(...)                             \
  do {                                          \
    auto&& ts_try_result_ = (__VA_ARGS__);      \
    if (!ts_try_result_.ok()) {                 \
      return std::move(ts_try_result_).error(); \
    }                                           \
  } while (false)

// `lhs = *expr`, or returns the error of `expr` from the enclosing function.
#define TS_ASSIGN_OR_RETURN(lhs, ...) \
  TS_ASSIGN_OR_RETURN_IMPL_(TS_CONCAT_(ts_result_, __LINE__), lhs, __VA_ARGS__)
#define TS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, ...) \
  auto tmp = (__VA_ARGS__);                      \
  if (!tmp.ok()) return std::move(tmp).error();  \
  lhs = std::move(tmp).value()
