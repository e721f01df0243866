// A report form (biểu mẫu báo cáo): the table people know — rows × columns of a "Biểu số …" —
// with computed columns (the sum of others in the same row), total rows (the sum of the other
// rows), compulsory cells, columns filled from tinhso's own data (`source`, prefill.h) and
// validation rules between columns (errors block submission; warnings need a comment). A form
// is versioned by its code: a change makes a new version and reports keep the one they were
// made with. Pure: JSON in, values and findings out.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace tinhso::reporting {

struct FormColumn {
  std::string code, label;
  std::string type = "integer";  // integer | number | text
  bool compulsory = false;
  std::vector<std::string> sum_of;  // computed: the sum of these columns of the row
  std::string source;               // a live value (prefill.h), editable before submission
  std::string aggregation = "sum";  // over units and periods: sum | first | last | none
};

struct FormRow {
  std::string code, label;
  bool total = false;  // the sum of the other rows (numbers only)
};

// left op right, each side the sum of some columns of a row, checked on every row.
struct FormRule {
  std::string code;
  std::vector<std::string> left, right;
  std::string op = "eq";  // eq | le | ge
  bool error = true;      // false: a warning, accepted with a comment
  std::string message;    // Vietnamese
};

struct FormDef {
  std::string code;     // "06/VPCP/KSTT"
  int64_t version = 1;  // given by the repository
  std::string title;    // "Biểu số 06/VPCP/KSTT"
  std::string name;     // "Tình hình, kết quả giải quyết thủ tục hành chính …"
  std::string legal_basis;
  std::vector<FormRow> rows;
  std::vector<FormColumn> columns;
  std::vector<FormRule> rules;

  const FormColumn* column(std::string_view code) const;
  const FormRow* row(std::string_view code) const;
};

// Every problem at once (a 422 naming "rows[2].code", "columns[4].sum_of", …).
Result<FormDef> read_form(const boost::json::value& body);
boost::json::object form_json(const FormDef& f);

// A cell is "row.column".
std::string cell_key(std::string_view row, std::string_view column);

// A cell nobody enters: a computed column, or a total row's number cell (compute() fills it,
// except a column of aggregation "none", which stays empty there).
bool is_computed(const FormRow& row, const FormColumn& column);

// The entered cells whose sum a cell is, as compute() adds them: a computed column's listed
// columns of the row, a total row's cell the same cell of every other row (none for a column of
// aggregation "none"), each taken apart again if computed; an entered cell is its own part.
struct CellRef {
  const FormRow* row = nullptr;
  const FormColumn* column = nullptr;
};
std::vector<CellRef> entered_parts(const FormDef& f, const FormRow& row, const FormColumn& column);

// Cell values: numbers as double, text as text.
struct CellValue {
  std::optional<double> number;
  std::string text;
  bool operator==(const CellValue&) const = default;
};
using Values = std::map<std::string, CellValue>;

// Reads entered values ({"row.col": 12, …}): unknown cells, wrong types, negative or
// fractional counts and computed cells written by hand are refused, each named. Cells absent
// or null stay empty.
Result<Values> read_values(const FormDef& f, const boost::json::object& in);
boost::json::object values_json(const Values& v);
// A figure as JSON: a whole number as an integer (12, not 1.2E1), others as they are.
boost::json::value number_json(double d);

// Fills computed columns and total rows from the entered cells (entered values of those cells
// are replaced: they are the form's arithmetic, not anyone's figure).
void compute(const FormDef& f, Values& v);

struct Finding {
  std::string rule;  // the rule's code, or "compulsory"
  std::string cell;  // the first cell concerned
  bool error = true;
  std::string message;  // Vietnamese, naming the row and column
};
// Compulsory cells left empty (errors) and the rules (on computed values).
std::vector<Finding> check(const FormDef& f, const Values& v);
boost::json::array findings_json(const std::vector<Finding>& fs);

}  // namespace tinhso::reporting
