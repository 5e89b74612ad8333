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
  for (auto& m : SplitNames(phrase)) {
    Note(m, line);
    out.push_back(m.ref);
  }
  return out;
}

namespace {

// An issuer's own collective, as written: "Các sở, ban, ngành (tỉnh)", "các cơ quan, đơn
// vị", "Các đơn vị thuộc Bộ". One pattern for a whole phrase and for a sentence's subject.
constexpr const char* kLocalCollective =
    R"((?:các\s+)?(?:sở,?\s*ban,?\s*ngành|sở,?\s*ngành|cơ quan,?\s*đơn vị|phòng,?\s*ban|)"
    R"(đơn vị\s+(?:trực\s+)?thuộc\s+(?:bộ|sở|tỉnh))(?:\s+(?:tỉnh|thành phố|huyện|xã|liên quan|trực thuộc))?)";

struct Word {
  std::string_view raw;     // without trailing punctuation
  std::string folded;
  bool capital = false;
  bool comma_after = false;  // "," or ";" right after it
  size_t end = 0;            // byte after `raw` in the text
};

std::vector<Word> WordsOf(std::string_view text, size_t max_words) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < text.size() && out.size() < max_words) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j == i) break;
    std::string_view w = text.substr(i, j - i);
    Word word;
    while (!w.empty() && (w.back() == ',' || w.back() == ';' || w.back() == '.' || w.back() == ':')) {
      if (w.back() == ',' || w.back() == ';') word.comma_after = true;
      w.remove_suffix(1);
    }
    word.raw = w;
    word.folded = Fold(w);
    // A capital: a letter (its folded form opens with a-z) that is not lower-case.
    word.capital = !word.folded.empty() && word.folded[0] >= 'a' && word.folded[0] <= 'z' && !text::StartsLowercase(w);
    word.end = static_cast<size_t>(w.data() - text.data()) + w.size();
    out.push_back(std::move(word));
    i = j;
  }
  return out;
}

// Words that open an agency's name, folded, longest first where one extends another.
const std::vector<std::vector<std::string>>& AgencyHeads() {
  static const std::vector<std::vector<std::string>> kHeads = {
      {"bo", "chi", "huy"}, {"bao", "hiem", "xa", "hoi"}, {"ban", "quan", "ly"}, {"tong", "cong", "ty"},
      {"van", "phong"},     {"chi", "cuc"},              {"tong", "cuc"},        {"trung", "tam"},
      {"cong", "an"},       {"thanh", "tra"},            {"kho", "bac"},         {"hoc", "vien"},
      {"benh", "vien"},     {"cong", "ty"},              {"tap", "doan"},        {"lien", "doan"},
      {"lien", "minh"},     {"tinh", "doan"},            {"uy", "ban"},          {"so"},
      {"ban"},              {"cuc"},                     {"vu"},                 {"phong"},
      {"vien"},             {"dai"},                     {"truong"},             {"hoi"},
      {"ubnd"},             {"bo"},
  };
  return kHeads;
}

// Words of a head at `i`, 0 when none opens there.
size_t HeadAt(const std::vector<Word>& w, size_t i) {
  if (i >= w.size() || !w[i].capital) return 0;
  for (const auto& head : AgencyHeads()) {
    if (i + head.size() > w.size()) continue;
    bool eq = true;
    for (size_t k = 0; k < head.size() && eq; ++k) eq = w[i + k].folded == head[k] && (k + 1 == head.size() || !w[i + k].comma_after);
    if (eq) return head.size();
  }
  return 0;
}

// Lower-case words that belong inside a name: "Ủy ban nhân dân tỉnh", "cấp huyện".
bool NameWord(const std::string& folded) {
  static const std::vector<std::string> kWords = {"nhan", "dan", "tinh", "thanh", "pho", "huyen", "xa", "thi", "tran", "quan", "cap",
                                                  "nha", "nuoc", "trung", "uong", "khu", "vuc"};
  return std::find(kWords.begin(), kWords.end(), folded) != kWords.end();
}

// Syllables of the lower-case compounds agency names carry: "Cục Công nghệ thông tin",
// "Trung tâm Phục vụ hành chính công", "Trung tâm Giám sát, điều hành đô thị thông minh".
bool NameSyllable(const std::string& folded) {
  static const std::vector<std::string> kSyllables = {
      "thong", "tin",  "nghe", "hanh", "chinh", "cong", "du",  "lieu", "chuyen", "doi", "so",  "an",
      "toan",  "dien", "tu",   "giam", "sat",   "dieu", "minh", "xuc", "tien",   "dau", "mai", "vu",
      "phuc",  "luu",  "tru",  "kinh", "te",    "do",   "thi",  "truyen", "hinh", "phat", "thanh"};
  return std::find(kSyllables.begin(), kSyllables.end(), folded) != kSyllables.end();
}

}  // namespace

size_t UnlistedAgencyLength(std::string_view text) {
  const std::vector<Word> w = WordsOf(text, 24);
  const size_t head = HeadAt(w, 0);
  if (head == 0 || w[head - 1].comma_after) return 0;
  size_t end = head;          // words accepted
  bool after_capital = true;  // the head itself counts as a capital word
  bool named = false;         // something beyond the head
  for (size_t i = head; i < w.size(); ++i) {
    const Word& x = w[i];
    if (x.folded == "va") {
      // "... và Công nghệ" continues the name; "... và Sở Tư pháp" starts another.
      if (i + 1 < w.size() && w[i + 1].capital && HeadAt(w, i + 1) == 0) {
        after_capital = false;
        continue;
      }
      break;
    }
    if (x.folded == "cac" && i + 1 < w.size() && NameWord(w[i + 1].folded)) {
      continue;  // "Ủy ban nhân dân các huyện"
    }
    if ((x.raw == "-" || x.raw == "–") && i + 1 < w.size() && w[i + 1].capital && HeadAt(w, i + 1) == 0) {
      after_capital = false;
      continue;  // "Vụ Kế hoạch - Tài chính"
    }
    if (x.capital) {
      if (HeadAt(w, i) > 0 && named) break;  // the next name of a list
      end = i + 1;
      after_capital = true;
      named = true;
    } else if (NameWord(x.folded) || after_capital ||
               (NameSyllable(x.folded) && i > 0 && NameSyllable(w[i - 1].folded) && end == i)) {
      if (!named && !NameWord(x.folded)) break;  // "Ban hành ...": a verb after the head
      end = i + 1;
      after_capital = false;
      named = true;
    } else {
      break;
    }
    if (x.comma_after) {
      // "Sở Văn hóa, Thể thao và Du lịch" continues; "Sở Nội vụ, Sở Tư pháp" lists.
      // "... các huyện, thành phố" continues too.
      const bool next_continues =
          i + 1 < w.size() && ((w[i + 1].capital && HeadAt(w, i + 1) == 0) || NameWord(w[i + 1].folded));
      if (!next_continues) break;
    }
  }
  if (!named) return 0;
  return w[end - 1].end;
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
    if (auto unlisted = UnlistedAtEnd(before)) {
      Note(*unlisted, line);
      return unlisted->ref;
    }
  }
  // A sentence that opens with an agency and a verb of leading ("Bộ trưởng, Chủ nhiệm Văn
  // phòng Chính phủ hướng dẫn, đôn đốc ...").
  if (auto subject = ActingSubject(text)) {
    Note(*subject, line);
    return subject->ref;
  }
  // "Các đơn vị thuộc Bộ xây dựng kế hoạch ...": the issuer's own collective acts.
  static const RE2 kCollectiveSubject(std::string(R"((?i)^\s*()") + kLocalCollective + R"()\s+(.*)$)");
  std::string collective, rest;
  if (RE2::FullMatch(text, kCollectiveSubject, &collective, &rest) && Fold(collective).starts_with("cac ") &&
      !IsStatementOfFact(Fold(rest.substr(0, 40)))) {
    AgencyMatch m;
    m.ref.as_written = collective;
    Note(m, line);
    return m.ref;
  }
  return std::nullopt;
}

std::optional<AgencyMatch> AgencyPhrases::ActingSubject(const std::string& text) const {
  size_t consumed = 0;
  auto names = resolver_.SplitList(text, /*stop_at_unknown=*/true, &consumed);
  if (names.size() != 1 || consumed == 0 || names.front().ref.unit_id.empty()) return std::nullopt;
  // "Ủy ban nhân dân các huyện ..." is not "Ủy ban" (the committee) followed by words: a
  // longer name the registry lacks opens the sentence.
  std::string_view trimmed = text;
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
  if (UnlistedAgencyLength(trimmed) > consumed - (text.size() - trimmed.size())) return std::nullopt;
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
    if (auto unlisted = UnlistedList(rest_s); !unlisted.empty()) {
      add(std::move(unlisted));
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

std::optional<AgencyMatch> AgencyPhrases::UnlistedAtEnd(const std::string& clause) const {
  if (auto c = LocalCollective(clause)) return c;
  // "Sở Khoa học và Công nghệ", "Giao Sở Y tế", "do Văn phòng Ủy ban nhân dân tỉnh": the
  // name opens the clause or follows a word that hands over the duty, and ends it.
  std::string_view c = clause;
  while (!c.empty() && (c.back() == ' ' || c.back() == ',')) c.remove_suffix(1);
  const std::vector<Word> w = WordsOf(c, 256);
  for (size_t k = 0; k < w.size(); ++k) {
    const std::string prev = k == 0 ? "" : w[k - 1].folded;
    const std::string prev2 = k < 2 ? "" : w[k - 2].folded + " " + prev;
    const bool hand_over = prev == "do" || prev == "giao" || prev == "cho" || prev2 == "de nghi" || prev2 == "yeu cau";
    if (k > 0 && !hand_over) continue;
    const size_t from = static_cast<size_t>(w[k].raw.data() - c.data());
    const size_t n = UnlistedAgencyLength(c.substr(from));
    if (n > 0 && from + n == c.size()) {
      AgencyMatch m;
      m.ref.as_written = std::string(c.substr(from, n));
      return m;
    }
  }
  return std::nullopt;
}

std::optional<AgencyMatch> LocalCollective(std::string_view phrase) {
  static const RE2 kCollective(std::string(R"((?i)^\s*()") + kLocalCollective + R"()\s*[,.;]?\s*$)");
  std::string collective;
  if (!RE2::FullMatch(phrase, kCollective, &collective)) return std::nullopt;
  AgencyMatch m;
  m.ref.as_written = collective;
  return m;
}

std::vector<AgencyMatch> AgencyPhrases::SplitNames(const std::string& phrase) const {
  if (auto c = LocalCollective(phrase)) return {*c};
  auto listed = resolver_.SplitList(phrase);
  const bool any_unknown = std::any_of(listed.begin(), listed.end(), [](const AgencyMatch& m) { return m.ref.unit_id.empty(); });
  if (!any_unknown) return listed;
  // "Sở Thông tin và Truyền thông" is one name, not two: read unknown stretches by their shape.
  size_t consumed = 0;
  auto shaped = UnlistedList(phrase, &consumed);
  std::string_view rest = std::string_view(phrase).substr(std::min(consumed, phrase.size()));
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '.' || rest.front() == ',' || rest.front() == ';'))
    rest.remove_prefix(1);
  return !shaped.empty() && rest.empty() ? shaped : listed;
}

std::vector<AgencyMatch> AgencyPhrases::UnlistedList(const std::string& text, size_t* consumed_out) const {
  // "Sở Nội vụ, Sở Tư pháp và Công an tỉnh xây dựng ...": names, registry ones among them,
  // up to the first word that is neither.
  std::vector<AgencyMatch> out;
  std::string_view rest = text;
  for (int guard = 0; guard < 16; ++guard) {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    // A registry name first ("Bộ Công an"); else a name read by its shape ("Sở Tư pháp").
    size_t consumed = 0;
    auto known = resolver_.SplitList(std::string(rest), /*stop_at_unknown=*/true, &consumed);
    size_t n = 0;
    const size_t shaped = UnlistedAgencyLength(rest);
    // "Ủy ban nhân dân cấp huyện" is longer than the registry's "Ủy ban": the longer wins.
    if (!known.empty() && consumed > 0 && !known.front().ref.unit_id.empty() &&
        !(known.size() == 1 && shaped > consumed)) {
      out.insert(out.end(), known.begin(), known.end());
      n = consumed;
    } else if (n = shaped; n > 0) {
      AgencyMatch m;
      m.ref.as_written = std::string(rest.substr(0, n));
      out.push_back(std::move(m));
    } else {
      break;
    }
    rest.remove_prefix(n);
    if (consumed_out) *consumed_out = text.size() - rest.size();
    static const RE2 kSeparator(R"(^\s*(?:,|;|và)\s*)");
    re2::StringPiece sp(rest.data(), rest.size());
    if (!RE2::Consume(&sp, kSeparator)) break;
    rest = std::string_view(sp.data(), sp.size());
  }
  // Only registry names: the resolver reads those itself, and this adds nothing.
  if (!out.empty() && !out.front().ref.unit_id.empty()) {
    const bool any_unlisted = std::any_of(out.begin(), out.end(), [](const AgencyMatch& m) { return m.ref.unit_id.empty(); });
    if (!any_unlisted) out.clear();  // the resolver's own reading already covered it
  }
  return out;
}

}  // namespace dxgov::importer
