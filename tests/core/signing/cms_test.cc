// Detached CMS signatures against a PKI generated for the run: a valid signature names its
// signer and time; a changed file, a revoked, expired or untrusted certificate, a missing CRL,
// a wrong password and garbage are each told apart.
#include "core/signing/cms.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/test_pki.h"

namespace tinhso::signing {
namespace {

using testing::TestPki;

class CmsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(TestPki::generate(kNow)); }
  static void TearDownTestSuite() { delete pki_; }

  static SigningKey key(const std::string& p12) {
    auto k = SigningKey::from_pkcs12(p12, TestPki::kPassword);
    EXPECT_TRUE(k.ok());
    return std::move(*k);
  }
  static TrustStore trust(bool with_crl = true) {
    auto t =
        TrustStore::from_pem({pki_->root_pem}, with_crl ? std::vector<std::string>{pki_->crl_pem}
                                                        : std::vector<std::string>{});
    EXPECT_TRUE(t.ok());
    return std::move(*t);
  }
  static Verification sign_and_verify(const std::string& p12, bool with_crl = true) {
    auto sig = key(p12).sign_detached(kPdf, kNow);
    EXPECT_TRUE(sig.ok());
    return verify_detached(kPdf, *sig, trust(with_crl), kNow + std::chrono::minutes(5));
  }

  static inline const Instant kNow = Instant(std::chrono::seconds(1795000000));  // 2026-11-18
  static inline const std::string kPdf = "%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n";
  static inline TestPki* pki_ = nullptr;
};

TEST_F(CmsTest, AValidSignatureNamesItsSignerOrganisationAndTime) {
  auto k = key(pki_->personal_p12);
  EXPECT_EQ(k.subject_name(), "Trần Quốc Hùng");
  auto sig = k.sign_detached(kPdf, kNow);
  ASSERT_TRUE(sig.ok());
  auto v = verify_detached(kPdf, *sig, trust(), kNow + std::chrono::hours(1));
  EXPECT_EQ(status_name(v.status), "valid") << v.detail;
  EXPECT_EQ(v.signer_name, "Trần Quốc Hùng");
  EXPECT_EQ(v.organisation, "Sở Tư pháp tỉnh An Khang");
  ASSERT_TRUE(v.signed_at.has_value());
  EXPECT_EQ(*v.signed_at, kNow);  // the server's clock, not the machine's
  EXPECT_EQ(v.serial_hex, "0B");
}

TEST_F(CmsTest, AnAgencySignatureIsValidToo) {
  auto v = sign_and_verify(pki_->agency_p12);
  EXPECT_TRUE(v.valid()) << v.detail;
  EXPECT_EQ(v.signer_name, "Sở Tư pháp tỉnh An Khang");
}

TEST_F(CmsTest, AChangedFileBreaksTheSignature) {
  auto sig = key(pki_->personal_p12).sign_detached(kPdf, kNow);
  ASSERT_TRUE(sig.ok());
  std::string changed = kPdf;
  changed[10] = 'X';
  auto v = verify_detached(changed, *sig, trust(), kNow);
  EXPECT_EQ(v.status, SignatureStatus::kIntegrity);
  EXPECT_EQ(status_message_vi(v.status),
            "Văn bản đã bị thay đổi sau khi ký hoặc chữ ký không khớp.");
}

TEST_F(CmsTest, RevokedExpiredAndUntrustedCertificatesAreToldApart) {
  EXPECT_EQ(sign_and_verify(pki_->revoked_p12).status, SignatureStatus::kRevoked);
  EXPECT_EQ(sign_and_verify(pki_->expired_p12).status, SignatureStatus::kExpired);
  EXPECT_EQ(sign_and_verify(pki_->stranger_p12).status, SignatureStatus::kUntrusted);
  // Revocation is known only from a CRL: deployments must configure their CAs' lists.
  EXPECT_TRUE(sign_and_verify(pki_->revoked_p12, false).valid());
}

// The signature is standard CMS: the openssl command verifies it against the same root.
TEST_F(CmsTest, OpensslVerifiesOurSignatures) {
  auto sig = key(pki_->personal_p12)
                 .sign_detached(kPdf, std::chrono::time_point_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now()));
  ASSERT_TRUE(sig.ok());
  std::string dir = ::testing::TempDir() + "/cms-interop";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/doc.pdf", std::ios::binary) << kPdf;
  std::ofstream(dir + "/doc.pdf.p7s", std::ios::binary) << *sig;
  std::ofstream(dir + "/root.pem") << pki_->root_pem;
  std::string cmd = "openssl cms -verify -binary -inform DER -in " + dir +
                    "/doc.pdf.p7s -content " + dir + "/doc.pdf -CAfile " + dir +
                    "/root.pem -purpose any -out /dev/null 2>" + dir + "/err.txt";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::ofstream(dir + "/doc.pdf", std::ios::binary) << kPdf << "tampered";
  EXPECT_NE(std::system(cmd.c_str()), 0);
}

TEST_F(CmsTest, AValidCertificateBecomesExpiredWithTime) {
  auto sig = key(pki_->personal_p12).sign_detached(kPdf, kNow);
  ASSERT_TRUE(sig.ok());
  auto later = kNow + std::chrono::hours(24 * 365 * 3);
  EXPECT_EQ(verify_detached(kPdf, *sig, trust(false), later).status, SignatureStatus::kExpired);
}

TEST_F(CmsTest, BadKeysAndBadSignaturesAreRefusedCleanly) {
  EXPECT_FALSE(SigningKey::from_pkcs12(pki_->personal_p12, "wrong").ok());
  EXPECT_FALSE(SigningKey::from_pkcs12("not a pkcs12", TestPki::kPassword).ok());
  EXPECT_EQ(verify_detached(kPdf, "garbage", trust(), kNow).status, SignatureStatus::kMalformed);
  EXPECT_EQ(verify_detached(kPdf, "", trust(), kNow).status, SignatureStatus::kMalformed);
  EXPECT_FALSE(TrustStore::from_pem({"-----BEGIN CERTIFICATE-----\nAAAA\n"}, {}).ok());
}

}  // namespace
}  // namespace tinhso::signing
