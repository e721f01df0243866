// Route: /api/v1/documents/search — incoming and outgoing documents by words (notation,
// subject, issuer, text of their PDFs) with filters.
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
  Services& s = m.services();
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
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        TS_TRY(ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), *unit)));
        DocumentSearch q;
        q.unit_ids.push_back(*unit);
        if (ctx.request().query_param("include_subunits").value_or("") == "true") {
          auto org = s.org.get();
          // Units below, breadth first, that the caller may read.
          for (std::size_t i = 0; i < q.unit_ids.size() && q.unit_ids.size() < 2000; ++i)
            for (int64_t c : org->children(q.unit_ids[i])) q.unit_ids.push_back(c);
          std::erase_if(q.unit_ids, [&](int64_t u) {
            return u != *unit && !authorize_register_view(ctx.who(), ctx.authorizer(), u).ok();
          });
        }
        q.text = std::string(ctx.request().query_param("q").value_or(""));
        q.kind = std::string(ctx.request().query_param("kind").value_or(""));
        if (!q.kind.empty() && q.kind != "incoming" && q.kind != "outgoing")
          return Error::validation("kind", "Loại là incoming hoặc outgoing.");
        q.doc_type = std::string(ctx.request().query_param("doc_type").value_or(""));
        q.status = std::string(ctx.request().query_param("status").value_or(""));
        TS_ASSIGN_OR_RETURN(q.from, ctx.query_date("from"));
        TS_ASSIGN_OR_RETURN(q.to, ctx.query_date("to"));
        TS_ASSIGN_OR_RETURN(auto page, http::parse_page(ctx.request(), 50, 200));
        TS_ASSIGN_OR_RETURN(q.after, http::key_after(page));
        q.limit = page.limit + 1;  // one more tells whether there is a next page
        TS_ASSIGN_OR_RETURN(auto hits,
                            s.db.read([&](storage::Tx& tx) { return search_documents(tx, q); }));
        return http::Response::json(http::keyed_page_json(
            boost::json::array(hits.rows.begin(), hits.rows.end()), hits.keys, page.limit));
      },
  });
}

}  // namespace tinhso::documents
