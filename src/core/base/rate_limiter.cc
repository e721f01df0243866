#include "core/base/rate_limiter.h"

#include <cmath>
#include <functional>

namespace tinhso {

bool RateLimiter::take(std::string_view key, int* retry_after_seconds, bool consume) {
  if (rate_ <= 0) return true;
  auto now = std::chrono::steady_clock::now();
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % shards_.size()];
  std::lock_guard lock(shard.mu);
  if (shard.buckets.size() > 50000) {
    // Forget clients whose buckets have refilled: they would start full anyway.
    std::erase_if(shard.buckets, [&](const auto& kv) {
      double elapsed = std::chrono::duration<double>(now - kv.second.last).count();
      return kv.second.tokens + elapsed * rate_ >= burst_;
    });
  }
  auto [it, inserted] = shard.buckets.try_emplace(std::string(key), Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.last = now;
  }
  if (b.tokens >= 1) {
    if (consume) b.tokens -= 1;
    return true;
  }
  if (retry_after_seconds != nullptr) {
    *retry_after_seconds = std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate_)));
  }
  return false;
}

}  // namespace tinhso
