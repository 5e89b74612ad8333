// The real `dxgov serve` as a child process, for tests: started on a free port with a
// data directory, its log captured, signalled and waited for. The binary's path comes from
// the DXGOV_BINARY definition of the test target.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.h"

namespace dxgov::testing {

// The first admin's password of every test server (given with --admin-password-file).
inline constexpr const char* kTestAdminPassword = "Thử nghiệm máy chủ dxgov 2026";

// Writes DIR/admin-password.txt for --admin-password-file.
inline std::string TestAdminPasswordFile(const std::filesystem::path& data) {
  const auto path = data / "admin-password.txt";
  std::ofstream(path) << kTestAdminPassword << "\n";
  return path.string();
}

class ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& data, const std::vector<std::string>& extra = {}) : log_(data / "server.log") {
    std::filesystem::create_directories(data);
    password_file_ = TestAdminPasswordFile(data);
    std::filesystem::remove(log_);  // each run's port line must be its own
    pid_ = fork();
    if (pid_ == 0) {
      int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, 2);
      dup2(fd, 1);
      int devnull = open("/dev/null", O_RDONLY);
      dup2(devnull, 0);
      std::vector<std::string> args = {DXGOV_BINARY, "serve", "--port", "0", "--data", data.string(),
                                       "--admin-password-file", password_file_};
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
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return 0;
  }

  // WaitForPort, then signs in as the test admin so that this process's requests carry
  // the session (SetDefaultHeaders). 0 when the server did not come up.
  uint16_t WaitAndSignIn(std::chrono::milliseconds timeout) {
    const uint16_t port = WaitForPort(timeout);
    if (port) SetDefaultHeaders(SignIn(port, "admin", kTestAdminPassword));
    return port;
  }

  int WaitExit(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

  void Signal(int sig) { kill(pid_, sig); }
  pid_t pid() const { return pid_; }
  std::string Log() const {
    std::ifstream in(log_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::filesystem::path log_;
  std::string password_file_;
  pid_t pid_ = -1;
  bool exited_ = false;
};

}  // namespace dxgov::testing
