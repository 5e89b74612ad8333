// SQL for report cycles and submissions (migration 9). Free functions over a connection;
// SqliteStore decides transactions, locking and auditing. Each record is its JSON body
// (codec/report_json.h) plus the columns lists and uniqueness need; every replaced revision
// is kept in the history tables.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/query.h"
#include "core/report_cycle.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

Result<int64_t> InsertCycle(Db& db, const ReportCycle& c, const std::string& by, const std::string& now);
// kPreconditionFailed on a stale revision, kNotFound when absent.
Status UpdateCycle(Db& db, const ReportCycle& c, int64_t expected, const std::string& now);
Result<ReportCycle> SelectCycle(Db& db, int64_t id);
// Latest due date first.
Result<Page<ReportCycle>> SelectCycles(Db& db, std::optional<CycleState> state, int limit, int64_t offset);

// kConflict when the unit already has a submission in the cycle; kInvalidArgument
// (/cycle, /unit) when either does not exist.
Result<int64_t> InsertSubmission(Db& db, const Submission& s, const std::string& now);
Status UpdateSubmission(Db& db, const Submission& s, int64_t expected, const std::string& now);
Result<Submission> SelectSubmission(Db& db, int64_t id);
// kNotFound when the unit has none in the cycle.
Result<Submission> SelectSubmissionFor(Db& db, int64_t cycle_id, const std::string& unit_id);
// Every submission of the cycle, by unit id.
Result<std::vector<Submission>> SelectSubmissions(Db& db, int64_t cycle_id);
// Previous revisions, newest first.
Result<std::vector<Submission>> SelectSubmissionHistory(Db& db, int64_t id);

}  // namespace dxgov::sqlite
