#include "core/signing/file_signer.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/file_io.h"

namespace tinhso::signing {

using boost::json::array;
using boost::json::object;
using boost::json::value;

Result<std::unique_ptr<FileSigner>> FileSigner::open(const SigningConfig& config) {
  std::vector<std::string> roots, crls;
  if (!config.trust_roots.empty()) {
    TS_ASSIGN_OR_RETURN(auto pem, read_file(config.trust_roots));
    roots.push_back(std::move(pem));
  }
  if (!config.crls.empty()) {
    TS_ASSIGN_OR_RETURN(auto pem, read_file(config.crls));
    crls.push_back(std::move(pem));
  }
  TS_ASSIGN_OR_RETURN(auto trust, TrustStore::from_pem(roots, crls));
  return std::unique_ptr<FileSigner>(new FileSigner(config, std::move(trust)));
}

Result<std::string> FileSigner::key_file(std::string_view key_name, std::string_view kind) const {
  // Key names are usernames and agency codes; nothing else reaches the file system.
  for (char c : key_name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
      return Error::invalid("Tên khóa ký số không hợp lệ.");
  }
  std::string path = fmt::format("{}/{}.p12", config_.keys_dir, key_name);
  if (config_.keys_dir.empty() || !std::filesystem::exists(path)) {
    return Error::conflict(
        "signing.no_key",
        kind == "agency"
            ? fmt::format("Chưa cấu hình khóa ký số của cơ quan ({}). Liên hệ quản trị hệ thống.",
                          key_name)
            : "Ông/Bà chưa có khóa ký số trên hệ thống. Liên hệ quản trị hệ thống.");
  }
  return read_file(path);
}

Result<FileSignature> FileSigner::sign(std::string_view key_name, std::string_view kind,
                                       int64_t file_id, std::string_view bytes, Instant at) const {
  TS_ASSIGN_OR_RETURN(auto der, key_file(key_name, kind));
  TS_ASSIGN_OR_RETURN(auto key, SigningKey::from_pkcs12(der, config_.key_password));
  TS_ASSIGN_OR_RETURN(auto cms, key.sign_detached(bytes, at));
  return FileSignature{
      file_id, std::string(kind), key.subject_name(), key.organisation(), key.serial_hex(),
      at,      std::move(cms)};
}

Verification FileSigner::verify(std::string_view bytes, std::string_view cms, Instant now) const {
  return verify_detached(bytes, cms, trust_, now);
}

Status store_signature(audit::ChangeTx& tx, const FileSignature& s) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query("INSERT INTO file_signatures (file_id, kind, signer_name, organisation, "
                     "serial_hex, signed_at, cms, created_by, created_at) VALUES ($1, $2, $3, "
                     "$4, $5, $6, $7, $8, $9) RETURNING id",
                     {s.file_id, s.kind, s.signer_name, s.organisation, s.serial_hex,
                      to_millis(s.signed_at), storage::Blob{s.cms}, tx.actor().id, tx.now_ms()}));
  return tx.record("file.sign", "file", s.file_id,
                   object{{"signature_id", rows.front().i64(0)},
                          {"kind", s.kind},
                          {"signer", s.signer_name},
                          {"serial", s.serial_hex}});
}

Result<object> signatures_json(storage::Tx& tx, files::FileStore& files, const FileSigner& signer,
                               const std::vector<int64_t>& file_ids, Instant now) {
  object out;
  for (int64_t file_id : file_ids) {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, kind, signer_name, organisation, "
                                            "signed_at, cms FROM file_signatures WHERE file_id = "
                                            "$1 ORDER BY id",
                                            {file_id}));
    if (rows.empty()) continue;
    TS_ASSIGN_OR_RETURN(auto bytes, files.content(tx, file_id));
    array list;
    for (auto r : rows) {
      auto v = signer.verify(bytes, r.view(5), now);
      object o{
          {"id", r.i64(0)},
          {"kind", r.str(1)},
          {"kind_label", r.view(1) == "agency" ? "Chữ ký số của cơ quan" : "Chữ ký số cá nhân"},
          {"signer_name", v.signer_name.empty() ? r.str(2) : v.signer_name},
          {"organisation", v.organisation},
          {"signed_at", v.signed_at ? value(format_rfc3339(*v.signed_at))
                                    : value(format_rfc3339(from_millis(r.i64(4))))},
          {"certificate_valid_until",
           v.not_after ? value(format_rfc3339(*v.not_after)) : value(nullptr)},
          {"status", status_name(v.status)},
          {"valid", v.valid()},
          {"message", status_message_vi(v.status)}};
      list.push_back(std::move(o));
    }
    out[std::to_string(file_id)] = std::move(list);
  }
  return out;
}

}  // namespace tinhso::signing
