// Passwords: the policy a new password must meet, and Argon2id hashing (libargon2).
//
// Hashing costs 19 MiB and tens of milliseconds per call by design, so a PasswordHasher
// lets at most `max_in_flight` hashes run at once and queues the rest: a storm of sign-ins
// then costs time, never the server's memory budget.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dxgov::auth {

// OWASP's minimum for Argon2id: m = 19 MiB, t = 2, p = 1.
struct HashParams {
  uint32_t memory_kib = 19 * 1024;
  uint32_t passes = 2;
  uint32_t lanes = 1;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(int max_in_flight = 2, HashParams params = {});

  // An Argon2id encoded string ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash") with a fresh
  // 16-byte salt. The password is NFC-normalised first, so that the same Vietnamese text
  // typed on different keyboards matches.
  Result<std::string> Hash(std::string_view password);
  // True when `password` matches `encoded`. An empty or malformed `encoded` still costs
  // one hash, so that timing does not tell whether an account exists.
  bool Verify(std::string_view password, const std::string& encoded);

  // The most hashes that ever ran at once (for tests of the limit).
  int peak_in_flight() const;

 private:
  class Slot;
  const int max_in_flight_;
  const HashParams params_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int in_flight_ = 0;
  int peak_ = 0;
  std::string dummy_;  // a valid encoding to verify against when there is none
};

// The rules for a new password: at least 12 characters (Unicode code points), at most
// 256 bytes, valid UTF-8, not one character repeated or a keyboard/number run, not a
// common password (data/security/) alone or with digits and symbols around it, and not
// containing the login. Errors name `path` and say which rule failed.
Status CheckNewPassword(std::string_view password, std::string_view login, const std::string& path = "/password");

// True when the lower-cased password, or its core once leading/trailing digits and
// symbols are stripped, is on the committed common-password lists.
bool IsCommonPassword(std::string_view password);

}  // namespace dxgov::auth
