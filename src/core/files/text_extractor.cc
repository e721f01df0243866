#include "core/files/text_extractor.h"

#include <spdlog/spdlog.h>

#include "core/base/text.h"

namespace tinhso::files {
namespace {

// A claim older than this was left by a node that stopped while parsing: take it over.
constexpr int64_t kClaimMs = 10 * 60 * 1000;

}  // namespace

TextExtractor::TextExtractor(storage::Database& db, const Clock& clock, const FilesConfig& config,
                             std::string sandbox_binary)
    : db_(db),
      clock_(clock),
      limits_{config.text_cpu_seconds, config.text_memory_mb, config.text_wall_seconds},
      binary_(std::move(sandbox_binary)),
      task_(std::chrono::seconds(1), [this] {
        auto n = run_once();
        if (!n.ok()) spdlog::warn("text extraction: {}", n.error().describe());
      }) {}

void TextExtractor::on_text(Hook hook) {
  std::lock_guard lock(mu_);
  hooks_.push_back(std::move(hook));
}

Status TextExtractor::finish(int64_t id, std::string_view status, const std::string& folded) {
  // Derived data, not a person's change: written without an audit entry. Pending copies of the
  // same bytes (one form uploaded by many) take the same answer.
  return db_.write([&](storage::Tx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto same, tx.query("SELECT f.id FROM files f JOIN files g ON g.sha256 = "
                                            "f.sha256 WHERE g.id = $1 AND (f.id = $1 OR "
                                            "f.text_status = 'pending')",
                                            {id}));
    for (auto row : same) {
      TS_TRY(
          tx.exec("UPDATE files SET text_status = $1, text_folded = $2, text_claimed_at = NULL "
                  "WHERE id = $3",
                  {status, folded.empty() ? std::optional<std::string>() : std::optional(folded),
                   row.i64(0)}));
      for (const auto& hook : hooks_) TS_TRY(hook(tx, row.i64(0)));
    }
    return ok_status();
  });
}

Result<int> TextExtractor::run_once() {
  std::lock_guard lock(mu_);
  int64_t now = to_millis(clock_.now());
  // Newest first: the person who just uploaded is waiting; a backlog can wait.
  TS_ASSIGN_OR_RETURN(auto due, db_.read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT id FROM files WHERE text_status = 'pending' OR (text_status = 'extracting' AND "
        "text_claimed_at < $1) ORDER BY id DESC LIMIT 20",
        {now - kClaimMs});
  }));
  int finished = 0;
  for (auto row : due) {
    int64_t id = row.i64(0);
    TS_ASSIGN_OR_RETURN(int64_t claimed, db_.write([&](storage::Tx& tx) {
      return tx.exec(
          "UPDATE files SET text_status = 'extracting', text_claimed_at = $1 WHERE id = $2 AND "
          "(text_status = 'pending' OR (text_status = 'extracting' AND text_claimed_at < $3))",
          {now, id, now - kClaimMs});
    }));
    if (claimed == 0) continue;  // another node has it, or it shared an earlier file's answer
    // The same bytes read before: their answer stands.
    TS_ASSIGN_OR_RETURN(auto known, db_.read([&](storage::Tx& tx) {
      return tx.query(
          "SELECT g.text_status, g.text_folded FROM files f JOIN files g ON g.sha256 = f.sha256 "
          "WHERE f.id = $1 AND g.text_status IN ('extracted', 'none', 'not_extracted') LIMIT 1",
          {id});
    }));
    if (!known.empty()) {
      TS_TRY(
          finish(id, known.front().str(0), known.front().is_null(1) ? "" : known.front().str(1)));
      ++finished;
      continue;
    }
    TS_ASSIGN_OR_RETURN(auto bytes, db_.read([&](storage::Tx& tx) -> Result<std::string> {
      TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT data FROM files WHERE id = $1", {id}));
      if (rows.empty()) return std::string();
      return rows.front().str(0);
    }));
    auto outcome = run_sandboxed(binary_, "pdf-text", bytes, limits_);
    if (!outcome.ok()) {
      // The sandbox itself did not run: leave the claim to expire and try again later.
      spdlog::error("text extraction of file {}: {}", id, outcome.error().describe());
      continue;
    }
    if (outcome->kind == SandboxOutcome::Kind::kOverrun) {
      spdlog::warn("text extraction of file {} stopped: {}", id, outcome->detail);
      TS_TRY(finish(id, "not_extracted", {}));
    } else {
      std::string folded = text::fold(outcome->output);
      TS_TRY(finish(id, text::trim(folded).empty() ? "none" : "extracted", folded));
    }
    ++finished;
  }
  return finished;
}

}  // namespace tinhso::files
