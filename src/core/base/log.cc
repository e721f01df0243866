#include "core/base/log.h"

#include <spdlog/async.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

namespace tinhso::log {
namespace {

thread_local std::string t_request_id;

// {"ts":…,"level":…,"request_id":…,"msg":…}. Access lines are already JSON objects and are
// merged instead of quoted.
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    auto t = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char ts[64];
    std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(t.time_since_epoch().count() % 1000));
    std::string_view text(msg.payload.data(), msg.payload.size());
    std::string line = "{\"ts\":\"";
    line += ts;
    line += "\",\"level\":\"";
    line += spdlog::level::to_string_view(msg.level).data();
    line += "\"";
    if (msg.logger_name == "access" && text.starts_with('{')) {
      line += ",";
      line += text.substr(1);
    } else {
      if (!t_request_id.empty()) line += ",\"request_id\":\"" + t_request_id + "\"";
      line += ",\"msg\":";
      line += boost::json::serialize(boost::json::string(text));
      line += "}";
    }
    line += "\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

std::shared_ptr<spdlog::logger> g_access;

}  // namespace

void set_request_id(std::string_view id) { t_request_id.assign(id); }
std::string_view request_id() { return t_request_id; }

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
  g_access = std::make_shared<spdlog::async_logger>("access", sink, spdlog::thread_pool(),
                                                    spdlog::async_overflow_policy::overrun_oldest);
  g_access->set_level(spdlog::level::info);
  spdlog::flush_every(std::chrono::seconds(1));
}

std::shared_ptr<spdlog::logger> access_logger() { return g_access; }

void shutdown() {
  if (g_access) g_access->flush();
  spdlog::default_logger()->flush();
  spdlog::shutdown();
  g_access.reset();
}

}  // namespace tinhso::log
