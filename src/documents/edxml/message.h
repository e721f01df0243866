// The content of edXML messages (QCVN 102:2016/BTTTT): a document message carries an issued
// document with its files from one agency to others; a status message answers one (received,
// refused, assigned, completed…). These structs are what tinhso reads from and writes into
// the XML; codec.h converts, dsig.h signs and verifies.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tinhso::documents::edxml {

// The namespace of QCVN 102:2016 messages.
inline constexpr const char* kNamespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

struct Organ {
  std::string organ_id;  // the agency code (mã định danh, QCVN 102 OrganId)
  std::string organ_name;
};

struct Attachment {
  std::string content_id;  // unique within the message
  std::string name;
  std::string content_type;
  std::string description;
  std::string bytes;  // decoded
};

// A detached CMS signature over one attachment (the leader's or the agency's), carried as an
// attachment of type application/pkcs7-signature whose description names the signed one.
inline constexpr const char* kSignatureContentType = "application/pkcs7-signature";

struct DocumentMessage {
  Organ from;
  std::vector<Organ> to;
  std::string code_number;    // "183"
  std::string code_notation;  // "KH-UBND"
  std::string place;
  std::string promulgation_date;  // YYYY-MM-DD (written as YYYY/MM/DD, QCVN 102)
  std::string type_code;          // our document type key, e.g. "ke_hoach"
  std::string type_name;          // "Kế hoạch"
  std::string subject;
  std::string content;
  std::string signer_position, signer_name;
  std::optional<std::string> due_date;  // YYYY-MM-DD
  int priority = 0;                     // 0 ordinary … 4 (QCVN 102 Priority); see urgency_*
  std::optional<int> page_amount;
  std::string document_id;  // "<from organ id>,<YYYY/MM/DD>,<number>/<notation>"
  std::vector<Attachment> attachments;
};

// The recipient's answer about a received document (QCVN 102 status codes, marked verify).
struct StatusMessage {
  Organ from;                        // the recipient agency that answers
  Organ to;                          // the agency that sent the document
  std::string response_document_id;  // DocumentId of the document answered
  std::string response_code;         // its number and notation, "183/KH-UBND"
  std::string status_code;           // "01" … "06"
  std::string description;
  std::string timestamp;  // RFC 3339
  std::string staff, department;
};

// Status codes of QCVN 102 status messages as used by the national document axis (verify
// against the standard's table): our recipient statuses ↔ codes.
std::string_view status_code_for(std::string_view recipient_status);  // "" if none
std::string_view recipient_status_for(std::string_view code);         // "" if unknown

// QCVN 102 Priority ↔ our urgency keys (thuong, khan, thuong_khan, hoa_toc).
int priority_for(std::string_view urgency);
std::string_view urgency_for(int priority);

// "2026-11-23" → "2026/11/23": how QCVN 102 writes dates.
std::string qcvn_date(std::string_view iso_date);

// "<from>,<YYYY/MM/DD>,<number>/<notation>": the identifier receivers quote back.
std::string document_id(std::string_view from_organ, std::string_view iso_date,
                        std::string_view notation);

}  // namespace tinhso::documents::edxml
