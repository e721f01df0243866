#include "core/outbox/outbox.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <random>

#include "core/base/crypto.h"

namespace tinhso::outbox {
namespace {

constexpr std::string_view kColumns =
    "id, channel, target, idempotency_key, status, last_error, object_type, object_id, attempts, "
    "created_at, "
    "next_attempt_at, sent_at, payload";

Entry entry_from_row(const storage::Rows::Row& r) {
  Entry e;
  e.id = r.i64(0);
  e.channel = r.str(1);
  e.target = r.str(2);
  e.key = r.str(3);
  e.status = r.str(4);
  e.last_error = r.str(5);
  e.object_type = r.str(6);
  e.object_id = r.str(7);
  e.attempts = r.i64(8);
  e.created_at = from_millis(r.i64(9));
  e.next_attempt_at = from_millis(r.i64(10));
  if (!r.is_null(11)) e.sent_at = from_millis(r.i64(11));
  boost::system::error_code ec;
  e.payload = boost::json::parse(r.view(12), ec);
  return e;
}

}  // namespace

Status enqueue(storage::Tx& tx, const Message& m, int64_t now_ms) {
  TS_TRY(
      tx.exec("INSERT INTO outbox (channel, target, payload, idempotency_key, status, attempts, "
              "next_attempt_at, created_at, "
              "object_type, object_id) VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5, $6, $7) "
              "ON CONFLICT (idempotency_key) DO NOTHING",
              {m.channel, m.target, boost::json::serialize(m.payload), m.key, now_ms, m.object_type,
               m.object_id}));
  return ok_status();
}

boost::json::object entry_json(const Entry& e) {
  boost::json::object o{{"id", e.id},
                        {"channel", e.channel},
                        {"target", e.target},
                        {"idempotency_key", e.key},
                        {"status", e.status},
                        {"attempts", e.attempts},
                        {"last_error", e.last_error},
                        {"object_type", e.object_type},
                        {"object_id", e.object_id},
                        {"created_at", format_rfc3339(e.created_at)},
                        {"next_attempt_at", format_rfc3339(e.next_attempt_at)},
                        {"payload", e.payload}};
  o["sent_at"] = e.sent_at ? boost::json::value(format_rfc3339(*e.sent_at)) : nullptr;
  return o;
}

Dispatcher::Dispatcher(storage::Database& db, const Clock& clock, Options options)
    : db_(db), clock_(clock), options_(options), node_(crypto::random_token(9)) {}

Dispatcher::~Dispatcher() {
  stop();
}

void Dispatcher::register_sender(const std::string& channel, Sender sender) {
  senders_[channel] = std::move(sender);
}

std::vector<std::string> Dispatcher::channels() const {
  std::vector<std::string> out;
  for (const auto& [name, sender] : senders_) out.push_back(name);
  return out;
}

void Dispatcher::start() {
  if (!thread_.joinable() && !senders_.empty()) thread_ = std::thread([this] { loop(); });
}

void Dispatcher::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_one();
}

void Dispatcher::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    int delivered = 0;
    try {
      delivered = run_once();
    } catch (const std::exception& e) {
      spdlog::error("outbox: {}", e.what());
    }
    lock.lock();
    if (delivered > 0) continue;  // more may be waiting
    cv_.wait_for(lock, std::chrono::milliseconds(1000), [&] { return stopping_ || woken_; });
    woken_ = false;
  }
}

int Dispatcher::run_once() {
  int64_t now = to_millis(clock_.now());
  std::string channels;
  for (const auto& [c, s] : senders_) channels += (channels.empty() ? "'" : ",'") + c + "'";
  if (channels.empty()) return 0;
  auto due = db_.read([&](storage::Tx& tx) {
    return tx.query(
        fmt::format("SELECT {} FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 "
                    "AND channel IN ({}) AND (lease_until IS NULL OR lease_until < $1) ORDER BY id "
                    "LIMIT 20",
                    kColumns, channels),
        {now});
  });
  if (!due.ok()) {
    spdlog::warn("outbox: {}", due.error().describe());
    return 0;
  }
  int delivered = 0;
  for (auto row : *due) {
    Entry e = entry_from_row(row);
    // Lease the message so that other nodes leave it alone while it is being sent.
    auto leased = db_.write([&](storage::Tx& tx) {
      return tx.exec(
          "UPDATE outbox SET lease_until = $1, lease_owner = $2 WHERE id = $3 AND status = "
          "'pending' "
          "AND (lease_until IS NULL OR lease_until < $4)",
          {now + 120000, node_, e.id, now});
    });
    if (!leased.ok() || *leased == 0) continue;
    if (deliver(e)) ++delivered;
  }
  return delivered;
}

bool Dispatcher::deliver(const Entry& e) {
  Delivery d;
  try {
    d = senders_.at(e.channel)(e.target, e.payload, e.key);
  } catch (const std::exception& ex) {
    d = Delivery{false, false, ex.what()};
  }
  int64_t now = to_millis(clock_.now());
  int64_t attempts = e.attempts + 1;
  // Bookkeeping of deliveries, not a person's change: written without an audit entry.
  auto s = db_.write([&](storage::Tx& tx) -> Status {
    if (d.ok) {
      TS_TRY(tx.exec(
          "UPDATE outbox SET status = 'sent', attempts = $1, sent_at = $2, lease_until = NULL, "
          "last_error = NULL WHERE id = $3",
          {attempts, now, e.id}));
      return ok_status();
    }
    bool dead = d.permanent || attempts >= options_.max_attempts;
    // Exponential backoff with ±20 % jitter so that recovering recipients are not stampeded.
    thread_local std::mt19937 rng{std::random_device{}()};
    double jitter = std::uniform_real_distribution<double>(0.8, 1.2)(rng);
    int64_t delay = static_cast<int64_t>(
        std::min<double>(3600.0, options_.retry_base_seconds *
                                     std::pow(2.0, static_cast<double>(attempts - 1))) *
        1000 * jitter);
    TS_TRY(tx.exec(
        "UPDATE outbox SET status = $1, attempts = $2, next_attempt_at = $3, lease_until = NULL, "
        "last_error = $4 WHERE id = $5",
        {dead ? "dead" : "pending", attempts, now + delay, d.error.substr(0, 500), e.id}));
    return ok_status();
  });
  if (!s.ok()) spdlog::warn("outbox bookkeeping: {}", s.error().describe());
  if (!d.ok) {
    spdlog::warn("outbox: {} message {} to {} failed (attempt {}): {}", e.channel, e.id, e.target,
                 attempts, d.error);
  }
  return d.ok;
}

Result<std::vector<Entry>> list(storage::Tx& tx, std::string_view status, int limit,
                                std::optional<int64_t> before_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(
          fmt::format("SELECT {} FROM outbox WHERE status = $1 AND (CAST($2 AS BIGINT) IS NULL OR "
                      "id < $2) ORDER BY id DESC LIMIT $3",
                      kColumns),
          {status, before_id, limit}));
  std::vector<Entry> out;
  for (auto r : rows) out.push_back(entry_from_row(r));
  return out;
}

Status resend(audit::ChangeLog& log, const audit::Actor& actor, int64_t id) {
  return log.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(
        int64_t n,
        tx.sql().exec("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, "
                      "lease_until = NULL WHERE id = $2 AND status <> 'sent'",
                      {tx.now_ms(), id}));
    if (n == 0) return Error::not_found("Không tìm thấy thông điệp chưa gửi được.");
    return tx.record("outbox.resend", "outbox", id, boost::json::object{{"resend", true}});
  });
}

}  // namespace tinhso::outbox
