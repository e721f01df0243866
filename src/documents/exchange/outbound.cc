#include "documents/exchange/outbound.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/audit/change_log.h"
#include "core/base/time.h"
#include "core/config/config.h"
#include "documents/arrivals.h"
#include "documents/config.h"
#include "documents/edxml/codec.h"
#include "documents/edxml/dsig.h"
#include "documents/exchange/transport.h"
#include "documents/incoming.h"

namespace tinhso::documents::exchange {
namespace {

using boost::json::object;
using boost::json::value;

struct Outbound {
  Services& s;
  const signing::FileSigner& signer;
  files::FileStore& files;

  outbox::Delivery fail(std::string error, bool permanent) const {
    outbox::Delivery d;
    d.error = std::move(error);
    d.permanent = permanent;
    return d;
  }

  // The recipient row follows the delivery; never backwards from what the recipient reported.
  void mark_recipient(int64_t recipient_id, std::string_view status,
                      std::optional<std::string> note) const {
    auto r = s.changes.apply(
        audit::Actor::system("Liên thông văn bản (edXML)"), [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(auto rows, tx.sql().query("SELECT status FROM outgoing_recipients "
                                                        "WHERE id = $1",
                                                        {recipient_id}));
          if (rows.empty()) return ok_status();
          std::string now = rows.front().str(0);
          if (now != "pending" && now != "failed") return ok_status();
          return report_recipient_status(tx, recipient_id, status, note);
        });
    if (!r.ok())
      spdlog::error("edxml: recipient {} status {}: {}", recipient_id, status,
                    r.error().describe());
  }

  // Signs with the agency's key and sends.
  outbox::Delivery sign_and_send(edxml::XmlDoc doc, const std::string& from_code,
                                 const std::string& to_code, const std::string& key) const {
    auto p12 = signer.key_file(from_code, "agency");
    if (!p12.ok()) return fail(p12.error().message(), true);
    if (auto st =
            edxml::sign(doc.get(), edxml::signature_parent(doc.get()), *p12, signer.key_password());
        !st.ok())
      return fail(st.error().message(), true);
    auto to = resolve(s.config.section<ExchangeConfig>(), to_code);
    if (!to) return fail("Chưa có đường gửi tới cơ quan " + to_code + ".", true);
    return send(s.config.section<ExchangeConfig>(), *to, from_code, to_code,
                edxml::serialize(doc.get()), key);
  }

  outbox::Delivery document(int64_t recipient_id, const std::string& key) const {
    edxml::DocumentMessage m;
    std::string from_code;
    struct FileRow {
      int64_t id;
      std::string name, content_type, kind;  // kind: main | attachment
    };
    struct SignatureRow {
      int64_t file_id, id;
      std::string kind, cms;
    };
    std::vector<FileRow> file_rows;
    std::vector<SignatureRow> signatures;
    auto read = s.db.read([&](storage::Tx& tx) -> Status {
      TS_ASSIGN_OR_RETURN(
          auto rows,
          tx.query("SELECT r.agency_code, r.name, d.id, u.code, u.name, d.notation, d.number, "
                   "d.issued_on, d.doc_type, d.subject, d.urgency, d.pages, d.signer_name, "
                   "d.signer_position, d.edxml_document_id, u.address FROM outgoing_recipients r "
                   "JOIN outgoing_documents d ON d.id = r.document_id JOIN units u ON u.id = "
                   "d.unit_id WHERE r.id = $1 AND d.status = 'issued'",
                   {recipient_id}));
      if (rows.empty()) return Error::not_found("recipient or issued document gone");
      auto r = rows.front();
      m.to.push_back({r.str(0), r.str(1)});
      from_code = r.str(3);
      m.from = {r.str(3), r.str(4)};
      std::string notation = r.str(5);
      // "01/KH-STP": the number as written (ND 30 pads it) and the rest.
      auto slash = notation.find('/');
      m.code_number =
          slash == std::string::npos ? std::to_string(r.i64(6)) : notation.substr(0, slash);
      m.code_notation = slash == std::string::npos ? notation : notation.substr(slash + 1);
      m.promulgation_date = r.str(7);
      m.type_code = r.str(8);
      if (const auto* t = find_doc_type(m.type_code)) m.type_name = t->name;
      m.subject = r.str(9);
      m.priority = edxml::priority_for(r.view(10));
      if (auto pages = r.opt_i64(11)) m.page_amount = static_cast<int>(*pages);
      m.signer_name = r.opt_str(12).value_or("");
      m.signer_position = r.opt_str(13).value_or("");
      m.document_id = r.opt_str(14).value_or("");
      m.place = r.opt_str(15).value_or("");
      // The files and all their signatures, read once; the bytes come from the file store.
      TS_ASSIGN_OR_RETURN(auto listed,
                          tx.query("SELECT f.id, f.name, f.content_type, df.kind FROM "
                                   "outgoing_document_files df JOIN files f ON f.id = df.file_id "
                                   "WHERE df.document_id = $1 ORDER BY df.kind DESC, f.id",
                                   {r.i64(2)}));
      for (auto f : listed) file_rows.push_back({f.i64(0), f.str(1), f.str(2), f.str(3)});
      TS_ASSIGN_OR_RETURN(auto sigs,
                          tx.query("SELECT s.file_id, s.id, s.kind, s.cms FROM file_signatures s "
                                   "JOIN outgoing_document_files df ON df.file_id = s.file_id "
                                   "WHERE df.document_id = $1 ORDER BY s.id",
                                   {r.i64(2)}));
      for (auto g : sigs) signatures.push_back({g.i64(0), g.i64(1), g.str(2), g.str(3)});
      return ok_status();
    });
    if (!read.ok()) return fail(read.error().describe(), read.error().status() == 404);

    // Each file, then its signatures as detached CMS attachments that name it.
    for (const auto& f : file_rows) {
      auto bytes = files.content(f.id);
      if (!bytes.ok()) return fail("file " + std::to_string(f.id), false);
      std::string cid = fmt::format("f{}", f.id);
      m.attachments.push_back({cid, f.name, f.content_type,
                               f.kind == "main" ? "Văn bản chính" : "Tài liệu kèm theo",
                               std::move(*bytes)});
      for (const auto& g : signatures)
        if (g.file_id == f.id)
          m.attachments.push_back(
              {fmt::format("s{}", g.id), fmt::format("{}.{}.p7s", f.name, g.kind),
               edxml::kSignatureContentType, fmt::format("{}:{}", cid, g.kind), g.cms});
    }
    auto doc = edxml::write_document(m, format_rfc3339(s.clock.now()));
    auto d = sign_and_send(std::move(doc), from_code, m.to.front().organ_id, key);
    if (d.ok)
      mark_recipient(recipient_id, "sent", std::nullopt);
    else if (d.permanent)
      mark_recipient(recipient_id, "failed", d.error);
    return d;
  }

  outbox::Delivery status(const object& p, const std::string& key) const {
    int64_t arrival_id = p.at("arrival_id").to_number<int64_t>();
    std::string status(p.at("status").as_string());
    edxml::StatusMessage m;
    auto read = s.db.read([&](storage::Tx& tx) -> Status {
      TS_ASSIGN_OR_RETURN(auto rows,
                          tx.query("SELECT a.issuer_code, a.issuer_name, a.edxml_document_id, "
                                   "a.notation, u.code, u.name FROM document_arrivals a JOIN "
                                   "units u ON u.id = a.unit_id WHERE a.id = $1 AND "
                                   "a.edxml_document_id IS NOT NULL",
                                   {arrival_id}));
      if (rows.empty()) return Error::not_found("arrival gone");
      auto r = rows.front();
      m.to = {r.str(0), r.str(1)};
      m.response_document_id = r.str(2);
      m.response_code = r.str(3);
      m.from = {r.str(4), r.str(5)};
      return ok_status();
    });
    if (!read.ok()) return fail(read.error().describe(), true);
    m.status_code = std::string(edxml::status_code_for(status));
    if (m.status_code.empty()) return fail("no edXML code for status " + status, true);
    const auto* note = p.if_contains("note");
    m.description = note != nullptr && note->is_string()
                        ? std::string(note->as_string())
                        : std::string(recipient_status_label(status));
    m.timestamp = format_rfc3339(from_millis(p.at("at").to_number<int64_t>()));
    if (const auto* staff = p.if_contains("staff"); staff && staff->is_string())
      m.staff = staff->as_string();
    std::string from = m.from.organ_id, to = m.to.organ_id;
    return sign_and_send(edxml::write_status(m), from, to, key);
  }
};

}  // namespace

outbox::Sender edxml_sender(Services& s, const signing::FileSigner& signer,
                            files::FileStore& files) {
  return [&s, &signer, &files](const std::string&, const value& payload,
                               const std::string& key) -> outbox::Delivery {
    Outbound out{s, signer, files};
    const auto* p = payload.if_object();
    const auto* kind = p != nullptr ? p->if_contains("kind") : nullptr;
    try {
      if (kind != nullptr && *kind == "document")
        return out.document(p->at("recipient_id").to_number<int64_t>(), key);
      if (kind != nullptr && *kind == "status") return out.status(*p, key);
    } catch (const std::exception& e) {
      return out.fail(std::string("malformed payload: ") + e.what(), true);
    }
    return out.fail("unknown edxml payload", true);
  };
}

}  // namespace tinhso::documents::exchange
