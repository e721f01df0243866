// The views of a feedback item: for officials (everything, with who did what and the actions
// open to the reader) and for its sender (their item, the answer, what they can still do).
// The public sees only published answers, from the public list's projection (items.cc).
#include <boost/json.hpp>

#include "core/identity/org_tree.h"
#include "documents/permissions.h"
#include "feedback/access.h"
#include "feedback/letters.h"
#include "feedback/service.h"

namespace tinhso::feedback {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value time_json(const std::optional<Instant>& t) {
  return t ? value(format_rfc3339(*t)) : value(nullptr);
}

value text_json(const std::optional<std::string>& s) {
  return s ? value(*s) : value(nullptr);
}

value unit_json(const identity::OrgTree& org, std::optional<int64_t> id) {
  const auto* u = id ? org.find(*id) : nullptr;
  if (u == nullptr) return nullptr;
  return object{{"id", u->id}, {"code", u->code}, {"name", u->name}};
}

std::string_view suspected_label_vi(std::string_view s) {
  return s == "denunciation" ? "Có dấu hiệu là đơn tố cáo (Luật Tố cáo 2018)"
                             : "Có dấu hiệu là đơn khiếu nại (Luật Khiếu nại 2011)";
}

}  // namespace

Result<object> FeedbackService::render(storage::Tx& tx, const Context& context, const Item& it,
                                       Audience audience, const identity::Principal* who) {
  const identity::OrgTree* org = context.org.get();
  TS_ASSIGN_OR_RETURN(auto category, find_category(tx, it.category_id));
  TS_ASSIGN_OR_RETURN(auto events, load_events(tx, it.id));
  bool official = audience == Audience::kOfficial;
  Instant now = s_.clock.now();
  std::optional<Instant> due =
      it.status == FeedbackStatus::kReceived ? it.forward_due_at : it.due_at;
  object o{
      {"code", it.code},
      {"kind", it.kind},
      {"kind_label", kind_label_vi(it.kind)},
      {"status", status_name(it.status)},
      {"status_label", status_label_vi(it.status)},
      {"category",
       category ? value(object{{"id", category->id}, {"name", category->name}}) : value(nullptr)},
      {"channel", it.channel},
      {"channel_label", channel_label_vi(it.channel)},
      {"title", it.title},
      {"content", it.content},
      {"proposal", text_json(it.proposal)},
      {"location", text_json(it.location)},
      {"latitude",
       it.latitude_e6 ? value(static_cast<double>(*it.latitude_e6) / 1e6) : value(nullptr)},
      {"longitude",
       it.longitude_e6 ? value(static_cast<double>(*it.longitude_e6) / 1e6) : value(nullptr)},
      {"dossier_code", text_json(it.dossier_code)},
      {"sender", object{{"name", text_json(it.sender_name)},
                        {"address", text_json(it.sender_address)},
                        {"phone", text_json(it.sender_phone)},
                        {"email", text_json(it.sender_email)}}},
      {"unit", unit_json(*org, it.unit_id)},
      {"received_at", format_rfc3339(it.received_at)},
      {"due_at", time_json(due)},
      {"overdue", (is_open(it.status) || is_open_case(it.status)) && due && now > *due},
      {"answer", it.status == FeedbackStatus::kAnswered || it.status == FeedbackStatus::kClosed ||
                         it.status == FeedbackStatus::kCaseDecided || official
                     ? text_json(it.answer)
                     : value(nullptr)},
      {"answered_at", time_json(it.answered_at)},
      {"answer_unit", unit_json(*org, it.answer_unit_id)},
      {"timeliness", text_json(it.timeliness)},
      {"published", it.published},
      {"rating", it.rating ? value(*it.rating) : value(nullptr)},
      {"rating_comment", text_json(it.rating_comment)},
      {"reopened", it.reopened},
      {"closed_at", time_json(it.closed_at)}};
  std::vector<std::string> missing = missing_fields(it);
  o["missing"] = array(missing.begin(), missing.end());
  // A question waiting for the sender's reply; the replies are in the timeline.
  o["question"] = text_json(it.question);
  if (it.merged_into) {
    TS_ASSIGN_OR_RETURN(auto main, load_item(tx, *it.merged_into));
    o["merged_into"] = main ? value(main->code) : value(nullptr);
  } else {
    o["merged_into"] = nullptr;
  }
  TS_ASSIGN_OR_RETURN(auto attachments, load_attachments(tx, it.id));
  array files;
  for (const auto& a : attachments)
    files.push_back(object{{"id", a.file_id},
                           {"name", a.name},
                           {"content_type", a.content_type},
                           {"size", a.size},
                           {"added_by", a.added_by},
                           {"at", format_rfc3339(a.at)}});
  o["attachments"] = std::move(files);
  // What the screens offer, decided here rather than copied into them.
  o["can_attach"] = accepts_files(it.status, !official) &&
                    (!official || (who != nullptr && check_attach(s_.authorizer, *who, it).ok()));
  o["letter"] = has_letter(it.status);
  // Forwarded outside the province as an official document: where to, and (for officials) the
  // document in the outgoing register.
  o["forwarded"] = nullptr;
  if (it.status == FeedbackStatus::kForwardedOut) {
    TS_ASSIGN_OR_RETURN(auto fwd, load_forwarded(tx, it.merged_into.value_or(it.id)));
    if (fwd) o["forwarded"] = forwarded_json(*fwd, official);
  }
  array timeline;
  for (const auto& e : events) {
    auto a = parse_action(e.action);
    object row{{"at", format_rfc3339(e.at)},
               {"action", e.action},
               {"action_label", event_label_vi(e.action)},
               {"status", e.status_to},
               {"status_label",
                status_label_vi(parse_status(e.status_to).value_or(FeedbackStatus::kReceived))},
               {"unit", unit_json(*org, e.unit_id)}};
    // Reasons reach the sender (a rejection, a forwarding, a reopening); drafts and internal
    // returns do not.
    bool reason_for_sender =
        e.action == "follow" || e.action == "attach" ||
        (a && (*a == FeedbackAction::kReject || *a == FeedbackAction::kForwardOut ||
               *a == FeedbackAction::kRouteComplaint || *a == FeedbackAction::kExtend ||
               *a == FeedbackAction::kReopen || *a == FeedbackAction::kMerge ||
               *a == FeedbackAction::kAsk || *a == FeedbackAction::kReply ||
               *a == FeedbackAction::kAcceptCase || *a == FeedbackAction::kDeclineCase ||
               *a == FeedbackAction::kExtendCase));
    if (official || reason_for_sender) row["note"] = text_json(e.note);
    if (official) row["actor"] = object{{"kind", e.actor_kind}, {"name", e.actor_name}};
    timeline.push_back(std::move(row));
  }
  o["timeline"] = std::move(timeline);
  array actions;
  if (official) {
    o["id"] = it.id;
    o["version"] = it.version;
    o["reception_unit"] = unit_json(*org, it.reception_unit_id);
    o["assignee_id"] = it.assignee_id ? value(*it.assignee_id) : value(nullptr);
    o["registered_at"] = time_json(it.registered_at);
    o["forward_due_at"] = time_json(it.forward_due_at);
    o["withheld_reason"] = text_json(it.withheld_reason);
    o["suspected"] = text_json(it.suspected);
    o["suspected_label"] = it.suspected ? value(suspected_label_vi(*it.suspected)) : value(nullptr);
    TS_ASSIGN_OR_RETURN(int64_t merged, count_merged_into(tx, it.id));
    o["merged_count"] = merged;
    for (FeedbackAction a : kFeedbackActions) {
      if (is_sender_action(a) || who == nullptr) continue;
      ItemFacts facts{missing.empty(), it.reopened, it.question.has_value()};
      if (!next_status(it.status, a, facts).ok()) continue;
      if (!check_action(s_.authorizer, *who, a, it).ok()) continue;
      actions.push_back(object{{"name", action_name(a)}, {"label", action_label_vi(a)}});
    }
    // Whether a forwarding out can carry an official document drafted by the reader
    // (forwarding.h): only for those who draft the reception unit's documents.
    o["can_forward_document"] =
        who != nullptr &&
        s_.authorizer.check(*who, documents::kHandleDocument, it.reception_unit_id).ok();
  } else {
    for (FeedbackAction a : {FeedbackAction::kComplete, FeedbackAction::kRate,
                             FeedbackAction::kReopen, FeedbackAction::kReply}) {
      ItemFacts facts{true, it.reopened, it.question.has_value()};
      if (next_status(it.status, a, facts).ok())
        actions.push_back(object{{"name", action_name(a)}, {"label", action_label_vi(a)}});
    }
  }
  o["actions"] = std::move(actions);
  return o;
}

}  // namespace tinhso::feedback
