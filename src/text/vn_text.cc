#include "text/vn_text.h"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace dxgov::text {
namespace {

const icu::Normalizer2& NfcNormalizer() {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err) || n == nullptr) std::abort();  // ICU data missing: unusable install
  return *n;
}

const icu::Normalizer2& NfdNormalizer() {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(err);
  if (U_FAILURE(err) || n == nullptr) std::abort();
  return *n;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || c == 0xFEFF; }

// A collator is not thread-safe for getSortKey; keep one per thread, cloned from a
// prototype built once.
const icu::Collator& Prototype() {
  static const icu::Collator* proto = [] {
    UErrorCode err = U_ZERO_ERROR;
    icu::Collator* c = icu::Collator::createInstance(icu::Locale("vi"), err);
    if (U_FAILURE(err) || c == nullptr) std::abort();
    c->setAttribute(UCOL_NUMERIC_COLLATION, UCOL_ON, err);
    c->setStrength(icu::Collator::TERTIARY);
    return c;
  }();
  return *proto;
}

icu::Collator& ThreadCollator() {
  thread_local std::unique_ptr<icu::Collator> c(Prototype().clone());
  return *c;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0;
  // Every ASCII byte is valid on its own; skip the run of them before decoding.
  while (static_cast<size_t>(i) < s.size() && static_cast<unsigned char>(s[static_cast<size_t>(i)]) < 0x80) ++i;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string Nfc(std::string_view s) {
  // ASCII is already NFC; codes, unit ids and periods in bulk batches are all ASCII.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = NfcNormalizer().normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  return ToUtf8(out);
}

std::string Nfd(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = NfdNormalizer().normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  return ToUtf8(out);
}

std::string Fold(std::string_view s) {
  // ASCII needs neither decomposition nor marks removed: lower-case it and collapse spaces
  // (the importer folds every line several times; most are partly ASCII, many wholly).
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out = CollapseWhitespace(s);
    for (char& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString d = NfdNormalizer().normalize(u, err);
  if (U_FAILURE(err)) d = u;
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (IsSpace(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (c == 0x0110 || c == 0x0111) c = 'd';  // Đ đ have no decomposition
    if (pending_space) {
      out.append(static_cast<UChar>(' '));
      pending_space = false;
    }
    out.append(u_tolower(c));
  }
  return ToUtf8(out);
}

bool StartsLowercase(std::string_view s) {
  if (s.empty()) return false;
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && u_islower(c);
}

bool HasLowercase(std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto size = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < size;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, size, c);
    if (c >= 0 && u_islower(c)) return true;
  }
  return false;
}

std::string ToLower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  return ToUtf8(u);
}

std::string ToUpper(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper(icu::Locale::getRoot());
  return ToUtf8(u);
}

std::string CollapseWhitespace(std::string_view s) {
  // Walks the UTF-8 bytes directly: the text is copied, not converted to UTF-16 and back.
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto size = static_cast<int32_t>(s.size());
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (int32_t i = 0; i < size;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, size, c);
    if (c >= 0 && IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (c < 0) out.append("\xEF\xBF\xBD");  // U+FFFD for a malformed sequence, as ICU's conversion gives
    else out.append(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
  }
  return out;
}

std::string SortKey(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::Collator& c = ThreadCollator();
  std::string key(64, '\0');
  int32_t len = c.getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (len > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<size_t>(len));
    len = c.getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), len);
  }
  key.resize(len > 0 ? static_cast<size_t>(len - 1) : 0);  // drop the terminating NUL
  return key;
}

std::string Slug(std::string_view s) {
  std::string folded = Fold(s);
  std::string out;
  bool dash = false;
  for (char ch : folded) {
    const bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (alnum) {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(ch);
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

}  // namespace dxgov::text
