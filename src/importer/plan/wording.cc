#include "importer/plan/wording.h"

#include <algorithm>
#include <cctype>

namespace dxgov::importer {

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string TrimEnd(std::string s, std::string_view chars) {
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.pop_back();
  return s;
}

std::string TitleOf(const std::string& text) {
  size_t cut = std::string::npos;
  for (std::string_view stop : {". ", "; ", ": "}) {
    size_t p = text.find(stop);
    if (p != std::string::npos) cut = std::min(cut, p);
  }
  std::string first = TrimEnd(text.substr(0, cut));
  if (first.size() <= 180) return first;
  size_t cut_at = first.rfind(' ', 180);
  if (cut_at == std::string::npos) {
    cut_at = 180;  // one long word: cut it, but never inside a UTF-8 sequence
    while (cut_at > 0 && (static_cast<unsigned char>(first[cut_at]) & 0xC0) == 0x80) --cut_at;
  }
  return first.substr(0, cut_at) + "…";
}

bool FoldedContainsWord(const std::string& folded, std::string_view word) {
  size_t p = folded.find(word);
  while (p != std::string::npos) {
    const bool left = p == 0 || folded[p - 1] == ' ';
    const bool right =
        p + word.size() == folded.size() || !std::isalnum(static_cast<unsigned char>(folded[p + word.size()]));
    if (left && right) return true;
    p = folded.find(word, p + 1);
  }
  return false;
}

}  // namespace dxgov::importer
