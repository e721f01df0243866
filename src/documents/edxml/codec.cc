#include "documents/edxml/codec.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <set>

#include "core/base/crypto.h"
#include "core/base/time.h"
#include "core/identity/agency_code.h"

namespace tinhso::documents::edxml {
namespace {

using boost::json::object;

constexpr const char* kXlink = "http://www.w3.org/1999/xlink";
constexpr std::string_view kNs = kNamespace;

struct Skeleton {
  XmlDoc doc;
  xmlNode* root = nullptr;
  xmlNode* envelope = nullptr;
  xmlNode* header = nullptr;
  xmlNs* ns = nullptr;  // the edXML: prefix
};

Skeleton skeleton() {
  Skeleton s;
  s.doc.reset(xmlNewDoc(xs("1.0")));
  s.root = xmlNewDocNode(s.doc.get(), nullptr, xs("edXML"), nullptr);
  xmlDocSetRootElement(s.doc.get(), s.root);
  xmlSetNs(s.root, xmlNewNs(s.root, xs(kNamespace), nullptr));
  s.envelope = xmlNewChild(s.root, nullptr, xs("edXMLEnvelope"), nullptr);
  s.ns = xmlNewNs(s.envelope, xs(kNamespace), xs("edXML"));
  xmlSetNs(s.envelope, s.ns);
  s.header = add(s.envelope, s.ns, "edXMLHeader");
  return s;
}

void organ(xmlNode* parent, xmlNs* ns, const char* name, const Organ& o) {
  xmlNode* n = add(parent, ns, name);
  add(n, ns, "OrganId", o.organ_id);
  add(n, ns, "OrganName", o.organ_name);
}

// Accepts YYYY/MM/DD, YYYY-MM-DD and DD/MM/YYYY; returns YYYY-MM-DD or "".
std::string iso_date(std::string_view s) {
  std::string d(s.substr(0, 10));
  if (d.size() == 10 && d[2] == '/' && d[5] == '/')
    d = d.substr(6, 4) + "-" + d.substr(3, 2) + "-" + d.substr(0, 2);
  for (char& c : d)
    if (c == '/') c = '-';
  return parse_iso_date(d).ok() ? d : std::string();
}

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string strip_cid(std::string s) {
  if (s.rfind("cid:", 0) == 0) s.erase(0, 4);
  return s;
}

// Collects field problems so a sender learns everything wrong at once.
class Problems {
 public:
  void add(const std::string& field, std::string message) {
    if (!fields_.contains(field)) fields_[field] = std::move(message);
  }
  bool any() const { return !fields_.empty(); }
  Error error() const {
    return Error(422, "edxml.invalid", "Gói tin edXML thiếu hoặc sai thông tin bắt buộc.",
                 object{{"fields", fields_}});
  }

 private:
  object fields_;
};

Organ read_organ(const xmlNode* n, const std::string& field, Problems& p) {
  Organ o{child_text(n, kNs, "OrganId"), child_text(n, kNs, "OrganName")};
  if (n == nullptr)
    p.add(field, "Thiếu thông tin cơ quan.");
  else if (!identity::parse_agency_code(o.organ_id))
    p.add(field + ".OrganId", "Mã định danh cơ quan không hợp lệ.");
  return o;
}

Result<Message> read_status(const xmlNode* st) {
  Problems p;
  StatusMessage m;
  const xmlNode* rf = child(st, kNs, "ResponseFor");
  m.response_document_id = child_text(rf, kNs, "DocumentId");
  m.response_code = child_text(rf, kNs, "Code");
  m.to = Organ{child_text(rf, kNs, "OrganId"), {}};
  if (m.response_document_id.empty())
    p.add("ResponseFor.DocumentId", "Thiếu mã văn bản được trả lời.");
  m.from = read_organ(child(st, kNs, "From"), "From", p);
  m.status_code = child_text(st, kNs, "StatusCode");
  if (recipient_status_for(m.status_code).empty())
    p.add("StatusCode", "Mã trạng thái không được hỗ trợ.");
  m.description = child_text(st, kNs, "Description");
  m.timestamp = child_text(st, kNs, "Timestamp");
  const xmlNode* staff = child(st, kNs, "StaffInfo");
  m.staff = child_text(staff, kNs, "Staff");
  m.department = child_text(staff, kNs, "Department");
  if (p.any()) return p.error();
  return Message(std::move(m));
}

Result<Message> read_document(const xmlNode* root, const xmlNode* envelope, const xmlNode* mh,
                              const ReadLimits& limits) {
  Problems p;
  DocumentMessage m;
  m.from = read_organ(child(mh, kNs, "From"), "From", p);
  for (const xmlNode* t : children(mh, kNs, "To")) m.to.push_back(read_organ(t, "To", p));
  if (m.to.empty()) p.add("To", "Thiếu cơ quan nhận.");
  const xmlNode* code = child(mh, kNs, "Code");
  m.code_number = child_text(code, kNs, "CodeNumber");
  m.code_notation = child_text(code, kNs, "CodeNotation");
  if (m.code_notation.empty()) p.add("Code.CodeNotation", "Thiếu ký hiệu văn bản.");
  const xmlNode* prom = child(mh, kNs, "PromulgationInfo");
  m.place = child_text(prom, kNs, "Place");
  m.promulgation_date = iso_date(child_text(prom, kNs, "PromulgationDate"));
  if (m.promulgation_date.empty())
    p.add("PromulgationInfo.PromulgationDate", "Ngày ban hành không hợp lệ.");
  const xmlNode* type = child(mh, kNs, "DocumentType");
  m.type_code = child_text(type, kNs, "Type");
  m.type_name = child_text(type, kNs, "TypeName");
  if (m.type_code.empty() && m.type_name.empty()) p.add("DocumentType", "Thiếu loại văn bản.");
  m.subject = child_text(mh, kNs, "Subject");
  if (m.subject.empty()) p.add("Subject", "Thiếu trích yếu.");
  m.content = child_text(mh, kNs, "Content");
  const xmlNode* signer = child(mh, kNs, "SignerInfo");
  m.signer_position = child_text(signer, kNs, "Position");
  m.signer_name = child_text(signer, kNs, "FullName");
  if (std::string due = child_text(mh, kNs, "DueDate"); !due.empty()) {
    m.due_date = iso_date(due);
    if (m.due_date->empty()) p.add("DueDate", "Hạn xử lý không hợp lệ.");
  }
  const xmlNode* other = child(mh, kNs, "OtherInfo");
  if (auto pr = to_int(child_text(other, kNs, "Priority"))) m.priority = *pr;
  if (auto pages = to_int(child_text(other, kNs, "PageAmount")); pages && *pages > 0)
    m.page_amount = *pages;
  m.document_id = child_text(mh, kNs, "DocumentId");
  if (m.document_id.empty()) p.add("DocumentId", "Thiếu mã văn bản (DocumentId).");

  // The manifest lists the attachments; their content travels base64-encoded after the
  // envelope. A reference without content (or content not referenced) is an error.
  const xmlNode* manifest = child(child(envelope, kNs, "edXMLBody"), kNs, "edXMLManifest");
  std::vector<xmlNode*> refs = children(manifest, kNs, "Reference");
  if (refs.empty()) p.add("edXMLManifest", "Văn bản không có tệp đính kèm.");
  if (refs.size() > limits.max_attachments)
    p.add("edXMLManifest", fmt::format("Quá {} tệp đính kèm.", limits.max_attachments));
  std::map<std::string, const xmlNode*> encoded;
  for (const xmlNode* a : children(child(root, kNs, "AttachmentEncoded"), kNs, "Attachment"))
    encoded[strip_cid(child_text(a, kNs, "ContentId"))] = a;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < refs.size() && i < limits.max_attachments; ++i) {
    std::string field = fmt::format("Attachment[{}]", i);
    Attachment a;
    a.content_id = strip_cid(child_text(refs[i], kNs, "ContentId"));
    a.name = child_text(refs[i], kNs, "AttachmentName");
    a.content_type = child_text(refs[i], kNs, "ContentType");
    a.description = child_text(refs[i], kNs, "Description");
    if (a.content_id.empty() || !seen.insert(a.content_id).second) {
      p.add(field, "Mã tệp đính kèm (ContentId) thiếu hoặc trùng.");
      continue;
    }
    if (a.name.empty()) p.add(field, "Thiếu tên tệp đính kèm.");
    auto it = encoded.find(a.content_id);
    if (it == encoded.end()) {
      p.add(field, "Không có nội dung cho tệp đính kèm.");
      continue;
    }
    std::string b64 = child_text(it->second, kNs, "ContentTransferEncoded");
    if (b64.size() / 4 * 3 > limits.max_attachment_bytes + 3) {
      p.add(field, fmt::format("Tệp đính kèm vượt quá {} MB.", limits.max_attachment_bytes >> 20));
      continue;
    }
    if (!crypto::base64_decode(b64, a.bytes) || a.bytes.empty()) {
      p.add(field, "Nội dung tệp đính kèm không đúng mã hóa base64.");
      continue;
    }
    if (a.bytes.size() > limits.max_attachment_bytes) {
      p.add(field, fmt::format("Tệp đính kèm vượt quá {} MB.", limits.max_attachment_bytes >> 20));
      continue;
    }
    m.attachments.push_back(std::move(a));
  }
  if (p.any()) return p.error();
  return Message(std::move(m));
}

}  // namespace

XmlDoc write_document(const DocumentMessage& m, std::string_view trace_timestamp) {
  Skeleton s = skeleton();
  xmlNs* ns = s.ns;
  xmlNode* mh = add(s.header, ns, "MessageHeader");
  organ(mh, ns, "From", m.from);
  for (const Organ& t : m.to) organ(mh, ns, "To", t);
  xmlNode* code = add(mh, ns, "Code");
  add(code, ns, "CodeNumber", m.code_number);
  add(code, ns, "CodeNotation", m.code_notation);
  xmlNode* prom = add(mh, ns, "PromulgationInfo");
  add(prom, ns, "Place", m.place);
  add(prom, ns, "PromulgationDate", qcvn_date(m.promulgation_date));
  xmlNode* type = add(mh, ns, "DocumentType");
  add(type, ns, "Type", m.type_code);
  add(type, ns, "TypeName", m.type_name);
  add(mh, ns, "Subject", m.subject);
  add(mh, ns, "Content", m.content);
  xmlNode* signer = add(mh, ns, "SignerInfo");
  add(signer, ns, "Competence", "");
  add(signer, ns, "Position", m.signer_position);
  add(signer, ns, "FullName", m.signer_name);
  if (m.due_date) add(mh, ns, "DueDate", qcvn_date(*m.due_date));
  xmlNode* places = add(mh, ns, "ToPlaces");
  for (const Organ& t : m.to) add(places, ns, "Place", t.organ_name);
  xmlNode* other = add(mh, ns, "OtherInfo");
  add(other, ns, "Priority", std::to_string(m.priority));
  add(other, ns, "PromulgationAmount", "1");
  if (m.page_amount) add(other, ns, "PageAmount", std::to_string(*m.page_amount));
  add(mh, ns, "SteeringType", "0");
  add(mh, ns, "DocumentId", m.document_id);

  xmlNode* trace = add(s.header, ns, "TraceHeaderList");
  xmlNode* th = add(trace, ns, "TraceHeader");
  add(th, ns, "OrganId", m.from.organ_id);
  add(th, ns, "Timestamp", trace_timestamp);
  xmlNode* business = add(trace, ns, "Bussiness");
  add(business, ns, "BussinessDocType", "0");  // a new document
  add(business, ns, "BussinessDocReason", "Văn bản điện tử mới");

  xmlNode* manifest = add(add(s.envelope, ns, "edXMLBody"), ns, "edXMLManifest");
  xmlNewProp(manifest, xs("version"), xs("1.0"));
  xmlNs* xlink = xmlNewNs(manifest, xs(kXlink), xs("xlink"));
  xmlNode* encoded = m.attachments.empty()
                         ? nullptr
                         : xmlNewChild(s.root, nullptr, xs("AttachmentEncoded"), nullptr);
  for (const Attachment& a : m.attachments) {
    xmlNode* ref = add(manifest, ns, "Reference");
    std::string cid = "cid:" + a.content_id;
    xmlNewNsProp(ref, xlink, xs("href"), xs(cid.c_str()));
    xmlNewNsProp(ref, xlink, xs("type"), xs("simple"));
    add(ref, ns, "Description", a.description);
    add(ref, ns, "AttachmentName", a.name);
    add(ref, ns, "ContentType", a.content_type);
    add(ref, ns, "ContentId", cid);
    xmlNode* att = xmlNewChild(encoded, nullptr, xs("Attachment"), nullptr);
    add(att, nullptr, "ContentType", a.content_type);
    add(att, nullptr, "ContentId", a.content_id);
    add(att, nullptr, "Description", a.description);
    add(att, nullptr, "AttachmentName", a.name);
    add(att, nullptr, "ContentTransferEncoded", crypto::base64_encode(a.bytes));
  }
  return std::move(s.doc);
}

XmlDoc write_status(const StatusMessage& m) {
  Skeleton s = skeleton();
  xmlNs* ns = s.ns;
  xmlNode* st = add(s.header, ns, "Status");
  xmlNode* rf = add(st, ns, "ResponseFor");
  add(rf, ns, "OrganId", m.to.organ_id);
  add(rf, ns, "Code", m.response_code);
  add(rf, ns, "DocumentId", m.response_document_id);
  organ(st, ns, "From", m.from);
  add(st, ns, "StatusCode", m.status_code);
  add(st, ns, "Description", m.description);
  add(st, ns, "Timestamp", m.timestamp);
  xmlNode* staff = add(st, ns, "StaffInfo");
  add(staff, ns, "Department", m.department);
  add(staff, ns, "Staff", m.staff);
  return std::move(s.doc);
}

xmlNode* signature_parent(xmlDoc* doc) {
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!is(root, kNs, "edXML")) return nullptr;
  return child(child(root, kNs, "edXMLEnvelope"), kNs, "edXMLHeader");
}

Result<Message> read_message(xmlDoc* doc, const ReadLimits& limits) {
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!is(root, kNs, "edXML"))
    return Error(422, "edxml.not_edxml",
                 "Gói tin không phải edXML theo QCVN 102:2016 (phần tử gốc hoặc không gian tên "
                 "sai).");
  xmlNode* envelope = child(root, kNs, "edXMLEnvelope");
  xmlNode* header = child(envelope, kNs, "edXMLHeader");
  if (header == nullptr)
    return Error(422, "edxml.not_edxml", "Gói tin thiếu edXMLEnvelope/edXMLHeader.");
  if (xmlNode* mh = child(header, kNs, "MessageHeader"))
    return read_document(root, envelope, mh, limits);
  if (xmlNode* st = child(header, kNs, "Status")) return read_status(st);
  return Error(422, "edxml.not_edxml", "Gói tin không có MessageHeader hay Status.");
}

}  // namespace tinhso::documents::edxml
