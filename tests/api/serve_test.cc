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

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "support/http_client.h"
#include "support/temp_dir.h"

namespace dxgov {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class ServerProcess {
 public:
  ServerProcess(const fs::path& data, const std::vector<std::string>& extra = {}) : log_(data / "server.log") {
    fs::create_directories(data);
    fs::remove(log_);  // each run's port line must be its own
    pid_ = fork();
    if (pid_ == 0) {
      int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, 2);
      dup2(fd, 1);
      int devnull = open("/dev/null", O_RDONLY);
      dup2(devnull, 0);
      std::vector<std::string> args = {DXGOV_BINARY, "serve", "--port", "0", "--data", data.string()};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  // The port the server printed, once it listens; 0 after `timeout`.
  uint16_t WaitForPort(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    static const std::regex kListening(R"(http://127\.0\.0\.1:(\d+))");
    while (std::chrono::steady_clock::now() < end) {
      std::ifstream in(log_);
      std::stringstream ss;
      ss << in.rdbuf();
      std::smatch m;
      std::string s = ss.str();
      if (std::regex_search(s, m, kListening)) return static_cast<uint16_t>(std::stoi(m[1].str()));
      std::this_thread::sleep_for(10ms);
    }
    return 0;
  }

  int WaitExit(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(10ms);
    }
    return -1;
  }

  void Signal(int sig) { kill(pid_, sig); }
  std::string Log() const {
    std::ifstream in(log_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  bool exited_ = false;
};

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
    const uint16_t port = server.WaitForPort(10s);
    ASSERT_NE(port, 0) << server.Log();
    auto health = testing::Http(port, "GET", "/healthz");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(health.status, 200);
    EXPECT_LT(seconds, 5.0) << "healthz answered after " << seconds << " s";
    auto tasks = boost::json::parse(testing::Http(port, "GET", "/api/tasks?limit=1").body);
    EXPECT_EQ(tasks.at("total"), 133);

    // A request in flight: headers and half the body sent.
    const std::string body = R"({"plan_id":2,"number":"V.9","section":"V","title":"Việc gửi lúc dừng","lead":"bo-khcn"})";
    int fd = RawConnect(port);
    ASSERT_GE(fd, 0);
    SendAll(fd, "POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 20));
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
    const uint16_t port = server.WaitForPort(10s);
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
    const uint16_t port = server.WaitForPort(10s);
    ASSERT_NE(port, 0) << server.Log();
    auto v = boost::json::parse(testing::Http(port, "GET", "/api/tasks").body);
    EXPECT_EQ(v.at("total"), 0);
    server.Signal(SIGTERM);
    EXPECT_EQ(server.WaitExit(15s), 0);
  }
}

TEST(ServeTest, MigrateCommandReportsTheSchema) {
  testing::TempDir tmp("dxgov-serve");
  const fs::path& dir = tmp.path();
  const std::string cmd = std::string(DXGOV_BINARY) + " migrate --data " + dir.string() + " > " +
                          (dir / "out.txt").string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir / "out.txt");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.rfind("schema version 1", 0), 0u) << line;
}

}  // namespace
}  // namespace dxgov
