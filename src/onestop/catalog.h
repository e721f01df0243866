// The procedure catalog: sectors and procedures with versioned definitions, search, and
// import/export.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "core/audit/change_log.h"
#include "onestop/procedure.h"

namespace tinhso::onestop {

struct Sector {
  int64_t id = 0;
  std::string code, name;
  int64_t procedures = 0;
};

struct ProcedureSummary {
  int64_t id = 0;
  std::string national_code, name;
  int64_t sector_id = 0;
  std::string sector_code, sector_name;
  std::vector<std::string> levels, agency_codes;
  std::string online_mode;
  int legacy_level = 2;
  int processing_days = 0, processing_hours = 0;
  int64_t version_no = 1;
  int64_t current_version_id = 0;
  bool active = true;
};

boost::json::object summary_json(const ProcedureSummary& p);

Result<ProcedureSummary> create_procedure(audit::ChangeTx& tx, const ProcedureDef& d);
// Records a new version; `expected_version_no` guards against concurrent edits.
Result<ProcedureSummary> update_procedure(audit::ChangeTx& tx, int64_t id, const ProcedureDef& d,
                                          std::optional<int64_t> expected_version_no);
Status set_procedure_active(audit::ChangeTx& tx, int64_t id, bool active);
Result<ProcedureSummary> get_procedure(storage::Tx& tx, int64_t id);
// The same in one statement outside a transaction (one round trip on PostgreSQL instead of
// three), for a submission's check before its write transaction.
Result<ProcedureSummary> get_procedure(storage::Database& db, int64_t id);
Result<std::optional<ProcedureSummary>> find_procedure(storage::Tx& tx,
                                                       std::string_view national_code);

struct VersionInfo {
  int64_t id = 0, version_no = 0;
  Instant created_at;
  std::string created_by;
};
Result<std::vector<VersionInfo>> list_versions(storage::Tx& tx, int64_t procedure_id);

// Parsed definitions by version id. Versions never change, so entries never go stale.
// Thread-safe: one mutex guards the map; the definitions handed out are immutable.
class ProcedureCache {
 public:
  Result<std::shared_ptr<const ProcedureDef>> version(storage::Tx& tx, int64_t version_id);
  // The same outside a transaction: from the cache, or one read when it is not there yet.
  Result<std::shared_ptr<const ProcedureDef>> version(storage::Database& db, int64_t version_id);
  std::shared_ptr<const ProcedureDef> cached(int64_t version_id);

 private:
  std::mutex mu_;
  std::map<int64_t, std::shared_ptr<const ProcedureDef>> defs_;
};

struct CatalogQuery {
  std::string text;  // name, code or sector; accents optional
  std::optional<int64_t> sector_id;
  std::optional<std::string> level;
  std::optional<std::string> agency_code;  // procedures this agency performs…
  // …or names by the codes it inherited (OrgTree::inherited_codes: re-coded, or of units it
  // took over in a reorganisation)…
  std::vector<std::string> agency_inherited_codes;
  std::optional<std::string> agency_level;  // …given its level (for level-wide procedures)
  std::optional<std::string> online_mode;
  bool include_inactive = false;
  int offset = 0;
  int limit = 20;
};
struct CatalogPage {
  std::vector<ProcedureSummary> items;
  int64_t total = 0;
};
// Exact-accent matches first, then accent-insensitive phrase matches, then word matches.
Result<CatalogPage> search_catalog(storage::Tx& tx, const CatalogQuery& q);
Result<std::vector<Sector>> list_sectors(storage::Tx& tx);
// The active procedures people used most since `since` (a "YYYY-MM" month): by dossiers
// received, from the monthly statistics, most first.
Result<std::vector<std::pair<ProcedureSummary, int64_t>>> popular_procedures(
    storage::Tx& tx, const std::string& since, int limit);

struct CatalogImport {
  int created = 0, updated = 0, unchanged = 0;
};
// Creates procedures or records a new version where the definition changed; all or nothing.
Result<CatalogImport> import_catalog(audit::ChangeTx& tx, const std::vector<ProcedureDef>& defs);
Result<std::vector<ProcedureDef>> catalog_from_json(const boost::json::value& doc);
// Flat CSV (one procedure per row, no papers or process): new procedures get the default
// internal process of their level.
Result<std::vector<ProcedureDef>> catalog_from_csv(std::string_view text);
Result<boost::json::array> export_catalog_json(storage::Tx& tx, ProcedureCache& cache);
Result<std::string> export_catalog_csv(storage::Tx& tx, ProcedureCache& cache);

// The internal process used when none is given: a specialist of the agency reviews (75 % of
// the time), its leader approves (25 %).
std::vector<Step> default_steps();

}  // namespace tinhso::onestop
