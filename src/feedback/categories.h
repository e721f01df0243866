// Feedback categories as reception's leaders edit them: the rows (code, name, subject under
// ND 20/2008 Art. 5, the usual competent unit, the answering time, order, whether offered) and
// the answering times set per competent unit. A category's code is fixed once made: Open311
// applications know it as the service_code. Categories are never deleted, only withdrawn
// (inactive): items keep theirs. Parameterised SQL inside the caller's transaction.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/identity/org_tree.h"
#include "core/storage/sql.h"
#include "feedback/items.h"

namespace tinhso::feedback {

struct UnitDeadline {
  int64_t unit_id = 0;
  int64_t answer_days = 0;
};

// A category as its editors see it.
struct CategorySettings {
  Category category;
  int64_t position = 0;
  int64_t version = 1;
  std::vector<UnitDeadline> unit_deadlines;
};

// The body of a new category (`creating`: with its code) or of a change (with `version`).
struct CategoryInput {
  std::string code, name, subject;
  std::optional<int64_t> unit_id, answer_days;
  int64_t position = 0;
  bool active = true;
  int64_t version = 0;
  std::vector<UnitDeadline> unit_deadlines;
};
// Every problem at once; units must be active units of `org`.
Result<CategoryInput> read_category(const boost::json::value& body, const identity::OrgTree& org,
                                    bool creating);

Result<std::vector<CategorySettings>> load_category_settings(storage::Tx& tx);
// 409 feedback.category_exists when the code is taken.
Result<int64_t> insert_category(storage::Tx& tx, const CategoryInput& in);
// False when the category is not at `in.version` (or does not exist).
Result<bool> update_category(storage::Tx& tx, int64_t id, const CategoryInput& in);

// Working days to answer an item of `category` held by `unit_id`: that unit's own time for the
// category, else the category's, else `fallback` (feedback.answer_days).
Result<int64_t> answer_days_for(storage::Tx& tx, const std::optional<Category>& category,
                                int64_t unit_id, int64_t fallback);

boost::json::object category_settings_json(const CategorySettings& c, const identity::OrgTree& org);

}  // namespace tinhso::feedback
