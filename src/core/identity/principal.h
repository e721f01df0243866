// Principal: who is making a request — an official (with role grants) or an applicant
// (citizen or business account) — and how they authenticated.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/identity/roles.h"

namespace tinhso::identity {

enum class PrincipalKind { kOfficial, kApplicant };
// As stored with sessions and tokens: official | applicant.
inline std::string_view kind_name(PrincipalKind k) {
  return k == PrincipalKind::kOfficial ? "official" : "applicant";
}

struct Grant {
  int64_t id = 0;
  Role role = Role::kSpecialist;
  int64_t unit_id = 0;
  bool include_subunits = false;
};

struct Principal {
  PrincipalKind kind = PrincipalKind::kOfficial;
  int64_t id = 0;
  std::string login;  // username, or the applicant's phone/e-mail
  std::string full_name;
  int64_t unit_id = 0;  // officials: home unit
  std::vector<Grant> grants;
  bool must_change_password = false;
  // An applicant who has not yet confirmed their phone or e-mail (contact_verification.h).
  bool contact_pending = false;

  // Authentication: a session cookie (CSRF token required for writes) or an API token.
  enum class Via { kSession, kToken } via = Via::kSession;
  std::string session_hash;
  std::string csrf_token;
  int64_t token_id = 0;
  bool token_can_write = false;

  bool is_official() const { return kind == PrincipalKind::kOfficial; }
  bool is_applicant() const { return kind == PrincipalKind::kApplicant; }
};

}  // namespace tinhso::identity
