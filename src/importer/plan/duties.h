// Duties a plan puts on its addressees to issue plans of their own: a section addressed to
// the ministries' or provinces' steering committees says what they must issue and by when
// ("... trong Quý I/2022 ban hành Kế hoạch hoạt động năm 2022 của Ban Chỉ đạo chuyển đổi
// số bộ, ngành mình, ..."). The monitoring board tracks who has done so (core/cascade.h).
#pragma once

#include <string>
#include <vector>

#include "importer/plan/agency_resolver.h"
#include "importer/plan/proposal.h"

namespace dxgov::importer {

// A paragraph of a section's introduction and where it is.
struct IntroParagraph {
  std::string text;
  LineSpan lines;
};

// The duties stated in the introduction of section `numeral`. The respondent is the name
// the duty's paragraph (else the first paragraph) opens with ("Ban Chỉ đạo chuyển đổi số của các tỉnh, thành phố trực thuộc Trung ương" -> the
// provinces), resolved on the resolver's date; unresolved when no known name opens it. The
// deadline comes before or after the verb ("trong Quý I/2022 ban hành ...", "ban hành ...
// trước ngày 31/3/2023"); the year the own plans cover is the one "năm YYYY" names, else the
// deadline's, else `plan_year`. A sentence without a readable deadline states no duty.
std::vector<ProposedDuty> ReadDuties(const std::string& numeral, const std::vector<IntroParagraph>& intro,
                                     const AgencyResolver& resolver, int plan_year);

}  // namespace dxgov::importer
