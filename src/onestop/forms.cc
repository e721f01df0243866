#include "onestop/forms.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/export/xlsx.h"
#include "core/files/download.h"
#include "core/identity/org_tree.h"
#include "core/pdf/letterhead.h"
#include "core/pdf/pdf_document.h"
#include "core/storage/sql.h"
#include "core/workflow/deadline.h"
#include "onestop/lifecycle.h"
#include "onestop/procedure.h"

namespace tinhso::onestop {
namespace {

using identity::OrgTree;

using pdf::agency_lines;
using pdf::place_date;

std::string short_time(const std::optional<Instant>& t) {
  if (!t) return "";
  Date d = local_date(*t);
  int m = local_minute_of_day(*t);
  return fmt::format("{:02}:{:02} {:02}/{:02}/{}", m / 60, m % 60, static_cast<unsigned>(d.day()),
                     static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
}

std::string unit_name(const OrgTree& org, std::optional<int64_t> id) {
  if (!id) return "";
  const auto* u = org.find(*id);
  return u ? u->name : "";
}

const DossierEvent* last_event(const std::vector<DossierEvent>& events,
                               std::initializer_list<std::string_view> actions) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    for (auto a : actions) {
      if (it->action == a) return &*it;
    }
  }
  return nullptr;
}

std::vector<std::string> event_items(const DossierEvent& e) {
  std::vector<std::string> out;
  if (e.data.is_object()) {
    if (const auto* items = e.data.as_object().if_contains("items"); items && items->is_array()) {
      for (const auto& i : items->as_array()) {
        if (i.is_string()) out.emplace_back(i.as_string());
      }
    }
  }
  return out;
}

// A note as a sentence: its own full stop (or other closing mark) kept, one added otherwise.
std::string sentence(std::string_view note) {
  std::string s(text::trim(note));
  if (s.empty() || s.back() == '.' || s.back() == '!' || s.back() == '?') return s;
  return s + ".";
}

std::string applicant_line(const Dossier& d) {
  std::string s = d.applicant_name;
  if (d.applicant_kind == "business" && d.applicant_tax_code)
    s += " (mã số thuế " + *d.applicant_tax_code + ")";
  return s;
}

void applicant_block(pdf::PdfDocument& doc, const Dossier& d, double size = 13) {
  doc.paragraph("Ông/Bà/Tổ chức: " + applicant_line(d), {.size = size, .align = pdf::Align::kLeft});
  doc.paragraph("Địa chỉ: " + d.applicant_address.value_or(""),
                {.size = size, .align = pdf::Align::kLeft});
  doc.paragraph("Số điện thoại: " + d.applicant_phone.value_or("") +
                    "        Thư điện tử: " + d.applicant_email.value_or(""),
                {.size = size, .align = pdf::Align::kLeft});
}

// Who received the dossier: the officer who recorded the reception (or the counter entry).
std::string receiver_name(const std::vector<DossierEvent>& events) {
  const auto* e = last_event(events, {"receive", "create"});
  return e != nullptr && e->actor_kind == "official" ? e->actor_name : std::string();
}

// Form 01 fits on one A4 page with its signatures for the usual dossier (up to about ten
// papers): its body is set a point smaller than the other forms.
std::string render_receipt(const OrgTree& org, const Dossier& d, const ProcedureDef& def,
                           int64_t seconds_per_day, const std::string& receiver) {
  pdf::PdfDocument doc;
  doc.header(agency_lines(org, d.desk_unit_id), "",
             place_date(org, d.received_at.value_or(d.submitted_at)));
  doc.title("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
  doc.paragraph("Mã hồ sơ: " + d.code, {.size = 12, .bold = true, .align = pdf::Align::kCenter});
  doc.paragraph(unit_name(org, d.desk_unit_id) + " tiếp nhận hồ sơ của:",
                {.size = 12, .align = pdf::Align::kLeft});
  applicant_block(doc, d, 12);
  doc.paragraph("Nội dung yêu cầu giải quyết: " + def.name,
                {.size = 12, .align = pdf::Align::kLeft});
  doc.paragraph("1. Thành phần hồ sơ và số lượng mỗi loại giấy tờ gồm:",
                {.size = 12, .align = pdf::Align::kLeft});
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < def.papers.size(); ++i) {
    int originals = def.papers[i].originals, copies = def.papers[i].copies;
    if (d.papers_received.is_array()) {
      for (const auto& p : d.papers_received.as_array()) {
        const auto& o = p.as_object();
        if (o.at("index").to_number<int64_t>() == static_cast<int64_t>(i)) {
          originals = static_cast<int>(o.at("originals").to_number<int64_t>());
          copies = static_cast<int>(o.at("copies").to_number<int64_t>());
        }
      }
    }
    rows.push_back({std::to_string(i + 1), def.papers[i].name, std::to_string(originals),
                    std::to_string(copies)});
  }
  doc.table({12, 110, 20}, {"TT", "Tên giấy tờ", "Bản chính", "Bản sao"}, rows, 11);
  doc.paragraph(fmt::format("2. Số lượng hồ sơ: {} (bộ)", d.sets_count),
                {.size = 12, .align = pdf::Align::kLeft});
  int64_t secs = processing_seconds(def, d.channel, seconds_per_day);
  std::string duration =
      def.processing_hours > 0 && def.processing_days == 0
          ? fmt::format("{} giờ làm việc", def.processing_hours)
          : fmt::format("{} ngày làm việc", (secs + seconds_per_day - 1) / seconds_per_day);
  doc.paragraph("3. Thời gian giải quyết hồ sơ theo quy định là: " + duration,
                {.size = 12, .align = pdf::Align::kLeft});
  doc.paragraph("4. Thời gian nhận hồ sơ: " +
                    (d.received_at ? appointment_text_vi(*d.received_at) : std::string()),
                {.size = 12, .align = pdf::Align::kLeft});
  doc.paragraph("5. Thời gian trả kết quả giải quyết hồ sơ: " +
                    (d.due_at ? appointment_text_vi(*d.due_at) : std::string()),
                {.size = 12, .bold = true, .align = pdf::Align::kLeft});
  std::string delivery =
      d.requested_return_method == "online" ? "trực tuyến trên Cổng dịch vụ công"
      : d.requested_return_method == "post"
          ? "qua dịch vụ bưu chính công ích, địa chỉ: " + d.postal_address.value_or("")
          : "trực tiếp tại " + unit_name(org, return_point(d));
  doc.paragraph("6. Đăng ký nhận kết quả: " + delivery, {.size = 12, .align = pdf::Align::kLeft});
  doc.paragraph("Vào Sổ theo dõi hồ sơ, Quyển số: " +
                    std::to_string(static_cast<int>(local_date(d.submitted_at).year())) +
                    ", Số thứ tự: " + d.code.substr(d.code.rfind('-') + 1),
                {.size = 12, .italic = true, .align = pdf::Align::kLeft});
  doc.signatures({{"NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", d.applicant_name},
                  {"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", receiver}});
  doc.paragraph("Tra cứu tình trạng hồ sơ bằng mã hồ sơ trên Cổng dịch vụ công của tỉnh.",
                {.size = 11, .italic = true, .align = pdf::Align::kLeft});
  return doc.finish();
}

std::string render_supplement(const OrgTree& org, const Dossier& d, const ProcedureDef& def,
                              const DossierEvent& e) {
  pdf::PdfDocument doc;
  doc.header(agency_lines(org, e.unit_from.value_or(d.desk_unit_id)), "", place_date(org, e.at));
  doc.title("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
  doc.paragraph("Hồ sơ của: " + applicant_line(d), {.align = pdf::Align::kLeft});
  doc.paragraph("Nội dung yêu cầu giải quyết: " + def.name, {.align = pdf::Align::kLeft});
  doc.paragraph("Mã hồ sơ: " + d.code, {.align = pdf::Align::kLeft});
  doc.paragraph("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", {.align = pdf::Align::kLeft});
  auto items = event_items(e);
  if (items.empty()) items.push_back(e.note);
  for (std::size_t i = 0; i < items.size(); ++i) {
    doc.paragraph(fmt::format("{}. {}", i + 1, items[i]),
                  {.align = pdf::Align::kLeft, .indent = 10});
  }
  if (!e.note.empty() && !event_items(e).empty())
    doc.paragraph("Lý do: " + e.note, {.align = pdf::Align::kLeft});
  doc.paragraph("Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với " +
                    e.actor_name +
                    " để được hướng dẫn. Thời gian giải quyết được tính lại từ khi nhận đủ hồ sơ "
                    "bổ sung theo quy định.",
                {});
  doc.signatures({{"NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", e.actor_name}});
  return doc.finish();
}

std::string render_refusal(const OrgTree& org, const Dossier& d, const ProcedureDef& def,
                           const DossierEvent& e) {
  pdf::PdfDocument doc;
  doc.header(agency_lines(org, e.unit_from.value_or(d.desk_unit_id)), "", place_date(org, e.at));
  doc.title("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
  doc.paragraph("Hồ sơ của: " + applicant_line(d), {.align = pdf::Align::kLeft});
  doc.paragraph("Nội dung yêu cầu giải quyết: " + def.name, {.align = pdf::Align::kLeft});
  doc.paragraph("Mã hồ sơ: " + d.code, {.align = pdf::Align::kLeft});
  doc.paragraph(
      "Căn cứ quy định tại " +
          (def.legal_basis.empty() ? std::string("văn bản quy phạm pháp luật hiện hành")
                                   : def.legal_basis) +
          ", cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
      {});
  doc.paragraph(e.note, {.italic = true, .indent = 10});
  doc.paragraph("Xin thông báo để ông/bà được biết và thực hiện.", {});
  doc.signatures({{"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", e.actor_name}});
  return doc.finish();
}

// Mẫu 04: under Thông tư 01/2018 an apology with a new appointment; under Thông tư 03/2025 an
// apology that asks the applicant to agree to a longer time.
std::string render_apology(const OrgTree& org, const Dossier& d, const ProcedureDef& def,
                           const DossierEvent& e, FormSet set) {
  const bool extension = set == FormSet::kTt03_2025;
  pdf::PdfDocument doc;
  // The letter of Thông tư 03/2025 is an official document: numbered when it is issued.
  doc.header(agency_lines(org, d.agency_unit_id), extension ? "Số:        /" : "",
             place_date(org, e.at));
  doc.title(extension ? "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
                      : "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
  doc.paragraph("Kính gửi: " + applicant_line(d), {.align = pdf::Align::kLeft});
  std::string original, renewed;
  if (e.data.is_object()) {
    const auto& o = e.data.as_object();
    if (auto* v = o.if_contains("original_due"); v && v->is_string()) {
      if (auto t = parse_rfc3339(std::string_view(v->as_string())); t.ok())
        original = appointment_text_vi(*t);
    }
    if (auto* v = o.if_contains("new_due"); v && v->is_string()) {
      if (auto t = parse_rfc3339(std::string_view(v->as_string())); t.ok())
        renewed = appointment_text_vi(*t);
    }
  }
  doc.paragraph(unit_name(org, d.desk_unit_id) + " đã tiếp nhận hồ sơ đề nghị " + def.name +
                    ", mã hồ sơ " + d.code +
                    ". Thời gian hẹn trả kết quả giải quyết hồ sơ: " + original + ".",
                {.indent = 10});
  doc.paragraph("Tuy nhiên đến nay, " + unit_name(org, d.agency_unit_id) +
                    " chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng hẹn như đã ghi trên Giấy "
                    "tiếp nhận hồ sơ và "
                    "hẹn trả kết quả. Lý do: " +
                    sentence(e.note),
                {.indent = 10});
  doc.paragraph(extension ? "Sự chậm trễ này đã gây phiền hà cho ông/bà. Chúng tôi xin lỗi ông/bà "
                            "và đề nghị ông/bà đồng ý gia hạn thời gian giải quyết hồ sơ, trả kết "
                            "quả vào: " +
                                renewed + "."
                          : "Sự chậm trễ này đã gây phiền hà cho ông/bà. Chúng tôi xin lỗi ông/bà "
                            "và hẹn lại thời gian trả kết quả vào: " +
                                renewed + ".",
                {.indent = 10});
  doc.paragraph("Chúng tôi xin trân trọng cảm ơn sự hợp tác của ông/bà.", {.indent = 10});
  doc.signatures({{"THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)", ""}});
  return doc.finish();
}

// Mẫu 05 of Thông tư 03/2025: processing stopped at the applicant's request (withdrawal).
std::string render_stop(const OrgTree& org, const Dossier& d, const ProcedureDef& def,
                        const DossierEvent& e) {
  pdf::PdfDocument doc;
  doc.header(agency_lines(org, d.agency_unit_id), "Số:        /", place_date(org, e.at));
  doc.title("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
  doc.paragraph("Kính gửi: " + applicant_line(d), {.align = pdf::Align::kLeft});
  doc.paragraph(unit_name(org, d.desk_unit_id) + " đã tiếp nhận hồ sơ đề nghị " + def.name +
                    ", mã hồ sơ " + d.code + ", vào " +
                    (d.received_at ? appointment_text_vi(*d.received_at) : std::string()) + ".",
                {.indent = 10});
  doc.paragraph(unit_name(org, d.agency_unit_id) + " thông báo dừng giải quyết hồ sơ nêu trên từ " +
                    appointment_text_vi(e.at) + " theo đề nghị rút hồ sơ của ông/bà" +
                    (e.note.empty() ? std::string(".") : ". Lý do: " + sentence(e.note)),
                {.indent = 10});
  doc.paragraph(
      "Giấy tờ bản chính đã nộp (nếu có) được trả lại cho ông/bà tại nơi tiếp nhận hồ "
      "sơ. Ông/bà có thể nộp lại hồ sơ khi có nhu cầu.",
      {.indent = 10});
  doc.paragraph("Xin thông báo để ông/bà được biết.", {.indent = 10});
  doc.signatures({{"THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)", ""}});
  return doc.finish();
}

std::string render_control(const OrgTree& org, const Dossier& d, const ProcedureDef& def,
                           const std::vector<DossierEvent>& events) {
  pdf::PdfDocument doc;
  doc.header(agency_lines(org, d.desk_unit_id), "",
             place_date(org, d.received_at.value_or(d.submitted_at)));
  doc.title("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
  doc.paragraph("Mã hồ sơ: " + d.code, {.bold = true, .align = pdf::Align::kCenter});
  doc.paragraph("Thủ tục: " + def.name, {.align = pdf::Align::kLeft});
  doc.paragraph("Người nộp: " + applicant_line(d), {.align = pdf::Align::kLeft});
  doc.paragraph("Thời gian nhận hồ sơ: " +
                    (d.received_at ? appointment_text_vi(*d.received_at) : std::string()),
                {.align = pdf::Align::kLeft});
  doc.paragraph(
      "Thời gian trả kết quả: " + (d.due_at ? appointment_text_vi(*d.due_at) : std::string()),
      {.align = pdf::Align::kLeft});
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : events) {
    // Hand-overs only: the submission itself and the rating are not processing steps.
    if (e.action == "submit" || e.action == "create" || e.action == "rate") continue;
    std::string from = unit_name(org, e.unit_from);
    if (!e.actor_name.empty()) {
      if (!from.empty()) from += " — ";
      from += e.actor_name;
    }
    std::string to = unit_name(org, e.unit_to);
    std::string result = e.timeliness.empty()
                             ? ""
                             : std::string(workflow::timeliness_label_vi(
                                   e.timeliness == "early"  ? workflow::Timeliness::kEarly
                                   : e.timeliness == "late" ? workflow::Timeliness::kLate
                                                            : workflow::Timeliness::kOnTime));
    std::string label;
    if (auto a = parse_action(e.action)) label = std::string(action_label_vi(*a));
    if (!result.empty()) {
      label += '\n';
      label += result;
    }
    rows.push_back({from, to, short_time(e.at), label, ""});
  }
  doc.table({42, 42, 28, 34},
            {"Bên giao", "Bên nhận", "Thời gian giao, nhận", "Kết quả giải quyết", "Ghi chú"}, rows,
            11);
  return doc.finish();
}

}  // namespace

FormSet form_set_on(Date day) {
  return std::chrono::sys_days(day) >= std::chrono::sys_days(kTt03FormsFrom) ? FormSet::kTt03_2025
                                                                             : FormSet::kTt01_2018;
}

FormSet form_set_of(const Dossier& d) {
  return form_set_on(local_date(d.received_at.value_or(d.submitted_at)));
}

std::string_view form_set_name(FormSet set) {
  return set == FormSet::kTt03_2025 ? "Thông tư 03/2025/TT-VPCP" : "Thông tư 01/2018/TT-VPCP";
}

std::string_view form_set_key(FormSet set) {
  return set == FormSet::kTt03_2025 ? "tt03_2025" : "tt01_2018";
}

namespace {

constexpr Form kForms[] = {Form::kReceipt, Form::kSupplement, Form::kRefusal,
                           Form::kApology, Form::kStop,       Form::kControl};

}  // namespace

std::string_view form_number(Form f, FormSet set) {
  const bool tt03 = set == FormSet::kTt03_2025;
  switch (f) {
    case Form::kReceipt:
      return "01";
    case Form::kSupplement:
      return "02";
    case Form::kRefusal:
      return "03";
    case Form::kApology:
      return "04";
    case Form::kStop:
      return tt03 ? "05" : "";
    case Form::kControl:
      return tt03 ? "06" : "05";
  }
  return "";
}

std::optional<Form> parse_form(std::string_view number, FormSet set) {
  if (number.empty()) return std::nullopt;
  for (Form f : kForms) {
    if (form_number(f, set) == number) return f;
  }
  return std::nullopt;
}

std::string_view form_title_vi(Form f, FormSet set) {
  switch (f) {
    case Form::kReceipt:
      return "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";
    case Form::kSupplement:
      return "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ";
    case Form::kRefusal:
      return "Phiếu từ chối tiếp nhận giải quyết hồ sơ";
    case Form::kApology:
      return set == FormSet::kTt03_2025 ? "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
                                        : "Phiếu xin lỗi và hẹn lại ngày trả kết quả";
    case Form::kStop:
      return "Thông báo dừng giải quyết hồ sơ";
    case Form::kControl:
      return "Phiếu kiểm soát quá trình giải quyết hồ sơ";
  }
  return "";
}

std::string_view form_name(Form f) {
  switch (f) {
    case Form::kReceipt:
      return "receipt";
    case Form::kSupplement:
      return "supplement";
    case Form::kRefusal:
      return "refusal";
    case Form::kApology:
      return "apology";
    case Form::kStop:
      return "stop";
    case Form::kControl:
      return "control";
  }
  return "";
}

Result<Form> requested_form(const Dossier& d, std::string_view asked) {
  const FormSet set = form_set_of(d);
  for (Form f : kForms) {
    if (form_name(f) == asked) {
      if (form_number(f, set).empty()) break;  // the stop notice before Thông tư 03/2025
      return f;
    }
  }
  auto form = parse_form(asked, set);
  if (!form) {
    return Error::not_found(
        fmt::format("Hồ sơ theo {} không có mẫu phiếu này.", form_set_name(set)));
  }
  if (*form == Form::kStop) {
    auto reached = forms_of(d, /*official=*/true);
    if (std::find(reached.begin(), reached.end(), Form::kStop) == reached.end()) {
      return Error::conflict(
          "form.renumbered",
          "Theo Thông tư 03/2025/TT-VPCP, Mẫu 05 là Thông báo dừng giải quyết hồ sơ (chỉ có khi "
          "hồ sơ đã tiếp nhận được rút theo đề nghị của người nộp); Phiếu kiểm soát quá trình "
          "giải quyết hồ sơ là Mẫu 06.");
    }
  }
  return *form;
}

std::vector<Form> forms_of(const Dossier& d, bool official) {
  std::vector<Form> out;
  if (d.received_at) out.push_back(Form::kReceipt);
  if (d.supplement_count > 0) out.push_back(Form::kSupplement);
  if (d.outcome == "refused" || d.outcome == "not_received") out.push_back(Form::kRefusal);
  if (d.apology_due_at) out.push_back(Form::kApology);
  if (d.received_at && d.outcome == "withdrawn" && form_set_of(d) == FormSet::kTt03_2025)
    out.push_back(Form::kStop);
  if (d.received_at && official) out.push_back(Form::kControl);
  return out;
}

std::string appointment_text_vi(Instant t) {
  Date d = local_date(t);
  int m = local_minute_of_day(t);
  return fmt::format("{:02} giờ {:02} phút, ngày {:02} tháng {:02} năm {}", m / 60, m % 60,
                     static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                     static_cast<int>(d.year()));
}

Result<std::string> render_dossier_form(Services& s, ProcedureCache& cache, const Dossier& d,
                                        Form form) {
  auto org = s.org.get();
  auto cal = s.calendar.get();
  struct Loaded {
    std::shared_ptr<const ProcedureDef> def;
    std::vector<DossierEvent> events;
  };
  TS_ASSIGN_OR_RETURN(auto l, s.db.read([&](storage::Tx& tx) -> Result<Loaded> {
    TS_ASSIGN_OR_RETURN(auto def, cache.version(tx, d.procedure_version_id));
    TS_ASSIGN_OR_RETURN(auto events, load_events(tx, d.id));
    return Loaded{std::move(def), std::move(events)};
  }));
  switch (form) {
    case Form::kReceipt:
      if (!d.received_at)
        return Error::conflict("form.not_applicable",
                               "Hồ sơ chưa được tiếp nhận nên chưa có giấy hẹn.");
      return render_receipt(*org, d, *l.def, cal->rules().seconds_per_day(),
                            receiver_name(l.events));
    case Form::kSupplement: {
      const auto* e = last_event(l.events, {"desk_supplement", "request_supplement"});
      if (e == nullptr)
        return Error::conflict("form.not_applicable", "Hồ sơ chưa có yêu cầu bổ sung.");
      return render_supplement(*org, d, *l.def, *e);
    }
    case Form::kRefusal: {
      const auto* e = last_event(l.events, {"desk_refuse", "refuse"});
      if (e == nullptr) return Error::conflict("form.not_applicable", "Hồ sơ không bị từ chối.");
      return render_refusal(*org, d, *l.def, *e);
    }
    case Form::kApology: {
      const auto* e = last_event(l.events, {"apology"});
      if (e == nullptr)
        return Error::conflict("form.not_applicable", "Hồ sơ chưa có văn bản xin lỗi.");
      return render_apology(*org, d, *l.def, *e, form_set_of(d));
    }
    case Form::kStop: {
      const auto* e = last_event(l.events, {"withdraw"});
      if (e == nullptr || form_set_of(d) != FormSet::kTt03_2025) {
        return Error::conflict("form.not_applicable",
                               "Hồ sơ không có thông báo dừng giải quyết: chỉ lập khi hồ sơ đã "
                               "tiếp nhận được rút theo đề nghị của người nộp.");
      }
      return render_stop(*org, d, *l.def, *e);
    }
    case Form::kControl:
      if (!d.received_at)
        return Error::conflict("form.not_applicable", "Hồ sơ chưa được tiếp nhận.");
      return render_control(*org, d, *l.def, l.events);
  }
  return Error::not_found("Không có mẫu phiếu này.");
}

Result<TrackingRegister> load_tracking_register(Services& s, int64_t unit_id, Date from, Date to) {
  auto org = s.org.get();
  const auto* unit = org->find(unit_id);
  if (unit == nullptr) return Error::not_found("Không tìm thấy đơn vị.");
  TrackingRegister reg;
  reg.desk_name = unit->name;
  reg.agency_name = unit->parent_id && org->find(*unit->parent_id)
                        ? org->find(*unit->parent_id)->name
                        : unit->name;
  reg.from = from;
  reg.to = to;
  // Dossiers received by this desk, or by any desk of this agency when an agency is given.
  TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT d.code, p.name, d.sets_count, d.applicant_name, d.applicant_address, "
        "d.applicant_phone, "
        "d.agency_unit_id, d.received_at, d.due_at, d.finished_at, d.returned_at, d.status, "
        "d.outcome "
        "FROM dossiers d JOIN procedures p ON p.id = d.procedure_id "
        "WHERE (d.desk_unit_id = $1 OR d.agency_unit_id = $1) AND d.received_at >= $2 AND "
        "d.received_at < $3 "
        "ORDER BY d.received_at, d.id LIMIT 20000",
        {unit_id, to_millis(local_instant(from, 0)), to_millis(local_instant(add_days(to, 1), 0))});
  }));
  int64_t n = 0;
  for (const auto& r : rows) {
    RegisterRow row;
    row.number = ++n;
    row.code = r.str(0);
    row.procedure = r.str(1);
    row.sets = r.i64(2);
    row.applicant = r.str(3);
    row.address_phone = r.str(4);
    if (!r.is_null(5)) row.address_phone += (row.address_phone.empty() ? "" : " — ") + r.str(5);
    if (const auto* a = org->find(r.i64(6))) row.agency = a->name;
    auto t = [&](int c) {
      return r.is_null(c) ? std::optional<Instant>()
                          : std::optional<Instant>(from_millis(r.i64(c)));
    };
    row.received = t(7);
    row.due = t(8);
    row.finished = t(9);
    row.returned = t(10);
    auto st = parse_status(r.str(11));
    if (st && *st != DossierStatus::kReturned) row.note = std::string(status_label_vi(*st));
    reg.rows.push_back(std::move(row));
  }
  return reg;
}

std::string tracking_register_pdf(const TrackingRegister& reg, std::string_view province) {
  pdf::PdfDocument doc(true);
  doc.header({text::upper(reg.agency_name), text::upper(reg.desk_name)}, "",
             fmt::format("{}, từ ngày {} đến ngày {}", province, format_vn_date(reg.from),
                         format_vn_date(reg.to)));
  doc.title("SỔ THEO DÕI HỒ SƠ");
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : reg.rows) {
    auto cell = [](const std::optional<Instant>& t) {
      if (!t) return std::string();
      std::string s = short_time(t);  // "HH:MM dd/mm/yyyy" → date over time
      return s.substr(6) + "\n" + s.substr(0, 5);
    };
    rows.push_back({std::to_string(r.number), r.code, r.procedure, std::to_string(r.sets),
                    r.applicant + "\n" + r.address_phone, r.agency, cell(r.received), cell(r.due),
                    cell(r.finished), cell(r.returned), "", r.note});
  }
  doc.table({9, 31, 42, 11, 38, 26, 20, 20, 20, 20, 13},
            {"STT", "Mã hồ sơ", "Tên TTHC", "Số lượng hồ sơ (bộ)",
             "Tên cá nhân, tổ chức; địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết",
             "Ngày, tháng, năm nhận hồ sơ", "Ngày, tháng, năm hẹn trả kết quả",
             "Ngày, tháng, năm có kết quả", "Ngày, tháng, năm trả kết quả", "Ký nhận", "Ghi chú"},
            rows, 9);
  return doc.finish();
}

Result<std::string> tracking_register_xlsx(const TrackingRegister& reg) {
  xlsx::Sheet sh;
  sh.name = "So theo doi";
  sh.title = fmt::format("SỔ THEO DÕI HỒ SƠ — {} — từ {} đến {}", reg.desk_name,
                         format_vn_date(reg.from), format_vn_date(reg.to));
  sh.head = {"STT",
             "Mã hồ sơ",
             "Tên TTHC",
             "Số lượng hồ sơ (bộ)",
             "Tên cá nhân, tổ chức",
             "Địa chỉ, số điện thoại",
             "Cơ quan chủ trì giải quyết",
             "Nhận hồ sơ",
             "Hẹn trả kết quả",
             "Có kết quả",
             "Trả kết quả",
             "Ghi chú"};
  sh.widths = {6, 26, 50, 10, 28, 36, 34, 17, 17, 17, 17, 24};
  for (const auto& r : reg.rows) {
    sh.rows.push_back({r.number, r.code, r.procedure, r.sets, r.applicant, r.address_phone,
                       r.agency, short_time(r.received), short_time(r.due), short_time(r.finished),
                       short_time(r.returned), r.note});
  }
  return xlsx::write({sh});
}

Result<http::Response> dossier_file_response(Services& s, files::FileStore& files, const Dossier& d,
                                             int64_t file_id) {
  TS_ASSIGN_OR_RETURN(auto meta, s.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT 1 FROM dossier_files WHERE dossier_id = $1 AND file_id = $2",
                            {d.id, file_id}));
    if (rows.empty()) return Error::not_found("Không tìm thấy tệp của hồ sơ.");
    return files.meta(tx, file_id);
  }));
  return files::download(files, meta);
}

std::string render_paper_template(const ProcedureDef& def, std::size_t paper_index) {
  pdf::PdfDocument doc;
  doc.header({""}, "", "");
  doc.title(text::upper(def.papers.at(paper_index).name));
  doc.paragraph("Kính gửi: Cơ quan giải quyết thủ tục " + def.name,
                {.size = 12, .align = pdf::Align::kLeft});
  const std::string dots(60, '.');
  for (const char* line : {"Họ, chữ đệm và tên người yêu cầu: ", "Ngày, tháng, năm sinh: ",
                           "Số định danh cá nhân (CCCD): ", "Nơi cư trú: ", "Số điện thoại: "}) {
    doc.paragraph(std::string(line) + dots, {.size = 12, .align = pdf::Align::kLeft});
  }
  for (const auto& f : def.form)
    doc.paragraph(f.label + ": " + dots, {.size = 12, .align = pdf::Align::kLeft});
  doc.paragraph(
      "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp "
      "luật về lời cam đoan của mình.",
      {.size = 12, .italic = true});
  doc.signatures({{"NGƯỜI YÊU CẦU", "(Ký, ghi rõ họ, chữ đệm, tên)", ""}});
  doc.paragraph("Mẫu do Cổng dịch vụ công cung cấp; có thể nộp trực tuyến thay cho bản giấy.",
                {.size = 10, .italic = true, .align = pdf::Align::kLeft});
  return doc.finish();
}

}  // namespace tinhso::onestop
