// Reminder digests through the real API: the standing agency runs the day's reminders now,
// Hà Nội's editor finds the digest among its unread notifications and marks it read; nobody
// else can read it, and only the standing agency may run reminders.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/demo_server.h"
#include "support/api_json.h"
#include "support/http_client.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::Json;
using Headers = std::vector<std::pair<std::string, std::string>>;

TEST(NotificationApiTest, RemindersRunNowAndDigestsAreReadByTheirOwnerOnly) {
  testing::DemoServer server("dxgov-notifications");
  server.clock().SetVietnam(MakeDate(2022, 6, 23), 8);  // Hà Nội's IV.1 is due in 7 days
  ASSERT_TRUE(server.Start().ok());
  const Headers admin = server.AddSignedInUser("admin", "", Role::kAdmin);
  const Headers hanoi = server.AddSignedInUser("hanoi", "tp-ha-noi", Role::kUnitEditor);
  const Headers angiang = server.AddSignedInUser("angiang", "tinh-an-giang", Role::kUnitEditor);
  ASSERT_FALSE(admin.empty());
  ASSERT_FALSE(hanoi.empty());
  ASSERT_FALSE(angiang.empty());

  EXPECT_EQ(server.Call(hanoi, "POST", "/api/reminders/run").status, 403);
  HttpResult run = server.Call(admin, "POST", "/api/reminders/run");
  ASSERT_EQ(run.status, 200) << run.body;
  EXPECT_EQ(Json(run).at("day"), "2022-06-23");
  EXPECT_GE(Json(run).at("notifications").as_int64(), 1);
  EXPECT_EQ(Json(run).at("mails_queued"), 0);  // no mailer here: in the application only

  json::value mine = Json(server.Call(hanoi, "GET", "/api/notifications?unread=true"));
  ASSERT_EQ(mine.at("total"), 1);
  EXPECT_EQ(mine.at("unread"), 1);
  const json::value digest = mine.at("items").at(0);
  EXPECT_EQ(digest.at("subject"), "[dxgov] Nhắc việc ngày 23/06/2022: 1 việc (1 sắp đến hạn)");
  EXPECT_EQ(digest.at("items").at(0).at("number"), "IV.1");
  EXPECT_EQ(digest.at("items").at(0).at("stage"), "before");
  EXPECT_EQ(digest.at("read"), false);
  const std::string read = "/api/notifications/" + std::to_string(digest.at("id").as_int64()) + "/read";

  EXPECT_EQ(server.Call(angiang, "POST", read).status, 404);
  HttpResult marked = server.Call(hanoi, "POST", read);
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(Json(marked).at("read"), true);
  EXPECT_EQ(Json(server.Call(hanoi, "GET", "/api/notifications?unread=true")).at("total"), 0);
  EXPECT_EQ(Json(server.Call(hanoi, "GET", "/api/notifications")).at("total"), 1);

  // Running again the same day gives nobody anything new.
  HttpResult again = server.Call(admin, "POST", "/api/reminders/run");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(Json(again).at("notifications"), 0);
}

}  // namespace
}  // namespace dxgov
