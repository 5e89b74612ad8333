// A plan document's text as converters deliver it, turned into numbered blocks.
//
// Input: Markdown or plain UTF-8 (precomposed or decomposed; normalised to NFC), with
// headings marked by '#' or '**' or not at all, HTML-ish markup from converters (<b>, <p>,
// <i>, <sup>, [bookmark: ...]), tab-separated or '|' tables, and PDF-extracted text: hard
// line breaks inside sentences, page numbers between lines, table rows continued on the
// next line with an empty first cell.
//
// Output: blocks, one per paragraph or table row, each with the marker that opens it
// (a Roman or Arabic number, a letter, "(1)", a bullet, or a label such as "Thời gian hoàn
// thành:") and the source lines it spans. Numbering, never heading depth, decides the outline.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace dxgov::importer {

inline constexpr size_t kMaxPlanDocumentBytes = 8u << 20;  // 8 MiB

struct SourceLine {
  int number = 0;            // 1-based
  std::string text;          // markup removed, whitespace collapsed; "" for a blank line
  bool emphasised = false;   // a heading ('#') or a line bold as a whole
  bool page_number = false;  // a bare page number between lines: ignored
  std::vector<std::string> cells;  // a table row's cells, markup removed; empty otherwise
  std::vector<bool> bold_cells;    // whether each cell was bold as a whole
};

// Splits, normalises and cleans. REQUIRES nothing. Errors: kInvalidArgument for empty
// input (no text at all) or bytes that are not UTF-8 (naming the line);
// kPayloadTooLarge above `max_bytes`.
Result<std::vector<SourceLine>> ReadSourceLines(std::string_view bytes, size_t max_bytes = kMaxPlanDocumentBytes);

enum class MarkerKind {
  kNone,
  kRoman,        // "II." "IV -" "V"   value "II"
  kUpperLetter,  // "A-" "B."          value "A"
  kArabic,       // "3." "2.1." "10)"  value "3", "2.1"
  kLetter,       // "a)" "đ)" "b."     value "a"
  kParen,        // "(1)"              value "1"
  kBullet,       // "-" "–" "•" "+"    value "-"
  kLabel,        // "Thời gian hoàn thành:"  value: the label as written, without ':'
};

struct Block {
  int first_line = 0;
  int last_line = 0;
  MarkerKind marker = MarkerKind::kNone;
  std::string value;   // the marker's value (see MarkerKind)
  std::string text;    // the text after the marker (after the ':' for a label)
  bool emphasised = false;
  bool table_row = false;
  std::vector<std::string> cells;  // table rows only
  std::vector<bool> bold_cells;
};

// Paragraphs from lines: a line that continues a sentence (the previous one ends without
// . ; : ! ? and this one opens with a lower-case letter, or the previous one is a label
// with nothing after its ':') joins the previous block, across blank lines and page
// numbers. Table rows with an empty first cell continue the row above, cell by cell.
std::vector<Block> MakeBlocks(const std::vector<SourceLine>& lines);

// The marker that opens `text`, and the rest. A bare numeral ("V Công tác") or a capital
// letter ("A- KHÁI QUÁT") opens an item only in an emphasised line or cell.
struct MarkerReading {
  MarkerKind kind = MarkerKind::kNone;
  std::string value;
  std::string rest;
};
MarkerReading ReadMarker(std::string_view text, bool emphasised = false);

// Roman numeral value 1..39, or 0 when `s` is not one.
int RomanValue(std::string_view s);

}  // namespace dxgov::importer
