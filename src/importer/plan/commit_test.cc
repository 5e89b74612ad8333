#include "importer/plan/commit.h"

#include <gtest/gtest.h>

#include <map>

#include "demo/demo_data.h"
#include "importer/plan/internal/test_support.h"
#include "importer/plan/plan_reader.h"

namespace dxgov::importer {
namespace {

using testing::ReadRepoFile;
using testing::Registry;

Proposal Read(const std::string& rel) {
  auto p = ReadPlanDocument(ReadRepoFile(rel), Registry(), ReadOptions{rel});
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message_en());
  return p.ok() ? std::move(p).value() : Proposal{};
}

std::vector<std::string> Paths(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields()) out.push_back(f.path);
  return out;
}

TEST(PlanKeyFor, NumberAndYearOrDraftTitleAndDigest) {
  SourceInfo s;
  s.number = "27/QĐ-UBQGCĐS";
  s.date = MakeDate(2022, 3, 15);
  EXPECT_EQ(PlanKeyFor(s), "27-qd-ubqgcds-2022");
  s.number = "797/KH-UBND-2023";
  s.date = MakeDate(2023, 1, 5);
  EXPECT_EQ(PlanKeyFor(s), "797-kh-ubnd-2023") << "a year already in the number is not repeated";
  SourceInfo draft;
  draft.title = "Kế hoạch hoạt động năm 2022";
  draft.sha256 = "3104ea0fc0572af1aaaa";
  EXPECT_EQ(PlanKeyFor(draft), "du-thao-ke-hoach-hoat-dong-nam-2022-3104ea0f");
}

// The 2022 plan committed as read is the plan the foundation holds: the same task numbers,
// leads and deadlines, the same objectives.
TEST(RecordsFromProposal, TheSeedPlanBecomesTheFoundationsPlan) {
  const Proposal p = Read("data/seeds/000_494c21983f4e96c0.txt");
  auto r = RecordsFromProposal(p, *Registry(), {});
  ASSERT_TRUE(r.ok()) << r.error().message_en() << " " << (r.error().fields().empty() ? "" : r.error().fields()[0].path);
  auto bundle = demo::ParsePlanBundle(demo::EmbeddedFile("plans/27-qd-ubqgcds-2022.json"));
  ASSERT_TRUE(bundle.ok());

  EXPECT_EQ(r->plan.key, bundle->plan.key);
  EXPECT_EQ(r->plan.decision_number, "27/QĐ-UBQGCĐS");
  EXPECT_EQ(r->plan.issuer_id, "ubqg-cds");
  EXPECT_EQ(r->plan.period_from, MakeDate(2022, 1, 1));
  EXPECT_EQ(r->plan.period_to, MakeDate(2022, 12, 31));
  EXPECT_FALSE(r->plan.published);
  EXPECT_EQ(r->plan.sections.size(), bundle->plan.sections.size());
  // The foundation lists the documents of the preamble; the importer also finds those a task cites.
  ASSERT_GE(r->plan.documents.size(), bundle->plan.documents.size());
  for (size_t i = 0; i < bundle->plan.documents.size(); ++i)
    EXPECT_EQ(r->plan.documents[i].number, bundle->plan.documents[i].number);
  EXPECT_EQ(r->objectives.size(), 12u);
  EXPECT_EQ(r->objectives.size(), bundle->objectives.size());
  // The duties of sections III and IV, as the foundation has them (the file name aside).
  ASSERT_EQ(r->plan.duties.size(), 2u);
  ASSERT_EQ(bundle->plan.duties.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    PlanDuty mine = r->plan.duties[i];
    ASSERT_TRUE(mine.source);
    mine.source->file = bundle->plan.duties[i].source->file;
    EXPECT_EQ(mine, bundle->plan.duties[i]) << i;
  }

  ASSERT_EQ(r->tasks.size(), 133u);
  ASSERT_EQ(r->tasks.size(), bundle->tasks.size());
  for (size_t i = 0; i < r->tasks.size(); ++i) {
    const Task& mine = r->tasks[i];
    const Task& theirs = bundle->tasks[i].task;
    EXPECT_EQ(mine.number, theirs.number);
    EXPECT_EQ(mine.lead.unit_id, theirs.lead.unit_id) << mine.number;
    EXPECT_EQ(mine.deadline, theirs.deadline) << mine.number;
    EXPECT_EQ(mine.ordinal, static_cast<int>(i) + 1);
    ASSERT_TRUE(mine.source);
    EXPECT_GT(mine.source->line_from, 0);
  }
  // The lettered details of V.1 are part of its text, as the document has them.
  const auto v1 = std::find_if(r->tasks.begin(), r->tasks.end(), [](const Task& t) { return t.number == "V.1"; });
  ASSERT_NE(v1, r->tasks.end());
  EXPECT_NE(v1->text.find("\nc) Dự kiến thời gian các phiên họp"), std::string::npos);
}

TEST(RecordsFromProposal, CitedGoalsStayInTheProposalAndMissingLeadsAreTheReviewersToChoose) {
  Proposal p = Read("data/seeds/002_3104ea0fc0572af1.txt");
  // The draft names no lead for three of its tasks; the reviewer must choose one.
  std::vector<std::string> missing;
  for (size_t i = 0; i < p.tasks.size(); ++i) {
    if (!p.tasks[i].lead) missing.push_back("/proposal/tasks/" + std::to_string(i) + "/lead");
    for (size_t c = 0; c < p.tasks[i].coordinators.size(); ++c)
      if (p.tasks[i].coordinators[c].unit_id.empty())
        missing.push_back("/proposal/tasks/" + std::to_string(i) + "/coordinators/" + std::to_string(c) + "/unit");
  }
  ASSERT_EQ(missing.size(), 3u);
  auto refused = RecordsFromProposal(p, *Registry(), {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Paths(refused.error()), missing);

  for (auto& t : p.tasks) {
    if (!t.lead) t.lead = NameRef{"Bộ Thông tin và Truyền thông", "bo-tttt", ""};
    std::erase_if(t.coordinators, [](const NameRef& c) { return c.unit_id.empty(); });
  }
  auto r = RecordsFromProposal(p, *Registry(), {});
  ASSERT_TRUE(r.ok()) << r.error().message_en();
  EXPECT_EQ(r->tasks.size(), 43u);
  EXPECT_EQ(r->cited_goals, 101);
  EXPECT_TRUE(r->objectives.empty()) << "every goal in the pack belongs to 749, 942 or the draft strategy";
  EXPECT_TRUE(r->plan.decision_number.empty());
  EXPECT_TRUE(r->plan.key.starts_with("du-thao-ke-hoach-hoat-dong")) << r->plan.key;
  // Phụ lục II: each committee member's key task for the plan's year, by the member's body.
  ASSERT_EQ(r->key_tasks.size(), 14u);
  EXPECT_EQ(r->key_tasks[1].unit_id, "bo-cong-an");
  EXPECT_EQ(r->key_tasks[1].title, "Phổ cập danh tính số toàn dân");
  EXPECT_EQ(r->key_tasks[1].year, 2022);
  EXPECT_EQ(r->key_tasks[12].unit_id, "nhnn");

  // A key task whose member's body was not resolved is the reviewer's to choose.
  p.key_tasks[3].unit = NameRef{"Bộ trưởng", "", ""};
  auto unresolved = RecordsFromProposal(p, *Registry(), {});
  ASSERT_FALSE(unresolved.ok());
  EXPECT_EQ(Paths(unresolved.error()), (std::vector<std::string>{"/proposal/key_tasks/3/unit/unit"}));
}

TEST(RecordsFromProposal, EveryProblemIsNamedByItsPath) {
  Proposal p = Read("data/seeds/004_f0710b9ce82295c7.txt");
  ASSERT_GE(p.tasks.size(), 3u);
  p.source.issuer.unit_id.clear();
  p.tasks[0].lead = NameRef{"Sở Phép Thuật", "", ""};
  p.tasks[1].coordinators.push_back(NameRef{"Bộ Không Có", "bo-khong-co", ""});
  p.tasks[2].id = p.tasks[0].id;
  p.tasks[2].title.clear();
  auto r = RecordsFromProposal(p, *Registry(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  const auto paths = Paths(r.error());
  const size_t coordinator = p.tasks[1].coordinators.size() - 1;
  EXPECT_EQ(paths, (std::vector<std::string>{"/proposal/source/issuer/unit", "/proposal/tasks/0/lead/unit",
                                             "/proposal/tasks/1/coordinators/" + std::to_string(coordinator) + "/unit",
                                             "/proposal/tasks/2/id", "/proposal/tasks/2/title"}));
  EXPECT_NE(r.error().fields()[1].reason.find("Sở Phép Thuật"), std::string::npos);
}

TEST(RecordsFromProposal, ATaskWithoutALeadIsRefusedOnce) {
  Proposal p = Read("data/seeds/004_f0710b9ce82295c7.txt");
  p.tasks[0].lead.reset();
  auto r = RecordsFromProposal(p, *Registry(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Paths(r.error()), std::vector<std::string>{"/proposal/tasks/0/lead"});
}

TEST(RecordsFromProposal, OptionsSetKeyParentAndPublication) {
  const Proposal p = Read("data/seeds/003_9cedb5bc834842ab.txt");
  CommitOptions o;
  o.key = "ke-hoach-tinh-2024";
  o.parent_plan_id = 7;
  o.published = true;
  auto r = RecordsFromProposal(p, *Registry(), o);
  ASSERT_TRUE(r.ok()) << r.error().message_en() << " " << (r.error().fields().empty() ? "" : r.error().fields()[0].path + " " + r.error().fields()[0].reason);
  EXPECT_EQ(r->plan.key, "ke-hoach-tinh-2024");
  EXPECT_EQ(r->plan.parent_id, 7);
  EXPECT_TRUE(r->plan.published);
  EXPECT_EQ(r->tasks.size(), 36u);
  int supported = 0;
  for (const auto& t : r->tasks) supported += t.support_unit.has_value();
  EXPECT_GT(supported, 0);

  o.key = "Not A Slug";
  auto bad = RecordsFromProposal(p, *Registry(), o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Paths(bad.error()), std::vector<std::string>{"/key"});
}

TEST(RecordsFromProposal, AProvincesDepartmentsMayBeAssignedToTheProvince) {
  const std::string doc =
      "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
      "Số: 12/KH-UBND\n\nTuyên Quang, ngày 10 tháng 9 năm 2025\n\nKẾ HOẠCH\nChuyển đổi số năm 2026\n\nII. NHIỆM VỤ\n"
      "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ và Bộ Công an xây dựng kho dữ liệu.\n";
  auto p = ReadPlanDocument(doc, Registry(), ReadOptions{"kh.md"});
  ASSERT_TRUE(p.ok());
  auto refused = RecordsFromProposal(*p, *Registry(), {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Paths(refused.error()),
            (std::vector<std::string>{"/proposal/tasks/0/lead/unit", "/proposal/tasks/0/coordinators/0/unit"}));

  CommitOptions o;
  o.unresolved_to_issuer = true;
  auto r = RecordsFromProposal(*p, *Registry(), o);
  ASSERT_TRUE(r.ok()) << r.error().message_en();
  const Task& t = r->tasks.at(0);
  EXPECT_EQ(t.lead.unit_id, "tinh-tuyen-quang-2025");
  EXPECT_EQ(t.lead.as_written, "Sở Khoa học và Công nghệ");
  // Sở Nội vụ is the province too, which leads: only Bộ Công an coordinates.
  ASSERT_EQ(t.coordinators.size(), 1u);
  EXPECT_EQ(t.coordinators[0].unit_id, "bo-cong-an");
  EXPECT_NE(t.text.find("Sở Nội vụ"), std::string::npos);
}

}  // namespace
}  // namespace dxgov::importer
