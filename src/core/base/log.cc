#include "core/base/log.h"

#include <spdlog/async.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <condition_variable>
#include <thread>

namespace tinhso::log {
namespace {

thread_local std::string t_request_id;

// {"ts":…,"level":…,"request_id":…,"msg":…}
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    auto t = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char ts[64];
    std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(t.time_since_epoch().count() % 1000));
    std::string_view text(msg.payload.data(), msg.payload.size());
    std::string line = "{\"ts\":\"";
    line += ts;
    line += "\",\"level\":\"";
    line += spdlog::level::to_string_view(msg.level).data();
    line += "\"";
    if (!t_request_id.empty()) line += ",\"request_id\":\"" + t_request_id + "\"";
    line += ",\"msg\":";
    line += boost::json::serialize(boost::json::string(text));
    line += "}";
    line += "\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

class AccessWriter {
 public:
  static constexpr std::size_t kBlock = 64 * 1024;

  void open(std::FILE* out, bool owned) {
    std::lock_guard lock(mu_);
    write_locked();
    if (owned_) std::fclose(out_);
    out_ = out;
    owned_ = owned;
    if (!thread_.joinable()) {
      thread_ = std::thread([this] {
        std::unique_lock lock(mu_);
        while (!stop_) {
          cv_.wait_for(lock, std::chrono::seconds(1));
          write_locked();
        }
      });
    }
  }

  void append(std::string_view fields) {
    // Time stamp prefix, recomputed once per second per thread.
    thread_local int64_t cached_second = -1;
    thread_local char prefix[64];
    auto now = std::chrono::system_clock::now();
    int64_t ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    if (ms / 1000 != cached_second) {
      cached_second = ms / 1000;
      std::time_t secs = static_cast<std::time_t>(cached_second);
      std::tm tm{};
      gmtime_r(&secs, &tm);
      std::snprintf(prefix, sizeof prefix, "{\"ts\":\"%04d-%02d-%02dT%02d:%02d:%02d.",
                    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    }
    char millis[40];
    int n = std::snprintf(millis, sizeof millis, "%03dZ\",\"level\":\"info\",",
                          static_cast<int>(ms % 1000));
    std::lock_guard lock(mu_);
    if (out_ == nullptr) return;
    pending_.append(prefix);
    pending_.append(millis, static_cast<std::size_t>(n));
    pending_.append(fields);
    pending_.append("}\n");
    if (pending_.size() >= kBlock) write_locked();
  }

  void close() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
      write_locked();
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(mu_);
    if (out_ != nullptr) std::fflush(out_);
    if (owned_ && out_ != nullptr) std::fclose(out_);
    out_ = nullptr;
    owned_ = false;
    stop_ = false;
  }

 private:
  void write_locked() {
    if (pending_.empty() || out_ == nullptr) return;
    std::fwrite(pending_.data(), 1, pending_.size(), out_);
    std::fflush(out_);
    pending_.clear();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
  bool stop_ = false;
  std::FILE* out_ = nullptr;
  bool owned_ = false;
  std::string pending_;
};

AccessWriter& access_writer() {
  static AccessWriter* w = new AccessWriter();  // lives until exit; closed by shutdown()
  return *w;
}

}  // namespace

void set_request_id(std::string_view id) {
  t_request_id.assign(id);
}
std::string_view request_id() {
  return t_request_id;
}

void init(const Options& o) {
  if (spdlog::thread_pool() == nullptr) spdlog::init_thread_pool(16384, 1);
  spdlog::sink_ptr sink;
  if (o.file.empty()) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(o.file);
  }
  if (o.format == "json") {
    sink->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    sink->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
  }
  auto main = std::make_shared<spdlog::async_logger>("tinhso", sink, spdlog::thread_pool(),
                                                     spdlog::async_overflow_policy::block);
  main->set_level(spdlog::level::from_str(o.level));
  main->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(main);
  std::FILE* access_out = o.file.empty() ? stderr : std::fopen(o.file.c_str(), "a");
  if (access_out == nullptr) access_out = stderr;
  access_writer().open(access_out, access_out != stderr);
  spdlog::flush_every(std::chrono::seconds(1));
}

void access(std::string_view fields) {
  access_writer().append(fields);
}

void shutdown() {
  access_writer().close();
  spdlog::default_logger()->flush();
  spdlog::shutdown();
}

}  // namespace tinhso::log
