// Context: what a handler receives — the request, its path parameters, the authenticated
// principal — and the helpers every handler needs: typed parameters, the JSON body,
// authorisation and the audit actor.
#pragma once

#include <optional>
#include <string_view>

#include "core/audit/actor.h"
#include "core/audit/change_log.h"
#include "core/base/json.h"
#include "core/base/time.h"
#include "core/http/router.h"
#include "core/identity/authorizer.h"
#include "core/identity/principal.h"

namespace tinhso::http {

class Context {
 public:
  Context(const Request& request, const Route& route, PathParams params,
          const identity::Principal* principal, const identity::Authorizer* authorizer)
      : request_(request),
        route_(route),
        params_(std::move(params)),
        principal_(principal),
        authorizer_(authorizer) {}

  const Request& request() const { return request_; }
  const Route& route() const { return route_; }
  std::optional<std::string_view> param(std::string_view name) const { return params_.get(name); }
  // A positive integer path parameter; 404 when it is not one (no such object can exist).
  Result<int64_t> id_param(std::string_view name = "id") const;
  // Optional integer query parameter, 400 if present but malformed or out of range.
  Result<std::optional<int64_t>> query_int(std::string_view name, int64_t min, int64_t max) const;
  // Optional date query parameter (YYYY-MM-DD), 422 if present but malformed.
  Result<std::optional<Date>> query_date(std::string_view name) const;
  // The body as JSON; 415 unless Content-Type is application/json, 400 if malformed.
  Result<boost::json::value> json_body() const;

  const identity::Principal* principal() const { return principal_; }
  // The principal of a route whose access level guarantees one.
  const identity::Principal& who() const { return *principal_; }

  // Authorises `p` in `unit_id` and remembers the grant for the audit actor.
  Status authorize(identity::Permission p, int64_t unit_id);
  // Takes the outcome of a domain check made on who() (a module's authorisation, which knows
  // no HTTP): its error, or the grant it relied on, remembered for the audit actor (none when
  // the person acts because they were named).
  Status use_grant(Result<std::optional<identity::Grant>> checked);
  // Authorises `p` in at least one unit (lists then filter by authorizer().grants_for()).
  Status authorize_anywhere(identity::Permission p);
  const identity::Authorizer& authorizer() const { return *authorizer_; }

  // Who is acting, for the audit log.
  audit::Actor actor() const;

  // Runs `fn` as one audited change by who() (audit::ChangeLog::apply). A grant that
  // authorize() or use_grant() takes inside `fn` — after the record was re-read — is what the
  // entries recorded after it name, not whatever was checked before the transaction.
  template <class F>
  auto apply(audit::ChangeLog& log, F&& fn) -> std::invoke_result_t<F&, audit::ChangeTx&> {
    return log.apply(actor(), [&](audit::ChangeTx& tx) {
      struct Reset {
        audit::ChangeTx*& slot;
        ~Reset() { slot = nullptr; }
      } reset{change_};
      change_ = &tx;
      return fn(tx);
    });
  }

 private:
  // Notes the grant just taken on the change in progress, if any.
  void note_grant();

  const Request& request_;
  const Route& route_;
  PathParams params_;
  const identity::Principal* principal_;
  const identity::Authorizer* authorizer_;
  std::optional<identity::Grant> grant_;
  audit::ChangeTx* change_ = nullptr;  // while apply() runs
};

}  // namespace tinhso::http
