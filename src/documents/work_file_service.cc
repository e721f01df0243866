#include "documents/work_file_service.h"

#include "core/identity/actor_of.h"
#include "core/services.h"
#include "documents/module.h"
#include "documents/outgoing.h"
#include "documents/permissions.h"

namespace tinhso::documents {

namespace {

Result<WorkFileState> work_file_or_404(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto w, load_work_file_state(tx, id));
  if (!w) return Error::not_found("Không tìm thấy hồ sơ công việc.");
  return std::move(*w);
}

}  // namespace

Result<AccessGrant> WorkFileService::check_keeper(const identity::Principal& who,
                                                  const WorkFileState& w) const {
  const identity::Authorizer& authz = m_.services().authorizer;
  if (who.id == w.keeper_id) return authorize_register_view(who, authz, w.unit_id);
  TS_ASSIGN_OR_RETURN(auto g, authz.check(who, kAssignDocument, w.unit_id));
  return AccessGrant(g);
}

Status WorkFileService::check_document(const identity::Principal& who, storage::Tx& tx,
                                       std::string_view kind, int64_t document_id) const {
  const identity::Authorizer& authz = m_.services().authorizer;
  if (kind == "incoming") {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT unit_id FROM incoming_documents WHERE id = $1", {document_id}));
    if (rows.empty()) return Error::validation("document_id", "Không tìm thấy văn bản đến.");
    TS_TRY(authorize_incoming_view(who, authz, tx, document_id, rows.front().i64(0)));
    return ok_status();
  }
  TS_ASSIGN_OR_RETURN(auto s, load_outgoing_state(tx, document_id));
  if (!s) return Error::validation("document_id", "Không tìm thấy văn bản đi.");
  TS_TRY(authorize_outgoing_view(who, authz, *s));
  return ok_status();
}

Result<boost::json::object> WorkFileService::view(const identity::Principal& who, int64_t id) {
  Services& s = m_.services();
  TS_ASSIGN_OR_RETURN(auto w,
                      s.db.read([&](storage::Tx& tx) -> Result<std::optional<boost::json::object>> {
                        TS_ASSIGN_OR_RETURN(auto state, work_file_or_404(tx, id));
                        TS_TRY(authorize_register_view(who, s.authorizer, state.unit_id));
                        return find_work_file(tx, id);
                      }));
  if (!w) return Error::not_found("Không tìm thấy hồ sơ công việc.");
  return std::move(*w);
}

Result<boost::json::array> WorkFileService::list(const identity::Principal& who,
                                                 const WorkFileQuery& q) {
  Services& s = m_.services();
  TS_TRY(authorize_register_view(who, s.authorizer, q.unit_id));
  return s.db.read([&](storage::Tx& tx) { return list_work_files(tx, q); });
}

Result<int64_t> WorkFileService::open(const identity::Principal& who, const audit::Actor& actor,
                                      const WorkFileInput& in) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<int64_t> {
    TS_TRY(identity::authorised_by(tx, authorize_register_view(who, s.authorizer, in.unit_id)));
    return open_work_file(tx, in);
  });
}

Status WorkFileService::change(
    const identity::Principal& who, const audit::Actor& actor, int64_t id,
    const std::function<Status(audit::ChangeTx&, const WorkFileState&)>& then) {
  return m_.services().changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto w, work_file_or_404(tx.sql(), id));
    TS_TRY(identity::authorised_by(tx, check_keeper(who, w)));
    return then(tx, w);
  });
}

Status WorkFileService::add(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                            std::string_view kind, int64_t document_id) {
  return change(who, actor, id, [&](audit::ChangeTx& tx, const WorkFileState& w) -> Status {
    TS_TRY(check_document(who, tx.sql(), kind, document_id));
    return add_to_work_file(tx, w, kind, document_id);
  });
}

Status WorkFileService::remove(const identity::Principal& who, const audit::Actor& actor,
                               int64_t id, std::string_view kind, int64_t document_id) {
  return change(who, actor, id, [&](audit::ChangeTx& tx, const WorkFileState& w) {
    return remove_from_work_file(tx, w, kind, document_id);
  });
}

Status WorkFileService::archive(const identity::Principal& who, const audit::Actor& actor,
                                int64_t id, int64_t version) {
  return change(who, actor, id, [&](audit::ChangeTx& tx, const WorkFileState& w) {
    return archive_work_file(tx, w, version);
  });
}

}  // namespace tinhso::documents
