// A test public-key infrastructure generated for each run (signing::CertificateAuthority): a
// root CA with its revocation list, two agencies' certificates (naming their agency codes),
// personal certificates (valid, revoked, expired) and one from a CA nobody trusts, each as a
// PKCS#12 file with its chain.
#pragma once

#include <string>

#include "core/base/time.h"

namespace tinhso::testing {

struct TestPki {
  static constexpr const char* kPassword = "tinhso-test";
  static constexpr const char* kAgencyCode = "000.00.03.H47";      // Sở Tư pháp tỉnh An Khang
  static constexpr const char* kPeerAgencyCode = "000.00.03.H48";  // Sở Tư pháp tỉnh Bình Sơn
  // Certificates valid around `now` (the expired one ended a year before it).
  static TestPki generate(Instant now);

  std::string root_pem;  // trusted root
  std::string crl_pem;   // the root's CRL, listing the revoked certificate
  std::string agency_p12, peer_agency_p12, personal_p12, revoked_p12, expired_p12, stranger_p12;

  // Writes root.pem, root.crl.pem and <name>.p12 files into `dir`.
  void write_to(const std::string& dir) const;
};

// `xml` with everything inside its <KeyInfo> element replaced by `inner`, for attacks on
// signature key references. Plain string search: std::regex's recursive matcher overflows the
// stack on a signed message's base64 under ASan.
inline std::string with_key_info(std::string xml, const std::string& inner) {
  const std::string open = "<KeyInfo>", close = "</KeyInfo>";
  std::size_t from = xml.find(open);
  std::size_t to = xml.rfind(close);
  if (from == std::string::npos || to == std::string::npos || to < from) return xml;
  from += open.size();
  return xml.replace(from, to - from, inner);
}

}  // namespace tinhso::testing
