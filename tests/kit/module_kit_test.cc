// The module kit: a module added by one line runs its migration, holds its permission, serves
// its route and runs its task; the list's order follows dependencies; mistakes in the list are
// caught before anything opens.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "app/app.h"
#include "app/commands.h"
#include "app/modules.h"
#include "core/base/text.h"
#include "core/http/openapi.h"
#include "core/http/router.h"
#include "core/outbox/outbox.h"
#include "kit/example_module/example_module.h"
#include "onestop/config.h"
#include "onestop/dossier.h"

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
  Result<std::unique_ptr<App>> open(std::vector<const ModuleDef*> modules,
                                    std::vector<std::string> settings = {}) {
    ConfigInputs in;
    in.overrides = {"data_dir=" + dir_, "database.url=sqlite:kit.db", "logging.level=warn"};
    in.overrides.insert(in.overrides.end(), settings.begin(), settings.end());
    TS_ASSIGN_OR_RETURN(auto config, load_config(in, config_sections_of(modules)));
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
  auto app = open(with_example(), {"example.tick_ms=5"});
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
  EXPECT_EQ(app_->config().section<example::ExampleConfig>().tick_ms, 5);

  // Its command-line tool runs on the made module, with its own arguments.
  const ModuleCommand& count = example::module_def().commands.front();
  EXPECT_EQ(run_module_command(*app_, example::module_def(), count, {"--at-least", "2"}), 0);
  EXPECT_EQ(run_module_command(*app_, example::module_def(), count, {"--at-least", "1000000"}), 1);
  EXPECT_EQ(run_module_command(*app_, example::module_def(), count, {"--everything"}), 1);
}

// Every route is grouped under a tag that core or its module declared, each declared once.
TEST_F(ModuleKitTest, EveryRoutesTagIsDeclaredOnce) {
  auto app = open(with_example());
  ASSERT_TRUE(app.ok()) << app.error().describe();
  http::Router router;
  (*app)->register_routes(router);
  std::set<std::string_view> declared;
  for (const auto& tag : api_tags_of(with_example())) {
    EXPECT_TRUE(declared.insert(tag.name).second) << tag.name;
    EXPECT_FALSE(tag.description.empty()) << tag.name;
  }
  EXPECT_TRUE(declared.contains("example"));
  for (const auto& route : router.routes())
    EXPECT_TRUE(declared.contains(route->spec.tag)) << route->spec.path << " " << route->spec.tag;
  auto doc = http::build_openapi(router, "test", api_tags_of(with_example()));
  EXPECT_EQ(doc.at("tags").as_array().size(), declared.size());
}

// The module's setting goes through core's one key table: file, environment, --set, the
// unknown-key check, its own validation and the sample file.
TEST(ModuleConfig, AModulesSectionLoadsLikeCoresOwn) {
  auto sections = config_sections_of(with_example());
  ConfigInputs in;
  in.env = {{"TINHSO_EXAMPLE_TICK_MS", "7"}};
  auto c = load_config(in, sections);
  ASSERT_TRUE(c.ok()) << c.error().describe();
  EXPECT_EQ(c->section<example::ExampleConfig>().tick_ms, 7);
  EXPECT_EQ(c->section<onestop::OneStopConfig>().warning_hours, 8);  // defaults of the others

  in.overrides = {"example.tick_ms=0"};
  auto invalid = load_config(in, sections);
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.error().message().find("example.tick_ms"), std::string::npos);
  EXPECT_NE(invalid.error().message().find("phải ≥ 1"), std::string::npos);

  in.overrides = {"example.tick_seconds=1"};
  auto unknown = load_config(in, sections);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("khóa không tồn tại"), std::string::npos);

  // Without the module its keys are unknown, like any typo.
  in.overrides = {"example.tick_ms=5"};
  EXPECT_FALSE(load_config(in, config_sections_of(default_modules())).ok());

  EXPECT_NE(sample_config(sections).find(
                "\n[example]\n# Milliseconds between two notes.\ntick_ms = 20\n"),
            std::string::npos);
}

TEST(ModuleConfig, TwoModulesCannotShareASection) {
  static const ConfigSection kClash[] = {
      {"payment", &config_defaults<example::ExampleConfig>, {}, nullptr}};
  ModuleDef clash{.name = "clash", .summary = "", .config_sections = kClash};
  auto modules = default_modules();
  modules.push_back(&clash);
  EXPECT_FALSE(load_config({}, config_sections_of(modules)).ok());
  static const ConfigSection kCore[] = {
      {"server", &config_defaults<example::ExampleConfig>, {}, nullptr}};
  clash.config_sections = kCore;
  EXPECT_FALSE(load_config({}, config_sections_of(modules)).ok());
}

TEST_F(ModuleKitTest, TheModulesDemoStepRunsOnceAfterTheProvince) {
  auto app = open(with_example(), {"example.tick_ms=100000"});
  ASSERT_TRUE(app.ok()) << app.error().describe();
  app_ = std::move(*app);
  ASSERT_TRUE(app_->migrate().ok());
  DemoOptions options;
  options.dossiers = 0;  // the catalogue, no dossier history: enough to see every step run
  auto demo_notes = [&] {
    auto rows = app_->db().read([](storage::Tx& tx) {
      return tx.query("SELECT count(*) FROM example_notes WHERE text = 'demo 2026'");
    });
    return rows.ok() ? rows->front().i64(0) : -1;
  };
  ASSERT_EQ(build_demo(*app_, options), 0);
  EXPECT_EQ(demo_notes(), 1);
  auto recorded = app_->db().read([](storage::Tx& tx) {
    return tx.query("SELECT key, value FROM settings WHERE key LIKE 'demo_%' ORDER BY key");
  });
  ASSERT_TRUE(recorded.ok());
  std::vector<std::string> keys;
  for (auto r : *recorded) keys.push_back(r.str(0));
  // The one-stop module makes history before the reform too, in two periods around the
  // departments' mergers; each reorganisation is recorded once.
  EXPECT_EQ(keys, (std::vector<std::string>{"demo_example", "demo_feedback", "demo_merger",
                                            "demo_onestop", "demo_onestop_before_merger",
                                            "demo_onestop_before_reform", "demo_reform",
                                            "demo_reporting", "demo_seed"}));
  // Again: nothing is made twice.
  ASSERT_EQ(build_demo(*app_, options), 0);
  EXPECT_EQ(demo_notes(), 1);
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

TEST(ModuleList, VocabulariesAreNamedOnceWithALabelForEveryKey) {
  auto all = vocabularies_of(default_modules());
  ASSERT_TRUE(all.ok()) << all.error().describe();
  std::map<std::string, const Vocabulary*> by_name;
  for (const Vocabulary& v : *all) {
    SCOPED_TRACE(v.name);
    by_name[v.name] = &v;
    // Levels and kinds of unit are data, filled by GET /api/v1/vocabularies at each request.
    if (v.name != "unit_levels" && v.name != "unit_kinds") {
      EXPECT_FALSE(v.terms.empty());
    }
    std::set<std::string> keys;
    for (const Term& t : v.terms) {
      EXPECT_TRUE(keys.insert(t.key).second) << "key twice: " << t.key;
      EXPECT_FALSE(t.label.empty()) << t.key;
      EXPECT_TRUE(text::is_nfc(t.label)) << t.key;
    }
  }
  for (std::string_view name :
       {"roles", "unit_levels", "unit_kinds", "outbox_statuses", "outbox_channels",
        "dossier_statuses", "dossier_actions", "channels", "document_types", "incoming_statuses",
        "outgoing_statuses", "task_statuses"})
    EXPECT_TRUE(by_name.contains(std::string(name))) << name;
  // Every dossier status, labelled as the dossier's own view labels it.
  const Vocabulary& statuses = *by_name.at("dossier_statuses");
  ASSERT_EQ(statuses.terms.size(), std::size(onestop::kDossierStatuses));
  for (onestop::DossierStatus s : onestop::kDossierStatuses)
    EXPECT_EQ(label_in(statuses, onestop::status_name(s)), onestop::status_label_vi(s));
  // The outbox's channels are the ones the modules declare (and register: App::open checks).
  std::set<std::string> channels;
  for (const Term& t : by_name.at("outbox_channels")->terms) channels.insert(t.key);
  EXPECT_EQ(channels, (std::set<std::string>{"email", "sms", "national_sync", "edxml",
                                             "national_reporting"}));
  // An unknown key (old data) reads as itself.
  EXPECT_EQ(label_in(statuses, "archived"), "archived");
}

TEST(ModuleList, AVocabularyDeclaredTwiceIsRefused) {
  ModuleDef clash = def("clash", {});
  clash.vocabularies = [] { return std::vector<Vocabulary>{{"roles", {{"x", "X"}}}}; };
  auto modules = default_modules();
  modules.push_back(&clash);
  auto all = vocabularies_of(modules);
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.error().describe().find("roles"), std::string::npos);
}

// A module that sends through a "fax" channel, declared or not.
class Fax : public Module {
 public:
  explicit Fax(Services& s) {
    s.outbox.register_sender("fax", [](const std::string&, const boost::json::value&,
                                       const std::string&) { return outbox::Delivery{}; });
  }
  void register_routes(http::Router&) override {}
};

TEST_F(ModuleKitTest, AnOutboxChannelNoModuleDeclaresIsRefusedAtOpen) {
  ModuleDef fax = def("fax", {});
  fax.make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<Fax>(s); };
  auto modules = default_modules();
  modules.push_back(&fax);
  auto undeclared = open(modules);
  ASSERT_FALSE(undeclared.ok());
  EXPECT_NE(undeclared.error().describe().find("outbox channel fax"), std::string::npos);

  static constexpr OutboxChannel kFax[] = {{"fax", "Fax"}};
  fax.outbox_channels = kFax;
  auto declared = open(modules);
  ASSERT_TRUE(declared.ok()) << declared.error().describe();
  auto all = vocabularies_of(modules);
  ASSERT_TRUE(all.ok());
  bool listed = false;
  for (const Vocabulary& v : *all) {
    if (v.name == "outbox_channels") listed = label_in(v, "fax") == "Fax";
  }
  EXPECT_TRUE(listed);
}

}  // namespace
}  // namespace tinhso::app
