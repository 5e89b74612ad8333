#include "importer/plan/duties.h"

#include <re2/re2.h>


namespace dxgov::importer {

namespace {

// A deadline phrase as plans write it when they set a date for their addressees' own plans.
#define DX_DUE_PHRASE                                                                                     \
  R"((?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|quý\s+[ivx1-4]+\s*/\s*\d{4}|tháng\s+\d{1,2}\s*/\s*\d{4})" \
  R"(|tháng\s+\d{1,2}\s+năm\s+\d{4}|năm\s+\d{4})"
#define DX_DUE_WORD R"((?:trong|trước|chậm nhất(?:\s+là)?(?:\s+trong|\s+trước)?|hoàn thành(?:\s+trong|\s+trước)))"
#define DX_ISSUE R"((?:xây dựng,?\s+)?(?:và\s+)?ban hành\s+(?:các\s+)?(?:kế hoạch|chương trình))"

// The text a duty phrase may run over: up to the end of its clause.
std::string CutWhat(std::string what) {
  for (const char* stop : {", trong đó", "; ", ". "}) {
    const size_t at = what.find(stop);
    if (at != std::string::npos) what.resize(at);
  }
  while (!what.empty() && (what.back() == '.' || what.back() == ',' || what.back() == ' ')) what.pop_back();
  return what;
}

std::optional<Deadline> ReadDue(const std::string& phrase) {
  auto d = ParseDeadlineText(phrase);
  if (!d.ok() || !FixedDueDate(*d)) return std::nullopt;
  return std::move(d).value();
}

int YearOfWhat(const std::string& what) {
  static const RE2 kYear(R"((?i)năm\s+((?:19|20)\d\d))");
  int year = 0;
  return RE2::PartialMatch(what, kYear, &year) ? year : 0;
}

// The name a paragraph opens with, after "Ban Chỉ đạo ... của" or "Ủy ban nhân dân".
std::optional<NameRef> OpeningName(const std::string& paragraph, const AgencyResolver& resolver) {
  static const RE2 kLead(R"((?i)^\s*(?:ban chỉ đạo[^,;.]{0,60}?\s+của\s+|ủy ban nhân dân\s+|ubnd\s+)?)");
  re2::StringPiece in(paragraph);
  RE2::Consume(&in, kLead);
  const std::string rest(in.data(), std::min<size_t>(in.size(), 400));
  for (const auto& m : resolver.SplitList(rest, /*stop_at_unknown=*/true))
    if (!m.ref.unit_id.empty()) return m.ref;
  return std::nullopt;
}

}  // namespace

std::vector<ProposedDuty> ReadDuties(const std::string& numeral, const std::vector<IntroParagraph>& intro,
                                     const AgencyResolver& resolver, int plan_year) {
  static const RE2 kBefore("(?i)" DX_DUE_WORD R"(\s+()" DX_DUE_PHRASE R"()\s*,?\s+()" DX_ISSUE R"([^;]*))");
  static const RE2 kAfter("(?i)(" DX_ISSUE R"([^;]*?)\s*,?\s+)" DX_DUE_WORD R"(\s+()" DX_DUE_PHRASE ")");
  std::vector<ProposedDuty> out;
  for (const IntroParagraph& para : intro) {
    const size_t first_of_paragraph = out.size();
    re2::StringPiece in(para.text);
    std::string due_text, what;
    for (;;) {
      re2::StringPiece before = in, after = in;
      if (RE2::FindAndConsume(&before, kBefore, &due_text, &what)) in = before;
      else if (RE2::FindAndConsume(&after, kAfter, &what, &due_text)) in = after;
      else break;
      auto due = ReadDue(due_text);
      if (!due) continue;
      ProposedDuty d;
      d.section = numeral;
      d.what = CutWhat(what);
      d.due = std::move(due);
      d.year = YearOfWhat(d.what);
      if (d.year == 0) d.year = d.due->year != 0 ? d.due->year : plan_year;
      d.lines = para.lines;
      out.push_back(std::move(d));
    }
    if (out.size() == first_of_paragraph) continue;
    // Names are resolved only for paragraphs that state a duty, once per paragraph.
    std::optional<NameRef> who = OpeningName(para.text, resolver);
    if (!who && &para != &intro.front()) who = OpeningName(intro.front().text, resolver);
    if (who)
      for (size_t k = first_of_paragraph; k < out.size(); ++k) out[k].respondent = *who;
  }
  return out;
}

#undef DX_DUE_PHRASE
#undef DX_DUE_WORD
#undef DX_ISSUE

}  // namespace dxgov::importer
