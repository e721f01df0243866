// The transactional outbox: messages to other systems (e-mail, SMS, the national portal) are
// inserted in the same transaction as the change that causes them, and delivered afterwards
// by a dispatcher thread, with retries and exponential backoff; a message that keeps failing
// becomes a dead letter that an administrator can send again. A slow or absent recipient
// therefore never blocks, fails or loses the change itself.
//
// Several nodes may dispatch: a node leases a message before sending it. Recipients receive an
// idempotency key with every delivery, so a repeat after a crash is recognisable.
//
// Thread safety: enqueue() runs in the caller's transaction; a Dispatcher may be woken and
// stopped from any thread, and its own state is guarded by one mutex.
#pragma once

#include <boost/json.hpp>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "core/audit/change_log.h"

namespace tinhso::outbox {

struct Message {
  std::string channel;  // email | sms | national_sync | …
  std::string target;   // address, phone number or URL
  boost::json::value payload;
  std::string key;  // idempotency key; a second message with the same key is ignored
  std::string object_type;
  std::string object_id;
};

// Inserts `m` (ignored if its key already exists).
Status enqueue(storage::Tx& tx, const Message& m, int64_t now_ms);

struct Delivery {
  bool ok = false;
  bool permanent = false;  // do not retry (for example the recipient rejected the content)
  std::string error;
};
using Sender = std::function<Delivery(const std::string& target, const boost::json::value& payload,
                                      const std::string& key)>;

struct Entry {
  int64_t id = 0;
  std::string channel, target, key, status, last_error, object_type, object_id;
  int64_t attempts = 0;
  Instant created_at, next_attempt_at;
  std::optional<Instant> sent_at;
  boost::json::value payload;
};
boost::json::object entry_json(const Entry& e);

class Dispatcher {
 public:
  struct Options {
    int max_attempts = 12;
    int retry_base_seconds = 30;
  };
  Dispatcher(storage::Database& db, const Clock& clock, Options options);
  ~Dispatcher();

  void register_sender(const std::string& channel, Sender sender);
  // The channels with a sender, by name.
  std::vector<std::string> channels() const;
  void start();
  void stop();
  // Wakes the dispatcher after a transaction that enqueued messages.
  void wake();
  // One pass over due messages on the calling thread; returns how many were delivered.
  int run_once();

 private:
  void loop();
  bool deliver(const Entry& e);

  storage::Database& db_;
  const Clock& clock_;
  Options options_;
  std::string node_;
  std::map<std::string, Sender> senders_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

Result<std::vector<Entry>> list(storage::Tx& tx, std::string_view status, int limit,
                                std::optional<int64_t> before_id);
// Puts a dead (or failed) message back in the queue; a person's action, so it is audited.
Status resend(audit::ChangeLog& log, const audit::Actor& actor, int64_t id);

}  // namespace tinhso::outbox
