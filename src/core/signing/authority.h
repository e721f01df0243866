// A small certificate authority: a root that issues certificates and PKCS#12 keys and signs a
// revocation list. `tinhso demo` uses it to give the demo province a working PKI out of the
// box (clearly named as a demo), and the tests use it for theirs. A real province's keys come
// from its licensed certification service (Ban Cơ yếu Chính phủ for state agencies).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"

namespace tinhso::signing {

struct Subject {
  std::string common_name;
  std::string organisation;
  // The agency code (mã định danh), as a UID attribute: binds an agency's certificate to the
  // agency it signs for (edXML senders are checked against it).
  std::string agency_code;
};

class CertificateAuthority {
 public:
  // A self-signed root valid from `from` to `to`.
  static Result<CertificateAuthority> create(const Subject& root, Instant from, Instant to);
  CertificateAuthority(CertificateAuthority&&) noexcept;
  CertificateAuthority& operator=(CertificateAuthority&&) noexcept;
  ~CertificateAuthority();

  // A signing certificate (digitalSignature, nonRepudiation) for `subject` with a new P-256
  // key, as PKCS#12 (key, certificate and the root) protected by `password`. `serial` must be
  // unique within this authority.
  Result<std::string> issue_pkcs12(const Subject& subject, long serial, Instant from, Instant to,
                                   const std::string& password) const;
  std::string root_pem() const;
  // The root's revocation list, issued at `now`, valid 30 days, listing `revoked` serials
  // (revoked at `revoked_at`).
  Result<std::string> crl_pem(const std::vector<long>& revoked, Instant now,
                              Instant revoked_at) const;

 private:
  struct State;
  explicit CertificateAuthority(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace tinhso::signing
