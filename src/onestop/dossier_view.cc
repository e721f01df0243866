// The views of a dossier: for officials, for its applicant, and the public look-up row — each
// rendered in this one place from the dossier, its procedure, timeline and files.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/config/config.h"
#include "core/workflow/deadline.h"
#include "onestop/config.h"
#include "onestop/document_store.h"
#include "onestop/forms.h"
#include "onestop/payments.h"
#include "onestop/public_view_store.h"
#include "onestop/service.h"
#include "onestop/unit_movers.h"

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

}  // namespace

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
                                      const identity::Principal* who, Parts* parts) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  Parts own;
  Parts& known = parts != nullptr ? *parts : own;
  struct Loaded {
    std::shared_ptr<const ProcedureDef> def;
    std::optional<std::string> assignee_name;
  };
  auto loaded = [&]() -> Result<Loaded> {
    Loaded l;
    TS_ASSIGN_OR_RETURN(l.def, procedures_.version(tx, d.procedure_version_id));
    if (!known.events) {
      TS_ASSIGN_OR_RETURN(known.events, load_events(tx, d.id));
    }
    if (audience != Audience::kPublic && !known.files) {
      TS_ASSIGN_OR_RETURN(
          known.files,
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
           // Where a result returned at a desk is collected (the receiving desk by default).
           {"result_point", unit_ref(*org, return_point(d))},
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
  for (const auto& e : *known.events) {
    object row{
        {"at", format_rfc3339(e.at)},
        {"action", e.action},
        {"action_label", e.action == "submit"   ? "Nộp hồ sơ trực tuyến"
                         : e.action == "create" ? "Tiếp nhận tại bộ phận một cửa"
                         : e.action == kReorganisedAction
                             ? "Chuyển sang đơn vị kế thừa (sắp xếp đơn vị hành chính)"
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
  if (!known.payments) {
    TS_ASSIGN_OR_RETURN(known.payments, payments_of(tx, d.id));
  }
  o["fee"] = object{
      {"amount", d.fee_amount},
      {"amount_text", text::group_thousands(d.fee_amount) + " đồng"},
      {"paid_at", time_json(d.fee_paid_at)},
      {"paid_online", d.fee_paid_online},
      {"owed", owed},
      {"due", def.fees_due},
      {"due_label", def.fees_due == "before_processing" ? "Nộp trước khi hồ sơ được giải quyết"
                                                        : "Nộp trước khi nhận kết quả"},
      {"can_pay_online", owed && !s_.config.section<PaymentConfig>().provider.empty() &&
                             audience == Audience::kApplicant &&
                             (is_open(d.status) || d.status == DossierStatus::kDone)},
      {"payments", *known.payments}};
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
    for (auto f : *known.files) {
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
  for (auto f : *known.files) {
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
  // The forms' numbers in the set the dossier follows, and which set that is (the screens hold
  // the titles: a stored public view stays small).
  const FormSet set = form_set_of(d);
  array forms;
  for (Form f : forms_of(d, audience == Audience::kOfficial))
    forms.push_back(boost::json::string(form_number(f, set)));
  o["forms"] = std::move(forms);
  o["form_set"] = form_set_key(set);
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

}  // namespace tinhso::onestop
