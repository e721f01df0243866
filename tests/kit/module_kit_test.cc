// The module kit: a module added by one line runs its migration, holds its permission, serves
// its route and runs its task; the list's order follows dependencies; mistakes in the list are
// caught before anything opens.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "app/app.h"
#include "app/modules.h"
#include "core/http/router.h"
#include "kit/example_module/example_module.h"

namespace tinhso::app {
namespace {

class ModuleKitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tinhso-kit-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  Result<std::unique_ptr<App>> open(std::vector<const ModuleDef*> modules) {
    ConfigInputs in;
    in.overrides = {"data_dir=" + dir_, "database.url=sqlite:kit.db", "logging.level=warn"};
    TS_ASSIGN_OR_RETURN(auto config, load_config(in));
    return App::open(std::move(config), std::move(modules));
  }

  std::string dir_;
  std::unique_ptr<App> app_;
};

std::vector<const ModuleDef*> with_example() {
  auto modules = default_modules();
  modules.push_back(&example::module_def());  // the one line
  return modules;
}

TEST_F(ModuleKitTest, ExampleModuleAddedByOneLineRunsItsMigrationRouteAndTask) {
  auto app = open(with_example());
  ASSERT_TRUE(app.ok()) << app.error().describe();
  app_ = std::move(*app);
  ASSERT_TRUE(app_->migrate().ok());
  EXPECT_EQ(app_->migrations().back().id(), "example/0001_example_notes");
  auto ready = app_->ready();
  ASSERT_TRUE(ready.ok());
  EXPECT_TRUE(*ready);

  http::Router router;
  app_->register_routes(router);
  auto match = router.match(http::Method::kGet, "/api/v1/example/notes");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->spec.access, http::Access::kOfficial);
  // The modules' routes are all there too.
  EXPECT_NE(router.match(http::Method::kGet, "/api/v1/procedures").route, nullptr);

  auto table = permission_table(with_example());
  ASSERT_TRUE(table.ok());
  EXPECT_NE(std::find(table->begin(), table->end(), example::kReadNotes), table->end());

  app_->start_modules();
  int64_t notes = 0;
  for (int i = 0; i < 250 && notes < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto rows = app_->db().read(
        [](storage::Tx& tx) { return tx.query("SELECT count(*) FROM example_notes"); });
    ASSERT_TRUE(rows.ok());
    notes = rows->front().i64(0);
  }
  app_->stop_modules();
  EXPECT_GE(notes, 2);
}

TEST_F(ModuleKitTest, WithoutTheLineTheModuleIsAbsent) {
  auto app = open(default_modules());
  ASSERT_TRUE(app.ok()) << app.error().describe();
  app_ = std::move(*app);
  ASSERT_TRUE(app_->migrate().ok());
  auto tables = app_->db().read([](storage::Tx& tx) {
    return tx.query("SELECT count(*) FROM sqlite_master WHERE name = 'example_notes'");
  });
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables->front().i64(0), 0);
  http::Router router;
  app_->register_routes(router);
  EXPECT_EQ(router.match(http::Method::kGet, "/api/v1/example/notes").route, nullptr);
}

ModuleDef def(std::string_view name, std::vector<std::string_view> deps) {
  return ModuleDef{.name = name, .summary = "", .depends_on = std::move(deps)};
}

TEST(ModuleList, MigrationsFollowDependenciesNotListOrder) {
  ModuleDef a = def("onestop", {"documents"});
  ModuleDef b = def("documents", {});
  auto all = migrations_of({&a, &b}, storage::Dialect::kSqlite);
  ASSERT_TRUE(all.ok()) << all.error().describe();
  std::vector<std::string> order;
  for (const auto& m : *all)
    if (order.empty() || order.back() != m.module) order.push_back(m.module);
  EXPECT_EQ(order, (std::vector<std::string>{"core", "documents", "onestop"}));
}

TEST(ModuleList, UnknownAndCircularDependenciesAreErrors) {
  ModuleDef a = def("onestop", {"reporting"});
  EXPECT_FALSE(migrations_of({&a}, storage::Dialect::kSqlite).ok());
  ModuleDef b = def("onestop", {"documents"});
  ModuleDef c = def("documents", {"onestop"});
  EXPECT_FALSE(migrations_of({&b, &c}, storage::Dialect::kSqlite).ok());
}

TEST(ModuleList, APermissionDeclaredTwiceIsRefused) {
  ASSERT_TRUE(permission_table(default_modules()).ok());
  static constexpr identity::Permission kClash[] = {{"handle_dossier", identity::kAdminRoles}};
  ModuleDef clash = def("clash", {});
  clash.permissions = kClash;
  auto modules = default_modules();
  modules.push_back(&clash);
  EXPECT_FALSE(permission_table(modules).ok());
}

}  // namespace
}  // namespace tinhso::app
