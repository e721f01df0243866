// Fuzzes the edXML receiving path up to the import: the safe parse, the XML signature check
// (xmlsec, against an empty trust store) and reading every field. Invariants beyond "no
// crash": a rejected parse carries an edxml.* code; a message that reads is either a document
// with a sender, recipients and attachments or a status with a known code; and writing what
// was read and reading it again gives the same document; and nothing in a message makes the
// process open a URI (file, http, …): every libxml2 and xmlsec input callback traps.
#include <libxml/xmlIO.h>
#include <xmlsec/io.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/signing/cms.h"
#include "documents/edxml/codec.h"
#include "documents/edxml/dsig.h"

using namespace tinhso;
using namespace tinhso::documents;

namespace {

int trap_on_any_uri(const char*) {
  __builtin_trap();
}
void* never_open(const char*) {
  return nullptr;
}
int never_read(void*, char*, int) {
  return -1;
}
int never_close(void*) {
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const signing::TrustStore* trust = [] {
    auto t = signing::TrustStore::from_pem({}, {});
    if (!t.ok()) std::abort();
    auto* store = new signing::TrustStore(std::move(*t));
    // Initialise xmlsec (verify() does it once), then put the traps in front of everything.
    (void)edxml::verify(nullptr, *store, Instant());
    xmlSecIORegisterCallbacks(trap_on_any_uri, never_open, never_read, never_close);
    xmlRegisterInputCallbacks(trap_on_any_uri, never_open, never_read, never_close);
    return store;
  }();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto doc = edxml::parse_untrusted(in, 1 << 20);
  if (!doc.ok()) {
    if (doc.error().code().rfind("edxml.", 0) != 0) __builtin_trap();
    return 0;
  }
  auto v = edxml::verify(edxml::signature_parent(doc->get()), *trust,
                         Instant(std::chrono::seconds(1795000000)));
  if (v.valid()) __builtin_trap();  // nothing is trusted
  auto m = edxml::read_message(doc->get(), edxml::ReadLimits{.max_attachment_bytes = 1 << 20});
  if (!m.ok()) {
    if (m.error().code().rfind("edxml.", 0) != 0) __builtin_trap();
    return 0;
  }
  if (const auto* d = std::get_if<edxml::DocumentMessage>(&*m)) {
    if (d->from.organ_id.empty() || d->to.empty() || d->attachments.empty()) __builtin_trap();
    auto again = edxml::parse_untrusted(
        edxml::serialize(edxml::write_document(*d, "2026/11/24 08:00:00").get()), 8 << 20);
    if (!again.ok()) __builtin_trap();
    auto back =
        edxml::read_message(again->get(), edxml::ReadLimits{.max_attachment_bytes = 1 << 20});
    if (!back.ok()) __builtin_trap();
    const auto& b = std::get<edxml::DocumentMessage>(*back);
    if (b.subject != d->subject || b.document_id != d->document_id ||
        b.attachments.size() != d->attachments.size() ||
        b.attachments[0].bytes != d->attachments[0].bytes)
      __builtin_trap();
  } else {
    const auto& s = std::get<edxml::StatusMessage>(*m);
    if (edxml::recipient_status_for(s.status_code).empty()) __builtin_trap();
  }
  return 0;
}
