#include "core/access.h"

#include <gtest/gtest.h>

#include "core/test_units.h"

namespace dxgov {
namespace {

const Date kToday = MakeDate(2026, 11, 23);

User MakeUser(std::string login, std::string unit, std::vector<Role> roles) {
  User u;
  u.id = 7;
  u.login = std::move(login);
  u.display_name = "Nguyễn Văn A";
  u.unit_id = std::move(unit);
  u.roles = std::move(roles);
  return u;
}

class AccessTest : public ::testing::Test {
 protected:
  std::shared_ptr<const UnitRegistry> reg_ = testing_units::SmallRegistryPtr();

  Verdict D(const Principal* who, Action a, const Subject& s) { return Decide(who, a, s, *reg_, kToday); }
  static Subject TaskOf(std::string lead, bool open = true) {
    Subject s;
    s.plan_issuer = "bo-khcn";
    s.lead = std::move(lead);
    s.open = open;
    return s;
  }
};

TEST_F(AccessTest, AnonymousReadsPublishedOnlyAndMustSignInToWrite) {
  Subject draft = TaskOf("tinh-thua-thien-hue");
  draft.published = false;
  EXPECT_EQ(D(nullptr, Action::kRead, TaskOf("tinh-thua-thien-hue")), Verdict::kAllow);
  EXPECT_EQ(D(nullptr, Action::kRead, draft), Verdict::kHidden);
  EXPECT_EQ(D(nullptr, Action::kEditTask, TaskOf("tinh-thua-thien-hue")), Verdict::kUnauthenticated);
  EXPECT_EQ(D(nullptr, Action::kReadInternal, TaskOf("tinh-thua-thien-hue")), Verdict::kUnauthenticated);
  EXPECT_EQ(D(nullptr, Action::kPublic, {}), Verdict::kAllow);
}

TEST_F(AccessTest, UnitEditorActsOnOwnUnitAndDescendantsNotOnOthers) {
  Principal p = PrincipalForUser(MakeUser("bien.tq", "tinh-tuyen-quang-2025", {Role::kUnitEditor}));
  EXPECT_EQ(D(&p, Action::kEditTask, TaskOf("tinh-tuyen-quang-2025")), Verdict::kAllow);
  EXPECT_EQ(D(&p, Action::kEditTask, TaskOf("xa-2025-00001")), Verdict::kAllow);  // a commune below it
  EXPECT_EQ(D(&p, Action::kEditTask, TaskOf("tinh-thua-thien-hue")), Verdict::kForbidden);
  // National assignments belong to the issuer's editors, not to the lead.
  EXPECT_EQ(D(&p, Action::kEditPlan, TaskOf("tinh-tuyen-quang-2025")), Verdict::kForbidden);
  EXPECT_EQ(D(&p, Action::kEditUnits, {}), Verdict::kForbidden);
  EXPECT_EQ(D(&p, Action::kManageAccounts, {}), Verdict::kForbidden);
}

TEST_F(AccessTest, SuccessorActsOnPredecessorsOpenTasksOnly) {
  Principal p = PrincipalForUser(MakeUser("bien.tq", "tinh-tuyen-quang-2025", {Role::kUnitEditor}));
  EXPECT_EQ(D(&p, Action::kEditTask, TaskOf("tinh-ha-giang", /*open=*/true)), Verdict::kAllow);
  EXPECT_EQ(D(&p, Action::kEditTask, TaskOf("tinh-ha-giang", /*open=*/false)), Verdict::kForbidden);
  // The predecessor's staff do not gain the successor's tasks.
  Principal old = PrincipalForUser(MakeUser("bien.hg", "tinh-ha-giang", {Role::kUnitEditor}));
  EXPECT_EQ(D(&old, Action::kEditTask, TaskOf("tinh-tuyen-quang-2025")), Verdict::kForbidden);
}

TEST_F(AccessTest, DraftsAreHiddenOutsideTheIssuersSubtree) {
  Subject draft;
  draft.published = false;
  draft.plan_issuer = "tinh-tuyen-quang-2025";
  draft.lead = "xa-2025-00001";
  Principal own = PrincipalForUser(MakeUser("xem.tq", "tinh-tuyen-quang-2025", {Role::kViewer}));
  Principal foreign = PrincipalForUser(MakeUser("bien.hue", "tinh-thua-thien-hue", {Role::kUnitEditor}));
  EXPECT_EQ(D(&own, Action::kRead, draft), Verdict::kAllow);
  EXPECT_EQ(D(&own, Action::kEditTask, draft), Verdict::kForbidden);  // a viewer sees, never writes
  EXPECT_EQ(D(&foreign, Action::kRead, draft), Verdict::kHidden);
  EXPECT_EQ(D(&foreign, Action::kEditTask, draft), Verdict::kHidden);  // 404, not 403: no leak
  Principal plan_editor = PrincipalForUser(MakeUser("bien.tq", "tinh-tuyen-quang-2025", {Role::kUnitEditor}));
  EXPECT_EQ(D(&plan_editor, Action::kEditPlan, draft), Verdict::kAllow);  // its own province's plan
}

TEST_F(AccessTest, GroupTasksAreReportedPerAddressee) {
  Principal p = PrincipalForUser(MakeUser("bien.hue", "tinh-thua-thien-hue", {Role::kUnitEditor}));
  Subject s = TaskOf("cac-dia-phuong");
  EXPECT_EQ(D(&p, Action::kEditTask, s), Verdict::kForbidden);
  EXPECT_EQ(D(&p, Action::kReportProgress, s), Verdict::kForbidden);
  s.reporting_unit = "tinh-thua-thien-hue";
  EXPECT_EQ(D(&p, Action::kReportProgress, s), Verdict::kAllow);
  s.reporting_unit = "tinh-tuyen-quang-2025";
  EXPECT_EQ(D(&p, Action::kReportProgress, s), Verdict::kForbidden);
}

TEST_F(AccessTest, CoordinatorsMayCommentButNotReport) {
  Principal p = PrincipalForUser(MakeUser("bien.hue", "tinh-thua-thien-hue", {Role::kUnitEditor}));
  Subject s = TaskOf("bo-khcn");
  s.coordinators = {"tinh-thua-thien-hue"};
  EXPECT_EQ(D(&p, Action::kReportProgress, s), Verdict::kForbidden);
  s.comment_only = true;
  EXPECT_EQ(D(&p, Action::kReportProgress, s), Verdict::kAllow);
  EXPECT_EQ(D(&p, Action::kEditTask, s), Verdict::kForbidden);
}

TEST_F(AccessTest, GlobalRolesActEverywhere) {
  Principal standing = PrincipalForUser(MakeUser("tt", "bo-khcn", {Role::kStandingEditor}));
  Principal admin = PrincipalForUser(MakeUser("admin", "", {Role::kAdmin}));
  for (const Principal* p : {&standing, &admin}) {
    EXPECT_EQ(D(p, Action::kEditPlan, TaskOf("tinh-thua-thien-hue")), Verdict::kAllow);
    EXPECT_EQ(D(p, Action::kEditTask, TaskOf("tinh-ha-giang", false)), Verdict::kAllow);
    EXPECT_EQ(D(p, Action::kReadAudit, {}), Verdict::kAllow);
  }
  EXPECT_EQ(D(&standing, Action::kManageAccounts, {}), Verdict::kForbidden);
  EXPECT_EQ(D(&standing, Action::kEditUnits, {}), Verdict::kForbidden);
  EXPECT_EQ(D(&admin, Action::kManageAccounts, {}), Verdict::kAllow);
}

TEST_F(AccessTest, ApproverApprovesItsSubtreeAndWritesNothingElse) {
  Principal p = PrincipalForUser(MakeUser("duyet.tq", "tinh-tuyen-quang-2025", {Role::kUnitApprover}));
  EXPECT_EQ(D(&p, Action::kApprove, TaskOf("xa-2025-00001")), Verdict::kAllow);
  EXPECT_EQ(D(&p, Action::kApprove, TaskOf("tinh-thua-thien-hue")), Verdict::kForbidden);
  EXPECT_EQ(D(&p, Action::kEditTask, TaskOf("xa-2025-00001")), Verdict::kForbidden);
}

TEST_F(AccessTest, ReportsAreSubmittedByTheUnitAndReviewedFromAbove) {
  Subject commune, province, other;
  commune.reporting_unit = "xa-2025-00001";
  province.reporting_unit = "tinh-tuyen-quang-2025";
  other.reporting_unit = "tinh-thua-thien-hue";
  Principal editor = PrincipalForUser(MakeUser("bien.tq", "tinh-tuyen-quang-2025", {Role::kUnitEditor}));
  Principal approver = PrincipalForUser(MakeUser("duyet.tq", "tinh-tuyen-quang-2025", {Role::kUnitApprover}));
  Principal viewer = PrincipalForUser(MakeUser("xem.tq", "tinh-tuyen-quang-2025", {Role::kViewer}));
  Principal standing = PrincipalForUser(MakeUser("thuong.truc", "bo-khcn", {Role::kStandingEditor}));
  EXPECT_EQ(D(nullptr, Action::kReadReport, province), Verdict::kUnauthenticated);
  EXPECT_EQ(D(&editor, Action::kSubmitReport, province), Verdict::kAllow);
  EXPECT_EQ(D(&editor, Action::kSubmitReport, commune), Verdict::kAllow);
  // Another province's report does not exist for them.
  EXPECT_EQ(D(&editor, Action::kReadReport, other), Verdict::kHidden);
  EXPECT_EQ(D(&editor, Action::kSubmitReport, other), Verdict::kHidden);
  EXPECT_EQ(D(&editor, Action::kReviewReport, province), Verdict::kForbidden);
  EXPECT_EQ(D(&viewer, Action::kReadReport, province), Verdict::kAllow);
  EXPECT_EQ(D(&viewer, Action::kSubmitReport, province), Verdict::kForbidden);
  // An approver reviews the communes below, never its own unit's report.
  EXPECT_EQ(D(&approver, Action::kReviewReport, commune), Verdict::kAllow);
  EXPECT_EQ(D(&approver, Action::kReviewReport, province), Verdict::kForbidden);
  EXPECT_EQ(D(&approver, Action::kReviewReport, other), Verdict::kHidden);
  EXPECT_EQ(D(&standing, Action::kReviewReport, province), Verdict::kAllow);
  EXPECT_EQ(D(&standing, Action::kManageCycles, {}), Verdict::kAllow);
  EXPECT_EQ(D(&approver, Action::kManageCycles, {}), Verdict::kForbidden);
  EXPECT_EQ(D(&editor, Action::kManageCycles, {}), Verdict::kForbidden);
  EXPECT_EQ(D(&standing, Action::kManageSessions, {}), Verdict::kAllow);
  EXPECT_EQ(D(&approver, Action::kManageSessions, {}), Verdict::kForbidden);
  EXPECT_EQ(D(&editor, Action::kManageSessions, {}), Verdict::kForbidden);
  EXPECT_EQ(D(nullptr, Action::kManageSessions, {}), Verdict::kUnauthenticated);
  EXPECT_EQ(D(&standing, Action::kSendReminders, {}), Verdict::kAllow);
  EXPECT_EQ(D(&approver, Action::kSendReminders, {}), Verdict::kForbidden);
}

TEST_F(AccessTest, TokensHaveOnlyTheirPermissionsInTheirUnit) {
  ApiToken t;
  t.id = 3;
  t.name = "Cổng dịch vụ công";
  t.unit_id = "tinh-tuyen-quang-2025";
  t.permissions = {TokenPermission::kProgress};
  Principal p = PrincipalForToken(t);
  EXPECT_EQ(p.name, "token:3");
  EXPECT_EQ(D(&p, Action::kReportProgress, TaskOf("xa-2025-00001")), Verdict::kAllow);
  EXPECT_EQ(D(&p, Action::kEditTask, TaskOf("xa-2025-00001")), Verdict::kForbidden);
  EXPECT_EQ(D(&p, Action::kReportProgress, TaskOf("tinh-thua-thien-hue")), Verdict::kForbidden);
  EXPECT_EQ(D(&p, Action::kManageAccounts, {}), Verdict::kForbidden);
  Subject draft = TaskOf("xa-2025-00001");
  draft.published = false;
  draft.plan_issuer = "tinh-tuyen-quang-2025";
  EXPECT_EQ(D(&p, Action::kRead, draft), Verdict::kHidden);  // no "read" permission
}

TEST(AccountTest, ValidateUserNamesEachBadField) {
  User u = MakeUser("Bad Login", "", {Role::kViewer, Role::kViewer});
  u.display_name = "";
  u.email = "not-an-address";
  auto s = ValidateUser(u);
  ASSERT_FALSE(s.ok());
  std::set<std::string> paths;
  for (const auto& f : s.error().fields()) paths.insert(f.path);
  EXPECT_EQ(paths, (std::set<std::string>{"/login", "/display_name", "/email", "/roles/1", "/unit"}));
  EXPECT_TRUE(ValidateUser(MakeUser("admin", "", {Role::kAdmin})).ok());
  EXPECT_TRUE(ValidateUser(MakeUser("hoa.nt", "bo-khcn", {Role::kUnitEditor, Role::kViewer})).ok());
}

TEST(AccountTest, SessionsExpireWhenIdleOrOld) {
  Session s;
  s.created_s = 1000;
  s.last_seen_s = 1000;
  EXPECT_EQ(JudgeSession(s, 1000 + kSessionIdleSeconds - 1), SessionState::kLive);
  EXPECT_EQ(JudgeSession(s, 1000 + kSessionIdleSeconds), SessionState::kIdle);
  s.last_seen_s = 1000 + kSessionAbsoluteSeconds - 10;
  EXPECT_EQ(JudgeSession(s, 1000 + kSessionAbsoluteSeconds), SessionState::kExpired);
  s.revoked = true;
  EXPECT_EQ(JudgeSession(s, 1001), SessionState::kRevoked);
}

}  // namespace
}  // namespace dxgov
