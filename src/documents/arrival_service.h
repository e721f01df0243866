// ArrivalService: electronic documents waiting for a unit's clerk — the list of a unit's
// arrivals, one with its files and their signatures verified now, a file's download, and
// registering or refusing one — as an official may see and do them. The routes
// (arrivals_api.cc) read the request and call it; it authorises on the Principal without HTTP
// and writes through the change log, noting on each change the grant its check relied on.
//
// Thread safety: as the Services it uses; it holds no state of its own.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/audit/actor.h"
#include "core/base/result.h"
#include "core/files/file_store.h"
#include "core/identity/principal.h"
#include "core/storage/keyset.h"
#include "documents/arrivals.h"

namespace tinhso::documents {

class Documents;

// Which arrivals a list shows; anything else is a validation error.
Result<std::string> read_arrival_status(std::optional<std::string_view> status);

class ArrivalService {
 public:
  explicit ArrivalService(Documents& m) : m_(m) {}

  // A unit's arrivals in `status`, newest first, for its clerks; `limit` rows after `after`.
  Result<storage::Keyed<boost::json::value>> list(const identity::Principal& who, int64_t unit_id,
                                                  std::string_view status, int limit,
                                                  std::optional<storage::SortKey> after);
  Result<boost::json::object> view(const identity::Principal& who, int64_t id);
  // The stored file `file_id` when it belongs to arrival `id` and `who` may read the arrival.
  Result<files::StoredFile> file(const identity::Principal& who, int64_t id, int64_t file_id);

  // Registers the arrival in its unit's incoming register; returns the incoming entry's id.
  Result<int64_t> register_in(const identity::Principal& who, const audit::Actor& actor,
                              int64_t id);
  Status refuse(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                const std::string& reason);

 private:
  Documents& m_;
};

}  // namespace tinhso::documents
