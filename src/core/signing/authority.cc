#include "core/signing/authority.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "core/signing/ossl.h"

namespace tinhso::signing {

// A key with its certificate (named namespace: CertificateAuthority::State holds one).
namespace issued {
struct Issued {
  ossl::KeyPtr key;
  ossl::X509Ptr cert;
};
}  // namespace issued
using issued::Issued;

namespace {

using ossl::BioPtr;
using ossl::CrlPtr;
using ossl::KeyPtr;
using ossl::P12Ptr;
using ossl::TimePtr;
using ossl::X509Ptr;

Error ca_failed(const char* what) {
  return Error::internal(std::string("certificate authority: ") + what);
}

int64_t epoch_seconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

bool add_subject_entry(X509_NAME* name, const char* field, const std::string& value) {
  if (value.empty()) return true;
  return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                    0) == 1;
}

bool add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return ok == 1;
}

std::string memory_bio_text(BIO* bio) {
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  return std::string(p, static_cast<std::size_t>(n));
}

// A certificate for `subject` signed by `issuer` (self-signed when null).
Result<Issued> issue_certificate(const Subject& subject, long serial, Instant from, Instant to,
                                 const Issued* issuer, bool ca) {
  Issued out;
  out.key.reset(EVP_EC_gen("P-256"));
  out.cert.reset(X509_new());
  if (!out.key || !out.cert) return ca_failed("key");
  X509* cert = out.cert.get();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  ASN1_TIME_set(X509_getm_notBefore(cert), epoch_seconds(from));
  ASN1_TIME_set(X509_getm_notAfter(cert), epoch_seconds(to));
  X509_NAME* name = X509_get_subject_name(cert);
  if (!add_subject_entry(name, "C", "VN") || !add_subject_entry(name, "O", subject.organisation) ||
      !add_subject_entry(name, "UID", subject.agency_code) ||
      !add_subject_entry(name, "CN", subject.common_name))
    return ca_failed("subject");
  X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer->cert.get()) : name);
  X509_set_pubkey(cert, out.key.get());
  X509* signer = issuer ? issuer->cert.get() : cert;
  if (!add_extension(cert, signer, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE") ||
      !add_extension(
          cert, signer, NID_key_usage,
          ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation"))
    return ca_failed("extensions");
  if (X509_sign(cert, issuer ? issuer->key.get() : out.key.get(), EVP_sha256()) <= 0)
    return ca_failed("sign");
  return out;
}

}  // namespace

struct CertificateAuthority::State {
  Issued root;
};

CertificateAuthority::CertificateAuthority(std::unique_ptr<State> s) : s_(std::move(s)) {}
CertificateAuthority::CertificateAuthority(CertificateAuthority&&) noexcept = default;
CertificateAuthority& CertificateAuthority::operator=(CertificateAuthority&&) noexcept = default;
CertificateAuthority::~CertificateAuthority() = default;

Result<CertificateAuthority> CertificateAuthority::create(const Subject& root, Instant from,
                                                          Instant to) {
  auto state = std::make_unique<State>();
  TS_ASSIGN_OR_RETURN(state->root, issue_certificate(root, 1, from, to, nullptr, true));
  return CertificateAuthority(std::move(state));
}

Result<std::string> CertificateAuthority::issue_pkcs12(const Subject& subject, long serial,
                                                       Instant from, Instant to,
                                                       const std::string& password) const {
  TS_ASSIGN_OR_RETURN(auto who, issue_certificate(subject, serial, from, to, &s_->root, false));
  STACK_OF(X509)* chain = sk_X509_new_null();
  sk_X509_push(chain, s_->root.cert.get());
  P12Ptr p(PKCS12_create(password.c_str(), subject.common_name.c_str(), who.key.get(),
                         who.cert.get(), chain, 0, 0, 0, 0, 0));
  sk_X509_free(chain);
  if (!p) return ca_failed("PKCS12_create");
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (i2d_PKCS12_bio(bio.get(), p.get()) != 1) return ca_failed("PKCS#12 encoding");
  return memory_bio_text(bio.get());
}

std::string CertificateAuthority::root_pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), s_->root.cert.get());
  return memory_bio_text(bio.get());
}

Result<std::string> CertificateAuthority::crl_pem(const std::vector<long>& revoked, Instant now,
                                                  Instant revoked_at) const {
  CrlPtr crl(X509_CRL_new());
  TimePtr t(ASN1_TIME_new());
  if (!crl || !t) return ca_failed("CRL");
  X509_CRL_set_version(crl.get(), 1);
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(s_->root.cert.get()));
  ASN1_TIME_set(t.get(), epoch_seconds(now));
  X509_CRL_set1_lastUpdate(crl.get(), t.get());
  ASN1_TIME_set(t.get(), epoch_seconds(now + std::chrono::hours(24 * 30)));
  X509_CRL_set1_nextUpdate(crl.get(), t.get());
  for (long serial : revoked) {
    X509_REVOKED* r = X509_REVOKED_new();
    ASN1_INTEGER* n = ASN1_INTEGER_new();
    ASN1_INTEGER_set(n, serial);
    X509_REVOKED_set_serialNumber(r, n);
    ASN1_INTEGER_free(n);
    ASN1_TIME_set(t.get(), epoch_seconds(revoked_at));
    X509_REVOKED_set_revocationDate(r, t.get());
    X509_CRL_add0_revoked(crl.get(), r);
  }
  X509_CRL_sort(crl.get());
  if (X509_CRL_sign(crl.get(), s_->root.key.get(), EVP_sha256()) <= 0) return ca_failed("CRL sign");
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_CRL(bio.get(), crl.get());
  return memory_bio_text(bio.get());
}

}  // namespace tinhso::signing
