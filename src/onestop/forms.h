// The printable forms of the one-stop system (Thông tư 01/2018/TT-VPCP, appendix): Mẫu 01–05
// for one dossier as PDF, and Mẫu 06, the tracking register of a desk over a period, as PDF
// (A4 landscape) or Excel. Rendering is blocking work: call from worker threads only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/files/file_store.h"
#include "core/http/message.h"
#include "core/identity/org_tree.h"
#include "core/services.h"
#include "onestop/catalog.h"
#include "onestop/dossier.h"

namespace tinhso::onestop {

enum class Form { kReceipt, kSupplement, kRefusal, kApology, kControl };

std::optional<Form> parse_form(std::string_view number);  // "01" … "05"
std::string_view form_number(Form f);
std::string_view form_title_vi(Form f);

// 409 when the dossier has not reached the state the form records (no refusal, no apology …).
Result<std::string> render_dossier_form(Services& s, ProcedureCache& cache, const Dossier& d,
                                        Form form);

// Mẫu 06: one row per dossier received by `desk_unit_id` (or its agency) in [from, to].
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
