#include "auth/throttle.h"

#include <gtest/gtest.h>

namespace dxgov::auth {
namespace {

TEST(ThrottleTest, FiveFailuresLockTheAccountUntilTheOldestLeavesTheWindow) {
  LoginThrottle t;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(t.RetryAfter("hoa", "10.0.0.1", 1000 + i), 0);
    t.RecordFailure("hoa", "10.0.0.1", 1000 + i);
  }
  EXPECT_EQ(t.RetryAfter("hoa", "10.0.0.2", 1010), 1000 + 900 - 1010);  // any address
  EXPECT_EQ(t.RetryAfter("lan", "10.0.0.1", 1010), 0);                  // other accounts go on
  EXPECT_EQ(t.RetryAfter("hoa", "10.0.0.1", 1899), 1);  // the first failure is still inside
  EXPECT_EQ(t.RetryAfter("hoa", "10.0.0.1", 1900), 0);  // four left: below the limit
}

TEST(ThrottleTest, TwentyFailuresLockTheAddressForEveryAccount) {
  LoginThrottle t;
  for (int i = 0; i < 20; ++i) t.RecordFailure("user" + std::to_string(i), "10.0.0.9", 5000);
  EXPECT_EQ(t.RetryAfter("someone-else", "10.0.0.9", 5001), 899);
  EXPECT_EQ(t.RetryAfter("someone-else", "10.0.0.8", 5001), 0);
}

TEST(ThrottleTest, SuccessClearsTheAccount) {
  LoginThrottle t;
  for (int i = 0; i < 4; ++i) t.RecordFailure("hoa", "a", 100);
  t.RecordSuccess("hoa");
  t.RecordFailure("hoa", "a", 101);
  EXPECT_EQ(t.RetryAfter("hoa", "a", 102), 0);
}

TEST(ThrottleTest, ForgetsStaleKeysWhenFull) {
  LoginThrottle t(ThrottleLimits{5, 20, 900, 10});
  for (int i = 0; i < 50; ++i) {
    const std::string n = std::to_string(i);  // GCC 12 -Wrestrict misfires on "u" + to_string
    t.RecordFailure(std::string("u").append(n), std::string("a").append(n), i * 1000);
  }
  for (int i = 0; i < 5; ++i) t.RecordFailure("last", "z", 60000);
  EXPECT_GT(t.RetryAfter("last", "z", 60001), 0);
}

}  // namespace
}  // namespace dxgov::auth
