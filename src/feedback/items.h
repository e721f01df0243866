// The feedback repository: items, their history, categories, codes, and the lists and figures
// read from them — parameterised SQL inside the caller's transaction. No authorisation here
// (access.h), no HTTP (feedback_api.cc, public_api.cc).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/base/time.h"
#include "core/storage/keyset.h"
#include "core/storage/sql.h"
#include "feedback/lifecycle.h"

namespace tinhso::feedback {

struct Category {
  int64_t id = 0;
  std::string code, name, subject;
  std::optional<int64_t> unit_id;
  std::optional<int64_t> answer_days;
  bool active = true;
};

struct Item {
  int64_t id = 0;
  std::string code;
  std::string kind = "reflection";  // reflection | petition
  FeedbackStatus status = FeedbackStatus::kReceived;
  int64_t category_id = 0;
  std::string channel = "portal";
  std::string title, content;
  std::optional<std::string> proposal;
  std::optional<std::string> sender_name, sender_address, sender_phone, sender_email;
  std::optional<int64_t> sender_account_id;
  std::string token_hash;
  std::optional<std::string>
      client_ip;  // where an item without a way to reach its sender came from
  std::optional<std::string> location;
  std::optional<int64_t> latitude_e6, longitude_e6;
  std::optional<std::string> dossier_code;
  std::optional<std::string> suspected;
  int64_t reception_unit_id = 0;
  int64_t unit_id = 0;
  std::optional<int64_t> assignee_id;
  Instant received_at{};
  std::optional<Instant> forward_due_at, registered_at, due_at, answered_at, closed_at;
  bool extended = false;  // the answer's deadline was extended (once)
  std::optional<std::string> answer;
  std::optional<int64_t> answer_unit_id;
  std::optional<std::string> timeliness;  // early | on_time | late (workflow::Timeliness)
  bool published = false;
  std::optional<std::string> withheld_reason;
  std::optional<int64_t> rating;
  std::optional<std::string> rating_comment;
  bool reopened = false;
  std::optional<int64_t> merged_into;   // the main item a duplicate was merged into
  std::optional<std::string> question;  // asked of the sender, not yet replied to
  std::optional<int64_t> app_key_id;    // the application that sent it (Open311)
  int64_t case_extensions = 0;  // a denunciation's decision extended (Luật Tố cáo, Art. 30)
  int64_t version = 1;
};

// A photo or paper attached to an item, by its sender or an official.
struct Attachment {
  int64_t file_id = 0;
  std::string name, content_type;
  int64_t size = 0;
  std::string added_by;  // sender | official
  Instant at{};
};

struct Event {
  Instant at{};
  std::string action;
  std::optional<std::string> status_from;
  std::string status_to;
  std::optional<int64_t> unit_id;
  std::string actor_kind, actor_name;
  std::optional<std::string> note;
};

Result<std::vector<Category>> load_categories(storage::Tx& tx, bool active_only);
Result<std::optional<Category>> find_category(storage::Tx& tx, int64_t id);

Result<std::optional<Item>> load_item(storage::Tx& tx, int64_t id);
Result<std::optional<Item>> find_item_by_code(storage::Tx& tx, std::string_view code);
// The same, the row locked until the transaction ends (PostgreSQL; SQLite has one writer).
Result<std::optional<Item>> lock_item_by_code(storage::Tx& tx, std::string_view code);
// "PAKN-2026-000123": the next number of `year`.
Result<std::string> next_code(storage::Tx& tx, int year);
// Items matching `where` (a condition on feedback_items' columns with $n placeholders, and any
// ORDER BY, LIMIT or FOR UPDATE after it).
Result<std::vector<Item>> load_items_where(storage::Tx& tx, std::string_view where,
                                           std::initializer_list<storage::Param> params);
// Inserts `item` (its id is ignored) and returns the new id.
Result<int64_t> insert_item(storage::Tx& tx, const Item& item, int64_t now_ms);
// Writes `after` if the stored version is still `after.version - 1`; false when another change
// came first. `before` is the item as read: the figures' counters move from it to `after`.
Result<bool> update_item(storage::Tx& tx, const Item& before, const Item& after, int64_t now_ms);
// Moves the figures' counters (feedback_channel_stats) from what `before` counted to what `after`
// counts (null: nothing), as insert_item and update_item do; for writes that bypass them.
Status adjust_stats(storage::Tx& tx, const Item* before, const Item* after);
Status insert_event(storage::Tx& tx, int64_t item_id, const Event& e);
Result<std::vector<Event>> load_events(storage::Tx& tx, int64_t item_id);

// The items merged into `main_id` that still follow it (status merged).
Result<std::vector<Item>> load_followers(storage::Tx& tx, int64_t main_id);
// How many items still follow `main_id` (merged into it, not yet answered with it).
Result<int64_t> count_merged_into(storage::Tx& tx, int64_t main_id);

Result<std::vector<Attachment>> load_attachments(storage::Tx& tx, int64_t item_id);
// Whether the item holds a file with these bytes (a retried upload adds nothing).
Result<bool> has_attachment(storage::Tx& tx, int64_t item_id, std::string_view sha256);
Status insert_attachment(storage::Tx& tx, int64_t item_id, int64_t file_id,
                         std::string_view added_by, Instant at);

// Who a sender is for the per-sender limit and duplicates: their account when signed in (what
// others type cannot count against it), else the phone number and e-mail address they gave,
// else (nothing to reach them by) the address they sent from.
struct SenderKey {
  std::optional<int64_t> account_id;
  std::optional<std::string> phone, email, ip;
};
// Items sent by `who` since `since`.
Result<int64_t> count_from_sender(storage::Tx& tx, const SenderKey& who, Instant since);
// An item of `who`'s since `since` (other than `except_id`, and not one turned away: a rejected
// item may be sent again) with the same folded text: an obvious duplicate.
struct Duplicate {
  std::string code;
  bool same_account = false;  // found by the sender's account, not by a phone or address typed
};
Result<std::optional<Duplicate>> find_duplicate(storage::Tx& tx, const SenderKey& who,
                                                std::string_view folded_content, Instant since,
                                                int64_t except_id = 0);

struct QueueQuery {
  int64_t unit_id = 0;
  std::optional<int64_t> assignee_id;  // instead of a unit: the items assigned to this official
  // A status name, "open" (default), "overdue", "cases" (complaints and denunciations whose
  // acceptance or decision is due) or "all".
  std::string status;
  std::string text;
  std::optional<storage::SortKey> after;
  int limit = 50;
};
// A unit's items (in its queue, or answered by it), open ones by deadline first.
Result<storage::Keyed<boost::json::value>> list_queue(storage::Tx& tx, const QueueQuery& q,
                                                      Instant now);

// Officials who may be assigned an item of `unit`: its specialists and leaders and those of the
// units within it (a department's divisions), as {id, full_name, unit}.
Result<boost::json::array> assignable_officials(storage::Tx& tx, int64_t unit);

struct PublicQuery {
  std::string text;
  std::optional<int64_t> category_id, unit_id;
  std::optional<Instant> from, until;            // answered in [from, until)
  std::optional<Instant> sent_from, sent_until;  // received in [sent_from, sent_until)
  std::optional<std::string> code;               // one item
  std::optional<storage::SortKey> after;
  int limit = 20;
};
// Published answers, most recently answered first (a word search: most recently sent first),
// without personal data.
Result<storage::Keyed<boost::json::value>> list_published(storage::Tx& tx, const PublicQuery& q);

// The figures of the items received in a period with one answering unit, category and channel.
struct FigureRow {
  int64_t unit_id = 0;
  std::string unit_name;
  int64_t category_id = 0;
  std::string category_name;
  std::string channel;
  int64_t received = 0, answered = 0, answered_on_time = 0, open = 0, overdue = 0, rated = 0,
          rating_sum = 0;
};
// Makes the figures' counters again from the items (`tinhso feedback recount`): after a rolling
// upgrade whose old nodes wrote items without them, or to repair them.
Status recount_stats(storage::Tx& tx);
// The figures of the items received in [from, until), from the counters; overdue as at `now`.
Result<std::vector<FigureRow>> stats(storage::Tx& tx, Instant from, Instant until, Instant now);
// `rows` summed by answering unit and category, and by channel (with the channel's label):
// {items: [...], by_channel: [...]}, each with its average rating.
boost::json::object figures_json(const std::vector<FigureRow>& rows);

// What ND 20/2008 Art. 7 requires and the item lacks: field keys, empty when complete.
std::vector<std::string> missing_fields(const Item& item);
// "complaint" or "denunciation" when the text reads as one (Luật Khiếu nại 2011, Luật Tố cáo
// 2018: not feedback, handled under their own law), for reception to judge.
std::optional<std::string> suspected_kind(std::string_view title, std::string_view content);

}  // namespace tinhso::feedback
