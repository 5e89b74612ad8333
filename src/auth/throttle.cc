#include "auth/throttle.h"

#include <algorithm>

namespace dxgov::auth {

int64_t LoginThrottle::Wait(Log& log, const std::string& key, int limit, int64_t now_s) {
  auto it = log.find(key);
  if (it == log.end()) return 0;
  auto& times = it->second;
  while (!times.empty() && times.front() <= now_s - limits_.window_seconds) times.pop_front();
  if (times.empty()) {
    log.erase(it);
    return 0;
  }
  if (static_cast<int>(times.size()) < limit) return 0;
  return std::max<int64_t>(1, times.front() + limits_.window_seconds - now_s);
}

void LoginThrottle::Add(Log& log, const std::string& key, int limit, int64_t now_s) {
  if (log.size() >= limits_.max_tracked) {
    for (auto it = log.begin(); it != log.end();) {
      if (it->second.empty() || it->second.back() <= now_s - limits_.window_seconds) it = log.erase(it);
      else ++it;
    }
  }
  auto& times = log[key];
  times.push_back(now_s);
  // Only the newest `limit` failures matter for the wait.
  while (static_cast<int>(times.size()) > limit) times.pop_front();
}

int64_t LoginThrottle::RetryAfter(const std::string& account, const std::string& address, int64_t now_s) {
  std::lock_guard lock(mu_);
  return std::max(Wait(accounts_, account, limits_.per_account, now_s),
                  Wait(addresses_, address, limits_.per_address, now_s));
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address, int64_t now_s) {
  std::lock_guard lock(mu_);
  Add(accounts_, account, limits_.per_account, now_s);
  Add(addresses_, address, limits_.per_address, now_s);
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
}

}  // namespace dxgov::auth
