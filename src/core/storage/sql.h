// The engine-neutral SQL interface: parameters, result rows, transactions, databases.
//
// Module code is written once against Tx and runs unchanged on SQLite and PostgreSQL.
// SQL uses PostgreSQL-style placeholders ($1, $2, …); the SQLite engine rewrites them.
// Portable SQL only: integers for flags and times (UTC milliseconds), TEXT for strings and
// dates, CAST(… AS BIGINT/TEXT) where PostgreSQL cannot infer a parameter's type.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/base/function_ref.h"
#include "core/base/result.h"

namespace tinhso::storage {

enum class Dialect { kSqlite, kPostgres };

// Error codes storage returns for constraint violations, so callers can turn them into
// domain errors (for example "this agency code already exists").
inline constexpr std::string_view kUniqueViolation = "storage.unique_violation";
inline constexpr std::string_view kForeignKeyViolation = "storage.foreign_key_violation";
inline constexpr std::string_view kSerializationFailure = "storage.serialization_failure";

struct Blob {
  std::string_view bytes;
};

// One SQL parameter. Holds views: the referenced strings must outlive the call.
class Param {
 public:
  enum class Kind { kNull, kInt, kDouble, kText, kBlob };

  Param(std::nullptr_t) : kind_(Kind::kNull) {}  // NOLINT: implicit by design
  template <std::integral T>
  Param(T v) : kind_(Kind::kInt), i_(static_cast<int64_t>(v)) {}  // NOLINT; bool → 0/1
  Param(double v) : kind_(Kind::kDouble), d_(v) {}                // NOLINT
  Param(std::string_view v) : kind_(Kind::kText), s_(v) {}        // NOLINT
  Param(const std::string& v) : kind_(Kind::kText), s_(v) {}      // NOLINT
  Param(const char* v) : kind_(Kind::kText), s_(v) {}             // NOLINT
  Param(Blob b) : kind_(Kind::kBlob), s_(b.bytes) {}              // NOLINT
  template <class T>
  Param(const std::optional<T>& v) : Param(nullptr) {  // NOLINT
    if (v) *this = Param(*v);
  }

  Kind kind() const { return kind_; }
  int64_t as_int() const { return i_; }
  double as_double() const { return d_; }
  std::string_view as_text() const { return s_; }

 private:
  Kind kind_;
  int64_t i_ = 0;
  double d_ = 0;
  std::string_view s_;
};

using Params = std::span<const Param>;

// A materialised result set. Cells are typed loosely: accessors convert, so the same code
// reads SQLite's typed values and PostgreSQL's text values.
class Rows {
 public:
  using Cell = std::variant<std::monostate, int64_t, double, std::string>;

  class Row {
   public:
    bool is_null(int col) const;
    int64_t i64(int col) const;  // 0 for NULL
    std::optional<int64_t> opt_i64(int col) const;
    double f64(int col) const;
    bool boolean(int col) const { return i64(col) != 0; }
    std::string str(int col) const;  // "" for NULL; blobs as raw bytes
    std::optional<std::string> opt_str(int col) const;
    std::string_view view(int col) const;  // text and blob cells only; "" otherwise

   private:
    friend class Rows;
    Row(const Rows* rows, std::size_t index) : rows_(rows), index_(index) {}
    const Cell& cell(int col) const;
    const Rows* rows_;
    std::size_t index_;
  };

  class Iterator {
   public:
    Iterator(const Rows* rows, std::size_t i) : rows_(rows), i_(i) {}
    Row operator*() const { return Row(rows_, i_); }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const Rows* rows_;
    std::size_t i_;
  };

  Rows() = default;
  explicit Rows(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  std::size_t size() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }
  bool empty() const { return size() == 0; }
  int width() const { return static_cast<int>(columns_.size()); }
  const std::vector<std::string>& columns() const { return columns_; }
  Row operator[](std::size_t i) const { return Row(this, i); }
  Row front() const { return Row(this, 0); }
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

  // Engines fill rows cell by cell, row-major.
  void push(Cell c) { cells_.push_back(std::move(c)); }
  void reserve(std::size_t rows) { cells_.reserve(rows * columns_.size()); }

 private:
  std::vector<std::string> columns_;
  std::vector<Cell> cells_;
};

// One transaction on one connection. Not thread-safe; used by one thread at a time.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  virtual Result<Rows> query(std::string_view sql, Params params) = 0;
  // Returns the number of rows changed.
  virtual Result<int64_t> exec(std::string_view sql, Params params) = 0;
  // Several statements, no parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  // A statement whose only outcome that matters is that it succeeds (an insert into a log, a
  // counter delta, a column nobody reads back in this transaction). On PostgreSQL it is sent
  // with the next statement whose answer is awaited, or with COMMIT — one round trip for all
  // (pipeline mode) — and its error, if any, fails that statement or the commit, so the whole
  // transaction; never use it where the caller handles the error itself. On SQLite it runs at
  // once.
  virtual Status exec_later(std::string_view sql, Params params) {
    TS_ASSIGN_OR_RETURN(int64_t changed, exec(sql, params));
    (void)changed;
    return ok_status();
  }

  Result<Rows> query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return query(sql, Params(params.begin(), params.size()));
  }
  Result<int64_t> exec(std::string_view sql, std::initializer_list<Param> params = {}) {
    return exec(sql, Params(params.begin(), params.size()));
  }
  Status exec_later(std::string_view sql, std::initializer_list<Param> params = {}) {
    return exec_later(sql, Params(params.begin(), params.size()));
  }
  bool is_postgres() const { return dialect() == Dialect::kPostgres; }
};

// Counters exposed on /metrics.
struct DatabaseStats {
  int64_t connections_total = 0;
  int64_t connections_in_use = 0;
  int64_t waiting_for_connection = 0;
  int64_t write_queue_depth = 0;
  int64_t write_transactions = 0;  // committed write jobs
  int64_t write_commits = 0;       // physical commits (fsyncs), ≤ write_transactions
  int64_t read_transactions = 0;
  // PostgreSQL: transactions begun by a thread already inside one. Should stay 0: each needs a
  // second pooled connection while holding one, which can exhaust the pool.
  int64_t nested_transactions = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;
  // True when a short read costs no network round trip (embedded SQLite), so that cheap
  // read-only routes may run on I/O threads instead of the worker pool.
  virtual bool local_reads() const = 0;
  virtual DatabaseStats stats() const = 0;
  // Finishes queued writes and closes every connection. Further calls fail.
  virtual void close() = 0;
  // Whether the database answers a trivial statement within `timeout` (readiness checks: a
  // hung database must show as not ready in seconds, not after a statement timeout).
  virtual Status probe(std::chrono::milliseconds timeout) {
    (void)timeout;  // an embedded database answers or fails at once
    auto rows = run_single("SELECT 1", {});
    if (!rows.ok()) return std::move(rows).error();
    return ok_status();
  }

  // Runs `fn` in a read-only transaction and returns its result.
  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F&, Tx&> {
    return run<std::invoke_result_t<F&, Tx&>>(false, fn);
  }
  // Runs `fn` in a write transaction; returns once the transaction is durable (or failed
  // and rolled back). `fn` may run more than once if the engine retries a serialization
  // failure, so it must not have effects outside the database.
  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F&, Tx&> {
    return run<std::invoke_result_t<F&, Tx&>>(true, fn);
  }
  // Runs one read-only statement on its own, outside an explicit transaction: a single
  // statement always sees one consistent state. On PostgreSQL that is one round trip instead
  // of three (BEGIN, the statement, COMMIT); for hot single-row reads such as the public
  // look-up. Anything that reads twice and needs both reads to agree uses `read`.
  Result<Rows> query_once(std::string_view sql, std::initializer_list<Param> params = {}) {
    return run_single(sql, Params(params.begin(), params.size()));
  }
  // Runs one writing statement committed on its own, without waiting for its commit to reach
  // the disk where the engine can (PostgreSQL: synchronous_commit off; SQLite: an ordinary write
  // transaction). Any row lock it takes is held for that statement alone. Only for allocations
  // that a later durable commit makes durable (the WAL is flushed in order), such as a dossier's
  // code taken before the dossier's own transaction: a crash before that commit may undo the
  // allocation, and nobody holds what it allocated.
  Result<Rows> write_once_unflushed(std::string_view sql,
                                    std::initializer_list<Param> params = {}) {
    return run_single_write_unflushed(sql, Params(params.begin(), params.size()));
  }

 protected:
  using TxFn = FunctionRef<Status(Tx&)>;
  virtual Status run_read(TxFn fn) = 0;
  virtual Status run_write(TxFn fn) = 0;
  // Engines without a cheaper way run the statement in a read transaction.
  virtual Result<Rows> run_single(std::string_view sql, Params params) {
    return read([&](Tx& tx) { return tx.query(sql, params); });
  }
  virtual Result<Rows> run_single_write_unflushed(std::string_view sql, Params params) {
    return write([&](Tx& tx) { return tx.query(sql, params); });
  }

 private:
  template <class R, class F>
  R run(bool write, F& fn) {
    std::optional<R> out;
    auto body = [&](Tx& tx) -> Status {
      out.emplace(fn(tx));
      if (out->ok()) return ok_status();
      return out->error();  // the copy tells the engine to roll back
    };
    Status s = write ? run_write(body) : run_read(body);
    if (!s.ok() && (!out || out->ok())) return R(std::move(s).error());
    return std::move(*out);
  }
};

// Rewrites $1, $2, … to SQLite's ?1, ?2, … outside string literals.
std::string rewrite_placeholders_for_sqlite(std::string_view sql);

}  // namespace tinhso::storage
