#include "auth/password.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace dxgov::auth {
namespace {

std::string ReasonFor(std::string_view pw, std::string_view login = "hoa.nt") {
  auto s = CheckNewPassword(pw, login);
  if (s.ok()) return "ok";
  EXPECT_EQ(s.error().fields().size(), 1u);
  EXPECT_EQ(s.error().fields()[0].path, "/password");
  return s.error().fields()[0].reason;
}

TEST(PasswordPolicyTest, AcceptsLongUncommonPasswords) {
  EXPECT_EQ(ReasonFor("Sông Hồng chảy về biển Đông"), "ok");
  EXPECT_EQ(ReasonFor("correct horse battery staple"), "ok");
  EXPECT_EQ(ReasonFor("7gT!kq2#Lm9v"), "ok");
}

TEST(PasswordPolicyTest, CountsCharactersNotBytes) {
  // 11 Vietnamese letters are more than 12 bytes, still too short.
  EXPECT_EQ(ReasonFor("Đường về nhà"), "ok");          // 12 characters
  EXPECT_EQ(ReasonFor("Đường về nh"), "at least 12 characters");
  EXPECT_EQ(ReasonFor("short"), "at least 12 characters");
}

TEST(PasswordPolicyTest, RefusesCommonPasswordsAndTheirDecorations) {
  EXPECT_EQ(ReasonFor("qwertyuiopasdfgh"), "is a repeated character or a keyboard run");
  EXPECT_EQ(ReasonFor("aaaaaaaaaaaaaa"), "is a repeated character or a keyboard run");
  EXPECT_EQ(ReasonFor("123456789012"), "is a repeated character or a keyboard run");
  EXPECT_EQ(ReasonFor("19900101199001"), "must not be only digits and symbols (dates, phone numbers)");
  const std::string common = "is a common password (also with digits or symbols added)";
  EXPECT_EQ(ReasonFor("Password123456"), common);
  EXPECT_EQ(ReasonFor("!!dragon2024!!"), common);
  EXPECT_EQ(ReasonFor("Matkhau@123456"), common);   // the Vietnamese list
  EXPECT_EQ(ReasonFor("anhyeuem123456"), common);
  EXPECT_EQ(ReasonFor("matkhaumatkhau"), common);   // a common word twice
  EXPECT_TRUE(IsCommonPassword("iloveyou"));
  EXPECT_FALSE(IsCommonPassword("Sông Hồng chảy về biển Đông"));
}

TEST(PasswordPolicyTest, RefusesTheLoginInsideThePassword) {
  EXPECT_EQ(ReasonFor("xyz-Hoa.NT-2026-quy3", "hoa.nt"), "must not contain the login");
}

TEST(PasswordPolicyTest, RefusesInvalidUtf8AndOversize) {
  EXPECT_EQ(ReasonFor(std::string("abcdefghijk\xff\xfe", 13)), "must be valid UTF-8");
  EXPECT_EQ(ReasonFor(std::string(300, 'x') + "y"), "at most 256 bytes");
}

// Cheap parameters keep the test fast; the production defaults are checked separately.
const HashParams kFast{1024, 1, 1};

TEST(PasswordHasherTest, VerifiesTheRightPasswordOnlyAndSaltsEachHash) {
  PasswordHasher h(2, kFast);
  auto a = h.Hash("Sông Hồng chảy về biển Đông");
  auto b = h.Hash("Sông Hồng chảy về biển Đông");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->rfind("$argon2id$v=19$m=1024,t=1,p=1$", 0), 0u) << *a;
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(h.Verify("Sông Hồng chảy về biển Đông", *a));
  EXPECT_FALSE(h.Verify("Sông Hồng chảy về biển Tây", *a));
  EXPECT_FALSE(h.Verify("anything", ""));
  EXPECT_FALSE(h.Verify("anything", "$argon2id$garbage"));
}

TEST(PasswordHasherTest, DecomposedAndPrecomposedVietnameseMatch) {
  PasswordHasher h(1, kFast);
  auto stored = h.Hash("Trường Sa, Hoàng Sa");                  // NFC
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(h.Verify("Tru\xcc\x9bo\xcc\x9b\xcc\x80ng Sa, Hoa\xcc\x80ng Sa", *stored));  // NFD
}

TEST(PasswordHasherTest, DefaultsAreOwaspArgon2id) {
  PasswordHasher h;
  auto a = h.Hash("Sông Hồng chảy về biển Đông");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *a;
}

TEST(PasswordHasherTest, NeverRunsMoreThanTheLimitAtOnce) {
  PasswordHasher h(2, HashParams{8192, 1, 1});
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { (void)h.Verify("x", ""); });
  for (auto& t : threads) t.join();
  EXPECT_GE(h.peak_in_flight(), 1);
  EXPECT_LE(h.peak_in_flight(), 2);
}

}  // namespace
}  // namespace dxgov::auth
