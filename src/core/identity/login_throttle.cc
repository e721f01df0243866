#include "core/identity/login_throttle.h"

#include <algorithm>
#include <functional>

namespace tinhso::identity {
namespace {

// Entries idle this long are forgotten when a shard grows large.
constexpr auto kForgetAfter = std::chrono::hours(1);
constexpr std::size_t kShardLimit = 20000;

}  // namespace

std::chrono::seconds delay_for(int64_t failures, int after, std::chrono::seconds max) {
  if (failures < after) return std::chrono::seconds(0);
  int64_t doublings = std::min<int64_t>(failures - after, 30);
  return std::min(max, std::chrono::seconds(int64_t{1} << doublings));
}

ClientFailures::Shard& ClientFailures::shard(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % shards_.size()];
}

int64_t ClientFailures::wait_seconds(const std::string& key, Instant now) {
  Shard& s = shard(key);
  std::lock_guard lock(s.mu);
  auto it = s.entries.find(key);
  if (it == s.entries.end() || it->second.retry_at <= now) return 0;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(it->second.retry_at - now);
  return std::max<int64_t>(1, (left.count() + 999) / 1000);
}

void ClientFailures::failed(const std::string& key, Instant now) {
  Shard& s = shard(key);
  std::lock_guard lock(s.mu);
  if (s.entries.size() > kShardLimit)
    std::erase_if(s.entries, [&](const auto& e) { return now - e.second.last > kForgetAfter; });
  Entry& e = s.entries[key];
  if (now - e.last > kForgetAfter) e.failures = 0;
  ++e.failures;
  e.last = now;
  e.retry_at = now + delay_for(e.failures, delays_.client_after, delays_.max_delay);
}

void ClientFailures::succeeded(const std::string& key) {
  Shard& s = shard(key);
  std::lock_guard lock(s.mu);
  s.entries.erase(key);
}

}  // namespace tinhso::identity
