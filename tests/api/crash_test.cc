// The real server under abuse: killed with SIGKILL while clients write (every write that
// got a 2xx must survive, and the file must pass integrity_check), concurrent updates of
// one task (none may be lost), a full disk and a read-only database (503 with a clear
// error, nothing changed, then recovery).
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <set>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace dxgov {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono;
using namespace std::chrono_literals;
using testing::ServerProcess;

std::string IntegrityCheck(const fs::path& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "cannot open";
  std::string result;
  sqlite3_exec(
      db, "PRAGMA integrity_check",
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) += values[0] ? values[0] : "";
        return 0;
      },
      &result, nullptr);
  sqlite3_close(db);
  return result;
}

std::string FileBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Makes a file unwritable for this process for its lifetime: mode 0444 for an ordinary
// user, the immutable attribute for root (which ignores modes; CI runs as root).
class ReadOnlyFile {
 public:
  explicit ReadOnlyFile(fs::path p) : path_(std::move(p)) {
    if (geteuid() == 0) {
      immutable_ = std::system(("chattr +i '" + path_.string() + "' 2>/dev/null").c_str()) == 0;
    } else {
      chmod(path_.c_str(), 0444);
    }
    std::ofstream probe(path_, std::ios::binary | std::ios::in | std::ios::out);
    ok_ = !probe.is_open();
  }
  ~ReadOnlyFile() {
    if (immutable_) (void)std::system(("chattr -i '" + path_.string() + "'").c_str());
    else chmod(path_.c_str(), 0644);
  }
  bool ok() const { return ok_; }

 private:
  fs::path path_;
  bool immutable_ = false;
  bool ok_ = false;
};

std::set<std::string> StoredNumbers(uint16_t port, const std::string& section) {
  std::set<std::string> out;
  for (int64_t offset = 0;; offset += 500) {
    auto r = testing::Http(port, "GET", "/api/tasks?section=" + section + "&limit=500&offset=" + std::to_string(offset));
    const json::value v = json::parse(r.body);
    for (const auto& t : v.at("items").as_array()) out.insert(std::string(t.at("number").as_string()));
    if (offset + 500 >= v.at("total").as_int64()) break;
  }
  return out;
}

TEST(CrashTest, AcknowledgedWritesSurviveSigkill) {
  const char* env = std::getenv("DXGOV_CRASH_SEED");
  const unsigned seed = env ? static_cast<unsigned>(std::stoul(env)) : std::random_device{}();
  std::cout << "crash test seed: " << seed << " (rerun with DXGOV_CRASH_SEED=" << seed << ")\n";
  RecordProperty("seed", std::to_string(seed));
  std::mt19937 rng(seed);
  testing::TempDir tmp("dxgov-crash");
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<int> attempted{0};
  int rounds = 0;
  const auto limit = steady_clock::now() + 2min;
  while ((rounds < 5 || attempted < 2000) && steady_clock::now() < limit) {
    ServerProcess server(tmp.path());
    const uint16_t port = server.WaitAndSignIn(30s);
    ASSERT_NE(port, 0) << server.Log();
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        try {
          testing::Connection c(port);
          for (int i = 0;; ++i) {
            const std::string number = "K." + std::to_string(rounds) + "." + std::to_string(w) + "." + std::to_string(i);
            attempted++;
            auto r = c.Request("POST", "/api/tasks",
                               R"({"plan_id":2,"section":"K","number":")" + number +
                                   R"(","title":"Ghi trước khi máy chủ bị ngắt","lead":"bo-khcn"})");
            if (r.status == 201) {
              std::lock_guard lock(mu);
              acknowledged.insert(number);
            }
          }
        } catch (const std::exception&) {
          // the server was killed under us
        }
      });
    }
    std::this_thread::sleep_for(milliseconds(300 + rng() % 700));
    server.Signal(SIGKILL);
    EXPECT_EQ(server.WaitExit(10s), 128 + SIGKILL);
    for (auto& t : writers) t.join();
    ++rounds;
  }
  EXPECT_GE(rounds, 5);
  EXPECT_GE(attempted.load(), 2000);
  ServerProcess server(tmp.path());
  const uint16_t port = server.WaitAndSignIn(30s);
  ASSERT_NE(port, 0) << server.Log();
  const auto stored = StoredNumbers(port, "K");
  size_t missing = 0;
  for (const auto& n : acknowledged)
    if (!stored.count(n)) ++missing;
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged writes";
  EXPECT_GE(stored.size(), acknowledged.size());
  std::cout << rounds << " kills, " << attempted << " writes sent, " << acknowledged.size() << " acknowledged, "
            << stored.size() << " stored\n";
  server.Signal(SIGTERM);
  EXPECT_EQ(server.WaitExit(15s), 0);
  EXPECT_EQ(IntegrityCheck(tmp.path() / "dxgov.sqlite"), "ok");
}

// "[w-i]"; built by appending (GCC 12 warns falsely on "[" + std::string, PR105651).
std::string Mark(int w, int i) {
  std::string m = "[";
  m.append(std::to_string(w)).append("-").append(std::to_string(i)).append("]");
  return m;
}

TEST(CrashTest, ConcurrentUpdatesOfOneTaskLoseNothing) {
  testing::TempDir tmp("dxgov-lost-update");
  ServerProcess server(tmp.path());
  const uint16_t port = server.WaitAndSignIn(30s);
  ASSERT_NE(port, 0) << server.Log();
  auto created = testing::Http(port, "POST", "/api/tasks",
                               R"({"plan_id":2,"section":"V","number":"V.99","title":"Sửa đồng thời","text":"","lead":"bo-khcn"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = created.header("location");
  std::atomic<int> conflicts{0};
  std::vector<std::thread> editors;
  for (int w = 0; w < 4; ++w) {
    editors.emplace_back([&, w] {
      testing::Connection c(port);
      for (int i = 0; i < 10; ++i) {
        for (;;) {
          auto got = c.Request("GET", url);
          const json::value v = json::parse(got.body);
          const std::string text = std::string(v.at("text").is_null() ? "" : v.at("text").as_string().c_str());
          const std::string mark = Mark(w, i);
          json::object patch{{"text", text + mark}};
          auto put = c.Request("PATCH", url, json::serialize(patch), {{"If-Match", got.header("etag")}});
          if (put.status == 200) break;
          ASSERT_EQ(put.status, 412) << put.body;
          conflicts++;
        }
      }
    });
  }
  for (auto& t : editors) t.join();
  const json::value v = json::parse(testing::Http(port, "GET", url).body);
  const std::string text(v.at("text").as_string());
  for (int w = 0; w < 4; ++w)
    for (int i = 0; i < 10; ++i)
      EXPECT_NE(text.find(Mark(w, i)), std::string::npos) << w << "-" << i;
  EXPECT_EQ(v.at("revision"), 41);
  std::cout << conflicts << " stale updates answered 412 and retried\n";
  server.Signal(SIGTERM);
  EXPECT_EQ(server.WaitExit(15s), 0);
}

TEST(CrashTest, FullDiskAnswers503AndRecovers) {
  testing::TempDir tmp("dxgov-full");
  {
    ServerProcess first(tmp.path());  // loads the demo data
    ASSERT_NE(first.WaitAndSignIn(30s), 0) << first.Log();
    first.Signal(SIGTERM);
    ASSERT_EQ(first.WaitExit(15s), 0);
  }
  const auto pages = static_cast<int64_t>(fs::file_size(tmp.path() / "dxgov.sqlite") / 4096);
  const std::string big(20000, 'x');
  {
    ServerProcess capped(tmp.path(), {"--max-db-pages", std::to_string(pages + 40)});
    const uint16_t port = capped.WaitAndSignIn(30s);
    ASSERT_NE(port, 0) << capped.Log();
    testing::HttpResult last;
    int created = 0;
    for (int i = 0; i < 200; ++i) {
      last = testing::Http(port, "POST", "/api/tasks",
                           R"({"plan_id":2,"section":"F","number":"F.)" + std::to_string(i) +
                               R"(","title":"Đầy đĩa","text":")" + big + R"(","lead":"bo-khcn"})");
      if (last.status != 201) break;
      ++created;
    }
    EXPECT_GT(created, 0);
    ASSERT_EQ(last.status, 503) << last.body;
    const json::value err = json::parse(last.body);
    EXPECT_EQ(err.at("error").at("code"), "unavailable");
    EXPECT_FALSE(err.at("error").at("message").as_string().empty());
    EXPECT_EQ(last.header("retry-after"), "5");
    // Reads still work, and the failed write left nothing behind.
    auto list = testing::Http(port, "GET", "/api/tasks?section=F&limit=1");
    EXPECT_EQ(list.status, 200);
    EXPECT_EQ(json::parse(list.body).at("total"), created);
    capped.Signal(SIGTERM);
    EXPECT_EQ(capped.WaitExit(15s), 0);
  }
  EXPECT_EQ(IntegrityCheck(tmp.path() / "dxgov.sqlite"), "ok");
  {
    ServerProcess roomy(tmp.path());  // space returns
    const uint16_t port = roomy.WaitAndSignIn(30s);
    ASSERT_NE(port, 0) << roomy.Log();
    auto r = testing::Http(port, "POST", "/api/tasks",
                           R"({"plan_id":2,"section":"F","number":"F.after","title":"Lại ghi được","lead":"bo-khcn"})");
    EXPECT_EQ(r.status, 201) << r.body;
    roomy.Signal(SIGTERM);
    EXPECT_EQ(roomy.WaitExit(15s), 0);
  }
}

TEST(CrashTest, ReadOnlyDatabaseAnswers503AndRecovers) {
  testing::TempDir tmp("dxgov-readonly");
  const fs::path db = tmp.path() / "dxgov.sqlite";
  {
    ServerProcess first(tmp.path());  // loads the demo data; the sign-in's session is stored
    const uint16_t port = first.WaitAndSignIn(30s);
    ASSERT_NE(port, 0) << first.Log();
    auto r = testing::Http(port, "POST", "/api/tasks",
                           R"({"plan_id":2,"section":"R","number":"R.1","title":"Trước khi chỉ đọc","lead":"bo-khcn"})");
    ASSERT_EQ(r.status, 201) << r.body;
    first.Signal(SIGTERM);
    ASSERT_EQ(first.WaitExit(15s), 0);
  }
  const std::string before = FileBytes(db);
  {
    ReadOnlyFile guard(db);
    if (!guard.ok()) GTEST_SKIP() << "cannot make " << db << " read-only here (chattr +i or chmod 0444)";
    ServerProcess ro(tmp.path());
    const uint16_t port = ro.WaitForPort(30s);
    ASSERT_NE(port, 0) << ro.Log();
    EXPECT_NE(ro.Log().find("database is read-only"), std::string::npos) << ro.Log();
    const json::value health = json::parse(testing::Http(port, "GET", "/healthz").body);
    EXPECT_EQ(health.at("status"), "read_only");
    EXPECT_EQ(health.at("writable"), false);
    // Reads are served.
    auto list = testing::Http(port, "GET", "/api/tasks?section=R");
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(json::parse(list.body).at("total"), 1);
    const int64_t id = json::parse(list.body).at("items").at(0).at("id").as_int64();
    // Every kind of write, by the session signed in before, answers 503 in dxgov's shape.
    const std::vector<testing::HttpResult> writes = {
        testing::Http(port, "POST", "/api/tasks",
                      R"({"plan_id":2,"section":"R","number":"R.2","title":"Khi chỉ đọc","lead":"bo-khcn"})"),
        testing::Http(port, "POST", "/api/tasks/" + std::to_string(id) + "/progress",
                      R"({"text":"Đang thực hiện","percent":30})"),
        testing::Http(port, "POST", "/api/session", R"({"login":"admin","password":")" +
                                                       std::string(testing::kTestAdminPassword) + R"("})"),
    };
    for (const auto& w : writes) {
      ASSERT_EQ(w.status, 503) << w.body;
      const json::value err = json::parse(w.body);
      EXPECT_EQ(err.at("error").at("code"), "unavailable");
      EXPECT_EQ(err.at("error").at("message"), "Cơ sở dữ liệu đang ở chế độ chỉ đọc");
      EXPECT_EQ(w.body.find("sqlite"), std::string::npos) << "no internal detail: " << w.body;
      EXPECT_EQ(w.header("retry-after"), "5");
    }
    ro.Signal(SIGTERM);
    EXPECT_EQ(ro.WaitExit(15s), 0) << ro.Log();
  }
  EXPECT_TRUE(FileBytes(db) == before) << "the read-only file was changed";
  EXPECT_EQ(IntegrityCheck(db), "ok");
  {
    ServerProcess writable(tmp.path());  // the file is writable again
    const uint16_t port = writable.WaitAndSignIn(30s);
    ASSERT_NE(port, 0) << writable.Log();
    EXPECT_EQ(json::parse(testing::Http(port, "GET", "/healthz").body).at("writable"), true);
    auto r = testing::Http(port, "POST", "/api/tasks",
                           R"({"plan_id":2,"section":"R","number":"R.2","title":"Ghi lại được","lead":"bo-khcn"})");
    EXPECT_EQ(r.status, 201) << r.body;
    writable.Signal(SIGTERM);
    EXPECT_EQ(writable.WaitExit(15s), 0);
  }
}

}  // namespace
}  // namespace dxgov
