#include "support/demo_app.h"

#include <fmt/format.h>

#include "app/modules.h"
#include "core/config/config.h"
#include "support/installation_cache.h"

namespace tinhso::testing {
namespace {

Result<std::unique_ptr<app::App>> open_app(const std::string& dir, const std::string& url) {
  ConfigInputs in;
  in.overrides = {"data_dir=" + dir, "database.url=" + url, "logging.level=warn"};
  auto modules = app::default_modules();
  TS_ASSIGN_OR_RETURN(auto config, load_config(in, app::config_sections_of(modules)));
  TS_ASSIGN_OR_RETURN(auto opened, app::App::open(std::move(config), modules));
  TS_TRY(opened->migrate());
  return opened;
}

}  // namespace

Result<std::unique_ptr<app::App>> open_demo_app(const std::string& engine,
                                                const app::DemoOptions& demo,
                                                const std::string& dir,
                                                std::unique_ptr<PgScratchDatabase>& pg) {
  // The build directory names the code that builds the demo (this test binary's, beside it).
  std::string key =
      fmt::format("in-process {} seed={} dossiers={} province={} reform={}", TINHSO_BINARY,
                  demo.seed, demo.dossiers, demo.province, demo.reform);
  std::string failure = "the demo was not built";
  auto url = copy_installation(key, engine, dir, "demo.db", pg, [&](const Installation& at) {
    auto app = open_app(at.dir, at.database_url);
    if (!app.ok()) {
      failure = app.error().describe();
      return false;
    }
    // Closed when `app` goes out of scope, before the copy is taken.
    return app::build_demo(**app, demo) == 0;
  });
  if (!url) return Error::internal(failure);
  return open_app(dir, *url);
}

}  // namespace tinhso::testing
