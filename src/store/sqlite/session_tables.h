// SQL for committee sessions (migration 12). Free functions over a connection; SqliteStore
// decides transactions, locking and auditing. Each session is its JSON body
// (codec/session_json.h) plus the columns lists need; every replaced revision is kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/session.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

// kInvalidArgument (/committee, /plan_id, /conclusions/<i>) when a reference names nothing.
Result<int64_t> InsertCommitteeSession(Db& db, const CommitteeSession& s, const std::string& now);
// kPreconditionFailed on a stale revision, kNotFound when absent.
Status UpdateCommitteeSession(Db& db, const CommitteeSession& s, int64_t expected, const std::string& now);
Result<CommitteeSession> SelectCommitteeSession(Db& db, int64_t id);
// By year and month (a year's, when given), then id.
Result<std::vector<CommitteeSession>> SelectCommitteeSessions(Db& db, std::optional<int> year);

}  // namespace dxgov::sqlite
