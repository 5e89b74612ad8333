#include "export/task_table.h"

#include <gtest/gtest.h>

#include <sstream>

#include "support/office_reader.h"
#include "support/temp_dir.h"

namespace dxgov::exporting {
namespace {

TaskRow Row() {
  TaskRow r;
  r.plan = "Kế hoạch 2022";
  r.number = "IV.1";
  r.section = "IV";
  r.title = "Triển khai \"danh tính điện tử\", phổ cập cho người dân";
  r.lead = "Thành phố Hà Nội";
  r.coordinators = "Bộ Công an; Văn phòng Chính phủ";
  r.deadline = "Tháng 6/2022";
  r.due = MakeDate(2022, 6, 30);
  r.status = TaskStatus::kInProgress;
  r.progress_percent = 40;
  r.timeliness = Timeliness::kOverdue;
  return r;
}

TEST(TaskTableTest, CsvHasABomHeadingsAndQuotesWhatNeedsIt) {
  std::ostringstream out;
  auto w = CsvTaskWriter(out);
  ASSERT_TRUE(w->Add(Row()).ok());
  ASSERT_TRUE(w->Finish().ok());
  const std::string csv = out.str();
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  const std::string header = csv.substr(3, csv.find("\r\n") - 3);
  EXPECT_EQ(header, "Kế hoạch,Số hiệu,Mục,Nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Hạn hoàn thành,Trạng thái,"
                    "Tiến độ (%),Tình trạng hạn,Ngày hoàn thành");
  EXPECT_NE(csv.find("IV.1,IV,\"Triển khai \"\"danh tính điện tử\"\", phổ cập cho người dân\",Thành phố Hà Nội,"
                     "Bộ Công an; Văn phòng Chính phủ,Tháng 6/2022,30/06/2022,Đang triển khai,40,Quá hạn,\r\n"),
            std::string::npos)
      << csv;
}

TEST(TaskTableTest, JsonUsesKeysIsoDatesAndNames) {
  std::ostringstream out;
  auto w = JsonTaskWriter(out);
  ASSERT_TRUE(w->Add(Row()).ok());
  TaskRow done = Row();
  done.status = TaskStatus::kDone;
  done.due.reset();
  done.completed_on = MakeDate(2022, 6, 1);
  ASSERT_TRUE(w->Add(done).ok());
  ASSERT_TRUE(w->Finish().ok());
  const std::string json = out.str();
  EXPECT_NE(json.find(R"("title":"Triển khai \"danh tính điện tử\", phổ cập cho người dân")"), std::string::npos);
  EXPECT_NE(json.find(R"("due":"2022-06-30","status":"in_progress","progress_percent":40,"timeliness":"overdue","completed_on":null})"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("due":null,"status":"done")"), std::string::npos);
  EXPECT_EQ(json.front(), '[');
}

// The workbook, opened by LibreOffice Calc and read as printed.
TEST(TaskTableTest, XlsxReadsBackWithNamesDatesAndLabels) {
  dxgov::testing::TempDir dir("dxgov-xlsx");
  const auto path = dir.path() / "nhiem-vu.xlsx";
  auto w = XlsxTaskWriter(path.string(), "Nhiệm vụ: kế hoạch năm 2022 của Ủy ban Quốc gia", dir.path().string());
  ASSERT_TRUE(w.ok()) << w.error().message_en();
  TaskRow done = Row();
  done.number = "IV.2";
  done.status = TaskStatus::kDone;
  done.progress_percent = 100;
  done.timeliness = Timeliness::kDoneOnTime;
  done.completed_on = MakeDate(2022, 6, 1);
  ASSERT_TRUE((*w)->Add(Row()).ok());
  ASSERT_TRUE((*w)->Add(done).ok());
  ASSERT_TRUE((*w)->Finish().ok());
  auto read = dxgov::testing::ReadWithOffice(path, dir.path());
  ASSERT_TRUE(read.ok) << read.error;
  const std::string text = dxgov::testing::Squeezed(read.text);
  for (const char* expected : {"Số hiệu", "Đơn vị chủ trì", "Hạn hoàn thành", "IV.1", "IV.2", "Thành phố Hà Nội",
                               "30/06/2022", "01/06/2022", "Đang triển khai", "Hoàn thành", "Quá hạn", "40", "100"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
}

}  // namespace
}  // namespace dxgov::exporting
