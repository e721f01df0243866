#include "core/identity/accounts.h"

#include "core/base/text.h"

namespace tinhso::identity {

Result<std::optional<Principal>> load_principal(storage::Tx& tx, PrincipalKind kind, int64_t id) {
  Principal p;
  p.kind = kind;
  p.id = id;
  if (kind == PrincipalKind::kOfficial) {
    TS_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT username, full_name, unit_id, active, must_change_password "
                            "FROM officials WHERE id = $1",
                            {id}));
    if (rows.empty() || !rows.front().boolean(3)) return std::optional<Principal>();
    auto r = rows.front();
    p.login = r.str(0);
    p.full_name = r.str(1);
    p.unit_id = r.i64(2);
    p.must_change_password = r.boolean(4);
    TS_ASSIGN_OR_RETURN(auto grants,
                        tx.query("SELECT id, role, unit_id, include_subunits FROM role_grants "
                                 "WHERE official_id = $1 ORDER BY id",
                                 {id}));
    for (auto g : grants) {
      auto role = parse_role(g.view(1));
      if (!role) continue;
      p.grants.push_back(Grant{g.i64(0), *role, g.i64(2), g.boolean(3)});
    }
  } else {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query("SELECT phone, email, full_name, active, contact_pending FROM applicants WHERE "
                 "id = $1",
                 {id}));
    if (rows.empty() || !rows.front().boolean(3)) return std::optional<Principal>();
    auto r = rows.front();
    p.login = r.is_null(0) ? r.str(1) : r.str(0);
    p.full_name = r.str(2);
    p.contact_pending = r.boolean(4);
  }
  return std::optional<Principal>(std::move(p));
}

Result<std::optional<AccountCredentials>> find_credentials(storage::Tx& tx, PrincipalKind kind,
                                                           std::string_view login) {
  std::string key = text::to_lower_ascii(text::trim(login));
  storage::Rows rows;
  if (kind == PrincipalKind::kOfficial) {
    TS_ASSIGN_OR_RETURN(
        rows, tx.query("SELECT id, full_name, password_hash, active, failed_logins, locked_until, "
                       "login_delay_until FROM officials WHERE username = $1",
                       {key}));
  } else {
    auto phone = normalize_phone(key);
    TS_ASSIGN_OR_RETURN(
        rows, tx.query("SELECT id, full_name, password_hash, active, failed_logins, locked_until, "
                       "login_delay_until FROM applicants WHERE phone = $1 OR email = $2",
                       {phone.value_or(""), key}));
  }
  if (rows.empty()) return std::optional<AccountCredentials>();
  auto r = rows.front();
  AccountCredentials c;
  c.kind = kind;
  c.id = r.i64(0);
  c.full_name = r.str(1);
  c.password_hash = r.str(2);
  c.active = r.boolean(3);
  c.failed_logins = r.i64(4);
  c.locked_until_ms = r.opt_i64(5);
  c.delay_until_ms = r.opt_i64(6);
  return std::optional<AccountCredentials>(std::move(c));
}

std::optional<std::string> normalize_phone(std::string_view input) {
  std::string digits;
  bool plus = false;
  for (char c : input) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c == '+' && digits.empty())
      plus = true;
    else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')')
      return std::nullopt;
  }
  if (digits.starts_with("84") && (plus || digits.size() == 11 || digits.size() == 12)) {
    digits = "0" + digits.substr(2);
  }
  // Mobile numbers: 10 digits, 03/05/07/08/09. Landlines: 11 digits, 02 + area code.
  bool mobile = digits.size() == 10 && digits[0] == '0' &&
                std::string_view("35789").find(digits[1]) != std::string_view::npos;
  bool landline = digits.size() == 11 && digits.starts_with("02");
  if (!mobile && !landline) return std::nullopt;
  return digits;
}

bool plausible_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.size() > 254) return false;
  auto domain = s.substr(at + 1);
  if (domain.find('@') != std::string_view::npos || domain.find('.') == std::string_view::npos)
    return false;
  if (domain.front() == '.' || domain.back() == '.') return false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '<' || c == '>' || c == ',' || c == ';') return false;
  }
  return true;
}

}  // namespace tinhso::identity
