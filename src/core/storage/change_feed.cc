#include "core/storage/change_feed.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <system_error>

#include "core/base/crypto.h"

namespace tinhso::storage {

Status announce(Tx& tx, std::string_view topic, std::string_view subject) {
  if (tx.dialect() != Dialect::kPostgres) return ok_status();
  std::string payload(topic);
  if (!subject.empty()) payload.append(" ").append(subject);
  TS_TRY(tx.query("SELECT pg_notify($1, $2)", {kChangeChannel, payload}));
  return ok_status();
}

ChangeFeed::ChangeFeed(std::string url, std::function<void()> resync)
    : url_(std::move(url)), resync_(std::move(resync)), nonce_(crypto::random_token(9)) {}

ChangeFeed::~ChangeFeed() {
  stop();
}

void ChangeFeed::on(std::string topic, Handler handler) {
  handlers_[std::move(topic)] = std::move(handler);
}

void ChangeFeed::start() {
  if (thread_.joinable()) return;
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  stopping_ = false;
  first_attempt_done_ = false;
  thread_ = std::thread([this] { loop(); });
  std::unique_lock lock(mu_);
  started_.wait(lock, [&] { return first_attempt_done_; });
}

void ChangeFeed::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  uint64_t one = 1;
  if (::write(wake_fd_, &one, sizeof one) < 0) {
    // Cannot happen with an eventfd below its maximum; the poll's timeout ends the wait anyway.
  }
  thread_.join();
  ::close(wake_fd_);
  wake_fd_ = -1;
}

bool ChangeFeed::settle(Database& db, std::chrono::milliseconds timeout) {
  if (!listening_) return false;
  std::string token = fmt::format("{}-{}", nonce_, ++barriers_);
  {
    std::lock_guard lock(mu_);
    pending_barriers_[token] = {};
  }
  std::set<int> others;  // the other nodes' feed sessions
  auto sent = db.write([&](Tx& tx) -> Status {
    others.clear();  // a retried transaction starts again
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT pid FROM pg_stat_activity "
                                            "WHERE application_name = $1 "
                                            "AND datname = current_database() AND pid <> $2",
                                            {kFeedApplicationName, backend_pid_.load()}));
    for (const auto& r : rows) others.insert(static_cast<int>(r.i64(0)));
    return announce(tx, "barrier", token);
  });
  std::unique_lock lock(mu_);
  bool settled = sent.ok() && barrier_seen_.wait_for(lock, timeout, [&] {
    const Barrier& b = pending_barriers_[token];
    return b.seen &&
           std::includes(b.acked_by.begin(), b.acked_by.end(), others.begin(), others.end());
  });
  pending_barriers_.erase(token);
  return settled;
}

void ChangeFeed::dispatch(std::string_view payload, int sender_pid) {
  auto space = payload.find(' ');
  std::string_view topic = payload.substr(0, space);
  std::string_view subject = space == std::string_view::npos ? "" : payload.substr(space + 1);
  if (topic == "barrier" || topic == "ack") {
    std::lock_guard lock(mu_);
    auto it = pending_barriers_.find(subject);
    if (it == pending_barriers_.end()) {
      // Another node's barrier: everything before it has now been handled here.
      if (topic == "barrier" && !subject.starts_with(nonce_)) to_acknowledge_.emplace_back(subject);
      return;
    }
    if (topic == "barrier") {
      it->second.seen = true;
    } else {
      it->second.acked_by.insert(sender_pid);
    }
    barrier_seen_.notify_all();
    return;
  }
  auto it = handlers_.find(topic);
  if (it != handlers_.end()) it->second(subject);
}

void ChangeFeed::loop() {
  PGconn* conn = nullptr;
  auto finish = [&] {
    if (conn != nullptr) PQfinish(conn);
    conn = nullptr;
    listening_ = false;
  };
  auto first_attempt_over = [&] {
    std::lock_guard lock(mu_);
    if (!first_attempt_done_) {
      first_attempt_done_ = true;
      started_.notify_all();
    }
  };
  // Dispatches what arrived and answers other nodes' barriers; false when the connection was
  // lost meanwhile (the caller connects again and resyncs).
  auto drain = [&] {
    while (true) {
      while (PGnotify* notice = PQnotifies(conn)) {
        ++received_;
        dispatch(notice->extra != nullptr ? std::string_view(notice->extra) : std::string_view(),
                 notice->be_pid);
        PQfreemem(notice);
      }
      if (to_acknowledge_.empty()) return PQstatus(conn) == CONNECTION_OK;
      // Answered on this connection, blocking for the moment: notices that arrive meanwhile
      // are kept by libpq and dispatched by the next turn of this loop.
      std::vector<std::string> tokens;
      tokens.swap(to_acknowledge_);
      PQsetnonblocking(conn, 0);
      for (const auto& token : tokens) {
        std::string payload = "ack " + token;
        const char* params[] = {kChangeChannel.data(), payload.c_str()};
        PGresult* res = PQexecParams(conn, "SELECT pg_notify($1::text, $2::text)", 2, nullptr,
                                     params, nullptr, nullptr, 0);
        if (PQresultStatus(res) != PGRES_TUPLES_OK)
          spdlog::warn("change feed: cannot acknowledge another node's barrier: {}",
                       PQerrorMessage(conn));
        PQclear(res);
      }
      PQsetnonblocking(conn, 1);
      if (PQstatus(conn) != CONNECTION_OK) return false;
    }
  };
  auto backoff = std::chrono::milliseconds(500);
  bool outage_logged = false;
  while (!stopping_) {
    if (conn == nullptr) {
      // Keepalives notice a peer that vanished without closing (a cut cable, a frozen VM): the
      // client's, and the server's, so that a node cut off is soon no longer counted by other
      // nodes' settle() (about 25 s instead of the system's two hours).
      const char* keys[] = {"dbname",           "connect_timeout", "application_name",
                            "keepalives",       "keepalives_idle", "keepalives_interval",
                            "keepalives_count", "options",         nullptr};
      const char* values[] = {
          url_.c_str(),
          "5",
          kFeedApplicationName.data(),
          "1",
          "10",
          "5",
          "3",
          "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3",
          nullptr};
      conn = PQconnectdbParams(keys, values, 1);
      PGresult* res = nullptr;
      if (conn != nullptr && PQstatus(conn) == CONNECTION_OK) {
        res = PQexec(conn, fmt::format("LISTEN {}", kChangeChannel).c_str());
      }
      bool ok = res != nullptr && PQresultStatus(res) == PGRES_COMMAND_OK &&
                PQsetnonblocking(conn, 1) == 0;
      if (res != nullptr) PQclear(res);
      if (!ok) {
        if (!outage_logged) {
          spdlog::warn(
              "change feed: cannot listen for other nodes' changes ({}); retrying, "
              "caches meanwhile rechecked every 2 s",
              conn != nullptr ? PQerrorMessage(conn) : "out of memory");
          outage_logged = true;
        }
        finish();
        first_attempt_over();
        pollfd wake{wake_fd_, POLLIN, 0};
        ::poll(&wake, 1, static_cast<int>(backoff.count()));
        backoff = std::min(backoff * 2, std::chrono::milliseconds(10000));
        continue;
      }
      backend_pid_ = PQbackendPID(conn);
      listening_ = true;
      backoff = std::chrono::milliseconds(500);
      if (outage_logged) spdlog::info("change feed: listening again");
      outage_logged = false;
      // Notices sent while not listening are lost: drop what may be stale.
      if (resync_) resync_();
      first_attempt_over();
      // Any that came in with LISTEN's answer sit in libpq, not on the socket.
      if (!drain()) {
        spdlog::warn("change feed: connection lost: {}", PQerrorMessage(conn));
        outage_logged = true;
        finish();
        continue;
      }
    }
    pollfd fds[2] = {{PQsocket(conn), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    int n = ::poll(fds, 2, 1000);
    if (n < 0 && errno != EINTR) {
      spdlog::warn("change feed: poll failed: {}", std::generic_category().message(errno));
      finish();
      continue;
    }
    if (stopping_) break;
    if (n <= 0 || (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) == 0) continue;
    if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) {
      spdlog::warn("change feed: connection lost: {}", PQerrorMessage(conn));
      outage_logged = true;
      finish();
      continue;
    }
    if (!drain()) {
      spdlog::warn("change feed: connection lost while answering: {}", PQerrorMessage(conn));
      outage_logged = true;
      finish();
    }
  }
  finish();
  first_attempt_over();
}

}  // namespace tinhso::storage
