// Issuing an approved outgoing document (ban hành), in three steps inside the caller's
// transaction: numbering (the unit's yearly register number and the notation), delivery to
// recipients inside this installation (an arrival in their register), and enqueueing edXML
// messages for other agencies (sent, signed and retried by the outbox). Answered incoming
// documents get a "reply" row in their timeline.
#include <fmt/format.h>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/outbox/outbox.h"
#include "documents/arrivals.h"
#include "documents/edxml/message.h"
#include "documents/events.h"
#include "documents/incoming.h"
#include "documents/notation.h"
#include "documents/outgoing.h"
#include "documents/search.h"

namespace tinhso::documents {
namespace {

using boost::json::array;
using boost::json::object;

// What numbering gives the document, and what delivery copies into each arrival.
struct Issued {
  int64_t number = 0;
  int year = 0;
  std::string notation, issued_on;
  std::string subject, urgency, confidentiality;
  std::optional<int64_t> pages;
  std::optional<std::string> signer_name;
};

// Takes the next number of the issuing unit's register for the year and marks the document
// issued (if it is still at `version`).
Result<Issued> number_document(audit::ChangeTx& tx, const identity::UnitInfo& issuer,
                               const identity::UnitInfo& drafting, const OutgoingState& s,
                               int64_t version) {
  storage::Tx& sql = tx.sql();
  const DocType* type = find_doc_type(s.doc_type);
  if (type == nullptr) return Error::internal("unknown document type");
  Issued out;
  out.year = static_cast<int>(local_date(tx.now()).year());
  TS_ASSIGN_OR_RETURN(out.number, next_register_number(sql, s.unit_id, "outgoing", out.year));
  out.notation = format_notation(out.number, type->abbreviation, unit_abbreviation(issuer),
                                 unit_abbreviation(drafting));
  out.issued_on = format_iso_date(local_date(tx.now()));
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("UPDATE outgoing_documents SET status = 'issued', year = $3, number = $4, notation "
                "= $5, issued_on = $6, issued_at = $7, issued_by = $8, updated_at = "
                "$7, version = version + 1 WHERE id = $1 AND version = $2 RETURNING subject, "
                "urgency, confidentiality, pages, signer_name",
                {s.id, version, int64_t{out.year}, out.number, out.notation, out.issued_on,
                 tx.now_ms(), tx.actor().id}));
  if (rows.empty())
    return Error::conflict("document.stale",
                           "Văn bản vừa được người khác cập nhật. Vui lòng tải lại.");
  auto d = rows.front();
  out.subject = d.str(0);
  out.urgency = d.str(1);
  out.confidentiality = d.str(2);
  out.pages = d.opt_i64(3);
  out.signer_name = d.opt_str(4);
  // The register's search column covers the notation too.
  TS_TRY(sql.exec("UPDATE outgoing_documents SET folded = $2 WHERE id = $1",
                  {s.id, text::fold(out.notation + " " + out.subject)}));
  TS_TRY(index_document(sql, "outgoing", s.id));
  TS_TRY(record_event(tx, Event{Subject::kOutgoing,
                                s.id,
                                "issue",
                                std::nullopt,
                                object{{"number", out.number},
                                       {"year", out.year},
                                       {"notation", out.notation},
                                       {"issued_on", out.issued_on}},
                                {}}));
  return out;
}

// Recipients inside this installation receive the document in their arrivals register.
Status deliver_locally(audit::ChangeTx& tx, const identity::OrgTree& org,
                       const identity::UnitInfo& issuer, const OutgoingState& s, const Issued& is) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto files, sql.query("SELECT file_id FROM outgoing_document_files WHERE "
                                            "document_id = $1 ORDER BY kind DESC, file_id",
                                            {s.id}));
  std::vector<int64_t> file_ids;
  for (auto f : files) file_ids.push_back(f.i64(0));
  TS_ASSIGN_OR_RETURN(auto recipients, sql.query("SELECT id, unit_id, name FROM "
                                                 "outgoing_recipients WHERE document_id = $1 AND "
                                                 "unit_id IS NOT NULL ORDER BY id",
                                                 {s.id}));
  array delivered;
  for (auto r : recipients) {
    ArrivalInput a;
    // A recipient named before a reorganisation ended it: its successor receives.
    a.unit_id = org.work_successor(r.i64(1));
    a.recipient_id = r.i64(0);
    a.issuer_name = issuer.name;
    a.issuer_code = issuer.code;
    a.notation = is.notation;
    a.issued_on = is.issued_on;
    a.doc_type = s.doc_type;
    a.subject = is.subject;
    a.urgency = is.urgency;
    a.confidentiality = is.confidentiality;
    a.pages = is.pages;
    a.signer_name = is.signer_name;
    a.file_ids = file_ids;
    TS_TRY(record_arrival(tx, a));
    TS_TRY(sql.exec("UPDATE outgoing_recipients SET status = 'sent', status_at = $2 WHERE id = $1",
                    {r.i64(0), tx.now_ms()}));
    delivered.push_back(object{{"recipient_id", r.i64(0)}, {"name", r.str(2)}});
  }
  if (delivered.empty()) return ok_status();
  return record_event(tx, Event{Subject::kOutgoing,
                                s.id,
                                "deliver",
                                std::nullopt,
                                object{{"recipients", std::move(delivered)}},
                                {}});
}

// Other agencies receive it as an edXML message, signed and sent by the outbox (with
// retries); the recipient row follows the delivery and then the recipient's statuses.
Status enqueue_exchange(audit::ChangeTx& tx, const identity::UnitInfo& issuer,
                        const OutgoingState& s, const Issued& is) {
  storage::Tx& sql = tx.sql();
  std::string edxml_id = edxml::document_id(issuer.code, is.issued_on, is.notation);
  TS_TRY(sql.exec("UPDATE outgoing_documents SET edxml_document_id = $2 WHERE id = $1",
                  {s.id, edxml_id}));
  TS_ASSIGN_OR_RETURN(auto external, sql.query("SELECT id, agency_code FROM outgoing_recipients "
                                               "WHERE document_id = $1 AND unit_id IS NULL ORDER "
                                               "BY id",
                                               {s.id}));
  for (auto r : external) {
    TS_TRY(outbox::enqueue(
        sql,
        outbox::Message{"edxml", r.str(1), object{{"kind", "document"}, {"recipient_id", r.i64(0)}},
                        fmt::format("edxml-document-{}", r.i64(0)), "outgoing_recipient",
                        std::to_string(r.i64(0))},
        tx.now_ms()));
  }
  return ok_status();
}

// The answered incoming documents show the reply in their own timeline.
Status note_replies(audit::ChangeTx& tx, const OutgoingState& s, const Issued& is) {
  TS_ASSIGN_OR_RETURN(auto replies, tx.sql().query("SELECT incoming_id FROM document_replies "
                                                   "WHERE outgoing_id = $1",
                                                   {s.id}));
  for (auto r : replies) {
    TS_TRY(record_event(tx, Event{Subject::kIncoming,
                                  r.i64(0),
                                  "reply",
                                  std::nullopt,
                                  object{{"outgoing_id", s.id}, {"notation", is.notation}},
                                  {}}));
  }
  return ok_status();
}

}  // namespace

Result<std::string> issue(audit::ChangeTx& tx, const identity::OrgTree& org, const OutgoingState& s,
                          int64_t version) {
  TS_TRY(act_on_outgoing(s.status, s.version, version, OutgoingAction::kIssue));
  const auto* issuer = org.find(s.unit_id);
  const auto* drafting = org.find(s.drafting_unit_id);
  if (issuer == nullptr || drafting == nullptr) return Error::internal("unit of document missing");
  TS_ASSIGN_OR_RETURN(Issued is, number_document(tx, *issuer, *drafting, s, version));
  TS_TRY(deliver_locally(tx, org, *issuer, s, is));
  TS_TRY(enqueue_exchange(tx, *issuer, s, is));
  TS_TRY(note_replies(tx, s, is));
  return is.notation;
}

}  // namespace tinhso::documents
