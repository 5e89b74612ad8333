#include "store/sqlite/session_tables.h"

#include "codec/session_json.h"
#include "store/sqlite/rows.h"

namespace dxgov::sqlite {
namespace {

constexpr const char* kColumns = "SELECT body, id, revision, created_at, updated_at FROM committee_sessions";

Result<CommitteeSession> SessionFrom(const Stmt& s) {
  return FromRow<CommitteeSession>(s, codec::SessionFromJson, "committee session");
}

Result<bool> Exists(Db& db, const char* sql, const Param& key) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(sql));
  BindAll(s, {key});
  return s.Step();
}

Status CheckRefs(Db& db, const CommitteeSession& s) {
  DX_ASSIGN_OR_RETURN(bool committee, Exists(db, "SELECT 1 FROM units WHERE id = ?", s.committee_id));
  if (!committee) return InvalidArgument("/committee", "no such unit", "Không có đơn vị " + s.committee_id);
  if (s.plan_id) {
    DX_ASSIGN_OR_RETURN(bool plan, Exists(db, "SELECT 1 FROM plans WHERE id = ?", *s.plan_id));
    if (!plan) return InvalidArgument("/plan_id", "no such plan", "Không có kế hoạch này");
  }
  for (size_t i = 0; i < s.conclusion_plan_ids.size(); ++i) {
    DX_ASSIGN_OR_RETURN(bool plan, Exists(db, "SELECT 1 FROM plans WHERE id = ?", s.conclusion_plan_ids[i]));
    if (!plan) return InvalidArgument("/conclusions/" + std::to_string(i), "no such plan", "Không có thông báo kết luận này");
  }
  return OkStatus();
}

}  // namespace

Result<int64_t> InsertCommitteeSession(Db& db, const CommitteeSession& s, const std::string& now) {
  DX_RETURN_IF_ERROR(CheckRefs(db, s));
  DX_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT INTO committee_sessions(committee_id, year, month, state, body, "
                                          "revision, created_at, updated_at) VALUES (?,?,?,?,?,1,?,?)"));
  const std::string body = BodyOf(s);
  st.Bind(1, std::string_view(s.committee_id)).Bind(2, s.year).Bind(3, s.month);
  st.Bind(4, std::string_view(CommitteeSessionStateName(s.state))).Bind(5, std::string_view(body));
  st.Bind(6, std::string_view(now)).Bind(7, std::string_view(now));
  DX_RETURN_IF_ERROR(st.Run());
  return db.LastInsertId();
}

Status UpdateCommitteeSession(Db& db, const CommitteeSession& s, int64_t expected, const std::string& now) {
  DX_RETURN_IF_ERROR(CheckRefs(db, s));
  DX_RETURN_IF_ERROR(Archive(db, "committee_sessions", "committee_session_history", s.id, expected, now, "phiên họp",
                             "committee session"));
  DX_ASSIGN_OR_RETURN(Stmt st, db.Prepare("UPDATE committee_sessions SET committee_id = ?, year = ?, month = ?, state = ?, "
                                          "body = ?, revision = revision + 1, updated_at = ? WHERE id = ?"));
  const std::string body = BodyOf(s);
  st.Bind(1, std::string_view(s.committee_id)).Bind(2, s.year).Bind(3, s.month);
  st.Bind(4, std::string_view(CommitteeSessionStateName(s.state))).Bind(5, std::string_view(body));
  st.Bind(6, std::string_view(now)).Bind(7, s.id);
  return st.Run();
}

Result<CommitteeSession> SelectCommitteeSession(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) + " WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("phiên họp", "committee session", std::to_string(id));
  return SessionFrom(s);
}

Result<std::vector<CommitteeSession>> SelectCommitteeSessions(Db& db, std::optional<int> year) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) + (year ? " WHERE year = ?" : "") +
                                         " ORDER BY year, month, id"));
  if (year) s.Bind(1, *year);
  std::vector<CommitteeSession> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    DX_ASSIGN_OR_RETURN(CommitteeSession x, SessionFrom(s));
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace dxgov::sqlite
