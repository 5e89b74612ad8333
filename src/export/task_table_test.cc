#include "export/task_table.h"

#include <gtest/gtest.h>

#include <sstream>

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

TEST(TaskTableTest, XlsxIsWrittenInConstantMemoryMode) {
  const std::string path = ::testing::TempDir() + "/dxgov-task-table.xlsx";
  auto w = XlsxTaskWriter(path, "Nhiệm vụ: kế hoạch năm 2022 của Ủy ban Quốc gia", "");
  ASSERT_TRUE(w.ok()) << w.error().message_en();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*w)->Add(Row()).ok());
  ASSERT_TRUE((*w)->Finish().ok());
  FILE* f = std::fopen(path.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  char magic[2] = {0, 0};
  ASSERT_EQ(std::fread(magic, 1, 2, f), 2u);
  std::fclose(f);
  EXPECT_EQ(std::string(magic, 2), "PK");  // a zip; its content is read back by LibreOffice in tests/export
  std::remove(path.c_str());
}

}  // namespace
}  // namespace dxgov::exporting
