#include "importer/plan/document_text.h"

#include <re2/re2.h>

#include <algorithm>

#include "text/vn_text.h"

namespace dxgov::importer {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  if (s.find(from) == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(s, pos, hit - pos);
    out.append(to);
  }
  out.append(s, pos, std::string::npos);
  s = std::move(out);
}

// Whether the whole of `s` is wrapped in bold markup (** ... ** or <b> ... </b>, possibly
// inside <p>), ignoring whitespace.
bool WhollyBold(std::string_view s) {
  // Paragraph tags around the text do not count: "<p><b>...</b></p>".
  s = Trim(s);
  for (bool more = true; more;) {
    more = false;
    if (s.starts_with("<p>")) {
      s = Trim(s.substr(3));
      more = true;
    }
    if (s.ends_with("</p>")) {
      s = Trim(s.substr(0, s.size() - 4));
      more = true;
    }
  }
  auto wrapped = [&](std::string_view open, std::string_view close) {
    return s.size() > open.size() + close.size() && s.substr(0, open.size()) == open &&
           s.substr(s.size() - close.size()) == close;
  };
  if (wrapped("<b>", "</b>")) return s.find("</b>") == s.size() - 4;
  if (wrapped("**", "**")) return true;
  return false;
}

// Markup removed from one line or cell; whitespace collapsed.
std::string CleanInline(std::string_view raw) {
  std::string s(raw);
  static const RE2 kBookmark(R"(\[bookmark:[^\]]*\])");
  static const RE2 kSup(R"((?i)<sup>[^<]{0,12}</sup>)");
  static const RE2 kBlockTag(R"((?i)</?(?:p|br|div|li|ul|ol|tr|td|th|table)\b[^>]{0,80}>)");
  static const RE2 kInlineTag(R"((?i)</?(?:b|i|u|em|strong|sub|sup|span|font|a)\b[^>]{0,200}>)");
  static const RE2 kAutoLink(R"(<(https?://[^>\s]{1,500})>)");
  static const RE2 kLink(R"(\[([^\]]{0,500})\]\(([^)\s]{0,500})\))");
  static const RE2 kEscape(R"(\\([-.*_()\[\]#+!>`]))");
  // Every pattern above starts with '[', '<' or '\\'; most lines of a document have none.
  if (s.find_first_of("[<\\") != std::string::npos) {
    RE2::GlobalReplace(&s, kBookmark, "");
    RE2::GlobalReplace(&s, kSup, "");
    RE2::GlobalReplace(&s, kBlockTag, " ");
    RE2::GlobalReplace(&s, kInlineTag, "");
    RE2::GlobalReplace(&s, kAutoLink, "\\1");
    RE2::GlobalReplace(&s, kLink, "\\1");
    RE2::GlobalReplace(&s, kEscape, "\\1");
  }
  ReplaceAll(s, "&nbsp;", " ");
  ReplaceAll(s, "&amp;", "&");
  ReplaceAll(s, "&lt;", "<");
  ReplaceAll(s, "&gt;", ">");
  ReplaceAll(s, "&quot;", "\"");
  ReplaceAll(s, "&#39;", "'");
  ReplaceAll(s, "\xC2\xA0", " ");  // no-break space
  ReplaceAll(s, "\xE2\x80\x8B", "");  // zero-width space
  // Emphasis: "**", "__" and lone '*' around words. A leading "* " is a bullet.
  bool star_bullet = false;
  {
    std::string_view t = Trim(s);
    if (t.size() >= 2 && t[0] == '*' && t[1] == ' ') star_bullet = true;
  }
  s.erase(std::remove(s.begin(), s.end(), '*'), s.end());
  ReplaceAll(s, "__", "");
  std::string out = text::CollapseWhitespace(s);
  if (star_bullet) out.insert(0, "- ");
  return out;
}

bool IsPageNumber(std::string_view t) {
  static const RE2 kPage(R"((?i)^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?$)");
  return RE2::FullMatch(t, kPage);
}

// "Mô tả ngắn gọn: ...", "Cơ quan chủ quản: ...": a short label opening the line.
bool LooksLikeLabel(std::string_view s) {
  static const RE2 kLabelLike(R"(^[^:.;,()]{3,40}:\s)");
  return RE2::PartialMatch(s, kLabelLike);
}

// "TT", "STT": the first cell of a table's header row.
bool IsHeaderCell(const std::string& cell) {
  const std::string f = text::Fold(cell);
  return f == "tt" || f == "stt" || f == "so tt";
}

bool EndsSentence(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return true;
  const char last = s.back();
  return last == '.' || last == ';' || last == ':' || last == '!' || last == '?' || last == ')' ||
         s.ends_with("…") || s.ends_with("”") || s.ends_with("\"");
}

}  // namespace

int RomanValue(std::string_view s) {
  if (s.empty() || s.size() > 6) return 0;
  int total = 0, prev = 0;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    int v = *it == 'I' ? 1 : *it == 'V' ? 5 : *it == 'X' ? 10 : *it == 'L' ? 50 : 0;
    if (v == 0) return 0;
    total += v < prev ? -v : v;
    prev = std::max(prev, v);
  }
  if (total <= 0 || total >= 40) return 0;
  // Canonical form only ("IIII", "VX" are not numerals).
  static const char* kTens[] = {"", "X", "XX", "XXX"};
  static const char* kOnes[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  return std::string(kTens[total / 10]) + kOnes[total % 10] == s ? total : 0;
}

MarkerReading ReadMarker(std::string_view text, bool emphasised) {
  MarkerReading r;
  std::string_view t = Trim(text);
  std::string a, b;
  static const RE2 kLabel(
      R"((?i)^((?:thời gian|thời hạn)(?: hoàn thành| thực hiện| triển khai)?(?: [^:]{1,40})?|)"
      R"((?:đơn vị|cơ quan)(?: chủ trì| phối hợp| thực hiện| đầu mối)[^:]{0,100}|)"
      R"(sản phẩm(?: đầu ra| dự kiến)?|kết quả(?: đầu ra| dự kiến)?|chủ trì|phối hợp))"
      R"(\s*:\s*(.*)$)");
  static const RE2 kRoman(R"(^(?:(?:PHẦN|Phần|MỤC|Mục)\s+)?([IVXL]{1,6}(?:\.\d{1,2})?)(?:[.)]|\s*[-–])(?:\s+(.*))?$)");
  static const RE2 kRomanBare(R"(^([IVXL]{1,6})$)");
  static const RE2 kRomanWord(R"(^([IVXL]{1,6})\s+(\p{Lu}.*)$)");
  static const RE2 kUpper(R"(^([A-H])\s*[-–.)]\s+(.*)$)");
  static const RE2 kArabic(R"(^(\d{1,2}(?:\.\d{1,2}){0,3})[.)](?:\s+(.*))?$)");
  static const RE2 kArabicDotted(R"(^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(.*)$)");
  static const RE2 kLetter(R"(^(?:[-–]\s*)?([a-zđ])\s?[).]\s+(.*)$)");
  static const RE2 kParen(R"(^\((\d{1,2})\)\s*(.*)$)");
  static const RE2 kBullet(R"(^(?:[-–—•+∙·◦▪]|\x{F0B7})\s*(.*)$)");
  auto made = [&](MarkerKind kind, std::string value, std::string rest) {
    r.kind = kind;
    r.value = std::move(value);
    r.rest = std::move(rest);
    return r;
  };
  if (RE2::FullMatch(t, kLabel, &a, &b)) return made(MarkerKind::kLabel, a, b);
  if ((RE2::FullMatch(t, kRoman, &a, &b) || (RE2::FullMatch(t, kRomanBare, &a) && (b.clear(), true))) &&
      RomanValue(a.substr(0, a.find('.'))) > 0) {
    return made(MarkerKind::kRoman, a, b);
  }
  if (emphasised && RE2::FullMatch(t, kRomanWord, &a, &b) && RomanValue(a) > 0) return made(MarkerKind::kRoman, a, b);
  if (emphasised && RE2::FullMatch(t, kUpper, &a, &b)) return made(MarkerKind::kUpperLetter, a, b);
  if (RE2::FullMatch(t, kArabic, &a, &b) || RE2::FullMatch(t, kArabicDotted, &a, &b)) return made(MarkerKind::kArabic, a, b);
  if (RE2::FullMatch(t, kLetter, &a, &b)) return made(MarkerKind::kLetter, a, b);
  if (RE2::FullMatch(t, kParen, &a, &b)) return made(MarkerKind::kParen, a, b);
  if (RE2::FullMatch(t, kBullet, &b)) return made(MarkerKind::kBullet, std::string(1, '-'), b);
  r.rest = std::string(t);
  return r;
}

Result<std::vector<SourceLine>> ReadSourceLines(std::string_view bytes, size_t max_bytes) {
  if (bytes.size() > max_bytes) {
    return Error(ErrorCode::kPayloadTooLarge,
                 "Tài liệu quá lớn: tối đa " + std::to_string(max_bytes / (1u << 20)) + " MB",
                 "document too large: at most " + std::to_string(max_bytes / (1u << 20)) + " MB",
                 {{"/file", "too large"}});
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (!text::IsValidUtf8(bytes)) {
    int line = 1;
    size_t start = 0;
    while (start <= bytes.size()) {
      size_t end = bytes.find('\n', start);
      if (end == std::string_view::npos) end = bytes.size();
      if (!text::IsValidUtf8(bytes.substr(start, end - start))) break;
      ++line;
      start = end + 1;
    }
    return InvalidArgument("/file", "not UTF-8 (line " + std::to_string(line) + ")",
                           "Tài liệu không phải văn bản UTF-8 (dòng " + std::to_string(line) +
                               "); hãy lưu lại dưới dạng UTF-8");
  }
  const std::string nfc = text::Nfc(bytes);
  std::vector<SourceLine> out;
  bool any_text = false;
  size_t start = 0;
  int number = 0;
  while (start <= nfc.size()) {
    size_t end = nfc.find('\n', start);
    if (end == std::string::npos) end = nfc.size();
    std::string_view raw(nfc.data() + start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    SourceLine line;
    line.number = ++number;
    std::string_view t = Trim(raw);
    const bool pipe_table = t.size() > 2 && t.front() == '|' && t.find('|', 1) != std::string_view::npos;
    if (raw.find('\t') != std::string_view::npos || pipe_table) {
      std::string_view body = pipe_table ? t.substr(1, t.back() == '|' ? t.size() - 2 : t.size() - 1) : raw;
      const char sep = pipe_table ? '|' : '\t';
      static const RE2 kRule(R"(^[\s|:\-]*$)");
      if (!(pipe_table && RE2::FullMatch(t, kRule))) {
        size_t p = 0;
        while (p <= body.size()) {
          size_t q = body.find(sep, p);
          if (q == std::string_view::npos) q = body.size();
          std::string_view cell = body.substr(p, q - p);
          line.bold_cells.push_back(WhollyBold(cell));
          line.cells.push_back(CleanInline(cell));
          p = q + 1;
        }
        while (!line.cells.empty() && line.cells.back().empty() && line.cells.size() > 1 &&
               std::all_of(line.cells.begin(), line.cells.end(), [](const std::string& c) { return c.empty(); })) {
          line.cells.pop_back();
          line.bold_cells.pop_back();
        }
        bool all_empty = std::all_of(line.cells.begin(), line.cells.end(), [](const std::string& c) { return c.empty(); });
        if (all_empty) {
          line.cells.clear();
          line.bold_cells.clear();
        } else {
          std::string joined;
          for (const auto& c : line.cells) {
            if (c.empty()) continue;
            if (!joined.empty()) joined += " ";
            joined += c;
          }
          line.text = joined;
          any_text = true;
        }
      }
    } else {
      std::string_view body = t;
      bool heading = false;
      while (!body.empty() && body.front() == '#') {
        body.remove_prefix(1);
        heading = true;
      }
      if (body.starts_with(">")) body.remove_prefix(1);  // quotes
      line.emphasised = heading || WhollyBold(body);
      line.text = CleanInline(body);
      // A rule drawn under the issuer or the motto ("-------", "____", "———") is not text.
      static const RE2 kRule(R"(^(?:[-_=.~]|–|—){3,}$)");
      if (RE2::FullMatch(line.text, kRule)) line.text.clear();
      if (!line.text.empty()) {
        any_text = true;
        line.page_number = IsPageNumber(line.text);
      }
    }
    out.push_back(std::move(line));
    if (end == nfc.size()) break;
    start = end + 1;
  }
  if (!any_text) {
    return InvalidArgument("/file", "empty: no text", "Tài liệu trống: không có nội dung văn bản");
  }
  return out;
}

std::vector<Block> MakeBlocks(const std::vector<SourceLine>& lines) {
  // A line this long that stops mid-sentence was wrapped by the converter (PDF text is
  // wrapped at 80-100 characters; Vietnamese letters take two or three bytes).
  constexpr size_t kWrappedLineBytes = 70;
  std::vector<Block> blocks;
  size_t prev_line_bytes = 0;  // bytes of the last text line added to blocks.back()
  for (const SourceLine& line : lines) {
    if (line.page_number) continue;
    if (!line.cells.empty()) {
      const bool first_empty = line.cells.front().empty();
      if (first_empty && !blocks.empty() && blocks.back().table_row) {
        // The row continues the one above; across a header repeated after a page break,
        // the one above the header.
        Block* target = &blocks.back();
        if (IsHeaderCell(target->cells.empty() ? std::string() : target->cells.front()) && blocks.size() >= 2 &&
            blocks[blocks.size() - 2].table_row) {
          target = &blocks[blocks.size() - 2];
        }
        Block& prev = *target;
        for (size_t i = 0; i < line.cells.size(); ++i) {
          if (line.cells[i].empty()) continue;
          if (i >= prev.cells.size()) {
            prev.cells.resize(i + 1);
            prev.bold_cells.resize(i + 1);
          }
          if (!prev.cells[i].empty()) prev.cells[i] += " ";
          prev.cells[i] += line.cells[i];
        }
        prev.text += " " + line.text;
        prev.last_line = line.number;
        continue;
      }
      Block b;
      b.first_line = b.last_line = line.number;
      b.table_row = true;
      b.cells = line.cells;
      b.bold_cells = line.bold_cells;
      b.text = line.text;
      blocks.push_back(std::move(b));
      continue;
    }
    if (line.text.empty()) {
      continue;
    }
    MarkerReading m = ReadMarker(line.text, line.emphasised);
    if (!blocks.empty() && !blocks.back().table_row) {
      Block& prev = blocks.back();
      // "... Cơ quan / phối hợp: Sở Tư pháp": a wrapped label's second half, not a label.
      if (m.kind == MarkerKind::kLabel && text::StartsLowercase(Trim(line.text)) && !EndsSentence(prev.text)) {
        m.kind = MarkerKind::kNone;
        m.value.clear();
        m.rest = std::string(Trim(line.text));
      }
      const bool prev_open_label = prev.marker == MarkerKind::kLabel && prev.text.empty();
      // "(Ban hành kèm theo Quyết định số ...)" under a title is a note of its own.
      static const RE2 kAttachmentNote(R"((?i)^\(\s*(?:ban hành\s+)?kèm theo\b)");
      const bool continues =
          m.kind == MarkerKind::kNone && !line.emphasised && !prev.emphasised && !RE2::PartialMatch(m.rest, kAttachmentNote) &&
          // A line in capitals is a heading even when converters dropped its bold.
          (prev_open_label ||
           (!EndsSentence(prev.text) && text::HasLowercase(prev.text) &&
            (text::StartsLowercase(m.rest) ||
             (!m.rest.empty() && (std::isdigit(static_cast<unsigned char>(m.rest[0])) || m.rest[0] == '(')) ||
             // PDF text wraps a sentence anywhere, before "Bộ Công an" too: a long line that
             // stops mid-sentence goes on, unless it is a numbered heading.
             (prev_line_bytes >= kWrappedLineBytes && !LooksLikeLabel(m.rest) && prev.marker != MarkerKind::kArabic &&
              prev.marker != MarkerKind::kRoman && prev.marker != MarkerKind::kUpperLetter))));
      if (continues) {
        if (!prev.text.empty()) prev.text += " ";
        prev.text += m.rest;
        prev.last_line = line.number;
        prev_line_bytes = line.text.size();
        continue;
      }
    }
    Block b;
    b.first_line = b.last_line = line.number;
    b.marker = m.kind;
    b.value = m.value;
    b.text = m.rest;
    b.emphasised = line.emphasised;
    blocks.push_back(std::move(b));
    prev_line_bytes = line.text.size();
  }
  return blocks;
}

}  // namespace dxgov::importer
