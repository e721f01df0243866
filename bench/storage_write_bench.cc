// Durable write throughput of the SQLite engine: audited write transactions (ChangeLog, as
// every request makes them) from many concurrent callers, with group commit and with one
// fsync per transaction (group_commit_max_batch = 1). Prints transactions/s and the ratio.
//   storage_write_bench [threads=64] [seconds=5] [dir=/tmp]
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "app/modules.h"
#include "core/audit/change_log.h"
#include "core/storage/migrations.h"
#include "core/storage/sqlite_database.h"

using namespace tinhso;

struct Run {
  double per_second;
  double commits_per_second;
  double p99_ms;
};

Run run(int batch, int threads, double seconds, const std::string& dir) {
  std::string path = dir + fmt::format("/tinhso-bench-{}-{}.db", getpid(), batch);
  std::filesystem::remove(path);
  storage::SqliteOptions o;
  o.path = path;
  o.readers = 2;
  o.group_commit_max_batch = batch;
  auto db = storage::SqliteDatabase::open(o);
  if (!db.ok() || !storage::migrate(**db, app::default_migrations((*db)->dialect()).value()).ok()) {
    fmt::print(stderr, "cannot open {}\n", path);
    std::exit(1);
  }
  Clock clock;
  audit::ChangeLog log(**db, clock, audit::AuditKey::generate());
  std::atomic<bool> stop{false};
  std::atomic<int64_t> done{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      int64_t i = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        auto t0 = std::chrono::steady_clock::now();
        std::string key = fmt::format("k{}-{}", t, i++);
        auto s = log.apply(audit::Actor::system("bench"), [&](audit::ChangeTx& tx) -> Status {
          TS_TRY(tx.sql().exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)",
                               {key, std::string(200, 'x'), tx.now_ms()}));
          return tx.record("bench.write", "setting", key, boost::json::object{{"size", 200}});
        });
        if (!s.ok()) std::abort();
        latencies[static_cast<std::size_t>(t)].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
        done.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto st = (*db)->stats();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  (*db)->close();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return {static_cast<double>(done.load()) / elapsed,
          static_cast<double>(st.write_commits) / elapsed,
          all.empty() ? 0 : all[all.size() * 99 / 100]};
}

int main(int argc, char** argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 64;
  double seconds = argc > 2 ? std::atof(argv[2]) : 5;
  std::string dir = argc > 3 ? argv[3] : "/tmp";
  fmt::print(
      "Durable audited writes on SQLite (synchronous=FULL, WAL), {} concurrent writers, {} s "
      "each\n",
      threads, seconds);
  Run one = run(1, threads, seconds, dir);
  Run group = run(256, threads, seconds, dir);
  fmt::print("{:<36} {:>12} {:>14} {:>10}\n", "mode", "writes/s", "fsyncs/s", "p99 ms");
  fmt::print("{:<36} {:>12.0f} {:>14.0f} {:>10.2f}\n", "one fsync per transaction (batch=1)",
             one.per_second, one.commits_per_second, one.p99_ms);
  fmt::print("{:<36} {:>12.0f} {:>14.0f} {:>10.2f}\n", "group commit (batch<=256)",
             group.per_second, group.commits_per_second, group.p99_ms);
  fmt::print("group commit / one fsync per transaction: {:.1f}x\n",
             group.per_second / one.per_second);
  return 0;
}
