// Figures from CSV files as Vietnamese offices write them (Excel exports, hand-made sheets).
//
// Accepted: UTF-8 with or without a BOM (anything else is refused, naming the row of the
// first bad byte); LF or CRLF; the delimiter the header uses (comma, semicolon or tab);
// RFC 4180 quoting. Headers in Vietnamese or English, any case, with or without
// diacritics: Mã chỉ tiêu/indicator, Đơn vị/Mã đơn vị/unit, Kỳ/Kỳ báo cáo/period,
// Giá trị/value, and optionally Ước tính/estimated, Trạng thái/status, Ghi chú/note.
// Numbers follow one declared rule for the whole file:
//   kVietnamese: decimal comma, '.' between thousands ("85,5", "150.000", "1.234.567,8");
//   kInternational: decimal point, ',' between thousands ("85.5", "150,000").
// A number that only makes sense under the other rule ("85.5" in a Vietnamese file), or
// thousands groups that are not three digits ("1.23"), is refused as ambiguous.
//
// Pure: no I/O, no registry. The caller resolves units, validates figures against their
// indicators and decides what to write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "core/status.h"

namespace dxgov::importer {

enum class NumberFormat { kVietnamese, kInternational };
std::optional<NumberFormat> ParseNumberFormat(std::string_view s);  // "vi", "en"

// One number by the declared rule; an error reason otherwise.
struct NumberReading {
  std::optional<double> value;
  std::string error;  // English reason when !value
};
NumberReading ReadNumber(std::string_view text, NumberFormat format);

// A data row as read: the unit as written (id, code or name; resolved later).
struct CsvValueRow {
  int row = 0;              // 1-based line number in the file (the header is row 1)
  DataValue value;          // indicator, period, value, estimated, status, note
  std::string unit_text;    // as written; "" or "Toàn quốc"/"national" = the country
};

struct CsvProblem {
  int row = 0;
  std::string column;       // the header as written ("" for the whole row or file)
  std::string reason;       // English
};

struct CsvValues {
  std::vector<CsvValueRow> rows;       // rows read without problems
  std::vector<CsvProblem> problems;    // one per bad cell or row, in file order
};

// REQUIRES: nothing. File-level problems (encoding, missing headers) come back as an Error
// naming the row (kInvalidArgument); cell-level problems in CsvValues::problems.
Result<CsvValues> ReadValuesCsv(std::string_view text, NumberFormat format);

}  // namespace dxgov::importer
