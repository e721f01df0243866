#include "core/identity/contact_verification.h"

#include <fmt/format.h>

#include "core/base/crypto.h"
#include "core/outbox/outbox.h"

namespace tinhso::identity {
namespace {

constexpr int64_t kLifetimeMs = 15 * 60 * 1000;
constexpr int64_t kResendAfterMs = 60 * 1000;
constexpr int kMaxAttempts = 5;

std::string new_code() {
  std::string bytes = crypto::random_bytes(4);
  uint32_t n = 0;
  for (unsigned char b : bytes) n = (n << 8) | b;
  return fmt::format("{:06}", n % 1000000);
}

Status enqueue_code(storage::Tx& tx, int64_t applicant_id, const std::string& channel,
                    const std::string& target, int64_t now_ms) {
  std::string code = new_code();
  TS_TRY(tx.exec("DELETE FROM contact_codes WHERE applicant_id = $1", {applicant_id}));
  TS_TRY(tx.exec(
      "INSERT INTO contact_codes (applicant_id, code_hash, channel, target, "
      "expires_at, attempts, sent_at) VALUES ($1, $2, $3, $4, $5, 0, $6)",
      {applicant_id, crypto::sha256_hex(code), channel, target, now_ms + kLifetimeMs, now_ms}));
  std::string text = fmt::format(
      "Mã xác nhận tài khoản Cổng dịch vụ công của bạn là {}. Mã có hiệu lực 15 phút. Không "
      "đưa mã này cho người khác.",
      code);
  outbox::Message m;
  m.channel = channel;
  m.target = target;
  m.payload = channel == "sms"
                  ? boost::json::value(boost::json::object{{"to", target}, {"message", text}})
                  : boost::json::value(boost::json::object{
                        {"subject", "Mã xác nhận tài khoản Cổng dịch vụ công"}, {"body", text}});
  m.key = fmt::format("contact-code-{}-{}", applicant_id, now_ms);
  m.object_type = "applicant";
  m.object_id = std::to_string(applicant_id);
  return outbox::enqueue(tx, m, now_ms);
}

}  // namespace

Result<bool> send_contact_code(storage::Tx& tx, const NotifyConfig& notify, int64_t applicant_id,
                               const std::optional<std::string>& phone,
                               const std::optional<std::string>& email, int64_t now_ms) {
  std::string channel, target;
  if (phone && !notify.sms_webhook_url.empty()) {
    channel = "sms";
    target = *phone;
  } else if (email && !notify.smtp_url.empty()) {
    channel = "email";
    target = *email;
  } else {
    return false;
  }
  TS_TRY(enqueue_code(tx, applicant_id, channel, target, now_ms));
  TS_TRY(tx.exec("UPDATE applicants SET contact_pending = 1 WHERE id = $1", {applicant_id}));
  return true;
}

Result<ContactConfirmation> confirm_contact(audit::ChangeTx& tx, int64_t applicant_id,
                                            std::string_view code) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto rows, sql.query("SELECT code_hash, expires_at, attempts, target FROM "
                                           "contact_codes WHERE applicant_id = $1",
                                           {applicant_id}));
  if (rows.empty()) {
    tx.mark_unchanged();
    return Error::conflict("contact.no_code",
                           "Tài khoản không có mã xác nhận nào đang chờ. Hãy yêu cầu gửi lại mã.");
  }
  auto r = rows.front();
  if (r.i64(2) >= kMaxAttempts || r.i64(1) < tx.now_ms())
    return Error::conflict("contact.code_expired",
                           "Mã xác nhận đã hết hiệu lực. Hãy yêu cầu gửi lại mã mới.");
  if (!crypto::constant_time_equals(crypto::sha256_hex(code), r.str(0))) {
    int64_t attempts = r.i64(2) + 1;
    TS_TRY(sql.exec("UPDATE contact_codes SET attempts = $1 WHERE applicant_id = $2",
                    {attempts, applicant_id}));
    TS_TRY(tx.record("applicant.contact_code_wrong", "applicant", applicant_id,
                     boost::json::object{{"attempts", attempts}}));
    return ContactConfirmation{false, static_cast<int>(kMaxAttempts - attempts)};
  }
  TS_TRY(sql.exec("DELETE FROM contact_codes WHERE applicant_id = $1", {applicant_id}));
  TS_TRY(sql.exec("UPDATE applicants SET contact_pending = 0 WHERE id = $1", {applicant_id}));
  TS_TRY(tx.record("applicant.contact_confirmed", "applicant", applicant_id,
                   boost::json::object{{"target", masked_contact(r.str(3))}}));
  return ContactConfirmation{true, 0};
}

Status resend_contact_code(audit::ChangeTx& tx, const NotifyConfig&, int64_t applicant_id) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto rows, sql.query("SELECT channel, target, sent_at FROM contact_codes "
                                           "WHERE applicant_id = $1",
                                           {applicant_id}));
  if (rows.empty()) {
    tx.mark_unchanged();
    return Error::conflict("contact.no_code", "Tài khoản không cần xác nhận thêm.");
  }
  auto r = rows.front();
  int64_t wait = r.i64(2) + kResendAfterMs - tx.now_ms();
  if (wait > 0) {
    tx.mark_unchanged();
    return Error(429, "contact.resend_too_soon",
                 fmt::format("Vui lòng đợi {} giây rồi yêu cầu gửi lại mã.", (wait + 999) / 1000),
                 boost::json::object{{"retry_after_seconds", (wait + 999) / 1000}});
  }
  TS_TRY(enqueue_code(sql, applicant_id, r.str(0), r.str(1), tx.now_ms()));
  return tx.record("applicant.contact_code_resent", "applicant", applicant_id,
                   boost::json::object{{"channel", r.str(0)}});
}

std::string masked_contact(std::string_view target) {
  auto at = target.find('@');
  if (at != std::string_view::npos)
    return std::string(target.substr(0, 1)) + "***" + std::string(target.substr(at));
  if (target.size() <= 4) return std::string(target);
  return std::string(target.substr(0, 2)) + std::string(target.size() - 4, '*') +
         std::string(target.substr(target.size() - 2));
}

}  // namespace tinhso::identity
