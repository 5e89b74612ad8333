// SQL for evidence (migration 10): one row per file or link, append-only. Free functions
// over a connection; SqliteStore decides transactions and auditing, and keeps the bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/evidence.h"
#include "core/task.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

// kInvalidArgument (/owner_id) when the progress entry or submission does not exist.
Result<int64_t> InsertEvidence(Db& db, const Evidence& e, const std::string& by, const std::string& now);
Result<Evidence> SelectEvidence(Db& db, int64_t id);
// Oldest first.
Result<std::vector<Evidence>> SelectEvidenceOf(Db& db, EvidenceOwner owner, int64_t owner_id);
// Every file any evidence names, each once.
Result<std::vector<std::string>> SelectEvidenceFiles(Db& db);

}  // namespace dxgov::sqlite
