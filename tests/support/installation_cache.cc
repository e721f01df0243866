#include "support/installation_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include "core/base/crypto.h"
#include "core/base/time.h"

namespace tinhso::testing {
namespace {

struct Kept {
  TempDir dir;
  std::unique_ptr<PgScratchDatabase> pg;
  Installation at;
  uint64_t last_used = 0;
};

// The few most recently used, until the process exits (their directories and databases are
// removed then): servers whose settings name a port or a directory of their own never share
// their installation, and must not pile up.
constexpr std::size_t kKeptAtMost = 4;

std::map<std::string, std::unique_ptr<Kept>>& kept() {
  static std::map<std::string, std::unique_ptr<Kept>> made;
  return made;
}

void make_room() {
  auto& made = kept();
  while (made.size() >= kKeptAtMost) {
    auto oldest = made.begin();
    for (auto it = made.begin(); it != made.end(); ++it)
      if (it->second->last_used < oldest->second->last_used) oldest = it;
    made.erase(oldest);
  }
}

std::string sqlite_url(const std::string& dir, const std::string& file) {
  return "sqlite:" + dir + "/" + file;
}

// The directory shared by every test process of one run (scripts/with-postgres makes it and
// removes it with the cluster); empty when the tests run on their own.
std::string shared_root() {
  const char* v = std::getenv("TINHSO_TEST_INSTALLATIONS");  // NOLINT(concurrency-mt-unsafe)
  return v == nullptr ? std::string() : std::string(v);
}

// An exclusive lock on a file, held until destroyed: the processes of a run take turns to build
// an installation, and those that waited find it built.
class FileLock {
 public:
  explicit FileLock(const std::string& path)
      : fd_(::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644)) {
    int rc = -1;
    if (fd_ >= 0) {
      do {
        rc = flock(fd_, LOCK_EX);
      } while (rc != 0 && errno == EINTR);
    }
    if (rc != 0) {
      if (fd_ >= 0) ::close(fd_);
      throw std::runtime_error("cannot lock " + path);
    }
  }
  ~FileLock() { ::close(fd_); }  // releases the lock
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

void copy_files(const std::string& from, const std::string& to) {
  std::filesystem::copy(
      from, to,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
}

// The run-wide cache: `<root>/<id>/data` holds the built data directory (and on PostgreSQL the
// kept database tinhso_installation_<id> its database), `<root>/<id>/ready` says it is complete.
std::optional<std::string> copy_shared(const std::string& root, const std::string& full_key,
                                       const std::string& engine, const std::string& dir,
                                       const std::string& sqlite_file,
                                       std::unique_ptr<PgScratchDatabase>& pg,
                                       const std::function<bool(const Installation&)>& build) {
  namespace fs = std::filesystem;
  const std::string id = crypto::sha256_hex(full_key).substr(0, 16);
  const fs::path base = fs::path(root) / id;
  const std::string database = "tinhso_installation_" + id;
  fs::create_directories(root);
  {
    FileLock lock(base.string() + ".lock");
    if (!fs::exists(base / "ready")) {
      fs::remove_all(base);
      fs::create_directories(base / "data");
      Installation at{.dir = (base / "data").string(), .database_url = ""};
      at.database_url = engine == "postgres" ? create_kept_pg_database(database)
                                             : sqlite_url(at.dir, sqlite_file);
      // A failed build is not marked ready: the next test builds again and fails on its own.
      if (!build(at)) return std::nullopt;
      std::ofstream(base / "ready") << full_key << '\n';
    }
  }
  // Built and never changed again: copied without the lock, by many processes at once.
  copy_files((base / "data").string(), dir);
  if (engine == "postgres") {
    pg = std::make_unique<PgScratchDatabase>(database);
    return pg->url();
  }
  return sqlite_url(dir, sqlite_file);
}

}  // namespace

std::optional<std::string> copy_installation(
    const std::string& key, const std::string& engine, const std::string& dir,
    const std::string& sqlite_file, std::unique_ptr<PgScratchDatabase>& pg,
    const std::function<bool(const Installation&)>& build) {
  static uint64_t uses = 0;
  // The demo is built relative to today: a run that passes midnight builds it again.
  const std::string full_key =
      engine + "\n" + format_iso_date(local_date(Clock().now())) + "\n" + key;
  if (auto root = shared_root(); !root.empty())
    return copy_shared(root, full_key, engine, dir, sqlite_file, pg, build);
  if (!kept().contains(full_key)) make_room();
  auto& made = kept()[full_key];
  if (!made) {
    auto k = std::make_unique<Kept>();
    k->at.dir = k->dir.path();
    if (engine == "postgres") {
      k->pg = std::make_unique<PgScratchDatabase>();
      k->at.database_url = k->pg->url();
    } else {
      k->at.database_url = sqlite_url(k->at.dir, sqlite_file);
    }
    if (!build(k->at)) {
      kept().erase(full_key);
      return std::nullopt;
    }
    made = std::move(k);
  }
  made->last_used = ++uses;
  // The builder has closed its database (a process that exited, an application destroyed), so
  // the files are complete and PostgreSQL finds no session on the template.
  copy_files(made->at.dir, dir);
  if (engine == "postgres") {
    pg = std::make_unique<PgScratchDatabase>(made->pg->name());
    return pg->url();
  }
  return sqlite_url(dir, sqlite_file);
}

}  // namespace tinhso::testing
