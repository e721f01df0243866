// OutgoingService without HTTP, on a real database with the demo province: the review chain
// authorises on the Principal alone — whom a draft awaits, who may sign for the agency, who
// registers — refuses a stale step before any key is used, and records every step in the audit
// log under the person who took it.
#include "documents/outgoing_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>

#include "app/app.h"
#include "app/commands.h"
#include "app/modules.h"
#include "core/identity/accounts.h"
#include "core/identity/actor_of.h"
#include "documents/module.h"
#include "support/sample_files.h"
#include "support/test_db.h"

namespace tinhso::documents {
namespace {

using identity::Principal;

// One demo province per engine for the suite (the PostgreSQL one is skipped without a cluster).
class OutgoingServiceTest : public ::testing::TestWithParam<std::string> {
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
    char tmpl[] = "/tmp/tinhso-outgoing-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return nullptr;
    p->dir = tmpl;
    std::string url = "sqlite:outgoing.db";
    if (engine == "postgres") {
      p->pg = std::make_unique<testing::PgScratchDatabase>();
      url = p->pg->url();
    }
    ConfigInputs in;
    in.overrides = {"data_dir=" + p->dir, "database.url=" + url, "logging.level=warn"};
    auto modules = app::default_modules();
    auto config = load_config(in, app::config_sections_of(modules));
    EXPECT_TRUE(config.ok()) << config.error().describe();
    if (!config.ok()) return nullptr;
    auto app = app::App::open(std::move(*config), modules);
    EXPECT_TRUE(app.ok()) << app.error().describe();
    if (!app.ok()) return nullptr;
    p->app = std::move(*app);
    EXPECT_TRUE(p->app->migrate().ok());
    app::DemoOptions demo;
    demo.dossiers = 0;  // the province and its officials are what these tests need
    if (app::build_demo(*p->app, demo) != 0) return nullptr;
    return p;
  }

  OutgoingService& service() { return app_->module<Documents>()->outgoing(); }
  Documents& documents() { return *app_->module<Documents>(); }

  Principal official(const std::string& username) {
    auto p = app_->db().read([&](storage::Tx& tx) -> Result<std::optional<Principal>> {
      TS_ASSIGN_OR_RETURN(auto rows,
                          tx.query("SELECT id FROM officials WHERE username = $1", {username}));
      if (rows.empty()) return std::optional<Principal>();
      return identity::load_principal(tx, identity::PrincipalKind::kOfficial, rows.front().i64(0));
    });
    EXPECT_TRUE(p.ok() && *p) << username;
    return p.ok() && *p ? **p : Principal{};
  }
  int64_t unit(const std::string& code) {
    const auto* u = app_->services().org.get()->find_by_code(code);
    EXPECT_NE(u, nullptr) << code;
    return u ? u->id : 0;
  }
  int64_t upload(const Principal& who) {
    auto f = documents().files().put(app_->services().changes, identity::actor_of(who),
                                     "du-thao.pdf", "application/pdf", testing::kSamplePdf);
    EXPECT_TRUE(f.ok()) << f.error().describe();
    return f.ok() ? f->id : 0;
  }
  DraftInput draft_by(const Principal& drafter) {
    DraftInput in;
    in.unit_id = unit("000.00.03.H47");           // Sở Tư pháp issues
    in.drafting_unit_id = unit("000.02.03.H47");  // Phòng Hành chính tư pháp drafts
    in.doc_type = "cong_van";
    in.subject = "V/v rà soát thủ tục chứng thực";
    in.main_file_id = upload(drafter);
    in.recipient_unit_ids = {unit("000.00.01.H47")};
    return in;
  }
  int64_t version_of(const Principal& who, int64_t id) {
    auto v = service().view(who, id);
    EXPECT_TRUE(v.ok()) << v.error().describe();
    return v.ok() ? v->at("version").as_int64() : 0;
  }
  Status step(const Principal& who, int64_t id, OutgoingAction action, int64_t version,
              std::optional<int64_t> reviewer = std::nullopt) {
    StepInput in{action, version, reviewer, std::nullopt};
    if (action == OutgoingAction::kReturn) in.note = "Bổ sung số liệu.";
    return service().act(who, identity::actor_of(who), id, in);
  }

  app::App* app_ = nullptr;
};

TEST_P(OutgoingServiceTest, TheReviewChainAuthorisesOnThePrincipalAlone) {
  Principal specialist = official("chuyenvien.stp");
  Principal leader = official("lanhdao.stp");
  Principal clerk = official("vanthu.stp");
  Principal outsider = official("vanthu.ubndtinh");

  // Drafting needs the handling permission in the drafting unit.
  auto refused = service().draft(outsider, identity::actor_of(outsider), draft_by(outsider));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status(), 403);
  auto id = service().draft(specialist, identity::actor_of(specialist), draft_by(specialist));
  ASSERT_TRUE(id.ok()) << id.error().describe();

  // The leaders offered are the ones a submission is accepted for.
  auto leaders = service().reviewers(specialist, unit("000.02.03.H47"));
  ASSERT_TRUE(leaders.ok()) << leaders.error().describe();
  bool offered = false;
  for (const auto& l : *leaders) offered |= l.at("id").as_int64() == leader.id;
  EXPECT_TRUE(offered);
  EXPECT_EQ(service().reviewers(outsider, unit("000.02.03.H47")).error().status(), 403);

  int64_t v = version_of(specialist, *id);
  ASSERT_TRUE(step(specialist, *id, OutgoingAction::kSubmit, v, leader.id).ok());
  v = version_of(specialist, *id);

  // Only the leader it awaits reviews it; someone who cannot see it learns nothing more.
  auto not_yours = step(specialist, *id, OutgoingAction::kApprove, v);
  ASSERT_FALSE(not_yours.ok());
  EXPECT_EQ(not_yours.error().status(), 403);
  EXPECT_NE(not_yours.error().message().find("không đang chờ"), std::string::npos);
  auto hidden = step(outsider, *id, OutgoingAction::kApprove, v);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().status(), 403);
  EXPECT_EQ(hidden.error().message().find("không đang chờ"), std::string::npos);
  EXPECT_EQ(service().view(outsider, *id).error().status(), 403);

  // A step on a version someone else has moved on from is refused, and changes nothing.
  auto stale = step(leader, *id, OutgoingAction::kApprove, v - 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), "document.stale");
  EXPECT_EQ(version_of(leader, *id), v);

  ASSERT_TRUE(step(leader, *id, OutgoingAction::kApprove, v).ok());
  v = version_of(leader, *id);
  // Issue is the clerk's: the leader who approved may not number it.
  EXPECT_EQ(step(leader, *id, OutgoingAction::kIssue, v).error().status(), 403);
  ASSERT_TRUE(step(clerk, *id, OutgoingAction::kIssue, v).ok());
  auto issued = service().view(clerk, *id);
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(issued->at("status").at("key").as_string(), "issued");
  EXPECT_FALSE(issued->at("notation").as_string().empty());

  // Each step is in the audit log under the person who took it.
  auto actors = app_->db().read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT action, actor_id, role, unit_id FROM audit_log WHERE object_type = "
        "'outgoing_document' AND "
        "object_id = $1 ORDER BY id",
        {std::to_string(*id)});
  });
  ASSERT_TRUE(actors.ok()) << actors.error().describe();
  std::map<std::string, int64_t> by_action;
  std::map<std::string, std::pair<std::string, int64_t>> authorised;  // role and unit
  for (auto r : *actors) {
    by_action[r.str(0)] = r.i64(1);
    authorised[r.str(0)] = {r.str(2), r.is_null(3) ? 0 : r.i64(3)};
  }
  // …and under the grant the transaction's check relied on.
  int64_t justice = unit("000.00.03.H47");
  EXPECT_EQ(authorised["document.outgoing.approve"],
            std::make_pair(std::string("leader"), justice));
  EXPECT_EQ(authorised["document.outgoing.issue"], std::make_pair(std::string("clerk"), justice));
  EXPECT_EQ(authorised["document.outgoing.submit"].first, "specialist");
  EXPECT_EQ(by_action, (std::map<std::string, int64_t>{{"document.outgoing.draft", specialist.id},
                                                       {"document.outgoing.submit", specialist.id},
                                                       {"document.outgoing.approve", leader.id},
                                                       // issue delivers to the units it names
                                                       {"document.outgoing.deliver", clerk.id},
                                                       {"document.outgoing.issue", clerk.id}}));
}

TEST_P(OutgoingServiceTest, AReturnedDraftGoesBackToItsDrafterWithTheReason) {
  Principal specialist = official("chuyenvien.stp");
  Principal leader = official("lanhdao.stp");
  auto id = service().draft(specialist, identity::actor_of(specialist), draft_by(specialist));
  ASSERT_TRUE(id.ok()) << id.error().describe();
  ASSERT_TRUE(
      step(specialist, *id, OutgoingAction::kSubmit, version_of(specialist, *id), leader.id).ok());
  // The lists: the leader's awaiting list holds it; nobody reads another leader's list.
  OutgoingQuery mine;
  mine.reviewer_id = leader.id;
  auto awaiting = service().list(leader, mine);
  ASSERT_TRUE(awaiting.ok());
  bool listed = false;
  for (const auto& row : awaiting->rows) listed |= row.at("id").as_int64() == *id;
  EXPECT_TRUE(listed);
  EXPECT_EQ(service().list(specialist, mine).error().status(), 403);

  ASSERT_TRUE(step(leader, *id, OutgoingAction::kReturn, version_of(leader, *id)).ok());
  auto back = service().view(specialist, *id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->at("status").at("key").as_string(), "draft");
  bool reason = false;
  for (const auto& e : back->at("events").as_array())
    reason |=
        e.at("action").as_string() == "return" && e.at("note").as_string() == "Bổ sung số liệu.";
  EXPECT_TRUE(reason);
}

INSTANTIATE_TEST_SUITE_P(Engines, OutgoingServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::documents
