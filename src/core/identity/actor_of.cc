#include "core/identity/actor_of.h"

namespace tinhso::identity {

audit::Actor actor_of(const Principal& who, const std::optional<Grant>& grant) {
  audit::Actor a;
  a.kind = who.is_official() ? "official" : "applicant";
  a.id = who.id;
  a.name = who.full_name;
  if (grant) {
    a.role = std::string(role_name(grant->role));
    a.unit_id = grant->unit_id;
  } else if (who.is_official()) {
    a.unit_id = who.unit_id;
  }
  return a;
}

void authorised_by(audit::ChangeTx& tx, const std::optional<Grant>& grant) {
  if (grant) tx.authorised_as(std::string(role_name(grant->role)), grant->unit_id);
}

Status authorised_by(audit::ChangeTx& tx, Result<std::optional<Grant>> checked) {
  if (!checked.ok()) return std::move(checked).error();
  authorised_by(tx, *checked);
  return ok_status();
}

Status authorised_by(audit::ChangeTx& tx, Result<Grant> checked) {
  if (!checked.ok()) return std::move(checked).error();
  authorised_by(tx, std::optional<Grant>(*checked));
  return ok_status();
}

}  // namespace tinhso::identity
