// A dossier (hồ sơ): one application by one applicant for one procedure, from submission to
// the return of the result, with its deadlines and where it currently is.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/time.h"
#include "core/storage/sql.h"

namespace tinhso::onestop {

// Internal statuses; each maps to a status code of the national portal (STANDARDS.md §7,
// resources/onestop/national-status-codes.json).
enum class DossierStatus {
  kSubmitted,    // online, waiting for the desk's check           (1 Mới đăng ký)
  kNotReceived,  // refused by the desk                             (3 Không được tiếp nhận)
  kInProgress,   // received and being handled                      (4 Đang xử lý)
  kSupplementRequested,  // waiting for the applicant's papers; clock paused (5)
  kFeesRequested,        // waiting for payment; clock paused               (6)
  kSuspended,            // suspended by the agency; clock paused           (8 Dừng xử lý)
  kDone,                 // approved, result ready for return               (9 Đã xử lý xong)
  kReturned,  // result returned                                 (10 Đã trả kết quả)
  kStopped,   // refused during processing, or withdrawn         (8 Dừng xử lý)
};

inline constexpr DossierStatus kDossierStatuses[] = {
    DossierStatus::kSubmitted,     DossierStatus::kNotReceived,
    DossierStatus::kInProgress,    DossierStatus::kSupplementRequested,
    DossierStatus::kFeesRequested, DossierStatus::kSuspended,
    DossierStatus::kDone,          DossierStatus::kReturned,
    DossierStatus::kStopped};

std::string_view status_name(DossierStatus s);
std::optional<DossierStatus> parse_status(std::string_view s);
std::string_view status_label_vi(DossierStatus s);
int national_status_code(DossierStatus s, std::string_view outcome);
bool is_open(DossierStatus s);  // not yet finished or stopped

struct Dossier {
  int64_t id = 0;
  std::string code;
  int64_t procedure_id = 0, procedure_version_id = 0;
  int64_t agency_unit_id = 0, desk_unit_id = 0;
  std::string channel;  // online | desk | postal
  DossierStatus status = DossierStatus::kSubmitted;
  std::string outcome;  // "" | approved | refused | withdrawn | not_received
  std::optional<int64_t> applicant_account_id;
  std::string applicant_kind, applicant_name;
  std::optional<std::string> applicant_id_number, applicant_tax_code, applicant_address,
      applicant_phone, applicant_email;
  std::optional<int64_t> applicant_commune_unit_id;
  boost::json::value form_data;
  boost::json::value papers_received;  // [{index, originals, copies}] checked at the desk
  int64_t sets_count = 1;
  Instant submitted_at;
  std::optional<Instant> received_at, counting_start, due_at, original_due_at, apology_due_at,
      paused_since, finished_at, returned_at, closed_at, step_started_at, step_due_at, fee_paid_at,
      rated_at, synced_at;
  std::optional<int64_t> received_by;
  int64_t paused_seconds = 0;
  std::string return_method, timeliness;
  std::optional<int64_t> processing_seconds;
  int64_t current_step =
      -1;  // -1: at the desk before reception; steps.size(): back at the desk to return
  std::optional<int64_t> current_unit_id, current_assignee_id;
  int64_t fee_amount = 0;
  bool fee_paid_online = false;
  std::optional<int64_t> result_file_id;
  std::string result_note;
  int64_t supplement_count = 0;
  int64_t version = 1;
  // How the applicant asked to receive the result (desk | post | online), where to by post,
  // and the postal item's tracking code once handed to the public postal service.
  std::string requested_return_method;
  std::optional<std::string> postal_address, postal_tracking;
  std::optional<std::string> applicant_representative;  // a business's legal representative
  // Where the result is collected at a desk when not where the dossier was received (the
  // competent agency's own desk); empty: the receiving desk.
  std::optional<int64_t> result_unit_id;
};

// The desk that returns the result: the one the applicant chose, else the receiving desk.
inline int64_t return_point(const Dossier& d) {
  return d.result_unit_id.value_or(d.desk_unit_id);
}

// One row of the timeline.
struct DossierEvent {
  int64_t id = 0;
  Instant at;
  std::string action;
  std::optional<std::string> status_from;
  std::string status_to;
  std::optional<int64_t> step_from, step_to, unit_from, unit_to, actor_id, assignee_to;
  std::string actor_kind, actor_name;
  std::optional<Instant> step_due_at;
  std::string timeliness, note;
  boost::json::value data;
};

Result<Dossier> load_dossier(storage::Tx& tx, int64_t id);
Result<std::optional<Dossier>> find_dossier_by_code(storage::Tx& tx, std::string_view code);
Result<std::vector<DossierEvent>> load_events(storage::Tx& tx, int64_t dossier_id);

// Inserts a new dossier; returns its id.
Result<int64_t> insert_dossier(storage::Tx& tx, const Dossier& d, int64_t now_ms);
// Writes the mutable fields of `d` if the stored version is still `d.version - 1`.
// Returns false when another change came first.
Result<bool> update_dossier(storage::Tx& tx, const Dossier& d, int64_t now_ms);
// Sent with the transaction's next awaited statement (Tx::exec_later): nothing waits for it.
Status insert_event(storage::Tx& tx, int64_t dossier_id, const DossierEvent& e);

// The yymmdd of a dossier code received at `at` (local date).
std::string dossier_code_day(Instant at);
// The next dossier code of `agency_code` for the local date of `at`:
// <agency code>-<yymmdd>-<nnnn> (Thông tư 01/2018/TT-VPCP), widening past 9999.
Result<std::string> next_dossier_code(storage::Tx& tx, std::string_view agency_code, Instant at);
// The same, in a short transaction of its own (PostgreSQL submissions: see DossierService).
Result<std::string> take_dossier_code(storage::Database& db, std::string_view agency_code,
                                      Instant at);

}  // namespace tinhso::onestop
