// What the SQLite tables share: a record is a JSON body (without what the columns hold:
// id, revision, timestamps) plus columns, and a replaced revision moves into a history
// table of (id, revision, body, replaced_at). Private to the SQLite adapter.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "codec/json_codec.h"
#include "store/sqlite/sqlite_db.h"

namespace dxgov::sqlite {

using Param = std::variant<int64_t, std::string>;

inline void BindAll(Stmt& s, const std::vector<Param>& params, int first = 1) {
  int i = first;
  for (const auto& p : params) {
    if (std::holds_alternative<int64_t>(p)) s.Bind(i++, std::get<int64_t>(p));
    else s.Bind(i++, std::string_view(std::get<std::string>(p)));
  }
}

// An entity read back from a row selecting body, id, revision, created_at, updated_at.
template <typename T, typename Parse>
Result<T> FromRow(const Stmt& s, Parse parse, const char* what) {
  DX_ASSIGN_OR_RETURN(boost::json::value v, codec::ParseJson(s.Text(0)));
  auto r = parse(v, "", codec::ReadMode::kStored);
  if (!r.ok()) return Internal(std::string("stored ") + what + " unreadable: " + r.error().message_en());
  T out = std::move(r).value();
  out.id = s.Int(1);
  out.version = s.Int(2);
  out.created_at = s.Text(3);
  out.updated_at = s.Text(4);
  return out;
}

// The stored body leaves out what the columns hold.
template <typename T>
std::string BodyOf(const T& entity) {
  boost::json::object o = codec::ToJson(entity);
  o.erase("id");
  o.erase("revision");
  o.erase("created_at");
  o.erase("updated_at");
  return codec::Serialize(o);
}

// The revision of row `id` of `table`; kNotFound when there is none.
inline Result<int64_t> CurrentRevision(Db& db, const char* table, const Param& id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string("SELECT revision FROM ") + table + " WHERE id = ?"));
  BindAll(s, {id});
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Error(ErrorCode::kNotFound, "Không tìm thấy bản ghi cần sửa", std::string(table) + " row not found");
  return s.Int(0);
}

// Copies row `id` of `table` into `history`, replaced at `now`.
inline Status SaveHistory(Db& db, const char* table, const char* history, const Param& id, const std::string& now) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string("INSERT INTO ") + history +
                                         "(id, revision, body, replaced_at) SELECT id, revision, body, ? FROM " +
                                         table + " WHERE id = ?"));
  s.Bind(1, std::string_view(now));
  BindAll(s, {id}, 2);
  return s.Run();
}

// Checks that row `id` of `table` is at revision `expected` (kNotFound when absent,
// kPreconditionFailed when stale) and moves it into its history, before it is replaced.
inline Status Archive(Db& db, const char* table, const char* history, int64_t id, int64_t expected,
                      const std::string& now, const char* what_vi, const char* what_en) {
  auto cur = CurrentRevision(db, table, id);
  if (!cur.ok()) {
    if (cur.error().code() == ErrorCode::kNotFound) return NotFound(what_vi, what_en, std::to_string(id));
    return std::move(cur).error();
  }
  if (*cur != expected) return Stale(what_vi, what_en, *cur);
  return SaveHistory(db, table, history, id, now);
}

}  // namespace dxgov::sqlite
