// The HTTP/JSON API over real HTTP on loopback, against a real SQLite file holding the
// demo data (the 2022 plan, Decision 749's programme, the unit registry).
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "api/demo_server.h"
#include "support/http_client.h"
#include "text/vn_text.h"

namespace dxgov {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::Http;
using testing::HttpResult;
using testing::UrlEncode;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::DemoServer("dxgov-api", 64 << 10);
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en();
    Status admin = server_->AddUser("admin", "", Role::kAdmin, kAdminPassword);
    ASSERT_TRUE(admin.ok()) << admin.error().message_en();
    port_ = server_->port();
    admin_ = testing::SignIn(port_, "admin", kAdminPassword);
    ASSERT_FALSE(admin_.empty());
    testing::SetDefaultHeaders(admin_);
  }

  static void TearDownTestSuite() {
    testing::SetDefaultHeaders({});
    delete server_;
  }

  static constexpr const char* kAdminPassword = "Quản trị viên thử nghiệm 2026";
  static inline std::vector<std::pair<std::string, std::string>> admin_;

  static HttpResult Get(const std::string& target) { return Http(port_, "GET", target); }

  static json::value Json(const HttpResult& r) {
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
  }

  static std::vector<std::string> Numbers(const std::string& target) {
    HttpResult r = Get(target);
    EXPECT_EQ(r.status, 200) << target << " " << r.body;
    std::vector<std::string> out;
    const json::value v = Json(r);  // the loop below must not iterate into a temporary
    for (const auto& t : v.at("items").as_array()) out.emplace_back(t.at("number").as_string());
    return out;
  }

  static int64_t TaskId(const std::string& number) {
    HttpResult r = Get("/api/tasks?plan=2&limit=500");
    const json::value v = Json(r);
    for (const auto& t : v.at("items").as_array())
      if (t.at("number").as_string() == number) return t.at("id").as_int64();
    ADD_FAILURE() << "no task " << number;
    return 0;
  }

  static std::vector<std::string> ErrorPaths(const HttpResult& r) {
    std::vector<std::string> out;
    const json::value v = Json(r);
    for (const auto& f : v.at("error").at("fields").as_array()) out.emplace_back(f.at("path").as_string());
    return out;
  }

  static inline testing::DemoServer* server_ = nullptr;
  static inline uint16_t port_ = 0;
};

TEST_F(ApiTest, HealthAndVersion) {
  EXPECT_EQ(Get("/healthz").status, 200);
  auto v = Json(Get("/version"));
  EXPECT_EQ(v.at("name"), "dxgov");
  EXPECT_EQ(v.at("store"), "sqlite");
}

TEST_F(ApiTest, ListsHaveTheStandardShape) {
  auto r = Get("/api/tasks?section=II&limit=5&offset=3");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  auto v = Json(r);
  EXPECT_EQ(v.at("total"), 20);  // every match, not the page
  EXPECT_EQ(v.at("limit"), 5);
  EXPECT_EQ(v.at("offset"), 3);
  EXPECT_EQ(v.at("items").as_array().size(), 5u);
}

TEST_F(ApiTest, PlansAndObjectives) {
  auto plans = Json(Get("/api/plans"));
  ASSERT_EQ(plans.at("total"), 2);
  auto plan = Json(Get("/api/plans/2"));
  EXPECT_EQ(plan.at("decision").at("number"), "27/QĐ-UBQGCĐS");
  EXPECT_EQ(plan.at("parent_id"), 1);
  EXPECT_EQ(plan.at("published"), true);
  auto objectives = Json(Get("/api/objectives?plan=2&limit=100"));
  ASSERT_EQ(objectives.at("total"), 12);
  const auto& last = objectives.at("items").as_array().back();
  EXPECT_EQ(last.at("code"), "I.3.đ");
  EXPECT_EQ(last.at("targets").at(0).at("comparator"), "range");
  EXPECT_EQ(last.at("targets").at(0).at("label"), "65–70 %");
  EXPECT_EQ(Json(Get("/api/objectives?under_plan=1&limit=1")).at("total"), 43);
}

TEST_F(ApiTest, SearchIgnoresDiacriticsAndFindsUnitNames) {
  auto hanoi = Numbers("/api/tasks?q=" + UrlEncode("ha noi"));
  EXPECT_EQ(hanoi, (std::vector<std::string>{"IV.1"}));
  auto danang = Numbers("/api/tasks?q=" + UrlEncode("da nang"));
  EXPECT_EQ(danang, (std::vector<std::string>{"IV.16"}));
  auto btttt = Json(Get("/api/tasks?q=BTTTT&limit=500"));
  auto led = Json(Get("/api/tasks?lead=bo-tttt&limit=500"));
  std::set<int64_t> found;
  for (const auto& t : btttt.at("items").as_array()) found.insert(t.at("id").as_int64());
  ASSERT_GT(led.at("total").as_int64(), 5);
  for (const auto& t : led.at("items").as_array()) EXPECT_TRUE(found.count(t.at("id").as_int64()));
  EXPECT_EQ(Numbers("/api/tasks?q=" + UrlEncode("ĐÀ NẴNG")), (std::vector<std::string>{"IV.16"}));
  EXPECT_EQ(Numbers("/api/tasks?q=" + UrlEncode("giam dinh sinh vat")), (std::vector<std::string>{"IV.2"}));
}

TEST_F(ApiTest, UnitFilterExpandsGroups) {
  auto hg = Numbers("/api/tasks?unit=tinh-ha-giang&as_of=2022-06-01&limit=500");
  EXPECT_NE(std::find(hg.begin(), hg.end(), "IV.23"), hg.end());   // its own task
  EXPECT_NE(std::find(hg.begin(), hg.end(), "II.1"), hg.end());    // "các địa phương phối hợp"
  EXPECT_NE(std::find(hg.begin(), hg.end(), "III.10.b"), hg.end());  // "Các bộ, ngành, địa phương"
  EXPECT_EQ(std::find(hg.begin(), hg.end(), "IV.1"), hg.end());
  auto coord = Numbers("/api/tasks?coordinator=tinh-ha-giang&as_of=2022-06-01&limit=500");
  EXPECT_EQ(std::find(coord.begin(), coord.end(), "IV.23"), coord.end());
}

TEST_F(ApiTest, SuccessorMinistryWithPredecessors) {
  auto own = Numbers("/api/tasks?lead=bo-khcn");
  EXPECT_EQ(own, (std::vector<std::string>{"II.14", "III.16"}));
  auto all = Json(Get("/api/tasks?lead=bo-khcn&include_predecessors=true&limit=500"));
  EXPECT_EQ(all.at("total"), 13);  // + the 11 tasks Bộ TT&TT led
}

TEST_F(ApiTest, StatusTimelinessAndDeadlineWindow) {
  auto overdue = Json(Get("/api/tasks?timeliness=overdue&as_of=2022-04-01&limit=500"));
  for (const auto& t : overdue.at("items").as_array()) {
    EXPECT_EQ(t.at("timeliness"), "overdue");
    EXPECT_LT(std::string(t.at("due_date").as_string()), "2022-04-01");
  }
  EXPECT_EQ(overdue.at("total"), 11);  // the eleven "Tháng 3/2022" tasks
  auto window = Json(Get("/api/tasks?due_from=2022-09-01&due_to=2022-09-30&limit=500"));
  EXPECT_GT(window.at("total").as_int64(), 5);
  for (const auto& t : window.at("items").as_array()) EXPECT_EQ(t.at("due_date"), "2022-09-30");
  auto none = Json(Get("/api/tasks?timeliness=no_deadline&limit=500"));
  for (const auto& t : none.at("items").as_array()) EXPECT_TRUE(t.at("due_date").is_null());
  auto every_status = Json(Get("/api/tasks?status=not_started,in_progress,done,paused,cancelled&limit=1"));
  EXPECT_EQ(every_status.at("total"), Json(Get("/api/tasks?limit=1")).at("total"));
  const json::value started = Json(Get("/api/tasks?status=in_progress,done&limit=500"));
  for (const auto& t : started.at("items").as_array())
    EXPECT_NE(t.at("status"), "not_started");
}

TEST_F(ApiTest, SortsInVietnameseOrder) {
  auto by_number = Numbers("/api/tasks?section=III&limit=500");
  auto d = std::find(by_number.begin(), by_number.end(), "III.10.d");
  ASSERT_NE(d, by_number.end());
  EXPECT_EQ(*(d + 1), "III.10.đ");
  EXPECT_EQ(by_number.front(), "III.1");
  EXPECT_EQ(by_number.back(), "III.30");
  auto titles = Json(Get("/api/tasks?sort=title&limit=500"));
  std::string prev;
  for (const auto& t : titles.at("items").as_array()) {
    std::string key = text::SortKey(std::string(t.at("title").as_string()));
    EXPECT_LE(prev, key) << t.at("title");
    prev = key;
  }
  auto provinces = Json(Get("/api/units?as_of=2024-01-01&kind=province,city&limit=3"));
  EXPECT_EQ(provinces.at("total"), 63);
  EXPECT_EQ(provinces.at("items").at(0).at("name"), "Tỉnh An Giang");
  EXPECT_EQ(provinces.at("items").at(1).at("name"), "Tỉnh Bà Rịa - Vũng Tàu");
}

TEST_F(ApiTest, UnitsAsOf) {
  EXPECT_EQ(Json(Get("/api/units?as_of=2025-06-30&kind=province,city&limit=1")).at("total"), 63);
  EXPECT_EQ(Json(Get("/api/units?as_of=2025-07-01&kind=province,city&limit=1")).at("total"), 34);
  auto hue = Json(Get("/api/units/tinh-thua-thien-hue?as_of=2024-06-01"));
  EXPECT_EQ(hue.at("name"), "Tỉnh Thừa Thiên Huế");
  hue = Json(Get("/api/units/tinh-thua-thien-hue?as_of=2025-06-01"));
  EXPECT_EQ(hue.at("name"), "Thành phố Huế");
  EXPECT_EQ(hue.at("kind"), "city");
  auto tq = Json(Get("/api/units/tinh-tuyen-quang-2025"));
  EXPECT_EQ(tq.at("predecessors").as_array().size(), 2u);
  auto communes = Json(Get("/api/units?parent=tinh-tuyen-quang-2025&as_of=2025-07-01&limit=1"));
  EXPECT_GT(communes.at("total").as_int64(), 50);
  EXPECT_EQ(Get("/api/units/khong-co").status, 404);
}

TEST_F(ApiTest, BadQueriesNameTheParameter) {
  auto r = Get("/api/tasks?colour=red&size=2");
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(ErrorPaths(r), (std::vector<std::string>{"/query/colour", "/query/size"}));
  auto v = Json(r);
  EXPECT_NE(std::string(v.at("error").at("message").as_string()).find("colour"), std::string::npos);
  EXPECT_EQ(ErrorPaths(Get("/api/tasks?limit=0")), (std::vector<std::string>{"/query/limit"}));
  EXPECT_EQ(ErrorPaths(Get("/api/tasks?limit=501")), (std::vector<std::string>{"/query/limit"}));
  EXPECT_EQ(ErrorPaths(Get("/api/tasks?as_of=2023-02-29")), (std::vector<std::string>{"/query/as_of"}));
  EXPECT_EQ(ErrorPaths(Get("/api/tasks?status=late")), (std::vector<std::string>{"/query/status"}));
  EXPECT_EQ(ErrorPaths(Get("/api/tasks?sort=colour")), (std::vector<std::string>{"/query/sort"}));
  EXPECT_EQ(ErrorPaths(Get("/api/tasks?lead=bo-khong-co")), (std::vector<std::string>{"/query/lead"}));
  EXPECT_EQ(Get("/api/tasks/999999").status, 404);
  EXPECT_EQ(Get("/api/nothing").status, 404);
  EXPECT_EQ(Http(port_, "DELETE", "/api/tasks/1").status, 405);
}

TEST_F(ApiTest, UpdatesNeedTheCurrentETag) {
  const int64_t id = TaskId("III.5.b");
  const std::string url = "/api/tasks/" + std::to_string(id);
  HttpResult got = Get(url);
  ASSERT_EQ(got.status, 200);
  const std::string etag = got.header("etag");
  ASSERT_FALSE(etag.empty());
  const std::string patch = R"({"status":"in_progress","progress_percent":30})";

  HttpResult missing = Http(port_, "PATCH", url, patch);
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(missing.header("etag"), etag);

  HttpResult ok = Http(port_, "PATCH", url, patch, {{"If-Match", etag}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_NE(ok.header("etag"), etag);
  EXPECT_EQ(Json(ok).at("status"), "in_progress");

  HttpResult stale = Http(port_, "PATCH", url, R"({"title":"ghi đè"})", {{"If-Match", etag}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.header("etag"), ok.header("etag"));
  EXPECT_EQ(Json(Get(url)).at("title"), Json(ok).at("title"));  // nothing overwritten

  HttpResult cached = Http(port_, "GET", url, "", {{"If-None-Match", ok.header("etag")}});
  EXPECT_EQ(cached.status, 304);

  auto history = Json(Get(url + "/history"));
  EXPECT_EQ(history.at("total"), 2);

  // The change is in the audit trail: who (no accounts yet), from where, before and after.
  auto audit = Json(Get("/api/audit?entity=task&entity_id=" + std::to_string(id)));
  ASSERT_EQ(audit.at("total"), 2);  // created by the demo load, then this update
  const auto& update = audit.at("items").at(0);
  EXPECT_EQ(update.at("action"), "update");
  EXPECT_EQ(update.at("actor"), "admin");  // the signed-in user, not a guess
  EXPECT_EQ(update.at("remote"), "127.0.0.1");
  EXPECT_EQ(update.at("before").at("status"), "not_started");
  EXPECT_EQ(update.at("after").at("status"), "in_progress");
  EXPECT_EQ(audit.at("items").at(1).at("actor"), "system");
  EXPECT_EQ(ErrorPaths(Get("/api/audit?from=yesterday")), (std::vector<std::string>{"/query/from"}));
}

TEST_F(ApiTest, DoneWithoutADateMeansToday) {
  const int64_t id = TaskId("III.6");
  const std::string url = "/api/tasks/" + std::to_string(id);
  HttpResult r = Http(port_, "PATCH", url, R"({"status":"done"})", {{"If-Match", Get(url).header("etag")}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r);
  EXPECT_EQ(v.at("completed_on").as_string(), FormatIso(server_->clock().Today()));
  EXPECT_EQ(v.at("timeliness"), "done_late");  // due June 2022
  r = Http(port_, "PATCH", url, R"({"status":"in_progress"})", {{"If-Match", r.header("etag")}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Json(r).at("completed_on").is_null());
}

TEST_F(ApiTest, InvalidBodiesAreRejectedWithPathsAndChangeNothing) {
  const int64_t id = TaskId("III.7.a");
  const std::string url = "/api/tasks/" + std::to_string(id);
  HttpResult before = Get(url);
  const std::string etag = before.header("etag");
  HttpResult bad = Http(port_, "PATCH", url, R"({"deadline":{"kind":"fortnight"},"progress_percent":150})",
                        {{"If-Match", etag}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(ErrorPaths(bad), (std::vector<std::string>{"/deadline/kind", "/progress_percent"}));
  auto err = Json(bad).at("error");
  EXPECT_FALSE(err.at("message").as_string().empty());
  EXPECT_FALSE(err.at("message_en").as_string().empty());
  HttpResult unknown_unit = Http(port_, "PATCH", url, R"({"coordinators":["bo-khong-co"]})", {{"If-Match", etag}});
  EXPECT_EQ(unknown_unit.status, 422);
  EXPECT_EQ(ErrorPaths(unknown_unit), (std::vector<std::string>{"/coordinators/0/unit"}));
  HttpResult after = Get(url);
  EXPECT_EQ(after.body, before.body);
  EXPECT_EQ(after.header("etag"), etag);

  EXPECT_EQ(Http(port_, "PATCH", url, "{not json", {{"If-Match", etag}}).status, 400);
  EXPECT_EQ(Http(port_, "PATCH", url, R"({"title":"x"})", {{"If-Match", etag}, {"Content-Type", "text/plain"}}).status,
            415);
  std::string deep(64, '[');
  deep = R"({"title":)" + deep + std::string(64, ']') + "}";
  HttpResult too_deep = Http(port_, "PATCH", url, deep, {{"If-Match", etag}});
  EXPECT_EQ(too_deep.status, 400);
  std::string big = R"({"text":")" + std::string(100 << 10, 'a') + "\"}";
  EXPECT_EQ(Http(port_, "PATCH", url, big, {{"If-Match", etag}}).status, 413);
  EXPECT_EQ(Get(url).header("etag"), etag);
}

TEST_F(ApiTest, CreateTaskAndReportProgress) {
  const std::string body = R"({"plan_id":2,"section":"V","number":"V.7","title":"Rà soát giữa kỳ",
      "lead":{"unit":"to-cong-tac-ubqg-cds"},"coordinators":["cac-bo-nganh"],
      "deadline":{"text":"Quý III/2022"}})";
  HttpResult created = Http(port_, "POST", "/api/tasks", body);
  ASSERT_EQ(created.status, 201) << created.body;
  auto task = Json(created);
  EXPECT_EQ(task.at("deadline").at("kind"), "quarter");
  EXPECT_EQ(task.at("due_date"), "2022-09-30");
  EXPECT_EQ(task.at("lead").at("name"), "Tổ công tác giúp việc Ủy ban Quốc gia về chuyển đổi số");
  const std::string location = created.header("location");
  ASSERT_FALSE(location.empty());
  EXPECT_EQ(Http(port_, "POST", "/api/tasks", body).status, 409);  // V.7 exists in the plan now

  HttpResult progress = Http(port_, "POST", location + "/progress", R"({"text":"Đã họp","percent":40,"author":"Tổ công tác"})");
  ASSERT_EQ(progress.status, 201) << progress.body;
  auto p = Json(progress);
  EXPECT_EQ(p.at("task").at("status"), "in_progress");
  EXPECT_EQ(p.at("task").at("progress_percent"), 40);
  auto log = Json(Get(location + "/progress"));
  EXPECT_EQ(log.at("total"), 1);
  EXPECT_EQ(log.at("items").at(0).at("text"), "Đã họp");

  HttpResult missing = Http(port_, "POST", "/api/tasks", R"({"plan_id":2})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(ErrorPaths(missing), (std::vector<std::string>{"/title", "/lead"}));
}

TEST_F(ApiTest, GroupTaskShowsEveryAddressee) {
  const std::string body = R"({"plan_id":2,"number":"VI.1","section":"VI","title":"Báo cáo hằng năm",
      "lead":"cac-dia-phuong","deadline":"trước ngày 30 tháng 11 hàng năm"})";
  HttpResult created = Http(port_, "POST", "/api/tasks", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string location = created.header("location");
  auto task = Json(Get(location + "?as_of=2024-06-01"));
  EXPECT_EQ(task.at("addressees").as_array().size(), 63u);
  task = Json(Get(location + "?as_of=2025-11-20"));
  EXPECT_EQ(task.at("addressees").as_array().size(), 34u);
  EXPECT_EQ(task.at("timeliness"), "due_soon");
  HttpResult wrong = Http(port_, "POST", location + "/progress", R"({"unit":"bo-y-te","status":"done"})");
  EXPECT_EQ(wrong.status, 422);
}

TEST_F(ApiTest, CreatePlanAndUnit) {
  HttpResult unit = Http(port_, "POST", "/api/units",
                         R"({"id":"so-khcn-ha-noi","versions":[{"valid_from":"2025-03-01","name":"Sở Khoa học và Công nghệ Hà Nội","kind":"department","parent":"tp-ha-noi"}],"aliases":["Sở KH&CN Hà Nội"]})");
  ASSERT_EQ(unit.status, 201) << unit.body;
  EXPECT_EQ(Json(Get("/api/units?parent=tp-ha-noi&kind=department")).at("total"), 1);
  HttpResult dangling = Http(port_, "POST", "/api/units",
                             R"({"id":"so-x","versions":[{"name":"Sở X","kind":"department","parent":"khong-co"}]})");
  EXPECT_EQ(dangling.status, 422);
  HttpResult plan = Http(port_, "POST", "/api/plans",
                         R"({"title":"Kế hoạch chuyển đổi số năm 2022 của Thành phố Hà Nội","parent_id":2,
                             "decision":{"number":"01/KH-UBND","date":"2022-04-01","issuer":"tp-ha-noi"}})");
  ASSERT_EQ(plan.status, 201) << plan.body;
  auto p = Json(plan);
  EXPECT_EQ(p.at("decision").at("issuer_name"), "Thành phố Hà Nội");
  EXPECT_EQ(Json(Get("/api/plans?parent=2")).at("total"), 1);
  const std::string url = plan.header("location");
  HttpResult cycle = Http(port_, "PATCH", url, R"({"parent_id":)" + std::to_string(p.at("id").as_int64()) + "}",
                          {{"If-Match", plan.header("etag")}});
  EXPECT_EQ(cycle.status, 422);
}

}  // namespace
}  // namespace dxgov
