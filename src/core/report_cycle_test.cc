#include "core/report_cycle.h"

#include <gtest/gtest.h>

#include "core/test_units.h"
#include "core/test_status.h"

namespace dxgov {
namespace {

using testing_status::PathsOf;

ReportCycle Q3() {
  ReportCycle c;
  c.title = "Báo cáo quý III/2022";
  c.period = *ParsePeriod("2022-Q3");
  c.opens_on = MakeDate(2022, 9, 15);
  c.due = MakeDate(2022, 10, 15);
  c.respondent_units = {"cac-dia-phuong"};
  c.plan_ids = {2};
  c.indicators = {"HTS-01"};
  c.sections = DefaultReportSections();
  c.state = CycleState::kOpen;
  return c;
}

TEST(ValidateCycleTest, AcceptsAQuarterlyCycleAndNamesEveryBadField) {
  EXPECT_TRUE(ValidateCycle(Q3()).ok());
  ReportCycle c = Q3();
  c.title = " ";
  c.due = MakeDate(2022, 9, 1);
  c.respondent_units = {"Các địa phương"};
  c.respondent_kinds = {UnitKind::kGroup};
  c.indicators = {"HTS-01", "HTS-01"};
  c.sections.push_back({"Kết quả", ""});
  EXPECT_EQ(PathsOf(ValidateCycle(c)),
            (std::vector<std::string>{"/title", "/due", "/respondents/units/0", "/respondents/kinds/0", "/indicators/1",
                                      "/sections/3/key", "/sections/3/title"}));
  c = Q3();
  c.respondent_units.clear();
  EXPECT_EQ(PathsOf(ValidateCycle(c)), (std::vector<std::string>{"/respondents"}));
}

TEST(CheckCycleChangeTest, AnOpenedCycleKeepsItsQuestion) {
  ReportCycle open = Q3();
  ReportCycle closed_new = Q3();
  closed_new.state = CycleState::kClosed;
  EXPECT_TRUE(CheckCycleChange(open, nullptr).ok());
  EXPECT_EQ(PathsOf(CheckCycleChange(closed_new, nullptr)), (std::vector<std::string>{"/state"}));
  ReportCycle draft = Q3();
  draft.state = CycleState::kDraft;
  EXPECT_EQ(PathsOf(CheckCycleChange(closed_new, &draft)), (std::vector<std::string>{"/state"}));
  ReportCycle edited = draft;
  edited.indicators = {"HTS-02"};
  EXPECT_TRUE(CheckCycleChange(edited, &draft).ok());  // a draft changes freely
  ReportCycle renamed = open;
  renamed.title = "Báo cáo tình hình quý III/2022";
  renamed.due = MakeDate(2022, 10, 20);
  renamed.state = CycleState::kClosed;
  EXPECT_TRUE(CheckCycleChange(renamed, &open).ok());
  ReportCycle moved = open;
  moved.period = *ParsePeriod("2022-Q4");
  moved.respondent_kinds = {UnitKind::kMinistry};
  moved.plan_ids = {3};
  moved.indicators = {"HTS-02"};
  moved.sections.pop_back();
  moved.state = CycleState::kDraft;
  EXPECT_EQ(PathsOf(CheckCycleChange(moved, &open)),
            (std::vector<std::string>{"/period", "/respondents", "/plans", "/indicators", "/sections", "/state"}));
}

TEST(CycleRespondentsTest, GroupsAndKindsAsValidOnThePeriodsLastDay) {
  auto reg = testing_units::SmallRegistryPtr();
  // Q3/2022: the three provinces of the time.
  EXPECT_EQ(CycleRespondents(Q3(), *reg),
            (std::vector<std::string>{"tinh-ha-giang", "tinh-thua-thien-hue", "tinh-tuyen-quang"}));
  // Q3/2025: Hà Giang and Tuyên Quang merged on 1 July; Huế is a city; a ministry by kind.
  ReportCycle c = Q3();
  c.period = *ParsePeriod("2025-Q3");
  c.due = MakeDate(2025, 10, 15);
  c.opens_on.reset();
  c.respondent_kinds = {UnitKind::kMinistry};
  EXPECT_EQ(CycleRespondents(c, *reg),
            (std::vector<std::string>{"bo-khcn", "tinh-thua-thien-hue", "tinh-tuyen-quang-2025"}));
}

SubmissionDue Owed() { return SubmissionDue{{11, 12}, {"HTS-01"}, {"results", "difficulties", "proposals"}}; }

Submission Complete() {
  Submission s;
  s.tasks = {{11, TaskStatus::kDone, 100, MakeDate(2022, 9, 1), "Đã hoàn thành"},
             {12, TaskStatus::kInProgress, 40, std::nullopt, "Đang triển khai"}};
  s.indicators = {{"HTS-01", 72.5, false, ""}};
  s.sections = {{"results", "Kết quả"}, {"difficulties", "Thiếu kinh phí"}, {"proposals", "Bổ sung kinh phí"}};
  return s;
}

TEST(ValidateSubmissionTest, ADraftMayBePartialButNeverWrong) {
  Submission s;
  s.tasks = {{11, std::nullopt, std::nullopt, std::nullopt, "Mới bắt đầu"}};
  EXPECT_TRUE(ValidateSubmission(s, Owed(), false).ok());
  s.tasks.push_back({99, TaskStatus::kInProgress, 120, MakeDate(2022, 9, 1), ""});
  s.tasks.push_back({11, std::nullopt, std::nullopt, std::nullopt, ""});
  s.indicators = {{"KTS-01", 1.0, false, ""}};
  s.sections = {{"summary", "x"}};
  EXPECT_EQ(PathsOf(ValidateSubmission(s, Owed(), false)),
            (std::vector<std::string>{"/tasks/1/task", "/tasks/1/percent", "/tasks/1/completed_on", "/tasks/2/task",
                                      "/indicators/0/indicator", "/sections/summary"}));
}

TEST(ValidateSubmissionTest, SubmittingNeedsEveryTaskFigureAndSection) {
  EXPECT_TRUE(ValidateSubmission(Complete(), Owed(), true).ok());
  Submission s = Complete();
  s.tasks.pop_back();
  s.tasks[0].status.reset();
  s.tasks[0].completed_on.reset();
  s.indicators[0].value.reset();
  s.sections.erase("proposals");
  s.sections["difficulties"] = "  ";
  EXPECT_EQ(PathsOf(ValidateSubmission(s, Owed(), true)),
            (std::vector<std::string>{"/tasks/0/status", "/indicators/0/note", "/tasks", "/sections/difficulties",
                                      "/sections/proposals"}));
  s = Complete();
  s.indicators[0].value.reset();
  s.indicators[0].note = "Chưa có số liệu điều tra";
  EXPECT_TRUE(ValidateSubmission(s, Owed(), true).ok());
}

TEST(NextStateTest, RespondentsSaveAndSubmitTheAgencyAcceptsOrReturns) {
  using S = SubmissionState;
  using A = SubmissionAction;
  EXPECT_EQ(NextState(S::kDraft, A::kSave, CycleState::kOpen).value(), S::kDraft);
  EXPECT_EQ(NextState(S::kDraft, A::kSubmit, CycleState::kOpen).value(), S::kSubmitted);
  EXPECT_EQ(NextState(S::kSubmitted, A::kReturn, CycleState::kOpen).value(), S::kReturned);
  EXPECT_EQ(NextState(S::kReturned, A::kSave, CycleState::kOpen).value(), S::kReturned);
  EXPECT_EQ(NextState(S::kReturned, A::kSubmit, CycleState::kOpen).value(), S::kSubmitted);
  EXPECT_EQ(NextState(S::kSubmitted, A::kAccept, CycleState::kClosed).value(), S::kAccepted);

  auto refused = NextState(S::kSubmitted, A::kSave, CycleState::kOpen);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(refused.error().detail, "submitted");
  EXPECT_FALSE(NextState(S::kAccepted, A::kSubmit, CycleState::kOpen).ok());
  EXPECT_FALSE(NextState(S::kDraft, A::kAccept, CycleState::kOpen).ok());
  EXPECT_FALSE(NextState(S::kAccepted, A::kReturn, CycleState::kOpen).ok());
  EXPECT_FALSE(NextState(S::kDraft, A::kSubmit, CycleState::kClosed).ok());
  EXPECT_FALSE(NextState(S::kDraft, A::kSave, CycleState::kDraft).ok());
}

TEST(JudgeResponseTest, TimelinessCountsTheFirstSubmissionInVietnamTime) {
  const ReportCycle c = Q3();
  Response none = JudgeResponse(c, nullptr, MakeDate(2022, 10, 10));
  EXPECT_EQ(none.state, ResponseState::kNotStarted);
  EXPECT_FALSE(none.overdue);
  EXPECT_TRUE(JudgeResponse(c, nullptr, MakeDate(2022, 10, 16)).overdue);

  Submission s;
  s.state = SubmissionState::kDraft;
  EXPECT_EQ(JudgeResponse(c, &s, MakeDate(2022, 10, 16)).state, ResponseState::kDraft);
  EXPECT_TRUE(JudgeResponse(c, &s, MakeDate(2022, 10, 16)).overdue);

  s.state = SubmissionState::kSubmitted;
  s.first_submitted_at = "2022-10-15T16:59:59.000Z";  // 23:59 on the 15th in Hà Nội
  EXPECT_EQ(JudgeResponse(c, &s, MakeDate(2022, 10, 20)).state, ResponseState::kSubmittedOnTime);
  s.first_submitted_at = "2022-10-15T17:00:00.000Z";  // 00:00 on the 16th
  Response late = JudgeResponse(c, &s, MakeDate(2022, 10, 20));
  EXPECT_EQ(late.state, ResponseState::kSubmittedLate);
  EXPECT_TRUE(late.late);
  EXPECT_FALSE(late.overdue);

  // Returned and accepted keep the first submission's lateness.
  s.state = SubmissionState::kAccepted;
  EXPECT_EQ(JudgeResponse(c, &s, MakeDate(2022, 10, 20)).state, ResponseState::kAccepted);
  EXPECT_TRUE(JudgeResponse(c, &s, MakeDate(2022, 10, 20)).late);
}

Indicator Defined(std::string code, PeriodType type, std::vector<UnitKind> kinds) {
  Indicator i;
  i.code = std::move(code);
  i.period_type = type;
  i.reporting_kinds = std::move(kinds);
  return i;
}

TEST(IndicatorsForTest, EachRespondentReportsTheFiguresOfItsKindForTheCoveringPeriod) {
  auto reg = testing_units::SmallRegistryPtr();
  const std::vector<Indicator> defs = {Defined("Q-TINH", PeriodType::kQuarter, {UnitKind::kProvince}),
                                       Defined("N-BO", PeriodType::kYear, {UnitKind::kMinistry}),
                                       Defined("T-TINH", PeriodType::kMonth, {UnitKind::kProvince}),
                                       Defined("N-TINH", PeriodType::kYear, {UnitKind::kProvince})};
  ReportCycle c = Q3();
  c.indicators = {"N-TINH", "Q-TINH", "N-BO", "T-TINH", "KHONG-CO"};
  // A yearly figure in a quarterly report is the year's; a monthly one has no place.
  EXPECT_EQ(FormatPeriod(*FigurePeriod(c, defs[0])), "2022-Q3");
  EXPECT_EQ(FormatPeriod(*FigurePeriod(c, defs[1])), "2022");
  EXPECT_FALSE(FigurePeriod(c, defs[2]).has_value());
  EXPECT_EQ(IndicatorsFor(c, defs, "tinh-tuyen-quang", *reg), (std::vector<std::string>{"N-TINH", "Q-TINH"}));
  EXPECT_EQ(IndicatorsFor(c, defs, "bo-khcn", *reg), (std::vector<std::string>{"N-BO"}));
  // Q2/2025: the province merged on 1 July reports its quarter, not the year it did not finish.
  c.period = *ParsePeriod("2025-Q2");
  EXPECT_EQ(IndicatorsFor(c, defs, "tinh-tuyen-quang", *reg), (std::vector<std::string>{"Q-TINH"}));
  EXPECT_TRUE(IndicatorsFor(c, defs, "khong-co", *reg).empty());
}

}  // namespace
}  // namespace dxgov
