#include "onestop/dossier.h"

#include <fmt/format.h>

#include "core/base/text.h"

namespace tinhso::onestop {
namespace {

constexpr std::string_view kDossierColumns =
    "id, code, procedure_id, procedure_version_id, agency_unit_id, desk_unit_id, channel, status, "
    "outcome, "
    "applicant_account_id, applicant_kind, applicant_name, applicant_id_number, "
    "applicant_tax_code, applicant_address, "
    "applicant_commune_unit_id, applicant_phone, applicant_email, form_data, papers_received, "
    "sets_count, "
    "submitted_at, received_at, received_by, counting_start, due_at, original_due_at, "
    "apology_due_at, paused_since, "
    "paused_seconds, finished_at, returned_at, closed_at, return_method, timeliness, "
    "processing_seconds, current_step, "
    "current_unit_id, current_assignee_id, step_started_at, step_due_at, fee_amount, fee_paid_at, "
    "fee_paid_online, "
    "result_file_id, result_note, supplement_count, rated_at, synced_at, version, "
    "requested_return_method, postal_address, postal_tracking, applicant_representative, "
    "result_unit_id";

std::optional<Instant> opt_time(const storage::Rows::Row& r, int c) {
  auto v = r.opt_i64(c);
  if (!v) return std::nullopt;
  return from_millis(*v);
}

std::optional<int64_t> ms(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return to_millis(*t);
}

boost::json::value parse_or(std::string_view s, const boost::json::value& fallback) {
  boost::system::error_code ec;
  auto v = boost::json::parse(s, ec);
  return ec ? fallback : v;
}

Dossier dossier_from_row(const storage::Rows::Row& r) {
  Dossier d;
  int c = 0;
  d.id = r.i64(c++);
  d.code = r.str(c++);
  d.procedure_id = r.i64(c++);
  d.procedure_version_id = r.i64(c++);
  d.agency_unit_id = r.i64(c++);
  d.desk_unit_id = r.i64(c++);
  d.channel = r.str(c++);
  d.status = parse_status(r.view(c++)).value_or(DossierStatus::kInProgress);
  d.outcome = r.str(c++);
  d.applicant_account_id = r.opt_i64(c++);
  d.applicant_kind = r.str(c++);
  d.applicant_name = r.str(c++);
  d.applicant_id_number = r.opt_str(c++);
  d.applicant_tax_code = r.opt_str(c++);
  d.applicant_address = r.opt_str(c++);
  d.applicant_commune_unit_id = r.opt_i64(c++);
  d.applicant_phone = r.opt_str(c++);
  d.applicant_email = r.opt_str(c++);
  d.form_data = parse_or(r.view(c++), boost::json::object{});
  d.papers_received = parse_or(r.view(c++), boost::json::array{});
  d.sets_count = r.i64(c++);
  d.submitted_at = from_millis(r.i64(c++));
  d.received_at = opt_time(r, c++);
  d.received_by = r.opt_i64(c++);
  d.counting_start = opt_time(r, c++);
  d.due_at = opt_time(r, c++);
  d.original_due_at = opt_time(r, c++);
  d.apology_due_at = opt_time(r, c++);
  d.paused_since = opt_time(r, c++);
  d.paused_seconds = r.i64(c++);
  d.finished_at = opt_time(r, c++);
  d.returned_at = opt_time(r, c++);
  d.closed_at = opt_time(r, c++);
  d.return_method = r.str(c++);
  d.timeliness = r.str(c++);
  d.processing_seconds = r.opt_i64(c++);
  d.current_step = r.i64(c++);
  d.current_unit_id = r.opt_i64(c++);
  d.current_assignee_id = r.opt_i64(c++);
  d.step_started_at = opt_time(r, c++);
  d.step_due_at = opt_time(r, c++);
  d.fee_amount = r.i64(c++);
  d.fee_paid_at = opt_time(r, c++);
  d.fee_paid_online = r.boolean(c++);
  d.result_file_id = r.opt_i64(c++);
  d.result_note = r.str(c++);
  d.supplement_count = r.i64(c++);
  d.rated_at = opt_time(r, c++);
  d.synced_at = opt_time(r, c++);
  d.version = r.i64(c++);
  d.requested_return_method = r.is_null(c) ? std::string() : r.str(c);
  ++c;
  d.postal_address = r.opt_str(c++);
  d.postal_tracking = r.opt_str(c++);
  d.applicant_representative = r.opt_str(c++);
  d.result_unit_id = r.opt_i64(c++);
  return d;
}

std::string folded_applicant(const Dossier& d) {
  return text::fold(d.applicant_name + " " + d.applicant_id_number.value_or("") + " " +
                    d.applicant_tax_code.value_or("") + " " + d.applicant_phone.value_or(""));
}

std::optional<std::string> nonempty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

std::string_view status_name(DossierStatus s) {
  switch (s) {
    case DossierStatus::kSubmitted:
      return "submitted";
    case DossierStatus::kNotReceived:
      return "not_received";
    case DossierStatus::kInProgress:
      return "in_progress";
    case DossierStatus::kSupplementRequested:
      return "supplement_requested";
    case DossierStatus::kFeesRequested:
      return "fees_requested";
    case DossierStatus::kSuspended:
      return "suspended";
    case DossierStatus::kDone:
      return "done";
    case DossierStatus::kReturned:
      return "returned";
    case DossierStatus::kStopped:
      return "stopped";
  }
  return "in_progress";
}

std::optional<DossierStatus> parse_status(std::string_view s) {
  for (DossierStatus st : kDossierStatuses) {
    if (status_name(st) == s) return st;
  }
  return std::nullopt;
}

std::string_view status_label_vi(DossierStatus s) {
  switch (s) {
    case DossierStatus::kSubmitted:
      return "Mới nộp, chờ tiếp nhận";
    case DossierStatus::kNotReceived:
      return "Không được tiếp nhận";
    case DossierStatus::kInProgress:
      return "Đang xử lý";
    case DossierStatus::kSupplementRequested:
      return "Chờ bổ sung hồ sơ";
    case DossierStatus::kFeesRequested:
      return "Chờ thực hiện nghĩa vụ tài chính";
    case DossierStatus::kSuspended:
      return "Tạm dừng xử lý";
    case DossierStatus::kDone:
      return "Đã có kết quả, chờ trả";
    case DossierStatus::kReturned:
      return "Đã trả kết quả";
    case DossierStatus::kStopped:
      return "Dừng xử lý";
  }
  return "";
}

int national_status_code(DossierStatus s, std::string_view outcome) {
  switch (s) {
    case DossierStatus::kSubmitted:
      return 1;
    case DossierStatus::kNotReceived:
      return 3;
    case DossierStatus::kInProgress:
      return 4;
    case DossierStatus::kSupplementRequested:
      return 5;
    case DossierStatus::kFeesRequested:
      return 6;
    case DossierStatus::kSuspended:
      return 8;
    case DossierStatus::kDone:
      return 9;
    case DossierStatus::kReturned:
      return 10;
    case DossierStatus::kStopped:
      return outcome == "withdrawn" ? 7 : 8;
  }
  return 4;
}

bool is_open(DossierStatus s) {
  return s != DossierStatus::kNotReceived && s != DossierStatus::kDone &&
         s != DossierStatus::kReturned && s != DossierStatus::kStopped;
}

Result<Dossier> load_dossier(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM dossiers WHERE id = $1", kDossierColumns), {id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy hồ sơ.");
  return dossier_from_row(rows.front());
}

Result<std::optional<Dossier>> find_dossier_by_code(storage::Tx& tx, std::string_view code) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM dossiers WHERE code = $1", kDossierColumns), {code}));
  if (rows.empty()) return std::optional<Dossier>();
  return std::optional<Dossier>(dossier_from_row(rows.front()));
}

Result<std::vector<DossierEvent>> load_events(storage::Tx& tx, int64_t dossier_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT id, at, action, status_from, status_to, step_from, step_to, unit_from, "
               "unit_to, actor_kind, actor_id, actor_name, assignee_to, step_due_at, "
               "timeliness, note, data FROM dossier_events WHERE dossier_id = $1 ORDER BY id",
               {dossier_id}));
  std::vector<DossierEvent> out;
  out.reserve(rows.size());
  for (auto r : rows) {
    DossierEvent e;
    e.id = r.i64(0);
    e.at = from_millis(r.i64(1));
    e.action = r.str(2);
    e.status_from = r.opt_str(3);
    e.status_to = r.str(4);
    e.step_from = r.opt_i64(5);
    e.step_to = r.opt_i64(6);
    e.unit_from = r.opt_i64(7);
    e.unit_to = r.opt_i64(8);
    e.actor_kind = r.str(9);
    e.actor_id = r.opt_i64(10);
    e.actor_name = r.str(11);
    e.assignee_to = r.opt_i64(12);
    e.step_due_at = opt_time(r, 13);
    e.timeliness = r.str(14);
    e.note = r.str(15);
    e.data = r.is_null(16) ? boost::json::value(nullptr) : parse_or(r.view(16), nullptr);
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

// The columns a transition writes, in one order for the insert and the update, so that a
// dossier received at the desk can be written once, in its received state.
constexpr std::string_view kStateColumns[] = {"status",
                                              "outcome",
                                              "received_at",
                                              "received_by",
                                              "counting_start",
                                              "due_at",
                                              "original_due_at",
                                              "apology_due_at",
                                              "paused_since",
                                              "paused_seconds",
                                              "finished_at",
                                              "returned_at",
                                              "closed_at",
                                              "return_method",
                                              "timeliness",
                                              "processing_seconds",
                                              "current_step",
                                              "current_unit_id",
                                              "current_assignee_id",
                                              "step_started_at",
                                              "step_due_at",
                                              "fee_amount",
                                              "fee_paid_at",
                                              "fee_paid_online",
                                              "result_file_id",
                                              "result_note",
                                              "supplement_count",
                                              "rated_at",
                                              "papers_received",
                                              "form_data",
                                              "version",
                                              "postal_tracking",
                                              "updated_at"};

// Text bound as it is, or NULL when empty.
storage::Param text_or_null(const std::string& s) {
  return s.empty() ? storage::Param(nullptr) : storage::Param(s);
}

// The values of kStateColumns. Text parameters view their strings: `d` and `json` (the
// serialised papers and form) must outlive the statement.
std::vector<storage::Param> state_values(const Dossier& d, int64_t now_ms,
                                         std::pair<std::string, std::string>& json) {
  json = {boost::json::serialize(d.papers_received), boost::json::serialize(d.form_data)};
  return {status_name(d.status),
          text_or_null(d.outcome),
          ms(d.received_at),
          d.received_by,
          ms(d.counting_start),
          ms(d.due_at),
          ms(d.original_due_at),
          ms(d.apology_due_at),
          ms(d.paused_since),
          d.paused_seconds,
          ms(d.finished_at),
          ms(d.returned_at),
          ms(d.closed_at),
          text_or_null(d.return_method),
          text_or_null(d.timeliness),
          d.processing_seconds,
          d.current_step,
          d.current_unit_id,
          d.current_assignee_id,
          ms(d.step_started_at),
          ms(d.step_due_at),
          d.fee_amount,
          ms(d.fee_paid_at),
          d.fee_paid_online ? 1 : 0,
          d.result_file_id,
          text_or_null(d.result_note),
          d.supplement_count,
          ms(d.rated_at),
          json.first,
          json.second,
          d.version,
          d.postal_tracking,
          now_ms};
}

}  // namespace

Result<int64_t> insert_dossier(storage::Tx& tx, const Dossier& d, int64_t now_ms) {
  static const std::string sql = [] {
    std::string cols =
        "code, procedure_id, procedure_version_id, agency_unit_id, desk_unit_id, channel, "
        "applicant_account_id, applicant_kind, applicant_name, applicant_id_number, "
        "applicant_tax_code, applicant_address, applicant_commune_unit_id, applicant_phone, "
        "applicant_email, applicant_folded, sets_count, submitted_at, requested_return_method, "
        "postal_address, applicant_representative, result_unit_id, created_at";
    constexpr int kOwn = 23;
    std::string values;
    for (int i = 1; i <= kOwn; ++i) values += fmt::format("{}${}", i > 1 ? ", " : "", i);
    int n = kOwn;
    for (std::string_view c : kStateColumns) {
      cols += fmt::format(", {}", c);
      values += fmt::format(", ${}", ++n);
    }
    return fmt::format("INSERT INTO dossiers ({}) VALUES ({}) RETURNING id", cols, values);
  }();
  std::pair<std::string, std::string> json;
  std::string folded = folded_applicant(d);
  std::vector<storage::Param> params = {d.code,
                                        d.procedure_id,
                                        d.procedure_version_id,
                                        d.agency_unit_id,
                                        d.desk_unit_id,
                                        d.channel,
                                        d.applicant_account_id,
                                        d.applicant_kind,
                                        d.applicant_name,
                                        d.applicant_id_number,
                                        d.applicant_tax_code,
                                        d.applicant_address,
                                        d.applicant_commune_unit_id,
                                        d.applicant_phone,
                                        d.applicant_email,
                                        folded,
                                        d.sets_count,
                                        to_millis(d.submitted_at),
                                        text_or_null(d.requested_return_method),
                                        d.postal_address,
                                        d.applicant_representative,
                                        d.result_unit_id,
                                        now_ms};
  auto state = state_values(d, now_ms, json);
  params.insert(params.end(), state.begin(), state.end());
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
  return rows.front().i64(0);
}

Result<bool> update_dossier(storage::Tx& tx, const Dossier& d, int64_t now_ms) {
  static const std::string sql = [] {
    std::string set;
    int n = 0;
    for (std::string_view c : kStateColumns) {
      ++n;
      set += fmt::format("{}{} = ${}", n > 1 ? ", " : "", c, n);
    }
    return fmt::format("UPDATE dossiers SET {} WHERE id = ${} AND version = ${}", set, n + 1,
                       n + 2);
  }();
  std::pair<std::string, std::string> json;
  auto params = state_values(d, now_ms, json);
  params.emplace_back(d.id);
  params.emplace_back(d.version - 1);
  TS_ASSIGN_OR_RETURN(int64_t n, tx.exec(sql, params));
  return n == 1;
}

Status insert_event(storage::Tx& tx, int64_t dossier_id, const DossierEvent& e) {
  return tx.exec_later(
      "INSERT INTO dossier_events (dossier_id, at, action, status_from, status_to, step_from, "
      "step_to, unit_from, unit_to, actor_kind, actor_id, actor_name, assignee_to, step_due_at, "
      "timeliness, note, data) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
      {dossier_id, to_millis(e.at), e.action, e.status_from, e.status_to, e.step_from, e.step_to,
       e.unit_from, e.unit_to, e.actor_kind, e.actor_id, e.actor_name, e.assignee_to,
       ms(e.step_due_at), nonempty(e.timeliness), nonempty(e.note),
       e.data.is_null() ? std::optional<std::string>()
                        : std::optional<std::string>(boost::json::serialize(e.data))});
}

namespace {

// Atomic on both engines: the row lock (PostgreSQL) or the single writer (SQLite) orders callers.
// An agency's first code of a day starts above the day's floor (none but after a restore:
// onestop/restore.h), a primary-key read.
constexpr std::string_view kNextCodeSql =
    "INSERT INTO dossier_code_counters (agency_code, day, n) VALUES ($1, $2, 1 + COALESCE(("
    "SELECT f.n FROM dossier_code_floors f WHERE f.day = $2), 0)) "
    "ON CONFLICT (agency_code, day) DO UPDATE SET n = dossier_code_counters.n + 1 RETURNING n";

std::string format_code(std::string_view agency_code, std::string_view yymmdd, int64_t n) {
  return fmt::format("{}-{}-{:04}", agency_code, yymmdd, n);
}

}  // namespace

std::string dossier_code_day(Instant at) {
  Date day = local_date(at);
  return fmt::format("{:02}{:02}{:02}", static_cast<int>(day.year()) % 100,
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

Result<std::string> next_dossier_code(storage::Tx& tx, std::string_view agency_code, Instant at) {
  std::string yymmdd = dossier_code_day(at);
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(kNextCodeSql, {agency_code, yymmdd}));
  return format_code(agency_code, yymmdd, rows.front().i64(0));
}

Result<std::string> take_dossier_code(storage::Database& db, std::string_view agency_code,
                                      Instant at) {
  // Not waiting for this commit's flush is safe: the submission that uses the code commits
  // durably after it, and its flush carries this earlier commit too. If that submission never
  // commits, a crash may hand the same number out again, which nobody holds.
  std::string yymmdd = dossier_code_day(at);
  TS_ASSIGN_OR_RETURN(auto rows, db.write_once_unflushed(kNextCodeSql, {agency_code, yymmdd}));
  return format_code(agency_code, yymmdd, rows.front().i64(0));
}

}  // namespace tinhso::onestop
