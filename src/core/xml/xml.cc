#include "core/xml/xml.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include <cstring>

#include "core/base/text.h"

namespace tinhso::xml {
namespace {

// Set on the parser context when a document type declaration appears; parsing stops there,
// before any entity is declared.
struct ParseGuard {
  bool saw_dtd = false;
};

void reject_internal_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* c = static_cast<xmlParserCtxt*>(ctx);
  static_cast<ParseGuard*>(c->_private)->saw_dtd = true;
  xmlStopParser(c);
}

void reject_entity(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {
  auto* c = static_cast<xmlParserCtxt*>(ctx);
  static_cast<ParseGuard*>(c->_private)->saw_dtd = true;
  xmlStopParser(c);
}

std::string_view view(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

}  // namespace

Result<XmlDoc> parse_untrusted(std::string_view bytes, std::size_t max_bytes, Source source) {
  auto code = [&](std::string_view what) { return fmt::format("{}.{}", source.code_prefix, what); };
  if (bytes.size() > max_bytes)
    return Error(413, code("too_large"),
                 fmt::format("{} vượt quá dung lượng cho phép ({} MB).", source.noun,
                             std::max<std::size_t>(1, max_bytes >> 20)));
  if (bytes.empty()) return Error(400, code("malformed"), fmt::format("{} rỗng.", source.noun));
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(xmlNewParserCtxt(),
                                                                    &xmlFreeParserCtxt);
  if (!ctxt) return Error::internal("xmlNewParserCtxt failed");
  ParseGuard guard;
  ctxt->_private = &guard;
  ctxt->sax->internalSubset = reject_internal_subset;
  ctxt->sax->externalSubset = reject_internal_subset;
  ctxt->sax->entityDecl = reject_entity;
  // No NOENT (entities are never substituted), no DTDLOAD, no network. HUGE (when asked) lifts
  // libxml2's 10 MB limit on one text node; our own size limit bounds the whole.
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  if (source.huge) options |= XML_PARSE_HUGE;
  XmlDoc doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                               "input.xml", nullptr, options));
  if (guard.saw_dtd || (doc && (doc->intSubset != nullptr || doc->extSubset != nullptr)))
    return Error(
        422, code("dtd_forbidden"),
        fmt::format("{} có khai báo DTD hoặc thực thể (entity), không được phép.", source.noun));
  if (!doc || ctxt->wellFormed == 0) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string where = e != nullptr ? fmt::format(" (dòng {})", e->line) : std::string();
    return Error(400, code("malformed"),
                 fmt::format("{} không phải XML hợp lệ{}.", source.noun, where),
                 boost::json::object{{"detail", e != nullptr && e->message != nullptr
                                                    ? std::string(text::trim(e->message))
                                                    : std::string()}});
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr)
    return Error(400, code("malformed"), fmt::format("{} không có phần tử gốc.", source.noun));
  return doc;
}

std::string serialize(xmlDoc* doc) {
  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &out, &size, "UTF-8");
  std::string s(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return s;
}

bool is(const xmlNode* n, std::string_view ns, std::string_view name) {
  return n != nullptr && n->type == XML_ELEMENT_NODE && view(n->name) == name && n->ns != nullptr &&
         view(n->ns->href) == ns;
}

xmlNode* child(const xmlNode* parent, std::string_view ns, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (xmlNode* c = parent->children; c != nullptr; c = c->next)
    if (is(c, ns, name)) return c;
  return nullptr;
}

std::vector<xmlNode*> children(const xmlNode* parent, std::string_view ns, std::string_view name) {
  std::vector<xmlNode*> out;
  if (parent == nullptr) return out;
  for (xmlNode* c = parent->children; c != nullptr; c = c->next)
    if (is(c, ns, name)) out.push_back(c);
  return out;
}

std::string text(const xmlNode* n) {
  if (n == nullptr) return {};
  std::string s;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next)
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) s += view(c->content);
  std::string_view t = text::trim(s);
  if (t.size() == s.size()) return s;  // attachments are megabytes: copy only when trimmed
  return std::string(t);
}

std::string child_text(const xmlNode* parent, std::string_view ns, std::string_view name) {
  return text(child(parent, ns, name));
}

xmlNode* add(xmlNode* parent, xmlNs* ns, const char* name, std::string_view value) {
  xmlNode* n = xmlNewChild(parent, ns, reinterpret_cast<const xmlChar*>(name), nullptr);
  if (!value.empty()) {
    std::string v(value);
    xmlNodeAddContentLen(n, reinterpret_cast<const xmlChar*>(v.data()), static_cast<int>(v.size()));
  }
  return n;
}

}  // namespace tinhso::xml
