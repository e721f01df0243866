// Authenticator: resolves the credentials a request carries (session cookie, bearer token).
#pragma once

#include <optional>

#include "core/base/result.h"
#include "core/http/message.h"
#include "core/identity/principal.h"

namespace tinhso::http {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The principal behind the request's credentials: nullopt when it carries none, an error
  // when it carries invalid or expired ones.
  virtual Result<std::optional<identity::Principal>> authenticate(const Request& req) = 0;
};

}  // namespace tinhso::http
