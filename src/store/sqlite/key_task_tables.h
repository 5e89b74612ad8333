// SQL for members' key tasks (migration 11). Free functions over a connection; SqliteStore
// decides transactions, locking and auditing. Each key task is its JSON body
// (codec/key_task_json.h) plus the columns lists need; every replaced revision is kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/key_task.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

// kInvalidArgument (/plan_id, /unit) when the plan or unit does not exist.
Result<int64_t> InsertKeyTask(Db& db, const KeyTask& k, const std::string& now);
// kPreconditionFailed on a stale revision, kNotFound when absent.
Status UpdateKeyTask(Db& db, const KeyTask& k, int64_t expected, const std::string& now);
Result<KeyTask> SelectKeyTask(Db& db, int64_t id);
// Every key task, or a plan's, by plan, then ordinal, then id.
Result<std::vector<KeyTask>> SelectKeyTasks(Db& db, std::optional<int64_t> plan_id);
// Previous revisions, newest first.
Result<std::vector<KeyTask>> SelectKeyTaskHistory(Db& db, int64_t id);

}  // namespace dxgov::sqlite
