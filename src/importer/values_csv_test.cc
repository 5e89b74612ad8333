#include "importer/values_csv.h"

#include <gtest/gtest.h>

namespace dxgov::importer {
namespace {

TEST(ReadNumberTest, OneDeclaredRule) {
  const auto vi = NumberFormat::kVietnamese, en = NumberFormat::kInternational;
  EXPECT_EQ(ReadNumber("85,5", vi).value, 85.5);
  EXPECT_EQ(ReadNumber("150.000", vi).value, 150000);
  EXPECT_EQ(ReadNumber("1.234.567,89", vi).value, 1234567.89);
  EXPECT_EQ(ReadNumber(" 150 000 ", vi).value, 150000);
  EXPECT_EQ(ReadNumber("72%", vi).value, 72);
  EXPECT_EQ(ReadNumber("-0,4", vi).value, -0.4);
  EXPECT_EQ(ReadNumber("85.5", en).value, 85.5);
  EXPECT_EQ(ReadNumber("150,000", en).value, 150000);
  // What only the other rule reads, or malformed groups, is refused as ambiguous.
  for (const char* bad : {"85.5", "1.23", "1,2,3", "1.234,5,6", "12.34.5"})
    EXPECT_FALSE(ReadNumber(bad, vi).value) << bad;
  EXPECT_NE(ReadNumber("85.5", vi).error.find("ambiguous"), std::string::npos);
  for (const char* bad : {"85,5", "1,23", "1.2.3", "", "abc", "1e5", "--1"}) EXPECT_FALSE(ReadNumber(bad, en).value) << bad;
}

TEST(ValuesCsvTest, ReadsAnOfficeExportWithBomSemicolonsAndVietnameseHeaders) {
  const std::string csv =
      "\xEF\xBB\xBFMã chỉ tiêu;Đơn vị;Kỳ báo cáo;Giá trị;Ước tính;Ghi chú\r\n"
      "HTS-01;Tỉnh Hà Giang;Năm 2024;85,5;x;\"Theo khảo sát; quý IV\"\r\n"
      "ds-01;tinh-ha-giang;2024;\"900.000\";;\r\n"
      "\r\n"
      "HS-ALL;Toàn quốc;Tháng 3/2024;1.234;;\r\n";
  auto r = ReadValuesCsv(csv, NumberFormat::kVietnamese);
  ASSERT_TRUE(r.ok()) << r.error().message_en();
  EXPECT_TRUE(r->problems.empty());
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].row, 2);
  EXPECT_EQ(r->rows[0].value.indicator, "HTS-01");
  EXPECT_EQ(r->rows[0].unit_text, "Tỉnh Hà Giang");
  EXPECT_EQ(r->rows[0].value.period, (Period{PeriodType::kYear, 2024, 1}));
  EXPECT_EQ(r->rows[0].value.value, 85.5);
  EXPECT_TRUE(r->rows[0].value.estimated);
  EXPECT_EQ(r->rows[0].value.note, "Theo khảo sát; quý IV");
  EXPECT_EQ(r->rows[1].value.indicator, "DS-01");
  EXPECT_EQ(r->rows[1].value.value, 900000);
  EXPECT_EQ(r->rows[2].row, 5) << "rows are numbered as the file's lines, blank ones included";
  EXPECT_EQ(r->rows[2].value.value, 1234) << "'.' separates thousands in a Vietnamese file";
}

TEST(ValuesCsvTest, NamesTheRowAndColumnOfEveryProblem) {
  const std::string csv =
      "indicator,unit,period,value,status\n"
      "HTS-01,tinh-ha-giang,2024,\"85.5\",\n"
      "HTS-01,tinh-ha-giang,Quý V/2024,80,\n"
      "HTS-01,tinh-ha-giang,2024,80,done\n"
      "HTS-01,tinh-ha-giang,2024\n";
  auto r = ReadValuesCsv(csv, NumberFormat::kVietnamese);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->rows.empty());
  ASSERT_EQ(r->problems.size(), 4u);
  EXPECT_EQ(r->problems[0].row, 2);
  EXPECT_EQ(r->problems[0].column, "value");
  EXPECT_NE(r->problems[0].reason.find("ambiguous"), std::string::npos);
  EXPECT_EQ(r->problems[1].row, 3);
  EXPECT_EQ(r->problems[1].column, "period");
  EXPECT_EQ(r->problems[2].column, "status");
  EXPECT_EQ(r->problems[3].row, 5);
  EXPECT_EQ(r->problems[3].reason, "expected 5 columns, found 3");
}

TEST(ValuesCsvTest, RefusesOtherEncodingsNamingTheRow) {
  // "Hà Giang" in Windows-1258 on line 3.
  const std::string csv = "indicator,unit,period,value\nDS-01,tinh-ha-giang,2024,1\nDS-01,H\xE0 Giang,2024,2\n";
  auto r = ReadValuesCsv(csv, NumberFormat::kVietnamese);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields().at(0).path, "/rows/3");
  EXPECT_NE(r.error().message_vi().find("Dòng 3"), std::string::npos);
  auto utf16 = ReadValuesCsv(std::string("\xFF\xFEi\0n\0", 6), NumberFormat::kVietnamese);
  ASSERT_FALSE(utf16.ok());
  EXPECT_EQ(utf16.error().fields().at(0).reason, "UTF-16 is not accepted; save as CSV UTF-8");
}

TEST(ValuesCsvTest, HeaderProblemsAreFileLevel) {
  auto r = ReadValuesCsv("Chỉ tiêu,Màu,Kỳ\nDS-01,đỏ,2024\n", NumberFormat::kVietnamese);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> paths;
  for (const auto& f : r.error().fields()) paths.push_back(f.path + ": " + f.reason);
  EXPECT_EQ(paths, (std::vector<std::string>{"/rows/1/Màu: unknown column", "/rows/1: missing column Đơn vị",
                                             "/rows/1: missing column Giá trị"}));
}

}  // namespace
}  // namespace dxgov::importer
