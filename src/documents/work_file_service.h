// WorkFileService: work files (hồ sơ công việc) — opened for a matter, documents the keeper may
// read put in and taken out, closed and handed to the archive — and the files of a unit as an
// official may see them. The routes (work_files_api.cc) read the request and call it; it
// authorises on the Principal without HTTP and writes through the change log, noting on each
// change the grant its check relied on.
//
// Thread safety: as the Services it uses; it holds no state of its own.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <string_view>

#include "core/audit/actor.h"
#include "core/base/result.h"
#include "core/identity/principal.h"
#include "documents/access.h"
#include "documents/work_files.h"

namespace tinhso::documents {

class Documents;

class WorkFileService {
 public:
  explicit WorkFileService(Documents& m) : m_(m) {}

  // A work file with its documents, for those who read its unit's registers.
  Result<boost::json::object> view(const identity::Principal& who, int64_t id);
  Result<boost::json::array> list(const identity::Principal& who, const WorkFileQuery& q);

  // Returns the new work file's id.
  Result<int64_t> open(const identity::Principal& who, const audit::Actor& actor,
                       const WorkFileInput& in);
  Status add(const identity::Principal& who, const audit::Actor& actor, int64_t id,
             std::string_view kind, int64_t document_id);
  Status remove(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                std::string_view kind, int64_t document_id);
  Status archive(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                 int64_t version);

 private:
  // The official keeping the file, or a leader of its unit, changes it.
  Result<AccessGrant> check_keeper(const identity::Principal& who, const WorkFileState& w) const;
  // Only documents the caller may read go into a work file.
  Status check_document(const identity::Principal& who, storage::Tx& tx, std::string_view kind,
                        int64_t document_id) const;
  // Loads the file in the change, checks the keeper and runs `then`.
  Status change(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                const std::function<Status(audit::ChangeTx&, const WorkFileState&)>& then);

  Documents& m_;
};

}  // namespace tinhso::documents
