// The receiving side of the edXML exchange. Every message is first judged as a whole — XML that
// parses safely, a valid signature by a trusted agency certificate, every required field, our
// agency among the recipients, acceptable attachments — and then imported in one transaction:
// an arrival for each of our recipient units (with its files and their CMS signatures), or the
// status of one of our issued documents at the sender. Whatever happens, the message is kept
// (exchange_received) with its outcome; a rejected one keeps its reason and is never half
// imported. A repeat (same Idempotency-Key, or a document already arrived) changes nothing,
// also when both copies arrive at the same moment.
//
// The endpoint is anonymous, so what a sender can cost us is bounded: a rejected message keeps
// only its first exchange.rejected_keep_kb and its hash, a sender address whose messages keep
// being rejected is refused (429) for a while before anything is parsed, and the signing
// certificate must belong to the agency the message says it comes from.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/base/rate_limiter.h"
#include "core/files/file_store.h"
#include "core/services.h"
#include "core/signing/file_signer.h"

namespace tinhso::documents::exchange {

struct Received {
  int http_status = 201;  // 201 imported, 200 a repeat
  boost::json::object body;
};

// Whether the certificate that signed a message speaks for `agency_code`: its subject names
// the code (an attribute equal to it, or ending in ":<code>"), or exchange.sender_certificates
// pins its SHA-256 fingerprint for that code (or a ".suffix" of it).
bool certificate_speaks_for(const signing::Verification& v, std::string_view agency_code,
                            const std::vector<std::string>& pins);

class Receiver {
 public:
  Receiver(Services& s, const signing::FileSigner& signer, files::FileStore& files);

  // Errors carry their own status and code (edxml.malformed, edxml.dtd_forbidden,
  // edxml.too_large, edxml.signature_*, edxml.signer_not_sender, edxml.invalid,
  // edxml.unknown_recipient, edxml.unknown_document, edxml.attachment_refused,
  // edxml.too_many_rejected) and a Vietnamese message.
  Result<Received> receive(std::string_view bytes, std::optional<std::string> idempotency_key,
                           const std::string& remote_addr);

 private:
  Services& s_;
  const signing::FileSigner& signer_;
  files::FileStore& files_;
  RateLimiter rejections_;  // per sender address
};

}  // namespace tinhso::documents::exchange
