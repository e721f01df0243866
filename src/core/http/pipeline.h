// Pipeline: everything between "a request arrived" and "this is the response", without
// sockets. The server calls plan() once the headers are in (to pick the body limit and the
// thread), run() with the full request, and finish() before writing the response.
//
// Order: request id → route → rate limit → (body) → authenticate → access level → CSRF →
// Idempotency-Key claim → handler → errors as JSON → security headers → metrics → access log.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/rate_limiter.h"
#include "core/http/authenticator.h"
#include "core/http/idempotency.h"
#include "core/http/metrics.h"
#include "core/http/router.h"
#include "core/http/static_files.h"
#include "core/identity/authorizer.h"

namespace tinhso::http {

struct PipelineOptions {
  std::size_t default_body_limit = 1024 * 1024;
  bool https = false;  // public URL is https: HSTS
  bool access_log = true;
  bool local_reads = true;  // inline routes may run on I/O threads
  std::vector<std::string> trusted_proxies;
  // Database waits of a request end this long after it arrived (storage/deadline.h); 0: none.
  std::chrono::milliseconds request_deadline{0};
};

struct Plan {
  const Route* route = nullptr;
  PathParams params;
  std::size_t body_limit = 0;
  bool run_inline = false;
  std::optional<Response> early;  // answered without a handler (404, 405, 429, static file)
  std::size_t metrics_slot = 0;
  std::chrono::steady_clock::time_point started;
  std::string principal_label;  // for the access log
};

// Configured (static files, rate limit) before the server serves; plan(), run() and finish()
// are then called from any I/O or worker thread at once: what they share is read-only or
// synchronised (Metrics, RateLimiter).
class Pipeline {
 public:
  Pipeline(const Router& router, Authenticator& authenticator,
           const identity::Authorizer& authorizer, PipelineOptions options);

  void set_static_files(std::unique_ptr<StaticFiles> files) { static_ = std::move(files); }
  // Where Idempotency-Key claims and answers are kept; without one the header is ignored.
  void set_idempotency(IdempotencyStore* store) { idempotency_ = store; }
  Metrics& metrics() { return *metrics_; }
  const PipelineOptions& options() const { return options_; }

  Plan plan(Request& head);
  Response run(Request& req, Plan& plan);
  void finish(const Request& req, Plan& plan, Response& res);

  // A complete request in one call (tests and the fuzzer).
  Response handle(Request& req);

 private:
  void resolve_client_ip(Request& req) const;
  // The handler's answer, its errors and exceptions as JSON.
  static Response invoke(const RouteSpec& spec, Context& ctx, const Request& req);

  const Router& router_;
  Authenticator& authenticator_;
  const identity::Authorizer& authorizer_;
  PipelineOptions options_;
  std::unique_ptr<StaticFiles> static_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<RateLimiter> limiter_ = std::make_unique<RateLimiter>(0, 0);
  IdempotencyStore* idempotency_ = nullptr;

 public:
  void set_rate_limit(double per_second, double burst);
};

// A request id for logs and the X-Request-Id header: the client's if it is sane, else new.
std::string make_request_id(std::optional<std::string_view> from_client);

}  // namespace tinhso::http
