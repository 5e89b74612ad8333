// A report cycle's consolidated report ("báo cáo tổng hợp"): how every respondent stands on
// a day, and what the reports sent so far say — task by task, figure by figure and section
// by section. The standing agency files it as a Word document in the administrative layout
// (its letterhead, number, place and date) and works on it as a workbook; the tables are
// also published as CSV.
//
// The caller (the API) gathers the content from storage and decides what the reader may
// see; this file only lays it out.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/report_cycle.h"
#include "core/status.h"
#include "core/task.h"

namespace dxgov::exporting {

struct CycleReport {
  ReportCycle cycle;
  Date as_of;

  struct Respondent {
    std::string unit_id;
    std::string name;        // on the period's last day
    std::string kind_label;  // "Bộ", "Tỉnh", ...
    Response response;
    int round = 0;                           // times submitted
    std::optional<Date> first_submitted_on;  // the Vietnamese day
    std::string return_reason;               // when returned
  };
  std::vector<Respondent> respondents;  // every unit that must answer

  // Content comes only from reports sent (submitted or accepted) that the reader may see.
  struct TaskLine {
    std::string unit;  // the respondent's name
    std::string number, title;
    std::optional<TaskStatus> status;
    std::optional<int> percent;
    std::optional<Date> completed_on;
    std::string narrative;
  };
  std::vector<TaskLine> tasks;

  struct FigureLine {
    std::string unit;
    std::string code, name, unit_of_measure, period_label;
    std::optional<double> value;
    bool estimated = false;
    std::string note;
  };
  std::vector<FigureLine> figures;

  struct SectionText {
    std::string unit;
    std::string text;
  };
  struct Section {
    ReportSection section;
    std::vector<SectionText> texts;  // only respondents who wrote something
  };
  std::vector<Section> sections;  // the cycle's, in order

  int withheld = 0;  // reports sent whose content the reader may not see
};

// The report's tables, for CSV (one per file) and the workbook (one sheet each).
enum class CycleTable { kRespondents, kTasks, kIndicators, kSections };
const char* CycleTableName(CycleTable t);  // "respondents", "tasks", "indicators", "sections"
std::optional<CycleTable> ParseCycleTable(std::string_view s);

// The letterhead and signature of the Word document.
struct Letterhead {
  std::string parent_body;   // the body above the issuer ("" when none)
  std::string issuing_body;  // printed in capitals
  std::string number;        // after "Số: ", e.g. "   /BC-UBQGCĐS" (left blank to be numbered when issued)
  std::string place;         // "Hà Nội"
  Date date;
  std::string signer_title;  // "KT. CHỦ NHIỆM …"; "" leaves the space to fill in
  std::string signer_name;
  std::vector<std::string> recipients;  // "Lưu: VT."
};

// CSV (UTF-8 with BOM, RFC 4180) of one table, with Vietnamese headings.
Status WriteCycleReportCsv(const CycleReport& r, CycleTable table, std::ostream& out);
// An .xlsx workbook (constant memory) with one sheet per table.
Status WriteCycleReportXlsx(const CycleReport& r, const std::string& path, const std::string& tmpdir);
// The Word document: I. the state of reporting, II. tasks, III. indicators, then one numbered
// part per free section of the cycle (results, difficulties, proposals), each respondent's
// text under its name.
Status WriteCycleReportDocx(const CycleReport& r, const Letterhead& head, const std::string& path);

}  // namespace dxgov::exporting
