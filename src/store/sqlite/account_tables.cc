#include "store/sqlite/account_tables.h"

namespace dxgov::sqlite {
namespace {

template <typename T, typename F>
std::string JoinNames(const std::vector<T>& items, F name) {
  std::string out;
  for (const auto& x : items) {
    if (!out.empty()) out += ',';
    out += name(x);
  }
  return out;
}

template <typename T, typename F>
std::vector<T> SplitNames(const std::string& s, F parse) {
  std::vector<T> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (auto v = parse(std::string_view(s).substr(start, comma - start))) out.push_back(*v);
    start = comma + 1;
  }
  return out;
}

constexpr const char* kUserColumns =
    "SELECT id, login, display_name, email, unit_id, roles, disabled, password_hash, password_changed_at, revision, "
    "created_at, updated_at FROM users ";

User UserFrom(const Stmt& s) {
  User u;
  u.id = s.Int(0);
  u.login = s.Text(1);
  u.display_name = s.Text(2);
  u.email = s.Text(3);
  u.unit_id = s.Text(4);
  u.roles = SplitNames<Role>(s.Text(5), ParseRole);
  u.disabled = s.Int(6) != 0;
  u.password_hash = s.Text(7);
  u.password_changed_at = s.Text(8);
  u.version = s.Int(9);
  u.created_at = s.Text(10);
  u.updated_at = s.Text(11);
  return u;
}

constexpr const char* kTokenColumns =
    "SELECT id, name, unit_id, permissions, prefix, secret_hash, created_by, created_at, expires_at, revoked_at, "
    "last_used_at, revision FROM api_tokens ";

ApiToken TokenFrom(const Stmt& s) {
  ApiToken t;
  t.id = s.Int(0);
  t.name = s.Text(1);
  t.unit_id = s.Text(2);
  t.permissions = SplitNames<TokenPermission>(s.Text(3), ParseTokenPermission);
  t.prefix = s.Text(4);
  t.secret_hash = s.Text(5);
  t.created_by = s.Text(6);
  t.created_at = s.Text(7);
  t.expires_at = s.OptText(8);
  t.revoked_at = s.OptText(9);
  t.last_used_at = s.OptText(10);
  t.version = s.Int(11);
  return t;
}

Error NotFoundUser(const std::string& key) { return NotFound("tài khoản", "user", key); }

}  // namespace

Result<int64_t> InsertUser(Db& db, const User& u, const std::string& now) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "INSERT INTO users(login, display_name, email, unit_id, roles, disabled, password_hash, password_changed_at, "
      "revision, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,1,?,?)"));
  const std::string roles = JoinNames(u.roles, RoleName);
  const std::string changed = u.password_hash.empty() ? "" : now;
  s.Bind(1, std::string_view(u.login)).Bind(2, std::string_view(u.display_name)).Bind(3, std::string_view(u.email));
  s.Bind(4, std::string_view(u.unit_id)).Bind(5, std::string_view(roles)).Bind(6, u.disabled ? 1 : 0);
  s.Bind(7, std::string_view(u.password_hash)).Bind(8, std::string_view(changed));
  s.Bind(9, std::string_view(now)).Bind(10, std::string_view(now));
  Status r = s.Run();
  if (!r.ok() && r.error().code() == ErrorCode::kConflict)
    return Error(ErrorCode::kConflict, "Tên đăng nhập " + u.login + " đã được dùng", "login " + u.login + " is taken",
                 {FieldError{"/login", "already taken"}});
  DX_RETURN_IF_ERROR(r);
  return db.LastInsertId();
}

Status UpdateUser(Db& db, const User& u, int64_t expected, const std::string& now) {
  DX_ASSIGN_OR_RETURN(User cur, SelectUserById(db, u.id));
  if (cur.version != expected) return Stale("tài khoản", "user", cur.version);
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "UPDATE users SET login = ?, display_name = ?, email = ?, unit_id = ?, roles = ?, disabled = ?, "
      "password_hash = ?, password_changed_at = ?, revision = revision + 1, updated_at = ? WHERE id = ?"));
  const std::string roles = JoinNames(u.roles, RoleName);
  const std::string changed = u.password_hash != cur.password_hash ? now : cur.password_changed_at;
  s.Bind(1, std::string_view(u.login)).Bind(2, std::string_view(u.display_name)).Bind(3, std::string_view(u.email));
  s.Bind(4, std::string_view(u.unit_id)).Bind(5, std::string_view(roles)).Bind(6, u.disabled ? 1 : 0);
  s.Bind(7, std::string_view(u.password_hash)).Bind(8, std::string_view(changed)).Bind(9, std::string_view(now));
  s.Bind(10, u.id);
  return s.Run();
}

Result<User> SelectUserById(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kUserColumns) + "WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundUser(std::to_string(id));
  return UserFrom(s);
}

Result<User> SelectUserByLogin(Db& db, const std::string& login) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kUserColumns) + "WHERE login = ?"));
  s.Bind(1, std::string_view(login));
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundUser(login);
  return UserFrom(s);
}

Result<Page<User>> SelectUsers(Db& db, int limit, int64_t offset) {
  Page<User> page;
  page.limit = limit;
  page.offset = offset;
  DX_ASSIGN_OR_RETURN(Stmt n, db.Prepare("SELECT COUNT(*) FROM users"));
  DX_ASSIGN_OR_RETURN(bool counted, n.Step());
  page.total = counted ? n.Int(0) : 0;
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kUserColumns) + "ORDER BY login LIMIT ? OFFSET ?"));
  s.Bind(1, limit).Bind(2, offset);
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    page.items.push_back(UserFrom(s));
  }
  return page;
}

Result<int64_t> CountEnabledAdmins(Db& db) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "SELECT COUNT(*) FROM users WHERE disabled = 0 AND (',' || roles || ',') LIKE '%,admin,%'"));
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Result<int64_t> InsertApiToken(Db& db, const ApiToken& t, const std::string& now) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "INSERT INTO api_tokens(name, unit_id, permissions, prefix, secret_hash, created_by, created_at, expires_at, "
      "revision) VALUES (?,?,?,?,?,?,?,?,1)"));
  const std::string perms = JoinNames(t.permissions, TokenPermissionName);
  s.Bind(1, std::string_view(t.name)).Bind(2, std::string_view(t.unit_id)).Bind(3, std::string_view(perms));
  s.Bind(4, std::string_view(t.prefix)).Bind(5, std::string_view(t.secret_hash)).Bind(6, std::string_view(t.created_by));
  s.Bind(7, std::string_view(now)).Bind(8, t.expires_at);
  DX_RETURN_IF_ERROR(s.Run());
  return db.LastInsertId();
}

Status MarkApiTokenRevoked(Db& db, int64_t id, const std::string& now) {
  DX_RETURN_IF_ERROR(SelectApiTokenById(db, id));
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "UPDATE api_tokens SET revoked_at = ?, revision = revision + 1 WHERE id = ? AND revoked_at IS NULL"));
  s.Bind(1, std::string_view(now)).Bind(2, id);
  return s.Run();
}

Result<ApiToken> SelectApiTokenById(Db& db, int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kTokenColumns) + "WHERE id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("mã truy cập", "API token", std::to_string(id));
  return TokenFrom(s);
}

Result<ApiToken> SelectApiTokenByHash(Db& db, const std::string& secret_hash) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kTokenColumns) + "WHERE secret_hash = ?"));
  s.Bind(1, std::string_view(secret_hash));
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("mã truy cập", "API token", secret_hash.substr(0, 8));
  return TokenFrom(s);
}

Result<std::vector<ApiToken>> SelectApiTokens(Db& db) {
  std::vector<ApiToken> out;
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(std::string(kTokenColumns) + "ORDER BY id"));
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(TokenFrom(s));
  }
  return out;
}

Status UpdateApiTokenLastUsed(Db& db, int64_t id, const std::string& at) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"));
  s.Bind(1, std::string_view(at)).Bind(2, id);
  return s.Run();
}

Status InsertSession(Db& db, const Session& x) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "INSERT INTO sessions(id_hash, user_id, csrf_token, created_s, last_seen_s, revoked, remote) "
      "VALUES (?,?,?,?,?,?,?)"));
  s.Bind(1, std::string_view(x.id_hash)).Bind(2, x.user_id).Bind(3, std::string_view(x.csrf_token));
  s.Bind(4, x.created_s).Bind(5, x.last_seen_s).Bind(6, x.revoked ? 1 : 0).Bind(7, std::string_view(x.remote));
  return s.Run();
}

Result<Session> SelectSession(Db& db, const std::string& id_hash) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare(
      "SELECT id_hash, user_id, csrf_token, created_s, last_seen_s, revoked, remote FROM sessions WHERE id_hash = ?"));
  s.Bind(1, std::string_view(id_hash));
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("phiên đăng nhập", "session", "");
  Session x;
  x.id_hash = s.Text(0);
  x.user_id = s.Int(1);
  x.csrf_token = s.Text(2);
  x.created_s = s.Int(3);
  x.last_seen_s = s.Int(4);
  x.revoked = s.Int(5) != 0;
  x.remote = s.Text(6);
  return x;
}

Status UpdateSessionLastSeen(Db& db, const std::string& id_hash, int64_t now_s) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("UPDATE sessions SET last_seen_s = ? WHERE id_hash = ?"));
  s.Bind(1, now_s).Bind(2, std::string_view(id_hash));
  return s.Run();
}

Status MarkSessionRevoked(Db& db, const std::string& id_hash) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("UPDATE sessions SET revoked = 1 WHERE id_hash = ?"));
  s.Bind(1, std::string_view(id_hash));
  return s.Run();
}

Status MarkUserSessionsRevoked(Db& db, int64_t user_id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("UPDATE sessions SET revoked = 1 WHERE user_id = ? AND revoked = 0"));
  s.Bind(1, user_id);
  return s.Run();
}

}  // namespace dxgov::sqlite
