#include "core/audit/keys.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "core/base/crypto.h"
#include "core/base/file_io.h"
#include "core/signing/ossl.h"

namespace tinhso::audit {
namespace {

namespace fs = std::filesystem;

std::string short_id(std::string_view bytes) {
  return crypto::sha256_hex(bytes).substr(0, 16);
}

std::string bio_text(BIO* bio) {
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  return std::string(p, static_cast<std::size_t>(n));
}

}  // namespace

AuditKey AuditKey::from_secret(std::string secret) {
  AuditKey k;
  k.id = short_id(secret);
  k.secret = std::move(secret);
  return k;
}

AuditKey AuditKey::generate() {
  return from_secret(crypto::random_bytes(32));
}

struct CheckpointKey::State {
  signing::ossl::KeyPtr key;
  bool has_private = false;
};

CheckpointKey::CheckpointKey(std::unique_ptr<State> s) : s_(std::move(s)) {}
CheckpointKey::CheckpointKey(CheckpointKey&&) noexcept = default;
CheckpointKey& CheckpointKey::operator=(CheckpointKey&&) noexcept = default;
CheckpointKey::~CheckpointKey() = default;

Result<CheckpointKey> CheckpointKey::generate() {
  auto s = std::make_unique<State>();
  s->key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!s->key) return Error::internal("Ed25519 key generation failed");
  s->has_private = true;
  return CheckpointKey(std::move(s));
}

Result<CheckpointKey> CheckpointKey::from_private_pem(std::string_view pem) {
  signing::ossl::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  auto s = std::make_unique<State>();
  s->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!s->key || EVP_PKEY_get_id(s->key.get()) != EVP_PKEY_ED25519)
    return Error::invalid("Khóa ký điểm kiểm tra nhật ký không đọc được (Ed25519, PEM).");
  s->has_private = true;
  return CheckpointKey(std::move(s));
}

Result<CheckpointKey> CheckpointKey::from_public_pem(std::string_view pem) {
  signing::ossl::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  auto s = std::make_unique<State>();
  s->key.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!s->key || EVP_PKEY_get_id(s->key.get()) != EVP_PKEY_ED25519)
    return Error::invalid("Khóa công khai kiểm tra nhật ký không đọc được (Ed25519, PEM).");
  return CheckpointKey(std::move(s));
}

Result<std::string> CheckpointKey::sign(std::string_view text) const {
  if (!s_->has_private) return Error::internal("checkpoint key has no private half");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char sig[64];
  size_t len = sizeof sig;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, s_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &len, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size()) != 1)
    return Error::internal("Ed25519 signing failed");
  return std::string(reinterpret_cast<char*>(sig), len);
}

bool CheckpointKey::verify(std::string_view text, std::string_view signature) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, s_->key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(text.data()),
                          text.size()) == 1;
}

std::string CheckpointKey::private_pem() const {
  signing::ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), s_->key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return bio_text(bio.get());
}

std::string CheckpointKey::public_pem() const {
  signing::ossl::BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), s_->key.get());
  return bio_text(bio.get());
}

std::string CheckpointKey::id() const {
  unsigned char raw[32];
  size_t len = sizeof raw;
  EVP_PKEY_get_raw_public_key(s_->key.get(), raw, &len);
  return short_id(std::string_view(reinterpret_cast<char*>(raw), len));
}

Result<AuditKeys> load_keys(const std::string& dir) {
  AuditKeys keys;
  fs::path d(dir);
  std::error_code ec;
  std::optional<std::string> hmac, checkpoint;
  if (fs::exists(d / kHmacKeyFile, ec)) {
    TS_ASSIGN_OR_RETURN(hmac, read_file((d / kHmacKeyFile).string()));
  }
  if (fs::exists(d / kCheckpointKeyFile, ec)) {
    TS_ASSIGN_OR_RETURN(checkpoint, read_file((d / kCheckpointKeyFile).string()));
  }
  if (hmac.has_value() != checkpoint.has_value())
    return Error::invalid(fmt::format("Thư mục khóa nhật ký {} chỉ có một trong hai tệp {} và {}.",
                                      dir, kHmacKeyFile, kCheckpointKeyFile));
  if (!hmac) {
    keys.hmac = AuditKey::generate();
    TS_ASSIGN_OR_RETURN(auto k, CheckpointKey::generate());
    keys.checkpoint = std::make_shared<CheckpointKey>(std::move(k));
    return keys;
  }
  // "<hex secret>\nlegacy-until <seq> <seq> …\n"
  std::istringstream in(*hmac);
  std::string hex, word, secret;
  in >> hex;
  if (!crypto::hex_decode(hex, secret) || secret.size() < 32)
    return Error::invalid(
        fmt::format("Khóa nhật ký {} không hợp lệ.", (d / kHmacKeyFile).string()));
  keys.hmac = AuditKey::from_secret(std::move(secret));
  if (in >> word && word == "legacy-until")
    for (int64_t seq; in >> seq;) keys.hmac.legacy_until.push_back(seq);
  TS_ASSIGN_OR_RETURN(auto k, CheckpointKey::from_private_pem(*checkpoint));
  keys.checkpoint = std::make_shared<CheckpointKey>(std::move(k));
  keys.on_disk = true;
  return keys;
}

Status bind_keys(storage::Database& db, AuditKeys& keys, const std::string& dir) {
  TS_ASSIGN_OR_RETURN(auto rows, db.read([](storage::Tx& tx) {
    return tx.query("SELECT value FROM settings WHERE key = 'audit.key_id'");
  }));
  fs::path d(dir);
  if (!rows.empty()) {
    std::string recorded = rows.front().str(0);
    if (!keys.on_disk)
      return Error::invalid(fmt::format(
          "Thiếu khóa nhật ký kiểm tra ({}) mà cơ sở dữ liệu này đã dùng (mã {}). Hãy sao chép "
          "các tệp {} và {} từ máy chủ đầu tiên vào {}.",
          (d / kHmacKeyFile).string(), recorded, kHmacKeyFile, kCheckpointKeyFile, dir));
    if (recorded != keys.hmac.id)
      return Error::invalid(fmt::format(
          "Khóa nhật ký kiểm tra trong {} (mã {}) không phải khóa cơ sở dữ liệu này đã dùng (mã "
          "{}).",
          (d / kHmacKeyFile).string(), keys.hmac.id, recorded));
    return ok_status();
  }
  if (!keys.on_disk) {
    // Entries already in the log were written without a key: remember where they end.
    TS_ASSIGN_OR_RETURN(auto heads, db.read([](storage::Tx& tx) {
      return tx.query("SELECT seq FROM audit_chains ORDER BY id");
    }));
    keys.hmac.legacy_until.clear();
    std::string line = crypto::hex_encode(keys.hmac.secret) + "\nlegacy-until";
    for (auto h : heads) {
      keys.hmac.legacy_until.push_back(h.i64(0));
      line += " " + std::to_string(h.i64(0));
    }
    TS_TRY(write_file((d / kHmacKeyFile).string(), line + "\n", true));
    TS_TRY(write_file((d / kCheckpointKeyFile).string(), keys.checkpoint->private_pem(), true));
    TS_TRY(write_file((d / kCheckpointPublicFile).string(), keys.checkpoint->public_pem()));
    keys.on_disk = true;
  }
  // Bookkeeping of the installation, not a person's change.
  return db.write([&](storage::Tx& tx) -> Status {
    TS_TRY(
        tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ('audit.key_id', $1, 0) "
                "ON CONFLICT (key) DO NOTHING",
                {keys.hmac.id}));
    TS_ASSIGN_OR_RETURN(auto now, tx.query("SELECT value FROM settings WHERE key = "
                                           "'audit.key_id'"));
    if (now.empty() || now.front().str(0) != keys.hmac.id)
      return Error::invalid("Một máy chủ khác vừa tạo khóa nhật ký kiểm tra; hãy dùng khóa đó.");
    return ok_status();
  });
}

}  // namespace tinhso::audit
