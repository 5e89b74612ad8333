#include "core/period.h"

#include <charconv>

#include "text/vn_text.h"

namespace dxgov {

const char* PeriodTypeName(PeriodType t) {
  switch (t) {
    case PeriodType::kMonth: return "month";
    case PeriodType::kQuarter: return "quarter";
    case PeriodType::kYear: return "year";
  }
  return "year";
}

const char* PeriodTypeLabelVi(PeriodType t) {
  switch (t) {
    case PeriodType::kMonth: return "tháng";
    case PeriodType::kQuarter: return "quý";
    case PeriodType::kYear: return "năm";
  }
  return "năm";
}

std::optional<PeriodType> ParsePeriodType(std::string_view s) {
  for (PeriodType t : {PeriodType::kMonth, PeriodType::kQuarter, PeriodType::kYear})
    if (s == PeriodTypeName(t)) return t;
  return std::nullopt;
}

namespace {

int MonthsIn(PeriodType t) {
  switch (t) {
    case PeriodType::kMonth: return 1;
    case PeriodType::kQuarter: return 3;
    case PeriodType::kYear: return 12;
  }
  return 12;
}

int PerYear(PeriodType t) { return 12 / MonthsIn(t); }

std::optional<int> Digits(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  return v;
}

int FirstMonth(const Period& p) { return (p.index - 1) * MonthsIn(p.type) + 1; }

}  // namespace

int PeriodsPer(PeriodType coarse, PeriodType fine) {
  if (MonthsIn(fine) > MonthsIn(coarse)) return 0;
  return MonthsIn(coarse) / MonthsIn(fine);
}

std::optional<Period> ParsePeriod(std::string_view s) {
  if (s.size() < 4) return std::nullopt;
  auto year = Digits(s.substr(0, 4));
  if (!year || *year < kMinPeriodYear || *year > kMaxPeriodYear) return std::nullopt;
  if (s.size() == 4) return Period{PeriodType::kYear, *year, 1};
  if (s[4] != '-') return std::nullopt;
  std::string_view rest = s.substr(5);
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q')) {
    auto q = Digits(rest.substr(1));
    if (!q || *q < 1 || *q > 4) return std::nullopt;
    return Period{PeriodType::kQuarter, *year, *q};
  }
  if (rest.size() == 2) {
    auto m = Digits(rest);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    return Period{PeriodType::kMonth, *year, *m};
  }
  return std::nullopt;
}

std::optional<Period> ParsePeriodVi(std::string_view s) {
  if (auto p = ParsePeriod(s)) return p;
  std::string f = text::Fold(text::CollapseWhitespace(text::Nfc(s)));  // "quy i/2022"
  auto strip = [&](std::string_view prefix) {
    if (f.rfind(prefix, 0) != 0) return false;
    f = f.substr(prefix.size());
    while (!f.empty() && f.front() == ' ') f.erase(0, 1);
    return true;
  };
  if (strip("nam")) {
    auto y = Digits(f);
    if (f.size() == 4 && y && *y >= kMinPeriodYear && *y <= kMaxPeriodYear) return Period{PeriodType::kYear, *y, 1};
    return std::nullopt;
  }
  PeriodType type = PeriodType::kMonth;
  if (strip("quy") || strip("q")) type = PeriodType::kQuarter;
  else strip("thang");
  const size_t slash = f.find('/');
  if (slash == std::string::npos) return std::nullopt;
  std::string part = f.substr(0, slash);
  while (!part.empty() && part.back() == ' ') part.pop_back();
  std::string year_text = f.substr(slash + 1);
  while (!year_text.empty() && year_text.front() == ' ') year_text.erase(0, 1);
  auto y = Digits(year_text);
  if (year_text.size() != 4 || !y || *y < kMinPeriodYear || *y > kMaxPeriodYear) return std::nullopt;
  std::optional<int> n;
  if (type == PeriodType::kQuarter) {
    static const char* kRoman[] = {"i", "ii", "iii", "iv"};
    for (int i = 0; i < 4; ++i)
      if (part == kRoman[i]) n = i + 1;
  }
  if (!n && part.size() <= 2) n = Digits(part);
  const int max = type == PeriodType::kQuarter ? 4 : 12;
  if (!n || *n < 1 || *n > max) return std::nullopt;
  return Period{type, *y, *n};
}

std::string FormatPeriod(const Period& p) {
  std::string out = std::to_string(p.year);
  switch (p.type) {
    case PeriodType::kMonth:
      out.append(p.index < 10 ? "-0" : "-").append(std::to_string(p.index));
      break;
    case PeriodType::kQuarter:
      out.append("-Q").append(std::to_string(p.index));
      break;
    case PeriodType::kYear: break;
  }
  return out;
}

std::string FormatPeriodVi(const Period& p) {
  static const char* kRoman[] = {"I", "II", "III", "IV"};
  const std::string year = std::to_string(p.year);
  switch (p.type) {
    case PeriodType::kMonth: return "Tháng " + std::to_string(p.index) + "/" + year;
    case PeriodType::kQuarter: return std::string("Quý ") + kRoman[(p.index - 1) & 3] + "/" + year;
    case PeriodType::kYear: return "Năm " + year;
  }
  return year;
}

Date FirstDay(const Period& p) { return MakeDate(p.year, static_cast<unsigned>(FirstMonth(p)), 1); }

Date LastDay(const Period& p) {
  return LastDayOfMonth(p.year, static_cast<unsigned>(FirstMonth(p) + MonthsIn(p.type) - 1));
}

Period PeriodOf(Date d, PeriodType t) {
  const int month = static_cast<int>(static_cast<unsigned>(d.month()));
  return Period{t, YearOf(d), (month - 1) / MonthsIn(t) + 1};
}

int64_t Ordinal(const Period& p) { return int64_t{p.year} * PerYear(p.type) + (p.index - 1); }

Period FromOrdinal(PeriodType t, int64_t ordinal) {
  const int per = PerYear(t);
  const int64_t year = ordinal >= 0 ? ordinal / per : -((-ordinal + per - 1) / per);
  return Period{t, static_cast<int>(year), static_cast<int>(ordinal - year * per) + 1};
}

Period Next(const Period& p) { return FromOrdinal(p.type, Ordinal(p) + 1); }

bool Contains(const Period& outer, const Period& inner) {
  if (MonthsIn(inner.type) > MonthsIn(outer.type) || inner.year != outer.year) return false;
  const int first = FirstMonth(outer), last = first + MonthsIn(outer.type) - 1;
  return FirstMonth(inner) >= first && FirstMonth(inner) + MonthsIn(inner.type) - 1 <= last;
}

std::vector<Period> Subperiods(const Period& p, PeriodType fine) {
  std::vector<Period> out;
  const int n = PeriodsPer(p.type, fine);
  if (n == 0) return out;
  Period first = PeriodOf(FirstDay(p), fine);
  for (int i = 0; i < n; ++i) {
    out.push_back(first);
    first = Next(first);
  }
  return out;
}

bool operator<(const Period& a, const Period& b) {
  const int fa = a.year * 12 + FirstMonth(a), fb = b.year * 12 + FirstMonth(b);
  if (fa != fb) return fa < fb;
  return MonthsIn(a.type) < MonthsIn(b.type);
}

}  // namespace dxgov
