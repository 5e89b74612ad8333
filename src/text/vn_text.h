// Vietnamese text handling shared by every layer: Unicode normalisation, the
// case- and diacritic-insensitive "fold" used for search, Vietnamese collation keys for
// sorting (d < đ < e), and ASCII slugs for identifiers. Backed by ICU; no I/O.
//
// All functions take and return UTF-8. Invalid UTF-8 never crashes: IsValidUtf8 tells,
// and the other functions replace bad sequences with U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace dxgov::text {

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Unicode NFC, the form every stored text is kept in.
std::string Nfc(std::string_view s);

// Unicode NFD: letters and their diacritics as separate code points, as some PDF and macOS
// tools write Vietnamese.
std::string Nfd(std::string_view s);

// Lower case, diacritics removed, đ/Đ -> d, runs of whitespace collapsed to one space,
// trimmed. "Thành phố Hà Nội" -> "thanh pho ha noi"; "ĐÀ NẴNG" -> "da nang".
std::string Fold(std::string_view s);

// Whether the first character is a lower-case letter ("đã", "ừ"; not "Đ", "1", "(").
bool StartsLowercase(std::string_view s);

// Whether any character is a lower-case letter: false for "CHUYỂN ĐỔI SỐ" and "2.1".
bool HasLowercase(std::string_view s);

// Unicode lower case, diacritics kept: "Bộ Tài Nguyên" -> "bộ tài nguyên".
std::string ToLower(std::string_view s);

// Unicode upper case, diacritics kept: "Ủy ban Quốc gia" -> "ỦY BAN QUỐC GIA" (the issuing
// body's line of an official letterhead).
std::string ToUpper(std::string_view s);

// Collapses runs of Unicode whitespace into single spaces and trims both ends.
std::string CollapseWhitespace(std::string_view s);

// A byte string whose memcmp order is Vietnamese alphabetical order (ICU "vi" collator,
// digits compared as numbers): "Dương" < "Đà Nẵng" < "Em", and "II.9" < "II.10".
// Suitable for a SQLite BLOB column compared with memcmp.
std::string SortKey(std::string_view s);

// An ASCII identifier: Fold, then every run of non [a-z0-9] becomes '-', trimmed.
std::string Slug(std::string_view s);

}  // namespace dxgov::text
