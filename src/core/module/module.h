// Module: one capability of tinhso (one-stop, documents, …) as the application sees it. A module
// lives in its own folders — src/<name>/, migrations/<name>/, tests/<name>/, web/src/pages/<name>/
// — and declares itself with a ModuleDef; app/modules.cc lists the ModuleDefs, one line each, and
// App loops over them for everything below. docs/modules.md walks through adding one.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/identity/roles.h"
#include "core/services.h"

namespace tinhso::http {
class Router;
}

namespace tinhso {

// A running module. App makes it after the shared services, registers its routes, starts it
// when the server serves and stops it (in reverse order) before the database closes.
class Module {
 public:
  virtual ~Module() = default;

  virtual void register_routes(http::Router& router) = 0;
  // Background tasks (reminder passes, snapshots). Outbox channels are registered with
  // services.outbox when the module is made: the dispatcher starts before any module.
  virtual void start() {}
  virtual void stop() {}
};

// How a module declares itself. Everything here is known before the module is made, so that
// `tinhso migrate` and the permission table need no running module.
struct ModuleDef {
  // Lower-case, the name of its folders, its migrations' module, its settings' prefix.
  std::string_view name;
  // One line, logged at start.
  std::string_view summary;
  // Modules whose tables its migrations refer to; they are migrated first. Core always is.
  std::vector<std::string_view> depends_on;
  std::span<const identity::Permission> permissions;
  std::unique_ptr<Module> (*make)(Services&) = nullptr;
  // Empty: the migrations embedded from migrations/<name>/. Otherwise a directory read at run
  // time (a module built outside this tree, such as the example in the tests).
  std::string migrations_dir;
};

}  // namespace tinhso
