#include "api/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace dxgov::api {
namespace {

namespace fs = std::filesystem;

std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path() / "assets");
    std::ofstream(dir_.path() / "index.html") << "<!doctype html><title>dxgov</title>";
    std::ofstream(dir_.path() / "assets" / "app-3f2a.js") << "console.log('xin chào')";
    std::ofstream(dir_.path() / "assets" / "app-3f2a.js.gz") << "GZIPPED";
    std::ofstream(dir_.path() / "favicon.svg") << "<svg/>";
  }
  HttpResponse Get(const std::string& path, const std::string& accept_encoding = "", const std::string& inm = "") {
    HttpRequest req;
    req.method = "GET";
    req.path = path;
    req.accept_encoding = accept_encoding;
    req.if_none_match = inm;
    auto r = StaticFiles(dir_.path()).Serve(req);
    EXPECT_TRUE(r.has_value()) << path;
    return r.value_or(HttpResponse{});
  }
  testing::TempDir dir_{"dxgov-web"};
};

TEST_F(StaticFilesTest, ApiPathsAreTheRoutersOwn) {
  StaticFiles web(dir_.path());
  for (const char* path : {"/api/plans", "/api", "/healthz", "/version"}) {
    HttpRequest req;
    req.method = "GET";
    req.path = path;
    EXPECT_FALSE(web.Serve(req).has_value()) << path;
  }
}

TEST_F(StaticFilesTest, PagesOfTheAppGetIndexRevalidatedEachTime) {
  for (const char* page : {"/", "/ke-hoach/2", "/don-vi/tp-ha-noi/nhiem-vu"}) {
    HttpResponse r = Get(page);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r.body, "<!doctype html><title>dxgov</title>");
    EXPECT_EQ(Header(r, "Cache-Control"), "no-cache");
  }
  HttpResponse first = Get("/");
  HttpResponse again = Get("/", "", Header(first, "ETag"));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndSentGzippedWhenAccepted) {
  HttpResponse plain = Get("/assets/app-3f2a.js");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(plain.body, "console.log('xin chào')");
  EXPECT_EQ(Header(plain, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Header(plain, "Content-Encoding"), "");
  HttpResponse gz = Get("/assets/app-3f2a.js", "gzip, deflate, br");
  EXPECT_EQ(gz.body, "GZIPPED");
  EXPECT_EQ(Header(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(Get("/assets/app-3f2a.js", "gzip;q=0").body, "console.log('xin chào')");
  EXPECT_EQ(Get("/favicon.svg").content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, MissingAssetsAndEscapesAreNotFound) {
  EXPECT_EQ(Get("/assets/app-old.js").status, 404);
  EXPECT_EQ(Get("/logo.png").status, 404);
  EXPECT_EQ(Get("/../index.html").status, 404);
  EXPECT_EQ(Get("/assets/../../etc/passwd").status, 404);
  EXPECT_EQ(Get("/.git/config").status, 404);
}

TEST(StaticFilesNotBuiltTest, EveryPageSaysHowToBuildTheUi) {
  testing::TempDir empty("dxgov-web-empty");
  StaticFiles web(empty.path());
  EXPECT_FALSE(web.built());
  HttpRequest req;
  req.method = "GET";
  req.path = "/ke-hoach";
  auto r = web.Serve(req);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 503);
  EXPECT_NE(r->body.find("Giao diện web chưa được xây dựng"), std::string::npos);
  EXPECT_NE(r->body.find("scripts/build-web"), std::string::npos);
  req.path = "/api/plans";
  EXPECT_FALSE(web.Serve(req).has_value());
}

}  // namespace
}  // namespace dxgov::api
