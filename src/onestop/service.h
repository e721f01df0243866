// DossierService: submission (online and at the desk), every action on a dossier, and the
// views of a dossier for officials, its applicant and the public look-up. Input is read in
// dossier_input.cc, orchestration is service.cc, views are rendered in dossier_view.cc.
//
// An action runs in one audited transaction: the dossier is re-read, the caller's role and
// unit are checked against its current state, the expected version must still be current
// (else 409: someone else acted first), and the update, timeline row, statistics counters,
// notices and national-portal message are written together.
#pragma once

#include <memory>

#include "core/files/file_store.h"
#include "core/outbox/outbox.h"
#include "core/services.h"
#include "core/signing/file_signer.h"
#include "onestop/catalog.h"
#include "onestop/dossier_input.h"
#include "onestop/lifecycle.h"

namespace tinhso::onestop {

class DossierService {
 public:
  DossierService(Services& s, ProcedureCache& procedures, files::FileStore& files,
                 outbox::Dispatcher& outbox);

  // With `view`, also the view of the new dossier its submitter receives (the applicant's, the
  // official's), rendered in the transaction that wrote it rather than read back afterwards.
  Result<Dossier> submit_online(const identity::Principal& applicant, const audit::Actor& actor,
                                Submission sub, boost::json::object* view = nullptr);
  Result<Dossier> create_at_desk(const identity::Principal& official, const audit::Actor& actor,
                                 Submission sub, boost::json::object* view = nullptr);
  Result<Dossier> act(const identity::Principal& who, const audit::Actor& actor, int64_t id,
                      int64_t expected_version, const ActionInput& in,
                      const std::vector<PaperFiles>& files);

  // Officials may see a dossier of an agency, desk or current unit they hold kViewDossiers in.
  Status check_view(const identity::Principal& who, const Dossier& d) const;
  Result<Dossier> load(int64_t id);

  enum class Audience { kOfficial, kApplicant, kPublic };
  // What a render reads besides the dossier row and its procedure. A caller that wrote the
  // dossier in this transaction knows some of it already (a new dossier's events, that it has
  // no payments yet) and fills it in; a render fills in what it had to read, so a second render
  // in the same transaction reads nothing twice. Every part describes the dossier as written.
  struct Parts {
    std::optional<std::vector<DossierEvent>> events;
    std::optional<storage::Rows> files;  // dossier_files joined with files, in attachment order
    std::optional<boost::json::array> payments;
  };
  Result<boost::json::object> view(const Dossier& d, Audience audience,
                                   const identity::Principal* who);
  // The public look-up: the code and a verifier (phone, ID or tax number, or their last 4+ digits).
  // Returns the JSON text of the public view.
  Result<std::string> lookup(std::string_view code, std::string_view verifier);
  // Renders the public view into the dossier row; called in every transition's transaction
  // (and by the demo for its copied dossiers).
  Status store_public_view(storage::Tx& tx, const Dossier& d, Parts* parts = nullptr);
  // Renders the stored public view of dossiers that have none (written before views were
  // stored, or moved by a reorganisation); returns how many. The server runs it in the
  // background; `tinhso dossiers render-views` by hand.
  Result<int64_t> render_public_views();

  World world(const ProcedureDef& def, const calendar::WorkingCalendar& cal,
              const identity::OrgTree& org) const;
  ProcedureCache& procedures() { return procedures_; }
  files::FileStore& files() { return files_; }
  Services& services() { return s_; }
  int64_t warning_seconds() const;

 private:
  Result<boost::json::object> render(storage::Tx& tx, const Dossier& d, Audience audience,
                                     const identity::Principal* who, Parts* parts = nullptr);
  // Fields that change with the clock alone (urgency, working hours left).
  void add_live_fields(boost::json::object& o, const Dossier& d) const;
  struct Applied {
    Dossier dossier;
    int messages = 0;  // put in the outbox: the dispatcher is woken only when there are some
  };
  // What the caller of commit() already did or knows.
  struct CommitContext {
    // Whether the dossier has its papers as files, when the caller knows (it attached them in
    // this transaction); otherwise a reception counts them.
    std::optional<bool> paper_files;
    // The dossier row already holds `t.after` (inserted in that state): it is not updated.
    bool written = false;
    // For the public view's render (see Parts), describing the dossier after the transition.
    Parts* parts = nullptr;
  };
  // Writes a computed transition (update, event, counters, notices, sync, audit).
  Result<Applied> commit(audit::ChangeTx& tx, const Dossier& before, Transition& t,
                         const ProcedureDef& def, const ActionInput* in,
                         const CommitContext& context);
  Status attach_files(audit::ChangeTx& tx, int64_t dossier_id,
                      const std::vector<PaperFiles>& papers, const std::string& role,
                      const ProcedureDef& def);
  Result<Dossier> create(const identity::Principal& who, const audit::Actor& actor, Submission sub,
                         bool desk, boost::json::object* view);
  // The agency's signature on an electronic result, when the procedure asks for one and the
  // caller may approve the dossier at `expected_version` (checked before any key is used).
  Result<std::optional<signing::FileSignature>> sign_result(const identity::Principal& who,
                                                            int64_t id, int64_t expected_version,
                                                            std::optional<int64_t> file_id);

  Services& s_;
  ProcedureCache& procedures_;
  files::FileStore& files_;
  outbox::Dispatcher& outbox_;
};

}  // namespace tinhso::onestop
