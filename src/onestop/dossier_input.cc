// Reading what people send: a submission (online or at the desk) and an action on a dossier,
// checked field by field into the structs DossierService works with; and the e-form check
// against the procedure's definition.
#include "onestop/dossier_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/identity/accounts.h"

namespace tinhso::onestop {

using boost::json::object;
using boost::json::value;

Status validate_form(const ProcedureDef& def, const object& form) {
  object problems;
  for (const auto& f : def.form) {
    const value* v = form.if_contains(f.key);
    bool empty =
        v == nullptr || v->is_null() || (v->is_string() && text::trim(v->as_string()).empty());
    if (empty) {
      if (f.required) problems[f.key] = fmt::format("{}: bắt buộc nhập.", f.label);
      continue;
    }
    if (f.type == "number" && !v->is_number())
      problems[f.key] = fmt::format("{}: phải là số.", f.label);
    if (f.type == "date" && (!v->is_string() || !parse_iso_date(v->as_string()).ok())) {
      problems[f.key] = fmt::format("{}: ngày không hợp lệ (YYYY-MM-DD).", f.label);
    }
    if (f.type == "select" &&
        (!v->is_string() || std::find(f.options.begin(), f.options.end(),
                                      std::string(v->as_string())) == f.options.end())) {
      problems[f.key] = fmt::format("{}: giá trị không nằm trong danh sách.", f.label);
    }
    if ((f.type == "text" || f.type == "textarea") &&
        (!v->is_string() || text::length_utf8(v->as_string()) > 4000)) {
      problems[f.key] = fmt::format("{}: phải là văn bản (tối đa 4000 ký tự).", f.label);
    }
  }
  if (problems.empty()) return ok_status();
  return Error(422, "validation_failed", "Tờ khai chưa hợp lệ, vui lòng kiểm tra lại.",
               object{{"fields", object{{"form_data", std::move(problems)}}}});
}

Result<Submission> read_submission(const value& v, bool desk) {
  json::FieldReader r(v);
  Submission s;
  s.procedure_id = r.required_int("procedure_id", 1, INT64_MAX);
  s.agency_unit_id = r.optional_int("agency_unit_id", 1, INT64_MAX);
  s.desk_unit_id = r.optional_int("desk_unit_id", 1, INT64_MAX);
  s.result_unit_id = r.optional_int("result_unit_id", 1, INT64_MAX);
  s.channel = desk ? r.optional_enum("channel", {"desk", "postal"}).value_or("desk") : "online";
  if (const auto* a = r.optional_object("applicant")) {
    json::FieldReader ar(*a);
    s.applicant_kind = ar.optional_enum("kind", {"citizen", "business"}).value_or("citizen");
    s.applicant_name = ar.optional_string("name", 200).value_or("");
    s.id_number = ar.optional_string("id_number", 20);
    s.tax_code = ar.optional_string("tax_code", 20);
    s.address = ar.optional_string("address", 500);
    s.phone = ar.optional_string("phone", 30);
    s.email = ar.optional_string("email", 200);
    s.representative = ar.optional_string("representative", 200);
    s.applicant_commune_unit_id = ar.optional_int("commune_unit_id", 1, INT64_MAX);
    if (s.phone) {
      auto p = identity::normalize_phone(*s.phone);
      if (!p)
        ar.fail("phone", "Số điện thoại không hợp lệ (ví dụ: 0912345678).");
      else
        s.phone = p;
    }
    if (s.email) {
      s.email = text::to_lower_ascii(*s.email);
      if (!identity::plausible_email(*s.email))
        ar.fail("email", "Địa chỉ thư điện tử không hợp lệ.");
    }
    if (s.id_number && !(text::digits_of(*s.id_number) == *s.id_number &&
                         (s.id_number->size() == 12 || s.id_number->size() == 9))) {
      ar.fail("id_number", "Số CCCD gồm 12 chữ số (hoặc CMND 9 chữ số).");
    }
    if (desk && s.applicant_name.empty()) ar.fail("name", "Bắt buộc nhập.");
    auto st = ar.finish();
    if (!st.ok()) {
      for (const auto& [k, msg] : st.error().details().at("fields").as_object()) {
        r.fail(fmt::format("applicant.{}", std::string(k)), std::string(msg.as_string()));
      }
    }
  } else if (desk) {
    r.fail("applicant", "Cần thông tin người nộp hồ sơ.");
  }
  s.return_method = r.optional_enum("return_method", {"desk", "post", "online"}).value_or("");
  // By post without an address of its own: to the applicant's address (checked on creation).
  s.postal_address = r.optional_string("postal_address", 500);
  if (const auto* f = r.optional_object("form_data")) s.form_data = *f;
  if (const auto* papers = r.optional_array("papers", 100)) {
    for (const auto& p : *papers) {
      json::FieldReader pr(p);
      PaperFiles pf;
      pf.index = pr.required_int("index", 0, 99);
      pf.file_ids = pr.optional_ids("file_ids", 20, "Mã tệp không hợp lệ.");
      if (pr.failed()) r.fail("papers", "Danh sách thành phần hồ sơ không hợp lệ.");
      s.papers.push_back(std::move(pf));
    }
  }
  if (const auto* received = r.optional_array("papers_received", 100)) {
    for (const auto& p : *received) {
      json::FieldReader pr(p);
      int64_t index = pr.required_int("index", 0, 99);
      int64_t originals = pr.optional_int("originals", 0, 50).value_or(0);
      int64_t copies = pr.optional_int("copies", 0, 50).value_or(0);
      if (pr.failed()) r.fail("papers_received", "Danh sách giấy tờ đã nhận không hợp lệ.");
      s.papers_received.push_back(
          object{{"index", index}, {"originals", originals}, {"copies", copies}});
    }
  }
  s.sets_count = r.optional_int("sets_count", 1, 20).value_or(1);
  TS_TRY(r.finish());
  return s;
}

Result<ActionInput> read_action(const value& v, std::optional<int64_t>* expected_version,
                                std::vector<PaperFiles>* files) {
  json::FieldReader r(v);
  ActionInput in;
  std::string name = r.required_string("action", 40);
  auto a = parse_action(name);
  if (!name.empty() && !a) r.fail("action", "Thao tác không hợp lệ.");
  if (a) in.action = *a;
  *expected_version = r.optional_int("expected_version", 1, INT64_MAX);
  if (!*expected_version)
    r.fail("expected_version",
           "Cần phiên bản hồ sơ đang xem (để tránh ghi đè thao tác của người khác).");
  in.note = r.optional_string("note", 2000).value_or("");
  in.assignee_id = r.optional_int("assignee_id", 1, INT64_MAX);
  in.to_step = r.optional_int("to_step", 0, 100);
  in.fee_amount = r.optional_int("fee_amount", 1, 100000000000LL);
  in.payment_reference = r.optional_string("payment_reference", 100).value_or("");
  in.result_file_id = r.optional_int("result_file_id", 1, INT64_MAX);
  in.result_note = r.optional_string("result_note", 2000).value_or("");
  in.return_method = r.optional_enum("return_method", {"desk", "post", "online"}).value_or("");
  in.postal_tracking = r.optional_string("postal_tracking", 60).value_or("");
  if (auto due = r.optional_string("new_due", 40)) {
    auto t = parse_rfc3339(*due);
    if (t.ok())
      in.new_due = *t;
    else
      r.fail("new_due", "Thời điểm không hợp lệ.");
  }
  if (const auto* items = r.optional_array("items", 50)) {
    for (const auto& i : *items) {
      if (i.is_string() && !text::trim(i.as_string()).empty())
        in.items.push_back(text::to_nfc(text::trim(i.as_string())));
      else
        r.fail("items", "Mỗi nội dung bổ sung phải là một dòng văn bản.");
    }
  }
  if (const auto* answers = r.optional_object("answers")) in.answers = *answers;
  if (const auto* received = r.optional_array("papers_received", 100))
    in.papers_received = *received;
  if (const auto* list = r.optional_array("files", 50)) {
    for (const auto& f : *list) {
      json::FieldReader fr(f);
      PaperFiles pf;
      pf.index = fr.optional_int("index", 0, 99).value_or(0);
      int64_t id = fr.required_int("file_id", 1, INT64_MAX);
      if (fr.failed()) r.fail("files", "Danh sách tệp không hợp lệ.");
      pf.file_ids.push_back(id);
      files->push_back(std::move(pf));
    }
  }
  TS_TRY(r.finish());
  return in;
}

}  // namespace tinhso::onestop
