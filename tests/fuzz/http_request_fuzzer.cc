// Fuzzes what a client controls end to end: raw bytes are parsed as an HTTP/1.1 request the way
// the server does (Beast parser with the same limits), then routed and handled by the real
// Pipeline with JSON-reading handlers. Nothing may crash, hang or answer without a status.
#include <boost/beast/http.hpp>
#include <cstdint>
#include <string>

#include "core/base/json.h"
#include "core/http/context.h"
#include "core/http/pipeline.h"

using namespace tinhso;

namespace {

// No database in the fuzzer: reference-data loads fail cleanly.
class NoDatabase final : public storage::Database {
 public:
  storage::Dialect dialect() const override { return storage::Dialect::kSqlite; }
  bool local_reads() const override { return true; }
  storage::DatabaseStats stats() const override { return {}; }
  void close() override {}

 protected:
  Status run_read(TxFn) override { return Error::unavailable("no database"); }
  Status run_write(TxFn) override { return Error::unavailable("no database"); }
};

class CookieAuthenticator final : public http::Authenticator {
 public:
  Result<http::PrincipalPtr> authenticate(const http::Request& req) override {
    auto c = req.cookie("tinhso_session");
    if (c.empty()) return http::PrincipalPtr();
    if (c.size() < 4) return Error::unauthenticated();
    identity::Principal p;
    p.csrf_token = std::string(c.substr(0, 4));
    return http::PrincipalPtr(std::make_shared<const identity::Principal>(p));
  }
};

struct World {
  NoDatabase db;
  identity::OrgCache org{db};
  identity::Authorizer authz{org};
  CookieAuthenticator auth;
  http::Router router;
  std::unique_ptr<http::Pipeline> pipeline;

  World() {
    using http::Access;
    router.add({.method = http::Method::kPost,
                .path = "/api/v1/auth/login",
                .access = Access::kPublic,
                .body_limit = 8192,
                .handler = [](http::Context& c) -> Result<http::Response> {
                  TS_ASSIGN_OR_RETURN(auto body, c.json_body());
                  json::FieldReader r(body);
                  r.required_string("username", 200);
                  r.optional_enum("account_type", {"official", "applicant"});
                  r.optional_int("n", -5, 5);
                  r.optional_number("x", 0, 1);
                  r.optional_bool("b");
                  if (const auto* a = r.optional_array("list", 10)) {
                    for (const auto& item : *a) {
                      json::FieldReader ir(item);
                      ir.optional_string("name");
                    }
                  }
                  TS_TRY(r.finish());
                  return http::Response::json(body);
                }});
    router.add({.method = http::Method::kGet,
                .path = "/api/v1/units/{id}",
                .access = Access::kPublic,
                .execution = http::Execution::kInline,
                .handler = [](http::Context& c) -> Result<http::Response> {
                  TS_ASSIGN_OR_RETURN(int64_t id, c.id_param());
                  TS_ASSIGN_OR_RETURN(auto limit, c.query_int("limit", 1, 200));
                  return http::Response::json(
                      boost::json::object{{"id", id}, {"limit", limit.value_or(0)}});
                }});
    router.add(
        {.method = http::Method::kPatch,
         .path = "/api/v1/officials/{id}/grants/{grant_id}",
         .access = Access::kAuthenticated,
         .handler = [](http::Context& c) -> Result<http::Response> {
           TS_ASSIGN_OR_RETURN(int64_t a, c.id_param());
           TS_ASSIGN_OR_RETURN(int64_t b, c.id_param("grant_id"));
           TS_ASSIGN_OR_RETURN(auto body, c.json_body());
           return http::Response::json(boost::json::object{{"a", a}, {"b", b}, {"body", body}});
         }});
    pipeline = std::make_unique<http::Pipeline>(router, auth, authz, http::PipelineOptions{});
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  namespace bhttp = boost::beast::http;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_header_done()) return 0;
  const auto& msg = parser.get();
  http::Request req;
  req.method = http::parse_method(msg.method_string());
  req.client_ip = "127.0.0.1";
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(name, std::string(f.value()));
  }
  if (!http::parse_target(msg.target(), req)) return 0;
  req.body = msg.body();
  http::Response res = world.pipeline->handle(req);
  if (res.status < 100 || res.status > 599) __builtin_trap();
  // API errors are always JSON error objects (other paths may answer with the HTML page).
  if (req.path.starts_with("/api/") && res.status >= 400 &&
      res.body.find("\"error\"") == std::string::npos) {
    __builtin_trap();
  }
  return 0;
}
