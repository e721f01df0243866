// OrgTree: an immutable in-memory snapshot of the organisation tree (parent links, codes,
// names, levels and kinds — the last two are data: unit_levels, unit_kinds), used for scope
// checks on every request without a database round trip.
//
// OrgCache holds the current snapshot (storage::SnapshotCache keyed by "org_version").
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/storage/snapshot_cache.h"

namespace tinhso::identity {

// The levels the law names and rules refer to; others may be added as data.
inline constexpr std::string_view kProvinceLevel = "province";
inline constexpr std::string_view kCommuneLevel = "commune";
inline constexpr std::string_view kDistrictLevel = "district";  // ended 30 June 2025

// An administrative level (unit_levels): province and commune today; district until
// 30 June 2025, kept for the history recorded before.
struct LevelInfo {
  std::string key;                      // "province"
  std::string label;                    // "Cấp tỉnh"
  int rank = 0;                         // 0 the highest
  std::optional<std::string> ended_on;  // 'YYYY-MM-DD', the level's last day

  // Whether the level had ended by `today` (no new units, no new reception at it).
  bool ended_by(Date today) const;
};

// A kind of unit (unit_kinds): people's committees of each kind of administrative unit,
// departments, divisions, public service centres, …
struct KindInfo {
  std::string key;
  std::string label;
  std::optional<std::string> at_level;  // none: found at any level
  bool committee = false;               // the people's committee of an administrative unit
};

struct UnitInfo {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string code;
  std::string name;
  std::string short_name;
  std::string level;  // a unit_levels key
  std::string kind;   // a unit_kinds key
  bool active = true;
  std::optional<std::string> ended_on;  // 'YYYY-MM-DD', the last day of a unit reorganised away
};

// Who took over from an ended unit (unit_successions).
struct Succession {
  int64_t successor = 0;
  bool takes_work = false;  // received its open work; its figures are counted into it
};

class OrgTree {
 public:
  static Result<std::shared_ptr<const OrgTree>> load(storage::Tx& tx);

  const UnitInfo* find(int64_t id) const;
  const UnitInfo* find_by_code(std::string_view code) const;
  // The unit in force that answers today for `code`: the unit carrying it, or the one that
  // carried it before a re-code, followed through the successions of ended units (the one that
  // took the work). Documents, messages and procedures naming an old code keep working. Null
  // for an unknown code; an ended unit without a successor is returned as it is.
  const UnitInfo* resolve_code(std::string_view code) const;
  // The unit in force that took over the work of `unit` (itself when it is in force).
  int64_t work_successor(int64_t unit) const;
  const std::vector<Succession>& successors(int64_t unit) const;
  const std::vector<int64_t>& predecessors(int64_t unit) const;
  // The other codes `unit` answers for: those it carried before a re-code, and those of every
  // unit whose work it took over (and theirs, transitively). For catalogues and registers kept
  // by code, which still name the old units.
  std::vector<std::string> inherited_codes(int64_t unit) const;
  // True when `unit` is `ancestor` or lies below it.
  bool within(int64_t unit, int64_t ancestor) const;
  // `unit` and its ancestors, nearest first.
  std::vector<int64_t> lineage(int64_t unit) const;
  const std::vector<int64_t>& children(int64_t unit) const;
  std::vector<int64_t> roots() const;
  std::size_t size() const { return units_.size(); }

  // The levels by rank and the kinds in their list order, as the database holds them.
  const std::vector<LevelInfo>& levels() const { return levels_; }
  const std::vector<KindInfo>& kinds() const { return kinds_; }
  const LevelInfo* level(std::string_view key) const;
  const KindInfo* kind(std::string_view key) const;
  // The Vietnamese label of a level, or the key itself for one the table does not know.
  std::string_view level_label(std::string_view key) const;
  // Whether `u` is the people's committee of an administrative unit (of any kind so marked).
  bool is_committee(const UnitInfo& u) const;

 private:
  std::vector<LevelInfo> levels_;
  std::vector<KindInfo> kinds_;
  std::unordered_map<int64_t, UnitInfo> units_;
  std::unordered_map<std::string, int64_t> by_code_;
  std::unordered_map<std::string, int64_t> by_former_code_;
  std::unordered_map<int64_t, std::vector<std::string>> former_codes_;
  std::unordered_map<int64_t, std::vector<Succession>> successors_;
  std::unordered_map<int64_t, std::vector<int64_t>> predecessors_;
  std::unordered_map<int64_t, std::vector<int64_t>> children_;
};

// The shared snapshot of the tree; see storage::SnapshotCache.
class OrgCache : public storage::SnapshotCache<OrgTree> {
 public:
  static constexpr std::string_view kVersionKey = "org_version";
  explicit OrgCache(storage::Database& db)
      : SnapshotCache(db, std::string(kVersionKey),
                      [](storage::Tx& tx) { return OrgTree::load(tx); }) {}
};

}  // namespace tinhso::identity
