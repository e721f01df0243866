// FileStore: uploaded papers, results and documents, stored in the database (so every node of
// a PostgreSQL deployment sees them) with their SHA-256, after checking their size, their
// real type (by content, not by name) and, when configured, ClamAV's verdict.
#pragma once

#include <optional>
#include <string>

#include "core/audit/change_log.h"
#include "core/config/config.h"

namespace tinhso::files {

struct StoredFile {
  int64_t id = 0;
  std::string name;
  std::string content_type;
  std::string sha256;
  int64_t size = 0;
  std::string owner_kind;  // official | applicant | system
  std::optional<int64_t> owner_id;
  Instant created_at;
  // A PDF's text for search: pending, extracting, extracted, none (no text layer, e.g. a scan)
  // or not_extracted (the parser ran out of its budget or failed); null for images.
  std::optional<std::string> text_status;
};

inline constexpr std::string_view kTextPending = "pending";

boost::json::object file_json(const StoredFile& f);

// A file as records list it ({id, name, size, content_type, sha256}), read from these columns
// of `files f` starting at column `first` of the row.
inline constexpr std::string_view kFileSummaryColumns =
    "f.id, f.name, f.size, f.content_type, f.sha256";
boost::json::object file_summary_json(const storage::Rows::Row& r, int first = 0);

// The accepted content type of `bytes` (application/pdf, image/jpeg, image/png), judged by
// their leading bytes; nullopt for anything else.
std::optional<std::string> sniff_type(std::string_view bytes);

// Scans with clamd (INSTREAM). OK when clean; 422 file.infected when a signature matches;
// 503 when clamd cannot be reached (uploads then fail rather than skip the scan).
Status clamd_scan(const std::string& clamd_address, std::string_view bytes);

// A file that passed the checks (size, type, virus scan), ready to be stored.
struct CheckedFile {
  std::string name, content_type, sha256;
  std::string_view bytes;  // the caller's, alive until insert()
};

// Thread-safe: its configuration is read-only and every operation is its own database
// transaction.
class FileStore {
 public:
  FileStore(storage::Database& db, const FilesConfig& config) : db_(db), config_(config) {}

  // Checks and stores an upload. Runs the scan before opening the transaction.
  Result<StoredFile> put(audit::ChangeLog& log, const audit::Actor& actor, std::string name,
                         std::string_view declared_type, std::string_view bytes);
  // The same in two steps, for callers storing several files in their own transaction: the
  // checks (and scan) outside it, the insert inside.
  Result<CheckedFile> check(std::string name, std::string_view declared_type,
                            std::string_view bytes) const;
  Result<StoredFile> insert(audit::ChangeTx& tx, const CheckedFile& f);
  Result<StoredFile> meta(storage::Tx& tx, int64_t id);
  // The file, if `actor` uploaded it: people attach only their own uploads to a record. The
  // refusal names `field`, the request field that listed the file.
  Result<StoredFile> own_upload(storage::Tx& tx, int64_t id, const audit::Actor& actor,
                                std::string_view field);
  Result<std::string> content(int64_t id);
  // Inside a transaction use this one: a second transaction from there would need a second
  // pooled PostgreSQL connection while holding one.
  Result<std::string> content(storage::Tx& tx, int64_t id);
  int64_t max_bytes() const { return config_.max_file_bytes; }

 private:
  storage::Database& db_;
  FilesConfig config_;
};

}  // namespace tinhso::files
