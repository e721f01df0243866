// Logging set-up (spdlog): JSON lines or text, to standard error or a file, written by a
// background thread so that request threads never wait on the disk. Every line written
// while a request is handled carries that request's id.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <string_view>

namespace tinhso::log {

struct Options {
  std::string level = "info";
  std::string format = "json";  // json | text
  std::string file;             // empty: standard error
};

void init(const Options& o);
// Appends one access line: `fields` is the inside of a JSON object ("\"a\":1,\"b\":2"); the
// writer adds the time stamp. Lines are buffered and written in blocks (every second, or when
// 64 KiB accumulate) so that request threads never wait for the disk or wake a thread.
void access(std::string_view fields);
void shutdown();

// The request id of the work this thread is doing, set by the HTTP pipeline.
void set_request_id(std::string_view id);
std::string_view request_id();

class RequestScope {
 public:
  explicit RequestScope(std::string_view id) { set_request_id(id); }
  ~RequestScope() { set_request_id({}); }
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;
};

}  // namespace tinhso::log
