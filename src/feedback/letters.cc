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

// "2026-05-12" as "12/05/2026".
std::string vn_date(const std::string& iso) {
  auto d = parse_iso_date(iso);
  return d.ok() ? format_vn_date(*d) : iso;
}

Wording wording_of(const Item& item, const Event& e, const std::string& unit,
                   const Forwarded* fwd) {
  std::string reason = e.note.value_or("");
  if (item.status == FeedbackStatus::kForwardedOut && fwd != nullptr)
    return {"Về việc chuyển phản ánh, kiến nghị đến cơ quan có thẩm quyền",
            fmt::format("Nội dung phản ánh, kiến nghị nêu trên không thuộc thẩm quyền xử lý của "
                        "Ủy ban nhân dân tỉnh. Theo Điều 9 Nghị định số 20/2008/NĐ-CP, {} {} "
                        "phản ánh, kiến nghị của Ông/Bà đến {}{}. Lý do: {}",
                        unit, fwd->notation ? "đã chuyển" : "chuyển", fwd->to.name,
                        fwd->notation ? " bằng văn bản số " + *fwd->notation +
                                            (fwd->issued_on ? " ngày " + vn_date(*fwd->issued_on)
                                                            : std::string())
                                      : std::string(" (văn bản chuyển đang được ban hành)"),
                        reason)};
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

std::string closure_letter(const identity::OrgTree& org, const Item& item, const Event& e,
                           const Forwarded* forwarded) {
  const auto* u = org.find(item.reception_unit_id);
  std::string unit = u ? u->name : "Cơ quan tiếp nhận";
  Wording w = wording_of(item, e, unit, forwarded);
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

std::string forwarding_letter(const identity::OrgTree& org, const Item& item,
                              const std::string& agency_name, const std::string& reason,
                              Instant at) {
  const auto* u = org.find(item.reception_unit_id);
  std::string unit = u ? u->name : "Cơ quan tiếp nhận";
  std::string what = item.kind == "petition" ? "kiến nghị" : "phản ánh";
  pdf::PdfDocument doc;
  // The number and its date are given when the document is issued (documents module).
  doc.header(pdf::agency_lines(org, item.reception_unit_id), "Số:        /",
             pdf::place_date(org, at));
  doc.paragraph("V/v chuyển phản ánh, kiến nghị " + item.code,
                {.size = 12, .align = pdf::Align::kLeft});
  doc.spacer(4);
  doc.paragraph("Kính gửi: " + agency_name, {.align = pdf::Align::kCenter});
  doc.spacer(2);
  std::string sender = item.sender_name.value_or("(không ghi tên)");
  std::vector<std::string> contact;
  if (item.sender_address) contact.push_back("địa chỉ: " + *item.sender_address);
  if (item.sender_phone) contact.push_back("điện thoại: " + *item.sender_phone);
  if (item.sender_email) contact.push_back("thư điện tử: " + *item.sender_email);
  std::string reached;
  for (const auto& c : contact) reached += (reached.empty() ? "" : ", ") + c;
  doc.paragraph(fmt::format("Ngày {}, {} nhận được {} của Ông/Bà {}{} (mã {}) về việc: “{}”.",
                            format_vn_date(local_date(item.received_at)), unit, what, sender,
                            reached.empty() ? "" : " (" + reached + ")", item.code, item.title),
                {.indent = 10});
  doc.paragraph("Nội dung: " + item.content, {.indent = 10});
  if (item.proposal) doc.paragraph("Đề xuất của người gửi: " + *item.proposal, {.indent = 10});
  if (item.location) doc.paragraph("Địa điểm: " + *item.location, {.indent = 10});
  doc.paragraph(fmt::format("Nội dung {} nêu trên không thuộc thẩm quyền xử lý của các cơ quan "
                            "hành chính nhà nước của tỉnh. Ý kiến của cơ quan tiếp nhận: {}",
                            what, reason),
                {.indent = 10});
  doc.paragraph(
      fmt::format("Căn cứ Điều 9 Nghị định số 20/2008/NĐ-CP ngày 14 tháng 02 năm 2008 của "
                  "Chính phủ về tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ "
                  "chức về quy định hành chính (được sửa đổi, bổ sung), {} chuyển {} đến "
                  "{} để xem xét, xử lý theo thẩm quyền và trả lời người gửi.",
                  unit, what, agency_name),
      {.indent = 10});
  doc.paragraph("Tài liệu người gửi cung cấp (nếu có) được gửi kèm theo văn bản này.",
                {.indent = 10});
  doc.spacer(4);
  doc.paragraph("Nơi nhận:",
                {.size = 12, .bold = true, .italic = true, .align = pdf::Align::kLeft});
  doc.paragraph(fmt::format("- Như trên;\n- Ông/Bà {} (để biết);\n- Lưu: VT.", sender),
                {.size = 11, .align = pdf::Align::kLeft});
  doc.signatures({{"THỦ TRƯỞNG ĐƠN VỊ", "(Ký số)", ""}});
  return doc.finish();
}

}  // namespace tinhso::feedback
