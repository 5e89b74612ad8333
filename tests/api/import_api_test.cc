// Plan imports through the real API (loopback HTTP, a real SQLite file with the demo data):
// upload a seed document, read the proposal, commit it as reviewed, and the refusals —
// re-commits, unresolved names, foreign issuers, bad uploads — that change nothing.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "api/demo_server.h"
#include "support/api_json.h"
#include "support/http_client.h"
#include "support/source_file.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using testing::Http;
using testing::ErrorPaths;
using testing::HttpResult;
using testing::Json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "Mật khẩu thử nghiệm đủ dài 2026";

std::string Seed(const std::string& name) { return testing::SourceFile("data/seeds/" + name); }

class ImportApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::DemoServer("dxgov-imports");
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en();
    ASSERT_TRUE(server_->AddUser("admin", "", Role::kAdmin, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("tinh", "tinh-tuyen-quang-2025", Role::kUnitEditor, kPassword).ok());
    ASSERT_TRUE(server_->AddUser("xem", "tinh-tuyen-quang-2025", Role::kViewer, kPassword).ok());
    port_ = server_->port();
    admin_ = testing::SignIn(port_, "admin", kPassword);
    editor_ = testing::SignIn(port_, "tinh", kPassword);
    viewer_ = testing::SignIn(port_, "xem", kPassword);
    ASSERT_FALSE(admin_.empty());
    ASSERT_FALSE(editor_.empty());
    ASSERT_FALSE(viewer_.empty());
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
  static HttpResult Upload(const Headers& who, const std::string& name, const std::string& body,
                           const std::string& type = "text/markdown") {
    return As(who, "POST", "/api/imports?name=" + testing::UrlEncode(name), body, type);
  }
  static int64_t Count(const std::string& target) {
    return Json(As(admin_, "GET", target)).at("total").as_int64();
  }

  static inline testing::DemoServer* server_ = nullptr;
  static inline uint16_t port_ = 0;
  static inline Headers admin_, editor_, viewer_;
};

TEST_F(ImportApiTest, UploadProposesAndStoresNothingOfThePlan) {
  const int64_t plans = Count("/api/plans?limit=1");
  const int64_t tasks = Count("/api/tasks?limit=1");
  const std::string doc = Seed("004_f0710b9ce82295c7.txt");
  HttpResult r = Upload(admin_, "004.txt", doc);
  ASSERT_EQ(r.status, 201) << r.body;
  const json::value v = Json(r);
  const json::object& imp = v.at("import").as_object();
  EXPECT_EQ(imp.at("state").as_string(), "pending");
  EXPECT_EQ(imp.at("tasks").as_int64(), 22);
  EXPECT_EQ(imp.at("sha256").as_string().size(), 64u);
  EXPECT_EQ(v.at("proposal").at("tasks").as_array().size(), 22u);
  EXPECT_EQ(v.at("proposal").at("source").at("sha256"), imp.at("sha256"));
  EXPECT_EQ(r.header("location"), "/api/imports/" + std::to_string(imp.at("id").as_int64()));
  // Nothing of the plan exists until someone commits it.
  EXPECT_EQ(Count("/api/plans?limit=1"), plans);
  EXPECT_EQ(Count("/api/tasks?limit=1"), tasks);

  // The document comes back as uploaded, for reading beside the proposal.
  HttpResult text = As(admin_, "GET", "/api/imports/" + std::to_string(imp.at("id").as_int64()) + "/document");
  ASSERT_EQ(text.status, 200);
  EXPECT_EQ(text.body, doc);
  EXPECT_EQ(text.header("content-type"), "text/plain; charset=utf-8");
}

TEST_F(ImportApiTest, ADocumentAlreadyHeldAsAPlanIsDetectedAndNotCommittedTwice) {
  // The demo data holds the 2022 plan (27/QĐ-UBQGCĐS of the committee).
  HttpResult r = Upload(admin_, "000.txt", Seed("000_494c21983f4e96c0.txt"));
  ASSERT_EQ(r.status, 201) << r.body;
  const json::value v = Json(r);
  ASSERT_EQ(v.at("duplicates").as_array().size(), 1u);
  EXPECT_EQ(v.at("duplicates").at(0).at("reason").as_string(), "same_number_and_issuer");
  EXPECT_EQ(v.at("duplicates").at(0).at("key").as_string(), "27-qd-ubqgcds-2022");
  EXPECT_EQ(v.at("proposal").at("tasks").as_array().size(), 133u);
  const std::string id = std::to_string(v.at("import").at("id").as_int64());
  const int64_t plans = Count("/api/plans?limit=1");
  HttpResult c = As(admin_, "POST", "/api/imports/" + id + "/commit", "{}", "application/json");
  EXPECT_EQ(c.status, 409) << c.body;
  EXPECT_EQ(ErrorPaths(c), std::vector<std::string>{"/plan"});
  EXPECT_EQ(Count("/api/plans?limit=1"), plans);
  EXPECT_EQ(Json(As(admin_, "GET", "/api/imports/" + id)).at("import").at("state").as_string(), "pending");
}

TEST_F(ImportApiTest, AReviewedProposalIsCommittedAtomicallyOnceAndAudited) {
  HttpResult up = Upload(admin_, "003.txt", Seed("003_9cedb5bc834842ab.txt"));
  ASSERT_EQ(up.status, 201) << up.body;
  json::value v = Json(up);
  const std::string id = std::to_string(v.at("import").at("id").as_int64());
  json::object proposal = v.at("proposal").as_object();
  // The reviewer corrects the first task's title and deadline.
  json::object& first = proposal["tasks"].as_array()[0].as_object();
  first["title"] = "Ban hành kế hoạch chuyển đổi số (đã rà soát)";
  first["deadline"] = json::object{{"kind", "month"}, {"year", 2024}, {"month", 3}, {"text", "Tháng 3/2024"}};

  const int64_t plans = Count("/api/plans?limit=1");
  const int64_t task_entries = Count("/api/audit?entity=task&limit=1");
  HttpResult c = As(admin_, "POST", "/api/imports/" + id + "/commit",
                    json::serialize(json::object{{"proposal", proposal}, {"published", true}}), "application/json");
  ASSERT_EQ(c.status, 201) << c.body;
  const json::value done = Json(c);
  const int64_t plan = done.at("plan").at("id").as_int64();
  EXPECT_EQ(done.at("tasks").as_int64(), 36);
  EXPECT_EQ(done.at("import").at("state").as_string(), "committed");
  EXPECT_EQ(done.at("import").at("plan").as_int64(), plan);
  EXPECT_EQ(c.header("location"), "/api/plans/" + std::to_string(plan));
  EXPECT_EQ(Count("/api/plans?limit=1"), plans + 1);
  EXPECT_EQ(Count("/api/tasks?limit=1&plan=" + std::to_string(plan)), 36);

  const json::value tasks = Json(As(admin_, "GET", "/api/tasks?limit=1&sort=number&plan=" + std::to_string(plan)));
  ASSERT_EQ(tasks.at("items").as_array().size(), 1u);
  const json::value& t = tasks.at("items").at(0);
  EXPECT_EQ(t.at("title").as_string(), "Ban hành kế hoạch chuyển đổi số (đã rà soát)");
  EXPECT_EQ(t.at("deadline").at("month").as_int64(), 3);

  // Committed once: the same import, or the same bytes uploaded again, are refused.
  HttpResult again = As(admin_, "POST", "/api/imports/" + id + "/commit", "", "");
  EXPECT_EQ(again.status, 409) << again.body;
  HttpResult reup = Upload(admin_, "003-lan-2.txt", Seed("003_9cedb5bc834842ab.txt"));
  ASSERT_EQ(reup.status, 201);
  const json::value rv = Json(reup);
  ASSERT_EQ(rv.at("duplicates").as_array().size(), 1u);
  EXPECT_EQ(rv.at("duplicates").at(0).at("reason").as_string(), "same_document");
  EXPECT_EQ(rv.at("duplicates").at(0).at("plan").as_int64(), plan);
  HttpResult twice = As(admin_, "POST", "/api/imports/" + std::to_string(rv.at("import").at("id").as_int64()) + "/commit");
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(Count("/api/plans?limit=1"), plans + 1);

  // The trail: the upload, the plan, each task, and the commit naming the plan.
  const json::value trail = Json(As(admin_, "GET", "/api/audit?entity=plan_import&entity_id=" + id));
  ASSERT_EQ(trail.at("total").as_int64(), 2);
  EXPECT_EQ(trail.at("items").at(0).at("action").as_string(), "commit");
  EXPECT_EQ(trail.at("items").at(0).at("actor").as_string(), "admin");
  EXPECT_EQ(Count("/api/audit?entity=task&limit=1"), task_entries + 36);  // one entry per task created
}

TEST_F(ImportApiTest, AProposalWithUnresolvedNamesIsRefusedWithTheirPathsAndChangesNothing) {
  HttpResult up = Upload(admin_, "002.txt", Seed("002_3104ea0fc0572af1.txt"));
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string id = std::to_string(Json(up).at("import").at("id").as_int64());
  const int64_t plans = Count("/api/plans?limit=1");
  const int64_t audit = Count("/api/audit?limit=1");
  HttpResult c = As(admin_, "POST", "/api/imports/" + id + "/commit", "{}", "application/json");
  ASSERT_EQ(c.status, 422) << c.body;
  const auto paths = ErrorPaths(c);
  ASSERT_EQ(paths.size(), 3u) << c.body;  // three tasks of the draft name no lead
  for (const auto& p : paths) EXPECT_TRUE(p.starts_with("/proposal/tasks/") && p.ends_with("/lead")) << p;
  EXPECT_EQ(Count("/api/plans?limit=1"), plans);
  EXPECT_EQ(Count("/api/audit?limit=1"), audit);

  HttpResult bad = As(admin_, "POST", "/api/imports/" + id + "/commit", R"({"proposal":{"tasks":"none"},"colour":1})",
                      "application/json");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(ErrorPaths(bad), std::vector<std::string>{"/colour"});

  // Discarding ends the review; a discarded import cannot be committed.
  HttpResult d = As(admin_, "POST", "/api/imports/" + id + "/discard");
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(Json(d).at("import").at("state").as_string(), "discarded");
  EXPECT_EQ(As(admin_, "POST", "/api/imports/" + id + "/commit").status, 409);
}

TEST_F(ImportApiTest, AProvinceCommitsItsOwnPlanButNotTheNations) {
  const std::string own =
      "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
      "Số: 45/KH-UBND\n\nTuyên Quang, ngày 12 tháng 1 năm 2026\n\nKẾ HOẠCH\nChuyển đổi số năm 2026\n\n"
      "I. NHIỆM VỤ\n1. Bộ Khoa học và Công nghệ chủ trì hướng dẫn số hóa hồ sơ. Thời gian hoàn thành: Tháng 6/2026.\n"
      "2. Sở Nội vụ chủ trì số hóa hồ sơ cán bộ. Thời gian hoàn thành: Quý III/2026.\n";
  HttpResult up = Upload(editor_, "45-kh-ubnd.md", own);
  ASSERT_EQ(up.status, 201) << up.body;
  const json::value v = Json(up);
  EXPECT_EQ(v.at("import").at("issuer").as_string(), "tinh-tuyen-quang-2025");
  const std::string id = std::to_string(v.at("import").at("id").as_int64());
  // A viewer of the same province may not import, nor see the import.
  EXPECT_EQ(Upload(viewer_, "x.md", own).status, 403);
  EXPECT_EQ(As(viewer_, "GET", "/api/imports/" + id).status, 403);
  // Its own department is not a unit of the registry: committed as read, it is refused;
  // assigned to the province (the name kept as written), it goes in.
  HttpResult unresolved = As(editor_, "POST", "/api/imports/" + id + "/commit");
  ASSERT_EQ(unresolved.status, 422) << unresolved.body;
  EXPECT_EQ(ErrorPaths(unresolved), std::vector<std::string>{"/proposal/tasks/1/lead/unit"});
  HttpResult c = As(editor_, "POST", "/api/imports/" + id + "/commit", R"({"unresolved_to_issuer":true})",
                    "application/json");
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(Json(c).at("plan").at("key").as_string(), "45-kh-ubnd-2026");
  const int64_t plan = Json(c).at("plan").at("id").as_int64();
  const json::value dept = Json(As(editor_, "GET", "/api/tasks?plan=" + std::to_string(plan) + "&q=ho%20so%20can%20bo"));
  ASSERT_EQ(dept.at("total").as_int64(), 1) << dept;
  EXPECT_EQ(dept.at("items").at(0).at("lead").at("unit").as_string(), "tinh-tuyen-quang-2025");
  EXPECT_EQ(dept.at("items").at(0).at("lead").at("as_written").as_string(), "Sở Nội vụ");

  // The national plan, uploaded by the province's editor, is theirs to read but not to commit.
  HttpResult national = Upload(editor_, "004.txt", Seed("004_f0710b9ce82295c7.txt"));
  ASSERT_EQ(national.status, 201);
  const std::string nid = std::to_string(Json(national).at("import").at("id").as_int64());
  EXPECT_EQ(As(editor_, "GET", "/api/imports/" + nid).status, 200);
  HttpResult refused = As(editor_, "POST", "/api/imports/" + nid + "/commit");
  EXPECT_EQ(refused.status, 403) << refused.body;
  // Uploaded by the admin, it does not exist for the province.
  HttpResult theirs = Upload(admin_, "004-admin.txt", Seed("004_f0710b9ce82295c7.txt"));
  EXPECT_EQ(As(editor_, "GET", "/api/imports/" + std::to_string(Json(theirs).at("import").at("id").as_int64())).status,
            404);
  // Their list holds their own uploads only.
  const json::value mine = Json(As(editor_, "GET", "/api/imports"));
  for (const auto& i : mine.at("items").as_array()) EXPECT_EQ(i.at("uploaded_by").as_string(), "tinh");
  EXPECT_EQ(mine.at("total").as_int64(), 2);
}

TEST_F(ImportApiTest, BadUploadsAreRefusedPrecisely) {
  const int64_t imports = Count("/api/imports?limit=1");
  HttpResult empty = Upload(admin_, "rong.txt", "");
  EXPECT_EQ(empty.status, 422) << empty.body;
  HttpResult latin1 = Upload(admin_, "latin1.txt", "K\xc9 HO\xc0" "CH\n1. Vi\xea" "c m\xf4t\n");
  EXPECT_EQ(latin1.status, 422) << latin1.body;
  EXPECT_NE(latin1.body.find("UTF-8"), std::string::npos);
  HttpResult type = Upload(admin_, "kh.pdf", "%PDF-1.7", "application/pdf");
  EXPECT_EQ(type.status, 415) << type.body;
  HttpResult anonymous = Http(port_, "POST", "/api/imports", "KẾ HOẠCH", {{"Content-Type", "text/plain"}, {"Cookie", ""}});
  EXPECT_EQ(anonymous.status, 401);
  // Larger than the importer reads (8 MB), within what the server accepts for uploads.
  HttpResult big = Upload(admin_, "lon.txt", std::string(9u << 20, 'a'));
  EXPECT_EQ(big.status, 413) << big.body.substr(0, 200);
  EXPECT_EQ(Count("/api/imports?limit=1"), imports);  // none of them was kept
}

}  // namespace
}  // namespace dxgov
