// Routes: /open311/v2 — Open311 GeoReport v2 for other applications: service discovery, the
// services (feedback categories) and their definitions, sending a request (api_key: an application
// key), and reading requests back — published answers for anyone, an item not
// yet answered only by the application that sent it. Keys are issued by reception
// (app_keys.h). Each resource answers in JSON or XML by its
// extension (".json", ".xml"), errors as the specification's error document.
#include <fmt/format.h>

#include "core/base/text.h"
#include "core/http/context.h"
#include "feedback/open311.h"
#include "feedback/routes.h"
#include "feedback/service.h"

namespace tinhso::feedback {
namespace {

using boost::json::array;
using boost::json::object;
using open311::Format;

constexpr std::string_view kBase = "/open311/v2";

Result<http::Response> reply(const boost::json::value& doc, Format f, std::string_view root,
                             int status = 200) {
  TS_ASSIGN_OR_RETURN(auto text, open311::render(doc, f, root));
  auto r = http::Response::bytes(std::move(text), std::string(open311::content_type(f)));
  r.status = status;
  return r;
}

// Open311 clients read errors from the specification's document; a field error is its 400.
// Failures of the server itself stay the platform's (logged, without their cause).
Result<http::Response> answer(Result<http::Response> r, Format f) {
  if (r.ok() || r.error().status() >= 500) return r;
  int status = r.error().status() == 422 ? 400 : r.error().status();
  return reply(open311::errors_json(status, r.error().message()), f, "errors", status);
}

// "{name}.json" in a path parameter: the name and the format, or 404.
Result<std::pair<std::string, Format>> named(const http::Context& ctx, std::string_view param) {
  auto split = open311::split_format(ctx.param(param).value_or(""));
  if (!split)
    return Error::not_found("Không tìm thấy tài nguyên (cần phần mở rộng .json hoặc .xml).");
  return *split;
}

// The application behind `api_key`, if one was given; 403 when it names no live key.
Result<std::optional<AppKey>> application(Feedback& m, const std::optional<std::string>& key) {
  if (!key || key->empty()) return std::optional<AppKey>();
  TS_ASSIGN_OR_RETURN(auto k, m.service().app_key(*key));
  return std::optional<AppKey>(std::move(k));
}

// A GET's query parameters; a POST's form-encoded body (never its query string: a key in a URL
// ends up in proxies' logs).
Result<open311::Params> params_of(const http::Context& ctx) {
  if (ctx.request().method != http::Method::kPost)
    return open311::Params(ctx.request().query.begin(), ctx.request().query.end());
  auto type = ctx.request().header("content-type").value_or("");
  if (!type.starts_with("application/x-www-form-urlencoded"))
    return Error::unsupported_media_type(
        "Gửi tham số theo dạng application/x-www-form-urlencoded (Open311 GeoReport v2).");
  return open311::parse_form(ctx.request().body);
}

Result<std::optional<Instant>> instant_param(const open311::Params& p, std::string_view name) {
  auto v = open311::param(p, name);
  if (!v || v->empty()) return std::optional<Instant>();
  auto t = parse_rfc3339(*v);
  if (!t.ok())
    return Error::validation(std::string(name),
                             fmt::format("{}: cần thời điểm theo ISO 8601, ví dụ "
                                         "2026-05-01T08:00:00+07:00.",
                                         name));
  return std::optional<Instant>(*t);
}

Result<http::Response> discovery(Feedback& m, Format f) {
  std::string url = m.services().config.server.public_url + std::string(kBase);
  object doc{{"changeset", "2026-12-06T00:00:00+07:00"},
             {"contact", "Văn phòng Ủy ban nhân dân tỉnh"},
             {"key_service",
              "Khóa ứng dụng (api_key) do bộ phận tiếp nhận phản ánh, kiến nghị cấp và thu hồi."},
             {"endpoints", array{object{{"specification", "http://wiki.open311.org/GeoReport_v2"},
                                        {"url", url},
                                        {"changeset", "2026-12-06T00:00:00+07:00"},
                                        {"type", "production"},
                                        {"formats", array{"text/xml", "application/json"}}}}}};
  return reply(doc, f, "discovery");
}

Result<http::Response> services(Feedback& m, Format f) {
  TS_ASSIGN_OR_RETURN(auto all, m.service().active_categories());
  array out;
  for (const auto& c : all) out.push_back(open311::service_json(c));
  return reply(out, f, "services");
}

Result<http::Response> service_definition(Feedback& m, const http::Context& ctx) {
  TS_ASSIGN_OR_RETURN(auto name, named(ctx, "service"));
  // Named, not a structured binding: lambdas cannot capture those before C++23 (clang).
  const std::string code = name.first;
  const Format f = name.second;
  return answer(
      [&]() -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto all, m.service().active_categories());
        for (const auto& c : all)
          if (c.code == code)
            return reply(open311::service_definition_json(c), f, "service_definition");
        return Error::not_found(fmt::format("Không có dịch vụ (service_code) {}.", code));
      }(),
      f);
}

Result<http::Response> post_request(Feedback& m, http::Context& ctx, Format f) {
  TS_ASSIGN_OR_RETURN(auto p, params_of(ctx));
  auto key = open311::param(p, "api_key");
  if (!key || key->empty())
    return Error::forbidden("Cần khóa ứng dụng (api_key) để gửi phản ánh, kiến nghị qua Open311.");
  TS_ASSIGN_OR_RETURN(auto app, m.service().app_key(*key));
  TS_ASSIGN_OR_RETURN(auto categories, m.service().active_categories());
  TS_ASSIGN_OR_RETURN(auto sub, open311::read_request(p, categories));
  // The audit log names the application: it acts for the person, as no official does.
  audit::Actor actor = audit::Actor::system(fmt::format("Ứng dụng Open311: {}", app.name));
  actor.request_id = ctx.request().request_id;
  actor.ip = ctx.request().client_ip;
  TS_ASSIGN_OR_RETURN(auto made, m.service().submit_from_app(app, actor, std::move(sub)));
  // The person follows, completes and rates it through their own link, which the application
  // shows them.
  std::string link = fmt::format("{}/phan-anh/theo-doi/{}?khoa={}",
                                 m.services().config.server.public_url, made.item.code, made.token);
  std::string notice =
      made.missing.empty()
          ? fmt::format("Đã gửi phản ánh, kiến nghị {}. Theo dõi tại {}", made.item.code, link)
          : fmt::format(
                "Đã lưu phản ánh, kiến nghị {} nhưng chưa đủ điều kiện tiếp nhận (Điều 7 "
                "Nghị định 20/2008/NĐ-CP): cần bổ sung họ tên, địa chỉ và số điện thoại "
                "hoặc thư điện tử của người gửi tại {}",
                made.item.code, link);
  return reply(
      array{object{
          {"service_request_id", made.item.code}, {"service_notice", notice}, {"account_id", ""}}},
      f, "service_requests", 201);
}

Result<http::Response> get_requests(Feedback& m, const http::Context& ctx, Format f) {
  TS_ASSIGN_OR_RETURN(auto p, params_of(ctx));
  TS_ASSIGN_OR_RETURN(auto app, application(m, open311::param(p, "api_key")));
  array out;
  if (auto ids = open311::param(p, "service_request_id"); ids && !ids->empty()) {
    auto list = text::split(*ids, ',');
    if (list.size() > 100) return Error::validation("service_request_id", "Tối đa 100 mã.");
    for (auto id : list) {
      auto one = m.service().app_request(text::trim(id), app ? &*app : nullptr);
      if (!one.ok() && one.error().status() == 404) continue;
      TS_TRY(one);
      out.push_back(std::move(*one));
    }
    return reply(out, f, "service_requests");
  }
  // Published answers: every one is closed.
  auto status = open311::param(p, "status").value_or("");
  if (!status.empty() && status != "open" && status != "closed")
    return Error::validation("status", "status: open hoặc closed.");
  if (status == "open") return reply(out, f, "service_requests");
  TS_ASSIGN_OR_RETURN(auto categories, m.service().active_categories());
  PublicQuery q;
  if (auto code = open311::param(p, "service_code"); code && !code->empty()) {
    for (const auto& c : categories)
      if (c.code == *code) q.category_id = c.id;
    if (!q.category_id) return reply(out, f, "service_requests");
  }
  TS_ASSIGN_OR_RETURN(q.sent_from, instant_param(p, "start_date"));
  TS_ASSIGN_OR_RETURN(q.sent_until, instant_param(p, "end_date"));
  // The specification's default span: the last 90 days.
  if (!q.sent_from)
    q.sent_from = q.sent_until.value_or(m.services().clock.now()) - std::chrono::days(90);
  TS_ASSIGN_OR_RETURN(auto size, ctx.query_int("page_size", 1, 1000));
  q.limit = static_cast<int>(size.value_or(1000));
  TS_ASSIGN_OR_RETURN(auto rows, m.service().published(q));
  for (const auto& row : rows.rows) {
    const auto& o = row.as_object();
    int64_t cat = o.at("category").at("id").as_int64();
    std::string code;
    for (const auto& c : categories)
      if (c.id == cat) code = c.code;
    out.push_back(open311::published_request_json(o, code));
  }
  return reply(out, f, "service_requests");
}

Result<http::Response> get_request(Feedback& m, const http::Context& ctx) {
  TS_ASSIGN_OR_RETURN(auto name, named(ctx, "request"));
  const std::string code = name.first;
  const Format f = name.second;
  return answer(
      [&]() -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto p, params_of(ctx));
        TS_ASSIGN_OR_RETURN(auto app, application(m, open311::param(p, "api_key")));
        TS_ASSIGN_OR_RETURN(auto one, m.service().app_request(code, app ? &*app : nullptr));
        return reply(array{std::move(one)}, f, "service_requests");
      }(),
      f);
}

// Requests are made at once (type realtime): a token is the request's own id.
Result<http::Response> get_token(Feedback& m, const http::Context& ctx) {
  TS_ASSIGN_OR_RETURN(auto name, named(ctx, "token"));
  const std::string token = name.first;
  const Format f = name.second;
  return answer(
      [&]() -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto p, params_of(ctx));
        TS_ASSIGN_OR_RETURN(auto app, application(m, open311::param(p, "api_key")));
        TS_ASSIGN_OR_RETURN(auto one, m.service().app_request(token, app ? &*app : nullptr));
        return reply(
            array{object{{"service_request_id", one.at("service_request_id")}, {"token", token}}},
            f, "service_requests");
      }(),
      f);
}

}  // namespace

void register_open311_routes(http::Router& router, Feedback& m) {
  using http::Access;
  using http::Method;
  for (Format f : {Format::kJson, Format::kXml}) {
    std::string ext = f == Format::kJson ? ".json" : ".xml";
    router.add({
        .method = Method::kGet,
        .path = std::string(kBase) + "/discovery" + ext,
        .summary = "Open311 service discovery: where the GeoReport v2 endpoint is, its formats",
        .tag = "open311",
        .access = Access::kPublic,
        .handler = [&m, f](http::Context&) { return answer(discovery(m, f), f); },
    });
    router.add({
        .method = Method::kGet,
        .path = std::string(kBase) + "/services" + ext,
        .summary = "Open311 GeoReport v2 services: the feedback categories",
        .tag = "open311",
        .access = Access::kPublic,
        .handler = [&m, f](http::Context&) { return answer(services(m, f), f); },
    });
    router.add({
        .method = Method::kGet,
        .path = std::string(kBase) + "/requests" + ext,
        .summary = "Open311 GeoReport v2 requests: published answers (closed), by service_code "
                   "and start_date/end_date (default: the last 90 days), page_size up to 1000; "
                   "service_request_id (comma-separated) also finds the application's own "
                   "unpublished items with its api_key",
        .tag = "open311",
        .access = Access::kPublic,
        .query = {{"service_request_id", "Request ids, comma-separated"},
                  {"service_code", "A service"},
                  {"start_date", "Sent on or after (ISO 8601)"},
                  {"end_date", "Sent before (ISO 8601)"},
                  {"status", "open or closed"},
                  {"page_size", "Up to 1000", false, "integer"},
                  {"api_key", "The application's key"}},
        .handler = [&m, f](http::Context& ctx) { return answer(get_requests(m, ctx, f), f); },
    });
    router.add({
        .method = Method::kPost,
        .path = std::string(kBase) + "/requests" + ext,
        .summary =
            "Open311 GeoReport v2: send feedback as form fields (api_key: an application key "
            "from reception, service_code, "
            "description, lat/long or address_string, first_name, last_name, phone, "
            "email, attribute[dia_chi_nguoi_gui], attribute[de_xuat]); the answer's "
            "service_notice holds the sender's own link, shown once",
        .tag = "open311",
        .access = Access::kPublic,
        .body_limit = 64 * 1024,
        .success_status = 201,
        .answer_holds_secret = true,
        .handler = [&m, f](http::Context& ctx) { return answer(post_request(m, ctx, f), f); },
    });
  }
  router.add({
      .method = Method::kGet,
      .path = std::string(kBase) + "/services/{service}",
      .summary = "Open311 GeoReport v2 service definition: {service} is the service_code with "
                 ".json or .xml",
      .tag = "open311",
      .access = Access::kPublic,
      .handler = [&m](http::Context& ctx) { return service_definition(m, ctx); },
  });
  router.add({
      .method = Method::kGet,
      .path = std::string(kBase) + "/requests/{request}",
      .summary = "Open311 GeoReport v2 request: {request} is its id with .json or .xml; "
                 "unpublished items only for the application that sent them (api_key)",
      .tag = "open311",
      .access = Access::kPublic,
      .query = {{"api_key", "The application's key"}},
      .handler = [&m](http::Context& ctx) { return get_request(m, ctx); },
  });
  router.add({
      .method = Method::kGet,
      .path = std::string(kBase) + "/tokens/{token}",
      .summary = "Open311 GeoReport v2 token: requests are made at once, so a token is the "
                 "request's own id",
      .tag = "open311",
      .access = Access::kPublic,
      .query = {{"api_key", "The application's key"}},
      .handler = [&m](http::Context& ctx) { return get_token(m, ctx); },
  });
}

}  // namespace tinhso::feedback
