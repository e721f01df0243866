// SQLite engine: WAL mode, a pool of read-only connections, and one writer thread that
// commits queued write transactions in groups so that concurrent requests share one fsync.
//
// Durability: synchronous=FULL, so a write() returns only after its group's commit has
// been synced to the write-ahead log.
//
// Thread safety: read() and write() may be called from any thread; readers take a pooled
// connection under a mutex, writes are queued (a mutex) to the one writer thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/base/time.h"
#include "core/storage/sql.h"

struct sqlite3;

namespace tinhso::storage {

struct SqliteOptions {
  std::string path;  // file path or ":memory:"
  int readers = 8;
  int group_commit_max_batch = 256;
  int busy_timeout_ms = 5000;
  // Page cache of all connections together, in MiB: the writer gets a quarter, the readers share
  // the rest. Pages beyond it come from the memory-mapped file and the OS page cache.
  int cache_mb = 64;
};

class SqliteConnection;

// The free space a backup of a `database_bytes` database needs: its size and a margin (a tenth,
// at least 64 MiB) left for the live database and its logs.
uint64_t backup_space_needed(uint64_t database_bytes);

// When the database in `tx` was copied by backup_to(), if it is such a copy (a database restored
// from a backup): numbers it issued after that moment are not in it and must not be issued again
// (app/restore.h). Nullopt on a live database, and always on PostgreSQL, whose dumps carry no
// stamp.
Result<std::optional<Instant>> backup_stamp(Tx& tx);
// Removes the stamp once the restore is finished, in the caller's transaction.
Status clear_backup_stamp(Tx& tx);

class SqliteDatabase final : public Database {
 public:
  static Result<std::unique_ptr<SqliteDatabase>> open(const SqliteOptions& options);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  bool local_reads() const override { return true; }
  DatabaseStats stats() const override;
  void close() override;

  // Consistent online copy of the database to `target_path` (SQLite backup API), never over an
  // existing file. Refused (507) unless the target's file system has backup_space_needed()
  // free, so that a backup never takes the space the live database needs. The copy is written
  // to a hidden partial file beside the target (unique per run), synced, then put in place
  // without replacing anything; on any failure before that the partial file is removed and
  // nothing is left at the target. Partial files of killed backups are removed by the next one.
  // The copy alone carries a backup stamp saying when it was taken (backup_stamp()).
  Status backup_to(const std::string& target_path, Instant taken_at);

 protected:
  Status run_read(TxFn fn) override;
  Status run_write(TxFn fn) override;
  // One statement in autocommit: SQLite gives it its own read snapshot, without the BEGIN and
  // COMMIT statements of a read transaction.
  Result<Rows> run_single(std::string_view sql, Params params) override;

 private:
  struct WriteJob;
  explicit SqliteDatabase(SqliteOptions options);
  // Takes a free read connection, waiting for one; an error once the database is closed.
  Result<SqliteConnection*> acquire_reader();
  void release_reader(SqliteConnection* conn);
  void writer_loop();
  void commit_batch(std::vector<WriteJob*>& batch);

  SqliteOptions options_;

  mutable std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::vector<SqliteConnection*> free_readers_;
  int64_t waiting_readers_ = 0;

  std::unique_ptr<SqliteConnection> writer_;
  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<WriteJob*> queue_;
  bool closing_ = false;
  std::thread writer_thread_;

  std::atomic<int64_t> write_transactions_{0};
  std::atomic<int64_t> write_commits_{0};
  std::atomic<int64_t> read_transactions_{0};
};

}  // namespace tinhso::storage
