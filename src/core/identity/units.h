// Units of the organisation tree: the province's people's committee, departments, the
// commune-level people's committees (xã, phường, đặc khu; districts before 1 July 2025) and
// their divisions, each with its electronic agency code. Levels and kinds are data
// (unit_levels, unit_kinds): a unit's level and kind must be in those tables, a kind tied to a
// level only at that level, and no unit ranks above its parent.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/csv.h"

namespace tinhso::identity {

struct Unit {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string code, name, short_name, level, kind;
  std::string level_label, kind_label;  // from unit_levels and unit_kinds
  std::optional<std::string> address, phone, email;
  bool active = true;
  int64_t sort_order = 0;
  int64_t version = 1;
  std::optional<std::string> ended_on;  // the last day of a unit reorganised away
};

boost::json::object unit_json(const Unit& u);

// Fields of a unit as given by a person or an import; `parent_code` is used by imports.
struct UnitInput {
  std::optional<int64_t> parent_id;
  std::optional<std::string> parent_code;
  std::string code, name, short_name, level, kind;
  std::optional<std::string> address, phone, email;
  std::optional<bool> active;
  std::optional<int64_t> sort_order;
  // Where an import read it, for its errors: the CSV line (the header is line 1) or the
  // position in a JSON list (from 1); 0 when not imported.
  std::size_t source_row = 0;
};

// Reads and validates the fields of `v` (creating: code, name, level, kind required).
Result<UnitInput> read_unit_input(const boost::json::value& v, bool creating);

struct UnitFilter {
  std::optional<int64_t> parent_id;
  std::optional<int64_t> within;  // the unit and everything below it
  std::optional<std::string> level, kind, query;
  bool include_inactive = false;
};

// A person creating a unit today: refused (422 unit.level_ended) at a level that has ended,
// such as the district level after 30 June 2025. Imports and the demo may record history.
Status check_level_in_force(storage::Tx& tx, std::string_view level, Date today);

Result<Unit> get_unit(storage::Tx& tx, int64_t id);
Result<std::vector<Unit>> list_units(storage::Tx& tx, const UnitFilter& f);
Result<Unit> create_unit(audit::ChangeTx& tx, const UnitInput& in);
// Changes names, contact details, kind, order and the active flag; the code, level and
// place in the tree identify the unit in issued documents and dossier codes and stay fixed.
Result<Unit> update_unit(audit::ChangeTx& tx, int64_t id, const UnitInput& in,
                         std::optional<int64_t> expected_version);

struct ImportReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};
// Creates or updates units by code, parents before children; all or nothing. Rows come from
// JSON ({"units":[…]}) or CSV (header: code,parent_code,name,short_name,level,kind,…).
Result<ImportReport> import_units(audit::ChangeTx& tx, std::vector<UnitInput> rows);
Result<std::vector<UnitInput>> units_from_csv(std::string_view text);
Result<std::vector<UnitInput>> units_from_json(const boost::json::value& doc);

std::string units_to_csv(const std::vector<Unit>& units, const std::vector<Unit>& all);
boost::json::object units_to_json(const std::vector<Unit>& units, const std::vector<Unit>& all);

}  // namespace tinhso::identity
