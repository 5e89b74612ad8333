#include "api/routes.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>
#include <type_traits>

#include "api/events.h"
#include "api/http_auth.h"
#include "api/internal/indicator_views.h"
#include "api/query_params.h"
#include "auth/password.h"
#include "auth/secret.h"
#include "auth/throttle.h"
#include "codec/indicator_json.h"
#include "importer/plan/commit.h"
#include "importer/plan/plan_reader.h"
#include "importer/values_csv.h"
#include "codec/proposal_json.h"
#include "codec/json_codec.h"
#include "core/access.h"
#include "core/query.h"
#include "text/vn_text.h"

namespace dxgov::api {
namespace json = boost::json;

namespace {

// ---------------------------------------------------------------- responses

HttpResponse JsonResponse(int status, const json::value& v) {
  HttpResponse r;
  r.status = status;
  r.body = codec::Serialize(v);
  return r;
}

std::string ETagOf(int64_t revision) { return "\"r" + std::to_string(revision) + "\""; }

int StatusFor(const Error& e) {
  switch (e.code()) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPreconditionFailed: return 412;
    case ErrorCode::kPreconditionRequired: return 428;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

// An error as the client sees it. Internal and storage failures say nothing of internals.
HttpResponse FromError(const Error& e, int status = 0) {
  if (status == 0) status = StatusFor(e);
  json::object body;
  if (status >= 500) {
    const bool unavailable = status == 503;
    body = codec::ToJson(Error(e.code(), e.message_vi(),
                               unavailable ? "service unavailable: storage cannot accept writes now"
                                           : "internal error; the event was logged"));
    if (!unavailable) body["error"].as_object()["message"] = "Lỗi hệ thống; sự cố đã được ghi lại";
  } else {
    body = codec::ToJson(e);
  }
  HttpResponse r = JsonResponse(status, body);
  if (status >= 500) r.headers.emplace_back("X-Dxgov-Log", e.message_en());  // stripped by the server, logged
  if ((status == 412 || status == 428) && !e.detail.empty()) {
    // The store names the current revision ("3"); the API's own checks already give an ETag.
    const bool revision = e.detail.size() <= 18 &&
                          std::all_of(e.detail.begin(), e.detail.end(), [](char c) { return c >= '0' && c <= '9'; });
    r.headers.emplace_back("ETag", revision ? ETagOf(std::stoll(e.detail)) : e.detail);
  }
  if (status == 503) r.headers.emplace_back("Retry-After", "5");
  return r;
}

// Body validation failures are well-formed requests that break a rule: 422.
HttpResponse Unprocessable(const Error& e) { return FromError(e, e.code() == ErrorCode::kInvalidArgument ? 422 : 0); }

// A list small enough to answer whole, in the page shape every list has.
json::object WholeList(json::array items) {
  const auto n = static_cast<int64_t>(items.size());
  return json::object{{"items", std::move(items)}, {"total", n}, {"limit", n}, {"offset", 0}};
}

template <typename T>
json::object PageJson(const Page<T>& p, json::array items) {
  return json::object{{"items", std::move(items)}, {"total", p.total}, {"limit", p.limit}, {"offset", p.offset}};
}

// ---------------------------------------------------------------- views

json::value UnitName(const UnitRegistry& reg, const std::string& id, Date as_of) {
  const Unit* u = reg.Find(id);
  if (!u) return nullptr;
  return json::value(VersionOrLatest(*u, as_of).name);
}

json::object UnitView(const Unit& u, const UnitRegistry& reg, std::optional<Date> as_of) {
  json::object o = codec::ToJson(u);
  const UnitVersion& v = as_of ? VersionOrLatest(u, *as_of) : u.versions.back();
  o["name"] = v.name;
  o["kind"] = UnitKindName(v.kind);
  o["kind_label"] = UnitKindLabelVi(v.kind);
  o["code"] = v.code.empty() ? json::value(nullptr) : json::value(v.code);
  o["parent"] = v.parent_id.empty() ? json::value(nullptr) : json::value(v.parent_id);
  if (as_of) {
    o["as_of"] = FormatIso(*as_of);
    o["valid"] = ValidOn(u, *as_of);
  }
  json::array preds;
  for (const auto& p : reg.Predecessors(u.id)) preds.push_back(json::value(p));
  o["predecessors"] = std::move(preds);
  return o;
}

void NameRef(json::value& ref, const UnitRegistry& reg, Date as_of) {
  if (!ref.is_object()) return;
  auto& o = ref.as_object();
  if (auto* id = o.if_contains("unit"); id && id->is_string()) o["name"] = UnitName(reg, std::string(id->get_string()), as_of);
}

struct ViewContext {
  const UnitRegistry& reg;
  Date as_of;
  int due_soon_days;
};

json::object TaskView(const Task& t, const ViewContext& c) {
  json::object o = codec::ToJson(t);
  NameRef(o["lead"], c.reg, c.as_of);
  for (auto& x : o["coordinators"].as_array()) NameRef(x, c.reg, c.as_of);
  NameRef(o["support_unit"], c.reg, c.as_of);
  o["status_label"] = TaskStatusLabelVi(t.status);
  o["status_label_en"] = TaskStatusLabelEn(t.status);
  std::optional<Date> due = t.deadline ? GoverningDue(*t.deadline, c.as_of) : std::nullopt;
  o["due_date"] = due ? json::value(FormatIso(*due)) : json::value(nullptr);
  auto tl = JudgeTimeliness(t.deadline ? &*t.deadline : nullptr, t.completed_on, t.status == TaskStatus::kCancelled,
                            c.as_of, c.due_soon_days);
  o["timeliness"] = tl ? json::value(TimelinessName(*tl)) : json::value(nullptr);
  o["timeliness_label"] = tl ? json::value(TimelinessLabelVi(*tl)) : json::value(nullptr);
  o["as_of"] = FormatIso(c.as_of);
  return o;
}

// ---------------------------------------------------------------- the router

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

int64_t UnixSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Limits that keep one request's work bounded.
constexpr size_t kMaxValuesPerBatch = 10000;
constexpr int64_t kMaxRollupPeriods = 120;
constexpr size_t kMaxRollupUnits = 4000;

class Handler;
using RouteFn = HttpResponse (Handler::*)();

struct Route {
  const char* method;
  const char* pattern;  // segments; "{id}" is a positive integer, "{key}" any segment
  Action action;
  RouteFn fn;
};

const std::vector<Route>& RouteTable();

// Actions decided before the handler runs, from the caller alone.
bool DecidedUpFront(Action a) {
  return a == Action::kPublic || a == Action::kSignedIn || a == Action::kEditUnits || a == Action::kReadAudit ||
         a == Action::kManageAccounts || a == Action::kEditIndicators || a == Action::kImportPlan;
}

class Handler {
 public:
  Handler(Store& store, const Clock& clock, const ApiOptions& options, const HttpRequest& req,
          auth::PasswordHasher& hasher, auth::LoginThrottle& throttle, EventHub& events)
      : store_(store), clock_(clock), options_(options), req_(req), reg_(store.Units()), hasher_(hasher),
        throttle_(throttle), events_(events), now_(clock.Now()),
        client_(ClientAddress(req.remote, req.forwarded_for, options.trusted_proxies)) {}

  HttpResponse Dispatch() {
    HttpResponse r = Route();
    if (clear_cookie_) r.headers.emplace_back("Set-Cookie", SessionSetCookie("", SecureCookies(), 0));
    if (r.status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"dxgov\"");
    return r;
  }

 private:
  HttpResponse Route() {
    const auto parts = Split(req_.path);
    const ::dxgov::api::Route* found = nullptr;
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

  static bool Matches(const char* pattern, const std::vector<std::string>& parts) {
    const auto pat = Split(pattern);
    if (pat.size() != parts.size()) return false;
    for (size_t i = 0; i < pat.size(); ++i)
      if (pat[i][0] != '{' && pat[i] != parts[i]) return false;
    return true;
  }

  bool BindPathParams(const char* pattern, const std::vector<std::string>& parts) {
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

  // ------------------------------------------------------------ who is calling

  bool SecureCookies() const {
    return options_.public_https ||
           (IsTrustedProxy(req_.remote, options_.trusted_proxies) && req_.forwarded_proto == "https");
  }

  HttpResponse Unauthenticated(const std::string& vi, const std::string& en) {
    return FromError(Error(ErrorCode::kUnauthenticated, vi, en));
  }

  // Sets principal_ from an API token or a session cookie. A bad token is an error; a
  // stale cookie just makes the caller anonymous (and the cookie is cleared).
  std::optional<HttpResponse> Authenticate() {
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

  std::optional<HttpResponse> AuthenticateToken(const std::string& bearer) {
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

  std::string NowIso(int64_t shift_s = 0) const { return FormatIsoTimestamp(now_ + std::chrono::seconds(shift_s)); }

  // ------------------------------------------------------------ what the caller may do

  HttpResponse Refuse(Verdict v, Action action) {
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
  std::optional<HttpResponse> Authorize(const Subject& subject) { return Authorize(action_, subject); }
  std::optional<HttpResponse> Authorize(Action action, const Subject& subject) {
    const Verdict v = Decide(principal_ ? &*principal_ : nullptr, action, subject, *reg_, Today());
    if (v == Verdict::kAllow) {
      authorized_ = true;
      return std::nullopt;
    }
    return Refuse(v, action);
  }

  // Plans the caller may see: nullopt when all of them.
  Result<std::optional<std::vector<int64_t>>> VisiblePlans() {
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

  Subject PlanSubject(const Plan& plan) {
    Subject s;
    s.published = plan.published;
    s.plan_issuer = plan.issuer_id;
    return s;
  }

  // The subject of anything inside plan `plan_id`; a missing plan is treated as a draft of
  // nobody's, which only global readers see.
  Subject PlanSubjectOf(int64_t plan_id) {
    auto plan = store_.GetPlan(plan_id);
    if (!plan.ok()) {
      Subject s;
      s.published = false;
      return s;
    }
    return PlanSubject(*plan);
  }

  Subject TaskSubject(const Task& t) {
    Subject s = PlanSubjectOf(t.plan_id);
    s.lead = t.lead.unit_id;
    for (const auto& c : t.coordinators) s.coordinators.push_back(c.unit_id);
    s.open = t.status != TaskStatus::kDone && t.status != TaskStatus::kCancelled;
    return s;
  }

  HttpResponse NotFoundRoute() {
    return Api::ErrorResponse(404, "not_found", "Không có địa chỉ " + req_.path, "no route for " + req_.path);
  }

  HttpResponse Health() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    // Still 200 when the database refuses writes: reads are served, and the status says why
    // writes answer 503.
    const bool writable = store_.Info().writable;
    return JsonResponse(200, json::object{{"status", writable ? "ok" : "read_only"}, {"writable", writable}});
  }

  HttpResponse Version() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    StoreInfo info = store_.Info();
    return JsonResponse(200, json::object{{"name", "dxgov"}, {"version", options_.version},
                                          {"store", info.backend}, {"schema_version", info.schema_version}});
  }

  Date Today() const { return clock_.Today(); }

  // Who makes a change, for the audit trail.
  Actor Who() const { return Actor{principal_ ? principal_->name : "anonymous", client_}; }

  // Reads a JSON body, checking media type; nullopt + response on failure.
  std::optional<json::value> Body(HttpResponse& fail, bool merge_patch_ok) {
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
  std::optional<HttpResponse> Precondition(int64_t current) {
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

  HttpResponse WithETag(HttpResponse r, int64_t revision) {
    r.headers.emplace_back("ETag", ETagOf(revision));
    return r;
  }

  // A single resource, answering 304 when the client's copy is current.
  HttpResponse Single(const json::value& v, int64_t revision) {
    if (!req_.if_none_match.empty() && req_.if_none_match == ETagOf(revision)) {
      HttpResponse r;
      r.status = 304;
      r.content_type.clear();
      return WithETag(std::move(r), revision);
    }
    return WithETag(JsonResponse(200, v), revision);
  }

  // Every unit a task names exists; paths point at the offending member.
  Status CheckUnitRefs(const Task& t) {
    std::vector<FieldError> errs;
    auto check = [&](const std::string& id, const std::string& path) {
      if (!id.empty() && !reg_->Find(id)) errs.push_back({path, "unknown unit '" + id + "'"});
    };
    check(t.lead.unit_id, "/lead/unit");
    for (size_t i = 0; i < t.coordinators.size(); ++i)
      check(t.coordinators[i].unit_id, "/coordinators/" + std::to_string(i) + "/unit");
    if (t.support_unit) check(t.support_unit->unit_id, "/support_unit/unit");
    if (t.deadline && !t.deadline->unit.empty()) check(t.deadline->unit, "/deadline/unit");
    if (errs.empty()) return OkStatus();
    return Error(ErrorCode::kInvalidArgument, "Nhiệm vụ nhắc tới đơn vị không có trong danh mục",
                 "the task names units that do not exist", std::move(errs));
  }

  // ------------------------------------------------------------ audit

  HttpResponse ListAudit() {
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

  // ------------------------------------------------------------ units

  HttpResponse ListUnits() {
    QueryParams p(req_.query, {"as_of", "kind", "parent", "q", "limit", "offset"});
    UnitQuery q;
    q.as_of = p.DateP("as_of");
    q.kinds = p.List<UnitKind>("kind", ParseUnitKind,
                               "committee|committee_body|ministry|ministry_agency|government_agency|province|city|"
                               "department|commune|organisation|enterprise|group");
    q.parent_id = p.Str("parent").value_or("");
    q.q = p.Str("q").value_or("");
    p.Page(q.limit, q.offset);
    if (auto bad = p.Problems()) return FromError(*bad);
    auto page = QueryUnits(*reg_, q);
    json::array items;
    for (const Unit* u : page.items) items.push_back(UnitView(*u, *reg_, q.as_of));
    return JsonResponse(200, PageJson(page, std::move(items)));
  }

  HttpResponse GetUnit() {
    const std::string& id = key_;
    QueryParams p(req_.query, {"as_of"});
    auto as_of = p.DateP("as_of");
    if (auto bad = p.Problems()) return FromError(*bad);
    const Unit* u = reg_->Find(id);
    if (!u) return FromError(NotFound("đơn vị", "unit", id));
    auto rev = store_.UnitRevision(id);
    if (!rev.ok()) return FromError(rev.error());
    return Single(UnitView(*u, *reg_, as_of), *rev);
  }

  // A unit change is checked against the whole registry (parents, successors, members).
  Status CheckRegistryWith(const Unit& u) {
    std::vector<Unit> all;
    all.reserve(reg_->all().size() + 1);
    bool replaced = false;
    for (const auto& x : reg_->all()) {
      if (x.id == u.id) {
        all.push_back(u);
        replaced = true;
      } else {
        all.push_back(x);
      }
    }
    if (!replaced) all.push_back(u);
    auto r = UnitRegistry::Create(std::move(all));
    if (!r.ok()) return std::move(r).error();
    return OkStatus();
  }

  HttpResponse CreateUnit() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    auto u = codec::UnitFromJson(*body, "");
    if (!u.ok()) return Unprocessable(u.error());
    if (reg_->Find(u->id))
      return FromError(Error(ErrorCode::kConflict, "Mã đơn vị " + u->id + " đã tồn tại", "unit " + u->id + " exists",
                             {FieldError{"/id", "already exists"}}));
    if (auto s = CheckRegistryWith(*u); !s.ok()) return Unprocessable(s.error());
    Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.CreateUnit(*u); });
    if (!w.ok()) return Unprocessable(w.error());
    reg_ = store_.Units();
    HttpResponse r = WithETag(JsonResponse(201, UnitView(*reg_->Find(u->id), *reg_, std::nullopt)), 1);
    r.headers.emplace_back("Location", "/api/units/" + u->id);
    return r;
  }

  HttpResponse PatchUnit() {
    const std::string& id = key_;
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    const Unit* cur = reg_->Find(id);
    if (!cur) return FromError(NotFound("đơn vị", "unit", id));
    auto rev = store_.UnitRevision(id);
    if (!rev.ok()) return FromError(rev.error());
    if (auto pre = Precondition(*rev)) return *pre;
    HttpResponse fail;
    auto patch = Body(fail, true);
    if (!patch) return fail;
    if (patch->as_object().contains("id") && patch->as_object().at("id") != json::value(id))
      return Unprocessable(InvalidArgument("/id", "cannot be changed", "Không được đổi mã đơn vị"));
    // History is never rewritten: existing versions stay; a change of name, kind, code or
    // parent is a new version appended with its valid_from.
    json::value merged = codec::ToJson(*cur);
    json::array old_versions = merged.as_object()["versions"].as_array();
    codec::MergePatch(merged, *patch);
    auto u = codec::UnitFromJson(merged, "");
    if (!u.ok()) return Unprocessable(u.error());
    const auto& nv = merged.as_object().at("versions").as_array();
    if (nv.size() < old_versions.size())
      return Unprocessable(InvalidArgument("/versions", "versions cannot be removed", "Không được xóa lịch sử đơn vị"));
    for (size_t i = 0; i + 1 < old_versions.size(); ++i)
      if (nv[i] != old_versions[i])
        return Unprocessable(InvalidArgument("/versions/" + std::to_string(i), "past versions cannot be changed",
                                             "Không được sửa lịch sử đơn vị"));
    if (auto s = CheckRegistryWith(*u); !s.ok()) return Unprocessable(s.error());
    Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceUnit(*u, *rev); });
    if (!w.ok()) return Unprocessable(w.error());
    reg_ = store_.Units();
    return WithETag(JsonResponse(200, UnitView(*reg_->Find(id), *reg_, std::nullopt)), *rev + 1);
  }

  // ------------------------------------------------------------ plans

  HttpResponse ListPlans() {
    QueryParams p(req_.query, {"kind", "parent", "issuer", "limit", "offset"});
    PlanQuery q;
    q.kind = p.Str("kind").value_or("");
    if (auto pid = p.Int("parent", 1, INT64_MAX)) q.parent_id = *pid;
    q.issuer = p.Str("issuer").value_or("");
    p.Page(q.limit, q.offset);
    if (auto bad = p.Problems()) return FromError(*bad);
    if (auto no = Authorize(Subject{})) return *no;
    auto visible = VisiblePlans();
    if (!visible.ok()) return FromError(visible.error());
    q.visible_plan_ids = std::move(visible).value();
    auto page = store_.ListPlans(q);
    if (!page.ok()) return FromError(page.error());
    json::array items;
    for (const auto& plan : page->items) items.push_back(PlanView(plan));
    return JsonResponse(200, PageJson(*page, std::move(items)));
  }

  json::object PlanView(const Plan& plan) {
    json::object o = codec::ToJson(plan);
    if (!plan.issuer_id.empty()) o["decision"].as_object()["issuer_name"] = UnitName(*reg_, plan.issuer_id, Today());
    return o;
  }

  HttpResponse GetPlan() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto plan = store_.GetPlan(id_);
    if (!plan.ok()) return FromError(plan.error());
    if (auto no = Authorize(PlanSubject(*plan))) return *no;
    return Single(PlanView(*plan), plan->version);
  }

  Status CheckPlanRefs(const Plan& plan) {
    if (!plan.issuer_id.empty() && !reg_->Find(plan.issuer_id))
      return InvalidArgument("/decision/issuer", "unknown unit '" + plan.issuer_id + "'",
                             "Không có đơn vị ban hành " + plan.issuer_id);
    if (plan.parent_id) {
      if (*plan.parent_id == plan.id) return InvalidArgument("/parent_id", "a plan cannot be its own parent",
                                                             "Kế hoạch không thể là cha của chính nó");
      auto parent = store_.GetPlan(*plan.parent_id);
      if (!parent.ok()) return InvalidArgument("/parent_id", "unknown plan", "Không có kế hoạch cha");
      if (plan.id) {  // no cycles: the new parent must not sit below this plan
        auto below = store_.PlanSubtree(plan.id);
        if (below.ok() && std::count(below->begin(), below->end(), *plan.parent_id))
          return InvalidArgument("/parent_id", "would make a cycle", "Quan hệ kế hoạch cha - con bị vòng lặp");
      }
    }
    return OkStatus();
  }

  // ------------------------------------------------------------ objectives

  HttpResponse ListObjectives() {
    QueryParams p(req_.query, {"plan", "under_plan", "q", "limit", "offset"});
    ObjectiveQuery q;
    if (auto v = p.Int("plan", 1, INT64_MAX)) q.plan_id = *v;
    if (auto v = p.Int("under_plan", 1, INT64_MAX)) q.under_plan_id = *v;
    q.q = p.Str("q").value_or("");
    p.Page(q.limit, q.offset);
    if (auto bad = p.Problems()) return FromError(*bad);
    if (auto no = Authorize(Subject{})) return *no;
    auto visible = VisiblePlans();
    if (!visible.ok()) return FromError(visible.error());
    q.visible_plan_ids = std::move(visible).value();
    auto page = store_.ListObjectives(q);
    if (!page.ok()) return FromError(page.error());
    json::array items;
    for (const auto& o : page->items) items.push_back(ObjectiveView(o));
    return JsonResponse(200, PageJson(*page, std::move(items)));
  }

  // ------------------------------------------------------------ indicators and figures

  const Principal* Caller() const { return principal_ ? &*principal_ : nullptr; }
  bool GlobalReader() const { return principal_ && CanSeeDrafts(&*principal_, "", *reg_, Today()); }
  bool MayReport(const std::string& unit) const {
    Subject s;
    s.reporting_unit = unit;
    return Decide(Caller(), Action::kReportValues, s, *reg_, Today()) == Verdict::kAllow;
  }

  // The indicator named by the path or a parameter, if the caller may see it.
  Result<Indicator> VisibleIndicator(const std::string& code, std::optional<HttpResponse>& refused) {
    auto ind = store_.GetIndicator(code);
    if (!ind.ok()) return ind;
    Subject s;
    s.published = ind->published;
    refused = Authorize(s);
    return ind;
  }

  HttpResponse ListIndicators() {
    QueryParams p(req_.query, {"group", "reported_by"});
    const auto group = p.Str("group");
    const auto reported_by = p.Str("reported_by");
    if (auto bad = p.Problems()) return FromError(*bad);
    if (auto no = Authorize(Subject{})) return *no;
    auto all = store_.ListIndicators();
    if (!all.ok()) return FromError(all.error());
    json::array items;
    const bool drafts = GlobalReader();
    for (const auto& ind : *all) {
      if (!ind.published && !drafts) continue;
      if (group && ind.group != *group) continue;
      if (reported_by) {
        const json::array by = codec::ReportedByJson(ind);
        if (std::find(by.begin(), by.end(), json::value(*reported_by)) == by.end()) continue;
      }
      items.push_back(codec::ToJson(ind));
    }
    return JsonResponse(200, WholeList(std::move(items)));
  }

  Result<std::vector<Objective>> ObjectivesMeasuredBy(const std::string& code) {
    ObjectiveQuery q;
    q.indicator = code;
    q.limit = kMaxLimit;
    DX_ASSIGN_OR_RETURN(q.visible_plan_ids, VisiblePlans());
    DX_ASSIGN_OR_RETURN(auto page, store_.ListObjectives(q));
    return std::move(page.items);
  }

  HttpResponse GetIndicator() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    std::optional<HttpResponse> refused;
    auto ind = VisibleIndicator(key_, refused);
    if (!ind.ok()) return FromError(ind.error());
    if (refused) return *refused;
    auto objectives = ObjectivesMeasuredBy(ind->code);
    if (!objectives.ok()) return FromError(objectives.error());
    return Single(internal::IndicatorDetailView(*ind, *objectives), ind->version);
  }

  // Rules must name indicators that exist (or the one being written).
  std::optional<HttpResponse> CheckIndicatorRefs(const Indicator& ind) {
    auto all = store_.ListIndicators();
    if (!all.ok()) return FromError(all.error());
    std::vector<FieldError> errs;
    auto known = [&](const std::string& c) {
      return c == ind.code || std::any_of(all->begin(), all->end(), [&](const Indicator& i) { return i.code == c; });
    };
    if (!ind.weight_code.empty() && !known(ind.weight_code))
      errs.push_back({"/aggregation/weight", "no indicator " + ind.weight_code});
    if (!ind.numerator_code.empty() && !known(ind.numerator_code))
      errs.push_back({"/aggregation/numerator", "no indicator " + ind.numerator_code});
    if (!ind.denominator_code.empty() && !known(ind.denominator_code))
      errs.push_back({"/aggregation/denominator", "no indicator " + ind.denominator_code});
    if (errs.empty()) return std::nullopt;
    return Unprocessable(Error(ErrorCode::kInvalidArgument, "Quy tắc tổng hợp nêu chỉ tiêu không tồn tại",
                               "the aggregation names an undefined indicator", std::move(errs)));
  }

  HttpResponse CreateIndicator() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    auto ind = codec::IndicatorFromJson(*body, "");
    if (!ind.ok()) return Unprocessable(ind.error());
    if (auto bad = CheckIndicatorRefs(*ind)) return *bad;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
      DX_ASSIGN_OR_RETURN(int64_t id, txn.CreateIndicator(*ind));
      (void)id;
      return OkStatus();
    });
    if (!w.ok()) return Unprocessable(w.error());
    auto stored = store_.GetIndicator(ind->code);
    if (!stored.ok()) return FromError(stored.error());
    HttpResponse r = WithETag(JsonResponse(201, codec::ToJson(*stored)), stored->version);
    r.headers.emplace_back("Location", "/api/indicators/" + stored->code);
    return r;
  }

  HttpResponse PatchIndicator() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto cur = store_.GetIndicator(key_);
    if (!cur.ok()) return FromError(cur.error());
    if (auto pre = Precondition(cur->version)) return *pre;
    HttpResponse fail;
    auto patch = Body(fail, true);
    if (!patch) return fail;
    if (patch->as_object().contains("code") && patch->as_object().at("code") != json::value(cur->code))
      return Unprocessable(InvalidArgument("/code", "cannot be changed", "Không được đổi mã chỉ tiêu"));
    json::value merged = codec::ToJson(*cur);
    codec::MergePatch(merged, *patch);
    auto ind = codec::IndicatorFromJson(merged, "");
    if (!ind.ok()) return Unprocessable(ind.error());
    if (ind->period_type != cur->period_type)
      return Unprocessable(InvalidArgument("/period_type", "cannot change once defined; define a new indicator",
                                           "Không đổi được kỳ báo cáo của chỉ tiêu đã có"));
    if (auto bad = CheckIndicatorRefs(*ind)) return *bad;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceIndicator(*ind, cur->version); });
    if (!w.ok()) return w.error().code() == ErrorCode::kPreconditionFailed ? FromError(w.error()) : Unprocessable(w.error());
    auto stored = store_.GetIndicator(cur->code);
    if (!stored.ok()) return FromError(stored.error());
    return WithETag(JsonResponse(200, codec::ToJson(*stored)), stored->version);
  }

  // "national" in a parameter is the country ("" inside dxgov).
  static std::string UnitParam(const std::string& s) { return s == "national" ? "" : s; }

  HttpResponse ListValues() {
    QueryParams p(req_.query, {"indicator", "unit", "from", "to", "status", "limit", "offset"});
    ValueQuery q;
    q.indicator = p.Str("indicator").value_or("");
    if (auto u = p.Str("unit")) q.unit = UnitParam(*u);
    for (auto [key, bound] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}})
      if (auto s = p.Str(key)) {
        *bound = ParsePeriod(*s);
        if (!*bound) p.Fail(std::string("/query/") + key, "must be YYYY, YYYY-Qn or YYYY-MM");
      }
    if (auto s = p.Str("status")) {
      q.status = ParseValueStatus(*s);
      if (!q.status) p.Fail("/query/status", "must be one of draft|submitted|approved");
    }
    p.Page(q.limit, q.offset);
    if (auto bad = p.Problems()) return FromError(*bad);
    if (auto no = Authorize(Subject{})) return *no;
    // Drafts are their unit's own until submitted.
    const bool drafts = GlobalReader() || (q.unit && MayReport(*q.unit));
    if (!drafts) {
      if (q.status == ValueStatus::kDraft) return JsonResponse(200, PageJson(Page<DataValue>{}, json::array{}));
      q.exclude_drafts = true;
    }
    if (!q.indicator.empty()) {
      std::optional<HttpResponse> refused;
      auto ind = VisibleIndicator(q.indicator, refused);
      if (!ind.ok()) return FromError(ind.error());
      if (refused) return *refused;
    } else if (!GlobalReader()) {
      auto all = store_.ListIndicators();
      if (!all.ok()) return FromError(all.error());
      for (const auto& i : *all)
        if (!i.published) q.hidden_indicators.push_back(i.code);
    }
    auto page = store_.ListValues(q);
    if (!page.ok()) return FromError(page.error());
    json::array items;
    for (const auto& v : page->items) items.push_back(codec::ToJson(v));
    return JsonResponse(200, PageJson(*page, std::move(items)));
  }

  // A batch of figures, as JSON ({"values":[...], "accept_valid_rows":false}) or as CSV
  // (text/csv; ?format=vi|en&accept_valid_rows=true). All or nothing unless asked
  // otherwise; every bad row is named (/values/<i>/<field>, /rows/<line>/<field>).
  HttpResponse PostValues() {
    if (req_.content_type == "text/csv") return PostValuesCsv();
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    const json::object& o = body->as_object();
    std::vector<FieldError> errs;
    for (const auto& kv : o)
      if (kv.key() != "values" && kv.key() != "accept_valid_rows") errs.push_back({"/" + std::string(kv.key()), "unknown field"});
    const json::value* rows = o.if_contains("values");
    if (!rows || !rows->is_array()) errs.push_back({"/values", "required: an array of figures"});
    else if (rows->as_array().size() > kMaxValuesPerBatch)
      errs.push_back({"/values", "at most " + std::to_string(kMaxValuesPerBatch) + " figures per batch"});
    bool accept_valid = false;
    if (const json::value* a = o.if_contains("accept_valid_rows")) {
      if (!a->is_bool()) errs.push_back({"/accept_valid_rows", "must be true or false"});
      else accept_valid = a->get_bool();
    }
    if (!errs.empty())
      return Unprocessable(Error(ErrorCode::kInvalidArgument, "Lô số liệu không hợp lệ", "invalid batch", std::move(errs)));
    std::vector<Candidate> cands;
    size_t bad_rows = 0;
    const auto& arr = rows->as_array();
    for (size_t i = 0; i < arr.size(); ++i) {
      const std::string path = "/values/" + std::to_string(i);
      auto v = codec::DataValueFromJson(arr[i], path);
      if (v.ok()) {
        cands.push_back({std::move(v).value(), path});
      } else {
        ++bad_rows;
        for (const auto& f : v.error().fields()) errs.push_back(f);
      }
    }
    const Provenance provenance =
        principal_ && principal_->kind == Principal::Kind::kToken ? Provenance::kApi : Provenance::kManual;
    return RecordValues(std::move(cands), std::move(errs), bad_rows, accept_valid, provenance);
  }

  HttpResponse PostValuesCsv() {
    QueryParams p(req_.query, {"format", "accept_valid_rows"});
    auto format = importer::NumberFormat::kVietnamese;
    if (auto f = p.Str("format")) {
      auto parsed = importer::ParseNumberFormat(*f);
      if (!parsed) p.Fail("/query/format", "vi (85,5 and 150.000) or en (85.5 and 150,000)");
      else format = *parsed;
    }
    const bool accept_valid = p.Bool("accept_valid_rows");
    if (auto bad = p.Problems()) return FromError(*bad);
    auto csv = importer::ReadValuesCsv(req_.body, format);
    if (!csv.ok()) return Unprocessable(csv.error());
    if (csv->rows.size() + csv->problems.size() > kMaxValuesPerBatch)
      return Unprocessable(InvalidArgument("/rows", "at most " + std::to_string(kMaxValuesPerBatch) + " rows per file",
                                           "Tệp có quá nhiều dòng; hãy chia nhỏ"));
    std::vector<FieldError> errs;
    std::set<int> bad;
    for (const auto& pr : csv->problems) {
      errs.push_back({"/rows/" + std::to_string(pr.row) + (pr.column.empty() ? "" : "/" + pr.column), pr.reason});
      bad.insert(pr.row);
    }
    std::vector<Candidate> cands;
    for (auto& row : csv->rows) {
      const std::string path = "/rows/" + std::to_string(row.row);
      const std::string folded = text::Fold(row.unit_text);
      if (folded.empty() || folded == "toan quoc" || folded == "ca nuoc" || folded == "national") {
        row.value.unit_id.clear();
      } else if (const Unit* u = reg_->Find(row.unit_text)) {
        row.value.unit_id = u->id;
      } else if (const Unit* named = reg_->Resolve(row.unit_text, LastDay(row.value.period))) {
        row.value.unit_id = named->id;
      } else {
        errs.push_back({path + "/unit", "no unit '" + row.unit_text + "' on " + FormatIso(LastDay(row.value.period))});
        bad.insert(row.row);
        continue;
      }
      cands.push_back({std::move(row.value), path});
    }
    return RecordValues(std::move(cands), std::move(errs), bad.size(), accept_valid, Provenance::kImport);
  }

  struct Candidate {
    DataValue v;
    std::string path;  // where the row is, for errors
  };

  // Checks each figure against its indicator, the registry and the caller's rights, then
  // writes the batch (or the good rows, when asked) in one transaction.
  HttpResponse RecordValues(std::vector<Candidate> cands, std::vector<FieldError> errs, size_t bad_rows,
                            bool accept_valid, Provenance provenance) {
    const auto all = store_.Indicators();
    std::map<std::string, const Indicator*> defs;
    for (const auto& i : *all) defs[i.code] = &i;
    std::vector<DataValue> good;
    std::optional<Subject> refused_subject, allowed_subject;
    Action refused_action = Action::kReportValues;
    // A batch names few units many times: decide each (unit, action) once.
    std::map<std::pair<std::string, Action>, Verdict> verdicts;
    auto decide = [&](Action a, const Subject& s) {
      auto [it, fresh] = verdicts.try_emplace({s.reporting_unit, a}, Verdict::kAllow);
      if (fresh) it->second = Decide(Caller(), a, s, *reg_, Today());
      return it->second;
    };
    for (auto& c : cands) {
      const size_t before = errs.size();
      if (auto d = defs.find(c.v.indicator); d == defs.end()) {
        errs.push_back({c.path + "/indicator", "no indicator " + c.v.indicator});
      } else {
        Subject s;
        s.reporting_unit = c.v.unit_id;
        const Verdict verdict = decide(Action::kReportValues, s);
        const bool approve_ok =
            c.v.status != ValueStatus::kApproved || decide(Action::kApprove, s) == Verdict::kAllow;
        if (verdict != Verdict::kAllow || !approve_ok) {
          if (!refused_subject) {
            refused_subject = s;
            refused_action = verdict != Verdict::kAllow ? Action::kReportValues : Action::kApprove;
          }
          errs.push_back({c.path + "/unit", verdict != Verdict::kAllow ? "not yours to report for" : "not yours to approve"});
        } else {
          if (!allowed_subject) allowed_subject = s;
          auto ok = ValidateValue(*d->second, c.v, *reg_, Today(), c.path);
          if (!ok.ok())
            for (const auto& f : ok.error().fields()) errs.push_back(f);
        }
      }
      if (errs.size() == before) good.push_back(std::move(c.v));
      else ++bad_rows;
    }
    // A refusal is the answer unless the caller asked to keep the rows it may write.
    if (refused_subject && (!accept_valid || good.empty())) {
      if (auto no = Authorize(refused_action, *refused_subject)) return *no;
    }
    if (allowed_subject) authorized_ = true;
    if (!errs.empty() && (!accept_valid || good.empty())) {
      return Unprocessable(Error(ErrorCode::kInvalidArgument,
                                 std::to_string(bad_rows) + " dòng số liệu không hợp lệ; không ghi dòng nào",
                                 std::to_string(bad_rows) + " invalid rows; nothing was written", std::move(errs)));
    }
    ValueCounts counts;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
      DX_ASSIGN_OR_RETURN(counts, txn.PutValues(good, provenance));
      return OkStatus();
    });
    if (!w.ok()) return Unprocessable(w.error());
    if (counts.inserted + counts.updated > 0) AnnounceValues(good, defs);
    json::array rejected;
    for (const auto& f : errs) rejected.push_back(json::object{{"path", f.path}, {"reason", f.reason}});
    return JsonResponse(200, json::object{{"inserted", counts.inserted},
                                          {"updated", counts.updated},
                                          {"unchanged", counts.unchanged},
                                          {"rejected_rows", static_cast<int64_t>(bad_rows)},
                                          {"rejected", std::move(rejected)}});
  }

  // GET /api/values/history?indicator=&unit=&period= — one figure's versions, newest first.
  HttpResponse ValueHistory() {
    QueryParams p(req_.query, {"indicator", "unit", "period"});
    const auto code = p.Str("indicator");
    const auto unit = p.Str("unit");
    std::optional<Period> period;
    if (auto s = p.Str("period")) {
      period = ParsePeriod(*s);
      if (!period) p.Fail("/query/period", "must be YYYY, YYYY-Qn or YYYY-MM");
    }
    if (!code) p.Fail("/query/indicator", "required");
    if (!unit) p.Fail("/query/unit", "required (national for the country)");
    if (!period) p.Fail("/query/period", "required");
    if (auto bad = p.Problems()) return FromError(*bad);
    std::optional<HttpResponse> refused;
    auto ind = VisibleIndicator(*code, refused);
    if (!ind.ok()) return FromError(ind.error());
    if (refused) return *refused;
    const std::string u = UnitParam(*unit);
    auto versions = store_.ValueHistory(*code, u, *period);
    if (!versions.ok()) return FromError(versions.error());
    const bool drafts = GlobalReader() || MayReport(u);
    json::array items;
    for (const auto& v : *versions)
      if (drafts || v.status != ValueStatus::kDraft) items.push_back(codec::ToJson(v));
    return JsonResponse(200, WholeList(std::move(items)));
  }

  // POST /api/values/approve {"items":[{"indicator","unit","period","revision"}]}: marks
  // submitted figures approved, all or none. A stale revision is 412.
  HttpResponse ApproveValues() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    const json::object& o = body->as_object();
    std::vector<FieldError> errs;
    for (const auto& kv : o)
      if (kv.key() != "items") errs.push_back({"/" + std::string(kv.key()), "unknown field"});
    const json::value* items = o.if_contains("items");
    if (!items || !items->is_array() || items->as_array().empty()) errs.push_back({"/items", "required: a non-empty array"});
    else if (items->as_array().size() > kMaxValuesPerBatch) errs.push_back({"/items", "too many"});
    if (!errs.empty()) return Unprocessable(Error(ErrorCode::kInvalidArgument, "Yêu cầu duyệt không hợp lệ", "invalid approval", std::move(errs)));
    std::vector<DataValue> approved;
    for (size_t i = 0; i < items->as_array().size(); ++i) {
      const std::string path = "/items/" + std::to_string(i);
      const json::value& it = items->as_array()[i];
      const json::object* io = it.if_object();
      auto str = [&](const char* k) -> std::optional<std::string> {
        const json::value* v = io ? io->if_contains(k) : nullptr;
        if (v && v->is_string()) return std::string(v->get_string());
        if (v && v->is_null() && std::string_view(k) == "unit") return std::string();
        return std::nullopt;
      };
      const auto code = str("indicator"), unit = str("unit"), period_text = str("period");
      const auto period = period_text ? ParsePeriod(*period_text) : std::nullopt;
      if (!code || !unit || !period) {
        errs.push_back({path, "needs indicator, unit (null for the country) and period"});
        continue;
      }
      Subject s;
      s.reporting_unit = UnitParam(*unit);
      if (auto no = Authorize(Action::kApprove, s)) return *no;
      auto versions = store_.ValueHistory(*code, s.reporting_unit, *period);
      if (!versions.ok()) return FromError(versions.error());
      if (versions->empty()) {
        errs.push_back({path, "no such figure"});
        continue;
      }
      DataValue cur = versions->front();
      if (const json::value* rev = io->if_contains("revision"); rev && rev->is_int64() && rev->get_int64() != cur.version) {
        Error e(ErrorCode::kPreconditionFailed, "Số liệu đã thay đổi từ khi được xem", "the figure changed since it was read",
                {{path + "/revision", "current revision is " + std::to_string(cur.version)}});
        return FromError(e);
      }
      if (cur.status == ValueStatus::kDraft) {
        errs.push_back({path, "a draft is not submitted yet"});
        continue;
      }
      cur.status = ValueStatus::kApproved;
      approved.push_back(std::move(cur));
    }
    if (!errs.empty()) return Unprocessable(Error(ErrorCode::kInvalidArgument, "Không duyệt được", "cannot approve", std::move(errs)));
    ValueCounts counts;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
      // Approval keeps each figure's provenance.
      for (Provenance pv : {Provenance::kManual, Provenance::kApi, Provenance::kImport}) {
        std::vector<DataValue> part;
        for (const auto& v : approved)
          if (v.provenance == pv) part.push_back(v);
        if (part.empty()) continue;
        DX_ASSIGN_OR_RETURN(ValueCounts c, txn.PutValues(part, pv));
        counts.updated += c.updated;
        counts.unchanged += c.unchanged;
      }
      return OkStatus();
    });
    if (!w.ok()) return Unprocessable(w.error());
    auto all = store_.ListIndicators();
    if (all.ok() && counts.updated > 0) {
      std::map<std::string, const Indicator*> defs;
      for (const auto& i : *all) defs[i.code] = &i;
      AnnounceValues(approved, defs);
    }
    return JsonResponse(200, json::object{{"approved", counts.updated}, {"already_approved", counts.unchanged}});
  }

  // One "values:<indicator>" event per indicator of a written batch: which units and periods
  // changed, so that listeners refetch their rollups. Drafts and unpublished indicators are
  // never announced (the stream is public).
  void AnnounceValues(const std::vector<DataValue>& written, const std::map<std::string, const Indicator*>& defs) {
    std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> by_indicator;
    std::map<std::string, int> counts;
    for (const auto& v : written) {
      auto d = defs.find(v.indicator);
      if (v.status == ValueStatus::kDraft || d == defs.end() || !d->second->published) continue;
      auto& [units, periods] = by_indicator[v.indicator];
      units.insert(v.unit_id);
      periods.insert(FormatPeriod(v.period));
      ++counts[v.indicator];
    }
    for (const auto& [code, up] : by_indicator) {
      json::array units, periods;
      for (const auto& u : up.first) {
        if (units.size() >= 100) break;
        units.push_back(u.empty() ? json::value(nullptr) : json::value(u));
      }
      for (const auto& p : up.second) {
        if (periods.size() >= 100) break;
        periods.push_back(json::value(p));
      }
      events_.Publish("values:" + code, "values",
                      codec::Serialize(json::object{{"indicator", code}, {"count", counts[code]},
                                                    {"units", std::move(units)}, {"periods", std::move(periods)},
                                                    {"at", NowIso()}}));
    }
  }

  json::object PlatformView(const Platform& p) {
    json::object v = codec::ToJson(p);
    v["category_label"] = PlatformCategoryLabelVi(p.category);
    if (!p.owner_unit_id.empty())
      if (const Unit* u = reg_->Find(p.owner_unit_id))
        v["owner"].as_object()["name"] = VersionOrLatest(*u, Today()).name;
    return v;
  }

  // ------------------------------------------------------------ plan imports

  Subject ImportSubject(const PlanImport& i) const {
    Subject s;
    s.published = false;
    s.plan_issuer = i.issuer_id;
    s.owner = i.uploaded_by;
    return s;
  }

  // Earlier records of the same document: committed imports of the same bytes, and plans
  // with the same decision number from the same issuer (a plan typed in before imports
  // existed, or loaded with the demo data). Each as {"import"|"plan": id, "key", "reason"}.
  Result<json::array> DuplicatesOf(const std::string& sha256, const std::string& number, const std::string& issuer,
                                   int64_t except_import) {
    json::array out;
    ImportQuery q;
    q.sha256 = sha256;
    q.state = ImportState::kCommitted;
    q.limit = kMaxLimit;
    DX_ASSIGN_OR_RETURN(auto same, store_.ListImports(q));
    std::set<int64_t> plans;
    for (const auto& i : same.items) {
      if (i.id == except_import || !i.plan_id) continue;
      plans.insert(*i.plan_id);
      out.push_back(json::object{{"import", i.id}, {"plan", *i.plan_id}, {"reason", "same_document"}});
    }
    if (!number.empty() && !issuer.empty()) {
      PlanQuery pq;
      pq.issuer = issuer;
      pq.limit = kMaxLimit;
      DX_ASSIGN_OR_RETURN(auto theirs, store_.ListPlans(pq));
      for (const auto& p : theirs.items)
        if (!plans.count(p.id) && text::Fold(p.decision_number) == text::Fold(number))
          out.push_back(json::object{{"plan", p.id}, {"key", p.key}, {"reason", "same_number_and_issuer"}});
    }
    return out;
  }

  // POST /api/imports?name=FILE with the document as the body (text/plain or text/markdown,
  // UTF-8): reads it and keeps it as a pending import with the proposal. Nothing of it is a
  // plan until committed.
  HttpResponse UploadImport() {
    QueryParams p(req_.query, {"name"});
    std::string name = p.Str("name").value_or("tai-lieu.txt");
    if (name.empty() || name.size() > 255) p.Fail("/query/name", "a file name of 1 to 255 bytes");
    if (auto bad = p.Problems()) return FromError(*bad);
    const std::string& type = req_.content_type;
    if (type != "text/plain" && type != "text/markdown" && type != "text/x-markdown" && type != "application/octet-stream")
      return FromError(Error(ErrorCode::kUnsupportedMediaType,
                             "Tài liệu phải là văn bản UTF-8 (text/plain hoặc text/markdown)",
                             "the document must be UTF-8 text (text/plain or text/markdown)"));
    auto proposal = importer::ReadPlanDocument(req_.body, reg_, importer::ReadOptions{name});
    if (!proposal.ok()) return Unprocessable(proposal.error());
    proposal->source.sha256 = auth::Sha256Hex(req_.body);
    PlanImport imp;
    imp.sha256 = proposal->source.sha256;
    imp.file_name = name;
    imp.issuer_id = proposal->source.issuer.unit_id;
    imp.number = proposal->source.number;
    imp.title = proposal->source.title;
    imp.task_count = static_cast<int>(proposal->tasks.size());
    imp.warning_count = static_cast<int>(proposal->warnings.size());
    imp.document = req_.body;
    json::object proposal_json = codec::ToJson(*proposal);
    imp.proposal = codec::Serialize(proposal_json);
    auto duplicates = DuplicatesOf(imp.sha256, imp.number, imp.issuer_id, 0);
    if (!duplicates.ok()) return FromError(duplicates.error());
    int64_t id = 0;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
      DX_ASSIGN_OR_RETURN(id, txn.CreateImport(imp));
      return OkStatus();
    });
    if (!w.ok()) return Unprocessable(w.error());
    auto stored = store_.GetImport(id);
    if (!stored.ok()) return FromError(stored.error());
    HttpResponse r = JsonResponse(201, json::object{{"import", codec::ToJson(*stored)},
                                                    {"duplicates", std::move(duplicates).value()},
                                                    {"proposal", std::move(proposal_json)}});
    r.headers.emplace_back("Location", "/api/imports/" + std::to_string(id));
    return r;
  }

  // Imports the caller may see, newest first.
  HttpResponse ListImports() {
    QueryParams p(req_.query, {"state", "sha256", "limit", "offset"});
    ImportQuery q;
    if (auto s = p.Str("state")) {
      q.state = ParseImportState(*s);
      if (!q.state) p.Fail("/query/state", "pending, committed or discarded");
    }
    q.sha256 = p.Str("sha256").value_or("");
    int limit = kDefaultLimit;
    int64_t offset = 0;
    p.Page(limit, offset);
    if (auto bad = p.Problems()) return FromError(*bad);
    // Visibility is decided per import; imports are few (a plan a unit a year).
    q.limit = INT32_MAX;
    auto all = store_.ListImports(q);
    if (!all.ok()) return FromError(all.error());
    json::array items;
    int64_t total = 0;
    for (const auto& i : all->items) {
      if (Decide(Caller(), Action::kImportPlan, ImportSubject(i), *reg_, Today()) != Verdict::kAllow) continue;
      if (total++ < offset || static_cast<int64_t>(items.size()) >= limit) continue;
      items.push_back(codec::ToJson(i));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", total}, {"limit", limit}, {"offset", offset}});
  }

  // Loads the import the path names into `out` when the request has no query parameters and
  // the caller may see the import; otherwise the response to send.
  std::optional<HttpResponse> LoadVisibleImport(PlanImport& out) {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto imp = store_.GetImport(id_);
    if (!imp.ok()) return FromError(imp.error());
    if (auto refused = Authorize(ImportSubject(*imp))) return refused;
    out = std::move(imp).value();
    return std::nullopt;
  }

  HttpResponse GetImport() {
    PlanImport imp;
    if (auto fail = LoadVisibleImport(imp)) return *fail;
    auto proposal = codec::ParseJson(imp.proposal);
    if (!proposal.ok()) return FromError(Internal("stored proposal unreadable: " + proposal.error().message_en()));
    auto duplicates = DuplicatesOf(imp.sha256, imp.number, imp.issuer_id, imp.id);
    if (!duplicates.ok()) return FromError(duplicates.error());
    return WithETag(JsonResponse(200, json::object{{"import", codec::ToJson(imp)},
                                                   {"duplicates", std::move(duplicates).value()},
                                                   {"proposal", std::move(proposal).value()}}),
                    imp.version);
  }

  // The document as uploaded, for reading beside the proposal (its line numbers refer to it).
  HttpResponse GetImportDocument() {
    PlanImport imp;
    if (auto fail = LoadVisibleImport(imp)) return *fail;
    HttpResponse r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(imp.document);
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
  }

  // The refusal for an import that is no longer pending: committed (re-committing the same
  // document) or discarded.
  HttpResponse NotPending(const PlanImport& i) {
    if (i.state == ImportState::kCommitted && i.plan_id) {
      const std::string plan = std::to_string(*i.plan_id);
      return FromError(Error(ErrorCode::kConflict, "Tài liệu này đã được ghi thành kế hoạch số " + plan,
                             "this import was already committed as plan " + plan,
                             {FieldError{"/plan", "already committed as plan " + plan}}));
    }
    return FromError(Error(ErrorCode::kConflict, "Bản nhập này đã bị hủy; hãy tải tài liệu lên lại",
                           "this import was discarded; upload the document again", {FieldError{"/state", "discarded"}}));
  }

  // POST /api/imports/{id}/commit {"proposal"?: the reviewed proposal, "key"?, "parent"?: plan
  // id, "published"?, "unresolved_to_issuer"?}: the plan, its objectives and tasks in one transaction, and the import
  // marked committed with the proposal as committed.
  HttpResponse CommitImport() {
    PlanImport imp;
    if (auto fail = LoadVisibleImport(imp)) return *fail;
    HttpResponse fail;
    std::optional<json::value> body = json::object{};
    if (!req_.body.empty() || !req_.content_type.empty()) {
      body = Body(fail, false);
      if (!body) return fail;
    }
    const json::object& o = body->as_object();
    std::vector<FieldError> errs;
    importer::CommitOptions options;
    for (const auto& kv : o)
      if (kv.key() != "proposal" && kv.key() != "key" && kv.key() != "parent" && kv.key() != "published" &&
          kv.key() != "unresolved_to_issuer")
        errs.push_back({"/" + std::string(kv.key()), "unknown field"});
    if (const auto* k = o.if_contains("key")) {
      if (!k->is_string()) errs.push_back({"/key", "a string"});
      else options.key = std::string(k->get_string());
    }
    if (const auto* pub = o.if_contains("published")) {
      if (!pub->is_bool()) errs.push_back({"/published", "true or false"});
      else options.published = pub->get_bool();
    }
    if (const auto* u = o.if_contains("unresolved_to_issuer")) {
      if (!u->is_bool()) errs.push_back({"/unresolved_to_issuer", "true or false"});
      else options.unresolved_to_issuer = u->get_bool();
    }
    if (const auto* parent = o.if_contains("parent"); parent && !parent->is_null()) {
      if (!parent->is_int64() || parent->get_int64() <= 0) errs.push_back({"/parent", "a plan id"});
      else options.parent_plan_id = parent->get_int64();
    }
    if (!errs.empty())
      return Unprocessable(Error(ErrorCode::kInvalidArgument, "Yêu cầu ghi kế hoạch không hợp lệ", "invalid commit request",
                                 std::move(errs)));
    if (imp.state != ImportState::kPending) return NotPending(imp);

    // The reviewed proposal, or the one read at upload when the reviewer changed nothing.
    Result<importer::Proposal> proposal = Error(ErrorCode::kInternal, "", "");
    if (const auto* given = o.if_contains("proposal")) {
      proposal = codec::ProposalFromJson(*given);
      if (!proposal.ok()) {
        std::vector<FieldError> fields;
        for (const auto& f : proposal.error().fields()) fields.push_back({"/proposal" + f.path, f.reason});
        return Unprocessable(Error(ErrorCode::kInvalidArgument, proposal.error().message_vi(),
                                   proposal.error().message_en(), std::move(fields)));
      }
    } else {
      auto stored = codec::ParseJson(imp.proposal);
      if (!stored.ok()) return FromError(Internal("stored proposal unreadable"));
      proposal = codec::ProposalFromJson(*stored);
      if (!proposal.ok()) return FromError(Internal("stored proposal unreadable: " + proposal.error().message_en()));
    }
    // Where the document came from is not the reviewer's to change.
    proposal->source.sha256 = imp.sha256;
    proposal->source.file = imp.file_name;

    auto records = importer::RecordsFromProposal(*proposal, *reg_, options);
    if (!records.ok()) return Unprocessable(records.error());
    // The plan does not exist yet, so there is no draft to hide: the question is only whether
    // the caller edits the issuer's plans (403 when not).
    Subject target;
    target.plan_issuer = records->plan.issuer_id;
    if (auto no = Authorize(Action::kEditPlan, target)) return *no;
    if (options.parent_plan_id) {
      auto parent = store_.GetPlan(*options.parent_plan_id);
      if (!parent.ok() || Decide(Caller(), Action::kRead, PlanSubject(*parent), *reg_, Today()) != Verdict::kAllow)
        return Unprocessable(InvalidArgument("/parent", "no such plan", "Không có kế hoạch cấp trên này"));
    }
    auto duplicates = DuplicatesOf(imp.sha256, records->plan.decision_number, records->plan.issuer_id, imp.id);
    if (!duplicates.ok()) return FromError(duplicates.error());
    if (!duplicates->empty()) {
      const json::object& d = duplicates->front().as_object();
      const std::string plan = std::to_string(d.at("plan").as_int64());
      const bool same_document = d.at("reason").as_string() == "same_document";
      return FromError(Error(
          ErrorCode::kConflict,
          same_document ? "Tài liệu này đã được ghi thành kế hoạch số " + plan
                        : "Đã có kế hoạch số " + plan + " cùng số hiệu " + records->plan.decision_number + " của cùng cơ quan ban hành",
          same_document ? "the same document was already committed as plan " + plan
                        : "plan " + plan + " has the same decision number from the same issuer",
          {FieldError{"/plan", "already committed as plan " + plan}}));
    }

    PlanImport done = imp;
    done.state = ImportState::kCommitted;
    done.decided_by = Who().user;
    done.proposal = codec::Serialize(codec::ToJson(*proposal));
    int64_t plan_id = 0;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
      DX_ASSIGN_OR_RETURN(plan_id, txn.CreatePlan(records->plan));
      for (Objective ob : records->objectives) {
        ob.plan_id = plan_id;
        DX_RETURN_IF_ERROR(txn.CreateObjective(ob));
      }
      for (Task t : records->tasks) {
        t.plan_id = plan_id;
        DX_RETURN_IF_ERROR(txn.CreateTask(t));
      }
      done.plan_id = plan_id;
      return txn.ReplaceImport(done, imp.version);
    });
    if (!w.ok()) return Unprocessable(w.error());
    auto stored = store_.GetImport(imp.id);
    if (!stored.ok()) return FromError(stored.error());
    HttpResponse r = JsonResponse(201, json::object{{"plan", json::object{{"id", plan_id}, {"key", records->plan.key}}},
                                                    {"objectives", records->objectives.size()},
                                                    {"tasks", records->tasks.size()},
                                                    {"cited_goals", records->cited_goals},
                                                    {"import", codec::ToJson(*stored)}});
    r.headers.emplace_back("Location", "/api/plans/" + std::to_string(plan_id));
    return r;
  }

  HttpResponse DiscardImport() {
    PlanImport imp;
    if (auto fail = LoadVisibleImport(imp)) return *fail;
    if (imp.state != ImportState::kPending) return NotPending(imp);
    PlanImport done = imp;
    done.state = ImportState::kDiscarded;
    done.decided_by = Who().user;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceImport(done, imp.version); });
    if (!w.ok()) return Unprocessable(w.error());
    auto stored = store_.GetImport(imp.id);
    if (!stored.ok()) return FromError(stored.error());
    return JsonResponse(200, json::object{{"import", codec::ToJson(*stored)}});
  }

  HttpResponse ListPlatforms() {
    QueryParams p(req_.query, {"category", "owner", "q"});
    std::optional<PlatformCategory> category;
    if (auto c = p.Str("category")) {
      category = ParsePlatformCategory(*c);
      if (!category) p.Fail("/query/category", "state or enterprise");
    }
    const auto owner = p.Str("owner");
    const auto q = p.Str("q");
    if (auto bad = p.Problems()) return FromError(*bad);
    if (auto no = Authorize(Subject{})) return *no;
    auto all = store_.ListPlatforms();
    if (!all.ok()) return FromError(all.error());
    const std::string needle = q ? text::Fold(*q) : "";
    json::array items;
    for (const auto& pl : *all) {
      if (category && pl.category != *category) continue;
      if (owner && pl.owner_unit_id != *owner) continue;
      if (!needle.empty() && text::Fold(pl.name + " " + pl.description + " " + pl.owner_as_written).find(needle) == std::string::npos) {
        bool enterprise = false;
        for (const auto& e : pl.enterprises) enterprise = enterprise || text::Fold(e).find(needle) != std::string::npos;
        if (!enterprise) continue;
      }
      items.push_back(PlatformView(pl));
    }
    return JsonResponse(200, WholeList(std::move(items)));
  }

  // A platform with the tasks that promote it and its adoption: each adoption indicator's
  // yearly rollup for `unit` (the country by default) over the last `years` years.
  HttpResponse GetPlatform() {
    QueryParams p(req_.query, {"approved_only", "unit", "years"});
    RollupOptions opt;
    opt.approved_only = p.Bool("approved_only");
    const std::string unit = UnitParam(p.Str("unit").value_or("national"));
    const int64_t years = p.Int("years", 1, 20).value_or(5);
    if (!unit.empty() && !reg_->Find(unit)) p.Fail("/query/unit", "unknown unit");
    if (auto bad = p.Problems()) return FromError(*bad);
    if (auto no = Authorize(Subject{})) return *no;
    auto pl = store_.GetPlatform(key_);
    if (!pl.ok()) return FromError(pl.error());
    json::object v = PlatformView(*pl);
    json::array tasks;
    for (int64_t id : pl->task_ids) {
      auto t = store_.GetTask(id);
      if (!t.ok()) continue;
      if (Decide(Caller(), Action::kRead, PlanSubjectOf(t->plan_id), *reg_, Today()) != Verdict::kAllow) continue;
      tasks.push_back(json::object{{"id", t->id}, {"plan_id", t->plan_id}, {"number", t->number}, {"title", t->title},
                                   {"status", TaskStatusName(t->status)}});
    }
    json::array adoption;
    for (const auto& code : pl->adoption_indicators) {
      auto ind = store_.GetIndicator(code);
      if (!ind.ok() || (!ind->published && !GlobalReader())) continue;
      json::array series;
      const int year = YearOf(Today());
      for (int y = year - static_cast<int>(years) + 1; y <= year; ++y) {
        const Period period{PeriodType::kYear, y, 1};
        auto r = store_.Rollups().Rollup(code, unit, period, opt);
        if (r.ok()) series.push_back(internal::RollupView(*r, *ind, unit, *reg_, period));
      }
      adoption.push_back(json::object{{"indicator", json::object{{"code", ind->code}, {"name", ind->name},
                                                                 {"unit_of_measure", ind->unit_of_measure},
                                                                 {"period_type", PeriodTypeName(ind->period_type)}}},
                                      {"series", std::move(series)}});
    }
    v["tasks"] = std::move(tasks);
    v["adoption"] = std::move(adoption);
    return Single(v, pl->version);
  }

  // GET /api/events?topics=values,values:HTS-01 — a Server-Sent Events stream.
  HttpResponse GetEvents() {
    QueryParams p(req_.query, {"topics"});
    if (!p.Str("topics")) p.Fail("/query/topics", "required, e.g. values or values:HTS-01");
    auto topic = [](const std::string& t) -> std::optional<std::string> {
      if (t == "values" || (t.rfind("values:", 0) == 0 && IsValidIndicatorCode(t.substr(7)))) return t;
      return std::nullopt;
    };
    std::vector<std::string> topics = p.List<std::string>("topics", topic, "values, values:<indicator code>");
    if (topics.size() > 50) p.Fail("/query/topics", "at most 50 topics");
    if (auto bad = p.Problems()) return FromError(*bad);
    if (auto no = Authorize(Subject{})) return *no;
    HttpResponse r;
    r.content_type = "text/event-stream; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: do not buffer the stream
    r.body = "retry: 3000\n: dxgov events\n\n";
    r.stream_topics = std::move(topics);
    return r;
  }

  HttpResponse GetRollups() {
    QueryParams p(req_.query, {"indicator", "unit", "units", "level", "period", "from", "to", "approved_only",
                               "missing", "sort"});
    const auto code = p.Str("indicator");
    if (!code) p.Fail("/query/indicator", "required");
    const std::string within = UnitParam(p.Str("unit").value_or("national"));
    // Units by id ("national" is the country), or unit kinds; "provincial" is the provinces
    // and centrally-run cities.
    auto unit_id = [](const std::string& u) -> std::optional<std::string> { return UnitParam(u); };
    const std::vector<std::string> listed = p.List<std::string>("units", unit_id, "unit ids");
    if (listed.size() > kMaxRollupUnits)
      p.Fail("/query/units", "at most " + std::to_string(kMaxRollupUnits) + " units");
    auto kinds = [](const std::string& k) -> std::optional<std::vector<UnitKind>> {
      if (k == "provincial") return std::vector<UnitKind>{UnitKind::kProvince, UnitKind::kCity};
      if (auto kind = ParseUnitKind(k)) return std::vector<UnitKind>{*kind};
      return std::nullopt;
    };
    std::set<UnitKind> level;
    for (const auto& ks : p.List<std::vector<UnitKind>>("level", kinds, "provincial or unit kinds (province, city, commune, ministry, ...)"))
      level.insert(ks.begin(), ks.end());
    std::vector<Period> periods;
    std::optional<Period> single, from, to;
    for (auto [key, slot] : {std::pair{"period", &single}, std::pair{"from", &from}, std::pair{"to", &to}})
      if (auto s = p.Str(key)) {
        *slot = ParsePeriod(*s);
        if (!*slot) p.Fail(std::string("/query/") + key, "must be YYYY, YYYY-Qn or YYYY-MM");
      }
    RollupOptions opt;
    opt.approved_only = p.Bool("approved_only");
    opt.list_missing = p.Bool("missing");
    const auto sort = p.Str("sort");
    if (sort && *sort != "value" && *sort != "-value") p.Fail("/query/sort", "value or -value");
    if (single && (from || to)) p.Fail("/query/period", "give period, or from and to");
    if (!single && !(from && to)) p.Fail("/query/period", "required (or from and to)");
    if (from && to) {
      if (from->type != to->type) p.Fail("/query/to", "same kind of period as from");
      else if (Ordinal(*to) < Ordinal(*from)) p.Fail("/query/to", "before from");
      else if (Ordinal(*to) - Ordinal(*from) >= kMaxRollupPeriods)
        p.Fail("/query/to", "at most " + std::to_string(kMaxRollupPeriods) + " periods");
    }
    if (auto bad = p.Problems()) return FromError(*bad);
    std::optional<HttpResponse> refused;
    auto ind = VisibleIndicator(*code, refused);
    if (!ind.ok()) return FromError(ind.error());
    if (refused) return *refused;
    if (single) periods.push_back(*single);
    else
      for (Period x = *from; Ordinal(x) <= Ordinal(*to); x = Next(x)) periods.push_back(x);

    json::array items;
    for (const Period& period : periods) {
      // Which units: a list, every unit of a level within `unit` at the period's end, or `unit`.
      std::vector<std::string> ids;
      if (!listed.empty()) {
        ids = listed;
      } else if (!level.empty()) {
        for (const Unit* u : reg_->ValidOn(LastDay(period), level))
          if (within.empty() || GrantCovers(Grant{{}, within}, u->id, *reg_, LastDay(period), false))
            ids.push_back(u->id);
      } else {
        ids.push_back(within);
      }
      std::vector<std::pair<std::optional<double>, json::object>> rows;
      for (const auto& id : ids) {
        auto r = store_.Rollups().Rollup(ind->code, id, period, opt);
        if (!r.ok()) {
          Error e = std::move(r).error();
          if (e.code() == ErrorCode::kNotFound && !id.empty())
            return FromError(Error(ErrorCode::kNotFound, "Không có đơn vị " + id, "no unit " + id, {{"/query/unit", "unknown unit"}}));
          return FromError(e);
        }
        rows.emplace_back(r->value, internal::RollupView(*r, *ind, id, *reg_, period, opt.list_missing));
      }
      if (sort) {
        // Ranking: units without a value last, ties in the order given.
        const bool desc = *sort == "-value";
        std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
          if (!a.first || !b.first) return a.first.has_value() && !b.first.has_value();
          return desc ? *a.first > *b.first : *a.first < *b.first;
        });
        int rank = 0;
        for (auto& [v, row] : rows) row["rank"] = v ? json::value(++rank) : json::value(nullptr);
      }
      for (auto& [v, row] : rows) items.push_back(std::move(row));
    }
    json::object head{{"code", ind->code}, {"name", ind->name}, {"unit_of_measure", ind->unit_of_measure},
                      {"decimals", ind->decimals}, {"direction", DirectionName(ind->direction)},
                      {"aggregation", json::object{{"across_units", AggregationName(ind->across_units)},
                                                   {"over_time", AggregationName(ind->over_time)}}}};
    const int64_t n = static_cast<int64_t>(items.size());
    return JsonResponse(200, json::object{{"indicator", std::move(head)}, {"items", std::move(items)}, {"total", n}});
  }

  HttpResponse GetAttainment() {
    QueryParams p(req_.query, {"plan", "indicator", "as_of", "approved_only"});
    const auto plan_id = p.Int("plan", 1, INT64_MAX);
    const auto code = p.Str("indicator");
    const Date as_of = p.DateP("as_of").value_or(Today());
    const bool approved_only = p.Bool("approved_only");
    if (plan_id.has_value() == code.has_value()) p.Fail("/query/plan", "give plan or indicator");
    if (auto bad = p.Problems()) return FromError(*bad);
    json::array items;
    std::map<std::string, std::optional<Indicator>> cache;
    auto indicator = [&](const std::string& c) -> const Indicator* {
      auto it = cache.find(c);
      if (it == cache.end()) {
        auto got = store_.GetIndicator(c);
        std::optional<Indicator> keep;
        if (got.ok() && (got->published || GlobalReader())) keep = std::move(got).value();
        it = cache.emplace(c, std::move(keep)).first;
      }
      return it->second ? &*it->second : nullptr;
    };
    // Several targets (years, documents) judge one indicator: its observations once each.
    std::map<std::string, std::vector<Observation>> observations;
    auto assess = [&](const Target& t, const Indicator& ind, json::object extra) {
      if (!t.year || t.kind != TargetKind::kTarget) return;
      auto [obs, fresh] = observations.try_emplace(ind.code);
      if (fresh) obs->second = NationalObservations(ind, store_.Rollups(), as_of, approved_only);
      json::object row = internal::AttainmentView(t, Assess(t, obs->second, as_of, ind.decimals), ind);
      row["indicator"] = json::object{{"code", ind.code}, {"name", ind.name}, {"unit_of_measure", ind.unit_of_measure}};
      for (auto& kv : extra) row[kv.key()] = kv.value();
      items.push_back(std::move(row));
    };
    if (plan_id) {
      if (auto no = Authorize(PlanSubjectOf(*plan_id))) return *no;
      ObjectiveQuery q;
      q.plan_id = *plan_id;
      q.limit = kMaxLimit;
      auto page = store_.ListObjectives(q);
      if (!page.ok()) return FromError(page.error());
      for (const auto& o : page->items) {
        const Indicator* ind = o.indicator.empty() ? nullptr : indicator(o.indicator);
        if (!ind) continue;
        for (const auto& t : o.targets)
          assess(t, *ind, json::object{{"objective", json::object{{"id", o.id}, {"code", o.code}, {"text", o.text}}}});
      }
    } else {
      std::optional<HttpResponse> refused;
      auto ind = VisibleIndicator(*code, refused);
      if (!ind.ok()) return FromError(ind.error());
      if (refused) return *refused;
      for (const auto& t : ind->targets) assess(t, *ind, json::object{});
    }
    const int64_t n = static_cast<int64_t>(items.size());
    return JsonResponse(200, json::object{{"as_of", FormatIso(as_of)}, {"items", std::move(items)}, {"total", n}});
  }

  json::object ObjectiveView(const Objective& o) {
    json::object v = codec::ToJson(o);
    auto& targets = v["targets"].as_array();
    for (size_t i = 0; i < targets.size(); ++i) targets[i].as_object()["label"] = DescribeTargetVi(o.targets[i]);
    return v;
  }

  HttpResponse GetObjective() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto o = store_.GetObjective(id_);
    if (!o.ok()) return FromError(o.error());
    if (auto no = Authorize(PlanSubjectOf(o->plan_id))) return *no;
    return Single(ObjectiveView(*o), o->version);
  }

  Status CheckObjectiveRefs(const Objective& o) {
    if (!store_.GetPlan(o.plan_id).ok()) return InvalidArgument("/plan_id", "unknown plan", "Không có kế hoạch");
    for (size_t i = 0; i < o.targets.size(); ++i)
      if (!o.targets[i].scope_unit_id.empty() && !reg_->Find(o.targets[i].scope_unit_id))
        return InvalidArgument("/targets/" + std::to_string(i) + "/scope_unit", "unknown unit", "Không có đơn vị");
    return OkStatus();
  }

  // ------------------------------------------------------------ tasks

  HttpResponse ListTasks() {
    QueryParams p(req_.query, {"plan", "under_plan", "section", "lead", "coordinator", "unit", "include_predecessors", "status",
                    "timeliness", "as_of", "due_from", "due_to", "q", "objective", "parent", "sort", "limit",
                    "offset", "due_soon_days"});
    TaskQuery q;
    if (auto v = p.Int("plan", 1, INT64_MAX)) q.plan_id = *v;
    if (auto v = p.Int("under_plan", 1, INT64_MAX)) q.under_plan_id = *v;
    q.section = p.Str("section").value_or("");
    q.lead = p.Str("lead").value_or("");
    q.coordinator = p.Str("coordinator").value_or("");
    q.unit = p.Str("unit").value_or("");
    for (const auto* f : {&q.lead, &q.coordinator, &q.unit})
      if (!f->empty() && !reg_->Find(*f))
        p.Fail(f == &q.lead ? "/query/lead" : f == &q.coordinator ? "/query/coordinator" : "/query/unit",
               "unknown unit '" + *f + "'");
    q.include_predecessors = p.Bool("include_predecessors");
    q.statuses = p.List<TaskStatus>("status", ParseTaskStatus, "not_started|in_progress|done|paused|cancelled");
    q.timeliness = p.List<Timeliness>("timeliness", ParseTimeliness,
                                      "on_time|due_soon|overdue|done_on_time|done_late|no_deadline");
    q.as_of = p.DateP("as_of");
    q.due_from = p.DateP("due_from");
    q.due_to = p.DateP("due_to");
    if (q.due_from && q.due_to && *q.due_to < *q.due_from) p.Fail("/query/due_to", "before due_from");
    q.q = p.Str("q").value_or("");
    if (auto v = p.Int("objective", 1, INT64_MAX)) q.objective_id = *v;
    if (auto v = p.Int("parent", 1, INT64_MAX)) q.parent_id = *v;
    q.due_soon_days = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
    if (auto s = p.Str("sort")) {
      std::string key = *s;
      q.descending = !key.empty() && key[0] == '-';
      if (q.descending) key = key.substr(1);
      static const std::map<std::string, TaskSort> kSorts = {
          {"number", TaskSort::kNumber}, {"title", TaskSort::kTitle}, {"deadline", TaskSort::kDeadline},
          {"lead", TaskSort::kLead},     {"status", TaskSort::kStatus}, {"updated", TaskSort::kUpdated}};
      auto it = kSorts.find(key);
      if (it == kSorts.end()) p.Fail("/query/sort", "one of number|title|deadline|lead|status|updated, '-' for descending");
      else q.sort = it->second;
    }
    p.Page(q.limit, q.offset);
    if (auto bad = p.Problems()) return FromError(*bad);
    const Date as_of = q.as_of.value_or(Today());
    q.as_of = as_of;
    if (auto no = Authorize(Subject{})) return *no;
    auto visible = VisiblePlans();
    if (!visible.ok()) return FromError(visible.error());
    q.visible_plan_ids = std::move(visible).value();
    auto page = store_.ListTasks(q);
    if (!page.ok()) return FromError(page.error());
    ViewContext ctx{*reg_, as_of, q.due_soon_days};
    json::array items;
    for (const auto& t : page->items) items.push_back(TaskView(t, ctx));
    json::object body = PageJson(*page, std::move(items));
    body["as_of"] = FormatIso(as_of);
    return JsonResponse(200, body);
  }

  json::object TaskDetail(const Task& t, Date as_of, int soon) {
    ViewContext ctx{*reg_, as_of, soon};
    json::object o = TaskView(t, ctx);
    const Unit* lead = reg_->Find(t.lead.unit_id);
    if (lead && VersionOrLatest(*lead, as_of).kind == UnitKind::kGroup) {
      // A task addressed to a group is tracked per member valid on as_of.
      auto rows = store_.ListAddressees(t.id);
      std::map<std::string, TaskAddressee> state;
      if (rows.ok())
        for (auto& a : *rows) state[a.unit_id] = a;
      json::array addressees;
      for (const auto& m : reg_->Expand(t.lead.unit_id, as_of)) {
        TaskAddressee a{m, TaskStatus::kNotStarted, std::nullopt, 0};
        if (auto it = state.find(m); it != state.end()) a = it->second;
        auto tl = JudgeTimeliness(t.deadline ? &*t.deadline : nullptr, a.completed_on,
                                  a.status == TaskStatus::kCancelled, as_of, soon);
        addressees.push_back(json::object{
            {"unit", m}, {"name", UnitName(*reg_, m, as_of)}, {"status", TaskStatusName(a.status)},
            {"status_label", TaskStatusLabelVi(a.status)},
            {"completed_on", a.completed_on ? json::value(FormatIso(*a.completed_on)) : json::value(nullptr)},
            {"progress_percent", a.progress_percent},
            {"timeliness", tl ? json::value(TimelinessName(*tl)) : json::value(nullptr)}});
      }
      o["addressees"] = std::move(addressees);
    }
    return o;
  }

  HttpResponse GetTask() {
    const int64_t id = id_;
    QueryParams p(req_.query, {"as_of", "due_soon_days"});
    const Date as_of = p.DateP("as_of").value_or(Today());
    const int soon = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
    if (auto bad = p.Problems()) return FromError(*bad);
    auto t = store_.GetTask(id);
    if (!t.ok()) return FromError(t.error());
    if (auto no = Authorize(TaskSubject(*t))) return *no;
    return Single(TaskDetail(*t, as_of, soon), t->version);
  }

  // Checks what needs storage: units exist, the plan and parent exist, objectives exist.
  Status CheckTaskRefs(const Task& t) {
    DX_RETURN_IF_ERROR(CheckUnitRefs(t));
    if (!store_.GetPlan(t.plan_id).ok()) return InvalidArgument("/plan_id", "unknown plan", "Không có kế hoạch");
    if (t.parent_id) {
      auto parent = store_.GetTask(*t.parent_id);
      if (!parent.ok()) return InvalidArgument("/parent_id", "unknown task", "Không có nhiệm vụ cha");
      if (t.id) {  // no cycles through the parent chain
        std::optional<int64_t> cur = parent->parent_id;
        for (int depth = 0; cur && depth < 1000; ++depth) {
          if (*cur == t.id) return InvalidArgument("/parent_id", "would make a cycle", "Quan hệ cha - con bị vòng lặp");
          auto up = store_.GetTask(*cur);
          cur = up.ok() ? up->parent_id : std::nullopt;
        }
      }
    }
    for (size_t i = 0; i < t.objective_ids.size(); ++i)
      if (!store_.GetObjective(t.objective_ids[i]).ok())
        return InvalidArgument("/objective_ids/" + std::to_string(i), "unknown objective", "Không có mục tiêu");
    return OkStatus();
  }

  // Marking a task done without saying when means today; a completion date carried over
  // from the stored task is dropped when the task leaves "done". A date the client itself
  // sends with another status stays, and validation rejects it.
  void SettleCompletion(json::value& merged, const json::object& sent) {
    auto& o = merged.as_object();
    auto* status = o.if_contains("status");
    const bool done = status && status->is_string() && status->get_string() == "done";
    auto* completed = o.if_contains("completed_on");
    const bool has_date = completed && !completed->is_null();
    if (done && !has_date) o["completed_on"] = FormatIso(Today());
    if (!done && has_date && !sent.contains("completed_on")) o.erase("completed_on");
  }

  // ------------------------------------------------------------ create and patch, for every kind

  // How one kind of record is decoded, checked, stored and shown; creating and patching
  // then go the same way for plans, objectives and tasks.
  template <typename T>
  struct Kind {
    const char* collection;  // "plans": the path under /api/
    Result<T> (*decode)(const json::value&, const std::string&, codec::ReadMode);
    std::function<Status(const T&)> check;  // the references that need storage
    std::function<Result<int64_t>(WriteTxn&, const T&)> create;
    std::function<Status(WriteTxn&, const T&, int64_t)> replace;
    std::function<Result<T>(int64_t)> get;
    std::function<json::object(const T&)> view;
    // Optional: adjusts the JSON before decoding (given what the client sent).
    std::function<void(json::value&, const json::object&)> settle = nullptr;
    // Optional: rules on what a patch may change.
    std::function<Status(const T& updated, const T& current)> check_change = nullptr;
    // What authorisation looks at (core/access.h).
    std::function<Subject(const T&)> subject = nullptr;
    // Optional: true when a change needs the plan editor's right (kEditPlan) on top of
    // the route's own action (a task's lead may move its status, not its assignment).
    std::function<bool(const T& updated, const T& current)> changes_assignment = nullptr;
  };

  template <typename T>
  HttpResponse Create(const Kind<T>& k) {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    if (k.settle) k.settle(*body, json::object(body->as_object()));
    auto item = k.decode(*body, "", codec::ReadMode::kStrict);
    if (!item.ok()) return Unprocessable(item.error());
    item->id = 0;
    Subject subject = k.subject(*item);
    if constexpr (std::is_same_v<T, Plan>) subject.published = true;  // a new plan hides nothing yet
    if (auto no = Authorize(subject)) return *no;
    if (auto s = k.check(*item); !s.ok()) return Unprocessable(s.error());
    int64_t id = 0;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
      DX_ASSIGN_OR_RETURN(id, k.create(txn, *item));
      return OkStatus();
    });
    if (!w.ok()) return Unprocessable(w.error());
    auto stored = k.get(id);
    if (!stored.ok()) return FromError(stored.error());
    HttpResponse r = WithETag(JsonResponse(201, k.view(*stored)), stored->version);
    r.headers.emplace_back("Location", std::string("/api/") + k.collection + "/" + std::to_string(id));
    return r;
  }

  template <typename T>
  HttpResponse Patch(const Kind<T>& k) {
    const int64_t id = id_;
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto cur = k.get(id);
    if (!cur.ok()) return FromError(cur.error());
    if (auto no = Authorize(k.subject(*cur))) return *no;
    if (auto pre = Precondition(cur->version)) return *pre;
    HttpResponse fail;
    auto patch = Body(fail, true);
    if (!patch) return fail;
    json::value merged = codec::ToJson(*cur);
    codec::MergePatch(merged, *patch);
    if (k.settle) k.settle(merged, patch->as_object());
    auto item = k.decode(merged, "", codec::ReadMode::kStrict);
    if (!item.ok()) return Unprocessable(item.error());
    if (item->id != id) return Unprocessable(InvalidArgument("/id", "cannot be changed", "Không được đổi mã bản ghi"));
    if (k.check_change)
      if (auto s = k.check_change(*item, *cur); !s.ok()) return Unprocessable(s.error());
    if (auto no = Authorize(k.subject(*item))) return *no;  // e.g. a plan moved to another issuer
    if (k.changes_assignment && k.changes_assignment(*item, *cur))
      if (auto no = Authorize(Action::kEditPlan, k.subject(*cur))) return *no;
    if (auto s = k.check(*item); !s.ok()) return Unprocessable(s.error());
    Status w = store_.Write(Who(), [&](WriteTxn& txn) { return k.replace(txn, *item, cur->version); });
    if (!w.ok()) return Unprocessable(w.error());
    auto stored = k.get(id);
    if (!stored.ok()) return FromError(stored.error());
    return WithETag(JsonResponse(200, k.view(*stored)), stored->version);
  }

  Kind<Plan> Plans() {
    return {"plans",
            codec::PlanFromJson,
            [this](const Plan& x) { return CheckPlanRefs(x); },
            [](WriteTxn& t, const Plan& x) { return t.CreatePlan(x); },
            [](WriteTxn& t, const Plan& x, int64_t rev) { return t.ReplacePlan(x, rev); },
            [this](int64_t id) { return store_.GetPlan(id); },
            [this](const Plan& x) { return PlanView(x); },
            nullptr,
            nullptr,
            [this](const Plan& x) { return PlanSubject(x); }};
  }

  Kind<Objective> Objectives() {
    return {"objectives",
            codec::ObjectiveFromJson,
            [this](const Objective& x) { return CheckObjectiveRefs(x); },
            [](WriteTxn& t, const Objective& x) { return t.CreateObjective(x); },
            [](WriteTxn& t, const Objective& x, int64_t rev) { return t.ReplaceObjective(x, rev); },
            [this](int64_t id) { return store_.GetObjective(id); },
            [this](const Objective& x) { return ObjectiveView(x); },
            nullptr,
            nullptr,
            [this](const Objective& x) { return PlanSubjectOf(x.plan_id); }};
  }

  Kind<Task> Tasks() {
    Kind<Task> k{"tasks",
                 codec::TaskFromJson,
                 [this](const Task& x) { return CheckTaskRefs(x); },
                 [](WriteTxn& t, const Task& x) { return t.CreateTask(x); },
                 [](WriteTxn& t, const Task& x, int64_t rev) { return t.ReplaceTask(x, rev); },
                 [this](int64_t id) { return store_.GetTask(id); },
                 [this](const Task& x) { return TaskDetail(x, Today(), options_.due_soon_days); }};
    k.settle = [this](json::value& merged, const json::object& sent) { SettleCompletion(merged, sent); };
    k.subject = [this](const Task& x) { return TaskSubject(x); };
    k.changes_assignment = [](const Task& updated, const Task& current) {
      Task same = updated;  // the lead's own fields taken from the current task
      same.status = current.status;
      same.completed_on = current.completed_on;
      same.progress_percent = current.progress_percent;
      same.version = current.version;
      same.created_at = current.created_at;
      same.updated_at = current.updated_at;
      return codec::ToJson(same) != codec::ToJson(current);
    };
    k.check_change = [](const Task& updated, const Task& current) -> Status {
      if (updated.plan_id != current.plan_id)
        return InvalidArgument("/plan_id", "a task cannot move to another plan",
                               "Không được chuyển nhiệm vụ sang kế hoạch khác");
      return OkStatus();
    };
    return k;
  }

  HttpResponse ListProgress() {
    const int64_t id = id_;
    QueryParams p(req_.query, {"limit", "offset"});
    int limit;
    int64_t offset;
    p.Page(limit, offset);
    if (auto bad = p.Problems()) return FromError(*bad);
    auto task = store_.GetTask(id);
    if (!task.ok()) return FromError(task.error());
    if (auto no = Authorize(TaskSubject(*task))) return *no;
    auto page = store_.ListProgress(id, limit, offset);
    if (!page.ok()) return FromError(page.error());
    json::array items;
    for (const auto& e : page->items) {
      json::object o = codec::ToJson(e);
      if (!e.unit_id.empty()) o["unit_name"] = UnitName(*reg_, e.unit_id, Today());
      items.push_back(std::move(o));
    }
    return JsonResponse(200, PageJson(*page, std::move(items)));
  }

  HttpResponse AddProgress() {
    const int64_t id = id_;
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto cur = store_.GetTask(id);
    if (!cur.ok()) return FromError(cur.error());
    int64_t expected = -1;  // If-Match is optional here: entries append; when given it is checked
    if (!req_.if_match.empty()) {
      if (auto pre = Precondition(cur->version)) return *pre;
      expected = cur->version;
    }
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    auto e = codec::ProgressFromJson(*body, "");
    if (!e.ok()) return Unprocessable(e.error());
    e->task_id = id;
    e->id = 0;
    e->at.clear();
    e->author = Who().user;
    const Unit* lead = reg_->Find(cur->lead.unit_id);
    auto members = reg_->Expand(cur->lead.unit_id, Today());
    const bool group = lead && VersionOrLatest(*lead, Today()).kind == UnitKind::kGroup;
    // An addressee of a group task reports for itself without having to say so.
    if (e->unit_id.empty() && group && principal_ &&
        std::find(members.begin(), members.end(), principal_->unit_id) != members.end())
      e->unit_id = principal_->unit_id;
    Subject subject = TaskSubject(*cur);
    subject.reporting_unit = e->unit_id;
    subject.comment_only = !e->percent && !e->status && !e->completed_on;
    if (auto no = Authorize(subject)) return *no;
    if (!e->unit_id.empty()) {
      if (!reg_->Find(e->unit_id)) return Unprocessable(InvalidArgument("/unit", "unknown unit", "Không có đơn vị"));
      if (group && std::find(members.begin(), members.end(), e->unit_id) == members.end())
        return Unprocessable(InvalidArgument("/unit", "not an addressee of this task",
                                             "Đơn vị không thuộc đối tượng được giao nhiệm vụ"));
    }
    int64_t entry_id = 0;
    Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
      DX_ASSIGN_OR_RETURN(entry_id, txn.AddProgress(*e, expected));
      return OkStatus();
    });
    if (!w.ok()) return Unprocessable(w.error());
    auto task = store_.GetTask(id);
    if (!task.ok()) return FromError(task.error());
    auto entries = store_.ListProgress(id, 1, 0);
    json::object out{{"task", TaskDetail(*task, Today(), options_.due_soon_days)}};
    if (entries.ok() && !entries->items.empty()) out["entry"] = codec::ToJson(entries->items.front());
    HttpResponse r = WithETag(JsonResponse(201, out), task->version);
    r.headers.emplace_back("Location", "/api/tasks/" + std::to_string(id) + "/progress");
    return r;
  }

  HttpResponse TaskHistory() {
    const int64_t id = id_;
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto cur = store_.GetTask(id);
    if (!cur.ok()) return FromError(cur.error());
    if (auto no = Authorize(TaskSubject(*cur))) return *no;
    auto hist = store_.TaskHistory(id);
    if (!hist.ok()) return FromError(hist.error());
    json::array items;
    items.push_back(codec::ToJson(*cur));
    for (const auto& t : *hist) {
      json::object o = codec::ToJson(t);
      o["replaced_at"] = t.updated_at;
      o.erase("created_at");
      o.erase("updated_at");
      items.push_back(std::move(o));
    }
    return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", items.size()}});
  }

  // ------------------------------------------------------------ sessions and accounts

  json::object UserView(const User& u) {
    json::object o = codec::ToJson(u);
    o["unit_name"] = u.unit_id.empty() ? json::value(nullptr) : UnitName(*reg_, u.unit_id, Today());
    json::array labels;
    for (Role r : u.roles) labels.push_back(json::value(RoleLabelVi(r)));
    o["role_labels"] = std::move(labels);
    return o;
  }

  // Reads string members of a JSON body: `required` must be there, nothing else may.
  std::optional<std::map<std::string, std::string>> StringFields(const json::value& body,
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

  HttpResponse TooManyAttempts(int64_t wait_s) {
    HttpResponse r = FromError(Error(ErrorCode::kTooManyRequests,
                                     "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau " + std::to_string((wait_s + 59) / 60) + " phút",
                                     "too many failed sign-ins; retry after " + std::to_string(wait_s) + " s"));
    r.headers.emplace_back("Retry-After", std::to_string(wait_s));
    return r;
  }

  HttpResponse WrongCredentials() {
    return Unauthenticated("Sai tên đăng nhập hoặc mật khẩu", "wrong login or password");
  }

  // Starts a session for `u`: the cookie holds the secret, the store its hash.
  HttpResponse StartSession(const User& u, int status) {
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

  HttpResponse Login() {
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

  HttpResponse Logout() {
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

  HttpResponse Me() {
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

  HttpResponse ChangeOwnPassword() {
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

  HttpResponse ListUsers() {
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

  HttpResponse GetUser() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto u = store_.GetUser(id_);
    if (!u.ok()) return FromError(u.error());
    return Single(UserView(*u), u->version);
  }

  // The password an admin sets, or a generated one shown once in the answer.
  Result<std::pair<std::string, bool>> ChosenPassword(std::optional<std::string> given, const std::string& login) {
    if (!given) return std::make_pair(auth::RandomPassword(20), true);
    DX_RETURN_IF_ERROR(auth::CheckNewPassword(*given, login));
    return std::make_pair(std::move(*given), false);
  }

  HttpResponse CreateUser() {
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
  Status KeepAnAdmin(const User& updated, const User& current) {
    const bool was = HasRole(current, Role::kAdmin) && !current.disabled;
    const bool is = HasRole(updated, Role::kAdmin) && !updated.disabled;
    if (!was || is) return OkStatus();
    auto admins = store_.CountAdmins();
    if (!admins.ok()) return std::move(admins).error();
    if (*admins > 1) return OkStatus();
    return Error(ErrorCode::kConflict, "Không thể khóa hoặc bỏ quyền quản trị của quản trị viên cuối cùng",
                 "cannot disable or demote the last enabled admin", {FieldError{"/roles", "last admin"}});
  }

  HttpResponse PatchUser() {
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

  HttpResponse ResetPassword() {
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

  HttpResponse RevokeUserSessions() {
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

  json::object TokenView(const ApiToken& t) {
    json::object o = codec::ToJson(t);
    o["unit_name"] = UnitName(*reg_, t.unit_id, Today());
    return o;
  }

  HttpResponse ListTokens() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    auto tokens = store_.ListApiTokens();
    if (!tokens.ok()) return FromError(tokens.error());
    json::array items;
    for (const auto& t : *tokens) items.push_back(TokenView(t));
    const size_t total = items.size();
    return JsonResponse(200, json::object{{"items", std::move(items)}, {"total", total}});
  }

  HttpResponse CreateToken() {
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

  HttpResponse RevokeToken() {
    QueryParams p(req_.query, {});
    if (auto bad = p.Problems()) return FromError(*bad);
    Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.RevokeApiToken(id_); });
    if (!w.ok()) return FromError(w.error());
    auto stored = store_.GetApiToken(id_);
    if (!stored.ok()) return FromError(stored.error());
    return JsonResponse(200, TokenView(*stored));
  }

  // Zero-argument forms of the generic kinds, for the route table.
  HttpResponse CreatePlan() { return Create(Plans()); }
  HttpResponse PatchPlan() { return Patch(Plans()); }
  HttpResponse CreateObjective() { return Create(Objectives()); }
  HttpResponse PatchObjective() { return Patch(Objectives()); }
  HttpResponse CreateTask() { return Create(Tasks()); }
  HttpResponse PatchTask() { return Patch(Tasks()); }

  Store& store_;
  const Clock& clock_;
  const ApiOptions& options_;
  const HttpRequest& req_;
  std::shared_ptr<const UnitRegistry> reg_;
  auth::PasswordHasher& hasher_;
  auth::LoginThrottle& throttle_;
  EventHub& events_;
  const std::chrono::system_clock::time_point now_;
  const std::string client_;  // the client's address (behind a trusted proxy: the forwarded one)
  std::optional<Principal> principal_;
  std::optional<User> user_;        // when signed in with a session cookie
  std::optional<Session> session_;
  Action action_ = Action::kPublic;
  bool authorized_ = false;
  bool clear_cookie_ = false;
  int64_t id_ = 0;       // the {id} path parameter
  std::string key_;      // the {key} path parameter

  friend const std::vector<::dxgov::api::Route>& RouteTable();
};

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
  };
  return kRoutes;
}

}  // namespace

Api::Api(Store& store, const Clock& clock, ApiOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      hasher_(std::make_unique<auth::PasswordHasher>(
          options_.max_hashes_in_flight, auth::HashParams{options_.hash_memory_kib, options_.hash_passes, 1})),
      throttle_(std::make_unique<auth::LoginThrottle>()),
      events_(std::make_unique<EventHub>()) {}

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
