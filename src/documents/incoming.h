// The incoming register (sổ văn bản đến) of a unit: registering a received document — paper
// (with its scans) or electronic — with the next incoming number of the year, refusing a
// duplicate (same issuer, number and notation, and date), listing and searching the register.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/base/time.h"
#include "core/files/file_store.h"
#include "core/storage/keyset.h"
#include "core/storage/sql.h"

namespace tinhso::documents {

// Document types of Nghị định 30/2020 with their abbreviations, and the other fixed lists.
struct DocType {
  std::string_view key, name, abbreviation;
};
const std::vector<DocType>& doc_types();
extern const std::initializer_list<std::string_view> kUrgencies;          // thuong, khan, …
extern const std::initializer_list<std::string_view> kConfidentialities;  // thuong, mat, …
const DocType* find_doc_type(std::string_view key);
std::string_view urgency_label_vi(std::string_view urgency);                  // "Hỏa tốc"
std::string_view confidentiality_label_vi(std::string_view confidentiality);  // "Mật"
// {"key", "name"/"label"} objects for API answers.
boost::json::object doc_type_json(std::string_view key);
boost::json::object urgency_json(std::string_view key);
boost::json::object confidentiality_json(std::string_view key);

struct IncomingInput {
  int64_t unit_id = 0;
  std::string channel = "paper";
  std::string issuer_name;
  std::optional<std::string> issuer_code;
  std::string notation;
  Date issued_on;
  std::string doc_type;
  std::string subject;
  std::string urgency = "thuong";
  std::string confidentiality = "thuong";
  std::optional<int64_t> pages;
  std::vector<int64_t> file_ids;
};

// Reads and checks a registration request; every problem is reported at once, in Vietnamese.
Result<IncomingInput> read_incoming(const boost::json::value& v, Date today);

// "183/KH-UBND" and "183 / kh-ubnd" are the same notation.
std::string notation_key(std::string_view notation);

// Registers the document in the unit's register (same transaction: number, files, audit).
// A duplicate is a 409 whose details name the existing entry. The files must be the clerk's
// own uploads.
Result<int64_t> register_incoming(audit::ChangeTx& tx, files::FileStore& files,
                                  const IncomingInput& in);
// The same for files already checked (an electronic arrival's); `source_recipient_id` links
// the entry to the sender's recipient row when the document came from this installation.
Result<int64_t> insert_incoming(audit::ChangeTx& tx, const IncomingInput& in,
                                std::optional<int64_t> source_recipient_id);

struct IncomingQuery {
  int64_t unit_id = 0;
  int year = 0;
  std::string text;    // notation, subject or issuer, accents optional
  std::string status;  // registered | assigned | done; empty: all
  int limit = 50;
  std::optional<storage::SortKey> after;  // paging: (incoming number, id) of the last row seen
};
// Newest (highest number) first; each row's key is (incoming number, id).
Result<storage::Keyed<boost::json::value>> list_incoming(storage::Tx& tx, const IncomingQuery& q);
Result<std::optional<boost::json::object>> find_incoming(storage::Tx& tx, int64_t id);

}  // namespace tinhso::documents
