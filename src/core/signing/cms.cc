#include "core/signing/cms.h"

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "core/base/crypto.h"
#include "core/signing/ossl.h"

namespace tinhso::signing {
using namespace ossl;  // NOLINT(google-build-using-namespace)

namespace {

std::string openssl_error() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

BioPtr memory_bio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

std::string name_entry(X509* cert, int nid) {
  X509_NAME* name = X509_get_subject_name(cert);
  int i = X509_NAME_get_index_by_NID(name, nid, -1);
  if (i < 0) return {};
  ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
  unsigned char* utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, s);
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::string serial_of(X509* cert) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  if (bn == nullptr) return {};
  char* hex = BN_bn2hex(bn);
  std::string out(hex);
  OPENSSL_free(hex);
  BN_free(bn);
  return out;
}

std::optional<Instant> asn1_instant(const ASN1_TIME* t) {
  if (t == nullptr) return std::nullopt;
  struct tm tm {};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return Instant(std::chrono::seconds(timegm(&tm)));
}

}  // namespace

// ---- SigningKey -------------------------------------------------------------------------

struct SigningKey::State {
  KeyPtr key;
  X509Ptr cert;
  CertStackPtr chain;
};

SigningKey::SigningKey(std::unique_ptr<State> s) : s_(std::move(s)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

Result<SigningKey> SigningKey::from_pkcs12(std::string_view der, const std::string& password) {
  auto bio = memory_bio(der);
  PKCS12* p12 = d2i_PKCS12_bio(bio.get(), nullptr);
  if (p12 == nullptr) return Error::invalid("Tệp khóa ký số (PKCS#12) không đọc được.");
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  int ok = PKCS12_parse(p12, password.c_str(), &key, &cert, &chain);
  PKCS12_free(p12);
  auto state = std::make_unique<State>(State{KeyPtr(key), X509Ptr(cert), CertStackPtr(chain)});
  if (ok != 1 || key == nullptr || cert == nullptr) {
    ERR_clear_error();
    return Error::invalid("Mật khẩu khóa ký số không đúng hoặc tệp không có khóa và chứng thư.");
  }
  return SigningKey(std::move(state));
}

std::string SigningKey::subject_name() const {
  return name_entry(s_->cert.get(), NID_commonName);
}
std::string SigningKey::organisation() const {
  return name_entry(s_->cert.get(), NID_organizationName);
}
std::string SigningKey::serial_hex() const {
  return serial_of(s_->cert.get());
}

Result<std::string> SigningKey::sign_detached(std::string_view data, Instant at) const {
  constexpr unsigned kFlags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
  CmsPtr cms(CMS_sign(nullptr, nullptr, s_->chain.get(), nullptr, kFlags));
  if (!cms) return Error::internal("CMS_sign: " + openssl_error());
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), s_->cert.get(), s_->key.get(), EVP_sha256(),
                                       CMS_BINARY | CMS_PARTIAL);
  if (si == nullptr) return Error::internal("CMS_add1_signer: " + openssl_error());
  // The server's clock, not the machine's, is the signing time (tests move it).
  ASN1_TIME* t = ASN1_TIME_set(
      nullptr,
      std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(at)));
  int added = CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1);
  ASN1_TIME_free(t);
  if (added != 1) return Error::internal("signing time: " + openssl_error());
  auto content = memory_bio(data);
  if (CMS_final(cms.get(), content.get(), nullptr, kFlags & ~CMS_PARTIAL) != 1)
    return Error::internal("CMS_final: " + openssl_error());
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1) return Error::internal("i2d_CMS: " + openssl_error());
  char* p = nullptr;
  long n = BIO_get_mem_data(out.get(), &p);
  return std::string(p, static_cast<std::size_t>(n));
}

// ---- TrustStore -------------------------------------------------------------------------

struct TrustStore::State {
  std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>> store;
  bool has_crls = false;
};

TrustStore::TrustStore(std::unique_ptr<State> s) : s_(std::move(s)) {}
TrustStore::TrustStore(TrustStore&&) noexcept = default;
TrustStore& TrustStore::operator=(TrustStore&&) noexcept = default;
TrustStore::~TrustStore() = default;

Result<TrustStore> TrustStore::from_pem(const std::vector<std::string>& certificates,
                                        const std::vector<std::string>& crls) {
  auto state = std::make_unique<State>();
  state->store.reset(X509_STORE_new());
  for (const auto& pem : certificates) {
    auto bio = memory_bio(pem);
    int n = 0;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      X509_STORE_add_cert(state->store.get(), cert);
      X509_free(cert);
      ++n;
    }
    ERR_clear_error();  // the end of the PEM stream reads as an error
    if (n == 0) return Error::invalid("Chứng thư gốc tin cậy không đọc được (PEM).");
  }
  for (const auto& pem : crls) {
    auto bio = memory_bio(pem);
    int n = 0;
    while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
      X509_STORE_add_crl(state->store.get(), crl);
      X509_CRL_free(crl);
      ++n;
    }
    ERR_clear_error();
    if (n == 0) return Error::invalid("Danh sách chứng thư bị thu hồi (CRL) không đọc được (PEM).");
    state->has_crls = true;
  }
  return TrustStore(std::move(state));
}

// ---- Verification -----------------------------------------------------------------------

std::string_view status_name(SignatureStatus s) {
  switch (s) {
    case SignatureStatus::kValid:
      return "valid";
    case SignatureStatus::kMalformed:
      return "malformed";
    case SignatureStatus::kIntegrity:
      return "integrity";
    case SignatureStatus::kUntrusted:
      return "untrusted";
    case SignatureStatus::kExpired:
      return "expired";
    case SignatureStatus::kRevoked:
      return "revoked";
    case SignatureStatus::kNoCrl:
      return "no_crl";
  }
  return "malformed";
}

std::string_view status_message_vi(SignatureStatus s) {
  switch (s) {
    case SignatureStatus::kValid:
      return "Chữ ký số hợp lệ.";
    case SignatureStatus::kMalformed:
      return "Không phải chữ ký số hợp lệ (không đọc được).";
    case SignatureStatus::kIntegrity:
      return "Văn bản đã bị thay đổi sau khi ký hoặc chữ ký không khớp.";
    case SignatureStatus::kUntrusted:
      return "Chứng thư số không do tổ chức cung cấp dịch vụ tin cậy cấp.";
    case SignatureStatus::kExpired:
      return "Chứng thư số đã hết hạn hoặc chưa có hiệu lực.";
    case SignatureStatus::kRevoked:
      return "Chứng thư số đã bị thu hồi.";
    case SignatureStatus::kNoCrl:
      return "Không kiểm tra được tình trạng thu hồi của chứng thư số (thiếu CRL).";
  }
  return "";
}

struct Verifier {
  static Verification run(std::string_view data, std::string_view cms_der, const TrustStore& trust,
                          Instant now) {
    Verification v;
    auto in = memory_bio(cms_der);
    CmsPtr cms(d2i_CMS_bio(in.get(), nullptr));
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
      v.detail = openssl_error();
      return v;
    }
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
    if (infos == nullptr || sk_CMS_SignerInfo_num(infos) != 1) {
      v.detail = "expected exactly one signer";
      return v;
    }
    // 1. Integrity: the content digest and the signature, whoever the signer is.
    auto content = memory_bio(data);
    if (CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr,
                   CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
      v.status = SignatureStatus::kIntegrity;
      v.detail = openssl_error();
      return v;
    }
    // CMS_get0_signers holds no references: free the stack, not the certificates.
    STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
    X509* cert =
        signers != nullptr && sk_X509_num(signers) == 1 ? sk_X509_value(signers, 0) : nullptr;
    if (cert != nullptr) X509_up_ref(cert);
    sk_X509_free(signers);
    if (cert == nullptr) {
      v.status = SignatureStatus::kMalformed;
      v.detail = "no signer certificate in the signature";
      return v;
    }
    X509Ptr signer(cert);
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
    int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (idx >= 0) {
      X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, idx);
      ASN1_TYPE* t = X509_ATTRIBUTE_get0_type(attr, 0);
      if (t != nullptr && (t->type == V_ASN1_UTCTIME || t->type == V_ASN1_GENERALIZEDTIME))
        v.signed_at = asn1_instant(reinterpret_cast<const ASN1_TIME*>(t->value.asn1_string));
    }
    CertStackPtr extra(CMS_get1_certs(cms.get()));
    check_certificate(v, signer.get(), extra.get(), trust, now);
    return v;
  }

  // The certificate: its holder, a chain to a trusted root, validity at `now`, revocation.
  static void check_certificate(Verification& v, X509* signer, STACK_OF(X509) * extra,
                                const TrustStore& trust, Instant now) {
    v.signer_name = name_entry(signer, NID_commonName);
    v.organisation = name_entry(signer, NID_organizationName);
    v.serial_hex = serial_of(signer);
    X509_NAME* subject = X509_get_subject_name(signer);
    for (int i = 0; i < X509_NAME_entry_count(subject); ++i) {
      unsigned char* utf8 = nullptr;
      int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, i)));
      if (n < 0) continue;
      v.subject_values.emplace_back(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
      OPENSSL_free(utf8);
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (X509_digest(signer, EVP_sha256(), md, &md_len) == 1)
      v.certificate_sha256 =
          crypto::hex_encode(std::string_view(reinterpret_cast<char*>(md), md_len));
    v.not_before = asn1_instant(X509_get0_notBefore(signer));
    v.not_after = asn1_instant(X509_get0_notAfter(signer));
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (X509_STORE_CTX_init(ctx.get(), trust.s_->store.get(), signer, extra) != 1) {
      v.status = SignatureStatus::kMalformed;
      v.detail = openssl_error();
      return;
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, std::chrono::system_clock::to_time_t(
                                          std::chrono::time_point_cast<std::chrono::seconds>(now)));
    X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_ANY);
    if (trust.s_->has_crls) X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);
    if (X509_verify_cert(ctx.get()) == 1) {
      v.status = SignatureStatus::kValid;
      return;
    }
    int err = X509_STORE_CTX_get_error(ctx.get());
    v.detail = X509_verify_cert_error_string(err);
    ERR_clear_error();
    switch (err) {
      case X509_V_ERR_CERT_HAS_EXPIRED:
      case X509_V_ERR_CERT_NOT_YET_VALID:
        v.status = SignatureStatus::kExpired;
        break;
      case X509_V_ERR_CERT_REVOKED:
        v.status = SignatureStatus::kRevoked;
        break;
      case X509_V_ERR_UNABLE_TO_GET_CRL:
        v.status = SignatureStatus::kNoCrl;
        break;
      default:
        v.status = SignatureStatus::kUntrusted;
    }
  }

  static Verification certificate(std::string_view cert_der,
                                  const std::vector<std::string>& chain_der,
                                  const TrustStore& trust, Instant now) {
    Verification v;
    auto read = [](std::string_view der) {
      const auto* p = reinterpret_cast<const unsigned char*>(der.data());
      return X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    };
    X509Ptr cert = read(cert_der);
    if (!cert) {
      v.detail = openssl_error();
      return v;
    }
    CertStackPtr extra(sk_X509_new_null());
    for (const auto& der : chain_der) {
      if (X509Ptr c = read(der)) sk_X509_push(extra.get(), c.release());
    }
    check_certificate(v, cert.get(), extra.get(), trust, now);
    return v;
  }
};

Verification verify_detached(std::string_view data, std::string_view cms_der,
                             const TrustStore& trust, Instant now) {
  return Verifier::run(data, cms_der, trust, now);
}

Verification verify_certificate(std::string_view cert_der,
                                const std::vector<std::string>& chain_der, const TrustStore& trust,
                                Instant now) {
  return Verifier::certificate(cert_der, chain_der, trust, now);
}

}  // namespace tinhso::signing
