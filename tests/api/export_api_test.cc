// The files people download, through the real API (loopback HTTP, a real SQLite file with
// the demo data): the 2022 plan's task table as .xlsx, CSV and JSON, and a report cycle's
// consolidated report as .xlsx, CSV and .docx. The office files are read back by
// LibreOffice (headless → PDF → pdftotext), as their readers would open them.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>

#include "api/demo_api_suite.h"
#include "support/api_json.h"
#include "support/office_reader.h"
#include "support/temp_dir.h"
#include "text/vn_text.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::Json;
using testing::ReadWithOffice;
using testing::Squeezed;
using testing::TempDir;

class ExportApiTest : public testing::DemoApiSuite<ExportApiTest> {
 public:
  static constexpr const char* kName = "dxgov-export";
  static void SetUpUsers() {
    hanoi_ = User("hanoi", "tp-ha-noi", Role::kUnitEditor);
    hcm_ = User("hcm", "tp-ho-chi-minh-2025", Role::kUnitEditor);
  }

 protected:
  // The body saved to a file in `dir`, for LibreOffice.
  static std::filesystem::path Save(const TempDir& dir, const std::string& name, const std::string& body) {
    const auto path = dir.path() / name;
    std::ofstream(path, std::ios::binary) << body;
    return path;
  }
  // Opens a quarterly cycle on the 2022 plan for Hà Nội and Hồ Chí Minh City; Hà Nội
  // submits a complete report, Hồ Chí Minh City only saves a draft.
  int64_t CycleWithOneReport() {
    HttpResult c = As(admin_, "POST", "/api/cycles",
                      R"({"title":"Báo cáo quý IV/2026","period":"Quý IV/2026","opens_on":"2026-10-01","due":"2026-12-31",
                          "respondents":{"units":["tp-ha-noi","tp-ho-chi-minh-2025"]},"plans":[)" +
                          std::to_string(plan_2022_) + R"(],"state":"open"})");
    EXPECT_EQ(c.status, 201) << c.body;
    const int64_t id = Json(c).at("id").as_int64();
    const std::string base = "/api/cycles/" + std::to_string(id) + "/submissions/";
    const json::value page = Json(As(hanoi_, "GET", base + "tp-ha-noi"));
    json::array tasks;
    for (const auto& t : page.at("content").at("tasks").as_array())
      tasks.push_back(json::object{{"task", t.at("id")},
                                   {"status", "in_progress"},
                                   {"percent", 45},
                                   {"narrative", "Hà Nội đã triển khai <một phần> & đang đẩy nhanh"}});
    EXPECT_FALSE(tasks.empty());
    const std::string content = json::serialize(json::object{
        {"tasks", std::move(tasks)},
        {"sections", json::object{{"results", "Kết quả nổi bật quý IV của Hà Nội"},
                                  {"difficulties", "Thiếu nhân lực an toàn thông tin"},
                                  {"proposals", "Đề nghị bổ sung kinh phí"}}}});
    HttpResult sent = As(hanoi_, "POST", base + "tp-ha-noi/submit", content);
    EXPECT_EQ(sent.status, 200) << sent.body;
    HttpResult draft = As(hcm_, "PUT", base + "tp-ho-chi-minh-2025", R"({"sections":{"results":"Bản nháp bí mật của TP.HCM"}})");
    EXPECT_EQ(draft.status, 201) << draft.body;
    return id;
  }

  static inline Headers hanoi_, hcm_;
};

TEST_F(ExportApiTest, APlansTaskTableDownloadsAsCsvJsonAndAWorkbook) {
  const std::string base = "/api/plans/" + std::to_string(plan_2022_) + "/tasks";
  const int64_t total = Json(As({}, "GET", "/api/tasks?plan=" + std::to_string(plan_2022_) + "&limit=1")).at("total").as_int64();
  ASSERT_GT(total, 100);

  // Public plans are open data: no sign-in needed.
  HttpResult csv = As({}, "GET", base + ".csv?as_of=2022-07-15");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("content-disposition").find("attachment; filename=\"nhiem-vu-ke-hoach-"), std::string::npos);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  size_t lines = 0;
  for (size_t at = csv.body.find("\r\n"); at != std::string::npos; at = csv.body.find("\r\n", at + 2)) ++lines;
  EXPECT_EQ(static_cast<int64_t>(lines), total + 1);  // the heading, then one line per task (none spans lines)
  EXPECT_NE(csv.body.find("II.2,II,Phổ cập danh tính điện tử toàn dân,Bộ Công an,"), std::string::npos);

  HttpResult js = As({}, "GET", base + ".json?as_of=2022-07-15");
  ASSERT_EQ(js.status, 200);
  const json::array rows = json::parse(js.body).as_array();
  EXPECT_EQ(static_cast<int64_t>(rows.size()), total);
  int overdue = 0;
  for (const auto& r : rows) overdue += r.at("timeliness") == "overdue";
  // The board counts the same tasks overdue on the same day.
  const json::value board = Json(As(admin_, "GET", "/api/board/tasks?plan=" + std::to_string(plan_2022_) + "&as_of=2022-07-15"));
  EXPECT_EQ(overdue, board.at("all").at("overdue").as_int64());

  HttpResult xlsx = As({}, "GET", base + ".xlsx?as_of=2022-07-15");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  TempDir dir("dxgov-export-api");
  auto read = ReadWithOffice(Save(dir, "nhiem-vu.xlsx", xlsx.body), dir.path());
  ASSERT_TRUE(read.ok) << read.error;
  const std::string text = Squeezed(read.text);
  for (const char* expected : {"Đơn vị chủ trì", "Tình trạng hạn", "Bộ Công an", "31/12/2022", "Quá hạn", "Chưa triển khai"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected;

  EXPECT_EQ(As({}, "GET", base + ".xlsx?as_of=yesterday").status, 400);
  EXPECT_EQ(As({}, "GET", "/api/plans/999999/tasks.csv").status, 404);
}

TEST_F(ExportApiTest, ADraftPlansTableIsHiddenLikeThePlan) {
  HttpResult draft = As(admin_, "POST", "/api/plans",
                        R"({"kind":"plan","key":"ke-hoach-nhap-xuat","title":"Kế hoạch nháp","decision":{"issuer":"tp-ha-noi"},"published":false})");
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string url = "/api/plans/" + std::to_string(Json(draft).at("id").as_int64()) + "/tasks.csv";
  EXPECT_EQ(As({}, "GET", url).status, 404);
  EXPECT_EQ(As(hcm_, "GET", url).status, 404);
  EXPECT_EQ(As(hanoi_, "GET", url).status, 200);  // the issuer's own editor
}

TEST_F(ExportApiTest, TheConsolidatedReportCarriesWhatWasSentAndWhatTheReaderMaySee) {
  const int64_t cycle = CycleWithOneReport();
  const std::string base = "/api/cycles/" + std::to_string(cycle) + "/report";

  EXPECT_EQ(As({}, "GET", base + ".csv").status, 401);
  EXPECT_EQ(As(admin_, "GET", base + ".csv?table=everything").status, 400);
  EXPECT_EQ(As(admin_, "GET", base + ".xlsx?table=tasks").status, 400);
  EXPECT_EQ(As(admin_, "GET", base + ".csv?number=12").status, 400);
  EXPECT_EQ(As(admin_, "GET", base + ".docx?issuer=khong-co").status, 400);

  // The standing agency sees every respondent's standing and Hà Nội's sent report; a draft
  // is nobody's content yet.
  HttpResult respondents = As(admin_, "GET", base + ".csv?as_of=2026-12-07");
  ASSERT_EQ(respondents.status, 200) << respondents.body;
  EXPECT_NE(respondents.body.find("Thành phố Hà Nội,Thành phố trực thuộc Trung ương,Đã gửi đúng hạn,1,"), std::string::npos)
      << respondents.body;
  EXPECT_NE(respondents.body.find("Thành phố Hồ Chí Minh,Thành phố trực thuộc Trung ương,Đang soạn,0,"), std::string::npos);
  // The same data as open data: every table in one JSON document.
  HttpResult js = As(admin_, "GET", base + ".json?as_of=2026-12-07");
  ASSERT_EQ(js.status, 200) << js.body;
  const json::value doc = json::parse(js.body);
  ASSERT_EQ(doc.at("respondents").as_array().size(), 2u);
  EXPECT_EQ(doc.at("respondents").at(0).at("state"), "submitted_on_time");
  EXPECT_EQ(doc.at("respondents").at(1).at("state"), "draft");
  EXPECT_EQ(doc.at("tasks").at(0).at("status"), "in_progress");
  EXPECT_EQ(doc.at("tasks").at(0).at("percent"), 45);
  EXPECT_EQ(doc.at("sections").at(0).at("texts").at(0).at("text"), "Kết quả nổi bật quý IV của Hà Nội");
  EXPECT_EQ(doc.at("withheld"), 0);
  // Seen by Hồ Chí Minh City's editor, Hà Nội's report is counted, not shown.
  const json::value seen_by_hcm = Json(As(hcm_, "GET", base + ".json"));
  EXPECT_EQ(seen_by_hcm.at("withheld"), 1);
  EXPECT_TRUE(seen_by_hcm.at("tasks").as_array().empty());
  EXPECT_TRUE(seen_by_hcm.at("sections").at(0).at("texts").as_array().empty());

  HttpResult sections = As(admin_, "GET", base + ".csv?table=sections");
  ASSERT_EQ(sections.status, 200);
  EXPECT_NE(sections.body.find("Thành phố Hà Nội,Kết quả đạt được,Kết quả nổi bật quý IV của Hà Nội"), std::string::npos);
  EXPECT_EQ(sections.body.find("Bản nháp bí mật"), std::string::npos);

  // Hồ Chí Minh City's editor may read the board but not Hà Nội's report.
  HttpResult theirs = As(hcm_, "GET", base + ".csv?table=tasks");
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(theirs.body.find("Hà Nội đã triển khai"), std::string::npos);
  HttpResult ours = As(hanoi_, "GET", base + ".csv?table=tasks");
  EXPECT_NE(ours.body.find("Hà Nội đã triển khai <một phần> & đang đẩy nhanh"), std::string::npos);

  HttpResult docx = As(admin_, "GET", base + ".docx?number=15/BC-TCT&date=2026-12-08&signer_title=Tổ%20trưởng"
                                             "&signer_name=Nguyễn%20Văn%20B&recipients=Thủ%20tướng%20Chính%20phủ%20(để%20b/c);%0ALưu:%20VT.");
  ASSERT_EQ(docx.status, 200) << docx.body;
  EXPECT_EQ(docx.header("content-type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  TempDir dir("dxgov-export-api");
  auto read = ReadWithOffice(Save(dir, "bao-cao.docx", docx.body), dir.path());
  ASSERT_TRUE(read.ok) << read.error;
  const std::string text = Squeezed(read.text);
  // The 2022 plan's issuer, the national committee, was succeeded in 2025: the letterhead of
  // a report dated 2026 names the body that took over.
  HttpResult committee = As({}, "GET", "/api/units/ubqg-cds");
  ASSERT_EQ(committee.status, 200);
  const std::string successor = Json(committee).at("successors").at(0).at("unit").as_string().c_str();
  const json::value heir = Json(As({}, "GET", "/api/units/" + successor));
  const std::string heir_name = heir.at("versions").as_array().back().at("name").as_string().c_str();
  EXPECT_NE(text.find(text::ToUpper(heir_name).substr(0, 20)), std::string::npos) << heir_name << "\n" << text;
  for (const char* expected : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Độc lập - Tự do - Hạnh phúc", "Số: 15/BC-TCT",
                               "Hà Nội, ngày 08 tháng 12 năm 2026", "BÁO CÁO", "Báo cáo quý IV/2026", "I. TÌNH HÌNH BÁO CÁO",
                               "1/2 đơn vị đã gửi báo cáo", "II. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "III. SỐ LIỆU CHỈ TIÊU",
                               "IV. KẾT QUẢ ĐẠT ĐƯỢC", "Kết quả nổi bật quý IV của Hà Nội", "V. KHÓ KHĂN, VƯỚNG MẮC",
                               "Thiếu nhân lực an toàn thông tin", "VI. ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận:",
                               "- Thủ tướng Chính phủ (để b/c);", "TỔ TRƯỞNG", "Nguyễn Văn B"})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  EXPECT_EQ(text.find("Bản nháp bí mật"), std::string::npos);

  HttpResult xlsx = As(admin_, "GET", base + ".xlsx");
  ASSERT_EQ(xlsx.status, 200);
  auto sheet = ReadWithOffice(Save(dir, "tong-hop.xlsx", xlsx.body), dir.path());
  ASSERT_TRUE(sheet.ok) << sheet.error;
  const std::string cells = Squeezed(sheet.text);
  for (const char* expected : {"Tình trạng", "Đã gửi đúng hạn", "Đang soạn", "Kết quả thực hiện", "Đang triển khai",
                               "Kết quả nổi bật quý IV của Hà Nội"})
    EXPECT_NE(cells.find(expected), std::string::npos) << "missing: " << expected;
}

}  // namespace
}  // namespace dxgov
