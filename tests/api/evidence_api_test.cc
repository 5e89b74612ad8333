// Evidence through the real API (loopback HTTP, a real SQLite file and its files directory):
// Hà Nội attaches a PDF, a Word document and a link to its progress entry; the content
// decides what a file is; a program renamed .pdf, an oversized file and a bad link are
// refused and change nothing; files are served only to those who may see the entry.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/demo_server.h"
#include "support/api_json.h"
#include "support/http_client.h"
#include "support/source_file.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::ErrorPaths;
using testing::Http;
using testing::HttpResult;
using testing::Json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "Mật khẩu thử nghiệm đủ dài 2026";

std::string Fixture(const std::string& name) { return testing::SourceFile("tests/data/evidence/" + name); }

class EvidenceApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::DemoServer("dxgov-evidence");
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en();
    ASSERT_TRUE(server_->AddUser("hanoi", "tp-ha-noi", Role::kUnitEditor, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("angiang", "tinh-an-giang", Role::kUnitEditor, kPassword).ok());
    port_ = server_->port();
    hanoi_ = testing::SignIn(port_, "hanoi", kPassword);
    angiang_ = testing::SignIn(port_, "angiang", kPassword);
    ASSERT_FALSE(hanoi_.empty());
    ASSERT_FALSE(angiang_.empty());
    // Hà Nội's own task in the 2022 national plan (IV.1), and an entry on it.
    const json::value tasks = Json(As(hanoi_, "GET", "/api/tasks?lead=tp-ha-noi&section=IV&limit=1"));
    ASSERT_EQ(tasks.at("items").as_array().size(), 1u);
    task_ = tasks.at("items").at(0).at("id").as_int64();
    const int64_t task = task_;
    HttpResult entry = As(hanoi_, "POST", "/api/tasks/" + std::to_string(task) + "/progress",
                          R"({"text":"Đã nghiệm thu hệ thống","percent":80})", "application/json");
    ASSERT_EQ(entry.status, 201) << entry.body;
    entry_ = Json(entry).at("entry").at("id").as_int64();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static HttpResult As(const Headers& who, const std::string& method, const std::string& target,
                       const std::string& body = "", const std::string& type = "") {
    Headers h = who;
    if (!type.empty()) h.emplace_back("Content-Type", type);
    return Http(port_, method, target, body, h);
  }
  static HttpResult Upload(const Headers& who, const std::string& name, const std::string& bytes,
                           const std::string& claimed_type = "application/octet-stream") {
    return As(who, "POST", "/api/evidence?progress=" + std::to_string(entry_) + "&name=" + name, bytes, claimed_type);
  }
  static size_t Attached() {
    return Json(As(hanoi_, "GET", "/api/evidence?progress=" + std::to_string(entry_))).at("items").as_array().size();
  }

  static inline testing::DemoServer* server_ = nullptr;
  static inline uint16_t port_ = 0;
  static inline Headers hanoi_, angiang_;
  static inline int64_t entry_ = 0, task_ = 0;
};

TEST_F(EvidenceApiTest, FilesAreWhatTheirContentSaysAndComeBackIntact) {
  const std::string pdf = Fixture("bien-ban.pdf");
  HttpResult r = Upload(hanoi_, "Bi%C3%AAn%20b%E1%BA%A3n%20nghi%E1%BB%87m%20thu.pdf", pdf);
  ASSERT_EQ(r.status, 201) << r.body;
  const json::value v = Json(r);
  EXPECT_EQ(v.at("media_type"), "application/pdf");
  EXPECT_EQ(v.at("file_name"), "Biên bản nghiệm thu.pdf");
  EXPECT_EQ(v.at("size"), static_cast<int64_t>(pdf.size()));
  EXPECT_EQ(v.at("added_by"), "hanoi");
  const std::string content = v.at("content").as_string().c_str();

  HttpResult got = As(hanoi_, "GET", content);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, pdf);
  EXPECT_EQ(got.header("content-type"), "application/pdf");
  EXPECT_NE(got.header("content-disposition").find("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n"), std::string::npos)
      << got.header("content-disposition");
  EXPECT_EQ(got.header("x-content-type-options"), "nosniff");
  // Another province's staff may read the entry of a published plan, and so its files.
  EXPECT_EQ(As(angiang_, "GET", content).body, pdf);
  EXPECT_EQ(As({}, "GET", content).status, 401);
  EXPECT_EQ(Http(port_, "GET", content, "", {hanoi_[0], hanoi_[1], {"If-None-Match", got.header("etag")}}).status, 304);

  // A Word document named .pdf is a Word document; the claimed type changes nothing.
  HttpResult docx = Upload(hanoi_, "bao-cao.pdf", Fixture("bao-cao.docx"), "application/pdf");
  ASSERT_EQ(docx.status, 201) << docx.body;
  EXPECT_EQ(Json(docx).at("media_type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  // The task's progress log shows what backs each entry.
  const json::value log = Json(As(hanoi_, "GET", "/api/tasks/" + std::to_string(task_) + "/progress?limit=100"));
  size_t shown = 0;
  for (const auto& e : log.at("items").as_array())
    if (e.at("id").as_int64() == entry_) shown = e.at("evidence").as_array().size();
  EXPECT_EQ(shown, Attached());
  // The same bytes again are the same file.
  HttpResult twice = Upload(hanoi_, "ban-sao.pdf", pdf);
  ASSERT_EQ(twice.status, 201);
  EXPECT_EQ(Json(twice).at("sha256"), v.at("sha256"));
}

TEST_F(EvidenceApiTest, WhatIsNotEvidenceIsRefusedAndChangesNothing) {
  const size_t before = Attached();
  HttpResult exe = Upload(hanoi_, "chuong-trinh.pdf", Fixture("chuong-trinh.pdf"), "application/pdf");
  EXPECT_EQ(exe.status, 415) << exe.body;
  EXPECT_NE(Json(exe).at("error").at("message").as_string().find("PDF, DOCX, XLSX"), json::string::npos);
  HttpResult html = Upload(hanoi_, "trang.pdf", "<html><script>alert(1)</script></html>", "application/pdf");
  EXPECT_EQ(html.status, 415);
  HttpResult big = Upload(hanoi_, "lon.pdf", "%PDF-1.4\n" + std::string(kMaxEvidenceBytes, 'x'));
  EXPECT_EQ(big.status, 413);
  HttpResult empty = Upload(hanoi_, "rong.pdf", "");
  EXPECT_EQ(empty.status, 422);
  HttpResult link = As(hanoi_, "POST", "/api/evidence?progress=" + std::to_string(entry_),
                       R"j({"url":"javascript:alert(1)","title":"Trang"})j", "application/json");
  EXPECT_EQ(link.status, 422);
  EXPECT_EQ(ErrorPaths(link), (std::vector<std::string>{"/url"}));
  // Another province may not attach to Hà Nội's entry; nobody attaches to what does not exist.
  EXPECT_EQ(Upload(angiang_, "bien-ban.pdf", Fixture("bien-ban.pdf")).status, 403);
  EXPECT_EQ(As(hanoi_, "POST", "/api/evidence?progress=999999&name=a.pdf", Fixture("bien-ban.pdf"), "application/pdf").status,
            404);
  EXPECT_EQ(As(hanoi_, "POST", "/api/evidence?name=a.pdf", Fixture("bien-ban.pdf"), "application/pdf").status, 400);
  EXPECT_EQ(Attached(), before);

  HttpResult good = As(hanoi_, "POST", "/api/evidence?progress=" + std::to_string(entry_),
                       R"({"url":"https://dichvucong.hanoi.gov.vn/","title":"Cổng dịch vụ công Hà Nội"})", "application/json");
  ASSERT_EQ(good.status, 201) << good.body;
  EXPECT_EQ(Json(good).at("kind"), "link");
  EXPECT_EQ(As(hanoi_, "GET", "/api/evidence/" + std::to_string(Json(good).at("id").as_int64()) + "/content").status, 404);
  EXPECT_EQ(Attached(), before + 1);
}

TEST_F(EvidenceApiTest, FilesOfADraftPlanAreServedOnlyInsideItsIssuer) {
  HttpResult plan = As(hanoi_, "POST", "/api/plans",
                       R"({"kind":"plan","key":"kh-nhap-ha-noi","title":"Kế hoạch nháp","decision":{"issuer":"tp-ha-noi"},
                           "published":false})",
                       "application/json");
  ASSERT_EQ(plan.status, 201) << plan.body;
  HttpResult task = As(hanoi_, "POST", "/api/tasks",
                       R"({"plan_id":)" + std::to_string(Json(plan).at("id").as_int64()) +
                           R"(,"section":"I","number":"I.1","title":"Số hóa hồ sơ","lead":"tp-ha-noi"})",
                       "application/json");
  ASSERT_EQ(task.status, 201) << task.body;
  HttpResult entry = As(hanoi_, "POST", "/api/tasks/" + std::to_string(Json(task).at("id").as_int64()) + "/progress",
                        R"({"text":"Bản nháp"})", "application/json");
  ASSERT_EQ(entry.status, 201);
  const std::string entry_id = std::to_string(Json(entry).at("entry").at("id").as_int64());
  HttpResult file = As(hanoi_, "POST", "/api/evidence?progress=" + entry_id + "&name=anh.png", Fixture("anh-chup.png"),
                       "image/png");
  ASSERT_EQ(file.status, 201) << file.body;
  const std::string content = Json(file).at("content").as_string().c_str();
  EXPECT_EQ(As(hanoi_, "GET", content).status, 200);
  EXPECT_EQ(As(angiang_, "GET", content).status, 404);
  EXPECT_EQ(As(angiang_, "GET", "/api/evidence?progress=" + entry_id).status, 404);
}

}  // namespace
}  // namespace dxgov
