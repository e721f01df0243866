#include "support/installation_cache.h"

#include <filesystem>
#include <map>

namespace tinhso::testing {
namespace {

struct Kept {
  TempDir dir;
  std::unique_ptr<PgScratchDatabase> pg;
  Installation at;
};

// Kept until the process exits; their directories and databases are removed then.
std::map<std::string, std::unique_ptr<Kept>>& kept() {
  static std::map<std::string, std::unique_ptr<Kept>> made;
  return made;
}

std::string sqlite_url(const std::string& dir, const std::string& file) {
  return "sqlite:" + dir + "/" + file;
}

}  // namespace

std::optional<std::string> copy_installation(
    const std::string& key, const std::string& engine, const std::string& dir,
    const std::string& sqlite_file, std::unique_ptr<PgScratchDatabase>& pg,
    const std::function<bool(const Installation&)>& build) {
  auto& made = kept()[engine + "\n" + key];
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
      kept().erase(engine + "\n" + key);
      return std::nullopt;
    }
    made = std::move(k);
  }
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
