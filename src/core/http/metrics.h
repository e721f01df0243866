// Request metrics in Prometheus text format: counts by route and status, latency
// histograms by route. Lock-free on the request path (atomics only).
//
// Thread safety: recording may happen from any thread (atomics); registering routes happens
// before the server starts.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tinhso::http {

class Metrics {
 public:
  // Buckets in seconds (Prometheus `le` labels).
  static constexpr std::array<double, 13> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  // Slots: one per route, then "static" and "unmatched".
  explicit Metrics(std::vector<std::string> route_labels);

  std::size_t static_slot() const { return labels_.size() - 2; }
  std::size_t unmatched_slot() const { return labels_.size() - 1; }
  void observe(std::size_t slot, int status, double seconds);

  // Renders all series; `extra` appends gauges owned by others (database, queues).
  std::string render(const std::function<void(std::string&)>& extra) const;

 private:
  struct Series {
    std::array<std::atomic<uint64_t>, 500> by_status{};  // index: status - 100
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
  };
  std::vector<std::string> labels_;
  std::vector<std::unique_ptr<Series>> series_;
};

}  // namespace tinhso::http
