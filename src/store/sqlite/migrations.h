// Versioned schema migrations for the SQLite store. Each migration runs once, in its own
// transaction, and is recorded in schema_migrations; a database newer than this binary
// is refused rather than guessed at.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& AllMigrations();
int LatestSchemaVersion();

// Applies every pending migration. Returns the resulting schema version.
Result<int> ApplyMigrations(Db& db);
Result<int> CurrentSchemaVersion(Db& db);

}  // namespace dxgov::sqlite
