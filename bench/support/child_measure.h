// Measuring a pass in a process of its own, so that its peak RSS (VmHWM) is its own and
// not the sum of every pass run before it in the benchmark: the child runs a setup, then
// the pass R times, and reports the median and fastest wall time, its RSS before the first
// run and its peak. Shared by the benchmarks under bench/.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace dxgov::bench {

// kB from /proc/self/status ("VmRSS", "VmHWM").
inline long StatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string key = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::strtol(line.c_str() + key.size(), nullptr, 10);
  return -1;
}

struct Measure {
  double median_ms = 0;
  double min_ms = 0;
  long rss_before_kb = 0;
  long peak_kb = 0;
  long items = 0;  // what the pass produced (lines, tasks, bytes), so it cannot be optimised away
  bool ok = false;
};

// Runs `setup` then `work` `repeat` times in a child; `work` returns its item count, or -1
// on failure.
inline Measure InChild(const std::function<void()>& setup, const std::function<long()>& work, int repeat) {
  using Clock = std::chrono::steady_clock;
  int fd[2];
  if (pipe(fd) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    setup();
    Measure m;
    m.rss_before_kb = StatusKb("VmRSS");
    std::vector<double> ms;
    for (int i = 0; i < repeat; ++i) {
      const auto t0 = Clock::now();
      m.items = work();
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    m.median_ms = ms[ms.size() / 2];
    m.min_ms = ms.front();
    m.peak_kb = StatusKb("VmHWM");
    m.ok = m.items >= 0;
    if (write(fd[1], &m, sizeof m) != static_cast<ssize_t>(sizeof m)) _exit(2);
    _exit(0);
  }
  close(fd[1]);
  Measure m;
  if (read(fd[0], &m, sizeof m) != static_cast<ssize_t>(sizeof m)) m.ok = false;
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return m;
}

}  // namespace dxgov::bench
