#include "onestop/service.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <set>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/config/config.h"
#include "core/identity/accounts.h"
#include "core/identity/authorizer.h"
#include "core/workflow/deadline.h"
#include "onestop/document_store.h"
#include "onestop/national_sync.h"
#include "onestop/notices.h"
#include "onestop/payments.h"
#include "onestop/public_view_store.h"
#include "onestop/stats_counters.h"

namespace tinhso::onestop {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value time_json(const std::optional<Instant>& t) {
  return t ? value(format_rfc3339(*t)) : value(nullptr);
}

std::string_view channel_label_vi(std::string_view c) {
  if (c == "online") return "Trực tuyến";
  if (c == "postal") return "Qua dịch vụ bưu chính công ích";
  return "Trực tiếp tại bộ phận một cửa";
}

std::string_view return_method_label_vi(std::string_view m) {
  if (m == "post") return "Qua dịch vụ bưu chính công ích";
  if (m == "online") return "Trực tuyến";
  if (m == "desk") return "Tại bộ phận một cửa";
  return "";
}

value unit_ref(const identity::OrgTree& org, std::optional<int64_t> id) {
  if (!id) return nullptr;
  const auto* u = org.find(*id);
  return object{{"id", *id},
                {"name", u ? value(u->name) : value(nullptr)},
                {"code", u ? value(u->code) : value(nullptr)}};
}

Error version_conflict() {
  return Error::conflict(
      "dossier.version_conflict",
      "Hồ sơ vừa được người khác xử lý. Vui lòng tải lại để xem trạng thái mới nhất.");
}

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

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

}  // namespace

Result<Submission> read_submission(const value& v, bool desk) {
  json::FieldReader r(v);
  Submission s;
  s.procedure_id = r.required_int("procedure_id", 1, INT64_MAX);
  s.agency_unit_id = r.optional_int("agency_unit_id", 1, INT64_MAX);
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
    if (s.id_number && !(digits_of(*s.id_number) == *s.id_number &&
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

DossierService::DossierService(Services& s, ProcedureCache& procedures, files::FileStore& files,
                               outbox::Dispatcher& outbox)
    : s_(s), procedures_(procedures), files_(files), outbox_(outbox) {}

int64_t DossierService::warning_seconds() const {
  return int64_t{s_.config.onestop.warning_hours} * 3600;
}

World DossierService::world(const ProcedureDef& def, const calendar::WorkingCalendar& cal,
                            const identity::OrgTree& org) const {
  return World{def, org, cal, s_.clock.now(), warning_seconds()};
}

Result<Dossier> DossierService::load(int64_t id) {
  return s_.db.read([&](storage::Tx& tx) { return load_dossier(tx, id); });
}

Status DossierService::check_view(const identity::Principal& who, const Dossier& d) const {
  if (who.is_applicant()) {
    if (d.applicant_account_id == who.id) return ok_status();
    return Error::not_found("Không tìm thấy hồ sơ.");
  }
  for (std::optional<int64_t> unit : {std::optional<int64_t>(d.agency_unit_id),
                                      std::optional<int64_t>(d.desk_unit_id), d.current_unit_id}) {
    if (unit && s_.authorizer.check(who, identity::Permission::kViewDossiers, *unit).ok())
      return ok_status();
  }
  return Error::forbidden("Hồ sơ này không thuộc phạm vi đơn vị của bạn.");
}

Status DossierService::attach_files(audit::ChangeTx& tx, int64_t dossier_id,
                                    const std::vector<PaperFiles>& papers, const std::string& role,
                                    const ProcedureDef& def) {
  const audit::Actor& actor = tx.actor();
  for (const auto& p : papers) {
    if (role != "result" && (p.index < 0 || p.index >= static_cast<int64_t>(def.papers.size()))) {
      return Error::validation(
          "papers", fmt::format("Thành phần hồ sơ số {} không có trong thủ tục.", p.index + 1));
    }
    for (int64_t file_id : p.file_ids) {
      // A paper or result from the applicant's own document store is reused as it is;
      // anything else must be the person's own, new upload.
      bool reused = false;
      if (actor.kind == "applicant" && actor.id) {
        TS_ASSIGN_OR_RETURN(reused, in_store(tx.sql(), *actor.id, file_id));
      }
      if (!reused) {
        TS_ASSIGN_OR_RETURN(auto f, files_.own_upload(tx.sql(), file_id, actor, "papers"));
        // Each new upload belongs to one dossier.
        TS_ASSIGN_OR_RETURN(
            auto used,
            tx.sql().query("SELECT dossier_id FROM dossier_files WHERE file_id = $1", {file_id}));
        if (!used.empty() && used.front().i64(0) != dossier_id) {
          return Error::validation("papers",
                                   fmt::format("Tệp \"{}\" đã được dùng cho hồ sơ khác.", f.name));
        }
      }
      std::string label = role == "result" ? "Kết quả giải quyết"
                                           : def.papers[static_cast<std::size_t>(p.index)].name;
      // What an applicant sends is kept in their store for the next dossier.
      if (actor.kind == "applicant" && actor.id && role != "result")
        TS_TRY(keep_in_store(
            tx.sql(), StoreItem{*actor.id, file_id, "paper", label, dossier_id, {}}, tx.now_ms()));
      TS_TRY(tx.sql().exec(
          "INSERT INTO dossier_files (dossier_id, file_id, role, paper_index, label, added_at, "
          "added_by_kind, added_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {dossier_id, file_id, role,
           role == "result" ? std::optional<int64_t>() : std::optional<int64_t>(p.index), label,
           tx.now_ms(), actor.kind, actor.id}));
    }
  }
  return ok_status();
}

Result<DossierService::Applied> DossierService::commit(audit::ChangeTx& tx, const Dossier& before,
                                                       Transition& t, const ProcedureDef& def,
                                                       const ActionInput* in) {
  int64_t now = tx.now_ms();
  TS_ASSIGN_OR_RETURN(bool updated, update_dossier(tx.sql(), t.after, now));
  if (!updated) return version_conflict();
  TS_ASSIGN_OR_RETURN(int64_t event_id, insert_event(tx.sql(), t.after.id, t.event));
  if (t.event.action == "receive") {
    // Digitised papers (QĐ 766): the dossier arrived with its papers as files.
    TS_ASSIGN_OR_RETURN(
        auto n, tx.sql().query(
                    "SELECT count(*) FROM dossier_files WHERE dossier_id = $1 AND role = 'paper'",
                    {t.after.id}));
    if (n.front().i64(0) > 0) t.stats.push_back({"papers_digitised"});
  }
  TS_TRY(bump_stats(tx.sql(), t.after, t.stats, tx.now()));
  if (in != nullptr && in->action == Action::kRate) {
    const auto& data = t.event.data.as_object();
    TS_TRY(tx.sql().exec(
        "INSERT INTO dossier_ratings (dossier_id, agency_unit_id, rated_at, answers, satisfied, "
        "comment) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {t.after.id, t.after.agency_unit_id, now, boost::json::serialize(data.at("answers")),
         data.at("satisfied").as_bool() ? 1 : 0, in->note}));
    TS_TRY(bump_rating_stats(tx.sql(), t.after.agency_unit_id, data.at("answers").as_object(),
                             tx.now()));
  }
  auto org = s_.org.get();
  if (!t.notices.empty()) {
    NoticeContext c;
    c.procedure_name = def.name;
    const auto* agency = org->find(t.after.agency_unit_id);
    const auto* desk = org->find(t.after.desk_unit_id);
    c.agency_name = agency ? agency->name : "";
    c.desk_name = desk ? desk->name : c.agency_name;
    c.public_url = s_.config.server.public_url;
    if (in != nullptr) {
      c.items = in->items;
      c.note = in->note;
    }
    for (const auto& kind : t.notices) {
      for (const auto& m : notice_messages(kind, t.after, c, s_.config.notify, event_id)) {
        TS_TRY(outbox::enqueue(tx.sql(), m, now));
      }
    }
  }
  bool status_changed = t.event.status_from != t.event.status_to;
  if (!s_.config.national_portal.sync_url.empty() &&
      (status_changed || t.event.action == "apology")) {
    TS_ASSIGN_OR_RETURN(auto events, load_events(tx.sql(), t.after.id));
    const auto* agency = org->find(t.after.agency_unit_id);
    SyncContext sc{agency ? agency->code : "", agency ? agency->name : "",
                   s_.config.national_portal.system_code};
    TS_TRY(outbox::enqueue(tx.sql(),
                           national_message(t.after, national_payload(t.after, def, events, sc),
                                            s_.config.national_portal.sync_url),
                           now));
  }
  object change{{"action", t.event.action},
                {"status_from", t.event.status_from ? value(*t.event.status_from) : nullptr},
                {"status_to", t.event.status_to},
                {"step", t.after.current_step},
                {"version_from", before.version},
                {"version", t.after.version}};
  if (!t.event.note.empty()) change["note"] = t.event.note;
  TS_TRY(tx.record("dossier." + t.event.action, "dossier", t.after.id, change));
  TS_TRY(store_public_view(tx.sql(), t.after));
  return Applied{t.after, event_id};
}

Result<Dossier> DossierService::create(const identity::Principal& who, const audit::Actor& actor,
                                       Submission sub, bool desk) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  // Everything that can be checked before the write transaction is checked here.
  auto loaded =
      s_.db.read([&](storage::Tx& tx)
                     -> Result<std::pair<ProcedureSummary, std::shared_ptr<const ProcedureDef>>> {
        TS_ASSIGN_OR_RETURN(auto p, get_procedure(tx, sub.procedure_id));
        TS_ASSIGN_OR_RETURN(auto def, procedures_.version(tx, p.current_version_id));
        return std::pair{p, def};
      });
  if (!loaded.ok() && loaded.error().status() == 404)
    return Error::validation("procedure_id", "Thủ tục không tồn tại.");
  TS_TRY(loaded);
  const ProcedureSummary& proc = loaded->first;
  const ProcedureDef& def = *loaded->second;
  if (!proc.active)
    return Error::conflict("procedure.inactive", "Thủ tục này hiện không còn được tiếp nhận.");
  if (!desk && def.online_mode == "none") {
    return Error::conflict("procedure.not_online",
                           "Thủ tục này chưa được cung cấp dịch vụ công trực tuyến; vui lòng nộp "
                           "hồ sơ trực tiếp tại bộ phận một cửa.");
  }
  auto agencies = agencies_for(def, *org);
  if (sub.agency_unit_id) {
    if (std::find(agencies.begin(), agencies.end(), *sub.agency_unit_id) == agencies.end()) {
      return Error::validation("agency_unit_id", "Cơ quan được chọn không giải quyết thủ tục này.");
    }
  } else if (agencies.size() == 1) {
    sub.agency_unit_id = agencies.front();
  } else {
    return Error::validation("agency_unit_id", "Chọn cơ quan giải quyết hồ sơ.");
  }
  int64_t agency = *sub.agency_unit_id;
  int64_t desk_unit = desk_for(agency, *org);
  if (desk) TS_TRY(s_.authorizer.check(who, identity::Permission::kReceiveDossier, desk_unit));

  // Applicant details: the account's, unless the submission gives others.
  std::optional<int64_t> account;
  if (!desk) {
    account = who.id;
    auto acc = s_.db.read([&](storage::Tx& tx) {
      return tx.query(
          "SELECT kind, full_name, phone, email, id_number, tax_code, address, representative "
          "FROM applicants WHERE id = $1",
          {who.id});
    });
    TS_TRY(acc);
    if (!acc->empty()) {
      auto r = acc->front();
      // A business account applies as that business, a citizen's account as that citizen.
      sub.applicant_kind = r.str(0);
      if (sub.applicant_name.empty()) sub.applicant_name = r.str(1);
      if (!sub.phone) sub.phone = r.opt_str(2);
      if (!sub.email) sub.email = r.opt_str(3);
      if (!sub.id_number) sub.id_number = r.opt_str(4);
      if (!sub.tax_code) sub.tax_code = r.opt_str(5);
      if (!sub.address) sub.address = r.opt_str(6);
      if (!sub.representative) sub.representative = r.opt_str(7);
    }
  } else if (sub.phone || sub.email) {
    // A counter dossier of someone who has an account shows up in their account too.
    auto acc = s_.db.read([&](storage::Tx& tx) {
      return tx.query("SELECT id FROM applicants WHERE phone = $1 OR email = $2",
                      {sub.phone.value_or("-"), sub.email.value_or("-")});
    });
    if (acc.ok() && acc->size() == 1) account = acc->front().i64(0);
  }
  if (sub.applicant_name.empty())
    return Error::validation("applicant.name", "Cần họ tên người nộp hồ sơ.");
  if ((def.applicants == "citizen" && sub.applicant_kind != "citizen") ||
      (def.applicants == "business" && sub.applicant_kind != "business")) {
    return Error::validation("applicant.kind", def.applicants == "citizen"
                                                   ? "Thủ tục này dành cho công dân."
                                                   : "Thủ tục này dành cho doanh nghiệp, tổ chức.");
  }
  // What the procedure needs to know about the applicant (a criminal-record extract needs the
  // citizen's identity number, a business licence the tax code).
  {
    object problems;
    bool business = sub.applicant_kind == "business";
    if (business && !sub.tax_code)
      problems["applicant.tax_code"] = "Cần mã số thuế của doanh nghiệp, tổ chức.";
    for (const auto& field : def.applicant_required) {
      if (field == "id_number" && !business && !sub.id_number)
        problems["applicant.id_number"] = "Thủ tục này cần số định danh cá nhân (CCCD).";
      if (field == "address" && !sub.address)
        problems["applicant.address"] = "Thủ tục này cần địa chỉ của người nộp.";
      if (field == "representative" && business && !sub.representative)
        problems["applicant.representative"] = "Cần họ tên người đại diện theo pháp luật.";
    }
    if (!problems.empty()) return Error::validation(std::move(problems));
  }
  // How the result is returned: as asked, else online for fully online procedures submitted
  // online, else at the desk. Online needs an account to deliver to.
  if (sub.return_method.empty())
    sub.return_method = !desk && def.online_mode == "full" ? "online" : "desk";
  if (sub.return_method == "online" && !account)
    return Error::validation(
        "return_method",
        "Chỉ trả kết quả trực tuyến cho người nộp có tài khoản trên Cổng dịch vụ "
        "công.");
  if (sub.return_method == "post" && !sub.postal_address) sub.postal_address = sub.address;
  if (sub.return_method == "post" && !sub.postal_address)
    return Error::validation("postal_address",
                             "Cần địa chỉ nhận kết quả qua dịch vụ bưu chính công ích.");
  bool needs_commune = std::any_of(def.steps.begin(), def.steps.end(), [](const Step& s) {
    return s.unit.kind == UnitRule::Kind::kApplicantCommune;
  });
  if (sub.applicant_commune_unit_id) {
    const auto* c = org->find(*sub.applicant_commune_unit_id);
    if (c == nullptr || c->level != identity::UnitLevel::kCommune ||
        c->kind != "people_committee") {
      return Error::validation("applicant.commune_unit_id", "Xã, phường không hợp lệ.");
    }
  } else if (needs_commune) {
    return Error::validation("applicant.commune_unit_id", "Cần chọn xã, phường nơi cư trú.");
  }
  TS_TRY(validate_form(def, sub.form_data));
  // Papers: every required one has a file, or (at the desk) was received on paper.
  std::set<int64_t> provided;
  for (const auto& p : sub.papers) {
    if (!p.file_ids.empty()) provided.insert(p.index);
  }
  for (const auto& p : sub.papers_received) {
    const auto& o = p.as_object();
    if (o.at("originals").as_int64() + o.at("copies").as_int64() > 0)
      provided.insert(o.at("index").as_int64());
  }
  array missing;
  for (std::size_t i = 0; i < def.papers.size(); ++i) {
    if (def.papers[i].required && !provided.contains(static_cast<int64_t>(i)))
      missing.push_back(value(def.papers[i].name));
  }
  if (!missing.empty()) {
    return Error(
        422, "dossier.missing_papers",
        fmt::format("Hồ sơ còn thiếu {} thành phần bắt buộc: {}.", missing.size(),
                    std::string(missing.front().as_string()) + (missing.size() > 1 ? "…" : "")),
        object{{"missing", missing}});
  }

  const auto* agency_info = org->find(agency);
  auto result = s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<Dossier> {
    Dossier d;
    TS_ASSIGN_OR_RETURN(d.code, next_dossier_code(tx.sql(), agency_info->code, tx.now()));
    d.procedure_id = proc.id;
    d.procedure_version_id = proc.current_version_id;
    d.agency_unit_id = agency;
    d.desk_unit_id = desk_unit;
    d.channel = desk ? sub.channel : "online";
    d.status = DossierStatus::kSubmitted;
    d.applicant_account_id = account;
    d.applicant_kind = sub.applicant_kind;
    d.applicant_name = sub.applicant_name;
    d.applicant_id_number = sub.id_number;
    d.applicant_tax_code = sub.tax_code;
    d.applicant_address = sub.address;
    d.applicant_phone = sub.phone;
    d.applicant_email = sub.email;
    d.applicant_commune_unit_id = sub.applicant_commune_unit_id;
    d.applicant_representative = sub.representative;
    d.requested_return_method = sub.return_method;
    d.postal_address = sub.postal_address;
    d.form_data = sub.form_data;
    d.papers_received = sub.papers_received;
    d.sets_count = sub.sets_count;
    d.submitted_at = tx.now();
    d.current_step = -1;
    d.current_unit_id = desk_unit;
    d.fee_amount = def.total_fees();
    TS_ASSIGN_OR_RETURN(d.id, insert_dossier(tx.sql(), d, tx.now_ms()));
    TS_TRY(attach_files(tx, d.id, sub.papers, "paper", def));
    DossierEvent e;
    e.at = tx.now();
    e.action = desk ? "create" : "submit";
    e.status_to = std::string(status_name(DossierStatus::kSubmitted));
    e.step_to = -1;
    e.unit_to = desk_unit;
    e.actor_kind = actor.kind;
    e.actor_id = actor.id;
    e.actor_name = actor.name;
    TS_TRY(insert_event(tx.sql(), d.id, e));
    TS_TRY(tx.record(
        desk ? "dossier.create" : "dossier.submit", "dossier", d.id,
        object{{"code", d.code}, {"procedure_id", d.procedure_id}, {"channel", d.channel}}));
    if (!desk) {
      if (!s_.config.national_portal.sync_url.empty()) {
        SyncContext sc{agency_info->code, agency_info->name, s_.config.national_portal.system_code};
        TS_ASSIGN_OR_RETURN(auto events, load_events(tx.sql(), d.id));
        TS_TRY(outbox::enqueue(tx.sql(),
                               national_message(d, national_payload(d, def, events, sc),
                                                s_.config.national_portal.sync_url),
                               tx.now_ms()));
      }
      TS_TRY(store_public_view(tx.sql(), d));
      return d;
    }
    // At the desk the dossier is received on the spot.
    World w{def, *org, *cal, tx.now(), warning_seconds()};
    ActionInput receive;
    receive.action = Action::kReceive;
    receive.papers_received = sub.papers_received;
    TS_ASSIGN_OR_RETURN(auto t, apply_action(d, receive, &who, w));
    TS_ASSIGN_OR_RETURN(auto applied, commit(tx, d, t, def, &receive));
    return applied.dossier;
  });
  if (result.ok()) outbox_.wake();
  return result;
}

Result<Dossier> DossierService::submit_online(const identity::Principal& applicant,
                                              const audit::Actor& actor, Submission sub) {
  return create(applicant, actor, std::move(sub), false);
}

Result<Dossier> DossierService::create_at_desk(const identity::Principal& official,
                                               const audit::Actor& actor, Submission sub) {
  return create(official, actor, std::move(sub), true);
}

Result<std::optional<signing::FileSignature>> DossierService::sign_result(
    const identity::Principal& who, int64_t id, int64_t expected_version,
    std::optional<int64_t> file_id) {
  using Signed = std::optional<signing::FileSignature>;
  if (!file_id) return Signed();
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  // Authorised and current first: nobody's key signs for someone who may not approve now.
  TS_ASSIGN_OR_RETURN(
      auto found,
      s_.db.read([&](storage::Tx& tx) -> Result<std::optional<std::pair<Dossier, std::string>>> {
        TS_ASSIGN_OR_RETURN(auto d, load_dossier(tx, id));
        TS_ASSIGN_OR_RETURN(auto def, procedures_.version(tx, d.procedure_version_id));
        World w{*def, *org, *cal, s_.clock.now(), warning_seconds()};
        if (!satisfies(requirement(d, Action::kApprove, w), who, d, s_.authorizer) ||
            d.version != expected_version || !def->result_signed)
          return std::optional<std::pair<Dossier, std::string>>();  // the transaction says why
        TS_ASSIGN_OR_RETURN(auto bytes, files_.content(tx, *file_id));
        return std::optional(std::pair{std::move(d), std::move(bytes)});
      }));
  if (!found) return Signed();
  if (!s_.signer.enabled())
    return Error::conflict("signing.not_configured",
                           "Thủ tục này trả kết quả điện tử có chữ ký số của cơ quan, nhưng hệ "
                           "thống chưa cấu hình chữ ký số. Liên hệ quản trị hệ thống.");
  const auto* agency = org->find(found->first.agency_unit_id);
  if (agency == nullptr) return Error::internal("dossier agency missing");
  TS_ASSIGN_OR_RETURN(
      auto sig, s_.signer.sign(agency->code, "agency", *file_id, found->second, s_.clock.now()));
  return Signed(std::move(sig));
}

Result<Dossier> DossierService::act(const identity::Principal& who, const audit::Actor& actor,
                                    int64_t id, int64_t expected_version, const ActionInput& in,
                                    const std::vector<PaperFiles>& files) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  std::optional<signing::FileSignature> signature;
  if (in.action == Action::kApprove) {
    std::optional<int64_t> result_file = in.result_file_id;
    if (!result_file && !files.empty() && !files.front().file_ids.empty())
      result_file = files.front().file_ids.front();
    TS_ASSIGN_OR_RETURN(signature, sign_result(who, id, expected_version, result_file));
  }
  auto result = s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<Dossier> {
    auto loaded = load_dossier(tx.sql(), id);
    TS_TRY(loaded);
    const Dossier& d = *loaded;
    TS_ASSIGN_OR_RETURN(auto def, procedures_.version(tx.sql(), d.procedure_version_id));
    World w{*def, *org, *cal, tx.now(), warning_seconds()};
    // Someone who may see the dossier but acted on an old version is told that it changed
    // (409), even if the new state no longer offers them that action.
    if (d.version != expected_version && check_view(who, d).ok()) return version_conflict();
    if (!satisfies(requirement(d, in.action, w), who, d, s_.authorizer)) {
      if (who.is_applicant()) return Error::not_found("Không tìm thấy hồ sơ.");
      return Error::forbidden(
          fmt::format("Bạn không có quyền \"{}\" đối với hồ sơ này ở bước hiện tại.",
                      action_label_vi(in.action)));
    }
    if (d.version != expected_version) return version_conflict();
    ActionInput input = in;
    if (in.action == Action::kApprove && !input.result_file_id && !files.empty() &&
        !files.front().file_ids.empty()) {
      input.result_file_id = files.front().file_ids.front();
    }
    TS_ASSIGN_OR_RETURN(auto t, apply_action(d, input, &who, w));
    if (t.after.current_assignee_id && t.after.current_assignee_id != d.current_assignee_id &&
        t.after.current_step >= 0 &&
        t.after.current_step < static_cast<int64_t>(def->steps.size())) {
      TS_ASSIGN_OR_RETURN(auto assignee,
                          identity::load_principal(tx.sql(), identity::PrincipalKind::kOfficial,
                                                   *t.after.current_assignee_id));
      auto perm = permission_for(def->steps[static_cast<std::size_t>(t.after.current_step)].role);
      if (!assignee || !s_.authorizer.check(*assignee, perm, *t.after.current_unit_id).ok()) {
        return Error::validation(
            "assignee_id",
            "Cán bộ được chọn không có vai trò xử lý bước này tại đơn vị tiếp nhận.");
      }
    }
    if (in.action == Action::kSupply) TS_TRY(attach_files(tx, d.id, files, "supplement", *def));
    if (in.action == Action::kApprove && input.result_file_id) {
      TS_TRY(attach_files(tx, d.id, {PaperFiles{0, {*input.result_file_id}}}, "result", *def));
      if (signature && signature->file_id == *input.result_file_id)
        TS_TRY(signing::store_signature(tx, *signature));
    }
    TS_ASSIGN_OR_RETURN(auto applied, commit(tx, d, t, *def, &input));
    // The electronic result goes to the applicant's document store when it is returned.
    const Dossier& after = applied.dossier;
    if (in.action == Action::kReturnResult && after.result_file_id && after.applicant_account_id) {
      const auto* agency = org->find(after.agency_unit_id);
      TS_TRY(keep_in_store(
          tx.sql(),
          StoreItem{*after.applicant_account_id, *after.result_file_id, "result",
                    def->result.empty() ? "Kết quả: " + def->name : def->result, after.id,
                    agency ? std::optional<std::string>(agency->name) : std::nullopt},
          tx.now_ms()));
    }
    return applied.dossier;
  });
  if (result.ok()) outbox_.wake();
  return result;
}

Result<object> DossierService::view(const Dossier& d, Audience audience,
                                    const identity::Principal* who) {
  auto o = s_.db.read([&](storage::Tx& tx) { return render(tx, d, audience, who); });
  TS_TRY(o);
  add_live_fields(*o, d);
  return o;
}

void DossierService::add_live_fields(object& o, const Dossier& d) const {
  if (!is_open(d.status) || !d.due_at || d.status == DossierStatus::kSubmitted) return;
  auto cal = s_.calendar.get();
  Instant at = d.paused_since ? *d.paused_since : s_.clock.now();
  o["urgency"] = workflow::urgency_name(workflow::urgency(*cal, at, *d.due_at, warning_seconds()));
  o["remaining_working_hours"] =
      static_cast<double>(workflow::remaining(*cal, at, *d.due_at)) / 3600.0;
  o["paused"] = d.paused_since.has_value();
}

Result<object> DossierService::render(storage::Tx& tx, const Dossier& d, Audience audience,
                                      const identity::Principal* who) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  struct Loaded {
    std::shared_ptr<const ProcedureDef> def;
    std::vector<DossierEvent> events;
    storage::Rows files;
    std::optional<std::string> assignee_name;
  };
  auto loaded = [&]() -> Result<Loaded> {
    Loaded l;
    TS_ASSIGN_OR_RETURN(l.def, procedures_.version(tx, d.procedure_version_id));
    TS_ASSIGN_OR_RETURN(l.events, load_events(tx, d.id));
    if (audience != Audience::kPublic) {
      TS_ASSIGN_OR_RETURN(
          l.files,
          tx.query("SELECT df.file_id, df.role, df.paper_index, df.label, f.name, f.size, "
                   "f.content_type, f.sha256, df.added_at FROM dossier_files df JOIN files f ON "
                   "f.id = df.file_id WHERE df.dossier_id = $1 ORDER BY df.id",
                   {d.id}));
    }
    if (audience == Audience::kOfficial && d.current_assignee_id) {
      TS_ASSIGN_OR_RETURN(auto r, tx.query("SELECT full_name FROM officials WHERE id = $1",
                                           {*d.current_assignee_id}));
      if (!r.empty()) l.assignee_name = r.front().str(0);
    }
    return l;
  }();
  TS_TRY(loaded);
  const ProcedureDef& def = *loaded->def;
  World w = world(def, *cal, *org);
  object o{{"id", d.id},
           {"code", d.code},
           {"version", d.version},
           {"status", status_name(d.status)},
           {"status_label", status_label_vi(d.status)},
           {"national_status", national_status_code(d.status, d.outcome)},
           {"outcome", d.outcome},
           {"channel", d.channel},
           {"channel_label", channel_label_vi(d.channel)},
           {"procedure", object{{"id", d.procedure_id},
                                {"version_id", d.procedure_version_id},
                                {"national_code", def.national_code},
                                {"name", def.name},
                                {"result", def.result}}},
           {"agency", unit_ref(*org, d.agency_unit_id)},
           {"desk", unit_ref(*org, d.desk_unit_id)},
           {"current_unit", unit_ref(*org, d.current_unit_id)},
           {"submitted_at", format_rfc3339(d.submitted_at)},
           {"received_at", time_json(d.received_at)},
           {"due_at", time_json(d.due_at)},
           {"due_text", d.due_at ? value(format_vn_appointment(*d.due_at)) : value(nullptr)},
           {"original_due_at", time_json(d.original_due_at)},
           {"apology_due_at", time_json(d.apology_due_at)},
           {"finished_at", time_json(d.finished_at)},
           {"returned_at", time_json(d.returned_at)},
           {"return_method", d.return_method},
           {"return_method_label", return_method_label_vi(d.return_method)},
           {"timeliness", d.timeliness},
           {"timeliness_label",
            d.timeliness.empty() ? ""
                                 : workflow::timeliness_label_vi(
                                       d.timeliness == "early"  ? workflow::Timeliness::kEarly
                                       : d.timeliness == "late" ? workflow::Timeliness::kLate
                                                                : workflow::Timeliness::kOnTime)}};
  if (d.current_step >= 0 && d.current_step < static_cast<int64_t>(def.steps.size())) {
    const Step& s = def.steps[static_cast<std::size_t>(d.current_step)];
    object step{{"index", d.current_step},
                {"name", s.name},
                {"role", identity::role_name(s.role)},
                {"count", def.steps.size()}};
    if (audience != Audience::kPublic) step["due_at"] = time_json(d.step_due_at);
    o["current_step"] = std::move(step);
  } else {
    o["current_step"] = object{{"index", d.current_step},
                               {"name", d.current_step < 0 ? "Tiếp nhận hồ sơ" : "Trả kết quả"},
                               {"role", "desk_officer"},
                               {"count", def.steps.size()}};
  }
  array timeline;
  for (const auto& e : loaded->events) {
    object row{
        {"at", format_rfc3339(e.at)},
        {"action", e.action},
        {"action_label", e.action == "submit" ? "Nộp hồ sơ trực tuyến"
                         : e.action == "create"
                             ? "Tiếp nhận tại bộ phận một cửa"
                             : action_label_vi(parse_action(e.action).value_or(Action::kForward))},
        {"status", e.status_to},
        {"status_label",
         status_label_vi(parse_status(e.status_to).value_or(DossierStatus::kInProgress))},
        {"unit", unit_ref(*org, e.unit_to)},
        {"timeliness", e.timeliness}};
    if (e.step_to && *e.step_to >= 0 && *e.step_to < static_cast<int64_t>(def.steps.size())) {
      row["step_name"] = def.steps[static_cast<std::size_t>(*e.step_to)].name;
    }
    if (audience == Audience::kOfficial) {
      row["actor"] = object{{"kind", e.actor_kind}, {"name", e.actor_name}};
      // Where the actor acted (the dossier's unit before the step); "unit" is where it went.
      row["actor_unit"] = e.actor_kind == "official" ? unit_ref(*org, e.unit_from) : value(nullptr);
      row["note"] = e.note;
      row["data"] = e.data;
      row["step_due_at"] = time_json(e.step_due_at);
    } else if (audience == Audience::kApplicant) {
      // Applicants see what concerns them: reasons, requested papers, new appointments.
      if (e.action == "request_supplement" || e.action == "desk_supplement" ||
          e.action == "refuse" || e.action == "desk_refuse" || e.action == "apology" ||
          e.action == "request_fees") {
        row["note"] = e.note;
        row["data"] = e.data;
      }
    }
    timeline.push_back(std::move(row));
  }
  o["timeline"] = std::move(timeline);
  if (audience == Audience::kPublic) return o;

  o["applicant"] = object{
      {"kind", d.applicant_kind},
      {"name", d.applicant_name},
      {"id_number", d.applicant_id_number ? value(*d.applicant_id_number) : nullptr},
      {"tax_code", d.applicant_tax_code ? value(*d.applicant_tax_code) : nullptr},
      {"representative", d.applicant_representative ? value(*d.applicant_representative) : nullptr},
      {"address", d.applicant_address ? value(*d.applicant_address) : nullptr},
      {"phone", d.applicant_phone ? value(*d.applicant_phone) : nullptr},
      {"email", d.applicant_email ? value(*d.applicant_email) : nullptr},
      {"commune", unit_ref(*org, d.applicant_commune_unit_id)},
      {"account_id", d.applicant_account_id ? value(*d.applicant_account_id) : nullptr}};
  o["form_data"] = d.form_data;
  array form_fields;
  for (const auto& f : def.form)
    form_fields.push_back(object{{"key", f.key}, {"label", f.label}, {"type", f.type}});
  o["form_fields"] = std::move(form_fields);
  bool owed = d.fee_amount > 0 && !d.fee_paid_at;
  TS_ASSIGN_OR_RETURN(auto payments, payments_of(tx, d.id));
  o["fee"] = object{
      {"amount", d.fee_amount},
      {"amount_text", text::group_thousands(d.fee_amount) + " đồng"},
      {"paid_at", time_json(d.fee_paid_at)},
      {"paid_online", d.fee_paid_online},
      {"owed", owed},
      {"due", def.fees_due},
      {"due_label", def.fees_due == "before_processing" ? "Nộp trước khi hồ sơ được giải quyết"
                                                        : "Nộp trước khi nhận kết quả"},
      {"can_pay_online", owed && !s_.config.payment.provider.empty() &&
                             audience == Audience::kApplicant &&
                             (is_open(d.status) || d.status == DossierStatus::kDone)},
      {"payments", std::move(payments)}};
  o["delivery"] =
      object{{"requested", d.requested_return_method},
             {"requested_label", return_method_label_vi(d.requested_return_method)},
             {"postal_address", d.postal_address ? value(*d.postal_address) : nullptr},
             {"postal_tracking", d.postal_tracking ? value(*d.postal_tracking) : nullptr}};
  o["sets_count"] = d.sets_count;
  array papers;
  for (std::size_t i = 0; i < def.papers.size(); ++i) {
    const Paper& p = def.papers[i];
    object paper{{"index", i},
                 {"name", p.name},
                 {"required", p.required},
                 {"originals", p.originals},
                 {"copies", p.copies}};
    array attached;
    for (auto f : loaded->files) {
      if (f.view(1) != "result" && f.opt_i64(2) == static_cast<int64_t>(i)) {
        attached.push_back(object{{"id", f.i64(0)},
                                  {"name", f.str(4)},
                                  {"size", f.i64(5)},
                                  {"content_type", f.str(6)},
                                  {"sha256", f.str(7)},
                                  {"role", f.str(1)},
                                  {"added_at", format_rfc3339(from_millis(f.i64(8)))}});
      }
    }
    paper["files"] = std::move(attached);
    for (const auto& r : d.papers_received.is_array() ? d.papers_received.as_array() : array{}) {
      if (r.at("index").as_int64() == static_cast<int64_t>(i)) {
        paper["received"] = object{{"originals", r.at("originals")}, {"copies", r.at("copies")}};
      }
    }
    papers.push_back(std::move(paper));
  }
  o["papers"] = std::move(papers);
  object result{
      {"note", d.result_note}, {"kind", def.result_kind}, {"signed_by_agency", def.result_signed}};
  result["file"] = nullptr;
  result["signatures"] = array{};
  for (auto f : loaded->files) {
    if (f.view(1) == "result") {
      result["file"] = object{
          {"id", f.i64(0)}, {"name", f.str(4)}, {"size", f.i64(5)}, {"content_type", f.str(6)}};
      TS_ASSIGN_OR_RETURN(
          auto sigs, signing::signatures_json(tx, files_, s_.signer, {f.i64(0)}, s_.clock.now()));
      if (auto* list = sigs.if_contains(std::to_string(f.i64(0)))) result["signatures"] = *list;
    }
  }
  o["result"] = std::move(result);
  if (audience == Audience::kOfficial) {
    o["assignee"] =
        d.current_assignee_id
            ? value(
                  object{{"id", *d.current_assignee_id},
                         {"name", loaded->assignee_name ? value(*loaded->assignee_name) : nullptr}})
            : value(nullptr);
    o["counting_start"] = time_json(d.counting_start);
    o["supplement_count"] = d.supplement_count;
    array steps;
    for (std::size_t i = 0; i < def.steps.size(); ++i) {
      steps.push_back(object{{"index", i},
                             {"name", def.steps[i].name},
                             {"role", identity::role_name(def.steps[i].role)}});
    }
    o["steps"] = std::move(steps);
    // Where the dossier goes next — on reception its first step, on "forward" the next one —
    // and the unit whose officials may be chosen; none after the last step.
    bool waiting_reception = d.status == DossierStatus::kSubmitted;
    int64_t next = waiting_reception ? 0 : d.current_step + 1;
    if ((waiting_reception || d.current_step >= 0) && is_open(d.status) &&
        next < static_cast<int64_t>(def.steps.size())) {
      const Step& ns = def.steps[static_cast<std::size_t>(next)];
      auto unit = resolve_unit(ns.unit, d.agency_unit_id, d.applicant_commune_unit_id, *org);
      o["next_step"] = object{{"index", next},
                              {"name", ns.name},
                              {"role", identity::role_name(ns.role)},
                              {"unit", unit.ok() ? unit_ref(*org, *unit) : value(nullptr)}};
    } else {
      o["next_step"] = nullptr;
    }
  }
  array actions;
  if (who != nullptr) {
    for (Action a : available_actions(d, *who, w, s_.authorizer)) {
      actions.push_back(object{{"name", action_name(a)}, {"label", action_label_vi(a)}});
    }
  }
  o["actions"] = std::move(actions);
  array forms;
  if (d.received_at) forms.push_back("01");
  if (d.supplement_count > 0) forms.push_back("02");
  if (d.outcome == "refused" || d.outcome == "not_received") forms.push_back("03");
  if (d.apology_due_at) forms.push_back("04");
  if (d.received_at && audience == Audience::kOfficial) forms.push_back("05");
  o["forms"] = std::move(forms);
  o["rated"] = d.rated_at.has_value();
  if (audience != Audience::kPublic) {
    // What the applicant is asked when rating (and what officials see the answers against).
    boost::json::array criteria;
    for (const auto& c : rating_criteria())
      criteria.push_back(object{{"key", c.key}, {"label", c.label}});
    o["rating_criteria"] = std::move(criteria);
  }
  return o;
}

Status DossierService::store_public_view(storage::Tx& tx, const Dossier& d) {
  TS_ASSIGN_OR_RETURN(auto o, render(tx, d, Audience::kPublic, nullptr));
  std::string packed = pack_public_view(boost::json::serialize(o));
  TS_TRY(
      tx.exec("UPDATE dossiers SET public_view = $1 WHERE id = $2", {storage::Blob{packed}, d.id}));
  return ok_status();
}

Result<int64_t> DossierService::render_public_views() {
  int64_t after = 0, rendered = 0;
  while (true) {
    auto batch = s_.db.write([&](storage::Tx& tx) -> Result<int64_t> {
      TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, public_view IS NULL FROM dossiers "
                                              "WHERE id > $1 ORDER BY id LIMIT 2000",
                                              {after}));
      for (auto r : rows) {
        after = r.i64(0);
        if (!r.boolean(1)) continue;
        TS_ASSIGN_OR_RETURN(auto d, load_dossier(tx, after));
        TS_TRY(store_public_view(tx, d));
        ++rendered;
      }
      return static_cast<int64_t>(rows.size());
    });
    TS_TRY(batch);
    if (*batch == 0) return rendered;
  }
}

namespace {

bool verifier_matches(const std::string& v, const std::optional<std::string>& candidate) {
  if (!candidate) return false;
  std::string c = digits_of(*candidate);
  if (c.empty()) return false;
  return c == v || (c.size() > v.size() && c.ends_with(v));
}

}  // namespace

Result<std::string> DossierService::lookup(std::string_view code, std::string_view verifier) {
  Error not_found = Error::not_found("Không tìm thấy hồ sơ, hoặc thông tin xác minh không đúng.");
  std::string v = digits_of(verifier);
  if (v.size() < 4 || code.size() > 40) return not_found;
  // One indexed read of the stored public view (written with every transition), a single
  // statement (one round trip on PostgreSQL); dossiers stored before the view existed are
  // rendered in full in a read transaction.
  struct Found {
    Dossier d;
    std::optional<std::string> view;
  };
  auto found = [&]() -> Result<std::optional<Found>> {
    TS_ASSIGN_OR_RETURN(auto rows,
                        s_.db.query_once("SELECT public_view, applicant_phone, "
                                         "applicant_id_number, applicant_tax_code, status, "
                                         "due_at, paused_since, id FROM dossiers WHERE code = $1",
                                         {code}));
    if (rows.empty()) return std::optional<Found>();
    auto r = rows.front();
    if (!verifier_matches(v, r.opt_str(1)) && !verifier_matches(v, r.opt_str(2)) &&
        !verifier_matches(v, r.opt_str(3))) {
      return std::optional<Found>();
    }
    Found f;
    if (r.is_null(0)) {
      int64_t id = r.i64(7);
      TS_TRY(s_.db.read([&](storage::Tx& tx) -> Status {
        TS_ASSIGN_OR_RETURN(f.d, load_dossier(tx, id));
        TS_ASSIGN_OR_RETURN(auto o, render(tx, f.d, Audience::kPublic, nullptr));
        f.view = boost::json::serialize(o);
        return ok_status();
      }));
      return std::optional<Found>(std::move(f));
    }
    TS_ASSIGN_OR_RETURN(f.view, unpack_public_view(r.view(0)));
    f.d.status = parse_status(r.view(4)).value_or(DossierStatus::kInProgress);
    if (!r.is_null(5)) f.d.due_at = from_millis(r.i64(5));
    if (!r.is_null(6)) f.d.paused_since = from_millis(r.i64(6));
    return std::optional<Found>(std::move(f));
  }();
  TS_TRY(found);
  if (!*found) return not_found;
  std::string body = std::move(*(*found)->view);
  object live;
  add_live_fields(live, (*found)->d);
  if (!live.empty() && body.size() > 2 && body.back() == '}') {
    body.pop_back();
    body += ',';
    body += boost::json::serialize(live).substr(1);
  }
  return body;
}

}  // namespace tinhso::onestop
