// edXML messages as XML (QCVN 102:2016): writing a document or status message, and reading a
// received one back, checking every field a recipient relies on. The layout is
//   <edXML xmlns="…QCVN_102_2016">
//     <edXML:edXMLEnvelope>
//       <edXML:edXMLHeader> MessageHeader | Status, TraceHeaderList, ds:Signature </…>
//       <edXML:edXMLBody><edXML:edXMLManifest> Reference… </…></edXML:edXMLBody>
//     </edXML:edXMLEnvelope>
//     <AttachmentEncoded> Attachment (base64)… </AttachmentEncoded>
//   </edXML>
// The signature (dsig.h) covers the whole message, attachments included.
#pragma once

#include <variant>

#include "core/base/result.h"
#include "documents/edxml/message.h"
#include "documents/edxml/xml.h"

namespace tinhso::documents::edxml {

// Unsigned messages; `trace_timestamp` is the sending time shown in the TraceHeader.
XmlDoc write_document(const DocumentMessage& m, std::string_view trace_timestamp);
XmlDoc write_status(const StatusMessage& m);

// Where the signature goes (and is looked for): the edXMLHeader element; null if absent.
xmlNode* signature_parent(xmlDoc* doc);

struct ReadLimits {
  std::size_t max_attachment_bytes = 20 * 1024 * 1024;
  std::size_t max_attachments = 50;
};

using Message = std::variant<DocumentMessage, StatusMessage>;
// Reads a parsed message. Errors: 422 edxml.invalid with the problems per field (in
// Vietnamese) when something required is missing or wrong.
Result<Message> read_message(xmlDoc* doc, const ReadLimits& limits);

}  // namespace tinhso::documents::edxml
