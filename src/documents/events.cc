#include "documents/events.h"

#include <fmt/format.h>

#include <map>

#include "core/base/json.h"
#include "core/base/time.h"
#include "core/files/file_store.h"

namespace tinhso::documents {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string_view subject_name(Subject s) {
  return s == Subject::kIncoming ? "incoming" : "outgoing";
}

namespace {

std::string_view event_label(std::string_view action) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"register", "Vào sổ văn bản đến"},
      {"assign", "Giao xử lý"},
      {"comment", "Ý kiến xử lý"},
      {"forward", "Chuyển xử lý trong đơn vị"},
      {"done", "Hoàn thành xử lý"},
      {"remind", "Nhắc hạn xử lý"},
      {"reply", "Văn bản trả lời được ban hành"},
      {"draft", "Tạo dự thảo"},
      {"revise", "Sửa dự thảo"},
      {"submit", "Trình duyệt"},
      {"pass", "Chuyển lãnh đạo khác duyệt"},
      {"return", "Trả lại để sửa"},
      {"approve", "Duyệt và ký"},
      {"issue", "Cấp số và ban hành"},
      {"deliver", "Gửi văn bản đến nơi nhận"},
      {"recipient_status", "Nơi nhận báo trạng thái"},
  };
  auto it = kLabels.find(action);
  return it == kLabels.end() ? action : it->second;
}

}  // namespace

Status record_event(audit::ChangeTx& tx, const Event& e) {
  storage::Tx& sql = tx.sql();
  std::string data = e.data.empty() ? std::string() : boost::json::serialize(e.data);
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("INSERT INTO document_events (subject_type, subject_id, at, actor_id, actor_name, "
                "action, note, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                {subject_name(e.subject), e.subject_id, tx.now_ms(), tx.actor().id, tx.actor().name,
                 e.action, e.note,
                 data.empty() ? std::optional<std::string>() : std::optional<std::string>(data)}));
  int64_t id = rows.front().i64(0);
  for (int64_t f : e.file_ids) {
    TS_TRY(
        sql.exec("INSERT INTO document_event_files (event_id, file_id) VALUES ($1, $2)", {id, f}));
  }
  object change = e.data;
  if (e.note) change["note"] = *e.note;
  if (!e.file_ids.empty()) {
    array files;
    for (int64_t f : e.file_ids) files.push_back(f);
    change["file_ids"] = std::move(files);
  }
  TS_TRY(tx.record(fmt::format("document.{}.{}", subject_name(e.subject), e.action),
                   fmt::format("{}_document", subject_name(e.subject)), e.subject_id, change));
  return ok_status();
}

Result<array> list_events(storage::Tx& tx, Subject subject, int64_t subject_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, at, actor_id, actor_name, action, note, data "
                                          "FROM document_events WHERE subject_type = $1 AND "
                                          "subject_id = $2 ORDER BY id",
                                          {subject_name(subject), subject_id}));
  TS_ASSIGN_OR_RETURN(auto files,
                      tx.query(fmt::format("SELECT ef.event_id, {} FROM document_events e JOIN "
                                           "document_event_files ef ON ef.event_id = e.id JOIN "
                                           "files f ON f.id = ef.file_id WHERE e.subject_type = "
                                           "$1 AND e.subject_id = $2 ORDER BY f.id",
                                           files::kFileSummaryColumns),
                               {subject_name(subject), subject_id}));
  std::map<int64_t, array> by_event;
  for (auto f : files) by_event[f.i64(0)].push_back(files::file_summary_json(f, 1));
  array out;
  for (auto r : rows) {
    object o{{"id", r.i64(0)},
             {"at", format_rfc3339(from_millis(r.i64(1)))},
             {"actor",
              object{{"id", r.is_null(2) ? value(nullptr) : value(r.i64(2))}, {"name", r.str(3)}}},
             {"action", r.str(4)},
             {"label", event_label(r.view(4))},
             {"note", r.is_null(5) ? value(nullptr) : value(r.str(5))}};
    value data = object{};
    if (!r.is_null(6)) {
      auto parsed = json::parse(r.view(6));
      if (parsed.ok()) data = std::move(*parsed);
    }
    o["data"] = std::move(data);
    auto it = by_event.find(r.i64(0));
    o["files"] = it == by_event.end() ? array{} : std::move(it->second);
    out.push_back(std::move(o));
  }
  return out;
}

Result<bool> event_has_file(storage::Tx& tx, Subject subject, int64_t subject_id, int64_t file_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM document_events e JOIN "
                                          "document_event_files ef ON ef.event_id = e.id WHERE "
                                          "e.subject_type = $1 AND e.subject_id = $2 AND "
                                          "ef.file_id = $3",
                                          {subject_name(subject), subject_id, file_id}));
  return !rows.empty();
}

}  // namespace tinhso::documents
