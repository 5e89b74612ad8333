#include "core/deadline.h"

#include <array>
#include <regex>

#include "text/vn_text.h"

namespace dxgov {
namespace {

constexpr std::array<const char*, 7> kKindNames = {"date", "month", "quarter", "year",
                                                   "span", "recurring", "own_plan"};

int RomanOrArabic(const std::string& s) {
  if (s.empty()) return 0;
  if (s[0] >= '0' && s[0] <= '9') return std::stoi(s);
  static const std::array<const char*, 4> kRoman = {"i", "ii", "iii", "iv"};
  for (size_t i = 0; i < kRoman.size(); ++i)
    if (s == kRoman[i]) return static_cast<int>(i) + 1;
  return 0;
}

Error BadText(const std::string& path, std::string_view text) {
  return InvalidArgument(path, "unrecognised deadline phrase",
                         "Không nhận dạng được thời hạn \"" + std::string(text) + "\"");
}

bool DayExistsSomeYear(int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 &&
         static_cast<unsigned>(day) <= static_cast<unsigned>(LastDayOfMonth(2024, static_cast<unsigned>(month)).day());
}

}  // namespace

const char* DeadlineKindName(DeadlineKind k) { return kKindNames[static_cast<size_t>(k)]; }

std::optional<DeadlineKind> ParseDeadlineKind(std::string_view s) {
  for (size_t i = 0; i < kKindNames.size(); ++i)
    if (s == kKindNames[i]) return static_cast<DeadlineKind>(i);
  return std::nullopt;
}

Status ValidateDeadline(const Deadline& d, const std::string& p) {
  std::vector<FieldError> errs;
  auto year_ok = [](int y) { return y >= 1900 && y <= 2200; };
  switch (d.kind) {
    case DeadlineKind::kDate:
      if (!d.date) errs.push_back({p + "/date", "required for kind date (YYYY-MM-DD)"});
      break;
    case DeadlineKind::kMonth:
      if (!year_ok(d.year)) errs.push_back({p + "/year", "required, 1900..2200"});
      if (d.month < 1 || d.month > 12) errs.push_back({p + "/month", "required, 1..12"});
      break;
    case DeadlineKind::kQuarter:
      if (!year_ok(d.year)) errs.push_back({p + "/year", "required, 1900..2200"});
      if (d.quarter < 1 || d.quarter > 4) errs.push_back({p + "/quarter", "required, 1..4"});
      break;
    case DeadlineKind::kYear:
      if (!year_ok(d.year)) errs.push_back({p + "/year", "required, 1900..2200"});
      break;
    case DeadlineKind::kSpan:
      if (!year_ok(d.year)) errs.push_back({p + "/year", "required, 1900..2200"});
      if (!year_ok(d.year_to) || d.year_to < d.year)
        errs.push_back({p + "/year_to", "required, not before year"});
      break;
    case DeadlineKind::kRecurring:
      if (!DayExistsSomeYear(d.month, d.day)) errs.push_back({p + "/month", "month and day must form a calendar day"});
      if (d.year != 0 && !year_ok(d.year)) errs.push_back({p + "/year", "0 or 1900..2200"});
      break;
    case DeadlineKind::kOwnPlan:
      break;
  }
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Thời hạn không hợp lệ", "invalid deadline", std::move(errs));
}

namespace {
Result<Deadline> ReadPhrase(std::string_view raw, const std::string& path);
}  // namespace

// Whatever the phrase says, the result must be a deadline the domain accepts
// ("đến hết năm 4044" is read, then refused like any year outside 1900..2200).
Result<Deadline> ParseDeadlineText(std::string_view raw, const std::string& path) {
  DX_ASSIGN_OR_RETURN(Deadline d, ReadPhrase(raw, path));
  if (!ValidateDeadline(d, "/deadline").ok()) return BadText(path, raw);
  return d;
}

namespace {
Result<Deadline> ReadPhrase(std::string_view raw, const std::string& path) {
  const std::string original = text::CollapseWhitespace(text::Nfc(raw));
  std::string f = text::Fold(original);
  while (!f.empty() && (f.back() == '.' || f.back() == ';' || f.back() == ',')) f.pop_back();
  Deadline d;
  d.text = original;
  while (!d.text.empty() && (d.text.back() == '.' || d.text.back() == ';')) d.text.pop_back();
  std::smatch m;
  using std::regex;
  static const regex kOwnPlan(R"(^theo (ke hoach|lo trinh)( cu the)?( cua .*)?$)");
  static const regex kRecurring(
      R"(^(?:truoc |den |cham nhat |vao |ngay )*(\d{1,2})(?: thang |/)(\d{1,2}) hang nam$)");
  static const regex kRecurring2(R"(^hang nam,? (?:truoc|den|cham nhat|vao)(?: ngay)? (\d{1,2})(?: thang |/)(\d{1,2})$)");
  static const regex kDate(R"(^(?:truoc |den |cham nhat |trong )*(?:ngay )?(\d{1,2})(?: thang |/|-|\.)(\d{1,2})(?: nam |/|-|\.)(\d{4})$)");
  static const regex kIso(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  static const regex kMonth(R"(^(?:truoc |den |trong |cuoi |den het )*thang (\d{1,2})(?:/| nam )(\d{4})$)");
  static const regex kMonthShort(R"(^(\d{1,2})/(\d{4})$)");
  static const regex kQuarter(R"(^(?:truoc |den |trong |cuoi |den het )*quy (i|ii|iii|iv|1|2|3|4)(?:/| nam )(\d{4})$)");
  static const regex kSpan(R"(^(?:giai doan |nam |trong |tu nam )*(\d{4}) ?(?:-|–|den|den nam) ?(\d{4})$)");
  static const regex kYear(R"(^(?:truoc |den |trong |cuoi |den het |het |trong nam |nam )*(?:nam )?(\d{4})$)");
  // Both "hàng năm" and "hằng năm" fold to "hang nam".
  if (std::regex_match(f, m, kOwnPlan)) {
    d.kind = DeadlineKind::kOwnPlan;
    return d;
  }
  if (std::regex_match(f, m, kRecurring) || std::regex_match(f, m, kRecurring2)) {
    d.kind = DeadlineKind::kRecurring;
    d.day = std::stoi(m[1].str());
    d.month = std::stoi(m[2].str());
    if (!DayExistsSomeYear(d.month, d.day)) return BadText(path, raw);
    return d;
  }
  if (std::regex_match(f, m, kIso)) {
    auto date = ParseIsoDate(f);
    if (!date) return BadText(path, raw);
    d.kind = DeadlineKind::kDate;
    d.date = date;
    return d;
  }
  if (std::regex_match(f, m, kDate)) {
    Date date = MakeDate(std::stoi(m[3].str()), static_cast<unsigned>(std::stoi(m[2].str())),
                         static_cast<unsigned>(std::stoi(m[1].str())));
    if (!date.ok()) return BadText(path, raw);
    d.kind = DeadlineKind::kDate;
    d.date = date;
    return d;
  }
  if (std::regex_match(f, m, kMonth) || std::regex_match(f, m, kMonthShort)) {
    d.kind = DeadlineKind::kMonth;
    d.month = std::stoi(m[1].str());
    d.year = std::stoi(m[2].str());
    if (d.month < 1 || d.month > 12) return BadText(path, raw);
    return d;
  }
  if (std::regex_match(f, m, kQuarter)) {
    d.kind = DeadlineKind::kQuarter;
    d.quarter = RomanOrArabic(m[1].str());
    d.year = std::stoi(m[2].str());
    return d;
  }
  if (std::regex_match(f, m, kSpan)) {
    d.kind = DeadlineKind::kSpan;
    d.year = std::stoi(m[1].str());
    d.year_to = std::stoi(m[2].str());
    if (d.year_to < d.year) return BadText(path, raw);
    return d;
  }
  if (std::regex_match(f, m, kYear)) {
    d.kind = DeadlineKind::kYear;
    d.year = std::stoi(m[1].str());
    return d;
  }
  return BadText(path, raw);
}
}  // namespace

std::optional<Date> FixedDueDate(const Deadline& d) {
  switch (d.kind) {
    case DeadlineKind::kDate: return d.date;
    case DeadlineKind::kMonth: return LastDayOfMonth(d.year, static_cast<unsigned>(d.month));
    case DeadlineKind::kQuarter: return LastDayOfMonth(d.year, static_cast<unsigned>(d.quarter * 3));
    case DeadlineKind::kYear: return MakeDate(d.year, 12, 31);
    case DeadlineKind::kSpan: return MakeDate(d.year_to, 12, 31);
    case DeadlineKind::kRecurring:
    case DeadlineKind::kOwnPlan: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Date> OccurrenceDue(const Deadline& d, int year) {
  if (d.kind != DeadlineKind::kRecurring) return std::nullopt;
  if (d.year != 0 && year < d.year) return std::nullopt;
  Date date = MakeDate(year, static_cast<unsigned>(d.month), static_cast<unsigned>(d.day));
  if (!date.ok()) date = LastDayOfMonth(year, static_cast<unsigned>(d.month));  // 29/2 in a common year
  return date;
}

std::optional<Date> GoverningDue(const Deadline& d, Date as_of) {
  if (d.kind == DeadlineKind::kRecurring) return OccurrenceDue(d, YearOf(as_of));
  return FixedDueDate(d);
}

const char* TimelinessName(Timeliness t) {
  static constexpr std::array<const char*, 6> k = {"on_time", "due_soon", "overdue",
                                                   "done_on_time", "done_late", "no_deadline"};
  return k[static_cast<size_t>(t)];
}
const char* TimelinessLabelVi(Timeliness t) {
  static constexpr std::array<const char*, 6> k = {"Trong hạn", "Sắp đến hạn", "Quá hạn",
                                                   "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
                                                   "Không có thời hạn"};
  return k[static_cast<size_t>(t)];
}
const char* TimelinessLabelEn(Timeliness t) {
  static constexpr std::array<const char*, 6> k = {"On time", "Due soon", "Overdue", "Done on time",
                                                   "Done late", "No deadline"};
  return k[static_cast<size_t>(t)];
}
std::optional<Timeliness> ParseTimeliness(std::string_view s) {
  for (int i = 0; i < 6; ++i)
    if (s == TimelinessName(static_cast<Timeliness>(i))) return static_cast<Timeliness>(i);
  return std::nullopt;
}

std::optional<Timeliness> JudgeTimeliness(const Deadline* deadline, std::optional<Date> completed_on,
                                          bool cancelled, Date as_of, int due_soon_days) {
  if (cancelled) return std::nullopt;
  if (completed_on && *completed_on > as_of) completed_on.reset();  // not yet done on as_of
  if (deadline == nullptr || deadline->kind == DeadlineKind::kOwnPlan) return Timeliness::kNoDeadline;
  std::optional<Date> due;
  if (deadline->kind == DeadlineKind::kRecurring) {
    due = OccurrenceDue(*deadline, YearOf(as_of));
    if (!due) return Timeliness::kOnTime;  // the recurrence starts in a later year
    if (completed_on && YearOf(*completed_on) != YearOf(as_of)) completed_on.reset();
  } else {
    due = FixedDueDate(*deadline);
    if (!due) return Timeliness::kNoDeadline;
  }
  if (completed_on) return *completed_on <= *due ? Timeliness::kDoneOnTime : Timeliness::kDoneLate;
  const int left = DaysBetween(as_of, *due);
  if (left < 0) return Timeliness::kOverdue;
  if (left <= due_soon_days) return Timeliness::kDueSoon;
  return Timeliness::kOnTime;
}

}  // namespace dxgov
