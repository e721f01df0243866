#include "feedback/categories.h"

#include <set>

#include "core/base/json.h"

namespace tinhso::feedback {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

bool valid_code(std::string_view s) {
  if (s.size() < 2 || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return s.front() >= 'a' && s.front() <= 'z';
}

bool active_unit(const identity::OrgTree& org, int64_t id) {
  const auto* u = org.find(id);
  return u != nullptr && u->active;
}

value unit_ref(const identity::OrgTree& org, std::optional<int64_t> id) {
  const auto* u = id ? org.find(*id) : nullptr;
  if (u == nullptr) return nullptr;
  return object{{"id", u->id}, {"code", u->code}, {"name", u->name}};
}

Status write_deadlines(storage::Tx& tx, int64_t id, const std::vector<UnitDeadline>& deadlines) {
  TS_TRY(tx.exec("DELETE FROM feedback_category_deadlines WHERE category_id = $1", {id}));
  for (const auto& d : deadlines)
    TS_TRY(
        tx.exec("INSERT INTO feedback_category_deadlines (category_id, unit_id, answer_days) "
                "VALUES ($1, $2, $3)",
                {id, d.unit_id, d.answer_days}));
  return ok_status();
}

}  // namespace

Result<CategoryInput> read_category(const boost::json::value& body, const identity::OrgTree& org,
                                    bool creating) {
  json::FieldReader r(body);
  CategoryInput in;
  if (creating) {
    in.code = r.required_string("code", 40);
    if (!in.code.empty() && !valid_code(in.code))
      r.fail("code",
             "Mã lĩnh vực gồm 2–40 chữ thường không dấu, chữ số hoặc dấu gạch dưới, bắt đầu bằng "
             "chữ (ví dụ ha_tang).");
  } else {
    in.version = r.required_int("version", 1, INT64_MAX);
  }
  in.name = r.required_string("name", 200);
  in.subject = r.required_enum("subject", {"administrative", "socio_economic"});
  in.unit_id = r.optional_int("unit_id", 1, INT64_MAX);
  if (in.unit_id && !active_unit(org, *in.unit_id))
    r.fail("unit_id", "Đơn vị thường xử lý không tồn tại hoặc đã giải thể.");
  in.answer_days = r.optional_int("answer_days", 1, 365);
  in.position = r.optional_int("position", 0, 10000).value_or(0);
  in.active = r.optional_bool("active").value_or(true);
  // A change replaces the whole category: what it leaves out is not silently reset.
  if (!creating) {
    if (!r.has("active")) r.fail("active", "Cần ghi lĩnh vực còn dùng hay đã ngừng.");
    if (!r.has("unit_deadlines"))
      r.fail("unit_deadlines",
             "Cần ghi thời hạn riêng của các đơn vị (danh sách rỗng nếu không có).");
  }
  if (const auto* list = r.optional_array("unit_deadlines", 500)) {
    std::set<int64_t> seen;
    for (const auto& v : *list) {
      const auto* o = v.if_object();
      if (o == nullptr) {
        r.fail("unit_deadlines", "Mỗi dòng cần đơn vị và số ngày làm việc.");
        continue;
      }
      json::FieldReader dr(*o);
      UnitDeadline d{dr.required_int("unit_id", 1, INT64_MAX),
                     dr.required_int("answer_days", 1, 365)};
      if (dr.failed() || !dr.finish().ok())
        r.fail("unit_deadlines",
               "Mỗi dòng cần đơn vị và số ngày làm việc (từ 1 đến 365 ngày làm việc).");
      else if (!active_unit(org, d.unit_id))
        r.fail("unit_deadlines", "Đơn vị không tồn tại hoặc đã giải thể.");
      else if (!seen.insert(d.unit_id).second)
        r.fail("unit_deadlines", "Mỗi đơn vị chỉ ghi một thời hạn.");
      else
        in.unit_deadlines.push_back(d);
    }
  }
  TS_TRY(r.finish());
  return in;
}

Result<std::vector<CategorySettings>> load_category_settings(storage::Tx& tx) {
  TS_ASSIGN_OR_RETURN(auto all, load_categories(tx, false));
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, position, version FROM feedback_categories"));
  TS_ASSIGN_OR_RETURN(auto deadlines,
                      tx.query("SELECT category_id, unit_id, answer_days FROM "
                               "feedback_category_deadlines ORDER BY category_id, unit_id"));
  std::vector<CategorySettings> out;
  for (auto& c : all) {
    CategorySettings s{std::move(c), 0, 1, {}};
    for (auto r : rows)
      if (r.i64(0) == s.category.id) {
        s.position = r.i64(1);
        s.version = r.i64(2);
      }
    for (auto d : deadlines)
      if (d.i64(0) == s.category.id) s.unit_deadlines.push_back({d.i64(1), d.i64(2)});
    out.push_back(std::move(s));
  }
  return out;
}

Result<int64_t> insert_category(storage::Tx& tx, const CategoryInput& in) {
  TS_ASSIGN_OR_RETURN(auto taken,
                      tx.query("SELECT 1 FROM feedback_categories WHERE code = $1", {in.code}));
  if (!taken.empty())
    return Error::conflict("feedback.category_exists",
                           "Mã lĩnh vực \"" + in.code + "\" đã có; chọn mã khác.");
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("INSERT INTO feedback_categories (code, name, subject, unit_id, "
                               "answer_days, active, position) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                               "RETURNING id",
                               {in.code, in.name, in.subject, in.unit_id, in.answer_days,
                                int64_t{in.active ? 1 : 0}, in.position}));
  int64_t id = rows.front().i64(0);
  TS_TRY(write_deadlines(tx, id, in.unit_deadlines));
  return id;
}

Result<bool> update_category(storage::Tx& tx, int64_t id, const CategoryInput& in) {
  TS_ASSIGN_OR_RETURN(
      int64_t n, tx.exec("UPDATE feedback_categories SET name = $3, subject = $4, unit_id = $5, "
                         "answer_days = $6, active = $7, position = $8, version = version + 1 "
                         "WHERE id = $1 AND version = $2",
                         {id, in.version, in.name, in.subject, in.unit_id, in.answer_days,
                          int64_t{in.active ? 1 : 0}, in.position}));
  if (n == 0) return false;
  TS_TRY(write_deadlines(tx, id, in.unit_deadlines));
  return true;
}

Result<int64_t> answer_days_for(storage::Tx& tx, const std::optional<Category>& category,
                                int64_t unit_id, int64_t fallback) {
  if (!category) return fallback;
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT answer_days FROM feedback_category_deadlines "
                                          "WHERE category_id = $1 AND unit_id = $2",
                                          {category->id, unit_id}));
  if (!rows.empty()) return rows.front().i64(0);
  return category->answer_days.value_or(fallback);
}

boost::json::object category_settings_json(const CategorySettings& s,
                                           const identity::OrgTree& org) {
  const Category& c = s.category;
  array deadlines;
  for (const auto& d : s.unit_deadlines)
    deadlines.push_back(object{{"unit", unit_ref(org, d.unit_id)}, {"answer_days", d.answer_days}});
  return object{{"id", c.id},
                {"code", c.code},
                {"name", c.name},
                {"subject", c.subject},
                {"unit", unit_ref(org, c.unit_id)},
                {"answer_days", c.answer_days ? value(*c.answer_days) : value(nullptr)},
                {"active", c.active},
                {"position", s.position},
                {"version", s.version},
                {"unit_deadlines", std::move(deadlines)}};
}

}  // namespace tinhso::feedback
