#include "core/audit/change_log.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <tuple>

#include "core/audit/checkpoints.h"
#include "core/base/crypto.h"
#include "core/base/file_io.h"
#include "support/test_db.h"

namespace tinhso::audit {
namespace {

class AuditTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    log_ = std::make_unique<ChangeLog>(tdb_->db(), clock_, key_);
  }
  VerifyOptions options() const {
    VerifyOptions o;
    o.key = &key_;
    return o;
  }
  Result<VerifyReport> check() const { return verify(tdb_->db(), options()); }
  Status change(const std::string& object_id, int value, const std::string& request_id = {},
                std::string ip = {}) {
    Actor a;
    a.kind = "official";
    a.id = 42;
    a.name = "Nguyễn Thị Lan";
    a.role = "unit_admin";
    a.unit_id = 7;
    a.request_id = request_id.empty() ? "req-" + object_id : request_id;
    a.ip = std::move(ip);
    return log_->apply(a, [&](ChangeTx& tx) -> Status {
      TS_TRY(
          tx.sql().exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
                        "ON CONFLICT (key) DO UPDATE SET value = $2",
                        {object_id, std::to_string(value), tx.now_ms()}));
      return tx.record("setting.set", "setting", object_id, boost::json::object{{"value", value}});
    });
  }
  Status tamper(const std::string& sql) {
    return tdb_->db().write([&](storage::Tx& tx) -> Status { return tx.exec_script(sql); });
  }
  Clock clock_;
  AuditKey key_ = [] {
    AuditKey k = AuditKey::generate();
    k.legacy_until.assign(kChains, 0);
    return k;
  }();
  std::unique_ptr<testing::TestDatabase> tdb_;
  std::unique_ptr<ChangeLog> log_;
};

TEST_P(AuditTest, EveryChangeIsChainedAndVerifies) {
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(change("obj" + std::to_string(i % 13), i).ok());
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries_checked, 40);
  auto rows = tdb_->db().read([](storage::Tx& tx) {
    return tx.query(
        "SELECT actor_name, role, unit_id, request_id, change FROM audit_log WHERE object_id = "
        "'obj3' "
        "ORDER BY seq");
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_GE(rows->size(), 3u);
  EXPECT_EQ(rows->front().str(0), "Nguyễn Thị Lan");
  EXPECT_EQ(rows->front().str(1), "unit_admin");
  EXPECT_EQ(rows->front().i64(2), 7);
  EXPECT_EQ(rows->front().str(3), "req-obj3");
  EXPECT_EQ(rows->front().str(4), "{\"value\":3}");
}

TEST_P(AuditTest, ConcurrentChangesKeepEveryChainIntact) {
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i)
        EXPECT_TRUE(change("c" + std::to_string((t * 15 + i) % 23), i).ok());
    });
  }
  for (auto& th : threads) th.join();
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries_checked, 120);
}

TEST_P(AuditTest, TransactionsTouchingManyChainsInOppositeOrdersAllCommitInOrder) {
  // Entries are appended at the end of the transaction, chain by chain in chain order: two
  // transactions recording the same objects in opposite orders never wait for each other in a
  // cycle (no deadlock aborts), and entries keep the order they were recorded in, both within
  // each chain and in the log's ids (the order the audit list shows).
  Actor a;
  a.kind = "official";
  a.id = 42;
  a.name = "Nguyễn Thị Lan";
  std::vector<std::string> objects;
  objects.reserve(12);
  for (int i = 0; i < 12; ++i) objects.push_back("multi" + std::to_string(i));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(6);
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 10; ++round) {
        auto order = objects;
        if (t % 2) std::reverse(order.begin(), order.end());
        Status s = log_->apply(a, [&](ChangeTx& tx) -> Status {
          for (const auto& o : order) {
            // Two entries per object: the second must follow the first in its chain.
            boost::json::object tag{{"t", t}, {"r", round}};
            TS_TRY(tx.record("multi.first", "multi", o, tag));
            TS_TRY(tx.record("multi.second", "multi", o, tag));
          }
          return ok_status();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries_checked, 6 * 10 * 12 * 2);
  // In each chain, every "first" of a (transaction, object) is directly followed by its second.
  auto rows = tdb_->db().read([](storage::Tx& tx) {
    return tx.query(
        "SELECT action, object_id, change FROM audit_log WHERE object_type = 'multi' ORDER BY "
        "chain_id, seq");
  });
  ASSERT_TRUE(rows.ok());
  std::vector<std::tuple<std::string, std::string, std::string>> seen;
  for (auto r : *rows) seen.emplace_back(r.str(0), r.str(1), r.str(2));
  ASSERT_EQ(seen.size(), 6u * 10 * 12 * 2);
  for (std::size_t i = 0; i < seen.size(); i += 2) {
    EXPECT_EQ(std::get<0>(seen[i]), "multi.first");
    EXPECT_EQ(std::get<0>(seen[i + 1]), "multi.second");
    EXPECT_EQ(std::get<1>(seen[i]), std::get<1>(seen[i + 1]));
    EXPECT_EQ(std::get<2>(seen[i]), std::get<2>(seen[i + 1]));
  }
  // By id, each transaction's entries are in the order it recorded them.
  auto by_id = tdb_->db().read([](storage::Tx& tx) {
    return tx.query(
        "SELECT change, object_id, action FROM audit_log WHERE object_type = 'multi' ORDER BY id");
  });
  ASSERT_TRUE(by_id.ok());
  std::map<std::string, std::vector<std::string>> per_tx;
  for (auto r : *by_id) per_tx[r.str(0)].push_back(r.str(1) + "/" + r.str(2));
  ASSERT_EQ(per_tx.size(), 60u);
  for (const auto& [tag, got] : per_tx) {
    int t = static_cast<int>(boost::json::parse(tag).at("t").as_int64());
    std::vector<std::string> want;
    auto order = objects;
    if (t % 2) std::reverse(order.begin(), order.end());
    for (const auto& o : order) {
      want.push_back(o + "/multi.first");
      want.push_back(o + "/multi.second");
    }
    EXPECT_EQ(got, want) << tag;
  }
}

TEST_P(AuditTest, DetectsAnEditedChange) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(change("obj" + std::to_string(i), i).ok());
  ASSERT_TRUE(
      tamper("UPDATE audit_log SET change = '{\"value\":999}' WHERE object_id = 'obj4'").ok());
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("digest"), std::string::npos);
}

TEST_P(AuditTest, DetectsAnEditedActorEvenWithARecomputedDigest) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(change("obj" + std::to_string(i), i).ok());
  ASSERT_TRUE(
      tamper("UPDATE audit_log SET actor_name = 'Someone else' WHERE object_id = 'obj2'").ok());
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("hash"), std::string::npos);
}

TEST_P(AuditTest, DetectsARemovedEntry) {
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(change("same", i).ok());  // one chain
  ASSERT_TRUE(tamper("DELETE FROM audit_log WHERE seq = 10 AND object_id = 'same'").ok());
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->seq, 11);
  EXPECT_NE(report->reason.find("removed"), std::string::npos);
}

TEST_P(AuditTest, DetectsTruncationOfTheNewestEntries) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(change("same", i).ok());
  ASSERT_TRUE(tamper("DELETE FROM audit_log WHERE seq = 5 AND object_id = 'same'").ok());
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("head"), std::string::npos);
}

TEST_P(AuditTest, AStateChangeWithoutAnAuditEntryIsRefusedAndRolledBack) {
  auto r = log_->apply(Actor::system(), [](ChangeTx& tx) -> Status {
    TS_TRY(
        tx.sql().exec("INSERT INTO settings (key, value, updated_at) VALUES ('sneaky', 'x', 0)"));
    return ok_status();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status(), 500);
  auto rows = tdb_->db().read([](storage::Tx& tx) {
    return tx.query("SELECT count(*) FROM settings WHERE key = 'sneaky'");
  });
  EXPECT_EQ(rows->front().i64(0), 0);
}

// The request pipeline's hook (an Idempotency-Key marked committed) runs inside the change's
// own transaction — also when the engine runs it on its writer thread (SQLite group commit) —
// and a failing hook rolls the change back.
TEST_P(AuditTest, TheCommitHookRunsInTheChangesTransactionAndCanRefuseIt) {
  int runs = 0;
  CommitHook hook = [&](storage::Tx& tx) -> Status {
    ++runs;
    TS_TRY(tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, 'x', 0)",
                   {fmt::format("hook-{}", runs)}));
    if (runs == 2) return Error(409, "idempotency.taken_over", "taken over");
    return ok_status();
  };
  auto change = [&](const std::string& id) {
    return log_->apply(Actor::system(), [&](ChangeTx& tx) -> Status {
      TS_TRY(tx.sql().exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, 'x', 0)",
                           {"change-" + id}));
      return tx.record("x.y", "thing", id, boost::json::object{});
    });
  };
  {
    CommitHookScope scope(&hook);
    ASSERT_TRUE(change("1").ok());
    auto refused = change("2");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), "idempotency.taken_over");
  }
  ASSERT_TRUE(change("3").ok());  // outside the scope: no hook
  EXPECT_EQ(runs, 2);
  auto rows = tdb_->db().read([](storage::Tx& tx) {
    return tx.query(
        "SELECT key FROM settings WHERE key LIKE 'change-%' OR key LIKE 'hook-%' "
        "ORDER BY key");
  });
  ASSERT_TRUE(rows.ok());
  std::vector<std::string> keys;
  for (const auto& r : *rows) keys.push_back(r.str(0));
  EXPECT_EQ(keys, (std::vector<std::string>{"change-1", "change-3", "hook-1"}));
}

TEST_P(AuditTest, AFailedChangeLeavesNoAuditEntry) {
  auto r = log_->apply(Actor::system(), [](ChangeTx& tx) -> Status {
    TS_TRY(tx.record("x.y", "thing", "1", boost::json::object{}));
    return Error::validation("x", "nope");
  });
  ASSERT_FALSE(r.ok());
  auto rows =
      tdb_->db().read([](storage::Tx& tx) { return tx.query("SELECT count(*) FROM audit_log"); });
  EXPECT_EQ(rows->front().i64(0), 0);
  auto report = check();
  EXPECT_TRUE(report->ok) << report->reason;
}

// Whoever can write the database can also recompute plain hashes. The links are keyed with a
// secret the database does not hold: a recomputed chain does not verify.
TEST_P(AuditTest, AChainRecomputedWithoutTheKeyIsFound) {
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(change("same", i).ok());
  // The attacker edits entry 3 and recomputes its link and every later one with a key of
  // their own (they cannot know ours), then moves the head.
  AuditKey theirs = AuditKey::generate();
  ChangeLog forged(tdb_->db(), clock_, theirs);
  ASSERT_TRUE(tamper("DELETE FROM audit_log WHERE object_id = 'same' AND seq >= 3").ok());
  ASSERT_TRUE(tamper("UPDATE audit_chains SET seq = 2, head = (SELECT hash FROM audit_log WHERE "
                     "object_id = 'same' AND seq = 2) WHERE id = (SELECT chain_id FROM audit_log "
                     "WHERE object_id = 'same' AND seq = 1)")
                  .ok());
  ASSERT_TRUE(forged
                  .apply(Actor::system("Kẻ giả mạo"),
                         [](ChangeTx& tx) -> Status {
                           return tx.record("setting.set", "setting", "same",
                                            boost::json::object{{"value", 999}});
                         })
                  .ok());
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->seq, 3);
  EXPECT_NE(report->reason.find("entry edited"), std::string::npos) << report->reason;
  // Nor can keyed entries be passed off as unkeyed ones from before the key.
  ASSERT_TRUE(tamper("UPDATE audit_log SET hash_version = 1 WHERE object_id = 'same'").ok());
  report = check();
  EXPECT_FALSE(report->ok);
  // And without the key, keyed entries cannot be vouched for at all.
  report = verify(tdb_->db(), VerifyOptions{});
  EXPECT_FALSE(report->ok);
}

// Fields are length-prefixed: moving a separator from one field into the next (which kept a
// newline-joined hash) breaks the link.
TEST_P(AuditTest, MovingBytesBetweenFieldsBreaksTheLink) {
  ASSERT_TRUE(change("moved", 1, "yeu-cau\n10.0.0", "1").ok());
  ASSERT_TRUE(check()->ok);
  ASSERT_TRUE(tamper("UPDATE audit_log SET request_id = 'yeu-cau', ip = '10.0.0' || char(10) || "
                     "'1' WHERE object_id = 'moved'")
                  .ok() ||
              tamper("UPDATE audit_log SET request_id = 'yeu-cau', ip = '10.0.0' || chr(10) || "
                     "'1' WHERE object_id = 'moved'")
                  .ok());
  auto report = check();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("entry edited"), std::string::npos) << report->reason;
}

// A busy server keeps appending while the log is verified: every run says intact.
TEST_P(AuditTest, VerifyingWhileWritingSaysIntact) {
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(change("old" + std::to_string(i % 40), i).ok());
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  writers.reserve(4);
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&, t] {
      // Bounded: each verification walks the whole log, which must not grow without limit
      // while it does (quadratic under the sanitizers).
      for (int i = 0; !stop && i < 100; ++i)
        EXPECT_TRUE(change("busy" + std::to_string(t * 7 + i % 5), i).ok());
    });
  int runs = 0;
  for (; runs < 20; ++runs) {
    auto report = check();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok) << report->reason;
  }
  stop = true;
  for (auto& w : writers) w.join();
  EXPECT_TRUE(check()->ok);
}

// Even with the HMAC key, rewriting the log after a signed checkpoint is found by the
// checkpoint; a checkpoint that was itself edited is refused.
TEST_P(AuditTest, SignedCheckpointsCatchARewriteByAKeyHolder) {
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(change("kept", i).ok());
  auto signer = CheckpointKey::generate();
  ASSERT_TRUE(signer.ok());
  auto cp = make_checkpoint(tdb_->db(), *signer, clock_.now(), "node-1");
  ASSERT_TRUE(cp.ok()) << cp.error().describe();
  std::string file = cp->to_line() + "\n";
  auto pub = CheckpointKey::from_public_pem(signer->public_pem());
  ASSERT_TRUE(pub.ok());
  auto read = read_checkpoints(file, *pub);
  ASSERT_TRUE(read.ok()) << read.error().message();
  VerifyOptions o = options();
  o.checkpoints.emplace_back("cp", read->at(0).chains);
  EXPECT_TRUE(verify(tdb_->db(), o)->ok);
  EXPECT_EQ(verify(tdb_->db(), o)->checkpoints_checked, 1);
  // The key holder truncates the newest entries and re-appends new ones with the right key.
  ASSERT_TRUE(tamper("DELETE FROM audit_log WHERE object_id = 'kept' AND seq >= 5").ok());
  ASSERT_TRUE(tamper("UPDATE audit_chains SET seq = 4, head = (SELECT hash FROM audit_log WHERE "
                     "object_id = 'kept' AND seq = 4) WHERE id = (SELECT chain_id FROM audit_log "
                     "WHERE object_id = 'kept' AND seq = 1)")
                  .ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(change("kept", 100 + i).ok());
  EXPECT_TRUE(check()->ok);  // the chain alone looks intact
  auto report = verify(tdb_->db(), o);
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("checkpoint"), std::string::npos) << report->reason;
  // An edited checkpoint line fails its signature.
  std::string edited = file;
  edited.replace(edited.find("node-1"), 6, "node-2");
  EXPECT_FALSE(read_checkpoints(edited, *pub).ok());
  auto other = CheckpointKey::generate();
  EXPECT_FALSE(read_checkpoints(file, *other).ok());
}

// A node reads its newest checkpoint from the end of a file that grows for years: lines cut
// short by a crash, or signed by another key, are passed over, across the blocks it reads; the
// writer starts its line on a line of its own after a cut one.
TEST_P(AuditTest, TheNewestCheckpointIsTheLastWholeSignedLine) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/audit-checkpoints.jsonl";
  auto signer = std::make_shared<const CheckpointKey>(*CheckpointKey::generate());
  auto other = CheckpointKey::generate();
  ASSERT_TRUE(other.ok());
  auto none = newest_checkpoint(path, *signer);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none) << "no file, no checkpoint";
  // Enough lines (a few hundred bytes each) to span several 64 KiB blocks.
  std::string lines, newest_node;
  for (int i = 0; i < 600; ++i) {
    ASSERT_TRUE(change("k" + std::to_string(i % 7), i).ok());
    newest_node = "node-" + std::to_string(i);
    auto cp = make_checkpoint(tdb_->db(), *signer, clock_.now(), newest_node);
    ASSERT_TRUE(cp.ok()) << cp.error().describe();
    lines += cp->to_line() + "\n";
  }
  auto foreign = make_checkpoint(tdb_->db(), *other, clock_.now(), "foreign");
  ASSERT_TRUE(foreign.ok());
  std::string cut = foreign->to_line();
  cut.resize(cut.size() / 2);
  std::ofstream(path, std::ios::binary) << lines << foreign->to_line() << "\n\n" << cut;
  ASSERT_GT(std::filesystem::file_size(path), 3u * 64 * 1024);
  auto found = newest_checkpoint(path, *signer);
  ASSERT_TRUE(found.ok()) << found.error().describe();
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->node, newest_node);
  // Nothing signed by the key at all: none.
  auto by_other = newest_checkpoint(path, *CheckpointKey::generate());
  ASSERT_TRUE(by_other.ok());
  EXPECT_FALSE(*by_other);
  // The writer appends after the cut line on a line of its own, and that line is the newest.
  ASSERT_TRUE(change("after", 1).ok());
  CheckpointWriter writer(tdb_->db(), clock_, signer,
                          CheckpointOptions{.file = path, .syslog = false});
  auto wrote = writer.write_once();
  ASSERT_TRUE(wrote.ok()) << wrote.error().describe();
  ASSERT_TRUE(*wrote);
  auto after = newest_checkpoint(path, *signer);
  ASSERT_TRUE(after.ok() && *after);
  EXPECT_NE((*after)->node, newest_node);
  EXPECT_FALSE(first_missing_head(tdb_->db(), (*after)->chains)->has_value());
}

// The key lives in files beside the database, never in it; the database remembers its id.
TEST_P(AuditTest, KeysAreSavedOnceAndAnotherKeyIsRefused) {
  testing::TempDir dir;
  auto fresh = load_keys(dir.path());
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(fresh->on_disk);
  ASSERT_TRUE(bind_keys(tdb_->db(), *fresh, dir.path()).ok());
  EXPECT_TRUE(fresh->on_disk);
  auto perms = std::filesystem::status(dir.path() + "/audit-hmac.key").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::group_read, std::filesystem::perms::none);
  EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
  auto again = load_keys(dir.path());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->on_disk);
  EXPECT_EQ(again->hmac.id, fresh->hmac.id);
  EXPECT_EQ(again->hmac.legacy_until.size(), static_cast<std::size_t>(kChains));
  EXPECT_TRUE(bind_keys(tdb_->db(), *again, dir.path()).ok());
  // A node with no key files, or other ones, is refused before it writes anything.
  testing::TempDir empty, other;
  auto none = load_keys(empty.path());
  auto status = bind_keys(tdb_->db(), *none, empty.path());
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("sao chép"), std::string::npos);
  auto stranger = load_keys(other.path());
  AuditKeys saved = *stranger;
  ASSERT_TRUE(write_file(other.path() + "/audit-hmac.key",
                         crypto::hex_encode(crypto::random_bytes(32)) + "\n")
                  .ok());
  ASSERT_TRUE(
      write_file(other.path() + "/audit-checkpoint.key", saved.checkpoint->private_pem()).ok());
  auto wrong = load_keys(other.path());
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(bind_keys(tdb_->db(), *wrong, other.path()).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::audit
