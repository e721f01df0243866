#include "support/installation_cache.h"

#include <filesystem>
#include <map>

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

}  // namespace

std::optional<std::string> copy_installation(
    const std::string& key, const std::string& engine, const std::string& dir,
    const std::string& sqlite_file, std::unique_ptr<PgScratchDatabase>& pg,
    const std::function<bool(const Installation&)>& build) {
  static uint64_t uses = 0;
  // The demo is built relative to today: a run that passes midnight builds it again.
  const std::string full_key =
      engine + "\n" + format_iso_date(local_date(Clock().now())) + "\n" + key;
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
  std::filesystem::copy(
      made->at.dir, dir,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  if (engine == "postgres") {
    pg = std::make_unique<PgScratchDatabase>(made->pg->name());
    return pg->url();
  }
  return sqlite_url(dir, sqlite_file);
}

}  // namespace tinhso::testing
