// The receiving side of the edXML exchange. Every message is first judged as a whole — XML that
// parses safely, a valid signature by a trusted agency certificate, every required field, our
// agency among the recipients, acceptable attachments — and then imported in one transaction:
// an arrival for each of our recipient units (with its files and their CMS signatures), or the
// status of one of our issued documents at the sender. Whatever happens, the message is kept
// (exchange_received) with its outcome; a rejected one keeps its reason and is never half
// imported. A repeat (same Idempotency-Key, or a document already arrived) changes nothing.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/files/file_store.h"
#include "core/services.h"
#include "documents/signatures.h"

namespace tinhso::documents::exchange {

struct Received {
  int http_status = 201;  // 201 imported, 200 a repeat
  boost::json::object body;
};

// Errors carry their own status and code (edxml.malformed, edxml.dtd_forbidden,
// edxml.too_large, edxml.signature_*, edxml.invalid, edxml.unknown_recipient,
// edxml.unknown_document, edxml.attachment_refused) and a Vietnamese message.
Result<Received> receive(Services& s, const DocumentSigner& signer, files::FileStore& files,
                         std::string_view bytes, std::optional<std::string> idempotency_key,
                         const std::string& remote_addr);

}  // namespace tinhso::documents::exchange
