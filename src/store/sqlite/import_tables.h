// SQL for plan imports (migration 7). Free functions over a connection; SqliteStore decides
// transactions, locking and auditing.
#pragma once

#include <cstdint>
#include <string>

#include "core/plan_import.h"
#include "core/query.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

Result<int64_t> InsertImport(Db& db, const PlanImport& i, const std::string& by, const std::string& now);
// Writes state, plan id, proposal and decided_by as the next revision, keeping the current
// one in plan_import_history. kPreconditionFailed on a stale revision, kNotFound when absent.
Status UpdateImport(Db& db, const PlanImport& i, int64_t expected, const std::string& now);
// With its document and proposal.
Result<PlanImport> SelectImport(Db& db, int64_t id);
// Newest first, without document and proposal.
Result<Page<PlanImport>> SelectImports(Db& db, const ImportQuery& q);

}  // namespace dxgov::sqlite
