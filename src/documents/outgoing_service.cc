#include "documents/outgoing_service.h"

#include "core/base/json.h"
#include "core/identity/actor_of.h"
#include "core/services.h"
#include "documents/access.h"
#include "documents/events.h"
#include "documents/module.h"
#include "documents/permissions.h"

namespace tinhso::documents {

using boost::json::object;

namespace {

Error no_outgoing() {
  return Error::not_found("Không tìm thấy văn bản đi.");
}

bool awaits(const identity::Principal& who, const OutgoingState& s) {
  return s.reviewer_id && *s.reviewer_id == who.id;
}

}  // namespace

Result<StepInput> read_step(OutgoingAction step, const boost::json::value& body) {
  json::FieldReader r(body);
  StepInput in;
  in.step = step;
  in.version = r.required_int("version", 1, INT64_MAX);
  if (step == OutgoingAction::kSubmit || step == OutgoingAction::kPass)
    in.reviewer_id = r.required_int("reviewer_id", 1, INT64_MAX);
  if (step == OutgoingAction::kReturn)
    in.note = r.required_string("note", 4000);
  else if (step != OutgoingAction::kIssue)
    in.note = r.optional_string("note", 4000);
  TS_TRY(r.finish());
  return in;
}

Result<object> OutgoingService::view(const identity::Principal& who, int64_t id) {
  Services& s = m_.services();
  TS_ASSIGN_OR_RETURN(auto doc, s.db.read([&](storage::Tx& tx) -> Result<std::optional<object>> {
    TS_ASSIGN_OR_RETURN(auto state, load_outgoing_state(tx, id));
    if (!state) return std::optional<object>();
    TS_TRY(authorize_outgoing_view(who, s.authorizer, *state));
    TS_ASSIGN_OR_RETURN(auto d, find_outgoing(tx, id));
    if (!d) return d;
    TS_ASSIGN_OR_RETURN((*d)["events"], list_events(tx, Subject::kOutgoing, id));
    TS_TRY(m_.add_signatures(tx, *d));
    // Whether approval and issue sign at all: the screens must not say "signed" otherwise.
    (*d)["signing_enabled"] = s.signer.enabled();
    return d;
  }));
  if (!doc) return no_outgoing();
  return std::move(*doc);
}

Result<boost::json::array> OutgoingService::reviewers(const identity::Principal& who,
                                                      int64_t unit_id) {
  Services& s = m_.services();
  TS_TRY(s.authorizer.check(who, kHandleDocument, unit_id));
  return s.db.read([&](storage::Tx& tx) { return leaders_of(tx, unit_id); });
}

Result<storage::Keyed<boost::json::value>> OutgoingService::list(const identity::Principal& who,
                                                                 const OutgoingQuery& q) {
  Services& s = m_.services();
  // The drafts awaiting a leader are that leader's own list; a unit's list needs its register.
  if (q.reviewer_id) {
    if (*q.reviewer_id != who.id) return Error::forbidden();
  } else {
    TS_TRY(authorize_register_view(who, s.authorizer, q.unit_id));
  }
  return s.db.read([&](storage::Tx& tx) { return list_outgoing(tx, q); });
}

Result<files::StoredFile> OutgoingService::file(const identity::Principal& who, int64_t id,
                                                int64_t file_id) {
  Services& s = m_.services();
  return s.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
    TS_ASSIGN_OR_RETURN(auto state, load_outgoing_state(tx, id));
    if (!state) return no_outgoing();
    TS_TRY(authorize_outgoing_view(who, s.authorizer, *state));
    TS_ASSIGN_OR_RETURN(bool own, outgoing_has_file(tx, id, file_id));
    TS_ASSIGN_OR_RETURN(bool in_timeline, event_has_file(tx, Subject::kOutgoing, id, file_id));
    if (!own && !in_timeline) return Error::not_found("Tệp không thuộc văn bản này.");
    return m_.files().meta(tx, file_id);
  });
}

Status OutgoingService::check_replies(const identity::Principal& who, storage::Tx& tx,
                                      const DraftInput& in) {
  Services& s = m_.services();
  for (int64_t incoming : in.reply_to) {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT unit_id FROM incoming_documents WHERE id = $1", {incoming}));
    if (rows.empty())
      return Error::validation("reply_to", "Không tìm thấy văn bản đến được trả lời.");
    if (!authorize_incoming_view(who, s.authorizer, tx, incoming, rows.front().i64(0)).ok())
      return Error::validation("reply_to",
                               "Văn bản đến được trả lời không thuộc phạm vi của Ông/Bà.");
  }
  return ok_status();
}

Result<int64_t> OutgoingService::draft(const identity::Principal& who, const audit::Actor& actor,
                                       const DraftInput& in) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<int64_t> {
    TS_TRY(
        identity::authorised_by(tx, s.authorizer.check(who, kHandleDocument, in.drafting_unit_id)));
    TS_TRY(check_replies(who, tx.sql(), in));
    return create_draft(tx, m_.files(), in);
  });
}

Status OutgoingService::revise(const identity::Principal& who, const audit::Actor& actor,
                               int64_t id, int64_t version, const DraftInput& in) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto state, load_outgoing_state(tx.sql(), id));
    if (!state) return no_outgoing();
    TS_TRY(identity::authorised_by(
        tx, s.authorizer.check(who, kHandleDocument, state->drafting_unit_id)));
    TS_TRY(check_replies(who, tx.sql(), in));
    return revise_draft(tx, m_.files(), *state, version, in);
  });
}

Result<AccessGrant> OutgoingService::check_step(const identity::Principal& who,
                                                const OutgoingState& s, OutgoingAction step) const {
  const identity::Authorizer& authz = m_.services().authorizer;
  auto granted = [&](identity::Permission p, int64_t unit) -> Result<AccessGrant> {
    TS_ASSIGN_OR_RETURN(auto g, authz.check(who, p, unit));
    return AccessGrant(g);
  };
  switch (step) {
    case OutgoingAction::kSubmit:
      return granted(kHandleDocument, s.drafting_unit_id);
    case OutgoingAction::kPass:
    case OutgoingAction::kReturn:
    case OutgoingAction::kApprove:
      if (!awaits(who, s)) {
        // Those who may not even see the document learn nothing about where it stands.
        TS_TRY(authorize_outgoing_view(who, authz, s));
        return Error::forbidden("Văn bản không đang chờ Ông/Bà duyệt.");
      }
      // Signing binds the issuing agency: the leader must hold that authority.
      if (step == OutgoingAction::kApprove) return granted(kSignDocument, s.unit_id);
      return AccessGrant();  // theirs because the draft awaits them
    case OutgoingAction::kIssue:
      return granted(kRegisterDocument, s.unit_id);
    case OutgoingAction::kRevise:
      break;
  }
  return Error::internal("revise is not a step");
}

Result<std::optional<signing::FileSignature>> OutgoingService::sign_for(
    const identity::Principal& who, int64_t id, const StepInput& in) {
  Services& s = m_.services();
  TS_ASSIGN_OR_RETURN(auto target,
                      s.db.read([&](storage::Tx& tx) -> Result<std::pair<OutgoingState, int64_t>> {
                        TS_ASSIGN_OR_RETURN(auto st, load_outgoing_state(tx, id));
                        if (!st) return no_outgoing();
                        TS_ASSIGN_OR_RETURN(auto f, main_file_of(tx, id));
                        return std::make_pair(*st, f);
                      }));
  const OutgoingState& st = target.first;
  TS_TRY(check_step(who, st, in.step));
  // Before signing: a stale or misplaced step must not leave a signature behind.
  TS_TRY(act_on_outgoing(st.status, st.version, in.version, in.step));
  std::string key_name = who.login;
  if (in.step == OutgoingAction::kIssue) {
    auto org = s.org.get();
    const auto* unit = org->find(st.unit_id);
    if (unit == nullptr) return Error::internal("issuing unit missing");
    key_name = unit->code;
  }
  return m_.maybe_sign(key_name, in.step == OutgoingAction::kIssue ? "agency" : "personal",
                       target.second);
}

Status OutgoingService::act(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                            const StepInput& in) {
  Services& s = m_.services();
  std::optional<signing::FileSignature> signature;
  if (in.step == OutgoingAction::kApprove || in.step == OutgoingAction::kIssue) {
    TS_ASSIGN_OR_RETURN(signature, sign_for(who, id, in));
  }
  auto org = s.org.get();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto state, load_outgoing_state(tx.sql(), id));
    if (!state) return no_outgoing();
    TS_TRY(identity::authorised_by(tx, check_step(who, *state, in.step)));
    switch (in.step) {
      case OutgoingAction::kSubmit:
        return submit_draft(tx, *state, in.version, *in.reviewer_id, in.note);
      case OutgoingAction::kPass:
        return pass_review(tx, *state, in.version, *in.reviewer_id, in.note);
      case OutgoingAction::kReturn:
        return return_draft(tx, *state, in.version, *in.note);
      case OutgoingAction::kApprove:
        TS_TRY(approve(tx, *state, in.version, in.note));
        break;
      case OutgoingAction::kIssue:
        TS_TRY(issue(tx, *org, *state, in.version));
        break;
      case OutgoingAction::kRevise:
        return Error::internal("revise is not a step");
    }
    if (signature) TS_TRY(signing::store_signature(tx, *signature));
    return ok_status();
  });
}

}  // namespace tinhso::documents
