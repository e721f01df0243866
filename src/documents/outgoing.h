// Outgoing documents (văn bản đi), from draft to issue (Nghị định 30/2020/NĐ-CP); the states
// and what each action does in each are outgoing_lifecycle.h. A specialist drafts in the drafting
// unit (the main file, attachments, recipients, and the incoming documents it answers); leaders
// review in turn, and the one who approves signs; the issuing agency's clerk then gives it the next
// number of the outgoing register
// ("183/KH-UBND", restarting each year, never twice) and sends it: units of this installation
// receive it as an arrival to register. Every step checks the expected version (409 when
// stale) and is recorded in the document's timeline and the audit log.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/files/file_store.h"
#include "core/identity/org_tree.h"
#include "core/storage/keyset.h"
#include "core/storage/sql.h"
#include "documents/outgoing_lifecycle.h"

namespace tinhso::documents {

// An agency outside this installation, reached by edXML (documents/exchange).
struct ExternalRecipient {
  std::string code;  // its agency code
  std::string name;
};

struct DraftInput {
  int64_t unit_id = 0;           // issuing agency
  int64_t drafting_unit_id = 0;  // the unit that drafts (the issuing one or below it)
  std::string doc_type, subject;
  std::string urgency = "thuong", confidentiality = "thuong";
  std::optional<int64_t> pages;
  int64_t main_file_id = 0;
  std::vector<int64_t> attachment_ids;
  std::vector<int64_t> recipient_unit_ids;
  std::vector<ExternalRecipient> recipient_agencies;
  std::vector<int64_t> reply_to;  // incoming documents answered
  std::optional<std::string> note;
};
// Reads and checks a draft against the organisation; every problem reported at once.
// `routable` tells whether an outside agency code can be reached (an exchange route).
Result<DraftInput> read_draft(const boost::json::value& v, const identity::OrgTree& org,
                              const std::function<bool(std::string_view)>& routable);

struct OutgoingState {
  int64_t id = 0;
  int64_t unit_id = 0;
  int64_t drafting_unit_id = 0;
  OutgoingStatus status = OutgoingStatus::kDraft;
  int64_t version = 0;
  int64_t drafted_by = 0;
  std::optional<int64_t> reviewer_id;
  std::string doc_type;
};
Result<std::optional<OutgoingState>> load_outgoing_state(storage::Tx& tx, int64_t id);

Result<int64_t> create_draft(audit::ChangeTx& tx, files::FileStore& files, const DraftInput& in);
// A new revision of a draft (status draft): replaces its content, files and recipients.
Status revise_draft(audit::ChangeTx& tx, files::FileStore& files, const OutgoingState& s,
                    int64_t version, const DraftInput& in);

// True when `official_id` is a leader of `unit_id` (a leader grant on it or above it with
// sub-units): who may review and sign for it.
Result<bool> is_leader_of(storage::Tx& tx, int64_t official_id, int64_t unit_id);
// Those leaders, by name: whom a draft of `unit_id` may be submitted to.
Result<boost::json::array> leaders_of(storage::Tx& tx, int64_t unit_id);

Status submit_draft(audit::ChangeTx& tx, const OutgoingState& s, int64_t version,
                    int64_t reviewer_id, std::optional<std::string> note);
Status pass_review(audit::ChangeTx& tx, const OutgoingState& s, int64_t version,
                   int64_t reviewer_id, std::optional<std::string> note);
Status return_draft(audit::ChangeTx& tx, const OutgoingState& s, int64_t version, std::string note);
Status approve(audit::ChangeTx& tx, const OutgoingState& s, int64_t version,
               std::optional<std::string> note);

// Numbers and sends the approved document; returns its notation.
Result<std::string> issue(audit::ChangeTx& tx, const identity::OrgTree& org, const OutgoingState& s,
                          int64_t version);

struct OutgoingQuery {
  int64_t unit_id = 0;                   // issuing or drafting unit
  std::optional<int64_t> reviewer_id;    // instead: the drafts awaiting this leader
  std::optional<OutgoingStatus> status;  // none: all
  std::string text;
  int year = 0;  // issued documents: the register's year; 0: any
  int limit = 50;
  std::optional<storage::SortKey> after;  // paging: (updated_at ms, id) of the last row seen
};
// Most recently changed first; each row's key is (updated_at ms, id).
Result<storage::Keyed<boost::json::value>> list_outgoing(storage::Tx& tx, const OutgoingQuery& q);
// One document with its files, recipients (and their statuses) and the documents it answers.
Result<std::optional<boost::json::object>> find_outgoing(storage::Tx& tx, int64_t id);
// The current main file of an outgoing document.
Result<int64_t> main_file_of(storage::Tx& tx, int64_t id);
// Files of an outgoing document (main, attachments); event files are checked separately.
Result<bool> outgoing_has_file(storage::Tx& tx, int64_t id, int64_t file_id);
// Outgoing documents that answer an incoming one (the trail read from the incoming side).
Result<boost::json::array> replies_to_incoming(storage::Tx& tx, int64_t incoming_id);

}  // namespace tinhso::documents
