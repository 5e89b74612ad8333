#include "importer/plan/duties.h"

#include <gtest/gtest.h>

#include "importer/plan/internal/test_support.h"
#include "importer/plan/plan_reader.h"

namespace dxgov::importer {
namespace {

AgencyResolver Resolver(int year) { return AgencyResolver(testing::Registry(), MakeDate(year, 3, 1)); }

TEST(ReadDutiesTest, TheDeadlineBeforeTheVerbAsThe2022PlanWritesIt) {
  auto r = Resolver(2022);
  const std::vector<IntroParagraph> intro = {
      {"Ban Chỉ đạo chuyển đổi số của các tỉnh, thành phố trực thuộc Trung ương điều phối, chỉ đạo triển khai; "
       "trong Quý I/2022 ban hành Kế hoạch hoạt động năm 2022 của Ban Chỉ đạo chuyển đổi số của địa phương, trong "
       "đó cụ thể hóa kế hoạch thực hiện một số nhiệm vụ trọng tâm như sau:",
       {534, 536}}};
  auto duties = ReadDuties("IV", intro, r, 2022);
  ASSERT_EQ(duties.size(), 1u);
  EXPECT_EQ(duties[0].respondent.unit_id, "cac-dia-phuong");
  EXPECT_EQ(duties[0].what, "ban hành Kế hoạch hoạt động năm 2022 của Ban Chỉ đạo chuyển đổi số của địa phương");
  ASSERT_TRUE(duties[0].due.has_value());
  EXPECT_EQ(FixedDueDate(*duties[0].due), MakeDate(2022, 3, 31));
  EXPECT_EQ(duties[0].year, 2022);
  EXPECT_EQ(duties[0].section, "IV");
  EXPECT_EQ(duties[0].lines, (LineSpan{534, 536}));
}

TEST(ReadDutiesTest, TheDeadlineAfterTheVerbAndTheYearFromTheTitle) {
  auto r = Resolver(2023);
  const std::vector<IntroParagraph> intro = {
      {"Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo các sở, ngành.", {10, 10}},
      {"Xây dựng, ban hành Kế hoạch chuyển đổi số năm 2023 của địa phương trước ngày 15/4/2023; báo cáo kết quả "
       "về Bộ Thông tin và Truyền thông.",
       {11, 12}}};
  auto duties = ReadDuties("III", intro, r, 2022);
  ASSERT_EQ(duties.size(), 1u);
  // The second paragraph opens with a verb: the addressee is the one the first names.
  EXPECT_EQ(duties[0].respondent.unit_id, "cac-dia-phuong");
  EXPECT_EQ(duties[0].what, "Xây dựng, ban hành Kế hoạch chuyển đổi số năm 2023 của địa phương");
  EXPECT_EQ(FixedDueDate(*duties[0].due), MakeDate(2023, 4, 15));
  EXPECT_EQ(duties[0].year, 2023);
  EXPECT_EQ(duties[0].lines, (LineSpan{11, 12}));
}

TEST(ReadDutiesTest, AnUnknownAddresseeStaysUnresolvedAndNoDeadlineMeansNoDuty) {
  auto r = Resolver(2022);
  auto duties = ReadDuties("III", {{"Các hợp tác xã vùng cao trong tháng 6/2022 ban hành kế hoạch số hóa.", {5, 5}}},
                           r, 2022);
  ASSERT_EQ(duties.size(), 1u);
  EXPECT_TRUE(duties[0].respondent.unit_id.empty());
  EXPECT_EQ(FixedDueDate(*duties[0].due), MakeDate(2022, 6, 30));
  EXPECT_EQ(duties[0].year, 2022);  // from the deadline

  EXPECT_TRUE(ReadDuties("III", {{"Các bộ, ngành ban hành kế hoạch để triển khai thực hiện.", {5, 5}}}, r, 2022)
                  .empty());
  EXPECT_TRUE(ReadDuties("III", {{"Trong Quý I/2022 hoàn thành báo cáo.", {5, 5}}}, r, 2022).empty());
}

TEST(ReadDutiesTest, TheReaderFindsBothDutiesOfThe2022PlanAndWarnsOfAnUnknownRespondent) {
  auto p = ReadPlanDocument(testing::ReadRepoFile("data/seeds/000_494c21983f4e96c0.txt"), testing::Registry(), {});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->duties.size(), 2u);
  EXPECT_EQ(p->duties[0].respondent.unit_id, "cac-bo-nganh");
  EXPECT_EQ(p->duties[0].section, "III");
  EXPECT_EQ(p->duties[1].respondent.unit_id, "cac-dia-phuong");
  EXPECT_EQ(p->duties[1].section, "IV");

  const std::string doc =
      "# KẾ HOẠCH\n\nChuyển đổi số năm 2023\n\n## I. MỤC TIÊU\n\nThúc đẩy chuyển đổi số.\n\n"
      "## II. NHIỆM VỤ\n\nCác hợp tác xã vùng cao trong tháng 6/2023 ban hành kế hoạch số hóa.\n\n"
      "1. Triển khai nền tảng số. Thời hạn: Tháng 9/2023.\n";
  p = ReadPlanDocument(doc, testing::Registry(), {});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->duties.size(), 1u);
  bool warned = false;
  for (const auto& w : p->warnings) warned = warned || w.code == "duty_respondent";
  EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace dxgov::importer
