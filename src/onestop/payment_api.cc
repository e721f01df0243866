// Routes of online payment: an applicant starts paying a dossier's fees; the gateway notifies
// the outcome (signed); the demo gateway's page pays; the desk lists a day's payments for
// reconciliation (JSON or Excel) and refunds a payment.
#include "core/base/json.h"
#include "core/export/xlsx.h"
#include "core/http/context.h"
#include "core/http/schema.h"
#include "onestop/module.h"
#include "onestop/payments.h"
#include "onestop/routes.h"

namespace tinhso::onestop {

void register_payment_routes(http::Router& router, OneStop& m) {
  using boost::json::object;
  using http::Access;
  using http::Method;
  Services& s = m.services();

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/my/dossiers/{id}/payments",
      .summary = "Start paying the dossier's fees online; answers the gateway page to go to",
      .tag = "payments",
      .access = Access::kApplicant,
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto started, m.payments().start(ctx.who(), ctx.actor(), id));
        object o = payment_json(started.payment);
        o["redirect_url"] = started.redirect_url;
        return http::Response::json(o, 201);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/payments/notify",
      .summary = "The payment gateway's signed notification of a payment's outcome "
                 "(HMAC-SHA-256 of order|transaction|amount|status|receipt_no)",
      .tag = "payments",
      .access = Access::kPublic,
      .body_limit = 8 * 1024,
      .request_schema = http::schema(
          R"({"type":"object","required":["order","transaction","amount","status","signature"],
          "properties":{"order":{"type":"string"},"transaction":{"type":"string"},
          "amount":{"type":"integer"},"status":{"type":"string"},"receipt_no":{"type":"string"},
          "signature":{"type":"string"}}})"),
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        // The demo gateway settles inside the server; only a real gateway notifies.
        if (m.payments().provider() != "http")
          return Error::not_found("Không có cổng thanh toán nào gửi thông báo đến đây.");
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        GatewayNotice n;
        n.order_ref = r.required_string("order", 100);
        n.gateway_ref = r.required_string("transaction", 100);
        n.amount = r.required_int("amount", 0, INT64_MAX);
        n.status = r.required_string("status", 20);
        n.receipt_no = r.optional_string("receipt_no", 60).value_or("");
        n.signature = r.required_string("signature", 200);
        TS_TRY(r.finish());
        TS_ASSIGN_OR_RETURN(auto p, m.payments().settle(n));
        return http::Response::json(payment_json(p));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/payments/demo/{order}",
      .summary = "The demo gateway's page: what the order is for (demo installation only)",
      .tag = "payments",
      .access = Access::kApplicant,
      .handler = [&m, &s](http::Context& ctx) -> Result<http::Response> {
        if (m.payments().provider() != "demo")
          return Error::not_found("Không tìm thấy giao dịch thanh toán.");
        std::string order(ctx.param("order").value_or(""));
        TS_ASSIGN_OR_RETURN(
            auto p, s.db.read([&](storage::Tx& tx) { return m.payments().find(tx, order); }));
        TS_ASSIGN_OR_RETURN(auto d, m.dossiers().load(p.dossier_id));
        if (d.applicant_account_id != ctx.who().id)
          return Error::not_found("Không tìm thấy giao dịch thanh toán.");
        object o = payment_json(p);
        o["dossier_code"] = d.code;
        o["applicant_name"] = d.applicant_name;
        return http::Response::json(o);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/payments/demo/{order}/pay",
      .summary = "Pay an order on the demo gateway (demo installation only)",
      .tag = "payments",
      .access = Access::kApplicant,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(
            auto p, m.payments().pay_demo(ctx.who(), std::string(ctx.param("order").value_or(""))));
        return http::Response::json(payment_json(p));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/payments",
      .summary = "Payments of a day in the caller's one-stop desks, for reconciliation with the "
                 "gateway's statement",
      .tag = "payments",
      .access = Access::kOfficial,
      .query = {{"date", "YYYY-MM-DD (default today)"}, {"format", "json | xlsx"}},
      .handler = [&m, &s](http::Context& ctx) -> Result<http::Response> {
        Date day = local_date(s.clock.now());
        if (auto d = ctx.request().query_param("date"); d && !d->empty()) {
          auto parsed = parse_iso_date(*d);
          if (!parsed.ok()) return Error::validation("date", "Ngày không hợp lệ (YYYY-MM-DD).");
          day = *parsed;
        }
        TS_ASSIGN_OR_RETURN(auto report, m.payments().day_report(ctx.who(), day));
        if (ctx.request().query_param("format").value_or("json") != "xlsx")
          return http::Response::json(report);
        xlsx::Sheet sh;
        sh.name = "Đối soát";
        sh.title = "Đối soát thanh toán trực tuyến ngày " + format_vn_date(day);
        sh.head = {"Mã hồ sơ",    "Người nộp",    "Số tiền (đồng)", "Trạng thái",
                   "Mã đơn hàng", "Mã giao dịch", "Số biên lai",    "Thời điểm thanh toán",
                   "Ghi chú"};
        sh.widths = {26, 30, 16, 18, 34, 22, 18, 24, 40};
        for (const auto& v : report.at("items").as_array()) {
          const auto& o = v.as_object();
          auto str = [&](const char* k) {
            return o.at(k).is_string() ? xlsx::Cell(std::string(o.at(k).as_string()))
                                       : xlsx::Cell(std::string());
          };
          sh.rows.push_back({str("dossier_code"), str("applicant_name"),
                             xlsx::Cell(o.at("amount").as_int64()), str("status_label"),
                             str("order_ref"), str("gateway_ref"), str("receipt_no"),
                             str("paid_at"), str("note")});
        }
        sh.rows.push_back({xlsx::Cell(std::string("Tổng đã thu")), xlsx::Cell(std::string()),
                           xlsx::Cell(report.at("paid_total").as_int64())});
        sh.rows.push_back({xlsx::Cell(std::string("Đã hoàn")), xlsx::Cell(std::string()),
                           xlsx::Cell(report.at("refunded_total").as_int64())});
        sh.rows.push_back({xlsx::Cell(std::string("Cần hoàn")), xlsx::Cell(std::string()),
                           xlsx::Cell(report.at("to_refund_total").as_int64())});
        TS_ASSIGN_OR_RETURN(auto bytes, xlsx::write({sh}));
        return http::Response::file(std::move(bytes), xlsx::kContentType,
                                    "doi-soat-thanh-toan-" + format_iso_date(day) + ".xlsx");
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/payments/{id}/refund",
      .summary = "Refund a payment through the gateway (the dossier's one-stop desk)",
      .tag = "payments",
      .access = Access::kOfficial,
      .body_limit = 8 * 1024,
      .request_schema = http::schema(
          R"({"type":"object","required":["reason"],"properties":{"reason":{"type":"string"}}})"),
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string reason = r.required_string("reason", 1000);
        TS_TRY(r.finish());
        TS_ASSIGN_OR_RETURN(auto p, m.payments().refund(ctx.who(), ctx.actor(), id, reason));
        return http::Response::json(payment_json(p));
      },
  });
}

}  // namespace tinhso::onestop
