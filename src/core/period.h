// Reporting periods: a month ("2022-03"), a quarter ("2022-Q1") or a year ("2022").
//
// Indicators are reported per period of one type; rollups read a period of that type or a
// longer one (three months make a quarter, four quarters a year). Every period has an
// ordinal of its own type so that periods sort, step and index arrays without dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace dxgov {

enum class PeriodType { kMonth, kQuarter, kYear };
const char* PeriodTypeName(PeriodType t);  // "month", "quarter", "year"
const char* PeriodTypeLabelVi(PeriodType t);  // "tháng", "quý", "năm"
std::optional<PeriodType> ParsePeriodType(std::string_view s);
// How many periods of type `fine` one period of `coarse` holds (month in year: 12); 0
// when `fine` is longer than `coarse`.
int PeriodsPer(PeriodType coarse, PeriodType fine);

struct Period {
  PeriodType type = PeriodType::kYear;
  int year = 0;
  int index = 1;  // month 1..12, quarter 1..4, 1 for a year

  friend bool operator==(const Period&, const Period&) = default;
};

// Years 1900..2200 only: dxgov's data starts long after and ends long before.
inline constexpr int kMinPeriodYear = 1900;
inline constexpr int kMaxPeriodYear = 2200;

// "2022-03", "2022-Q1" (also "2022-q1"), "2022". Nothing else.
std::optional<Period> ParsePeriod(std::string_view s);
std::string FormatPeriod(const Period& p);     // the same forms
// Also the forms Vietnamese offices write: "Tháng 3/2022", "3/2022", "03/2022",
// "Quý I/2022", "Quý 1/2022", "Q1/2022", "Năm 2022" (any case, NFC or not).
std::optional<Period> ParsePeriodVi(std::string_view s);
std::string FormatPeriodVi(const Period& p);   // "Tháng 3/2022", "Quý I/2022", "Năm 2022"

Date FirstDay(const Period& p);
Date LastDay(const Period& p);
// The period of type `t` that contains day `d`.
Period PeriodOf(Date d, PeriodType t);

// A count of periods of p's type since year 0 (months: year*12 + month-1, ...); consecutive
// periods have consecutive ordinals.
int64_t Ordinal(const Period& p);
Period FromOrdinal(PeriodType t, int64_t ordinal);
Period Next(const Period& p);

// True when `inner` lies within `outer` (a period contains itself).
bool Contains(const Period& outer, const Period& inner);
// The periods of type `fine` inside `p`, in order. REQUIRES: fine is not longer than p.type.
std::vector<Period> Subperiods(const Period& p, PeriodType fine);

// Order by start, then by length (a month before its quarter).
bool operator<(const Period& a, const Period& b);

}  // namespace dxgov
