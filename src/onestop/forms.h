// The printable forms of the one-stop system: for one dossier as PDF, and the tracking register
// of a desk over a period as PDF (A4 landscape) or Excel. Their numbers follow the set in force
// when the dossier was received: Thông tư 01/2018/TT-VPCP (Mẫu 01–05 per dossier, Mẫu 06 the
// register), then Thông tư 03/2025/TT-VPCP from 15 September 2025 (Mẫu 01–06 per dossier with
// the new Mẫu 05, the notice that processing stopped; Mẫu 07 the register). Rendering is
// blocking work: call from worker threads only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/files/file_store.h"
#include "core/http/message.h"
#include "core/identity/org_tree.h"
#include "core/services.h"
#include "onestop/catalog.h"
#include "onestop/dossier.h"

namespace tinhso::onestop {

enum class Form { kReceipt, kSupplement, kRefusal, kApology, kStop, kControl };

// The set of forms a dossier's papers follow: the one in force on the day it was received (or
// submitted), so a dossier keeps one numbering from start to end.
enum class FormSet { kTt01_2018, kTt03_2025 };
inline constexpr Date kTt03FormsFrom{std::chrono::year{2025}, std::chrono::month{9},
                                     std::chrono::day{15}};
FormSet form_set_on(Date day);
FormSet form_set_of(const Dossier& d);
std::string_view form_set_name(FormSet set);  // "Thông tư 03/2025/TT-VPCP"
std::string_view form_set_key(FormSet set);   // "tt03_2025", in the dossier views

// "01" … "06" in `set`; nothing for a form the set does not have (the stop notice before 2025).
std::optional<Form> parse_form(std::string_view number, FormSet set);
std::string_view form_number(Form f, FormSet set);
std::string_view form_title_vi(Form f, FormSet set);
// The forms a dossier has reached, in order (the control slip only for officials).
std::vector<Form> forms_of(const Dossier& d, bool official);

// The form a request names, by its stable name (receipt, supplement, refusal, apology, stop,
// control) or by its number in the set the dossier follows. 404 for a name or number the set
// does not have; 409 form.renumbered for "05" of a dossier under Thông tư 03/2025 that has no
// stop notice — the control slip, Mẫu 05 before, is Mẫu 06 there — so that a client written for
// the old numbering is told, not handed another document.
Result<Form> requested_form(const Dossier& d, std::string_view asked);
std::string_view form_name(Form f);  // "receipt", …

// 409 when the dossier has not reached the state the form records (no refusal, no apology …).
Result<std::string> render_dossier_form(Services& s, ProcedureCache& cache, const Dossier& d,
                                        Form form);

// The tracking register (Mẫu 06; Mẫu 07 since Thông tư 03/2025): one row per dossier received
// by `desk_unit_id` (or its agency) in [from, to].
struct RegisterRow {
  int64_t number = 0;
  std::string code, procedure, applicant, address_phone, agency;
  int64_t sets = 1;
  std::optional<Instant> received, due, finished, returned;
  std::string note;
};
struct TrackingRegister {
  std::string agency_name, desk_name;
  Date from, to;
  std::vector<RegisterRow> rows;
};
Result<TrackingRegister> load_tracking_register(Services& s, int64_t unit_id, Date from, Date to);
std::string tracking_register_pdf(const TrackingRegister& reg, std::string_view province);
Result<std::string> tracking_register_xlsx(const TrackingRegister& reg);

// A file attached to `d` (paper, supplement or result) as a download; 404 otherwise.
Result<http::Response> dossier_file_response(Services& s, files::FileStore& files, const Dossier& d,
                                             int64_t file_id);

// A blank declaration (tờ khai, đơn) of a procedure to print and fill in by hand: the national
// header, the paper's name as title, the applicant's details and the procedure's e-form fields
// as lines to write on, the commitment and the signature. Rendering is blocking.
std::string render_paper_template(const ProcedureDef& def, std::size_t paper_index);

// "09 giờ 30 phút, ngày 23 tháng 11 năm 2026" (local time).
std::string appointment_text_vi(Instant t);

}  // namespace tinhso::onestop
