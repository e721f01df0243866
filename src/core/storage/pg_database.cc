#include "core/storage/pg_database.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <unordered_map>

#include "core/storage/deadline.h"

namespace tinhso::storage {
namespace {

constexpr Oid kByteaOid = 17;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

}  // namespace

// Parameters as libpq takes them: text (NUL-terminated) except blobs, sent in binary. Blobs
// point into the caller's bytes unless `own` (a statement sent later keeps its own copy). Not
// movable: `values` points into `text`.
struct PgBound {
  explicit PgBound(Params params, bool own = false)
      : text(params.size()), values(params.size()), lengths(params.size()), formats(params.size()) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      switch (p.kind()) {
        case Param::Kind::kNull:
          values[i] = nullptr;
          break;
        case Param::Kind::kInt:
          text[i] = std::to_string(p.as_int());
          values[i] = text[i].c_str();
          break;
        case Param::Kind::kDouble:
          text[i] = fmt::format("{}", p.as_double());
          values[i] = text[i].c_str();
          break;
        case Param::Kind::kText:
          text[i] = std::string(p.as_text());
          values[i] = text[i].c_str();
          break;
        case Param::Kind::kBlob:
          if (own) text[i] = std::string(p.as_text());
          values[i] = own ? text[i].data() : p.as_text().data();
          lengths[i] = static_cast<int>(p.as_text().size());
          formats[i] = 1;
          break;
      }
    }
  }
  PgBound(const PgBound&) = delete;
  PgBound& operator=(const PgBound&) = delete;

  std::vector<std::string> text;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
};

// A statement whose answer nobody waits for (Tx::exec_later), kept until it can travel with
// the next one that is waited for.
struct PgDeferred {
  PgDeferred(std::string_view sql, Params params) : sql(sql), bound(params, true) {}
  std::string sql;
  PgBound bound;
};

class PgConnection final : public Tx {
 public:
  ~PgConnection() override {
    if (conn_ != nullptr) PQfinish(conn_);
  }

  static Result<std::unique_ptr<PgConnection>> connect(const PgOptions& o) {
    auto c = std::unique_ptr<PgConnection>(new PgConnection(o));
    // connect_timeout bounds the (rare) blocking connection set-up.
    std::string connect_timeout = std::to_string(std::max(2, o.connect_timeout_s));
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {o.url.c_str(), connect_timeout.c_str(), "tinhso", nullptr};
    c->conn_ = PQconnectdbParams(keys, values, 1);
    if (c->conn_ == nullptr || PQstatus(c->conn_) != CONNECTION_OK) {
      return Error::unavailable(fmt::format("postgres connect: {}",
                                            c->conn_ ? PQerrorMessage(c->conn_) : "out of memory"));
    }
    if (PQsetnonblocking(c->conn_, 1) != 0) {
      return Error::unavailable("postgres: cannot switch connection to non-blocking mode");
    }
    TS_TRY(c->exec_script(
        // A statement whose client gave up (a request past its deadline drops the connection)
        // is cancelled by the server within 2 s instead of running to its timeout.
        fmt::format(
            "SET statement_timeout = {}; SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8';"
            "SET client_min_messages = WARNING; SET client_connection_check_interval = 2000;",
            o.statement_timeout_ms)));
    return c;
  }

  Dialect dialect() const override { return Dialect::kPostgres; }
  // Opens a transaction without a round trip of its own: `begin` is sent with the first
  // statement (pipelined), or not at all when the transaction issues none.
  void begin_deferred(std::string begin) {
    pending_begin_ = std::move(begin);
    deferred_.clear();
  }
  // Whether the transaction has anything to end: it was opened on the server (a statement was
  // sent since BEGIN) or statements wait to be sent.
  bool began() const { return pending_begin_.empty() || !deferred_.empty(); }
  // Nothing was sent: the transaction ends without a word to the server.
  void forget_begin() { pending_begin_.clear(); }
  // Commits: what waits to be sent goes with COMMIT, in one round trip. When that fails, the
  // transaction is rolled back: a statement skipped after an error in a pipeline leaves it
  // open (and aborted), and the connection goes back to the pool.
  Status commit() {
    Status done = ok_status();
    if (deferred_.empty()) {
      done = exec_script("COMMIT");
    } else if (auto r = run_pipelined("COMMIT", nullptr); !r.ok()) {
      done = std::move(r).error();
    }
    if (!done.ok() && !broken()) (void)exec_script("ROLLBACK");
    return done;
  }
  // Ends a transaction that failed: what was deferred is never sent.
  void rollback() {
    deferred_.clear();
    if (pending_begin_.empty() && !broken()) (void)exec_script("ROLLBACK");
    pending_begin_.clear();
  }
  bool broken() const { return broken_ || PQstatus(conn_) != CONNECTION_OK; }
  // Makes release() drop the connection (its session state can no longer be trusted).
  void mark_broken() { broken_ = true; }

  Result<Rows> query(std::string_view sql, Params params) override {
    TS_ASSIGN_OR_RETURN(PgResult res, run_prepared(sql, params));
    return materialise(res.get());
  }

  Result<int64_t> exec(std::string_view sql, Params params) override {
    TS_ASSIGN_OR_RETURN(PgResult res, run_prepared(sql, params));
    const char* n = PQcmdTuples(res.get());
    return static_cast<int64_t>(n && *n ? std::strtoll(n, nullptr, 10) : 0);
  }

  Status exec_later(std::string_view sql, Params params) override {
    deferred_.push_back(std::make_unique<PgDeferred>(sql, params));
    return ok_status();
  }

  Status exec_script(std::string_view sql) override {
    // Deferred statements go first, with the script when it is one statement.
    if (!deferred_.empty()) {
      bool one = sql.find(';') == std::string_view::npos;
      TS_TRY(run_pipelined(one ? sql : "SELECT 1", nullptr));
      if (one) return ok_status();
    }
    // A deferred BEGIN travels in the same simple query (statements separated by ';').
    std::string s = pending_begin_.empty() ? std::string(sql) : pending_begin_ + "; " += sql;
    pending_begin_.clear();
    if (PQsendQuery(conn_, s.c_str()) == 0) return connection_error("send");
    TS_ASSIGN_OR_RETURN(PgResult res, collect(sql));
    (void)res;
    return ok_status();
  }

  // `sql` in a transaction of its own whose commit does not wait for the disk: BEGIN, SET LOCAL
  // synchronous_commit = off, the statement and COMMIT in one round trip (pipeline mode), where
  // a session setting would take two more to set and reset. Only outside a transaction.
  Result<Rows> query_unflushed(std::string_view sql, Params params) {
    if (!pending_begin_.empty() || !deferred_.empty())
      return Error::internal("query_unflushed inside a transaction");
    if (PQenterPipelineMode(conn_) == 0) return connection_error("pipeline");
    Pipeline p;
    auto simple = [&](const char* text) {
      p.sent_sql.emplace_back(text);
      return PQsendQueryParams(conn_, text, 0, nullptr, nullptr, nullptr, nullptr, 0) != 0;
    };
    PgBound b(params);
    bool sent = simple("BEGIN") && simple("SET LOCAL synchronous_commit = off") &&
                send_prepared(p, sql, b, static_cast<int>(params.size()));
    int keep = static_cast<int>(p.sent_sql.size()) - 1;
    sent = sent && simple("COMMIT") && PQpipelineSync(conn_) != 0;
    if (!sent) return connection_error("send");
    auto answer = collect_pipeline(p.sent_sql, keep);
    if (!answer.ok()) {
      // The server skipped what followed the error: the transaction is open and aborted.
      if (!broken()) (void)exec_script("ROLLBACK");
      return std::move(answer).error();
    }
    for (auto& [k, v] : p.prepared) statements_.emplace(std::move(k), std::move(v));
    return materialise(answer->get());
  }

 private:
  explicit PgConnection(const PgOptions& o) : options_(o) {}

  Result<PgResult> run_prepared(std::string_view sql, Params params) {
    if (!pending_begin_.empty() || !deferred_.empty()) return run_pipelined(sql, &params);
    TS_ASSIGN_OR_RETURN(const std::string* name, statement_name(sql));
    PgBound b(params);
    if (PQsendQueryPrepared(conn_, name->c_str(), static_cast<int>(params.size()), b.values.data(),
                            b.lengths.data(), b.formats.data(), 0) == 0) {
      return connection_error("send");
    }
    return collect(sql);
  }

  // What waits to be sent — the deferred BEGIN, statements deferred by exec_later — and then
  // `sql`, in one round trip: libpq's pipeline mode sends each, with a statement's preparation
  // when this connection has not prepared it yet, then one sync; the answers come back
  // together. `sql` is prepared and bound to `params`, or sent as it is when `params` is null
  // (COMMIT). Returns `sql`'s result, or the first error (the server skipped what followed it).
  Result<PgResult> run_pipelined(std::string_view sql, const Params* params) {
    std::string begin = std::move(pending_begin_);
    pending_begin_.clear();
    auto deferred = std::move(deferred_);
    deferred_.clear();
    if (PQenterPipelineMode(conn_) == 0) return connection_error("pipeline");
    Pipeline p;
    auto send = [&](std::string_view text, const PgBound& b, int n) {
      return send_prepared(p, text, b, n);
    };
    auto& sent_sql = p.sent_sql;
    bool sent = true;
    if (!begin.empty()) {
      sent = PQsendQueryParams(conn_, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 0;
      sent_sql.emplace_back("BEGIN");
    }
    for (const auto& d : deferred) {
      sent = sent && send(d->sql, d->bound, static_cast<int>(d->bound.values.size()));
    }
    std::string text(sql);
    if (params != nullptr) {
      PgBound b(*params);
      sent = sent && send(sql, b, static_cast<int>(params->size()));
    } else {
      sent = sent &&
             PQsendQueryParams(conn_, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 0;
      sent_sql.push_back(sql);
    }
    sent = sent && PQpipelineSync(conn_) != 0;
    if (!sent) return connection_error("send");
    TS_ASSIGN_OR_RETURN(PgResult last, collect_pipeline(sent_sql));
    for (auto& [k, v] : p.prepared) statements_.emplace(std::move(k), std::move(v));
    return last;
  }

  // What a pipeline sent: each query's text (for its error), and the statements it prepared,
  // recorded once the pipeline succeeded. Names are never reused: one prepared by a pipeline
  // that then failed exists on the server under its name.
  struct Pipeline {
    std::vector<std::string_view> sent_sql;
    std::vector<std::pair<std::string, std::string>> prepared;
  };

  // Sends `text` bound to `b` in pipeline mode, with its preparation first when this connection
  // has not prepared it yet.
  bool send_prepared(Pipeline& p, std::string_view text, const PgBound& b, int n) {
    std::string key(text);
    std::string name;
    if (auto it = statements_.find(key); it != statements_.end()) name = it->second;
    for (const auto& [k, v] : p.prepared)
      if (name.empty() && k == key) name = v;
    if (name.empty()) {
      name = fmt::format("s{}", ++statements_made_);
      if (PQsendPrepare(conn_, name.c_str(), key.c_str(), 0, nullptr) == 0) return false;
      p.sent_sql.push_back(text);
      p.prepared.emplace_back(std::move(key), name);
    }
    p.sent_sql.push_back(text);
    return PQsendQueryPrepared(conn_, name.c_str(), n, b.values.data(), b.lengths.data(),
                               b.formats.data(), 0) != 0;
  }

  // Reads the answers of `queries` pipelined queries up to their sync and leaves pipeline mode;
  // returns the result of query `keep` (the last one by default), or the first error. On an
  // error the server skipped what followed it (PGRES_PIPELINE_ABORTED) and the transaction is
  // aborted, as without a pipeline.
  Result<PgResult> collect_pipeline(const std::vector<std::string_view>& sent_sql, int keep = -1) {
    const int queries = static_cast<int>(sent_sql.size());
    if (keep < 0) keep = queries - 1;
    auto deadline = answer_deadline();
    int fd = PQsocket(conn_);
    TS_TRY(flush(fd, deadline));
    PgResult last;
    std::optional<Error> first_error;
    int ended = 0;  // queries whose results are all read (each ends with a null result)
    while (true) {
      if (PQconsumeInput(conn_) == 0) return connection_error("read");
      while (PQisBusy(conn_) == 0) {
        PGresult* r = PQgetResult(conn_);
        if (r == nullptr) {
          ++ended;
          continue;
        }
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_PIPELINE_SYNC) {
          PQclear(r);
          if (ended != queries || PQexitPipelineMode(conn_) == 0) {
            broken_ = true;
            return Error::unavailable("postgres: pipeline out of step");
          }
          if (first_error) return *first_error;
          return last;
        }
        if (st == PGRES_FATAL_ERROR && !first_error)
          first_error =
              map_error(r, sent_sql[static_cast<std::size_t>(std::min(ended, queries - 1))]);
        if (ended == keep) {
          last.reset(r);
        } else {
          PQclear(r);
        }
      }
      TS_TRY(wait(fd, POLLIN, deadline));
    }
  }

  Result<const std::string*> statement_name(std::string_view sql) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return &it->second;
    std::string name = fmt::format("s{}", ++statements_made_);
    std::string text(sql);
    if (PQsendPrepare(conn_, name.c_str(), text.c_str(), 0, nullptr) == 0) {
      return connection_error("prepare");
    }
    TS_ASSIGN_OR_RETURN(PgResult res, collect(sql));
    (void)res;
    auto [pos, inserted] = statements_.emplace(std::move(text), std::move(name));
    return &pos->second;
  }

  // Waits for the outcome of the command just sent, with a deadline; returns the last result.
  Result<PgResult> collect(std::string_view sql) {
    auto deadline = answer_deadline();
    int fd = PQsocket(conn_);
    TS_TRY(flush(fd, deadline));
    PgResult last;
    std::optional<Error> first_error;
    while (true) {
      if (PQconsumeInput(conn_) == 0) return connection_error("read");
      while (PQisBusy(conn_) == 0) {
        PGresult* r = PQgetResult(conn_);
        if (r == nullptr) {
          if (first_error) return *first_error;
          return last;
        }
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_FATAL_ERROR && !first_error) {
          first_error = map_error(r, sql);
        }
        last.reset(r);
      }
      TS_TRY(wait(fd, POLLIN, deadline));
    }
  }

  // When the answer to what is being sent must have come: the statement timeout and a margin,
  // or the request's deadline if sooner.
  std::chrono::steady_clock::time_point answer_deadline() const {
    int answer_ms = options_.answer_deadline_ms > 0 ? options_.answer_deadline_ms
                                                    : options_.statement_timeout_ms + 5000;
    return within_deadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(answer_ms));
  }

  // Sends what libpq has buffered (a non-blocking connection may not take it all at once).
  Status flush(int fd, std::chrono::steady_clock::time_point deadline) {
    while (true) {
      int f = PQflush(conn_);
      if (f == 0) return ok_status();
      if (f < 0) return connection_error("flush");
      TS_TRY(wait(fd, POLLOUT | POLLIN, deadline));
      if (PQconsumeInput(conn_) == 0) return connection_error("read");
    }
  }

  Status wait(int fd, short events, std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      broken_ = true;
      return Error::unavailable("postgres: no answer before the deadline");
    }
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, static_cast<int>(left));
    if (rc < 0 && errno != EINTR) {
      broken_ = true;
      return Error::unavailable(
          fmt::format("postgres poll: {}", std::generic_category().message(errno)));
    }
    return ok_status();
  }

  Error connection_error(std::string_view what) {
    broken_ = true;
    return Error::unavailable(fmt::format("postgres {}: {}", what, PQerrorMessage(conn_)));
  }

  static Error map_error(PGresult* r, std::string_view sql) {
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string code = state ? state : "";
    std::string msg = PQresultErrorMessage(r);
    if (code == "23505") {
      const char* constraint = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
      return Error::conflict(std::string(kUniqueViolation), "Dữ liệu đã tồn tại (bị trùng).",
                             boost::json::object{{"constraint", constraint ? constraint : ""}})
          .with_internal_detail(msg);
    }
    if (code == "23503") {
      return Error::conflict(std::string(kForeignKeyViolation),
                             "Dữ liệu tham chiếu không tồn tại hoặc đang được sử dụng.")
          .with_internal_detail(msg);
    }
    if (code == "40001" || code == "40P01") {
      return Error::conflict(std::string(kSerializationFailure),
                             "Dữ liệu vừa được người khác cập nhật, vui lòng thử lại.")
          .with_internal_detail(msg);
    }
    if (code == "57014") return Error::unavailable("postgres: statement timeout: " + msg);
    if (code == "53100")
      return Error::insufficient_storage(fmt::format("postgres {}: {}", code, msg));
    if (code.starts_with("08") || code.starts_with("53") || code.starts_with("57")) {
      return Error::unavailable(fmt::format("postgres {}: {}", code, msg));
    }
    return Error::internal(fmt::format("postgres {}: {} in: {}", code, msg, sql.substr(0, 300)));
  }

  static Result<Rows> materialise(PGresult* r) {
    int cols = PQnfields(r), nrows = PQntuples(r);
    std::vector<std::string> names;
    std::vector<bool> bytea(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) {
      names.emplace_back(PQfname(r, c));
      bytea[static_cast<std::size_t>(c)] = PQftype(r, c) == kByteaOid;
    }
    Rows rows(std::move(names));
    rows.reserve(static_cast<std::size_t>(nrows));
    for (int i = 0; i < nrows; ++i) {
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(r, i, c)) {
          rows.push(std::monostate{});
          continue;
        }
        const char* v = PQgetvalue(r, i, c);
        if (bytea[static_cast<std::size_t>(c)]) {
          std::size_t n = 0;
          unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
          if (raw == nullptr) return Error::internal("postgres: bad bytea value");
          rows.push(std::string(reinterpret_cast<char*>(raw), n));
          PQfreemem(raw);
        } else {
          rows.push(std::string(v, static_cast<std::size_t>(PQgetlength(r, i, c))));
        }
      }
    }
    return rows;
  }

  PgOptions options_;
  PGconn* conn_ = nullptr;
  bool broken_ = false;
  std::string pending_begin_;                          // a BEGIN not sent yet (begin_deferred)
  std::vector<std::unique_ptr<PgDeferred>> deferred_;  // exec_later, in order
  std::unordered_map<std::string, std::string> statements_;
  int64_t statements_made_ = 0;  // names handed out (s1, s2, …)
};

Result<std::unique_ptr<PgDatabase>> PgDatabase::open(const PgOptions& options) {
  auto db = std::unique_ptr<PgDatabase>(new PgDatabase(options));
  // One connection up front: a wrong URL or a server that is down fails at start-up.
  TS_ASSIGN_OR_RETURN(auto first, PgConnection::connect(options));
  db->free_.push_back(first.get());
  db->all_.push_back(std::move(first));
  return db;
}

PgDatabase::PgDatabase(PgOptions options) : options_(std::move(options)) {}

PgDatabase::~PgDatabase() {
  close();
}

void PgDatabase::close() {
  std::unique_lock lock(mu_);
  closed_ = true;
  // Wait for connections in use to come back so their transactions end cleanly.
  cv_.wait_for(lock, std::chrono::seconds(30), [&] { return free_.size() == all_.size(); });
  free_.clear();
  all_.clear();
  cv_.notify_all();
}

namespace {
// Connections this thread holds (of any pool).
thread_local int tl_held = 0;
}  // namespace

Result<PgConnection*> PgDatabase::acquire() {
  if (tl_held > 0 && nested_.fetch_add(1, std::memory_order_relaxed) == 0) {
    // A transaction begun inside another needs a second connection while holding one: when
    // every connection is held by such a thread, they all wait until acquire_timeout_ms. Pass
    // the open transaction's Tx down instead.
    spdlog::warn("postgres: nested transaction (a thread holding a connection asked for another)");
  }
  auto conn = acquire_unnested();
  if (conn.ok()) ++tl_held;
  return conn;
}

Result<PgConnection*> PgDatabase::acquire_unnested() {
  std::unique_lock lock(mu_);
  ++waiting_;
  auto deadline = within_deadline(std::chrono::steady_clock::now() +
                                  std::chrono::milliseconds(options_.acquire_timeout_ms));
  while (true) {
    if (closed_) {
      --waiting_;
      return Error::unavailable("database closed");
    }
    if (!free_.empty()) {
      PgConnection* c = free_.back();
      free_.pop_back();
      --waiting_;
      return c;
    }
    if (static_cast<int>(all_.size()) < options_.pool_size) {
      // Grow the pool; connect without holding the lock.
      all_.push_back(nullptr);
      lock.unlock();
      auto conn = PgConnection::connect(options_);
      lock.lock();
      auto slot = std::find(all_.begin(), all_.end(), nullptr);
      if (!conn.ok()) {
        all_.erase(slot);
        --waiting_;
        return std::move(conn).error();
      }
      *slot = std::move(conn).value();
      --waiting_;
      return slot->get();
    }
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && free_.empty()) {
      --waiting_;
      return Error::unavailable("postgres: no free connection in the pool");
    }
  }
}

void PgDatabase::release(PgConnection* conn) {
  --tl_held;
  std::lock_guard lock(mu_);
  if (conn->broken()) {
    spdlog::warn("postgres: dropping a broken connection");
    std::erase_if(all_, [&](const auto& c) { return c.get() == conn; });
  } else {
    free_.push_back(conn);
  }
  cv_.notify_one();
}

Status PgDatabase::run(TxFn fn, bool write) {
  constexpr auto kEndGrace = std::chrono::seconds(5);
  constexpr int kAttempts = 4;
  for (int attempt = 1;; ++attempt) {
    TS_ASSIGN_OR_RETURN(PgConnection * conn, acquire());
    // BEGIN goes out with the first statement: one round trip less per transaction.
    conn->begin_deferred(write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    Status result = ok_status();
    try {
      result = fn(*conn);
    } catch (const std::exception& e) {
      result = Error::internal(fmt::format("exception in transaction: {}", e.what()));
    }
    if (!conn->began()) {
      conn->forget_begin();  // no statement: nothing was opened on the server
    } else {
      // The work is done: its end gets a few seconds past the request's deadline (deadline.h).
      DeadlineGrace grace(std::chrono::steady_clock::now() + kEndGrace);
      if (result.ok()) {
        result = conn->commit();
      } else {
        conn->rollback();
      }
    }
    release(conn);
    (write ? writes_ : reads_).fetch_add(1, std::memory_order_relaxed);
    bool retry = !result.ok() && result.error().code() == kSerializationFailure;
    if (!retry || attempt == kAttempts) return result;
  }
}

Status PgDatabase::probe(std::chrono::milliseconds timeout) {
  PgOptions o = options_;
  o.connect_timeout_s = static_cast<int>((timeout.count() + 999) / 1000);
  o.answer_deadline_ms = static_cast<int>(timeout.count());
  TS_ASSIGN_OR_RETURN(auto conn, PgConnection::connect(o));
  return conn->exec_script("SELECT 1");
}

Status PgDatabase::run_read(TxFn fn) {
  return run(fn, false);
}

Result<Rows> PgDatabase::run_single(std::string_view sql, Params params) {
  TS_ASSIGN_OR_RETURN(PgConnection * conn, acquire());
  auto rows = conn->query(sql, params);
  release(conn);
  reads_.fetch_add(1, std::memory_order_relaxed);
  return rows;
}
Result<Rows> PgDatabase::run_single_write_unflushed(std::string_view sql, Params params) {
  TS_ASSIGN_OR_RETURN(PgConnection * conn, acquire());
  Result<Rows> rows = conn->query_unflushed(sql, params);
  release(conn);
  writes_.fetch_add(1, std::memory_order_relaxed);
  return rows;
}

Status PgDatabase::run_write(TxFn fn) {
  return run(fn, true);
}

DatabaseStats PgDatabase::stats() const {
  std::lock_guard lock(mu_);
  DatabaseStats s;
  s.connections_total = static_cast<int64_t>(all_.size());
  s.connections_in_use = static_cast<int64_t>(all_.size() - free_.size());
  s.waiting_for_connection = waiting_;
  s.write_transactions = writes_.load();
  s.write_commits = writes_.load();
  s.read_transactions = reads_.load();
  s.nested_transactions = nested_.load();
  return s;
}

}  // namespace tinhso::storage
