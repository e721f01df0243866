// HTTP routes of the incoming register: document types, registering, the register of a unit
// and one entry. They read the request and answer; IncomingService (incoming_service.h)
// authorises and acts.
#include <boost/json.hpp>

#include "core/http/context.h"
#include "core/http/pagination.h"
#include "core/http/schema.h"
#include "documents/incoming.h"
#include "documents/incoming_lifecycle.h"
#include "documents/incoming_service.h"
#include "documents/module.h"
#include "documents/permissions.h"
#include "documents/routes.h"

namespace tinhso::documents {
namespace {

using boost::json::array;
using boost::json::object;

}  // namespace

void register_incoming_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/types",
      .summary = "Document types of Nghị định 30/2020/NĐ-CP with their abbreviations",
      .tag = "documents",
      .access = Access::kOfficial,
      .execution = http::Execution::kInline,
      .handler = [](http::Context&) -> Result<http::Response> {
        array items;
        for (const auto& t : doc_types()) {
          items.push_back(
              object{{"key", t.key}, {"name", t.name}, {"abbreviation", t.abbreviation}});
        }
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/documents/incoming",
      .summary = "Register a received document in the unit's incoming register (next number of "
                 "the year; a duplicate — same issuer, notation and date — is refused with 409)",
      .tag = "documents",
      .access = Access::kOfficial,
      .request_schema = http::schema(R"({"type":"object",
          "required":["unit_id","issuer_name","notation","issued_on","doc_type","subject"],
          "properties":{"unit_id":{"type":"integer"},"channel":{"type":"string","enum":["paper","electronic"]},
          "issuer_name":{"type":"string"},"issuer_code":{"type":"string"},"notation":{"type":"string"},
          "issued_on":{"type":"string","format":"date"},"doc_type":{"type":"string"},"subject":{"type":"string"},
          "urgency":{"type":"string","enum":["thuong","khan","thuong_khan","hoa_toc"]},
          "confidentiality":{"type":"string","enum":["thuong","mat","toi_mat","tuyet_mat"]},
          "pages":{"type":"integer"},"file_ids":{"type":"array","items":{"type":"integer"}}}})"),
      .success_status = 201,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_incoming(body, local_date(s.clock.now())));
        TS_ASSIGN_OR_RETURN(auto id, m.incoming().register_document(ctx.who(), ctx.actor(), in));
        return incoming_detail(ctx, m, id, 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/incoming",
      .summary = "A unit's incoming register for a year, newest first",
      .tag = "documents",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The register's unit", true, "integer"},
                {"year", "Calendar year (default: this year)", false, "integer"},
                {"q", "Notation, subject or issuer (accents optional)"},
                {"status", "registered (awaiting assignment) | assigned | done"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"},
                {"before", "Deprecated (use cursor): entries numbered below this", false,
                 "integer"}},
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        IncomingQuery q;
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn sổ văn bản đến của đơn vị.");
        q.unit_id = *unit;
        TS_ASSIGN_OR_RETURN(auto year, ctx.query_int("year", 2000, 2200));
        q.year =
            year ? static_cast<int>(*year) : static_cast<int>(local_date(s.clock.now()).year());
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        // Deprecated: `before=N` pages by number alone (kept for one release).
        TS_ASSIGN_OR_RETURN(auto before, ctx.query_int("before", 1, INT64_MAX));
        if (before && !q.after) q.after = storage::SortKey{*before, 0};
        q.limit = page.limit + 1;  // one more tells whether there is a next page
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        q.status = std::string(ctx.request().query_param("status").value_or(""));
        if (!q.status.empty() && !parse_incoming_status(q.status))
          return Error::validation("status",
                                   "Trạng thái không hợp lệ (registered, assigned, done).");
        TS_ASSIGN_OR_RETURN(auto rows, m.incoming().list(ctx.who(), q));
        object out =
            http::keyed_page_json(array(rows.rows.begin(), rows.rows.end()), rows.keys, page.limit);
        out["year"] = q.year;
        return http::Response::json(out);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/incoming/{id}",
      .summary = "One entry of an incoming register: its files, who handles it with each "
                 "deadline's state, its timeline and the outgoing documents answering it",
      .tag = "documents",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        return incoming_detail(ctx, m, id);
      },
  });
}

Result<http::Response> incoming_detail(http::Context& ctx, Documents& m, int64_t id, int status) {
  TS_ASSIGN_OR_RETURN(auto view, m.incoming().view(ctx.who(), id));
  TS_TRY(ctx.use_grant(view.grant));
  return http::Response::json(view.entry, status);
}

}  // namespace tinhso::documents
