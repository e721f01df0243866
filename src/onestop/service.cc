#include "onestop/service.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <set>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/config/config.h"
#include "core/identity/accounts.h"
#include "core/identity/actor_of.h"
#include "core/identity/authorizer.h"
#include "core/workflow/deadline.h"
#include "onestop/config.h"
#include "onestop/document_store.h"
#include "onestop/national_sync.h"
#include "onestop/notices.h"
#include "onestop/payments.h"
#include "onestop/permissions.h"
#include "onestop/public_view_store.h"
#include "onestop/reception.h"
#include "onestop/stats_counters.h"

namespace tinhso::onestop {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

Error version_conflict() {
  return Error::conflict(
      "dossier.version_conflict",
      "Hồ sơ vừa được người khác xử lý. Vui lòng tải lại để xem trạng thái mới nhất.");
}

}  // namespace

DossierService::DossierService(Services& s, ProcedureCache& procedures, files::FileStore& files,
                               outbox::Dispatcher& outbox)
    : s_(s), procedures_(procedures), files_(files), outbox_(outbox) {}

int64_t DossierService::warning_seconds() const {
  return int64_t{s_.config.section<OneStopConfig>().warning_hours} * 3600;
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
  for (std::optional<int64_t> unit :
       {std::optional<int64_t>(d.agency_unit_id), std::optional<int64_t>(d.desk_unit_id),
        d.current_unit_id, d.result_unit_id}) {
    if (unit && s_.authorizer.check(who, onestop::kViewDossiers, *unit).ok()) return ok_status();
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
      TS_TRY(tx.sql().exec_later(
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
                                                       const ActionInput* in,
                                                       const CommitContext& context) {
  int64_t now = tx.now_ms();
  if (!context.written) {
    TS_ASSIGN_OR_RETURN(bool updated, update_dossier(tx.sql(), t.after, now));
    if (!updated) return version_conflict();
  }
  TS_TRY(insert_event(tx.sql(), t.after.id, t.event));
  std::optional<bool> paper_files = context.paper_files;
  if (t.event.action == "receive") {
    // Digitised papers (QĐ 766): the dossier arrived with its papers as files.
    if (!paper_files) {
      TS_ASSIGN_OR_RETURN(
          auto n, tx.sql().query(
                      "SELECT count(*) FROM dossier_files WHERE dossier_id = $1 AND role = 'paper'",
                      {t.after.id}));
      paper_files = n.front().i64(0) > 0;
    }
    if (*paper_files) t.stats.push_back({"papers_digitised"});
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
  int messages = 0;
  if (!t.notices.empty()) {
    NoticeContext c;
    c.procedure_name = def.name;
    const auto* agency = org->find(t.after.agency_unit_id);
    const auto* desk = org->find(t.after.desk_unit_id);
    c.agency_name = agency ? agency->name : "";
    c.desk_name = desk ? desk->name : c.agency_name;
    const auto* result_point = org->find(return_point(t.after));
    c.result_point_name = result_point ? result_point->name : c.desk_name;
    c.public_url = s_.config.server.public_url;
    if (in != nullptr) {
      c.items = in->items;
      c.note = in->note;
    }
    for (const auto& kind : t.notices) {
      for (const auto& m : notice_messages(kind, t.after, c, s_.config.notify)) {
        TS_TRY(outbox::enqueue(tx.sql(), m, now));
        ++messages;
      }
    }
  }
  bool status_changed = t.event.status_from != t.event.status_to;
  if (!s_.config.section<NationalPortalConfig>().sync_url.empty() &&
      (status_changed || t.event.action == "apology")) {
    TS_ASSIGN_OR_RETURN(auto events, load_events(tx.sql(), t.after.id));
    const auto* agency = org->find(t.after.agency_unit_id);
    SyncContext sc{agency ? agency->code : "", agency ? agency->name : "",
                   s_.config.section<NationalPortalConfig>().system_code};
    TS_TRY(outbox::enqueue(tx.sql(),
                           national_message(t.after, national_payload(t.after, def, events, sc),
                                            s_.config.section<NationalPortalConfig>().sync_url),
                           now));
    ++messages;
  }
  object change{{"action", t.event.action},
                {"status_from", t.event.status_from ? value(*t.event.status_from) : nullptr},
                {"status_to", t.event.status_to},
                {"step", t.after.current_step},
                {"version_from", before.version},
                {"version", t.after.version}};
  if (!t.event.note.empty()) change["note"] = t.event.note;
  TS_TRY(tx.record("dossier." + t.event.action, "dossier", t.after.id, change));
  TS_TRY(store_public_view(tx.sql(), t.after, context.parts));
  return Applied{t.after, messages};
}

Result<Dossier> DossierService::create(const identity::Principal& who, const audit::Actor& actor,
                                       Submission sub, bool desk, boost::json::object* view) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  // Everything that can be checked before the write transaction is checked here. The summary
  // is one statement and the definition (a version never changes) comes from the cache: no
  // transaction of its own.
  auto summary = get_procedure(s_.db, sub.procedure_id);
  if (!summary.ok() && summary.error().status() == 404)
    return Error::validation("procedure_id", "Thủ tục không tồn tại.");
  TS_TRY(summary);
  const ProcedureSummary& proc = *summary;
  TS_ASSIGN_OR_RETURN(auto def_ptr, procedures_.version(s_.db, proc.current_version_id));
  const ProcedureDef& def = *def_ptr;
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
  TS_ASSIGN_OR_RETURN(
      int64_t desk_unit,
      choose_desk({.asked = sub.desk_unit_id,
                   .agency = agency,
                   .anywhere = s_.config.section<OneStopConfig>().reception_anywhere &&
                               def.reception_anywhere,
                   .counter = desk ? &who : nullptr},
                  *org, s_.authorizer, local_date(s_.clock.now())));
  if (desk) TS_TRY(s_.authorizer.check(who, onestop::kReceiveDossier, desk_unit));
  TS_ASSIGN_OR_RETURN(auto result_unit, choose_result_point(sub.result_unit_id, sub.return_method,
                                                            desk_unit, agency, *org));

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
    // One statement: one round trip on PostgreSQL. A failed read fails the submission rather
    // than leaving the dossier out of the person's account.
    std::string phone = sub.phone.value_or("-"), email = sub.email.value_or("-");
    TS_ASSIGN_OR_RETURN(auto acc,
                        s_.db.query_once("SELECT id FROM applicants WHERE phone = $1 OR email = $2",
                                         {phone, email}));
    if (acc.size() == 1) account = acc.front().i64(0);
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
    if (c == nullptr || c->level != identity::kCommuneLevel || !org->is_committee(*c)) {
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
  // The code is the receiving agency's: another one's when received across a boundary.
  const auto* code_info = org->find(receiving_agency(*org, desk_unit, agency));
  // On PostgreSQL the code is taken before, in its own short transaction: inside, the agency's
  // day counter row would stay locked until the submission commits, and every other submission
  // to the agency would queue behind it. A submission that then fails leaves a gap in the day's
  // numbers; codes stay unique and increasing. SQLite has one writer anyway and takes the code
  // inside, without gaps.
  std::optional<std::string> code;
  Instant code_taken_at = s_.clock.now();
  if (s_.db.dialect() == storage::Dialect::kPostgres) {
    TS_ASSIGN_OR_RETURN(code, take_dossier_code(s_.db, code_info->code, code_taken_at));
  }
  // Messages put in the outbox; assigned (not added to) on each run of the transaction's
  // function, which PostgreSQL may run again.
  int messages = 0;
  auto result = s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<Dossier> {
    messages = 0;
    Dossier d;
    // A code taken just before midnight belongs to the day before the dossier's own time: the
    // code's date must be its reception date, so such a dossier takes a new one here.
    if (code && dossier_code_day(code_taken_at) == dossier_code_day(tx.now())) {
      d.code = *code;
    } else {
      TS_ASSIGN_OR_RETURN(d.code, next_dossier_code(tx.sql(), code_info->code, tx.now()));
    }
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
    d.result_unit_id = result_unit;
    d.form_data = sub.form_data;
    d.papers_received = sub.papers_received;
    d.sets_count = sub.sets_count;
    d.submitted_at = tx.now();
    d.current_step = -1;
    d.current_unit_id = desk_unit;
    d.fee_amount = def.total_fees();
    // At the desk the dossier is received on the spot: it is written once, in its received
    // state, rather than inserted as submitted and then updated (one statement less, and the
    // indexes touched once).
    std::optional<Transition> received;
    ActionInput receive;
    if (desk) {
      World w{def, *org, *cal, tx.now(), warning_seconds()};
      receive.action = Action::kReceive;
      receive.papers_received = sub.papers_received;
      TS_ASSIGN_OR_RETURN(received, apply_action(d, receive, &who, w));
      received->after.version = d.version;
      TS_ASSIGN_OR_RETURN(d.id, insert_dossier(tx.sql(), received->after, tx.now_ms()));
      received->after.id = d.id;
    } else {
      TS_ASSIGN_OR_RETURN(d.id, insert_dossier(tx.sql(), d, tx.now_ms()));
    }
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
    // What the views would read back: the events just written, the papers' files unless
    // some were attached, and no payments yet.
    bool paper_files = std::any_of(sub.papers.begin(), sub.papers.end(),
                                   [](const PaperFiles& p) { return !p.file_ids.empty(); });
    Parts parts;
    parts.events = std::vector<DossierEvent>{e};
    if (!paper_files) parts.files = storage::Rows();
    parts.payments = boost::json::array();
    TS_TRY(tx.record(
        desk ? "dossier.create" : "dossier.submit", "dossier", d.id,
        object{{"code", d.code}, {"procedure_id", d.procedure_id}, {"channel", d.channel}}));
    if (!desk) {
      if (!s_.config.section<NationalPortalConfig>().sync_url.empty()) {
        SyncContext sc{agency_info->code, agency_info->name,
                       s_.config.section<NationalPortalConfig>().system_code};
        TS_ASSIGN_OR_RETURN(auto events, load_events(tx.sql(), d.id));
        TS_TRY(outbox::enqueue(tx.sql(),
                               national_message(d, national_payload(d, def, events, sc),
                                                s_.config.section<NationalPortalConfig>().sync_url),
                               tx.now_ms()));
        messages = 1;
      }
      TS_TRY(store_public_view(tx.sql(), d, &parts));
      if (view != nullptr) {
        TS_ASSIGN_OR_RETURN(*view, render(tx.sql(), d, Audience::kApplicant, &who, &parts));
      }
      return d;
    }
    // The reception's event, counters, notices and view. The papers were attached above, in
    // this transaction: no need to count them again.
    parts.events->push_back(received->event);
    TS_ASSIGN_OR_RETURN(auto applied,
                        commit(tx, d, *received, def, &receive,
                               {.paper_files = paper_files, .written = true, .parts = &parts}));
    messages = applied.messages;
    if (view != nullptr) {
      TS_ASSIGN_OR_RETURN(*view,
                          render(tx.sql(), applied.dossier, Audience::kOfficial, &who, &parts));
    }
    return applied.dossier;
  });
  if (result.ok()) {
    if (messages > 0) outbox_.wake();
    if (view != nullptr) add_live_fields(*view, *result);
  }
  return result;
}

Result<Dossier> DossierService::submit_online(const identity::Principal& applicant,
                                              const audit::Actor& actor, Submission sub,
                                              boost::json::object* view) {
  return create(applicant, actor, std::move(sub), false, view);
}

Result<Dossier> DossierService::create_at_desk(const identity::Principal& official,
                                               const audit::Actor& actor, Submission sub,
                                               boost::json::object* view) {
  return create(official, actor, std::move(sub), true, view);
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
  int messages = 0;  // as in create()
  auto result = s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<Dossier> {
    messages = 0;
    auto loaded = load_dossier(tx.sql(), id);
    TS_TRY(loaded);
    const Dossier& d = *loaded;
    TS_ASSIGN_OR_RETURN(auto def, procedures_.version(tx.sql(), d.procedure_version_id));
    World w{*def, *org, *cal, tx.now(), warning_seconds()};
    // Someone who may see the dossier but acted on an old version is told that it changed
    // (409), even if the new state no longer offers them that action.
    if (d.version != expected_version && check_view(who, d).ok()) return version_conflict();
    Requirement needed = requirement(d, in.action, w);
    if (!satisfies(needed, who, d, s_.authorizer)) {
      if (who.is_applicant()) return Error::not_found("Không tìm thấy hồ sơ.");
      return Error::forbidden(
          fmt::format("Bạn không có quyền \"{}\" đối với hồ sơ này ở bước hiện tại.",
                      action_label_vi(in.action)));
    }
    // The audit entries name the grant this step relied on.
    if (who.is_official()) {
      TS_TRY(identity::authorised_by(tx, s_.authorizer.check(who, needed.permission, needed.unit)));
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
    TS_ASSIGN_OR_RETURN(auto applied, commit(tx, d, t, *def, &input, {}));
    messages = applied.messages;
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
  if (result.ok() && messages > 0) outbox_.wake();
  return result;
}

Status DossierService::store_public_view(storage::Tx& tx, const Dossier& d, Parts* parts) {
  TS_ASSIGN_OR_RETURN(auto o, render(tx, d, Audience::kPublic, nullptr, parts));
  std::string packed = pack_public_view(boost::json::serialize(o));
  TS_TRY(tx.exec_later("UPDATE dossiers SET public_view = $1 WHERE id = $2",
                       {storage::Blob{packed}, d.id}));
  return ok_status();
}

Result<int64_t> DossierService::render_public_views() {
  // A write may run its function again (PostgreSQL retries serialisation failures), so the
  // batch's function only reads `after` and reports what it did; the loop advances on commit.
  struct Batch {
    int64_t last_id = 0, rows = 0, rendered = 0;
  };
  int64_t after = 0, rendered = 0;
  while (true) {
    auto batch = s_.db.write([&](storage::Tx& tx) -> Result<Batch> {
      // Small batches: the server runs this in the background beside people's writes.
      TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM dossiers WHERE public_view IS NULL "
                                              "AND id > $1 ORDER BY id LIMIT 200",
                                              {after}));
      Batch b;
      for (auto r : rows) {
        b.last_id = r.i64(0);
        ++b.rows;
        TS_ASSIGN_OR_RETURN(auto d, load_dossier(tx, b.last_id));
        TS_TRY(store_public_view(tx, d));
        ++b.rendered;
      }
      return b;
    });
    TS_TRY(batch);
    if (batch->rows == 0) return rendered;
    after = batch->last_id;
    rendered += batch->rendered;
  }
}

namespace {

bool verifier_matches(const std::string& v, const std::optional<std::string>& candidate) {
  if (!candidate) return false;
  std::string c = text::digits_of(*candidate);
  if (c.empty()) return false;
  return c == v || (c.size() > v.size() && c.ends_with(v));
}

}  // namespace

Result<std::string> DossierService::lookup(std::string_view code, std::string_view verifier) {
  Error not_found = Error::not_found("Không tìm thấy hồ sơ, hoặc thông tin xác minh không đúng.");
  std::string v = text::digits_of(verifier);
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
  object live;
  add_live_fields(live, (*found)->d);
  if (live.empty()) return std::move(*(*found)->view);
  // The fields that move with the clock join the stored view as JSON, replacing any the view
  // holds, so the answer is one well-formed object whatever the stored text looks like.
  boost::system::error_code ec;
  auto stored = boost::json::parse(*(*found)->view, ec);
  if (ec || !stored.is_object())
    return Error::internal(
        fmt::format("dossier {}: stored public view is not a JSON object", code));
  object& o = stored.as_object();
  for (auto& [k, v] : live) o[k] = std::move(v);
  return boost::json::serialize(o);
}

}  // namespace tinhso::onestop
