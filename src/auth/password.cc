#include "auth/password.h"

#include <argon2.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_set>
#include <vector>

#include "auth/embedded.h"
#include "auth/secret.h"
#include "text/vn_text.h"

namespace dxgov::auth {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr size_t kMinCodePoints = 12;
constexpr size_t kMaxBytes = 256;

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    for (const char* file : {"security/common-passwords.txt", "security/common-passwords-vi.txt"}) {
      std::string_view content = EmbeddedFile(file);
      size_t start = 0;
      while (start < content.size()) {
        size_t nl = content.find('\n', start);
        if (nl == std::string_view::npos) nl = content.size();
        if (nl > start) s.emplace(content.substr(start, nl - start));
        start = nl + 1;
      }
    }
    return s;
  }();
  return set;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// "aaaaaaaaaaaa", "123456789012", "abcdefghijkl", "987654321098", "qwertyuiopas".
bool IsRun(std::string_view lower) {
  if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower[0]; })) return true;
  for (std::string_view row : {"0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyz",
                               "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"}) {
    std::string reversed(row.rbegin(), row.rend());
    if (row.find(lower) != std::string_view::npos || reversed.find(lower) != std::string::npos) return true;
  }
  return false;
}

// ASCII digits and symbols; letters, spaces and every non-ASCII byte belong to the core.
bool IsAffix(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && u > 0x20 && !std::isalpha(u);
}

}  // namespace

bool IsCommonPassword(std::string_view password) {
  const std::string lower = AsciiLower(password);
  const auto& common = CommonPasswords();
  if (common.count(lower)) return true;
  size_t from = 0, to = lower.size();
  while (from < to && IsAffix(lower[from])) ++from;
  while (to > from && IsAffix(lower[to - 1])) --to;
  if (to - from < 4) return false;  // digits and symbols only: CheckNewPassword refuses those
  std::string core = lower.substr(from, to - from);
  if (common.count(core)) return true;
  // A common word typed twice ("matkhaumatkhau") is no stronger than the word.
  if (core.size() % 2 == 0 && core.substr(0, core.size() / 2) == core.substr(core.size() / 2))
    return common.count(core.substr(0, core.size() / 2)) > 0;
  return false;
}

Status CheckNewPassword(std::string_view password, std::string_view login, const std::string& path) {
  auto fail = [&](std::string en, std::string vi) { return InvalidArgument(path, std::move(en), std::move(vi)); };
  if (!text::IsValidUtf8(password)) return fail("must be valid UTF-8", "Mật khẩu không phải UTF-8 hợp lệ");
  const std::string nfc = text::Nfc(password);
  if (nfc.size() > kMaxBytes) return fail("at most 256 bytes", "Mật khẩu dài quá 256 byte");
  if (CodePoints(nfc) < kMinCodePoints)
    return fail("at least 12 characters", "Mật khẩu phải có ít nhất 12 ký tự");
  const std::string lower = AsciiLower(nfc);
  if (IsRun(lower)) return fail("is a repeated character or a keyboard run", "Mật khẩu là chuỗi ký tự lặp hoặc liên tiếp trên bàn phím");
  if (std::all_of(lower.begin(), lower.end(), IsAffix))
    return fail("must not be only digits and symbols (dates, phone numbers)",
                "Mật khẩu không được chỉ gồm chữ số và ký hiệu (ngày sinh, số điện thoại)");
  if (IsCommonPassword(nfc))
    return fail("is a common password (also with digits or symbols added)", "Mật khẩu quá phổ biến, dễ bị đoán");
  if (login.size() >= 3 && lower.find(AsciiLower(login)) != std::string::npos)
    return fail("must not contain the login", "Mật khẩu không được chứa tên đăng nhập");
  return OkStatus();
}

class PasswordHasher::Slot {
 public:
  explicit Slot(PasswordHasher& h) : h_(h) {
    std::unique_lock lock(h_.mu_);
    h_.cv_.wait(lock, [&] { return h_.in_flight_ < h_.max_in_flight_; });
    ++h_.in_flight_;
    h_.peak_ = std::max(h_.peak_, h_.in_flight_);
  }
  ~Slot() {
    {
      std::lock_guard lock(h_.mu_);
      --h_.in_flight_;
    }
    h_.cv_.notify_one();
  }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  PasswordHasher& h_;
};

PasswordHasher::PasswordHasher(int max_in_flight, HashParams params)
    : max_in_flight_(std::max(1, max_in_flight)), params_(params) {
  if (sodium_init() < 0) std::abort();
  auto dummy = Hash(RandomToken(16));
  if (!dummy.ok()) std::abort();  // only memory exhaustion gets here, at start-up
  dummy_ = std::move(dummy).value();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  const std::string nfc = text::Nfc(password);
  unsigned char salt[kSaltBytes];
  randombytes_buf(salt, sizeof salt);
  std::string encoded(argon2_encodedlen(params_.passes, params_.memory_kib, params_.lanes, kSaltBytes, kHashBytes,
                                        Argon2_id),
                      '\0');
  int rc;
  {
    Slot slot(*this);
    rc = argon2id_hash_encoded(params_.passes, params_.memory_kib, params_.lanes, nfc.data(), nfc.size(), salt,
                               sizeof salt, kHashBytes, encoded.data(), encoded.size());
  }
  if (rc != ARGON2_OK) return Internal(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool PasswordHasher::Verify(std::string_view password, const std::string& encoded) {
  const std::string nfc = text::Nfc(password);
  const bool usable = encoded.rfind("$argon2id$", 0) == 0;
  Slot slot(*this);
  const int rc = argon2id_verify(usable ? encoded.c_str() : dummy_.c_str(), nfc.data(), nfc.size());
  return usable && rc == ARGON2_OK;
}

int PasswordHasher::peak_in_flight() const {
  std::lock_guard lock(mu_);
  return peak_;
}

}  // namespace dxgov::auth
