#include "core/number_format.h"

#include <gtest/gtest.h>

#include <cmath>

namespace dxgov {
namespace {

TEST(FormatNumberViTest, UsesTheDecimalCommaAndThousandsDot) {
  EXPECT_EQ(FormatNumberVi(85.5), "85,5");
  EXPECT_EQ(FormatNumberVi(1234567), "1.234.567");
  EXPECT_EQ(FormatNumberVi(0.125), "0,13");
  EXPECT_EQ(FormatNumberVi(-1500.25), "-1.500,25");
  EXPECT_EQ(FormatNumberVi(0), "0");
}

TEST(FormatNumberViTest, KeepsAsManyDecimalsAsAsked) {
  EXPECT_EQ(FormatNumberVi(0.125, 6), "0,125");
  EXPECT_EQ(FormatNumberVi(1000.05, 6), "1.000,05");
  EXPECT_EQ(FormatNumberVi(12.7, 0), "13");
  EXPECT_EQ(FormatNumberVi(-0.001), "0");
  EXPECT_EQ(FormatNumberVi(std::nan("")), "");
}

}  // namespace
}  // namespace dxgov
