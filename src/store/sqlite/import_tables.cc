#include "store/sqlite/import_tables.h"

#include <vector>

namespace dxgov::sqlite {
namespace {

constexpr const char* kSummaryColumns =
    "SELECT id, sha256, file_name, issuer_id, number, title, task_count, warning_count, state, plan_id, "
    "uploaded_by, decided_by, revision, created_at, updated_at";

PlanImport SummaryFrom(const Stmt& s) {
  PlanImport i;
  i.id = s.Int(0);
  i.sha256 = s.Text(1);
  i.file_name = s.Text(2);
  i.issuer_id = s.Text(3);
  i.number = s.Text(4);
  i.title = s.Text(5);
  i.task_count = static_cast<int>(s.Int(6));
  i.warning_count = static_cast<int>(s.Int(7));
  i.state = ParseImportState(s.Text(8)).value_or(ImportState::kPending);
  if (!s.IsNull(9)) i.plan_id = s.Int(9);
  i.uploaded_by = s.Text(10);
  i.decided_by = s.Text(11);
  i.version = s.Int(12);
  i.created_at = s.Text(13);
  i.updated_at = s.Text(14);
  return i;
}

}  // namespace

Result<int64_t> InsertImport(Db& db, const PlanImport& i, const std::string& by, const std::string& now) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "INSERT INTO plan_imports(sha256, file_name, issuer_id, number, title, task_count, warning_count, state, "
      "plan_id, document, proposal, uploaded_by, decided_by, revision, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)"));
  s.Bind(1, std::string_view(i.sha256)).Bind(2, std::string_view(i.file_name)).Bind(3, std::string_view(i.issuer_id));
  s.Bind(4, std::string_view(i.number)).Bind(5, std::string_view(i.title)).Bind(6, i.task_count).Bind(7, i.warning_count);
  s.Bind(8, std::string_view(ImportStateName(i.state))).Bind(9, i.plan_id);
  s.Bind(10, std::string_view(i.document)).Bind(11, std::string_view(i.proposal)).Bind(12, std::string_view(by));
  s.Bind(13, std::string_view(i.decided_by)).Bind(14, std::string_view(now)).Bind(15, std::string_view(now));
  DX_RETURN_IF_ERROR(s.Run());
  return db.LastInsertId();
}

Status UpdateImport(Db& db, const PlanImport& i, int64_t expected, const std::string& now) {
  DX_ASSIGN_OR_RETURN(Stmt cur, db.Prepare("SELECT revision FROM plan_imports WHERE id = ?"));
  cur.Bind(1, i.id);
  DX_ASSIGN_OR_RETURN(bool found, cur.Step());
  if (!found) return NotFound("bản nhập kế hoạch", "plan import", std::to_string(i.id));
  if (cur.Int(0) != expected) return Stale("bản nhập kế hoạch", "plan import", cur.Int(0));
  DX_ASSIGN_OR_RETURN(Stmt h, db.Prepare(
      "INSERT INTO plan_import_history(import_id, revision, state, plan_id, proposal, decided_by, replaced_at) "
      "SELECT id, revision, state, plan_id, proposal, decided_by, ? FROM plan_imports WHERE id = ?"));
  h.Bind(1, std::string_view(now)).Bind(2, i.id);
  DX_RETURN_IF_ERROR(h.Run());
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "UPDATE plan_imports SET state = ?, plan_id = ?, proposal = ?, decided_by = ?, revision = revision + 1, "
      "updated_at = ? WHERE id = ?"));
  s.Bind(1, std::string_view(ImportStateName(i.state))).Bind(2, i.plan_id).Bind(3, std::string_view(i.proposal));
  s.Bind(4, std::string_view(i.decided_by)).Bind(5, std::string_view(now)).Bind(6, i.id);
  return s.Run();
}

Result<PlanImport> SelectImport(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kSummaryColumns) + ", document, proposal FROM plan_imports WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("bản nhập kế hoạch", "plan import", std::to_string(id));
  PlanImport i = SummaryFrom(s);
  i.document = s.Text(15);
  i.proposal = s.Text(16);
  return i;
}

Result<Page<PlanImport>> SelectImports(Db& db, const ImportQuery& q) {
  std::string where = " WHERE 1=1";
  if (!q.sha256.empty()) where += " AND sha256 = ?";
  if (q.state) where += " AND state = ?";
  auto bind = [&](Stmt& s) {
    int n = 1;
    if (!q.sha256.empty()) s.Bind(n++, std::string_view(q.sha256));
    if (q.state) s.Bind(n++, std::string_view(ImportStateName(*q.state)));
    return n;
  };
  Page<PlanImport> page;
  page.limit = q.limit;
  page.offset = q.offset;
  DX_ASSIGN_OR_RETURN(Stmt c, db.Prepare("SELECT COUNT(*) FROM plan_imports" + where));
  bind(c);
  DX_ASSIGN_OR_RETURN(bool counted, c.Step());
  page.total = counted ? c.Int(0) : 0;
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kSummaryColumns) + " FROM plan_imports" + where +
                                         " ORDER BY id DESC LIMIT ? OFFSET ?"));
  const int n = bind(s);
  s.Bind(n, q.limit).Bind(n + 1, q.offset);
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    page.items.push_back(SummaryFrom(s));
  }
  return page;
}

}  // namespace dxgov::sqlite
