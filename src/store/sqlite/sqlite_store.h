// The SQLite implementation of Store: one file in WAL mode with synchronous=FULL (an
// acknowledged write survives a power cut), foreign keys on, one serialised writer and a
// small pool of readers. Evidence files are kept by content in "files/" beside the
// database file (store/files/blob_dir.h).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/date.h"
#include "core/status.h"
#include "store/store.h"

namespace dxgov {

struct SqliteOptions {
  std::string path;             // the database file; created if missing
  int read_connections = 4;
  const Clock* clock = nullptr; // for timestamps; nullptr = system clock
  int64_t max_pages = 0;        // >0: the file may not grow past this many pages (writes then
                                // fail with kUnavailable, as on a full disk); 0: no cap
};

// Opens the database, applies pending migrations and loads the unit registry.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// Applies pending migrations to the file and returns the schema version (`dxgov migrate`).
Result<int> MigrateSqliteFile(const std::string& path);

// Where Store::Backup writes the evidence files a backup names: "<backup_path>.files".
std::filesystem::path BackupFilesDir(const std::string& backup_path);

// Replaces the database at `db_path` with the backup at `backup_path`, after checking the
// backup's integrity and schema version, and copies the evidence files it names from
// BackupFilesDir(backup_path) beside `db_path`. REQUIRES: no server uses `db_path`.
Status RestoreSqliteFile(const std::string& backup_path, const std::string& db_path);

}  // namespace dxgov
