// Keyset paging: a list ordered by (sort key, id) resumes after the last row a person saw, so
// rows inserted meanwhile neither repeat nor push others out (as with offsets); a row whose key
// changes between two pages (an edited document ordered by its last change) may be skipped or
// seen twice. A repository takes the key to start after and returns each row's key;
// core/http/pagination.h turns the last one into the opaque `next_cursor`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/query_builder.h"

namespace tinhso::storage {

struct SortKey {
  int64_t key = 0;
  int64_t id = 0;
};

// Rows of one page (fetched with one more than the page size) and the sort key of each.
template <class Row>
struct Keyed {
  std::vector<Row> rows;
  std::vector<SortKey> keys;
};

enum class Direction { kAscending, kDescending };

// Adds " AND (<key_sql>, <id_sql>) after `after`" in the list's direction, then the ORDER BY and
// LIMIT of the page; `key_sql` and `id_sql` are the list's own (constant) column expressions.
inline void add_keyset(QueryBuilder& b, std::string_view key_sql, std::string_view id_sql,
                       Direction dir, const std::optional<SortKey>& after, int limit) {
  std::string_view cmp = dir == Direction::kAscending ? ">" : "<";
  std::string_view order = dir == Direction::kAscending ? "" : " DESC";
  if (after) {
    std::string k = b.bind(after->key);
    b.add(" AND (" + std::string(key_sql) + " " + std::string(cmp) + " " + k + " OR (" +
          std::string(key_sql) + " = " + k + " AND " + std::string(id_sql) + " " +
          std::string(cmp) + " " + b.bind(after->id) + "))");
  }
  b.add(" ORDER BY " + std::string(key_sql) + std::string(order) + ", " + std::string(id_sql) +
        std::string(order) + " LIMIT " + b.bind(int64_t{limit}));
}

}  // namespace tinhso::storage
