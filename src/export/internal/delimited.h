// Field quoting shared by the CSV and JSON exports. Private to src/export.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace dxgov::exporting::internal {

// The UTF-8 byte-order mark Excel needs to read a CSV file's Vietnamese right.
inline constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
std::string CsvField(const std::string& s);
// One CSV record ending in CRLF.
void CsvRecord(std::ostream& out, const std::vector<std::string>& fields);
// A JSON string literal, quotes included.
std::string JsonString(const std::string& s);

}  // namespace dxgov::exporting::internal
