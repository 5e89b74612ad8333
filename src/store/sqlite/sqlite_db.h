// A thin RAII layer over the sqlite3 C API: a connection, prepared statements with typed
// binding, and errors turned into dxgov Errors (SQLITE_FULL and read-only databases become
// kUnavailable so the API can answer 503).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dxgov::sqlite {

// The error for an update based on an old revision: kPreconditionFailed with
// Error::detail = the current revision (the Store contract), e.g. Stale("đơn vị", "unit", 3).
Error Stale(const char* what_vi, const char* what_en, int64_t current);

Error FromSqlite(int rc, sqlite3* db, std::string_view during);

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binding; `i` is 1-based.
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);  // TEXT, copied by SQLite
  Stmt& BindBlob(int i, std::string_view v);  // copied by SQLite
  Stmt& BindNull(int i);
  Stmt& Bind(int i, const std::optional<std::string>& v) { return v ? Bind(i, std::string_view(*v)) : BindNull(i); }
  Stmt& Bind(int i, const std::optional<int64_t>& v) { return v ? Bind(i, *v) : BindNull(i); }

  // Returns true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  Status Run();
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Real(int col) const { return sqlite3_column_double(s_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
};

class Db {
 public:
  Db() = default;
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&&) = delete;
  Db(const Db&) = delete;
  ~Db();

  // Opens (creating if asked) with WAL, synchronous=FULL, foreign keys and a busy timeout.
  static Result<Db> Open(const std::string& path, bool create);
  // Opens for reading only, changing nothing in the file (no pragmas).
  static Result<Db> OpenReadOnly(const std::string& path);

  Result<Stmt> Prepare(std::string_view sql);
  Status Exec(std::string_view sql);  // one or more statements, no results
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace dxgov::sqlite
