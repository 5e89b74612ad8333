#include "store/sqlite/report_tables.h"

#include "codec/report_json.h"
#include "store/sqlite/rows.h"

namespace dxgov::sqlite {
namespace {

constexpr const char* kCycleColumns = "SELECT body, id, revision, created_at, updated_at FROM report_cycles";
constexpr const char* kSubmissionColumns = "SELECT body, id, revision, created_at, updated_at FROM submissions";

Result<ReportCycle> CycleFrom(const Stmt& s) { return FromRow<ReportCycle>(s, codec::CycleFromJson, "report cycle"); }
Result<Submission> SubmissionFrom(const Stmt& s) {
  return FromRow<Submission>(s, codec::SubmissionFromJson, "submission");
}

}  // namespace

Result<int64_t> InsertCycle(Db& db, const ReportCycle& c, const std::string& by, const std::string& now) {
  ReportCycle stored = c;
  stored.created_by = by;
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "INSERT INTO report_cycles(period, due, state, body, revision, created_at, updated_at) VALUES (?,?,?,?,1,?,?)"));
  const std::string period = FormatPeriod(c.period), due = FormatIso(c.due), body = BodyOf(stored);
  s.Bind(1, std::string_view(period)).Bind(2, std::string_view(due)).Bind(3, std::string_view(CycleStateName(c.state)));
  s.Bind(4, std::string_view(body)).Bind(5, std::string_view(now)).Bind(6, std::string_view(now));
  DX_RETURN_IF_ERROR(s.Run());
  return db.LastInsertId();
}

Status UpdateCycle(Db& db, const ReportCycle& c, int64_t expected, const std::string& now) {
  DX_RETURN_IF_ERROR(Archive(db, "report_cycles", "report_cycle_history", c.id, expected, now, "kỳ báo cáo", "report cycle"));
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "UPDATE report_cycles SET period = ?, due = ?, state = ?, body = ?, revision = revision + 1, updated_at = ? "
      "WHERE id = ?"));
  const std::string period = FormatPeriod(c.period), due = FormatIso(c.due), body = BodyOf(c);
  s.Bind(1, std::string_view(period)).Bind(2, std::string_view(due)).Bind(3, std::string_view(CycleStateName(c.state)));
  s.Bind(4, std::string_view(body)).Bind(5, std::string_view(now)).Bind(6, c.id);
  return s.Run();
}

Result<ReportCycle> SelectCycle(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kCycleColumns) + " WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("kỳ báo cáo", "report cycle", std::to_string(id));
  return CycleFrom(s);
}

Result<Page<ReportCycle>> SelectCycles(Db& db, std::optional<CycleState> state, int limit, int64_t offset) {
  const std::string where = state ? " WHERE state = ?" : "";
  Page<ReportCycle> page;
  page.limit = limit;
  page.offset = offset;
  DX_ASSIGN_OR_RETURN(Stmt c, db.Prepare("SELECT COUNT(*) FROM report_cycles" + where));
  if (state) c.Bind(1, std::string_view(CycleStateName(*state)));
  DX_ASSIGN_OR_RETURN(bool counted, c.Step());
  page.total = counted ? c.Int(0) : 0;
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kCycleColumns) + where + " ORDER BY due DESC, id DESC LIMIT ? OFFSET ?"));
  int n = 1;
  if (state) s.Bind(n++, std::string_view(CycleStateName(*state)));
  s.Bind(n, limit).Bind(n + 1, offset);
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    DX_ASSIGN_OR_RETURN(ReportCycle cycle, CycleFrom(s));
    page.items.push_back(std::move(cycle));
  }
  return page;
}

Result<int64_t> InsertSubmission(Db& db, const Submission& s, const std::string& now) {
  DX_ASSIGN_OR_RETURN(Stmt check, db.Prepare("SELECT (SELECT COUNT(*) FROM report_cycles WHERE id = ?), "
                                             "(SELECT COUNT(*) FROM units WHERE id = ?), "
                                             "(SELECT COUNT(*) FROM submissions WHERE cycle_id = ? AND unit_id = ?)"));
  check.Bind(1, s.cycle_id).Bind(2, std::string_view(s.unit_id)).Bind(3, s.cycle_id).Bind(4, std::string_view(s.unit_id));
  DX_ASSIGN_OR_RETURN(bool row, check.Step());
  if (row && check.Int(0) == 0) return InvalidArgument("/cycle", "no such report cycle", "Không có kỳ báo cáo này");
  if (row && check.Int(1) == 0) return InvalidArgument("/unit", "no such unit", "Không có đơn vị " + s.unit_id);
  if (row && check.Int(2) > 0)
    return Error(ErrorCode::kConflict, "Đơn vị đã có báo cáo trong kỳ này", "the unit already has a submission in this cycle",
                 {{"/unit", "already submitted in this cycle"}});
  DX_ASSIGN_OR_RETURN(Stmt ins, db.Prepare(
      "INSERT INTO submissions(cycle_id, unit_id, state, body, revision, created_at, updated_at) VALUES (?,?,?,?,1,?,?)"));
  const std::string body = BodyOf(s);
  ins.Bind(1, s.cycle_id).Bind(2, std::string_view(s.unit_id)).Bind(3, std::string_view(SubmissionStateName(s.state)));
  ins.Bind(4, std::string_view(body)).Bind(5, std::string_view(now)).Bind(6, std::string_view(now));
  DX_RETURN_IF_ERROR(ins.Run());
  return db.LastInsertId();
}

Status UpdateSubmission(Db& db, const Submission& s, int64_t expected, const std::string& now) {
  DX_RETURN_IF_ERROR(Archive(db, "submissions", "submission_history", s.id, expected, now, "báo cáo", "submission"));
  DX_ASSIGN_OR_RETURN(Stmt u, db.Prepare(
      "UPDATE submissions SET state = ?, body = ?, revision = revision + 1, updated_at = ? WHERE id = ?"));
  const std::string body = BodyOf(s);
  u.Bind(1, std::string_view(SubmissionStateName(s.state))).Bind(2, std::string_view(body));
  u.Bind(3, std::string_view(now)).Bind(4, s.id);
  return u.Run();
}

Result<Submission> SelectSubmission(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kSubmissionColumns) + " WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("báo cáo", "submission", std::to_string(id));
  return SubmissionFrom(s);
}

Result<Submission> SelectSubmissionFor(Db& db, int64_t cycle_id, const std::string& unit_id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kSubmissionColumns) + " WHERE cycle_id = ? AND unit_id = ?"));
  s.Bind(1, cycle_id).Bind(2, std::string_view(unit_id));
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("báo cáo", "submission", std::to_string(cycle_id) + "/" + unit_id);
  return SubmissionFrom(s);
}

Result<std::vector<Submission>> SelectSubmissions(Db& db, int64_t cycle_id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kSubmissionColumns) + " WHERE cycle_id = ? ORDER BY unit_id"));
  s.Bind(1, cycle_id);
  std::vector<Submission> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    DX_ASSIGN_OR_RETURN(Submission x, SubmissionFrom(s));
    out.push_back(std::move(x));
  }
  return out;
}

Result<std::vector<Submission>> SelectSubmissionHistory(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "SELECT h.body, h.id, h.revision, s.created_at, h.replaced_at FROM submission_history h "
      "JOIN submissions s ON s.id = h.id WHERE h.id = ? ORDER BY h.revision DESC"));
  s.Bind(1, id);
  std::vector<Submission> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    DX_ASSIGN_OR_RETURN(Submission x, SubmissionFrom(s));
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace dxgov::sqlite
