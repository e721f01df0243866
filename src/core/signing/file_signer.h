// Digital signatures on stored files, for every module: a person (a leader approving a
// document) or an agency (issuing a document, returning a procedure's electronic result) signs
// a file with its key from signing.keys_dir, and every view of a file shows its signatures
// verified now against the configured roots and CRLs — signer, organisation, time and a
// verdict in Vietnamese. Signatures belong to the file, so whoever receives it sees the same.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/config/config.h"
#include "core/files/file_store.h"
#include "core/signing/cms.h"
#include "core/storage/sql.h"

namespace tinhso::signing {

struct FileSignature {
  int64_t file_id = 0;
  std::string kind;  // personal | agency
  std::string signer_name, organisation, serial_hex;
  Instant signed_at;
  std::string cms;
};

// Thread-safe once opened: signing and verifying only read the configuration and the trust
// store (App::adopt_demo_pki replaces the signer before the server serves, never during).
class FileSigner {
 public:
  // Loads the trust roots and CRLs; an unreadable file is an error at start-up.
  static Result<std::unique_ptr<FileSigner>> open(const SigningConfig& config);

  bool enabled() const { return !config_.keys_dir.empty(); }
  // Signs `bytes` with `<key_name>.p12` (a username or an agency code). Refused in Vietnamese
  // when signing is enabled and the key is missing or unusable.
  Result<FileSignature> sign(std::string_view key_name, std::string_view kind, int64_t file_id,
                             std::string_view bytes, Instant at) const;
  Verification verify(std::string_view bytes, std::string_view cms, Instant now) const;
  // The PKCS#12 file `<key_name>.p12` (for edXML signatures), refused like sign() when missing.
  Result<std::string> key_file(std::string_view key_name, std::string_view kind) const;
  const std::string& key_password() const { return config_.key_password; }
  const TrustStore& trust() const { return trust_; }

 private:
  FileSigner(SigningConfig config, TrustStore trust)
      : config_(std::move(config)), trust_(std::move(trust)) {}
  SigningConfig config_;
  TrustStore trust_;
};

Status store_signature(audit::ChangeTx& tx, const FileSignature& s);

// The signatures of each file, verified now: {"<file id>": [ … ]}.
Result<boost::json::object> signatures_json(storage::Tx& tx, files::FileStore& files,
                                            const FileSigner& signer,
                                            const std::vector<int64_t>& file_ids, Instant now);

}  // namespace tinhso::signing
