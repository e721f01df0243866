#include "core/http/metrics.h"

#include <fmt/format.h>

namespace tinhso::http {

Metrics::Metrics(std::vector<std::string> route_labels) : labels_(std::move(route_labels)) {
  labels_.emplace_back("static");
  labels_.emplace_back("unmatched");
  for (std::size_t i = 0; i < labels_.size(); ++i) series_.push_back(std::make_unique<Series>());
}

void Metrics::observe(std::size_t slot, int status, double seconds) {
  Series& s = *series_[std::min(slot, series_.size() - 1)];
  if (status >= 100 && status < 600) {
    s.by_status[static_cast<std::size_t>(status - 100)].fetch_add(1, std::memory_order_relaxed);
  }
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::render(const std::function<void(std::string&)>& extra) const {
  std::string out;
  out += "# HELP tinhso_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE tinhso_http_requests_total counter\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    for (std::size_t st = 0; st < 500; ++st) {
      uint64_t n = series_[i]->by_status[st].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += fmt::format("tinhso_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                         labels_[i], st + 100, n);
    }
  }
  out += "# HELP tinhso_http_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE tinhso_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const Series& s = *series_[i];
    uint64_t count = s.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      out +=
          fmt::format("tinhso_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      labels_[i], kBuckets[b], cumulative);
    }
    cumulative += s.buckets[kBuckets.size()].load(std::memory_order_relaxed);
    out +=
        fmt::format("tinhso_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    labels_[i], cumulative);
    out +=
        fmt::format("tinhso_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n", labels_[i],
                    static_cast<double>(s.sum_micros.load(std::memory_order_relaxed)) / 1e6);
    out += fmt::format("tinhso_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                       labels_[i], count);
  }
  if (extra) extra(out);
  return out;
}

}  // namespace tinhso::http
