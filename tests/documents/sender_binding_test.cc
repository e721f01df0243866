// Which agency a signing certificate speaks for: the agency code in its subject, or a pin of
// its fingerprint configured by the operator — never merely being trusted.
#include <gtest/gtest.h>

#include "documents/exchange/inbound.h"

namespace tinhso::documents::exchange {
namespace {

signing::Verification cert(std::vector<std::string> subject, std::string sha256 = "ab12") {
  signing::Verification v;
  v.subject_values = std::move(subject);
  v.certificate_sha256 = std::move(sha256);
  return v;
}

TEST(SenderBindingTest, TheSubjectMustNameTheSendingAgency) {
  auto v = cert({"VN", "UBND tỉnh An Khang", "000.00.03.H47", "Sở Tư pháp tỉnh An Khang"});
  EXPECT_TRUE(certificate_speaks_for(v, "000.00.03.H47", {}));
  EXPECT_FALSE(certificate_speaks_for(v, "000.00.05.H47", {}));
  EXPECT_FALSE(certificate_speaks_for(v, "", {}));
  // A prefixed identifier ("MST:…", "MNS:…") names the code too; a longer code does not.
  EXPECT_TRUE(certificate_speaks_for(cert({"MNS:000.00.03.H47"}), "000.00.03.H47", {}));
  EXPECT_FALSE(certificate_speaks_for(cert({"1000.00.03.H47"}), "000.00.03.H47", {}));
  EXPECT_FALSE(certificate_speaks_for(cert({"Sở Tư pháp"}), "000.00.03.H47", {}));
}

TEST(SenderBindingTest, APinnedFingerprintSpeaksForItsCodeOrSuffixOnly) {
  std::string fp(64, 'a');
  auto v = cert({"Sở Tư pháp"}, fp);
  std::string colons;
  for (std::size_t i = 0; i < fp.size(); i += 2) colons += (i ? ":" : "") + fp.substr(i, 2);
  EXPECT_TRUE(certificate_speaks_for(v, "000.00.03.H47", {"000.00.03.H47=" + fp}));
  EXPECT_TRUE(certificate_speaks_for(v, "000.00.03.H47", {"000.00.03.H47=" + colons}));
  EXPECT_TRUE(certificate_speaks_for(v, "000.00.09.H47", {".H47=" + std::string(64, 'A')}));
  EXPECT_FALSE(certificate_speaks_for(v, "000.00.03.H48", {".H47=" + fp}));
  EXPECT_FALSE(
      certificate_speaks_for(v, "000.00.03.H47", {"000.00.03.H47=" + std::string(64, 'b')}));
  EXPECT_FALSE(certificate_speaks_for(cert({}, ""), "000.00.03.H47", {"000.00.03.H47="}));
}

}  // namespace
}  // namespace tinhso::documents::exchange
