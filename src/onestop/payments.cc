#include "onestop/payments.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/base/crypto.h"
#include "core/base/text.h"
#include "core/config/config.h"
#include "core/identity/accounts.h"
#include "core/net/outbound.h"
#include "onestop/access.h"
#include "onestop/config.h"
#include "onestop/permissions.h"

namespace tinhso::onestop {
namespace {

using boost::json::object;
using boost::json::value;

constexpr std::string_view kColumns =
    "id, dossier_id, amount, status, provider, order_ref, gateway_ref, receipt_no, created_at, "
    "paid_at, refunded_at, note";

// How long an unpaid order stays the one to continue (a gateway session lasts about as long).
constexpr int64_t kOrderReuseMs = 30 * 60 * 1000;

Payment payment_from_row(const storage::Rows::Row& r) {
  Payment p;
  p.id = r.i64(0);
  p.dossier_id = r.i64(1);
  p.amount = r.i64(2);
  p.status = r.str(3);
  p.provider = r.str(4);
  p.order_ref = r.str(5);
  p.gateway_ref = r.opt_str(6);
  p.receipt_no = r.opt_str(7);
  p.created_at = from_millis(r.i64(8));
  if (!r.is_null(9)) p.paid_at = from_millis(r.i64(9));
  if (!r.is_null(10)) p.refunded_at = from_millis(r.i64(10));
  p.note = r.opt_str(11);
  return p;
}

std::string hmac_hex(const std::string& secret, const std::string& text) {
  return crypto::hex_encode(crypto::hmac_sha256(secret, text));
}

const audit::Actor& gateway_actor() {
  static const audit::Actor kActor = audit::Actor::system("Cổng thanh toán trực tuyến");
  return kActor;
}

std::string_view status_label(std::string_view s) {
  if (s == "paid") return "Đã thanh toán";
  if (s == "failed") return "Không thành công";
  if (s == "refunded") return "Đã hoàn tiền";
  return "Đang chờ thanh toán";
}

}  // namespace

object payment_json(const Payment& p) {
  return object{{"id", p.id},
                {"dossier_id", p.dossier_id},
                {"amount", p.amount},
                {"amount_text", text::group_thousands(p.amount) + " đồng"},
                {"status", p.status},
                {"status_label", status_label(p.status)},
                {"provider", p.provider},
                {"order_ref", p.order_ref},
                {"gateway_ref", p.gateway_ref ? value(*p.gateway_ref) : nullptr},
                {"receipt_no", p.receipt_no ? value(*p.receipt_no) : nullptr},
                {"created_at", format_rfc3339(p.created_at)},
                {"paid_at", p.paid_at ? value(format_rfc3339(*p.paid_at)) : nullptr},
                {"refunded_at", p.refunded_at ? value(format_rfc3339(*p.refunded_at)) : nullptr},
                {"needs_refund", p.note.has_value() && p.status == "paid"},
                {"note", p.note ? value(*p.note) : nullptr}};
}

Payments::Payments(Services& s, DossierService& dossiers)
    : s_(s), dossiers_(dossiers), provider_(s.config.section<PaymentConfig>().provider) {}

std::string Payments::sign_notice(const GatewayNotice& n) const {
  return hmac_hex(
      s_.config.section<PaymentConfig>().secret,
      fmt::format("{}|{}|{}|{}|{}", n.order_ref, n.gateway_ref, n.amount, n.status, n.receipt_no));
}

Result<boost::json::array> payments_of(storage::Tx& tx, int64_t dossier_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(fmt::format("SELECT {} FROM payments WHERE dossier_id "
                                                      "= $1 ORDER BY id",
                                                      kColumns),
                                          {dossier_id}));
  boost::json::array out;
  for (auto r : rows) out.push_back(payment_json(payment_from_row(r)));
  return out;
}

Result<Payment> Payments::find(storage::Tx& tx, const std::string& order_ref) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(fmt::format("SELECT {} FROM payments WHERE order_ref = "
                                                      "$1",
                                                      kColumns),
                                          {order_ref}));
  if (rows.empty()) return Error::not_found("Không tìm thấy giao dịch thanh toán.");
  return payment_from_row(rows.front());
}

Result<Payments::Started> Payments::start(const identity::Principal& applicant,
                                          const audit::Actor& actor, int64_t dossier_id) {
  if (!enabled())
    return Error::conflict("payment.disabled",
                           "Hệ thống chưa kết nối cổng thanh toán trực tuyến; vui lòng nộp phí, "
                           "lệ phí tại bộ phận một cửa.");
  TS_ASSIGN_OR_RETURN(auto d, dossiers_.load(dossier_id));
  if (d.applicant_account_id != applicant.id) return Error::not_found("Không tìm thấy hồ sơ.");
  if (d.fee_amount <= 0 || d.fee_paid_at)
    return Error::conflict("payment.nothing_due", "Hồ sơ không có khoản phí, lệ phí nào phải nộp.");
  if (!is_open(d.status) && d.status != DossierStatus::kDone)
    return Error::conflict("payment.closed", "Hồ sơ đã kết thúc, không thể thanh toán.");
  std::string order = fmt::format("{}-{}", d.code, crypto::random_token(6));
  TS_ASSIGN_OR_RETURN(
      auto payment, s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<Payment> {
        // Starting again soon after (a retry after a lost reply, a second tab) continues the same
        // order, so that one fee cannot be paid twice through two orders.
        TS_ASSIGN_OR_RETURN(
            auto pending,
            tx.sql().query(fmt::format("SELECT {} FROM payments WHERE dossier_id = $1 AND status = "
                                       "'pending' AND amount = $2 AND created_at > $3 ORDER BY id "
                                       "DESC LIMIT 1",
                                       kColumns),
                           {d.id, d.fee_amount, tx.now_ms() - kOrderReuseMs}));
        if (!pending.empty()) {
          tx.mark_unchanged();
          return payment_from_row(pending.front());
        }
        TS_ASSIGN_OR_RETURN(
            auto rows,
            tx.sql().query(
                fmt::format("INSERT INTO payments (dossier_id, amount, status, provider, "
                            "order_ref, created_by, created_at) VALUES ($1, $2, 'pending', "
                            "$3, $4, $5, $6) RETURNING {}",
                            kColumns),
                {d.id, d.fee_amount, provider_, order, applicant.id, tx.now_ms()}));
        Payment p = payment_from_row(rows.front());
        TS_TRY(tx.record("payment.start", "payment", p.id,
                         object{{"dossier_id", d.id}, {"amount", p.amount}, {"order", order}}));
        return p;
      }));
  order = payment.order_ref;
  std::string back = fmt::format("{}/ho-so-cua-toi/{}?thanh_toan={}", s_.config.server.public_url,
                                 d.id, text::percent_encode(order));
  std::string redirect;
  if (provider_ == "demo") {
    redirect = "/thanh-toan-thu-nghiem?don_hang=" + text::percent_encode(order);
  } else {
    const auto& c = s_.config.section<PaymentConfig>();
    std::string notify = s_.config.server.public_url + "/api/v1/payments/notify";
    std::string signature = hmac_hex(
        c.secret, fmt::format("{}|{}|{}|{}|{}", c.merchant_id, order, d.fee_amount, back, notify));
    redirect = fmt::format(
        "{}{}merchant={}&order={}&amount={}&description={}&return_url={}&notify_url={}&"
        "signature={}",
        c.gateway_url, c.gateway_url.find('?') == std::string::npos ? "?" : "&",
        text::percent_encode(c.merchant_id), text::percent_encode(order), d.fee_amount,
        text::percent_encode("Phí, lệ phí hồ sơ " + d.code), text::percent_encode(back),
        text::percent_encode(notify), signature);
  }
  return Started{std::move(payment), std::move(redirect)};
}

Result<Payment> Payments::settle(const GatewayNotice& notice) {
  if (!enabled()) return Error::not_found("Không tìm thấy giao dịch thanh toán.");
  if (!crypto::constant_time_equals(text::to_lower_ascii(notice.signature), sign_notice(notice)))
    return Error(403, "payment.bad_signature", "Chữ ký của thông báo thanh toán không hợp lệ.");
  if (notice.status != "paid" && notice.status != "failed")
    return Error::validation("status", "Trạng thái thanh toán không hợp lệ.");
  TS_ASSIGN_OR_RETURN(auto p,
                      s_.db.read([&](storage::Tx& tx) { return find(tx, notice.order_ref); }));
  if (notice.amount != p.amount)
    return Error::validation("amount", "Số tiền không khớp với giao dịch.");
  if (p.status != "pending") return p;  // a repeated notification changes nothing
  // Without the gateway's receipt number, ours is made from the order reference: unique (it ends
  // in a random token), and never issued again, even by a database restored from an older
  // backup whose row ids restart below the ones already on people's receipts.
  std::string receipt = notice.receipt_no.empty() ? "BL-" + p.order_ref : notice.receipt_no;
  TS_ASSIGN_OR_RETURN(
      auto updated, s_.changes.apply(gateway_actor(), [&](audit::ChangeTx& tx) -> Result<Payment> {
        TS_ASSIGN_OR_RETURN(
            auto n,
            tx.sql().exec(
                "UPDATE payments SET status = $1, gateway_ref = $2, receipt_no = "
                "$3, paid_at = $4 WHERE id = $5 AND status = 'pending'",
                {notice.status, notice.gateway_ref,
                 notice.status == "paid" ? std::optional(receipt) : std::nullopt,
                 notice.status == "paid" ? std::optional(tx.now_ms()) : std::nullopt, p.id}));
        if (n == 0)
          tx.mark_unchanged();
        else
          TS_TRY(tx.record("payment." + notice.status, "payment", p.id,
                           object{{"gateway_ref", notice.gateway_ref}, {"receipt_no", receipt}}));
        return find(tx.sql(), p.order_ref);
      }));
  if (updated.status != "paid") return updated;
  // The dossier's fees are now paid, online, by its applicant — unless they already were (a
  // second order paid in another tab, cash at the counter) or the dossier has closed: then the
  // money must go back, and the payment says so for the desk's reconciliation.
  std::string refund_because;
  for (int attempt = 0; attempt < 3; ++attempt) {
    TS_ASSIGN_OR_RETURN(auto d, dossiers_.load(p.dossier_id));
    if (d.fee_paid_at) {
      refund_because = "Phí, lệ phí của hồ sơ đã được nộp trước đó; cần hoàn lại khoản này.";
      break;
    }
    if (!d.applicant_account_id) break;
    TS_ASSIGN_OR_RETURN(auto who, s_.db.read([&](storage::Tx& tx) {
      return identity::load_principal(tx, identity::PrincipalKind::kApplicant,
                                      *d.applicant_account_id);
    }));
    if (!who) break;
    ActionInput in;
    in.action = Action::kPayFees;
    in.payment_reference = fmt::format("{} (biên lai {})", notice.gateway_ref, receipt);
    auto r = dossiers_.act(*who, gateway_actor(), d.id, d.version, in, {});
    if (r.ok()) break;
    if (r.error().code() == "dossier.version_conflict") continue;  // changed meanwhile: again
    refund_because =
        "Hồ sơ không còn nhận thanh toán (" + r.error().message() + "); cần hoàn lại khoản này.";
    break;
  }
  if (refund_because.empty()) return updated;
  spdlog::warn("payment {} of dossier {} needs a refund: {}", p.id, p.dossier_id, refund_because);
  return s_.changes.apply(gateway_actor(), [&](audit::ChangeTx& tx) -> Result<Payment> {
    TS_TRY(tx.sql().exec("UPDATE payments SET note = $1 WHERE id = $2", {refund_because, p.id}));
    TS_TRY(tx.record("payment.needs_refund", "payment", p.id, object{{"note", refund_because}}));
    return find(tx.sql(), p.order_ref);
  });
}

Result<Payment> Payments::pay_demo(const identity::Principal& applicant,
                                   const std::string& order_ref) {
  if (provider_ != "demo") return Error::not_found("Không tìm thấy giao dịch thanh toán.");
  TS_ASSIGN_OR_RETURN(auto p, s_.db.read([&](storage::Tx& tx) { return find(tx, order_ref); }));
  TS_ASSIGN_OR_RETURN(auto d, dossiers_.load(p.dossier_id));
  if (d.applicant_account_id != applicant.id)
    return Error::not_found("Không tìm thấy giao dịch thanh toán.");
  GatewayNotice n{order_ref, "DEMO-" + crypto::random_token(6), "paid", "", p.amount, ""};
  n.signature = sign_notice(n);
  return settle(n);
}

Result<Payment> Payments::refund(const identity::Principal& official, const audit::Actor& actor,
                                 int64_t payment_id, const std::string& reason) {
  TS_ASSIGN_OR_RETURN(auto p, s_.db.read([&](storage::Tx& tx) -> Result<Payment> {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query(fmt::format("SELECT {} FROM payments WHERE id = $1", kColumns), {payment_id}));
    if (rows.empty()) return Error::not_found("Không tìm thấy giao dịch thanh toán.");
    return payment_from_row(rows.front());
  }));
  TS_ASSIGN_OR_RETURN(auto d, dossiers_.load(p.dossier_id));
  // The receiving desk, or the desk that returns the result (fees due before the result).
  if (!s_.authorizer.check(official, onestop::kReceiveDossier, d.desk_unit_id).ok())
    TS_TRY(s_.authorizer.check(official, onestop::kReceiveDossier, return_point(d)));
  if (p.status != "paid")
    return Error::conflict("payment.not_refundable", "Chỉ hoàn tiền giao dịch đã thanh toán.");
  if (text::trim(reason).empty()) return Error::validation("reason", "Cần nêu lý do hoàn tiền.");
  // The gateway refunds first; only then is the refund recorded.
  if (provider_ == "http") {
    const auto& c = s_.config.section<PaymentConfig>();
    std::string gateway = p.gateway_ref.value_or("");
    boost::json::object body{
        {"merchant", c.merchant_id},
        {"order", p.order_ref},
        {"transaction", gateway},
        {"amount", p.amount},
        {"reason", reason},
        {"signature", hmac_hex(c.secret, fmt::format("{}|{}|{}|{}", c.merchant_id, p.order_ref,
                                                     gateway, p.amount))}};
    auto r = net::post_json(c.refund_url, boost::json::serialize(body), {});
    if (r.status < 200 || r.status >= 300)
      return Error(502, "payment.refund_failed",
                   "Cổng thanh toán chưa hoàn tiền được; vui lòng thử lại sau.",
                   object{{"gateway_status", r.status}});
  }
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<Payment> {
    TS_ASSIGN_OR_RETURN(auto n, tx.sql().exec("UPDATE payments SET status = 'refunded', "
                                              "refunded_at = $1, refund_reason = $2 WHERE id = "
                                              "$3 AND status = 'paid'",
                                              {tx.now_ms(), reason, p.id}));
    if (n == 0) return Error::conflict("payment.not_refundable", "Giao dịch vừa thay đổi.");
    TS_TRY(tx.record("payment.refund", "payment", p.id,
                     object{{"amount", p.amount}, {"reason", reason}}));
    return find(tx.sql(), p.order_ref);
  });
}

Result<object> Payments::day_report(const identity::Principal& official, Date day) {
  TS_TRY(authorize_counter(official, s_.authorizer));  // the desk's own cash report
  int64_t from = to_millis(local_instant(day, 0));
  int64_t to = to_millis(local_instant(add_days(day, 1), 0));
  TS_ASSIGN_OR_RETURN(auto rows, s_.db.read([&](storage::Tx& tx) {
    return tx.query(
        "SELECT p.id, p.dossier_id, p.amount, p.status, p.provider, p.order_ref, "
        "p.gateway_ref, p.receipt_no, p.created_at, p.paid_at, p.refunded_at, p.note, d.code, "
        "d.applicant_name, d.desk_unit_id, d.result_unit_id, d.finished_at FROM payments p "
        "JOIN dossiers d ON d.id = "
        "p.dossier_id WHERE (p.paid_at >= $1 AND p.paid_at < $2) OR (p.refunded_at >= $1 AND "
        "p.refunded_at < $2) OR (p.paid_at IS NULL AND p.created_at >= $1 AND p.created_at < "
        "$2) ORDER BY p.id",
        {from, to});
  }));
  boost::json::array items;
  int64_t paid = 0, refunded = 0, to_refund = 0;
  int64_t paid_count = 0;
  for (auto r : rows) {
    Payment p = payment_from_row(r);
    // The desk that was to take the fee when it was paid: the result point once the result
    // waits there (a fee due before the result), else the receiving desk.
    Dossier d;
    d.desk_unit_id = r.i64(14);
    d.result_unit_id = r.opt_i64(15);
    auto finished = r.opt_i64(16);
    bool result_waiting = finished && to_millis(p.paid_at.value_or(p.created_at)) >= *finished;
    int64_t desk = result_waiting ? return_point(d) : d.desk_unit_id;
    if (!s_.authorizer.check(official, onestop::kReceiveDossier, desk).ok()) continue;
    object o = payment_json(p);
    o["dossier_code"] = r.str(12);
    o["applicant_name"] = r.str(13);
    if (p.status == "paid" && p.note) to_refund += p.amount;
    if (p.status == "paid" || p.status == "refunded") {
      paid += p.amount;
      ++paid_count;
    }
    if (p.status == "refunded") refunded += p.amount;
    items.push_back(std::move(o));
  }
  return object{{"date", format_iso_date(day)}, {"items", std::move(items)},
                {"paid_count", paid_count},     {"paid_total", paid},
                {"refunded_total", refunded},   {"to_refund_total", to_refund},
                {"net_total", paid - refunded}};
}

}  // namespace tinhso::onestop
