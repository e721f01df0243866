// RegisterService: a unit's document registers read as a whole — searching the incoming and
// outgoing documents of a unit (and, on request, of the units below it that the caller may
// read) and the unit's document indicators for a period. The routes (search_api.cc,
// statistics_api.cc) read the request and call it; it authorises on the Principal without HTTP.
//
// Thread safety: as the Services it uses; it holds no state of its own.
#pragma once

#include <boost/json.hpp>
#include <optional>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/identity/principal.h"
#include "core/storage/keyset.h"
#include "documents/search.h"
#include "documents/statistics.h"

namespace tinhso::documents {

class Documents;

class RegisterService {
 public:
  explicit RegisterService(Documents& m) : m_(m) {}

  // Hits of `q` in the registers of `unit_id` (which `who` must read) and, with
  // `include_subunits`, of the units below it that `who` may read; q.unit_ids is filled here.
  Result<storage::Keyed<boost::json::value>> search(const identity::Principal& who, int64_t unit_id,
                                                    bool include_subunits, DocumentSearch q);
  // The indicators of `unit_id` and the units below it from `from` (default: the month's first
  // day) to `to` (default: today), at most ten years.
  Result<DocumentStatsReport> statistics(const identity::Principal& who, int64_t unit_id,
                                         std::optional<Date> from, std::optional<Date> to);

 private:
  Documents& m_;
};

}  // namespace tinhso::documents
