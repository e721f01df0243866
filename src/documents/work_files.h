// Work files (hồ sơ công việc, Nghị định 30/2020/NĐ-CP): an official opens one for a matter,
// with a code, a title and a retention period, and gathers the incoming and outgoing documents
// of that matter in it; closing it hands it to the agency's electronic archive (lưu trữ điện
// tử) with the date until which it must be kept, and from then on it does not change.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/base/time.h"
#include "core/storage/sql.h"

namespace tinhso::documents {

struct WorkFileInput {
  int64_t unit_id = 0;
  std::string code, title;
  std::optional<int> retention_years;  // nullopt: permanent
  std::optional<std::string> note;
};
Result<WorkFileInput> read_work_file(const boost::json::value& v);

struct WorkFileState {
  int64_t id = 0, unit_id = 0, keeper_id = 0;
  std::string status;  // open | archived
  int64_t version = 0;
};
Result<std::optional<WorkFileState>> load_work_file_state(storage::Tx& tx, int64_t id);

Result<int64_t> open_work_file(audit::ChangeTx& tx, const WorkFileInput& in);
// kind: incoming | outgoing; the caller has checked that the document may be read.
Status add_to_work_file(audit::ChangeTx& tx, const WorkFileState& w, std::string_view kind,
                        int64_t document_id);
Status remove_from_work_file(audit::ChangeTx& tx, const WorkFileState& w, std::string_view kind,
                             int64_t document_id);
// Closes and archives: keep until the archiving date plus the retention period.
Status archive_work_file(audit::ChangeTx& tx, const WorkFileState& w, int64_t version);

struct WorkFileQuery {
  int64_t unit_id = 0;
  std::string status;  // open | archived; empty: all
  int year = 0;        // 0: any
  std::string text;
  std::optional<Date> keep_until_before;  // archived files whose retention ends by then
  int limit = 50;
  // The list runs newest year first, then by code; a page resumes after this file.
  struct After {
    int64_t year = 0;
    std::string code;
    int64_t id = 0;
  };
  std::optional<After> after;
};
Result<boost::json::array> list_work_files(storage::Tx& tx, const WorkFileQuery& q);
Result<std::optional<boost::json::object>> find_work_file(storage::Tx& tx, int64_t id);

}  // namespace tinhso::documents
