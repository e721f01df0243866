// OrgTree: an immutable in-memory snapshot of the organisation tree (parent links, codes,
// names), used for scope checks on every request without a database round trip.
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
#include "core/storage/snapshot_cache.h"

namespace tinhso::identity {

enum class UnitLevel { kProvince, kDistrict, kCommune };
inline constexpr UnitLevel kUnitLevels[] = {UnitLevel::kProvince, UnitLevel::kDistrict,
                                            UnitLevel::kCommune};
std::string_view level_name(UnitLevel l);
std::string_view level_label_vi(UnitLevel l);  // "Cấp tỉnh"
std::optional<UnitLevel> parse_level(std::string_view s);

struct UnitInfo {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string code;
  std::string name;
  std::string short_name;
  UnitLevel level = UnitLevel::kProvince;
  std::string kind;
  bool active = true;
};

class OrgTree {
 public:
  static Result<std::shared_ptr<const OrgTree>> load(storage::Tx& tx);

  const UnitInfo* find(int64_t id) const;
  const UnitInfo* find_by_code(std::string_view code) const;
  // True when `unit` is `ancestor` or lies below it.
  bool within(int64_t unit, int64_t ancestor) const;
  // `unit` and its ancestors, nearest first.
  std::vector<int64_t> lineage(int64_t unit) const;
  const std::vector<int64_t>& children(int64_t unit) const;
  std::vector<int64_t> roots() const;
  std::size_t size() const { return units_.size(); }

 private:
  std::unordered_map<int64_t, UnitInfo> units_;
  std::unordered_map<std::string, int64_t> by_code_;
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
