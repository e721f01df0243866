#include "feedback/forwarding.h"

#include "documents/outgoing.h"

namespace tinhso::feedback {

using boost::json::object;

Result<int64_t> start_forwarding_document(audit::ChangeTx& tx, files::FileStore& files,
                                          const Item& item, const ForwardingPapers& papers) {
  documents::DraftInput in;
  in.unit_id = item.reception_unit_id;
  in.drafting_unit_id = item.reception_unit_id;
  in.doc_type = "cong_van";
  in.subject = "V/v chuyển phản ánh, kiến nghị " + item.code + ": " + item.title;
  for (std::size_t i = 0; i < papers.files.size(); ++i) {
    TS_ASSIGN_OR_RETURN(auto stored, files.insert(tx, papers.files[i]));
    if (i == 0)
      in.main_file_id = stored.id;
    else
      in.attachment_ids.push_back(stored.id);
  }
  in.recipient_agencies.push_back(documents::ExternalRecipient{papers.to.code, papers.to.name});
  in.note = "Chuyển phản ánh, kiến nghị " + item.code + " (Điều 9 Nghị định 20/2008/NĐ-CP)";
  TS_ASSIGN_OR_RETURN(int64_t id, documents::create_draft(tx, files, in));
  TS_TRY(
      tx.sql().exec("INSERT INTO feedback_forwards (item_id, agency_code, agency_name, "
                    "document_id, created_at) VALUES ($1, $2, $3, $4, $5)",
                    {item.id, papers.to.code, papers.to.name, id, tx.now_ms()}));
  return id;
}

Result<std::optional<Forwarded>> load_forwarded(storage::Tx& tx, int64_t item_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT f.agency_code, f.agency_name, f.document_id, "
                                          "d.status, d.notation, d.issued_on FROM "
                                          "feedback_forwards f JOIN outgoing_documents d ON d.id = "
                                          "f.document_id WHERE f.item_id = $1",
                                          {item_id}));
  if (rows.empty()) return std::optional<Forwarded>();
  auto r = rows.front();
  return std::optional<Forwarded>(
      Forwarded{{r.str(0), r.str(1)}, r.i64(2), r.str(3), r.opt_str(4), r.opt_str(5)});
}

object forwarded_json(const Forwarded& f, bool official) {
  object o{{"agency_code", f.to.code}, {"agency_name", f.to.name}};
  o["notation"] = f.notation ? boost::json::value(*f.notation) : nullptr;
  o["issued_on"] = f.issued_on ? boost::json::value(*f.issued_on) : nullptr;
  if (official) {
    o["document_id"] = f.document_id;
    o["document_status"] = f.document_status;
  }
  return o;
}

}  // namespace tinhso::feedback
