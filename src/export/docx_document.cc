#include "export/docx_document.h"

#include <zip.h>

#include <array>
#include <memory>

#include "export/templates.h"

namespace dxgov::exporting {

namespace {

// The template's files and the package parts they become, [Content_Types].xml first.
constexpr std::array<std::pair<const char*, const char*>, 8> kParts = {{
    {"templates/report-docx/content_types.xml", "[Content_Types].xml"},
    {"templates/report-docx/rels.xml", "_rels/.rels"},
    {"templates/report-docx/document.xml", "word/document.xml"},
    {"templates/report-docx/document_rels.xml", "word/_rels/document.xml.rels"},
    {"templates/report-docx/styles.xml", "word/styles.xml"},
    {"templates/report-docx/settings.xml", "word/settings.xml"},
    {"templates/report-docx/core.xml", "docProps/core.xml"},
    {"templates/report-docx/app.xml", "docProps/app.xml"},
}};

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t Utf8Length(const std::string& s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

std::string BlockMarker(const std::string& name) { return "<w:p><w:r><w:t>{{" + name + "}}</w:t></w:r></w:p>"; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == '\n') out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

std::string XmlText(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    const char c = s[i];
    if (n == 1) {
      if (c == '&') out += "&amp;";
      else if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else if (c == '"') out += "&quot;";
      else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

void DocxBody::Paras(const std::string& style, const std::string& text, const char* run_props) {
  for (const auto& line : Lines(text)) {
    xml_ += "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
    if (!line.empty()) {
      xml_ += "<w:r>";
      xml_ += run_props;
      xml_ += "<w:t xml:space=\"preserve\">" + XmlText(line) + "</w:t></w:r>";
    }
    xml_ += "</w:p>";
  }
}

void DocxBody::Heading(int level, const std::string& text) { Paras(level <= 1 ? "Heading1" : "Heading2", text, ""); }
void DocxBody::Paragraph(const std::string& text) { Paras("BodyText", text, ""); }
void DocxBody::Italic(const std::string& text) { Paras("BodyText", text, "<w:rPr><w:i/></w:rPr>"); }
void DocxBody::Recipient(const std::string& text) { Paras("Recipients", text, ""); }
void DocxBody::LetterheadLine(const std::string& text, bool bold) {
  Paras("Letterhead", text, bold ? "<w:rPr><w:b/></w:rPr>" : "");
}

void DocxBody::Table(const std::vector<Column>& cols, const std::vector<std::vector<std::string>>& rows) {
  int total = 0;
  for (const auto& c : cols) total += c.width;
  xml_ += "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"" + std::to_string(total) +
          "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
  for (const auto& c : cols) xml_ += "<w:gridCol w:w=\"" + std::to_string(c.width) + "\"/>";
  xml_ += "</w:tblGrid>";
  auto row = [&](const std::vector<std::string>& cells, bool header) {
    xml_ += header ? "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t i = 0; i < cols.size(); ++i) {
      xml_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(cols[i].width) + "\" w:type=\"dxa\"/>";
      if (header) xml_ += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/>";
      xml_ += "</w:tcPr>";
      Paras(header ? "TableHeading" : "TableText", i < cells.size() ? cells[i] : "", "");
      xml_ += "</w:tc>";
    }
    xml_ += "</w:tr>";
  };
  std::vector<std::string> headings;
  for (const auto& c : cols) headings.push_back(c.heading);
  row(headings, true);
  for (const auto& r : rows) row(r, false);
  // A paragraph after the table keeps the next table or heading from touching it.
  xml_ += "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>";
}

Status WriteDocx(const std::string& path, const std::map<std::string, std::string>& fields,
                 const std::map<std::string, const DocxBody*>& blocks) {
  std::vector<std::string> contents;  // libzip reads the buffers when the archive is closed
  contents.reserve(kParts.size());
  for (const auto& [file, part] : kParts) {
    std::string xml(templates::EmbeddedFile(file));
    if (xml.empty()) return Internal(std::string("docx: the template has no ") + file);
    for (const auto& [name, block] : blocks) {
      const std::string marker = BlockMarker(name);
      if (auto at = xml.find(marker); at != std::string::npos) xml.replace(at, marker.size(), block->xml());
    }
    for (const auto& [name, value] : fields) ReplaceAll(xml, "{{" + name + "}}", XmlText(value));
    if (auto left = xml.find("{{"); left != std::string::npos)
      return Internal(std::string("docx: ") + file + " has an unfilled placeholder " + xml.substr(left, xml.find("}}", left) - left + 2));
    contents.push_back(std::move(xml));
  }
  int err = 0;
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err));
  if (!zip) return Internal("docx: cannot create " + path + " (libzip error " + std::to_string(err) + ")");
  for (size_t i = 0; i < kParts.size(); ++i) {
    zip_source_t* src = zip_source_buffer(zip.get(), contents[i].data(), contents[i].size(), 0);
    if (!src) return Internal(std::string("docx: ") + zip_strerror(zip.get()));
    if (zip_file_add(zip.get(), kParts[i].second, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(src);
      return Internal(std::string("docx: ") + zip_strerror(zip.get()));
    }
  }
  if (zip_close(zip.get()) != 0) return Internal(std::string("docx: cannot write ") + path + ": " + zip_strerror(zip.get()));
  zip.release();  // closed: nothing left to discard
  return OkStatus();
}

}  // namespace dxgov::exporting
