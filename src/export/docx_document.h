// Word (.docx) documents made from a committed template: the package parts in
// data/templates/report-docx (embedded at build time), with their {{NAME}} placeholders
// filled and a body of headings, paragraphs and tables written here, zipped with libzip.
//
// The template decides the look (page, fonts, letterhead, signature block); this file only
// writes content in the template's styles: Heading1, Heading2, BodyText, TableHeading,
// TableText, Recipients and the ReportTable table style.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace dxgov::exporting {

// WordprocessingML for part of a document, built in order. Text is plain UTF-8: it is
// escaped, characters XML forbids are dropped, and a line break starts a new paragraph.
class DocxBody {
 public:
  // A section heading: level 1 ("I. TÌNH HÌNH …") or 2 ("1. Kết quả …").
  void Heading(int level, const std::string& text);
  void Paragraph(const std::string& text);
  void Italic(const std::string& text);
  // A line of the recipients' list ("- Như trên;").
  void Recipient(const std::string& text);
  // A centred line of the letterhead ("BỘ KHOA HỌC VÀ CÔNG NGHỆ"), bold or not.
  void LetterheadLine(const std::string& text, bool bold);
  struct Column {
    std::string heading;
    int width;  // twentieths of a point; the template's text width is 9071
  };
  // A bordered table whose header row repeats on each page. REQUIRES: every row has
  // cols.size() cells.
  void Table(const std::vector<Column>& cols, const std::vector<std::vector<std::string>>& rows);
  const std::string& xml() const { return xml_; }

 private:
  void Paras(const std::string& style, const std::string& text, const char* run_props);
  std::string xml_;
};

// Text made safe for an XML text node: escaped, without the control characters XML 1.0
// forbids, and without invalid UTF-8 (replaced by U+FFFD).
std::string XmlText(const std::string& s);

// Writes the template at `path` with `fields` (NAME → text, for {{NAME}}) and `blocks`
// (NAME → content, for a paragraph holding only {{NAME}}: the paragraph is replaced by the
// content's paragraphs and tables, or removed when the content is empty). kInternal when a
// placeholder is left unfilled (the template and the caller disagree) or the file cannot be
// written.
Status WriteDocx(const std::string& path, const std::map<std::string, std::string>& fields,
                 const std::map<std::string, const DocxBody*>& blocks);

}  // namespace dxgov::exporting
