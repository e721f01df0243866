// Online payment of a dossier's fees (thanh toán trực tuyến nghĩa vụ tài chính) through a
// payment gateway — the national payment platform of the public service portal, or a bank:
//
//   applicant ──start──▶ payment (pending, order ref) ──redirect──▶ gateway ──pays──▶
//   gateway ──signed notification──▶ settle: payment paid, receipt recorded, the dossier's
//   fees paid (paid online: QĐ 766 counts it) ──▶ the applicant comes back to the dossier.
//
// Requests and notifications are signed with HMAC-SHA-256 under payment.secret over the
// fields joined by "|" (docs/onestop.md gives the exact fields): a notification that is not
// signed, not for an order we made, or not for its amount changes nothing. A repeated
// notification is harmless. Officials list a day's payments for reconciliation with the
// gateway's statement (JSON or Excel) and refund a payment through the gateway.
//
// Provider "demo" is a gateway built into tinhso for the demo installation: its page is ours
// (/thanh-toan-thu-nghiem) and paying there settles exactly like a notification would.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/services.h"
#include "onestop/service.h"

namespace tinhso::onestop {

struct Payment {
  int64_t id = 0;
  int64_t dossier_id = 0;
  int64_t amount = 0;
  std::string status;  // pending | paid | failed | refunded
  std::string provider, order_ref;
  std::optional<std::string> gateway_ref, receipt_no;
  Instant created_at;
  std::optional<Instant> paid_at, refunded_at;
  // Why a paid payment must be refunded (the fees were already paid, the dossier closed).
  std::optional<std::string> note;
};
boost::json::object payment_json(const Payment& p);
// A dossier's payments, oldest first (its view shows them).
Result<boost::json::array> payments_of(storage::Tx& tx, int64_t dossier_id);

// What the gateway tells us about an order.
struct GatewayNotice {
  std::string order_ref, gateway_ref, status, receipt_no;  // status: paid | failed
  int64_t amount = 0;
  std::string signature;  // hex
};

class Payments {
 public:
  Payments(Services& s, DossierService& dossiers);

  bool enabled() const { return !provider_.empty(); }
  const std::string& provider() const { return provider_; }

  struct Started {
    Payment payment;
    std::string redirect_url;
  };
  // The applicant starts paying what their dossier owes.
  Result<Started> start(const identity::Principal& applicant, const audit::Actor& actor,
                        int64_t dossier_id);
  // A notification from the gateway (or the demo gateway's page).
  Result<Payment> settle(const GatewayNotice& notice);
  // The demo gateway paying an order for its applicant.
  Result<Payment> pay_demo(const identity::Principal& applicant, const std::string& order_ref);
  Result<Payment> refund(const identity::Principal& official, const audit::Actor& actor,
                         int64_t payment_id, const std::string& reason);
  Result<Payment> find(storage::Tx& tx, const std::string& order_ref);
  // The payments made on a day (local date), with totals, for reconciliation: those of the
  // desks where `official` receives. A payment belongs to the desk that was to take the fee
  // when it was paid: the result point chosen by the applicant once the result waits there,
  // else the receiving desk.
  Result<boost::json::object> day_report(const identity::Principal& official, Date day);

  // The signature of a notification / of a start request.
  std::string sign_notice(const GatewayNotice& n) const;

 private:
  Services& s_;
  DossierService& dossiers_;
  std::string provider_;
};

}  // namespace tinhso::onestop
