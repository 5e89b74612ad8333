// The cascade of plans through the real API (loopback HTTP, a real SQLite file with the
// demo data): provinces register plans implementing the 2022 national plan, the board
// shows who did so by the end of Q1, a province's task serves a national task and is broken
// into its communes' sub-tasks, and references to what a caller cannot see are refused as
// unknown.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/demo_server.h"
#include "support/api_json.h"
#include "support/http_client.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::Http;
using testing::ErrorPaths;
using testing::HttpResult;
using testing::Json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "Mật khẩu thử nghiệm đủ dài 2026";

class CascadeApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::DemoServer("dxgov-cascade");
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en();
    ASSERT_TRUE(server_->AddUser("admin", "", Role::kAdmin, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("hanoi", "tp-ha-noi", Role::kUnitEditor, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("angiang", "tinh-an-giang", Role::kUnitEditor, kPassword).ok());
    port_ = server_->port();
    admin_ = testing::SignIn(port_, "admin", kPassword);
    hanoi_ = testing::SignIn(port_, "hanoi", kPassword);
    angiang_ = testing::SignIn(port_, "angiang", kPassword);
    ASSERT_FALSE(admin_.empty());
    ASSERT_FALSE(hanoi_.empty());
    ASSERT_FALSE(angiang_.empty());
    national_ = Json(As(admin_, "GET", "/api/plans?limit=100")).at("items").as_array();
    for (const auto& p : national_)
      if (p.at("key") == "27-qd-ubqgcds-2022") plan_2022_ = p.at("id").as_int64();
    ASSERT_GT(plan_2022_, 0);
    const json::value iv1 =
        Json(As(admin_, "GET", "/api/tasks?plan=" + std::to_string(plan_2022_) + "&section=IV&sort=number&limit=1"));
    ASSERT_EQ(iv1.at("items").at(0).at("number"), "IV.1");
    task_iv1_ = iv1.at("items").at(0).at("id").as_int64();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static HttpResult As(const Headers& who, const std::string& method, const std::string& target,
                       const std::string& body = "") {
    Headers h = who;
    if (!body.empty()) h.emplace_back("Content-Type", "application/json");
    return Http(port_, method, target, body, h);
  }
  static int64_t Created(const HttpResult& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Json(r).at("id").as_int64() : 0;
  }
  static std::string ProvincePlan(const std::string& key, const std::string& issuer, const std::string& date,
                                  bool published) {
    return R"({"kind":"plan","key":")" + key + R"(","title":"Kế hoạch chuyển đổi số năm 2022",
               "decision":{"number":"01/KH-UBND","date":")" + date + R"(","issuer":")" + issuer + R"("},
               "period":{"from":"2022-01-01","to":"2022-12-31"},"parent_id":)" + std::to_string(plan_2022_) +
           R"(,"published":)" + (published ? "true" : "false") + "}";
  }
  static std::string TaskBody(int64_t plan, const std::string& number, const std::string& lead,
                              const std::string& links) {
    return R"({"plan_id":)" + std::to_string(plan) + R"(,"section":"1","number":")" + number +
           R"(","title":"Việc )" + number + R"(","lead":")" + lead + R"(","deadline":"Tháng 12/2022")" +
           (links.empty() ? "" : "," + links) + "}";
  }
  // The provinces' duty (section IV) on the board, as `who` sees it.
  static json::object ProvincesDuty(const Headers& who, const std::string& as_of) {
    HttpResult r = As(who, "GET", "/api/plans/" + std::to_string(plan_2022_) + "/registrations?as_of=" + as_of);
    EXPECT_EQ(r.status, 200) << r.body;
    const json::value v = Json(r);
    EXPECT_EQ(v.at("duties").as_array().size(), 2u);
    return v.at("duties").at(1).as_object();
  }
  static const json::object* Row(const json::object& duty, const std::string& unit) {
    for (const auto& i : duty.at("items").as_array())
      if (i.at("unit").as_string() == unit) return &i.as_object();
    return nullptr;
  }

  static inline testing::DemoServer* server_ = nullptr;
  static inline uint16_t port_ = 0;
  static inline Headers admin_, hanoi_, angiang_;
  static inline json::array national_;
  static inline int64_t plan_2022_ = 0, task_iv1_ = 0;
};

TEST_F(CascadeApiTest, TheBoardShowsWhichProvincesIssuedTheirPlanByTheEndOfQ1) {
  json::object before = ProvincesDuty(admin_, "2022-05-01");
  EXPECT_EQ(before.at("respondent"), "cac-dia-phuong");
  EXPECT_EQ(before.at("due_date"), "2022-03-31");
  EXPECT_EQ(before.at("counts").at("total"), 63);  // the provinces and cities of 2022
  EXPECT_EQ(before.at("counts").at("missing"), 63);
  EXPECT_EQ(ProvincesDuty(admin_, "2022-03-01").at("counts").at("not_due"), 63);

  const int64_t hanoi = Created(As(hanoi_, "POST", "/api/plans", ProvincePlan("kh-ha-noi-2022", "tp-ha-noi", "2022-03-25", false)));
  const int64_t angiang =
      Created(As(admin_, "POST", "/api/plans", ProvincePlan("kh-an-giang-2022", "tinh-an-giang", "2022-04-20", true)));

  json::object after = ProvincesDuty(admin_, "2022-05-01");
  EXPECT_EQ(after.at("counts").at("on_time"), 1);
  EXPECT_EQ(after.at("counts").at("late"), 1);
  EXPECT_EQ(after.at("counts").at("missing"), 61);
  const json::object* hn = Row(after, "tp-ha-noi");
  ASSERT_NE(hn, nullptr);
  EXPECT_EQ(hn->at("state"), "on_time");
  EXPECT_EQ(hn->at("state_label"), "Ban hành đúng hạn");
  EXPECT_EQ(hn->at("plan").at("id"), hanoi);
  EXPECT_EQ(hn->at("issued_on"), "2022-03-25");
  EXPECT_EQ(Row(after, "tinh-an-giang")->at("state"), "late");
  EXPECT_EQ(Row(after, "tinh-an-giang")->at("plan").at("id"), angiang);

  // Hà Nội's plan is a draft: to anyone who may not see it, Hà Nội has not registered.
  json::object anonymous = ProvincesDuty({}, "2022-05-01");
  EXPECT_EQ(Row(anonymous, "tp-ha-noi")->at("state"), "missing");
  EXPECT_TRUE(Row(anonymous, "tp-ha-noi")->at("plan").is_null());
  EXPECT_EQ(Row(anonymous, "tinh-an-giang")->at("state"), "late");
}

TEST_F(CascadeApiTest, AProvincesTaskServesANationalTaskAndItsCommunesSubTasksRollUp) {
  const int64_t plan = Created(As(hanoi_, "POST", "/api/plans", ProvincePlan("kh-hn-cascade", "tp-ha-noi", "2022-03-20", false)));
  const int64_t mine = Created(As(hanoi_, "POST", "/api/tasks",
                                  TaskBody(plan, "1", "tp-ha-noi", R"("serves":[)" + std::to_string(task_iv1_) + "]")));
  const std::string parent = R"("parent_id":)" + std::to_string(mine);
  const int64_t a = Created(As(hanoi_, "POST", "/api/tasks", TaskBody(plan, "1.a", "xa-2025-00070", parent)));
  Created(As(hanoi_, "POST", "/api/tasks", TaskBody(plan, "1.b", "xa-2025-00082", parent)));

  HttpResult got = As(hanoi_, "GET", "/api/tasks/" + std::to_string(a));
  HttpResult done = Http(port_, "PATCH", "/api/tasks/" + std::to_string(a), R"({"status":"done","completed_on":"2022-06-01"})",
                         [&] {
                           Headers h = hanoi_;
                           h.emplace_back("Content-Type", "application/merge-patch+json");
                           h.emplace_back("If-Match", got.header("etag"));
                           return h;
                         }());
  ASSERT_EQ(done.status, 200) << done.body;

  const json::value cascade = Json(As(hanoi_, "GET", "/api/tasks/" + std::to_string(mine) + "/cascade?as_of=2022-07-01"));
  EXPECT_EQ(cascade.at("children").at("summary").at("total"), 2);
  EXPECT_EQ(cascade.at("children").at("summary").at("done"), 1);
  EXPECT_EQ(cascade.at("children").at("summary").at("not_started"), 1);
  EXPECT_EQ(cascade.at("children").at("summary").at("progress_percent"), 50);
  EXPECT_EQ(cascade.at("children").at("items").as_array().size(), 2u);
  ASSERT_EQ(cascade.at("serves").as_array().size(), 1u);
  EXPECT_EQ(cascade.at("serves").at(0).at("number"), "IV.1");

  // The national task finds the province's task serving it, for those who may see it.
  const std::string iv1 = "/api/tasks/" + std::to_string(task_iv1_);
  const json::value national = Json(As(admin_, "GET", iv1 + "/cascade?as_of=2022-07-01"));
  bool found = false;
  for (const auto& t : national.at("implemented_by").at("items").as_array()) found = found || t.at("id") == mine;
  EXPECT_TRUE(found);
  const json::value listed = Json(As(admin_, "GET", "/api/tasks?serves=" + std::to_string(task_iv1_) + "&plan=" + std::to_string(plan)));
  EXPECT_EQ(listed.at("total"), 1);
  HttpResult anonymous = As({}, "GET", iv1 + "/cascade");
  ASSERT_EQ(anonymous.status, 200) << anonymous.body;
  const json::value public_view = Json(anonymous);
  EXPECT_EQ(public_view.at("implemented_by").at("summary").at("total"),
            national.at("implemented_by").at("summary").at("total").as_int64() - 1);
  for (const auto& t : public_view.at("implemented_by").at("items").as_array()) EXPECT_NE(t.at("id"), mine);
}

TEST_F(CascadeApiTest, ReferencesToTheSamePlanToNothingOrToWhatTheCallerCannotSeeAreRefused) {
  const int64_t plan = Created(As(hanoi_, "POST", "/api/plans", ProvincePlan("kh-hn-refusals", "tp-ha-noi", "2022-03-20", false)));
  const int64_t mine = Created(As(hanoi_, "POST", "/api/tasks", TaskBody(plan, "1", "tp-ha-noi", "")));
  const int64_t tasks_before = Json(As(admin_, "GET", "/api/tasks?limit=1")).at("total").as_int64();

  HttpResult same = As(hanoi_, "POST", "/api/tasks", TaskBody(plan, "2", "tp-ha-noi", R"("serves":[)" + std::to_string(mine) + "]"));
  EXPECT_EQ(same.status, 422);
  EXPECT_EQ(ErrorPaths(same), std::vector<std::string>{"/serves/0"});
  HttpResult none = As(hanoi_, "POST", "/api/tasks", TaskBody(plan, "2", "tp-ha-noi", R"("serves":[987654321])"));
  EXPECT_EQ(none.status, 422);
  EXPECT_EQ(ErrorPaths(none), std::vector<std::string>{"/serves/0"});
  HttpResult twice = As(hanoi_, "POST", "/api/tasks",
                        TaskBody(plan, "2", "tp-ha-noi",
                                 R"("serves":[)" + std::to_string(task_iv1_) + "," + std::to_string(task_iv1_) + "]"));
  EXPECT_EQ(twice.status, 422);
  EXPECT_EQ(ErrorPaths(twice), std::vector<std::string>{"/serves/1"});

  // An Giang cannot see Hà Nội's draft: its task there is unknown, not forbidden.
  const int64_t ag = Created(As(admin_, "POST", "/api/plans", ProvincePlan("kh-ag-refusals", "tinh-an-giang", "2022-03-10", true)));
  HttpResult hidden = As(angiang_, "POST", "/api/tasks",
                         TaskBody(ag, "1", "tinh-an-giang", R"("serves":[)" + std::to_string(mine) + "]"));
  EXPECT_EQ(hidden.status, 422);
  EXPECT_EQ(ErrorPaths(hidden), std::vector<std::string>{"/serves/0"});
  EXPECT_EQ(Json(hidden).at("error").at("fields").at(0).at("reason"), "unknown task");
  HttpResult hidden_parent = As(angiang_, "POST", "/api/tasks",
                                TaskBody(ag, "1", "tinh-an-giang", R"("parent_id":)" + std::to_string(mine)));
  EXPECT_EQ(hidden_parent.status, 422);
  EXPECT_EQ(ErrorPaths(hidden_parent), std::vector<std::string>{"/parent_id"});
  HttpResult hidden_plan = As(angiang_, "POST", "/api/plans",
                              R"({"kind":"plan","title":"Kế hoạch con","decision":{"issuer":"tinh-an-giang"},"parent_id":)" +
                                  std::to_string(plan) + "}");
  EXPECT_EQ(hidden_plan.status, 422);
  EXPECT_EQ(ErrorPaths(hidden_plan), std::vector<std::string>{"/parent_id"});
  // Nothing was written by any refusal.
  EXPECT_EQ(Json(As(admin_, "GET", "/api/tasks?limit=1")).at("total").as_int64(), tasks_before);

  // A duty names a unit that exists and a fixed deadline.
  HttpResult bad_duty = As(admin_, "POST", "/api/plans",
                           R"({"kind":"plan","title":"Kế hoạch có nghĩa vụ","duties":[
                                {"respondent":"cac-dia-phuong","due":"Quý I/2023","what":"ban hành kế hoạch"},
                                {"respondent":"khong-co-don-vi","due":"Quý I/2023"}]})");
  EXPECT_EQ(bad_duty.status, 422);
  EXPECT_EQ(ErrorPaths(bad_duty), std::vector<std::string>{"/duties/1/respondent"});
  HttpResult own_plan_due = As(admin_, "POST", "/api/plans",
                               R"({"kind":"plan","title":"Kế hoạch có nghĩa vụ","duties":[
                                    {"respondent":"cac-dia-phuong","due":{"kind":"own_plan"}}]})");
  EXPECT_EQ(own_plan_due.status, 422);
  EXPECT_EQ(ErrorPaths(own_plan_due), std::vector<std::string>{"/duties/0/due"});
}

}  // namespace
}  // namespace dxgov
