// PostgreSQL engine: a pool of libpq connections driven through libpq's asynchronous
// (non-blocking) API with per-statement deadlines, prepared statements cached per
// connection, and automatic retry of transactions that fail with a serialization failure or
// deadlock.
//
// Transactions run on the worker pool (see docs/architecture.md): the I/O threads never wait
// on PostgreSQL, and module code stays the same synchronous code as on SQLite.
//
// Thread safety: read() and write() may be called from any thread; the pool is guarded by one
// mutex, and a connection belongs to one transaction (one thread) at a time.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/storage/sql.h"

namespace tinhso::storage {

struct PgOptions {
  std::string url;
  int pool_size = 16;
  int statement_timeout_ms = 30000;
  int acquire_timeout_ms = 10000;
  int connect_timeout_s = 5;   // libpq's connect_timeout (at least 2)
  int answer_deadline_ms = 0;  // a statement's answer; 0: statement_timeout_ms + 5 s
};

class PgConnection;

class PgDatabase final : public Database {
 public:
  static Result<std::unique_ptr<PgDatabase>> open(const PgOptions& options);
  ~PgDatabase() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  bool local_reads() const override { return false; }
  DatabaseStats stats() const override;
  void close() override;
  // On its own connection, outside the pool (a hung pool must not hide a hung database).
  Status probe(std::chrono::milliseconds timeout) override;

 protected:
  Status run_read(TxFn fn) override;
  Result<Rows> run_single(std::string_view sql, Params params) override;
  Result<Rows> run_single_write_unflushed(std::string_view sql, Params params) override;
  Status run_write(TxFn fn) override;

 private:
  explicit PgDatabase(PgOptions options);
  // acquire() and release() are paired by every caller; a thread holds at most one
  // connection unless it begins a transaction inside another (counted as nested).
  Result<PgConnection*> acquire();
  Result<PgConnection*> acquire_unnested();
  void release(PgConnection* conn);
  Status run(TxFn fn, bool write);

  PgOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> all_;
  std::vector<PgConnection*> free_;
  int64_t waiting_ = 0;
  bool closed_ = false;
  std::atomic<int64_t> reads_{0};
  std::atomic<int64_t> writes_{0};
  std::atomic<int64_t> nested_{0};
};

}  // namespace tinhso::storage
