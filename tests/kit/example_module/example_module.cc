#include "kit/example_module/example_module.h"

#include <spdlog/spdlog.h>

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
      : s_(s), ticks_(std::chrono::milliseconds(20), [this] {
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

 private:
  Services& s_;
  PeriodicTask ticks_;
};

}  // namespace

const ModuleDef& module_def() {
  static const ModuleDef kDef{
      .name = "example",
      .summary = "the example module of docs/modules.md",
      .depends_on = {},
      .permissions = kPermissions,
      .make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<Example>(s); },
      .migrations_dir = TINHSO_SOURCE_DIR "/tests/kit/example_module/migrations",
  };
  return kDef;
}

}  // namespace tinhso::example
