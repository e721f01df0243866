// edXML (QCVN 102:2016): a document message written, signed, parsed and verified comes back
// field for field; tampering, untrusted/revoked keys, missing signatures and every kind of
// hostile XML (DTDs, entity bombs, external entities, malformed or oversized input, missing
// fields, bad base64) are refused with their own code.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "core/signing/cms.h"
#include "documents/edxml/codec.h"
#include "documents/edxml/dsig.h"
#include "support/test_pki.h"
#include "support/tripwire.h"

namespace tinhso::documents::edxml {
namespace {

using testing::FileOpenWatch;
using testing::ListenerTripwire;
using testing::TestPki;

class EdxmlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(TestPki::generate(kNow)); }
  static void TearDownTestSuite() { delete pki_; }

  static DocumentMessage sample() {
    DocumentMessage m;
    m.from = {"000.00.03.H47", "Sở Tư pháp tỉnh An Khang"};
    m.to = {{"000.00.00.H48", "Ủy ban nhân dân tỉnh Bình Sơn"},
            {"000.00.03.H48", "Sở Tư pháp tỉnh Bình Sơn"}};
    m.code_number = "183";
    m.code_notation = "KH-STP";
    m.place = "An Khang";
    m.promulgation_date = "2026-11-23";
    m.type_code = "ke_hoach";
    m.type_name = "Kế hoạch";
    m.subject = "Kế hoạch phối hợp kiểm tra công tác chứng thực năm 2027";
    m.signer_position = "Giám đốc";
    m.signer_name = "Trần Quốc Hùng";
    m.due_date = "2026-12-15";
    m.priority = 1;
    m.page_amount = 3;
    m.document_id = document_id(m.from.organ_id, m.promulgation_date, "183/KH-STP");
    m.attachments.push_back({"a1", "ke-hoach.pdf", "application/pdf", "Văn bản chính",
                             std::string("%PDF-1.7\n") + std::string(3000, 'x') + "\n%%EOF\n"});
    m.attachments.push_back({"a2", "phu-luc.pdf", "application/pdf", "Phụ lục", "%PDF-1.4 tiny"});
    return m;
  }

  static std::string signed_xml(const DocumentMessage& m, const std::string& p12) {
    XmlDoc doc = write_document(m, "2026/11/23 09:30:00");
    EXPECT_TRUE(sign(doc.get(), signature_parent(doc.get()), p12, TestPki::kPassword).ok());
    return serialize(doc.get());
  }

  static signing::TrustStore trust() {
    auto t = signing::TrustStore::from_pem({pki_->root_pem}, {pki_->crl_pem});
    EXPECT_TRUE(t.ok());
    return std::move(*t);
  }

  static signing::Verification check(const std::string& xml) {
    auto doc = parse_untrusted(xml, 64 << 20);
    EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message());
    if (!doc.ok()) return {};
    return verify(signature_parent(doc->get()), trust(), kNow + std::chrono::minutes(1));
  }

  static std::string error_code(const std::string& xml, std::size_t max = 64 << 20) {
    auto doc = parse_untrusted(xml, max);
    if (!doc.ok()) return doc.error().code();
    auto m = read_message(doc->get(), ReadLimits{});
    return m.ok() ? "ok" : m.error().code();
  }

  static inline const Instant kNow = Instant(std::chrono::seconds(1795000000));
  static inline TestPki* pki_ = nullptr;
};

TEST_F(EdxmlTest, ADocumentMessageRoundTripsFieldForField) {
  DocumentMessage m = sample();
  std::string xml = signed_xml(m, pki_->agency_p12);
  EXPECT_NE(xml.find("http://www.mic.gov.vn/TBT/QCVN_102_2016"), std::string::npos);
  EXPECT_NE(xml.find("<edXML:PromulgationDate>2026/11/23</edXML:PromulgationDate>"),
            std::string::npos);
  auto doc = parse_untrusted(xml, 64 << 20);
  ASSERT_TRUE(doc.ok());
  auto read = read_message(doc->get(), ReadLimits{});
  ASSERT_TRUE(read.ok()) << read.error().message()
                         << boost::json::serialize(read.error().details());
  const auto& r = std::get<DocumentMessage>(*read);
  EXPECT_EQ(r.from.organ_id, m.from.organ_id);
  EXPECT_EQ(r.from.organ_name, m.from.organ_name);
  ASSERT_EQ(r.to.size(), 2u);
  EXPECT_EQ(r.to[1].organ_id, "000.00.03.H48");
  EXPECT_EQ(r.code_number, "183");
  EXPECT_EQ(r.code_notation, "KH-STP");
  EXPECT_EQ(r.promulgation_date, "2026-11-23");
  EXPECT_EQ(r.type_code, "ke_hoach");
  EXPECT_EQ(r.type_name, "Kế hoạch");
  EXPECT_EQ(r.subject, m.subject);
  EXPECT_EQ(r.signer_name, "Trần Quốc Hùng");
  EXPECT_EQ(r.due_date, std::optional<std::string>("2026-12-15"));
  EXPECT_EQ(r.priority, 1);
  EXPECT_EQ(r.page_amount, std::optional<int>(3));
  EXPECT_EQ(r.document_id, "000.00.03.H47,2026/11/23,183/KH-STP");
  ASSERT_EQ(r.attachments.size(), 2u);
  EXPECT_EQ(r.attachments[0].name, "ke-hoach.pdf");
  EXPECT_EQ(r.attachments[0].bytes, m.attachments[0].bytes);
  EXPECT_EQ(r.attachments[1].description, "Phụ lục");
}

TEST_F(EdxmlTest, AStatusMessageRoundTrips) {
  StatusMessage s;
  s.from = {"000.00.03.H48", "Sở Tư pháp tỉnh Bình Sơn"};
  s.to = {"000.00.03.H47", ""};
  s.response_document_id = "000.00.03.H47,2026/11/23,183/KH-STP";
  s.response_code = "183/KH-STP";
  s.status_code = std::string(status_code_for("assigned"));
  s.description = "Đã giao Phòng Hành chính tư pháp xử lý";
  s.timestamp = "2026-11-23T10:00:00+07:00";
  s.staff = "Hoàng Thị Mai";
  XmlDoc doc = write_status(s);
  auto parsed = parse_untrusted(serialize(doc.get()), 1 << 20);
  ASSERT_TRUE(parsed.ok());
  auto read = read_message(parsed->get(), ReadLimits{});
  ASSERT_TRUE(read.ok());
  const auto& r = std::get<StatusMessage>(*read);
  EXPECT_EQ(r.status_code, "04");
  EXPECT_EQ(recipient_status_for(r.status_code), "assigned");
  EXPECT_EQ(r.from.organ_id, "000.00.03.H48");
  EXPECT_EQ(r.to.organ_id, "000.00.03.H47");
  EXPECT_EQ(r.response_document_id, s.response_document_id);
  EXPECT_EQ(r.description, s.description);
  EXPECT_EQ(r.staff, "Hoàng Thị Mai");
}

TEST_F(EdxmlTest, TheAgencySignatureVerifiesAndNamesTheAgency) {
  auto v = check(signed_xml(sample(), pki_->agency_p12));
  EXPECT_EQ(signing::status_name(v.status), "valid") << v.detail;
  EXPECT_FALSE(v.organisation.empty());
  EXPECT_FALSE(v.signer_name.empty());
}

TEST_F(EdxmlTest, AChangedAttachmentOrHeaderBreaksTheSignature) {
  std::string xml = signed_xml(sample(), pki_->agency_p12);
  std::string subject = xml;
  subject.replace(subject.find("năm 2027"), 8, "năm 2028");
  EXPECT_EQ(signing::status_name(check(subject).status), "integrity");
  // The small attachment's base64 ("%PDF-1.4 tiny" → "JVBERi0xLjQgdGlueQ==").
  std::string attachment = xml;
  auto at = attachment.find("JVBERi0xLjQgdGlueQ==");
  ASSERT_NE(at, std::string::npos);
  attachment.replace(at, 4, "JVBF");
  EXPECT_EQ(signing::status_name(check(attachment).status), "integrity");
}

TEST_F(EdxmlTest, RevokedExpiredAndUntrustedKeysAreToldApart) {
  EXPECT_EQ(signing::status_name(check(signed_xml(sample(), pki_->revoked_p12)).status), "revoked");
  EXPECT_EQ(signing::status_name(check(signed_xml(sample(), pki_->expired_p12)).status), "expired");
  EXPECT_EQ(signing::status_name(check(signed_xml(sample(), pki_->stranger_p12)).status),
            "untrusted");
}

TEST_F(EdxmlTest, UnsignedOrPartlySignedMessagesAreRefused) {
  XmlDoc doc = write_document(sample(), "2026/11/23 09:30:00");
  EXPECT_EQ(signing::status_name(check(serialize(doc.get())).status), "malformed");
  // A signature whose reference covers only part of the message (signature wrapping).
  std::string xml = signed_xml(sample(), pki_->agency_p12);
  std::string partial = std::regex_replace(xml, std::regex("URI=\"\""), "URI=\"#part\"");
  EXPECT_EQ(signing::status_name(check(partial).status), "malformed");
  // Two signatures: which one counts is ambiguous, so neither does.
  auto sig_start = xml.find("<Signature");
  auto sig_end = xml.find("</Signature>") + 12;
  std::string twice = xml;
  twice.insert(sig_end, xml.substr(sig_start, sig_end - sig_start));
  EXPECT_EQ(signing::status_name(check(twice).status), "malformed");
}

// The key must come inline. A KeyInfo that points elsewhere (RetrievalMethod over http:// or
// file://) made the server fetch it before refusing the message: an anonymous SSRF.
TEST_F(EdxmlTest, KeyInfoThatPointsElsewhereIsRefusedWithoutFetchingAnything) {
  std::string xml = signed_xml(sample(), pki_->stranger_p12);
  auto with_key_info = [&](const std::string& inner) { return testing::with_key_info(xml, inner); };
  const std::string x509 = "http://www.w3.org/2000/09/xmldsig#X509Data";
  const std::string raw = "http://www.w3.org/2000/09/xmldsig#rawX509Certificate";

  ListenerTripwire listener;
  for (const std::string& inner :
       {"<RetrievalMethod URI=\"" + listener.url("/key") + "\" Type=\"" + x509 + "\"/>",
        "<RetrievalMethod URI=\"" + listener.url("/cert") + "\" Type=\"" + raw + "\"/>" +
            std::string("<X509Data/>")}) {
    auto v = check(with_key_info(inner));
    EXPECT_EQ(signing::status_name(v.status), "malformed") << v.detail;
  }
  EXPECT_EQ(listener.connections(), 0);

  char path[] = "/tmp/tinhso-keyinfo-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  std::ofstream(path) << pki_->root_pem;
  {
    FileOpenWatch watch(path);
    for (const std::string& type : {x509, raw}) {
      auto v = check(with_key_info("<RetrievalMethod URI=\"file://" + std::string(path) +
                                   "\" Type=\"" + type + "\"/>"));
      EXPECT_EQ(signing::status_name(v.status), "malformed") << v.detail;
    }
    // KeyName and KeyValue would let a message choose a key we did not issue.
    auto named = check(with_key_info("<KeyName>" + std::string(path) + "</KeyName>"));
    EXPECT_EQ(signing::status_name(named.status), "malformed");
    EXPECT_EQ(watch.openings(), 0);
  }
  ::close(fd);
  std::remove(path);
  // Our own messages still verify.
  EXPECT_EQ(signing::status_name(check(signed_xml(sample(), pki_->agency_p12)).status), "valid");
}

TEST_F(EdxmlTest, HostileXmlIsRefusedBeforeAnythingIsExpanded) {
  std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
      "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">&lol3;</edXML>";
  EXPECT_EQ(error_code(bomb), "edxml.dtd_forbidden");
  std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
      "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">&e;</edXML>";
  EXPECT_EQ(error_code(xxe), "edxml.dtd_forbidden");
  std::string external =
      "<?xml version=\"1.0\"?><!DOCTYPE edXML SYSTEM \"http://127.0.0.1:1/x.dtd\">"
      "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"/>";
  EXPECT_EQ(error_code(external), "edxml.dtd_forbidden");
  EXPECT_EQ(error_code("<edXML><unclosed></edXML>"), "edxml.malformed");
  EXPECT_EQ(error_code(""), "edxml.malformed");
  EXPECT_EQ(error_code(std::string(2000, ' ') + "<a/>", 1000), "edxml.too_large");
  EXPECT_EQ(error_code("<edXML xmlns=\"urn:other\"/>"), "edxml.not_edxml");
}

TEST_F(EdxmlTest, MissingFieldsAndBadAttachmentsAreNamed) {
  DocumentMessage m = sample();
  m.subject.clear();
  m.from.organ_id = "not-a-code";
  m.promulgation_date = "2026-13-45";
  XmlDoc doc = write_document(m, "x");
  auto parsed = parse_untrusted(serialize(doc.get()), 1 << 20);
  ASSERT_TRUE(parsed.ok());
  auto r = read_message(parsed->get(), ReadLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), "edxml.invalid");
  const auto& fields = r.error().details().at("fields").as_object();
  EXPECT_TRUE(fields.contains("Subject"));
  EXPECT_TRUE(fields.contains("From.OrganId"));
  EXPECT_TRUE(fields.contains("PromulgationInfo.PromulgationDate"));

  std::string xml = serialize(write_document(sample(), "x").get());
  std::string bad64 = xml;
  bad64.replace(bad64.find("JVBERi0xLjQgdGlueQ=="), 4, "!!!!");
  EXPECT_EQ(error_code(bad64), "edxml.invalid");
  DocumentMessage big = sample();
  big.attachments[0].bytes.assign(2 << 20, 'x');
  std::string big_xml = serialize(write_document(big, "x").get());
  auto big_doc = parse_untrusted(big_xml, 64 << 20);
  ASSERT_TRUE(big_doc.ok());
  auto too_big = read_message(big_doc->get(), ReadLimits{.max_attachment_bytes = 1 << 20});
  ASSERT_FALSE(too_big.ok());
  EXPECT_TRUE(too_big.error().details().at("fields").as_object().contains("Attachment[0]"));
}

}  // namespace
}  // namespace tinhso::documents::edxml
