// Authenticator: resolves the credentials a request carries (session cookie, bearer token).
#pragma once

#include <memory>

#include "core/base/result.h"
#include "core/http/message.h"
#include "core/identity/principal.h"

namespace tinhso::http {

// Principals are shared and immutable: the session cache hands the same object to every
// request of the session without copying it.
using PrincipalPtr = std::shared_ptr<const identity::Principal>;

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The principal behind the request's credentials: null when it carries none, an error when
  // it carries invalid or expired ones.
  virtual Result<PrincipalPtr> authenticate(const Request& req) = 0;
};

}  // namespace tinhso::http
