#include "core/storage/sqlite_database.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <future>
#include <system_error>
#include <unordered_map>

#include "core/base/crypto.h"

namespace tinhso::storage {

// One SQLite connection with its cache of prepared statements.
class SqliteConnection final : public Tx {
 public:
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    if (db_ != nullptr) sqlite3_close_v2(db_);
  }

  static Result<std::unique_ptr<SqliteConnection>> open(const SqliteOptions& o, bool read_only) {
    auto c = std::unique_ptr<SqliteConnection>(new SqliteConnection());
    int flags = SQLITE_OPEN_NOMUTEX |
                (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (o.path == ":memory:") {
      // Shared cache so that readers see the writer's in-memory database (tests).
      flags |= SQLITE_OPEN_URI | SQLITE_OPEN_SHAREDCACHE;
      flags &= ~SQLITE_OPEN_READONLY;
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
    std::string path = o.path == ":memory:" ? "file:tinhso_memdb?mode=memory&cache=shared" : o.path;
    int rc = sqlite3_open_v2(path.c_str(), &c->db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      return Error::unavailable(fmt::format("sqlite open {}: {}", o.path,
                                            c->db_ ? sqlite3_errmsg(c->db_) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(c->db_, o.busy_timeout_ms);
    sqlite3_extended_result_codes(c->db_, 1);
    // cache_size in KiB when negative; at least 1 MiB per connection. Reads through the memory
    // map cost no system call and no copy; 0x7fff0000 is the largest map Debian's SQLite allows.
    int cache_kib = std::max(1024, read_only ? o.cache_mb * 1024 * 3 / 4 / std::max(1, o.readers)
                                             : o.cache_mb * 1024 / 4);
    std::string pragmas = read_only ? fmt::format(
                                          "PRAGMA query_only=1; PRAGMA temp_store=MEMORY; "
                                          "PRAGMA mmap_size=2147418112; PRAGMA cache_size=-{};",
                                          cache_kib)
                                    : fmt::format(
                                          "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                                          "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
                                          "PRAGMA mmap_size=2147418112; PRAGMA cache_size=-{};",
                                          cache_kib);
    TS_TRY(c->exec_script(pragmas));
    return c;
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> query(std::string_view sql, Params params) override {
    TS_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, prepare(sql, params));
    int cols = sqlite3_column_count(stmt);
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(cols));
    for (int i = 0; i < cols; ++i) names.emplace_back(sqlite3_column_name(stmt, i));
    Rows rows(std::move(names));
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return fail(stmt, rc, sql);
      for (int i = 0; i < cols; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            rows.push(std::monostate{});
            break;
          case SQLITE_INTEGER:
            rows.push(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
            break;
          case SQLITE_FLOAT:
            rows.push(sqlite3_column_double(stmt, i));
            break;
          default: {
            const void* p = sqlite3_column_blob(stmt, i);
            int n = sqlite3_column_bytes(stmt, i);
            rows.push(std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)));
          }
        }
      }
    }
    sqlite3_reset(stmt);
    return rows;
  }

  Result<int64_t> exec(std::string_view sql, Params params) override {
    TS_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, prepare(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return fail(stmt, rc, sql);
    sqlite3_reset(stmt);
    return static_cast<int64_t>(sqlite3_changes(db_));
  }

  Status exec_script(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return map_error(rc, msg, sql);
    }
    return ok_status();
  }

  // A parameterless statement through the statement cache (no re-parsing per call).
  Status exec_simple(const char* sql) {
    auto r = exec(sql, Params());
    if (!r.ok()) return std::move(r).error();
    return ok_status();
  }
  sqlite3* handle() { return db_; }

 private:
  SqliteConnection() = default;

  Result<sqlite3_stmt*> prepare(std::string_view sql, Params params) {
    auto it = statements_.find(sql);
    sqlite3_stmt* stmt;
    if (it != statements_.end()) {
      stmt = it->second;
    } else {
      std::string rewritten = rewrite_placeholders_for_sqlite(sql);
      int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) {
        return Error::internal(fmt::format("sqlite prepare: {} in: {}", sqlite3_errmsg(db_), sql));
      }
      statements_.emplace(std::string(sql), stmt);
    }
    sqlite3_clear_bindings(stmt);
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      return Error::internal(fmt::format("sqlite: statement wants {} parameters, got {}: {}",
                                         expected, params.size(), sql));
    }
    for (int i = 0; i < static_cast<int>(params.size()); ++i) {
      const Param& p = params[static_cast<std::size_t>(i)];
      int rc = SQLITE_OK;
      switch (p.kind()) {
        case Param::Kind::kNull:
          rc = sqlite3_bind_null(stmt, i + 1);
          break;
        case Param::Kind::kInt:
          rc = sqlite3_bind_int64(stmt, i + 1, p.as_int());
          break;
        case Param::Kind::kDouble:
          rc = sqlite3_bind_double(stmt, i + 1, p.as_double());
          break;
        case Param::Kind::kText:
          rc = sqlite3_bind_text64(stmt, i + 1, p.as_text().data(), p.as_text().size(),
                                   SQLITE_TRANSIENT, SQLITE_UTF8);
          break;
        case Param::Kind::kBlob:
          rc = sqlite3_bind_blob64(stmt, i + 1, p.as_text().data(), p.as_text().size(),
                                   SQLITE_TRANSIENT);
          break;
      }
      if (rc != SQLITE_OK)
        return Error::internal(fmt::format("sqlite bind: {}", sqlite3_errmsg(db_)));
    }
    return stmt;
  }

  Error fail(sqlite3_stmt* stmt, int rc, std::string_view sql) {
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(stmt);
    return map_error(rc, msg, sql);
  }

  static Error map_error(int rc, const std::string& msg, std::string_view sql) {
    switch (rc) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        return Error::conflict(std::string(kUniqueViolation), "Dữ liệu đã tồn tại (bị trùng).",
                               boost::json::object{{"constraint", msg}})
            .with_internal_detail(msg);
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        return Error::conflict(std::string(kForeignKeyViolation),
                               "Dữ liệu tham chiếu không tồn tại hoặc đang được sử dụng.")
            .with_internal_detail(msg);
      default:
        break;
    }
    switch (rc & 0xff) {  // the primary code of an extended one (SQLITE_IOERR_WRITE, …)
      case SQLITE_FULL:
        return Error::insufficient_storage(fmt::format("sqlite {}: {}", rc, msg));
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_IOERR:
        return Error::unavailable(fmt::format("sqlite {}: {}", rc, msg));
      default:
        return Error::internal(fmt::format("sqlite {}: {} in: {}", rc, msg, sql.substr(0, 300)));
    }
  }

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> statements_;
};

struct SqliteDatabase::WriteJob {
  TxFn fn;
  std::promise<Status> done;
};

SqliteDatabase::SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const SqliteOptions& options) {
  if (sqlite3_threadsafe() == 0) return Error::internal("sqlite built without thread safety");
  auto db = std::unique_ptr<SqliteDatabase>(new SqliteDatabase(options));
  // The writer first: it creates the file and switches it to WAL before readers open it.
  TS_ASSIGN_OR_RETURN(db->writer_, SqliteConnection::open(options, false));
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    TS_ASSIGN_OR_RETURN(auto reader, SqliteConnection::open(options, true));
    db->free_readers_.push_back(reader.get());
    db->readers_.push_back(std::move(reader));
  }
  db->writer_thread_ = std::thread([raw = db.get()] { raw->writer_loop(); });
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  close();
}

void SqliteDatabase::close() {
  {
    std::lock_guard lock(queue_mu_);
    if (closing_ && !writer_thread_.joinable()) return;
    closing_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  std::lock_guard lock(readers_mu_);
  free_readers_.clear();
  readers_.clear();
  if (writer_) {
    // Fold the WAL back into the main file so a clean shutdown leaves one file.
    (void)writer_->exec_simple("PRAGMA wal_checkpoint(TRUNCATE);");
    writer_.reset();
  }
}

Result<SqliteConnection*> SqliteDatabase::acquire_reader() {
  std::unique_lock lock(readers_mu_);
  ++waiting_readers_;
  readers_cv_.wait(lock, [&] { return !free_readers_.empty() || readers_.empty(); });
  --waiting_readers_;
  if (readers_.empty()) return Error::unavailable("database closed");
  SqliteConnection* conn = free_readers_.back();
  free_readers_.pop_back();
  return conn;
}

void SqliteDatabase::release_reader(SqliteConnection* conn) {
  read_transactions_.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard lock(readers_mu_);
    free_readers_.push_back(conn);
  }
  readers_cv_.notify_one();
}

Status SqliteDatabase::run_read(TxFn fn) {
  TS_ASSIGN_OR_RETURN(SqliteConnection * conn, acquire_reader());
  Status result;
  Status begun = conn->exec_simple("BEGIN");
  if (!begun.ok()) {
    result = std::move(begun);
  } else {
    try {
      result = fn(*conn);
    } catch (const std::exception& e) {
      result = Error::internal(fmt::format("exception in read transaction: {}", e.what()));
    }
    (void)conn->exec_simple(result.ok() ? "COMMIT" : "ROLLBACK");
  }
  release_reader(conn);
  return result;
}

Result<Rows> SqliteDatabase::run_single(std::string_view sql, Params params) {
  TS_ASSIGN_OR_RETURN(SqliteConnection * conn, acquire_reader());
  auto rows = conn->query(sql, params);
  release_reader(conn);
  return rows;
}

Status SqliteDatabase::run_write(TxFn fn) {
  WriteJob job{fn, {}};
  auto done = job.done.get_future();
  {
    std::lock_guard lock(queue_mu_);
    if (closing_) return Error::unavailable("database closed");
    queue_.push_back(&job);
  }
  queue_cv_.notify_one();
  return done.get();
}

void SqliteDatabase::writer_loop() {
  std::vector<WriteJob*> batch;
  while (true) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing and drained
      std::size_t n = std::min<std::size_t>(
          queue_.size(), static_cast<std::size_t>(options_.group_commit_max_batch));
      batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    commit_batch(batch);
    batch.clear();
  }
}

void SqliteDatabase::commit_batch(std::vector<WriteJob*>& batch) {
  std::vector<Status> results(batch.size());
  Status begun = writer_->exec_simple("BEGIN IMMEDIATE");
  if (!begun.ok()) {
    for (auto* job : batch) job->done.set_value(begun);
    return;
  }
  // Each job runs inside its own savepoint: a failing job is undone alone, the others
  // still commit together.
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Status s = writer_->exec_simple("SAVEPOINT job");
    if (s.ok()) {
      try {
        s = batch[i]->fn(*writer_);
      } catch (const std::exception& e) {
        s = Error::internal(fmt::format("exception in write transaction: {}", e.what()));
      }
      if (!s.ok()) (void)writer_->exec_simple("ROLLBACK TO job");
      Status released = writer_->exec_simple("RELEASE job");
      if (s.ok() && !released.ok()) s = std::move(released);
    }
    results[i] = std::move(s);
  }
  Status committed = writer_->exec_simple("COMMIT");
  if (!committed.ok()) {
    spdlog::error("sqlite commit failed: {}", committed.error().describe());
    (void)writer_->exec_simple("ROLLBACK");
  } else {
    write_commits_.fetch_add(1, std::memory_order_relaxed);
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!committed.ok() && results[i].ok()) results[i] = committed;
    if (results[i].ok()) write_transactions_.fetch_add(1, std::memory_order_relaxed);
    batch[i]->done.set_value(std::move(results[i]));
  }
}

DatabaseStats SqliteDatabase::stats() const {
  DatabaseStats s;
  {
    std::lock_guard lock(readers_mu_);
    s.connections_total = static_cast<int64_t>(readers_.size()) + 1;
    s.connections_in_use = static_cast<int64_t>(readers_.size() - free_readers_.size());
    s.waiting_for_connection = waiting_readers_;
  }
  {
    std::lock_guard lock(queue_mu_);
    s.write_queue_depth = static_cast<int64_t>(queue_.size());
  }
  s.write_transactions = write_transactions_.load();
  s.write_commits = write_commits_.load();
  s.read_transactions = read_transactions_.load();
  return s;
}

uint64_t backup_space_needed(uint64_t database_bytes) {
  return database_bytes + std::max<uint64_t>(uint64_t{64} << 20, database_bytes / 10);
}

namespace {

// Flushes a file's (or a directory's) contents to the disk.
Status sync_path(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0)
    return Error::internal(
        fmt::format("backup: open {}: {}", path, std::generic_category().message(errno)));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0)
    return Error::internal(
        fmt::format("backup: fsync {}: {}", path, std::generic_category().message(err)));
  return ok_status();
}

// Copies the database of `source` (inside a read transaction) to a new file at `path`.
// Marks a copy as a backup (backup_stamp()): a table only copies have, so the live database,
// whose pages the copy came from, never carries it.
constexpr const char* kStampTable = "backup_stamp";

int stamp_copy(sqlite3* dest, int64_t taken_at_ms) {
  // The copy took the live database's WAL mode with its pages; in WAL mode the stamp would sit
  // in a -wal file beside the copy until a checkpoint at close, which nothing checks. A
  // rollback journal puts it in the copy itself when the statement commits (a restored copy is
  // put back in WAL mode when a server opens it).
  sqlite3_stmt* mode = nullptr;
  int rc = sqlite3_prepare_v2(dest, "PRAGMA journal_mode=DELETE", -1, &mode, nullptr);
  bool deleted =
      rc == SQLITE_OK && sqlite3_step(mode) == SQLITE_ROW &&
      std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(mode, 0))) == "delete";
  // The real cause (a full disk is reported as one, not as an internal error).
  int failed = sqlite3_errcode(dest);
  sqlite3_finalize(mode);
  if (rc != SQLITE_OK) return rc;
  if (!deleted) return failed != SQLITE_OK && failed != SQLITE_ROW ? failed : SQLITE_ERROR;
  // IF NOT EXISTS: a copy of a restored database not yet finished keeps its older stamp too
  // (backup_stamp() reads the oldest).
  rc = sqlite3_exec(dest, "CREATE TABLE IF NOT EXISTS backup_stamp (taken_at_ms INTEGER NOT NULL)",
                    nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return rc;
  sqlite3_stmt* insert = nullptr;
  rc = sqlite3_prepare_v2(dest, "INSERT INTO backup_stamp (taken_at_ms) VALUES (?1)", -1, &insert,
                          nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(insert, 1, taken_at_ms);
  if (rc == SQLITE_OK) rc = sqlite3_step(insert) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(dest);
  int finalized = sqlite3_finalize(insert);
  return rc != SQLITE_OK ? rc : finalized;
}

Status copy_database(sqlite3* source, const std::string& path, int64_t taken_at_ms) {
  sqlite3* dest = nullptr;
  if (sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string msg = dest ? sqlite3_errmsg(dest) : "open failed";
    sqlite3_close(dest);
    return Error::internal(fmt::format("backup: cannot open {}: {}", path, msg));
  }
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", source, "main");
  if (b == nullptr) {
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    return Error::internal(fmt::format("backup: {}", msg));
  }
  int rc = sqlite3_backup_step(b, -1);
  int finished = sqlite3_backup_finish(b);
  if (rc == SQLITE_DONE && finished == SQLITE_OK) {
    int stamped = stamp_copy(dest, taken_at_ms);
    if (stamped != SQLITE_OK) finished = stamped;
  }
  std::string msg = sqlite3_errmsg(dest);
  int os_error = sqlite3_system_errno(dest);
  int closed = sqlite3_close(dest);
  if (rc != SQLITE_DONE || finished != SQLITE_OK || closed != SQLITE_OK) {
    int code = rc != SQLITE_DONE ? rc : finished != SQLITE_OK ? finished : closed;
    // A write that found no room (a full disk or quota, a file-size limit) — not any I/O error:
    // a failing disk must not be reported as a full one.
    bool no_room = (code & 0xff) == SQLITE_FULL ||
                   ((code & 0xff) == SQLITE_IOERR &&
                    (os_error == ENOSPC || os_error == EDQUOT || os_error == EFBIG));
    std::string detail =
        fmt::format("backup: {} ({}, {})", msg, code, std::generic_category().message(os_error));
    if (no_room) return Error::insufficient_storage(detail);
    return Error::internal(detail);
  }
  return ok_status();
}

// Removes the partial files (and their journals) of backups whose process is gone — killed
// mid-copy — so that they do not keep taking the space the live database needs.
void remove_abandoned_partials(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    auto at = name.find(".partial-");
    if (name.empty() || name[0] != '.' || at == std::string::npos) continue;
    long pid = std::strtol(name.c_str() + at + 9, nullptr, 10);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    std::error_code ignored;
    std::filesystem::remove(e.path(), ignored);
  }
}

// The refusal to write a backup over an existing file.
Error target_exists(std::string_view path) {
  return Error::invalid(fmt::format("{} đã tồn tại; bản sao lưu không ghi đè tệp nào.", path));
}

// Puts `from` at `to` unless `to` exists. link() is atomic and never replaces a file, but some
// file systems (FAT USB disks, some network shares) have no hard links.
Status place_without_replacing(const std::string& from, const std::string& to) {
  if (::link(from.c_str(), to.c_str()) == 0) return ok_status();
  int err = errno;
  if (err == EEXIST) return target_exists(to);
  if (err == EPERM || err == ENOTSUP || err == EXDEV || err == ENOSYS || err == EMLINK) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
      return ok_status();
    err = errno;
    if (err == EINVAL || err == ENOSYS) {  // no RENAME_NOREPLACE there either
      std::error_code ec;
      if (std::filesystem::exists(to, ec)) return target_exists(to);
      if (::rename(from.c_str(), to.c_str()) == 0) return ok_status();
      err = errno;
    }
  }
  return Error::internal(
      fmt::format("backup: cannot create {}: {}", to, std::generic_category().message(err)));
}

}  // namespace

Status SqliteDatabase::backup_to(const std::string& target_path, Instant taken_at) {
  namespace fs = std::filesystem;
  fs::path target(target_path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Unique per run: two backups to one target never share, or remove, each other's file.
  std::string partial = (dir / fmt::format(".{}.partial-{}-{}", target.filename().string(),
                                           ::getpid(), crypto::hex_encode(crypto::random_bytes(4))))
                            .string();
  std::error_code ec;
  if (fs::exists(target, ec)) return target_exists(target_path);
  auto remove_partial = [&] {
    std::error_code ignored;
    fs::remove(partial, ignored);
    for (const char* suffix : {"-journal", "-wal", "-shm"}) fs::remove(partial + suffix, ignored);
  };
  remove_abandoned_partials(dir);
  // Runs on a reader connection: a consistent snapshot without blocking writers for long.
  Status copied = run_read([&](Tx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto size, tx.query("SELECT page_count * page_size FROM "
                                            "pragma_page_count(), pragma_page_size()"));
    auto bytes = static_cast<uint64_t>(size.front().i64(0));
    auto space = fs::space(dir, ec);
    if (ec)
      return Error::invalid(
          fmt::format("Không đọc được dung lượng trống của {}: {}.", dir.string(), ec.message()));
    uint64_t needed = backup_space_needed(bytes);
    if (space.available < needed) {
      constexpr uint64_t kMiB = 1 << 20;
      return Error(507, "backup.no_space",
                   fmt::format("Không đủ chỗ trống để sao lưu: cần {} MB (cơ sở dữ liệu {} MB "
                               "và phần dự phòng), {} chỉ còn {} MB. Không có tệp nào được ghi.",
                               (needed + kMiB - 1) / kMiB, (bytes + kMiB - 1) / kMiB, dir.string(),
                               space.available / kMiB));
    }
    return copy_database(static_cast<SqliteConnection*>(&tx)->handle(), partial,
                         to_millis(taken_at));
  });
  if (copied.ok()) copied = sync_path(partial, false);
  if (copied.ok()) copied = place_without_replacing(partial, target_path);
  remove_partial();
  if (!copied.ok()) return copied;
  // The copy is in place; this makes its name durable too.
  return sync_path(dir.string(), true);
}

Result<std::optional<Instant>> backup_stamp(Tx& tx) {
  if (tx.dialect() != Dialect::kSqlite) return std::optional<Instant>();
  TS_ASSIGN_OR_RETURN(auto table, tx.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                           "name = $1",
                                           {std::string_view(kStampTable)}));
  if (table.empty()) return std::optional<Instant>();
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT MIN(taken_at_ms) FROM backup_stamp"));
  if (rows.empty() || rows.front().is_null(0)) return std::optional<Instant>();
  return std::optional<Instant>(from_millis(rows.front().i64(0)));
}

Status clear_backup_stamp(Tx& tx) {
  if (tx.dialect() != Dialect::kSqlite) return ok_status();
  TS_TRY(tx.exec("DROP TABLE IF EXISTS backup_stamp"));
  return ok_status();
}

}  // namespace tinhso::storage
