#include "core/http/server.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <csignal>
#include <limits>
#include <list>
#include <thread>

#include "core/base/text.h"

namespace tinhso::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

struct Server::Impl {
  ServerOptions options;
  Pipeline& pipeline;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::vector<std::thread> threads;
  std::unique_ptr<asio::thread_pool> workers;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::signal_set> signals;
  std::atomic<bool> stopping{false};
  std::atomic<int64_t> connections{0};
  std::atomic<int64_t> in_flight{0};
  std::atomic<int64_t> worker_queue{0};
  std::atomic<std::size_t> next_context{0};
  int64_t max_connections = 0;
  std::atomic<int64_t> refused{0};
  std::atomic<int64_t> accept_errors{0};
  // A descriptor held in reserve: when the process runs out, it is given up for a moment to
  // accept and close the waiting connection, so clients get an answer instead of a hang.
  int spare_fd = -1;
  // Accept failures are logged at most once per interval, with how many were suppressed.
  std::chrono::steady_clock::time_point last_accept_log{};
  int64_t unlogged_accept_errors = 0;

  // Connections waiting for their next request, so shutdown can close them.
  struct Idle {
    asio::io_context* context;
    tcp::socket* socket;
  };
  std::mutex idle_mu;
  std::list<Idle> idle;

  std::mutex done_mu;
  std::condition_variable done_cv;
  bool done = false;

  Impl(ServerOptions o, Pipeline& p) : options(std::move(o)), pipeline(p) {}

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(tcp::socket socket, asio::io_context* context, bool health_only);
  void note_accept_error(const boost::system::error_code& ec);
  asio::awaitable<Response> on_workers(Request& req, Plan& plan);
  void begin_shutdown();
  void watch_shutdown(std::chrono::steady_clock::time_point deadline);
  void finish_shutdown();
};

namespace {

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  // A line break in a value would let it forge headers of its own: such characters are dropped.
  if (value.find_first_of("\r\n") == std::string_view::npos) {
    out += value;
  } else {
    for (char c : value) {
      if (c != '\r' && c != '\n') out += c;
    }
  }
  out += "\r\n";
}

// The status line and header block of a response, built as one string: Beast's field list
// allocated per header and its serializer took a tenth of the server's time on small replies.
std::string response_head(const Response& res, bool keep_alive) {
  std::string out;
  out.reserve(640);
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  out += bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
  out += "\r\n";
  if (!res.content_type.empty()) append_field(out, "Content-Type", res.content_type);
  for (const auto& [k, v] : res.headers) append_field(out, k, v);
  out += "Server: tinhso\r\n";
  if (!keep_alive) out += "Connection: close\r\n";
  if (res.status != 204 && res.status != 304 && !(res.status >= 100 && res.status < 200)) {
    out += "Content-Length: ";
    out += std::to_string(res.body.size());
    out += "\r\n";
  }
  out += "\r\n";
  return out;
}

// Writes a whole response; a HEAD request gets the header block only.
asio::awaitable<std::tuple<boost::system::error_code, std::size_t>> write_response(
    beast::tcp_stream& stream, Method method, const Response& res, bool keep_alive) {
  std::string head = response_head(res, keep_alive);
  std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(res.body)};
  if (method == Method::kHead) buffers[1] = asio::const_buffer();
  co_return co_await asio::async_write(stream, buffers, kNoThrow);
}

Response error_response(const Error& e) {
  return Response::error(e);
}

}  // namespace

asio::awaitable<Response> Server::Impl::on_workers(Request& req, Plan& plan) {
  auto ex = co_await asio::this_coro::executor;
  worker_queue.fetch_add(1, std::memory_order_relaxed);
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
      [&](auto handler) {
        asio::post(*workers, [this, &req, &plan, ex, handler = std::move(handler)]() mutable {
          worker_queue.fetch_sub(1, std::memory_order_relaxed);
          Response r = pipeline.run(req, plan);
          asio::post(ex, [handler = std::move(handler), r = std::move(r)]() mutable {
            std::move(handler)(std::move(r));
          });
        });
      },
      asio::use_awaitable);
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket, asio::io_context* context,
                                            bool health_only) {
  beast::tcp_stream stream(std::move(socket));
  // No size cap here: the parser's header and body limits decide what is too large.
  beast::flat_buffer buffer;
  std::string peer;
  {
    boost::system::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) peer = ep.address().to_string();
  }
  bool first = true;
  while (!stopping.load()) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    // Beast compares Content-Length with the body limit while reading the header, before the
    // route (and its own limit, up to tens of MB for files and edXML) is known: no limit here;
    // the route's is set below, and the pipeline answers 413 from Content-Length.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());

    // Waiting for a request: registered as idle so that shutdown can close the connection.
    std::list<Idle>::iterator idle_it;
    {
      std::lock_guard lock(idle_mu);
      idle_it = idle.insert(idle.end(), Idle{context, &stream.socket()});
    }
    stream.expires_after(first ? options.read_timeout : options.idle_timeout);
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kNoThrow);
    {
      std::lock_guard lock(idle_mu);
      idle.erase(idle_it);
    }
    first = false;
    if (hec) {
      std::optional<Error> reply;
      if (hec == bhttp::error::header_limit) {
        reply = Error(431, "header_too_large", "Phần đầu (header) của yêu cầu quá lớn.");
      } else if (hec != bhttp::error::end_of_stream && hec != beast::error::timeout &&
                 hec != asio::error::operation_aborted && hec != asio::error::connection_reset &&
                 hec != asio::error::eof && hec != asio::error::bad_descriptor &&
                 buffer.size() > 0) {
        reply = Error(400, "bad_request", "Yêu cầu HTTP không hợp lệ.");
      }
      if (reply) {
        Response res = error_response(*reply);
        stream.expires_after(options.read_timeout);
        co_await write_response(stream, Method::kGet, res, false);
      }
      break;
    }
    in_flight.fetch_add(1, std::memory_order_relaxed);

    const auto& head = parser.get();
    Request req;
    req.method = parse_method(head.method_string());
    req.client_ip = peer;
    req.keep_alive = head.keep_alive();
    req.headers.reserve(16);
    for (const auto& field : head) {
      std::string name(field.name_string());
      for (char& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    Response res;
    Plan plan;
    bool body_pending = !parser.is_done();
    bool can_continue = true;
    bool parsed = parse_target(head.target(), req);
    if (parsed && health_only && req.path != "/healthz" && req.path != "/readyz") {
      // Over the connection limit: only health checks are served on the reserve.
      req.request_id = make_request_id(std::nullopt);
      plan.started = std::chrono::steady_clock::now();
      plan.metrics_slot = pipeline.metrics().unmatched_slot();
      Error busy(503, "server_busy",
                 "Máy chủ đang phục vụ quá nhiều kết nối. Vui lòng thử lại sau ít giây.",
                 boost::json::object{{"retry_after_seconds", 5}});
      res = error_response(busy);
      refused.fetch_add(1, std::memory_order_relaxed);
      can_continue = false;
    } else if (!parsed) {
      req.request_id = make_request_id(std::nullopt);
      plan.started = std::chrono::steady_clock::now();
      plan.metrics_slot = pipeline.metrics().unmatched_slot();
      res = error_response(Error(400, "bad_target", "Địa chỉ yêu cầu không hợp lệ."));
      can_continue = !body_pending;
    } else {
      plan = pipeline.plan(req);
      if (plan.early) {
        res = pipeline.run(req, plan);
        can_continue = !body_pending;  // unread body: answer, then close
      } else {
        parser.body_limit(plan.body_limit);
        if (body_pending) {
          if (auto expect = req.header("expect");
              expect && text::to_lower_ascii(*expect) == "100-continue") {
            bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
            co_await bhttp::async_write(stream, cont, kNoThrow);
          }
          stream.expires_after(options.read_timeout);
          auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
          if (bec == bhttp::error::body_limit) {
            res = error_response(Error::payload_too_large(plan.body_limit));
            can_continue = false;
            plan.early = res;
          } else if (bec) {
            in_flight.fetch_sub(1, std::memory_order_relaxed);
            break;  // timeout or disconnect while receiving the body
          }
        }
        if (!plan.early) {
          req.body = std::move(parser.get().body());
          // Not a conditional expression: GCC 12 mishandles co_await inside `?:`.
          if (plan.run_inline) {
            res = pipeline.run(req, plan);
          } else {
            res = co_await on_workers(req, plan);
          }
        }
      }
    }
    pipeline.finish(req, plan, res);
    bool keep_alive = req.keep_alive && can_continue && !stopping.load() && !health_only;
    stream.expires_after(options.read_timeout);
    auto [wec, wn] = co_await write_response(stream, req.method, res, keep_alive);
    in_flight.fetch_sub(1, std::memory_order_relaxed);
    if (wec || !keep_alive) break;
  }
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
  connections.fetch_sub(1, std::memory_order_relaxed);
}

void Server::Impl::note_accept_error(const boost::system::error_code& ec) {
  accept_errors.fetch_add(1, std::memory_order_relaxed);
  auto now = std::chrono::steady_clock::now();
  if (now - last_accept_log < std::chrono::seconds(10)) {
    ++unlogged_accept_errors;
    return;
  }
  spdlog::warn("accept failed: {} ({} more failures since the last message; {} connections open)",
               ec.message(), unlogged_accept_errors, connections.load());
  last_accept_log = now;
  unlogged_accept_errors = 0;
}

asio::awaitable<void> Server::Impl::accept_loop() {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer pause(ex);
  while (!stopping.load()) {
    std::size_t i = next_context.fetch_add(1) % contexts.size();
    asio::io_context* ctx = contexts[i].get();
    auto [ec, socket] = co_await acceptor->async_accept(*ctx, kNoThrow);
    if (ec) {
      if (stopping.load() || ec == asio::error::operation_aborted) break;
      note_accept_error(ec);
      bool out_of_descriptors = ec == asio::error::no_descriptors || ec.value() == ENFILE ||
                                ec == asio::error::no_buffer_space || ec == asio::error::no_memory;
      if (out_of_descriptors && spare_fd >= 0) {
        // Answer the waiting client with a close rather than leave it in the backlog.
        ::close(spare_fd);
        int fd = ::accept4(acceptor->native_handle(), nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) ::close(fd);
        spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
      }
      // Back off instead of spinning on an error that will not clear by itself at once.
      pause.expires_after(std::chrono::milliseconds(out_of_descriptors ? 100 : 10));
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    int64_t open = connections.fetch_add(1, std::memory_order_relaxed);
    if (open >= max_connections + options.health_reserve) {
      connections.fetch_sub(1, std::memory_order_relaxed);
      refused.fetch_add(1, std::memory_order_relaxed);
      socket.close(ec);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(*ctx, session(std::move(socket), ctx, open >= max_connections), asio::detached);
  }
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: {} connections open, {} requests in flight", connections.load(),
               in_flight.load());
  boost::system::error_code ec;
  acceptor->close(ec);
  signals->cancel(ec);
  {
    std::lock_guard lock(idle_mu);
    for (auto& i : idle) {
      tcp::socket* s = i.socket;
      // Cancel on the socket's own thread; the session unregisters before it is destroyed.
      asio::post(*i.context, [this, s] {
        std::lock_guard inner(idle_mu);
        for (auto& j : idle) {
          if (j.socket == s) {
            boost::system::error_code e;
            s->cancel(e);
          }
        }
      });
    }
  }
  watch_shutdown(std::chrono::steady_clock::now() + options.shutdown_grace);
}

void Server::Impl::watch_shutdown(std::chrono::steady_clock::time_point deadline) {
  auto timer = std::make_shared<asio::steady_timer>(*contexts[0], std::chrono::milliseconds(20));
  timer->async_wait([this, timer, deadline](boost::system::error_code) {
    // Idle connections that raced with the first cancel get cancelled again.
    {
      std::lock_guard lock(idle_mu);
      for (auto& i : idle) {
        tcp::socket* s = i.socket;
        asio::post(*i.context, [this, s] {
          std::lock_guard inner(idle_mu);
          for (auto& j : idle) {
            if (j.socket == s) {
              boost::system::error_code e;
              s->cancel(e);
            }
          }
        });
      }
    }
    if (connections.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
      if (connections.load() > 0) {
        spdlog::warn("grace period over with {} connections still open", connections.load());
      }
      finish_shutdown();
    } else {
      watch_shutdown(deadline);
    }
  });
}

void Server::Impl::finish_shutdown() {
  for (auto& g : guards) g.reset();
  for (auto& c : contexts) c->stop();
  std::lock_guard lock(done_mu);
  done = true;
  done_cv.notify_all();
}

Server::Server(ServerOptions options, Pipeline& pipeline)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline)) {}

Server::~Server() {
  stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  if (impl_->workers) impl_->workers->join();
  if (impl_->spare_fd >= 0) ::close(impl_->spare_fd);
}

Status Server::start() {
  auto& s = *impl_;
  // Connections need descriptors: take the hard limit, and keep a quarter of it (at least 256)
  // for the database, files and the sandbox's pipes.
  rlimit nofile{};
  if (::getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
    nofile.rlim_cur = nofile.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &nofile);
    ::getrlimit(RLIMIT_NOFILE, &nofile);
  }
  s.max_connections = s.options.max_connections;
  if (s.max_connections <= 0) {
    auto fds = static_cast<int64_t>(std::min<rlim_t>(nofile.rlim_cur, 1 << 20));
    s.max_connections =
        std::max<int64_t>(64, fds - std::max<int64_t>(256, fds / 4) - s.options.health_reserve);
  }
  s.spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int io = std::max(1, s.options.io_threads);
  for (int i = 0; i < io; ++i) {
    s.contexts.push_back(std::make_unique<asio::io_context>(1));
    s.guards.push_back(asio::make_work_guard(*s.contexts.back()));
  }
  s.workers = std::make_unique<asio::thread_pool>(
      static_cast<std::size_t>(std::max(1, s.options.worker_threads)));

  auto colon = s.options.listen.rfind(':');
  std::string host = s.options.listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::string port = s.options.listen.substr(colon + 1);
  boost::system::error_code ec;
  tcp::resolver resolver(*s.contexts[0]);
  auto results =
      resolver.resolve(host, port, tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Error::unavailable(fmt::format("cannot resolve {}: {}", s.options.listen, ec.message()));
  }
  tcp::endpoint ep = results.begin()->endpoint();
  s.acceptor = std::make_unique<tcp::acceptor>(*s.contexts[0]);
  s.acceptor->open(ep.protocol(), ec);
  if (!ec) s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(ep, ec);
  if (!ec) s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Error::unavailable(
        fmt::format("cannot listen on {}: {}", s.options.listen, ec.message()));

  s.signals = std::make_unique<asio::signal_set>(*s.contexts[0], SIGINT, SIGTERM);
  s.signals->async_wait([&s](boost::system::error_code e, int sig) {
    if (e) return;
    spdlog::info("received signal {}", sig);
    s.begin_shutdown();
  });
  asio::co_spawn(*s.contexts[0], s.accept_loop(), asio::detached);
  for (auto& ctx : s.contexts) {
    s.threads.emplace_back([c = ctx.get()] { c->run(); });
  }
  return ok_status();
}

uint16_t Server::port() const {
  return impl_->acceptor ? impl_->acceptor->local_endpoint().port() : 0;
}

void Server::run() {
  std::unique_lock lock(impl_->done_mu);
  impl_->done_cv.wait(lock, [&] { return impl_->done; });
  lock.unlock();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  // Handlers still running on workers (past the grace period) finish before we return.
  impl_->workers->join();
}

void Server::stop() {
  if (!impl_->acceptor || impl_->contexts.empty()) return;
  asio::post(*impl_->contexts[0], [this] { impl_->begin_shutdown(); });
}

ServerStats Server::stats() const {
  ServerStats st;
  st.open_connections = impl_->connections.load();
  st.requests_in_flight = impl_->in_flight.load();
  st.worker_queue_depth = impl_->worker_queue.load();
  st.worker_threads = impl_->options.worker_threads;
  st.max_connections = impl_->max_connections;
  st.connections_refused = impl_->refused.load();
  st.accept_errors = impl_->accept_errors.load();
  return st;
}

void Server::post_to_workers(std::function<void()> job) {
  asio::post(*impl_->workers, std::move(job));
}

}  // namespace tinhso::http
