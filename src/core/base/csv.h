// CSV (RFC 4180) reading and writing: quoted fields, embedded commas, quotes and newlines,
// an optional UTF-8 byte-order mark. Exports start with a BOM so Excel opens them as UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace tinhso::csv {

using Row = std::vector<std::string>;

// All rows; an error names the line of an unterminated quote.
Result<std::vector<Row>> parse(std::string_view text);

class Writer {
 public:
  explicit Writer(bool bom = true) {
    if (bom) out_ = "\xEF\xBB\xBF";
  }
  void row(const std::vector<std::string>& fields);
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

}  // namespace tinhso::csv
