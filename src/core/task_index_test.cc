#include "core/task_index.h"

#include <gtest/gtest.h>

#include "core/test_units.h"

namespace dxgov {
namespace {

Task MakeTask(int64_t id, const std::string& number, const std::string& lead, const char* deadline = nullptr) {
  Task t;
  t.id = id;
  t.plan_id = 1;
  t.number = number;
  t.section = number.substr(0, number.find('.'));
  t.title = "Nhiệm vụ " + number;
  t.lead.unit_id = lead;
  if (deadline) t.deadline = ParseDeadlineText(deadline).value();
  return t;
}

class TaskIndexTest : public ::testing::Test {
 protected:
  std::vector<int64_t> Ids(TaskQuery q, Date as_of = MakeDate(2022, 6, 20)) {
    TaskQueryContext ctx;
    ctx.registry = reg_.get();
    ctx.as_of = as_of;
    return index_.Query(q, ctx).items;
  }
  void Add(const Task& t) { index_.Upsert(FactsOf(t, t.lead.unit_id)); }

  std::shared_ptr<const UnitRegistry> reg_ = testing_units::SmallRegistryPtr();
  TaskIndex index_;
};

TEST_F(TaskIndexTest, ReplacingATaskMovesItsPostings) {
  Add(MakeTask(1, "II.1", "bo-tttt"));
  TaskQuery by_tttt;
  by_tttt.lead = "bo-tttt";
  EXPECT_EQ(Ids(by_tttt), (std::vector<int64_t>{1}));
  Add(MakeTask(1, "II.1", "bo-khcn"));  // the lead changed
  EXPECT_TRUE(Ids(by_tttt).empty());
  TaskQuery by_khcn;
  by_khcn.lead = "bo-khcn";
  EXPECT_EQ(Ids(by_khcn), (std::vector<int64_t>{1}));
  EXPECT_EQ(index_.size(), 1u);
}

TEST_F(TaskIndexTest, DeadlineOrderPutsUndatedTasksLastBothWays) {
  Add(MakeTask(1, "II.1", "bo-tttt", "Tháng 9/2022"));
  Add(MakeTask(2, "II.2", "bo-tttt"));
  Add(MakeTask(3, "II.3", "bo-tttt", "Tháng 3/2022"));
  Add(MakeTask(4, "II.4", "bo-tttt", "trước ngày 30 tháng 11 hàng năm"));
  TaskQuery q;
  q.sort = TaskSort::kDeadline;
  EXPECT_EQ(Ids(q), (std::vector<int64_t>{3, 1, 4, 2}));
  q.descending = true;
  EXPECT_EQ(Ids(q), (std::vector<int64_t>{4, 1, 3, 2}));
}

TEST_F(TaskIndexTest, FiltersByObjectiveAndParent) {
  Task a = MakeTask(1, "II.1", "bo-tttt");
  a.objective_ids = {7, 3};
  Task b = MakeTask(2, "II.1.a", "bo-tttt");
  b.parent_id = 1;
  Add(a);
  Add(b);
  TaskQuery by_objective;
  by_objective.objective_id = 3;
  EXPECT_EQ(Ids(by_objective), (std::vector<int64_t>{1}));
  TaskQuery children;
  children.parent_id = 1;
  EXPECT_EQ(Ids(children), (std::vector<int64_t>{2}));
}

TEST_F(TaskIndexTest, TextMatchesComeFromTheCallerOrUnitNames) {
  Add(MakeTask(1, "IV.1", "tinh-ha-giang"));
  Add(MakeTask(2, "IV.2", "tinh-tuyen-quang"));
  TaskQuery q;
  q.q = "ha giang";
  std::vector<int64_t> none;
  TaskQueryContext ctx;
  ctx.registry = reg_.get();
  ctx.as_of = MakeDate(2022, 6, 20);
  ctx.text_ids = &none;  // no task's words match; the lead's name does
  EXPECT_EQ(index_.Query(q, ctx).items, (std::vector<int64_t>{1}));
  std::vector<int64_t> words{2};
  ctx.text_ids = &words;
  auto page = index_.Query(q, ctx);
  EXPECT_EQ(page.items, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(page.total, 2);
}

}  // namespace
}  // namespace dxgov
