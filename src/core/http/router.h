// Router: maps (method, path) to a route. Patterns are literal segments and {name}
// parameters, e.g. "/api/v1/units/{id}"; literal segments win over parameters.
//
// A route also declares how it is served: who may call it, where it runs, how large a body
// it accepts, and what it is (summary, parameters, schemas) for the OpenAPI document.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/http/message.h"

namespace tinhso::http {

class Context;
using Handler = std::function<Result<Response>(Context&)>;

enum class Access {
  kPublic,         // anyone; a signed-in principal is still resolved if present
  kOfficial,       // officials (session or API token)
  kApplicant,      // citizen and business accounts
  kAuthenticated,  // either
};

enum class Execution {
  kWorker,  // the worker pool (default: anything that may block)
  kInline,  // cheap and non-blocking when the database is embedded: runs on the I/O thread
};

struct QueryParam {
  std::string name;
  std::string description;
  bool required = false;
  std::string type = "string";  // OpenAPI primitive type
};

struct RouteSpec {
  Method method = Method::kGet;
  std::string path;
  std::string summary;  // English, for developers
  std::string tag;
  Access access = Access::kOfficial;
  // Whether an account that is not yet complete — a temporary password still to change, a
  // new applicant's contact still to confirm — may call it (its session, the password change,
  // the confirmation, logging out); everything else waits.
  bool while_account_incomplete = false;
  Execution execution = Execution::kWorker;
  std::size_t body_limit = 0;  // 0: the server's default
  // How long the request may wait on the database in all (storage/deadline.h); 0: the server's
  // server.request_deadline_seconds. Longer for the few routes that do much work by design
  // (verifying the whole audit log, a catalog import of 32 MB).
  std::chrono::seconds deadline{0};
  std::vector<QueryParam> query;
  boost::json::value request_schema;   // JSON Schema of the body, or null
  boost::json::value response_schema;  // JSON Schema of the 2xx body, or null
  int success_status = 200;
  // The answer carries a secret shown once (a new API token, a temporary password): it is never
  // kept for an Idempotency-Key replay; a retry learns only that it was done (idempotency.h).
  // A route with anonymous_retries is the exception: its answers are kept sealed with the key.
  bool answer_holds_secret = false;
  // A public route that creates something for a caller who is not logged in: an
  // Idempotency-Key sent with it is honoured for them too (idempotency.h, kAnonymous), and its
  // answers are kept sealed with the caller's key, signed in or not.
  bool anonymous_retries = false;
  Handler handler;
};

struct Route {
  RouteSpec spec;
  std::size_t index = 0;    // position in registration order (metrics)
  std::string quoted_path;  // the pattern as a JSON string, for access lines
};

struct PathParams {
  std::vector<std::pair<std::string_view, std::string>> values;
  std::optional<std::string_view> get(std::string_view name) const;
};

struct RouteMatch {
  const Route* route = nullptr;
  PathParams params;
  // Path matched but not the method: the methods that would have (for 405 + Allow).
  std::vector<Method> allowed;
};

// Not synchronised: routes are added before the server serves; match() on the finished table
// is then safe from any thread.
class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Aborts on a duplicate (method, pattern): a programming error.
  void add(RouteSpec spec);
  RouteMatch match(Method method, std::string_view path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace tinhso::http
