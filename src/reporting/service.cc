#include "reporting/service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/base/crypto.h"
#include "core/base/json.h"
#include "core/calendar/calendar_service.h"
#include "core/identity/actor_of.h"
#include "core/identity/authorizer.h"
#include "core/identity/org_tree.h"
#include "core/outbox/outbox.h"
#include "reporting/access.h"
#include "reporting/config.h"
#include "reporting/national.h"
#include "reporting/permissions.h"
#include "reporting/prefill.h"
#include "reporting/workbook.h"

namespace tinhso::reporting {

using boost::json::array;
using boost::json::object;

namespace {

constexpr int kMaxUnlockDays = 60;

// Four eyes: whoever sent the report last, or approved it at a level since (and since the
// chain last changed), does not approve it again.
bool sent_or_approved_by(const std::vector<ReportEvent>& events, std::optional<int64_t> person) {
  if (!person) return false;
  bool rechained = false;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    bool theirs = it->actor_id && *it->actor_id == *person;
    if (it->action == action_name(ReportAction::kSubmit)) return theirs;
    rechained |= it->action == kRechainEvent;
    if (!rechained && it->action == action_name(ReportAction::kApprove) && theirs) return true;
  }
  return false;
}

// The approval levels of `r` under `g` as people follow them: each level's unit, who approved
// it since the last sending and when (from the timeline), which is waiting, which is to come.
// An approved report lists the approvals it had, for the units they were given for, whatever
// the chain is now; one on its way follows the chain in force (changing the chain restarts it).
array approval_json(const Regime& g, const Report& r, const std::vector<ReportEvent>& events,
                    const identity::OrgTree& org) {
  // Since the last sending or change of the chain, oldest first.
  std::vector<const ReportEvent*> approvals;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->action == action_name(ReportAction::kSubmit) || it->action == kRechainEvent) break;
    if (it->action == action_name(ReportAction::kApprove))
      approvals.insert(approvals.begin(), &*it);
  }
  auto name = [&](int64_t unit) {
    const auto* u = org.find(unit);
    return u ? u->name : std::string();
  };
  auto approved = [&](int level, int64_t unit) {
    object o{{"level", level + 1}, {"unit", name(unit)}, {"state", "approved"}};
    if (static_cast<size_t>(level) < approvals.size()) {
      o["by"] = approvals[level]->actor_name;
      o["at"] = format_rfc3339(from_millis(approvals[level]->at));
    }
    return o;
  };
  array out;
  if (r.status == ReportStatus::kApproved) {
    int levels = std::max<int>(1, static_cast<int>(approvals.size()));
    for (int level = 0; level < levels; ++level) {
      bool known = static_cast<size_t>(level) < approvals.size() && approvals[level]->unit_id;
      out.push_back(approved(level, known ? *approvals[level]->unit_id : approver_at(g, level)));
    }
    return out;
  }
  const bool sent = is_sent(r.status);
  for (int level = 0; level < approval_levels(g); ++level) {
    if (sent && level < r.approved_levels) {
      out.push_back(approved(level, approver_at(g, level)));
      continue;
    }
    out.push_back(object{{"level", level + 1},
                         {"unit", name(approver_at(g, level))},
                         {"state", sent && level == r.approved_levels ? "waiting" : "pending"}});
  }
  return out;
}

Error regime_not_found() {
  return Error::not_found("Không tìm thấy chế độ báo cáo.");
}
// One answer for a report that does not exist and one the caller may not see: nobody learns
// which regimes exist, their period types or who reports under them.
Error report_not_found() {
  return Error::not_found("Không tìm thấy báo cáo.");
}

int64_t end_of_day_ms(Date d) {
  return to_millis(end_of_local_day(d));
}

Date date_of_ms(int64_t ms) {
  return local_date(from_millis(ms));
}

std::string unit_name(const identity::OrgTree& org, int64_t id) {
  const auto* u = org.find(id);
  return u ? u->name : "";
}

object period_json(const Regime& g, const Period& p) {
  Window w = window_of(g, p);
  return object{{"id", p.id()},
                {"label", p.label_vi()},
                {"from", format_iso_date(w.from)},
                {"to", format_iso_date(w.to)}};
}

}  // namespace

Result<ActionInput> read_action(const boost::json::value& body) {
  json::FieldReader r(body);
  ActionInput in;
  auto action =
      r.required_enum("action", {"save", "submit", "return", "approve", "reopen", "unlock"});
  if (auto a = parse_action(action)) in.action = *a;
  if (const auto* v = r.optional_object("values")) in.values = *v;
  // A comment sent empty clears the explanation; one not sent keeps it.
  if (r.has("comment")) in.comment = r.optional_string("comment", 4000).value_or("");
  in.reason = r.optional_string("reason", 2000).value_or("");
  if (auto until = r.optional_string("until", 10)) {
    auto d = parse_iso_date(*until);
    if (d.ok())
      in.until = *d;
    else
      r.fail("until", "Ngày không hợp lệ (YYYY-MM-DD).");
  }
  in.version = r.optional_int("version", 0, INT64_MAX).value_or(0);
  if ((in.action == ReportAction::kReturn || in.action == ReportAction::kReopen) &&
      in.reason.empty())
    r.fail("reason", "Cần nêu lý do để đơn vị báo cáo biết phải sửa gì.");
  if (in.action == ReportAction::kUnlock && !in.until)
    r.fail("until", "Cần ngày cuối cùng được nhập tiếp.");
  TS_TRY(r.finish());
  return in;
}

Result<ReportingService::Loaded> ReportingService::load(const identity::Principal& who,
                                                        int64_t regime_id, std::string_view period,
                                                        int64_t unit) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  return s_.db.read([&](storage::Tx& tx) -> Result<Loaded> {
    Loaded l;
    TS_ASSIGN_OR_RETURN(auto g, load_regime(tx, regime_id));
    // Access first: the period's form and the unit's membership are answered only to those
    // who may see the report.
    if (!g || !check_view(s_.authorizer, who, *g, unit).ok()) return report_not_found();
    l.regime = std::move(*g);
    TS_ASSIGN_OR_RETURN(l.period, parse_period(l.regime.period_type, period));
    auto reporters = reporters_of(l.regime, *org);
    if (std::find(reporters.begin(), reporters.end(), unit) == reporters.end())
      return Error::not_found("Đơn vị này không thuộc diện báo cáo của chế độ báo cáo này.");
    l.unit = unit;
    TS_ASSIGN_OR_RETURN(auto found, find_report(tx, regime_id, l.period.id(), unit));
    int64_t form_version = found ? found->form_version : l.regime.form_version;
    TS_ASSIGN_OR_RETURN(auto form, load_form(tx, l.regime.form_code, form_version));
    if (!form) return Error::internal("a regime names a missing form version");
    l.form = std::move(*form);
    l.due = due_date(l.regime, l.period, *cal);
    l.locks_after = lock_date(l.regime, l.period, *cal);
    if (found) {
      l.report = std::move(*found);
      TS_ASSIGN_OR_RETURN(l.values, load_values(tx, l.report.id));
      TS_ASSIGN_OR_RETURN(l.events, load_report_events(tx, l.report.id));
      TS_ASSIGN_OR_RETURN(l.signature, load_report_signature(tx, l.report.id, kAgencySignature,
                                                             l.report.sent_version));
      TS_ASSIGN_OR_RETURN(
          l.personal_signature,
          load_report_signature(tx, l.report.id, kPersonalSignature, l.report.sent_version));
    } else {
      l.report.regime_id = regime_id;
      l.report.period = l.period.id();
      l.report.unit_id = unit;
      l.report.form_version = form_version;
      l.report.due_at = end_of_day_ms(l.due);
    }
    return l;
  });
}

namespace {

bool entry_locked(const Report& r, const std::optional<Date>& locks_after, int64_t now_ms) {
  if (!locks_after || now_ms <= end_of_day_ms(*locks_after)) return false;
  return !(r.unlocked_until && now_ms <= *r.unlocked_until);
}

// Why entry is closed, in words people read, or nothing.
std::optional<std::string> lock_reason(const Regime& g, const Report& r,
                                       const std::optional<Date>& locks_after, int64_t now_ms,
                                       const identity::OrgTree& org) {
  std::string receiver = unit_name(org, g.receiver_unit_id);
  if (r.status == ReportStatus::kApproved) {
    return fmt::format("Báo cáo đã được {} duyệt ngày {}; chỉ lãnh đạo {} mở lại được.",
                       r.approved_by.value_or(""), format_vn_date(date_of_ms(*r.approved_at)),
                       unit_name(org, approver_at(g, approval_levels(g) - 1)));
  }
  if (r.status == ReportStatus::kSubmitted || r.status == ReportStatus::kEndorsed)
    return fmt::format("Báo cáo đã gửi, đang chờ {} duyệt; chỉ sửa được khi bị trả lại.",
                       unit_name(org, approver_at(g, r.approved_levels)));
  if (!entry_locked(r, locks_after, now_ms)) return std::nullopt;
  return fmt::format(
      "Kỳ báo cáo đã khóa nhập liệu sau ngày {} (thời hạn gửi cộng {} ngày). Lãnh đạo {} có "
      "thể cho phép nhập tiếp.",
      format_vn_date(*locks_after), g.lock_days, receiver);
}

// A refusal to send, with what blocks it named where people fix it: each error at its cell,
// the warnings to explain at the comment.
Error with_findings(const Error& e, const std::vector<Finding>& findings) {
  object fields;
  std::string warnings;
  for (const auto& f : findings) {
    if (f.error) {
      if (!fields.contains(f.cell)) fields[f.cell] = f.message;
    } else {
      warnings += (warnings.empty() ? "" : " ") + f.message;
    }
  }
  std::string message = e.message();
  if (e.code() == "report.warnings_unexplained") {
    fields["comment"] = "Cần giải trình: " + warnings;
    message += " " + warnings;
  }
  return Error(e.status(), e.code(), message, object{{"fields", std::move(fields)}});
}

}  // namespace

Result<object> ReportingService::view(const identity::Principal& who, const Loaded& l) {
  auto org = s_.org.get();
  int64_t now = to_millis(s_.clock.now());
  const Report& r = l.report;
  Values values = l.values;
  object live;
  if (is_editable(r.status)) {
    // Sourced cells the unit has not entered yet show the live figure.
    TS_ASSIGN_OR_RETURN(auto fresh, live_values(s_, l.form, l.unit, window_of(l.regime, l.period)));
    live = values_json(fresh);
    for (auto& [k, v] : fresh) values.try_emplace(k, v);
    compute(l.form, values);
  }
  auto findings = check(l.form, values);
  array actions;
  for (ReportAction a : kReportActions) {
    if (!check_action(s_.authorizer, who, l.regime, l.unit, a, r.approved_levels).ok()) continue;
    ReportFacts facts{entry_locked(r, l.locks_after, now), false, false,
                      r.approved_levels + 1 >= approval_levels(l.regime)};
    if (!next_status(r.status, a, facts).ok()) continue;
    // Unlocking only means something once the lock date has passed.
    if (a == ReportAction::kUnlock && !facts.locked) continue;
    if (a == ReportAction::kApprove && who.is_official() && sent_or_approved_by(l.events, who.id))
      continue;
    actions.push_back(object{{"name", action_name(a)}, {"label", action_label_vi(a)}});
  }
  array timeline;
  for (const auto& e : l.events) {
    timeline.push_back(object{
        {"at", format_rfc3339(from_millis(e.at))},
        {"action", e.action},
        {"label", e.action == kRechainEvent
                      ? kRechainLabel
                      : action_label_vi(parse_action(e.action).value_or(ReportAction::kSave))},
        {"status", e.status_to},
        {"actor", e.actor_name},
        {"note", e.note}});
  }
  auto reason = lock_reason(l.regime, r, l.locks_after, now, *org);
  object o{{"regime", object{{"id", l.regime.id},
                             {"code", l.regime.code},
                             {"name", l.regime.name},
                             {"legal_basis", l.regime.legal_basis}}},
           {"period", period_json(l.regime, l.period)},
           {"unit", object{{"id", l.unit}, {"name", unit_name(*org, l.unit)}}},
           {"receiver", object{{"id", l.regime.receiver_unit_id},
                               {"name", unit_name(*org, l.regime.receiver_unit_id)}}},
           {"form", form_json(l.form)},
           {"status", status_name(r.status)},
           {"status_label", status_label_vi(r.status)},
           {"due_date", format_iso_date(l.due)},
           {"overdue", asked_for(l.regime, l.due) && !is_sent(r.status) && now > r.due_at},
           {"approval", approval_json(l.regime, r, l.events, *org)},
           {"values", values_json(values)},
           {"live", std::move(live)},
           {"findings", findings_json(findings)},
           {"comment", r.comment},
           {"actions", std::move(actions)},
           {"timeline", std::move(timeline)},
           {"version", r.version}};
  o["locks_after"] = l.locks_after ? boost::json::value(format_iso_date(*l.locks_after)) : nullptr;
  o["locked_reason"] = reason ? boost::json::value(*reason) : nullptr;
  o["return_reason"] = r.return_reason ? boost::json::value(*r.return_reason) : nullptr;
  o["submitted_at"] =
      r.submitted_at ? boost::json::value(format_rfc3339(from_millis(*r.submitted_at))) : nullptr;
  o["on_time"] = r.on_time ? boost::json::value(*r.on_time) : nullptr;
  // Both compared with the report as it is now.
  auto org_now = s_.org.get();
  const auto* unit_now = org_now->find(l.unit);
  const std::string current = signed_content(
      l.regime, l.period, unit_now ? unit_now->code : std::to_string(l.unit), l.form, l.values);
  auto shown = [&](const std::optional<StoredSignature>& sig) -> boost::json::value {
    if (!sig) return nullptr;
    return signature_json(*sig, s_.signer, current, s_.clock.now());
  };
  o["signature"] = shown(l.signature);
  o["personal_signature"] = shown(l.personal_signature);
  o["unlocked_until"] = r.unlocked_until
                            ? boost::json::value(format_iso_date(date_of_ms(*r.unlocked_until)))
                            : nullptr;
  return o;
}

std::optional<std::string> ReportingService::entry_refusal(const Loaded& l) const {
  if (!l.regime.active) return "Chế độ báo cáo này đã ngừng áp dụng.";
  if (window_of(l.regime, l.period).from > local_date(s_.clock.now()))
    return "Kỳ báo cáo chưa bắt đầu.";
  int64_t now = to_millis(s_.clock.now());
  ReportFacts facts{entry_locked(l.report, l.locks_after, now), false, false, true};
  if (next_status(l.report.status, ReportAction::kSave, facts).ok()) return std::nullopt;
  auto org = s_.org.get();
  return lock_reason(l.regime, l.report, l.locks_after, now, *org)
      .value_or("Báo cáo không ở trạng thái nhập số liệu.");
}

Result<object> ReportingService::report(const identity::Principal& who, int64_t regime_id,
                                        std::string_view period, int64_t unit) {
  TS_ASSIGN_OR_RETURN(auto l, load(who, regime_id, period, unit));
  return view(who, l);
}

Result<object> ReportingService::act(const identity::Principal& who, const audit::Actor& actor,
                                     int64_t regime_id, std::string_view period, int64_t unit,
                                     const ActionInput& in) {
  TS_ASSIGN_OR_RETURN(auto first, load(who, regime_id, period, unit));
  TS_TRY(check_action(s_.authorizer, who, first.regime, unit, in.action,
                      first.report.approved_levels));
  if (!first.regime.active && is_entry_action(in.action))
    return Error::conflict("reporting.regime_inactive", "Chế độ báo cáo này đã ngừng áp dụng.");
  Date today = local_date(s_.clock.now());
  if (window_of(first.regime, first.period).from > today)
    return Error::validation("period", "Kỳ báo cáo chưa bắt đầu.");
  // Entered values are read against the report's own form version, before the transaction.
  std::optional<Values> entered;
  if (in.values) {
    if (!is_entry_action(in.action))
      return Error::validation("values", "Chỉ đơn vị báo cáo nhập số liệu.");
    TS_ASSIGN_OR_RETURN(entered, read_values(first.form, *in.values));
  }
  if (in.action == ReportAction::kUnlock && in.until &&
      (*in.until < today || *in.until > add_days(today, kMaxUnlockDays)))
    return Error::validation(
        "until", fmt::format("Ngày cho phép nhập tiếp phải từ hôm nay đến tối đa {} ngày sau.",
                             kMaxUnlockDays));
  // Live figures are read outside the write transaction (they are reads of other modules).
  Values fresh;
  if (in.action == ReportAction::kSave || in.action == ReportAction::kSubmit) {
    TS_ASSIGN_OR_RETURN(fresh,
                        live_values(s_, first.form, unit, window_of(first.regime, first.period)));
  }
  // The leader who sends signs what is sent with their personal key, and the unit's agency
  // seals it with its own, each when there is a key (signing is slow work: before the
  // transaction, on the values the transaction will hold — a change meanwhile is refused).
  auto org = s_.org.get();
  const std::string unit_code = org->find(unit) ? org->find(unit)->code : std::to_string(unit);
  std::vector<std::pair<std::string, signing::FileSignature>> signatures;
  // What an entry leaves: the cells sent replace the entered ones, live cells not entered keep
  // their figure, the form computes the rest (here for signing, in the transaction for saving).
  auto sent_values = [&](Values values) {
    if (entered) values = *entered;
    for (const auto& [k, v] : fresh) values.try_emplace(k, v);
    compute(first.form, values);
    return values;
  };
  if (in.action == ReportAction::kSubmit && s_.signer.enabled()) {
    std::string content = signed_content(first.regime, first.period, unit_code, first.form,
                                         sent_values(first.values));
    for (auto [key_name, kind] :
         {std::pair<std::string_view, std::string_view>(who.login, kPersonalSignature),
          {unit_code, kAgencySignature}}) {
      auto sig = s_.signer.sign(key_name, kind, 0, content, s_.clock.now());
      if (sig.ok())
        signatures.emplace_back(content, std::move(*sig));
      else if (sig.error().code() != "signing.no_key")  // without a key: sent without that one
        return sig.error();
    }
  }
  auto cal = s_.calendar.get();
  bool queued_national = false;
  TS_TRY(s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    queued_national = false;  // the function may run again (PostgreSQL retries)
    int64_t now = tx.now_ms();
    // The regime as it is now, decided on again: its receiver or deadline may have changed
    // since the report was read.
    TS_ASSIGN_OR_RETURN(auto regime, load_regime(tx.sql(), regime_id));
    if (!regime) return report_not_found();
    TS_ASSIGN_OR_RETURN(auto found, find_report(tx.sql(), regime_id, first.period.id(), unit));
    Report r = found ? *found : first.report;
    TS_TRY(identity::authorised_by(
        tx, check_action(s_.authorizer, who, *regime, unit, in.action, r.approved_levels)));
    if (r.version != in.version || r.form_version != first.form.version)
      return Error::conflict("report.stale",
                             "Báo cáo vừa được người khác thay đổi. Vui lòng tải lại trang.");
    auto locks_after = lock_date(*regime, first.period, *cal);
    // Kept with the report for its history; timeliness is decided on the deadline in force.
    r.due_at = end_of_day_ms(due_date(*regime, first.period, *cal));
    Values values;
    if (found) {
      TS_ASSIGN_OR_RETURN(values, load_values(tx.sql(), r.id));
    }
    if (is_entry_action(in.action)) {
      values = sent_values(std::move(values));
      if (in.comment) r.comment = *in.comment;
    }
    auto findings = check(first.form, values);
    ReportFacts facts;
    facts.locked = entry_locked(r, locks_after, now);
    const int level = r.approved_levels;  // whose turn it is: 0 the receiver
    facts.last_level = level + 1 >= approval_levels(*regime);
    for (const auto& f : findings) {
      facts.has_errors |= f.error;
      facts.unexplained_warnings |= !f.error && r.comment.empty();
    }
    if (in.action == ReportAction::kUnlock && !facts.locked)
      return Error::conflict("report.not_locked", "Kỳ báo cáo chưa khóa nhập liệu, không cần mở.");
    if (in.action == ReportAction::kApprove) {
      TS_ASSIGN_OR_RETURN(auto events, load_report_events(tx.sql(), r.id));
      if (sent_or_approved_by(events, actor.id))
        return Error::conflict("report.same_person",
                               "Người gửi báo cáo, hoặc người đã duyệt báo cáo ở một cấp, không "
                               "duyệt tiếp báo cáo này; đề nghị lãnh đạo khác của đơn vị duyệt.");
    }
    ReportStatus from = r.status;
    auto next = next_status(r.status, in.action, facts);
    if (!next.ok() && next.error().status() == 422) return with_findings(next.error(), findings);
    TS_ASSIGN_OR_RETURN(ReportStatus to, next);
    r.status = to;
    std::string note;
    switch (in.action) {
      case ReportAction::kSubmit:
        r.submitted_at = now;
        r.sent_version = r.version + 1;  // this sending's signatures carry it
        // The first submission tells whether the unit kept the deadline.
        if (!r.on_time) r.on_time = now <= r.due_at;
        r.return_reason.reset();
        r.approved_levels = 0;
        note = r.comment;
        break;
      case ReportAction::kReturn:
      case ReportAction::kReopen:
        r.return_reason = in.reason;
        r.approved_at.reset();
        r.approved_by.reset();
        r.approved_levels = 0;
        note = in.reason;
        if (approval_levels(*regime) > 1)
          note = fmt::format("{}: {}", unit_name(*org, approver_at(*regime, level)), in.reason);
        break;
      case ReportAction::kApprove:
        r.approved_at = now;
        r.approved_by = actor.name;
        r.approved_levels = level + 1;
        if (approval_levels(*regime) > 1)
          note = fmt::format("Duyệt cấp {}/{}: {}", level + 1, approval_levels(*regime),
                             unit_name(*org, approver_at(*regime, level)));
        break;
      case ReportAction::kUnlock:
        r.unlocked_until = end_of_day_ms(*in.until);
        note = fmt::format("Cho phép nhập đến hết ngày {}.", format_vn_date(*in.until));
        break;
      case ReportAction::kSave:
        note = in.source;
        break;
    }
    if (r.version == 0) {
      TS_ASSIGN_OR_RETURN(r.id, insert_report(tx.sql(), r, now));
    } else {
      TS_ASSIGN_OR_RETURN(bool updated, update_report(tx.sql(), r, now));
      if (!updated)
        return Error::conflict("report.stale",
                               "Báo cáo vừa được người khác thay đổi. Vui lòng tải lại trang.");
    }
    if (is_entry_action(in.action)) TS_TRY(replace_values(tx.sql(), r.id, values));
    // The figures pass up with the last level's approval and come back with a reopening.
    if (to == ReportStatus::kApproved) TS_TRY(pass_up(tx.sql(), r));
    if (from == ReportStatus::kApproved && to != ReportStatus::kApproved)
      TS_TRY(withdraw(tx.sql(), r.id));
    for (const auto& [content, signature] : signatures) {
      if (signed_content(first.regime, first.period, unit_code, first.form, values) != content)
        return Error::conflict("report.stale",
                               "Báo cáo vừa được người khác thay đổi. Vui lòng tải lại trang.");
      TS_TRY(store_report_signature(tx, r.id, r.version + 1, content, signature));
    }
    // An approved report of a form the Government collects goes to its reporting system.
    const auto& settings = s_.config.section<ReportingConfig>();
    if (to == ReportStatus::kApproved && sent_nationally(settings, first.form)) {
      // Only signatures on exactly what is approved go with it (a later sending may have gone
      // unsigned).
      const std::string approved =
          signed_content(first.regime, first.period, unit_code, first.form, values);
      std::vector<StoredSignature> signed_by;
      for (auto kind : {kPersonalSignature, kAgencySignature}) {
        TS_ASSIGN_OR_RETURN(auto sig, load_report_signature(tx.sql(), r.id, kind, r.sent_version));
        if (sig && sig->content == approved) signed_by.push_back(std::move(*sig));
      }
      TS_TRY(outbox::enqueue(tx.sql(),
                             national_message(settings, r, r.version + 1,
                                              national_payload(*regime, first.period, first.form, r,
                                                               values, *org, signed_by)),
                             now));
      queued_national = true;
    }
    std::optional<int64_t> level_unit;
    if (in.action == ReportAction::kApprove || in.action == ReportAction::kReturn)
      level_unit = approver_at(*regime, level);
    TS_TRY(insert_report_event(
        tx.sql(), r.id,
        {now, std::string(action_name(in.action)), std::string(status_name(from)),
         std::string(status_name(to)), actor.id, actor.name, note, level_unit}));
    object change{{"regime_id", regime_id},
                  {"period", first.period.id()},
                  {"unit_id", unit},
                  {"status_from", status_name(from)},
                  {"status_to", status_name(to)}};
    if (in.action == ReportAction::kApprove || in.action == ReportAction::kReturn)
      change["level"] = level + 1;
    if (!note.empty()) change["note"] = note;
    if (is_entry_action(in.action)) change["cells"] = static_cast<int64_t>(values.size());
    return tx.record(fmt::format("report.{}", action_name(in.action)), "report", r.id, change);
  }));
  if (queued_national) s_.outbox.wake();
  return report(who, regime_id, period, unit);
}

Result<std::string> ReportingService::report_xlsx(const identity::Principal& who, int64_t regime_id,
                                                  std::string_view period, int64_t unit) {
  TS_ASSIGN_OR_RETURN(auto l, load(who, regime_id, period, unit));
  TS_ASSIGN_OR_RETURN(auto o, view(who, l));
  bool editable = false;
  for (const auto& a : o.at("actions").as_array())
    editable = editable || a.at("name").as_string() == action_name(ReportAction::kSave);
  std::string title =
      fmt::format("{} — {} — {} — {}", l.form.title, l.form.name,
                  std::string(o.at("unit").at("name").as_string()), l.period.label_vi());
  return write_workbook(l.form, o.at("values").as_object(),
                        WorkbookKey{l.regime.id, l.period.id(), l.unit, l.report.version}, title,
                        editable);
}

Result<object> ReportingService::import_xlsx(const identity::Principal& who,
                                             const audit::Actor& actor, int64_t regime_id,
                                             std::string_view period, int64_t unit,
                                             std::string_view bytes) {
  TS_ASSIGN_OR_RETURN(auto l, load(who, regime_id, period, unit));
  // Who may not save learns so before anything of the file is read.
  TS_TRY(check_action(s_.authorizer, who, l.regime, unit, ReportAction::kSave));
  TS_ASSIGN_OR_RETURN(
      auto read, read_workbook(l.form, WorkbookKey{l.regime.id, l.period.id(), unit, 0}, bytes));
  ActionInput in;
  in.action = ReportAction::kSave;
  in.values = std::move(read.values);
  in.version = read.report_version;
  in.source = fmt::format("Nhập số liệu từ tệp Excel (SHA-256 {}…).",
                          crypto::sha256_hex(bytes).substr(0, 16));
  auto saved = act(who, actor, regime_id, period, unit, in);
  if (!saved.ok() && saved.error().code() == "report.stale")
    return Error::conflict("report.stale",
                           "Báo cáo đã được sửa trên hệ thống sau khi tải mẫu Excel này. Hãy tải "
                           "mẫu mới (có số liệu hiện tại), điền lại rồi tải lên.");
  return saved;
}

Result<object> ReportingService::create_form(const identity::Principal& who,
                                             const audit::Actor& actor, const FormDef& f) {
  auto org = s_.org.get();
  auto roots = org->roots();
  if (roots.empty()) return Error::not_found("Chưa có cơ cấu tổ chức.");
  TS_ASSIGN_OR_RETURN(auto grant, check_manage(s_.authorizer, who, roots.front()));

  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(int64_t version, insert_form(tx.sql(), f, tx.now_ms()));
    TS_TRY(tx.record("reporting.form.create", "reporting_form",
                     fmt::format("{}@{}", f.code, version),
                     object{{"code", f.code}, {"version", version}, {"title", f.title}}));
    FormDef stored = f;
    stored.version = version;
    return form_json(stored);
  });
}

Result<array> ReportingService::forms(const identity::Principal& who) {
  if (who.kind != identity::PrincipalKind::kOfficial) return Error::forbidden();
  TS_ASSIGN_OR_RETURN(auto all, s_.db.read([](storage::Tx& tx) { return load_latest_forms(tx); }));
  array out;
  for (const auto& f : all) out.push_back(form_json(f));
  return out;
}

Result<object> ReportingService::form(const identity::Principal& who, std::string_view code,
                                      int64_t version) {
  if (who.kind != identity::PrincipalKind::kOfficial) return Error::forbidden();
  TS_ASSIGN_OR_RETURN(auto f,
                      s_.db.read([&](storage::Tx& tx) { return load_form(tx, code, version); }));
  if (!f) return Error::not_found("Không tìm thấy biểu mẫu.");
  return form_json(*f);
}

namespace {

// A report asked once cannot be asked for a day already gone; a request whose day has passed
// keeps it (it is renamed, retired, given more reporters) unless the day itself changes.
Status once_deadline_set(const Regime& g, const Regime* before, Date today) {
  if (g.period_type != PeriodType::kOnce || g.deadline.date >= today) return ok_status();
  if (before != nullptr && before->period_type == PeriodType::kOnce &&
      before->deadline.kind == Deadline::Kind::kDate && before->deadline.date == g.deadline.date)
    return ok_status();
  return Error::validation("deadline", "Thời hạn gửi báo cáo đã qua.");
}

// Who may define `g`, and whether it is a regime at all: the receiver's administrators for its
// own units below it; the province's administrators when it makes other units report (a level
// of the province, or units outside the receiver). A receiver does not report to itself, and the
// deadline leaves at least one working day after the cut-off (ND 09/2019 Art. 8(5)(b)), checked
// on the coming year's periods against the working calendar.
// Approval levels give units above the receiver work: the province's administrators set,
// change or remove them (a receiver's administrator edits the rest of its regime).
Status authorise_approvers(const identity::Authorizer& authz, const identity::Principal& who,
                           const identity::OrgTree& org) {
  auto roots = org.roots();
  if (roots.empty() || !check_manage(authz, who, roots.front()).ok())
    return Error::forbidden("Chỉ quản trị cấp tỉnh đặt, đổi hoặc bỏ các cấp duyệt báo cáo.");
  return ok_status();
}

Result<identity::Grant> authorise_regime(const identity::Authorizer& authz,
                                         const identity::Principal& who, const Regime& g,
                                         const identity::OrgTree& org,
                                         const calendar::WorkingCalendar& cal, Date today) {
  TS_ASSIGN_OR_RETURN(auto grant, check_manage(authz, who, g.receiver_unit_id));
  auto reporters = reporters_of(g, org);
  bool outside = !g.reporter_level.empty();
  for (int64_t u : reporters) {
    if (u == g.receiver_unit_id)
      return Error::validation("reporter_unit_ids",
                               "Đơn vị nhận báo cáo không đồng thời là đơn vị báo cáo.");
    outside |= !org.within(u, g.receiver_unit_id);
  }
  for (int64_t u : g.approver_units) {
    if (std::find(reporters.begin(), reporters.end(), u) != reporters.end())
      return Error::validation("approver_unit_ids",
                               "Đơn vị báo cáo không đồng thời là một cấp duyệt báo cáo của mình.");
  }
  if (outside) {
    auto roots = org.roots();
    if (roots.empty() || !check_manage(authz, who, roots.front()).ok())
      return Error::forbidden(
          "Chỉ quản trị cấp tỉnh giao báo cáo cho các đơn vị ngoài đơn vị nhận báo cáo.");
  }
  // A report asked once has its own day, checked where it is set (once_deadline_set).
  if (g.period_type == PeriodType::kOnce) return grant;
  Period p = period_containing(g.period_type, today, g.cutoff_day);
  for (int i = 0; i < 12; ++i, p = next(p)) {
    Date to = window_of(g, p).to, due = due_date(g, p, cal);
    bool working_day_between = false;
    for (Date d = add_days(to, 1); d <= due && !working_day_between; d = add_days(d, 1))
      working_day_between = cal.is_working_day(d);
    if (!working_day_between)
      return Error::validation(
          "deadline", fmt::format("Thời hạn gửi báo cáo {} ({}) phải sau ngày chốt số liệu {} ít "
                                  "nhất một ngày làm việc.",
                                  p.label_vi(), format_vn_date(due), format_vn_date(to)));
  }
  return grant;
}

}  // namespace

Result<object> ReportingService::create_regime(const identity::Principal& who,
                                               const audit::Actor& actor, const Regime& g) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  TS_ASSIGN_OR_RETURN(
      auto grant, authorise_regime(s_.authorizer, who, g, *org, *cal, local_date(s_.clock.now())));
  TS_TRY(once_deadline_set(g, nullptr, local_date(s_.clock.now())));
  if (!g.approver_units.empty()) TS_TRY(authorise_approvers(s_.authorizer, who, *org));
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(auto form, load_form(tx.sql(), g.form_code, g.form_version));
    if (!form)
      return Error::validation("form_version", "Không có biểu mẫu với mã và phiên bản này.");
    Regime stored = g;
    TS_ASSIGN_OR_RETURN(stored.id, insert_regime(tx.sql(), g, tx.now_ms()));
    stored.version = 1;
    auto o = regime_json(stored, *org);
    TS_TRY(tx.record("reporting.regime.create", "reporting_regime", stored.id, o));
    return o;
  });
}

Result<object> ReportingService::update_regime(const identity::Principal& who,
                                               const audit::Actor& actor, const Regime& g) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  TS_ASSIGN_OR_RETURN(
      auto grant, authorise_regime(s_.authorizer, who, g, *org, *cal, local_date(s_.clock.now())));
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    // The regime as it is in this transaction: the version the caller read, and the unit that
    // receives it now — a regime does not change hands behind its receiver's back.
    TS_ASSIGN_OR_RETURN(auto existing, load_regime(tx.sql(), g.id));
    if (!existing || !check_manage(s_.authorizer, who, existing->receiver_unit_id).ok())
      return regime_not_found();
    if (existing->version != g.version)
      return Error::conflict("reporting.stale",
                             "Chế độ báo cáo vừa được người khác sửa. Vui lòng tải lại trang.");
    if (existing->code != g.code)
      return Error::validation("code", "Mã chế độ báo cáo không đổi được.");
    TS_TRY(once_deadline_set(g, &*existing, local_date(s_.clock.now())));
    // Reports already made are read by their period ids and their form, and cover their
    // period's dates (a report asked once: its window): those stay.
    bool once = g.period_type == PeriodType::kOnce;
    bool reshaped = existing->period_type != g.period_type || existing->form_code != g.form_code ||
                    (!once && existing->cutoff_day != g.cutoff_day) ||
                    (once && existing->window != g.window);
    if (reshaped) {
      TS_ASSIGN_OR_RETURN(bool any, has_reports(tx.sql(), g.id));
      if (any)
        return Error::validation(
            once ? "window" : "period_type",
            "Chế độ đã có báo cáo: không đổi loại kỳ, ngày chốt số liệu, khoảng số liệu hay mã "
            "biểu mẫu; hãy ban hành chế độ báo cáo mới.");
    }
    // The approval levels are the province's: a receiver's administrator keeps them as they are.
    // A new receiver is a new first level too: reports on their way through several levels
    // start again.
    const bool new_levels = existing->approver_units != g.approver_units;
    if (new_levels) TS_TRY(authorise_approvers(s_.authorizer, who, *org));
    const bool rechained =
        new_levels || (existing->receiver_unit_id != g.receiver_unit_id &&
                       (!existing->approver_units.empty() || !g.approver_units.empty()));
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(auto form, load_form(tx.sql(), g.form_code, g.form_version));
    if (!form)
      return Error::validation("form_version", "Không có biểu mẫu với mã và phiên bản này.");
    TS_ASSIGN_OR_RETURN(bool updated, reporting::update_regime(tx.sql(), g, tx.now_ms()));
    if (!updated)
      return Error::conflict("reporting.stale",
                             "Chế độ báo cáo vừa được người khác sửa. Vui lòng tải lại trang.");
    int64_t restarted = 0;
    if (rechained) {
      TS_ASSIGN_OR_RETURN(
          restarted,
          restart_approvals(tx.sql(), g.id,
                            {tx.now_ms(), std::string(kRechainEvent),
                             std::string(status_name(ReportStatus::kEndorsed)),
                             std::string(status_name(ReportStatus::kSubmitted)), actor.id,
                             actor.name, std::string(kRechainLabel), std::nullopt}));
    }
    TS_ASSIGN_OR_RETURN(auto stored, load_regime(tx.sql(), g.id));
    auto o = regime_json(*stored, *org);
    if (rechained) o["approvals_restarted"] = restarted;
    TS_TRY(tx.record("reporting.regime.update", "reporting_regime", g.id, o));
    return o;
  });
}

Result<object> ReportingService::regime(const identity::Principal& who, int64_t id) {
  auto org = s_.org.get();
  TS_ASSIGN_OR_RETURN(auto g, s_.db.read([&](storage::Tx& tx) { return load_regime(tx, id); }));
  if (!g) return regime_not_found();
  bool may = check_review(s_.authorizer, who, *g).ok() ||
             check_manage(s_.authorizer, who, g->receiver_unit_id).ok();
  if (!may) {
    for (int64_t u : reporters_of(*g, *org)) {
      if (check_view(s_.authorizer, who, *g, u).ok()) {
        may = true;
        break;
      }
    }
  }
  if (!may) return regime_not_found();
  return regime_json(*g, *org);
}

Result<array> ReportingService::my_regimes(const identity::Principal& who) {
  if (who.kind != identity::PrincipalKind::kOfficial) return Error::forbidden();
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  Date today = local_date(s_.clock.now());
  int64_t now = to_millis(s_.clock.now());
  return s_.db.read([&](storage::Tx& tx) -> Result<array> {
    TS_ASSIGN_OR_RETURN(auto all, load_regimes(tx));
    array out;
    for (const auto& g : all) {
      bool receives = check_review(s_.authorizer, who, g).ok();
      std::vector<int64_t> mine;
      for (int64_t u : reporters_of(g, *org))
        if (s_.authorizer.check(who, kPrepareReport, u).ok()) mine.push_back(u);
      if (!receives && (mine.empty() || !g.active)) continue;
      auto periods = open_periods(g, today);
      TS_ASSIGN_OR_RETURN(auto by_key, reports_by_key(tx, g.id, periods));
      array ps;
      for (const auto& p : periods) {
        Date due = due_date(g, p, *cal);
        bool asked = asked_for(g, due);
        array units;
        for (int64_t u : mine) {
          auto it = by_key.find({p.id(), u});
          ReportStatus st = it == by_key.end() ? ReportStatus::kNone : it->second.status;
          bool sent = is_sent(st);
          units.push_back(object{{"unit_id", u},
                                 {"unit", unit_name(*org, u)},
                                 {"status", status_name(st)},
                                 {"status_label", status_label_vi(st)},
                                 {"overdue", asked && !sent && now > end_of_day_ms(due)}});
        }
        object po = period_json(g, p);
        po["due_date"] = format_iso_date(due);
        po["units"] = std::move(units);
        ps.push_back(std::move(po));
      }
      auto o = regime_json(g, *org);
      o["receives"] = receives;
      o["periods"] = std::move(ps);
      out.push_back(std::move(o));
    }
    return out;
  });
}

Result<object> ReportingService::completeness(const identity::Principal& who, int64_t regime_id,
                                              std::string_view period) {
  auto org = s_.org.get();
  auto cal = s_.calendar.get();
  int64_t now = to_millis(s_.clock.now());
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto g, load_regime(tx, regime_id));
    if (!g || !check_review(s_.authorizer, who, *g).ok()) return regime_not_found();
    TS_ASSIGN_OR_RETURN(auto p, parse_period(g->period_type, period));
    Date due = due_date(*g, p, *cal);
    bool past_due = now > end_of_day_ms(due);
    // A period due before the regime was defined was never asked for: only what was sent counts.
    bool asked = asked_for(*g, due);
    TS_ASSIGN_OR_RETURN(auto reports, reports_of(tx, regime_id, {p.id()}));
    std::map<int64_t, const Report*> by_unit;
    for (const auto& r : reports) by_unit[r.unit_id] = &r;
    int64_t expected = 0, submitted = 0, approved = 0, on_time = 0, late = 0, missing = 0;
    array units;
    for (int64_t u : reporters_of(*g, *org)) {
      auto it = by_unit.find(u);
      const Report* r = it == by_unit.end() ? nullptr : it->second;
      ReportStatus st = r ? r->status : ReportStatus::kNone;
      // Submitted once counts, even if returned since: the deadline was kept or not.
      bool sent = r != nullptr && r->submitted_at.has_value();
      if (asked || sent) ++expected;
      std::string timeliness = asked ? "pending" : "not_expected";
      if (sent) {
        ++submitted;
        bool kept = r->on_time.value_or(false);
        kept ? ++on_time : ++late;
        timeliness = kept ? "on_time" : "late";
      } else if (past_due && asked) {
        ++missing;
        timeliness = "missing";
      }
      if (st == ReportStatus::kApproved) ++approved;
      object o{{"unit_id", u},
               {"unit", unit_name(*org, u)},
               {"status", status_name(st)},
               {"status_label", status_label_vi(st)},
               {"timeliness", timeliness}};
      o["submitted_at"] =
          sent ? boost::json::value(format_rfc3339(from_millis(*r->submitted_at))) : nullptr;
      units.push_back(std::move(o));
    }
    auto rate = [&](int64_t n) -> boost::json::value {
      return expected ? boost::json::value(static_cast<double>(n) / static_cast<double>(expected))
                      : boost::json::value(nullptr);
    };
    object o{{"regime", regime_json(*g, *org)},
             {"period", period_json(*g, p)},
             {"due_date", format_iso_date(due)},
             {"expected", expected},
             {"submitted", submitted},
             {"approved", approved},
             {"on_time", on_time},
             {"late", late},
             {"missing", missing},
             {"reporting_rate", rate(submitted)},
             {"timeliness_rate", rate(on_time)},
             {"units", std::move(units)}};
    return o;
  });
}

Result<object> ReportingService::aggregate(const identity::Principal& who, int64_t regime_id,
                                           std::string_view period_type, std::string_view period,
                                           const AggregateScope& scope) {
  auto org = s_.org.get();
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto g, load_regime(tx, regime_id));
    if (!g || !check_review(s_.authorizer, who, *g).ok()) return regime_not_found();
    int levels = approval_levels(*g);
    if (scope.level && *scope.level > levels)
      return Error::validation("level", fmt::format("Chế độ báo cáo này có {} cấp duyệt.", levels));
    // The last level's view is the approved store; a lower level's, the reports it endorsed.
    std::optional<int> endorsed;
    if (scope.level && *scope.level < levels) endorsed = *scope.level;
    std::vector<int64_t> units;
    if (scope.unit) {
      if (org->find(*scope.unit) == nullptr)
        return Error::validation("unit_id", "Không tìm thấy đơn vị.");
      // Today's reporters there, and units that reported before and no longer do, where they
      // sit in the tree.
      std::set<int64_t> chosen;
      for (int64_t u : reporters_of(*g, *org))
        if (org->within(u, *scope.unit)) chosen.insert(u);
      TS_ASSIGN_OR_RETURN(auto past, tx.query("SELECT DISTINCT unit_id FROM reporting_reports "
                                              "WHERE regime_id = $1",
                                              {regime_id}));
      for (auto r : past)
        if (org->within(r.i64(0), *scope.unit)) chosen.insert(r.i64(0));
      units.assign(chosen.begin(), chosen.end());
    }
    auto type = period_type.empty() ? std::optional<PeriodType>(g->period_type)
                                    : parse_period_type(period_type);
    if (!type) return Error::validation("period_type", "Loại kỳ không hợp lệ.");
    TS_ASSIGN_OR_RETURN(auto p, parse_period(*type, period));
    auto parts = periods_within(p, g->period_type);
    if (parts.empty())
      return Error::validation(
          "period_type",
          fmt::format("Không tổng hợp được kỳ \"{}\" từ các kỳ báo cáo {}.",
                      period_type_label_vi(*type), period_type_label_vi(g->period_type)));
    std::vector<std::string> ids;
    ids.reserve(parts.size());
    for (const auto& x : parts) ids.push_back(x.id());
    TS_ASSIGN_OR_RETURN(auto form, load_form(tx, g->form_code, g->form_version));
    if (!form) return Error::internal("a regime names a missing form version");
    // Nobody within the unit reports under this regime: nothing to add (an empty list of units
    // would read as "every unit").
    Values sums;
    int64_t counted = 0;
    if (!scope.unit || !units.empty()) {
      TS_ASSIGN_OR_RETURN(sums, approved_sums(tx, *form, regime_id, ids, units, endorsed));
      TS_ASSIGN_OR_RETURN(auto reports, reports_of(tx, regime_id, ids));
      std::set<int64_t> within(units.begin(), units.end());
      for (const auto& r : reports) {
        if (scope.unit && !within.contains(r.unit_id)) continue;
        counted +=
            r.status == ReportStatus::kApproved ||
            (endorsed && r.status == ReportStatus::kEndorsed && r.approved_levels >= *endorsed);
      }
    }
    array periods;
    for (const auto& x : parts) periods.push_back(object{{"id", x.id()}, {"label", x.label_vi()}});
    auto unit = scope.unit ? boost::json::value(object{{"id", *scope.unit},
                                                       {"name", unit_name(*org, *scope.unit)}})
                           : boost::json::value(nullptr);
    return object{{"regime", regime_json(*g, *org)},
                  {"period", object{{"id", p.id()}, {"label", p.label_vi()}}},
                  {"periods", std::move(periods)},
                  {"level", scope.level.value_or(levels)},
                  {"unit", std::move(unit)},
                  {"approved_reports", counted},
                  {"form", form_json(*form)},
                  {"values", values_json(sums)}};
  });
}

Result<object> ReportingService::pivot(const identity::Principal& who, int64_t regime_id,
                                       std::string_view cell, std::string_view from,
                                       std::string_view to) {
  auto org = s_.org.get();
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto g, load_regime(tx, regime_id));
    if (!g || !check_review(s_.authorizer, who, *g).ok()) return regime_not_found();
    TS_ASSIGN_OR_RETURN(auto form, load_form(tx, g->form_code, g->form_version));
    if (!form) return Error::internal("a regime names a missing form version");
    auto dot = cell.find('.');
    const FormRow* row = dot == std::string_view::npos ? nullptr : form->row(cell.substr(0, dot));
    const FormColumn* column =
        dot == std::string_view::npos ? nullptr : form->column(cell.substr(dot + 1));
    if (row == nullptr || column == nullptr || column->type == "text")
      return Error::validation("cell",
                               fmt::format("{} không có ô số này (dạng dòng.cột).", form->title));
    // A computed cell is the sum of entered cells: each unit's figure of a period adds its
    // parts up, and its total over the periods adds up each part's own total by the part's
    // aggregation (what the regime's aggregate shows), never a line of stored sums.
    auto parts = entered_parts(*form, *row, *column);
    if (parts.empty())
      return Error::validation("cell", "Ô này để trống ở dòng tổng (chỉ tiêu không cộng dồn).");
    constexpr std::size_t kMaxParts = 1000;
    if (parts.size() > kMaxParts)
      return Error::validation(
          "cell", fmt::format("Ô này cộng từ hơn {} ô; hãy chọn một ô nhỏ hơn.", kMaxParts));
    // A period named wrongly says which one.
    auto period_of = [&](const char* field, std::string_view id) -> Result<Period> {
      if (id.empty()) return Error::validation(field, "Cần kỳ báo cáo.");
      auto p = parse_period(g->period_type, id);
      if (!p.ok()) return Error::validation(field, p.error().message());
      return p;
    };
    TS_ASSIGN_OR_RETURN(auto last, period_of("to", to));
    // Without a first period: the twelve up to the last (a year of months, three of quarters).
    Period first = last;
    if (from.empty()) {
      for (int i = 1; i < 12 && first.type != PeriodType::kOnce; ++i) first = previous(first);
    } else {
      TS_ASSIGN_OR_RETURN(first, period_of("from", from));
    }
    // Five years of months at most: a table people read, and a bounded query.
    constexpr std::size_t kMaxPeriods = 60;
    std::vector<Period> periods{first};
    while (periods.back().type != PeriodType::kOnce && periods.back() != last &&
           periods.size() <= kMaxPeriods && periods.back().year <= last.year)
      periods.push_back(next(periods.back()));
    if (periods.back() != last || periods.size() > kMaxPeriods)
      return Error::validation(
          "to", fmt::format("Kỳ cuối phải từ kỳ đầu trở đi và cách không quá {} kỳ.", kMaxPeriods));
    std::vector<std::string> ids;
    ids.reserve(periods.size());
    for (const auto& p : periods) ids.push_back(p.id());
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < ids.size(); ++i) at[ids[i]] = i;
    // Today's reporters first, in their order; then units that reported before and no longer do
    // (in the order of their ids).
    std::vector<int64_t> units = reporters_of(*g, *org);
    const std::size_t reporting = units.size();
    std::set<int64_t> listed(units.begin(), units.end()), former;
    // Per part, per unit, the figure of each period.
    using Line = std::vector<std::optional<double>>;
    std::vector<std::map<int64_t, Line>> grids(parts.size());
    for (std::size_t k = 0; k < parts.size(); ++k) {
      TS_ASSIGN_OR_RETURN(
          auto found, approved_cell(tx, regime_id, ids, parts[k].row->code, parts[k].column->code));
      for (const auto& v : found) {
        auto& line = grids[k][v.unit_id];
        line.resize(ids.size());
        line[at[v.period]] = v.value;
        if (!listed.contains(v.unit_id)) former.insert(v.unit_id);
      }
    }
    units.insert(units.end(), former.begin(), former.end());
    // Over units a period's figures add up; over periods a unit's follow each part's column as
    // in approved_sums: a count adds up, a stock is the latest (`last`) or earliest (`first`)
    // figure, a rate (`none`) has no total.
    auto over_periods = [](const Line& line, const std::string& aggregation) {
      std::optional<double> total;
      for (const auto& v : line) {
        if (!v) continue;
        if (aggregation == "last" || (aggregation == "first" && !total))
          total = v;
        else if (aggregation == "sum")
          total = total.value_or(0) + *v;
      }
      return total;
    };
    auto number = [](const std::optional<double>& v) {
      return v ? number_json(*v) : boost::json::value(nullptr);
    };
    bool adds_up = true;
    for (const auto& part : parts) adds_up = adds_up && part.column->aggregation != "none";
    std::vector<std::optional<double>> by_period(ids.size());
    std::optional<double> grand;  // the units' totals added up: for a stock, the latest of each
    array rows;
    for (std::size_t n = 0; n < units.size(); ++n) {
      int64_t u = units[n];
      Line line(ids.size());
      std::optional<double> total;
      for (std::size_t k = 0; k < parts.size(); ++k) {
        auto it = grids[k].find(u);
        if (it == grids[k].end()) continue;
        for (std::size_t i = 0; i < ids.size(); ++i)
          if (it->second[i]) line[i] = line[i].value_or(0) + *it->second[i];
        if (auto t = over_periods(it->second, parts[k].column->aggregation))
          total = total.value_or(0) + *t;
      }
      if (!adds_up) total.reset();
      array values;
      for (std::size_t i = 0; i < line.size(); ++i) {
        values.push_back(number(line[i]));
        if (line[i] && adds_up) by_period[i] = by_period[i].value_or(0) + *line[i];
      }
      if (total) grand = grand.value_or(0) + *total;
      rows.push_back(object{{"unit_id", u},
                            {"unit", unit_name(*org, u)},
                            {"reporting", n < reporting},
                            {"values", std::move(values)},
                            {"total", number(total)}});
    }
    array period_list, totals;
    for (std::size_t i = 0; i < periods.size(); ++i) {
      period_list.push_back(object{{"id", ids[i]}, {"label", periods[i].label_vi()}});
      totals.push_back(number(by_period[i]));
    }
    return object{{"regime", regime_json(*g, *org)},
                  {"cell", object{{"id", cell_key(row->code, column->code)},
                                  {"row", row->label},
                                  {"column", column->label},
                                  {"aggregation", column->aggregation},
                                  {"computed", is_computed(*row, *column)}}},
                  {"periods", std::move(period_list)},
                  {"units", std::move(rows)},
                  {"totals", std::move(totals)},
                  {"total", number(grand)}};
  });
}

}  // namespace tinhso::reporting
