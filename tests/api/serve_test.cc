// `dxgov serve` as a real process: first start with demo data, /healthz within 5 s,
// graceful SIGTERM (stops accepting, finishes the request in flight, checkpoints the WAL,
// exits 0), and a restart that keeps the data.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace dxgov {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing::ServerProcess;

int RawConnect(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

void SendAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    ASSERT_GT(n, 0);
    off += static_cast<size_t>(n);
  }
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

TEST(ServeTest, StartsWithDemoDataAndStopsGracefully) {
  testing::TempDir tmp("dxgov-serve");
  const fs::path& dir = tmp.path();
  const auto started = std::chrono::steady_clock::now();
  {
    ServerProcess server(dir);
    const uint16_t port = server.WaitAndSignIn(10s);
    ASSERT_NE(port, 0) << server.Log();
    auto health = testing::Http(port, "GET", "/healthz");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(health.status, 200);
    EXPECT_LT(seconds, 5.0) << "healthz answered after " << seconds << " s";
    auto tasks = boost::json::parse(testing::Http(port, "GET", "/api/tasks?limit=1").body);
    EXPECT_EQ(tasks.at("total"), 133);

    // A request in flight: headers and half the body sent.
    const std::string body = R"({"plan_id":2,"number":"V.9","section":"V","title":"Việc gửi lúc dừng","lead":"bo-khcn"})";
    std::string credentials;
    for (const auto& [k, v] : testing::SignIn(port, "admin", testing::kTestAdminPassword))
      credentials += k + ": " + v + "\r\n";
    int fd = RawConnect(port);
    ASSERT_GE(fd, 0);
    SendAll(fd, "POST /api/tasks HTTP/1.1\r\nHost: x\r\n" + credentials +
                    "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                    body.substr(0, 20));
    std::this_thread::sleep_for(200ms);
    server.Signal(SIGTERM);
    std::this_thread::sleep_for(300ms);
    EXPECT_LT(RawConnect(port), 0) << "still accepting after SIGTERM";
    SendAll(fd, body.substr(20));
    const std::string reply = ReadAll(fd);
    close(fd);
    EXPECT_EQ(reply.rfind("HTTP/1.1 201", 0), 0u) << reply;
    EXPECT_EQ(server.WaitExit(15s), 0) << server.Log();
    EXPECT_NE(server.Log().find("WAL checkpointed"), std::string::npos);
  }
  // Checkpointed at exit: SQLite truncates the WAL, or removes it when the last connection closes.
  const fs::path wal = dir / "dxgov.sqlite-wal";
  EXPECT_TRUE(!fs::exists(wal) || fs::file_size(wal) == 0) << fs::file_size(wal);
  EXPECT_GT(fs::file_size(dir / "dxgov.sqlite"), 100000u);

  // A restart keeps everything, and loads no demo data twice.
  {
    ServerProcess server(dir);
    const uint16_t port = server.WaitAndSignIn(10s);
    ASSERT_NE(port, 0) << server.Log();
    auto v = boost::json::parse(testing::Http(port, "GET", "/api/tasks?q=" + testing::UrlEncode("gửi lúc dừng")).body);
    EXPECT_EQ(v.at("total"), 1);
    EXPECT_EQ(boost::json::parse(testing::Http(port, "GET", "/api/plans").body).at("total"), 2);
    server.Signal(SIGTERM);
    EXPECT_EQ(server.WaitExit(15s), 0);
  }
}

TEST(ServeTest, NoDemoStartsEmpty) {
  testing::TempDir tmp("dxgov-serve");
  const fs::path& dir = tmp.path();
  {
    ServerProcess server(dir, {"--no-demo"});
    const uint16_t port = server.WaitAndSignIn(10s);
    ASSERT_NE(port, 0) << server.Log();
    auto v = boost::json::parse(testing::Http(port, "GET", "/api/tasks").body);
    EXPECT_EQ(v.at("total"), 0);
    server.Signal(SIGTERM);
    EXPECT_EQ(server.WaitExit(15s), 0);
  }
}

std::string RunCommand(const std::string& args, const fs::path& out, int* rc) {
  const std::string cmd = std::string(DXGOV_BINARY) + " " + args + " > " + out.string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ServeTest, MigrateCommandReportsTheSchema) {
  testing::TempDir tmp("dxgov-migrate");
  int rc = 0;
  const std::string version = RunCommand("version", tmp.path() / "v.txt", &rc);
  ASSERT_EQ(rc, 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(version, m, std::regex(R"(schema (\d+))"))) << version;
  const std::string migrated = RunCommand("migrate --data " + tmp.path().string(), tmp.path() / "m.txt", &rc);
  ASSERT_EQ(rc, 0) << migrated;
  EXPECT_EQ(migrated.rfind("schema version " + m[1].str(), 0), 0u) << migrated;
}

// A consistent online backup while a client keeps writing; a restore into a new directory
// that a fresh server then serves unchanged; the audit trail verified, and found broken
// once a row of it is edited in the file.
TEST(ServeTest, BackupUnderWriteLoadRestoreAndAuditVerify) {
  testing::TempDir tmp("dxgov-backup");
  const fs::path live = tmp.path() / "live", copy = tmp.path() / "copy", backup = tmp.path() / "backup.sqlite";
  int rc = 0;
  int64_t acknowledged_before = 0, acknowledged_after = 0;
  {
    ServerProcess server(live);
    const uint16_t port = server.WaitAndSignIn(10s);
    ASSERT_NE(port, 0) << server.Log();
    std::atomic<int64_t> acknowledged{0};
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      testing::Connection c(port);
      for (int i = 1; i <= 400 && !stop; ++i) {
        const std::string body = R"({"plan_id":2,"section":"B","number":"B.)" + std::to_string(i) +
                                 R"(","title":"Việc ghi khi sao lưu )" + std::to_string(i) + R"(","lead":"bo-khcn"})";
        if (c.Request("POST", "/api/tasks", body).status == 201) acknowledged = i;
      }
    });
    while (acknowledged < 50) std::this_thread::sleep_for(5ms);
    acknowledged_before = acknowledged;
    const std::string out = RunCommand("backup --data " + live.string() + " --out " + backup.string(),
                                       tmp.path() / "backup.txt", &rc);
    acknowledged_after = acknowledged;
    ASSERT_EQ(rc, 0) << out;
    // Restoring under a running server is refused.
    RunCommand("restore --data " + live.string() + " --from " + backup.string(), tmp.path() / "refused.txt", &rc);
    EXPECT_NE(rc, 0);
    stop = true;
    writer.join();
    server.Signal(SIGTERM);
    EXPECT_EQ(server.WaitExit(15s), 0);
  }
  ASSERT_GT(acknowledged_after, 0);
  const std::string restored = RunCommand("restore --data " + copy.string() + " --from " + backup.string(),
                                          tmp.path() / "restore.txt", &rc);
  ASSERT_EQ(rc, 0) << restored;
  {
    ServerProcess server(copy);
    const uint16_t port = server.WaitAndSignIn(10s);
    ASSERT_NE(port, 0) << server.Log();
    auto v = boost::json::parse(testing::Http(port, "GET", "/api/tasks?section=B&limit=500").body);
    const int64_t in_backup = v.at("total").as_int64();
    // Every write acknowledged before the backup began is in it; none after it ended.
    EXPECT_GE(in_backup, acknowledged_before);
    EXPECT_LE(in_backup, acknowledged_after + 1);
    std::set<std::string> numbers;
    for (const auto& t : v.at("items").as_array()) numbers.insert(std::string(t.at("number").as_string()));
    for (int i = 1; i <= in_backup; ++i) EXPECT_TRUE(numbers.count("B." + std::to_string(i))) << i;
    EXPECT_EQ(boost::json::parse(testing::Http(port, "GET", "/api/tasks?section=IV").body).at("total"), 63);
    server.Signal(SIGTERM);
    EXPECT_EQ(server.WaitExit(15s), 0);
  }
  const std::string ok = RunCommand("audit verify --data " + copy.string(), tmp.path() / "verify.txt", &rc);
  EXPECT_EQ(rc, 0) << ok;
  EXPECT_NE(ok.find("audit trail ok"), std::string::npos) << ok;

  // Someone edits the file behind dxgov's back.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((copy / "dxgov.sqlite").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 7;",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string broken = RunCommand("audit verify --data " + copy.string(), tmp.path() / "verify2.txt", &rc);
  EXPECT_EQ(rc, 1) << broken;
  EXPECT_NE(broken.find("BROKEN at entry 7"), std::string::npos) << broken;
}

}  // namespace
}  // namespace dxgov
