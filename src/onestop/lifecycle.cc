#include "onestop/lifecycle.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/resources.h"
#include "core/base/text.h"
#include "core/workflow/deadline.h"
#include "onestop/permissions.h"

namespace tinhso::onestop {
namespace {

using identity::Permission;
using workflow::Timeliness;

Error invalid_state(const Dossier& d, Action a) {
  return Error::conflict(
      "dossier.invalid_action",
      fmt::format("Không thể thực hiện \"{}\" khi hồ sơ đang ở trạng thái \"{}\".",
                  action_label_vi(a), status_label_vi(d.status)),
      boost::json::object{{"status", status_name(d.status)}, {"action", action_name(a)}});
}

int64_t steps_count(const World& w) {
  return static_cast<int64_t>(w.def.steps.size());
}

bool processing(const Dossier& d, const World& w) {
  return d.status == DossierStatus::kInProgress && d.current_step >= 0 &&
         d.current_step < steps_count(w);
}

int64_t total_seconds(const Dossier& d, const World& w) {
  return processing_seconds(w.def, d.channel, w.cal.rules().seconds_per_day());
}

int64_t step_seconds(const World& w, int64_t total, int64_t step) {
  return static_cast<int64_t>(static_cast<double>(total) *
                              w.def.steps[static_cast<std::size_t>(step)].share);
}

// Puts the dossier at `step` starting now.
Status enter_step(Dossier& d, int64_t step, std::optional<int64_t> assignee, const World& w) {
  TS_ASSIGN_OR_RETURN(
      int64_t unit, resolve_unit(w.def.steps[static_cast<std::size_t>(step)].unit, d.agency_unit_id,
                                 d.applicant_commune_unit_id, w.org));
  d.current_step = step;
  d.current_unit_id = unit;
  d.current_assignee_id = assignee;
  d.step_started_at = w.now;
  d.step_due_at = w.cal.add_working_seconds(w.now, step_seconds(w, total_seconds(d, w), step));
  return ok_status();
}

void pause(Dossier& d, DossierStatus status, const World& w) {
  d.status = status;
  d.paused_since = w.now;
}

void resume(Dossier& d, bool supplement, const World& w) {
  Instant paused = *d.paused_since;
  int64_t total = total_seconds(d, w);
  bool restart = supplement && w.def.restart_on_supplement;
  d.paused_seconds += w.cal.working_seconds_between(paused, w.now);
  d.due_at = workflow::resume_due(w.cal, *d.due_at, paused, w.now, restart, total);
  if (d.step_due_at) {
    d.step_due_at = workflow::resume_due(w.cal, *d.step_due_at, paused, w.now, false, 0);
  }
  d.paused_since.reset();
  d.status = DossierStatus::kInProgress;
}

void close(Dossier& d, DossierStatus status, std::string outcome, const World& w) {
  d.status = status;
  d.outcome = std::move(outcome);
  d.closed_at = w.now;
  d.paused_since.reset();
  d.current_assignee_id.reset();
}

std::string_view actor_kind(const identity::Principal* who) {
  if (who == nullptr) return "system";
  return who->is_official() ? "official" : "applicant";
}

Status require_note(const ActionInput& in, std::string_view message) {
  if (in.note.empty()) return Error::validation("note", std::string(message));
  return ok_status();
}

}  // namespace

std::string_view action_name(Action a) {
  switch (a) {
    case Action::kReceive:
      return "receive";
    case Action::kDeskSupplement:
      return "desk_supplement";
    case Action::kDeskRefuse:
      return "desk_refuse";
    case Action::kAssign:
      return "assign";
    case Action::kForward:
      return "forward";
    case Action::kSendBack:
      return "send_back";
    case Action::kRequestSupplement:
      return "request_supplement";
    case Action::kSupply:
      return "supply";
    case Action::kRequestFees:
      return "request_fees";
    case Action::kPayFees:
      return "pay_fees";
    case Action::kSuspend:
      return "suspend";
    case Action::kResume:
      return "resume";
    case Action::kRefuse:
      return "refuse";
    case Action::kApprove:
      return "approve";
    case Action::kReturnResult:
      return "return_result";
    case Action::kWithdraw:
      return "withdraw";
    case Action::kApology:
      return "apology";
    case Action::kRate:
      return "rate";
  }
  return "";
}

std::optional<Action> parse_action(std::string_view s) {
  for (Action a : kAllActions) {
    if (action_name(a) == s) return a;
  }
  return std::nullopt;
}

std::string_view action_label_vi(Action a) {
  switch (a) {
    case Action::kReceive:
      return "Tiếp nhận hồ sơ";
    case Action::kDeskSupplement:
      return "Yêu cầu bổ sung trước khi tiếp nhận";
    case Action::kDeskRefuse:
      return "Từ chối tiếp nhận";
    case Action::kAssign:
      return "Phân công xử lý";
    case Action::kForward:
      return "Chuyển bước tiếp theo";
    case Action::kSendBack:
      return "Trả lại bước trước";
    case Action::kRequestSupplement:
      return "Yêu cầu bổ sung, hoàn thiện hồ sơ";
    case Action::kSupply:
      return "Bổ sung hồ sơ";
    case Action::kRequestFees:
      return "Yêu cầu thực hiện nghĩa vụ tài chính";
    case Action::kPayFees:
      return "Ghi nhận đã nộp phí, lệ phí";
    case Action::kSuspend:
      return "Tạm dừng xử lý";
    case Action::kResume:
      return "Tiếp tục xử lý";
    case Action::kRefuse:
      return "Từ chối giải quyết";
    case Action::kApprove:
      return "Phê duyệt, ký kết quả";
    case Action::kReturnResult:
      return "Trả kết quả";
    case Action::kWithdraw:
      return "Rút hồ sơ";
    case Action::kApology:
      return "Xin lỗi và hẹn lại ngày trả kết quả";
    case Action::kRate:
      return "Đánh giá mức độ hài lòng";
  }
  return "";
}

Permission permission_for(identity::Role step_role) {
  switch (step_role) {
    case identity::Role::kDeskOfficer:
      return onestop::kReceiveDossier;
    case identity::Role::kLeader:
      return onestop::kApproveDossier;
    default:
      return onestop::kHandleDossier;
  }
}

Requirement requirement(const Dossier& d, Action a, const World& w) {
  Requirement r;
  auto official = [&](Permission p, int64_t unit) {
    r.official = true;
    r.permission = p;
    r.unit = unit;
  };
  int64_t current = d.current_unit_id.value_or(d.agency_unit_id);
  switch (a) {
    case Action::kReceive:
    case Action::kDeskSupplement:
    case Action::kDeskRefuse:
      official(onestop::kReceiveDossier, d.desk_unit_id);
      break;
    case Action::kReturnResult:
      official(onestop::kReceiveDossier, return_point(d));
      break;
    case Action::kAssign:
    case Action::kForward:
    case Action::kSendBack:
    case Action::kRequestSupplement:
    case Action::kRequestFees: {
      auto role = d.current_step >= 0 && d.current_step < steps_count(w)
                      ? w.def.steps[static_cast<std::size_t>(d.current_step)].role
                      : identity::Role::kSpecialist;
      official(permission_for(role), current);
      break;
    }
    case Action::kApprove:
    case Action::kRefuse:
    case Action::kSuspend:
    case Action::kResume:
      official(onestop::kApproveDossier, current);
      break;
    case Action::kApology:
      official(onestop::kApproveDossier, d.agency_unit_id);
      break;
    case Action::kSupply:
    case Action::kPayFees:
    case Action::kWithdraw:
      // Fees due before the result are taken where it is returned.
      official(onestop::kReceiveDossier,
               d.status == DossierStatus::kDone ? return_point(d) : d.desk_unit_id);
      r.applicant = d.applicant_account_id.has_value();
      break;
    case Action::kRate:
      r.applicant = d.applicant_account_id.has_value();
      break;
  }
  return r;
}

bool satisfies(const Requirement& r, const identity::Principal& who, const Dossier& d,
               const identity::Authorizer& authz) {
  if (who.is_applicant()) return r.applicant && d.applicant_account_id == who.id;
  return r.official && authz.check(who, r.permission, r.unit).ok();
}

Result<Transition> apply_action(const Dossier& before, const ActionInput& in,
                                const identity::Principal* who, const World& w) {
  Transition t;
  Dossier& d = t.after;
  d = before;
  d.version = before.version + 1;
  DossierEvent& e = t.event;
  e.at = w.now;
  e.action = std::string(action_name(in.action));
  e.status_from = std::string(status_name(before.status));
  e.step_from = before.current_step;
  e.unit_from = before.current_unit_id;
  e.actor_kind = std::string(actor_kind(who));
  if (who != nullptr) {
    e.actor_id = who->id;
    e.actor_name = who->full_name;
  } else {
    e.actor_name = "Hệ thống";
  }
  e.note = in.note;
  boost::json::object data;
  const Action a = in.action;
  const bool received = before.received_at.has_value();

  switch (a) {
    case Action::kReceive: {
      if (before.status != DossierStatus::kSubmitted) return invalid_state(before, a);
      d.received_at = w.now;
      if (who != nullptr) d.received_by = who->id;
      // Online dossiers count from when the complete dossier arrived (submission, or the
      // supplement the desk asked for); counter dossiers from now.
      Instant basis = before.channel == "online" ? before.submitted_at : w.now;
      d.counting_start =
          before.counting_start ? *before.counting_start : w.cal.counting_start(basis);
      d.due_at = w.cal.add_working_seconds(*d.counting_start, total_seconds(d, w));
      d.original_due_at = d.due_at;
      if (in.papers_received.is_array()) d.papers_received = in.papers_received;
      d.status = DossierStatus::kInProgress;
      TS_TRY(enter_step(d, 0, std::nullopt, w));
      t.stats.push_back({"received"});
      if (d.fee_amount > 0) t.stats.push_back({"fee_dossiers"});
      t.notices.push_back("received");
      // Fees due before processing: handling waits (clock paused) until they are paid.
      if (w.def.fees_due == "before_processing" && d.fee_amount > 0 && !d.fee_paid_at) {
        pause(d, DossierStatus::kFeesRequested, w);
        data["fees_due"] = "before_processing";
      }
      break;
    }
    case Action::kDeskSupplement: {
      if (before.status != DossierStatus::kSubmitted) return invalid_state(before, a);
      if (in.items.empty())
        return Error::validation("items", "Cần nêu nội dung phải bổ sung, hoàn thiện.");
      d.status = DossierStatus::kSupplementRequested;
      d.supplement_count += 1;
      t.notices.push_back("supplement");
      break;
    }
    case Action::kDeskRefuse: {
      if (before.status != DossierStatus::kSubmitted) return invalid_state(before, a);
      TS_TRY(require_note(in, "Cần nêu lý do từ chối tiếp nhận."));
      close(d, DossierStatus::kNotReceived, "not_received", w);
      t.stats.push_back({"refused_at_desk"});
      t.notices.push_back("refused");
      break;
    }
    case Action::kAssign: {
      if (!processing(before, w)) return invalid_state(before, a);
      if (!in.assignee_id)
        return Error::validation("assignee_id", "Cần chọn cán bộ được phân công.");
      d.current_assignee_id = in.assignee_id;
      break;
    }
    case Action::kForward: {
      if (!processing(before, w)) return invalid_state(before, a);
      if (before.current_step + 1 >= steps_count(w)) {
        return Error::conflict("dossier.last_step",
                               "Đây là bước cuối cùng: hồ sơ cần được phê duyệt hoặc từ chối.");
      }
      e.timeliness =
          std::string(workflow::timeliness_name(workflow::classify(w.now, *before.step_due_at)));
      TS_TRY(enter_step(d, before.current_step + 1, in.assignee_id, w));
      break;
    }
    case Action::kSendBack: {
      if (!processing(before, w) || before.current_step == 0) return invalid_state(before, a);
      int64_t to = in.to_step.value_or(before.current_step - 1);
      if (to < 0 || to >= before.current_step) {
        return Error::validation("to_step", "Chỉ có thể trả lại một bước trước đó.");
      }
      TS_TRY(require_note(in, "Cần nêu lý do trả lại."));
      e.timeliness =
          std::string(workflow::timeliness_name(workflow::classify(w.now, *before.step_due_at)));
      TS_TRY(enter_step(d, to, in.assignee_id, w));
      break;
    }
    case Action::kRequestSupplement: {
      if (!processing(before, w)) return invalid_state(before, a);
      if (in.items.empty())
        return Error::validation("items", "Cần nêu nội dung phải bổ sung, hoàn thiện.");
      pause(d, DossierStatus::kSupplementRequested, w);
      d.supplement_count += 1;
      t.stats.push_back({"supplement_requests"});
      t.notices.push_back("supplement");
      break;
    }
    case Action::kSupply: {
      if (before.status != DossierStatus::kSupplementRequested) return invalid_state(before, a);
      if (received) {
        resume(d, true, w);
      } else {
        // Before reception: back to the desk; counting starts from these papers.
        d.status = DossierStatus::kSubmitted;
        d.counting_start = w.cal.counting_start(w.now);
      }
      break;
    }
    case Action::kRequestFees: {
      if (!processing(before, w)) return invalid_state(before, a);
      if (!in.fee_amount || *in.fee_amount <= 0) {
        return Error::validation("fee_amount", "Cần số tiền phải nộp (đồng).");
      }
      d.fee_amount = before.fee_amount + *in.fee_amount;
      d.fee_paid_at.reset();
      data["fee_amount"] = *in.fee_amount;
      pause(d, DossierStatus::kFeesRequested, w);
      break;
    }
    case Action::kPayFees: {
      bool waiting = before.status == DossierStatus::kFeesRequested;
      // Fees may be paid whenever they are owed, up to the return of the result.
      bool unpaid = before.fee_amount > 0 && !before.fee_paid_at &&
                    (before.status == DossierStatus::kInProgress ||
                     before.status == DossierStatus::kSubmitted ||
                     before.status == DossierStatus::kSupplementRequested ||
                     before.status == DossierStatus::kDone);
      if (!waiting && !unpaid) return invalid_state(before, a);
      d.fee_paid_at = w.now;
      d.fee_paid_online = who != nullptr && who->is_applicant();
      if (d.fee_paid_online && in.payment_reference.empty()) {
        return Error::validation("payment_reference", "Cần mã giao dịch thanh toán.");
      }
      data["payment_reference"] = in.payment_reference;
      data["amount"] = before.fee_amount;
      if (waiting) resume(d, false, w);
      if (d.fee_paid_online) t.stats.push_back({"fees_paid_online"});
      break;
    }
    case Action::kSuspend: {
      if (!processing(before, w)) return invalid_state(before, a);
      TS_TRY(require_note(in, "Cần nêu lý do tạm dừng."));
      pause(d, DossierStatus::kSuspended, w);
      break;
    }
    case Action::kResume: {
      if (before.status != DossierStatus::kSuspended) return invalid_state(before, a);
      resume(d, false, w);
      break;
    }
    case Action::kRefuse: {
      bool open = before.status == DossierStatus::kInProgress ||
                  before.status == DossierStatus::kSuspended ||
                  before.status == DossierStatus::kFeesRequested ||
                  before.status == DossierStatus::kSupplementRequested;
      if (!open || !received) return invalid_state(before, a);
      TS_TRY(require_note(in, "Cần nêu lý do từ chối giải quyết."));
      close(d, DossierStatus::kStopped, "refused", w);
      t.stats.push_back({"refused"});
      t.notices.push_back("refused");
      break;
    }
    case Action::kApprove: {
      if (!processing(before, w) || before.current_step != steps_count(w) - 1) {
        if (processing(before, w)) {
          return Error::conflict("dossier.not_last_step",
                                 "Chỉ phê duyệt ở bước cuối của quy trình.");
        }
        return invalid_state(before, a);
      }
      // A result that is a document must exist before approval: the electronic file, or for
      // a paper result what it is (number, date); an online return needs the file itself.
      if (w.def.result_kind == "document") {
        bool online = before.requested_return_method == "online";
        if (!in.result_file_id && (online || text::trim(in.result_note).empty()))
          return Error::validation(
              "result_file_id",
              online ? "Người nộp nhận kết quả trực tuyến: cần tải lên tệp kết quả điện tử trước "
                       "khi phê duyệt."
                     : "Cần tải lên kết quả điện tử, hoặc ghi số, ngày của giấy tờ kết quả.");
      }
      e.timeliness =
          std::string(workflow::timeliness_name(workflow::classify(w.now, *before.step_due_at)));
      Timeliness overall = workflow::classify(w.now, *before.due_at);
      d.status = DossierStatus::kDone;
      d.outcome = "approved";
      d.finished_at = w.now;
      d.closed_at = w.now;
      d.timeliness = std::string(workflow::timeliness_name(overall));
      d.processing_seconds = std::max<int64_t>(
          0, w.cal.working_seconds_between(*before.counting_start, w.now) - before.paused_seconds);
      d.result_file_id = in.result_file_id;
      d.result_note = in.result_note;
      d.current_step = steps_count(w);
      d.current_unit_id = return_point(before);
      d.current_assignee_id.reset();
      d.step_started_at = w.now;
      d.step_due_at.reset();
      t.stats.push_back({"finished_" + d.timeliness});
      t.stats.push_back({"processing_seconds", *d.processing_seconds});
      if (d.result_file_id) t.stats.push_back({"results_digitised"});
      t.notices.push_back("result_ready");
      data["timeliness"] = d.timeliness;
      break;
    }
    case Action::kReturnResult: {
      if (before.status != DossierStatus::kDone) return invalid_state(before, a);
      if (before.fee_amount > 0 && !before.fee_paid_at)
        return Error::conflict(
            "dossier.fees_unpaid",
            fmt::format("Người nộp chưa hoàn thành nghĩa vụ tài chính ({} đồng); chưa trả kết quả.",
                        text::group_thousands(before.fee_amount)));
      // As the applicant asked, unless the desk records another way.
      std::string method = !in.return_method.empty() ? in.return_method
                           : !before.requested_return_method.empty()
                               ? before.requested_return_method
                               : "desk";
      if (method == "online" && !before.result_file_id) {
        return Error::validation("return_method", "Chưa có kết quả điện tử để trả trực tuyến.");
      }
      if (method == "online" && !before.applicant_account_id) {
        return Error::validation("return_method",
                                 "Người nộp không có tài khoản để nhận kết quả trực tuyến.");
      }
      if (method == "post") {
        if (text::trim(in.postal_tracking).empty())
          return Error::validation(
              "postal_tracking", "Cần mã bưu gửi khi giao kết quả cho dịch vụ bưu chính công ích.");
        d.postal_tracking = std::string(text::trim(in.postal_tracking));
        data["postal_tracking"] = *d.postal_tracking;
        if (before.postal_address) data["postal_address"] = *before.postal_address;
      }
      d.status = DossierStatus::kReturned;
      d.returned_at = w.now;
      d.return_method = method;
      d.current_unit_id.reset();
      t.stats.push_back({"returned"});
      break;
    }
    case Action::kWithdraw: {
      bool open = before.status == DossierStatus::kSubmitted ||
                  before.status == DossierStatus::kSupplementRequested ||
                  before.status == DossierStatus::kInProgress ||
                  before.status == DossierStatus::kFeesRequested ||
                  before.status == DossierStatus::kSuspended;
      if (!open) return invalid_state(before, a);
      close(d, DossierStatus::kStopped, "withdrawn", w);
      if (received) t.stats.push_back({"withdrawn"});
      break;
    }
    case Action::kApology: {
      bool open = is_open(before.status) || before.status == DossierStatus::kDone;
      if (!open || !received || before.status == DossierStatus::kSubmitted)
        return invalid_state(before, a);
      bool late_or_near = before.status == DossierStatus::kDone
                              ? before.timeliness == "late"
                              : workflow::urgency(w.cal, w.now, *before.due_at,
                                                  w.warning_seconds) != workflow::Urgency::kOk;
      if (!late_or_near) {
        return Error::conflict("dossier.not_late",
                               "Hồ sơ chưa đến hạn hoặc sắp đến hạn nên chưa cần thư xin lỗi.");
      }
      TS_TRY(require_note(in, "Cần nêu lý do chậm trễ."));
      if (!in.new_due || *in.new_due <= w.now) {
        return Error::validation("new_due", "Ngày hẹn trả mới phải sau thời điểm hiện tại.");
      }
      d.apology_due_at = in.new_due;
      data["new_due"] = format_rfc3339(*in.new_due);
      data["original_due"] = format_rfc3339(*before.due_at);
      t.notices.push_back("apology");
      break;
    }
    case Action::kRate: {
      if (before.status != DossierStatus::kReturned) return invalid_state(before, a);
      if (before.rated_at)
        return Error::conflict("dossier.already_rated", "Hồ sơ này đã được đánh giá.");
      bool satisfied = true;
      boost::json::object answers;
      for (const auto& c : rating_criteria()) {
        const auto* v = in.answers.if_contains(c.key);
        if (v == nullptr || !v->is_int64() || v->as_int64() < 0 || v->as_int64() > 2) {
          return Error::validation(c.key,
                                   fmt::format("Chọn mức đánh giá cho tiêu chí \"{}\".", c.label));
        }
        answers[c.key] = v->as_int64();
        satisfied = satisfied && v->as_int64() >= 1;
      }
      d.rated_at = w.now;
      data["answers"] = std::move(answers);
      data["satisfied"] = satisfied;
      t.stats.push_back({"ratings"});
      if (satisfied) t.stats.push_back({"ratings_satisfied"});
      break;
    }
  }
  if (!in.items.empty()) {
    boost::json::array items;
    for (const auto& i : in.items) items.push_back(boost::json::string(i));
    data["items"] = std::move(items);
  }
  e.status_to = std::string(status_name(d.status));
  e.step_to = d.current_step;
  e.unit_to = d.current_unit_id;
  e.assignee_to = d.current_assignee_id;
  e.step_due_at = d.step_due_at;
  if (!data.empty()) e.data = std::move(data);
  return t;
}

std::vector<Action> available_actions(const Dossier& d, const identity::Principal& who,
                                      const World& w, const identity::Authorizer& authz) {
  std::vector<Action> out;
  for (Action a : kAllActions) {
    if (!satisfies(requirement(d, a, w), who, d, authz)) continue;
    // A dry run with enough input to pass the input checks tells whether the state allows it.
    ActionInput probe;
    probe.action = a;
    probe.note = "-";
    probe.items = {"-"};
    probe.assignee_id = who.id;
    probe.fee_amount = 1;
    probe.payment_reference = "-";
    probe.return_method = d.result_file_id ? "online" : "desk";
    probe.result_file_id = 1;  // approval needs a result; the dry run has a stand-in
    probe.result_note = "-";
    probe.postal_tracking = "-";
    probe.new_due = w.now + std::chrono::hours(24);
    for (const auto& c : rating_criteria()) probe.answers[c.key] = 2;
    if (apply_action(d, probe, &who, w).ok()) out.push_back(a);
  }
  return out;
}

const std::vector<Criterion>& rating_criteria() {
  static const std::vector<Criterion> kCriteria = [] {
    std::vector<Criterion> out;
    auto text = resources::get("resources/onestop/rating-criteria.json");
    if (!text) return out;
    boost::system::error_code ec;
    auto doc = boost::json::parse(*text, ec);
    if (ec) return out;
    for (const auto& c : doc.at("criteria").as_array()) {
      out.push_back({std::string(c.at("key").as_string()), std::string(c.at("label").as_string())});
    }
    return out;
  }();
  return kCriteria;
}

}  // namespace tinhso::onestop
