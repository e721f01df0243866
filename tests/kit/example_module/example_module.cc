#include "kit/example_module/example_module.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdio>
#include <string>

#include "core/base/periodic_task.h"
#include "core/base/time.h"
#include "core/http/context.h"
#include "core/http/router.h"
#include "core/storage/sql.h"

namespace tinhso::example {
namespace {

class Example : public Module {
 public:
  explicit Example(Services& s)
      : s_(s), ticks_(std::chrono::milliseconds(s.config.section<ExampleConfig>().tick_ms), [this] {
          auto r = s_.db.write([this](storage::Tx& tx) -> Status {
            TS_TRY(tx.exec("INSERT INTO example_notes (text, created_at) VALUES ('tick', $1)",
                           {to_millis(s_.clock.now())}));
            return ok_status();
          });
          if (!r.ok()) spdlog::warn("example ticks: {}", r.error().describe());
        }) {}

  void register_routes(http::Router& router) override {
    router.add({
        .method = http::Method::kGet,
        .path = "/api/v1/example/notes",
        .summary = "How many notes the example module's task wrote",
        .tag = "example",
        .access = http::Access::kOfficial,
        .handler = [this](http::Context& ctx) -> Result<http::Response> {
          TS_TRY(ctx.authorize_anywhere(kReadNotes));
          TS_ASSIGN_OR_RETURN(auto rows, s_.db.read([](storage::Tx& tx) {
            return tx.query("SELECT count(*) FROM example_notes");
          }));
          return http::Response::json(boost::json::object{{"notes", rows.front().i64(0)}});
        },
    });
  }
  void start() override { ticks_.start(); }
  void stop() override { ticks_.stop(); }
  Services& services() { return s_; }

 private:
  Services& s_;
  PeriodicTask ticks_;
};

const ConfigKey kKeys[] = {
    {"tick_ms", "Milliseconds between two notes.",
     &config_member<ExampleConfig, &ExampleConfig::tick_ms>},
};

Status validate(const std::any& section) {
  if (std::any_cast<const ExampleConfig&>(section).tick_ms < 1)
    return config_error("kiểm tra", "example.tick_ms", "phải ≥ 1");
  return ok_status();
}

// `tinhso example count [--at-least N]`: how many notes there are; an error below N.
Status count_notes(Module& module, const std::vector<std::string>& args) {
  auto& s = static_cast<Example&>(module).services();
  int64_t at_least = 0;
  bool usable = args.empty();
  if (args.size() == 2 && args[0] == "--at-least") {
    const std::string& n = args[1];
    usable = std::from_chars(n.data(), n.data() + n.size(), at_least).ec == std::errc();
  }
  if (!usable) return Error::invalid("Cách dùng: tinhso example count [--at-least N]");
  TS_ASSIGN_OR_RETURN(auto rows, s.db.read([](storage::Tx& tx) {
    return tx.query("SELECT count(*) FROM example_notes");
  }));
  int64_t notes = rows.front().i64(0);
  if (notes < at_least) return Error::invalid(fmt::format("Mới có {} ghi chú.", notes));
  std::printf("%lld notes\n", static_cast<long long>(notes));
  return ok_status();
}

const ModuleCommand kCommands[] = {
    {.group = "example",
     .group_summary = "Example module tools",
     .name = "count",
     .summary = "Print how many notes the task wrote",
     .migrate = true,
     .run = &count_notes},
};

constexpr http::ApiTag kApiTags[] = {{"example", "Mô-đun ví dụ của tài liệu docs/modules.md"}};

// Its part of `tinhso demo`: one note saying where it came from.
Result<std::string> demo(Module& module, const DemoContext& context) {
  auto& s = static_cast<Example&>(module).services();
  TS_TRY(s.db.write([&](storage::Tx& tx) -> Status {
    TS_TRY(tx.exec("INSERT INTO example_notes (text, created_at) VALUES ($1, $2)",
                   {fmt::format("demo {}", context.seed), to_millis(s.clock.now())}));
    return ok_status();
  }));
  return std::string("1 note");
}

const ConfigSection kSections[] = {
    {ExampleConfig::kSection, &config_defaults<ExampleConfig>, kKeys, &validate},
};

}  // namespace

const ModuleDef& module_def() {
  static const ModuleDef kDef{
      .name = "example",
      .summary = "the example module of docs/modules.md",
      .depends_on = {},
      .permissions = kPermissions,
      .config_sections = kSections,
      .make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<Example>(s); },
      .api_tags = kApiTags,
      .commands = kCommands,
      .demo = &demo,
      .migrations_dir = TINHSO_SOURCE_DIR "/tests/kit/example_module/migrations",
  };
  return kDef;
}

}  // namespace tinhso::example
