// Members' key tasks through the real API (loopback HTTP, a real SQLite file with the demo
// data): the standing agency registers a key task, the member's ministry sends its monthly
// roadmap and reports results, and the board shows where the roadmap slipped. Another
// ministry cannot touch it; every change is audited.
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

class KeyTaskApiTest : public testing::DemoApiSuite<KeyTaskApiTest> {
 public:  // what DemoApiSuite reads
  static constexpr const char* kName = "dxgov-key-tasks";
  static void SetUpUsers() {
    bca_ = User("bca", "bo-cong-an", Role::kUnitEditor);
    byt_ = User("byt", "bo-y-te", Role::kUnitEditor);
  }

 protected:
  static inline Headers bca_, byt_;
};

TEST_F(KeyTaskApiTest, TheDemoDataHoldsEveryMembersKeyTaskOf2022) {
  const json::value list = Json(As({}, "GET", "/api/key-tasks?plan=" + std::to_string(plan_2022_) + "&as_of=2022-03-01"));
  ASSERT_EQ(list.at("total"), 14);
  const auto& items = list.at("items").as_array();
  EXPECT_EQ(items[1].at("ordinal"), 2);
  EXPECT_EQ(items[1].at("unit"), "bo-cong-an");
  EXPECT_EQ(items[1].at("title"), "Phổ cập danh tính số toàn dân");
  EXPECT_EQ(items[12].at("unit"), "nhnn");
  EXPECT_EQ(items[13].at("unit"), "bo-tttt");
  EXPECT_EQ(items[13].at("year"), 2022);
}

TEST_F(KeyTaskApiTest, AMinistrySendsItsRoadmapReportsMonthsAndTheBoardShowsSlippage) {
  const std::string plan = std::to_string(plan_2022_);
  // The standing agency registers a key task; a ministry editor may not.
  const std::string body = R"({"plan_id":)" + plan + R"(,"ordinal":20,"member":"Đại tướng Tô Lâm, Bộ trưởng Bộ Công an",
      "unit":"bo-cong-an","title":"Làm sạch dữ liệu dân cư","year":2022})";
  EXPECT_EQ(As(bca_, "POST", "/api/key-tasks", body).status, 403);
  HttpResult created = As(admin_, "POST", "/api/key-tasks", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = created.header("location");
  std::string etag = created.header("etag");

  HttpResult bad = As(admin_, "POST", "/api/key-tasks",
                      R"({"plan_id":)" + plan + R"(,"member":"X","unit":"khong-co","title":"Y","year":1990})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(testing::ErrorPaths(bad), (std::vector<std::string>{"/year"}));

  // The roadmap: Bộ Y tế may not send it; Bộ Công an must name the revision it read.
  const std::string roadmap = R"({"roadmap":[{"month":2,"expected":"Làm sạch 50% dữ liệu"},
                                              {"month":1,"expected":"Rà soát dữ liệu"},
                                              {"month":3,"expected":"Làm sạch 100% dữ liệu"}]})";
  EXPECT_EQ(As(byt_, "PUT", url + "/roadmap", roadmap, etag).status, 403);
  EXPECT_EQ(As(bca_, "PUT", url + "/roadmap", roadmap).status, 428);
  HttpResult sent = As(bca_, "PUT", url + "/roadmap", roadmap, etag);
  ASSERT_EQ(sent.status, 200) << sent.body;
  etag = sent.header("etag");
  EXPECT_EQ(Json(sent).at("roadmap").at(0).at("month"), 1);  // kept in month order
  HttpResult twelve = As(bca_, "PUT", url + "/roadmap", R"({"roadmap":[{"month":13,"expected":"x"}]})", etag);
  EXPECT_EQ(twelve.status, 422);
  EXPECT_EQ(testing::ErrorPaths(twelve), (std::vector<std::string>{"/roadmap/0/month"}));

  // January met, February partly; March not yet reported.
  HttpResult jan = As(bca_, "PUT", url + "/months/1", R"({"actual":"Đã rà soát toàn bộ","achieved":"met"})", etag);
  ASSERT_EQ(jan.status, 200) << jan.body;
  etag = jan.header("etag");
  EXPECT_EQ(Json(jan).at("results").at(0).at("reported_by"), "bca");
  HttpResult feb = As(bca_, "PUT", url + "/months/2", R"({"actual":"Làm sạch 35%","achieved":"partly"})", etag);
  ASSERT_EQ(feb.status, 200) << feb.body;
  etag = feb.header("etag");
  HttpResult wrong = As(bca_, "PUT", url + "/months/2", R"({"actual":"","achieved":"gần đạt"})", etag);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(testing::ErrorPaths(wrong), (std::vector<std::string>{"/actual", "/achieved"}));
  EXPECT_EQ(As(bca_, "PUT", url + "/months/13", R"({"actual":"x","achieved":"met"})", etag).status, 404);

  // 10 April: March is unreported past the grace days; the slippage runs from February.
  json::value k = Json(As({}, "GET", url + "?as_of=2022-04-10"));
  EXPECT_EQ(k.at("standing").at("due"), 3);
  EXPECT_EQ(k.at("standing").at("met"), 1);
  EXPECT_EQ(k.at("standing").at("slipped"), 2);
  EXPECT_EQ(k.at("standing").at("behind_since"), 2);
  EXPECT_EQ(k.at("months").at(1).at("state"), "partly");
  EXPECT_EQ(k.at("months").at(2).at("state"), "unreported");
  EXPECT_EQ(k.at("months").at(2).at("state_label"), "Chưa báo cáo");
  EXPECT_EQ(k.at("months").at(2).at("expected"), "Làm sạch 100% dữ liệu");
  EXPECT_EQ(k.at("unit_name"), "Bộ Công an");

  // The board lists it among the slipping key tasks, and not before February ended.
  json::value slipping = Json(As(admin_, "GET", "/api/key-tasks?plan=" + plan + "&slipping=true&as_of=2022-04-10"));
  ASSERT_EQ(slipping.at("total"), 1);
  EXPECT_EQ(slipping.at("items").at(0).at("title"), "Làm sạch dữ liệu dân cư");
  EXPECT_EQ(Json(As(admin_, "GET", "/api/key-tasks?plan=" + plan + "&slipping=true&as_of=2022-01-31")).at("total"), 1)
      << "February's partial result is reported early and already counts";
  EXPECT_EQ(Json(As(admin_, "GET", "/api/key-tasks?unit=bo-cong-an&plan=" + plan)).at("total"), 2);

  // A client may send back the view it read (with its read-only members) as a patch.
  HttpResult view = As(admin_, "GET", url);
  json::value whole = Json(view);
  whole.as_object()["title"] = "Làm sạch, đồng bộ dữ liệu dân cư";
  HttpResult patched = As(admin_, "PATCH", url, json::serialize(whole), view.header("etag"));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Json(patched).at("results").as_array().size(), 2u);

  // History and audit: the roadmap first sent is kept.
  json::value history = Json(As(bca_, "GET", url + "/history"));
  ASSERT_EQ(history.at("items").as_array().size(), 4u);
  EXPECT_TRUE(history.at("items").at(3).at("roadmap").as_array().empty());
  json::value audit = Json(As(admin_, "GET", "/api/audit?entity=key_task&limit=10"));
  std::vector<std::string> actions;
  for (const auto& e : audit.at("items").as_array())
    if (e.at("entity_id") == json::value(std::to_string(Json(created).at("id").as_int64())))
      actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"update", "result", "result", "roadmap", "create"}));
}

}  // namespace
}  // namespace dxgov
