// Calendar dates for the domain. dxgov keeps civil dates (no time of day) in the
// Vietnamese calendar day: "today" is taken at a fixed UTC+7 offset (Vietnam has no
// daylight saving), so no time-zone database is needed.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dxgov {

using Date = std::chrono::year_month_day;

// "2022-03-15" -> date. Rejects anything else, including impossible dates (2023-02-29).
std::optional<Date> ParseIsoDate(std::string_view s);
std::string FormatIso(Date d);   // "2022-03-15"
// A UTC timestamp with milliseconds, "2022-03-15T08:30:00.000Z": the form every stored
// timestamp takes, so that timestamps compare as strings.
std::string FormatIsoTimestamp(std::chrono::system_clock::time_point t);
std::string FormatVi(Date d);    // "15/03/2022"

Date MakeDate(int year, unsigned month, unsigned day);
Date LastDayOfMonth(int year, unsigned month);
// b - a in days (negative when b is earlier).
int DaysBetween(Date a, Date b);
Date AddDays(Date d, int days);
int YearOf(Date d);

// The civil date in Vietnam (UTC+7) at `now`.
Date VietnamDate(std::chrono::system_clock::time_point now);
// The civil date in Vietnam of a stored UTC timestamp ("2022-10-14T18:05:00.000Z" is the
// 15th there); nullopt unless it starts "YYYY-MM-DDTHH".
std::optional<Date> VietnamDateOf(std::string_view utc_timestamp);

// "Now" for the domain, injectable so that tests can move time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
  Date Today() const { return VietnamDate(Now()); }
};
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace dxgov
