#include "importer/plan/agency_resolver.h"

#include <algorithm>

#include "text/vn_text.h"

namespace dxgov::importer {

namespace {

bool IsPunct(char c) { return c == ',' || c == ';' || c == ':' || c == '.' || c == '(' || c == ')' || c == '"'; }

// Levenshtein distance over bytes of folded (ASCII) strings, capped at `cap` + 1.
size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The unit an ended unit's work passed to, following merger chains to the end.
std::string FinalSuccessor(const UnitRegistry& reg, const Unit& u) {
  const Unit* cur = &u;
  for (int guard = 0; guard < 8 && !cur->successors.empty(); ++guard) {
    const Unit* next = reg.Find(cur->successors.front().unit_id);
    if (next == nullptr) break;
    cur = next;
  }
  return cur == &u ? std::string() : cur->id;
}

// Titles that come before an agency's name and are not part of it, folded.
const std::vector<std::vector<std::string>>& Titles() {
  static const std::vector<std::vector<std::string>> kTitles = [] {
    std::vector<std::vector<std::string>> t;
    for (const char* s : {"pho thu tuong", "bo truong", "thu truong", "thong doc", "pho thong doc", "chu tich",
                          "pho chu tich", "chu nhiem", "tong giam doc", "giam doc", "truong ban", "tong cuc truong",
                          "cuc truong", "vu truong", "nguoi dung dau", "lanh dao", "dai tuong", "thuong tuong", "ong",
                          "ba", "ban chi dao chuyen doi so cua", "ban chi dao chuyen doi so", "ban chi dao",
                          "thu truong co quan", "ubnd", "uy ban nhan dan"}) {
      std::vector<std::string> words;
      std::string_view v(s);
      while (!v.empty()) {
        size_t sp = v.find(' ');
        words.emplace_back(v.substr(0, sp));
        if (sp == std::string_view::npos) break;
        v.remove_prefix(sp + 1);
      }
      t.push_back(std::move(words));
    }
    std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return t;
  }();
  return kTitles;
}

// A name as letters and diacritics only: lower case, dashes and spacing ignored.
std::string Comparable(std::string_view name, bool drop_commas = false) {
  const std::string lower = text::ToLower(name);
  std::string out;
  out.reserve(lower.size());
  for (size_t i = 0; i < lower.size();) {
    const std::string_view rest = std::string_view(lower).substr(i);
    const size_t dash = rest.starts_with("-") ? 1 : (rest.starts_with("–") || rest.starts_with("—")) ? 3 : 0;
    if (dash > 0) {
      out.push_back(' ');
      i += dash;
    } else if (drop_commas && lower[i] == ',') {
      ++i;
    } else {
      out.push_back(lower[i++]);
    }
  }
  // Old and new tone-mark placement are the same spelling ("hoá" / "hóa", "thuỷ" / "thủy").
  static const std::pair<std::string_view, std::string_view> kToneMoves[] = {
      {"oá", "óa"}, {"oà", "òa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"}, {"oé", "óe"}, {"oè", "òe"},
      {"oẻ", "ỏe"}, {"oẽ", "õe"}, {"oẹ", "ọe"}, {"uý", "úy"}, {"uỳ", "ùy"}, {"uỷ", "ủy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"}};
  std::string modern;
  modern.reserve(out.size());
  for (size_t i = 0; i < out.size();) {
    bool moved = false;
    for (const auto& [old_form, new_form] : kToneMoves) {
      if (std::string_view(out).substr(i).starts_with(old_form)) {
        modern.append(new_form);
        i += old_form.size();
        moved = true;
        break;
      }
    }
    if (!moved) modern.push_back(out[i++]);
  }
  return text::CollapseWhitespace(modern);
}

}  // namespace

bool IsNameSeparator(std::string_view t) { return t == "," || t == ";" || t == "va" || t == "cung"; }

std::vector<NameToken> TokenizeName(std::string_view phrase) {
  std::vector<NameToken> out;
  size_t i = 0;
  auto push = [&](size_t b, size_t e) {
    NameToken t;
    t.begin = b;
    t.end = e;
    t.folded = text::Fold(phrase.substr(b, e - b));
    if (!t.folded.empty()) out.push_back(std::move(t));
  };
  // Dashes join the parts of a name however they are typed ("Lao động - Thương binh",
  // "Lao động – Thương binh", "Lao động- Thương binh", "Lao động Thương binh"): they are
  // not tokens at all.
  auto dash_at = [&](size_t j) -> size_t {
    if (phrase[j] == '-') return 1;
    if (phrase.substr(j).starts_with("–") || phrase.substr(j).starts_with("—")) return 3;
    return 0;
  };
  while (i < phrase.size()) {
    const char c = phrase[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (const size_t d = dash_at(i)) {
      i += d;
      continue;
    }
    if (IsPunct(c)) {
      push(i, i + 1);
      ++i;
      continue;
    }
    // Curly quotes and similar three-byte punctuation.
    if (phrase.substr(i).starts_with("“") || phrase.substr(i).starts_with("”")) {
      i += 3;
      continue;
    }
    size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ' && phrase[j] != '\t' && !IsPunct(phrase[j]) && dash_at(j) == 0 &&
           !phrase.substr(j).starts_with("“") && !phrase.substr(j).starts_with("”")) {
      ++j;
    }
    push(i, j);
    i = j;
  }
  return out;
}

AgencyResolver::AgencyResolver(std::shared_ptr<const UnitRegistry> registry, Date on)
    : registry_(std::move(registry)), on_(on) {
  const auto& units = registry_->all();
  auto add = [&](const std::string& name, size_t unit) {
    Form f;
    f.original = name;
    f.unit = unit;
    for (auto& t : TokenizeName(name)) f.tokens.push_back(std::move(t.folded));
    if (f.tokens.empty()) return;
    if (f.tokens.size() > 2 && f.tokens.front() == "cac") {
      // A collective is written with or without "các": "Bộ, ngành, địa phương" in a table.
      Form bare = f;
      bare.tokens.erase(bare.tokens.begin());
      bare.original = name.substr(name.find(' ') + 1);
      forms_[bare.tokens.front()].push_back(std::move(bare));
    }
    forms_[f.tokens.front()].push_back(std::move(f));
  };
  for (size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    for (const auto& v : u.versions) {
      add(v.name, ui);
      // Provinces and cities are also named without "Tỉnh"/"Thành phố".
      if (v.kind == UnitKind::kProvince || v.kind == UnitKind::kCity) {
        for (std::string_view prefix : {"Tỉnh ", "Thành phố ", "tỉnh ", "thành phố "}) {
          if (std::string_view(v.name).starts_with(prefix)) add(v.name.substr(prefix.size()), ui);
        }
      }
    }
    for (const auto& a : u.aliases) add(a, ui);
  }
  for (auto& [key, list] : forms_) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Form& a, const Form& b) { return a.tokens.size() > b.tokens.size(); });
  }
}

AgencyMatch AgencyResolver::MakeMatch(const Form& f, std::string_view as_written, bool typo) const {
  const Unit& u = registry_->all()[f.unit];
  AgencyMatch m;
  m.ref.as_written = std::string(as_written);
  m.ref.unit_id = u.id;
  m.ref.successor_id = FinalSuccessor(*registry_, u);
  m.typo = typo;
  m.registry_name = f.original;
  return m;
}

size_t AgencyResolver::TitleLength(const std::vector<NameToken>& toks, size_t i) const {
  for (const auto& title : Titles()) {
    if (i + title.size() > toks.size()) continue;
    bool eq = true;
    for (size_t k = 0; k < title.size() && eq; ++k) eq = toks[i + k].folded == title[k];
    if (!eq) continue;
    size_t n = title.size();
    if (i + n < toks.size() && toks[i + n].folded == ",") ++n;  // "Bộ trưởng, Chủ nhiệm ..."
    return n;
  }
  return 0;
}

std::optional<AgencyResolver::Hit> AgencyResolver::MatchFormsAt(const std::vector<NameToken>& toks, size_t i,
                                                                  std::string_view phrase) const {
  if (i >= toks.size()) return std::nullopt;  // a title that ends the phrase names nobody
  auto it = forms_.find(toks[i].folded);
  if (it == forms_.end()) return std::nullopt;
  // Phrase tokens a form matches exactly, 0 if none; a comma inside a name may be left out
  // ("Bộ Văn hoá Thể thao và Du lịch").
  auto exact_length = [&](const Form& f) -> size_t {
    size_t j = i + 1;
    for (size_t k = 1; k < f.tokens.size(); ++k) {
      if (j < toks.size() && toks[j].folded == f.tokens[k]) {
        ++j;
      } else if (f.tokens[k] != ",") {
        return 0;
      }
    }
    return j - i;
  };
  const Form* best = nullptr;
  size_t best_length = 0;
  bool best_valid = false;
  bool ambiguous = false;
  for (const Form& f : it->second) {
    if (best != nullptr && f.tokens.size() < best->tokens.size()) break;
    const size_t length = exact_length(f);
    if (length == 0) continue;
    const bool valid = ValidOn(registry_->all()[f.unit], on_);
    if (best == nullptr || (valid && !best_valid)) {
      best = &f;
      best_length = length;
      best_valid = valid;
    } else if (valid == best_valid && f.unit != best->unit) {
      ambiguous = true;
    }
  }
  // A longer registry name written with a letter or two wrong beats a shorter exact one.
  const Form* fuzzy = nullptr;
  size_t fuzzy_cost = 0;
  for (const Form& f : it->second) {
    if (f.tokens.size() < 3 || i + f.tokens.size() > toks.size()) continue;
    if (best != nullptr && f.tokens.size() < best->tokens.size() + 2) continue;
    // Thousands of commune names sit a letter away from ordinary words ("xã hội số" /
    // "Xã Hội Sơn"): a commune is only ever matched as written.
    if (VersionOrLatest(registry_->all()[f.unit], on_).kind == UnitKind::kCommune) continue;
    std::string want, got;
    for (size_t k = 0; k < f.tokens.size(); ++k) {
      want += f.tokens[k] + " ";
      got += toks[i + k].folded + " ";
    }
    const size_t cap = want.size() >= 24 ? 2 : 1;
    const size_t d = EditDistance(got, want, cap);
    if (d == 0 || d > cap) continue;
    if (fuzzy == nullptr || f.tokens.size() > fuzzy->tokens.size() ||
        (f.tokens.size() == fuzzy->tokens.size() && d < fuzzy_cost)) {
      fuzzy = &f;
      fuzzy_cost = d;
    }
  }
  const Form* chosen = fuzzy != nullptr ? fuzzy : best;
  if (chosen == nullptr) return std::nullopt;
  const size_t n = chosen == best ? best_length : chosen->tokens.size();
  std::string_view written = phrase.substr(toks[i].begin, toks[i + n - 1].end - toks[i].begin);
  // Same letters but other diacritics than the registry's ("Môi trưởng") is a typo too;
  // a difference of case only is not.
  const bool typo = chosen == fuzzy || Comparable(written, n != chosen->tokens.size()) != Comparable(chosen->original, n != chosen->tokens.size());
  Hit h;
  h.length = n;
  h.match = MakeMatch(*chosen, written, typo);
  h.match.ambiguous = ambiguous && chosen == best;
  return h;
}

std::optional<AgencyResolver::Hit> AgencyResolver::MatchAt(const std::vector<NameToken>& toks, size_t i,
                                                             std::string_view phrase) const {
  if (i >= toks.size()) return std::nullopt;
  if (auto h = MatchFormsAt(toks, i, phrase)) return h;
  // Titles before the name: "Bộ trưởng Bộ Y tế", "Chủ tịch UBND tỉnh An Giang".
  size_t skipped = 0;
  for (int guard = 0; guard < 4; ++guard) {
    const size_t t = TitleLength(toks, i + skipped);
    if (t == 0) break;
    skipped += t;
    if (auto h = MatchFormsAt(toks, i + skipped, phrase)) {
      h->length += skipped;
      return h;
    }
  }
  return std::nullopt;
}

std::optional<AgencyMatch> AgencyResolver::ResolveOne(std::string_view phrase) const {
  auto toks = TokenizeName(phrase);
  while (!toks.empty() && IsPunct(toks.back().folded[0]) && toks.back().folded.size() == 1) toks.pop_back();
  size_t start = 0;
  while (start < toks.size() && toks[start].folded.size() == 1 && IsPunct(toks[start].folded[0])) ++start;
  if (start >= toks.size()) return std::nullopt;
  auto h = MatchAt(toks, start, phrase);
  if (!h || start + h->length != toks.size()) return std::nullopt;
  return h->match;
}

std::vector<AgencyMatch> AgencyResolver::SplitList(std::string_view phrase, bool stop_at_unknown,
                                                   size_t* consumed) const {
  std::vector<AgencyMatch> out;
  const auto toks = TokenizeName(phrase);
  size_t i = 0;
  size_t end_byte = 0;
  while (i < toks.size()) {
    const std::string& f = toks[i].folded;
    if (IsNameSeparator(f) || f == "voi" || f == "(" || f == ")" || f == "." || f == ":") {
      if (stop_at_unknown && (f == "." || f == ":")) break;
      ++i;
      continue;
    }
    if (auto h = MatchAt(toks, i, phrase)) {
      out.push_back(std::move(h->match));
      i += h->length;
      end_byte = toks[i - 1].end;
      continue;
    }
    if (stop_at_unknown) break;
    // An unknown stretch up to the next separator.
    size_t j = i;
    while (j < toks.size() && !(toks[j].folded == "," || toks[j].folded == ";")) {
      if (toks[j].folded == "va" && j > i) break;
      ++j;
    }
    AgencyMatch m;
    m.ref.as_written = std::string(phrase.substr(toks[i].begin, toks[j - 1].end - toks[i].begin));
    out.push_back(std::move(m));
    end_byte = toks[j - 1].end;
    i = j;
  }
  if (consumed != nullptr) *consumed = end_byte;
  return out;
}

std::optional<AgencyMatch> AgencyResolver::NameAtEnd(std::string_view phrase) const {
  auto toks = TokenizeName(phrase);
  while (!toks.empty() && toks.back().folded.size() == 1 && IsPunct(toks.back().folded[0])) toks.pop_back();
  // The earliest start whose match reaches the end exactly is the longest name.
  for (size_t i = 0; i < toks.size(); ++i) {
    auto h = MatchAt(toks, i, phrase);
    if (h && i + h->length == toks.size()) return h->match;
  }
  return std::nullopt;
}

}  // namespace dxgov::importer
