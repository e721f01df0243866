// Reading untrusted XML safely, with libxml2: no DTD (so no entity expansion, no "billion
// laughs", no external entities), no network access, a size limit, and errors as values with
// a machine code and a Vietnamese message. Every edXML message received and every part of an
// uploaded spreadsheet goes through here.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace tinhso::xml {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

// How errors name what was read: codes "<code_prefix>.too_large" (413), ".malformed" (400),
// ".dtd_forbidden" (422); messages start with `noun` ("Gói tin", "Tệp").
struct Source {
  std::string_view code_prefix = "xml";
  std::string_view noun = "Tệp XML";
  // libxml2's HUGE mode: text nodes over 10 MB (edXML's base64 attachments) — and, in libxml2
  // 2.9, no limit on nesting depth. Off, elements nest at most 256 deep.
  bool huge = false;
};

// Parses `bytes` (UTF-8 XML). Refused: more than `max_bytes`, malformed XML, any document type
// declaration (the formats read have none; it is how entity attacks begin).
Result<XmlDoc> parse_untrusted(std::string_view bytes, std::size_t max_bytes, Source source = {});

// The document as UTF-8 text with its XML declaration.
std::string serialize(xmlDoc* doc);

// Navigation by namespace URI and local name (prefixes are the sender's choice).
bool is(const xmlNode* n, std::string_view ns, std::string_view name);
xmlNode* child(const xmlNode* parent, std::string_view ns, std::string_view name);
std::vector<xmlNode*> children(const xmlNode* parent, std::string_view ns, std::string_view name);
std::string text(const xmlNode* n);  // the element's text, trimmed; "" for null
std::string child_text(const xmlNode* parent, std::string_view ns, std::string_view name);

// libxml2 strings are unsigned char.
inline const xmlChar* xs(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

// Building: a child element in `ns` (prefix as the namespace was declared) with optional text.
xmlNode* add(xmlNode* parent, xmlNs* ns, const char* name, std::string_view text = {});

}  // namespace tinhso::xml
