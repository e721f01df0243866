// Operational endpoints: liveness, readiness, Prometheus metrics, the OpenAPI document and
// (tests only) the clock control.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/app.h"
#include "app/modules.h"
#include "core/base/time.h"
#include "core/http/context.h"
#include "core/http/pipeline.h"
#include "core/http/schema.h"
#include "core/http/server.h"
#include "core/identity/org_tree.h"
#include "core/module/vocabulary.h"
#include "core/storage/migrations.h"

namespace tinhso::app {
namespace {

bool loopback_listen(const std::string& listen) {
  return listen.starts_with("127.") || listen.starts_with("[::1]") ||
         listen.starts_with("localhost:");
}

}  // namespace

Status App::database_answers() {
  std::lock_guard lock(probe_mu_);
  auto now = std::chrono::steady_clock::now();
  if (now - probed_at_ >= std::chrono::seconds(1)) {
    probed_ = db_->probe(std::chrono::seconds(2));
    probed_at_ = std::chrono::steady_clock::now();
  }
  return probed_;
}

void App::register_ops_routes(http::Router& router) {
  using http::Access;
  using http::Execution;
  using http::Method;

  router.add({
      .method = Method::kGet,
      .path = "/healthz",
      .summary = "Liveness: the process answers",
      .tag = "operations",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .handler = [](http::Context&) -> Result<http::Response> {
        http::Response r;
        r.body = R"({"status":"ok"})";
        return r;
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/readyz",
      .summary = "Readiness: the database answers, every migration is applied and the data "
                 "directory has room to write",
      .tag = "operations",
      .access = Access::kPublic,
      .handler = [this](http::Context&) -> Result<http::Response> {
        // A full disk fails every write with 507; a balancer should stop sending people here
        // before that, while reads still work.
        std::error_code ec;
        auto space = std::filesystem::space(config_.data_dir, ec);
        uint64_t min_free = static_cast<uint64_t>(config_.database.min_free_disk_mb) << 20;
        if (!ec && space.available < min_free) {
          return http::Response::json(boost::json::object{{"status", "unavailable"},
                                                          {"storage", "full"},
                                                          {"free_bytes", space.available},
                                                          {"min_free_bytes", min_free}},
                                      503);
        }
        // On its own connection with a short deadline: a hung database shows here in ~2 s.
        auto answers = database_answers();
        // Once every migration of this binary is applied it stays so: asked until then only,
        // because the query goes through the pool, which a hung database holds.
        auto pending = !answers.ok() ? Result<std::vector<std::string>>(answers.error())
                       : migrations_current_.load()
                           ? Result<std::vector<std::string>>(std::vector<std::string>{})
                           : storage::pending_migrations(*db_, migrations_);
        if (pending.ok() && pending->empty()) migrations_current_.store(true);
        if (!pending.ok()) {
          return http::Response::json(
              boost::json::object{{"status", "unavailable"}, {"database", "unreachable"}}, 503);
        }
        if (!pending->empty()) {
          boost::json::array p;
          for (const auto& id : *pending) p.emplace_back(id);
          return http::Response::json(boost::json::object{{"status", "unavailable"},
                                                          {"database", "ok"},
                                                          {"pending_migrations", std::move(p)}},
                                      503);
        }
        return http::Response::json(boost::json::object{{"status", "ready"}, {"database", "ok"}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/public/map",
      .summary = "The map the screens show where a place is taken or shown: the province's tile "
                 "server ({z}/{x}/{y}), its attribution and where the map opens; `tile_url` null "
                 "when no map is configured",
      .tag = "operations",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .response_schema = http::schema(R"({"type":"object",
          "required":["tile_url","attribution","center","zoom"],
          "properties":{"tile_url":{"type":["string","null"]},"attribution":{"type":"string"},
          "center":{"type":"object","required":["lat","lon"],
            "properties":{"lat":{"type":"number"},"lon":{"type":"number"}}},
          "zoom":{"type":"integer"}}})"),
      .handler = [this](http::Context&) -> Result<http::Response> {
        const MapConfig& m = config_.map;
        boost::json::object o{
            {"tile_url",
             m.tile_url.empty() ? boost::json::value(nullptr) : boost::json::value(m.tile_url)},
            {"attribution", m.attribution},
            {"center", boost::json::object{{"lat", m.center_lat}, {"lon", m.center_lon}}},
            {"zoom", m.zoom}};
        auto r = http::Response::json(o);
        // Settings change only with a restart: a browser may keep them for a few minutes.
        r.set_header("Cache-Control", "public, max-age=300");
        return r;
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/metrics",
      .summary = "Prometheus metrics: requests, latency, database pool, queues",
      .tag = "operations",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .handler = [this](http::Context&) -> Result<http::Response> {
        if (pipeline_ == nullptr) return Error::unavailable("not serving");
        std::string text = pipeline_->metrics().render([this](std::string& out) {
          auto d = db_->stats();
          out +=
              "# HELP tinhso_db_connections Database connections by state.\n# TYPE "
              "tinhso_db_connections gauge\n";
          out += fmt::format("tinhso_db_connections{{state=\"total\"}} {}\n", d.connections_total);
          out +=
              fmt::format("tinhso_db_connections{{state=\"in_use\"}} {}\n", d.connections_in_use);
          out += fmt::format("tinhso_db_waiting_for_connection {}\n", d.waiting_for_connection);
          out += "# HELP tinhso_db_write_queue_depth Write transactions waiting for the writer.\n";
          out += fmt::format(
              "# TYPE tinhso_db_write_queue_depth gauge\ntinhso_db_write_queue_depth {}\n",
              d.write_queue_depth);
          out +=
              "# HELP tinhso_db_transactions_total Transactions by kind.\n# TYPE "
              "tinhso_db_transactions_total counter\n";
          out += fmt::format("tinhso_db_transactions_total{{kind=\"write\"}} {}\n",
                             d.write_transactions);
          out += fmt::format("tinhso_db_transactions_total{{kind=\"read\"}} {}\n",
                             d.read_transactions);
          out +=
              "# HELP tinhso_db_nested_transactions_total Transactions begun inside another on "
              "the same thread (PostgreSQL; should stay 0).\n# TYPE "
              "tinhso_db_nested_transactions_total counter\n";
          out += fmt::format("tinhso_db_nested_transactions_total {}\n", d.nested_transactions);
          out +=
              "# HELP tinhso_db_commits_total Physical commits (fsyncs); fewer than writes under "
              "group commit.\n";
          out += fmt::format("# TYPE tinhso_db_commits_total counter\ntinhso_db_commits_total {}\n",
                             d.write_commits);
          if (server_ != nullptr) {
            auto st = server_->stats();
            out += fmt::format(
                "# TYPE tinhso_http_open_connections gauge\ntinhso_http_open_connections {}\n",
                st.open_connections);
            out += fmt::format(
                "# TYPE tinhso_http_requests_in_flight gauge\ntinhso_http_requests_in_flight {}\n",
                st.requests_in_flight);
            out += "# HELP tinhso_worker_queue_depth Handlers waiting for a worker thread.\n";
            out += fmt::format(
                "# TYPE tinhso_worker_queue_depth gauge\ntinhso_worker_queue_depth {}\n",
                st.worker_queue_depth);
            out += fmt::format("# TYPE tinhso_worker_threads gauge\ntinhso_worker_threads {}\n",
                               st.worker_threads);
            out += fmt::format(
                "# TYPE tinhso_http_max_connections gauge\ntinhso_http_max_connections {}\n",
                st.max_connections);
            out +=
                "# HELP tinhso_http_connections_refused_total Connections refused or answered "
                "503 for being over server.max_connections.\n";
            out += fmt::format(
                "# TYPE tinhso_http_connections_refused_total counter\n"
                "tinhso_http_connections_refused_total {}\n",
                st.connections_refused);
            out += fmt::format(
                "# TYPE tinhso_http_accept_errors_total counter\ntinhso_http_accept_errors_total "
                "{}\n",
                st.accept_errors);
          }
        });
        return http::Response::bytes(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/site",
      .summary = "What the front end shows in its header: the province (root unit) and version",
      .tag = "operations",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .handler = [this](http::Context&) -> Result<http::Response> {
        auto org = org_->get();
        auto roots = org->roots();
        const identity::UnitInfo* root = roots.empty() ? nullptr : org->find(roots.front());
        std::string province = root ? root->name : "";
        // "Ủy ban nhân dân tỉnh An Khang" → "Tỉnh An Khang" for the header.
        constexpr std::string_view kPrefix = "Ủy ban nhân dân ";
        if (province.starts_with(kPrefix)) {
          province = province.substr(kPrefix.size());
          if (province.starts_with("tỉnh"))
            province = "Tỉnh" + province.substr(std::string_view("tỉnh").size());
          if (province.starts_with("thành phố"))
            province = "Thành phố" + province.substr(std::string_view("thành phố").size());
        }
        return http::Response::json(
            boost::json::object{{"province", province},
                                {"root_unit", root ? boost::json::value(root->name) : nullptr},
                                {"version", TINHSO_VERSION}});
      },
  });

  {
    // Checked by App::open: names are unique. The levels and kinds of units are data: filled
    // from the organisation snapshot at each request (it changes without a new version).
    auto vocabularies = vocabularies_of(module_defs_);
    boost::json::object fixed =
        vocabularies.ok() ? vocabularies_json(*vocabularies) : boost::json::object{};
    router.add({
        .method = Method::kGet,
        .path = "/api/v1/vocabularies",
        .summary = "The closed lists of values the API speaks (statuses, actions, channels, "
                   "levels, kinds, roles, …), each value with its Vietnamese label",
        .tag = "reference",
        .access = Access::kPublic,
        .execution = Execution::kInline,
        .response_schema = http::schema(R"({"type":"object","additionalProperties":{"type":"array",
            "items":{"type":"object","required":["key","label"],"properties":{
            "key":{"type":"string"},"label":{"type":"string"},"retired":{"type":"boolean"}}}}})"),
        .handler = [this, fixed](http::Context&) -> Result<http::Response> {
          auto org = org_->get();
          Vocabulary levels{"unit_levels", {}}, kinds{"unit_kinds", {}};
          for (const auto& l : org->levels()) {
            // An ended level still labels old data, and says so.
            auto ended =
                l.ended_on ? parse_iso_date(*l.ended_on) : Result<Date>(Error::invalid(""));
            levels.terms.push_back(
                {l.key,
                 ended.ok() ? fmt::format("{} (đến {})", l.label, format_vn_date(*ended)) : l.label,
                 ended.ok() && *ended < local_date(clock_.now())});
          }
          for (const auto& k : org->kinds()) kinds.terms.push_back({k.key, k.label});
          boost::json::object body = fixed;
          std::vector<Vocabulary> data{std::move(levels), std::move(kinds)};
          for (const auto& kv : vocabularies_json(data)) body[kv.key()] = kv.value();
          http::Response r = http::Response::json(std::move(body));
          // Five minutes in caches, then asked again.
          r.set_header("Cache-Control", "public, max-age=300");
          return r;
        },
    });
  }

  router.add({
      .method = Method::kGet,
      .path = "/api/openapi.json",
      .summary = "This API as an OpenAPI 3 document",
      .tag = "operations",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .handler = [this](http::Context&) -> Result<http::Response> {
        http::Response r;
        r.body = openapi_;
        r.set_header("Cache-Control", "no-cache");
        return r;
      },
  });

  if (config_.testing.clock_control && loopback_listen(config_.server.listen)) {
    router.add({
        .method = Method::kPost,
        .path = "/api/v1/testing/clock",
        .summary = "Tests only: shift the application clock ({\"offset_seconds\":N} or "
                   "{\"now\":RFC 3339})",
        .tag = "testing",
        .access = Access::kPublic,
        .handler = [this](http::Context& ctx) -> Result<http::Response> {
          TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          json::FieldReader r(body);
          auto offset = r.optional_int("offset_seconds", -100LL * 365 * 86400, 100LL * 365 * 86400);
          auto now = r.optional_string("now", 40);
          TS_TRY(r.finish());
          if (now) {
            TS_ASSIGN_OR_RETURN(Instant target, parse_rfc3339(*now));
            clock_.set_offset(std::chrono::milliseconds(0));
            clock_.set_offset(target - clock_.now());
          } else if (offset) {
            clock_.set_offset(std::chrono::seconds(*offset));
          }
          return http::Response::json(boost::json::object{{"now", format_rfc3339(clock_.now())}});
        },
    });
  }
}

}  // namespace tinhso::app
