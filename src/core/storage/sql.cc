#include "core/storage/sql.h"

#include <charconv>
#include <cstdlib>

namespace tinhso::storage {

const Rows::Cell& Rows::Row::cell(int col) const {
  return rows_->cells_[index_ * rows_->columns_.size() + static_cast<std::size_t>(col)];
}

bool Rows::Row::is_null(int col) const {
  return std::holds_alternative<std::monostate>(cell(col));
}

int64_t Rows::Row::i64(int col) const {
  const Cell& c = cell(col);
  if (auto* i = std::get_if<int64_t>(&c)) return *i;
  if (auto* d = std::get_if<double>(&c)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&c)) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec == std::errc() && p == s->data() + s->size()) return v;
    if (*s == "t" || *s == "true") return 1;                        // PostgreSQL booleans
    return static_cast<int64_t>(std::strtod(s->c_str(), nullptr));  // numeric aggregates
  }
  return 0;
}

std::optional<int64_t> Rows::Row::opt_i64(int col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

double Rows::Row::f64(int col) const {
  const Cell& c = cell(col);
  if (auto* d = std::get_if<double>(&c)) return *d;
  if (auto* i = std::get_if<int64_t>(&c)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&c)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string Rows::Row::str(int col) const {
  const Cell& c = cell(col);
  if (auto* s = std::get_if<std::string>(&c)) return *s;
  if (auto* i = std::get_if<int64_t>(&c)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&c)) return std::to_string(*d);
  return {};
}

std::optional<std::string> Rows::Row::opt_str(int col) const {
  if (is_null(col)) return std::nullopt;
  return str(col);
}

std::string_view Rows::Row::view(int col) const {
  const Cell& c = cell(col);
  if (auto* s = std::get_if<std::string>(&c)) return *s;
  return {};
}

std::string rewrite_placeholders_for_sqlite(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace tinhso::storage
