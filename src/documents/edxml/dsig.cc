#include "documents/edxml/dsig.h"

#include <libxml/xmlIO.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/io.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <memory>
#include <mutex>

#include "core/base/crypto.h"

namespace tinhso::documents::edxml {
namespace {

using signing::SignatureStatus;
using signing::Verification;

// Every URI libxml2 or xmlsec would open (a RetrievalMethod, an external reference, a DTD)
// matches this and then reads as an error. libxml2 tries the most recently registered
// callbacks first and moves on to the next when an open fails, so the open must succeed for
// the refusal to stick.
int any_uri(const char*) {
  return 1;
}
void* refuse_open(const char*) {
  static int token;
  return &token;
}
int refuse_read(void*, char*, int) {
  return -1;
}
int refuse_close(void*) {
  return 0;
}

// xmlsec and its OpenSSL back end are initialised once per process and never shut down (other
// threads may be verifying at exit). A received message is anonymous input: nothing in it may
// make this process read a file or reach the network, so the process keeps no I/O callbacks
// in xmlsec and a refusing one in front of libxml2's.
bool init_xmlsec() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSecErrorsDefaultCallbackEnableOutput(0);
    ok = xmlSecInit() >= 0 && xmlSecCheckVersion() == 1 && xmlSecCryptoAppInit(nullptr) >= 0 &&
         xmlSecCryptoInit() >= 0;
    xmlSecIOCleanupCallbacks();
    ok = ok && xmlSecIORegisterCallbacks(any_uri, refuse_open, refuse_read, refuse_close) >= 0;
    xmlRegisterDefaultInputCallbacks();  // registered now, so never lazily in front of ours
    ok = ok && xmlRegisterInputCallbacks(any_uri, refuse_open, refuse_read, refuse_close) >= 0;
  });
  return ok;
}

struct KeyFree {
  void operator()(xmlSecKey* k) const { xmlSecKeyDestroy(k); }
};
struct CtxFree {
  void operator()(xmlSecDSigCtx* c) const { xmlSecDSigCtxDestroy(c); }
};
struct MngrFree {
  void operator()(xmlSecKeysMngr* m) const { xmlSecKeysMngrDestroy(m); }
};

xmlNode* signature_child(xmlNode* parent) {
  xmlNode* found = nullptr;
  for (xmlNode* c = parent == nullptr ? nullptr : parent->children; c != nullptr; c = c->next) {
    if (is(c, reinterpret_cast<const char*>(xmlSecDSigNs), "Signature")) {
      if (found != nullptr) return nullptr;  // two signatures: refuse rather than pick one
      found = c;
    }
  }
  return found;
}

Verification malformed(std::string detail) {
  Verification v;
  v.status = SignatureStatus::kMalformed;
  v.detail = std::move(detail);
  return v;
}

// KeyInfo may only carry the signer's certificates inline (X509Data/X509Certificate, as we
// write them). Anything else — RetrievalMethod (a URI to fetch the key from), KeyName,
// KeyValue, EncryptedKey — is refused before xmlsec sees it.
bool inline_certificates_only(xmlNode* signature) {
  auto ds = reinterpret_cast<const char*>(xmlSecDSigNs);
  xmlNode* ki = child(signature, ds, "KeyInfo");
  if (ki == nullptr) return false;
  int certificates = 0;
  for (xmlNode* c = ki->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_COMMENT_NODE) continue;
    if (!is(c, ds, "X509Data")) return false;
    for (xmlNode* d = c->children; d != nullptr; d = d->next) {
      if (d->type == XML_TEXT_NODE || d->type == XML_COMMENT_NODE) continue;
      if (!is(d, ds, "X509Certificate")) return false;
      ++certificates;
    }
  }
  return certificates > 0;
}

// The certificates in KeyInfo/X509Data, DER.
std::vector<std::string> key_info_certificates(xmlNode* signature) {
  std::vector<std::string> out;
  auto ds = reinterpret_cast<const char*>(xmlSecDSigNs);
  xmlNode* ki = child(signature, ds, "KeyInfo");
  for (xmlNode* data : children(ki, ds, "X509Data")) {
    for (xmlNode* c : children(data, ds, "X509Certificate")) {
      std::string der;
      if (crypto::base64_decode(text(c), der)) out.push_back(std::move(der));
    }
  }
  return out;
}

bool same_public_key(const std::string& cert_der, EVP_PKEY* key) {
  const auto* p = reinterpret_cast<const unsigned char*>(cert_der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(cert_der.size()));
  if (cert == nullptr) return false;
  bool same = EVP_PKEY_eq(X509_get0_pubkey(cert), key) == 1;
  X509_free(cert);
  return same;
}

}  // namespace

Status sign(xmlDoc* doc, xmlNode* parent, std::string_view pkcs12_der,
            const std::string& password) {
  if (!init_xmlsec()) return Error::internal("xmlsec initialisation failed");
  if (parent == nullptr) return Error::internal("edxml sign: no place for the signature");
  std::unique_ptr<xmlSecKey, KeyFree> key(
      xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(pkcs12_der.data()),
                                   static_cast<xmlSecSize>(pkcs12_der.size()),
                                   xmlSecKeyDataFormatPkcs12, password.c_str(), nullptr, nullptr));
  if (!key)
    return Error(422, "signing.key_unusable",
                 "Không đọc được khóa ký số của cơ quan (tệp PKCS#12 hoặc mật khẩu không đúng).");
  xmlSecKeyDataPtr value = xmlSecKeyGetValue(key.get());
  xmlSecTransformId method = nullptr;
  if (value != nullptr && value->id == xmlSecKeyDataEcdsaId) method = xmlSecTransformEcdsaSha256Id;
  if (value != nullptr && value->id == xmlSecKeyDataRsaId) method = xmlSecTransformRsaSha256Id;
  if (method == nullptr)
    return Error(422, "signing.key_unusable", "Khóa ký số không phải RSA hay ECDSA.");

  xmlNode* sig = xmlSecTmplSignatureCreate(doc, xmlSecTransformExclC14NId, method, nullptr);
  if (sig == nullptr || xmlAddChild(parent, sig) == nullptr)
    return Error::internal("xmlsec: signature template");
  xmlNode* ref =
      xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id, nullptr, xs(""), nullptr);
  if (ref == nullptr ||
      xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId) == nullptr ||
      xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId) == nullptr)
    return Error::internal("xmlsec: reference template");
  xmlNode* ki = xmlSecTmplSignatureEnsureKeyInfo(sig, nullptr);
  // An empty X509Data is filled with the key's certificate and its chain.
  if (ki == nullptr || xmlSecTmplKeyInfoAddX509Data(ki) == nullptr)
    return Error::internal("xmlsec: key info template");

  std::unique_ptr<xmlSecDSigCtx, CtxFree> ctx(xmlSecDSigCtxCreate(nullptr));
  if (!ctx) return Error::internal("xmlsec: context");
  ctx->signKey = key.release();
  if (xmlSecDSigCtxSign(ctx.get(), sig) < 0) return Error::internal("xmlsec: signing failed");
  return ok_status();
}

Verification verify(xmlNode* parent, const signing::TrustStore& trust, Instant now) {
  if (!init_xmlsec()) return malformed("xmlsec initialisation failed");
  xmlNode* sig = signature_child(parent);
  if (sig == nullptr) return malformed("no single ds:Signature in edXMLHeader");
  if (!inline_certificates_only(sig))
    return malformed("KeyInfo must hold the signer's certificates inline (X509Certificate only)");

  std::unique_ptr<xmlSecKeysMngr, MngrFree> mngr(xmlSecKeysMngrCreate());
  if (!mngr || xmlSecCryptoAppDefaultKeysMngrInit(mngr.get()) < 0)
    return malformed("xmlsec: keys manager");
  std::unique_ptr<xmlSecDSigCtx, CtxFree> ctx(xmlSecDSigCtxCreate(mngr.get()));
  if (!ctx) return malformed("xmlsec: context");
  // The key comes from the certificate in KeyInfo; the chain is judged below by our own rules.
  // Only X509 key data is read, and never a RetrievalMethod (checked above as well).
  ctx->keyInfoReadCtx.flags |=
      XMLSEC_KEYINFO_FLAGS_X509DATA_DONT_VERIFY_CERTS | XMLSEC_KEYINFO_FLAGS_STOP_ON_UNKNOWN_CHILD;
  ctx->keyInfoReadCtx.maxRetrievalMethodLevel = 0;
  ctx->keyInfoReadCtx.retrievalMethodCtx.enabledUris = xmlSecTransformUriTypeNone;
  if (xmlSecPtrListAdd(&ctx->keyInfoReadCtx.enabledKeyData,
                       const_cast<void*>(static_cast<const void*>(xmlSecKeyDataX509Id))) < 0)
    return malformed("xmlsec: key data list");
  ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
  for (xmlSecTransformId t :
       {xmlSecTransformInclC14NId, xmlSecTransformExclC14NId, xmlSecTransformRsaSha256Id,
        xmlSecTransformRsaSha384Id, xmlSecTransformRsaSha512Id, xmlSecTransformEcdsaSha256Id,
        xmlSecTransformEcdsaSha384Id, xmlSecTransformEcdsaSha512Id})
    xmlSecDSigCtxEnableSignatureTransform(ctx.get(), t);
  for (xmlSecTransformId t :
       {xmlSecTransformEnvelopedId, xmlSecTransformInclC14NId, xmlSecTransformExclC14NId,
        xmlSecTransformSha256Id, xmlSecTransformSha384Id, xmlSecTransformSha512Id})
    xmlSecDSigCtxEnableReferenceTransform(ctx.get(), t);

  if (xmlSecDSigCtxVerify(ctx.get(), sig) < 0)
    return malformed("xmlsec could not process the signature");
  if (xmlSecPtrListGetSize(&ctx->signedInfoReferences) != 1)
    return malformed("the signature must have exactly one reference");
  auto* ref =
      static_cast<xmlSecDSigReferenceCtx*>(xmlSecPtrListGetItem(&ctx->signedInfoReferences, 0));
  if (ref == nullptr || ref->uri == nullptr || ref->uri[0] != 0)
    return malformed("the reference must cover the whole message (URI=\"\")");
  if (ctx->status != xmlSecDSigStatusSucceeded) {
    Verification v;
    v.status = SignatureStatus::kIntegrity;
    v.detail = "XML signature does not match the message";
    return v;
  }

  // Which certificate holds the key that verified: the signer; the others form the chain.
  EVP_PKEY* key = nullptr;
  if (ctx->signKey != nullptr && xmlSecKeyGetValue(ctx->signKey) != nullptr)
    key = xmlSecOpenSSLEvpKeyDataGetEvp(xmlSecKeyGetValue(ctx->signKey));
  std::vector<std::string> certs = key_info_certificates(sig);
  std::string signer;
  std::vector<std::string> chain;
  for (auto& c : certs) {
    if (signer.empty() && key != nullptr && same_public_key(c, key))
      signer = std::move(c);
    else
      chain.push_back(std::move(c));
  }
  if (signer.empty()) return malformed("no certificate in KeyInfo matches the signing key");
  return signing::verify_certificate(signer, chain, trust, now);
}

}  // namespace tinhso::documents::edxml
