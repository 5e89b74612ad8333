#include "importer/values_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "text/vn_text.h"

namespace dxgov::importer {
namespace {

enum class Column { kIndicator, kUnit, kPeriod, kValue, kEstimated, kStatus, kNote };

// Folded header -> column. Folding drops case and diacritics ("Mã chỉ tiêu" -> "ma chi tieu").
const std::map<std::string, Column>& HeaderNames() {
  static const std::map<std::string, Column> kNames = {
      {"ma chi tieu", Column::kIndicator}, {"chi tieu", Column::kIndicator}, {"indicator", Column::kIndicator},
      {"ma don vi", Column::kUnit},        {"don vi", Column::kUnit},        {"unit", Column::kUnit},
      {"ky", Column::kPeriod},             {"ky bao cao", Column::kPeriod},  {"period", Column::kPeriod},
      {"gia tri", Column::kValue},         {"so lieu", Column::kValue},      {"value", Column::kValue},
      {"uoc tinh", Column::kEstimated},    {"estimated", Column::kEstimated},
      {"trang thai", Column::kStatus},     {"status", Column::kStatus},
      {"ghi chu", Column::kNote},          {"note", Column::kNote},
  };
  return kNames;
}

std::string Trim(std::string_view s) {
  auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  // A no-break space (Excel's thousands separator in some locales) at either end.
  while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
  while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
  return std::string(s);
}

// Records of the file with the line each starts on; RFC 4180 quoting.
struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

std::vector<Record> SplitRecords(std::string_view text, char delim) {
  std::vector<Record> out;
  Record cur;
  std::string field;
  int line = 1;
  cur.line = 1;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && Trim(field).empty()) {
      field.clear();
      quoted = true;
      any = true;
    } else if (c == delim) {
      cur.fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n') {
      cur.fields.push_back(std::move(field));
      field.clear();
      out.push_back(std::move(cur));
      cur = Record{};
      cur.line = ++line;
      any = false;
    } else {
      field.push_back(c);
      if (c != '\r') any = true;
    }
  }
  if (any || !field.empty()) {
    cur.fields.push_back(std::move(field));
    out.push_back(std::move(cur));
  }
  return out;
}

char DetectDelimiter(std::string_view first_line) {
  size_t best = 0;
  char delim = ',';
  for (char c : {',', ';', '\t'}) {
    const size_t n = static_cast<size_t>(std::count(first_line.begin(), first_line.end(), c));
    if (n > best) {
      best = n;
      delim = c;
    }
  }
  return delim;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<bool> ReadYesNo(const std::string& s) {
  const std::string f = text::Fold(s);
  if (f.empty() || f == "0" || f == "khong" || f == "no" || f == "false") return false;
  if (f == "x" || f == "1" || f == "co" || f == "yes" || f == "true" || f == "uoc tinh") return true;
  return std::nullopt;
}

std::optional<ValueStatus> ReadStatus(const std::string& s) {
  const std::string f = text::Fold(s);
  if (f.empty()) return ValueStatus::kSubmitted;
  if (f == "draft" || f == "nhap" || f == "ban nhap") return ValueStatus::kDraft;
  if (f == "submitted" || f == "da gui" || f == "gui") return ValueStatus::kSubmitted;
  if (f == "approved" || f == "da duyet" || f == "duyet" || f == "da phe duyet") return ValueStatus::kApproved;
  return std::nullopt;
}

}  // namespace

std::optional<NumberFormat> ParseNumberFormat(std::string_view s) {
  if (s == "vi") return NumberFormat::kVietnamese;
  if (s == "en") return NumberFormat::kInternational;
  return std::nullopt;
}

NumberReading ReadNumber(std::string_view raw, NumberFormat format) {
  std::string s = Trim(raw);
  const char dec = format == NumberFormat::kVietnamese ? ',' : '.';
  const char thou = format == NumberFormat::kVietnamese ? '.' : ',';
  const std::string rule = format == NumberFormat::kVietnamese ? "this file writes 85,5 and 150.000"
                                                               : "this file writes 85.5 and 150,000";
  if (s.empty()) return {std::nullopt, "empty"};
  // Spaces and no-break spaces between thousands are allowed in both rules.
  std::string t;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "\xC2\xA0") == 0) {
      t.push_back(' ');
      ++i;
    } else {
      t.push_back(s[i]);
    }
  }
  if (!t.empty() && t.back() == '%') {
    t.pop_back();
    t = Trim(t);
  }
  bool negative = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    negative = t[0] == '-';
    t.erase(0, 1);
  }
  if (t.empty() || !std::all_of(t.begin(), t.end(), [&](char c) { return (c >= '0' && c <= '9') || c == dec || c == thou || c == ' '; }))
    return {std::nullopt, "not a number (" + rule + ")"};
  if (std::count(t.begin(), t.end(), dec) > 1)
    return {std::nullopt, std::string("ambiguous: '") + dec + "' appears twice (" + rule + ")"};
  const size_t d = t.find(dec);
  const std::string whole = t.substr(0, d);
  const std::string frac = d == std::string::npos ? "" : t.substr(d + 1);
  if (d != std::string::npos && !AllDigits(frac))
    return {std::nullopt, "ambiguous: separators after the decimal mark (" + rule + ")"};
  // Thousands groups: the first of 1-3 digits, the others of exactly 3.
  std::string digits;
  std::vector<std::string> groups;
  std::string g;
  for (char c : whole) {
    if (c == thou || c == ' ') {
      groups.push_back(g);
      g.clear();
    } else {
      g.push_back(c);
    }
  }
  groups.push_back(g);
  for (size_t i = 0; i < groups.size(); ++i) {
    const bool ok = AllDigits(groups[i]) && (groups.size() == 1 || (i == 0 ? groups[i].size() <= 3 : groups[i].size() == 3));
    if (!ok) return {std::nullopt, "ambiguous: '" + std::string(raw) + "' does not fit the declared rule (" + rule + ")"};
    digits += groups[i];
  }
  std::string normal = digits + (frac.empty() ? "" : "." + frac);
  double v = 0;
  auto [p, ec] = std::from_chars(normal.data(), normal.data() + normal.size(), v);
  if (ec != std::errc() || p != normal.data() + normal.size() || !std::isfinite(v))
    return {std::nullopt, "not a number (" + rule + ")"};
  return {negative ? -v : v, ""};
}

Result<CsvValues> ReadValuesCsv(std::string_view text, NumberFormat format) {
  if (text.size() >= 2 && (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF"))
    return InvalidArgument("/file", "UTF-16 is not accepted; save as CSV UTF-8",
                           "Tệp được lưu dạng UTF-16; hãy lưu lại dạng CSV UTF-8");
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // The first bad byte, by line, before anything else is read.
  {
    size_t start = 0;
    int line = 1;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      if (!text::IsValidUtf8(text.substr(start, nl - start)))
        return InvalidArgument("/rows/" + std::to_string(line),
                               "row " + std::to_string(line) + " is not UTF-8 (other encodings are not accepted)",
                               "Dòng " + std::to_string(line) + " không phải UTF-8; hãy lưu tệp dạng CSV UTF-8");
      if (nl == text.size()) break;
      start = nl + 1;
      ++line;
    }
  }
  const std::string_view first_line = text.substr(0, text.find('\n'));
  const std::vector<Record> records = SplitRecords(text, DetectDelimiter(first_line));
  if (records.empty()) return InvalidArgument("/rows/1", "empty file", "Tệp rỗng");

  // The header.
  const Record& head = records[0];
  std::map<Column, size_t> at;
  std::vector<std::string> names;
  std::vector<FieldError> header_errors;
  for (size_t i = 0; i < head.fields.size(); ++i) {
    const std::string name = Trim(head.fields[i]);
    names.push_back(name);
    auto it = HeaderNames().find(text::Fold(text::CollapseWhitespace(name)));
    if (it == HeaderNames().end()) {
      if (!name.empty()) header_errors.push_back({"/rows/1/" + name, "unknown column"});
      continue;
    }
    if (!at.emplace(it->second, i).second) header_errors.push_back({"/rows/1/" + name, "column given twice"});
  }
  for (auto [col, label] : {std::pair{Column::kIndicator, "Mã chỉ tiêu"}, std::pair{Column::kUnit, "Đơn vị"},
                            std::pair{Column::kPeriod, "Kỳ"}, std::pair{Column::kValue, "Giá trị"}})
    if (!at.count(col)) header_errors.push_back({"/rows/1", std::string("missing column ") + label});
  if (!header_errors.empty())
    return Error(ErrorCode::kInvalidArgument, "Dòng tiêu đề của tệp CSV không hợp lệ", "invalid CSV header",
                 std::move(header_errors));

  CsvValues out;
  for (size_t r = 1; r < records.size(); ++r) {
    const Record& rec = records[r];
    if (std::all_of(rec.fields.begin(), rec.fields.end(), [](const std::string& f) { return Trim(f).empty(); }))
      continue;
    const size_t before = out.problems.size();
    if (rec.fields.size() != head.fields.size()) {
      out.problems.push_back({rec.line, "", "expected " + std::to_string(head.fields.size()) + " columns, found " +
                                                std::to_string(rec.fields.size())});
      continue;
    }
    auto cell = [&](Column c) { return Trim(rec.fields[at.at(c)]); };
    auto problem = [&](Column c, std::string reason) { out.problems.push_back({rec.line, names[at.at(c)], std::move(reason)}); };
    CsvValueRow row;
    row.row = rec.line;
    row.value.indicator = cell(Column::kIndicator);
    std::transform(row.value.indicator.begin(), row.value.indicator.end(), row.value.indicator.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    if (!IsValidIndicatorCode(row.value.indicator)) problem(Column::kIndicator, "not an indicator code");
    row.unit_text = text::Nfc(cell(Column::kUnit));
    if (auto p = ParsePeriodVi(cell(Column::kPeriod))) row.value.period = *p;
    else problem(Column::kPeriod, "not a period (2022, 2022-Q1, 2022-03, Quý I/2022, Tháng 3/2022)");
    NumberReading n = ReadNumber(cell(Column::kValue), format);
    if (n.value) row.value.value = *n.value;
    else problem(Column::kValue, n.error);
    if (at.count(Column::kEstimated)) {
      if (auto e = ReadYesNo(cell(Column::kEstimated))) row.value.estimated = *e;
      else problem(Column::kEstimated, "x, có or 1 for an estimate; empty, không or 0 otherwise");
    }
    if (at.count(Column::kStatus)) {
      if (auto s = ReadStatus(cell(Column::kStatus))) row.value.status = *s;
      else problem(Column::kStatus, "nháp, đã gửi or đã duyệt (draft, submitted, approved)");
    }
    if (at.count(Column::kNote)) {
      row.value.note = text::Nfc(cell(Column::kNote));
      if (row.value.note.size() > 2000) problem(Column::kNote, "at most 2000 bytes");
    }
    if (out.problems.size() == before) out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace dxgov::importer
