// A procedure (thủ tục hành chính) as defined in the catalog: what it is, who performs it,
// how long it may take, what it costs, which papers it needs, and its internal process — the
// steps between reception and return, each with the role and unit that performs it and its
// share of the processing time.
//
// Definitions are stored as JSON, one per version; a dossier keeps the version it was received
// under. docs/onestop.md documents the JSON.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/identity/org_tree.h"
#include "core/identity/roles.h"

namespace tinhso::onestop {

// Where a step is performed.
struct UnitRule {
  enum class Kind {
    kAgency,            // the agency handling the dossier
    kAgencyParent,      // its parent (commune → district, district → province): liên thông
    kApplicantCommune,  // the commune of the applicant's address
    kFixed,             // a unit given by agency code
    kAgencyDivision,    // a division of the handling agency, by name
  } kind = Kind::kAgency;
  std::string value;  // code (kFixed) or division name (kAgencyDivision)
};

struct Step {
  std::string key;
  std::string name;  // Vietnamese, e.g. "Thẩm định hồ sơ"
  identity::Role role = identity::Role::kSpecialist;
  UnitRule unit;
  double share = 0;  // fraction of the processing time
};

struct Paper {
  std::string name;
  int originals = 1;
  int copies = 0;
  bool required = true;
  std::string template_url;
};

struct Fee {
  std::string name;
  int64_t amount = 0;  // đồng
  std::string note;
};

struct FormField {
  std::string key;
  std::string label;
  std::string type = "text";  // text | textarea | date | number | select
  bool required = false;
  std::vector<std::string> options;
};

// An office where the procedure is performed, as the catalogue publishes it.
struct Office {
  std::string name, address, hours, phone;
};

struct ProcedureDef {
  std::string national_code;
  std::string name;
  std::string sector_code;
  std::string sector_name;
  std::vector<std::string>
      levels;  // keys of unit_levels: province, commune (district before 1 July 2025)
  std::vector<std::string> agency_codes;  // empty: every people's committee of the levels
  std::string online_mode = "none";       // full | partial | none (Nghị định 42/2022)
  int legacy_level = 2;                   // 1–4 (Nghị định 43/2011)
  int processing_days = 0;
  int processing_hours = 0;
  std::optional<int> online_days;  // when submitted online, if different
  bool restart_on_supplement = false;
  std::string applicants = "both";  // citizen | business | both
  std::vector<Fee> fees;
  std::vector<Paper> papers;
  std::vector<FormField> form;
  std::string result;
  std::string legal_basis;
  std::string description;
  // What the national catalogue publishes beside the above (the procedure page shows them).
  std::string sequence;    // trình tự thực hiện
  std::string submission;  // cách thức thực hiện
  std::string conditions;  // yêu cầu, điều kiện
  std::vector<Office> offices;
  // The result is a document (a licence, a certificate, an extract): approval needs it — an
  // electronic result file, or for a paper one its number and date — and an online return
  // needs the file. "none": the result is the act itself (a registration, a notice).
  std::string result_kind = "document";  // document | none
  bool result_signed = false;            // the electronic result is signed with the agency key
  // When the fees are paid: before the dossier is processed, or before the result is returned.
  std::string fees_due = "before_return";  // before_processing | before_return
  // Received regardless of boundaries (Nghị định 118/2025/NĐ-CP, Art. 14) unless a minister or
  // the provincial chairman decided this procedure is received only at its agency's own desk.
  bool reception_anywhere = true;
  // Applicant fields the procedure needs beyond a name and a way to reach the applicant:
  // id_number, address, tax_code, representative, date_of_birth.
  std::vector<std::string> applicant_required;
  std::vector<Step> steps;

  int64_t total_fees() const;
};

// Parses and validates a definition; every problem is reported with its field path.
Result<ProcedureDef> parse_procedure(const boost::json::value& v);
boost::json::object procedure_json(const ProcedureDef& d);

std::string_view online_mode_label_vi(std::string_view mode);

// Processing time in working seconds for a dossier submitted through `channel`.
int64_t processing_seconds(const ProcedureDef& d, std::string_view channel,
                           int64_t seconds_per_day);

// The agencies that perform the procedure, resolved against the current organisation tree.
std::vector<int64_t> agencies_for(const ProcedureDef& d, const identity::OrgTree& org);
// The one-stop desk that receives dossiers for `agency`: its own service-centre division, the
// province's public service centre for provincial departments, or the agency itself.
int64_t desk_for(int64_t agency, const identity::OrgTree& org);
// The unit that performs a step of a dossier.
Result<int64_t> resolve_unit(const UnitRule& rule, int64_t agency,
                             std::optional<int64_t> applicant_commune,
                             const identity::OrgTree& org);

}  // namespace tinhso::onestop
