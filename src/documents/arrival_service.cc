#include "documents/arrival_service.h"

#include "core/identity/actor_of.h"
#include "core/services.h"
#include "documents/module.h"
#include "documents/permissions.h"

namespace tinhso::documents {

namespace {

Result<ArrivalState> arrival_or_404(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto a, load_arrival_state(tx, id));
  if (!a) return Error::not_found("Không tìm thấy văn bản điện tử đến.");
  return std::move(*a);
}

}  // namespace

Result<std::string> read_arrival_status(std::optional<std::string_view> status) {
  std::string s(status.value_or("pending"));
  if (s != "pending" && s != "registered" && s != "refused")
    return Error::validation("status", "Trạng thái không hợp lệ (pending, registered, refused).");
  return s;
}

Result<storage::Keyed<boost::json::value>> ArrivalService::list(
    const identity::Principal& who, int64_t unit_id, std::string_view status, int limit,
    std::optional<storage::SortKey> after) {
  Services& s = m_.services();
  TS_TRY(s.authorizer.check(who, kRegisterDocument, unit_id));
  return s.db.read(
      [&](storage::Tx& tx) { return list_arrivals(tx, unit_id, status, limit, after); });
}

Result<boost::json::object> ArrivalService::view(const identity::Principal& who, int64_t id) {
  Services& s = m_.services();
  return s.db.read([&](storage::Tx& tx) -> Result<boost::json::object> {
    TS_ASSIGN_OR_RETURN(auto state, arrival_or_404(tx, id));
    TS_TRY(s.authorizer.check(who, kRegisterDocument, state.unit_id));
    TS_ASSIGN_OR_RETURN(auto found, find_arrival(tx, id));
    if (!found) return Error::not_found("Không tìm thấy văn bản điện tử đến.");
    TS_TRY(m_.add_signatures(tx, *found));
    return std::move(*found);
  });
}

Result<files::StoredFile> ArrivalService::file(const identity::Principal& who, int64_t id,
                                               int64_t file_id) {
  Services& s = m_.services();
  return s.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
    TS_ASSIGN_OR_RETURN(auto a, arrival_or_404(tx, id));
    TS_TRY(s.authorizer.check(who, kRegisterDocument, a.unit_id));
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM document_arrival_files WHERE "
                                            "arrival_id = $1 AND file_id = $2",
                                            {id, file_id}));
    if (rows.empty()) return Error::not_found("Tệp không thuộc văn bản này.");
    return m_.files().meta(tx, file_id);
  });
}

Result<int64_t> ArrivalService::register_in(const identity::Principal& who,
                                            const audit::Actor& actor, int64_t id) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<int64_t> {
    TS_ASSIGN_OR_RETURN(auto a, arrival_or_404(tx.sql(), id));
    TS_TRY(identity::authorised_by(tx, s.authorizer.check(who, kRegisterDocument, a.unit_id)));
    return register_arrival(tx, id);
  });
}

Status ArrivalService::refuse(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                              const std::string& reason) {
  Services& s = m_.services();
  return s.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(auto a, arrival_or_404(tx.sql(), id));
    TS_TRY(identity::authorised_by(tx, s.authorizer.check(who, kRegisterDocument, a.unit_id)));
    return refuse_arrival(tx, id, reason);
  });
}

}  // namespace tinhso::documents
