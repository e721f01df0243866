// Routes: /api/v1/officials/… — officials of units, their passwords and role grants.
#include <boost/json.hpp>

#include "core/base/text.h"
#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "core/identity/api.h"
#include "core/identity/auth_service.h"
#include "core/identity/official_policy.h"
#include "core/identity/officials.h"
#include "core/identity/passwords.h"

namespace tinhso::identity {
namespace {

Result<Official> load(Services& s, int64_t id) {
  return s.db.read([&](storage::Tx& tx) { return get_official(tx, id); });
}

// The official, if the caller may act on their account (official_policy.h).
Result<Official> load_manageable(Services& s, http::Context& ctx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto o, load(s, id));
  TS_TRY(check_may_manage(ctx.authorizer(), ctx.who(), o.unit_id, o.grants));
  return o;
}

}  // namespace

void register_official_routes(http::Router& router, Services& s) {
  using http::Access;
  using http::Method;

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/officials",
      .summary = "Officials in the units the caller may see, filtered and paginated",
      .tag = "officials",
      .access = Access::kOfficial,
      .query = {{"unit_id", "Only this unit", false, "integer"},
                {"role", "Only officials holding this role"},
                {"q", "Name or username"},
                {"limit", "Page size (1–200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kViewOfficials));
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request()));
        OfficialFilter f;
        f.scope = scope_of(ctx.authorizer().grants_for(ctx.who(), identity::kViewOfficials));
        TS_ASSIGN_OR_RETURN(f.unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
        if (auto v = ctx.request().query_param("role"); v && !v->empty()) f.role = std::string(*v);
        if (auto v = ctx.request().query_param("q"); v && !text::trim(*v).empty())
          f.query = std::string(*v);
        if (page.after) {
          if (auto* id = page.after->if_contains("id"); id && id->is_int64())
            f.after_id = id->as_int64();
        }
        f.limit = page.limit + 1;
        TS_ASSIGN_OR_RETURN(auto list,
                            s.db.read([&](storage::Tx& tx) { return list_officials(tx, f); }));
        auto org = s.org.get();
        boost::json::array items;
        std::optional<boost::json::object> next;
        for (std::size_t i = 0; i < list.size() && static_cast<int>(i) < page.limit; ++i) {
          items.push_back(official_json(list[i], *org));
        }
        if (static_cast<int>(list.size()) > page.limit)
          next = boost::json::object{{"id", list[page.limit - 1].id}};
        return http::Response::json(http::page_json(std::move(items), next));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/officials/{id}",
      .summary = "One official with role grants",
      .tag = "officials",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto o, load(s, id));
        if (o.id != ctx.who().id) TS_TRY(ctx.authorize(identity::kViewOfficials, o.unit_id));
        return http::Response::json(official_json(o, *s.org.get()));
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/officials",
      .summary =
          "Create an official; without a password a temporary one is generated and returned once",
      .tag = "officials",
      .access = Access::kOfficial,
      .body_limit = 16 * 1024,
      .request_schema = http::schema(
          R"({"type":"object","required":["unit_id","username","full_name"],"properties":{
          "unit_id":{"type":"integer"},"username":{"type":"string"},"full_name":{"type":"string"},
          "position":{"type":"string"},"email":{"type":"string"},"phone":{"type":"string"},
          "password":{"type":"string"}}})"),
      .success_status = 201,
      .answer_holds_secret = true,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_official_input(body, true));
        TS_TRY(ctx.authorize(identity::kManageOfficials, *in.unit_id));
        std::string temporary = in.password ? std::string() : temporary_password();
        std::string hash = s.passwords.hash(in.password ? *in.password : temporary);
        TS_ASSIGN_OR_RETURN(auto o, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return create_official(tx, in, hash, !temporary.empty());
        }));
        boost::json::object out = official_json(o, *s.org.get());
        if (!temporary.empty()) out["temporary_password"] = temporary;
        return http::Response::json(out, 201);
      },
  });

  router.add({
      .method = Method::kPatch,
      .path = "/api/v1/officials/{id}",
      .summary = "Edit an official (name, position, contacts, unit, active)",
      .tag = "officials",
      .access = Access::kOfficial,
      .body_limit = 16 * 1024,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto current, load_manageable(s, ctx, id));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_official_input(body, false));
        if (in.unit_id && *in.unit_id != current.unit_id)
          TS_TRY(ctx.authorize(identity::kManageOfficials, *in.unit_id));
        if (in.active && !*in.active && id == ctx.who().id) {
          return Error::validation("active", "Không thể tự khóa tài khoản của chính mình.");
        }
        json::FieldReader r(body);
        auto version = r.optional_int("version", 1, INT64_MAX);
        TS_TRY(r.finish());
        TS_ASSIGN_OR_RETURN(auto o, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return update_official(tx, id, in, version);
        }));
        s.auth.revocations().forget(PrincipalKind::kOfficial, id);
        return http::Response::json(official_json(o, *s.org.get()));
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/officials/{id}/password-reset",
      .summary =
          "Reset an official's password to a temporary one (returned once); ends their sessions",
      .tag = "officials",
      .access = Access::kOfficial,
      .answer_holds_secret = true,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto current, load_manageable(s, ctx, id));
        std::string temporary = temporary_password();
        std::string hash = s.passwords.hash(temporary);
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return set_official_password(tx, id, hash, true);
        }));
        s.auth.revocations().forget(PrincipalKind::kOfficial, id);
        return http::Response::json(boost::json::object{{"temporary_password", temporary}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/officials/{id}/unlock",
      .summary = "Lift the lock or the waits an official's account earned by failed logins",
      .tag = "officials",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_TRY(load_manageable(s, ctx, id));
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) { return unlock_official(tx, id); }));
        TS_ASSIGN_OR_RETURN(auto o, load(s, id));
        return http::Response::json(official_json(o, *s.org.get()));
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/officials/{id}/grants",
      .summary = "Grant a role in a unit (optionally covering its sub-units)",
      .tag = "officials",
      .access = Access::kOfficial,
      .body_limit = 4 * 1024,
      .request_schema =
          http::schema(R"({"type":"object","required":["role","unit_id"],"properties":{
          "role":{"type":"string","enum":["system_admin","unit_admin","desk_officer","specialist","leader","clerk"]},
          "unit_id":{"type":"integer"},"include_subunits":{"type":"boolean"}}})"),
      .success_status = 201,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string role_text = r.required_enum(
            "role",
            {"system_admin", "unit_admin", "desk_officer", "specialist", "leader", "clerk"});
        int64_t unit = r.required_int("unit_id", 1, INT64_MAX);
        bool sub = r.optional_bool("include_subunits").value_or(false);
        TS_TRY(r.finish());
        Role role = *parse_role(role_text);
        TS_TRY(check_may_grant(ctx.authorizer(), ctx.who(), Grant{0, role, unit, sub}));
        TS_ASSIGN_OR_RETURN(auto o, load_manageable(s, ctx, id));
        TS_ASSIGN_OR_RETURN(auto g, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return grant_role(tx, o.id, role, unit, sub, ctx.who().id);
        }));
        s.auth.revocations().forget(PrincipalKind::kOfficial, id);
        return http::Response::json(grant_json(g, *s.org.get()), 201);
      },
  });

  router.add({
      .method = Method::kDelete,
      .path = "/api/v1/officials/{id}/grants/{grant_id}",
      .summary = "Revoke a role grant",
      .tag = "officials",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(int64_t grant_id, ctx.id_param("grant_id"));
        TS_ASSIGN_OR_RETURN(auto o, load_manageable(s, ctx, id));
        auto it = std::find_if(o.grants.begin(), o.grants.end(),
                               [&](const Grant& g) { return g.id == grant_id; });
        if (it == o.grants.end()) return Error::not_found("Không tìm thấy vai trò này của cán bộ.");
        TS_TRY(ctx.apply(s.changes,
                         [&](audit::ChangeTx& tx) { return revoke_grant(tx, id, grant_id); }));
        s.auth.revocations().forget(PrincipalKind::kOfficial, id);
        return http::Response::no_content();
      },
  });
}

}  // namespace tinhso::identity
