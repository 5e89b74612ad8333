#include "core/number_format.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace dxgov {

std::string FormatNumberVi(double v, int max_decimals) {
  if (!std::isfinite(v)) return "";
  int decimals = std::clamp(max_decimals, 0, 6);
  // Keep the scaled value inside a long long: fewer decimals for very large numbers.
  while (decimals > 0 && std::fabs(v) * std::pow(10.0, decimals) > 9e17) --decimals;
  if (std::fabs(v) > 9e17) return std::to_string(std::llround(v));
  long long scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const long long scaled = std::llround(std::fabs(v) * static_cast<double>(scale));
  const std::string digits = std::to_string(scaled / scale);
  std::string out;
  if (v < 0 && scaled != 0) out.push_back('-');
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  std::string frac = std::to_string(scaled % scale + scale).substr(1);  // zero-padded to `decimals`
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) out += "," + frac;
  return out;
}

}  // namespace dxgov
