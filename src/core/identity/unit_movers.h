// UnitMover: how open work leaves a unit that a reorganisation ends. Core moves officials and
// their role grants on the unit; one-stop moves open dossiers; documents move arrivals waiting to
// be registered, open handling assignments and open tasks. A module declares its movers in its
// ModuleDef; the reorganiser counts with them for the dry run and moves with them in batches,
// each batch its own transaction recorded in the audit log, so a crash loses at most one batch
// of progress and a re-run moves what is still left.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"

namespace tinhso::identity {

struct UnitMover {
  enum class Target {
    kWork,   // to the successor taking the ended unit's open work
    kStaff,  // to the unit named for its officials (a person's decision)
  };
  std::string_view key;    // "open_dossiers": the key of its count in reports
  std::string_view label;  // "Hồ sơ đang giải quyết"
  Target target = Target::kWork;
  // How many items are at `unit` now.
  Result<int64_t> (*count)(storage::Tx& tx, int64_t unit) = nullptr;
  // Moves up to `limit` items from `from` to `to` and returns their ids (fewer than `limit`:
  // none is left). Items keep their deadlines. Must be pure in the transaction (PostgreSQL may
  // run it again after a serialisation failure): everything it changes is in `tx`.
  Result<std::vector<int64_t>> (*move)(audit::ChangeTx& tx, int64_t from, int64_t to,
                                       int64_t limit) = nullptr;
};

// Core's movers: officials whose unit it is, and role grants on it.
std::span<const UnitMover> core_unit_movers();

}  // namespace tinhso::identity
