#include "export/internal/xlsx_book.h"

#include <string_view>

namespace dxgov::exporting::internal {

namespace {

// Fill colours by status, as a reader scanning the sheet expects: grey not started, blue in
// progress, green done, amber paused, dark grey cancelled; red for overdue.
uint32_t StatusColour(TaskStatus s) {
  switch (s) {
    case TaskStatus::kNotStarted: return 0xF2F2F2;
    case TaskStatus::kInProgress: return 0xDDEBF7;
    case TaskStatus::kDone: return 0xE2EFDA;
    case TaskStatus::kPaused: return 0xFFF2CC;
    case TaskStatus::kCancelled: return 0xD9D9D9;
  }
  return 0xFFFFFF;
}

lxw_datetime ToLxw(Date d) {
  lxw_datetime x{};
  x.year = YearOf(d);
  x.month = static_cast<int>(static_cast<unsigned>(d.month()));
  x.day = static_cast<int>(static_cast<unsigned>(d.day()));
  return x;
}

// Sheet names hold at most 31 characters and none of []:*?/\ .
std::string SheetName(const std::string& title) {
  std::string name;
  size_t chars = 0;
  for (char c : title) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) continue;
    const bool starts_char = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_char && chars == 31) break;
    chars += starts_char ? 1 : 0;
    name += c;
  }
  return name;
}

}  // namespace

Status XlsxSheet::Check(lxw_error e) {
  if (e == LXW_NO_ERROR) return OkStatus();
  return Internal(std::string("xlsx: ") + lxw_strerror(e));
}

Status XlsxSheet::Text(int col, const std::string& s) {
  if (s.empty()) return OkStatus();
  return Check(worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(col), s.c_str(), book_.text_));
}

Status XlsxSheet::Number(int col, double v) {
  return Check(worksheet_write_number(ws_, row_, static_cast<lxw_col_t>(col), v, book_.number_));
}

Status XlsxSheet::DateCell(int col, const std::optional<Date>& d) {
  if (!d) return OkStatus();
  lxw_datetime x = ToLxw(*d);
  return Check(worksheet_write_datetime(ws_, row_, static_cast<lxw_col_t>(col), &x, book_.date_));
}

Status XlsxSheet::StatusCell(int col, TaskStatus s) {
  return Check(worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(col), TaskStatusLabelVi(s), book_.status_[s]));
}

Status XlsxSheet::TimelinessCell(int col, const std::optional<Timeliness>& t) {
  if (!t) return OkStatus();
  return Check(worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(col), TimelinessLabelVi(*t),
                                      *t == Timeliness::kOverdue ? book_.warning_ : book_.text_));
}

Status XlsxSheet::Warning(int col, const std::string& s) {
  return Check(worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(col), s.c_str(), book_.warning_));
}

Result<std::unique_ptr<XlsxBook>> XlsxBook::Create(const std::string& path, const std::string& tmpdir) {
  std::unique_ptr<XlsxBook> book(new XlsxBook());
  book->tmpdir_ = tmpdir;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = book->tmpdir_.empty() ? nullptr : book->tmpdir_.data();
  book->wb_ = workbook_new_opt(path.c_str(), &options);
  if (!book->wb_) return Internal("xlsx: cannot create " + path);
  lxw_workbook* wb = book->wb_;
  book->header_ = workbook_add_format(wb);
  format_set_bold(book->header_);
  format_set_bg_color(book->header_, 0x1F4E79);
  format_set_font_color(book->header_, LXW_COLOR_WHITE);
  format_set_text_wrap(book->header_);
  format_set_align(book->header_, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(book->header_, LXW_BORDER_THIN);
  book->text_ = workbook_add_format(wb);
  format_set_text_wrap(book->text_);
  format_set_align(book->text_, LXW_ALIGN_VERTICAL_TOP);
  book->date_ = workbook_add_format(wb);
  format_set_num_format(book->date_, "dd/mm/yyyy");
  format_set_align(book->date_, LXW_ALIGN_VERTICAL_TOP);
  book->number_ = workbook_add_format(wb);
  format_set_align(book->number_, LXW_ALIGN_VERTICAL_TOP);
  book->warning_ = workbook_add_format(wb);
  format_set_bg_color(book->warning_, 0xF8CBAD);
  format_set_font_color(book->warning_, 0x9C0006);
  format_set_align(book->warning_, LXW_ALIGN_VERTICAL_TOP);
  for (TaskStatus s : {TaskStatus::kNotStarted, TaskStatus::kInProgress, TaskStatus::kDone, TaskStatus::kPaused,
                       TaskStatus::kCancelled}) {
    lxw_format* f = workbook_add_format(wb);
    format_set_bg_color(f, StatusColour(s));
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    book->status_[s] = f;
  }
  return book;
}

XlsxBook::~XlsxBook() {
  if (wb_) workbook_close(wb_);
}

Result<XlsxSheet*> XlsxBook::AddSheet(const std::string& title, const std::vector<SheetColumn>& columns) {
  const std::string name = SheetName(title);
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.empty() ? nullptr : name.c_str());
  if (!ws) return Internal("xlsx: cannot add the sheet '" + name + "'");
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    worksheet_set_column(ws, col, col, columns[i].width, nullptr);
    worksheet_write_string(ws, 0, col, columns[i].heading.c_str(), header_);
  }
  worksheet_set_row(ws, 0, 32, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  // Printed as officials print a table: A4 landscape, one page wide, the header on every page.
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, 0);
  sheets_.push_back(std::unique_ptr<XlsxSheet>(new XlsxSheet(*this, ws, static_cast<int>(columns.size()))));
  return sheets_.back().get();
}

Status XlsxBook::Finish() {
  for (const auto& s : sheets_)
    if (s->columns_ > 0) worksheet_autofilter(s->ws_, 0, 0, s->row_, static_cast<lxw_col_t>(s->columns_ - 1));
  const lxw_error e = workbook_close(wb_);
  wb_ = nullptr;
  if (e != LXW_NO_ERROR) return Internal(std::string("xlsx: ") + lxw_strerror(e));
  return OkStatus();
}

}  // namespace dxgov::exporting::internal
