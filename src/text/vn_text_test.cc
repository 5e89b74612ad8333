#include "text/vn_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace dxgov::text {
namespace {

TEST(FoldTest, RemovesCaseDiacriticsAndDStroke) {
  EXPECT_EQ(Fold("Thành phố Hà Nội"), "thanh pho ha noi");
  EXPECT_EQ(Fold("ĐÀ NẴNG"), "da nang");
  EXPECT_EQ(Fold("Bộ Thông tin và Truyền thông"), "bo thong tin va truyen thong");
  EXPECT_EQ(Fold("  Quảng\tNinh \n"), "quang ninh");
  EXPECT_EQ(Fold("Bộ TT&TT"), "bo tt&tt");
}

TEST(FoldTest, PrecomposedAndDecomposedFoldAlike) {
  const std::string precomposed = "Nghệ An";
  const std::string decomposed = "Nghe\xcc\x82\xcc\xa3 An";  // e + combining circumflex + dot below
  EXPECT_EQ(Fold(precomposed), Fold(decomposed));
  EXPECT_EQ(Nfc(decomposed), precomposed);
}

TEST(Utf8Test, RejectsMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8("Hà Nội"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
}

TEST(SortKeyTest, FollowsVietnameseAlphabet) {
  // d < đ < e, and a < ă < â.
  std::vector<std::string> words = {"Em", "Đà Nẵng", "Dương", "Ân", "Ăn", "An"};
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return SortKey(a) < SortKey(b); });
  EXPECT_EQ(words, (std::vector<std::string>{"An", "Ăn", "Ân", "Dương", "Đà Nẵng", "Em"}));
}

TEST(SortKeyTest, ComparesDigitsAsNumbers) {
  EXPECT_LT(SortKey("Tháng 9"), SortKey("Tháng 10"));
}

TEST(SlugTest, MakesAsciiIdentifiers) {
  EXPECT_EQ(Slug("Tỉnh Bà Rịa - Vũng Tàu"), "tinh-ba-ria-vung-tau");
  EXPECT_EQ(Slug("  Đắk Lắk  "), "dak-lak");
}

TEST(CollapseWhitespaceTest, KeepsDiacritics) {
  EXPECT_EQ(CollapseWhitespace(" Hà \n  Nội "), "Hà Nội");
}

TEST(CollapseWhitespaceTest, UnicodeSpacesCollapseAndMalformedBytesBecomeReplacementCharacters) {
  // No-break, em and ideographic spaces, a byte-order mark, a tab.
  EXPECT_EQ(CollapseWhitespace("\xC2\xA0" "Bộ\xE2\x80\x83 Y\xE3\x80\x80" "tế\xEF\xBB\xBF\t"), "Bộ Y tế");
  EXPECT_EQ(CollapseWhitespace("a\xFF" " b"), "a\xEF\xBF\xBD b");
  EXPECT_EQ(CollapseWhitespace(""), "");
}

TEST(FoldTest, AsciiAndVietnameseFoldAlike) {
  EXPECT_EQ(Fold("  UBND\tTinh  Tuyen Quang "), "ubnd tinh tuyen quang");
  EXPECT_EQ(Fold("  UBND\tTỉnh  Tuyên Quang "), "ubnd tinh tuyen quang");
  EXPECT_EQ(Fold("Đ\xC2\xA0" "x"), "d x");
}

TEST(StartsLowercase, VietnameseLetters) {
  EXPECT_TRUE(StartsLowercase("đã thiết lập"));
  EXPECT_TRUE(StartsLowercase("ừ"));
  EXPECT_FALSE(StartsLowercase("Đài"));
  EXPECT_FALSE(StartsLowercase("17/QĐ"));
  EXPECT_FALSE(StartsLowercase(""));
}

TEST(Nfd, DecomposesAndNfcRecomposes) {
  const std::string nfd = Nfd("Bộ Tài chính");
  EXPECT_NE(nfd, "Bộ Tài chính");
  EXPECT_GT(nfd.size(), std::string("Bộ Tài chính").size());
  EXPECT_EQ(Nfc(nfd), "Bộ Tài chính");
}

TEST(CaseTest, UpperAndLowerKeepDiacritics) {
  EXPECT_EQ(ToUpper("Ủy ban Quốc gia về chuyển đổi số"), "ỦY BAN QUỐC GIA VỀ CHUYỂN ĐỔI SỐ");
  EXPECT_EQ(ToLower("BỘ KHOA HỌC VÀ CÔNG NGHỆ"), "bộ khoa học và công nghệ");
}

TEST(HasLowercase, CapitalHeadingsHaveNone) {
  EXPECT_FALSE(HasLowercase("CHUYỂN ĐỔI SỐ CẤP TỈNH"));
  EXPECT_FALSE(HasLowercase("2.1. (BTTTT)"));
  EXPECT_TRUE(HasLowercase("Phụ lục I"));
  EXPECT_TRUE(HasLowercase("ĐỀ ÁN ừ"));
}

}  // namespace
}  // namespace dxgov::text
