// The digital signatures on what a reporting unit sends: on submission the report's identity
// and values, as canonical JSON, are signed with the personal key of the leader who sends it
// (the person who answers for the figures) and with the unit's agency key (signing::FileSigner,
// detached CMS), each when there is one; each signature is kept with exactly what was signed,
// and shown verified now (chain, validity, revocation) and compared with the report as it is.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/audit/change_log.h"
#include "core/signing/file_signer.h"
#include "reporting/form.h"
#include "reporting/periods.h"
#include "reporting/regimes.h"

namespace tinhso::reporting {

// {"regime", "period", "unit", "form", "values"} with the values in cell order: the same report
// always gives the same bytes.
std::string signed_content(const Regime& g, const Period& p, const std::string& unit_code,
                           const FormDef& f, const Values& v);

inline constexpr std::string_view kPersonalSignature = "personal";
inline constexpr std::string_view kAgencySignature = "agency";

struct StoredSignature {
  std::string kind;  // personal | agency
  int64_t report_version = 0;
  std::string content, cms, signer_name, organisation;
  Instant signed_at;
};

// Keeps `s` (its kind says whose) on the report's version `report_version`.
Status store_report_signature(audit::ChangeTx& tx, int64_t report_id, int64_t report_version,
                              const std::string& content, const signing::FileSignature& s);
// The signature of `kind` made when the report was last sent (`sent_version`: the version that
// sending made; without it, the latest), if that sending had one.
Result<std::optional<StoredSignature>> load_report_signature(storage::Tx& tx, int64_t report_id,
                                                             std::string_view kind,
                                                             std::optional<int64_t> sent_version);

// As the report view shows it: who signed, when, whether it verifies now, and whether the
// report still holds what was signed (`current`: signed_content of the report as it is).
boost::json::object signature_json(const StoredSignature& s, const signing::FileSigner& signer,
                                   const std::string& current, Instant now);

}  // namespace tinhso::reporting
