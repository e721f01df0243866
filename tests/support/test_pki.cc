#include "support/test_pki.h"

#include <fstream>
#include <stdexcept>

#include "core/signing/authority.h"

namespace tinhso::testing {
namespace {

template <class T>
T must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error("test PKI: " + r.error().describe());
  return std::move(*r);
}

}  // namespace

TestPki TestPki::generate(Instant now) {
  using signing::CertificateAuthority;
  using signing::Subject;
  using std::chrono::hours;
  const auto day = hours(24), year = hours(24 * 365);
  auto root = must(CertificateAuthority::create({"tinhso Test Root CA", "tinhso test PKI", ""},
                                                now - year, now + 10 * year));
  auto stranger_ca = must(
      CertificateAuthority::create({"Untrusted CA", "Nobody", ""}, now - year, now + 10 * year));
  auto p12 = [&](const CertificateAuthority& ca, const Subject& s, long serial, Instant from,
                 Instant to) { return must(ca.issue_pkcs12(s, serial, from, to, kPassword)); };
  TestPki pki;
  pki.root_pem = root.root_pem();
  pki.agency_p12 = p12(root, {"Sở Tư pháp tỉnh An Khang", "UBND tỉnh An Khang", kAgencyCode}, 10,
                       now - day, now + 2 * year);
  pki.peer_agency_p12 =
      p12(root, {"Sở Tư pháp tỉnh Bình Sơn", "UBND tỉnh Bình Sơn", kPeerAgencyCode}, 15, now - day,
          now + 2 * year);
  pki.personal_p12 =
      p12(root, {"Trần Quốc Hùng", "Sở Tư pháp tỉnh An Khang", ""}, 11, now - day, now + 2 * year);
  pki.revoked_p12 = p12(root, {"Nguyễn Văn Thu Hồi", "Sở Tư pháp tỉnh An Khang", ""}, 12, now - day,
                        now + 2 * year);
  pki.expired_p12 =
      p12(root, {"Lê Văn Hết Hạn", "Sở Tư pháp tỉnh An Khang", ""}, 13, now - 2 * year, now - year);
  pki.stranger_p12 = p12(stranger_ca, {"Người Lạ", "Nobody", ""}, 14, now - day, now + year);
  // The root's CRL: the revoked certificate, revoked yesterday.
  pki.crl_pem = must(root.crl_pem({12}, now - hours(1), now - day / 2));
  return pki;
}

void TestPki::write_to(const std::string& dir) const {
  auto put = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
  };
  put("root.pem", root_pem);
  put("root.crl.pem", crl_pem);
  put("agency.p12", agency_p12);
  put("peer-agency.p12", peer_agency_p12);
  put("personal.p12", personal_p12);
  put("revoked.p12", revoked_p12);
  put("expired.p12", expired_p12);
  put("stranger.p12", stranger_p12);
}

}  // namespace tinhso::testing
