// The storage layer on both engines: parameters and types, constraint errors, rollback,
// group commit, backups (migrations: migrations_test.cc).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include "core/storage/query_builder.h"
#include "core/storage/sqlite_database.h"
#include "support/test_db.h"

namespace tinhso::storage {
namespace {

class StorageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    auto s = db().write([](Tx& tx) -> Status {
      return tx.exec_script(
          "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, n BIGINT, x DOUBLE PRECISION, "
          "UNIQUE (name))");
    });
    ASSERT_TRUE(s.ok()) << s.error().describe();
  }
  Database& db() { return tdb_->db(); }
  std::unique_ptr<testing::TestDatabase> tdb_;
};

TEST_P(StorageTest, RoundTripsTypesAndNulls) {
  auto s = db().write([](Tx& tx) -> Status {
    TS_TRY(tx.exec("INSERT INTO t (id, name, n, x) VALUES ($1, $2, $3, $4)",
                   {1, "Đăng ký kết hôn", int64_t{9007199254740993}, 2.5}));
    TS_TRY(tx.exec("INSERT INTO t (id, name, n, x) VALUES ($1, $2, $3, $4)",
                   {2, std::optional<std::string>(), nullptr, nullptr}));
    return ok_status();
  });
  ASSERT_TRUE(s.ok()) << s.error().describe();
  auto rows =
      db().read([](Tx& tx) { return tx.query("SELECT id, name, n, x FROM t ORDER BY id"); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  auto r = (*rows)[0];
  EXPECT_EQ(r.i64(0), 1);
  EXPECT_EQ(r.str(1), "Đăng ký kết hôn");
  EXPECT_EQ(r.i64(2), 9007199254740993);
  EXPECT_DOUBLE_EQ(r.f64(3), 2.5);
  auto n = (*rows)[1];
  EXPECT_TRUE(n.is_null(1));
  EXPECT_FALSE(n.opt_i64(2).has_value());
}

TEST_P(StorageTest, SameParameterUsedTwice) {
  ASSERT_TRUE(
      db().write([](Tx& tx) -> Status {
            TS_TRY(tx.exec("INSERT INTO t (id, name, n) VALUES ($1, $2, $1)", {7, "seven"}));
            return ok_status();
          })
          .ok());
  auto rows =
      db().read([](Tx& tx) { return tx.query("SELECT n FROM t WHERE id = $1 AND n = $1", {7}); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().i64(0), 7);
}

TEST_P(StorageTest, QueryOnceSeesCommittedRowsAndReportsErrors) {
  ASSERT_TRUE(db().write([](Tx& tx) -> Status {
                    TS_TRY(tx.exec("INSERT INTO t (id, name, n) VALUES (1, 'một', 10)"));
                    return ok_status();
                  })
                  .ok());
  auto rows = db().query_once("SELECT name, n FROM t WHERE id = $1", {1});
  ASSERT_TRUE(rows.ok()) << rows.error().describe();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().str(0), "một");
  EXPECT_EQ(rows->front().i64(1), 10);
  EXPECT_TRUE(db().query_once("SELECT name FROM t WHERE id = $1", {2})->empty());
  EXPECT_FALSE(db().query_once("SELECT no_such_column FROM t").ok());
  // The connection is usable afterwards (no transaction left open by the failure).
  EXPECT_TRUE(db().query_once("SELECT count(*) FROM t").ok());
  EXPECT_TRUE(db().write([](Tx& tx) -> Status {
                    TS_TRY(tx.exec("UPDATE t SET n = 11 WHERE id = 1"));
                    return ok_status();
                  })
                  .ok());
  EXPECT_EQ(db().query_once("SELECT n FROM t WHERE id = 1")->front().i64(0), 11);
}

TEST_P(StorageTest, AnUnflushedWriteCommitsAndLeavesTheConnectionDurable) {
  for (int i = 1; i <= 3; ++i) {
    auto r = db().write_once_unflushed(
        "INSERT INTO t (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = t.n + 1 "
        "RETURNING n");
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(r->front().i64(0), i);
  }
  auto bad = db().write_once_unflushed("INSERT INTO t (id, n) VALUES (1, 1) RETURNING n");
  EXPECT_FALSE(bad.ok()) << "a unique violation is reported, not swallowed";
  if (GetParam() != "postgres") return;
  // The pooled connections it used are back to the configured setting (not a session value)
  // for everyone else's durable commits.
  for (int i = 0; i < 4; ++i) {
    auto source = db().write([](Tx& tx) {
      return tx.query("SELECT source FROM pg_settings WHERE name = 'synchronous_commit'");
    });
    ASSERT_TRUE(source.ok());
    EXPECT_NE(source->front().str(0), "session");
  }
}

TEST_P(StorageTest, UniqueViolationIsAConflictAndRollsBackTheWholeTransaction) {
  auto r = db().write([](Tx& tx) -> Status {
    TS_TRY(tx.exec("INSERT INTO t (id, name) VALUES (1, 'a')"));
    TS_TRY(tx.exec("INSERT INTO t (id, name) VALUES (2, 'a')"));
    return ok_status();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), kUniqueViolation);
  EXPECT_EQ(r.error().status(), 409);
  auto count = db().read([](Tx& tx) { return tx.query("SELECT count(*) FROM t"); });
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->front().i64(0), 0) << "the first insert must be rolled back too";
}

TEST_P(StorageTest, ErrorReturnedByTheFunctionRollsBack) {
  auto r = db().write([](Tx& tx) -> Result<int> {
    TS_TRY(tx.exec("INSERT INTO t (id, name) VALUES (1, 'a')"));
    return Error::validation("x", "bad");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status(), 422);
  auto count = db().read([](Tx& tx) { return tx.query("SELECT count(*) FROM t"); });
  EXPECT_EQ(count->front().i64(0), 0);
}

// On PostgreSQL a transaction's BEGIN travels with its first statement (one round trip less):
// whatever that statement is — new or already prepared, failing, a script — the transaction
// behaves as if BEGIN had gone alone, and one without statements opens nothing.
TEST_P(StorageTest, ATransactionBeginsWithItsFirstStatementWhateverItIs) {
  for (int i = 0; i < 3; ++i) {  // the second and third time, the statement is prepared
    auto bad = db().write([](Tx& tx) -> Status {
      TS_TRY(tx.exec("INSERT INTO t (id, name) VALUES (7, 'x'), (7, 'y')"));
      return ok_status();
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code(), kUniqueViolation);
  }
  EXPECT_TRUE(db().write([](Tx&) -> Status { return ok_status(); }).ok());
  EXPECT_TRUE(db().read([](Tx&) -> Status { return ok_status(); }).ok());
  auto count = db().read([](Tx& tx) { return tx.query("SELECT count(*) FROM t"); });
  ASSERT_TRUE(count.ok()) << count.error().describe();
  EXPECT_EQ(count->front().i64(0), 0);
  if (GetParam() == "postgres") {
    // A script first: it runs inside the transaction (SET LOCAL outside one has no effect).
    auto shown = db().write([](Tx& tx) -> Result<Rows> {
      TS_TRY(tx.exec_script("SET LOCAL statement_timeout = 1234"));
      return tx.query("SHOW statement_timeout");
    });
    ASSERT_TRUE(shown.ok()) << shown.error().describe();
    EXPECT_EQ(shown->front().str(0), "1234ms");
  }
  // A read sees one snapshot from its first statement on, whatever commits meanwhile.
  auto twice = db().read([&](Tx& tx) -> Result<std::pair<int64_t, int64_t>> {
    TS_ASSIGN_OR_RETURN(auto before, tx.query("SELECT count(*) FROM t"));
    std::thread writer([&] {
      auto w = db().write([](Tx& wtx) -> Status {
        TS_TRY(wtx.exec("INSERT INTO t (id, name) VALUES (8, 'z')"));
        return ok_status();
      });
      EXPECT_TRUE(w.ok());
    });
    writer.join();
    TS_ASSIGN_OR_RETURN(auto after, tx.query("SELECT count(*) FROM t"));
    return std::pair{before.front().i64(0), after.front().i64(0)};
  });
  ASSERT_TRUE(twice.ok()) << twice.error().describe();
  EXPECT_EQ(twice->first, twice->second);
}

// exec_later: on PostgreSQL sent with the next awaited statement or with COMMIT; on SQLite at
// once. Either way it is seen by what follows it, its parameters outlive the caller's buffers,
// and its error fails the transaction — the next awaited statement or the commit — with nothing
// of it kept, and the connection serves the next transaction.
TEST_P(StorageTest, ALaterStatementIsSeenInOrderAndItsErrorFailsTheWholeTransaction) {
  auto s = db().write([](Tx& tx) -> Status {
    TS_TRY(tx.exec_script(tx.is_postgres() ? "CREATE TABLE b (id BIGINT PRIMARY KEY, data BYTEA)"
                                           : "CREATE TABLE b (id BIGINT PRIMARY KEY, data BLOB)"));
    for (int i = 1; i <= 3; ++i) {
      // Both buffers are gone before the statements are sent.
      std::string name = fmt::format("muộn {}", i);
      std::string bytes = std::string("\0\xff", 2) + name;
      TS_TRY(tx.exec_later("INSERT INTO t (id, name, n) VALUES ($1, $2, $3)", {i, name, i}));
      TS_TRY(tx.exec_later("INSERT INTO b (id, data) VALUES ($1, $2)", {i, Blob{bytes}}));
    }
    TS_TRY(tx.exec_later("UPDATE t SET n = n + 10 WHERE id = $1", {2}));
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT t.name, t.n, b.data FROM t JOIN b ON "
                                            "b.id = t.id ORDER BY t.id"));
    if (rows.size() != 3 || rows[1].str(0) != "muộn 2" || rows[1].i64(1) != 12 ||
        rows[1].str(2) != std::string("\0\xff", 2) + "muộn 2")
      return Error::internal("the later statements were not seen in order, or not as given");
    return ok_status();
  });
  ASSERT_TRUE(s.ok()) << s.error().describe();

  // The failing statement is the last before COMMIT: the commit fails, nothing is kept.
  auto dup = db().write([](Tx& tx) -> Status {
    TS_TRY(tx.exec("INSERT INTO t (id, name) VALUES (10, 'mười')"));
    TS_TRY(tx.exec_later("INSERT INTO t (id, name) VALUES (11, 'muộn 1')"));  // name taken
    return ok_status();
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), kUniqueViolation) << dup.error().describe();
  // The failing statement is followed by an awaited one: that one fails.
  Status seen_by_query = ok_status();
  auto dup2 = db().write([&](Tx& tx) -> Status {
    TS_TRY(tx.exec_later("INSERT INTO t (id, name) VALUES (12, 'muộn 2')"));  // name taken
    auto rows = tx.query("SELECT count(*) FROM t");
    if (!rows.ok()) seen_by_query = rows.error();
    TS_TRY(rows);
    return ok_status();
  });
  ASSERT_FALSE(dup2.ok());
  // (On SQLite the statement itself failed, and the query never ran.)
  if (GetParam() == "postgres") {
    EXPECT_FALSE(seen_by_query.ok());
  }
  // A transaction that fails after deferring sends nothing of it.
  auto abandoned = db().write([](Tx& tx) -> Status {
    TS_TRY(tx.exec_later("INSERT INTO t (id, name) VALUES (13, 'bỏ dở')"));
    return Error::invalid("given up");
  });
  ASSERT_FALSE(abandoned.ok());

  auto rows = db().read([](Tx& tx) { return tx.query("SELECT id FROM t ORDER BY id"); });
  ASSERT_TRUE(rows.ok()) << rows.error().describe();
  std::vector<int64_t> ids;
  for (const auto& r : *rows) ids.push_back(r.i64(0));
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 2, 3}));
}

TEST_P(StorageTest, ReadTransactionsCannotWrite) {
  auto r = db().read([](Tx& tx) -> Status {
    TS_TRY(tx.exec("INSERT INTO t (id, name) VALUES (1, 'a')"));
    return ok_status();
  });
  EXPECT_FALSE(r.ok());
}

TEST_P(StorageTest, ConcurrentWritersAllCommit) {
  constexpr int kThreads = 16, kEach = 20;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        int id = t * 1000 + i;
        auto s = db().write([&](Tx& tx) -> Status {
          TS_TRY(tx.exec("INSERT INTO t (id, name, n) VALUES ($1, $2, $3)",
                         {id, "n" + std::to_string(id), t}));
          return ok_status();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto count = db().read([](Tx& tx) { return tx.query("SELECT count(*) FROM t"); });
  EXPECT_EQ(count->front().i64(0), kThreads * kEach);
  auto st = db().stats();
  EXPECT_GE(st.write_transactions, kThreads * kEach);
  if (GetParam() == "sqlite") {
    // Group commit: concurrent transactions share commits (fsyncs).
    EXPECT_LT(st.write_commits, st.write_transactions);
  }
}

TEST_P(StorageTest, QueryBuilderBindsEverything) {
  ASSERT_TRUE(db().write([](Tx& tx) -> Status {
                    for (int i = 1; i <= 5; ++i) {
                      TS_TRY(tx.exec("INSERT INTO t (id, name, n) VALUES ($1, $2, $3)",
                                     {i, "x'); DROP TABLE t; --" + std::to_string(i), i % 2}));
                    }
                    return ok_status();
                  })
                  .ok());
  QueryBuilder q("SELECT id FROM t WHERE n = ");
  q.add(q.bind(int64_t{1}))
      .add(" AND id IN ")
      .add(q.bind_list({1, 2, 3, 5}))
      .add(" AND name LIKE ");
  q.add(q.bind(std::string("x'); DROP%")));
  q.add(" ORDER BY id");
  auto rows = db().read([&](Tx& tx) { return q.query(tx); });
  ASSERT_TRUE(rows.ok()) << rows.error().describe();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[2].i64(0), 5);
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageTest, ::testing::Values("sqlite", "postgres"));

TEST(GroupCommit, BatchOfOneCommitsEveryTransaction) {
  testing::TestDatabase tdb("sqlite", true, 1);
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        (void)tdb.db().write([&](Tx& tx) -> Status {
          TS_TRY(tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, 'v', 0)",
                         {"k" + std::to_string(t * 100 + i)}));
          return ok_status();
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  auto st = tdb.db().stats();
  EXPECT_EQ(st.write_commits, st.write_transactions);
}

TEST(GroupCommit, AFailingJobDoesNotUndoItsBatchNeighbours) {
  testing::TestDatabase tdb("sqlite");
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  threads.reserve(12);
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&, t] {
      auto s = tdb.db().write([&](Tx& tx) -> Status {
        TS_TRY(tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, 'v', 0)",
                       {"job" + std::to_string(t)}));
        if (t % 3 == 0) return Error::invalid("this job fails after writing");
        return ok_status();
      });
      (s.ok() ? ok : failed)++;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 4);
  auto rows = tdb.db().read(
      [](Tx& tx) { return tx.query("SELECT count(*) FROM settings WHERE key LIKE 'job%'"); });
  EXPECT_EQ(rows->front().i64(0), 8);
}

TEST(Placeholders, RewrittenOutsideStringLiteralsOnly) {
  EXPECT_EQ(rewrite_placeholders_for_sqlite("SELECT $1, '$2', \"$3\" WHERE a = $12"),
            "SELECT ?1, '$2', \"$3\" WHERE a = ?12");
}

TEST(Backup, CopiesAConsistentSnapshot) {
  testing::TestDatabase tdb("sqlite");
  ASSERT_TRUE(
      tdb.db()
          .write([](Tx& tx) -> Status {
            TS_TRY(tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ('a', 'b', 1)"));
            return ok_status();
          })
          .ok());
  auto* sqlite = dynamic_cast<SqliteDatabase*>(&tdb.db());
  ASSERT_NE(sqlite, nullptr);
  std::string target = tdb.dir() + "/backup.db";
  ASSERT_TRUE(sqlite->backup_to(target, Instant{}).ok());
  SqliteOptions o;
  o.path = target;
  auto copy = SqliteDatabase::open(o);
  ASSERT_TRUE(copy.ok());
  auto rows =
      (*copy)->read([](Tx& tx) { return tx.query("SELECT value FROM settings WHERE key = 'a'"); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().str(0), "b");
}

TEST(Backup, LeavesNoPartialFile) {
  testing::TestDatabase tdb("sqlite");
  auto* sqlite = dynamic_cast<SqliteDatabase*>(&tdb.db());
  ASSERT_NE(sqlite, nullptr);
  // A backup killed mid-copy left its partial file; one still running (pid 1 stands for it)
  // keeps its own.
  pid_t dead = fork();
  if (dead == 0) _exit(0);
  ASSERT_GT(dead, 0);
  waitpid(dead, nullptr, 0);
  std::string abandoned = fmt::format("{}/.old.db.partial-{}-00ff", tdb.dir(), dead);
  std::string running = tdb.dir() + "/.other.db.partial-1-00ff";
  for (const auto& f : {abandoned, abandoned + "-journal", running}) std::ofstream(f) << "x";
  std::string target = tdb.dir() + "/backup.db";
  ASSERT_TRUE(sqlite->backup_to(target, Instant{}).ok());
  auto again = sqlite->backup_to(target, Instant{});  // never over an existing file
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().status(), 400);
  EXPECT_FALSE(std::filesystem::exists(abandoned));
  EXPECT_FALSE(std::filesystem::exists(abandoned + "-journal"));
  EXPECT_TRUE(std::filesystem::exists(running));
  std::filesystem::remove(running);
  for (const auto& e : std::filesystem::directory_iterator(tdb.dir()))
    EXPECT_EQ(e.path().filename().string().find("partial"), std::string::npos) << e.path();
  auto nowhere = sqlite->backup_to(tdb.dir() + "/no/such/dir/backup.db", Instant{});
  EXPECT_FALSE(nowhere.ok());
}

// A disk that fills during the copy, made real with a file-size limit on this process: the
// backup fails as "storage full" and leaves neither the target nor a partial file behind.
TEST(Backup, AFailedCopyIsRemoved) {
  testing::TestDatabase tdb("sqlite");
  ASSERT_TRUE(tdb.db()
                  .write([](Tx& tx) -> Status {
                    for (int i = 0; i < 64; ++i)
                      TS_TRY(
                          tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, "
                                  "$2, 0)",
                                  {"big" + std::to_string(i), std::string(16 * 1024, 'x')}));
                    return ok_status();
                  })
                  .ok());
  auto* sqlite = dynamic_cast<SqliteDatabase*>(&tdb.db());
  ASSERT_NE(sqlite, nullptr);
  std::string target = tdb.dir() + "/backup.db";
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto* old_handler = std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG
  rlimit small = saved;
  small.rlim_cur = 128 * 1024;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  auto s = sqlite->backup_to(target, Instant{});
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().status(), 507) << s.error().describe();
  EXPECT_FALSE(std::filesystem::exists(target));
  for (const auto& e : std::filesystem::directory_iterator(tdb.dir()))
    EXPECT_EQ(e.path().filename().string().find("partial"), std::string::npos) << e.path();
  // With room again, the same backup succeeds.
  EXPECT_TRUE(sqlite->backup_to(target, Instant{}).ok());
}

TEST(Backup, NeedsTheDatabaseAndAMargin) {
  constexpr uint64_t kMiB = 1 << 20;
  EXPECT_EQ(backup_space_needed(10 * kMiB), 74 * kMiB);      // at least 64 MiB to spare
  EXPECT_EQ(backup_space_needed(1000 * kMiB), 1100 * kMiB);  // a tenth of a large one
}

// A full disk is its own error (507, "storage_full"), and the transaction is undone whole.
TEST(FullDisk, IsReportedAsInsufficientStorageAndWritesNothing) {
  testing::TestDatabase tdb("sqlite");
  auto s = tdb.db().write([](Tx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto pages, tx.query("PRAGMA page_count"));
    // The database may not grow past its present size plus two pages: as on a full disk.
    TS_TRY(tx.exec_script(fmt::format("PRAGMA max_page_count = {}", pages.front().i64(0) + 2)));
    TS_TRY(tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ('first', 'v', 0)"));
    for (int i = 0; i < 64; ++i)
      TS_TRY(tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, 0)",
                     {"fill" + std::to_string(i), std::string(16 * 1024, 'x')}));
    return ok_status();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().status(), 507) << s.error().describe();
  EXPECT_EQ(s.error().code(), "storage_full");
  ASSERT_TRUE(
      tdb.db()
          .write([](Tx& tx) { return tx.exec_script("PRAGMA max_page_count = 1073741823"); })
          .ok());
  auto rows = tdb.db().read([](Tx& tx) {
    return tx.query("SELECT count(*) FROM settings WHERE key = 'first' OR key LIKE 'fill%'");
  });
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->front().i64(0), 0);
}

}  // namespace
}  // namespace tinhso::storage
