// Committee sessions through the real API (loopback HTTP, a real SQLite file with the demo
// data): the 2022 plan's schedule and the first session are there as data; the standing
// agency records a session held and its conclusions notice, whose items become tasks tracked
// like any other.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/demo_api_suite.h"
#include "support/api_json.h"
#include "support/http_client.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::Json;

class SessionApiTest : public testing::DemoApiSuite<SessionApiTest> {
 public:  // what DemoApiSuite reads
  static constexpr const char* kName = "dxgov-sessions";
  static void SetUpUsers() {
    hanoi_ = User("hanoi", "tp-ha-noi", Role::kUnitEditor);
  }

 protected:
  // The 2022 session planned for `month`.
  static json::value Planned(int month) {
    const json::value year = Json(As({}, "GET", "/api/committee-sessions?year=2022"));
    for (const auto& s : year.at("items").as_array())
      if (s.at("month") == month) return s;
    return nullptr;
  }
  static inline Headers hanoi_;
};

TEST_F(SessionApiTest, ThePlansScheduleAndTheFirstSessionAreData) {
  const json::value year = Json(As({}, "GET", "/api/committee-sessions?year=2022"));
  std::vector<std::string> schedule;
  for (const auto& s : year.at("items").as_array()) {
    schedule.push_back(std::to_string(s.at("month").as_int64()) + " " + std::string(s.at("kind").as_string()));
    EXPECT_EQ(s.at("plan_id"), plan_2022_);
    EXPECT_EQ(s.at("state"), "planned");
    EXPECT_EQ(s.at("committee_name"), "Ủy ban Quốc gia về chuyển đổi số");
  }
  EXPECT_EQ(schedule, (std::vector<std::string>{"3 regular", "7 six_month_review", "9 regular", "11 annual_review"}));
  EXPECT_EQ(Planned(7).at("kind_label"), "Phiên họp sơ kết 6 tháng");

  const json::value first = Json(As({}, "GET", "/api/committee-sessions?year=2021")).at("items").at(0);
  EXPECT_EQ(first.at("number"), 1);
  EXPECT_EQ(first.at("date"), "2021-11-30");
  EXPECT_EQ(first.at("state"), "held");
  EXPECT_EQ(first.at("agenda").as_array().size(), 9u);
  EXPECT_EQ(first.at("agenda").at(8).at("title"), "Phát biểu kết luận của Thủ tướng Chính phủ Phạm Minh Chính");
  EXPECT_EQ(first.at("documents").as_array().size(), 10u);
  EXPECT_EQ(first.at("source").at("lines").at(0), 31);
}

TEST_F(SessionApiTest, ASessionIsHeldAndItsConclusionsBecomeTrackedTasks) {
  const json::value july = Planned(7);
  ASSERT_TRUE(july.is_object());
  const std::string url = "/api/committee-sessions/" + std::to_string(july.at("id").as_int64());
  HttpResult got = As(admin_, "GET", url);
  ASSERT_EQ(got.status, 200);
  std::string etag = got.header("etag");

  // Only the standing agency records sessions; a date outside the planned month moves the month.
  const std::string held = R"({"state":"held","date":"2022-07-28","place":"Hà Nội",
      "agenda":[{"time":"08h30","title":"Sơ kết 6 tháng đầu năm 2022","presenter":"Bộ Thông tin và Truyền thông"}]})";
  EXPECT_EQ(As(hanoi_, "PATCH", url, held, etag).status, 403);
  HttpResult moved = As(admin_, "PATCH", url, R"({"date":"2022-08-02"})", etag);
  EXPECT_EQ(moved.status, 422);
  EXPECT_EQ(testing::ErrorPaths(moved), (std::vector<std::string>{"/date"}));
  HttpResult ok = As(admin_, "PATCH", url, held, etag);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json(ok).at("state_label"), "Đã họp");

  // The conclusions notice: an unknown lead is refused and nothing is written.
  const int64_t plans_before = Json(As(admin_, "GET", "/api/plans?limit=1")).at("total").as_int64();
  HttpResult unknown = As(admin_, "POST", url + "/conclusions",
                          R"({"number":"250/TB-VPCP","date":"2022-08-05","issuer":"vpcp","title":"Thông báo kết luận",
                              "items":[{"title":"Việc","lead":"khong-co"}]})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(testing::ErrorPaths(unknown), (std::vector<std::string>{"/items/0/lead/unit"}));
  EXPECT_EQ(Json(As(admin_, "GET", "/api/plans?limit=1")).at("total").as_int64(), plans_before);

  HttpResult notice = As(admin_, "POST", url + "/conclusions",
                         R"({"number":"250/TB-VPCP","date":"2022-08-05","issuer":"vpcp",
                             "title":"Thông báo kết luận của Thủ tướng Chính phủ tại Phiên họp sơ kết 6 tháng",
                             "items":[{"title":"Hoàn thành Đề án 06 giai đoạn 1","lead":"bo-cong-an","deadline":"Tháng 9/2022"},
                                      {"title":"Báo cáo kết quả cấp tài khoản định danh điện tử","lead":"cac-dia-phuong",
                                       "deadline":"2022-12-25"}]})");
  ASSERT_EQ(notice.status, 201) << notice.body;
  const std::string plan_url = notice.header("location");
  const json::value plan = Json(As(admin_, "GET", plan_url));
  EXPECT_EQ(plan.at("kind"), "conclusions");
  EXPECT_EQ(plan.at("key"), "250-tb-vpcp-2022");
  EXPECT_EQ(plan.at("parent_id"), plan_2022_);
  const std::string plan_id = std::to_string(plan.at("id").as_int64());
  const json::value tasks = Json(As(admin_, "GET", "/api/tasks?plan=" + plan_id + "&sort=number"));
  ASSERT_EQ(tasks.at("total"), 2);
  EXPECT_EQ(tasks.at("items").at(0).at("number"), "1");
  EXPECT_EQ(tasks.at("items").at(0).at("lead").at("name"), "Bộ Công an");

  // The session lists the notice and how its items stand; a later edit keeps it.
  json::value session = Json(As({}, "GET", url + "?as_of=2022-10-01"));
  ASSERT_EQ(session.at("notices").as_array().size(), 1u);
  EXPECT_EQ(session.at("notices").at(0).at("number"), "250/TB-VPCP");
  EXPECT_EQ(session.at("notices").at(0).at("summary").at("total"), 2);
  EXPECT_EQ(session.at("notices").at(0).at("summary").at("overdue"), 1);  // Đề án 06, due in September
  got = As(admin_, "GET", url);
  HttpResult place = As(admin_, "PATCH", url, R"({"place":"Trụ sở Chính phủ"})", got.header("etag"));
  ASSERT_EQ(place.status, 200) << place.body;
  EXPECT_EQ(Json(place).at("conclusions").as_array().size(), 1u);

  // The items are tasks like any other: Hà Nội sees its part on its board.
  const json::value board = Json(As(hanoi_, "GET", "/api/board/units/tp-ha-noi?as_of=2022-12-20&due_soon_days=14"));
  bool listed = false;
  for (const auto& t : board.at("as_lead").at("due_soon").as_array())
    if (t.at("plan_id").as_int64() == plan.at("id").as_int64()) listed = true;
  EXPECT_TRUE(listed);

  json::value audit = Json(As(admin_, "GET", "/api/audit?entity=committee_session&entity_id=" +
                                                 std::to_string(july.at("id").as_int64())));
  std::vector<std::string> actions;
  for (const auto& e : audit.at("items").as_array()) actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"update", "conclusions", "held", "create"}));
}

}  // namespace
}  // namespace dxgov
