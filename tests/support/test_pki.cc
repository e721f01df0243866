#include "support/test_pki.h"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <stdexcept>

namespace tinhso::testing {
namespace {

struct Issued {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
};

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what);
}

EVP_PKEY* new_key() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  check(key != nullptr, "EC key");
  return key;
}

void add_name(X509_NAME* name, const char* field, const std::string& value) {
  check(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                   0) == 1,
        field);
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  check(ext != nullptr, "extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

int64_t seconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// A certificate for `cn`/`org`, valid from `from` to `to`, signed by `issuer` (self if null).
Issued issue(const std::string& cn, const std::string& org, long serial, Instant from, Instant to,
             const Issued* issuer, bool ca) {
  Issued out;
  out.key = new_key();
  out.cert = X509_new();
  X509_set_version(out.cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(out.cert), serial);
  ASN1_TIME_set(X509_getm_notBefore(out.cert), seconds(from));
  ASN1_TIME_set(X509_getm_notAfter(out.cert), seconds(to));
  X509_NAME* name = X509_get_subject_name(out.cert);
  add_name(name, "C", "VN");
  add_name(name, "O", org);
  add_name(name, "CN", cn);
  X509_set_issuer_name(out.cert, issuer ? X509_get_subject_name(issuer->cert) : name);
  X509_set_pubkey(out.cert, out.key);
  X509* signer_cert = issuer ? issuer->cert : out.cert;
  add_ext(out.cert, signer_cert, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
  add_ext(out.cert, signer_cert, NID_key_usage,
          ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation");
  check(X509_sign(out.cert, issuer ? issuer->key : out.key, EVP_sha256()) > 0, "sign");
  return out;
}

std::string pem_cert(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  std::string out(p, static_cast<std::size_t>(n));
  BIO_free(bio);
  return out;
}

std::string p12(const Issued& who, const Issued& ca, const std::string& friendly) {
  STACK_OF(X509)* chain = sk_X509_new_null();
  sk_X509_push(chain, ca.cert);
  PKCS12* p =
      PKCS12_create(TestPki::kPassword, friendly.c_str(), who.key, who.cert, chain, 0, 0, 0, 0, 0);
  sk_X509_free(chain);
  check(p != nullptr, "PKCS12_create");
  BIO* bio = BIO_new(BIO_s_mem());
  i2d_PKCS12_bio(bio, p);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  PKCS12_free(p);
  return out;
}

void release(Issued& i) {
  EVP_PKEY_free(i.key);
  X509_free(i.cert);
}

}  // namespace

TestPki TestPki::generate(Instant now) {
  using std::chrono::hours;
  const auto day = hours(24), year = hours(24 * 365);
  TestPki pki;
  Issued root = issue("tinhso Test Root CA", "tinhso test PKI", 1, now - year, now + 10 * year,
                      nullptr, true);
  Issued stranger_ca =
      issue("Untrusted CA", "Nobody", 1, now - year, now + 10 * year, nullptr, true);
  Issued agency = issue("Sở Tư pháp tỉnh An Khang", "UBND tỉnh An Khang", 10, now - day,
                        now + 2 * year, &root, false);
  Issued personal = issue("Trần Quốc Hùng", "Sở Tư pháp tỉnh An Khang", 11, now - day,
                          now + 2 * year, &root, false);
  Issued revoked = issue("Nguyễn Văn Thu Hồi", "Sở Tư pháp tỉnh An Khang", 12, now - day,
                         now + 2 * year, &root, false);
  Issued expired = issue("Lê Văn Hết Hạn", "Sở Tư pháp tỉnh An Khang", 13, now - 2 * year,
                         now - year, &root, false);
  Issued stranger = issue("Người Lạ", "Nobody", 14, now - day, now + year, &stranger_ca, false);

  pki.root_pem = pem_cert(root.cert);
  pki.agency_p12 = p12(agency, root, "agency");
  pki.personal_p12 = p12(personal, root, "personal");
  pki.revoked_p12 = p12(revoked, root, "revoked");
  pki.expired_p12 = p12(expired, root, "expired");
  pki.stranger_p12 = p12(stranger, stranger_ca, "stranger");

  // The root's CRL: the revoked certificate, revoked yesterday.
  X509_CRL* crl = X509_CRL_new();
  X509_CRL_set_version(crl, 1);
  X509_CRL_set_issuer_name(crl, X509_get_subject_name(root.cert));
  ASN1_TIME* t = ASN1_TIME_new();
  ASN1_TIME_set(t, seconds(now - hours(1)));
  X509_CRL_set1_lastUpdate(crl, t);
  ASN1_TIME_set(t, seconds(now + 30 * day));
  X509_CRL_set1_nextUpdate(crl, t);
  X509_REVOKED* r = X509_REVOKED_new();
  X509_REVOKED_set_serialNumber(r, X509_get_serialNumber(revoked.cert));
  ASN1_TIME_set(t, seconds(now - day / 2));
  X509_REVOKED_set_revocationDate(r, t);
  X509_CRL_add0_revoked(crl, r);
  ASN1_TIME_free(t);
  X509_CRL_sort(crl);
  check(X509_CRL_sign(crl, root.key, EVP_sha256()) > 0, "CRL sign");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_CRL(bio, crl);
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  pki.crl_pem.assign(p, static_cast<std::size_t>(n));
  BIO_free(bio);
  X509_CRL_free(crl);

  for (Issued* i : {&root, &stranger_ca, &agency, &personal, &revoked, &expired, &stranger})
    release(*i);
  return pki;
}

void TestPki::write_to(const std::string& dir) const {
  auto put = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
  };
  put("root.pem", root_pem);
  put("root.crl.pem", crl_pem);
  put("agency.p12", agency_p12);
  put("personal.p12", personal_p12);
  put("revoked.p12", revoked_p12);
  put("expired.p12", expired_p12);
  put("stranger.p12", stranger_p12);
}

}  // namespace tinhso::testing
