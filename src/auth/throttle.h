// Sign-in throttling: after 5 failed sign-ins for one account within 15 minutes, or 20
// from one address, further attempts are refused (429) until the oldest failure leaves
// the window. In memory by design: a restart forgets, which only helps the owner of an
// account, and nothing is written per failed attempt.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace dxgov::auth {

struct ThrottleLimits {
  int per_account = 5;
  int per_address = 20;
  int64_t window_seconds = 15 * 60;
  size_t max_tracked = 100000;  // keys kept before stale ones are dropped
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // Seconds until an attempt for `account` from `address` is allowed; 0 = now.
  int64_t RetryAfter(const std::string& account, const std::string& address, int64_t now_s);
  void RecordFailure(const std::string& account, const std::string& address, int64_t now_s);
  // A successful sign-in clears the account's failures (not the address's).
  void RecordSuccess(const std::string& account);

 private:
  using Log = std::unordered_map<std::string, std::deque<int64_t>>;
  int64_t Wait(Log& log, const std::string& key, int limit, int64_t now_s);
  void Add(Log& log, const std::string& key, int limit, int64_t now_s);

  const ThrottleLimits limits_;
  std::mutex mu_;
  Log accounts_;
  Log addresses_;
};

}  // namespace dxgov::auth
