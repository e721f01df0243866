#include "documents/notation.h"

#include <fmt/format.h>

#include <vector>

#include "core/base/text.h"

namespace tinhso::documents {
namespace {

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == ',' || c == '-' || c == '(' || c == ')') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// The first letter of a word, upper case, without accents except Đ.
std::string initial(std::string_view word) {
  if (word.starts_with("đ") || word.starts_with("Đ")) return "Đ";
  std::string folded = text::fold(word);
  if (folded.empty()) return {};
  return std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(folded[0]))));
}

bool is_level_word(const std::string& folded) {
  return folded == "tinh" || folded == "huyen" || folded == "xa" || folded == "phuong" ||
         folded == "quan";
}

}  // namespace

std::string unit_abbreviation(const identity::UnitInfo& unit) {
  std::vector<std::string> w = words(text::to_nfc(unit.name));
  std::string out;
  std::size_t i = 0;
  if (unit.kind == "division" && !w.empty() && text::fold(w[0]) == "phong") i = 1;
  for (; i < w.size(); ++i) {
    std::string f = text::fold(w[i]);
    // "Ủy ban nhân dân" is written UBND wherever it appears.
    if (f == "uy" && i + 3 < w.size() && text::fold(w[i + 1]) == "ban" &&
        text::fold(w[i + 2]) == "nhan" && text::fold(w[i + 3]) == "dan") {
      out += "UBND";
      i += 3;
      continue;
    }
    // The place after the administrative level ("tỉnh An Khang", "thành phố Hà Tiên", "thị
    // trấn …") is not part of the abbreviation.
    if (is_level_word(f)) break;
    if ((f == "thanh" && i + 1 < w.size() && text::fold(w[i + 1]) == "pho") ||
        (f == "thi" && i + 1 < w.size() &&
         (text::fold(w[i + 1]) == "xa" || text::fold(w[i + 1]) == "tran")))
      break;
    if (f == "va") continue;
    // "Văn phòng Sở": the office of the department is VP.
    if (f == "so" && i > 0 && i + 1 == w.size()) continue;
    out += initial(w[i]);
  }
  return out.empty() ? "CQ" : out;
}

std::string format_notation(int64_t number, std::string_view type_abbreviation,
                            std::string_view issuer_abbreviation,
                            std::string_view drafting_abbreviation) {
  // Numbers below 10 are written with a leading zero (Phụ lục I: "từ số 01").
  std::string n = number < 10 ? fmt::format("0{}", number) : std::to_string(number);
  if (type_abbreviation.empty()) {
    if (drafting_abbreviation.empty() || drafting_abbreviation == issuer_abbreviation)
      return fmt::format("{}/{}", n, issuer_abbreviation);
    return fmt::format("{}/{}-{}", n, issuer_abbreviation, drafting_abbreviation);
  }
  return fmt::format("{}/{}-{}", n, type_abbreviation, issuer_abbreviation);
}

Result<int64_t> next_register_number(storage::Tx& tx, int64_t unit_id, std::string_view direction,
                                     int year) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO document_register_counters (unit_id, direction, year, n) VALUES ($1, "
               "$2, $3, 1 + COALESCE((SELECT f.n FROM document_register_floors f WHERE f.year = "
               "$3), 0)) ON CONFLICT (unit_id, direction, year) DO UPDATE SET n = "
               "document_register_counters.n + 1 RETURNING n",
               {unit_id, direction, int64_t{year}}));
  return rows.front().i64(0);
}

}  // namespace tinhso::documents
