#include "onestop/notices.h"

#include <fmt/format.h>

#include "core/net/outbound.h"

namespace tinhso::onestop {
namespace {

std::string due_text(const Dossier& d) {
  return d.due_at ? format_vn_appointment(*d.due_at) : std::string();
}

struct Text {
  std::string subject, body, sms;
};

Text compose(const std::string& kind, const Dossier& d, const NoticeContext& c) {
  std::string look_up = fmt::format("{}/tra-cuu?ma={}", c.public_url, d.code);
  std::string greeting = fmt::format("Kính gửi {},\n\n", d.applicant_name);
  std::string footer =
      fmt::format("\n\nTra cứu tình trạng hồ sơ: {}\n\n{}\n(Thư tự động, vui lòng không trả lời.)",
                  look_up, c.desk_name);
  if (kind == "received") {
    return {fmt::format("Hồ sơ {} đã được tiếp nhận", d.code),
            greeting +
                fmt::format("Hồ sơ \"{}\" của Ông/Bà đã được {} tiếp nhận.\nMã hồ sơ: {}\nNgày hẹn "
                            "trả kết quả: {}.",
                            c.procedure_name, c.agency_name, d.code, due_text(d)) +
                footer,
            fmt::format("Hồ sơ {} đã được tiếp nhận. Hẹn trả kết quả: {}.", d.code, due_text(d))};
  }
  if (kind == "supplement") {
    std::string items;
    for (const auto& i : c.items) items += "\n  - " + i;
    return {
        fmt::format("Yêu cầu bổ sung, hoàn thiện hồ sơ {}", d.code),
        greeting +
            fmt::format(
                "Hồ sơ \"{}\" (mã {}) cần được bổ sung, hoàn thiện:{}\n{}\nThời hạn giải quyết tạm "
                "dừng cho đến khi Ông/Bà nộp đủ hồ sơ.",
                c.procedure_name, d.code, items, c.note.empty() ? "" : "Ghi chú: " + c.note) +
            footer,
        fmt::format("Hồ sơ {} cần bổ sung giấy tờ. Xem chi tiết tại {}", d.code, look_up)};
  }
  if (kind == "refused") {
    return {fmt::format("Thông báo từ chối hồ sơ {}", d.code),
            greeting +
                fmt::format("Hồ sơ \"{}\" (mã {}) không được giải quyết.\nLý do: {}",
                            c.procedure_name, d.code, c.note) +
                footer,
            fmt::format("Hồ sơ {} bị từ chối. Lý do: {}", d.code, c.note)};
  }
  if (kind == "result_ready") {
    return {fmt::format("Hồ sơ {} đã có kết quả", d.code),
            greeting +
                fmt::format("Hồ sơ \"{}\" (mã {}) đã có kết quả giải quyết. Ông/Bà vui lòng nhận "
                            "kết quả tại {} "
                            "hoặc theo hình thức đã đăng ký.",
                            c.procedure_name, d.code,
                            c.result_point_name.empty() ? c.desk_name : c.result_point_name) +
                footer,
            fmt::format("Hồ sơ {} đã có kết quả. Mời Ông/Bà nhận kết quả.", d.code)};
  }
  // apology
  std::string new_due = d.apology_due_at ? format_vn_appointment(*d.apology_due_at) : "";
  return {
      fmt::format("Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {}", d.code),
      greeting +
          fmt::format(
              "{} thành thật xin lỗi Ông/Bà vì hồ sơ \"{}\" (mã {}) chưa được giải quyết đúng hẹn "
              "({}).\nLý do: {}\nThời gian hẹn trả kết quả mới: {}.",
              c.agency_name, c.procedure_name, d.code, due_text(d), c.note, new_due) +
          footer,
      fmt::format("Xin lỗi Ông/Bà: hồ sơ {} chậm trả kết quả. Hẹn lại: {}.", d.code, new_due)};
}

}  // namespace

std::vector<outbox::Message> notice_messages(const std::string& kind, const Dossier& d,
                                             const NoticeContext& c, const NotifyConfig& config) {
  std::vector<outbox::Message> out;
  Text t = compose(kind, d, c);
  if (!config.smtp_url.empty() && d.applicant_email) {
    out.push_back(
        {"email", *d.applicant_email,
         boost::json::object{
             {"subject", t.subject}, {"body", t.body}, {"dossier_code", d.code}, {"event", kind}},
         fmt::format("email-{}-v{}", d.code, d.version), "dossier", std::to_string(d.id)});
  }
  if (!config.sms_webhook_url.empty() && d.applicant_phone) {
    out.push_back({"sms", *d.applicant_phone,
                   boost::json::object{{"to", *d.applicant_phone},
                                       {"message", t.sms},
                                       {"dossier_code", d.code},
                                       {"event", kind}},
                   fmt::format("sms-{}-v{}", d.code, d.version), "dossier", std::to_string(d.id)});
  }
  return out;
}

outbox::Sender email_sender(const NotifyConfig& config) {
  return
      [config](const std::string& target, const boost::json::value& payload, const std::string&) {
        net::Mail mail{config.smtp_from, target, std::string(payload.at("subject").as_string()),
                       std::string(payload.at("body").as_string())};
        std::string error =
            net::send_mail(config.smtp_url, config.smtp_user, config.smtp_password, mail);
        return outbox::Delivery{error.empty(), false, error};
      };
}

outbox::Sender sms_sender(const NotifyConfig& config) {
  return [config](const std::string&, const boost::json::value& payload, const std::string& key) {
    std::vector<std::string> headers = {"Idempotency-Key: " + key};
    if (!config.sms_webhook_token.empty())
      headers.push_back("Authorization: Bearer " + config.sms_webhook_token);
    auto r = net::post_json(config.sms_webhook_url, boost::json::serialize(payload), headers);
    return outbox::Delivery{r.ok(), r.refused(),
                            r.ok() ? "" : (r.status ? fmt::format("HTTP {}", r.status) : r.error)};
  };
}

}  // namespace tinhso::onestop
