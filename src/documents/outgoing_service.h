// OutgoingService: every change to an outgoing document — a draft started or revised, and each
// step of its review chain up to issue — and the document as an official may see it. The routes
// (outgoing_api.cc) read the request and call it; it authorises on the Principal without HTTP,
// signs before the transaction, and writes through the change log, which records each step.
//
// A step runs in one audited transaction: the document is re-read, the caller's role and unit
// are checked against its current stage, and the expected version must still be current (409
// when someone acted first). Approval and issue sign the main file — the leader's key, then the
// agency's — before that transaction, and only after the same checks, so nobody's key is used
// for a caller who may not take the step; a document revised meanwhile fails the version check
// inside the transaction and the signature is dropped with it.
//
// Thread safety: as the Services it uses; it holds no state of its own.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/audit/actor.h"
#include "core/base/result.h"
#include "core/files/file_store.h"
#include "core/identity/principal.h"
#include "core/signing/file_signer.h"
#include "core/storage/keyset.h"
#include "documents/access.h"
#include "documents/outgoing.h"

namespace tinhso::documents {

class Documents;

// A step of the review chain with its input (revise is a new draft, not a step).
struct StepInput {
  OutgoingAction step = OutgoingAction::kSubmit;
  int64_t version = 0;
  std::optional<int64_t> reviewer_id;  // submit and pass: the leader it goes to
  std::optional<std::string> note;     // required to return a draft
};
// Reads a step's JSON body; every problem reported at once.
Result<StepInput> read_step(OutgoingAction step, const boost::json::value& body);

class OutgoingService {
 public:
  explicit OutgoingService(Documents& m) : m_(m) {}

  // The document with its timeline and verified signatures, when `who` may see it.
  Result<boost::json::object> view(const identity::Principal& who, int64_t id);
  // Leaders a draft of `unit_id` may be submitted to; for those who draft in it.
  Result<boost::json::array> reviewers(const identity::Principal& who, int64_t unit_id);
  // The registers: a unit's documents, or with q.reviewer_id the drafts awaiting that leader.
  Result<storage::Keyed<boost::json::value>> list(const identity::Principal& who,
                                                  const OutgoingQuery& q);
  // A file of the document (main, attachment, or one from its timeline).
  Result<files::StoredFile> file(const identity::Principal& who, int64_t id, int64_t file_id);

  // Returns the new document's id.
  Result<int64_t> draft(const identity::Principal& who, const audit::Actor& actor,
                        const DraftInput& in);
  Status revise(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                int64_t version, const DraftInput& in);
  Status act(const identity::Principal& who, const audit::Actor& actor, int64_t id,
             const StepInput& in);

 private:
  // The incoming documents a draft answers must be ones its drafter may read.
  Status check_replies(const identity::Principal& who, storage::Tx& tx, const DraftInput& in);
  // Whether `who` may take `step` on the document as it stands (not the version check): the
  // grant relied on, none when the step is theirs because the draft awaits them.
  Result<AccessGrant> check_step(const identity::Principal& who, const OutgoingState& s,
                                 OutgoingAction step) const;
  // Approval and issue: the main file signed by the leader's or the issuing agency's key.
  Result<std::optional<signing::FileSignature>> sign_for(const identity::Principal& who, int64_t id,
                                                         const StepInput& in);

  Documents& m_;
};

}  // namespace tinhso::documents
