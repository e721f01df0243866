// The safe XML reading of core/xml under the names the edXML code uses, with edXML's errors
// ("edxml.*", "Gói tin …").
#pragma once

#include <string_view>

#include "core/xml/xml.h"

namespace tinhso::documents::edxml {

using xml::add;
using xml::child;
using xml::child_text;
using xml::children;
using xml::is;
using xml::serialize;
using xml::text;
using xml::XmlDoc;
using xml::xs;

inline Result<XmlDoc> parse_untrusted(std::string_view bytes, std::size_t max_bytes) {
  // Attachments travel as base64 text nodes of many megabytes.
  return xml::parse_untrusted(bytes, max_bytes,
                              {.code_prefix = "edxml", .noun = "Gói tin", .huge = true});
}

}  // namespace tinhso::documents::edxml
