// Report cycles through the real API (loopback HTTP, a real SQLite file with the demo data,
// a clock the test moves): the standing agency opens "Báo cáo quý III/2022" for Hà Nội and
// An Giang on the 2022 national plan; Hà Nội saves a draft, submits late-free, is returned
// with a reason, corrects and resubmits after the due date, and is accepted; submitting
// writes the task progress and the figure in one transaction, and a bad figure writes
// nothing.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/demo_server.h"
#include "support/api_json.h"
#include "support/http_client.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::ErrorPaths;
using testing::Http;
using testing::HttpResult;
using testing::Json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "Mật khẩu thử nghiệm đủ dài 2026";

class ReportApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::DemoServer("dxgov-report");
    // The quarter's report is written in October 2022.
    server_->clock().SetVietnam(MakeDate(2022, 10, 10));
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en();
    ASSERT_TRUE(server_->AddUser("admin", "", Role::kAdmin, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("hanoi", "tp-ha-noi", Role::kUnitEditor, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("hanoi-duyet", "tp-ha-noi", Role::kUnitApprover, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("angiang", "tinh-an-giang", Role::kUnitEditor, kPassword).ok());
    port_ = server_->port();
    SignInAll();
    const json::array plans = Json(As(admin_, "GET", "/api/plans?limit=100")).at("items").as_array();
    for (const auto& p : plans)
      if (p.at("key") == "27-qd-ubqgcds-2022") plan_2022_ = p.at("id").as_int64();
    ASSERT_GT(plan_2022_, 0);
    // The 2022 plan gives each province its own task; a task addressed to every province is
    // reported by each of them for itself.
    HttpResult group = As(admin_, "POST", "/api/tasks",
                          R"({"plan_id":)" + std::to_string(plan_2022_) +
                              R"(,"section":"IV","number":"IV.64","title":"Báo cáo kết quả chuyển đổi số hằng quý",
                                 "lead":"cac-dia-phuong","deadline":"Tháng 12/2022"})");
    ASSERT_EQ(group.status, 201) << group.body;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  // Sessions end when idle: after moving the clock, everyone signs in again.
  static void SignInAll() {
    admin_ = testing::SignIn(port_, "admin", kPassword);
    hanoi_ = testing::SignIn(port_, "hanoi", kPassword);
    hanoi_approver_ = testing::SignIn(port_, "hanoi-duyet", kPassword);
    angiang_ = testing::SignIn(port_, "angiang", kPassword);
    ASSERT_FALSE(admin_.empty());
    ASSERT_FALSE(hanoi_.empty());
    ASSERT_FALSE(hanoi_approver_.empty());
    ASSERT_FALSE(angiang_.empty());
  }

  static HttpResult As(const Headers& who, const std::string& method, const std::string& target,
                       const std::string& body = "", const std::string& if_match = "") {
    Headers h = who;
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    if (!if_match.empty()) h.emplace_back("If-Match", if_match);
    return Http(port_, method, target, body, h);
  }

  std::string CycleBody(const std::string& extra = "") const {
    return R"({"title":"Báo cáo quý III/2022","period":"Quý III/2022","opens_on":"2022-09-25","due":"2022-10-15",
               "respondents":{"units":["tp-ha-noi","tinh-an-giang"]},"plans":[)" +
           std::to_string(plan_2022_) + R"(],"indicators":["HTS-01"],"state":"open")" + extra + "}";
  }
  int64_t OpenCycle() {
    HttpResult r = As(admin_, "POST", "/api/cycles", CycleBody());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Json(r).at("id").as_int64() : 0;
  }
  static std::string Url(int64_t cycle, const std::string& unit, const std::string& tail = "") {
    return "/api/cycles/" + std::to_string(cycle) + "/submissions/" + unit + tail;
  }
  // A complete report on every task the page lists, with the figure given.
  static std::string CompleteContent(const json::value& page, const std::string& value, int percent) {
    json::array tasks;
    for (const auto& t : page.at("content").at("tasks").as_array())
      tasks.push_back(json::object{{"task", t.at("id")},
                                   {"status", "in_progress"},
                                   {"percent", percent},
                                   {"narrative", "Đã triển khai " + std::to_string(percent) + "%"}});
    json::object out{{"tasks", std::move(tasks)},
                     {"indicators", json::array{json::object{{"indicator", "HTS-01"}, {"value", json::parse(value)}}}},
                     {"sections", json::object{{"results", "Kết quả quý III"},
                                               {"difficulties", "Thiếu nhân lực"},
                                               {"proposals", "Đề nghị hỗ trợ kinh phí"}}}};
    return json::serialize(out);
  }
  static int64_t ProgressCount(int64_t task) {
    return Json(As(admin_, "GET", "/api/tasks/" + std::to_string(task) + "/progress?limit=1")).at("total").as_int64();
  }
  static json::object Board(int64_t cycle, const std::string& as_of) {
    HttpResult r = As(hanoi_, "GET", "/api/cycles/" + std::to_string(cycle) + "/submissions?as_of=" + as_of);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r).as_object();
  }
  static json::object RowOf(const json::object& board, const std::string& unit) {
    for (const auto& row : board.at("items").as_array())
      if (row.at("unit") == unit.c_str()) return row.as_object();
    ADD_FAILURE() << unit << " is not on the board";
    return {};
  }

  static inline testing::DemoServer* server_ = nullptr;
  static inline uint16_t port_ = 0;
  static inline Headers admin_, hanoi_, hanoi_approver_, angiang_;
  static inline int64_t plan_2022_ = 0;
};

TEST_F(ReportApiTest, ACycleNamesOnlyWhatExistsAndKeepsItsQuestionOnceOpen) {
  // A monthly indicator has no place in a quarterly report; unknown plans and units are named.
  HttpResult bad = As(admin_, "POST", "/api/cycles",
                      R"({"title":"Báo cáo","period":"2022-Q3","due":"2022-10-15","respondents":{"units":["khong-co"]},
                          "plans":[99999],"indicators":["HTS-01","HS-TT","KHONG-CO"]})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(ErrorPaths(bad), (std::vector<std::string>{"/plans/0", "/indicators/1", "/indicators/2", "/respondents/units/0"}));
  // Only the standing agency opens cycles.
  EXPECT_EQ(As(hanoi_, "POST", "/api/cycles", CycleBody()).status, 403);

  const int64_t id = OpenCycle();
  const std::string url = "/api/cycles/" + std::to_string(id);
  HttpResult got = As(hanoi_, "GET", url);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Json(got).at("period"), "2022-Q3");
  EXPECT_EQ(Json(got).at("respondent_ids"), json::parse(R"(["tinh-an-giang","tp-ha-noi"])"));
  const std::string etag = got.header("etag");
  HttpResult changed = As(admin_, "PATCH", url, R"({"indicators":["HTS-02"],"period":"2022-Q4"})", etag);
  EXPECT_EQ(changed.status, 422);
  EXPECT_EQ(ErrorPaths(changed), (std::vector<std::string>{"/period", "/indicators"}));
  HttpResult renamed = As(admin_, "PATCH", url, R"({"title":"Báo cáo tình hình quý III/2022","due":"2022-10-20"})", etag);
  EXPECT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(Json(renamed).at("due"), "2022-10-20");

  // A draft cycle is the agency's own until it opens.
  HttpResult plain = As(admin_, "POST", "/api/cycles",
                        R"({"title":"Báo cáo nháp","period":"2022-Q3","due":"2022-10-15","respondents":{"kinds":["city"]}})");
  ASSERT_EQ(plain.status, 201) << plain.body;
  const int64_t draft_id = Json(plain).at("id").as_int64();
  EXPECT_EQ(As(hanoi_, "GET", "/api/cycles/" + std::to_string(draft_id)).status, 404);
  EXPECT_EQ(As(hanoi_, "GET", Url(draft_id, "tp-ha-noi")).status, 404);
  EXPECT_EQ(As(admin_, "GET", "/api/cycles/" + std::to_string(draft_id)).status, 200);
  const json::value listed = Json(As(hanoi_, "GET", "/api/cycles?limit=100"));
  for (const auto& c : listed.at("items").as_array()) EXPECT_NE(c.at("state"), "draft");
}

TEST_F(ReportApiTest, ARespondentFillsSubmitsIsReturnedAndResubmitsWithHistory) {
  server_->clock().SetVietnam(MakeDate(2022, 10, 10));
  SignInAll();
  const int64_t cycle = OpenCycle();

  // What Hà Nội reports on: the plan's tasks it leads, and its part of those addressed to
  // every province; the yearly figure of HTS-01 (the year so far); three free sections.
  HttpResult first = As(hanoi_, "GET", Url(cycle, "tp-ha-noi"));
  ASSERT_EQ(first.status, 200) << first.body;
  const json::value page = Json(first);
  EXPECT_TRUE(page.at("submission").is_null());
  EXPECT_EQ(page.at("response").at("state"), "not_started");
  const json::array& tasks = page.at("content").at("tasks").as_array();
  ASSERT_FALSE(tasks.empty());
  int64_t group_task = 0;
  for (const auto& t : tasks)
    if (t.at("reporting_for") == "tp-ha-noi") group_task = t.at("id").as_int64();
  ASSERT_GT(group_task, 0) << "no task addressed to every province";
  EXPECT_EQ(page.at("content").at("indicators").at(0).at("period"), "2022");
  EXPECT_EQ(page.at("content").at("sections").as_array().size(), 3u);
  // Another province's report does not exist for An Giang; Hà Nội is not a respondent of An Giang's.
  EXPECT_EQ(As(angiang_, "GET", Url(cycle, "tp-ha-noi")).status, 404);
  EXPECT_EQ(As(admin_, "GET", Url(cycle, "tinh-ha-giang")).status, 404);

  // A draft, saved as it goes.
  const int64_t task0 = tasks.at(0).at("id").as_int64();
  HttpResult saved = As(hanoi_, "PUT", Url(cycle, "tp-ha-noi"),
                        R"({"tasks":[{"task":)" + std::to_string(task0) +
                            R"(,"percent":40,"narrative":"Đang làm"}],"sections":{"results":"Bản nháp"}})");
  ASSERT_EQ(saved.status, 201) << saved.body;
  EXPECT_EQ(Json(saved).at("submission").at("state"), "draft");
  EXPECT_EQ(As(hanoi_, "PUT", Url(cycle, "tp-ha-noi"), R"({"sections":{"results":"Sửa"}})").status, 428);
  // A draft takes evidence; only those who may read Hà Nội's report see it.
  const std::string draft_id = std::to_string(Json(saved).at("submission").at("id").as_int64());
  auto attach = [&](const Headers& who) {
    Headers h = who;
    h.emplace_back("Content-Type", "application/pdf");
    return Http(port_, "POST", "/api/evidence?submission=" + draft_id + "&name=phu-luc.pdf", "%PDF-1.4\n%%EOF\n", h);
  };
  EXPECT_EQ(attach(hanoi_).status, 201);
  EXPECT_EQ(attach(angiang_).status, 404);
  EXPECT_EQ(Json(As(hanoi_, "GET", "/api/evidence?submission=" + draft_id)).at("total"), 1);
  EXPECT_EQ(As(angiang_, "GET", "/api/evidence?submission=" + draft_id).status, 404);
  EXPECT_EQ(Json(As(hanoi_, "GET", Url(cycle, "tp-ha-noi"))).at("evidence").as_array().size(), 1u);
  HttpResult unknown_task = As(hanoi_, "PUT", Url(cycle, "tp-ha-noi"), R"({"tasks":[{"task":999999,"percent":10}]})",
                               saved.header("etag"));
  EXPECT_EQ(unknown_task.status, 422);
  EXPECT_EQ(ErrorPaths(unknown_task), (std::vector<std::string>{"/tasks/0/task"}));
  EXPECT_EQ(RowOf(Board(cycle, "2022-10-10"), "tp-ha-noi").at("response").at("state"), "draft");

  // Submitting needs everything: a status per task, the figure, every section. Nothing is written.
  const int64_t before = ProgressCount(task0);
  HttpResult incomplete = As(hanoi_, "POST", Url(cycle, "tp-ha-noi", "/submit"), "", saved.header("etag"));
  EXPECT_EQ(incomplete.status, 422);
  const auto paths = ErrorPaths(incomplete);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "/indicators"), paths.end()) << incomplete.body;
  EXPECT_NE(std::find(paths.begin(), paths.end(), "/sections/difficulties"), paths.end()) << incomplete.body;
  EXPECT_EQ(ProgressCount(task0), before);

  // Submitted on the 12th: one transaction writes the progress and the figure.
  server_->clock().SetVietnam(MakeDate(2022, 10, 12));
  SignInAll();
  HttpResult submitted =
      As(hanoi_, "POST", Url(cycle, "tp-ha-noi", "/submit"), CompleteContent(page, "71.5", 50), saved.header("etag"));
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Json(submitted).at("submission").at("state"), "submitted");
  EXPECT_EQ(Json(submitted).at("submission").at("round"), 1);
  EXPECT_EQ(ProgressCount(task0), before + 1);
  const json::value entry =
      Json(As(admin_, "GET", "/api/tasks/" + std::to_string(task0) + "/progress?limit=1")).at("items").at(0);
  EXPECT_EQ(entry.at("text"), "[Báo cáo quý III/2022] Đã triển khai 50%");
  EXPECT_EQ(entry.at("percent"), 50);
  const json::value group_entry =
      Json(As(admin_, "GET", "/api/tasks/" + std::to_string(group_task) + "/progress?limit=1")).at("items").at(0);
  EXPECT_EQ(group_entry.at("unit"), "tp-ha-noi");
  const json::value figure =
      Json(As(admin_, "GET", "/api/values/history?indicator=HTS-01&unit=tp-ha-noi&period=2022")).at("items").at(0);
  EXPECT_EQ(figure.at("value").to_number<double>(), 71.5);
  EXPECT_EQ(figure.at("provenance"), "report");
  EXPECT_EQ(As(hanoi_, "POST", Url(cycle, "tp-ha-noi", "/submit"), "", submitted.header("etag")).status, 409);
  EXPECT_EQ(attach(hanoi_).status, 409);  // what the agency reviews does not change under it

  // Review: not by Hà Nội itself, not without a reason.
  EXPECT_EQ(As(hanoi_approver_, "POST", Url(cycle, "tp-ha-noi", "/accept"), "", submitted.header("etag")).status, 403);
  EXPECT_EQ(As(angiang_, "POST", Url(cycle, "tp-ha-noi", "/accept"), "", submitted.header("etag")).status, 404);
  HttpResult no_reason = As(admin_, "POST", Url(cycle, "tp-ha-noi", "/return"), R"({"reason":"  "})", submitted.header("etag"));
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(ErrorPaths(no_reason), (std::vector<std::string>{"/reason"}));
  HttpResult returned = As(admin_, "POST", Url(cycle, "tp-ha-noi", "/return"),
                           R"({"reason":"Số liệu HTS-01 chưa khớp với báo cáo tháng"})", submitted.header("etag"));
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(Json(returned).at("submission").at("state"), "returned");
  EXPECT_EQ(Json(returned).at("submission").at("return_reason"), "Số liệu HTS-01 chưa khớp với báo cáo tháng");
  EXPECT_EQ(RowOf(Board(cycle, "2022-10-13"), "tp-ha-noi").at("response").at("state"), "returned");

  // Corrected after the due date: still on time, for timeliness counts the first submission.
  server_->clock().SetVietnam(MakeDate(2022, 10, 20));
  SignInAll();
  HttpResult again =
      As(hanoi_, "POST", Url(cycle, "tp-ha-noi", "/submit"), CompleteContent(page, "72", 60), returned.header("etag"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Json(again).at("submission").at("round"), 2);
  EXPECT_EQ(Json(again).at("submission").at("first_submitted_at"), Json(submitted).at("submission").at("first_submitted_at"));
  const json::object board = Board(cycle, "2022-10-20");
  EXPECT_EQ(RowOf(board, "tp-ha-noi").at("response").at("state"), "submitted_on_time");
  EXPECT_EQ(RowOf(board, "tinh-an-giang").at("response").at("state"), "not_started");
  EXPECT_EQ(RowOf(board, "tinh-an-giang").at("response").at("overdue"), true);
  EXPECT_EQ(RowOf(board, "tinh-an-giang").at("readable"), false);  // Hà Nội's view of the board
  EXPECT_EQ(board.at("counts").at("overdue"), 1);
  EXPECT_EQ(
      Json(As(admin_, "GET", "/api/values/history?indicator=HTS-01&unit=tp-ha-noi&period=2022")).at("items").at(0).at("value"),
      72);

  HttpResult accepted = As(admin_, "POST", Url(cycle, "tp-ha-noi", "/accept"), "", again.header("etag"));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Json(accepted).at("submission").at("state"), "accepted");
  EXPECT_EQ(Json(accepted).at("submission").at("reviewed_by"), "admin");
  EXPECT_EQ(As(hanoi_, "PUT", Url(cycle, "tp-ha-noi"), R"({"sections":{"results":"Sửa"}})", accepted.header("etag")).status,
            409);

  // Every state it passed through is kept, newest first, and audited.
  const json::value history = Json(As(hanoi_, "GET", Url(cycle, "tp-ha-noi", "/history")));
  std::vector<std::string> states;
  for (const auto& s : history.at("items").as_array()) states.emplace_back(s.at("state").as_string());
  EXPECT_EQ(states, (std::vector<std::string>{"accepted", "submitted", "returned", "submitted", "draft"}));
  const int64_t sub_id = Json(accepted).at("submission").at("id").as_int64();
  const json::value trail =
      Json(As(admin_, "GET", "/api/audit?entity=submission&entity_id=" + std::to_string(sub_id)));
  std::vector<std::string> actions;
  for (const auto& e : trail.at("items").as_array()) actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"accept", "submit", "return", "submit", "create"}));
}

TEST_F(ReportApiTest, ABadFigureWritesNothing) {
  server_->clock().SetVietnam(MakeDate(2022, 10, 10));
  SignInAll();
  const int64_t cycle = OpenCycle();
  const json::value page = Json(As(angiang_, "GET", Url(cycle, "tinh-an-giang")));
  const json::array& tasks = page.at("content").at("tasks").as_array();
  ASSERT_FALSE(tasks.empty());
  const int64_t task0 = tasks.at(0).at("id").as_int64();
  const int64_t before = ProgressCount(task0);
  HttpResult r = As(angiang_, "POST", Url(cycle, "tinh-an-giang", "/submit"), CompleteContent(page, "140", 30));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(ErrorPaths(r), (std::vector<std::string>{"/indicators/0/value"}));
  EXPECT_EQ(ProgressCount(task0), before);
  EXPECT_EQ(As(angiang_, "GET", Url(cycle, "tinh-an-giang")).header("etag"), "");  // no submission either
  // Closed, a cycle takes nothing more.
  const std::string url = "/api/cycles/" + std::to_string(cycle);
  HttpResult closed = As(admin_, "PATCH", url, R"({"state":"closed"})", As(admin_, "GET", url).header("etag"));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(As(angiang_, "POST", Url(cycle, "tinh-an-giang", "/submit"), CompleteContent(page, "70", 30)).status, 409);
}

}  // namespace
}  // namespace dxgov
