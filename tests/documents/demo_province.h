// A demo province (units, officials, no dossier history) on a real database of each engine, for
// tests of a module's services without HTTP; one per engine, shared by a suite's tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/app.h"
#include "core/identity/accounts.h"
#include "core/identity/actor_of.h"
#include "documents/module.h"
#include "support/demo_app.h"
#include "support/sample_files.h"
#include "support/test_db.h"

namespace tinhso::documents {

// One demo province per engine for the suite (the PostgreSQL one is skipped without a cluster).
class DemoProvinceTest : public ::testing::TestWithParam<std::string> {
 protected:
  struct Province {
    std::string dir;
    std::unique_ptr<testing::PgScratchDatabase> pg;
    std::unique_ptr<app::App> app;
    ~Province() {
      app.reset();
      std::filesystem::remove_all(dir);
    }
  };
  static std::map<std::string, std::unique_ptr<Province>>& provinces() {
    static std::map<std::string, std::unique_ptr<Province>> made;
    return made;
  }
  static void TearDownTestSuite() { provinces().clear(); }

  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    auto& p = provinces()[GetParam()];
    if (!p) p = make_province(GetParam());
    ASSERT_NE(p, nullptr);
    app_ = p->app.get();
  }

  static std::unique_ptr<Province> make_province(const std::string& engine) {
    auto p = std::make_unique<Province>();
    char tmpl[] = "/tmp/tinhso-province-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return nullptr;
    p->dir = tmpl;
    app::DemoOptions demo;
    demo.dossiers = 0;  // the province and its officials are what these tests need
    auto app = testing::open_demo_app(engine, demo, p->dir, p->pg);
    EXPECT_TRUE(app.ok()) << app.error().describe();
    if (!app.ok()) return nullptr;
    p->app = std::move(*app);
    return p;
  }

  Documents& documents() { return *app_->module<Documents>(); }

  identity::Principal official(const std::string& username) {
    using identity::Principal;
    auto p = app_->db().read([&](storage::Tx& tx) -> Result<std::optional<Principal>> {
      TS_ASSIGN_OR_RETURN(auto rows,
                          tx.query("SELECT id FROM officials WHERE username = $1", {username}));
      if (rows.empty()) return std::optional<Principal>();
      return identity::load_principal(tx, identity::PrincipalKind::kOfficial, rows.front().i64(0));
    });
    EXPECT_TRUE(p.ok() && *p) << username;
    return p.ok() && *p ? **p : Principal{};
  }
  // The first column of the first row of a query, or -1 (no row, NULL, or an error).
  int64_t scalar(const std::string& sql, std::initializer_list<storage::Param> params = {}) {
    auto rows = app_->db().read([&](storage::Tx& tx) {
      return tx.query(sql, storage::Params(params.begin(), params.size()));
    });
    EXPECT_TRUE(rows.ok()) << rows.error().describe();
    return rows.ok() && !rows->empty() && !rows->front().is_null(0) ? rows->front().i64(0) : -1;
  }
  int64_t unit(const std::string& code) {
    const auto* u = app_->services().org.get()->find_by_code(code);
    EXPECT_NE(u, nullptr) << code;
    return u ? u->id : 0;
  }
  // A PDF uploaded by `who`.
  int64_t upload(const identity::Principal& who, const std::string& name = "du-thao.pdf") {
    auto f = documents().files().put(app_->services().changes, identity::actor_of(who), name,
                                     "application/pdf", testing::kSamplePdf);
    EXPECT_TRUE(f.ok()) << f.error().describe();
    return f.ok() ? f->id : 0;
  }
  // The audit entries of one object: action → (actor id, role, unit).
  struct Entry {
    int64_t actor_id = 0;
    std::string role;
    int64_t unit_id = 0;
  };
  std::map<std::string, Entry> audit_of(std::string_view object_type, int64_t id) {
    auto rows = app_->db().read([&](storage::Tx& tx) {
      return tx.query(
          "SELECT action, actor_id, role, unit_id FROM audit_log WHERE object_type = $1 AND "
          "object_id = $2 ORDER BY id",
          {object_type, std::to_string(id)});
    });
    EXPECT_TRUE(rows.ok()) << rows.error().describe();
    std::map<std::string, Entry> out;
    if (!rows.ok()) return out;
    for (auto r : *rows) out[r.str(0)] = Entry{r.i64(1), r.str(2), r.is_null(3) ? 0 : r.i64(3)};
    return out;
  }

  app::App* app_ = nullptr;
};

}  // namespace tinhso::documents
