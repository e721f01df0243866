// Searching documents: incoming and outgoing ones by words of their notation, subject, issuer
// and the text of their text-based PDF files, accents optional (folded as everywhere), with
// filters by register unit, kind, type, status and period. One index row per document
// (document_search; SQLite FTS5 / PostgreSQL tsvector), rewritten whenever what it covers
// changes: registration, a draft's content, the notation given at issue.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/storage/keyset.h"
#include "core/storage/sql.h"

namespace tinhso::documents {

// kind: incoming | outgoing.
Status index_document(storage::Tx& tx, std::string_view kind, int64_t id);

struct DocumentSearch {
  std::string text;
  std::vector<int64_t> unit_ids;  // registers (incoming) or issuing/drafting units (outgoing)
  std::string kind;               // incoming | outgoing; empty: both
  std::string doc_type, status;
  std::optional<Date> from, to;  // received (incoming), issued or drafted (outgoing)
  int limit = 50;
  std::optional<storage::SortKey> after;  // paging: the key of the last hit seen
};
// Newest indexed first; each hit's key is its place in the search index.
Result<storage::Keyed<boost::json::value>> search_documents(storage::Tx& tx,
                                                            const DocumentSearch& q);

}  // namespace tinhso::documents
