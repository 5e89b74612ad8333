#include "store/sqlite/evidence_tables.h"

namespace dxgov::sqlite {
namespace {

constexpr const char* kColumns =
    "SELECT id, owner, owner_id, kind, sha256, file_name, media_type, size, url, title, added_by, created_at "
    "FROM evidence";

Evidence EvidenceFrom(const Stmt& s) {
  Evidence e;
  e.id = s.Int(0);
  e.owner = ParseEvidenceOwner(s.Text(1)).value_or(EvidenceOwner::kProgress);
  e.owner_id = s.Int(2);
  e.kind = s.Text(3) == "link" ? EvidenceKind::kLink : EvidenceKind::kFile;
  e.sha256 = s.OptText(4).value_or("");
  e.file_name = s.OptText(5).value_or("");
  e.media_type = s.OptText(6).value_or("");
  e.size = e.kind == EvidenceKind::kFile ? s.Int(7) : 0;
  e.url = s.OptText(8).value_or("");
  e.title = s.Text(9);
  e.added_by = s.Text(10);
  e.created_at = s.Text(11);
  return e;
}

std::optional<std::string> NonEmpty(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

}  // namespace

Result<int64_t> InsertEvidence(Db& db, const Evidence& e, const std::string& by, const std::string& now) {
  const char* owner_table = e.owner == EvidenceOwner::kProgress ? "progress" : "submissions";
  DX_ASSIGN_OR_RETURN(Stmt check, db.Prepare(std::string("SELECT COUNT(*) FROM ") + owner_table + " WHERE id = ?"));
  check.Bind(1, e.owner_id);
  DX_ASSIGN_OR_RETURN(bool row, check.Step());
  if (!row || check.Int(0) == 0)
    return InvalidArgument("/owner_id", std::string("no such ") + EvidenceOwnerName(e.owner),
                           "Không có bản ghi được kèm minh chứng");
  DX_ASSIGN_OR_RETURN(Stmt ins, db.Prepare(
      "INSERT INTO evidence(owner, owner_id, kind, sha256, file_name, media_type, size, url, title, added_by, created_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
  const bool file = e.kind == EvidenceKind::kFile;
  ins.Bind(1, std::string_view(EvidenceOwnerName(e.owner))).Bind(2, e.owner_id);
  ins.Bind(3, std::string_view(EvidenceKindName(e.kind)));
  ins.Bind(4, NonEmpty(e.sha256)).Bind(5, NonEmpty(e.file_name)).Bind(6, NonEmpty(e.media_type));
  ins.Bind(7, file ? std::optional<int64_t>(e.size) : std::nullopt).Bind(8, NonEmpty(e.url));
  ins.Bind(9, std::string_view(e.title)).Bind(10, std::string_view(by)).Bind(11, std::string_view(now));
  DX_RETURN_IF_ERROR(ins.Run());
  return db.LastInsertId();
}

Result<Evidence> SelectEvidence(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) + " WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("minh chứng", "evidence", std::to_string(id));
  return EvidenceFrom(s);
}

Result<std::vector<Evidence>> SelectEvidenceOf(Db& db, EvidenceOwner owner, int64_t owner_id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kColumns) + " WHERE owner = ? AND owner_id = ? ORDER BY id"));
  s.Bind(1, std::string_view(EvidenceOwnerName(owner))).Bind(2, owner_id);
  std::vector<Evidence> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(EvidenceFrom(s));
  }
  return out;
}

Result<std::vector<std::string>> SelectEvidenceFiles(Db& db) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("SELECT DISTINCT sha256 FROM evidence WHERE sha256 IS NOT NULL ORDER BY sha256"));
  std::vector<std::string> out;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Text(0));
  }
  return out;
}

}  // namespace dxgov::sqlite
