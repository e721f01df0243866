// XML-DSig on edXML messages (xmlsec1 with OpenSSL): the sending agency signs the whole
// message — header, manifest and base64 attachments — with an enveloped signature placed in
// edXMLHeader, carrying its certificate chain; the recipient checks the signature and then the
// certificate against its trust roots and revocation lists (signing::verify_certificate, the
// same rules as file signatures).
//
// Verification accepts only what we write: one Reference to the whole document (URI=""),
// enveloped + canonicalisation transforms, SHA-256 or stronger, RSA or ECDSA. Anything else
// (XSLT, external URIs, partial references that invite signature wrapping) is refused.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/signing/cms.h"
#include "documents/edxml/xml.h"

namespace tinhso::documents::edxml {

// Signs `doc` with the key and certificate chain of a PKCS#12 file, placing <ds:Signature> as
// the last child of `parent`.
Status sign(xmlDoc* doc, xmlNode* parent, std::string_view pkcs12_der, const std::string& password);

// Checks the signature that is a child of `parent`. kMalformed when there is none or it is
// not one we accept; kIntegrity when the message changed; then the certificate's verdict.
signing::Verification verify(xmlNode* parent, const signing::TrustStore& trust, Instant now);

}  // namespace tinhso::documents::edxml
