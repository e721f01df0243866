#include "documents/exchange/received_log.h"

#include "core/storage/query_builder.h"

namespace tinhso::documents::exchange {
namespace {

using boost::json::object;
using boost::json::value;

value or_null(const std::optional<std::string>& s) {
  return s ? value(*s) : value(nullptr);
}

}  // namespace

Result<std::string> read_received_status(std::optional<std::string_view> status) {
  std::string s(status.value_or(""));
  if (!s.empty() && s != "imported" && s != "duplicate" && s != "rejected")
    return Error::validation("status", "Trạng thái không hợp lệ (imported, duplicate, rejected).");
  return s;
}

Result<storage::Keyed<ReceivedMessage>> list_received(storage::Tx& tx, std::string_view status,
                                                      int limit,
                                                      std::optional<storage::SortKey> after) {
  storage::QueryBuilder b(
      "SELECT id, kind, from_code, document_id, status, error_code, error_message, signer, "
      "sha256, size, remote_addr, received_at, raw_complete FROM exchange_received WHERE 1 = 1");
  if (!status.empty()) b.add(" AND status = " + b.bind(std::string(status)));
  // By id, the order of arrival: the primary key pages without reading past the page (the
  // rows hold the messages' raw bytes).
  storage::add_keyset(b, "id", "id", storage::Direction::kDescending, after, limit);
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  storage::Keyed<ReceivedMessage> out;
  for (auto r : rows) {
    ReceivedMessage m;
    m.id = r.i64(0);
    m.kind = r.opt_str(1);
    m.from_code = r.opt_str(2);
    m.document_id = r.opt_str(3);
    m.status = r.str(4);
    m.error_code = r.opt_str(5);
    m.error_message = r.opt_str(6);
    m.signer = r.opt_str(7);
    m.sha256 = r.str(8);
    m.size = r.i64(9);
    m.remote_addr = r.opt_str(10);
    m.received_at = from_millis(r.i64(11));
    m.raw_complete = r.i64(12) != 0;
    out.keys.push_back({m.id, m.id});
    out.rows.push_back(std::move(m));
  }
  return out;
}

Result<std::optional<RawMessage>> find_received_raw(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT raw, raw_complete FROM exchange_received WHERE id = $1", {id}));
  if (rows.empty()) return std::optional<RawMessage>();
  return std::optional<RawMessage>(RawMessage{rows.front().str(0), rows.front().i64(1) != 0});
}

object received_json(const ReceivedMessage& m) {
  return object{{"id", m.id},
                {"kind", or_null(m.kind)},
                {"from_code", or_null(m.from_code)},
                {"document_id", or_null(m.document_id)},
                {"status", m.status},
                {"error_code", or_null(m.error_code)},
                {"error_message", or_null(m.error_message)},
                {"signer", or_null(m.signer)},
                {"sha256", m.sha256},
                {"size", m.size},
                {"remote_addr", or_null(m.remote_addr)},
                {"received_at", format_rfc3339(m.received_at)},
                {"raw_complete", m.raw_complete}};
}

}  // namespace tinhso::documents::exchange
