// The application with every module, opened on a copy of the demo province as the services'
// tests use it (no HTTP). The demo is built once per process for each set of options
// (installation_cache.h); each call gets its own copy to change.
#pragma once

#include <memory>
#include <string>

#include "app/app.h"
#include "app/commands.h"
#include "core/base/result.h"
#include "support/test_db.h"

namespace tinhso::testing {

// Opens the application in the data directory `dir` on a copy of the demo built with `demo`,
// on `engine`; a PostgreSQL copy's database is owned by `pg`.
Result<std::unique_ptr<app::App>> open_demo_app(const std::string& engine,
                                                const app::DemoOptions& demo,
                                                const std::string& dir,
                                                std::unique_ptr<PgScratchDatabase>& pg);

}  // namespace tinhso::testing
