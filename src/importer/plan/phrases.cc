#include "importer/plan/phrases.h"

#include <re2/re2.h>

#include <algorithm>
#include <functional>

#include "importer/plan/document_text.h"
#include "text/vn_text.h"

namespace dxgov::importer {

namespace {

using Groups = std::vector<re2::StringPiece>;

// Calls fn(groups, begin, end) for each non-overlapping match of `re` in `text`.
void ForEachMatch(const RE2& re, std::string_view text, const std::function<void(const Groups&, size_t, size_t)>& fn) {
  const int n = re.NumberOfCapturingGroups() + 1;
  Groups g(static_cast<size_t>(n));
  size_t pos = 0;
  const re2::StringPiece sp(text.data(), text.size());
  while (pos <= text.size() && re.Match(sp, pos, text.size(), RE2::UNANCHORED, g.data(), n)) {
    const size_t b = static_cast<size_t>(g[0].data() - text.data());
    const size_t e = b + g[0].size();
    fn(g, b, e);
    pos = e > b ? e : e + 1;
  }
}

std::string Str(const re2::StringPiece& p) { return p.data() == nullptr ? std::string() : std::string(p.data(), p.size()); }

int ToInt(const re2::StringPiece& p) {
  int v = 0;
  for (char c : Str(p)) {
    if (c < '0' || c > '9') return v;
    v = v * 10 + (c - '0');
    if (v > 100000) return v;
  }
  return v;
}

// "II" or "2" -> 2.
int QuarterOf(const std::string& s) {
  const int q = !s.empty() && s[0] >= '1' && s[0] <= '4' ? s[0] - '0' : RomanValue(s);
  return q >= 1 && q <= 4 ? q : 0;
}

std::string TrimPunct(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '.' || s.back() == ';' || s.back() == ',' || s.back() == ':'))
    s.pop_back();
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == ';')) ++i;
  return s.substr(i);
}

// Whether the few words before byte `b` make the clause a start, not an end.
bool PrecededByStart(std::string_view text, size_t b) {
  const size_t from = b > 40 ? b - 40 : 0;
  const std::string before = text::Fold(text.substr(from, b - from));
  static const RE2 kStart(R"((?:^|\s)(?:tu|ke tu|bat dau(?: trien khai)?(?: tu)?|tinh tu|tam nhin den|dinh huong den|da)(?: ngay| thang| nam| quy)?\s*$)");
  return RE2::PartialMatch(before, kStart);
}

// Whether [b, e) lies inside one of `spans` (a cited document's clause).
bool InsideSpans(const std::vector<std::pair<size_t, size_t>>& spans, size_t b, size_t e) {
  for (const auto& [sb, se] : spans) {
    if (b >= sb && e <= se) return true;
  }
  return false;
}

}  // namespace

std::optional<double> ReadVietnameseNumber(std::string_view s) {
  std::string digits;
  bool seen_comma = false;
  int group_len = -1;  // digits since the last '.', -1 before any '.'
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (group_len >= 0) ++group_len;
    } else if (c == '.') {
      if (seen_comma || (group_len >= 0 && group_len != 3)) return std::nullopt;
      group_len = 0;
    } else if (c == ',') {
      if (seen_comma || (group_len >= 0 && group_len != 3)) return std::nullopt;
      seen_comma = true;
      digits.push_back('.');
      group_len = -1;
    } else {
      return std::nullopt;
    }
  }
  if (group_len >= 0 && group_len != 3) {
    // "8.2" written with a decimal point: read it as one when not a thousands group.
    std::string alt(s);
    std::replace(alt.begin(), alt.end(), ',', '.');
    if (std::count(alt.begin(), alt.end(), '.') != 1) return std::nullopt;
    try {
      return std::stod(alt);
    } catch (...) {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits == ".") return std::nullopt;
  try {
    return std::stod(digits);
  } catch (...) {
    return std::nullopt;
  }
}

std::vector<CitedDocument> FindCitedDocuments(std::string_view text) {
  std::vector<CitedDocument> out;
  static const RE2 kDoc(
      R"((?i)(Nghị quyết|Quyết định|Nghị định|Thông tư|Chỉ thị|Văn bản|Công văn|Thông báo|Kết luận|Luật|Kế hoạch|Hướng dẫn))"
      R"((?:\s+[^\s\d/]+){0,3}?\s+(?:số\s*:?\s*)(\d{1,5}\s?(?:/\d{4})?[/-][^\s,;()]+))"
      R"((?:\s*,?\s*ngày\s+(\d{1,2})(?:\s+tháng\s+|/|-|\.)(\d{1,2})(?:\s+năm\s+|/|-|\.)(\d{4}))?)");
  ForEachMatch(kDoc, text, [&](const Groups& g, size_t b, size_t e) {
    CitedDocument c;
    c.doc.type = Str(g[1]);
    c.doc.number = Str(g[2]);
    c.doc.number.erase(std::remove(c.doc.number.begin(), c.doc.number.end(), ' '), c.doc.number.end());
    while (!c.doc.number.empty() && (c.doc.number.back() == '.' || c.doc.number.back() == '-')) c.doc.number.pop_back();
    if (g[5].data() != nullptr) {
      c.doc.date = PlausibleDate(ToInt(g[5]), ToInt(g[4]), ToInt(g[3]));
    }
    c.begin = b;
    // Issuer and title: "của X [phê duyệt|ban hành|về|quy định] TITLE" up to the clause's end.
    std::string_view rest = text.substr(e);
    size_t clause_end = rest.size();
    for (std::string_view stop : {";", ". ", ", trong đó", ", theo đó", " và Quyết định", " và Văn bản", " và Nghị",
                                  "\n"}) {
      size_t p = rest.find(stop);
      if (p != std::string_view::npos) clause_end = std::min(clause_end, p);
    }
    if (rest.substr(0, clause_end).ends_with(".")) --clause_end;
    std::string_view clause = rest.substr(0, clause_end);
    static const RE2 kOf(R"((?i)^\s*,?\s*(?:của|do)\s+(.+?)(?:\s+(?:phê duyệt|ban hành|về việc|về|quy định|hướng dẫn|thông báo|triển khai)\s+(.*))?$)");
    static const RE2 kAbout(R"((?i)^\s*,?\s*(?:về việc|về|phê duyệt|ban hành|quy định)\s+(.*)$)");
    std::string issuer, title;
    if (RE2::FullMatch(clause, kOf, &issuer, &title)) {
      c.doc.issuer = TrimPunct(issuer);
      c.doc.title = TrimPunct(title);
      c.end = e + clause_end;
    } else if (RE2::FullMatch(clause, kAbout, &title)) {
      c.doc.title = TrimPunct(title);
      c.end = e + clause_end;
    } else {
      c.end = e;
    }
    // Quotation marks around titles are not part of them.
    for (std::string_view q : {"“", "”", "\""}) {
      size_t p;
      while ((p = c.doc.title.find(q)) != std::string::npos) c.doc.title.erase(p, q.size());
    }
    c.doc.title = TrimPunct(c.doc.title);
    out.push_back(std::move(c));
  });
  return out;
}

std::vector<DatedClause> FindDatedClauses(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> masked;
  for (const auto& c : FindCitedDocuments(text)) masked.emplace_back(c.begin, c.end);
  std::vector<DatedClause> found;
  auto keep = [&](Deadline d, size_t b, size_t e) {
    if (InsideSpans(masked, b, e) || PrecededByStart(text, b)) return;
    if (!ValidateDeadline(d, "/deadline").ok()) return;
    d.text = std::string(text.substr(b, e - b));
    found.push_back(DatedClause{std::move(d), b, e});
  };
  static const RE2 kRecurring(
      R"((?i)((?:trước|đến|chậm nhất|vào)\s+)?(?:ngày\s+)?(\d{1,2})(?:\s+tháng\s+|/)(\d{1,2})\s+(?:hàng|hằng)\s+năm)");
  static const RE2 kDate(
      R"((?i)((?:trước|đến|chậm nhất|trong|vào|hoàn thành|hạn)\s+)(?:ngày\s+)?(\d{1,2})(?:\s+tháng\s+|/|-)(\d{1,2})(?:\s+năm\s+|/|-)(\d{4}))");
  static const RE2 kMonth(R"((?i)((?:trước|đến|chậm nhất|trong|hết|cuối|hoàn thành)\s+)?tháng\s+(\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4}))");
  static const RE2 kQuarter(R"((?i)((?:trước|đến|chậm nhất|trong|hết|cuối)\s+)?quý\s+(IV|III|II|I|[1-4])(?:\s*/\s*|\s+năm\s+)(\d{4}))");
  static const RE2 kYear(R"((?i)(?:đến hết năm|đến cuối năm|hết năm|cuối năm|trong năm|đến năm|trước năm|năm)\s+(\d{4}))");
  ForEachMatch(kRecurring, text, [&](const Groups& g, size_t b, size_t e) {
    Deadline d;
    d.kind = DeadlineKind::kRecurring;
    d.day = ToInt(g[2]);
    d.month = ToInt(g[3]);
    keep(d, b, e);
  });
  ForEachMatch(kDate, text, [&](const Groups& g, size_t b, size_t e) {
    Deadline d;
    d.kind = DeadlineKind::kDate;
    d.date = PlausibleDate(ToInt(g[4]), ToInt(g[3]), ToInt(g[2]));
    if (!d.date) return;
    keep(d, b, e);
  });
  ForEachMatch(kMonth, text, [&](const Groups& g, size_t b, size_t e) {
    Deadline d;
    d.kind = DeadlineKind::kMonth;
    d.month = ToInt(g[2]);
    d.year = ToInt(g[3]);
    keep(d, b, e);
  });
  ForEachMatch(kQuarter, text, [&](const Groups& g, size_t b, size_t e) {
    Deadline d;
    d.kind = DeadlineKind::kQuarter;
    d.quarter = QuarterOf(Str(g[2]));
    d.year = ToInt(g[3]);
    keep(d, b, e);
  });
  ForEachMatch(kYear, text, [&](const Groups& g, size_t b, size_t e) {
    const std::string phrase = text::Fold(text.substr(b, e - b));
    // A bare "năm 2022" names the plan's year ("Kế hoạch năm 2022"), not a due date.
    if (phrase.starts_with("nam ")) return;
    Deadline d;
    d.kind = DeadlineKind::kYear;
    d.year = ToInt(g[1]);
    keep(d, b, e);
  });
  // Overlaps: keep the longer clause (a date's "năm 2022" inside "ngày 1 tháng 6 năm 2022").
  std::sort(found.begin(), found.end(), [](const DatedClause& a, const DatedClause& b) {
    return a.begin != b.begin ? a.begin < b.begin : (a.end - a.begin) > (b.end - b.begin);
  });
  std::vector<DatedClause> out;
  for (auto& c : found) {
    bool covered = false;
    for (const auto& o : out) covered = covered || (c.begin < o.end && o.begin < c.end);
    if (!covered) out.push_back(std::move(c));
  }
  return out;
}

namespace {
// A comparable end point of a deadline: (year, day of year-ish).
int EndKey(const Deadline& d, int recurring_year) {
  switch (d.kind) {
    case DeadlineKind::kDate:
      return YearOf(*d.date) * 1000 + static_cast<int>(unsigned(d.date->month())) * 40 + static_cast<int>(unsigned(d.date->day()));
    case DeadlineKind::kMonth: return d.year * 1000 + d.month * 40 + 32;
    case DeadlineKind::kQuarter: return d.year * 1000 + d.quarter * 3 * 40 + 32;
    case DeadlineKind::kYear: return d.year * 1000 + 12 * 40 + 33;
    case DeadlineKind::kSpan: return d.year_to * 1000 + 12 * 40 + 33;
    case DeadlineKind::kRecurring: return recurring_year * 1000 + d.month * 40 + d.day;
    case DeadlineKind::kOwnPlan: return 0;
  }
  return 0;
}
}  // namespace

const Deadline& LatestDeadline(const std::vector<Deadline>& clauses) {
  int fixed_year = 0;
  for (const auto& d : clauses) {
    if (d.kind != DeadlineKind::kRecurring && d.kind != DeadlineKind::kOwnPlan) fixed_year = std::max(fixed_year, EndKey(d, 0) / 1000);
  }
  const int recurring_year = fixed_year == 0 ? 9999 : fixed_year;
  const Deadline* best = &clauses.front();
  for (const auto& d : clauses) {
    if (EndKey(d, recurring_year) > EndKey(*best, recurring_year)) best = &d;
  }
  return *best;
}

namespace {
std::optional<Deadline> ReadDeadlinePhraseUnchecked(std::string_view phrase, int default_year);
}  // namespace

// Whatever the phrase, the reader proposes only deadlines the core accepts.
std::optional<Deadline> ReadDeadlinePhrase(std::string_view phrase, int default_year) {
  auto d = ReadDeadlinePhraseUnchecked(phrase, default_year);
  if (d && !ValidateDeadline(*d, "").ok()) return std::nullopt;
  return d;
}

std::optional<Date> PlausibleDate(int y, int m, int d) {
  if (PlausibleYear(y) == 0 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  Date date = MakeDate(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  if (!date.ok()) return std::nullopt;
  return date;
}

namespace {
std::optional<Deadline> ReadDeadlinePhraseUnchecked(std::string_view phrase, int default_year) {
  std::string p = TrimPunct(text::CollapseWhitespace(phrase));
  if (p.empty()) return std::nullopt;
  // "Tháng 12 (Năm 2021)": the year in brackets.
  static const RE2 kBracketYear(R"((?i)^(tháng\s+\d{1,2}|quý\s+\w+)\s*\(\s*năm\s+(\d{4})\s*\)$)");
  std::string head, year;
  if (RE2::FullMatch(p, kBracketYear, &head, &year)) p = head + "/" + year;
  auto parsed = ParseDeadlineText(p);
  if (parsed.ok()) {
    Deadline d = std::move(parsed.value());
    d.text = TrimPunct(text::CollapseWhitespace(phrase));
    return d;
  }
  static const RE2 kMonthOnly(R"((?i)^(?:trước\s+|trong\s+|đến\s+)?tháng\s+(\d{1,2})$)");
  static const RE2 kQuarterOnly(R"((?i)^(?:trước\s+|trong\s+|đến\s+)?quý\s+(IV|III|II|I|[1-4])$)");
  std::string a;
  if (default_year > 0 && RE2::FullMatch(p, kMonthOnly, &a)) {
    Deadline d;
    d.kind = DeadlineKind::kMonth;
    d.month = std::stoi(a);
    d.year = default_year;
    d.text = p;
    if (d.month >= 1 && d.month <= 12) return d;
  }
  if (default_year > 0 && RE2::FullMatch(p, kQuarterOnly, &a)) {
    Deadline d;
    d.kind = DeadlineKind::kQuarter;
    d.quarter = QuarterOf(a);
    d.year = default_year;
    d.text = p;
    return d;
  }
  // A phrase holding a clause ("Hoàn thành trước 30/6/2024"): its latest clause.
  auto clauses = FindDatedClauses(p);
  if (!clauses.empty()) {
    std::vector<Deadline> ds;
    for (auto& c : clauses) ds.push_back(c.deadline);
    return LatestDeadline(ds);
  }
  return std::nullopt;
}
}  // namespace

int PlausibleYear(int year) { return year >= 1900 && year <= 2200 ? year : 0; }

std::vector<Target> FindTargets(std::string_view sentence, int default_year) {
  std::vector<Target> out;
  int year = default_year;
  static const RE2 kYear(R"((?i)(?:đến hết năm|hết năm|đến năm|cuối năm|trong năm|năm)\s+(\d{4}))");
  std::string y;
  if (RE2::PartialMatch(sentence, kYear, &y) && PlausibleYear(std::stoi(y))) year = std::stoi(y);
  static const RE2 kTop(R"((?i)(?:nhóm|top)\s+(\d{1,3})\s+(?:nước|quốc gia)(?:\s+dẫn đầu)?)");
  static const RE2 kPercent(
      R"((?i)((?:đạt tỷ lệ|đạt tối thiểu|tối thiểu|đạt từ|đạt trên|đạt|trên|từ|tới|chiếm tối thiểu|chiếm từ|chiếm|ít nhất|không dưới|dưới|tối đa|không quá|lên)\s+)?)"
      R"((\d{1,3}(?:[.,]\d{1,2})?)(?:\s*[-–]\s*(\d{1,3}(?:[.,]\d{1,2})?))?\s*%(\s*GDP)?)");
  struct Hit {
    Target t;
    size_t b, e;
  };
  std::vector<Hit> hits;
  ForEachMatch(kTop, sentence, [&](const Groups& g, size_t b, size_t e) {
    Target t;
    t.comparator = Comparator::kTop;
    t.value = ToInt(g[1]);
    t.unit = "rank";
    t.year = year;
    t.text = std::string(sentence.substr(b, e - b));
    hits.push_back({t, b, e});
  });
  ForEachMatch(kPercent, sentence, [&](const Groups& g, size_t b, size_t e) {
    auto a = ReadVietnameseNumber(Str(g[2]));
    if (!a) return;
    Target t;
    t.unit = g[4].data() != nullptr && !g[4].empty() ? "share_of_gdp" : "%";
    t.year = year;
    t.text = TrimPunct(std::string(sentence.substr(b, e - b)));
    const std::string lead = text::Fold(Str(g[1]));
    t.value = *a;
    if (g[3].data() != nullptr && !g[3].empty()) {
      auto hi = ReadVietnameseNumber(Str(g[3]));
      if (!hi) return;
      t.comparator = Comparator::kRange;
      t.value_to = *hi;
    } else if (lead.starts_with("tren") || lead.starts_with("dat tren")) {
      t.comparator = Comparator::kGt;
    } else if (lead.starts_with("duoi")) {
      t.comparator = Comparator::kLt;
    } else if (lead.starts_with("toi da") || lead.starts_with("khong qua")) {
      t.comparator = Comparator::kLe;
    } else {
      t.comparator = Comparator::kGe;
    }
    hits.push_back({t, b, e});
  });
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.b < b.b; });
  for (size_t k = 0; k < hits.size(); ++k) {
    Target t = hits[k].t;
    if (hits.size() > 1) {
      // Several figures: each qualifies the words after it, up to the next figure or ';'.
      const size_t end = k + 1 < hits.size() ? hits[k + 1].b : sentence.size();
      std::string clause(sentence.substr(hits[k].e, end - hits[k].e));
      clause = clause.substr(0, clause.find(';'));
      clause = TrimPunct(text::CollapseWhitespace(clause));
      static const RE2 kTrailingAnd(R"((?i)[\s,;.]*(?:\bvà\b)?[\s,;.]*$)");
      RE2::Replace(&clause, kTrailingAnd, "");
      t.qualifier = clause;
    }
    // A figure no target can hold ("tăng 150%" of a share) stays in the text, unparsed.
    if (!ValidateTarget(t, "").ok()) continue;
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<std::string> ReadNumberLine(std::string_view line) {
  static const RE2 kNumber(R"((?i)^\s*Số\s*:?\s*([0-9]*)\s*(/\s*[\p{L}\p{N}&\-/.]+)\s*$)");
  std::string n, rest;
  if (!RE2::FullMatch(line, kNumber, &n, &rest)) return std::nullopt;
  rest.erase(std::remove(rest.begin(), rest.end(), ' '), rest.end());
  if (n.empty()) return std::string();
  return n + rest;
}

std::optional<PlaceDate> ReadPlaceDateLine(std::string_view line) {
  static const RE2 kPlaceDate(
      R"((?i)^\s*([^,0-9]+),\s*ngày\s*(\d{0,2})\s*tháng\s*(\d{0,2})\s*năm\s*(\d{4})\s*\.?$)");
  std::string place, d, m, y;
  if (!RE2::FullMatch(line, kPlaceDate, &place, &d, &m, &y)) return std::nullopt;
  PlaceDate pd;
  pd.place = TrimPunct(place);
  pd.year = PlausibleYear(std::stoi(y));
  if (pd.year == 0) return std::nullopt;
  if (!d.empty() && !m.empty()) {
    pd.date = PlausibleDate(pd.year, std::stoi(m), std::stoi(d));
  }
  return pd;
}

}  // namespace dxgov::importer
