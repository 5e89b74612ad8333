// Numbers as Vietnamese documents write them: a dot between thousands, a comma before the
// decimals ("1.234.567", "85,5"). Used by the target labels of the core and the exports.
#pragma once

#include <string>

namespace dxgov {

// `v` with at most `max_decimals` decimals (0..6), rounded, trailing zeros dropped:
// FormatNumberVi(1234.5) == "1.234,5", FormatNumberVi(0.125) == "0,13". "" when not finite.
std::string FormatNumberVi(double v, int max_decimals = 2);

}  // namespace dxgov
