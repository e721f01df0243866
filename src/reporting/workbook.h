// A report as an Excel workbook: the form's table (rows × columns, computed cells as formulas)
// on a protected sheet whose cells to fill are unlocked and shaded, and a hidden sheet naming
// the report it belongs to (form code and version, regime, period, unit, the report's version).
// A reporting unit fills it offline and uploads it; reading it back checks that it is that
// report's template, unchanged in structure, with no computed cell overwritten, and turns the
// cells into the values a save takes — every problem named by sheet, cell, row and column.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "reporting/form.h"

namespace tinhso::reporting {

struct WorkbookKey {
  int64_t regime_id = 0;
  std::string period;
  int64_t unit_id = 0;
  int64_t report_version = 0;  // the version the template was made from (0: not started)
};

// `values` as a report view holds them ({"row.col": …}, prefilled and computed included);
// `editable`: the cells to fill are unlocked (false: a read-only copy).
Result<std::string> write_workbook(const FormDef& f, const boost::json::object& values,
                                   const WorkbookKey& key, const std::string& title, bool editable);

struct WorkbookValues {
  boost::json::object values;  // the entered cells, for read_values
  int64_t report_version = 0;
};

// Codes: the reader's (xlsx.*), report.not_template, report.other_report,
// report.other_form_version, report.template_changed (422); the cells' problems as a
// validation error whose fields are the cells ("row.col").
Result<WorkbookValues> read_workbook(const FormDef& f, const WorkbookKey& expected,
                                     std::string_view bytes);

}  // namespace tinhso::reporting
