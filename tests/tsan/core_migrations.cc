// The ThreadSanitizer build links core only (tests/tsan/tsan.cmake): the throw-away databases
// of its tests get core's schema, which is all the concurrent parts under test use.
#include "app/modules.h"

namespace tinhso::app {

Result<std::vector<storage::Migration>> default_migrations(storage::Dialect dialect) {
  return storage::embedded_migrations("core", dialect);
}

}  // namespace tinhso::app
