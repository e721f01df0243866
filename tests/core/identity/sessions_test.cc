// The session store: resolve from many threads while the flusher writes last-seen times and
// sessions are revoked; a revoked and forgotten session never resolves again, and activity
// keeps a session alive past the idle limit once flushed. The TSan run checks the cache's
// locking against the background flusher.
#include "core/identity/sessions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "support/test_db.h"

namespace tinhso::identity {
namespace {

class SessionStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    auto id = db().write([](storage::Tx& tx) -> Result<int64_t> {
      TS_ASSIGN_OR_RETURN(
          auto rows,
          tx.query("INSERT INTO applicants (kind, full_name, phone, password_hash, created_at, "
                   "updated_at) "
                   "VALUES ('citizen', 'Nguyễn Thị Hoa', '0912345678', 'x', 0, 0) RETURNING id"));
      return rows.front().i64(0);
    });
    ASSERT_TRUE(id.ok()) << id.error().describe();
    applicant_ = *id;
  }
  storage::Database& db() { return tdb_->db(); }
  SessionStore::NewSession open(SessionStore& store) {
    auto s = db().write([&](storage::Tx& tx) {
      return store.create(tx, PrincipalKind::kApplicant, applicant_, "127.0.0.1", "test",
                          clock_.now());
    });
    EXPECT_TRUE(s.ok()) << s.error().describe();
    return s.ok() ? *s : SessionStore::NewSession{};
  }

  Clock clock_;
  SecurityConfig config_;
  int64_t applicant_ = 0;
  std::unique_ptr<testing::TestDatabase> tdb_;
};

TEST_P(SessionStoreTest, ConcurrentResolvesFlushesAndARevocation) {
  SessionStore store(db(), clock_, config_);
  auto kept = open(store);
  auto revoked = open(store);

  std::atomic<bool> revoke_done{false};
  std::atomic<int> resolved_after_revoke{0};
  std::atomic<int> kept_failures{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        bool was_done = revoke_done.load();
        if (!store.resolve(kept.cookie_value).ok()) ++kept_failures;
        if (store.resolve(revoked.cookie_value).ok() && was_done) ++resolved_after_revoke;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 20; ++i) store.flush();
  });
  threads.emplace_back([&] {
    std::string hash = SessionStore::hash_of(revoked.cookie_value);
    ASSERT_TRUE(db().write([&](storage::Tx& tx) { return store.revoke(tx, hash); }).ok());
    store.forget(hash);
    revoke_done = true;
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(kept_failures.load(), 0);
  EXPECT_EQ(resolved_after_revoke.load(), 0);
  EXPECT_FALSE(store.resolve(revoked.cookie_value).ok());
  auto p = store.resolve(kept.cookie_value);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->id, applicant_);
}

TEST_P(SessionStoreTest, ActivityFlushedKeepsASessionPastTheIdleLimit) {
  config_.session_idle_minutes = 30;
  config_.session_cache_seconds = 0;  // every resolve reads the database
  SessionStore store(db(), clock_, config_);
  auto s = open(store);
  clock_.set_offset(std::chrono::minutes(20));
  ASSERT_TRUE(store.resolve(s.cookie_value).ok());
  store.flush();
  clock_.set_offset(std::chrono::minutes(45));  // 25 minutes after the last activity
  EXPECT_TRUE(store.resolve(s.cookie_value).ok());
  clock_.set_offset(std::chrono::minutes(80));  // 35 minutes idle
  EXPECT_FALSE(store.resolve(s.cookie_value).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, SessionStoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::identity
