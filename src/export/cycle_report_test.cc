#include "export/cycle_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "support/office_reader.h"
#include "support/temp_dir.h"

namespace dxgov::exporting {
namespace {

using ::dxgov::testing::ReadWithOffice;
using ::dxgov::testing::Squeezed;
using ::dxgov::testing::TempDir;

CycleReport Sample() {
  CycleReport r;
  r.cycle.title = "Báo cáo quý III/2022";
  r.cycle.period = *ParsePeriod("2022-Q3");
  r.cycle.due = MakeDate(2022, 10, 5);
  r.cycle.indicators = {"HTS-01"};
  r.cycle.sections = DefaultReportSections();
  r.as_of = MakeDate(2022, 10, 10);
  CycleReport::Respondent hn{"ha-noi", "Thành phố Hà Nội", "Thành phố trực thuộc trung ương", {}, 1, MakeDate(2022, 10, 3), ""};
  hn.response.state = ResponseState::kAccepted;
  CycleReport::Respondent hp{"hai-phong", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương", {}, 2, MakeDate(2022, 10, 7), ""};
  hp.response.state = ResponseState::kSubmittedLate;
  hp.response.late = true;
  CycleReport::Respondent cb{"cao-bang", "Tỉnh Cao Bằng", "Tỉnh", {}, 0, std::nullopt, ""};
  cb.response.overdue = true;
  CycleReport::Respondent btc{"bo-tai-chinh", "Bộ Tài chính", "Bộ", {}, 1, MakeDate(2022, 10, 4), "Thiếu số liệu quý"};
  btc.response.state = ResponseState::kReturned;
  r.respondents = {hn, hp, cb, btc};
  r.tasks = {{"Thành phố Hà Nội", "IV.1", "Triển khai định danh điện tử", TaskStatus::kInProgress, 60, std::nullopt,
              "Đã cấp 1,2 triệu tài khoản; \"VNeID\" mức 2"},
             {"Thành phố Hải Phòng", "IV.1", "Triển khai định danh điện tử", TaskStatus::kDone, 100, MakeDate(2022, 9, 20),
              "Hoàn thành"}};
  r.figures = {{"Thành phố Hà Nội", "HTS-01", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%", "Năm 2022", 1234.5, true, ""},
               {"Thành phố Hải Phòng", "HTS-01", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%", "Năm 2022", std::nullopt, false,
                "Chưa có số liệu"}};
  for (const auto& s : r.cycle.sections) {
    CycleReport::Section sec{s, {}};
    if (s.key == "results") sec.texts = {{"Thành phố Hà Nội", "Kết quả nổi bật của Hà Nội.\nDòng thứ hai."}};
    r.sections.push_back(sec);
  }
  r.withheld = 1;
  return r;
}

Letterhead Head() {
  Letterhead h;
  h.parent_body = "Ủy ban Quốc gia về chuyển đổi số";
  h.issuing_body = "Tổ công tác giúp việc";
  h.number = "125/BC-TCT";
  h.place = "Hà Nội";
  h.date = MakeDate(2022, 10, 12);
  h.signer_title = "Tổ trưởng";
  h.signer_name = "Nguyễn Văn A";
  h.recipients = {"Thủ tướng Chính phủ (để b/c);", "Lưu: VT."};
  return h;
}

TEST(CycleReportTest, CsvTablesHaveVietnameseHeadingsAndOneRowPerLine) {
  const CycleReport r = Sample();
  std::ostringstream respondents, tasks, sections;
  ASSERT_TRUE(WriteCycleReportCsv(r, CycleTable::kRespondents, respondents).ok());
  ASSERT_TRUE(WriteCycleReportCsv(r, CycleTable::kTasks, tasks).ok());
  ASSERT_TRUE(WriteCycleReportCsv(r, CycleTable::kSections, sections).ok());
  EXPECT_EQ(respondents.str().substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(respondents.str().find("STT,Đơn vị,Loại đơn vị,Tình trạng,Số lần gửi,Ngày gửi lần đầu,Ghi chú\r\n"),
            std::string::npos);
  EXPECT_NE(respondents.str().find("2,Thành phố Hải Phòng,Thành phố trực thuộc trung ương,Đã gửi muộn,2,07/10/2022,"
                                   "Gửi muộn; Gửi lần 2\r\n"),
            std::string::npos)
      << respondents.str();
  EXPECT_NE(respondents.str().find("Bị trả lại,1,04/10/2022,Lý do trả lại: Thiếu số liệu quý\r\n"), std::string::npos);
  EXPECT_NE(tasks.str().find("\"Đã cấp 1,2 triệu tài khoản; \"\"VNeID\"\" mức 2\""), std::string::npos) << tasks.str();
  EXPECT_NE(sections.str().find("Thành phố Hà Nội,Kết quả đạt được,\"Kết quả nổi bật của Hà Nội.\nDòng thứ hai.\"\r\n"),
            std::string::npos)
      << sections.str();
  EXPECT_EQ(ParseCycleTable("indicators"), CycleTable::kIndicators);
  EXPECT_FALSE(ParseCycleTable("Tasks").has_value());
}

// The Word document, opened by LibreOffice and read as a reader sees it on the page.
TEST(CycleReportTest, DocxReadsAsAnAdministrativeReport) {
  TempDir dir("dxgov-docx");
  const auto path = dir.path() / "bao-cao.docx";
  auto written = WriteCycleReportDocx(Sample(), Head(), path.string());
  ASSERT_TRUE(written.ok()) << written.error().message_en();
  auto read = ReadWithOffice(path, dir.path());
  ASSERT_TRUE(read.ok) << read.error;
  const std::string text = Squeezed(read.text);
  for (const char* expected : {"ỦY BAN QUỐC GIA VỀ", "CHUYỂN ĐỔI SỐ", "TỔ CÔNG TÁC GIÚP VIỆC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                               "Độc lập - Tự do - Hạnh phúc", "Số: 125/BC-TCT", "Hà Nội, ngày 12 tháng 10 năm 2022",
                               "BÁO CÁO", "Báo cáo quý III/2022", "I. TÌNH HÌNH BÁO CÁO",
                               "Tính đến ngày 10/10/2022, 2/4 đơn vị đã gửi báo cáo (1 đã được chấp nhận; 1 gửi muộn); 1 báo "
                               "cáo bị trả lại để hoàn thiện; 1 đơn vị chưa gửi, trong đó 1 đơn vị đã quá hạn.",
                               "không gồm nội dung của 1 báo cáo", "II. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ",
                               "2 lượt nhiệm vụ: 1 hoàn thành, 1 đang triển khai", "III. SỐ LIỆU CHỈ TIÊU", "1.234,5",
                               "IV. KẾT QUẢ ĐẠT ĐƯỢC", "1. Thành phố Hà Nội", "Kết quả nổi bật của Hà Nội.", "Dòng thứ hai.",
                               "V. KHÓ KHĂN, VƯỚNG MẮC", "Chưa có nội dung.", "Nơi nhận:", "- Thủ tướng Chính phủ (để b/c);",
                               "TỔ TRƯỞNG", "Nguyễn Văn A"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  // Wrapped lines of the letterhead stay in the order written; table cells are short enough
  // not to wrap.
  for (const char* cell : {"Tỉnh Cao Bằng", "Chưa báo cáo", "Đã gửi muộn", "Bị trả lại", "Đã chấp nhận", "Tình trạng"})
    EXPECT_NE(text.find(cell), std::string::npos) << "missing cell: " << cell;
}

TEST(CycleReportTest, XlsxHasASheetPerTableReadableByCalc) {
  TempDir dir("dxgov-xlsx");
  const auto path = dir.path() / "tong-hop.xlsx";
  auto written = WriteCycleReportXlsx(Sample(), path.string(), dir.path().string());
  ASSERT_TRUE(written.ok()) << written.error().message_en();
  auto read = ReadWithOffice(path, dir.path());
  ASSERT_TRUE(read.ok) << read.error;
  const std::string text = Squeezed(read.text);
  for (const char* expected : {"Ngày gửi lần", "Tỉnh Cao Bằng", "03/10/2022", "Đã gửi muộn", "Mã chỉ tiêu", "HTS-01",
                               "Kết quả thực hiện", "Đang triển khai", "20/09/2022", "Nội dung"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  // A number stays a number, shown in the reader's locale.
  EXPECT_TRUE(text.find("1234.5") != std::string::npos || text.find("1234,5") != std::string::npos) << text;
}

}  // namespace
}  // namespace dxgov::exporting
