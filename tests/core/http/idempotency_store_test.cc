// DbIdempotencyStore on both engines: a key is claimed once; its holder (and only its holder)
// finishes it; what a retry gets for each ending (the answer, "already done" after a committed
// change, "answer not kept" for secrets, a fresh claim after a failure with nothing written); a
// key is not reused for another request; an abandoned claim is taken over, and the request that
// abandoned it can neither commit its change nor finish it; a claim whose change committed is
// never run again.
#include "core/http/idempotency_store.h"

#include <gtest/gtest.h>

#include "support/test_db.h"

namespace tinhso::http {
namespace {

using Outcome = IdempotencyStore::Outcome;

class IdempotencyStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    store_ =
        std::make_unique<DbIdempotencyStore>(tdb_->db(), clock_, "a secret of 32 bytes.........");
  }
  IdempotencyStore::Claim claim(
      const std::string& key, const std::string& request = "POST /x\n{}",
      const std::string& owner = "applicant:1",
      std::chrono::milliseconds abandoned_after = IdempotencyStore::kAbandonedAfter,
      bool sealed = false) {
    auto c = store_->claim(owner, key, request, abandoned_after, sealed);
    EXPECT_TRUE(c.ok()) << c.error().describe();
    return c.ok() ? *c : IdempotencyStore::Claim{};
  }
  static Response answer(int status, std::string body = R"({"id":7})") {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }

  Clock clock_;
  std::unique_ptr<testing::TestDatabase> tdb_;
  std::unique_ptr<DbIdempotencyStore> store_;
};

TEST_P(IdempotencyStoreTest, EachEndingAnswersItsRetry) {
  // Answered: replayed as it was, to its owner only.
  auto first = claim("k1");
  ASSERT_EQ(first.outcome, Outcome::kClaimed);
  EXPECT_EQ(claim("k1").outcome, Outcome::kInProgress);
  EXPECT_EQ(claim("k1", "POST /x\n{}", "applicant:2").outcome,
            Outcome::kClaimed);  // another person
  ASSERT_TRUE(store_->finish("applicant:1", "k1", first.token, answer(201), {}).ok());
  auto replay = claim("k1");
  ASSERT_EQ(replay.outcome, Outcome::kReplay);
  EXPECT_EQ(replay.stored.status, 201);
  EXPECT_EQ(replay.stored.body, R"({"id":7})");
  EXPECT_EQ(claim("k1", "POST /x\n{\"other\":1}").outcome, Outcome::kKeyReused);

  // Failed with nothing written: released, the corrected request may use the key.
  auto failed = claim("k2");
  ASSERT_TRUE(store_->finish("applicant:1", "k2", failed.token, answer(422), {}).ok());
  EXPECT_EQ(claim("k2", "POST /x\n{\"fixed\":1}").outcome, Outcome::kClaimed);

  // Failed after its change committed: never run again.
  auto late = claim("k3");
  ASSERT_TRUE(
      store_->finish("applicant:1", "k3", late.token, answer(503), {.committed = true}).ok());
  auto done = claim("k3");
  ASSERT_EQ(done.outcome, Outcome::kReplay);
  EXPECT_EQ(done.stored.status, 409);
  EXPECT_NE(done.stored.body.find("idempotency.already_done"), std::string::npos);

  // A secret shown once is not kept.
  auto secret = claim("k4");
  ASSERT_TRUE(store_
                  ->finish("applicant:1", "k4", secret.token, answer(201, R"({"token":"tsk_x"})"),
                           {.keep_body = false})
                  .ok());
  auto not_kept = claim("k4");
  ASSERT_EQ(not_kept.outcome, Outcome::kReplay);
  EXPECT_EQ(not_kept.stored.status, 409);
  EXPECT_EQ(not_kept.stored.body.find("tsk_x"), std::string::npos);
  auto rows = tdb_->db().read([](storage::Tx& tx) {
    return tx.query("SELECT count(*) FROM idempotency_keys WHERE body LIKE '%tsk_x%'");
  });
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->front().i64(0), 0);
}

TEST_P(IdempotencyStoreTest, AnAbandonedClaimIsTakenOverAndItsFormerHolderCannotFinishIt) {
  auto first = claim("k");
  ASSERT_EQ(first.outcome, Outcome::kClaimed);
  clock_.set_offset(std::chrono::seconds(20));
  EXPECT_EQ(claim("k").outcome, Outcome::kInProgress);  // slow, not abandoned
  clock_.set_offset(std::chrono::seconds(40));
  auto second = claim("k");
  ASSERT_EQ(second.outcome, Outcome::kClaimed);
  EXPECT_NE(second.token, first.token);
  // The first request was alive after all and commits its change now: the change fails at
  // the mark (and rolls back) instead of acting twice.
  auto late = tdb_->db().write([&](storage::Tx& tx) -> Status {
    TS_TRY(tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ('late', 'x', 0)", {}));
    return store_->mark_committed(tx, "applicant:1", "k", first.token);
  });
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code(), "idempotency.taken_over");
  auto written = tdb_->db().read([](storage::Tx& tx) {
    return tx.query("SELECT COUNT(*) FROM settings WHERE key = 'late'", {});
  });
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(written->front().i64(0), 0);
  // The first request ends after all: its failure must not release the new holder's claim.
  ASSERT_TRUE(store_->finish("applicant:1", "k", first.token, answer(500), {}).ok());
  EXPECT_EQ(claim("k").outcome, Outcome::kInProgress);
  ASSERT_TRUE(store_->finish("applicant:1", "k", second.token, answer(201), {}).ok());
  EXPECT_EQ(claim("k").outcome, Outcome::kReplay);
}

// A route allowed two minutes (a catalog import): its claim is not taken over at 40 s, while
// the first request may still be working, but after the route's deadline and its margins.
TEST_P(IdempotencyStoreTest, ALongRoutesClaimIsAbandonedOnlyAfterItsDeadline) {
  auto allowed = IdempotencyStore::abandoned_after(std::chrono::seconds(120));
  EXPECT_EQ(allowed, std::chrono::seconds(135));
  EXPECT_EQ(IdempotencyStore::abandoned_after(std::chrono::seconds(15)),
            IdempotencyStore::kAbandonedAfter);
  auto first = claim("long", "POST /x\n{}", "applicant:1", allowed);
  ASSERT_EQ(first.outcome, Outcome::kClaimed);
  clock_.set_offset(std::chrono::seconds(40));
  EXPECT_EQ(claim("long", "POST /x\n{}", "applicant:1", allowed).outcome, Outcome::kInProgress);
  clock_.set_offset(std::chrono::seconds(130));
  EXPECT_EQ(claim("long", "POST /x\n{}", "applicant:1", allowed).outcome, Outcome::kInProgress);
  clock_.set_offset(std::chrono::seconds(140));
  EXPECT_EQ(claim("long", "POST /x\n{}", "applicant:1", allowed).outcome, Outcome::kClaimed);
}

// A node died after its change committed (the claim was marked in the change's transaction)
// and before it stored the answer: a retry never runs the change again.
TEST_P(IdempotencyStoreTest, AClaimWhoseChangeCommittedIsNeverRunAgain) {
  auto first = claim("c");
  ASSERT_EQ(first.outcome, Outcome::kClaimed);
  auto changed = tdb_->db().write([&](storage::Tx& tx) -> Status {
    TS_TRY(store_->mark_committed(tx, "applicant:1", "c", first.token));
    // A request may commit more than one change: the mark holds for each.
    return store_->mark_committed(tx, "applicant:1", "c", first.token);
  });
  ASSERT_TRUE(changed.ok()) << changed.error().describe();
  // The answer is being stored: wait for it.
  EXPECT_EQ(claim("c").outcome, Outcome::kInProgress);
  // The node died before storing it: "already done", not a second run.
  clock_.set_offset(std::chrono::seconds(40));
  auto retry = claim("c");
  ASSERT_EQ(retry.outcome, Outcome::kReplay);
  EXPECT_EQ(retry.stored.status, 409);
  EXPECT_NE(retry.stored.body.find("idempotency.already_done"), std::string::npos);
  EXPECT_EQ(claim("c").outcome, Outcome::kReplay);
}

TEST_P(IdempotencyStoreTest, AnAnonymousAnswerIsKeptSealedWithTheKeyTheCallerSent) {
  std::string_view anon = IdempotencyStore::kAnonymous;
  std::string key = "0123456789abcdef0123456789abcdef";
  std::string request = "POST /api/v1/public/feedback\n{\"title\":\"Đèn hỏng\"}";
  auto first = claim(key, request, std::string(anon), IdempotencyStore::kAbandonedAfter, true);
  ASSERT_EQ(first.outcome, Outcome::kClaimed);
  // An answer holding a secret is kept for an anonymous caller: they have no account to find it.
  ASSERT_TRUE(store_
                  ->finish(anon, key, first.token,
                           answer(201, R"({"code":"PA-1","token":"bi-mat-cua-nguoi-gui"})"),
                           {.committed = true, .keep_body = true, .sealed = true})
                  .ok());
  auto replay = claim(key, request, std::string(anon), IdempotencyStore::kAbandonedAfter, true);
  ASSERT_EQ(replay.outcome, Outcome::kReplay);
  EXPECT_EQ(replay.stored.body, R"({"code":"PA-1","token":"bi-mat-cua-nguoi-gui"})");
  // Another body with the key is refused, and the database holds neither the key nor the secret.
  EXPECT_EQ(claim(key, "POST /api/v1/public/feedback\n{}", std::string(anon),
                  IdempotencyStore::kAbandonedAfter, true)
                .outcome,
            Outcome::kKeyReused);
  auto rows = tdb_->db().read([&](storage::Tx& tx) {
    return tx.query("SELECT key, body FROM idempotency_keys WHERE owner = $1", {anon});
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ(rows->front().str(0).find(key), std::string::npos);
  EXPECT_EQ(rows->front().str(1).find("bi-mat"), std::string::npos);
  // The same key from a signed-in person is theirs, not the anonymous one; their answer on such
  // a route is sealed too, and opens only with the key.
  auto own = claim(key, request, "applicant:1", IdempotencyStore::kAbandonedAfter, true);
  ASSERT_EQ(own.outcome, Outcome::kClaimed);
  ASSERT_TRUE(store_
                  ->finish("applicant:1", key, own.token, answer(201, R"({"token":"bi-mat-2"})"),
                           {.committed = true, .keep_body = true, .sealed = true})
                  .ok());
  auto again = claim(key, request, "applicant:1", IdempotencyStore::kAbandonedAfter, true);
  ASSERT_EQ(again.outcome, Outcome::kReplay);
  EXPECT_EQ(again.stored.body, R"({"token":"bi-mat-2"})");
  auto stored = tdb_->db().read([&](storage::Tx& tx) {
    return tx.query("SELECT body FROM idempotency_keys WHERE owner = 'applicant:1'");
  });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->front().str(0).find("bi-mat-2"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, IdempotencyStoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::http
