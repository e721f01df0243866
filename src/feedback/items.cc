#include "feedback/items.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "core/base/text.h"
#include "core/storage/query_builder.h"

namespace tinhso::feedback {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr std::string_view kItemColumns =
    "id, code, kind, status, category_id, channel, title, content, proposal, sender_name, "
    "sender_address, sender_phone, sender_email, sender_account_id, token_hash, location, "
    "latitude_e6, longitude_e6, dossier_code, suspected, reception_unit_id, unit_id, "
    "assignee_id, received_at, forward_due_at, registered_at, due_at, answer, answered_at, "
    "answer_unit_id, timeliness, published, withheld_reason, rating, rating_comment, reopened, "
    "closed_at, version, extended, merged_into, question, app_key_id, case_extensions";

std::optional<Instant> opt_time(const storage::Rows::Row& r, int col) {
  auto v = r.opt_i64(col);
  return v ? std::optional<Instant>(from_millis(*v)) : std::nullopt;
}

std::optional<int64_t> opt_ms(const std::optional<Instant>& t) {
  return t ? std::optional<int64_t>(to_millis(*t)) : std::nullopt;
}

Result<Item> item_of(const storage::Rows::Row& r) {
  Item it;
  it.id = r.i64(0);
  it.code = r.str(1);
  it.kind = r.str(2);
  auto status = parse_status(r.view(3));
  if (!status) return Error::internal(fmt::format("feedback {} has status {}", it.id, r.view(3)));
  it.status = *status;
  it.category_id = r.i64(4);
  it.channel = r.str(5);
  it.title = r.str(6);
  it.content = r.str(7);
  it.proposal = r.opt_str(8);
  it.sender_name = r.opt_str(9);
  it.sender_address = r.opt_str(10);
  it.sender_phone = r.opt_str(11);
  it.sender_email = r.opt_str(12);
  it.sender_account_id = r.opt_i64(13);
  it.token_hash = r.str(14);
  it.location = r.opt_str(15);
  it.latitude_e6 = r.opt_i64(16);
  it.longitude_e6 = r.opt_i64(17);
  it.dossier_code = r.opt_str(18);
  it.suspected = r.opt_str(19);
  it.reception_unit_id = r.i64(20);
  it.unit_id = r.i64(21);
  it.assignee_id = r.opt_i64(22);
  it.received_at = from_millis(r.i64(23));
  it.forward_due_at = opt_time(r, 24);
  it.registered_at = opt_time(r, 25);
  it.due_at = opt_time(r, 26);
  it.answer = r.opt_str(27);
  it.answered_at = opt_time(r, 28);
  it.answer_unit_id = r.opt_i64(29);
  it.timeliness = r.opt_str(30);
  it.published = r.boolean(31);
  it.withheld_reason = r.opt_str(32);
  it.rating = r.opt_i64(33);
  it.rating_comment = r.opt_str(34);
  it.reopened = r.boolean(35);
  it.closed_at = opt_time(r, 36);
  it.version = r.i64(37);
  it.extended = r.boolean(38);
  it.merged_into = r.opt_i64(39);
  it.question = r.opt_str(40);
  it.app_key_id = r.opt_i64(41);
  it.case_extensions = r.i64(42);
  return it;
}

Result<std::optional<Item>> one_item(Result<storage::Rows> rows) {
  TS_TRY(rows);
  if (rows->empty()) return std::optional<Item>();
  TS_ASSIGN_OR_RETURN(auto it, item_of(rows->front()));
  return std::optional<Item>(std::move(it));
}

std::string folded_of(const Item& it) {
  return text::fold(it.title + " " + it.content + " " + it.proposal.value_or("") + " " +
                    it.answer.value_or(""));
}

// Nothing a person could read: no letter or digit once accents are folded (spaces, zero-width
// and other invisible characters do not make a name or an address).
bool unreadable(std::string_view s) {
  std::string f = text::fold(s);
  return std::none_of(f.begin(), f.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
}

bool blank(const std::optional<std::string>& s) {
  return !s || unreadable(*s);
}

// " AND <item matches every word of `text`>" through the search index (migration 0002): FTS5
// on SQLite, the generated tsvector on PostgreSQL; words match as prefixes, accents optional.
void add_search(storage::QueryBuilder& b, const storage::Tx& tx, std::string_view text) {
  auto tokens = text::fold_tokens(text);
  if (tokens.empty()) return;
  std::string expr = storage::prefix_match_query(tokens, tx.is_postgres());
  if (tx.is_postgres())
    b.add(" AND i.folded_tsv @@ to_tsquery('simple', " + b.bind(expr) + ")");
  else
    b.add(" AND i.id IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH " + b.bind(expr) +
          ")");
}

}  // namespace

Result<std::vector<Category>> load_categories(storage::Tx& tx, bool active_only) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT id, code, name, subject, unit_id, answer_days, active FROM "
                           "feedback_categories {} ORDER BY position, id",
                           active_only ? "WHERE active = 1" : "")));
  std::vector<Category> out;
  for (auto r : rows)
    out.push_back(
        {r.i64(0), r.str(1), r.str(2), r.str(3), r.opt_i64(4), r.opt_i64(5), r.boolean(6)});
  return out;
}

Result<std::optional<Category>> find_category(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto all, load_categories(tx, false));
  for (auto& c : all)
    if (c.id == id) return std::optional<Category>(std::move(c));
  return std::optional<Category>();
}

namespace {

// What an item adds to the figures' counters, and where: the day it was received (local time),
// the unit holding it until it is answered (then the one that answered), its category. Drafts
// are not yet received and count nowhere.
struct StatsCell {
  int64_t day = 0, unit_id = 0, category_id = 0;
  std::string channel;
  int64_t received = 0, open = 0, answered = 0, on_time = 0, rated = 0, rating_sum = 0;
  bool same_place(const StatsCell& o) const {
    return day == o.day && unit_id == o.unit_id && category_id == o.category_id &&
           channel == o.channel;
  }
};

constexpr int64_t kLocalOffsetMs = 7 * 3'600'000;
constexpr int64_t kDayMs = 86'400'000;

std::optional<StatsCell> cell_of(const Item* it) {
  if (it == nullptr || it->status == FeedbackStatus::kDraft) return std::nullopt;
  StatsCell c;
  c.day = (to_millis(it->received_at) + kLocalOffsetMs) / kDayMs;
  c.unit_id = it->answer_unit_id.value_or(it->unit_id);
  c.category_id = it->category_id;
  c.channel = it->channel;
  c.received = 1;
  c.open = is_open(it->status) ? 1 : 0;
  c.answered = it->answered_at ? 1 : 0;
  // A complaint's decision has a timeliness too, but it is no feedback answer.
  c.on_time = it->answered_at && it->timeliness &&
                      (*it->timeliness == "early" || *it->timeliness == "on_time")
                  ? 1
                  : 0;
  c.rated = it->rating ? 1 : 0;
  c.rating_sum = it->rating.value_or(0);
  return c;
}

constexpr int64_t kBlockDays = 16;  // feedback_channel_stats_block: block = day / 16

// Adds `c` (times `sign`) to its day's and its block's counters.
Status add_to_cell(storage::Tx& tx, const StatsCell& c, int sign) {
  if (c.received == 0 && c.open == 0 && c.answered == 0 && c.on_time == 0 && c.rated == 0 &&
      c.rating_sum == 0)
    return ok_status();
  for (auto [table, key, bucket] :
       {std::tuple{"feedback_channel_stats", "day", c.day},
        std::tuple{"feedback_channel_stats_block", "block", c.day / kBlockDays}}) {
    TS_TRY(tx.exec_later(
        fmt::format("INSERT INTO {0} ({1}, unit_id, category_id, channel, received, open, "
                    "answered, answered_on_time, rated, rating_sum) VALUES ($1, $2, $3, $10, $4, "
                    "$5, $6, $7, $8, $9) ON CONFLICT ({1}, unit_id, category_id, channel) DO "
                    "UPDATE SET received = {0}.received + excluded.received, open = {0}.open + "
                    "excluded.open, answered = {0}.answered + excluded.answered, "
                    "answered_on_time = {0}.answered_on_time + excluded.answered_on_time, rated "
                    "= {0}.rated + excluded.rated, rating_sum = {0}.rating_sum + "
                    "excluded.rating_sum",
                    table, key),
        {bucket, c.unit_id, c.category_id, sign * c.received, sign * c.open, sign * c.answered,
         sign * c.on_time, sign * c.rated, sign * c.rating_sum, c.channel}));
  }
  return ok_status();
}

}  // namespace

Status adjust_stats(storage::Tx& tx, const Item* before, const Item* after) {
  auto was = cell_of(before), is = cell_of(after);
  if (was && is && was->same_place(*is)) {
    StatsCell d = *is;
    d.received -= was->received;
    d.open -= was->open;
    d.answered -= was->answered;
    d.on_time -= was->on_time;
    d.rated -= was->rated;
    d.rating_sum -= was->rating_sum;
    return add_to_cell(tx, d, 1);
  }
  if (was) TS_TRY(add_to_cell(tx, *was, -1));
  if (is) TS_TRY(add_to_cell(tx, *is, 1));
  return ok_status();
}

Result<std::vector<Item>> load_items_where(storage::Tx& tx, std::string_view where,
                                           std::initializer_list<storage::Param> params) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(fmt::format("SELECT {} FROM feedback_items WHERE {}",
                                                      kItemColumns, where),
                                          storage::Params(params.begin(), params.size())));
  std::vector<Item> out;
  for (auto r : rows) {
    TS_ASSIGN_OR_RETURN(auto it, item_of(r));
    out.push_back(std::move(it));
  }
  return out;
}

Result<std::optional<Item>> load_item(storage::Tx& tx, int64_t id) {
  return one_item(
      tx.query(fmt::format("SELECT {} FROM feedback_items WHERE id = $1", kItemColumns), {id}));
}

Result<std::optional<Item>> find_item_by_code(storage::Tx& tx, std::string_view code) {
  return one_item(
      tx.query(fmt::format("SELECT {} FROM feedback_items WHERE code = $1", kItemColumns), {code}));
}

Result<std::optional<Item>> lock_item_by_code(storage::Tx& tx, std::string_view code) {
  return one_item(tx.query(fmt::format("SELECT {} FROM feedback_items WHERE code = $1{}",
                                       kItemColumns, tx.is_postgres() ? " FOR UPDATE" : ""),
                           {code}));
}

Result<std::string> next_code(storage::Tx& tx, int year) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("INSERT INTO feedback_code_counters (year, n) VALUES ($1, 1) ON "
                               "CONFLICT (year) DO UPDATE SET n = feedback_code_counters.n + 1 "
                               "RETURNING n",
                               {int64_t{year}}));
  return fmt::format("PAKN-{}-{:06}", year, rows.front().i64(0));
}

Result<int64_t> insert_item(storage::Tx& tx, const Item& it, int64_t now_ms) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO feedback_items (code, kind, status, category_id, channel, title, "
               "content, proposal, sender_name, sender_address, sender_phone, sender_email, "
               "sender_account_id, token_hash, location, latitude_e6, longitude_e6, "
               "dossier_code, suspected, reception_unit_id, unit_id, received_at, "
               "forward_due_at, folded, client_ip, created_at, updated_at, app_key_id) VALUES ($1, "
               "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
               "$20, $21, $22, $23, $24, $25, $26, $26, $27) RETURNING id",
               {it.code,
                it.kind,
                status_name(it.status),
                it.category_id,
                it.channel,
                it.title,
                it.content,
                it.proposal,
                it.sender_name,
                it.sender_address,
                it.sender_phone,
                it.sender_email,
                it.sender_account_id,
                it.token_hash,
                it.location,
                it.latitude_e6,
                it.longitude_e6,
                it.dossier_code,
                it.suspected,
                it.reception_unit_id,
                it.unit_id,
                to_millis(it.received_at),
                opt_ms(it.forward_due_at),
                folded_of(it),
                it.client_ip,
                now_ms,
                it.app_key_id}));
  TS_TRY(adjust_stats(tx, nullptr, &it));
  return rows.front().i64(0);
}

Result<bool> update_item(storage::Tx& tx, const Item& before, const Item& it, int64_t now_ms) {
  TS_ASSIGN_OR_RETURN(
      int64_t n,
      tx.exec("UPDATE feedback_items SET kind = $1, status = $2, category_id = $3, title = $4, "
              "content = $5, proposal = $6, sender_name = $7, sender_address = $8, "
              "sender_phone = $9, sender_email = $10, unit_id = $11, assignee_id = $12, "
              "registered_at = $13, due_at = $14, answer = $15, answered_at = $16, "
              "answer_unit_id = $17, timeliness = $18, published = $19, withheld_reason = $20, "
              "rating = $21, rating_comment = $22, reopened = $23, closed_at = $24, folded = $25, "
              "version = $26, updated_at = $27, extended = $30, received_at = $31, "
              "forward_due_at = $32, merged_into = $33, question = $34, case_extensions = $35, "
              "suspected = $36 WHERE id = $28 AND version = $29",
              {it.kind,
               status_name(it.status),
               it.category_id,
               it.title,
               it.content,
               it.proposal,
               it.sender_name,
               it.sender_address,
               it.sender_phone,
               it.sender_email,
               it.unit_id,
               it.assignee_id,
               opt_ms(it.registered_at),
               opt_ms(it.due_at),
               it.answer,
               opt_ms(it.answered_at),
               it.answer_unit_id,
               it.timeliness,
               it.published ? 1 : 0,
               it.withheld_reason,
               it.rating,
               it.rating_comment,
               it.reopened ? 1 : 0,
               opt_ms(it.closed_at),
               folded_of(it),
               it.version,
               now_ms,
               it.id,
               it.version - 1,
               it.extended ? 1 : 0,
               to_millis(it.received_at),
               opt_ms(it.forward_due_at),
               it.merged_into,
               it.question,
               it.case_extensions,
               it.suspected}));
  if (n != 1) return false;
  TS_TRY(adjust_stats(tx, &before, &it));
  return true;
}

Status insert_event(storage::Tx& tx, int64_t item_id, const Event& e) {
  return tx.exec_later(
      "INSERT INTO feedback_events (item_id, at, action, status_from, status_to, unit_id, "
      "actor_kind, actor_name, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {item_id, to_millis(e.at), e.action, e.status_from, e.status_to, e.unit_id, e.actor_kind,
       e.actor_name, e.note});
}

Result<std::vector<Item>> load_followers(storage::Tx& tx, int64_t main_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM feedback_items WHERE merged_into = $1 AND status = $2 "
                           "ORDER BY id",
                           kItemColumns),
               {main_id, status_name(FeedbackStatus::kMerged)}));
  std::vector<Item> out;
  for (auto r : rows) {
    TS_ASSIGN_OR_RETURN(auto it, item_of(r));
    out.push_back(std::move(it));
  }
  return out;
}

Result<int64_t> count_merged_into(storage::Tx& tx, int64_t main_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT COUNT(*) FROM feedback_items WHERE merged_into = $1 AND status = "
                          "'merged'",
                          {main_id}));
  return rows.front().i64(0);
}

Result<std::vector<Attachment>> load_attachments(storage::Tx& tx, int64_t item_id) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT f.id, f.name, f.content_type, f.size, a.added_by, a.at FROM "
                               "feedback_attachments a JOIN files f ON f.id = a.file_id WHERE "
                               "a.item_id = $1 ORDER BY a.at, f.id",
                               {item_id}));
  std::vector<Attachment> out;
  for (auto r : rows)
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3), r.str(4), from_millis(r.i64(5))});
  return out;
}

Result<bool> has_attachment(storage::Tx& tx, int64_t item_id, std::string_view sha256) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT 1 FROM feedback_attachments a JOIN files f ON f.id = "
                               "a.file_id WHERE a.item_id = $1 AND f.sha256 = $2",
                               {item_id, sha256}));
  return !rows.empty();
}

Status insert_attachment(storage::Tx& tx, int64_t item_id, int64_t file_id,
                         std::string_view added_by, Instant at) {
  return tx.exec_later(
      "INSERT INTO feedback_attachments (item_id, file_id, added_by, at) VALUES ($1, $2, $3, $4)",
      {item_id, file_id, added_by, to_millis(at)});
}

Result<std::vector<Event>> load_events(storage::Tx& tx, int64_t item_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT at, action, status_from, status_to, unit_id, "
                                          "actor_kind, actor_name, note FROM feedback_events "
                                          "WHERE item_id = $1 ORDER BY id",
                                          {item_id}));
  std::vector<Event> out;
  for (auto r : rows)
    out.push_back({from_millis(r.i64(0)), r.str(1), r.opt_str(2), r.str(3), r.opt_i64(4), r.str(5),
                   r.str(6), r.opt_str(7)});
  return out;
}

Result<int64_t> count_from_sender(storage::Tx& tx, const SenderKey& who, Instant since) {
  int64_t n = 0;
  if (who.account_id) {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT count(*) FROM feedback_items WHERE "
                                            "sender_account_id = $1 AND created_at >= $2",
                                            {*who.account_id, to_millis(since)}));
    return rows.front().i64(0);
  }
  const auto& phone = who.phone;
  const auto& email = who.email;
  if (!phone && !email && who.ip) {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT count(*) FROM feedback_items WHERE "
                                            "client_ip = $1 AND sender_account_id IS NULL AND "
                                            "created_at >= $2",
                                            {*who.ip, to_millis(since)}));
    return rows.front().i64(0);
  }
  if (phone) {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT count(*) FROM feedback_items WHERE "
                                            "sender_phone = $1 AND sender_account_id IS NULL AND "
                                            "created_at >= $2",
                                            {*phone, to_millis(since)}));
    n = std::max(n, rows.front().i64(0));
  }
  if (email) {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT count(*) FROM feedback_items WHERE "
                                            "sender_email = $1 AND sender_account_id IS NULL AND "
                                            "created_at >= $2",
                                            {*email, to_millis(since)}));
    n = std::max(n, rows.front().i64(0));
  }
  return n;
}

Result<std::optional<Duplicate>> find_duplicate(storage::Tx& tx, const SenderKey& who,
                                                std::string_view folded_content, Instant since,
                                                int64_t except_id) {
  std::vector<std::pair<const char*, storage::Param>> keys;
  if (who.account_id) keys.emplace_back("sender_account_id", *who.account_id);
  if (who.phone) keys.emplace_back("sender_phone", std::string_view(*who.phone));
  if (who.email) keys.emplace_back("sender_email", std::string_view(*who.email));
  for (const auto& [column, v] : keys) {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query(fmt::format("SELECT code, title, content, proposal FROM feedback_items WHERE "
                             "{} = $1 AND created_at >= $2 AND id <> $3 AND status NOT IN "
                             "('rejected', 'forwarded_out', 'routed_as_complaint') ORDER BY id "
                             "DESC LIMIT 50",
                             column),
                 {v, to_millis(since), except_id}));
    for (auto r : rows) {
      if (text::fold(r.str(1) + " " + r.str(2) + " " + r.str(3)) == folded_content)
        return std::optional<Duplicate>(
            Duplicate{r.str(0), std::string_view(column) == "sender_account_id"});
    }
  }
  return std::optional<Duplicate>();
}

Result<storage::Keyed<value>> list_queue(storage::Tx& tx, const QueueQuery& q, Instant now) {
  // Open items by deadline (items waiting for reception by theirs to route), then the rest
  // newest first, as one ascending key (the same arithmetic as the task lists).
  constexpr std::string_view kSortKey =
      "CASE WHEN i.status IN ('received', 'in_progress', 'answer_drafted', "
      "'routed_as_complaint', 'case_accepted') THEN "
      "COALESCE(i.due_at, i.forward_due_at, i.received_at) ELSE 8000000000000 - i.updated_at END";
  storage::QueryBuilder b(fmt::format(
      "SELECT i.id, i.code, i.kind, i.status, i.title, c.name, i.channel, i.received_at, "
      "i.due_at, i.forward_due_at, i.answered_at, i.timeliness, i.suspected, u.name, "
      "i.assignee_id, i.version, {} FROM feedback_items i JOIN feedback_categories c ON c.id = "
      "i.category_id JOIN units u ON u.id = i.unit_id WHERE ",
      kSortKey));
  if (q.assignee_id)
    b.add("i.assignee_id = " + b.bind(*q.assignee_id));
  else
    b.add("(i.unit_id = " + b.bind(q.unit_id) + " OR i.answer_unit_id = " + b.bind(q.unit_id) +
          ")");
  if (q.status.empty() || q.status == "open" || q.status == "overdue") {
    b.add(" AND i.status IN ('received', 'in_progress', 'answer_drafted')");
    if (q.status == "overdue")
      b.add(" AND COALESCE(i.due_at, i.forward_due_at) < " + b.bind(to_millis(now)));
  } else if (q.status == "cases") {
    // Complaints and denunciations whose acceptance or decision is due.
    // (Items routed before the clocks existed were settled then: closed_at is set.)
    b.add(" AND i.status IN ('routed_as_complaint', 'case_accepted') AND i.closed_at IS NULL");
  } else if (q.status != "all") {
    b.add(" AND i.status = " + b.bind(q.status));
  }
  add_search(b, tx, q.text);
  storage::add_keyset(b, kSortKey, "i.id", storage::Direction::kAscending, q.after, q.limit);
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  storage::Keyed<value> out;
  for (auto r : rows) {
    auto status = parse_status(r.view(3)).value_or(FeedbackStatus::kReceived);
    auto due = r.opt_i64(8) ? r.opt_i64(8) : r.opt_i64(9);
    bool overdue = is_open(status) && due && *due < to_millis(now);
    out.rows.push_back(
        object{{"id", r.i64(0)},
               {"code", r.str(1)},
               {"kind", r.str(2)},
               {"status", r.str(3)},
               {"status_label", status_label_vi(status)},
               {"title", r.str(4)},
               {"category", r.str(5)},
               {"channel", r.str(6)},
               {"received_at", format_rfc3339(from_millis(r.i64(7)))},
               {"due_at", due ? value(format_rfc3339(from_millis(*due))) : value(nullptr)},
               {"answered_at", r.opt_i64(10) ? value(format_rfc3339(from_millis(*r.opt_i64(10))))
                                             : value(nullptr)},
               {"timeliness", r.opt_str(11) ? value(*r.opt_str(11)) : value(nullptr)},
               {"suspected", r.opt_str(12) ? value(*r.opt_str(12)) : value(nullptr)},
               {"unit", r.str(13)},
               {"assignee_id", r.opt_i64(14) ? value(*r.opt_i64(14)) : value(nullptr)},
               {"version", r.i64(15)},
               {"overdue", overdue}});
    out.keys.push_back({r.i64(16), r.i64(0)});
  }
  return out;
}

Result<array> assignable_officials(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT DISTINCT o.id, o.full_name, u.name FROM role_grants g JOIN units gu ON "
               "gu.id = g.unit_id JOIN officials o ON o.id = g.official_id JOIN units u ON u.id = "
               "o.unit_id WHERE (g.unit_id = $1 OR (gu.parent_id = $1 AND gu.kind = 'division')) "
               "AND g.role IN ('specialist', 'leader') AND o.active = 1 ORDER BY u.name, "
               "o.full_name LIMIT 500",
               {unit}));
  array out;
  for (auto r : rows)
    out.push_back(object{{"id", r.i64(0)}, {"full_name", r.str(1)}, {"unit", r.str(2)}});
  return out;
}

Result<storage::Keyed<value>> list_published(storage::Tx& tx, const PublicQuery& q) {
  storage::QueryBuilder b(
      "SELECT i.id, i.code, i.kind, i.title, i.content, i.proposal, c.id, c.name, u.id, u.name, "
      "i.received_at, i.answered_at, i.answer, i.timeliness, i.rating, i.status FROM "
      "feedback_items i JOIN feedback_categories c ON c.id = i.category_id JOIN units u ON u.id "
      "= i.answer_unit_id WHERE i.published = 1");
  if (q.code) b.add(" AND i.code = " + b.bind(*q.code));
  if (q.category_id) b.add(" AND i.category_id = " + b.bind(*q.category_id));
  if (q.unit_id) b.add(" AND i.answer_unit_id = " + b.bind(*q.unit_id));
  if (q.from) b.add(" AND i.answered_at >= " + b.bind(to_millis(*q.from)));
  if (q.until) b.add(" AND i.answered_at < " + b.bind(to_millis(*q.until)));
  if (q.sent_from) b.add(" AND i.received_at >= " + b.bind(to_millis(*q.sent_from)));
  if (q.sent_until) b.add(" AND i.received_at < " + b.bind(to_millis(*q.sent_until)));
  add_search(b, tx, q.text);
  // A search lists its hits newest first by id, the index's own order, so the first page reads
  // a page of hits rather than sorting every one (a common word has thousands).
  bool searching = !text::fold_tokens(q.text).empty();
  storage::add_keyset(b, searching ? "i.id" : "i.answered_at", "i.id",
                      storage::Direction::kDescending, q.after, q.limit);
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  storage::Keyed<value> out;
  for (auto r : rows) {
    int64_t received = r.i64(10), answered = r.i64(11);
    out.rows.push_back(
        object{{"code", r.str(1)},
               {"kind", r.str(2)},
               {"title", r.str(3)},
               {"content", r.str(4)},
               {"proposal", r.opt_str(5) ? value(*r.opt_str(5)) : value(nullptr)},
               {"category", object{{"id", r.i64(6)}, {"name", r.str(7)}}},
               {"unit", object{{"id", r.i64(8)}, {"name", r.str(9)}}},
               {"received_at", format_rfc3339(from_millis(received))},
               {"answered_at", format_rfc3339(from_millis(answered))},
               {"days_taken", (answered - received) / 86'400'000},
               {"answer", r.str(12)},
               {"timeliness", r.opt_str(13) ? value(*r.opt_str(13)) : value(nullptr)},
               {"rating", r.opt_i64(14) ? value(*r.opt_i64(14)) : value(nullptr)},
               {"status", r.str(15)}});
    out.keys.push_back({searching ? r.i64(0) : answered, r.i64(0)});
  }
  return out;
}

Status recount_stats(storage::Tx& tx) {
  // As cell_of counts an item: drafts nowhere; on time only when answered.
  TS_TRY(tx.exec("DELETE FROM feedback_channel_stats"));
  TS_TRY(tx.exec("DELETE FROM feedback_channel_stats_block"));
  TS_TRY(tx.exec(
      "INSERT INTO feedback_channel_stats (day, unit_id, category_id, channel, received, open, "
      "answered, answered_on_time, rated, rating_sum) SELECT (received_at + 25200000) / "
      "86400000, COALESCE(answer_unit_id, unit_id), category_id, channel, count(*), sum(CASE "
      "WHEN status IN ('received', 'in_progress', 'answer_drafted') THEN 1 ELSE 0 END), sum(CASE "
      "WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END), sum(CASE WHEN answered_at IS NOT NULL AND "
      "timeliness IN ('early', 'on_time') THEN 1 ELSE 0 END), count(rating), "
      "COALESCE(sum(rating), 0) FROM feedback_items WHERE status <> 'draft' GROUP BY "
      "(received_at + 25200000) / 86400000, COALESCE(answer_unit_id, unit_id), category_id, "
      "channel"));
  TS_TRY(tx.exec(
      "INSERT INTO feedback_channel_stats_block (block, unit_id, category_id, channel, received, "
      "open, answered, answered_on_time, rated, rating_sum) SELECT day / 16, unit_id, "
      "category_id, channel, sum(received), sum(open), sum(answered), sum(answered_on_time), "
      "sum(rated), sum(rating_sum) FROM feedback_channel_stats GROUP BY day / 16, unit_id, "
      "category_id, channel"));
  return ok_status();
}

Result<std::vector<FigureRow>> stats(storage::Tx& tx, Instant from, Instant until, Instant now) {
  // The days in [from, until) — local midnights, so whole days: the whole blocks within from
  // the blocks' counters, the days at either edge from the days'.
  int64_t first = (to_millis(from) + kLocalOffsetMs) / kDayMs;
  int64_t last = (to_millis(until) + kLocalOffsetMs) / kDayMs;
  int64_t first_block = (first + kBlockDays - 1) / kBlockDays, last_block = last / kBlockDays;
  int64_t head_end = last, tail_start = last;  // days [first, head_end) and [tail_start, last)
  if (first_block < last_block) {
    head_end = first_block * kBlockDays;
    tail_start = last_block * kBlockDays;
  } else {
    first_block = last_block = 0;
  }
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(
          "SELECT u.id, u.name, c.id, c.name, t.channel, sum(t.received), "
          "sum(t.answered), sum(t.answered_on_time), sum(t.open), sum(t.rated), "
          "sum(t.rating_sum) FROM (SELECT unit_id, category_id, channel, received, answered, "
          "answered_on_time, open, rated, rating_sum FROM feedback_channel_stats_block WHERE block "
          ">= $3 AND block < $4 UNION ALL SELECT unit_id, category_id, channel, received, "
          "answered, answered_on_time, open, rated, rating_sum FROM feedback_channel_stats WHERE "
          "(day >= $1 AND day < $5) OR (day >= $6 AND day < $2)) t JOIN units u ON u.id = "
          "t.unit_id JOIN feedback_categories c ON c.id = t.category_id GROUP BY u.id, "
          "u.name, c.id, c.name, t.channel HAVING sum(t.received) > 0 ORDER BY u.name, "
          "u.id, c.id, t.channel",
          {first, last, first_block, last_block, head_end, tail_start}));
  // Overdue now, counted live from the index over open items by receipt (migration 0005), which
  // covers the deadlines: reception's routing deadline while received, the answer's after.
  TS_ASSIGN_OR_RETURN(
      auto late,
      tx.query("SELECT COALESCE(answer_unit_id, unit_id), category_id, channel, count(*) FROM "
               "feedback_items WHERE status IN ('received', 'in_progress', 'answer_drafted') AND "
               "received_at >= $1 AND received_at < $2 AND COALESCE(due_at, forward_due_at) < $3 "
               "GROUP BY COALESCE(answer_unit_id, unit_id), category_id, channel",
               {to_millis(from), to_millis(until), to_millis(now)}));
  std::map<std::tuple<int64_t, int64_t, std::string>, int64_t> overdue;
  for (auto r : late) overdue[{r.i64(0), r.i64(1), r.str(2)}] = r.i64(3);
  std::vector<FigureRow> out;
  for (auto r : rows) {
    FigureRow f{r.i64(0), r.str(1), r.i64(2), r.str(3), r.str(4)};
    f.received = r.i64(5);
    f.answered = r.i64(6);
    f.answered_on_time = r.i64(7);
    f.open = r.i64(8);
    f.rated = r.i64(9);
    f.rating_sum = r.i64(10);
    f.overdue = overdue[{f.unit_id, f.category_id, f.channel}];
    out.push_back(std::move(f));
  }
  return out;
}

namespace {

object figures_row_json(const FigureRow& f) {
  return object{{"received", f.received},
                {"answered", f.answered},
                {"answered_on_time", f.answered_on_time},
                {"open", f.open},
                {"overdue", f.overdue},
                {"rated", f.rated},
                {"average_rating", f.rated > 0 ? value(static_cast<double>(f.rating_sum) /
                                                       static_cast<double>(f.rated))
                                               : value(nullptr)}};
}

void add_to(FigureRow& into, const FigureRow& f) {
  into.received += f.received;
  into.answered += f.answered;
  into.answered_on_time += f.answered_on_time;
  into.open += f.open;
  into.overdue += f.overdue;
  into.rated += f.rated;
  into.rating_sum += f.rating_sum;
}

}  // namespace

object figures_json(const std::vector<FigureRow>& rows) {
  // Rows come ordered by unit (name, then id: names repeat after reorganisations) and category:
  // each unit and category pair is one run.
  array items;
  std::optional<FigureRow> run;
  auto flush = [&] {
    if (!run) return;
    object o = figures_row_json(*run);
    o["unit"] = object{{"id", run->unit_id}, {"name", run->unit_name}};
    o["category"] = object{{"id", run->category_id}, {"name", run->category_name}};
    items.push_back(std::move(o));
  };
  std::map<std::string, FigureRow> channels;
  for (const auto& f : rows) {
    if (!run || run->unit_id != f.unit_id || run->category_id != f.category_id) {
      flush();
      run = FigureRow{f.unit_id, f.unit_name, f.category_id, f.category_name, ""};
    }
    add_to(*run, f);
    add_to(channels[f.channel], f);
  }
  flush();
  array by_channel;
  for (const auto& [channel, f] : channels) {
    object o = figures_row_json(f);
    o["channel"] = channel;
    o["channel_label"] = channel_label_vi(channel);
    by_channel.push_back(std::move(o));
  }
  return object{{"items", std::move(items)}, {"by_channel", std::move(by_channel)}};
}

std::vector<std::string> missing_fields(const Item& it) {
  std::vector<std::string> out;
  if (blank(it.sender_name)) out.push_back("sender.name");
  if (blank(it.sender_address)) out.push_back("sender.address");
  if (blank(it.sender_phone) && blank(it.sender_email)) out.push_back("sender.phone");
  if (unreadable(it.content)) out.push_back("content");
  return out;
}

std::optional<std::string> suspected_kind(std::string_view title, std::string_view content) {
  std::string f = " " + text::fold(std::string(title) + " " + std::string(content)) + " ";
  if (f.find("to cao") != std::string::npos) return std::string("denunciation");
  if (f.find("khieu nai") != std::string::npos) return std::string("complaint");
  return std::nullopt;
}

}  // namespace tinhso::feedback
