#include "codec/report_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace dxgov::codec {
namespace {

namespace json = boost::json;

std::vector<std::string> Paths(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields()) out.push_back(f.path);
  return out;
}

TEST(CycleJsonTest, RoundTripsWithDefaultSectionsAndAVietnamesePeriod) {
  auto c = CycleFromJson(json::parse(R"({"title":"Báo cáo quý III/2022","period":"Quý III/2022","due":"2022-10-15",
      "respondents":{"units":["cac-dia-phuong"],"kinds":["ministry"]},"plans":[2],"indicators":["HTS-01"]})"),
                         "");
  ASSERT_TRUE(c.ok()) << c.error().message_en();
  EXPECT_EQ(FormatPeriod(c->period), "2022-Q3");
  EXPECT_EQ(c->sections, DefaultReportSections());
  EXPECT_EQ(c->state, CycleState::kDraft);
  EXPECT_EQ(c->respondent_kinds, std::vector<UnitKind>{UnitKind::kMinistry});
  auto again = CycleFromJson(ToJson(*c), "", ReadMode::kStored);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(json::value(ToJson(*again)), json::value(ToJson(*c)));
  EXPECT_EQ(ToJson(*c).at("period_label"), "Quý III/2022");
}

TEST(CycleJsonTest, NamesEveryBadMember) {
  auto c = CycleFromJson(json::parse(R"({"title":"X","period":"quý năm","due":"15/10/2022",
      "respondents":{"units":[3],"kinds":["tỉnh"]},"plans":[0],"state":"mở","extra":1})"),
                         "");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(Paths(c.error()), (std::vector<std::string>{"/period", "/due", "/respondents/units/0",
                                                        "/respondents/kinds/0", "/plans/0", "/state", "/extra"}));
}

TEST(SubmissionJsonTest, AClientSendsContentOnlyAndTheStoreKeepsEverything) {
  auto s = SubmissionFromJson(json::parse(R"({"tasks":[{"task":61,"status":"done","percent":100,
      "completed_on":"2022-09-01","narrative":"Xong"}],"indicators":[{"indicator":"HTS-01","value":72.5}],
      "sections":{"results":"Kết quả"},"state":"accepted","round":9})"),
                              "");
  ASSERT_TRUE(s.ok()) << s.error().message_en();
  EXPECT_EQ(s->state, SubmissionState::kDraft);  // the client cannot set it
  EXPECT_EQ(s->round, 0);
  ASSERT_EQ(s->tasks.size(), 1u);
  EXPECT_EQ(s->tasks[0].status, TaskStatus::kDone);
  EXPECT_EQ(s->indicators[0].value, 72.5);
  EXPECT_EQ(s->sections.at("results"), "Kết quả");

  Submission stored = *s;
  stored.id = 4;
  stored.cycle_id = 2;
  stored.unit_id = "tp-ha-noi";
  stored.state = SubmissionState::kReturned;
  stored.round = 1;
  stored.return_reason = "Thiếu số liệu";
  stored.first_submitted_at = "2022-10-10T01:00:00.000Z";
  auto back = SubmissionFromJson(ToJson(stored), "", ReadMode::kStored);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(json::value(ToJson(*back)), json::value(ToJson(stored)));

  auto bad = SubmissionFromJson(json::parse(R"({"tasks":[{"status":"xong","percent":101}],"sections":{"results":1}})"), "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Paths(bad.error()),
            (std::vector<std::string>{"/tasks/0/task", "/tasks/0/status", "/tasks/0/percent", "/sections/results"}));
}

}  // namespace
}  // namespace dxgov::codec
