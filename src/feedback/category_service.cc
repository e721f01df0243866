// FeedbackService: the categories and their answering times, as the leaders of the reception
// unit edit them (categories.h). Each change is one audited transaction; a stale version is 409.
#include "core/identity/actor_of.h"
#include "core/identity/authorizer.h"
#include "feedback/permissions.h"
#include "feedback/service.h"

namespace tinhso::feedback {
namespace {

using boost::json::array;
using boost::json::object;

object change_of(const CategoryInput& in) {
  array deadlines;
  for (const auto& d : in.unit_deadlines)
    deadlines.push_back(object{{"unit_id", d.unit_id}, {"answer_days", d.answer_days}});
  object o{{"name", in.name},
           {"subject", in.subject},
           {"active", in.active},
           {"position", in.position},
           {"unit_deadlines", std::move(deadlines)}};
  o["unit_id"] = in.unit_id ? boost::json::value(*in.unit_id) : nullptr;
  o["answer_days"] = in.answer_days ? boost::json::value(*in.answer_days) : nullptr;
  return o;
}

// Category `id` as its editors see it, read inside the change that made it.
Result<object> settings_json(storage::Tx& tx, const identity::OrgTree& org, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto all, load_category_settings(tx));
  for (const auto& c : all)
    if (c.category.id == id) return category_settings_json(c, org);
  return Error::internal("a category just written is missing");
}

}  // namespace

Result<boost::json::array> FeedbackService::category_settings(const identity::Principal& who) {
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  TS_TRY(s_.authorizer.check(who, kApproveFeedback, reception));
  auto org = s_.org.get();
  TS_ASSIGN_OR_RETURN(auto all,
                      s_.db.read([](storage::Tx& tx) { return load_category_settings(tx); }));
  array out;
  for (const auto& c : all) out.push_back(category_settings_json(c, *org));
  return out;
}

Result<boost::json::object> FeedbackService::create_category(const identity::Principal& who,
                                                             const audit::Actor& actor,
                                                             const CategoryInput& in) {
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  TS_ASSIGN_OR_RETURN(auto grant, s_.authorizer.check(who, kApproveFeedback, reception));
  auto org = s_.org.get();
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(int64_t id, insert_category(tx.sql(), in));
    object change = change_of(in);
    change["code"] = in.code;
    TS_TRY(tx.record("feedback.category.create", "feedback_category", id, change));
    return settings_json(tx.sql(), *org, id);
  });
}

Result<boost::json::object> FeedbackService::update_category(const identity::Principal& who,
                                                             const audit::Actor& actor, int64_t id,
                                                             const CategoryInput& in) {
  TS_ASSIGN_OR_RETURN(int64_t reception, reception_unit());
  TS_ASSIGN_OR_RETURN(auto grant, s_.authorizer.check(who, kApproveFeedback, reception));
  auto org = s_.org.get();
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(auto existing, find_category(tx.sql(), id));
    if (!existing) return Error::not_found("Không tìm thấy lĩnh vực phản ánh, kiến nghị.");
    TS_ASSIGN_OR_RETURN(bool updated, feedback::update_category(tx.sql(), id, in));
    if (!updated)
      return Error::conflict("feedback.stale",
                             "Lĩnh vực vừa được người khác sửa. Vui lòng tải lại trang.");
    TS_TRY(tx.record("feedback.category.update", "feedback_category", id, change_of(in)));
    return settings_json(tx.sql(), *org, id);
  });
}

}  // namespace tinhso::feedback
