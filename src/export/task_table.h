// A plan's task table as officials keep it in a spreadsheet, and its open-data forms: one
// row per task with the names, labels and dates a reader needs (no ids to look up), written
// as .xlsx (libxlsxwriter in constant-memory mode: frozen header, filters, column widths,
// dates as dates, status colours), as CSV (UTF-8 with a byte-order mark, so that Excel reads
// the Vietnamese right) and as JSON.
//
// The writers stream: rows go out as they are added, so a 100,000-task table needs no more
// memory than one row.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/deadline.h"
#include "core/status.h"
#include "core/task.h"
#include "core/unit.h"

namespace dxgov::exporting {

struct TaskRow {
  std::string plan;          // the plan's title
  std::string number;        // "IV.1"
  std::string section;       // "IV"
  std::string title;
  std::string lead;          // the unit's name on the as-of date
  std::string coordinators;  // names, "; "-separated
  std::string deadline;      // as written ("Tháng 6/2022"), else the due date
  std::optional<Date> due;   // the governing due date on the as-of date
  TaskStatus status = TaskStatus::kNotStarted;
  int progress_percent = 0;
  std::optional<Timeliness> timeliness;
  std::optional<Date> completed_on;
};

// REQUIRES: every unit the task names is in `reg` or the name falls back to the id.
TaskRow RowOf(const Task& t, const std::string& plan_title, const UnitRegistry& reg, Date as_of, int due_soon_days);

// The columns, Vietnamese headings and English keys (the JSON's), in order.
struct Column {
  const char* key;
  const char* heading_vi;
  double width;  // in characters, for the spreadsheet
};
const std::vector<Column>& TaskColumns();

class TaskTableWriter {
 public:
  virtual ~TaskTableWriter() = default;
  virtual Status Add(const TaskRow& row) = 0;
  // Ends the file; nothing may be added after.
  virtual Status Finish() = 0;
};

// CSV to `out` (RFC 4180 quoting, CRLF, a BOM first). REQUIRES: `out` outlives the writer.
std::unique_ptr<TaskTableWriter> CsvTaskWriter(std::ostream& out);
// A JSON array of objects keyed by TaskColumns()' keys; dates ISO, null when absent.
std::unique_ptr<TaskTableWriter> JsonTaskWriter(std::ostream& out);
// An .xlsx workbook at `path` with one sheet titled `sheet_title`; temporary row files go to
// `tmpdir` (empty: the system's). kInternal when the library fails.
Result<std::unique_ptr<TaskTableWriter>> XlsxTaskWriter(const std::string& path, const std::string& sheet_title,
                                                        const std::string& tmpdir);

}  // namespace dxgov::exporting
