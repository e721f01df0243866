// An organisation for unit tests: a SQLite test database, its audit log, the organisation
// snapshot cache and an authorizer over it, with units imported from CSV through the audited
// import, as the product loads them.
#pragma once

#include <memory>
#include <string_view>

#include "core/audit/change_log.h"
#include "core/identity/authorizer.h"
#include "core/identity/units.h"
#include "support/test_db.h"

namespace tinhso::testing {

struct TestOrg {
  TestOrg()
      : db(std::make_unique<TestDatabase>("sqlite")),
        log(std::make_unique<audit::ChangeLog>(db->db(), clock, audit::AuditKey::generate())),
        cache(std::make_unique<identity::OrgCache>(db->db())),
        authz(std::make_unique<identity::Authorizer>(*cache)) {}

  // CSV with the header code,parent_code,name,short_name,level,kind.
  Status import(std::string_view csv) {
    TS_ASSIGN_OR_RETURN(auto rows, identity::units_from_csv(csv));
    auto report = log->apply(audit::Actor::system(),
                             [&](audit::ChangeTx& tx) { return identity::import_units(tx, rows); });
    if (!report.ok()) return std::move(report).error();
    cache->invalidate();
    return ok_status();
  }
  // The id of the unit with `code` (0 when there is none).
  int64_t id(std::string_view code) {
    const auto* u = cache->get()->find_by_code(code);
    return u != nullptr ? u->id : 0;
  }

  Clock clock;
  std::unique_ptr<TestDatabase> db;
  std::unique_ptr<audit::ChangeLog> log;
  std::unique_ptr<identity::OrgCache> cache;
  std::unique_ptr<identity::Authorizer> authz;
};

}  // namespace tinhso::testing
