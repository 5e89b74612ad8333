#include "core/session.h"

#include <gtest/gtest.h>

#include "core/test_status.h"

namespace dxgov {
namespace {

using testing_status::PathsOf;

CommitteeSession FirstSession() {
  CommitteeSession s;
  s.committee_id = "ubqg-cds";
  s.number = 1;
  s.title = "Phiên họp lần thứ nhất của Ủy ban Quốc gia về chuyển đổi số";
  s.year = 2021;
  s.month = 11;
  s.date = MakeDate(2021, 11, 30);
  s.state = CommitteeSessionState::kHeld;
  s.agenda = {{"14h00", "Tuyên bố lý do, giới thiệu đại biểu", ""}};
  return s;
}

TEST(SessionTest, ValidatesEveryFieldByPath) {
  EXPECT_TRUE(ValidateSession(FirstSession()).ok());
  CommitteeSession s = FirstSession();
  s.committee_id = "";
  s.title.assign(1, ' ');
  s.month = 13;
  s.agenda.push_back({"", "", "x"});
  s.conclusion_plan_ids = {4, 4};
  EXPECT_EQ(PathsOf(ValidateSession(s)),
            (std::vector<std::string>{"/committee", "/title", "/month", "/agenda/1/title", "/conclusions/1"}));
}

TEST(SessionTest, ADateStaysInTheSessionsMonthAndAHeldSessionHasOne) {
  CommitteeSession s = FirstSession();
  s.date = MakeDate(2021, 12, 2);
  EXPECT_EQ(PathsOf(ValidateSession(s)), (std::vector<std::string>{"/date"}));
  s.month = 12;
  EXPECT_TRUE(ValidateSession(s).ok());
  s.date.reset();
  EXPECT_EQ(PathsOf(ValidateSession(s)), (std::vector<std::string>{"/date"}));
  s.state = CommitteeSessionState::kPlanned;
  EXPECT_TRUE(ValidateSession(s).ok());
}

TEST(SessionTest, APlannedSessionIsTitledByItsKindAndMonth) {
  const CommitteeSession s = PlannedSession("ubqg-cds", 2022, 7, SessionKind::kSixMonthReview);
  EXPECT_EQ(s.title, "Phiên họp sơ kết 6 tháng tháng 7/2022");
  EXPECT_EQ(s.state, CommitteeSessionState::kPlanned);
  EXPECT_FALSE(s.date.has_value());
  EXPECT_TRUE(ValidateSession(s).ok());
}

TEST(SessionScheduleTest, ReadsThe2022PlansScheduleWithItsReviews) {
  const auto got = ParseSessionSchedule(
      "Dự kiến thời gian các phiên họp: Tháng 3, Tháng 7 (sơ kết 6 tháng), Tháng 9, Tháng 11 (Tổng kết năm);");
  const std::vector<ScheduledSession> want = {{3, SessionKind::kRegular},
                                              {7, SessionKind::kSixMonthReview},
                                              {9, SessionKind::kRegular},
                                              {11, SessionKind::kAnnualReview}};
  EXPECT_EQ(got, want);
}

TEST(SessionScheduleTest, OtherWordingsOfTheSameSchedule) {
  EXPECT_EQ(ParseSessionSchedule("tháng 1, tháng 6 (sơ kết), tháng 12 (họp tổng kết cuối năm)"),
            (std::vector<ScheduledSession>{{1, SessionKind::kRegular},
                                           {6, SessionKind::kSixMonthReview},
                                           {12, SessionKind::kAnnualReview}}));
  EXPECT_EQ(ParseSessionSchedule("T4 (phiên chuyên đề về dữ liệu), T10"),
            (std::vector<ScheduledSession>{{4, SessionKind::kThematic}, {10, SessionKind::kRegular}}));
  EXPECT_TRUE(ParseSessionSchedule("Họp định kỳ 01 quý/01 lần, sơ kết 6 tháng").empty());
  EXPECT_TRUE(ParseSessionSchedule("Tháng 13, tháng 0").empty());
}

}  // namespace
}  // namespace dxgov
