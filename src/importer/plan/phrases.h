// Phrases inside running text that the plan reader turns into values: dated clauses
// (deadlines and milestones), target figures, cited documents and the header lines of an
// administrative document. Pure functions over NFC text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadline.h"
#include "core/plan.h"
#include "importer/plan/proposal.h"

namespace dxgov::importer {

// A document cited in the text, and where ([begin, end) bytes) the citation is, title
// included, so that its dates are not read as deadlines.
struct CitedDocument {
  ProposedDocument doc;
  size_t begin = 0, end = 0;
};
// "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt ...",
// "Văn bản số 1145/BTTTT-CATTT ngày 03/4/2020", "Nghị định số 47/2020/NĐ-CP".
std::vector<CitedDocument> FindCitedDocuments(std::string_view text);

// A clause that dates the work: "trước ngày 30 tháng 11 hàng năm", "trước 30/6/2024",
// "Tháng 6/2022", "trong tháng 11/2023", "Quý II/2022", "đến hết năm 2022". Dates of cited
// documents, start dates ("từ tháng 01/2022", "bắt đầu ...") and horizons ("tầm nhìn đến
// năm 2030") are not clauses.
struct DatedClause {
  Deadline deadline;
  size_t begin = 0, end = 0;
};
std::vector<DatedClause> FindDatedClauses(std::string_view text);

// The clause that ends last in time (a recurring one counts by its day in the year of the
// latest fixed clause, or ranks first when there is none). REQUIRES: !clauses.empty().
const Deadline& LatestDeadline(const std::vector<Deadline>& clauses);

// A deadline label's value ("Tháng 6/2022", "Theo kế hoạch cụ thể của Bộ Công an",
// "2024 - 2025", "Tháng 12 (Năm 2021)", "Tháng 6" with `default_year`); nullopt when the
// phrase is not a deadline.
std::optional<Deadline> ReadDeadlinePhrase(std::string_view phrase, int default_year);

// `year` when a plan could mean it (1900..2200, the range a proposal's JSON accepts); 0, for
// "unknown", otherwise ("năm 1013" in a garbled title is not a plan year).
int PlausibleYear(int year);
// The date when it exists and its year is plausible; nullopt otherwise.
std::optional<Date> PlausibleDate(int year, int month, int day);

// Target figures: "đạt 85%", "tối thiểu 75%", bare "100%" (>=), "trên 90%" (>), "dưới 5%" (<),
// "từ 65 - 70%" (range), "nhóm 50 nước dẫn đầu" (top), "chiếm 20% GDP" (share of GDP). The
// year is the one the sentence states ("đến hết năm 2022", "đến năm 2025"), else
// `default_year`. With several figures each gets the words it qualifies.
std::vector<Target> FindTargets(std::string_view sentence, int default_year);

// "Số: 27 /QĐ-UBQGCĐS" -> "27/QĐ-UBQGCĐS"; "" when the line is not a number line or the
// number is left blank ("Số: /QĐ-UBQGCĐS").
std::optional<std::string> ReadNumberLine(std::string_view line);
// "Hà Nội, ngày 15 tháng 3 năm 2022" -> place and date; a blank day gives the year alone.
struct PlaceDate {
  std::string place;
  std::optional<Date> date;
  int year = 0;
};
std::optional<PlaceDate> ReadPlaceDateLine(std::string_view line);

// A Vietnamese number as written in plans: "85", "8,2", "150.000", "1.234,5".
std::optional<double> ReadVietnameseNumber(std::string_view s);

}  // namespace dxgov::importer
