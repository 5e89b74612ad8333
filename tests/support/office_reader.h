// Reads an office document the way a person's software would: LibreOffice (headless, with
// a fresh profile so that runs never share state) converts it to PDF, and poppler's
// pdftotext gives the text a reader would see, laid out as on the page. Needs Debian's
// libreoffice-writer-nogui / libreoffice-calc-nogui and poppler-utils (scripts/install-deps).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dxgov::testing {

struct OfficeText {
  bool ok = false;
  std::string text;   // the document's text, when ok
  std::string error;  // what failed, with the converter's output
};

// Converts `document` in `workdir` (which must exist and be private to the caller).
inline OfficeText ReadWithOffice(const std::filesystem::path& document, const std::filesystem::path& workdir) {
  namespace fs = std::filesystem;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const fs::path log = workdir / "convert.log";
  const fs::path pdf = workdir / (document.stem().string() + ".pdf");
  const fs::path txt = workdir / (document.stem().string() + ".txt");
  const std::string convert = "timeout 240 soffice --headless --norestore --nolockcheck \"-env:UserInstallation=file://" +
                              (workdir / "lo-profile").string() + "\" --convert-to pdf --outdir \"" + workdir.string() +
                              "\" \"" + document.string() + "\" > \"" + log.string() + "\" 2>&1";
  OfficeText out;
  if (std::system(convert.c_str()) != 0 || !fs::exists(pdf)) {
    out.error = "LibreOffice did not convert " + document.string() + ": " + slurp(log);
    return out;
  }
  const std::string extract = "pdftotext -layout \"" + pdf.string() + "\" \"" + txt.string() + "\" >> \"" +
                              log.string() + "\" 2>&1";
  if (std::system(extract.c_str()) != 0) {
    out.error = "pdftotext failed on " + pdf.string() + ": " + slurp(log);
    return out;
  }
  out.ok = true;
  out.text = slurp(txt);
  return out;
}

// The text with every run of white space made one space: table cells and wrapped lines
// land on the page as they will, and a test looks for words in order, not for columns.
inline std::string Squeezed(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

}  // namespace dxgov::testing
