// A workbook in libxlsxwriter's constant-memory mode with the look every dxgov sheet shares:
// a dark header row that wraps, frozen under the pane, filters over the data, column widths,
// text that wraps at the top of the cell, dates as dates (dd/mm/yyyy), and fills by status;
// printed on A4 landscape, one page wide, the header repeated on each page.
//
// Constant memory means rows are flushed as they are written: each sheet is written top to
// bottom, one row after the other, and a row once left cannot be changed.
//
// Private to src/export.
#pragma once

#include <xlsxwriter.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/deadline.h"
#include "core/status.h"
#include "core/task.h"

namespace dxgov::exporting::internal {

struct SheetColumn {
  std::string heading;
  double width;  // in characters
};

class XlsxSheet {
 public:
  // Starts the next row; cells then go into it.
  void NextRow() { ++row_; }
  Status Text(int col, const std::string& s);
  Status Number(int col, double v);
  Status DateCell(int col, const std::optional<Date>& d);
  Status StatusCell(int col, TaskStatus s);
  Status TimelinessCell(int col, const std::optional<Timeliness>& t);
  // A cell filled to draw the eye (a late or returned report).
  Status Warning(int col, const std::string& s);

 private:
  friend class XlsxBook;
  XlsxSheet(class XlsxBook& book, lxw_worksheet* ws, int columns) : book_(book), ws_(ws), columns_(columns) {}
  Status Check(lxw_error e);
  XlsxBook& book_;
  lxw_worksheet* ws_;
  int columns_;
  lxw_row_t row_ = 0;  // the header is row 0
};

class XlsxBook {
 public:
  // Creates the file at `path`; temporary row files go to `tmpdir` (empty: the system's).
  static Result<std::unique_ptr<XlsxBook>> Create(const std::string& path, const std::string& tmpdir);
  ~XlsxBook();  // an unfinished book is closed; the caller removes the file
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  // A new sheet with its header row written. The title is cut to Excel's 31 characters and
  // stripped of []:*?/\ . The sheet is owned by the book.
  Result<XlsxSheet*> AddSheet(const std::string& title, const std::vector<SheetColumn>& columns);
  // Sets the filters of every sheet over what was written, and closes the file.
  Status Finish();

 private:
  friend class XlsxSheet;
  XlsxBook() = default;
  std::string tmpdir_;  // libxlsxwriter keeps the pointer
  lxw_workbook* wb_ = nullptr;
  lxw_format *header_ = nullptr, *text_ = nullptr, *date_ = nullptr, *number_ = nullptr, *warning_ = nullptr;
  std::map<TaskStatus, lxw_format*> status_;
  std::vector<std::unique_ptr<XlsxSheet>> sheets_;
};

}  // namespace dxgov::exporting::internal
