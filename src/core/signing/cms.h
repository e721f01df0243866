// Digital signatures on document files: detached CMS (PKCS#7) signatures, SHA-256, made with
// a PKCS#12 key of a person or an agency, and verified against configured trust roots and
// certificate revocation lists.
//
// Why detached CMS and not a signature embedded in the PDF (PAdES): embedding needs an
// incremental PDF update with a signature dictionary and a byte-range placeholder, which no
// library on Debian 12 that we use (cairo writes PDFs, it does not edit them) offers; a
// detached CMS signature over the exact bytes of the PDF is the same cryptographic object a
// PAdES signature embeds (/SubFilter ETSI.CAdES.detached), it travels with the file (and in
// edXML), and any verifier (openssl cms -verify, Adobe with the .p7s) checks it.
//
// The signing time is the server's clock, as a signed attribute (no external timestamp
// authority is reachable here). Verification uses the server's clock too.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"

namespace tinhso::signing {

// A private key with its certificate and chain, loaded from a PKCS#12 file.
class SigningKey {
 public:
  static Result<SigningKey> from_pkcs12(std::string_view der, const std::string& password);
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  ~SigningKey();

  std::string subject_name() const;  // the certificate's common name
  std::string organisation() const;  // its O
  std::string serial_hex() const;

  // DER-encoded detached CMS SignedData over `data`, signed at `at`.
  Result<std::string> sign_detached(std::string_view data, Instant at) const;

 private:
  struct State;
  explicit SigningKey(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

// Trust roots (and intermediate certificates) with their revocation lists, PEM.
class TrustStore {
 public:
  static Result<TrustStore> from_pem(const std::vector<std::string>& certificates,
                                     const std::vector<std::string>& crls);
  TrustStore(TrustStore&&) noexcept;
  TrustStore& operator=(TrustStore&&) noexcept;
  ~TrustStore();

 private:
  friend struct Verifier;
  struct State;
  explicit TrustStore(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

enum class SignatureStatus {
  kValid,
  kMalformed,  // not a CMS signature
  kIntegrity,  // the file was changed, or the signature does not match the key
  kUntrusted,  // the certificate does not lead to a trusted root
  kExpired,    // the certificate has expired (or is not yet valid)
  kRevoked,    // the certificate is on its issuer's revocation list
  kNoCrl,      // the issuer's revocation list is not available
};
std::string_view status_name(SignatureStatus s);  // valid | malformed | integrity | …
std::string_view status_message_vi(SignatureStatus s);

struct Verification {
  SignatureStatus status = SignatureStatus::kMalformed;
  std::string detail;  // OpenSSL's reason, for developers
  std::string signer_name, organisation, serial_hex;
  std::vector<std::string> subject_values;  // every attribute value of the subject (UTF-8)
  std::string certificate_sha256;           // fingerprint of the signer's certificate (hex)
  std::optional<Instant> signed_at, not_before, not_after;
  bool valid() const { return status == SignatureStatus::kValid; }
};

Verification verify_detached(std::string_view data, std::string_view cms_der,
                             const TrustStore& trust, Instant now);

// The certificate alone (DER), with intermediate certificates: chain, validity at `now` and
// revocation, for signatures whose integrity another layer checked (XML-DSig in edXML).
Verification verify_certificate(std::string_view cert_der,
                                const std::vector<std::string>& chain_der, const TrustStore& trust,
                                Instant now);

}  // namespace tinhso::signing
