#include "store/sqlite/key_task_tables.h"

#include "codec/key_task_json.h"
#include "store/sqlite/rows.h"

namespace dxgov::sqlite {
namespace {

constexpr const char* kColumns = "SELECT body, id, revision, created_at, updated_at FROM key_tasks";

Result<KeyTask> KeyTaskFrom(const Stmt& s) { return FromRow<KeyTask>(s, codec::KeyTaskFromJson, "key task"); }

Status CheckRefs(Db& db, const KeyTask& k) {
  DX_ASSIGN_OR_RETURN(Stmt check, db.Prepare("SELECT (SELECT COUNT(*) FROM plans WHERE id = ?), "
                                             "(SELECT COUNT(*) FROM units WHERE id = ?)"));
  check.Bind(1, k.plan_id).Bind(2, std::string_view(k.unit_id));
  DX_ASSIGN_OR_RETURN(bool row, check.Step());
  if (row && check.Int(0) == 0) return InvalidArgument("/plan_id", "no such plan", "Không có kế hoạch này");
  if (row && check.Int(1) == 0) return InvalidArgument("/unit", "no such unit", "Không có đơn vị " + k.unit_id);
  return OkStatus();
}

Result<std::vector<KeyTask>> All(Stmt& s) {
  std::vector<KeyTask> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    DX_ASSIGN_OR_RETURN(KeyTask k, KeyTaskFrom(s));
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace

Result<int64_t> InsertKeyTask(Db& db, const KeyTask& k, const std::string& now) {
  DX_RETURN_IF_ERROR(CheckRefs(db, k));
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("INSERT INTO key_tasks(plan_id, unit_id, year, ordinal, body, revision, "
                                         "created_at, updated_at) VALUES (?,?,?,?,?,1,?,?)"));
  const std::string body = BodyOf(k);
  s.Bind(1, k.plan_id).Bind(2, std::string_view(k.unit_id)).Bind(3, k.year).Bind(4, k.ordinal);
  s.Bind(5, std::string_view(body)).Bind(6, std::string_view(now)).Bind(7, std::string_view(now));
  DX_RETURN_IF_ERROR(s.Run());
  return db.LastInsertId();
}

Status UpdateKeyTask(Db& db, const KeyTask& k, int64_t expected, const std::string& now) {
  DX_RETURN_IF_ERROR(CheckRefs(db, k));
  DX_RETURN_IF_ERROR(Archive(db, "key_tasks", "key_task_history", k.id, expected, now, "nhiệm vụ trọng điểm", "key task"));
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("UPDATE key_tasks SET plan_id = ?, unit_id = ?, year = ?, ordinal = ?, "
                                         "body = ?, revision = revision + 1, updated_at = ? WHERE id = ?"));
  const std::string body = BodyOf(k);
  s.Bind(1, k.plan_id).Bind(2, std::string_view(k.unit_id)).Bind(3, k.year).Bind(4, k.ordinal);
  s.Bind(5, std::string_view(body)).Bind(6, std::string_view(now)).Bind(7, k.id);
  return s.Run();
}

Result<KeyTask> SelectKeyTask(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) + " WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("nhiệm vụ trọng điểm", "key task", std::to_string(id));
  return KeyTaskFrom(s);
}

Result<std::vector<KeyTask>> SelectKeyTasks(Db& db, std::optional<int64_t> plan_id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) + (plan_id ? " WHERE plan_id = ?" : "") +
                                         " ORDER BY plan_id, ordinal, id"));
  if (plan_id) s.Bind(1, *plan_id);
  return All(s);
}

Result<std::vector<KeyTask>> SelectKeyTaskHistory(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "SELECT h.body, h.id, h.revision, k.created_at, h.replaced_at FROM key_task_history h "
      "JOIN key_tasks k ON k.id = h.id WHERE h.id = ? ORDER BY h.revision DESC"));
  s.Bind(1, id);
  return All(s);
}

}  // namespace dxgov::sqlite
