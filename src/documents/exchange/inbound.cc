#include "documents/exchange/inbound.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>

#include "core/audit/change_log.h"
#include "core/base/crypto.h"
#include "core/base/text.h"
#include "core/base/time.h"
#include "core/config/config.h"
#include "core/identity/org_tree.h"
#include "documents/arrivals.h"
#include "documents/config.h"
#include "documents/edxml/codec.h"
#include "documents/edxml/dsig.h"
#include "documents/incoming.h"

namespace tinhso::documents::exchange {
namespace {

using boost::json::array;
using boost::json::object;

const audit::Actor& exchange_actor() {
  static const audit::Actor kActor = audit::Actor::system("Liên thông văn bản (edXML)");
  return kActor;
}

// What is known of a message when it is recorded.
struct Record {
  std::string sha256;
  std::string_view raw;
  std::size_t size = 0;  // of the whole message; raw may be only its beginning
  std::string remote;
  std::optional<std::string> key, kind, from_code, document_id, signer;
};

Result<int64_t> insert_record(audit::ChangeTx& tx, const Record& r, std::string_view status,
                              const Error* error) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query(
          "INSERT INTO exchange_received (idempotency_key, kind, from_code, document_id, status, "
          "error_code, error_message, signer, sha256, size, raw, raw_complete, remote_addr, "
          "received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
          "RETURNING id",
          {r.key, r.kind, r.from_code, r.document_id, status,
           error ? std::optional<std::string>(error->code()) : std::nullopt,
           error ? std::optional<std::string>(error->message()) : std::nullopt, r.signer, r.sha256,
           static_cast<int64_t>(r.size), storage::Blob{r.raw},
           static_cast<int64_t>(r.raw.size() == r.size), r.remote, tx.now_ms()}));
  int64_t id = rows.front().i64(0);
  object data{{"status", status}, {"sha256", r.sha256}, {"size", static_cast<int64_t>(r.size)}};
  if (r.from_code) data["from"] = *r.from_code;
  if (r.document_id) data["document_id"] = *r.document_id;
  if (error) data["error"] = error->code();
  TS_TRY(tx.record(status == "rejected" ? "exchange.reject" : "exchange.receive",
                   "exchange_received", id, std::move(data)));
  return id;
}

// Keeps the beginning of the rejected message with its reason, charges the sender's
// rejection budget, then returns the reason to the sender.
Error reject(Services& s, RateLimiter& budget, Record r, Error e) {
  r.key.reset();  // a rejected message may be sent again with the same key once mended
  budget.allow(r.remote);
  r.raw = r.raw.substr(
      0, static_cast<std::size_t>(s.config.section<ExchangeConfig>().rejected_keep_kb) << 10);
  auto kept = s.changes.apply(exchange_actor(), [&](audit::ChangeTx& tx) -> Status {
    TS_TRY(insert_record(tx, r, "rejected", &e));
    return ok_status();
  });
  if (!kept.ok())
    spdlog::error("edxml: could not keep a rejected message: {}", kept.error().describe());
  spdlog::warn("edxml: rejected a message from {} ({}): {}", r.remote, e.code(), e.message());
  return e;
}

// Order of the statuses a recipient reports; a late message never moves a recipient back.
int status_rank(std::string_view s) {
  if (s == "sent") return 1;
  if (s == "received") return 2;
  if (s == "assigned") return 3;
  if (s == "processing") return 4;
  if (s == "done" || s == "refused") return 5;
  return 0;
}

std::string doc_type_of(const edxml::DocumentMessage& m) {
  if (find_doc_type(m.type_code) != nullptr) return m.type_code;
  std::string wanted = text::fold(m.type_name);
  for (const auto& t : doc_types())
    if (!wanted.empty() && text::fold(t.name) == wanted) return std::string(t.key);
  return "cong_van";  // other systems' type codes are not ours; a letter is the general case
}

// A message already recorded under the sender's Idempotency-Key, read inside the importing
// transaction so that of two copies arriving at once the second sees the first.
Result<std::optional<Received>> repeat_of(storage::Tx& tx, const Record& r) {
  if (!r.key) return std::optional<Received>();
  TS_ASSIGN_OR_RETURN(auto seen, tx.query("SELECT id FROM exchange_received WHERE "
                                          "idempotency_key = $1",
                                          {*r.key}));
  if (seen.empty()) return std::optional<Received>();
  return std::optional<Received>(
      Received{200, object{{"status", "duplicate"}, {"id", seen.front().i64(0)}}});
}

Result<Received> import_document(Services& s, RateLimiter& budget,
                                 const signing::FileSigner& signer, files::FileStore& files,
                                 Record rec, const edxml::DocumentMessage& m) {
  auto org = s.org.get();
  std::vector<int64_t> units;
  std::string codes;
  for (const auto& to : m.to) {
    codes += (codes.empty() ? "" : ", ") + to.organ_id;
    // A code of a unit reorganised away reaches the unit that took over its work.
    if (const auto* u = org->resolve_code(to.organ_id);
        u != nullptr && u->active && std::find(units.begin(), units.end(), u->id) == units.end())
      units.push_back(u->id);
  }
  if (units.empty())
    return reject(s, budget, std::move(rec),
                  Error(422, "edxml.unknown_recipient",
                        fmt::format("Không có cơ quan nhận nào thuộc hệ thống này ({}).", codes)));

  // Files are checked (type, size, virus scan) before the transaction; signatures travel as
  // detached CMS attachments naming the file they sign.
  std::vector<const edxml::Attachment*> documents, signatures;
  for (const auto& a : m.attachments)
    (a.content_type == edxml::kSignatureContentType ? signatures : documents).push_back(&a);
  if (documents.empty())
    return reject(s, budget, std::move(rec),
                  Error(422, "edxml.invalid", "Gói tin không có tệp văn bản, chỉ có chữ ký số."));
  std::vector<files::CheckedFile> checked;
  for (const auto* a : documents) {
    auto c = files.check(a->name, a->content_type, a->bytes);
    if (!c.ok())
      return reject(s, budget, std::move(rec),
                    Error(422, "edxml.attachment_refused",
                          fmt::format("Tệp đính kèm \"{}\" không được chấp nhận: {}", a->name,
                                      c.error().message())));
    checked.push_back(std::move(*c));
  }
  Instant now = s.clock.now();
  std::string notation =
      m.code_number.empty() ? m.code_notation : m.code_number + "/" + m.code_notation;

  auto imported = s.changes.apply(exchange_actor(), [&](audit::ChangeTx& tx) -> Result<Received> {
    storage::Tx& sql = tx.sql();
    TS_ASSIGN_OR_RETURN(auto repeat, repeat_of(sql, rec));
    if (repeat) {
      tx.mark_unchanged();
      return std::move(*repeat);
    }
    TS_ASSIGN_OR_RETURN(int64_t id, insert_record(tx, rec, "imported", nullptr));
    std::vector<int64_t> file_ids;
    std::map<std::string, std::pair<int64_t, const edxml::Attachment*>> by_cid;
    array arrivals;
    for (int64_t unit : units) {
      TS_ASSIGN_OR_RETURN(auto seen, sql.query("SELECT id FROM document_arrivals WHERE unit_id = "
                                               "$1 AND issuer_code = $2 AND edxml_document_id = $3",
                                               {unit, m.from.organ_id, m.document_id}));
      if (!seen.empty()) continue;  // this unit has it already
      if (file_ids.empty()) {
        for (std::size_t i = 0; i < checked.size(); ++i) {
          TS_ASSIGN_OR_RETURN(auto f, files.insert(tx, checked[i]));
          file_ids.push_back(f.id);
          by_cid[documents[i]->content_id] = {f.id, documents[i]};
        }
        for (const auto* sig : signatures) {
          auto colon = sig->description.find(':');
          auto target = by_cid.find(sig->description.substr(0, colon));
          if (target == by_cid.end()) continue;
          auto v = signer.verify(target->second.second->bytes, sig->bytes, now);
          if (v.signer_name.empty()) continue;  // not a signature we can even read
          std::string kind =
              colon == std::string::npos ? "personal" : sig->description.substr(colon + 1);
          if (kind != "personal" && kind != "agency") kind = "personal";
          TS_TRY(signing::store_signature(
              tx, signing::FileSignature{target->second.first, kind, v.signer_name, v.organisation,
                                         v.serial_hex, v.signed_at.value_or(now), sig->bytes}));
        }
      }
      ArrivalInput a;
      a.unit_id = unit;
      a.issuer_name = m.from.organ_name.empty() ? m.from.organ_id : m.from.organ_name;
      a.issuer_code = m.from.organ_id;
      a.notation = notation;
      a.issued_on = m.promulgation_date;
      a.doc_type = doc_type_of(m);
      a.subject = m.subject;
      a.urgency = std::string(edxml::urgency_for(m.priority));
      a.confidentiality = "thuong";
      if (m.page_amount) a.pages = *m.page_amount;
      if (!m.signer_name.empty()) a.signer_name = m.signer_name;
      a.file_ids = file_ids;
      a.exchange_id = id;
      a.edxml_document_id = m.document_id;
      TS_ASSIGN_OR_RETURN(int64_t arrival, record_arrival(tx, a));
      arrivals.push_back(arrival);
    }
    if (arrivals.empty()) {
      TS_TRY(sql.exec("UPDATE exchange_received SET status = 'duplicate' WHERE id = $1", {id}));
      return Received{200, object{{"status", "duplicate"}, {"id", id}}};
    }
    return Received{201,
                    object{{"status", "imported"}, {"id", id}, {"arrivals", std::move(arrivals)}}};
  });
  return imported;
}

Result<Received> import_status(Services& s, RateLimiter& budget, Record rec,
                               const edxml::StatusMessage& m) {
  std::string status(edxml::recipient_status_for(m.status_code));
  auto found = s.db.read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT r.id, r.status FROM outgoing_recipients r JOIN outgoing_documents d ON "
        "d.id = r.document_id WHERE d.edxml_document_id = $1 AND r.agency_code = $2",
        {m.response_document_id, m.from.organ_id});
  });
  if (!found.ok()) return found.error();
  if (found->empty())
    return reject(s, budget, std::move(rec),
                  Error(422, "edxml.unknown_document",
                        fmt::format("Không tìm thấy văn bản \"{}\" đã gửi tới cơ quan {}.",
                                    m.response_document_id, m.from.organ_id)));
  int64_t recipient = found->front().i64(0);
  return s.changes.apply(exchange_actor(), [&](audit::ChangeTx& tx) -> Result<Received> {
    TS_ASSIGN_OR_RETURN(auto repeat, repeat_of(tx.sql(), rec));
    if (repeat) {
      tx.mark_unchanged();
      return std::move(*repeat);
    }
    TS_ASSIGN_OR_RETURN(int64_t id, insert_record(tx, rec, "imported", nullptr));
    TS_ASSIGN_OR_RETURN(auto now, tx.sql().query("SELECT status FROM outgoing_recipients WHERE "
                                                 "id = $1",
                                                 {recipient}));
    bool forward = !now.empty() && status_rank(status) > status_rank(now.front().view(0));
    if (forward) {
      std::optional<std::string> note;
      if (!m.description.empty()) note = m.description;
      TS_TRY(report_recipient_status(tx, recipient, status, note));
    }
    return Received{200, object{{"status", "imported"}, {"id", id}, {"applied", forward}}};
  });
}

}  // namespace

bool certificate_speaks_for(const signing::Verification& v, std::string_view agency_code,
                            const std::vector<std::string>& pins) {
  if (agency_code.empty()) return false;
  for (const auto& value : v.subject_values) {
    std::string_view sv(value);
    if (sv == agency_code) return true;
    if (sv.size() > agency_code.size() && sv.ends_with(agency_code) &&
        sv[sv.size() - agency_code.size() - 1] == ':')
      return true;
  }
  std::string fingerprint = text::to_lower_ascii(v.certificate_sha256);
  for (const auto& pin : pins) {
    auto eq = pin.find('=');
    if (eq == std::string::npos) continue;
    std::string_view pattern(pin.data(), eq);
    bool applies =
        pattern == agency_code || (pattern.starts_with('.') && agency_code.ends_with(pattern));
    std::string pinned;
    for (char c : pin.substr(eq + 1))
      if (c != ':') pinned += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (applies && !fingerprint.empty() && pinned == fingerprint) return true;
  }
  return false;
}

Receiver::Receiver(Services& s, const signing::FileSigner& signer, files::FileStore& files)
    : s_(s),
      signer_(signer),
      files_(files),
      rejections_(s.config.section<ExchangeConfig>().rejected_per_minute / 60.0,
                  std::max(1, s.config.section<ExchangeConfig>().rejected_per_minute)) {}

Result<Received> Receiver::receive(std::string_view bytes,
                                   std::optional<std::string> idempotency_key,
                                   const std::string& remote_addr) {
  // Refused before any work: this sender's recent messages were all rejected.
  int retry = 0;
  if (rejections_.enabled() && !rejections_.would_allow(remote_addr, &retry)) {
    Error e = Error::rate_limited(retry);
    return Error(429, "edxml.too_many_rejected",
                 "Quá nhiều gói tin từ địa chỉ này bị từ chối. Vui lòng kiểm tra lại và gửi "
                 "sau ít phút.",
                 e.details());
  }
  if (idempotency_key && (idempotency_key->empty() || idempotency_key->size() > 200))
    idempotency_key.reset();
  if (idempotency_key) {
    auto seen = s_.db.read([&](storage::Tx& tx) {
      return tx.query("SELECT id, status FROM exchange_received WHERE idempotency_key = $1",
                      {*idempotency_key});
    });
    if (!seen.ok()) return seen.error();
    if (!seen->empty())
      return Received{200, object{{"status", "duplicate"}, {"id", seen->front().i64(0)}}};
  }
  Record rec;
  rec.sha256 = crypto::sha256_hex(bytes);
  rec.raw = bytes;
  rec.size = bytes.size();
  rec.remote = remote_addr;
  rec.key = idempotency_key;

  Services& s = s_;
  RateLimiter& budget = rejections_;
  auto doc = edxml::parse_untrusted(
      bytes, static_cast<std::size_t>(s.config.section<ExchangeConfig>().max_message_mb) << 20);
  if (!doc.ok()) return reject(s, budget, std::move(rec), doc.error());
  auto v = edxml::verify(edxml::signature_parent(doc->get()), signer_.trust(), s.clock.now());
  if (!v.valid())
    return reject(s, budget, std::move(rec),
                  Error(422, fmt::format("edxml.signature_{}", signing::status_name(v.status)),
                        fmt::format("Chữ ký số của gói tin không hợp lệ: {}",
                                    signing::status_message_vi(v.status))));
  rec.signer = v.organisation.empty() ? v.signer_name : v.signer_name + " — " + v.organisation;
  edxml::ReadLimits limits;
  limits.max_attachment_bytes = static_cast<std::size_t>(files_.max_bytes());
  auto message = edxml::read_message(doc->get(), limits);
  if (!message.ok()) return reject(s, budget, std::move(rec), message.error());

  // A message is a document or a status: exactly one of the two is set.
  const auto* document = std::get_if<edxml::DocumentMessage>(&*message);
  const edxml::StatusMessage* status =
      document != nullptr ? nullptr : &std::get<edxml::StatusMessage>(*message);
  if (document != nullptr) {
    rec.kind = "document";
    rec.from_code = document->from.organ_id;
    rec.document_id = document->document_id;
  } else {
    rec.kind = "status";
    rec.from_code = status->from.organ_id;
    rec.document_id = status->response_document_id;
  }
  // A trusted certificate is not enough: it must be the sending agency's own.
  if (!certificate_speaks_for(v, *rec.from_code,
                              s.config.section<ExchangeConfig>().sender_certificates)) {
    // Worded before `rec` is moved into reject(): arguments are evaluated in no fixed order.
    Error not_sender(422, "edxml.signer_not_sender",
                     fmt::format("Chứng thư số ký gói tin ({}) không phải của cơ quan gửi {}.",
                                 *rec.signer, *rec.from_code));
    return reject(s, budget, std::move(rec), std::move(not_sender));
  }
  // Two copies with the same new key can both get here; the second one's insert then meets
  // the first one's row, and a second attempt answers "duplicate" from inside its transaction.
  for (int attempt = 0;; ++attempt) {
    auto r = document != nullptr ? import_document(s, budget, signer_, files_, rec, *document)
                                 : import_status(s, budget, rec, *status);
    if (r.ok() || r.error().code() != storage::kUniqueViolation || attempt == 1) return r;
  }
}

}  // namespace tinhso::documents::exchange
