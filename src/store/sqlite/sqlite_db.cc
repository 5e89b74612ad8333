#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

Error FromSqlite(int rc, sqlite3* db, std::string_view during) {
  const std::string detail = std::string(during) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xFF) {
    case SQLITE_FULL:
      return Error(ErrorCode::kUnavailable, "Bộ nhớ lưu trữ đã đầy, không thể ghi thêm dữ liệu",
                   "storage is full: " + detail);
    case SQLITE_READONLY:
      return Error(ErrorCode::kUnavailable, "Cơ sở dữ liệu đang ở chế độ chỉ đọc",
                   "database is read-only: " + detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error(ErrorCode::kUnavailable, "Hệ thống đang bận, vui lòng thử lại", "database busy: " + detail);
    case SQLITE_CONSTRAINT:
      return Error(ErrorCode::kConflict, "Dữ liệu mâu thuẫn với dữ liệu đã có", "constraint failed: " + detail);
    default:
      return Internal("sqlite: " + detail);
  }
}

Error Stale(const char* what_vi, const char* what_en, int64_t current) {
  Error e(ErrorCode::kPreconditionFailed,
          std::string("Dữ liệu ") + what_vi + " đã bị người khác thay đổi; hãy tải lại rồi sửa tiếp",
          std::string(what_en) + " was changed by someone else (revision " + std::to_string(current) + ")");
  e.detail = std::to_string(current);
  return e;
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(s_);
    db_ = o.db_;
    s_ = o.s_;
    o.s_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() { sqlite3_finalize(s_); }

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(s_, i, v);
  return *this;
}
// SQLite copies bound text and blobs (SQLITE_TRANSIENT), so a caller's temporary can never
// leave a dangling pointer behind; the copy costs nothing next to the statement itself.
Stmt& Stmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::string_view v) {
  sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return FromSqlite(rc, db_, "step");
}

Status Stmt::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return std::move(r).error();
    if (!*r) return OkStatus();
  }
}

void Stmt::Reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

std::string Stmt::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, col))) : std::string();
}

std::optional<std::string> Stmt::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

Db::~Db() { sqlite3_close_v2(db_); }

Result<Db> Db::Open(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return FromSqlite(rc, raw, "open " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  DX_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  return db;
}

Result<Db> Db::OpenReadOnly(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return FromSqlite(rc, raw, "open " + path);
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return FromSqlite(rc, db_, "prepare");
  return Stmt(db_, s);
}

Status Db::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string copy(sql);
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "";
    sqlite3_free(err);
    return FromSqlite(rc, db_, "exec: " + msg);
  }
  return OkStatus();
}

}  // namespace dxgov::sqlite
