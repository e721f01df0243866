#include "reporting/report_signature.h"

#include <fmt/format.h>

namespace tinhso::reporting {

using boost::json::object;

std::string signed_content(const Regime& g, const Period& p, const std::string& unit_code,
                           const FormDef& f, const Values& v) {
  // values_json walks the map in key order; the other members are in a fixed order.
  object o{{"regime", g.code},
           {"period", p.id()},
           {"unit", unit_code},
           {"form", fmt::format("{}@{}", f.code, f.version)},
           {"values", values_json(v)}};
  return boost::json::serialize(o);
}

Status store_report_signature(audit::ChangeTx& tx, int64_t report_id, int64_t report_version,
                              const std::string& content, const signing::FileSignature& s) {
  TS_TRY(tx.sql().exec(
      "INSERT INTO reporting_signatures (report_id, report_version, content, signer_name, "
      "organisation, serial_hex, signed_at, cms, created_by, created_at, kind) VALUES ($1, $2, "
      "$3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {report_id, report_version, content, s.signer_name, s.organisation, s.serial_hex,
       to_millis(s.signed_at), storage::Blob{s.cms}, tx.actor().id, tx.now_ms(), s.kind}));
  return tx.record("report.sign", "report", report_id,
                   object{{"kind", s.kind},
                          {"signer", s.signer_name},
                          {"serial", s.serial_hex},
                          {"report_version", report_version}});
}

Result<std::optional<StoredSignature>> load_report_signature(storage::Tx& tx, int64_t report_id,
                                                             std::string_view kind,
                                                             std::optional<int64_t> sent_version) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT report_version, content, cms, signer_name, organisation, signed_at FROM "
               "reporting_signatures WHERE report_id = $1 AND kind = $2 AND (CAST($3 AS BIGINT) IS "
               "NULL OR "
               "report_version = $3) ORDER BY id DESC LIMIT 1",
               {report_id, kind, sent_version}));
  if (rows.empty()) return std::optional<StoredSignature>();
  auto r = rows.front();
  return std::optional(StoredSignature{std::string(kind), r.i64(0), r.str(1), r.str(2), r.str(3),
                                       r.is_null(4) ? std::string() : r.str(4),
                                       from_millis(r.i64(5))});
}

object signature_json(const StoredSignature& s, const signing::FileSigner& signer,
                      const std::string& current, Instant now) {
  auto v = signer.verify(s.content, s.cms, now);
  bool same = s.content == current;
  return object{
      {"kind", s.kind},
      {"kind_label", s.kind == kPersonalSignature ? "Chữ ký số cá nhân của người gửi báo cáo"
                                                  : "Chữ ký số của cơ quan"},
      {"signer_name", v.signer_name.empty() ? s.signer_name : v.signer_name},
      {"organisation", v.organisation.empty() ? s.organisation : v.organisation},
      {"signed_at", format_rfc3339(v.signed_at.value_or(s.signed_at))},
      {"status", signing::status_name(v.status)},
      {"valid", v.valid()},
      {"message", signing::status_message_vi(v.status)},
      {"matches_report", same},
      {"report_version", s.report_version},
      {"note", same ? "Số liệu báo cáo đúng như khi ký."
                    : "Số liệu báo cáo đã thay đổi sau khi ký; chữ ký chỉ xác nhận bản đã gửi "
                      "trước đó."}};
}

}  // namespace tinhso::reporting
