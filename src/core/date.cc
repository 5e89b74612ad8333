#include "core/date.h"

#include <cstdio>

namespace dxgov {

using namespace std::chrono;

std::optional<Date> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n, int& out) {
    out = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || y < 1900 || y > 2200) return std::nullopt;
  return date;
}

std::string FormatIso(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string FormatVi(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buf;
}

Date MakeDate(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

Date LastDayOfMonth(int y, unsigned m) {
  year_month_day_last last{year{y}, month_day_last{month{m}}};
  return Date{last};
}

int DaysBetween(Date a, Date b) { return static_cast<int>((sys_days{b} - sys_days{a}).count()); }

Date AddDays(Date d, int n) { return Date{sys_days{d} + days{n}}; }

int YearOf(Date d) { return static_cast<int>(d.year()); }

std::optional<Date> VietnamDateOf(std::string_view ts) {
  if (ts.size() < 13 || ts[10] != 'T') return std::nullopt;
  auto day = ParseIsoDate(ts.substr(0, 10));
  const char h1 = ts[11], h2 = ts[12];
  if (!day || h1 < '0' || h1 > '2' || h2 < '0' || h2 > '9') return std::nullopt;
  const int hour = (h1 - '0') * 10 + (h2 - '0');
  if (hour > 23) return std::nullopt;
  return hour + 7 >= 24 ? AddDays(*day, 1) : *day;
}

Date VietnamDate(system_clock::time_point now) {
  return Date{floor<days>(now + hours{7})};
}

std::string FormatIsoTimestamp(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(t);
  const auto day = floor<days>(ms);
  const hh_mm_ss hms(ms - day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", FormatIso(Date{day}).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buf;
}

}  // namespace dxgov
