// QueryBuilder: assembles SQL with a variable set of conditions while keeping every value a
// bound parameter. bind() returns the next placeholder ($N) and keeps the value alive.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "core/base/text.h"
#include "core/storage/sql.h"

namespace tinhso::storage {

// The full-text query matching every one of `tokens` (accent-folded words, letters and digits
// only) as a prefix: "a:* & b:*" for PostgreSQL's to_tsquery('simple', …), "\"a\"* \"b\"*"
// for SQLite FTS5 MATCH. Bind it as a parameter like any value.
inline std::string prefix_match_query(const std::vector<std::string>& tokens, bool postgres) {
  std::string expr;
  for (const auto& t : tokens) {
    if (postgres)
      expr += (expr.empty() ? "" : " & ") + t + ":*";
    else
      expr += (expr.empty() ? "\"" : " \"") + t + "\"*";
  }
  return expr;
}

class QueryBuilder {
 public:
  explicit QueryBuilder(std::string_view start = {}) : sql_(start) {}

  QueryBuilder& add(std::string_view fragment) {
    sql_ += fragment;
    return *this;
  }
  // Placeholder for `v`, e.g. "$3". Strings are copied and owned by the builder.
  std::string bind(Param v) {
    params_.push_back(v);
    return "$" + std::to_string(params_.size());
  }
  std::string bind(std::string v) {
    owned_.push_back(std::move(v));
    params_.emplace_back(std::string_view(owned_.back()));
    return "$" + std::to_string(params_.size());
  }
  std::string bind(const char* v) { return bind(std::string(v)); }
  // "($1, $2, …)" for an IN list of ids or strings; "(NULL)" when empty (matches nothing).
  std::string bind_list(const std::vector<int64_t>& values) { return bind_each(values); }
  std::string bind_list(const std::vector<std::string>& values) { return bind_each(values); }

  // " AND <column> LIKE '%word%'" for each accent-folded word of `text` (every word must
  // appear): the register searches over their stored folded columns.
  QueryBuilder& add_words(std::string_view folded_column, std::string_view text) {
    for (const auto& token : text::fold_tokens(text))
      add(std::string(" AND ") + std::string(folded_column) + " LIKE " + bind("%" + token + "%"));
    return *this;
  }

  const std::string& sql() const { return sql_; }
  Params params() const { return Params(params_.data(), params_.size()); }

  Result<Rows> query(Tx& tx) const { return tx.query(sql_, params()); }
  Result<int64_t> exec(Tx& tx) const { return tx.exec(sql_, params()); }
  Status exec_later(Tx& tx) const { return tx.exec_later(sql_, params()); }

 private:
  template <typename T>
  std::string bind_each(const std::vector<T>& values) {
    if (values.empty()) return "(NULL)";
    std::string s = "(";
    for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + bind(T(values[i]));
    return s + ")";
  }
  std::string sql_;
  std::deque<std::string> owned_;
  std::vector<Param> params_;
};

}  // namespace tinhso::storage
