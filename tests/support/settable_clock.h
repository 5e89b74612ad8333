// A clock tests can move: it follows the system clock until Set() is called, then stands
// still at the time set (and moves only by Set or Advance). Safe to read from the server's
// threads while the test moves it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/date.h"

namespace dxgov::testing {

class SettableClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    const int64_t ns = fixed_ns_.load();
    if (ns == kFollowSystem) return std::chrono::system_clock::now();
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(ns)));
  }
  void Set(std::chrono::system_clock::time_point t) {
    fixed_ns_.store(std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count());
  }
  // Stands the clock at 00:00 + `hour` in Vietnam (UTC+7) on `day`.
  void SetVietnam(Date day, int hour = 9) {
    Set(std::chrono::sys_days(day) + std::chrono::hours(hour - 7));
  }
  void Advance(std::chrono::system_clock::duration d) { Set(Now() + d); }

 private:
  static constexpr int64_t kFollowSystem = INT64_MIN;
  std::atomic<int64_t> fixed_ns_{kFollowSystem};
};

}  // namespace dxgov::testing
