#include "documents/incoming_service.h"

#include "core/base/json.h"
#include "core/calendar/calendar_service.h"
#include "core/identity/actor_of.h"
#include "core/services.h"
#include "documents/config.h"
#include "documents/events.h"
#include "documents/module.h"
#include "documents/outgoing.h"
#include "documents/permissions.h"

namespace tinhso::documents {

using boost::json::object;

namespace {

Error no_incoming() {
  return Error::not_found("Không tìm thấy văn bản đến.");
}

}  // namespace

Result<NoteInput> read_note(const boost::json::value& v, bool note_required) {
  json::FieldReader r(v);
  NoteInput in;
  if (note_required)
    in.note = r.required_string("note", 4000);
  else
    in.note = r.optional_string("note", 4000);
  in.file_ids = r.optional_ids("file_ids", 20, "Mã tệp không hợp lệ.");
  TS_TRY(r.finish());
  return in;
}

Result<ForwardInput> read_forward(const boost::json::value& v) {
  json::FieldReader r(v);
  ForwardInput in;
  in.official_id = r.required_int("official_id", 1, INT64_MAX);
  in.note = r.optional_string("note", 4000);
  TS_TRY(r.finish());
  return in;
}

Result<IncomingService::View> IncomingService::view(const identity::Principal& who, int64_t id) {
  Services& s = m_.services();
  auto cal = s.calendar.get();
  Instant now = s.clock.now();
  AccessGrant grant;
  TS_ASSIGN_OR_RETURN(auto entry, s.db.read([&](storage::Tx& tx) -> Result<std::optional<object>> {
    TS_ASSIGN_OR_RETURN(auto e, find_incoming(tx, id));
    if (!e) return e;
    TS_ASSIGN_OR_RETURN(
        grant, authorize_incoming_view(who, s.authorizer, tx, id, e->at("unit_id").as_int64()));
    TS_ASSIGN_OR_RETURN((*e)["assignments"],
                        list_assignments(tx, *cal, now, m_.warning_seconds(), id));
    TS_ASSIGN_OR_RETURN((*e)["events"], list_events(tx, Subject::kIncoming, id));
    TS_ASSIGN_OR_RETURN((*e)["replies"], replies_to_incoming(tx, id));
    TS_TRY(m_.add_signatures(tx, *e));
    return e;
  }));
  if (!entry) return no_incoming();
  return View{std::move(*entry), grant};
}

Result<storage::Keyed<boost::json::value>> IncomingService::list(const identity::Principal& who,
                                                                 const IncomingQuery& q) {
  Services& s = m_.services();
  TS_TRY(authorize_register_view(who, s.authorizer, q.unit_id));
  return s.db.read([&](storage::Tx& tx) { return list_incoming(tx, q); });
}

Result<files::StoredFile> IncomingService::file(const identity::Principal& who, int64_t id,
                                                int64_t file_id) {
  Services& s = m_.services();
  return s.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
    TS_ASSIGN_OR_RETURN(auto doc, load_incoming_state(tx, id));
    if (!doc) return no_incoming();
    TS_TRY(authorize_incoming_view(who, s.authorizer, tx, id, doc->unit_id));
    TS_ASSIGN_OR_RETURN(auto own, tx.query("SELECT 1 FROM incoming_document_files WHERE "
                                           "document_id = $1 AND file_id = $2",
                                           {id, file_id}));
    TS_ASSIGN_OR_RETURN(bool in_timeline, event_has_file(tx, Subject::kIncoming, id, file_id));
    if (own.empty() && !in_timeline) return Error::not_found("Tệp không thuộc văn bản này.");
    return m_.files().meta(tx, file_id);
  });
}

Result<storage::Keyed<boost::json::value>> IncomingService::work(const identity::Principal& who,
                                                                 WorkQuery q) {
  Services& s = m_.services();
  q.official_id = who.id;
  q.unit_ids.clear();
  for (const auto& g : s.authorizer.grants_for(who, kHandleDocument))
    q.unit_ids.push_back(g.unit_id);
  auto cal = s.calendar.get();
  Instant now = s.clock.now();
  return s.db.read(
      [&](storage::Tx& tx) { return list_work(tx, *cal, now, m_.warning_seconds(), q); });
}

Result<int64_t> IncomingService::register_document(const identity::Principal& who,
                                                   const audit::Actor& actor,
                                                   const IncomingInput& in) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<int64_t> {
    TS_TRY(identity::authorised_by(tx, s.authorizer.check(who, kRegisterDocument, in.unit_id)));
    return register_incoming(tx, m_.files(), in);
  });
}

Status IncomingService::assign(const identity::Principal& who, const audit::Actor& actor,
                               int64_t id, AssignInput in) {
  Services& s = m_.services();
  if (in.deadline_days == 0)
    in.deadline_days = s.config.section<DocumentsConfig>().default_deadline_days;
  auto cal = s.calendar.get();
  auto org = s.org.get();
  auto may_assign_to = [&](int64_t unit) {
    return s.authorizer.check(who, kAssignDocument, unit).ok();
  };
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto doc, load_incoming_state(tx.sql(), id));
    if (!doc) return no_incoming();
    TS_TRY(identity::authorised_by(tx, s.authorizer.check(who, kAssignDocument, doc->unit_id)));
    return documents::assign(tx, *cal, *org, may_assign_to, id, in);
  });
}

Status IncomingService::comment(const identity::Principal& who, const audit::Actor& actor,
                                int64_t id, const NoteInput& in) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto doc, load_incoming_state(tx.sql(), id));
    if (!doc) return no_incoming();
    TS_TRY(identity::authorised_by(
        tx, authorize_incoming_view(who, s.authorizer, tx.sql(), id, doc->unit_id)));
    for (int64_t f : in.file_ids)
      TS_TRY(m_.files().own_upload(tx.sql(), f, tx.actor(), "file_ids"));
    return record_event(tx, Event{Subject::kIncoming, id, "comment", in.note, {}, in.file_ids});
  });
}

Result<int64_t> IncomingService::on_assignment(
    const identity::Principal& who, const audit::Actor& actor, int64_t assignment_id,
    AssignmentAction action,
    const std::function<Status(audit::ChangeTx&, const AssignmentState&)>& then) {
  Services& s = m_.services();
  int64_t document_id = 0;
  TS_TRY(s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto a, load_assignment(tx.sql(), assignment_id));
    if (!a) return Error::not_found("Không tìm thấy việc được giao.");
    document_id = a->document_id;
    TS_TRY(identity::authorised_by(tx, authorize_assignment(who, s.authorizer, *a)));
    TS_TRY(act_on_assignment(a->status, a->role, action));
    return then(tx, *a);
  }));
  return document_id;
}

Result<int64_t> IncomingService::forward(const identity::Principal& who, const audit::Actor& actor,
                                         int64_t assignment_id, const ForwardInput& in) {
  auto org = m_.services().org.get();
  return on_assignment(who, actor, assignment_id, AssignmentAction::kForward,
                       [&](audit::ChangeTx& tx, const AssignmentState& a) {
                         return documents::forward(tx, *org, a, in.official_id, in.note);
                       });
}

Result<int64_t> IncomingService::complete(const identity::Principal& who, const audit::Actor& actor,
                                          int64_t assignment_id, const NoteInput& in) {
  return on_assignment(who, actor, assignment_id, AssignmentAction::kComplete,
                       [&](audit::ChangeTx& tx, const AssignmentState& a) -> Status {
                         for (int64_t f : in.file_ids)
                           TS_TRY(m_.files().own_upload(tx.sql(), f, tx.actor(), "file_ids"));
                         return documents::complete(tx, a, in.note, in.file_ids);
                       });
}

}  // namespace tinhso::documents
