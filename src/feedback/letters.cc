#include "feedback/letters.h"

#include <fmt/format.h>

#include "core/pdf/letterhead.h"
#include "core/pdf/pdf_document.h"

namespace tinhso::feedback {
namespace {

// The subject line and the decision's paragraph, by how the item was settled (a merged item
// settled with its main one reads as the main one does).
struct Wording {
  std::string subject, decision;
};

Wording wording_of(const Item& item, const Event& e, const std::string& unit) {
  std::string reason = e.note.value_or("");
  if (item.status == FeedbackStatus::kForwardedOut)
    return {"Về việc chuyển phản ánh, kiến nghị đến cơ quan có thẩm quyền",
            fmt::format("Nội dung phản ánh, kiến nghị nêu trên không thuộc thẩm quyền xử lý của "
                        "Ủy ban nhân dân tỉnh. Theo Điều 9 Nghị định số 20/2008/NĐ-CP, {} đã "
                        "chuyển phản ánh, kiến nghị của Ông/Bà đến cơ quan có thẩm quyền: {}",
                        unit, reason)};
  if (is_routed_case(item.status))
    return {"Về việc xử lý đơn theo pháp luật về khiếu nại, tố cáo",
            fmt::format("Nội dung Ông/Bà gửi là {}, không thuộc phạm vi điều chỉnh của Nghị định "
                        "số 20/2008/NĐ-CP (Điều 1) và được xem xét, giải quyết theo {}: {}",
                        item.suspected == "denunciation" ? "tố cáo" : "khiếu nại",
                        item.suspected == "denunciation" ? "Luật Tố cáo năm 2018"
                                                         : "Luật Khiếu nại năm 2011",
                        reason)};
  return {"Về việc không tiếp nhận phản ánh, kiến nghị",
          fmt::format("Căn cứ Điều 9 Nghị định số 20/2008/NĐ-CP ngày 14 tháng 02 năm 2008 của "
                      "Chính phủ về tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về "
                      "quy định hành chính (được sửa đổi, bổ sung), {} không tiếp nhận phản ánh, "
                      "kiến nghị nêu trên với lý do: {}",
                      unit, reason)};
}

}  // namespace

bool has_letter(FeedbackStatus s) {
  return s == FeedbackStatus::kRejected || s == FeedbackStatus::kForwardedOut || is_routed_case(s);
}

std::optional<Event> closing_event(const Item& item, const std::vector<Event>& events) {
  if (!has_letter(item.status)) return std::nullopt;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->action == "reject" || it->action == "forward_out" || it->action == "route_complaint" ||
        it->action == "follow")
      return *it;
  }
  return std::nullopt;
}

std::string closure_letter(const identity::OrgTree& org, const Item& item, const Event& e) {
  const auto* u = org.find(item.reception_unit_id);
  std::string unit = u ? u->name : "Cơ quan tiếp nhận";
  Wording w = wording_of(item, e, unit);
  pdf::PdfDocument doc;
  doc.header(pdf::agency_lines(org, item.reception_unit_id), "Mã số: " + item.code,
             pdf::place_date(org, e.at));
  doc.title("THÔNG BÁO");
  doc.paragraph(w.subject, {.bold = true, .align = pdf::Align::kCenter});
  doc.spacer(4);
  doc.paragraph("Kính gửi: " + (item.sender_name ? "Ông/Bà " + *item.sender_name
                                                 : std::string("Người gửi phản ánh, kiến nghị")),
                {.align = pdf::Align::kCenter});
  if (item.sender_address)
    doc.paragraph("Địa chỉ: " + *item.sender_address, {.align = pdf::Align::kCenter});
  doc.spacer(2);
  doc.paragraph(
      fmt::format("Ngày {}, {} nhận được {} của Ông/Bà (mã {}) về việc: “{}”.",
                  format_vn_date(local_date(item.received_at)), unit,
                  item.kind == "petition" ? "kiến nghị" : "phản ánh", item.code, item.title),
      {.indent = 10});
  doc.paragraph(w.decision, {.indent = 10});
  doc.paragraph(fmt::format("{} thông báo để Ông/Bà được biết.", unit), {.indent = 10});
  doc.spacer(4);
  doc.paragraph("Nơi nhận:",
                {.size = 12, .bold = true, .italic = true, .align = pdf::Align::kLeft});
  doc.paragraph("- Như trên;\n- Lưu: VT.", {.size = 11, .align = pdf::Align::kLeft});
  doc.signatures({{"NGƯỜI XỬ LÝ", "(Ký và ghi rõ họ tên)", e.actor_name}});
  return doc.finish();
}

}  // namespace tinhso::feedback
