// FeedbackService: feedback sent by people (on the portal, signed in or not) or entered for them
// by the hotline and reception officers; its reception, routing, answer, approval, publication,
// rating and reopening; the views of an item for officials, its sender and the public; queues,
// the public list and the figures. Routes (feedback_api.cc, public_api.cc) read the request and
// call it; it authorises on the Principal (access.h) and writes through the change log, one
// audited transaction per change.
//
// Thread safety: as the Services it uses; it holds no state of its own.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/audit/actor.h"
#include "core/base/function_ref.h"
#include "core/calendar/working_calendar.h"
#include "core/files/file_store.h"
#include "core/identity/org_tree.h"
#include "core/identity/principal.h"
#include "core/services.h"
#include "core/storage/keyset.h"
#include "feedback/app_keys.h"
#include "feedback/categories.h"
#include "feedback/feedback_input.h"
#include "feedback/forwarding.h"
#include "feedback/items.h"

namespace tinhso::feedback {

// The end of a period of `days` calendar days counted from `from` (a complaint's or a
// denunciation's decision): midnight after its last day, moved past days off.
Instant statutory_due(const calendar::WorkingCalendar& cal, Instant from, int days);

class FeedbackService {
 public:
  explicit FeedbackService(Services& s) : s_(s), files_(s.db, s.config.files) {}

  files::FileStore& files() { return files_; }

  struct Submitted {
    Item item;
    // The secret of the sender's link; shown once, only its hash is kept.
    std::string token;
    std::vector<std::string> missing;  // ND 20/2008 Art. 7 fields the sender still has to give
  };
  // From the portal: `who` is the applicant signed in, or null (anonymous senders follow their
  // item with its code and secret).
  Result<Submitted> submit(const identity::Principal* who, const audit::Actor& actor,
                           const Submission& sub);
  // Entered by a reception officer from a call, a letter or a visit.
  Result<Submitted> enter(const identity::Principal& who, const audit::Actor& actor,
                          const Submission& sub);

  // The sender's view, for the holder of the secret or the signed-in sender; 404 otherwise.
  Result<boost::json::object> track(std::string_view code, std::string_view token,
                                    const identity::Principal* who);
  Result<boost::json::object> sender_act(std::string_view code, std::string_view token,
                                         const identity::Principal* who, const audit::Actor& actor,
                                         const ActionInput& in);

  // A photo or paper (JPEG, PNG, PDF) added to an item: by its sender while it is a draft or
  // open, by reception or the unit's officials while it is open. At most [feedback]
  // max_attachments an item; the same bytes twice add nothing (a retried upload). Answers the
  // item as the caller sees it.
  struct Upload {
    std::string name;
    std::string_view content_type, bytes;
  };
  Result<boost::json::object> sender_attach(std::string_view code, std::string_view token,
                                            const identity::Principal* who,
                                            const audit::Actor& actor, const Upload& up);
  Result<boost::json::object> attach(const identity::Principal& who, const audit::Actor& actor,
                                     int64_t id, const Upload& up);
  // An attached file's metadata, for its sender or an official who may see the item; 404 for
  // anyone else and for files of other items.
  Result<files::StoredFile> sender_attachment(std::string_view code, std::string_view token,
                                              const identity::Principal* who, int64_t file_id);
  Result<files::StoredFile> attachment(const identity::Principal& who, int64_t id, int64_t file_id);

  // The PDF letter of an item reception settled without an answer (letters.h): for its sender,
  // and for officials who may see it; 404 for items without one.
  Result<std::string> sender_letter(std::string_view code, std::string_view token,
                                    const identity::Principal* who);
  Result<std::string> letter(const identity::Principal& who, int64_t id);

  Result<boost::json::object> view(const identity::Principal& who, int64_t id);
  // A unit's queue, or (q.assignee_id) the caller's own assigned items.
  Result<storage::Keyed<boost::json::value>> queue(const identity::Principal& who,
                                                   const QueueQuery& q);
  // Officials the caller may assign the item to (its unit's leaders).
  Result<boost::json::array> assignees(const identity::Principal& who, int64_t id);
  Result<boost::json::object> act(const identity::Principal& who, const audit::Actor& actor,
                                  int64_t id, const ActionInput& in);

  Result<storage::Keyed<boost::json::value>> published(const PublicQuery& q);
  Result<boost::json::object> published_item(std::string_view code);
  // The figures of a period (items.h figures_json) of the units `who` may see.
  Result<boost::json::object> statistics(const identity::Principal& who, Date from, Date until);
  Result<boost::json::array> categories();
  Result<std::vector<Category>> active_categories();

  // Open311 application keys (app_keys.h), managed by reception.
  Result<NewAppKey> create_app_key(const identity::Principal& who, const audit::Actor& actor,
                                   std::string name, int64_t per_day);
  Result<std::vector<AppKey>> app_keys(const identity::Principal& who);
  Status revoke_app_key(const identity::Principal& who, const audit::Actor& actor, int64_t id);
  // The live key named by an api_key parameter; 403 when there is none such.
  Result<AppKey> app_key(std::string_view text);

  // Categories and their answering times (categories.h), edited by the leaders of the reception
  // unit (approve_feedback there): category_service.cc.
  Result<boost::json::array> category_settings(const identity::Principal& who);
  Result<boost::json::object> create_category(const identity::Principal& who,
                                              const audit::Actor& actor, const CategoryInput& in);
  Result<boost::json::object> update_category(const identity::Principal& who,
                                              const audit::Actor& actor, int64_t id,
                                              const CategoryInput& in);

  // Open311 GeoReport v2 (open311.h): an item sent by the application holding `key`, for its
  // sender (channel "app"), within the key's daily allowance; the application alone reads it
  // back before its answer is published.
  Result<Submitted> submit_from_app(const AppKey& key, const audit::Actor& actor, Submission sub);
  // One request: a published answer for anyone; an unpublished item for the application that
  // sent it (`key`); 404 otherwise.
  Result<boost::json::object> app_request(std::string_view code, const AppKey* key);

  // The unit that receives and routes feedback ([feedback] reception_unit_code).
  Result<int64_t> reception_unit() const;

 private:
  enum class Audience { kOfficial, kSender };
  // `grant`: an officer's reception grant when entered for someone (noted in the audit entry).
  Result<Submitted> create(const identity::Principal* who, const audit::Actor& actor,
                           const Submission& sub, std::optional<identity::Grant> grant);
  // The calendar and organisation, taken before a transaction: a snapshot reloaded inside one
  // would need a second connection.
  struct Context {
    std::shared_ptr<const calendar::WorkingCalendar> cal;
    std::shared_ptr<const identity::OrgTree> org;
  };
  // Applies `in` to `item` (status, fields, deadlines) and writes it, its event and its audit
  // entry; returns the item as written.
  Result<Item> apply(audit::ChangeTx& tx, const Context& context, Item item, const ActionInput& in);
  // The items merged into `main` take its outcome (answer, rejection, forwarding) and their
  // senders are told.
  Status carry_to_followers(audit::ChangeTx& tx, const Context& context, const Item& main,
                            FeedbackAction action, const std::optional<std::string>& note);
  // Writes the notices of `action` on `item` to the outbox.
  Status notify_sender(audit::ChangeTx& tx, const Context& context, FeedbackAction action,
                       const Item& item, const std::optional<std::string>& note);
  // The item an upload goes to, found and authorised in `tx` (with the change, when inside one,
  // to note the grant).
  using FindItem = FunctionRef<Result<Item>(storage::Tx&, audit::ChangeTx*)>;
  Result<boost::json::object> attach_to(const audit::Actor& actor, const Upload& up,
                                        const FindItem& find, Audience audience,
                                        const identity::Principal* who);
  // Before a forward_out naming a body outside the province: the body checked (reachable by
  // edXML, not one of ours), the forwarding letter rendered and every file checked, outside the
  // transaction (forwarding.h).
  Result<std::unique_ptr<ForwardingPapers>> prepare_forwarding(const identity::Principal& who,
                                                               const Context& context, int64_t id,
                                                               const ActionInput& in);
  // The per-sender daily limit and the duplicate check (ignoring item `except_id`).
  Status check_sender(storage::Tx& tx, const SenderKey& key, std::string_view folded, Instant now,
                      int64_t except_id);
  Result<boost::json::object> render(storage::Tx& tx, const Context& context, const Item& item,
                                     Audience audience, const identity::Principal* who);
  // The event that settled `item` without an answer (its letter's occasion); 404 when none did.
  struct Closing {
    Event event;
    std::optional<Forwarded> forwarded;  // a forwarding out's official document
  };
  Result<Closing> closing_of(storage::Tx& tx, const Item& item);

  Services& s_;
  files::FileStore files_;
};

}  // namespace tinhso::feedback
