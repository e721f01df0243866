// The modules of this tinhso and what follows from the list: the migrations in the order they
// apply and the whole permission table. Adding a module is one line in modules.cc.
#pragma once

#include <vector>

#include "core/module/module.h"
#include "core/storage/migrations.h"

namespace tinhso::app {

// The modules, in the order they are made and started (stopped in reverse).
std::vector<const ModuleDef*> default_modules();

// Core's migrations, then each module's; a module after the modules it depends on (otherwise
// in list order). Errors name an unknown or circular dependency.
Result<std::vector<storage::Migration>> migrations_of(const std::vector<const ModuleDef*>& modules,
                                                      storage::Dialect dialect);

// migrations_of(default_modules()): what tools and tests that open a bare database apply.
Result<std::vector<storage::Migration>> default_migrations(storage::Dialect dialect);

// Every module's configuration sections, for load_config and sample_config.
std::vector<const ConfigSection*> config_sections_of(const std::vector<const ModuleDef*>& modules);

// Core's OpenAPI tags, then every module's.
std::vector<http::ApiTag> api_tags_of(const std::vector<const ModuleDef*>& modules);

// Core's vocabularies (roles, unit levels and kinds, deadline urgencies, the outbox's statuses and
// every module's declared channels), then every module's; an error when two share a name.
Result<std::vector<Vocabulary>> vocabularies_of(const std::vector<const ModuleDef*>& modules);

// Core's permissions and every module's; an error when two share a name.
Result<std::vector<identity::Permission>> permission_table(
    const std::vector<const ModuleDef*>& modules);

}  // namespace tinhso::app
