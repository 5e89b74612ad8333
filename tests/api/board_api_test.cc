// The monitoring board through the real API (loopback HTTP, a real SQLite file with the
// demo data): the 2022 plan's tasks counted by section, lead kind and lead; a province's
// overdue and due-soon tasks as lead (its own part of a group task) and as coordinator.
#include <boost/json.hpp>

#include <algorithm>
#include <gtest/gtest.h>

#include "api/demo_api_suite.h"
#include "support/api_json.h"
#include "support/http_client.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::Json;

class BoardApiTest : public testing::DemoApiSuite<BoardApiTest> {
 public:  // what DemoApiSuite reads
  static constexpr const char* kName = "dxgov-board";
  static void SetUpUsers() {
    hanoi_ = User("hanoi", "tp-ha-noi", Role::kUnitEditor);
  }

 protected:
  static json::value Board(const std::string& target) {
    HttpResult r = As(admin_, "GET", target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? Json(r) : json::value();
  }
  static std::vector<std::string> Numbers(const json::value& list) {
    std::vector<std::string> out;
    for (const auto& t : list.as_array()) out.emplace_back(t.at("number").as_string());
    return out;
  }
  static inline Headers hanoi_;
};

TEST_F(BoardApiTest, NationalCountsBySectionLeadKindAndLead) {
  const std::string plan = std::to_string(plan_2022_);
  const json::value b = Board("/api/board/tasks?plan=" + plan + "&as_of=2022-07-15");
  const int64_t total = b.at("all").at("total").as_int64();
  EXPECT_EQ(total, Json(As(admin_, "GET", "/api/tasks?plan=" + plan + "&limit=1")).at("total").as_int64());

  // Sections in document order, and they add up to the whole.
  std::vector<std::string> sections;
  int64_t sum = 0;
  for (const auto& s : b.at("by_section").as_array()) {
    sections.emplace_back(s.at("section").as_string());
    sum += s.at("summary").at("total").as_int64();
  }
  EXPECT_EQ(sections, (std::vector<std::string>{"II", "III", "IV", "V"}));
  EXPECT_EQ(sum, total);

  // The 63 provinces of 2022 each lead one task of section IV.
  bool saw_province = false;
  for (const auto& k : b.at("by_lead_kind").as_array()) {
    if (k.at("kind") != "province") continue;
    saw_province = true;
    EXPECT_EQ(k.at("label"), "Tỉnh");
    EXPECT_GE(k.at("summary").at("total").as_int64(), 50);
  }
  EXPECT_TRUE(saw_province);

  // Leads with most overdue tasks come first, named.
  const auto& leads = b.at("by_lead").as_array();
  ASSERT_GT(leads.size(), 30u);
  for (size_t i = 1; i < leads.size(); ++i)
    EXPECT_GE(leads[i - 1].at("summary").at("overdue").as_int64(), leads[i].at("summary").at("overdue").as_int64());
  const auto tttt = std::find_if(leads.begin(), leads.end(), [](const json::value& l) { return l.at("unit") == "bo-tttt"; });
  ASSERT_NE(tttt, leads.end());
  EXPECT_EQ(tttt->at("name"), "Bộ Thông tin và Truyền thông");
  EXPECT_EQ(tttt->at("summary").at("total"), 11);  // its 11 tasks in the 2022 plan

  // Before any deadline has passed nothing is overdue.
  EXPECT_EQ(Board("/api/board/tasks?plan=" + plan + "&as_of=2022-01-05").at("all").at("overdue"), 0);
  HttpResult bad = As(admin_, "GET", "/api/board/tasks?plan=x");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(testing::ErrorPaths(bad), (std::vector<std::string>{"/query/plan"}));
}

TEST_F(BoardApiTest, AUnitSeesItsOwnOverdueAndDueSoonTasksAsLeadAndCoordinator) {
  const std::string plan = std::to_string(plan_2022_);
  const std::string url = "/api/board/units/tp-ha-noi?plan=" + plan + "&due_soon_days=14&as_of=";
  // Hà Nội leads IV.1, due "Tháng 6/2022": due soon on 20 June, overdue from 1 July.
  json::value b = Board(url + "2022-06-20");
  std::cerr << json::serialize(b).substr(0, 3000) << "\n";
  EXPECT_EQ(b.at("name"), "Thành phố Hà Nội");
  EXPECT_EQ(Numbers(b.at("as_lead").at("due_soon")), (std::vector<std::string>{"IV.1"}));
  EXPECT_TRUE(b.at("as_lead").at("overdue").as_array().empty());
  b = Board(url + "2022-07-01");
  EXPECT_EQ(Numbers(b.at("as_lead").at("overdue")), (std::vector<std::string>{"IV.1"}));
  EXPECT_EQ(b.at("as_lead").at("overdue").at(0).at("unit_timeliness_label"), "Quá hạn");

  // A task addressed to every province: Hà Nội is judged on its own part.
  HttpResult created = As(admin_, "POST", "/api/tasks",
                          R"({"plan_id":)" + plan + R"(,"number":"V.9","section":"V","title":"Báo cáo sơ kết",
                              "lead":"cac-dia-phuong","deadline":"2022-06-25"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string location = created.header("location");
  b = Board(url + "2022-06-20");
  // Soonest deadline first: V.9 (25 June) before IV.1 (30 June).
  EXPECT_EQ(Numbers(b.at("as_lead").at("due_soon")), (std::vector<std::string>{"V.9", "IV.1"}));
  EXPECT_EQ(b.at("as_lead").at("due_soon").at(0).at("own_part").at("unit"), "tp-ha-noi");
  EXPECT_FALSE(b.at("as_lead").at("due_soon").at(1).as_object().contains("own_part"));
  HttpResult part = As(hanoi_, "POST", location + "/progress",
                       R"({"unit":"tp-ha-noi","status":"done","completed_on":"2022-06-18","text":"Đã gửi"})");
  ASSERT_EQ(part.status, 201) << part.body;
  b = Board(url + "2022-06-20");
  EXPECT_EQ(Numbers(b.at("as_lead").at("due_soon")), (std::vector<std::string>{"IV.1"}));
  // An Giang has not done its part: for it the task is now overdue.
  json::value ag = Board("/api/board/units/tinh-an-giang?plan=" + plan + "&due_soon_days=14&as_of=2022-06-26");
  EXPECT_EQ(Numbers(ag.at("as_lead").at("overdue")), (std::vector<std::string>{"V.9"}));

  // As coordinator: "các địa phương" coordinate II.1, due at the end of 2022.
  b = Board(url + "2022-12-20");
  bool coordinates_ii1 = false;
  for (const auto& t : b.at("as_coordinator").at("due_soon").as_array()) {
    if (t.at("number") == "II.1") coordinates_ii1 = true;
  }
  EXPECT_TRUE(coordinates_ii1);
  EXPECT_EQ(b.at("as_coordinator").at("counts").at("due_soon").as_int64(),
            static_cast<int64_t>(b.at("as_coordinator").at("due_soon").as_array().size()));

  EXPECT_EQ(As(admin_, "GET", "/api/board/units/khong-co").status, 404);
}

}  // namespace
}  // namespace dxgov
