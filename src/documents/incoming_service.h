// IncomingService: the incoming register and the handling of what it holds — a document
// registered, assigned by a leader, commented on, an assignment forwarded or completed — and the
// entry and the work lists as an official may see them. The routes (incoming_api.cc,
// handling_api.cc) read the request and call it; it authorises on the Principal without HTTP and
// writes through the change log, noting on each change the grant its check relied on.
//
// A change runs in one audited transaction that re-reads the document or assignment and checks
// the caller against it as it stands (a leader of the register's unit assigns; an assignment's
// person, or for a unit-wide one a handler of that unit, forwards or completes it).
//
// Thread safety: as the Services it uses; it holds no state of its own.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/actor.h"
#include "core/base/result.h"
#include "core/files/file_store.h"
#include "core/identity/principal.h"
#include "core/storage/keyset.h"
#include "documents/access.h"
#include "documents/handling.h"
#include "documents/incoming.h"

namespace tinhso::documents {

class Documents;

// The note and files of a comment or a completion; the files are the caller's own uploads.
struct NoteInput {
  std::optional<std::string> note;
  std::vector<int64_t> file_ids;
};
Result<NoteInput> read_note(const boost::json::value& v, bool note_required);

// To whom of the same unit an assignment is forwarded.
struct ForwardInput {
  int64_t official_id = 0;
  std::optional<std::string> note;
};
Result<ForwardInput> read_forward(const boost::json::value& v);

class IncomingService {
 public:
  explicit IncomingService(Documents& m) : m_(m) {}

  // An entry with its assignments, timeline, replies and verified signatures, and the grant
  // that let `who` see it (none when they see it because it was assigned to them).
  struct View {
    boost::json::object entry;
    AccessGrant grant;
  };
  Result<View> view(const identity::Principal& who, int64_t id);
  // A unit's register, for those who read it.
  Result<storage::Keyed<boost::json::value>> list(const identity::Principal& who,
                                                  const IncomingQuery& q);
  // A file of the entry (its scans, or one from its timeline).
  Result<files::StoredFile> file(const identity::Principal& who, int64_t id, int64_t file_id);
  // The caller's own work: assignments by name, or to the units they handle for.
  Result<storage::Keyed<boost::json::value>> work(const identity::Principal& who, WorkQuery q);

  // Returns the new entry's id.
  Result<int64_t> register_document(const identity::Principal& who, const audit::Actor& actor,
                                    const IncomingInput& in);
  Status assign(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                AssignInput in);
  Status comment(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                 const NoteInput& in);
  // Both return the id of the assignment's document.
  Result<int64_t> forward(const identity::Principal& who, const audit::Actor& actor,
                          int64_t assignment_id, const ForwardInput& in);
  Result<int64_t> complete(const identity::Principal& who, const audit::Actor& actor,
                           int64_t assignment_id, const NoteInput& in);

 private:
  // Loads the assignment, checks that `who` may act on it by `action`, and runs `then`.
  Result<int64_t> on_assignment(
      const identity::Principal& who, const audit::Actor& actor, int64_t assignment_id,
      AssignmentAction action,
      const std::function<Status(audit::ChangeTx&, const AssignmentState&)>& then);

  Documents& m_;
};

}  // namespace tinhso::documents
