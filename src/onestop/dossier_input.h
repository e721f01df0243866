// What people send about a dossier, read and checked: a submission (online or at the desk),
// an action with its input, and the e-form against the procedure's fields. Every problem is
// reported with its field path (`applicant.id_number`, `form_data.von`, `papers[2]`).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "onestop/lifecycle.h"
#include "onestop/procedure.h"

namespace tinhso::onestop {

struct PaperFiles {
  int64_t index = 0;  // position in the procedure's list of papers
  std::vector<int64_t> file_ids;
};

struct Submission {
  int64_t procedure_id = 0;
  std::optional<int64_t> agency_unit_id;
  // Where the dossier is received (onestop/reception.h); empty: the agency's own desk.
  std::optional<int64_t> desk_unit_id;
  std::string channel = "online";  // online | desk | postal
  std::string applicant_kind = "citizen";
  std::string applicant_name;
  std::optional<std::string> id_number, tax_code, address, phone, email, representative;
  std::optional<int64_t> applicant_commune_unit_id;
  std::string return_method;  // desk | post | online; empty: the procedure's usual way
  // Where a result returned at a desk is collected: the receiving desk (empty) or the
  // competent agency's own desk (results_points_for in onestop/reception.h).
  std::optional<int64_t> result_unit_id;
  std::optional<std::string> postal_address;
  boost::json::object form_data;
  std::vector<PaperFiles> papers;
  boost::json::array papers_received;  // desk: [{index, originals, copies}]
  int64_t sets_count = 1;
};

// Reads a submission body; `desk` allows the channel and paper-only papers.
Result<Submission> read_submission(const boost::json::value& v, bool desk);
Result<ActionInput> read_action(const boost::json::value& v,
                                std::optional<int64_t>* expected_version,
                                std::vector<PaperFiles>* files);

// Checks an e-form against the procedure's fields (required, number, date, select, length).
Status validate_form(const ProcedureDef& def, const boost::json::object& form);

}  // namespace tinhso::onestop
