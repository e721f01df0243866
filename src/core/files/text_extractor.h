// TextExtractor: reads the text of uploaded PDFs for search, in the background and in the
// sandbox (sandbox.h), one file at a time per node. An upload only marks its PDF "pending"; a
// PDF that runs out of its budget is marked "not_extracted" and stays a perfectly good file.
// Nodes claim files with a lease, so several nodes never parse the same file at once.
// Modules whose search indexes a file's text register a hook, called in the transaction that
// stores the text.
//
// Thread safety: run_once() may be called from any thread; one pass runs at a time per node
// (a mutex), and nodes are kept apart by the lease in the database.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "core/base/periodic_task.h"
#include "core/base/time.h"
#include "core/config/config.h"
#include "core/files/sandbox.h"
#include "core/storage/sql.h"

namespace tinhso::files {

class TextExtractor {
 public:
  using Hook = std::function<Status(storage::Tx& tx, int64_t file_id)>;

  TextExtractor(storage::Database& db, const Clock& clock, const FilesConfig& config,
                std::string sandbox_binary = kSelfExecutable);

  // Called after a file's text is stored (or known to be absent), in the same transaction.
  void on_text(Hook hook);
  void start() { task_.start(); }
  void stop() { task_.stop(); }
  // Extracts what is pending now; returns how many files were finished.
  Result<int> run_once();

 private:
  Status finish(int64_t id, std::string_view status, const std::string& folded);

  storage::Database& db_;
  const Clock& clock_;
  SandboxLimits limits_;
  std::string binary_;
  std::mutex mu_;  // one pass at a time (the periodic task, or a caller of run_once)
  std::vector<Hook> hooks_;
  PeriodicTask task_;
};

}  // namespace tinhso::files
