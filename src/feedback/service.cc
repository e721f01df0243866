#include "feedback/service.h"

#include <fmt/format.h>

#include "core/base/crypto.h"
#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/config/config.h"
#include "core/identity/accounts.h"
#include "core/identity/actor_of.h"
#include "core/identity/org_tree.h"
#include "core/workflow/deadline.h"
#include "documents/config.h"
#include "documents/exchange/transport.h"
#include "documents/permissions.h"
#include "feedback/access.h"
#include "feedback/config.h"
#include "feedback/letters.h"
#include "feedback/notices.h"
#include "feedback/open311.h"
#include "feedback/permissions.h"

namespace tinhso::feedback {
namespace {

using boost::json::object;

Error not_found() {
  return Error::not_found("Không tìm thấy phản ánh, kiến nghị.");
}

Error version_conflict() {
  return Error::conflict("feedback.version_conflict",
                         "Phản ánh, kiến nghị vừa được người khác cập nhật; vui lòng tải lại.");
}

// Fills what `from` gives and `into` lacks.
void fill(std::optional<std::string>& into, const std::optional<std::string>& from) {
  if (!into && from) into = from;
}

}  // namespace

Result<int64_t> FeedbackService::reception_unit() const {
  auto org = s_.org.get();
  const std::string& code = s_.config.section<FeedbackConfig>().reception_unit_code;
  if (!code.empty()) {
    const auto* u = org->find_by_code(code);
    if (u == nullptr || !u->active)
      return Error::internal(
          fmt::format("feedback.reception_unit_code {} is no active unit", code));
    return u->id;
  }
  // By default the office of the provincial people's committee (Văn phòng UBND tỉnh), which
  // receives feedback for the committee; the committee itself when it has no such unit.
  for (int64_t root : org->roots()) {
    const auto* u = org->find(root);
    if (u == nullptr || !u->active || !org->is_committee(*u)) continue;
    for (int64_t c : org->children(root)) {
      const auto* office = org->find(c);
      if (office != nullptr && office->active &&
          text::fold(office->name).starts_with("van phong uy ban nhan dan"))
        return office->id;
    }
    return u->id;
  }
  return Error::internal("no provincial people's committee to receive feedback");
}

Result<FeedbackService::Submitted> FeedbackService::submit(const identity::Principal* who,
                                                           const audit::Actor& actor,
                                                           const Submission& sub) {
  return create(who != nullptr && who->is_applicant() ? who : nullptr, actor, sub, std::nullopt);
}

Result<FeedbackService::Submitted> FeedbackService::enter(const identity::Principal& who,
                                                          const audit::Actor& actor,
                                                          const Submission& sub) {
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  TS_ASSIGN_OR_RETURN(auto grant, s_.authorizer.check(who, kReceiveFeedback, reception));
  return create(&who, actor, sub, grant);
}

Result<FeedbackService::Submitted> FeedbackService::create(const identity::Principal* who,
                                                           const audit::Actor& actor,
                                                           const Submission& sub,
                                                           std::optional<identity::Grant> grant) {
  bool official = grant.has_value();
  const auto& config = s_.config.section<FeedbackConfig>();
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  auto cal = s_.calendar.get();
  Item it;
  it.kind = sub.kind;
  it.category_id = sub.category_id;
  it.channel = sub.channel;
  it.title = sub.title;
  it.content = sub.content;
  it.proposal = sub.proposal;
  it.sender_name = sub.sender.name;
  it.sender_address = sub.sender.address;
  it.sender_phone = sub.sender.phone;
  it.sender_email = sub.sender.email;
  it.location = sub.location;
  it.latitude_e6 = sub.latitude_e6;
  it.longitude_e6 = sub.longitude_e6;
  it.dossier_code = sub.dossier_code;
  it.app_key_id = sub.app_key_id;
  it.suspected = suspected_kind(sub.title, sub.content);
  it.reception_unit_id = reception;
  it.unit_id = reception;
  Submitted out;
  out.token = crypto::random_token(18);
  it.token_hash = crypto::sha256_hex(out.token);
  std::string folded = text::fold(it.title + " " + it.content + " " + it.proposal.value_or(""));
  auto result = s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<Item> {
    if (grant) identity::authorised_by(tx, grant);
    Item item = it;
    TS_ASSIGN_OR_RETURN(auto category, find_category(tx.sql(), item.category_id));
    if (!category || !category->active)
      return Error::validation("category_id", "Lĩnh vực phản ánh, kiến nghị không hợp lệ.");
    // A signed-in sender is who their account says, unless they wrote otherwise.
    if (!official && who != nullptr) {
      item.sender_account_id = who->id;
      TS_ASSIGN_OR_RETURN(auto acc, tx.sql().query("SELECT full_name, phone, email, address "
                                                   "FROM applicants WHERE id = $1",
                                                   {who->id}));
      if (!acc.empty()) {
        auto r = acc.front();
        fill(item.sender_name, r.opt_str(0));
        fill(item.sender_phone, r.opt_str(1));
        fill(item.sender_email, r.opt_str(2));
        fill(item.sender_address, r.opt_str(3));
      }
    }
    Instant now = tx.now();
    if (item.app_key_id) TS_TRY(use_allowance(tx.sql(), *item.app_key_id, now));
    SenderKey key{item.sender_account_id, item.sender_phone, item.sender_email, std::nullopt};
    // Nothing to reach the sender by: the address it came from (not an officer's, who enters
    // calls and letters for many people, nor an application's, which has its own allowance).
    if (!official && !sub.app_key_id && !key.account_id && !key.phone && !key.email &&
        !actor.ip.empty())
      key.ip = actor.ip;
    TS_TRY(check_sender(tx.sql(), key, folded, now, 0));
    item.client_ip = key.ip;
    item.status = missing_fields(item).empty() ? FeedbackStatus::kReceived : FeedbackStatus::kDraft;
    item.received_at = now;
    if (item.status == FeedbackStatus::kReceived)
      item.forward_due_at = cal->due(now, config.forward_days, 0);
    TS_ASSIGN_OR_RETURN(item.code, next_code(tx.sql(), static_cast<int>(local_date(now).year())));
    TS_ASSIGN_OR_RETURN(item.id, insert_item(tx.sql(), item, tx.now_ms()));
    TS_TRY(insert_event(tx.sql(), item.id,
                        Event{now, official ? "enter" : "submit", std::nullopt,
                              std::string(status_name(item.status)), reception, actor.kind,
                              actor.name, std::nullopt}));
    TS_TRY(tx.record(
        official ? "feedback.enter" : "feedback.submit", "feedback", item.id,
        object{
            {"code", item.code}, {"channel", item.channel}, {"status", status_name(item.status)}}));
    return item;
  });
  TS_TRY(result);
  out.item = std::move(*result);
  out.missing = missing_fields(out.item);
  return out;
}

Status FeedbackService::check_sender(storage::Tx& tx, const SenderKey& key, std::string_view folded,
                                     Instant now, int64_t except_id) {
  const auto& config = s_.config.section<FeedbackConfig>();
  if (config.per_sender_per_day == 0 || (!key.account_id && !key.phone && !key.email && !key.ip))
    return ok_status();
  TS_ASSIGN_OR_RETURN(int64_t n, count_from_sender(tx, key, now - std::chrono::days(1)));
  if (n >= config.per_sender_per_day)
    return Error(429, "feedback.too_many",
                 fmt::format("Mỗi người gửi được tối đa {} phản ánh, kiến nghị trong một ngày. "
                             "Vui lòng gửi lại sau.",
                             config.per_sender_per_day));
  TS_ASSIGN_OR_RETURN(auto same,
                      find_duplicate(tx, key, folded, now - std::chrono::days(7), except_id));
  if (!same) return ok_status();
  // Only a signed-in sender learns the earlier item's code, and only of an item sent from their
  // account: anyone may type a phone number.
  if (same->same_account)
    return Error(409, "feedback.duplicate",
                 fmt::format("Phản ánh, kiến nghị này đã được gửi với mã {}; vui lòng theo dõi "
                             "theo mã đó.",
                             same->code),
                 object{{"code", same->code}});
  return Error::conflict("feedback.duplicate",
                         "Phản ánh, kiến nghị có cùng nội dung đã được gửi trong 7 ngày qua; vui "
                         "lòng theo dõi qua đường dẫn đã nhận khi gửi.");
}

Result<boost::json::object> FeedbackService::track(std::string_view code, std::string_view token,
                                                   const identity::Principal* who) {
  Context context{s_.calendar.get(), s_.org.get()};
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto item, find_item_by_code(tx, code));
    if (!item || !is_sender(*item, who, token)) return not_found();
    return render(tx, context, *item, Audience::kSender, who);
  });
}

Result<boost::json::object> FeedbackService::sender_act(std::string_view code,
                                                        std::string_view token,
                                                        const identity::Principal* who,
                                                        const audit::Actor& actor,
                                                        const ActionInput& in) {
  if (!is_sender_action(in.action)) return Error::forbidden();
  Context context{s_.calendar.get(), s_.org.get()};
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto item, find_item_by_code(tx.sql(), code));
    if (!item || !is_sender(*item, who, token)) return not_found();
    TS_ASSIGN_OR_RETURN(auto after, apply(tx, context, std::move(*item), in));
    return render(tx.sql(), context, after, Audience::kSender, who);
  });
}

Result<FeedbackService::Closing> FeedbackService::closing_of(storage::Tx& tx, const Item& item) {
  TS_ASSIGN_OR_RETURN(auto events, load_events(tx, item.id));
  auto closing = closing_event(item, events);
  if (!closing) return Error::not_found("Phản ánh, kiến nghị này không có thông báo.");
  Closing out{std::move(*closing), std::nullopt};
  if (item.status == FeedbackStatus::kForwardedOut) {
    TS_ASSIGN_OR_RETURN(out.forwarded, load_forwarded(tx, item.merged_into.value_or(item.id)));
  }
  return out;
}

// The PDF is laid out after the read: rendering does not hold a database connection.
Result<std::string> FeedbackService::sender_letter(std::string_view code, std::string_view token,
                                                   const identity::Principal* who) {
  auto org = s_.org.get();
  TS_ASSIGN_OR_RETURN(auto found,
                      s_.db.read([&](storage::Tx& tx) -> Result<std::pair<Item, Closing>> {
                        TS_ASSIGN_OR_RETURN(auto item, find_item_by_code(tx, code));
                        if (!item || !is_sender(*item, who, token)) return not_found();
                        TS_ASSIGN_OR_RETURN(auto closing, closing_of(tx, *item));
                        return std::pair{std::move(*item), std::move(closing)};
                      }));
  const auto& fwd = found.second.forwarded;
  return closure_letter(*org, found.first, found.second.event, fwd ? &*fwd : nullptr);
}

Result<std::string> FeedbackService::letter(const identity::Principal& who, int64_t id) {
  auto org = s_.org.get();
  TS_ASSIGN_OR_RETURN(auto found,
                      s_.db.read([&](storage::Tx& tx) -> Result<std::pair<Item, Closing>> {
                        TS_ASSIGN_OR_RETURN(auto item, load_item(tx, id));
                        if (!item || !check_view(s_.authorizer, who, *item).ok())
                          return not_found();
                        TS_ASSIGN_OR_RETURN(auto closing, closing_of(tx, *item));
                        return std::pair{std::move(*item), std::move(closing)};
                      }));
  const auto& fwd = found.second.forwarded;
  return closure_letter(*org, found.first, found.second.event, fwd ? &*fwd : nullptr);
}

Instant statutory_due(const calendar::WorkingCalendar& cal, Instant from, int days) {
  // Calendar days from the day after `from`, ending at midnight; a period whose last day is a
  // day off ends with the next working day (Bộ luật Dân sự 2015, Art. 148; verify).
  Date last = add_days(local_date(from), days);
  while (!cal.is_working_day(last)) last = add_days(last, 1);
  return local_instant(add_days(last, 1), 0);
}

Result<boost::json::object> FeedbackService::view(const identity::Principal& who, int64_t id) {
  Context context{s_.calendar.get(), s_.org.get()};
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto item, load_item(tx, id));
    // Officials who may not see an item learn nothing of it, not even that it exists.
    if (!item || !check_view(s_.authorizer, who, *item).ok()) return not_found();
    return render(tx, context, *item, Audience::kOfficial, &who);
  });
}

Result<storage::Keyed<boost::json::value>> FeedbackService::queue(const identity::Principal& who,
                                                                  const QueueQuery& q) {
  if (q.assignee_id) {
    if (*q.assignee_id != who.id) return Error::forbidden();
    return s_.db.read([&](storage::Tx& tx) { return list_queue(tx, q, s_.clock.now()); });
  }
  bool allowed = s_.authorizer.check(who, kReceiveFeedback, q.unit_id).ok();
  for (auto p : {kHandleFeedback, kApproveFeedback})
    allowed = allowed || check_within(s_.authorizer, who, p, q.unit_id).ok();
  if (!allowed)
    return Error::forbidden("Ông/Bà không được xem phản ánh, kiến nghị của đơn vị này.");
  return s_.db.read([&](storage::Tx& tx) { return list_queue(tx, q, s_.clock.now()); });
}

Result<boost::json::object> FeedbackService::act(const identity::Principal& who,
                                                 const audit::Actor& actor, int64_t id,
                                                 const ActionInput& in) {
  if (is_sender_action(in.action))
    return Error::forbidden("Thao tác này dành cho người gửi phản ánh, kiến nghị.");
  Context context{s_.calendar.get(), s_.org.get()};
  std::unique_ptr<ForwardingPapers> papers;
  if (in.action == FeedbackAction::kForwardOut && in.agency_code) {
    TS_ASSIGN_OR_RETURN(papers, prepare_forwarding(who, context, id, in));
  }
  auto result = s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto item, load_item(tx.sql(), id));
    if (!item) return not_found();
    if (!check_view(s_.authorizer, who, *item).ok()) return not_found();
    TS_TRY(identity::authorised_by(tx, check_action(s_.authorizer, who, in.action, *item)));
    if (papers) {
      // The forwarding document is the reception unit's: its drafter must be allowed to draft.
      auto may_draft =
          s_.authorizer.check(who, documents::kHandleDocument, item->reception_unit_id);
      if (!may_draft.ok()) return may_draft.error();
    }
    if (item->version != in.expected_version) return version_conflict();
    if (in.action == FeedbackAction::kMerge) {
      // The main item must be one the official may see: a code typed is not a way to learn of
      // other items.
      TS_ASSIGN_OR_RETURN(auto main, find_item_by_code(tx.sql(), *in.main_code));
      if (!main || !check_view(s_.authorizer, who, *main).ok())
        return Error::validation("main_code", "Không tìm thấy phản ánh, kiến nghị chính.");
    }
    TS_ASSIGN_OR_RETURN(auto after, apply(tx, context, std::move(*item), in));
    if (papers) {
      TS_ASSIGN_OR_RETURN(int64_t document, start_forwarding_document(tx, files_, after, *papers));
      TS_TRY(tx.record("feedback.forward_document", "feedback", after.id,
                       object{{"document_id", document}, {"agency_code", papers->to.code}}));
    }
    return render(tx.sql(), context, after, Audience::kOfficial, &who);
  });
  if (result.ok()) s_.outbox.wake();
  return result;
}

Result<std::unique_ptr<ForwardingPapers>> FeedbackService::prepare_forwarding(
    const identity::Principal& who, const Context& context, int64_t id, const ActionInput& in) {
  // On the heap and never moved: the checked files view the bytes it holds.
  auto out = std::make_unique<ForwardingPapers>();
  out->to = ForwardTo{*in.agency_code, in.agency_name.value_or("")};
  std::vector<Attachment> attachments;
  TS_ASSIGN_OR_RETURN(auto item, s_.db.read([&](storage::Tx& tx) -> Result<Item> {
    TS_ASSIGN_OR_RETURN(auto found, load_item(tx, id));
    if (!found || !check_view(s_.authorizer, who, *found).ok()) return not_found();
    // Everything that refuses cheaply comes before the files are read, the letter drawn and the
    // files scanned: who may forward, who may draft the reception unit's documents, whether the
    // item can be forwarded now, and at the version the caller saw.
    TS_TRY(check_action(s_.authorizer, who, FeedbackAction::kForwardOut, *found));
    if (!s_.authorizer.check(who, documents::kHandleDocument, found->reception_unit_id).ok())
      return Error::forbidden(
          "Ông/Bà không được soạn văn bản của đơn vị tiếp nhận nên không chuyển kèm văn bản điện "
          "tử được; hãy để trống cơ quan nhận để chỉ ghi nhận việc chuyển, hoặc nhờ văn thư.");
    ItemFacts facts{missing_fields(*found).empty(), found->reopened, found->question.has_value()};
    TS_TRY(next_status(found->status, FeedbackAction::kForwardOut, facts));
    if (found->version != in.expected_version) return version_conflict();
    TS_ASSIGN_OR_RETURN(attachments, load_attachments(tx, id));
    for (const auto& a : attachments) {
      TS_ASSIGN_OR_RETURN(auto bytes, files_.content(tx, a.file_id));
      out->contents.push_back(std::move(bytes));
    }
    return std::move(*found);
  }));
  if (context.org->resolve_code(out->to.code) != nullptr)
    return Error::validation("agency_code",
                             "Cơ quan \"" + out->to.code +
                                 "\" thuộc hệ thống này: chuyển cho đơn vị đó thay vì chuyển ra "
                                 "ngoài tỉnh.");
  if (!documents::exchange::resolve(s_.config.section<documents::ExchangeConfig>(), out->to.code))
    return Error::validation("agency_code",
                             "Chưa có đường gửi văn bản điện tử tới cơ quan \"" + out->to.code +
                                 "\" (cấu hình exchange.routes hoặc trục liên thông "
                                 "exchange.axis_url); ghi nhận việc chuyển không kèm văn bản "
                                 "điện tử hoặc gửi văn bản giấy.");
  out->letter_pdf =
      forwarding_letter(*context.org, item, out->to.name, in.note.value_or(""), s_.clock.now());
  TS_ASSIGN_OR_RETURN(auto letter, files_.check("cong-van-chuyen-" + item.code + ".pdf",
                                                "application/pdf", out->letter_pdf));
  out->files.push_back(std::move(letter));
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    TS_ASSIGN_OR_RETURN(
        auto f, files_.check(attachments[i].name, attachments[i].content_type, out->contents[i]));
    out->files.push_back(std::move(f));
  }
  return out;
}

Result<boost::json::array> FeedbackService::assignees(const identity::Principal& who, int64_t id) {
  return s_.db.read([&](storage::Tx& tx) -> Result<boost::json::array> {
    TS_ASSIGN_OR_RETURN(auto item, load_item(tx, id));
    if (!item || !check_view(s_.authorizer, who, *item).ok()) return not_found();
    TS_TRY(check_action(s_.authorizer, who, FeedbackAction::kAssign, *item));
    return assignable_officials(tx, item->unit_id);
  });
}

Result<Item> FeedbackService::apply(audit::ChangeTx& tx, const Context& snap, Item item,
                                    const ActionInput& in) {
  using A = FeedbackAction;
  const auto& config = s_.config.section<FeedbackConfig>();
  const auto* cal = snap.cal.get();
  const auto* org = snap.org.get();
  Instant now = tx.now();
  const Item original = item;
  FeedbackStatus before = item.status;
  if (in.action == A::kComplete) {
    fill(item.sender_name, in.sender.name);
    fill(item.sender_address, in.sender.address);
    fill(item.sender_phone, in.sender.phone);
    fill(item.sender_email, in.sender.email);
    if (in.content && item.content.find_first_not_of(" \t\r\n") == std::string::npos)
      item.content = *in.content;
  }
  // Routed before the statutory clocks existed, such an item was settled then (closed_at).
  if ((in.action == A::kAcceptCase || in.action == A::kDeclineCase) && item.closed_at)
    return Error::conflict("feedback.case_closed",
                           "Đơn này đã được chuyển xử lý xong trước đây; không thụ lý tại đây.");
  ItemFacts facts{missing_fields(item).empty(), item.reopened, item.question.has_value()};
  TS_ASSIGN_OR_RETURN(item.status, next_status(item.status, in.action, facts));
  // A question not replied to by the time the item is settled can no longer be answered.
  if (!is_open(item.status)) item.question.reset();
  // The competent unit named by reception or a transfer: an active unit of the province.
  auto competent = [&]() -> Result<int64_t> {
    const auto* u = org->find(in.unit_id.value_or(0));
    if (u == nullptr || !u->active)
      return Error::validation("unit_id", "Đơn vị được chọn không tồn tại hoặc đã giải thể.");
    return u->id;
  };
  std::optional<std::string> note = in.note;
  switch (in.action) {
    case A::kComplete: {
      // What the draft lacked may be a phone or an address that has reached its limit.
      SenderKey key{item.sender_account_id, item.sender_phone, item.sender_email, std::nullopt};
      TS_TRY(check_sender(
          tx.sql(), key,
          text::fold(item.title + " " + item.content + " " + item.proposal.value_or("")), now,
          item.id));
      // Received now: the routing clock starts when the item can be handled.
      item.received_at = now;
      item.forward_due_at = cal->due(now, config.forward_days, 0);
      break;
    }
    case A::kRegister: {
      if (in.category_id) {
        TS_ASSIGN_OR_RETURN(auto c, find_category(tx.sql(), *in.category_id));
        if (!c || !c->active) return Error::validation("category_id", "Lĩnh vực không hợp lệ.");
        item.category_id = c->id;
      }
      if (in.kind) item.kind = *in.kind;
      if (item.kind == "petition" && !item.proposal)
        return Error::validation("kind",
                                 "Kiến nghị cần đề xuất của người gửi; nội dung này là phản ánh.");
      TS_ASSIGN_OR_RETURN(auto category, find_category(tx.sql(), item.category_id));
      TS_ASSIGN_OR_RETURN(item.unit_id, competent());
      item.registered_at = now;
      TS_ASSIGN_OR_RETURN(int64_t days,
                          answer_days_for(tx.sql(), category, item.unit_id, config.answer_days));
      item.due_at = cal->due(now, days, 0);
      break;
    }
    case A::kReject:
    case A::kForwardOut:
      item.closed_at = now;
      break;
    case A::kRouteComplaint: {
      // Out of feedback and under its own law, at the unit named (the inspectorate, or the head
      // of the body complained of) or at reception; its acceptance clock counts from receipt
      // (Luật Khiếu nại Art. 27, Luật Tố cáo Art. 24). Items merged into it would not follow a
      // case: they are settled on their own first.
      TS_ASSIGN_OR_RETURN(auto followers, load_followers(tx.sql(), item.id));
      if (!followers.empty())
        return Error::conflict("feedback.has_followers",
                               "Có phản ánh, kiến nghị khác đã gộp vào đây; không chuyển xử lý "
                               "như khiếu nại, tố cáo khi còn phản ánh, kiến nghị gộp vào.");
      std::optional<std::string> kind = in.case_kind ? in.case_kind : item.suspected;
      if (!kind) return Error::validation("case_kind", "Chọn khiếu nại hoặc tố cáo.");
      item.suspected = kind;
      if (in.unit_id) {
        TS_ASSIGN_OR_RETURN(item.unit_id, competent());
      }
      item.assignee_id.reset();
      bool complaint = *kind == "complaint";
      item.due_at = cal->due(item.received_at,
                             complaint ? config.complaint_accept_working_days
                                       : config.denunciation_accept_working_days,
                             0);
      break;
    }
    case A::kAcceptCase: {
      bool complaint = item.suspected != "denunciation";
      int days = complaint ? (in.remote ? (in.complex ? config.complaint_decide_days_remote_complex
                                                      : config.complaint_decide_days_remote)
                                        : (in.complex ? config.complaint_decide_days_complex
                                                      : config.complaint_decide_days))
                           : config.denunciation_decide_days;
      item.due_at = statutory_due(*cal, now, days);
      if (complaint)
        note = fmt::format("{}{}{}", in.complex ? "Vụ việc phức tạp. " : "",
                           in.remote ? "Vùng sâu, vùng xa. " : "", in.note.value_or(""));
      break;
    }
    case A::kDeclineCase:
      item.closed_at = now;
      break;
    case A::kExtendCase: {
      // Luật Tố cáo 2018 Art. 30: once for a complex case, twice for a very complex one; a
      // complaint's longer time is chosen when it is accepted (Luật Khiếu nại 2011 Art. 28).
      if (item.suspected != "denunciation")
        return Error::conflict("feedback.complaint_not_extended",
                               "Thời hạn giải quyết khiếu nại được xác định khi thụ lý (vụ việc "
                               "phức tạp, vùng sâu, vùng xa); không gia hạn.");
      // Decided in writing before the time runs out, as an answer's extension is.
      if (item.due_at && now > *item.due_at)
        return Error::conflict("feedback.overdue",
                               "Đã quá thời hạn giải quyết; không thể gia hạn sau khi hết hạn.");
      int64_t allowed = in.very_complex ? 2 : 1;
      if (item.case_extensions >= allowed)
        return Error::conflict(
            "feedback.extended_enough",
            in.very_complex ? "Tố cáo đã được gia hạn hai lần; không gia hạn thêm."
                            : "Vụ việc phức tạp chỉ được gia hạn một lần; vụ việc đặc biệt phức "
                              "tạp được gia hạn hai lần.");
      ++item.case_extensions;
      // Counted from the last day of the period in force (its due time is midnight after it).
      item.due_at = statutory_due(*cal, item.due_at.value_or(now) - std::chrono::milliseconds(1),
                                  config.denunciation_extension_days);
      break;
    }
    case A::kDecideCase:
      item.answer = in.answer;
      item.closed_at = now;
      item.timeliness = std::string(workflow::timeliness_name(
          item.due_at ? workflow::classify(now, *item.due_at) : workflow::Timeliness::kOnTime));
      break;
    case A::kTransfer: {
      TS_ASSIGN_OR_RETURN(int64_t to, competent());
      if (to == item.unit_id)
        return Error::validation("unit_id", "Phản ánh, kiến nghị đang ở đơn vị này.");
      // The deadline is the province's promise to the sender: a transfer does not restart it.
      item.unit_id = to;
      item.assignee_id.reset();
      break;
    }
    case A::kAssign: {
      TS_ASSIGN_OR_RETURN(
          auto assignee,
          identity::load_principal(tx.sql(), identity::PrincipalKind::kOfficial, *in.assignee_id));
      if (!assignee || !check_within(s_.authorizer, *assignee, kHandleFeedback, item.unit_id).ok())
        return Error::validation(
            "assignee_id", "Cán bộ được chọn không xử lý phản ánh, kiến nghị tại đơn vị này.");
      item.assignee_id = assignee->id;
      note = note.value_or(assignee->full_name);
      break;
    }
    case A::kExtend: {
      // Once, and before the deadline passes: an extension is a decision announced to the
      // sender in time, not a way to make a late answer count as on time.
      if (item.extended)
        return Error::conflict("feedback.extended_once",
                               "Thời hạn trả lời đã được gia hạn một lần; không gia hạn thêm.");
      if (item.due_at && now > *item.due_at)
        return Error::conflict("feedback.overdue",
                               "Đã quá hạn trả lời; không thể gia hạn sau khi hết hạn.");
      item.extended = true;
      Instant from = item.due_at.value_or(now);
      item.due_at =
          cal->add_working_seconds(from, *in.extend_days * cal->rules().seconds_per_day());
      break;
    }
    case A::kDraftAnswer:
      item.answer = in.answer;
      break;
    case A::kReturnDraft:
      break;
    case A::kApprove:
      if (!item.answer) return Error::validation("answer", "Chưa có nội dung trả lời.");
      item.answered_at = now;
      item.answer_unit_id = item.unit_id;
      item.timeliness = std::string(workflow::timeliness_name(
          item.due_at ? workflow::classify(now, *item.due_at) : workflow::Timeliness::kOnTime));
      item.published = in.publish;
      item.withheld_reason = in.publish ? std::nullopt : in.withheld_reason;
      break;
    case A::kRate:
      item.rating = in.rating;
      item.rating_comment = in.note;
      item.closed_at = now;
      break;
    case A::kClose:
      item.closed_at = now;
      break;
    case A::kMerge: {
      // Not an item others were merged into: they would be left following an item that follows.
      // Locked first (PostgreSQL), so that a merge into this item at the same time is seen.
      TS_TRY(lock_item_by_code(tx.sql(), item.code));
      TS_ASSIGN_OR_RETURN(auto followers, load_followers(tx.sql(), item.id));
      if (!followers.empty())
        return Error::conflict(
            "feedback.has_followers",
            fmt::format("Đã có {} phản ánh, kiến nghị gộp vào phản ánh, kiến nghị này; hãy gộp "
                        "các phản ánh, kiến nghị khác vào đây thay vì gộp nó đi.",
                        followers.size()));
      // The main item locked (PostgreSQL): its answer and this merge do not cross, and two
      // items are not merged into each other at once.
      TS_ASSIGN_OR_RETURN(auto main, lock_item_by_code(tx.sql(), *in.main_code));
      if (!main) return Error::validation("main_code", "Không tìm thấy phản ánh, kiến nghị chính.");
      if (main->id == item.id)
        return Error::validation("main_code", "Không thể gộp phản ánh, kiến nghị vào chính nó.");
      // Into a main item still being handled, which then answers for both; not into one that
      // is itself merged (the chain would have no end to answer it).
      if (!is_open(main->status))
        return Error::validation(
            "main_code", fmt::format("Phản ánh, kiến nghị {} không còn đang xử lý ({}); chỉ gộp "
                                     "vào phản ánh, kiến nghị đang xử lý.",
                                     main->code, status_label_vi(main->status)));
      item.merged_into = main->id;
      item.assignee_id.reset();
      item.question.reset();
      note = fmt::format("{}{}{}", main->code, in.note ? ": " : "", in.note.value_or(""));
      break;
    }
    case A::kAsk:
      item.question = in.note;
      break;
    case A::kReply:
      item.question.reset();
      break;
    case A::kReopen: {
      // Looked at again by the unit that answered, with a new answering time; the disputed
      // answer is no longer shown as the province's answer.
      item.reopened = true;
      item.extended = false;
      // Back to the unit that answered, or to its successor if a reorganisation ended it.
      item.unit_id = org->work_successor(item.unit_id);
      // A merged item reopened on its own is no longer its main item's follower.
      item.merged_into.reset();
      item.assignee_id.reset();
      item.published = false;
      item.answered_at.reset();
      // Unanswered again: its figures go back to the unit now holding it (items.cc, cell_of).
      item.answer_unit_id.reset();
      item.timeliness.reset();
      TS_ASSIGN_OR_RETURN(auto category, find_category(tx.sql(), item.category_id));
      TS_ASSIGN_OR_RETURN(int64_t days,
                          answer_days_for(tx.sql(), category, item.unit_id, config.answer_days));
      item.due_at = cal->due(now, days, 0);
      break;
    }
  }
  ++item.version;
  TS_ASSIGN_OR_RETURN(bool updated, update_item(tx.sql(), original, item, tx.now_ms()));
  if (!updated) return version_conflict();
  const audit::Actor& actor = tx.actor();
  TS_TRY(insert_event(
      tx.sql(), item.id,
      Event{now, std::string(action_name(in.action)), std::string(status_name(before)),
            std::string(status_name(item.status)), item.unit_id, actor.kind, actor.name, note}));
  object change{{"action", action_name(in.action)},
                {"status_from", status_name(before)},
                {"status_to", status_name(item.status)},
                {"unit_id", item.unit_id},
                {"version", item.version}};
  if (note) change["note"] = *note;
  TS_TRY(tx.record("feedback." + std::string(action_name(in.action)), "feedback", item.id, change));
  TS_TRY(notify_sender(tx, snap, in.action, item, note));
  if (in.action == A::kApprove || in.action == A::kReject || in.action == A::kForwardOut ||
      in.action == A::kRouteComplaint)
    TS_TRY(carry_to_followers(tx, snap, item, in.action, note));
  return item;
}

Status FeedbackService::notify_sender(audit::ChangeTx& tx, const Context& snap,
                                      FeedbackAction action, const Item& item,
                                      const std::optional<std::string>& note) {
  const auto* unit = snap.org->find(item.unit_id);
  for (const auto& m : sender_notices(action, item, unit ? unit->name : "", note, s_.config.notify,
                                      s_.config.server.public_url))
    TS_TRY(outbox::enqueue(tx.sql(), m, tx.now_ms()));
  return ok_status();
}

Status FeedbackService::carry_to_followers(audit::ChangeTx& tx, const Context& snap,
                                           const Item& main, FeedbackAction action,
                                           const std::optional<std::string>& note) {
  TS_ASSIGN_OR_RETURN(auto followers, load_followers(tx.sql(), main.id));
  const audit::Actor& actor = tx.actor();
  for (Item f : followers) {
    const Item original = f;
    FeedbackStatus before = f.status;
    f.status = main.status;
    f.unit_id = main.unit_id;
    f.closed_at = main.closed_at;
    if (action == FeedbackAction::kApprove) {
      // The main item's answer answers the duplicates; it is published once, on the main item.
      f.answer = main.answer;
      f.answered_at = main.answered_at;
      f.answer_unit_id = main.answer_unit_id;
      f.timeliness = main.timeliness;
      f.published = false;
    }
    ++f.version;
    TS_ASSIGN_OR_RETURN(bool updated, update_item(tx.sql(), original, f, tx.now_ms()));
    if (!updated) return version_conflict();
    std::string why = action == FeedbackAction::kApprove
                          ? fmt::format("Trả lời cùng phản ánh, kiến nghị {}", main.code)
                          : fmt::format("{}: {}", main.code, note.value_or(""));
    TS_TRY(insert_event(
        tx.sql(), f.id,
        Event{tx.now(), "follow", std::string(status_name(before)),
              std::string(status_name(f.status)), f.unit_id, actor.kind, actor.name, why}));
    TS_TRY(tx.record("feedback.follow", "feedback", f.id,
                     object{{"main", main.code},
                            {"action", action_name(action)},
                            {"status_to", status_name(f.status)},
                            {"version", f.version}}));
    TS_TRY(notify_sender(tx, snap, action, f, note));
  }
  return ok_status();
}

Result<boost::json::object> FeedbackService::attach_to(const audit::Actor& actor, const Upload& up,
                                                       const FindItem& find, Audience audience,
                                                       const identity::Principal* who) {
  Context context{s_.calendar.get(), s_.org.get()};
  // Who may add to the item is settled before the file is looked at (a scan takes a while); a
  // retried upload finds its file already there and changes nothing.
  std::string sha256 = crypto::sha256_hex(up.bytes);
  TS_ASSIGN_OR_RETURN(auto done, s_.db.read([&](storage::Tx& tx) -> Result<std::optional<object>> {
    TS_ASSIGN_OR_RETURN(auto item, find(tx, nullptr));
    TS_ASSIGN_OR_RETURN(bool there, has_attachment(tx, item.id, sha256));
    if (!there) return std::optional<object>();
    TS_ASSIGN_OR_RETURN(auto o, render(tx, context, item, audience, who));
    return std::optional<object>(std::move(o));
  }));
  if (done) return std::move(*done);
  // The checks (and virus scan) outside the transaction.
  TS_ASSIGN_OR_RETURN(auto checked, files_.check(up.name, up.content_type, up.bytes));
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto found, find(tx.sql(), &tx));
    // Locked (PostgreSQL) so that uploads side by side count each other's files.
    TS_ASSIGN_OR_RETURN(auto locked, lock_item_by_code(tx.sql(), found.code));
    if (!locked) return not_found();
    const Item& item = *locked;
    if (!accepts_files(item.status, audience == Audience::kSender))
      return Error::conflict("feedback.wrong_state",
                             "Chỉ bổ sung tệp khi phản ánh, kiến nghị đang chờ hoặc đang xử lý.");
    TS_ASSIGN_OR_RETURN(bool there, has_attachment(tx.sql(), item.id, checked.sha256));
    if (there)
      return Error::conflict("feedback.file_exists",
                             "Tệp này vừa được đính kèm; vui lòng tải lại.");
    TS_ASSIGN_OR_RETURN(auto existing, load_attachments(tx.sql(), item.id));
    int max = s_.config.section<FeedbackConfig>().max_attachments;
    if (static_cast<int>(existing.size()) >= max)
      return Error::conflict(
          "feedback.too_many_files",
          fmt::format("Mỗi phản ánh, kiến nghị được đính kèm tối đa {} tệp.", max));
    TS_ASSIGN_OR_RETURN(auto stored, files_.insert(tx, checked));
    std::string_view added_by = audience == Audience::kSender ? "sender" : "official";
    TS_TRY(insert_attachment(tx.sql(), item.id, stored.id, added_by, tx.now()));
    std::string status(status_name(item.status));
    TS_TRY(insert_event(tx.sql(), item.id,
                        Event{tx.now(), "attach", status, status, item.unit_id, actor.kind,
                              actor.name, stored.name}));
    TS_TRY(
        tx.record("feedback.attach", "feedback", item.id,
                  object{{"file_id", stored.id}, {"name", stored.name}, {"added_by", added_by}}));
    return render(tx.sql(), context, item, audience, who);
  });
}

Result<boost::json::object> FeedbackService::sender_attach(std::string_view code,
                                                           std::string_view token,
                                                           const identity::Principal* who,
                                                           const audit::Actor& actor,
                                                           const Upload& up) {
  auto find = [&](storage::Tx& tx, audit::ChangeTx*) -> Result<Item> {
    TS_ASSIGN_OR_RETURN(auto item, find_item_by_code(tx, code));
    if (!item || !is_sender(*item, who, token)) return not_found();
    return std::move(*item);
  };
  return attach_to(actor, up, find, Audience::kSender, who);
}

Result<boost::json::object> FeedbackService::attach(const identity::Principal& who,
                                                    const audit::Actor& actor, int64_t id,
                                                    const Upload& up) {
  auto find = [&](storage::Tx& tx, audit::ChangeTx* change) -> Result<Item> {
    TS_ASSIGN_OR_RETURN(auto item, load_item(tx, id));
    if (!item || !check_view(s_.authorizer, who, *item).ok()) return not_found();
    auto grant = check_attach(s_.authorizer, who, *item);
    if (change != nullptr) {
      TS_TRY(identity::authorised_by(*change, grant));
    } else {
      TS_TRY(grant);
    }
    return std::move(*item);
  };
  return attach_to(actor, up, find, Audience::kOfficial, &who);
}

namespace {

Result<files::StoredFile> attached_file(storage::Tx& tx, files::FileStore& files, int64_t item_id,
                                        int64_t file_id) {
  TS_ASSIGN_OR_RETURN(auto all, load_attachments(tx, item_id));
  if (std::none_of(all.begin(), all.end(),
                   [&](const Attachment& a) { return a.file_id == file_id; }))
    return Error::not_found("Không tìm thấy tệp.");
  return files.meta(tx, file_id);
}

}  // namespace

Result<files::StoredFile> FeedbackService::sender_attachment(std::string_view code,
                                                             std::string_view token,
                                                             const identity::Principal* who,
                                                             int64_t file_id) {
  return s_.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
    TS_ASSIGN_OR_RETURN(auto item, find_item_by_code(tx, code));
    if (!item || !is_sender(*item, who, token)) return not_found();
    return attached_file(tx, files_, item->id, file_id);
  });
}

Result<files::StoredFile> FeedbackService::attachment(const identity::Principal& who, int64_t id,
                                                      int64_t file_id) {
  return s_.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
    TS_ASSIGN_OR_RETURN(auto item, load_item(tx, id));
    if (!item || !check_view(s_.authorizer, who, *item).ok()) return not_found();
    return attached_file(tx, files_, item->id, file_id);
  });
}

Result<storage::Keyed<boost::json::value>> FeedbackService::published(const PublicQuery& q) {
  return s_.db.read([&](storage::Tx& tx) { return list_published(tx, q); });
}

Result<boost::json::object> FeedbackService::published_item(std::string_view code) {
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto item, find_item_by_code(tx, code));
    if (!item || !item->published) return not_found();
    // The public list's own row: one projection decides what the public sees.
    PublicQuery q;
    q.code = std::string(code);
    q.limit = 1;
    TS_ASSIGN_OR_RETURN(auto rows, list_published(tx, q));
    if (rows.rows.empty()) return not_found();
    object o = rows.rows.front().as_object();
    TS_ASSIGN_OR_RETURN(auto events, load_events(tx, item->id));
    // The public sees that it was sent, routed and answered; not the unit's inner work
    // (assignments, drafts returned, extensions) nor a disagreement since answered.
    boost::json::array timeline;
    for (const auto& e : events) {
      if (e.action != "submit" && e.action != "enter" && e.action != "complete" &&
          e.action != "register" && e.action != "transfer" && e.action != "approve")
        continue;
      timeline.push_back(object{{"at", format_rfc3339(e.at)},
                                {"action", e.action},
                                {"action_label", event_label_vi(e.action)},
                                {"status", e.status_to}});
    }
    o["timeline"] = std::move(timeline);
    return o;
  });
}

Result<boost::json::object> FeedbackService::statistics(const identity::Principal& who, Date from,
                                                        Date until) {
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  // Reception sees every unit's figures; a unit's leaders those of the units they lead.
  bool everything = s_.authorizer.check(who, kReceiveFeedback, reception).ok();
  auto grants = s_.authorizer.grants_for(who, kApproveFeedback);
  if (!everything && grants.empty())
    return Error::forbidden("Ông/Bà không được xem thống kê phản ánh, kiến nghị.");
  TS_ASSIGN_OR_RETURN(auto rows, s_.db.read([&](storage::Tx& tx) {
    return stats(tx, local_instant(from, 0), local_instant(add_days(until, 1), 0), s_.clock.now());
  }));
  if (!everything)
    std::erase_if(rows, [&](const FigureRow& f) {
      return std::none_of(grants.begin(), grants.end(), [&](const identity::Grant& g) {
        return s_.authorizer.covers(g, f.unit_id);
      });
    });
  return figures_json(rows);
}

Result<std::vector<Category>> FeedbackService::active_categories() {
  return s_.db.read([&](storage::Tx& tx) { return load_categories(tx, true); });
}

Result<NewAppKey> FeedbackService::create_app_key(const identity::Principal& who,
                                                  const audit::Actor& actor, std::string name,
                                                  int64_t per_day) {
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  TS_ASSIGN_OR_RETURN(auto grant, s_.authorizer.check(who, kReceiveFeedback, reception));
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<NewAppKey> {
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(auto made, insert_app_key(tx.sql(), name, per_day, who.id, tx.now()));
    TS_TRY(tx.record("feedback.app_key.create", "feedback_app_key", made.key.id,
                     object{{"name", made.key.name}, {"per_day", made.key.per_day}}));
    return made;
  });
}

Result<std::vector<AppKey>> FeedbackService::app_keys(const identity::Principal& who) {
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  TS_TRY(s_.authorizer.check(who, kReceiveFeedback, reception));
  return s_.db.read([&](storage::Tx& tx) { return load_app_keys(tx); });
}

Status FeedbackService::revoke_app_key(const identity::Principal& who, const audit::Actor& actor,
                                       int64_t id) {
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  TS_ASSIGN_OR_RETURN(auto grant, s_.authorizer.check(who, kReceiveFeedback, reception));
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(bool revoked, feedback::revoke_app_key(tx.sql(), id, tx.now()));
    if (!revoked) return Error::not_found("Không tìm thấy khóa ứng dụng đang dùng.");
    return tx.record("feedback.app_key.revoke", "feedback_app_key", id, object{});
  });
}

Result<AppKey> FeedbackService::app_key(std::string_view text) {
  TS_ASSIGN_OR_RETURN(auto key,
                      s_.db.read([&](storage::Tx& tx) { return find_app_key(tx, text); }));
  if (!key) return Error::forbidden("Khóa ứng dụng (api_key) không hợp lệ hoặc đã bị thu hồi.");
  return std::move(*key);
}

Result<FeedbackService::Submitted> FeedbackService::submit_from_app(const AppKey& key,
                                                                    const audit::Actor& actor,
                                                                    Submission sub) {
  // The application's allowance (counted in create's transaction) stands in for the per-address
  // limit of senders without a phone or an e-mail address: every such person would share the
  // application's server address.
  sub.channel = "app";
  sub.app_key_id = key.id;
  return create(nullptr, actor, sub, std::nullopt);
}

Result<boost::json::object> FeedbackService::app_request(std::string_view code, const AppKey* key) {
  auto org = s_.org.get();
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    TS_ASSIGN_OR_RETURN(auto item, find_item_by_code(tx, code));
    if (!item) return not_found();
    TS_ASSIGN_OR_RETURN(auto category, find_category(tx, item->category_id));
    if (!category) return not_found();
    if (key != nullptr && item->app_key_id == key->id) {
      const auto* unit = org->find(item->answer_unit_id.value_or(item->unit_id));
      return open311::own_request_json(*item, *category, unit ? unit->name : "");
    }
    if (!item->published) return not_found();
    PublicQuery q;
    q.code = std::string(code);
    q.limit = 1;
    TS_ASSIGN_OR_RETURN(auto rows, list_published(tx, q));
    if (rows.rows.empty()) return not_found();
    return open311::published_request_json(rows.rows.front().as_object(), category->code);
  });
}

Result<boost::json::array> FeedbackService::categories() {
  auto org = s_.org.get();
  return s_.db.read([&](storage::Tx& tx) -> Result<boost::json::array> {
    TS_ASSIGN_OR_RETURN(auto all, load_categories(tx, true));
    boost::json::array out;
    for (const auto& c : all) {
      const auto* u = c.unit_id ? org->find(*c.unit_id) : nullptr;
      out.push_back(object{{"id", c.id},
                           {"code", c.code},
                           {"name", c.name},
                           {"subject", c.subject},
                           {"answer_days", c.answer_days ? boost::json::value(*c.answer_days)
                                                         : boost::json::value(nullptr)},
                           {"unit", u ? boost::json::value(object{{"id", u->id}, {"name", u->name}})
                                      : boost::json::value(nullptr)}});
    }
    return out;
  });
}

}  // namespace tinhso::feedback
