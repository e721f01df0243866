// Officials (cán bộ, công chức, viên chức): accounts of people who work in a unit, and the
// roles they are granted in units.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/identity/authorizer.h"
#include "core/identity/org_tree.h"

namespace tinhso::identity {

struct Official {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string username, full_name;
  std::optional<std::string> position, email, phone;
  bool active = true;
  bool must_change_password = false;
  bool locked = false;
  int64_t version = 1;
  std::vector<Grant> grants;
};

boost::json::object official_json(const Official& o, const OrgTree& org);
boost::json::object grant_json(const Grant& g, const OrgTree& org);

struct OfficialInput {
  std::optional<int64_t> unit_id;
  std::string username;
  std::string full_name;
  std::optional<std::string> position, email, phone;
  std::optional<bool> active;
  std::optional<std::string> password;  // creating: empty means "generate a temporary one"
};

Result<OfficialInput> read_official_input(const boost::json::value& v, bool creating);
// Usernames: 3–64 characters of a–z, 0–9, '.', '_', '-'.
bool valid_username(std::string_view s);

Result<Official> get_official(storage::Tx& tx, int64_t id);
std::optional<int64_t> find_official_id(storage::Tx& tx, std::string_view username);

struct OfficialFilter {
  UnitScope scope;
  std::optional<int64_t> unit_id;  // this unit only
  std::optional<std::string> role;
  std::optional<std::string> query;  // name or username
  std::optional<int64_t> after_id;
  int limit = 50;
};
Result<std::vector<Official>> list_officials(storage::Tx& tx, const OfficialFilter& f);

// `password_hash` is computed by the caller, outside the transaction (argon2 is slow).
Result<Official> create_official(audit::ChangeTx& tx, const OfficialInput& in,
                                 const std::string& password_hash, bool must_change_password);
Result<Official> update_official(audit::ChangeTx& tx, int64_t id, const OfficialInput& in,
                                 std::optional<int64_t> expected_version);
Status set_official_password(audit::ChangeTx& tx, int64_t id, const std::string& password_hash,
                             bool temporary);
// Lifts a lock or wait earned by failed logins (an administrator's decision, audited).
Status unlock_official(audit::ChangeTx& tx, int64_t id);
Result<Grant> grant_role(audit::ChangeTx& tx, int64_t official_id, Role role, int64_t unit_id,
                         bool include_subunits, std::optional<int64_t> granted_by);
Status revoke_grant(audit::ChangeTx& tx, int64_t official_id, int64_t grant_id);

}  // namespace tinhso::identity
