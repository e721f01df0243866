#include "core/identity/officials.h"

#include <fmt/format.h>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/identity/accounts.h"
#include "core/identity/passwords.h"
#include "core/identity/revocation.h"
#include "core/identity/scope_sql.h"
#include "core/storage/query_builder.h"

namespace tinhso::identity {
namespace {

constexpr std::string_view kOfficialColumns =
    "o.id, o.unit_id, o.username, o.full_name, o.position, o.email, o.phone, o.active, "
    "o.must_change_password, "
    "o.locked_until, o.version";

boost::json::value opt_json(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

Official official_from_row(const storage::Rows::Row& r, int64_t now_ms) {
  Official o;
  o.id = r.i64(0);
  o.unit_id = r.i64(1);
  o.username = r.str(2);
  o.full_name = r.str(3);
  o.position = r.opt_str(4);
  o.email = r.opt_str(5);
  o.phone = r.opt_str(6);
  o.active = r.boolean(7);
  o.must_change_password = r.boolean(8);
  o.locked = r.opt_i64(9).value_or(0) > now_ms;
  o.version = r.i64(10);
  return o;
}

Status load_grants(storage::Tx& tx, std::vector<Official>& officials) {
  if (officials.empty()) return ok_status();
  storage::QueryBuilder q(
      "SELECT official_id, id, role, unit_id, include_subunits FROM role_grants WHERE official_id "
      "IN ");
  std::vector<int64_t> ids;
  for (const auto& o : officials) ids.push_back(o.id);
  q.add(q.bind_list(ids)).add(" ORDER BY id");
  TS_ASSIGN_OR_RETURN(auto rows, q.query(tx));
  for (auto r : rows) {
    auto role = parse_role(r.view(2));
    if (!role) continue;
    for (auto& o : officials) {
      if (o.id == r.i64(0)) o.grants.push_back(Grant{r.i64(1), *role, r.i64(3), r.boolean(4)});
    }
  }
  return ok_status();
}

int64_t wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool valid_username(std::string_view s) {
  if (s.size() < 3 || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

boost::json::object grant_json(const Grant& g, const OrgTree& org) {
  const UnitInfo* u = org.find(g.unit_id);
  return boost::json::object{{"id", g.id},
                             {"role", role_name(g.role)},
                             {"role_label", role_label_vi(g.role)},
                             {"unit_id", g.unit_id},
                             {"unit_name", u ? boost::json::value(u->name) : nullptr},
                             {"include_subunits", g.include_subunits}};
}

boost::json::object official_json(const Official& o, const OrgTree& org) {
  const UnitInfo* u = org.find(o.unit_id);
  boost::json::array grants;
  for (const auto& g : o.grants) grants.push_back(grant_json(g, org));
  return boost::json::object{{"id", o.id},
                             {"unit_id", o.unit_id},
                             {"unit_name", u ? boost::json::value(u->name) : nullptr},
                             {"username", o.username},
                             {"full_name", o.full_name},
                             {"position", opt_json(o.position)},
                             {"email", opt_json(o.email)},
                             {"phone", opt_json(o.phone)},
                             {"active", o.active},
                             {"must_change_password", o.must_change_password},
                             {"locked", o.locked},
                             {"version", o.version},
                             {"grants", std::move(grants)}};
}

Result<OfficialInput> read_official_input(const boost::json::value& v, bool creating) {
  json::FieldReader r(v);
  OfficialInput in;
  if (creating) {
    in.unit_id = r.required_int("unit_id", 1, INT64_MAX);
    in.username = text::to_lower_ascii(r.required_string("username", 64));
    in.full_name = r.required_string("full_name", 200);
    in.password = r.optional_string("password", 128);
    if (!in.username.empty() && !valid_username(in.username)) {
      r.fail("username",
             "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới, "
             "gạch ngang.");
    }
  } else {
    in.unit_id = r.optional_int("unit_id", 1, INT64_MAX);
    in.full_name = r.optional_string("full_name", 200).value_or("");
  }
  in.position = r.optional_string("position", 200);
  in.email = r.optional_string("email", 200);
  in.phone = r.optional_string("phone", 30);
  in.active = r.optional_bool("active");
  if (in.email) {
    *in.email = text::to_lower_ascii(*in.email);
    if (!plausible_email(*in.email)) r.fail("email", "Địa chỉ thư điện tử không hợp lệ.");
  }
  if (in.phone && !normalize_phone(*in.phone)) r.fail("phone", "Số điện thoại không hợp lệ.");
  if (in.phone) in.phone = normalize_phone(*in.phone);
  if (in.password) {
    std::string problem = password_problem(*in.password, in.username);
    if (!problem.empty()) r.fail("password", problem);
  }
  TS_TRY(r.finish());
  return in;
}

Result<Official> get_official(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM officials o WHERE o.id = $1", kOfficialColumns), {id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy cán bộ.");
  std::vector<Official> one{official_from_row(rows.front(), wall_now_ms())};
  TS_TRY(load_grants(tx, one));
  return std::move(one.front());
}

std::optional<int64_t> find_official_id(storage::Tx& tx, std::string_view username) {
  auto rows =
      tx.query("SELECT id FROM officials WHERE username = $1", {text::to_lower_ascii(username)});
  if (!rows.ok() || rows->empty()) return std::nullopt;
  return rows->front().i64(0);
}

Result<std::vector<Official>> list_officials(storage::Tx& tx, const OfficialFilter& f) {
  storage::QueryBuilder q(fmt::format("SELECT {} FROM officials o WHERE ", kOfficialColumns));
  q.add(unit_scope_condition(q, "o.unit_id", f.scope));
  if (f.unit_id) q.add(" AND o.unit_id = " + q.bind(*f.unit_id));
  if (f.role) {
    q.add(" AND o.id IN (SELECT official_id FROM role_grants WHERE role = " + q.bind(*f.role) +
          ")");
  }
  if (f.query) {
    std::string folded = "%" + text::fold(*f.query) + "%";
    q.add(" AND (o.full_name_folded LIKE " + q.bind(folded) + " OR o.username LIKE " +
          q.bind(text::to_lower_ascii(text::trim(*f.query)) + "%") + ")");
  }
  if (f.after_id) q.add(" AND o.id > " + q.bind(*f.after_id));
  q.add(" ORDER BY o.id LIMIT " + q.bind(int64_t{f.limit}));
  TS_ASSIGN_OR_RETURN(auto rows, q.query(tx));
  std::vector<Official> out;
  int64_t now = wall_now_ms();
  for (auto r : rows) out.push_back(official_from_row(r, now));
  TS_TRY(load_grants(tx, out));
  return out;
}

Result<Official> create_official(audit::ChangeTx& tx, const OfficialInput& in,
                                 const std::string& password_hash, bool must_change_password) {
  auto inserted = tx.sql().query(
      "INSERT INTO officials (unit_id, username, full_name, full_name_folded, position, email, "
      "phone, password_hash, "
      "active, must_change_password, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10, $11, "
      "$11) RETURNING id",
      {*in.unit_id, in.username, in.full_name, text::fold(in.full_name), in.position, in.email,
       in.phone, password_hash, in.active.value_or(true) ? 1 : 0, must_change_password ? 1 : 0,
       tx.now_ms()});
  if (!inserted.ok() && inserted.error().code() == storage::kUniqueViolation) {
    return Error::conflict("official.username_exists",
                           fmt::format("Tên đăng nhập {} đã được sử dụng.", in.username));
  }
  if (!inserted.ok() && inserted.error().code() == storage::kForeignKeyViolation) {
    return Error::validation("unit_id", "Đơn vị không tồn tại.");
  }
  TS_TRY(inserted);
  int64_t id = inserted->front().i64(0);
  TS_ASSIGN_OR_RETURN(Official o, get_official(tx.sql(), id));
  TS_TRY(tx.record("official.create", "official", id,
                   boost::json::object{{"unit_id", o.unit_id},
                                       {"username", o.username},
                                       {"full_name", o.full_name},
                                       {"position", opt_json(o.position)},
                                       {"must_change_password", must_change_password}}));
  return o;
}

Result<Official> update_official(audit::ChangeTx& tx, int64_t id, const OfficialInput& in,
                                 std::optional<int64_t> expected_version) {
  TS_ASSIGN_OR_RETURN(Official before, get_official(tx.sql(), id));
  if (expected_version && *expected_version != before.version) {
    return Error::conflict("official.version_conflict",
                           "Thông tin cán bộ vừa được người khác cập nhật. Vui lòng tải lại.");
  }
  Official after = before;
  if (in.unit_id) after.unit_id = *in.unit_id;
  if (!in.full_name.empty()) after.full_name = in.full_name;
  if (in.position) after.position = in.position;
  if (in.email) after.email = in.email;
  if (in.phone) after.phone = in.phone;
  if (in.active) after.active = *in.active;
  boost::json::object from, to;
  auto diff = [&](std::string_view k, boost::json::value a, boost::json::value b) {
    if (a != b) {
      from[k] = std::move(a);
      to[k] = std::move(b);
    }
  };
  diff("unit_id", before.unit_id, after.unit_id);
  diff("full_name", boost::json::string(before.full_name), boost::json::string(after.full_name));
  diff("position", opt_json(before.position), opt_json(after.position));
  diff("email", opt_json(before.email), opt_json(after.email));
  diff("phone", opt_json(before.phone), opt_json(after.phone));
  diff("active", before.active, after.active);
  if (to.empty()) {
    tx.mark_unchanged();
    return before;
  }
  auto n = tx.sql().exec(
      "UPDATE officials SET unit_id = $1, full_name = $2, full_name_folded = $3, position = $4, "
      "email = $5, phone = $6, "
      "active = $7, updated_at = $8, version = version + 1 WHERE id = $9 AND version = $10",
      {after.unit_id, after.full_name, text::fold(after.full_name), after.position, after.email,
       after.phone, after.active ? 1 : 0, tx.now_ms(), id, before.version});
  if (!n.ok() && n.error().code() == storage::kForeignKeyViolation)
    return Error::validation("unit_id", "Đơn vị không tồn tại.");
  TS_TRY(n);
  if (*n == 0) {
    return Error::conflict("official.version_conflict",
                           "Thông tin cán bộ vừa được người khác cập nhật. Vui lòng tải lại.");
  }
  if (!after.active)
    TS_TRY(revoke_access(tx.sql(), PrincipalKind::kOfficial, id, {.sessions = true, .tokens = true},
                         tx.now_ms()));
  else if (after.unit_id != before.unit_id)
    TS_TRY(bump_revocation_epoch(tx.sql(), tx.now_ms()));
  TS_TRY(tx.record("official.update", "official", id,
                   boost::json::object{{"from", from}, {"to", to}}));
  return get_official(tx.sql(), id);
}

Status set_official_password(audit::ChangeTx& tx, int64_t id, const std::string& password_hash,
                             bool temporary) {
  TS_ASSIGN_OR_RETURN(
      int64_t n,
      tx.sql().exec("UPDATE officials SET password_hash = $1, must_change_password = $2, "
                    "failed_logins = 0, locked_until = NULL, login_delay_until = NULL, "
                    "updated_at = $3 WHERE id = $4",
                    {password_hash, temporary ? 1 : 0, tx.now_ms(), id}));
  if (n == 0) return Error::not_found("Không tìm thấy cán bộ.");
  TS_TRY(revoke_access(tx.sql(), PrincipalKind::kOfficial, id, {.sessions = true, .tokens = true},
                       tx.now_ms()));
  return tx.record("official.reset_password", "official", id,
                   boost::json::object{{"temporary", temporary}});
}

Status unlock_official(audit::ChangeTx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(int64_t n, tx.sql().exec("UPDATE officials SET failed_logins = 0, "
                                               "locked_until = NULL, login_delay_until = NULL, "
                                               "updated_at = $1 WHERE id = $2",
                                               {tx.now_ms(), id}));
  if (n == 0) return Error::not_found("Không tìm thấy cán bộ.");
  return tx.record("official.unlock", "official", id, boost::json::object{});
}

Result<Grant> grant_role(audit::ChangeTx& tx, int64_t official_id, Role role, int64_t unit_id,
                         bool include_subunits, std::optional<int64_t> granted_by) {
  auto inserted = tx.sql().query(
      "INSERT INTO role_grants (official_id, role, unit_id, include_subunits, granted_by, "
      "granted_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {official_id, role_name(role), unit_id, include_subunits ? 1 : 0, granted_by, tx.now_ms()});
  if (!inserted.ok() && inserted.error().code() == storage::kUniqueViolation) {
    return Error::conflict("grant.exists", "Cán bộ đã có vai trò này tại đơn vị này.");
  }
  if (!inserted.ok() && inserted.error().code() == storage::kForeignKeyViolation) {
    return Error::validation("unit_id", "Cán bộ hoặc đơn vị không tồn tại.");
  }
  TS_TRY(inserted);
  Grant g{inserted->front().i64(0), role, unit_id, include_subunits};
  TS_TRY(bump_revocation_epoch(tx.sql(), tx.now_ms()));
  TS_TRY(tx.record("official.grant_role", "official", official_id,
                   boost::json::object{{"grant_id", g.id},
                                       {"role", role_name(role)},
                                       {"unit_id", unit_id},
                                       {"include_subunits", include_subunits}}));
  return g;
}

Status revoke_grant(audit::ChangeTx& tx, int64_t official_id, int64_t grant_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query("SELECT role, unit_id FROM role_grants WHERE id = $1 AND official_id = $2",
                     {grant_id, official_id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy vai trò này của cán bộ.");
  TS_TRY(tx.sql().exec("DELETE FROM role_grants WHERE id = $1", {grant_id}));
  TS_TRY(bump_revocation_epoch(tx.sql(), tx.now_ms()));
  return tx.record(
      "official.revoke_role", "official", official_id,
      boost::json::object{
          {"grant_id", grant_id}, {"role", rows.front().str(0)}, {"unit_id", rows.front().i64(1)}});
}

}  // namespace tinhso::identity
