#include "documents/search.h"

#include <fmt/format.h>

#include "core/base/text.h"
#include "core/storage/query_builder.h"
#include "documents/incoming.h"

namespace tinhso::documents {

using boost::json::object;
using boost::json::value;

Status index_document(storage::Tx& tx, std::string_view kind, int64_t id) {
  bool incoming = kind == "incoming";
  // The document's own folded fields, then the text of each of its files.
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query(incoming ? "SELECT folded FROM incoming_documents WHERE id = $1"
                                        : "SELECT folded FROM outgoing_documents WHERE id = $1",
                               {id}));
  if (rows.empty()) return ok_status();
  std::string text = rows.front().str(0);
  TS_ASSIGN_OR_RETURN(
      auto texts,
      tx.query(incoming ? "SELECT f.text_folded FROM incoming_document_files x JOIN files f ON "
                          "f.id = x.file_id WHERE x.document_id = $1 AND f.text_folded IS NOT "
                          "NULL ORDER BY f.id"
                        : "SELECT f.text_folded FROM outgoing_document_files x JOIN files f ON "
                          "f.id = x.file_id WHERE x.document_id = $1 AND f.text_folded IS NOT "
                          "NULL ORDER BY f.id",
               {id}));
  for (auto t : texts) {
    text += ' ';
    text += t.view(0);
  }
  TS_TRY(
      tx.exec("INSERT INTO document_search (kind, document_id, search_text) VALUES ($1, $2, "
              "$3) ON CONFLICT (kind, document_id) DO UPDATE SET search_text = "
              "excluded.search_text",
              {kind, id, text}));
  return ok_status();
}

namespace {

// The restriction of one kind: its table's filters, as an EXISTS over the document.
void add_kind_filter(storage::QueryBuilder& b, const DocumentSearch& q, bool incoming) {
  std::string_view table = incoming ? "incoming_documents" : "outgoing_documents";
  b.add(fmt::format("(s.kind = '{}' AND EXISTS (SELECT 1 FROM {} d WHERE d.id = s.document_id",
                    incoming ? "incoming" : "outgoing", table));
  if (!q.unit_ids.empty()) {
    std::string list = b.bind_list(q.unit_ids);
    if (incoming)
      b.add(" AND d.unit_id IN " + list);
    else
      b.add(" AND (d.unit_id IN " + list + " OR d.drafting_unit_id IN " + list + ")");
  }
  if (!q.doc_type.empty()) b.add(" AND d.doc_type = " + b.bind(q.doc_type));
  if (!q.status.empty()) b.add(" AND d.status = " + b.bind(q.status));
  std::string_view when = incoming ? "d.received_at" : "COALESCE(d.issued_at, d.created_at)";
  if (q.from)
    b.add(fmt::format(" AND {} >= ", when) + b.bind(to_millis(local_instant(*q.from, 0))));
  if (q.to)
    b.add(fmt::format(" AND {} < ", when) +
          b.bind(to_millis(local_instant(add_days(*q.to, 1), 0))));
  b.add("))");
}

}  // namespace

Result<storage::Keyed<value>> search_documents(storage::Tx& tx, const DocumentSearch& q) {
  auto tokens = text::fold_tokens(q.text);
  storage::QueryBuilder b("SELECT s.kind, s.document_id, s.id FROM document_search s ");
  if (!tokens.empty()) {
    std::string expr = storage::prefix_match_query(tokens, tx.is_postgres());
    if (tx.is_postgres())
      b.add("WHERE s.search_tsv @@ to_tsquery('simple', " + b.bind(expr) + ") AND ");
    else
      b.add("JOIN document_fts f ON f.rowid = s.id WHERE document_fts MATCH " + b.bind(expr) +
            " AND ");
  } else {
    b.add("WHERE ");
  }
  b.add("(");
  if (q.kind != "outgoing") add_kind_filter(b, q, true);
  if (q.kind.empty()) b.add(" OR ");
  if (q.kind != "incoming") add_kind_filter(b, q, false);
  b.add(")");
  storage::add_keyset(b, "s.id", "s.id", storage::Direction::kDescending, q.after, q.limit);
  TS_ASSIGN_OR_RETURN(auto hits, b.query(tx));

  storage::Keyed<value> out;
  for (auto h : hits) {
    out.keys.push_back({h.i64(2), h.i64(2)});
    int64_t id = h.i64(1);
    if (h.view(0) == "incoming") {
      TS_ASSIGN_OR_RETURN(auto d, tx.query("SELECT notation, subject, issuer_name, doc_type, "
                                           "status, received_at, unit_id, incoming_number, year "
                                           "FROM incoming_documents WHERE id = $1",
                                           {id}));
      if (d.empty()) {
        out.keys.pop_back();
        continue;
      }
      auto r = d.front();
      out.rows.push_back(object{{"kind", "incoming"},
                                {"id", id},
                                {"notation", r.str(0)},
                                {"subject", r.str(1)},
                                {"issuer", r.str(2)},
                                {"doc_type", doc_type_json(r.view(3))},
                                {"status", r.str(4)},
                                {"date", format_rfc3339(from_millis(r.i64(5)))},
                                {"unit_id", r.i64(6)},
                                {"incoming_number", r.i64(7)},
                                {"year", r.i64(8)}});
    } else {
      TS_ASSIGN_OR_RETURN(auto d, tx.query("SELECT notation, subject, doc_type, status, "
                                           "COALESCE(issued_at, created_at), unit_id FROM "
                                           "outgoing_documents WHERE id = $1",
                                           {id}));
      if (d.empty()) {
        out.keys.pop_back();
        continue;
      }
      auto r = d.front();
      out.rows.push_back(object{{"kind", "outgoing"},
                                {"id", id},
                                {"notation", r.is_null(0) ? value(nullptr) : value(r.str(0))},
                                {"subject", r.str(1)},
                                {"doc_type", doc_type_json(r.view(2))},
                                {"status", r.str(3)},
                                {"date", format_rfc3339(from_millis(r.i64(4)))},
                                {"unit_id", r.i64(5)}});
    }
  }
  return out;
}

}  // namespace tinhso::documents
