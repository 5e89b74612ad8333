// Routes for sessions (sign-in, sign-out, one's own password), user accounts, API tokens
// and the audit trail.

#include "api/internal/handler.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/json_codec.h"
#include "text/vn_text.h"
#include "auth/password.h"
#include "auth/secret.h"
#include "auth/throttle.h"

namespace dxgov::api {

HttpResponse Handler::ListAudit() {
  QueryParams p(req_.query, {"entity", "entity_id", "actor", "from", "to", "limit", "offset"});
  AuditQuery q;
  q.entity = p.Str("entity").value_or("");
  q.entity_id = p.Str("entity_id").value_or("");
  q.actor = p.Str("actor").value_or("");
  q.from = p.Str("from").value_or("");
  q.to = p.Str("to").value_or("");
  for (const auto* bound : {&q.from, &q.to})
    if (!bound->empty() && !ParseIsoDate(bound->substr(0, 10)))
      p.Fail(bound == &q.from ? "/query/from" : "/query/to", "must be a date or timestamp (YYYY-MM-DD...)");
  p.Page(q.limit, q.offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  auto page = store_.ListAudit(q);
  if (!page.ok()) return FromError(page.error());
  json::array items;
  for (const auto& e : page->items) {
    json::object o{{"id", e.id}, {"at", e.at}, {"actor", e.actor}, {"remote", e.remote}, {"entity", e.entity},
                   {"entity_id", e.entity_id}, {"action", e.action}, {"hash", e.hash}, {"prev_hash", e.prev_hash}};
    auto parse = [](const std::string& s) -> json::value {
      auto v = codec::ParseJson(s);
      return v.ok() ? std::move(v).value() : json::value(s);
    };
    o["before"] = e.before ? parse(*e.before) : json::value(nullptr);
    o["after"] = parse(e.after);
    items.push_back(std::move(o));
  }
  return JsonResponse(200, PageJson(*page, std::move(items)));
}

json::object Handler::UserView(const User& u) {
  json::object o = codec::ToJson(u);
  o["unit_name"] = u.unit_id.empty() ? json::value(nullptr) : UnitName(*reg_, u.unit_id, Today());
  json::array labels;
  for (Role r : u.roles) labels.push_back(json::value(RoleLabelVi(r)));
  o["role_labels"] = std::move(labels);
  return o;
}

// Reads string members of a JSON body: `required` must be there, nothing else may.
std::optional<std::map<std::string, std::string>> Handler::StringFields(const json::value& body,
                                                               std::initializer_list<const char*> required,
                                                               std::initializer_list<const char*> optional,
                                                               HttpResponse& fail) {
  std::map<std::string, std::string> out;
  std::vector<FieldError> errs;
  std::set<std::string> known;
  for (const char* k : required) known.insert(k);
  for (const char* k : optional) known.insert(k);
  const auto& o = body.as_object();
  for (const auto& kv : o) {
    const std::string key(kv.key());
    if (!known.count(key)) errs.push_back({"/" + key, "unknown field"});
    else if (!kv.value().is_string()) errs.push_back({"/" + key, "must be a string"});
    else if (kv.value().get_string().size() > 1024) errs.push_back({"/" + key, "at most 1024 bytes"});
    else out[key] = std::string(kv.value().get_string());
  }
  for (const char* k : required)
    if (!o.contains(k)) errs.push_back({std::string("/") + k, "required"});
  if (errs.empty()) return out;
  fail = Unprocessable(Error(ErrorCode::kInvalidArgument, "Nội dung yêu cầu không hợp lệ", "invalid body", std::move(errs)));
  return std::nullopt;
}

HttpResponse Handler::TooManyAttempts(int64_t wait_s) {
  HttpResponse r = FromError(Error(ErrorCode::kTooManyRequests,
                                   "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau " + std::to_string((wait_s + 59) / 60) + " phút",
                                   "too many failed sign-ins; retry after " + std::to_string(wait_s) + " s"));
  r.headers.emplace_back("Retry-After", std::to_string(wait_s));
  return r;
}

HttpResponse Handler::WrongCredentials() {
  return Unauthenticated("Sai tên đăng nhập hoặc mật khẩu", "wrong login or password");
}

// Starts a session for `u`: the cookie holds the secret, the store its hash.
HttpResponse Handler::StartSession(const User& u, int status) {
  const std::string secret = auth::RandomToken(32);
  const int64_t now_s = UnixSeconds(now_);
  Session session{auth::Sha256Hex(secret), u.id, auth::RandomToken(24), now_s, now_s, false, client_};
  if (Status st = store_.CreateSession(session); !st.ok()) return FromError(st.error());
  json::object body{{"user", UserView(u)},
                    {"csrf_token", session.csrf_token},
                    {"idle_timeout_s", kSessionIdleSeconds},
                    {"expires_in_s", kSessionAbsoluteSeconds}};
  HttpResponse r = JsonResponse(status, body);
  r.headers.emplace_back("Set-Cookie", SessionSetCookie(secret, SecureCookies(), kSessionAbsoluteSeconds));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Handler::Login() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto f = StringFields(*body, {"login", "password"}, {}, fail);
  if (!f) return fail;
  std::string login = (*f)["login"];
  std::transform(login.begin(), login.end(), login.begin(), [](unsigned char c) { return std::tolower(c); });
  const int64_t now_s = UnixSeconds(now_);
  if (int64_t wait = throttle_.RetryAfter(login, client_, now_s); wait > 0) return TooManyAttempts(wait);
  auto user = store_.GetUserByLogin(login);
  if (!user.ok() && user.error().code() != ErrorCode::kNotFound) return FromError(user.error());
  // Always one hash, found or not, so that timing does not tell which logins exist.
  const bool match = hasher_.Verify((*f)["password"], user.ok() ? user->password_hash : std::string());
  if (!match || !user.ok() || user->disabled) {
    throttle_.RecordFailure(login, client_, now_s);
    return WrongCredentials();
  }
  throttle_.RecordSuccess(login);
  return StartSession(*user, 200);
}

HttpResponse Handler::Logout() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  if (session_)
    if (Status st = store_.RevokeSession(session_->id_hash); !st.ok()) return FromError(st.error());
  clear_cookie_ = true;
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

HttpResponse Handler::Me() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  json::object o{{"kind", principal_->kind == Principal::Kind::kUser ? "user" : "token"},
                 {"actor", principal_->name},
                 {"unit", principal_->unit_id.empty() ? json::value(nullptr) : json::value(principal_->unit_id)},
                 {"unit_name", principal_->unit_id.empty() ? json::value(nullptr)
                                                            : UnitName(*reg_, principal_->unit_id, Today())}};
  if (user_) o["user"] = UserView(*user_);
  if (session_) o["csrf_token"] = session_->csrf_token;
  return JsonResponse(200, o);
}

HttpResponse Handler::ChangeOwnPassword() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  if (!user_)
    return FromError(Error(ErrorCode::kPermissionDenied, "Chỉ người dùng đã đăng nhập mới đổi được mật khẩu",
                           "only a signed-in user can change a password"));
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto f = StringFields(*body, {"current_password", "new_password"}, {}, fail);
  if (!f) return fail;
  const int64_t now_s = UnixSeconds(now_);
  if (int64_t wait = throttle_.RetryAfter(user_->login, client_, now_s); wait > 0) return TooManyAttempts(wait);
  if (!hasher_.Verify((*f)["current_password"], user_->password_hash)) {
    throttle_.RecordFailure(user_->login, client_, now_s);
    return Unprocessable(InvalidArgument("/current_password", "wrong password", "Mật khẩu hiện tại không đúng"));
  }
  if (Status st = auth::CheckNewPassword((*f)["new_password"], user_->login, "/new_password"); !st.ok())
    return Unprocessable(st.error());
  auto hash = hasher_.Hash((*f)["new_password"]);
  if (!hash.ok()) return FromError(hash.error());
  User changed = *user_;
  changed.password_hash = *hash;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_RETURN_IF_ERROR(txn.ReplaceUser(changed, user_->version));
    return txn.RevokeUserSessions(changed.id);  // every other browser signs in again
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetUser(changed.id);
  if (!stored.ok()) return FromError(stored.error());
  return StartSession(*stored, 200);
}

HttpResponse Handler::ListUsers() {
  QueryParams p(req_.query, {"limit", "offset"});
  int limit;
  int64_t offset;
  p.Page(limit, offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  auto page = store_.ListUsers(limit, offset);
  if (!page.ok()) return FromError(page.error());
  json::array items;
  for (const auto& u : page->items) items.push_back(UserView(u));
  return JsonResponse(200, PageJson(*page, std::move(items)));
}

HttpResponse Handler::GetUser() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto u = store_.GetUser(id_);
  if (!u.ok()) return FromError(u.error());
  return Single(UserView(*u), u->version);
}

// The password an admin sets, or a generated one shown once in the answer.
Result<std::pair<std::string, bool>> Handler::ChosenPassword(std::optional<std::string> given, const std::string& login) {
  if (!given) return std::make_pair(auth::RandomPassword(20), true);
  DX_RETURN_IF_ERROR(auth::CheckNewPassword(*given, login));
  return std::make_pair(std::move(*given), false);
}

HttpResponse Handler::CreateUser() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  std::optional<std::string> given;
  if (auto* pw = body->as_object().if_contains("password")) {
    if (!pw->is_string()) return Unprocessable(InvalidArgument("/password", "must be a string", "Mật khẩu phải là chuỗi"));
    given = std::string(pw->get_string());
    body->as_object().erase("password");
  }
  auto u = codec::UserFromJson(*body, "");
  if (!u.ok()) return Unprocessable(u.error());
  auto chosen = ChosenPassword(given, u->login);
  if (!chosen.ok()) return Unprocessable(chosen.error());
  auto hash = hasher_.Hash(chosen->first);
  if (!hash.ok()) return FromError(hash.error());
  u->password_hash = *hash;
  int64_t id = 0;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(id, txn.CreateUser(*u));
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetUser(id);
  if (!stored.ok()) return FromError(stored.error());
  json::object out{{"user", UserView(*stored)}};
  if (chosen->second) out["initial_password"] = chosen->first;
  HttpResponse r = WithETag(JsonResponse(201, out), stored->version);
  r.headers.emplace_back("Location", "/api/users/" + std::to_string(id));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// The last enabled admin may not lock everybody out.
Status Handler::KeepAnAdmin(const User& updated, const User& current) {
  const bool was = HasRole(current, Role::kAdmin) && !current.disabled;
  const bool is = HasRole(updated, Role::kAdmin) && !updated.disabled;
  if (!was || is) return OkStatus();
  auto admins = store_.CountAdmins();
  if (!admins.ok()) return std::move(admins).error();
  if (*admins > 1) return OkStatus();
  return Error(ErrorCode::kConflict, "Không thể khóa hoặc bỏ quyền quản trị của quản trị viên cuối cùng",
               "cannot disable or demote the last enabled admin", {FieldError{"/roles", "last admin"}});
}

HttpResponse Handler::PatchUser() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto cur = store_.GetUser(id_);
  if (!cur.ok()) return FromError(cur.error());
  if (auto pre = Precondition(cur->version)) return *pre;
  HttpResponse fail;
  auto patch = Body(fail, true);
  if (!patch) return fail;
  if (patch->as_object().contains("password"))
    return Unprocessable(InvalidArgument("/password", "set passwords with POST /api/users/{id}/password",
                                         "Đặt lại mật khẩu qua POST /api/users/{id}/password"));
  json::value merged = codec::ToJson(*cur);
  codec::MergePatch(merged, *patch);
  auto u = codec::UserFromJson(merged, "");
  if (!u.ok()) return Unprocessable(u.error());
  if (u->id != cur->id || u->login != cur->login)
    return Unprocessable(InvalidArgument(u->id != cur->id ? "/id" : "/login", "cannot be changed",
                                         "Không được đổi mã hoặc tên đăng nhập"));
  u->password_hash = cur->password_hash;
  if (Status st = KeepAnAdmin(*u, *cur); !st.ok()) return FromError(st.error());
  const bool end_sessions = u->disabled || u->unit_id != cur->unit_id || u->roles != cur->roles;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_RETURN_IF_ERROR(txn.ReplaceUser(*u, cur->version));
    return end_sessions ? txn.RevokeUserSessions(u->id) : OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetUser(id_);
  if (!stored.ok()) return FromError(stored.error());
  return WithETag(JsonResponse(200, UserView(*stored)), stored->version);
}

HttpResponse Handler::ResetPassword() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto cur = store_.GetUser(id_);
  if (!cur.ok()) return FromError(cur.error());
  std::optional<std::string> given;
  if (!req_.body.empty()) {
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    auto f = StringFields(*body, {}, {"password"}, fail);
    if (!f) return fail;
    if (f->count("password")) given = (*f)["password"];
  }
  auto chosen = ChosenPassword(given, cur->login);
  if (!chosen.ok()) return Unprocessable(chosen.error());
  auto hash = hasher_.Hash(chosen->first);
  if (!hash.ok()) return FromError(hash.error());
  User changed = *cur;
  changed.password_hash = *hash;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_RETURN_IF_ERROR(txn.ReplaceUser(changed, cur->version));
    return txn.RevokeUserSessions(changed.id);
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetUser(id_);
  if (!stored.ok()) return FromError(stored.error());
  json::object out{{"user", UserView(*stored)}};
  if (chosen->second) out["password"] = chosen->first;
  HttpResponse r = JsonResponse(200, out);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Handler::RevokeUserSessions() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto u = store_.GetUser(id_); !u.ok()) return FromError(u.error());
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.RevokeUserSessions(id_); });
  if (!w.ok()) return FromError(w.error());
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

json::object Handler::TokenView(const ApiToken& t) {
  json::object o = codec::ToJson(t);
  o["unit_name"] = UnitName(*reg_, t.unit_id, Today());
  return o;
}

HttpResponse Handler::ListTokens() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto tokens = store_.ListApiTokens();
  if (!tokens.ok()) return FromError(tokens.error());
  json::array items;
  for (const auto& t : *tokens) items.push_back(TokenView(t));
  const size_t total = items.size();
  return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", total}});
}

HttpResponse Handler::CreateToken() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto t = codec::ApiTokenFromJson(*body, "");
  if (!t.ok()) return Unprocessable(t.error());
  const std::string secret = std::string(kTokenPrefix) + auth::RandomToken(32);
  t->prefix = secret.substr(0, 8);
  t->secret_hash = auth::Sha256Hex(secret);
  t->created_by = Who().user;
  int64_t id = 0;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(id, txn.CreateApiToken(*t));
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetApiToken(id);
  if (!stored.ok()) return FromError(stored.error());
  // The secret is shown here once; only its hash is kept.
  HttpResponse r = JsonResponse(201, json::object{{"token", TokenView(*stored)}, {"secret", secret}});
  r.headers.emplace_back("Location", "/api/tokens/" + std::to_string(id));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Handler::RevokeToken() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.RevokeApiToken(id_); });
  if (!w.ok()) return FromError(w.error());
  auto stored = store_.GetApiToken(id_);
  if (!stored.ok()) return FromError(stored.error());
  return JsonResponse(200, TokenView(*stored));
}

}  // namespace dxgov::api
