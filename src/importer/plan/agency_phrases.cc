#include "importer/plan/agency_phrases.h"

#include <re2/re2.h>

#include <algorithm>

#include "text/vn_text.h"

namespace dxgov::importer {

using text::Fold;

void WarningSink::Add(int line, const std::string& code, const std::string& vi, const std::string& en) {
  for (const auto& w : *out_) {
    if (w.line == line && w.code == code && w.message_en == en) return;
  }
  out_->push_back(Warning{line, code, vi, en});
}

bool IsStatementOfFact(const std::string& folded_rest) {
  static const RE2 kFact(R"(^\s*,?\s*(?:da|dang|la|co van ban|co huong dan|duoc|cung da|hien dang|vua)\b)");
  return RE2::PartialMatch(folded_rest, kFact);
}

void AgencyPhrases::Note(const AgencyMatch& m, int line) {
  if (m.ref.unit_id.empty()) {
    warn_.Add(line, "unknown_agency", "Không nhận ra cơ quan \"" + m.ref.as_written + "\" trong danh mục đơn vị",
              "unknown agency \"" + m.ref.as_written + "\": not in the unit registry");
  } else if (m.typo) {
    warn_.Add(line, "agency_typo",
              "Tên cơ quan \"" + m.ref.as_written + "\" có vẻ viết sai; đã hiểu là \"" + m.registry_name + "\"",
              "agency name \"" + m.ref.as_written + "\" looks misspelt; read as \"" + m.registry_name + "\"");
  } else if (m.ambiguous) {
    warn_.Add(line, "ambiguous_agency", "Tên \"" + m.ref.as_written + "\" ứng với nhiều đơn vị; đã chọn " + m.ref.unit_id,
              "name \"" + m.ref.as_written + "\" matches several units; chose " + m.ref.unit_id);
  }
}

std::vector<NameRef> AgencyPhrases::List(const std::string& phrase, int line) {
  std::vector<NameRef> out;
  for (auto& m : resolver_.SplitList(phrase)) {
    Note(m, line);
    out.push_back(m.ref);
  }
  return out;
}

// The clause of `text` around byte `at`: from after the last ". " or ";" before it.
size_t ClauseStart(const std::string& text, size_t at) {
  size_t best = 0;
  for (std::string_view stop : {". ", "; "}) {
    size_t p = text.rfind(stop, at);
    if (p != std::string::npos && p + stop.size() <= at) best = std::max(best, p + stop.size());
  }
  return best;
}

std::optional<NameRef> AgencyPhrases::LeadFromSentences(const std::string& text, int line) {
  // "<titles> X chủ trì": the name that ends the words before "chủ trì" in its clause.
  static const RE2 kChuTri(R"((?i)chủ trì)");
  re2::StringPiece m;
  size_t pos = 0;
  while (pos < text.size() && kChuTri.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t at = static_cast<size_t>(m.data() - text.data());
    pos = at + m.size();
    const size_t start = ClauseStart(text, at);
    const std::string before = text.substr(start, at - start);
    if (Fold(before).empty()) continue;
    // "... các hoạt động chung do Bộ X chủ trì triển khai" after the first sentence
    // describes other work, not this task's lead.
    static const RE2 kRelative(R"((?:^|\s)do\s+[^,;]+$)");
    const size_t first_sentence_end = text.find(". ");
    if (first_sentence_end != std::string::npos && at > first_sentence_end && RE2::PartialMatch(Fold(before), kRelative)) {
      continue;
    }
    if (auto name = resolver_.NameAtEnd(before)) {
      Note(*name, line);
      return name->ref;
    }
  }
  // A sentence that opens with an agency and a verb of leading ("Bộ trưởng, Chủ nhiệm Văn
  // phòng Chính phủ hướng dẫn, đôn đốc ...").
  if (auto subject = ActingSubject(text)) {
    Note(*subject, line);
    return subject->ref;
  }
  return std::nullopt;
}

std::optional<AgencyMatch> AgencyPhrases::ActingSubject(const std::string& text) const {
  size_t consumed = 0;
  auto names = resolver_.SplitList(text, /*stop_at_unknown=*/true, &consumed);
  if (names.size() != 1 || consumed == 0 || names.front().ref.unit_id.empty()) return std::nullopt;
  if (IsStatementOfFact(Fold(text.substr(consumed, 40)))) return std::nullopt;
  return names.front();
}

std::vector<NameRef> AgencyPhrases::CoordinatorsFromSentences(const std::string& text, int line) {
  std::vector<NameRef> out;
  auto add = [&](std::vector<AgencyMatch> ms) {
    for (auto& m : ms) {
      if (m.ref.unit_id.empty() && m.ref.as_written.empty()) continue;
      Note(m, line);
      const bool dup = std::any_of(out.begin(), out.end(), [&](const NameRef& r) {
        return !r.unit_id.empty() ? r.unit_id == m.ref.unit_id : r.as_written == m.ref.as_written;
      });
      if (!dup) out.push_back(m.ref);
    }
  };
  static const RE2 kPhoiHop(R"((?i)phối hợp)");
  re2::StringPiece m;
  size_t pos = 0;
  while (pos < text.size() && kPhoiHop.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t at = static_cast<size_t>(m.data() - text.data());
    pos = at + m.size();
    // "phối hợp (với|cùng) X ..." -> X, read up to the first word that is not a name.
    std::string after = text.substr(pos);
    static const RE2 kWith(R"((?i)^\s*(?:với|cùng)?\s*)");
    re2::StringPiece rest(after);
    RE2::Consume(&rest, kWith);
    const std::string rest_s(rest.data(), rest.size());
    size_t consumed = 0;
    auto listed = resolver_.SplitList(rest_s, /*stop_at_unknown=*/true, &consumed);
    if (!listed.empty()) {
      add(std::move(listed));
      continue;
    }
    // "X và Y phối hợp": the names between the lead's clause and "phối hợp".
    const size_t start = ClauseStart(text, at);
    std::string before = text.substr(start, at - start);
    static const RE2 kAfterLead(R"((?i)^.*?chủ trì(?:\s+(?:chỉ đạo|điều phối|triển khai|thực hiện))?\s*,\s*)");
    RE2::Replace(&before, kAfterLead, "");
    while (!before.empty() && (before.back() == ' ' || before.back() == ',')) before.pop_back();
    if (Fold(before).empty()) continue;
    // Only when the words before are names (possibly with unknown ones among them).
    auto names = resolver_.SplitList(before);
    const bool any_known = std::any_of(names.begin(), names.end(), [](const AgencyMatch& a) { return !a.ref.unit_id.empty(); });
    if (any_known) add(std::move(names));
  }
  return out;
}

}  // namespace dxgov::importer
