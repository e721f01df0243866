#include "core/http/pipeline.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cstring>
#include <random>

#include "core/audit/commit_count.h"
#include "core/base/crypto.h"
#include "core/base/log.h"
#include "core/base/text.h"
#include "core/http/context.h"
#include "core/storage/deadline.h"

namespace tinhso::http {
namespace {

bool safe_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

std::string json_escape(std::string_view s) {
  return boost::json::serialize(boost::json::string(s));
}

Error not_found_error() {
  return Error(404, "route_not_found", "Không tìm thấy địa chỉ yêu cầu.");
}

}  // namespace

std::string make_request_id(std::optional<std::string_view> from_client) {
  if (from_client && !from_client->empty() && from_client->size() <= 64 &&
      std::all_of(from_client->begin(), from_client->end(), safe_id_char)) {
    return std::string(*from_client);
  }
  // Per-thread generator seeded from the system RNG: ids need uniqueness, not secrecy.
  thread_local std::mt19937_64 rng([] {
    std::string seed = crypto::random_bytes(8);
    uint64_t s;
    std::memcpy(&s, seed.data(), sizeof s);
    return s;
  }());
  return fmt::format("{:016x}", rng());
}

Pipeline::Pipeline(const Router& router, Authenticator& authenticator,
                   const identity::Authorizer& authorizer, PipelineOptions options)
    : router_(router),
      authenticator_(authenticator),
      authorizer_(authorizer),
      options_(std::move(options)),
      static_(std::make_unique<StaticFiles>()) {
  std::vector<std::string> labels;
  for (const auto& r : router_.routes()) {
    labels.push_back(fmt::format("{} {}", method_name(r->spec.method), r->spec.path));
  }
  metrics_ = std::make_unique<Metrics>(std::move(labels));
}

void Pipeline::set_rate_limit(double per_second, double burst) {
  limiter_ = std::make_unique<RateLimiter>(per_second, burst);
}

void Pipeline::resolve_client_ip(Request& req) const {
  if (options_.trusted_proxies.empty()) return;
  if (std::find(options_.trusted_proxies.begin(), options_.trusted_proxies.end(), req.client_ip) ==
      options_.trusted_proxies.end()) {
    return;
  }
  auto xff = req.header("x-forwarded-for");
  if (!xff) return;
  // The nearest address that is not one of our proxies is the client.
  auto parts = text::split(*xff, ',');
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    std::string ip(text::trim(*it));
    if (ip.empty()) continue;
    if (std::find(options_.trusted_proxies.begin(), options_.trusted_proxies.end(), ip) ==
        options_.trusted_proxies.end()) {
      req.client_ip = ip;
      return;
    }
  }
}

Plan Pipeline::plan(Request& head) {
  Plan p;
  p.started = std::chrono::steady_clock::now();
  head.request_id = make_request_id(head.header("x-request-id"));
  resolve_client_ip(head);
  p.body_limit = options_.default_body_limit;
  p.metrics_slot = metrics_->unmatched_slot();

  int retry = 0;
  if (limiter_->enabled() && !limiter_->allow(head.client_ip, &retry)) {
    p.early = Response::error(Error::rate_limited(retry));
    return p;
  }
  RouteMatch m = router_.match(head.method, head.path);
  if (m.route == nullptr) {
    if (!m.allowed.empty()) {
      std::string allow;
      for (Method a : m.allowed) {
        if (!allow.empty()) allow += ", ";
        allow += method_name(a);
      }
      p.early = Response::error(Error(405, "method_not_allowed",
                                      "Phương thức HTTP không được hỗ trợ cho địa chỉ này.",
                                      boost::json::object{{"allow", allow}}));
      p.early->set_header("Allow", allow);
      return p;
    }
    if (auto s = static_->serve(head)) {
      p.metrics_slot = metrics_->static_slot();
      p.early = std::move(*s);
      return p;
    }
    p.early = Response::error(not_found_error());
    return p;
  }
  p.route = m.route;
  p.params = std::move(m.params);
  p.metrics_slot = m.route->index;
  if (m.route->spec.body_limit > 0) p.body_limit = m.route->spec.body_limit;
  p.run_inline = m.route->spec.execution == Execution::kInline && options_.local_reads;
  // A declared length over the limit is refused before any of the body is read.
  if (auto cl = head.header("content-length")) {
    std::size_t n = 0;
    auto [ptr, ec] = std::from_chars(cl->data(), cl->data() + cl->size(), n);
    if (ec == std::errc() && n > p.body_limit)
      p.early = Response::error(Error::payload_too_large(p.body_limit));
  }
  return p;
}

Response Pipeline::run(Request& req, Plan& plan) {
  if (plan.early) return std::move(*plan.early);
  log::RequestScope log_scope(req.request_id);
  const RouteSpec& spec = plan.route->spec;
  std::optional<storage::DeadlineScope> deadline;
  auto allowed = std::max<std::chrono::milliseconds>(options_.request_deadline, spec.deadline);
  if (options_.request_deadline.count() > 0)
    deadline.emplace(std::chrono::steady_clock::now() + allowed);

  PrincipalPtr principal;
  auto auth = authenticator_.authenticate(req);
  if (!auth.ok()) {
    // Stale credentials do not stop public pages; everywhere else they mean "log in again".
    if (spec.access != Access::kPublic) return Response::error(auth.error());
  } else {
    principal = std::move(*auth);
  }
  if (principal) {
    plan.principal_label =
        fmt::format("{}:{}", principal->is_official() ? "official" : "applicant", principal->id);
  }
  switch (spec.access) {
    case Access::kPublic:
      break;
    case Access::kOfficial:
      if (!principal) return Response::error(Error::unauthenticated());
      if (!principal->is_official()) return Response::error(Error::forbidden());
      break;
    case Access::kApplicant:
      if (!principal) return Response::error(Error::unauthenticated());
      if (!principal->is_applicant()) return Response::error(Error::forbidden());
      break;
    case Access::kAuthenticated:
      if (!principal) return Response::error(Error::unauthenticated());
      break;
  }
  if (principal && spec.access != Access::kPublic && !spec.while_account_incomplete) {
    if (principal->must_change_password)
      return Response::error(Error(403, "password_change_required",
                                   "Bạn đang dùng mật khẩu tạm thời. Vui lòng đổi mật khẩu trước "
                                   "khi tiếp tục."));
    if (principal->contact_pending)
      return Response::error(Error(403, "contact_unconfirmed",
                                   "Vui lòng nhập mã xác nhận đã gửi tới số điện thoại hoặc thư "
                                   "điện tử của bạn trước khi tiếp tục."));
  }
  if (principal && !is_safe(req.method)) {
    if (principal->via == identity::Principal::Via::kSession) {
      auto sent = req.header("x-csrf-token");
      if (!sent || !crypto::constant_time_equals(*sent, principal->csrf_token)) {
        return Response::error(
            Error(403, "csrf_failed",
                  "Phiên làm việc không hợp lệ hoặc đã hết hạn. Vui lòng tải lại "
                  "trang và thử lại."));
      }
    } else if (!principal->token_can_write) {
      return Response::error(
          Error::forbidden("Khóa truy cập (API token) này chỉ được phép đọc dữ liệu."));
    }
  }

  // A creating request sent again after a lost reply gets the first answer (idempotency.h).
  std::optional<std::string> idempotency_key_claimed;
  std::string idempotency_token;
  std::string idempotency_owner =
      principal ? plan.principal_label : std::string(IdempotencyStore::kAnonymous);
  bool keyed = spec.anonymous_retries || (principal && spec.access != Access::kPublic);
  if (idempotency_ != nullptr && keyed && !plan.run_inline &&
      (req.method == Method::kPost || req.method == Method::kPatch)) {
    auto key = idempotency_key(req);
    if (!key.ok()) return Response::error(key.error());
    // Keys of callers who are not signed in all share one owner: too short a key would meet
    // another caller's.
    if (*key && !principal && (*key)->size() < 16)
      return Response::error(Error::invalid(
          "Khóa chống gửi trùng (Idempotency-Key) của người chưa đăng nhập phải dài ít nhất 16 "
          "ký tự ngẫu nhiên."));
    if (*key) {
      auto claim = idempotency_->claim(
          idempotency_owner, **key,
          fmt::format("{} {}\n{}", method_name(req.method), req.target, req.body),
          IdempotencyStore::abandoned_after(allowed), spec.anonymous_retries);
      if (!claim.ok()) return Response::error(claim.error());
      switch (claim->outcome) {
        case IdempotencyStore::Outcome::kClaimed:
          idempotency_key_claimed = std::move(**key);
          idempotency_token = std::move(claim->token);
          break;
        case IdempotencyStore::Outcome::kReplay:
          claim->stored.set_header("Idempotent-Replayed", "true");
          return std::move(claim->stored);
        case IdempotencyStore::Outcome::kInProgress: {
          auto busy = Response::error(
              Error(409, "idempotency.in_progress",
                    "Yêu cầu trước với cùng khóa chống gửi trùng đang được xử lý; vui lòng thử "
                    "lại sau giây lát."));
          busy.set_header("Retry-After", "1");
          return busy;
        }
        case IdempotencyStore::Outcome::kKeyReused:
          return Response::error(Error(
              422, "idempotency.key_reused",
              "Khóa chống gửi trùng (Idempotency-Key) này đã được dùng cho một yêu cầu khác."));
      }
    }
  }

  Context ctx(req, *plan.route, std::move(plan.params), principal.get(), &authorizer_);
  uint64_t commits_before = audit::commits_on_this_thread();
  audit::CommitHook mark_claim = [&](storage::Tx& tx) {
    return idempotency_->mark_committed(tx, idempotency_owner, *idempotency_key_claimed,
                                        idempotency_token);
  };
  std::optional<audit::CommitHookScope> marking;
  if (idempotency_key_claimed) marking.emplace(&mark_claim);
  Response res = invoke(spec, ctx, req);
  marking.reset();
  if (idempotency_key_claimed) {
    // Keeping the answer must not fail because the handler used up the deadline: a claim left
    // open answers every retry "in progress" until it expires.
    deadline.reset();
    storage::DeadlineScope keeping(std::chrono::steady_clock::now() + std::chrono::seconds(5));
    IdempotencyStore::Ending ending{
        .committed = audit::commits_on_this_thread() != commits_before,
        .keep_body = !spec.answer_holds_secret || spec.anonymous_retries,
        .sealed = spec.anonymous_retries};
    auto kept = idempotency_->finish(idempotency_owner, *idempotency_key_claimed, idempotency_token,
                                     res, ending);
    if (!kept.ok())
      spdlog::error("request {}: keeping the answer of an Idempotency-Key: {}", req.request_id,
                    kept.error().describe());
  }
  return res;
}

Response Pipeline::invoke(const RouteSpec& spec, Context& ctx, const Request& req) {
  try {
    Result<Response> r = spec.handler(ctx);
    if (r.ok()) return std::move(*r);
    const Error& e = r.error();
    if (e.status() >= 500) {
      spdlog::error("request {} {} {}: {}", req.request_id, method_name(req.method), spec.path,
                    e.describe());
    }
    return Response::error(e);
  } catch (const std::exception& ex) {
    spdlog::error("request {} {} {}: unhandled exception: {}", req.request_id,
                  method_name(req.method), spec.path, ex.what());
    return Response::error(Error::internal(ex.what()));
  }
}

Result<std::optional<std::string>> idempotency_key(const Request& req) {
  auto h = req.header("idempotency-key");
  if (!h) return std::optional<std::string>();
  bool ok = !h->empty() && h->size() <= 128 &&
            std::all_of(h->begin(), h->end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (!ok)
    return Error::invalid(
        "Khóa chống gửi trùng (Idempotency-Key) phải gồm 1–128 ký tự ASCII nhìn thấy được.");
  return std::optional<std::string>(std::string(*h));
}

void Pipeline::finish(const Request& req, Plan& plan, Response& res) {
  // Handlers may set these three themselves (inline PDFs, downloads); the rest are always ours.
  bool has_csp = false, has_frame = false, has_cache = false;
  for (const auto& [k, v] : res.headers) {
    if (k.size() == 23)
      has_csp = has_csp || text::to_lower_ascii(k) == "content-security-policy";
    else if (k.size() == 15)
      has_frame = has_frame || text::to_lower_ascii(k) == "x-frame-options";
    else if (k.size() == 13)
      has_cache = has_cache || text::to_lower_ascii(k) == "cache-control";
  }
  auto& h = res.headers;
  h.reserve(h.size() + 10);
  h.emplace_back("X-Request-Id", req.request_id);
  h.emplace_back("X-Content-Type-Options", "nosniff");
  h.emplace_back("Referrer-Policy", "same-origin");
  h.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  h.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (!has_csp) {
    h.emplace_back("Content-Security-Policy",
                   std::string(content_security_policy(res.content_type)));
  }
  if (!has_frame) h.emplace_back("X-Frame-Options", "DENY");
  if (options_.https)
    h.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (plan.route != nullptr && !has_cache) h.emplace_back("Cache-Control", "no-store");

  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - plan.started).count();
  metrics_->observe(plan.metrics_slot, res.status, seconds);
  if (options_.access_log) {
    // The query string is left out on purpose: it can carry lookup verifiers.
    fmt::memory_buffer line;
    fmt::format_to(
        std::back_inserter(line),
        "\"type\":\"access\",\"request_id\":\"{}\",\"method\":\"{}\",\"path\":{},\"route\":{},"
        "\"status\":{},\"bytes\":{},\"duration_ms\":{:.3f},\"ip\":\"{}\",\"principal\":\"{}\"",
        req.request_id, method_name(req.method), json_escape(req.path.substr(0, 300)),
        plan.route ? std::string_view(plan.route->quoted_path) : std::string_view("null"),
        res.status, res.body.size(), seconds * 1000, req.client_ip, plan.principal_label);
    log::access(std::string_view(line.data(), line.size()));
  }
}

Response Pipeline::handle(Request& req) {
  Plan p = plan(req);
  if (p.body_limit > 0 && req.body.size() > p.body_limit && !p.early) {
    p.early = Response::error(Error::payload_too_large(p.body_limit));
  }
  Response res = run(req, p);
  finish(req, p, res);
  return res;
}

}  // namespace tinhso::http
