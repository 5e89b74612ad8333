// Accounts and authorisation over real HTTP on loopback against a real SQLite file with
// the demo data: sign-in, cookies, CSRF, throttling, tokens, and the authorisation matrix
// generated from the route table (Api::Routes): every route × every role × own unit /
// descendant / foreign unit / anonymous. A route the matrix has no rule for fails it.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <map>
#include <thread>
#include <tuple>

#include "api/demo_server.h"
#include "support/http_client.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;
using testing::Http;
using testing::HttpResult;

constexpr const char* kPassword = "Mật khẩu thử nghiệm đủ dài 2026";
// The units the matrix speaks of: a 2025 province, one of its communes, another province.
constexpr const char* kOwn = "tinh-tuyen-quang-2025";
constexpr const char* kDescendant = "xa-2025-02269";
constexpr const char* kForeign = "tp-ha-noi";

enum class Rel { kNone, kOwn, kDescendant, kForeign };
const char* RelName(Rel r) {
  return r == Rel::kNone ? "-" : r == Rel::kOwn ? "own" : r == Rel::kDescendant ? "descendant" : "foreign";
}
const char* UnitOf(Rel r) { return r == Rel::kDescendant ? kDescendant : r == Rel::kForeign ? kForeign : kOwn; }

enum class Outcome { kAllow, k401, k403, k404 };
const char* OutcomeName(Outcome o) {
  return o == Outcome::kAllow ? "allowed" : o == Outcome::k401 ? "401" : o == Outcome::k403 ? "403" : "404";
}

class AuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::DemoServer("dxgov-auth");
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en();
    for (const auto& [login, unit, role] : std::vector<std::tuple<std::string, std::string, Role>>{
             {"admin", "", Role::kAdmin},
             {"thuongtruc", "bo-khcn", Role::kStandingEditor},
             {"bientap", kOwn, Role::kUnitEditor},
             {"pheduyet", kOwn, Role::kUnitApprover},
             {"xem", kOwn, Role::kViewer},
             {"khoa", kOwn, Role::kUnitEditor}}) {
      Status added = server_->AddUser(login, unit, role, kPassword);
      ASSERT_TRUE(added.ok()) << login << ": " << added.error().message_en();
    }
    port_ = server_->port();
    admin_ = testing::SignIn(port_, "admin", kPassword);
    ASSERT_FALSE(admin_.empty());
  }

  static void TearDownTestSuite() { delete server_; }

  static json::value Json(const HttpResult& r) {
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    return ec ? json::value(nullptr) : v;
  }
  static HttpResult As(const Headers& who, const std::string& method, const std::string& target,
                       const std::string& body = "", Headers extra = {}) {
    Headers h = who;
    h.insert(h.end(), extra.begin(), extra.end());
    if (who.empty()) h.emplace_back("Cookie", "");  // anonymous
    return Http(port_, method, target, body, h);
  }
  static std::string ETag(const std::string& url) { return As(admin_, "GET", url).header("etag"); }
  static int64_t CreatedId(const HttpResult& r) {
    const json::value v = Json(r);
    if (const auto* id = v.is_object() ? v.as_object().if_contains("id") : nullptr) return id->as_int64();
    return 0;
  }

  static inline testing::DemoServer* server_ = nullptr;
  static inline uint16_t port_ = 0;
  static inline Headers admin_;
};

TEST_F(AuthTest, SignInSetsAHardenedCookieAndSignOutEndsIt) {
  HttpResult r = Http(port_, "POST", "/api/session", R"({"login":"xem","password":")" + std::string(kPassword) + "\"}");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("dxgov_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain http without --public-url https
  EXPECT_EQ(r.header("cache-control"), "no-store");
  const json::value v = Json(r);
  EXPECT_EQ(v.at("user").at("login"), "xem");
  EXPECT_FALSE(v.at("user").as_object().contains("password_hash"));
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
  const Headers session = {{"Cookie", cookie.substr(0, cookie.find(';'))},
                           {"X-CSRF-Token", std::string(v.at("csrf_token").as_string())}};
  EXPECT_EQ(As(session, "GET", "/api/session").status, 200);
  EXPECT_EQ(Json(As(session, "GET", "/api/session")).at("user").at("roles").at(0), "viewer");
  // Signing in again while the old cookie is still live needs no CSRF token.
  EXPECT_EQ(As({session[0]}, "POST", "/api/session", R"({"login":"xem","password":")" + std::string(kPassword) + "\"}").status,
            200);
  EXPECT_EQ(As(session, "DELETE", "/api/session").status, 204);
  HttpResult after = As(session, "GET", "/api/session");
  EXPECT_EQ(after.status, 401);
  EXPECT_NE(after.header("set-cookie").find("Max-Age=0"), std::string::npos);  // the stale cookie is cleared
}

TEST_F(AuthTest, CookieWritesNeedTheCsrfToken) {
  Headers s = testing::SignIn(port_, "bientap", kPassword);
  ASSERT_EQ(s.size(), 2u);
  const Headers cookie_only = {s[0]};
  HttpResult r = As(cookie_only, "DELETE", "/api/session");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Json(r).at("error").at("fields").at(0).at("path"), "/headers/X-CSRF-Token");
  EXPECT_EQ(As({s[0], {"X-CSRF-Token", "doan-bua"}}, "DELETE", "/api/session").status, 403);
  EXPECT_EQ(As(cookie_only, "GET", "/api/session").status, 200);  // reads need no token
}

TEST_F(AuthTest, WrongPasswordsAreThrottledPerAccount) {
  for (int i = 0; i < 5; ++i) {
    HttpResult r = Http(port_, "POST", "/api/session", R"({"login":"khoa","password":"sai mật khẩu rồi"})");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Json(r).at("error").at("message"), "Sai tên đăng nhập hoặc mật khẩu");
  }
  HttpResult locked = Http(port_, "POST", "/api/session", R"({"login":"khoa","password":")" + std::string(kPassword) + "\"}");
  EXPECT_EQ(locked.status, 429);
  EXPECT_GT(std::stoi(locked.header("retry-after")), 800);
  // An unknown login answers exactly like a wrong password.
  HttpResult unknown = Http(port_, "POST", "/api/session", R"({"login":"khong-co-ai","password":"sai mật khẩu rồi"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(Json(unknown).at("error").at("message"), "Sai tên đăng nhập hoặc mật khẩu");
}

TEST_F(AuthTest, AdminsManageUsersAndTheLastAdminStays) {
  HttpResult weak = As(admin_, "POST", "/api/users",
                       R"({"login":"lan.pt","display_name":"Phạm Thị Lan","unit":"bo-khcn","roles":["viewer"],"password":"matkhau123456"})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(Json(weak).at("error").at("fields").at(0).at("path"), "/password");
  HttpResult made = As(admin_, "POST", "/api/users",
                       R"({"login":"lan.pt","display_name":"Phạm Thị Lan","unit":"bo-khcn","roles":["viewer"]})");
  ASSERT_EQ(made.status, 201) << made.body;
  const json::value v = Json(made);
  const std::string generated(v.at("initial_password").as_string());
  EXPECT_EQ(generated.size(), 20u);
  const int64_t id = v.at("user").at("id").as_int64();
  Headers lan = testing::SignIn(port_, "lan.pt", generated);
  ASSERT_FALSE(lan.empty());
  // Disabling ends the user's sessions at once.
  const std::string url = "/api/users/" + std::to_string(id);
  EXPECT_EQ(As(admin_, "PATCH", url, R"({"disabled":true})", {{"If-Match", ETag(url)}}).status, 200);
  EXPECT_EQ(As(lan, "GET", "/api/session").status, 401);
  EXPECT_TRUE(testing::SignIn(port_, "lan.pt", generated).empty());
  // The only admin cannot be disabled.
  const int64_t admin_id = Json(As(admin_, "GET", "/api/session")).at("user").at("id").as_int64();
  const std::string admin_url = "/api/users/" + std::to_string(admin_id);
  EXPECT_EQ(As(admin_, "PATCH", admin_url, R"({"disabled":true})", {{"If-Match", ETag(admin_url)}}).status, 409);
  // The audit trail names the admin, never a password hash.
  const json::value trail = Json(As(admin_, "GET", "/api/audit?entity=user&entity_id=" + std::to_string(id)));
  EXPECT_EQ(trail.at("total"), 2);
  EXPECT_EQ(trail.at("items").at(0).at("actor"), "admin");
  EXPECT_EQ(json::serialize(trail).find("argon2"), std::string::npos);
}

TEST_F(AuthTest, TokensAreShownOnceActInTheirUnitAndCanBeRevoked) {
  HttpResult made = As(admin_, "POST", "/api/tokens",
                       std::string(R"({"name":"Cổng dịch vụ công tỉnh","unit":")") + kOwn + R"(","permissions":["progress"]})");
  ASSERT_EQ(made.status, 201) << made.body;
  const json::value v = Json(made);
  const std::string secret(v.at("secret").as_string());
  EXPECT_EQ(secret.rfind("dxt_", 0), 0u);
  const int64_t id = v.at("token").at("id").as_int64();
  const Headers bearer = {{"Authorization", "Bearer " + secret}};
  EXPECT_EQ(Json(As(bearer, "GET", "/api/session")).at("actor").as_string(), "token:" + std::to_string(id));
  const json::value listed = Json(As(admin_, "GET", "/api/tokens"));
  EXPECT_EQ(listed.as_object().at("items").as_array().back().at("last_used_at").is_string(), true);
  EXPECT_EQ(json::serialize(listed).find(secret), std::string::npos);
  EXPECT_EQ(As(admin_, "DELETE", "/api/tokens/" + std::to_string(id)).status, 200);
  EXPECT_EQ(As(bearer, "GET", "/api/session").status, 401);
  EXPECT_EQ(As({{"Authorization", "Bearer dxt_not-a-real-token"}}, "GET", "/api/tasks").status, 401);
  EXPECT_EQ(As({{"Authorization", "Basic YWRtaW46YWRtaW4="}}, "GET", "/api/tasks").status, 401);
}

TEST_F(AuthTest, DraftPlansAreInvisibleOutsideTheirIssuer) {
  HttpResult plan = As(admin_, "POST", "/api/plans",
                       std::string(R"({"kind":"plan","key":"ke-hoach-nhap","title":"Kế hoạch nháp của tỉnh","decision":{"issuer":")") +
                           kOwn + R"("},"published":false})");
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string url = "/api/plans/" + std::to_string(CreatedId(plan));
  EXPECT_EQ(As({}, "GET", url).status, 404);
  EXPECT_EQ(As(testing::SignIn(port_, "xem", kPassword), "GET", url).status, 200);  // a viewer of the issuer
  const int64_t anon_total = Json(As({}, "GET", "/api/plans")).at("total").as_int64();
  const int64_t admin_total = Json(As(admin_, "GET", "/api/plans")).at("total").as_int64();
  EXPECT_EQ(admin_total, anon_total + 1);
}

// ---------------------------------------------------------------- the matrix

struct Caller {
  std::string name;
  Headers headers;
  bool global = false;   // admin or standing editor
  bool admin = false;
  bool edits = false;    // unit editor
  bool reports = false;  // may report progress in its unit
  bool token = false;
  bool approves = false;  // unit approver
  Caller(std::string n, Headers h, bool g = false, bool a = false, bool e = false, bool r = false, bool t = false,
         bool ap = false)
      : name(std::move(n)), headers(std::move(h)), global(g), admin(a), edits(e), reports(r), token(t), approves(ap) {}
};

// What each action allows, written from the issue's role table, independently of
// core/access.cc. `rel` is the record's unit relative to the principal's unit.
Outcome Expected(Action a, const Caller& p, Rel rel, bool collection) {
  const bool anon = p.headers.empty();
  const bool in_scope = rel == Rel::kOwn || rel == Rel::kDescendant;
  switch (a) {
    case Action::kImportPlan:
      // Plan editors upload and list; an import is theirs to see when its issuer is in
      // scope (or they uploaded it: the fixtures' uploader is the admin); to other plan
      // editors it does not exist.
      if (anon) return Outcome::k401;
      if (!p.global && !p.edits) return Outcome::k403;
      if (collection || p.global || in_scope) return Outcome::kAllow;
      return Outcome::k404;
    case Action::kPublic:
    case Action::kRead:
      return Outcome::kAllow;
    case Action::kReadInternal:
    case Action::kSignedIn:
      return anon ? Outcome::k401 : Outcome::kAllow;
    case Action::kEditUnits:
    case Action::kManageAccounts:
      return anon ? Outcome::k401 : p.admin ? Outcome::kAllow : Outcome::k403;
    case Action::kReadAudit:
      return anon ? Outcome::k401 : p.global ? Outcome::kAllow : Outcome::k403;
    case Action::kEditPlan:
    case Action::kEditTask:
      return anon ? Outcome::k401 : (p.global || (p.edits && in_scope)) ? Outcome::kAllow : Outcome::k403;
    case Action::kReportProgress:
    case Action::kReportValues:
      return anon ? Outcome::k401 : (p.global || (p.reports && in_scope)) ? Outcome::kAllow : Outcome::k403;
    case Action::kEditIndicators:
      return anon ? Outcome::k401 : p.global ? Outcome::kAllow : Outcome::k403;
    case Action::kManageCycles:
    case Action::kManageSessions:
    case Action::kSendReminders:
      return anon ? Outcome::k401 : p.global ? Outcome::kAllow : Outcome::k403;
    case Action::kReadReport:
    case Action::kSubmitReport:
    case Action::kReviewReport: {
      // A unit's report exists for whoever may read, report for or approve the unit;
      // it is submitted by its reporters and reviewed from above, never by the unit itself.
      if (anon) return Outcome::k401;
      if (p.global) return Outcome::kAllow;
      if (!in_scope) return Outcome::k404;
      if (a == Action::kReadReport) return Outcome::kAllow;
      if (a == Action::kSubmitReport) return p.reports ? Outcome::kAllow : Outcome::k403;
      return p.approves && rel == Rel::kDescendant ? Outcome::kAllow : Outcome::k403;
    }
    case Action::kApprove:
      // Figures: approvers in their subtree, and the standing agency everywhere.
      return anon ? Outcome::k401 : (p.global || (p.approves && in_scope)) ? Outcome::kAllow : Outcome::k403;
  }
  return Outcome::k403;
}

struct Probe {
  std::string target;
  std::string body;
  std::string etag_of;  // GET this first (as admin) and send its ETag as If-Match
  std::string content_type;  // "" = the client's default (JSON)
  Probe(std::string t, std::string b = "", std::string e = "", std::string ct = "")
      : target(std::move(t)), body(std::move(b)), etag_of(std::move(e)), content_type(std::move(ct)) {}
};

// A small plan document issued by `issuer_line` (the way a province or commune heads it),
// its tasks led by a ministry the registry knows.
std::string PlanDocument(const std::string& issuer_line, const std::string& number) {
  return "ỦY BAN NHÂN DÂN\n" + issuer_line +
         "\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: " + number +
         "\n\nTuyên Quang, ngày 10 tháng 9 năm 2025\n\nKẾ HOẠCH\nChuyển đổi số năm 2026\n\nI. NHIỆM VỤ\n"
         "1. Bộ Khoa học và Công nghệ chủ trì hướng dẫn số hóa hồ sơ. Thời gian hoàn thành: Tháng 6/2026.\n"
         "2. Bộ Nội vụ chủ trì, phối hợp với Bộ Công an xây dựng kho dữ liệu. Thời gian hoàn thành: Quý IV/2026.\n";
}
const char* IssuerLineOf(Rel r) {
  return r == Rel::kDescendant ? "XÃ THƯỢNG LÂM" : r == Rel::kForeign ? "THÀNH PHỐ HÀ NỘI" : "TỈNH TUYÊN QUANG";
}

class Fixtures {
 public:
  Fixtures(const std::function<HttpResult(const std::string&, const std::string&, const std::string&)>& admin,
           uint16_t port, Headers admin_headers)
      : admin_(admin), port_(port), admin_headers_(std::move(admin_headers)) {
    admin_headers_.emplace_back("Content-Type", "text/markdown");
    for (Rel r : {Rel::kOwn, Rel::kDescendant, Rel::kForeign}) {
      const std::string unit = UnitOf(r);
      HttpResult plan = admin("POST", "/api/plans",
                              R"({"kind":"plan","key":"kh-)" + unit + R"(","title":"Kế hoạch )" + unit +
                                  R"(","decision":{"issuer":")" + unit + R"("},"published":true})");
      plans_[r] = Id(plan);
      HttpResult obj = admin("POST", "/api/objectives",
                             R"({"plan_id":)" + std::to_string(plans_[r]) + R"(,"code":"I.1","text":"Mục tiêu"})");
      objectives_[r] = Id(obj);
      // A task of the national plan led by the unit: the lead's rights, not the plan's.
      HttpResult task = admin("POST", "/api/tasks",
                              R"({"plan_id":2,"section":"M","number":"M.)" + std::to_string(static_cast<int>(r)) +
                                  R"(","title":"Nhiệm vụ ma trận","lead":")" + unit + R"("})");
      tasks_[r] = Id(task);
      // A member's key task in the unit's plan, reported on by the unit.
      HttpResult key_task = admin("POST", "/api/key-tasks",
                                  R"({"plan_id":)" + std::to_string(plans_[r]) + R"(,"member":"Bộ trưởng","unit":")" + unit +
                                      R"(","title":"Nhiệm vụ trọng điểm ma trận","year":2026})");
      key_tasks_[r] = Id(key_task);
    }
    HttpResult session = admin("POST", "/api/committee-sessions",
                               R"({"committee":"ubqg-cds","title":"Phiên họp ma trận","year":2026,"month":5})");
    session_ = Id(session);
    HttpResult user = admin("POST", "/api/users", R"({"login":"muc-tieu","display_name":"Mục tiêu","unit":"bo-khcn","roles":["viewer"]})");
    user_ = Id(user, "user");
    for (Rel r : {Rel::kOwn, Rel::kDescendant, Rel::kForeign}) imports_[r] = Upload(r, 0);
    // A progress entry on each unit's task, with a file attached.
    for (Rel r : {Rel::kOwn, Rel::kDescendant, Rel::kForeign}) {
      HttpResult entry = admin("POST", "/api/tasks/" + std::to_string(tasks_[r]) + "/progress", R"({"text":"Có biên bản"})");
      entries_[r] = Id(entry, "entry");
      HttpResult file = Http(port_, "POST", "/api/evidence?progress=" + std::to_string(entries_[r]) + "&name=bien-ban.pdf",
                             Pdf(0), PdfHeaders());
      evidence_[r] = Id(file);
    }
    // An open report cycle the three units answer, each with a saved draft to review.
    HttpResult cycle = admin("POST", "/api/cycles", std::string(R"({"title":"Báo cáo quý III/2026","period":"2026-Q3",
        "due":"2026-10-15","respondents":{"units":[")") + kOwn + R"(",")" + kDescendant + R"(",")" + kForeign +
                                                      R"("]},"plans":[2],"state":"open"})");
    cycle_ = Id(cycle);
    for (Rel r : {Rel::kOwn, Rel::kDescendant, Rel::kForeign})
      admin("PUT", "/api/cycles/" + std::to_string(cycle_) + "/submissions/" + UnitOf(r),
            R"({"sections":{"results":"Đã triển khai"}})");
  }

  // A pending import of a plan issued by the unit `rel` names, uploaded by the admin.
  int64_t Upload(Rel rel, int serial) {
    HttpResult r = Http(port_, "POST", "/api/imports?name=ke-hoach.md",
                        PlanDocument(IssuerLineOf(rel), std::to_string(100 + serial) + "/KH-UBND"),
                        {admin_headers_.begin(), admin_headers_.end()});
    return Id(r, "import");
  }

  // A request exercising `route` on a record of relation `rel`; nullopt: no rule.
  std::optional<Probe> For(const api::RouteInfo& route, Rel rel, int serial) {
    const std::string m = route.method, p = route.pattern, n = std::to_string(serial);
    const std::string plan = std::to_string(plans_[rel]), task = std::to_string(tasks_[rel]);
    const std::string unit = UnitOf(rel);
    if (m == "GET" && p == "/healthz") return Probe{"/healthz"};
    if (m == "GET" && p == "/version") return Probe{"/version"};
    if (m == "POST" && p == "/api/session") return Probe{p, R"({"login":"xem","password":")" + std::string(kPassword) + "\"}"};
    if (m == "GET" && p == "/api/session") return Probe{p};
    if (m == "DELETE" && p == "/api/session") return Probe{p};
    if (m == "POST" && p == "/api/session/password")
      return Probe{p, R"({"current_password":"không phải mật khẩu","new_password":"Mật khẩu mới rất dài 2026"})"};
    if (m == "GET" && p == "/api/users") return Probe{p};
    if (m == "POST" && p == "/api/users")
      return Probe{p, R"({"login":"nguoi-)" + n + R"(","display_name":"Người )" + n + R"(","unit":"bo-khcn","roles":["viewer"]})"};
    const std::string user = "/api/users/" + std::to_string(user_);
    if (m == "GET" && p == "/api/users/{id}") return Probe{user};
    if (m == "PATCH" && p == "/api/users/{id}") return Probe{user, R"({"email":"u)" + n + R"(@example.vn"})", user};
    if (m == "POST" && p == "/api/users/{id}/password") return Probe{user + "/password"};
    if (m == "DELETE" && p == "/api/users/{id}/sessions") return Probe{user + "/sessions"};
    if (m == "GET" && p == "/api/tokens") return Probe{p};
    if (m == "POST" && p == "/api/tokens")
      return Probe{p, R"({"name":"Mã )" + n + R"(","unit":")" + unit + R"(","permissions":["read"]})"};
    if (m == "DELETE" && p == "/api/tokens/{id}") {
      HttpResult t = admin_("POST", "/api/tokens", R"({"name":"Thu hồi )" + n + R"(","unit":"bo-khcn","permissions":["read"]})");
      return Probe{"/api/tokens/" + std::to_string(Id(t, "token"))};
    }
    if (m == "GET" && p == "/api/audit") return Probe{"/api/audit?limit=1"};
    if (m == "GET" && p == "/api/units") return Probe{"/api/units?limit=1"};
    if (m == "POST" && p == "/api/units")
      return Probe{p, R"({"id":"to-cong-tac-)" + n + R"(","versions":[{"name":"Tổ công tác )" + n + R"(","kind":"organisation"}]})"};
    if (m == "GET" && p == "/api/units/{key}") return Probe{"/api/units/" + unit};
    if (m == "PATCH" && p == "/api/units/{key}")
      return Probe{"/api/units/bo-khcn", R"({"aliases":["BKHCN )" + n + R"("]})", "/api/units/bo-khcn"};
    if (m == "GET" && p == "/api/plans") return Probe{p};
    if (m == "POST" && p == "/api/plans")
      return Probe{p, R"({"kind":"plan","key":"kh-moi-)" + n + R"(","title":"Kế hoạch mới","decision":{"issuer":")" + unit + R"("}})"};
    if (m == "GET" && p == "/api/plans/{id}") return Probe{"/api/plans/" + plan};
    if (m == "GET" && p == "/api/plans/{id}/registrations") return Probe{"/api/plans/" + plan + "/registrations"};
    for (const char* ext : {"xlsx", "csv", "json"})
      if (m == "GET" && p == std::string("/api/plans/{id}/tasks.") + ext) return Probe{"/api/plans/" + plan + "/tasks." + ext};
    if (m == "PATCH" && p == "/api/plans/{id}")
      return Probe{"/api/plans/" + plan, R"({"title":"Kế hoạch sửa )" + n + R"("})", "/api/plans/" + plan};
    const std::string objective = "/api/objectives/" + std::to_string(objectives_[rel]);
    if (m == "GET" && p == "/api/objectives") return Probe{p};
    if (m == "POST" && p == "/api/objectives")
      return Probe{p, R"({"plan_id":)" + plan + R"(,"code":"I.)" + n + R"(","text":"Mục tiêu mới"})"};
    if (m == "GET" && p == "/api/objectives/{id}") return Probe{objective};
    if (m == "PATCH" && p == "/api/objectives/{id}") return Probe{objective, R"({"text":"Sửa )" + n + R"("})", objective};
    if (m == "GET" && p == "/api/tasks") return Probe{"/api/tasks?limit=1"};
    if (m == "POST" && p == "/api/tasks")
      return Probe{p, R"({"plan_id":)" + plan + R"(,"section":"N","number":"N.)" + n + R"(","title":"Việc mới","lead":")" + unit + R"("})"};
    const std::string t = "/api/tasks/" + task;
    if (m == "GET" && p == "/api/tasks/{id}") return Probe{t};
    if (m == "PATCH" && p == "/api/tasks/{id}")
      return Probe{t, serial % 2 ? R"({"progress_percent":30})" : R"({"progress_percent":40})", t};
    if (m == "GET" && p == "/api/tasks/{id}/progress") return Probe{t + "/progress"};
    if (m == "POST" && p == "/api/tasks/{id}/progress") return Probe{t + "/progress", R"({"text":"Đã triển khai","percent":50})"};
    if (m == "GET" && p == "/api/tasks/{id}/history") return Probe{t + "/history"};
    if (m == "GET" && p == "/api/tasks/{id}/cascade") return Probe{t + "/cascade"};
    const std::string kt = "/api/key-tasks/" + std::to_string(key_tasks_[rel]);
    if (m == "GET" && p == "/api/key-tasks") return Probe{"/api/key-tasks?plan=" + plan};
    if (m == "POST" && p == "/api/key-tasks")
      return Probe{p, R"({"plan_id":)" + plan + R"(,"ordinal":)" + n + R"(,"member":"Bộ trưởng","unit":")" + unit +
                          R"(","title":"Nhiệm vụ )" + n + R"(","year":2026})"};
    if (m == "GET" && p == "/api/key-tasks/{id}") return Probe{kt};
    if (m == "PATCH" && p == "/api/key-tasks/{id}") return Probe{kt, R"({"title":"Sửa )" + n + R"("})", kt};
    if (m == "PUT" && p == "/api/key-tasks/{id}/roadmap")
      return Probe{kt + "/roadmap", R"({"roadmap":[{"month":1,"expected":"Lần )" + n + R"("}]})", kt};
    if (m == "PUT" && p == "/api/key-tasks/{id}/months/{key}")
      return Probe{kt + "/months/3", R"({"actual":"Lần )" + n + R"(","achieved":"met"})", kt};
    if (m == "GET" && p == "/api/key-tasks/{id}/history") return Probe{kt + "/history"};
    const std::string cs = "/api/committee-sessions/" + std::to_string(session_);
    if (m == "GET" && p == "/api/committee-sessions") return Probe{"/api/committee-sessions?year=2026"};
    if (m == "POST" && p == "/api/committee-sessions")
      return Probe{p, R"({"committee":"ubqg-cds","title":"Phiên họp chuyên đề )" + n +
                          R"(","kind":"thematic","year":2026,"month":6})"};
    if (m == "GET" && p == "/api/committee-sessions/{id}") return Probe{cs};
    if (m == "PATCH" && p == "/api/committee-sessions/{id}") return Probe{cs, R"({"place":"Hà Nội )" + n + R"("})", cs};
    if (m == "POST" && p == "/api/committee-sessions/{id}/conclusions")
      return Probe{cs + "/conclusions", R"({"number":")" + n + R"(/TB-VPCP","date":"2026-05-20","issuer":"vpcp",
                                           "title":"Thông báo kết luận )" + n + R"(","items":[{"title":"Việc )" + n +
                                               R"(","lead":")" + unit + R"("}]})"};
    if (m == "GET" && p == "/api/notifications") return Probe{"/api/notifications?unread=true"};
    // Nobody but its owner reads a digest: the admin's own digest is foreign to everyone else.
    if (m == "POST" && p == "/api/notifications/{id}/read") return Probe{"/api/notifications/999999/read"};
    if (m == "POST" && p == "/api/reminders/run") return Probe{p};
    if (m == "GET" && p == "/api/board/tasks") return Probe{"/api/board/tasks?plan=" + plan};
    if (m == "GET" && p == "/api/board/units/{key}") return Probe{"/api/board/units/" + unit};
    if (m == "GET" && p == "/api/indicators") return Probe{p};
    if (m == "POST" && p == "/api/indicators")
      return Probe{p, R"({"code":"MT-)" + n + R"(","name":"Chỉ tiêu ma trận","unit_of_measure":"%","period_type":"year",
                        "value_type":"percentage","reported_by":["province"],
                        "aggregation":{"across_units":"mean","over_time":"latest"}})"};
    if (m == "GET" && p == "/api/indicators/{key}") return Probe{"/api/indicators/HTS-01"};
    if (m == "PATCH" && p == "/api/indicators/{key}")
      return Probe{"/api/indicators/HTS-01", R"({"description":"Sửa )" + n + R"("})", "/api/indicators/HTS-01"};
    if (m == "GET" && p == "/api/values") return Probe{"/api/values?limit=1"};
    if (m == "POST" && p == "/api/values")
      return Probe{p, R"({"values":[{"indicator":"DS-01","unit":")" + unit + R"(","period":"2025","value":)" +
                          std::to_string(1000 + serial) + "}]}"};
    if (m == "GET" && p == "/api/values/history")
      return Probe{"/api/values/history?indicator=DS-01&unit=" + unit + "&period=2025"};
    if (m == "POST" && p == "/api/values/approve") {
      // A submitted figure of the unit, made by the admin, for each probe to approve.
      admin_("POST", "/api/values", R"({"values":[{"indicator":"DS-01","unit":")" + unit + R"(","period":"2024","value":)" +
                                        std::to_string(2000 + serial) + "}]}");
      return Probe{p, R"({"items":[{"indicator":"DS-01","unit":")" + unit + R"(","period":"2024"}]})"};
    }
    if (m == "GET" && p == "/api/rollups") return Probe{"/api/rollups?indicator=DS-01&unit=" + unit + "&period=2025"};
    if (m == "GET" && p == "/api/attainment") return Probe{"/api/attainment?indicator=HTS-01"};
    // A stream never ends; a bad topic answers at once, and the route is public either way.
    if (m == "GET" && p == "/api/events") return Probe{"/api/events?topics=none"};
    if (m == "GET" && p == "/api/platforms") return Probe{p};
    if (m == "GET" && p == "/api/platforms/{key}") return Probe{"/api/platforms/nn-09"};
    const std::string imp = "/api/imports/" + std::to_string(imports_[rel]);
    if (m == "GET" && p == "/api/imports") return Probe{p};
    if (m == "POST" && p == "/api/imports")
      return Probe{"/api/imports?name=kh-" + n + ".md", PlanDocument(IssuerLineOf(rel), n + "/KH-UBND"), "", "text/markdown"};
    if (m == "GET" && p == "/api/imports/{id}") return Probe{imp};
    if (m == "GET" && p == "/api/imports/{id}/document") return Probe{imp + "/document"};
    // A fresh pending import for each decision; committing needs plan editing on its issuer.
    if (m == "POST" && p == "/api/imports/{id}/commit")
      return Probe{"/api/imports/" + std::to_string(Upload(rel, serial)) + "/commit", R"({"key":"nhap-)" + n + R"("})"};
    if (m == "POST" && p == "/api/imports/{id}/discard")
      return Probe{"/api/imports/" + std::to_string(Upload(rel, serial)) + "/discard"};
    const std::string entry = std::to_string(entries_[rel]), evidence = "/api/evidence/" + std::to_string(evidence_[rel]);
    if (m == "GET" && p == "/api/evidence") return Probe{"/api/evidence?progress=" + entry};
    if (m == "POST" && p == "/api/evidence")
      return Probe{"/api/evidence?progress=" + entry + "&name=minh-chung-" + n + ".pdf", Pdf(serial), "", "application/pdf"};
    if (m == "GET" && p == "/api/evidence/{id}") return Probe{evidence};
    if (m == "GET" && p == "/api/evidence/{id}/content") return Probe{evidence + "/content"};
    const std::string cycle = "/api/cycles/" + std::to_string(cycle_);
    const std::string sub = cycle + "/submissions/" + unit;
    if (m == "GET" && p == "/api/cycles") return Probe{p};
    if (m == "POST" && p == "/api/cycles")
      return Probe{p, R"({"title":"Báo cáo )" + n + R"(","period":"2026-Q4","due":"2027-01-15","respondents":{"units":[")" +
                          unit + R"("]}})"};
    if (m == "GET" && p == "/api/cycles/{id}") return Probe{cycle};
    if (m == "PATCH" && p == "/api/cycles/{id}") return Probe{cycle, R"({"title":"Báo cáo quý III/2026 )" + n + R"("})", cycle};
    if (m == "GET" && p == "/api/cycles/{id}/submissions") return Probe{cycle + "/submissions"};
    for (const char* ext : {"xlsx", "csv", "docx", "json"})
      if (m == "GET" && p == std::string("/api/cycles/{id}/report.") + ext) return Probe{cycle + "/report." + ext};
    if (m == "GET" && p == "/api/cycles/{id}/submissions/{key}") return Probe{sub};
    if (m == "PUT" && p == "/api/cycles/{id}/submissions/{key}")
      return Probe{sub, R"({"sections":{"results":"Lần )" + n + R"("}})", sub};
    if (m == "POST" && p == "/api/cycles/{id}/submissions/{key}/submit") return Probe{sub + "/submit", "", sub};
    if (m == "POST" && p == "/api/cycles/{id}/submissions/{key}/accept") return Probe{sub + "/accept", "", sub};
    if (m == "POST" && p == "/api/cycles/{id}/submissions/{key}/return")
      return Probe{sub + "/return", R"({"reason":"Thiếu số liệu"})", sub};
    if (m == "GET" && p == "/api/cycles/{id}/submissions/{key}/history") return Probe{sub + "/history"};
    return std::nullopt;
  }

 private:
  // A small PDF, different for each serial (so that each upload is a new file).
  static std::string Pdf(int serial) { return "%PDF-1.4\n% dxgov " + std::to_string(serial) + "\n%%EOF\n"; }
  Headers PdfHeaders() const {
    Headers h;
    for (const auto& [k, v] : admin_headers_)
      if (k != "Content-Type") h.emplace_back(k, v);
    h.emplace_back("Content-Type", "application/pdf");
    return h;
  }

  static int64_t Id(const HttpResult& r, const char* wrapper = nullptr) {
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    if (ec || r.status != 201) {
      ADD_FAILURE() << "fixture not created: " << r.status << " " << r.body;
      return 0;
    }
    const json::value& o = wrapper ? v.at(wrapper) : v;
    return o.at("id").as_int64();
  }

  std::function<HttpResult(const std::string&, const std::string&, const std::string&)> admin_;
  uint16_t port_;
  Headers admin_headers_;
  std::map<Rel, int64_t> plans_, objectives_, tasks_, imports_, key_tasks_;
  int64_t user_ = 0;
  int64_t cycle_ = 0;
  int64_t session_ = 0;
  std::map<Rel, int64_t> entries_, evidence_;
};

Outcome Observed(int status) {
  switch (status) {
    case 401: return Outcome::k401;
    case 403: return Outcome::k403;
    case 404: return Outcome::k404;
    default: return Outcome::kAllow;  // anything else got past authorisation
  }
}

// A task's page tells the caller whether the server would take a progress report from it,
// so that the web application offers the form only then.
TEST_F(AuthTest, ATaskSaysWhoMayReportOnIt) {
  const json::value plans = Json(As(admin_, "GET", "/api/plans?limit=100"));
  int64_t plan = 0;
  for (const auto& p : plans.at("items").as_array())
    if (p.at("published").as_bool()) plan = p.at("id").as_int64();
  ASSERT_GT(plan, 0);
  HttpResult task = As(admin_, "POST", "/api/tasks",
                       R"({"plan_id":)" + std::to_string(plan) + R"(,"section":"IX","number":"IX.9","title":"Nhiệm vụ của tỉnh","lead":")" +
                           kOwn + R"("})");
  ASSERT_EQ(task.status, 201) << task.body;
  const std::string url = "/api/tasks/" + std::to_string(CreatedId(task));
  auto may = [&](const Headers& who) { return Json(As(who, "GET", url)).at("may_report").as_bool(); };
  EXPECT_TRUE(may(admin_));
  EXPECT_TRUE(may(testing::SignIn(port_, "bientap", kPassword)));   // the lead's editor
  EXPECT_FALSE(may(testing::SignIn(port_, "xem", kPassword)));      // the lead's viewer
  EXPECT_FALSE(may({}));                                            // anonymous
}

TEST_F(AuthTest, AuthorisationMatrixCoversEveryRoute) {
  Fixtures fx([](const std::string& m, const std::string& t, const std::string& b) { return As(admin_, m, t, b); }, port_,
              admin_);
  HttpResult token = As(admin_, "POST", "/api/tokens",
                        std::string(R"({"name":"Ma trận","unit":")") + kOwn + R"(","permissions":["progress","values"]})");
  ASSERT_EQ(token.status, 201);
  std::vector<Caller> principals = {
      {"anonymous", {}},
      {"admin", testing::SignIn(port_, "admin", kPassword), true, true, true, true},
      {"standing_editor", testing::SignIn(port_, "thuongtruc", kPassword), true, false, true, true},
      {"unit_editor", testing::SignIn(port_, "bientap", kPassword), false, false, true, true},
      {"unit_approver", testing::SignIn(port_, "pheduyet", kPassword), false, false, false, false, false, true},
      {"viewer", testing::SignIn(port_, "xem", kPassword)},
      {"token(progress,values)", {{"Authorization", "Bearer " + std::string(Json(token).at("secret").as_string())}}, false,
       false, false, true, true},
  };
  for (const auto& p : principals)
    if (p.name != "anonymous") {
      ASSERT_FALSE(p.headers.empty()) << p.name << " could not sign in";
    }

  std::vector<api::RouteInfo> routes = api::Api::Routes();
  // Signing out ends the session the rest of the matrix uses: it goes last.
  std::stable_partition(routes.begin(), routes.end(),
                        [](const api::RouteInfo& r) { return !(r.method == "DELETE" && r.pattern == "/api/session"); });
  int serial = 0, checked = 0;
  for (const auto& route : routes) {
    const bool sign_out = route.method == "DELETE" && route.pattern == "/api/session";
    for (Rel rel : {Rel::kOwn, Rel::kDescendant, Rel::kForeign}) {
      if (sign_out && rel != Rel::kForeign) continue;  // a session signs out once
      for (const auto& p : principals) {
        auto probe = fx.For(route, rel, ++serial);
        if (!probe) {
          ADD_FAILURE() << "no authorisation rule for " << route.method << " " << route.pattern
                        << ": add it to the matrix";
          break;
        }
        Headers extra;
        if (!probe->etag_of.empty()) extra.emplace_back("If-Match", ETag(probe->etag_of));
        if (!probe->content_type.empty()) extra.emplace_back("Content-Type", probe->content_type);
        HttpResult r = As(p.headers, route.method, probe->target, probe->body, extra);
        const bool collection = std::string(route.pattern).find('{') == std::string::npos;
        Outcome want = Expected(route.action, p, rel, collection);
        // Changing one's password with a wrong current password is refused after
        // authorisation (422); a token is not a user and gets 403.
        if (route.pattern == std::string("/api/session/password") && p.token) want = Outcome::k403;
        // Notifications are a user's: a token has none to list or read.
        if (std::string(route.pattern).starts_with("/api/notifications") && p.token) want = Outcome::k403;
        else if (route.pattern == std::string("/api/notifications/{id}/read") && !p.headers.empty())
          want = Outcome::k404;  // the probe's digest is nobody's: to every user, someone else's
        EXPECT_EQ(OutcomeName(Observed(r.status)), std::string(OutcomeName(want)))
            << route.method << " " << route.pattern << " as " << p.name << " on " << RelName(rel) << " unit: "
            << r.status << " " << r.body.substr(0, 300);
        if (want == Outcome::kAllow) {
          EXPECT_LT(r.status, 500) << route.pattern << " " << r.body;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>((routes.size() * 3 - 2) * principals.size()));
}

}  // namespace
}  // namespace dxgov
