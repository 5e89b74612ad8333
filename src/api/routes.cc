#include "api/routes.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

#include "codec/json_codec.h"
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
  if ((status == 412 || status == 428) && !e.detail.empty()) r.headers.emplace_back("ETag", e.detail);
  if (status == 503) r.headers.emplace_back("Retry-After", "5");
  return r;
}

// Body validation failures are well-formed requests that break a rule: 422.
HttpResponse Unprocessable(const Error& e) { return FromError(e, e.code() == ErrorCode::kInvalidArgument ? 422 : 0); }

// ---------------------------------------------------------------- query parameters

class Params {
 public:
  Params(const HttpRequest& req, std::initializer_list<const char*> allowed) {
    std::set<std::string> ok(allowed.begin(), allowed.end());
    for (const auto& [k, v] : req.query) {
      if (!ok.count(k)) {
        unknown_.push_back(k);
        continue;
      }
      if (values_.count(k)) errs_.push_back({"/query/" + k, "given more than once"});
      values_[k] = v;
    }
  }

  std::optional<std::string> Str(const std::string& k) {
    auto it = values_.find(k);
    if (it == values_.end()) return std::nullopt;
    if (!text::IsValidUtf8(it->second) || it->second.size() > 1000) {
      errs_.push_back({"/query/" + k, "must be valid UTF-8 of at most 1000 bytes"});
      return std::nullopt;
    }
    return text::Nfc(it->second);
  }
  std::optional<int64_t> Int(const std::string& k, int64_t lo, int64_t hi) {
    auto s = Str(k);
    if (!s) return std::nullopt;
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || p != s->data() + s->size() || v < lo || v > hi) {
      errs_.push_back({"/query/" + k, "must be an integer " + std::to_string(lo) + ".." + std::to_string(hi)});
      return std::nullopt;
    }
    return v;
  }
  std::optional<Date> DateP(const std::string& k) {
    auto s = Str(k);
    if (!s) return std::nullopt;
    auto d = ParseIsoDate(*s);
    if (!d) errs_.push_back({"/query/" + k, "must be a date YYYY-MM-DD"});
    return d;
  }
  bool Bool(const std::string& k) {
    auto s = Str(k);
    if (!s) return false;
    if (*s == "true" || *s == "1") return true;
    if (*s != "false" && *s != "0") errs_.push_back({"/query/" + k, "must be true or false"});
    return false;
  }
  // Comma-separated values each accepted by `parse`.
  template <typename T, typename F>
  std::vector<T> List(const std::string& k, F parse, const char* allowed) {
    std::vector<T> out;
    auto s = Str(k);
    if (!s) return out;
    size_t start = 0;
    while (start <= s->size()) {
      size_t comma = s->find(',', start);
      if (comma == std::string::npos) comma = s->size();
      std::string item = s->substr(start, comma - start);
      auto v = parse(item);
      if (!v) errs_.push_back({"/query/" + k, "'" + item + "' is not one of " + allowed});
      else out.push_back(*v);
      start = comma + 1;
    }
    return out;
  }
  void Page(int& limit, int64_t& offset) {
    limit = static_cast<int>(Int("limit", 1, kMaxLimit).value_or(kDefaultLimit));
    offset = Int("offset", 0, INT64_MAX / 2).value_or(0);
  }
  void Fail(std::string path, std::string reason) { errs_.push_back({std::move(path), std::move(reason)}); }

  // 400 naming every unknown or malformed parameter; nullopt when all were fine.
  std::optional<HttpResponse> Problems() const {
    if (unknown_.empty() && errs_.empty()) return std::nullopt;
    std::vector<FieldError> fields = errs_;
    std::string names;
    for (const auto& u : unknown_) {
      fields.push_back({"/query/" + u, "unknown parameter"});
      names += (names.empty() ? "" : ", ") + u;
    }
    std::string vi = unknown_.empty() ? "Tham số truy vấn không hợp lệ" : "Tham số truy vấn không được hỗ trợ: " + names;
    std::string en = unknown_.empty() ? "invalid query parameters" : "unknown query parameters: " + names;
    return FromError(Error(ErrorCode::kInvalidArgument, vi, en, std::move(fields)));
  }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> unknown_;
  std::vector<FieldError> errs_;
};

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

HttpResponse MethodNotAllowed(const char* allow) {
  HttpResponse r = Api::ErrorResponse(405, "method_not_allowed", "Phương thức không được hỗ trợ cho địa chỉ này",
                                      std::string("method not allowed; use ") + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

class Handler {
 public:
  Handler(Store& store, const Clock& clock, const ApiOptions& options, const HttpRequest& req)
      : store_(store), clock_(clock), options_(options), req_(req), reg_(store.Units()) {}

  HttpResponse Dispatch() {
    const auto parts = Split(req_.path);
    const std::string& m = req_.method;
    if (parts.size() == 1 && parts[0] == "healthz") return Health();
    if (parts.size() == 1 && parts[0] == "version") return Version();
    if (parts.size() < 2 || parts[0] != "api") return NotFoundRoute();
    const std::string& coll = parts[1];
    if (parts.size() == 2) {
      if (coll == "audit") return m == "GET" ? ListAudit() : MethodNotAllowed("GET");
      if (coll == "units") return m == "GET" ? ListUnits() : m == "POST" ? CreateUnit() : MethodNotAllowed("GET, POST");
      if (coll == "plans") return m == "GET" ? ListPlans() : m == "POST" ? Create(Plans()) : MethodNotAllowed("GET, POST");
      if (coll == "objectives")
        return m == "GET" ? ListObjectives() : m == "POST" ? Create(Objectives()) : MethodNotAllowed("GET, POST");
      if (coll == "tasks") return m == "GET" ? ListTasks() : m == "POST" ? Create(Tasks()) : MethodNotAllowed("GET, POST");
      return NotFoundRoute();
    }
    const std::string& key = parts[2];
    if (parts.size() == 3) {
      if (coll == "units") return m == "GET" ? GetUnit(key) : m == "PATCH" ? PatchUnit(key) : MethodNotAllowed("GET, PATCH");
      auto id = IdOf(key);
      if (!id) return FromError(NotFound("bản ghi", "record", key));
      if (coll == "plans") return m == "GET" ? GetPlan(*id) : m == "PATCH" ? Patch(Plans(), *id) : MethodNotAllowed("GET, PATCH");
      if (coll == "objectives")
        return m == "GET" ? GetObjective(*id) : m == "PATCH" ? Patch(Objectives(), *id) : MethodNotAllowed("GET, PATCH");
      if (coll == "tasks") return m == "GET" ? GetTask(*id) : m == "PATCH" ? Patch(Tasks(), *id) : MethodNotAllowed("GET, PATCH");
      return NotFoundRoute();
    }
    if (parts.size() == 4 && coll == "tasks") {
      auto id = IdOf(key);
      if (!id) return FromError(NotFound("nhiệm vụ", "task", key));
      if (parts[3] == "progress")
        return m == "GET" ? ListProgress(*id) : m == "POST" ? AddProgress(*id) : MethodNotAllowed("GET, POST");
      if (parts[3] == "history") return m == "GET" ? TaskHistory(*id) : MethodNotAllowed("GET");
    }
    return NotFoundRoute();
  }

 private:
  HttpResponse NotFoundRoute() {
    return Api::ErrorResponse(404, "not_found", "Không có địa chỉ " + req_.path, "no route for " + req_.path);
  }

  HttpResponse Health() {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
    return JsonResponse(200, json::object{{"status", "ok"}});
  }

  HttpResponse Version() {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
    StoreInfo info = store_.Info();
    return JsonResponse(200, json::object{{"name", "dxgov"}, {"version", options_.version},
                                          {"store", info.backend}, {"schema_version", info.schema_version}});
  }

  Date Today() const { return clock_.Today(); }

  // Who makes a change, for the audit trail (a user once accounts exist).
  Actor Who() const { return Actor{"anonymous", req_.remote}; }

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
    Params p(req_, {"entity", "entity_id", "actor", "from", "to", "limit", "offset"});
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
    if (auto bad = p.Problems()) return *bad;
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
    Params p(req_, {"as_of", "kind", "parent", "q", "limit", "offset"});
    UnitQuery q;
    q.as_of = p.DateP("as_of");
    q.kinds = p.List<UnitKind>("kind", ParseUnitKind,
                               "committee|committee_body|ministry|ministry_agency|government_agency|province|city|"
                               "department|commune|organisation|enterprise|group");
    q.parent_id = p.Str("parent").value_or("");
    q.q = p.Str("q").value_or("");
    p.Page(q.limit, q.offset);
    if (auto bad = p.Problems()) return *bad;
    auto page = QueryUnits(*reg_, q);
    json::array items;
    for (const Unit* u : page.items) items.push_back(UnitView(*u, *reg_, q.as_of));
    return JsonResponse(200, PageJson(page, std::move(items)));
  }

  HttpResponse GetUnit(const std::string& id) {
    Params p(req_, {"as_of"});
    auto as_of = p.DateP("as_of");
    if (auto bad = p.Problems()) return *bad;
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
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
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

  HttpResponse PatchUnit(const std::string& id) {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
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
    Params p(req_, {"kind", "parent", "issuer", "limit", "offset"});
    PlanQuery q;
    q.kind = p.Str("kind").value_or("");
    if (auto pid = p.Int("parent", 1, INT64_MAX)) q.parent_id = *pid;
    q.issuer = p.Str("issuer").value_or("");
    p.Page(q.limit, q.offset);
    if (auto bad = p.Problems()) return *bad;
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

  HttpResponse GetPlan(int64_t id) {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
    auto plan = store_.GetPlan(id);
    if (!plan.ok()) return FromError(plan.error());
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
    Params p(req_, {"plan", "under_plan", "q", "limit", "offset"});
    ObjectiveQuery q;
    if (auto v = p.Int("plan", 1, INT64_MAX)) q.plan_id = *v;
    if (auto v = p.Int("under_plan", 1, INT64_MAX)) q.under_plan_id = *v;
    q.q = p.Str("q").value_or("");
    p.Page(q.limit, q.offset);
    if (auto bad = p.Problems()) return *bad;
    auto page = store_.ListObjectives(q);
    if (!page.ok()) return FromError(page.error());
    json::array items;
    for (const auto& o : page->items) items.push_back(ObjectiveView(o));
    return JsonResponse(200, PageJson(*page, std::move(items)));
  }

  json::object ObjectiveView(const Objective& o) {
    json::object v = codec::ToJson(o);
    auto& targets = v["targets"].as_array();
    for (size_t i = 0; i < targets.size(); ++i) targets[i].as_object()["label"] = DescribeTargetVi(o.targets[i]);
    return v;
  }

  HttpResponse GetObjective(int64_t id) {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
    auto o = store_.GetObjective(id);
    if (!o.ok()) return FromError(o.error());
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
    Params p(req_, {"plan", "under_plan", "section", "lead", "coordinator", "unit", "include_predecessors", "status",
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
    if (auto bad = p.Problems()) return *bad;
    const Date as_of = q.as_of.value_or(Today());
    q.as_of = as_of;
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

  HttpResponse GetTask(int64_t id) {
    Params p(req_, {"as_of", "due_soon_days"});
    const Date as_of = p.DateP("as_of").value_or(Today());
    const int soon = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
    if (auto bad = p.Problems()) return *bad;
    auto t = store_.GetTask(id);
    if (!t.ok()) return FromError(t.error());
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
  };

  template <typename T>
  HttpResponse Create(const Kind<T>& k) {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
    HttpResponse fail;
    auto body = Body(fail, false);
    if (!body) return fail;
    if (k.settle) k.settle(*body, json::object(body->as_object()));
    auto item = k.decode(*body, "", codec::ReadMode::kStrict);
    if (!item.ok()) return Unprocessable(item.error());
    item->id = 0;
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
  HttpResponse Patch(const Kind<T>& k, int64_t id) {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
    auto cur = k.get(id);
    if (!cur.ok()) return FromError(cur.error());
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
            [this](const Plan& x) { return PlanView(x); }};
  }

  Kind<Objective> Objectives() {
    return {"objectives",
            codec::ObjectiveFromJson,
            [this](const Objective& x) { return CheckObjectiveRefs(x); },
            [](WriteTxn& t, const Objective& x) { return t.CreateObjective(x); },
            [](WriteTxn& t, const Objective& x, int64_t rev) { return t.ReplaceObjective(x, rev); },
            [this](int64_t id) { return store_.GetObjective(id); },
            [this](const Objective& x) { return ObjectiveView(x); }};
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
    k.check_change = [](const Task& updated, const Task& current) -> Status {
      if (updated.plan_id != current.plan_id)
        return InvalidArgument("/plan_id", "a task cannot move to another plan",
                               "Không được chuyển nhiệm vụ sang kế hoạch khác");
      return OkStatus();
    };
    return k;
  }

  HttpResponse ListProgress(int64_t id) {
    Params p(req_, {"limit", "offset"});
    int limit;
    int64_t offset;
    p.Page(limit, offset);
    if (auto bad = p.Problems()) return *bad;
    if (auto t = store_.GetTask(id); !t.ok()) return FromError(t.error());
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

  HttpResponse AddProgress(int64_t id) {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
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
    if (!e->unit_id.empty()) {
      const Unit* lead = reg_->Find(cur->lead.unit_id);
      auto members = reg_->Expand(cur->lead.unit_id, Today());
      const bool group = lead && VersionOrLatest(*lead, Today()).kind == UnitKind::kGroup;
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

  HttpResponse TaskHistory(int64_t id) {
    Params p(req_, {});
    if (auto bad = p.Problems()) return *bad;
    auto cur = store_.GetTask(id);
    if (!cur.ok()) return FromError(cur.error());
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

  Store& store_;
  const Clock& clock_;
  const ApiOptions& options_;
  const HttpRequest& req_;
  std::shared_ptr<const UnitRegistry> reg_;
};

}  // namespace

Api::Api(Store& store, const Clock& clock, ApiOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {}

HttpResponse Api::ErrorResponse(int status, const std::string& code, const std::string& message_vi,
                                const std::string& message_en) {
  return JsonResponse(status, json::object{{"error", json::object{{"code", code}, {"message", message_vi},
                                                                  {"message_en", message_en},
                                                                  {"fields", json::array{}}}}});
}

HttpResponse Api::Handle(const HttpRequest& req) const {
  try {
    return Handler(store_, clock_, options_, req).Dispatch();
  } catch (const std::exception& e) {
    // A bug, not a user error: answer 500 without internals; the server logs the header.
    HttpResponse r = ErrorResponse(500, "internal", "Lỗi hệ thống; sự cố đã được ghi lại",
                                   "internal error; the event was logged");
    r.headers.emplace_back("X-Dxgov-Log", std::string("exception: ") + e.what());
    return r;
  }
}

}  // namespace dxgov::api
