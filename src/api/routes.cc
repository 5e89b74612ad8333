// The router of the API (api/routes.h): matches a request to a route, authenticates the
// caller, asks core/access.h, and runs the route; and the helpers every route shares.
#include "api/routes.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

#include "api/events.h"
#include "api/http_auth.h"
#include "api/internal/handler.h"
#include "api/internal/responses.h"
#include "api/query_params.h"
#include "api/static_files.h"
#include "auth/password.h"
#include "auth/secret.h"
#include "auth/throttle.h"
#include "codec/json_codec.h"
#include "core/access.h"
#include "text/vn_text.h"

namespace dxgov::api {

namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::optional<int64_t> IdOf(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

HttpResponse MethodNotAllowed(const std::string& allow) {
  HttpResponse r = Api::ErrorResponse(405, "method_not_allowed", "Phương thức không được hỗ trợ cho địa chỉ này",
                                      "method not allowed; use " + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

// Actions decided before the handler runs, from the caller alone.
bool DecidedUpFront(Action a) {
  return a == Action::kPublic || a == Action::kSignedIn || a == Action::kEditUnits || a == Action::kReadAudit ||
         a == Action::kManageAccounts || a == Action::kEditIndicators || a == Action::kImportPlan ||
         a == Action::kManageCycles || a == Action::kManageSessions || a == Action::kSendReminders;
}

}  // namespace

HttpResponse Handler::Dispatch() {
  HttpResponse r = RouteRequest();
  if (clear_cookie_) r.headers.emplace_back("Set-Cookie", SessionSetCookie("", SecureCookies(), 0));
  if (r.status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"dxgov\"");
  return r;
}

HttpResponse Handler::RouteRequest() {
  const auto parts = Split(req_.path);
  const Route* found = nullptr;
  std::string allow;
  for (const auto& route : RouteTable()) {
    if (!Matches(route.pattern, parts)) continue;
    if (route.method == req_.method) found = &route;
    allow += (allow.empty() ? "" : ", ") + std::string(route.method);
  }
  if (!found && allow.empty()) return NotFoundRoute();
  if (!found) return MethodNotAllowed(allow);
  if (!BindPathParams(found->pattern, parts)) return FromError(NotFound("bản ghi", "record", parts.back()));
  // Signing in starts afresh: a cookie the browser still holds must not demand its CSRF token.
  if (found->fn != &Handler::Login)
    if (auto fail = Authenticate()) return *fail;
  action_ = found->action;
  if (DecidedUpFront(action_)) {
    if (auto no = Authorize(Subject{})) return *no;
  } else if (action_ != Action::kRead && !principal_) {
    return Refuse(Verdict::kUnauthenticated, action_);
  }
  HttpResponse r = (this->*(found->fn))();
  // A route whose action depends on the record must have asked; answering without
  // asking is a bug, and it must not leak data.
  if (!authorized_ && r.status < 300) {
    HttpResponse bug = Api::ErrorResponse(500, "internal", "Lỗi hệ thống; sự cố đã được ghi lại",
                                          "internal error; the event was logged");
    bug.headers.emplace_back("X-Dxgov-Log", std::string("route answered without authorisation: ") + found->pattern);
    return bug;
  }
  return r;
}

bool Handler::Matches(const char* pattern, const std::vector<std::string>& parts) {
  const auto pat = Split(pattern);
  if (pat.size() != parts.size()) return false;
  for (size_t i = 0; i < pat.size(); ++i)
    if (pat[i][0] != '{' && pat[i] != parts[i]) return false;
  return true;
}

bool Handler::BindPathParams(const char* pattern, const std::vector<std::string>& parts) {
  const auto pat = Split(pattern);
  for (size_t i = 0; i < pat.size(); ++i) {
    if (pat[i] == "{id}") {
      auto id = IdOf(parts[i]);
      if (!id) return false;
      id_ = *id;
    } else if (pat[i] == "{key}") {
      key_ = parts[i];
    }
  }
  return true;
}

bool Handler::SecureCookies() const {
  return options_.public_https ||
         (IsTrustedProxy(req_.remote, options_.trusted_proxies) && req_.forwarded_proto == "https");
}

HttpResponse Handler::Unauthenticated(const std::string& vi, const std::string& en) {
  return FromError(Error(ErrorCode::kUnauthenticated, vi, en));
}

// Sets principal_ from an API token or a session cookie. A bad token is an error; a
// stale cookie just makes the caller anonymous (and the cookie is cleared).
std::optional<HttpResponse> Handler::Authenticate() {
  bool well_formed = true;
  const std::string bearer = BearerToken(req_.authorization, well_formed);
  if (!well_formed)
    return Unauthenticated("Thông tin xác thực không hợp lệ; dùng Authorization: Bearer <mã truy cập>",
                           "malformed Authorization header; use Bearer <token>");
  if (!bearer.empty()) return AuthenticateToken(bearer);
  const std::string cookie = CookieValue(req_.cookie, kSessionCookieName);
  if (cookie.empty()) return std::nullopt;
  auto session = store_.GetSession(auth::Sha256Hex(cookie));
  if (!session.ok()) {
    if (session.error().code() != ErrorCode::kNotFound) return FromError(session.error());
    clear_cookie_ = true;
    return std::nullopt;
  }
  const int64_t now_s = UnixSeconds(now_);
  if (JudgeSession(*session, now_s) != SessionState::kLive) {
    clear_cookie_ = true;
    return std::nullopt;
  }
  auto user = store_.GetUser(session->user_id);
  if (!user.ok() || user->disabled) {
    clear_cookie_ = true;
    return std::nullopt;
  }
  if (req_.method != "GET" && req_.method != "HEAD" &&
      !auth::ConstantTimeEqual(req_.csrf_token, session->csrf_token))
    return FromError(Error(ErrorCode::kPermissionDenied,
                           "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); hãy tải lại trang",
                           "missing or wrong X-CSRF-Token for a request made with a session cookie",
                           {FieldError{"/headers/X-CSRF-Token", "must equal the session's csrf_token"}}));
  if (SessionNeedsTouch(*session, now_s)) (void)store_.TouchSession(session->id_hash, now_s);
  principal_ = PrincipalForUser(*user);
  principal_->by_cookie = true;
  user_ = std::move(user).value();
  session_ = std::move(session).value();
  return std::nullopt;
}

std::optional<HttpResponse> Handler::AuthenticateToken(const std::string& bearer) {
  auto invalid = [&] {
    return Unauthenticated("Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi",
                           "the API token is invalid, expired or revoked");
  };
  if (bearer.rfind(kTokenPrefix, 0) != 0) return invalid();
  auto token = store_.GetApiTokenByHash(auth::Sha256Hex(bearer));
  if (!token.ok()) return token.error().code() == ErrorCode::kNotFound ? invalid() : FromError(token.error());
  const std::string now = NowIso();
  if (token->revoked_at || (token->expires_at && *token->expires_at < now)) return invalid();
  if (!token->last_used_at || *token->last_used_at < NowIso(-60)) (void)store_.TouchApiToken(token->id, now);
  principal_ = PrincipalForToken(*token);
  return std::nullopt;
}

std::string Handler::NowIso(int64_t shift_s) const { return FormatIsoTimestamp(now_ + std::chrono::seconds(shift_s)); }

HttpResponse Handler::Refuse(Verdict v, Action action) {
  switch (v) {
    case Verdict::kUnauthenticated:
      return Unauthenticated("Cần đăng nhập để thực hiện thao tác này", "sign in first");
    case Verdict::kForbidden:
      return FromError(Error(ErrorCode::kPermissionDenied, "Tài khoản không có quyền thực hiện thao tác này",
                             std::string("not allowed: ") + ActionName(action)));
    case Verdict::kHidden:
      return FromError(NotFound("bản ghi", "record", req_.path));
    case Verdict::kAllow:
      break;
  }
  return FromError(Internal("refused an allowed request"));
}

// Asks core/access.h about this route's action on `subject`; nullopt when allowed.
std::optional<HttpResponse> Handler::Authorize(const Subject& subject) { return Authorize(action_, subject); }

std::optional<HttpResponse> Handler::Authorize(Action action, const Subject& subject) {
  const Verdict v = Decide(principal_ ? &*principal_ : nullptr, action, subject, *reg_, Today());
  if (v == Verdict::kAllow) {
    authorized_ = true;
    return std::nullopt;
  }
  return Refuse(v, action);
}

// Plans the caller may see: nullopt when all of them.
Result<std::optional<std::vector<int64_t>>> Handler::VisiblePlans() {
  std::optional<std::vector<int64_t>> all;
  if (principal_ && CanSeeDrafts(&*principal_, "", *reg_, Today())) return all;  // a global reader
  DX_ASSIGN_OR_RETURN(auto plans, store_.PlanHeaders());
  std::vector<int64_t> ids;  // ascending, as PlanHeaders returns them
  for (const auto& p : plans)
    if (p.published || CanSeeDrafts(principal_ ? &*principal_ : nullptr, p.issuer_id, *reg_, Today()))
      ids.push_back(p.id);
  if (ids.size() == plans.size()) return all;
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

bool Handler::MaySee(const Subject& subject) const {
  return Decide(principal_ ? &*principal_ : nullptr, Action::kRead, subject, *reg_, Today()) == Verdict::kAllow;
}

Subject Handler::PlanSubject(const Plan& plan) {
  Subject s;
  s.published = plan.published;
  s.plan_issuer = plan.issuer_id;
  return s;
}

// The subject of anything inside plan `plan_id`; a missing plan is treated as a draft of
// nobody's, which only global readers see.
Subject Handler::PlanSubjectOf(int64_t plan_id) {
  auto plan = store_.GetPlan(plan_id);
  if (!plan.ok()) {
    Subject s;
    s.published = false;
    return s;
  }
  return PlanSubject(*plan);
}

Subject Handler::TaskSubject(const Task& t) {
  Subject s = PlanSubjectOf(t.plan_id);
  s.lead = t.lead.unit_id;
  for (const auto& c : t.coordinators) s.coordinators.push_back(c.unit_id);
  s.open = t.status != TaskStatus::kDone && t.status != TaskStatus::kCancelled;
  return s;
}

HttpResponse Handler::NotFoundRoute() {
  return Api::ErrorResponse(404, "not_found", "Không có địa chỉ " + req_.path, "no route for " + req_.path);
}

HttpResponse Handler::Health() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  // Still 200 when the database refuses writes: reads are served, and the status says why
  // writes answer 503.
  const bool writable = store_.Info().writable;
  return JsonResponse(200, json::object{{"status", writable ? "ok" : "read_only"}, {"writable", writable}});
}

HttpResponse Handler::Version() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  StoreInfo info = store_.Info();
  return JsonResponse(200, json::object{{"name", "dxgov"}, {"version", options_.version},
                                        {"store", info.backend}, {"schema_version", info.schema_version}});
}

Date Handler::Today() const { return clock_.Today(); }

// Who makes a change, for the audit trail.
Actor Handler::Who() const { return Actor{principal_ ? principal_->name : "anonymous", client_}; }

// Reads a JSON body, checking media type; nullopt + response on failure.
std::optional<json::value> Handler::Body(HttpResponse& fail, bool merge_patch_ok) {
  const bool json_type = req_.content_type == "application/json" ||
                         (merge_patch_ok && req_.content_type == "application/merge-patch+json");
  if (!json_type) {
    fail = FromError(Error(ErrorCode::kUnsupportedMediaType, "Nội dung phải ở định dạng JSON (application/json)",
                           "the body must be application/json" +
                               std::string(merge_patch_ok ? " or application/merge-patch+json" : "")));
    return std::nullopt;
  }
  if (!text::IsValidUtf8(req_.body)) {
    fail = FromError(InvalidArgument("/", "the body is not valid UTF-8", "Nội dung không phải UTF-8 hợp lệ"));
    return std::nullopt;
  }
  auto v = codec::ParseJson(req_.body);
  if (!v.ok()) {
    fail = FromError(v.error());
    return std::nullopt;
  }
  if (!v->is_object()) {
    fail = FromError(InvalidArgument("/", "the body must be a JSON object", "Nội dung phải là một đối tượng JSON"));
    return std::nullopt;
  }
  return std::move(v).value();
}

// Checks If-Match against the current revision: 428 when missing, 412 when stale.
std::optional<HttpResponse> Handler::Precondition(int64_t current) {
  const std::string etag = ETagOf(current);
  if (req_.if_match.empty()) {
    Error e(ErrorCode::kPreconditionRequired, "Cần gửi kèm If-Match với ETag của bản ghi để cập nhật",
            "If-Match with the record's ETag is required to update it");
    e.detail = etag;
    return FromError(e);
  }
  std::string given = req_.if_match;
  if (given.rfind("W/", 0) == 0) given = given.substr(2);
  if (given != etag) {
    Error e(ErrorCode::kPreconditionFailed, "Bản ghi đã bị người khác thay đổi; hãy tải lại rồi sửa tiếp",
            "the record changed since you read it (current ETag " + etag + ")");
    e.detail = etag;
    return FromError(e);
  }
  return std::nullopt;
}

HttpResponse Handler::WithETag(HttpResponse r, int64_t revision) {
  r.headers.emplace_back("ETag", ETagOf(revision));
  return r;
}

// A single resource, answering 304 when the client's copy is current.
HttpResponse Handler::Single(const json::value& v, int64_t revision) {
  if (!req_.if_none_match.empty() && req_.if_none_match == ETagOf(revision)) {
    HttpResponse r;
    r.status = 304;
    r.content_type.clear();
    return WithETag(std::move(r), revision);
  }
  return WithETag(JsonResponse(200, v), revision);
}

const std::vector<Route>& RouteTable() {
  using H = Handler;
  using A = Action;
  static const std::vector<Route> kRoutes = {
      {"GET", "/healthz", A::kPublic, &H::Health},
      {"GET", "/version", A::kPublic, &H::Version},
      {"POST", "/api/session", A::kPublic, &H::Login},
      {"GET", "/api/session", A::kSignedIn, &H::Me},
      {"DELETE", "/api/session", A::kSignedIn, &H::Logout},
      {"POST", "/api/session/password", A::kSignedIn, &H::ChangeOwnPassword},
      {"GET", "/api/users", A::kManageAccounts, &H::ListUsers},
      {"POST", "/api/users", A::kManageAccounts, &H::CreateUser},
      {"GET", "/api/users/{id}", A::kManageAccounts, &H::GetUser},
      {"PATCH", "/api/users/{id}", A::kManageAccounts, &H::PatchUser},
      {"POST", "/api/users/{id}/password", A::kManageAccounts, &H::ResetPassword},
      {"DELETE", "/api/users/{id}/sessions", A::kManageAccounts, &H::RevokeUserSessions},
      {"GET", "/api/tokens", A::kManageAccounts, &H::ListTokens},
      {"POST", "/api/tokens", A::kManageAccounts, &H::CreateToken},
      {"DELETE", "/api/tokens/{id}", A::kManageAccounts, &H::RevokeToken},
      {"GET", "/api/audit", A::kReadAudit, &H::ListAudit},
      {"GET", "/api/units", A::kPublic, &H::ListUnits},
      {"POST", "/api/units", A::kEditUnits, &H::CreateUnit},
      {"GET", "/api/units/{key}", A::kPublic, &H::GetUnit},
      {"PATCH", "/api/units/{key}", A::kEditUnits, &H::PatchUnit},
      {"GET", "/api/plans", A::kRead, &H::ListPlans},
      {"POST", "/api/plans", A::kEditPlan, &H::CreatePlan},
      {"GET", "/api/plans/{id}", A::kRead, &H::GetPlan},
      {"PATCH", "/api/plans/{id}", A::kEditPlan, &H::PatchPlan},
      {"GET", "/api/plans/{id}/registrations", A::kRead, &H::GetPlanRegistrations},
      {"GET", "/api/plans/{id}/tasks.xlsx", A::kRead, &H::ExportPlanTasks},
      {"GET", "/api/plans/{id}/tasks.csv", A::kRead, &H::ExportPlanTasks},
      {"GET", "/api/plans/{id}/tasks.json", A::kRead, &H::ExportPlanTasks},
      {"GET", "/api/objectives", A::kRead, &H::ListObjectives},
      {"POST", "/api/objectives", A::kEditPlan, &H::CreateObjective},
      {"GET", "/api/objectives/{id}", A::kRead, &H::GetObjective},
      {"PATCH", "/api/objectives/{id}", A::kEditPlan, &H::PatchObjective},
      {"GET", "/api/tasks", A::kRead, &H::ListTasks},
      {"POST", "/api/tasks", A::kEditPlan, &H::CreateTask},
      {"GET", "/api/tasks/{id}", A::kRead, &H::GetTask},
      {"PATCH", "/api/tasks/{id}", A::kEditTask, &H::PatchTask},
      {"GET", "/api/tasks/{id}/progress", A::kReadInternal, &H::ListProgress},
      {"POST", "/api/tasks/{id}/progress", A::kReportProgress, &H::AddProgress},
      {"GET", "/api/tasks/{id}/history", A::kReadInternal, &H::TaskHistory},
      {"GET", "/api/tasks/{id}/cascade", A::kRead, &H::GetTaskCascade},
      {"GET", "/api/key-tasks", A::kRead, &H::ListKeyTasks},
      {"POST", "/api/key-tasks", A::kEditPlan, &H::CreateKeyTask},
      {"GET", "/api/key-tasks/{id}", A::kRead, &H::GetKeyTask},
      {"PATCH", "/api/key-tasks/{id}", A::kEditPlan, &H::PatchKeyTask},
      {"PUT", "/api/key-tasks/{id}/roadmap", A::kReportProgress, &H::PutRoadmap},
      {"PUT", "/api/key-tasks/{id}/months/{key}", A::kReportProgress, &H::PutMonthlyResult},
      {"GET", "/api/key-tasks/{id}/history", A::kReadInternal, &H::KeyTaskHistory},
      {"GET", "/api/committee-sessions", A::kRead, &H::ListCommitteeSessions},
      {"POST", "/api/committee-sessions", A::kManageSessions, &H::CreateCommitteeSession},
      {"GET", "/api/committee-sessions/{id}", A::kRead, &H::GetCommitteeSession},
      {"PATCH", "/api/committee-sessions/{id}", A::kManageSessions, &H::PatchCommitteeSession},
      {"POST", "/api/committee-sessions/{id}/conclusions", A::kManageSessions, &H::AddConclusions},
      {"GET", "/api/notifications", A::kSignedIn, &H::ListNotifications},
      {"POST", "/api/notifications/{id}/read", A::kSignedIn, &H::ReadNotification},
      {"POST", "/api/reminders/run", A::kSendReminders, &H::RunReminders},
      {"GET", "/api/board/tasks", A::kRead, &H::GetTaskBoard},
      {"GET", "/api/board/units/{key}", A::kRead, &H::GetUnitBoard},
      {"GET", "/api/indicators", A::kRead, &H::ListIndicators},
      {"POST", "/api/indicators", A::kEditIndicators, &H::CreateIndicator},
      {"GET", "/api/indicators/{key}", A::kRead, &H::GetIndicator},
      {"PATCH", "/api/indicators/{key}", A::kEditIndicators, &H::PatchIndicator},
      {"GET", "/api/values", A::kRead, &H::ListValues},
      {"POST", "/api/values", A::kReportValues, &H::PostValues},
      {"GET", "/api/values/history", A::kRead, &H::ValueHistory},
      {"POST", "/api/values/approve", A::kApprove, &H::ApproveValues},
      {"GET", "/api/rollups", A::kRead, &H::GetRollups},
      {"GET", "/api/attainment", A::kRead, &H::GetAttainment},
      {"GET", "/api/events", A::kRead, &H::GetEvents},
      {"GET", "/api/platforms", A::kRead, &H::ListPlatforms},
      {"GET", "/api/platforms/{key}", A::kRead, &H::GetPlatform},
      {"GET", "/api/imports", A::kImportPlan, &H::ListImports},
      {"POST", "/api/imports", A::kImportPlan, &H::UploadImport},
      {"GET", "/api/imports/{id}", A::kImportPlan, &H::GetImport},
      {"GET", "/api/imports/{id}/document", A::kImportPlan, &H::GetImportDocument},
      {"POST", "/api/imports/{id}/commit", A::kImportPlan, &H::CommitImport},
      {"POST", "/api/imports/{id}/discard", A::kImportPlan, &H::DiscardImport},
      {"GET", "/api/evidence", A::kReadInternal, &H::ListEvidence},
      {"POST", "/api/evidence", A::kReportProgress, &H::AddEvidence},
      {"GET", "/api/evidence/{id}", A::kReadInternal, &H::GetEvidence},
      {"GET", "/api/evidence/{id}/content", A::kReadInternal, &H::GetEvidenceContent},
      {"GET", "/api/cycles", A::kReadInternal, &H::ListCycles},
      {"POST", "/api/cycles", A::kManageCycles, &H::CreateCycle},
      {"GET", "/api/cycles/{id}", A::kReadInternal, &H::GetCycle},
      {"PATCH", "/api/cycles/{id}", A::kManageCycles, &H::PatchCycle},
      {"GET", "/api/cycles/{id}/report.xlsx", A::kReadInternal, &H::ExportCycleReport},
      {"GET", "/api/cycles/{id}/report.csv", A::kReadInternal, &H::ExportCycleReport},
      {"GET", "/api/cycles/{id}/report.docx", A::kReadInternal, &H::ExportCycleReport},
      {"GET", "/api/cycles/{id}/report.json", A::kReadInternal, &H::ExportCycleReport},
      {"GET", "/api/cycles/{id}/submissions", A::kReadInternal, &H::ListCycleResponses},
      {"GET", "/api/cycles/{id}/submissions/{key}", A::kReadReport, &H::GetSubmission},
      {"PUT", "/api/cycles/{id}/submissions/{key}", A::kSubmitReport, &H::SaveSubmission},
      {"POST", "/api/cycles/{id}/submissions/{key}/submit", A::kSubmitReport, &H::SubmitSubmission},
      {"POST", "/api/cycles/{id}/submissions/{key}/accept", A::kReviewReport, &H::AcceptSubmission},
      {"POST", "/api/cycles/{id}/submissions/{key}/return", A::kReviewReport, &H::ReturnSubmission},
      {"GET", "/api/cycles/{id}/submissions/{key}/history", A::kReadReport, &H::GetSubmissionHistory},
  };
  return kRoutes;
}


Api::Api(Store& store, const Clock& clock, ApiOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      hasher_(std::make_unique<auth::PasswordHasher>(
          options_.max_hashes_in_flight, auth::HashParams{options_.hash_memory_kib, options_.hash_passes, 1})),
      throttle_(std::make_unique<auth::LoginThrottle>()),
      events_(std::make_unique<EventHub>()),
      web_(std::make_unique<StaticFiles>(options_.web_root)) {}

Api::~Api() = default;

std::vector<RouteInfo> Api::Routes() {
  std::vector<RouteInfo> out;
  for (const auto& r : RouteTable()) out.push_back({r.method, r.pattern, r.action});
  return out;
}

HttpResponse Api::ErrorResponse(int status, const std::string& code, const std::string& message_vi,
                                const std::string& message_en) {
  return JsonResponse(status, json::object{{"error", json::object{{"code", code}, {"message", message_vi},
                                                                  {"message_en", message_en},
                                                                  {"fields", json::array{}}}}});
}

HttpResponse Api::Handle(const HttpRequest& req) const {
  try {
    // Pages and files of the web application; API paths go to the router.
    if (req.method == "GET")
      if (auto page = web_->Serve(req)) return *page;
    return Handler(store_, clock_, options_, req, *hasher_, *throttle_, *events_).Dispatch();
  } catch (const std::exception& e) {
    // A bug, not a user error: answer 500 without internals; the server logs the header.
    HttpResponse r = ErrorResponse(500, "internal", "Lỗi hệ thống; sự cố đã được ghi lại",
                                   "internal error; the event was logged");
    r.headers.emplace_back("X-Dxgov-Log", std::string("exception: ") + e.what());
    return r;
  }
}

}  // namespace dxgov::api
