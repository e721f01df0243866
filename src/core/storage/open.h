// Opens the database named by the configuration.
#pragma once

#include <memory>

#include "core/config/config.h"
#include "core/storage/sql.h"

namespace tinhso::storage {

// SQLite for "sqlite:…" URLs (creating data_dir), PostgreSQL for "postgresql://…".
// `readers` sizes the SQLite reader pool when the config leaves it at 0.
Result<std::unique_ptr<Database>> open_database(const Config& config, int readers);

}  // namespace tinhso::storage
