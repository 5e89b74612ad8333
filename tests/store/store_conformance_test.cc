// The conformance suite every Store adapter must pass. Each backend registers a factory
// in kBackends; the cases are written once. SQLite runs against real files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>

#include "audit/audit_chain.h"
#include "core/test_units.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace dxgov {
namespace {

namespace fs = std::filesystem;

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date d) : now_(std::chrono::sys_days{d} + std::chrono::hours{3}) {}
  std::chrono::system_clock::time_point Now() const override { return now_; }

 private:
  std::chrono::system_clock::time_point now_;
};

struct Backend {
  std::string name;
  // Opens (creating) a store whose files live in `dir`.
  std::function<Result<std::unique_ptr<Store>>(const fs::path& dir, const Clock* clock)> open;
};

void PrintTo(const Backend& b, std::ostream* os) { *os << b.name; }

const std::vector<Backend>& Backends() {
  static const std::vector<Backend> kBackends = {
      {"sqlite",
       [](const fs::path& dir, const Clock* clock) {
         return OpenSqliteStore({(dir / "dxgov.sqlite").string(), 2, clock});
       }},
  };
  return kBackends;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    Reopen();
    ASSERT_TRUE(store_->Write([](WriteTxn& txn) -> Status {
      for (const auto& u : testing_units::SmallRegistry()) DX_RETURN_IF_ERROR(txn.CreateUnit(u));
      return OkStatus();
    }).ok());
    Plan plan;
    plan.kind = "plan";
    plan.key = "ke-hoach-2022";
    plan.title = "Kế hoạch 2022";
    plan.published = true;
    plan_id_ = Create([&](WriteTxn& t) { return t.CreatePlan(plan); });
  }
  void TearDown() override { store_.reset(); }

  void Reopen() {
    store_.reset();
    auto s = GetParam().open(dir_.path(), &clock_);
    ASSERT_TRUE(s.ok()) << s.error().message_en();
    store_ = std::move(s).value();
  }

  int64_t Create(const std::function<Result<int64_t>(WriteTxn&)>& fn) {
    int64_t id = 0;
    Status s = store_->Write([&](WriteTxn& t) -> Status {
      DX_ASSIGN_OR_RETURN(id, fn(t));
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s.error().message_en();
    return id;
  }

  Task MakeTask(const std::string& number, const std::string& title, const std::string& lead,
                std::vector<std::string> coordinators = {}, const char* deadline = nullptr) {
    Task t;
    t.plan_id = plan_id_;
    t.number = number;
    t.section = number.substr(0, number.find('.'));
    t.title = title;
    t.lead.unit_id = lead;
    for (auto& c : coordinators) t.coordinators.push_back({c, ""});
    if (deadline) t.deadline = ParseDeadlineText(deadline).value();
    return t;
  }

  int64_t AddTask(const Task& t) {
    return Create([&](WriteTxn& txn) { return txn.CreateTask(t); });
  }

  std::vector<std::string> Numbers(const TaskQuery& q) {
    auto page = store_->ListTasks(q);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message_en());
    std::vector<std::string> out;
    if (page.ok())
      for (const auto& t : page->items) out.push_back(t.number);
    return out;
  }

  // A typical slice of a plan: ministries, provinces, a group coordinator, every deadline form.
  void AddPlanSlice() {
    AddTask(MakeTask("II.1", "Phổ cập điện thoại thông minh", "bo-tttt", {"cac-dia-phuong"}, "đến hết năm 2022"));
    AddTask(MakeTask("III.10.d", "Rà soát chính sách", "bo-tttt", {}, "Tháng 4/2022"));
    AddTask(MakeTask("III.10.đ", "Điều phối chung", "bo-tttt", {"cac-dia-phuong"}, "Tháng 12/2022"));
    AddTask(MakeTask("III.10.e", "Đào tạo cán bộ", "bo-tttt", {}, "Quý III/2022"));
    AddTask(MakeTask("IV.2", "Triển khai nền tảng địa chỉ số", "tinh-ha-giang", {"bo-tttt"}, "Tháng 6/2022"));
    AddTask(MakeTask("IV.3", "Cơ sở dữ liệu đất đai", "tinh-tuyen-quang", {"bo-tttt"},
                     "Theo kế hoạch cụ thể của Tỉnh Tuyên Quang"));
    AddTask(MakeTask("V.1", "Báo cáo tổng kết", "bo-khcn", {}, "trước ngày 30 tháng 11 hàng năm"));
  }

  testing::TempDir dir_{"dxgov-store"};
  FixedClock clock_{MakeDate(2022, 6, 20)};
  std::unique_ptr<Store> store_;
  int64_t plan_id_ = 0;
};

TEST_P(StoreTest, CreatedTaskReadsBack) {
  int64_t id = AddTask(MakeTask("II.1", "Phổ cập", "bo-tttt", {"cac-dia-phuong"}, "Tháng 6/2022"));
  auto t = store_->GetTask(id);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->number, "II.1");
  EXPECT_EQ(t->version, 1);
  EXPECT_EQ(t->coordinators.at(0).unit_id, "cac-dia-phuong");
  EXPECT_EQ(t->deadline->month, 6);
  EXPECT_FALSE(t->created_at.empty());
}

TEST_P(StoreTest, StaleReplaceChangesNothing) {
  int64_t id = AddTask(MakeTask("II.1", "Phổ cập", "bo-tttt"));
  Task t = store_->GetTask(id).value();
  t.title = "Phổ cập, sửa lần 1";
  ASSERT_TRUE(store_->Write([&](WriteTxn& txn) { return txn.ReplaceTask(t, 1); }).ok());
  t.title = "Sửa dựa trên bản cũ";
  Status stale = store_->Write([&](WriteTxn& txn) { return txn.ReplaceTask(t, 1); });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
  EXPECT_EQ(stale.error().detail, "2");
  auto now = store_->GetTask(id);
  EXPECT_EQ(now->title, "Phổ cập, sửa lần 1");
  EXPECT_EQ(now->version, 2);
  auto history = store_->TaskHistory(id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->at(0).title, "Phổ cập");
  EXPECT_EQ(history->at(0).version, 1);
}

TEST_P(StoreTest, FailedTransactionLeavesNoTrace) {
  Status s = store_->Write([&](WriteTxn& txn) -> Status {
    auto first = txn.CreateTask(MakeTask("II.1", "A", "bo-tttt"));
    EXPECT_TRUE(first.ok());
    auto second = txn.CreateTask(MakeTask("II.2", "B", "bo-khong-ton-tai"));
    if (!second.ok()) return std::move(second).error();
    return OkStatus();
  });
  ASSERT_FALSE(s.ok());
  TaskQuery q;
  EXPECT_TRUE(Numbers(q).empty());
}

TEST_P(StoreTest, UnknownLeadIsRejectedWithItsPath) {
  Status s = store_->Write([&](WriteTxn& txn) -> Status {
    auto r = txn.CreateTask(MakeTask("II.9", "X", "bo-tttt", {"bo-khong-ton-tai"}));
    if (!r.ok()) return std::move(r).error();
    return OkStatus();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.error().fields().at(0).path, "/coordinators");
}

TEST_P(StoreTest, DuplicateNumberInAPlanIsAConflict) {
  AddTask(MakeTask("II.1", "A", "bo-tttt"));
  Status s = store_->Write([&](WriteTxn& txn) -> Status {
    auto r = txn.CreateTask(MakeTask("II.1", "B", "bo-tttt"));
    return r.ok() ? OkStatus() : Status(std::move(r).error());
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kConflict);
}

TEST_P(StoreTest, DataSurvivesReopening) {
  AddTask(MakeTask("II.1", "Phổ cập", "bo-tttt"));
  Reopen();
  TaskQuery q;
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"II.1"}));
  EXPECT_NE(store_->Units()->Find("tinh-ha-giang"), nullptr);
}

TEST_P(StoreTest, FiltersByLeadCoordinatorAndSection) {
  AddPlanSlice();
  TaskQuery lead;
  lead.lead = "bo-tttt";
  EXPECT_EQ(Numbers(lead), (std::vector<std::string>{"II.1", "III.10.d", "III.10.đ", "III.10.e"}));
  TaskQuery coord;
  coord.coordinator = "bo-tttt";
  EXPECT_EQ(Numbers(coord), (std::vector<std::string>{"IV.2", "IV.3"}));
  TaskQuery section;
  section.section = "III";
  EXPECT_EQ(Numbers(section), (std::vector<std::string>{"III.10.d", "III.10.đ", "III.10.e"}));
}

TEST_P(StoreTest, AProvinceSeesWhatItsGroupCoordinates) {
  AddPlanSlice();
  TaskQuery q;
  q.unit = "tinh-ha-giang";
  q.as_of = MakeDate(2022, 6, 20);
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"II.1", "III.10.đ", "IV.2"}));
  // Hà Giang ended on 2025-06-30; asked later, it is still judged on a day it existed.
  q.as_of = MakeDate(2026, 1, 1);
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"II.1", "III.10.đ", "IV.2"}));
  // The merged province of 2025 inherits its predecessors' tasks when asked to.
  TaskQuery merged;
  merged.lead = "tinh-tuyen-quang-2025";
  merged.as_of = MakeDate(2026, 1, 1);
  EXPECT_TRUE(Numbers(merged).empty());
  merged.include_predecessors = true;
  EXPECT_EQ(Numbers(merged), (std::vector<std::string>{"IV.2", "IV.3"}));
}

TEST_P(StoreTest, SuccessorMinistryGetsPredecessorTasks) {
  AddPlanSlice();
  TaskQuery q;
  q.lead = "bo-khcn";
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"V.1"}));
  q.include_predecessors = true;
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"II.1", "III.10.d", "III.10.đ", "III.10.e", "V.1"}));
}

TEST_P(StoreTest, TimelinessOnAnAsOfDate) {
  AddPlanSlice();
  TaskQuery q;
  q.as_of = MakeDate(2022, 6, 20);
  q.timeliness = {Timeliness::kOverdue};
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"III.10.d"}));
  q.timeliness = {Timeliness::kDueSoon};
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"IV.2"}));
  q.timeliness = {Timeliness::kNoDeadline};
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"IV.3"}));
  q.as_of = MakeDate(2022, 11, 25);  // the recurring report is due on 30 November
  q.timeliness = {Timeliness::kDueSoon};
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"V.1"}));
}

TEST_P(StoreTest, DoneTasksAreJudgedOnTheirCompletionDate) {
  int64_t id = AddTask(MakeTask("IV.2", "Địa chỉ số", "tinh-ha-giang", {}, "Tháng 6/2022"));
  ProgressEntry p;
  p.task_id = id;
  p.status = TaskStatus::kDone;
  p.completed_on = MakeDate(2022, 7, 3);
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) -> Status {
    auto r = t.AddProgress(p, 1);
    return r.ok() ? OkStatus() : Status(std::move(r).error());
  }).ok());
  TaskQuery q;
  q.as_of = MakeDate(2022, 12, 31);
  q.timeliness = {Timeliness::kDoneLate};
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"IV.2"}));
  q.as_of = MakeDate(2022, 7, 2);  // not yet done then
  q.timeliness = {Timeliness::kOverdue};
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"IV.2"}));
  TaskQuery done;
  done.statuses = {TaskStatus::kDone};
  EXPECT_EQ(Numbers(done), (std::vector<std::string>{"IV.2"}));
}

TEST_P(StoreTest, DueWindowIncludesRecurringOccurrences) {
  AddPlanSlice();
  TaskQuery q;
  q.due_from = MakeDate(2023, 11, 1);
  q.due_to = MakeDate(2023, 11, 30);
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"V.1"}));
  q.due_from = MakeDate(2022, 4, 1);
  q.due_to = MakeDate(2022, 6, 30);
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"III.10.d", "IV.2"}));
}

TEST_P(StoreTest, SearchIgnoresCaseAndDiacritics) {
  AddPlanSlice();
  TaskQuery q;
  q.q = "DIEU PHOI";
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"III.10.đ"}));
  q.q = "địa chỉ số";
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"IV.2"}));
  q.q = "ha giang";  // the lead's name, not in the task's own text
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"IV.2"}));
  q.q = "BTTTT";  // an alias of the lead or a coordinator
  EXPECT_EQ(Numbers(q).size(), 6u);
  q.q = "zz";
  EXPECT_TRUE(Numbers(q).empty());
}

TEST_P(StoreTest, SortsByNumberAndTitleInVietnameseOrder) {
  AddPlanSlice();
  TaskQuery q;
  q.section = "III";
  q.sort = TaskSort::kNumber;
  q.descending = true;
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"III.10.e", "III.10.đ", "III.10.d"}));
  TaskQuery t;
  t.sort = TaskSort::kTitle;
  // Báo < Cơ < Đào < Điều < Phổ < Rà < Triển: đ after d, and "Đào" before "Điều" (a < i).
  EXPECT_EQ(Numbers(t), (std::vector<std::string>{"V.1", "IV.3", "III.10.e", "III.10.đ", "II.1", "III.10.d", "IV.2"}));
}

TEST_P(StoreTest, PagesCountEveryMatch) {
  AddPlanSlice();
  TaskQuery q;
  q.limit = 2;
  q.offset = 2;
  auto page = store_->ListTasks(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 7);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].number, "III.10.đ");
}

TEST_P(StoreTest, GroupTaskIsTrackedPerAddressee) {
  int64_t id = AddTask(MakeTask("I.1", "Mọi địa phương báo cáo", "cac-dia-phuong", {}, "Tháng 6/2022"));
  auto report = [&](const std::string& unit, TaskStatus status) {
    ProgressEntry p;
    p.task_id = id;
    p.unit_id = unit;
    p.status = status;
    p.text = "Đã báo cáo";
    Status s = store_->Write([&](WriteTxn& t) -> Status {
      auto r = t.AddProgress(p, -1);
      return r.ok() ? OkStatus() : Status(std::move(r).error());
    });
    ASSERT_TRUE(s.ok()) << s.error().message_en();
  };
  report("tinh-ha-giang", TaskStatus::kDone);
  auto t = store_->GetTask(id);
  EXPECT_EQ(t->status, TaskStatus::kInProgress);
  auto addressees = store_->ListAddressees(id);
  ASSERT_TRUE(addressees.ok());
  ASSERT_EQ(addressees->size(), 1u);
  EXPECT_EQ(addressees->at(0).status, TaskStatus::kDone);
  EXPECT_EQ(addressees->at(0).completed_on, MakeDate(2022, 6, 20));
  report("tinh-tuyen-quang", TaskStatus::kDone);
  report("tinh-thua-thien-hue", TaskStatus::kDone);
  t = store_->GetTask(id);
  EXPECT_EQ(t->status, TaskStatus::kDone);
  EXPECT_EQ(t->progress_percent, 100);
  auto log = store_->ListProgress(id, 10, 0);
  EXPECT_EQ(log->total, 3);
}

TEST_P(StoreTest, PlanTreeAndCascade) {
  Plan child;
  child.kind = "plan";
  child.title = "Kế hoạch của Bộ";
  child.parent_id = plan_id_;
  int64_t child_id = Create([&](WriteTxn& t) { return t.CreatePlan(child); });
  AddTask(MakeTask("II.1", "Quốc gia", "bo-tttt"));
  Task local = MakeTask("1", "Cấp bộ", "bo-tttt");
  local.plan_id = child_id;
  AddTask(local);
  auto subtree = store_->PlanSubtree(plan_id_);
  ASSERT_TRUE(subtree.ok());
  EXPECT_EQ(*subtree, (std::vector<int64_t>{plan_id_, child_id}));
  TaskQuery q;
  q.under_plan_id = plan_id_;
  EXPECT_EQ(Numbers(q).size(), 2u);
  q.under_plan_id = child_id;
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"1"}));
}

TEST_P(StoreTest, TasksServingAnotherAreFoundFromIt) {
  Plan child;
  child.kind = "plan";
  child.title = "Kế hoạch của tỉnh Hà Giang";
  child.parent_id = plan_id_;
  child.issuer_id = "tinh-ha-giang";
  PlanDuty duty;
  duty.respondent = "cac-dia-phuong";
  duty.due = ParseDeadlineText("Quý I/2022").value();
  duty.year = 2022;
  duty.what = "ban hành Kế hoạch";
  Plan national = store_->GetPlan(plan_id_).value();
  national.duties = {duty};
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplacePlan(national, national.version); }).ok());
  EXPECT_EQ(store_->GetPlan(plan_id_)->duties, (std::vector<PlanDuty>{duty}));

  int64_t child_id = Create([&](WriteTxn& t) { return t.CreatePlan(child); });
  const int64_t a = AddTask(MakeTask("II.1", "Quốc gia A", "cac-dia-phuong"));
  const int64_t b = AddTask(MakeTask("II.2", "Quốc gia B", "bo-tttt"));
  Task local = MakeTask("1", "Của tỉnh", "tinh-ha-giang");
  local.plan_id = child_id;
  local.serves = {a, b};
  const int64_t l1 = AddTask(local);
  local.number = "2";
  local.serves = {a};
  const int64_t l2 = AddTask(local);
  EXPECT_EQ(store_->GetTask(l1)->serves, (std::vector<int64_t>{a, b}));

  TaskQuery q;
  q.serves = a;
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"1", "2"}));
  q.serves = b;
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"1"}));
  q.serves = l1;
  EXPECT_TRUE(Numbers(q).empty());

  // A replaced task's links are its new ones; an unknown task is named by its path.
  Task changed = store_->GetTask(l2).value();
  changed.serves = {b};
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceTask(changed, changed.version); }).ok());
  q.serves = a;
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"1"}));
  changed = store_->GetTask(l2).value();
  changed.serves = {b, 999999};
  Status s = store_->Write([&](WriteTxn& t) { return t.ReplaceTask(changed, changed.version); });
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields().size(), 1u);
  EXPECT_EQ(s.error().fields()[0].path, "/serves/1");
  q.serves = b;
  EXPECT_EQ(Numbers(q), (std::vector<std::string>{"1", "2"}));
}

TEST_P(StoreTest, ReportCyclesAndSubmissionsKeepEveryRound) {
  ReportCycle c;
  c.title = "Báo cáo quý III/2022";
  c.period = *ParsePeriod("2022-Q3");
  c.due = MakeDate(2022, 10, 15);
  c.respondent_units = {"cac-dia-phuong"};
  c.plan_ids = {plan_id_};
  c.sections = DefaultReportSections();
  c.state = CycleState::kOpen;
  Status w = store_->Write(Actor{"thuong-truc", ""}, [&](WriteTxn& t) -> Status {
    DX_ASSIGN_OR_RETURN(c.id, t.CreateCycle(c));
    return OkStatus();
  });
  ASSERT_TRUE(w.ok()) << w.error().message_en();
  auto stored = store_->GetCycle(c.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->created_by, "thuong-truc");
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(FormatPeriod(stored->period), "2022-Q3");
  ReportCycle invalid = c;
  invalid.respondent_units.clear();
  auto attempt = [&](const std::function<Result<int64_t>(WriteTxn&)>& fn) {
    return store_->Write([&](WriteTxn& t) -> Status {
      DX_ASSIGN_OR_RETURN(int64_t id, fn(t));
      (void)id;
      return OkStatus();
    });
  };
  EXPECT_EQ(attempt([&](WriteTxn& t) { return t.CreateCycle(invalid); }).error().code(), ErrorCode::kInvalidArgument);

  Submission s;
  s.cycle_id = c.id;
  s.unit_id = "tinh-ha-giang";
  s.sections = {{"results", "Bản nháp"}};
  s.id = Create([&](WriteTxn& t) { return t.CreateSubmission(s); });
  Submission twice = s;
  Status dup = attempt([&](WriteTxn& t) { return t.CreateSubmission(twice); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  Submission nowhere = s;
  nowhere.unit_id = "khong-co";
  Status unknown = attempt([&](WriteTxn& t) { return t.CreateSubmission(nowhere); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields().at(0).path, "/unit");

  // Submit, return, submit again: each round is a revision; a stale one changes nothing.
  Submission cur = store_->GetSubmissionFor(c.id, "tinh-ha-giang").value();
  cur.state = SubmissionState::kSubmitted;
  cur.round = 1;
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceSubmission(cur, cur.version); }).ok());
  Status stale = store_->Write([&](WriteTxn& t) { return t.ReplaceSubmission(cur, cur.version); });
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
  cur = store_->GetSubmission(s.id).value();
  cur.state = SubmissionState::kReturned;
  cur.return_reason = "Thiếu số liệu";
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceSubmission(cur, cur.version); }).ok());
  cur = store_->GetSubmission(s.id).value();
  EXPECT_EQ(cur.state, SubmissionState::kReturned);
  EXPECT_EQ(cur.version, 3);
  auto history = store_->SubmissionHistory(s.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].state, SubmissionState::kSubmitted);
  EXPECT_EQ((*history)[1].state, SubmissionState::kDraft);
  EXPECT_EQ(store_->ListSubmissions(c.id)->size(), 1u);
  EXPECT_EQ(store_->GetSubmissionFor(c.id, "tinh-tuyen-quang").error().code(), ErrorCode::kNotFound);

  AuditQuery aq;
  aq.entity = "submission";
  aq.oldest_first = true;
  auto trail = store_->ListAudit(aq);
  ASSERT_TRUE(trail.ok());
  std::vector<std::string> actions;
  for (const auto& e : trail->items) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "submit", "return"}));

  auto cycles = store_->ListCycles(CycleState::kOpen, 10, 0);
  ASSERT_TRUE(cycles.ok());
  EXPECT_EQ(cycles->total, 1);
  EXPECT_EQ(store_->ListCycles(CycleState::kClosed, 10, 0)->total, 0);
  ReportCycle closing = store_->GetCycle(c.id).value();
  closing.state = CycleState::kClosed;
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceCycle(closing, closing.version); }).ok());
  EXPECT_EQ(store_->ListCycles(CycleState::kClosed, 10, 0)->total, 1);
  EXPECT_EQ(store_->GetCycle(c.id)->created_by, "thuong-truc");  // kept across replacements
}

TEST_P(StoreTest, KeyTasksKeepEveryRoadmapRevisionAndAuditWhatChanged) {
  KeyTask k;
  k.plan_id = plan_id_;
  k.ordinal = 14;
  k.member = "Ông Nguyễn Mạnh Hùng, Bộ trưởng Bộ Thông tin và Truyền thông";
  k.unit_id = "bo-tttt";
  k.title = "Phổ cập điện thoại thông minh và cáp quang băng rộng";
  k.year = 2022;
  k.id = Create([&](WriteTxn& t) { return t.CreateKeyTask(k); });
  ASSERT_GT(k.id, 0);
  KeyTask stored = store_->GetKeyTask(k.id).value();
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(stored.member, k.member);

  // The member sends a roadmap, then reports January; a stale write changes nothing.
  SetRoadmap(stored, {{1, "Phủ sóng 4G 100% thôn bản"}, {2, "Phổ cập 1 triệu điện thoại"}});
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceKeyTask(stored, stored.version); }).ok());
  Status stale = store_->Write([&](WriteTxn& t) { return t.ReplaceKeyTask(stored, stored.version); });
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
  stored = store_->GetKeyTask(k.id).value();
  SetResult(stored, {1, "Phủ sóng 98% thôn bản", Achievement::kPartly, "bo-tttt-1", "2022-02-03T01:00:00.000Z"});
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceKeyTask(stored, stored.version); }).ok());
  stored = store_->GetKeyTask(k.id).value();
  EXPECT_EQ(stored.version, 3);
  ASSERT_EQ(stored.results.size(), 1u);
  EXPECT_EQ(stored.results[0].achieved, Achievement::kPartly);
  EXPECT_EQ(stored.results[0].reported_by, "bo-tttt-1");
  auto history = store_->KeyTaskHistory(k.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].roadmap.size(), 2u);  // newest first: with the roadmap, before the result
  EXPECT_TRUE((*history)[1].roadmap.empty());

  // Unknown references and invalid records are refused with their field.
  KeyTask nowhere = k;
  nowhere.unit_id = "khong-co";
  auto attempt = [&](const KeyTask& x) {
    return store_->Write([&](WriteTxn& t) -> Status {
      DX_ASSIGN_OR_RETURN(int64_t id, t.CreateKeyTask(x));
      (void)id;
      return OkStatus();
    });
  };
  Status unknown = attempt(nowhere);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields().at(0).path, "/unit");
  KeyTask invalid = k;
  invalid.roadmap = {{13, "Tháng mười ba"}};
  Status bad = attempt(invalid);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields().at(0).path, "/roadmap/0/month");

  KeyTask other = k;
  other.ordinal = 2;
  other.unit_id = "bo-khcn";
  other.title = "Cơ chế đặc thù cho Quỹ phát triển khoa học công nghệ";
  Create([&](WriteTxn& t) { return t.CreateKeyTask(other); });
  auto listed = store_->ListKeyTasks(plan_id_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].ordinal, 2);  // by ordinal
  EXPECT_EQ(store_->ListKeyTasks(plan_id_ + 1000)->size(), 0u);

  AuditQuery aq;
  aq.entity = "key_task";
  aq.oldest_first = true;
  auto trail = store_->ListAudit(aq);
  ASSERT_TRUE(trail.ok());
  std::vector<std::string> actions;
  for (const auto& e : trail->items) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "roadmap", "result", "create"}));
}

TEST_P(StoreTest, CommitteeSessionsArePlannedHeldAndListTheirNotices) {
  ASSERT_TRUE(store_->Write([](WriteTxn& t) -> Status {
    Unit committee = testing_units::Simple("ubqg-cds", "Ủy ban Quốc gia về chuyển đổi số", UnitKind::kCommittee);
    return t.CreateUnit(committee);
  }).ok());
  CommitteeSession s;
  s.committee_id = "ubqg-cds";
  s.title = "Phiên họp sơ kết 6 tháng";
  s.kind = SessionKind::kSixMonthReview;
  s.year = 2022;
  s.month = 7;
  s.plan_id = plan_id_;
  s.id = Create([&](WriteTxn& t) { return t.CreateCommitteeSession(s); });
  CommitteeSession march = s;
  march.title = "Phiên họp tháng 3";
  march.kind = SessionKind::kRegular;
  march.month = 3;
  Create([&](WriteTxn& t) { return t.CreateCommitteeSession(march); });

  // Held on a date, then a conclusions notice (a plan) is listed; a stale write changes nothing.
  CommitteeSession held = store_->GetCommitteeSession(s.id).value();
  held.state = CommitteeSessionState::kHeld;
  held.date = MakeDate(2022, 7, 28);
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceCommitteeSession(held, held.version); }).ok());
  EXPECT_EQ(store_->Write([&](WriteTxn& t) { return t.ReplaceCommitteeSession(held, held.version); }).error().code(),
            ErrorCode::kPreconditionFailed);
  Plan notice;
  notice.kind = "conclusions";
  notice.key = "tb-ket-luan-2022";
  notice.title = "Thông báo kết luận";
  const int64_t notice_id = Create([&](WriteTxn& t) { return t.CreatePlan(notice); });
  held = store_->GetCommitteeSession(s.id).value();
  CommitteeSession dangling = held;
  dangling.conclusion_plan_ids = {notice_id + 1000};
  Status unknown = store_->Write([&](WriteTxn& t) { return t.ReplaceCommitteeSession(dangling, dangling.version); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields().at(0).path, "/conclusions/0");
  held.conclusion_plan_ids = {notice_id};
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceCommitteeSession(held, held.version); }).ok());

  const CommitteeSession stored = store_->GetCommitteeSession(s.id).value();
  EXPECT_EQ(stored.state, CommitteeSessionState::kHeld);
  EXPECT_EQ(stored.date, MakeDate(2022, 7, 28));
  EXPECT_EQ(stored.conclusion_plan_ids, (std::vector<int64_t>{notice_id}));
  EXPECT_EQ(stored.version, 3);
  auto year = store_->ListCommitteeSessions(2022);
  ASSERT_TRUE(year.ok());
  ASSERT_EQ(year->size(), 2u);
  EXPECT_EQ((*year)[0].month, 3);  // by month
  EXPECT_EQ(store_->ListCommitteeSessions(2023)->size(), 0u);

  // A held session needs its date; an unknown committee is named.
  CommitteeSession undated = s;
  undated.state = CommitteeSessionState::kHeld;
  Status no_date = store_->Write([&](WriteTxn& t) -> Status {
    DX_ASSIGN_OR_RETURN(int64_t id, t.CreateCommitteeSession(undated));
    (void)id;
    return OkStatus();
  });
  ASSERT_FALSE(no_date.ok());
  EXPECT_EQ(no_date.error().fields().at(0).path, "/date");

  AuditQuery aq;
  aq.entity = "committee_session";
  aq.entity_id = std::to_string(s.id);
  aq.oldest_first = true;
  auto trail = store_->ListAudit(aq);
  ASSERT_TRUE(trail.ok());
  std::vector<std::string> actions;
  for (const auto& e : trail->items) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "held", "conclusions"}));
}

TEST_P(StoreTest, UnitChangesRefreshTheRegistry) {
  auto rev = store_->UnitRevision("bo-khcn");
  ASSERT_TRUE(rev.ok());
  Unit u = *store_->Units()->Find("bo-khcn");
  u.aliases.push_back("MOST");
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceUnit(u, *rev); }).ok());
  EXPECT_EQ(store_->Units()->MatchNames("most"), (std::vector<std::string>{"bo-khcn"}));
  Status stale = store_->Write([&](WriteTxn& t) { return t.ReplaceUnit(u, *rev); });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
}

TEST_P(StoreTest, EveryChangeIsAuditedAndChained) {
  const Actor who{"nguyen-van-a", "10.1.2.3"};
  int64_t id = 0;
  ASSERT_TRUE(store_->Write(who, [&](WriteTxn& t) -> Status {
    DX_ASSIGN_OR_RETURN(id, t.CreateTask(MakeTask("II.1", "Phổ cập", "bo-tttt")));
    return OkStatus();
  }).ok());
  Task changed = store_->GetTask(id).value();
  changed.title = "Phổ cập điện thoại thông minh";
  ASSERT_TRUE(store_->Write(who, [&](WriteTxn& t) { return t.ReplaceTask(changed, 1); }).ok());

  AuditQuery q;
  q.entity = "task";
  q.entity_id = std::to_string(id);
  auto page = store_->ListAudit(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 2);
  const AuditEntry& update = page->items[0];  // newest first
  EXPECT_EQ(update.action, "update");
  EXPECT_EQ(update.actor, "nguyen-van-a");
  EXPECT_EQ(update.remote, "10.1.2.3");
  ASSERT_TRUE(update.before);
  EXPECT_NE(update.before->find("\"Phổ cập\""), std::string::npos);
  EXPECT_NE(update.after.find("Phổ cập điện thoại thông minh"), std::string::npos);
  EXPECT_EQ(page->items[1].action, "create");
  EXPECT_FALSE(page->items[1].before);

  // The whole trail, units and plan of SetUp included, is one unbroken chain.
  audit::ChainVerifier v;
  AuditQuery all;
  all.oldest_first = true;
  all.limit = 500;
  auto everything = store_->ListAudit(all);
  ASSERT_TRUE(everything.ok());
  for (const auto& e : everything->items) v.Add(e);
  EXPECT_TRUE(v.report().ok) << v.report().reason;
  EXPECT_EQ(v.report().checked, everything->total);
  EXPECT_EQ(everything->total, static_cast<int64_t>(testing_units::SmallRegistry().size()) + 1 + 2);
}

TEST_P(StoreTest, FailedWritesLeaveNoAuditEntry) {
  AuditQuery q;
  const int64_t before = store_->ListAudit(q)->total;
  Status s = store_->Write([&](WriteTxn& t) -> Status {
    auto r = t.CreateTask(MakeTask("II.1", "A", "bo-tttt"));
    if (!r.ok()) return std::move(r).error();
    return InvalidArgument("/x", "rejected on purpose", "Từ chối");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(store_->ListAudit(q)->total, before);
}

TEST_P(StoreTest, BackupIsAConsistentCopy) {
  AddPlanSlice();
  const auto copy = dir_.path() / "copy.sqlite";
  ASSERT_TRUE(store_->Backup(copy.string()).ok());
  Status again = store_->Backup(copy.string());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kInvalidArgument);
  auto restored = OpenSqliteStore({copy.string(), 1, &clock_});
  ASSERT_TRUE(restored.ok());
  TaskQuery q;
  q.limit = 500;
  auto original = store_->ListTasks(q);
  auto copied = (*restored)->ListTasks(q);
  ASSERT_EQ(copied->total, original->total);
  for (size_t i = 0; i < original->items.size(); ++i) {
    EXPECT_EQ(copied->items[i].title, original->items[i].title);
    EXPECT_EQ(copied->items[i].deadline, original->items[i].deadline);
  }
  EXPECT_EQ((*restored)->ListAudit(AuditQuery{})->total, store_->ListAudit(AuditQuery{})->total);
}

User MakeUser(std::string login, std::string unit, std::vector<Role> roles) {
  User u;
  u.login = std::move(login);
  u.display_name = "Nguyễn Thị Hoa";
  u.unit_id = std::move(unit);
  u.roles = std::move(roles);
  u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
  return u;
}

TEST_P(StoreTest, UsersRoundTripAndLoginsAreUnique) {
  const Actor admin{"admin", "127.0.0.1"};
  int64_t id = 0;
  ASSERT_TRUE(store_->Write(admin, [&](WriteTxn& t) -> Status {
    DX_ASSIGN_OR_RETURN(id, t.CreateUser(MakeUser("hoa.nt", "tinh-thua-thien-hue", {Role::kUnitEditor, Role::kViewer})));
    return OkStatus();
  }).ok());
  auto u = store_->GetUserByLogin("hoa.nt");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->id, id);
  EXPECT_EQ(u->display_name, "Nguyễn Thị Hoa");
  EXPECT_EQ(u->roles, (std::vector<Role>{Role::kUnitEditor, Role::kViewer}));
  EXPECT_EQ(u->version, 1);
  EXPECT_FALSE(u->password_changed_at.empty());

  Status dup = store_->Write(admin, [&](WriteTxn& t) -> Status {
    auto r = t.CreateUser(MakeUser("hoa.nt", "bo-khcn", {Role::kViewer}));
    return r.ok() ? OkStatus() : std::move(r).error();
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(dup.error().fields().at(0).path, "/login");

  Status unknown_unit = store_->Write(admin, [&](WriteTxn& t) -> Status {
    auto r = t.CreateUser(MakeUser("lan.pt", "tinh-khong-co", {Role::kViewer}));
    return r.ok() ? OkStatus() : std::move(r).error();
  });
  ASSERT_FALSE(unknown_unit.ok());
  EXPECT_EQ(unknown_unit.error().fields().at(0).path, "/unit");

  // A stale revision is refused; a fresh one replaces and is audited without the hash.
  User changed = *u;
  changed.disabled = true;
  Status stale = store_->Write(admin, [&](WriteTxn& t) { return t.ReplaceUser(changed, 7); });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
  EXPECT_EQ(stale.error().detail, "1");
  ASSERT_TRUE(store_->Write(admin, [&](WriteTxn& t) { return t.ReplaceUser(changed, 1); }).ok());
  EXPECT_TRUE(store_->GetUser(id)->disabled);
  AuditQuery q;
  q.entity = "user";
  auto trail = store_->ListAudit(q);
  ASSERT_EQ(trail->total, 2);
  for (const auto& e : trail->items) {
    EXPECT_EQ(e.after.find("argon2"), std::string::npos) << e.after;
    EXPECT_EQ(e.actor, "admin");
  }
  EXPECT_EQ(store_->CountAdmins().value(), 0);
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) -> Status {
    return t.CreateUser(MakeUser("admin", "", {Role::kAdmin})).ok() ? OkStatus() : Internal("x");
  }).ok());
  EXPECT_EQ(store_->CountAdmins().value(), 1);
  EXPECT_EQ(store_->ListUsers(10, 0)->total, 2);
}

TEST_P(StoreTest, PlanHeadersNameIssuerAndPublication) {
  Plan draft;
  draft.kind = "plan";
  draft.title = "Kế hoạch nháp";
  draft.issuer_id = "bo-khcn";
  const int64_t id = Create([&](WriteTxn& t) { return t.CreatePlan(draft); });
  auto headers = store_->PlanHeaders();
  ASSERT_TRUE(headers.ok());
  ASSERT_EQ(headers->size(), 2u);
  EXPECT_EQ((*headers)[0].id, plan_id_);
  EXPECT_TRUE((*headers)[0].published);
  EXPECT_EQ((*headers)[0].issuer_id, "");
  EXPECT_EQ((*headers)[1].id, id);
  EXPECT_FALSE((*headers)[1].published);
  EXPECT_EQ((*headers)[1].issuer_id, "bo-khcn");
}

TEST_P(StoreTest, SessionsAreStoredByHashAndRevocable) {
  int64_t uid = Create([&](WriteTxn& t) { return t.CreateUser(MakeUser("hoa.nt", "bo-khcn", {Role::kViewer})); });
  Session s{std::string(64, 'a'), uid, "csrf-1", 1000, 1000, false, "10.0.0.1"};
  Session other{std::string(64, 'b'), uid, "csrf-2", 1000, 1000, false, "10.0.0.2"};
  ASSERT_TRUE(store_->CreateSession(s).ok());
  ASSERT_TRUE(store_->CreateSession(other).ok());
  ASSERT_TRUE(store_->TouchSession(s.id_hash, 1500).ok());
  auto got = store_->GetSession(s.id_hash);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->last_seen_s, 1500);
  EXPECT_EQ(got->csrf_token, "csrf-1");
  ASSERT_TRUE(store_->RevokeSession(s.id_hash).ok());
  EXPECT_TRUE(store_->GetSession(s.id_hash)->revoked);
  EXPECT_FALSE(store_->GetSession(other.id_hash)->revoked);
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.RevokeUserSessions(uid); }).ok());
  EXPECT_TRUE(store_->GetSession(other.id_hash)->revoked);
  EXPECT_EQ(store_->GetSession(std::string(64, 'c')).error().code(), ErrorCode::kNotFound);
  Reopen();  // sessions survive a restart
  EXPECT_TRUE(store_->GetSession(other.id_hash).ok());
}

TEST_P(StoreTest, ApiTokensAreFoundByHashAndRevokedOnce) {
  ApiToken t;
  t.name = "Cổng dịch vụ công tỉnh";
  t.unit_id = "tinh-tuyen-quang-2025";
  t.permissions = {TokenPermission::kProgress, TokenPermission::kRead};
  t.prefix = "dxt_abcd";
  t.secret_hash = std::string(64, 'f');
  t.created_by = "admin";
  int64_t id = Create([&](WriteTxn& w) { return w.CreateApiToken(t); });
  auto found = store_->GetApiTokenByHash(t.secret_hash);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->permissions, t.permissions);
  EXPECT_FALSE(found->revoked_at);
  ASSERT_TRUE(store_->TouchApiToken(id, "2026-11-23T03:00:00.000Z").ok());
  EXPECT_EQ(store_->GetApiToken(id)->last_used_at.value_or(""), "2026-11-23T03:00:00.000Z");
  ASSERT_TRUE(store_->Write([&](WriteTxn& w) { return w.RevokeApiToken(id); }).ok());
  ASSERT_TRUE(store_->Write([&](WriteTxn& w) { return w.RevokeApiToken(id); }).ok());  // idempotent
  EXPECT_TRUE(store_->GetApiToken(id)->revoked_at);
  Status missing = store_->Write([&](WriteTxn& w) { return w.RevokeApiToken(id + 100); });
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  AuditQuery q;
  q.entity = "api_token";
  auto trail = store_->ListAudit(q);
  ASSERT_EQ(trail->total, 2);  // create, one revoke
  EXPECT_EQ(trail->items[0].action, "revoke");
  EXPECT_EQ(trail->items[0].after.find(t.secret_hash), std::string::npos);
  EXPECT_EQ(store_->ListApiTokens()->size(), 1u);
}

// ---------------------------------------------------------------- indicators and figures

// The status of a result whose value the test does not need.
template <typename T>
Status StatusOf(Result<T> r) {
  if (!r.ok()) return std::move(r).error();
  return OkStatus();
}

Indicator FilesIndicator() {
  Indicator i;
  i.code = "HS-ALL";
  i.name = "Tổng số hồ sơ thủ tục hành chính";
  i.unit_of_measure = std::string("hồ sơ");
  i.value_type = ValueType::kCount;
  i.period_type = PeriodType::kMonth;
  i.across_units = Aggregation::kSum;
  i.over_time = Aggregation::kSum;
  i.reporting_kinds = {UnitKind::kProvince, UnitKind::kCity};
  return i;
}

DataValue Figure(const std::string& unit, const std::string& period, double v) {
  DataValue d;
  d.indicator = "HS-ALL";
  d.unit_id = unit;
  d.period = *ParsePeriod(period);
  d.value = v;
  return d;
}

TEST_P(StoreTest, IndicatorsAreUniqueByCodeAndRevised) {
  const int64_t id = Create([](WriteTxn& t) { return t.CreateIndicator(FilesIndicator()); });
  EXPECT_GT(id, 0);
  Status dup = store_->Write([](WriteTxn& t) { return StatusOf(t.CreateIndicator(FilesIndicator())); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  Indicator changed = FilesIndicator();
  changed.name = "Tổng số hồ sơ đã tiếp nhận";
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceIndicator(changed, 1); }).ok());
  Status stale = store_->Write([&](WriteTxn& t) { return t.ReplaceIndicator(changed, 1); });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
  EXPECT_EQ(stale.error().detail, "2") << "the current revision, as every entity gives it";
  auto got = store_->GetIndicator("HS-ALL");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Tổng số hồ sơ đã tiếp nhận");
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(store_->GetIndicator("NOPE").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListIndicators()->size(), 1u);
}

TEST_P(StoreTest, FiguresAreIdempotentKeepHistoryAndRollUpAtOnce) {
  Create([](WriteTxn& t) { return t.CreateIndicator(FilesIndicator()); });
  const std::vector<DataValue> batch = {Figure("tinh-ha-giang", "2022-03", 10),
                                        Figure("tinh-tuyen-quang", "2022-03", 20)};
  ValueCounts first, again;
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) -> Status {
    DX_ASSIGN_OR_RETURN(first, t.PutValues(batch, Provenance::kApi));
    return OkStatus();
  }).ok());
  EXPECT_EQ(first.inserted, 2);
  const int64_t audit_before = store_->ListAudit(AuditQuery{})->total;
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) -> Status {
    DX_ASSIGN_OR_RETURN(again, t.PutValues(batch, Provenance::kApi));
    return OkStatus();
  }).ok());
  EXPECT_EQ(again.inserted + again.updated, 0);
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(store_->ListAudit(AuditQuery{})->total, audit_before) << "re-sending a batch records nothing";
  auto national = store_->Rollups().Rollup("HS-ALL", "", *ParsePeriod("2022-03"));
  ASSERT_TRUE(national.ok());
  EXPECT_EQ(national->value, 30);

  // A correction keeps the previous version and is one audit entry with before and after.
  ASSERT_TRUE(store_->Write(Actor{"bien.tap", "10.0.0.7"}, [&](WriteTxn& t) {
    return StatusOf(t.PutValues({Figure("tinh-ha-giang", "2022-03", 12)}, Provenance::kManual));
  }).ok());
  EXPECT_EQ(store_->Rollups().Rollup("HS-ALL", "", *ParsePeriod("2022-03"))->value, 32);
  auto history = store_->ValueHistory("HS-ALL", "tinh-ha-giang", *ParsePeriod("2022-03"));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].value, 12);
  EXPECT_EQ((*history)[0].version, 2);
  EXPECT_EQ((*history)[0].updated_by, "bien.tap");
  EXPECT_EQ((*history)[0].provenance, Provenance::kManual);
  EXPECT_EQ((*history)[1].value, 10);
  EXPECT_EQ((*history)[1].provenance, Provenance::kApi);
  AuditQuery aq;
  aq.entity = "values";
  auto entries = store_->ListAudit(aq);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->total, 2);
  const AuditEntry& latest = entries->items[0];
  EXPECT_EQ(latest.entity_id, "HS-ALL/tinh-ha-giang/2022-03");
  EXPECT_EQ(latest.actor, "bien.tap");
  EXPECT_EQ(latest.remote, "10.0.0.7");
  ASSERT_TRUE(latest.before.has_value());
  EXPECT_NE(latest.before->find("\"value\":10,"), std::string::npos) << *latest.before;

  // Everything survives reopening, the rollups included.
  Reopen();
  EXPECT_EQ(store_->Rollups().Rollup("HS-ALL", "", *ParsePeriod("2022-Q1"))->value, 32);
  ValueQuery q;
  q.indicator = "HS-ALL";
  q.unit = "tinh-tuyen-quang";
  auto listed = store_->ListValues(q);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->total, 1);
  EXPECT_EQ(listed->items[0].value, 20);
}

TEST_P(StoreTest, ABatchNamingAnUnknownIndicatorChangesNothing) {
  Create([](WriteTxn& t) { return t.CreateIndicator(FilesIndicator()); });
  DataValue stray = Figure("tinh-ha-giang", "2022-03", 1);
  stray.indicator = "KHONG-CO";
  Status s = store_->Write([&](WriteTxn& t) {
    return StatusOf(t.PutValues({Figure("tinh-ha-giang", "2022-03", 10), stray}, Provenance::kApi));
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kNotFound);
  ASSERT_EQ(s.error().fields().size(), 1u);
  EXPECT_EQ(s.error().fields()[0].path, "/values/1/indicator");
  EXPECT_EQ(store_->ListValues(ValueQuery{})->total, 0);
  EXPECT_FALSE(store_->Rollups().Rollup("HS-ALL", "", *ParsePeriod("2022-03"))->value.has_value());
}

PlanImport MakeImport(const std::string& sha_digit) {
  PlanImport i;
  i.sha256 = std::string(64, sha_digit.at(0));
  i.file_name = "ke-hoach-2023.md";
  i.issuer_id = "bo-tttt";
  i.number = "12/KH-BTTTT";
  i.title = "Kế hoạch chuyển đổi số năm 2023";
  i.task_count = 2;
  i.warning_count = 1;
  i.document = "KẾ HOẠCH\n1. Nhiệm vụ một\n2. Nhiệm vụ hai\n";
  i.proposal = R"({"tasks":[]})";
  return i;
}

TEST_P(StoreTest, ImportsKeepTheirDocumentAndListWithoutIt) {
  const Actor who{"can-bo-a", "10.0.0.7"};
  int64_t first = 0, second = 0;
  ASSERT_TRUE(store_->Write(who, [&](WriteTxn& t) -> Status {
    DX_ASSIGN_OR_RETURN(first, t.CreateImport(MakeImport("a")));
    DX_ASSIGN_OR_RETURN(second, t.CreateImport(MakeImport("b")));
    return OkStatus();
  }).ok());
  auto got = store_->GetImport(first);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->document, MakeImport("a").document);
  EXPECT_EQ(got->proposal, R"({"tasks":[]})");
  EXPECT_EQ(got->uploaded_by, "can-bo-a");
  EXPECT_EQ(got->state, ImportState::kPending);
  EXPECT_EQ(got->version, 1);
  EXPECT_FALSE(got->plan_id);

  auto all = store_->ListImports({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->total, 2);
  EXPECT_EQ(all->items[0].id, second);  // newest first
  EXPECT_TRUE(all->items[0].document.empty());
  EXPECT_TRUE(all->items[0].proposal.empty());
  EXPECT_EQ(all->items[0].task_count, 2);

  ImportQuery by_hash;
  by_hash.sha256 = std::string(64, 'a');
  auto one = store_->ListImports(by_hash);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->total, 1);
  EXPECT_EQ(one->items[0].id, first);

  EXPECT_EQ(store_->GetImport(999).error().code(), ErrorCode::kNotFound);
}

TEST_P(StoreTest, AnImportIsCommittedOnceAndAuditedWithoutItsDocument) {
  const int64_t id = Create([&](WriteTxn& t) { return t.CreateImport(MakeImport("c")); });
  PlanImport commit = store_->GetImport(id).value();
  commit.state = ImportState::kCommitted;
  commit.plan_id = plan_id_;
  commit.proposal = R"({"tasks":[{"id":"1"}]})";
  commit.decided_by = "lanh-dao-b";
  ASSERT_TRUE(store_->Write([&](WriteTxn& t) { return t.ReplaceImport(commit, 1); }).ok());

  auto after = store_->GetImport(id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state, ImportState::kCommitted);
  EXPECT_EQ(after->plan_id, plan_id_);
  EXPECT_EQ(after->proposal, commit.proposal);
  EXPECT_EQ(after->document, MakeImport("c").document);  // never changes
  EXPECT_EQ(after->version, 2);

  // A second decision on the same revision is stale; on the current one, the import is no
  // longer pending.
  PlanImport again = *after;
  again.state = ImportState::kDiscarded;
  again.plan_id.reset();
  Status stale = store_->Write([&](WriteTxn& t) { return t.ReplaceImport(again, 1); });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::kPreconditionFailed);
  Status done = store_->Write([&](WriteTxn& t) { return t.ReplaceImport(again, 2); });
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code(), ErrorCode::kConflict);

  // Committed means it names a plan, and the plan must exist.
  const int64_t other = Create([&](WriteTxn& t) { return t.CreateImport(MakeImport("d")); });
  PlanImport dangling = store_->GetImport(other).value();
  dangling.state = ImportState::kCommitted;
  Status no_plan = store_->Write([&](WriteTxn& t) { return t.ReplaceImport(dangling, 1); });
  ASSERT_FALSE(no_plan.ok());
  EXPECT_EQ(no_plan.error().fields().at(0).path, "/plan_id");
  dangling.plan_id = 424242;
  no_plan = store_->Write([&](WriteTxn& t) { return t.ReplaceImport(dangling, 1); });
  ASSERT_FALSE(no_plan.ok());
  EXPECT_EQ(no_plan.error().fields().at(0).path, "/plan_id");

  AuditQuery q;
  q.entity = "plan_import";
  q.entity_id = std::to_string(id);
  auto trail = store_->ListAudit(q);
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->total, 2);
  EXPECT_EQ(trail->items[0].action, "commit");
  EXPECT_EQ(trail->items[1].action, "create");
  EXPECT_NE(trail->items[0].after.find("\"committed\""), std::string::npos);
  EXPECT_EQ(trail->items[0].after.find("Nhiệm vụ một"), std::string::npos);  // no document in the trail
}

TEST_P(StoreTest, AnInvalidImportIsRefusedWithItsFields) {
  PlanImport bad = MakeImport("e");
  bad.sha256 = "not-a-digest";
  bad.document.clear();
  Status s = store_->Write([&](WriteTxn& t) -> Status {
    DX_RETURN_IF_ERROR(t.CreateImport(bad));
    return OkStatus();
  });
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields().size(), 2u);
  EXPECT_EQ(s.error().fields()[0].path, "/sha256");
  EXPECT_EQ(s.error().fields()[1].path, "/document");
  EXPECT_EQ(store_->ListImports({})->total, 0);
}

Evidence FileEvidence(int64_t entry, const std::string& sha, int64_t size) {
  Evidence e;
  e.owner = EvidenceOwner::kProgress;
  e.owner_id = entry;
  e.sha256 = sha;
  e.file_name = "Biên bản nghiệm thu.pdf";
  e.media_type = "application/pdf";
  e.size = size;
  return e;
}

TEST_P(StoreTest, EvidenceIsKeptByContentListedByOwnerAndAudited) {
  const int64_t task = AddTask(MakeTask("IV.2", "Địa chỉ số", "tinh-ha-giang"));
  ProgressEntry p;
  p.task_id = task;
  p.text = "Đã nghiệm thu";
  const int64_t entry = Create([&](WriteTxn& t) { return t.AddProgress(p, -1); });
  auto got = store_->GetProgress(entry);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->task_id, task);
  EXPECT_EQ(got->text, "Đã nghiệm thu");
  EXPECT_EQ(store_->GetProgress(entry + 100).error().code(), ErrorCode::kNotFound);

  const std::string bytes = "%PDF-1.4 biên bản";
  auto sha = store_->PutFile(bytes);
  ASSERT_TRUE(sha.ok()) << sha.error().message_en();
  EXPECT_EQ(store_->PutFile(bytes).value(), *sha);  // the same content is the same file
  EXPECT_EQ(store_->ReadFile(*sha).value(), bytes);
  EXPECT_EQ(store_->ReadFile(std::string(64, '0')).error().code(), ErrorCode::kNotFound);

  const int64_t file_id = Create([&](WriteTxn& t) { return t.AddEvidence(FileEvidence(entry, *sha, 19)); });
  Evidence link;
  link.owner_id = entry;
  link.kind = EvidenceKind::kLink;
  link.url = "https://dichvucong.gov.vn/";
  link.title = "Cổng Dịch vụ công quốc gia";
  Create([&](WriteTxn& t) { return t.AddEvidence(link); });
  auto listed = store_->ListEvidence(EvidenceOwner::kProgress, entry);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).id, file_id);
  EXPECT_EQ(listed->at(0).sha256, *sha);
  EXPECT_EQ(listed->at(0).added_by, "system");
  EXPECT_EQ(listed->at(1).url, "https://dichvucong.gov.vn/");
  EXPECT_TRUE(store_->ListEvidence(EvidenceOwner::kSubmission, entry)->empty());
  AuditQuery q;
  q.entity = "evidence";
  EXPECT_EQ(store_->ListAudit(q)->total, 2);

  // Evidence for nothing, or of the wrong shape, is refused and changes nothing.
  Status orphan = store_->Write([&](WriteTxn& t) -> Status {
    auto r = t.AddEvidence(FileEvidence(entry + 100, *sha, 19));
    return r.ok() ? OkStatus() : Status(std::move(r).error());
  });
  ASSERT_FALSE(orphan.ok());
  ASSERT_EQ(orphan.error().fields().size(), 1u);
  EXPECT_EQ(orphan.error().fields()[0].path, "/owner_id");
  Evidence exe = FileEvidence(entry, *sha, 19);
  exe.media_type = "application/vnd.microsoft.portable-executable";
  Status refused = store_->Write([&](WriteTxn& t) -> Status {
    auto r = t.AddEvidence(exe);
    return r.ok() ? OkStatus() : Status(std::move(r).error());
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields()[0].path, "/media_type");
  EXPECT_EQ(store_->ListEvidence(EvidenceOwner::kProgress, entry)->size(), 2u);
}

// SQLite's own backup layout: the database copy, and its evidence files in "<copy>.files".
TEST(SqliteBackupTest, BackupAndRestoreCarryTheEvidenceFiles) {
  testing::TempDir live("dxgov-live"), elsewhere("dxgov-elsewhere");
  const FixedClock clock(MakeDate(2022, 10, 12));
  auto store = OpenSqliteStore({(live.path() / "dxgov.sqlite").string(), 1, &clock});
  ASSERT_TRUE(store.ok());
  Store& st = **store;
  int64_t entry = 0;
  ASSERT_TRUE(st.Write([&](WriteTxn& t) -> Status {
    for (const auto& u : testing_units::SmallRegistry()) DX_RETURN_IF_ERROR(t.CreateUnit(u));
    Plan plan;
    plan.kind = "plan";
    plan.title = "Kế hoạch";
    DX_ASSIGN_OR_RETURN(int64_t plan_id, t.CreatePlan(plan));
    Task task;
    task.plan_id = plan_id;
    task.number = "I.1";
    task.section = "I";
    task.title = "Việc";
    task.lead.unit_id = "bo-tttt";
    DX_ASSIGN_OR_RETURN(int64_t task_id, t.CreateTask(task));
    ProgressEntry p;
    p.task_id = task_id;
    p.text = "Có biên bản";
    DX_ASSIGN_OR_RETURN(entry, t.AddProgress(p, -1));
    return OkStatus();
  }).ok());
  const std::string kept = "%PDF-1.4 kept", unnamed = "%PDF-1.4 never recorded";
  const std::string sha = st.PutFile(kept).value();
  ASSERT_TRUE(st.PutFile(unnamed).ok());  // bytes no record names are not backed up
  ASSERT_TRUE(st.Write([&](WriteTxn& t) -> Status {
    DX_ASSIGN_OR_RETURN(int64_t id, t.AddEvidence(FileEvidence(entry, sha, static_cast<int64_t>(kept.size()))));
    (void)id;
    return OkStatus();
  }).ok());
  EXPECT_TRUE(fs::is_regular_file(live.path() / "files" / sha.substr(0, 2) / sha));

  const std::string backup = (elsewhere.path() / "backup.sqlite").string();
  ASSERT_TRUE(st.Backup(backup).ok());
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(BackupFilesDir(backup))) files += e.is_regular_file();
  EXPECT_EQ(files, 1);

  testing::TempDir restored_dir("dxgov-restored");
  const std::string restored_db = (restored_dir.path() / "dxgov.sqlite").string();
  ASSERT_TRUE(RestoreSqliteFile(backup, restored_db).ok());
  auto restored = OpenSqliteStore({restored_db, 1, &clock});
  ASSERT_TRUE(restored.ok());
  auto evidence = (*restored)->ListEvidence(EvidenceOwner::kProgress, entry);
  ASSERT_EQ(evidence->size(), 1u);
  EXPECT_EQ((*restored)->ReadFile(evidence->at(0).sha256).value(), kept);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(Backends()),
                         [](const ::testing::TestParamInfo<Backend>& i) { return i.param.name; });

}  // namespace
}  // namespace dxgov
