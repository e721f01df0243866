// Route: /api/v1/documents/search — incoming and outgoing documents by words (notation,
// subject, issuer, text of their PDFs) with filters. It reads the request and answers;
// RegisterService authorises and searches.
#include <boost/json.hpp>

#include "core/http/context.h"
#include "core/http/pagination.h"
#include "documents/access.h"
#include "documents/module.h"
#include "documents/routes.h"
#include "documents/search.h"

namespace tinhso::documents {

void register_search_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/search",
      .summary = "Search incoming and outgoing documents of a unit by words of the notation, "
                 "subject, issuer and PDF text (accents optional), with filters",
      .tag = "documents",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The register's unit", true, "integer"},
                {"include_subunits", "true: also the units below it that the caller may read"},
                {"q", "Words to find"},
                {"kind", "incoming | outgoing; empty: both"},
                {"doc_type", "Document type key (ke_hoach, cong_van, …)"},
                {"status", "The document's status"},
                {"from", "Received / issued from (YYYY-MM-DD)", false, "date"},
                {"to", "… to (YYYY-MM-DD)", false, "date"},
                {"limit", "Page size (max 200)", false, "integer"},
                {"cursor", "next_cursor of the previous page"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        // A caller without access hears 403 whatever the other parameters (the service checks
        // again).
        TS_TRY(ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), *unit)));
        const http::Request& req = ctx.request();
        DocumentSearch q;
        q.text = std::string(req.query_param("q").value_or(""));
        q.kind = std::string(req.query_param("kind").value_or(""));
        q.doc_type = std::string(req.query_param("doc_type").value_or(""));
        q.status = std::string(req.query_param("status").value_or(""));
        TS_ASSIGN_OR_RETURN(q.from, ctx.query_date("from"));
        TS_ASSIGN_OR_RETURN(q.to, ctx.query_date("to"));
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(req, 50, 200));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        q.limit = page.limit + 1;  // one more tells whether there is a next page
        bool subunits = req.query_param("include_subunits").value_or("") == "true";
        TS_ASSIGN_OR_RETURN(auto hits,
                            m.registers().search(ctx.who(), *unit, subunits, std::move(q)));
        return http::Response::json(http::keyed_page_json(
            boost::json::array(hits.rows.begin(), hits.rows.end()), hits.keys, page.limit));
      },
  });
}

}  // namespace tinhso::documents
