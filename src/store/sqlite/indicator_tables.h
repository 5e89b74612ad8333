// SQL for indicators and their figures (migration 4). Free functions over a connection;
// SqliteStore decides transactions, locking and auditing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/indicator.h"
#include "core/query.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

// `body` is the indicator's JSON document (written by the codec).
Result<int64_t> InsertIndicator(Db& db, const Indicator& ind, const std::string& body, const std::string& now);
// Keeps the current revision in indicator_history. kPreconditionFailed on a stale
// revision, kNotFound when absent.
Status UpdateIndicator(Db& db, const Indicator& ind, const std::string& body, int64_t expected, const std::string& now);
// The stored bodies, in code order, with id/revision/timestamps as stored.
struct StoredIndicator {
  int64_t id = 0;
  std::string body;
  int64_t revision = 0;
  std::string created_at, updated_at;
};
Result<std::vector<StoredIndicator>> SelectIndicators(Db& db);
Result<StoredIndicator> SelectIndicator(Db& db, const std::string& code);

// Writes each figure unless it equals the stored one (value, estimated, status, note):
// a new key is inserted at revision 1; a changed one keeps its previous version in
// value_history and goes up one revision. `changed` receives the figures written, as
// stored (revision, updated_at/by filled), and `previous` the versions they replaced.
// REQUIRES: inside a transaction.
Result<ValueCounts> UpsertValues(Db& db, const std::vector<DataValue>& values, Provenance provenance,
                                 const std::string& by, const std::string& now, std::vector<DataValue>& changed,
                                 std::vector<DataValue>& previous);

Result<Page<DataValue>> SelectValues(Db& db, const ValueQuery& q);
// The current figure and every earlier version, newest first.
Result<std::vector<DataValue>> SelectValueHistory(Db& db, const std::string& indicator, const std::string& unit,
                                                  const Period& period);
// Streams every current figure (for loading the rollup engine).
Status ForEachValue(Db& db, const std::function<void(const DataValue&)>& fn);

}  // namespace dxgov::sqlite
