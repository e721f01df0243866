// Token-bucket rate limiting per client key (usually the client address).
//
// Thread safety: allow() and would_allow() may be called from any thread (sharded buckets, one
// mutex per shard).
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tinhso {

class RateLimiter {
 public:
  // `per_second` ≤ 0 disables limiting.
  RateLimiter(double per_second, double burst) : rate_(per_second), burst_(burst) {}

  // Takes one token for `key`; false (with the seconds to wait) when the bucket is empty.
  bool allow(std::string_view key, int* retry_after_seconds = nullptr) {
    return take(key, retry_after_seconds, true);
  }
  // Whether `key` has a token left, without taking it (to refuse before costly or guessable
  // work, charging only failures).
  bool would_allow(std::string_view key, int* retry_after_seconds = nullptr) {
    return take(key, retry_after_seconds, false);
  }
  bool enabled() const { return rate_ > 0; }

 private:
  bool take(std::string_view key, int* retry_after_seconds, bool consume);
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  double rate_;
  double burst_;
  std::array<Shard, 16> shards_;
};

}  // namespace tinhso
