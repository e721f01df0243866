// Forwarding an item to a competent body outside the province as an official document
// (ND 20/2008 Art. 9): reception's forward_out naming the body's agency code starts, in the same
// transaction, a draft "công văn" of the documents module from the reception unit to that body,
// holding the forwarding letter (letters.h) and copies of the sender's files. The documents
// module's review chain signs, numbers and issues it, and its edXML exchange (QCVN 102:2016)
// sends it; the item shows how far the document got (table feedback_forwards).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/files/file_store.h"
#include "feedback/items.h"

namespace tinhso::feedback {

// The body outside the province an item is forwarded to, by its agency code (QCVN 102:2016).
struct ForwardTo {
  std::string code, name;
};

// What the forwarding document will hold, checked (type, size, virus scan) before the
// transaction; the bytes live here until the files are stored, and `files` view them, so it is
// neither copied nor moved (the service keeps it on the heap).
struct ForwardingPapers {
  ForwardingPapers() = default;
  ForwardingPapers(const ForwardingPapers&) = delete;
  ForwardingPapers& operator=(const ForwardingPapers&) = delete;

  ForwardTo to;
  std::string letter_pdf;
  std::vector<std::string> contents;      // the sender's files
  std::vector<files::CheckedFile> files;  // the letter first, then the sender's files
};

// An item's forwarding document and how far it got.
struct Forwarded {
  ForwardTo to;
  int64_t document_id = 0;
  std::string document_status;          // draft | in_review | approved | issued
  std::optional<std::string> notation;  // "15/VPUBND-TCD" once issued
  std::optional<std::string> issued_on;
};

// Inside the forward_out transaction, once the caller has checked that the actor may draft
// documents of the reception unit: stores the files as the actor's uploads, starts the draft and
// records it against the item. Returns the document's id.
Result<int64_t> start_forwarding_document(audit::ChangeTx& tx, files::FileStore& files,
                                          const Item& item, const ForwardingPapers& papers);

Result<std::optional<Forwarded>> load_forwarded(storage::Tx& tx, int64_t item_id);
// For officials: the document's id and state too; for the sender, where it went.
boost::json::object forwarded_json(const Forwarded& f, bool official);

}  // namespace tinhso::feedback
