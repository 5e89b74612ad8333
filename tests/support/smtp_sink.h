// A real SMTP server for tests: Debian's python3-aiosmtpd on a free loopback port, keeping
// every message it accepts in a Maildir, which the test reads back. Started and stopped by
// the test (to see sends fail and be retried); killed with the object.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace dxgov::testing {

class SmtpSink {
 public:
  explicit SmtpSink(std::filesystem::path maildir) : maildir_(std::move(maildir)) {}
  ~SmtpSink() { Stop(); }

  // A port nothing listens on now (the kernel's pick for an ephemeral bind).
  static uint16_t FreePort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
  }

  // Starts the server on `port` and waits until it accepts connections; false when it did
  // not within 15 s (python3-aiosmtpd missing, port taken).
  bool Start(uint16_t port) {
    port_ = port;
    std::filesystem::create_directories(maildir_.parent_path());
    pid_ = fork();
    if (pid_ == 0) {
      int devnull = open("/dev/null", O_RDWR);
      dup2(devnull, 0);
      dup2(devnull, 1);
      dup2(devnull, 2);
      const std::string listen = "127.0.0.1:" + std::to_string(port);
      execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
            "aiosmtpd.handlers.Mailbox", maildir_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 150; ++i) {
      if (Accepts()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // Every message delivered so far, as received (headers and body).
  std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    for (const char* sub : {"new", "cur"}) {
      const auto dir = maildir_ / sub;
      if (!std::filesystem::exists(dir)) continue;
      for (const auto& f : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(f.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        out.push_back(ss.str());
      }
    }
    return out;
  }

 private:
  bool Accepts() const {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port_);
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(fd);
    return ok;
  }

  std::filesystem::path maildir_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace dxgov::testing
