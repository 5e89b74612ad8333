#include "export/task_table.h"

#include <xlsxwriter.h>

#include <map>

namespace dxgov::exporting {

namespace {

std::string NameOf(const UnitRegistry& reg, const std::string& id, Date as_of) {
  const Unit* u = reg.Find(id);
  return u ? VersionOrLatest(*u, as_of).name : id;
}

std::string Cell(const TaskRow& r, size_t col) {
  switch (col) {
    case 0: return r.plan;
    case 1: return r.number;
    case 2: return r.section;
    case 3: return r.title;
    case 4: return r.lead;
    case 5: return r.coordinators;
    case 6: return r.deadline;
    case 7: return r.due ? FormatVi(*r.due) : "";
    case 8: return TaskStatusLabelVi(r.status);
    case 9: return std::to_string(r.progress_percent);
    case 10: return r.timeliness ? TimelinessLabelVi(*r.timeliness) : "";
    case 11: return r.completed_on ? FormatVi(*r.completed_on) : "";
  }
  return "";
}

// --------------------------------------------------------------------------- CSV

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class CsvWriter final : public TaskTableWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {
    out_ << "\xEF\xBB\xBF";
    const auto& cols = TaskColumns();
    for (size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << CsvField(cols[i].heading_vi);
    out_ << "\r\n";
  }
  Status Add(const TaskRow& r) override {
    for (size_t i = 0; i < TaskColumns().size(); ++i) out_ << (i ? "," : "") << CsvField(Cell(r, i));
    out_ << "\r\n";
    return out_ ? OkStatus() : Internal("CSV output failed");
  }
  Status Finish() override {
    out_.flush();
    return out_ ? OkStatus() : Internal("CSV output failed");
  }

 private:
  std::ostream& out_;
};

// --------------------------------------------------------------------------- JSON

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

class JsonWriter final : public TaskTableWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) { out_ << "["; }
  Status Add(const TaskRow& r) override {
    out_ << (first_ ? "\n" : ",\n") << "{";
    first_ = false;
    const auto& cols = TaskColumns();
    for (size_t i = 0; i < cols.size(); ++i) {
      out_ << (i ? "," : "") << JsonString(cols[i].key) << ":";
      if (i == 7) out_ << (r.due ? JsonString(FormatIso(*r.due)) : "null");
      else if (i == 8) out_ << JsonString(TaskStatusName(r.status));
      else if (i == 9) out_ << r.progress_percent;
      else if (i == 10) out_ << (r.timeliness ? JsonString(TimelinessName(*r.timeliness)) : "null");
      else if (i == 11) out_ << (r.completed_on ? JsonString(FormatIso(*r.completed_on)) : "null");
      else out_ << JsonString(Cell(r, i));
    }
    out_ << "}";
    return out_ ? OkStatus() : Internal("JSON output failed");
  }
  Status Finish() override {
    out_ << "\n]\n";
    out_.flush();
    return out_ ? OkStatus() : Internal("JSON output failed");
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

// --------------------------------------------------------------------------- XLSX

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

class XlsxWriter final : public TaskTableWriter {
 public:
  XlsxWriter(lxw_workbook* wb, lxw_worksheet* ws) : wb_(wb), ws_(ws) {
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0x1F4E79);
    format_set_font_color(header_, LXW_COLOR_WHITE);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(header_, LXW_BORDER_THIN);
    text_ = workbook_add_format(wb_);
    format_set_text_wrap(text_);
    format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);
    date_ = workbook_add_format(wb_);
    format_set_num_format(date_, "dd/mm/yyyy");
    format_set_align(date_, LXW_ALIGN_VERTICAL_TOP);
    number_ = workbook_add_format(wb_);
    format_set_align(number_, LXW_ALIGN_VERTICAL_TOP);
    overdue_ = workbook_add_format(wb_);
    format_set_bg_color(overdue_, 0xF8CBAD);
    format_set_font_color(overdue_, 0x9C0006);
    for (TaskStatus s : {TaskStatus::kNotStarted, TaskStatus::kInProgress, TaskStatus::kDone, TaskStatus::kPaused,
                         TaskStatus::kCancelled}) {
      lxw_format* f = workbook_add_format(wb_);
      format_set_bg_color(f, StatusColour(s));
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      status_[s] = f;
    }
    const auto& cols = TaskColumns();
    for (size_t i = 0; i < cols.size(); ++i) {
      worksheet_set_column(ws_, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), cols[i].width, nullptr);
      worksheet_write_string(ws_, 0, static_cast<lxw_col_t>(i), cols[i].heading_vi, header_);
    }
    worksheet_set_row(ws_, 0, 32, nullptr);
    worksheet_freeze_panes(ws_, 1, 0);
  }
  ~XlsxWriter() override {
    if (wb_) workbook_close(wb_);  // abandoned: free it, the caller removes the file
  }

  Status Add(const TaskRow& r) override {
    const lxw_row_t row = ++rows_;
    for (size_t i = 0; i < TaskColumns().size(); ++i) {
      const auto col = static_cast<lxw_col_t>(i);
      lxw_error e = LXW_NO_ERROR;
      if (i == 7 || i == 11) {
        const std::optional<Date>& d = i == 7 ? r.due : r.completed_on;
        if (d) {
          lxw_datetime x = ToLxw(*d);
          e = worksheet_write_datetime(ws_, row, col, &x, date_);
        }
      } else if (i == 8) {
        e = worksheet_write_string(ws_, row, col, TaskStatusLabelVi(r.status), status_[r.status]);
      } else if (i == 9) {
        e = worksheet_write_number(ws_, row, col, r.progress_percent, number_);
      } else if (i == 10) {
        if (r.timeliness)
          e = worksheet_write_string(ws_, row, col, TimelinessLabelVi(*r.timeliness),
                                     *r.timeliness == Timeliness::kOverdue ? overdue_ : text_);
      } else {
        const std::string v = Cell(r, i);
        if (!v.empty()) e = worksheet_write_string(ws_, row, col, v.c_str(), text_);
      }
      if (e != LXW_NO_ERROR) return Internal(std::string("xlsx: ") + lxw_strerror(e));
    }
    return OkStatus();
  }

  Status Finish() override {
    const auto last_col = static_cast<lxw_col_t>(TaskColumns().size() - 1);
    worksheet_autofilter(ws_, 0, 0, rows_, last_col);
    const lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR) return Internal(std::string("xlsx: ") + lxw_strerror(e));
    return OkStatus();
  }

 private:
  lxw_workbook* wb_;
  lxw_worksheet* ws_;
  lxw_format *header_, *text_, *date_, *number_, *overdue_;
  std::map<TaskStatus, lxw_format*> status_;
  lxw_row_t rows_ = 0;
};

}  // namespace

TaskRow RowOf(const Task& t, const std::string& plan_title, const UnitRegistry& reg, Date as_of, int due_soon_days) {
  TaskRow r;
  r.plan = plan_title;
  r.number = t.number;
  r.section = t.section;
  r.title = t.title;
  r.lead = t.lead.unit_id.empty() ? t.lead.as_written : NameOf(reg, t.lead.unit_id, as_of);
  for (const auto& c : t.coordinators)
    r.coordinators += (r.coordinators.empty() ? "" : "; ") + (c.unit_id.empty() ? c.as_written : NameOf(reg, c.unit_id, as_of));
  r.due = t.deadline ? GoverningDue(*t.deadline, as_of) : std::nullopt;
  r.deadline = t.deadline && !t.deadline->text.empty() ? t.deadline->text : r.due ? FormatVi(*r.due) : "";
  r.status = t.status;
  r.progress_percent = t.status == TaskStatus::kDone ? 100 : t.progress_percent;
  r.timeliness = JudgeTimeliness(t.deadline ? &*t.deadline : nullptr, t.status == TaskStatus::kDone ? t.completed_on : std::nullopt,
                                 t.status == TaskStatus::kCancelled, as_of, due_soon_days);
  r.completed_on = t.completed_on;
  return r;
}

const std::vector<Column>& TaskColumns() {
  static const std::vector<Column> kColumns = {
      {"plan", "Kế hoạch", 28},           {"number", "Số hiệu", 10},        {"section", "Mục", 6},
      {"title", "Nhiệm vụ", 60},          {"lead", "Đơn vị chủ trì", 28},   {"coordinators", "Đơn vị phối hợp", 32},
      {"deadline", "Thời hạn", 20},       {"due", "Hạn hoàn thành", 14},    {"status", "Trạng thái", 16},
      {"progress_percent", "Tiến độ (%)", 10}, {"timeliness", "Tình trạng hạn", 16}, {"completed_on", "Ngày hoàn thành", 14},
  };
  return kColumns;
}

std::unique_ptr<TaskTableWriter> CsvTaskWriter(std::ostream& out) { return std::make_unique<CsvWriter>(out); }
std::unique_ptr<TaskTableWriter> JsonTaskWriter(std::ostream& out) { return std::make_unique<JsonWriter>(out); }

Result<std::unique_ptr<TaskTableWriter>> XlsxTaskWriter(const std::string& path, const std::string& sheet_title,
                                                        const std::string& tmpdir) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  std::string tmp = tmpdir;
  options.tmpdir = tmp.empty() ? nullptr : tmp.data();
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) return Internal("xlsx: cannot create " + path);
  // Sheet names hold at most 31 characters and none of []:*?/\ .
  std::string name;
  size_t chars = 0;
  for (char c : sheet_title) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) continue;
    const bool starts_char = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_char && chars == 31) break;
    chars += starts_char ? 1 : 0;
    name += c;
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.empty() ? nullptr : name.c_str());
  if (!ws) {
    workbook_close(wb);
    return Internal("xlsx: cannot add the sheet");
  }
  return std::unique_ptr<TaskTableWriter>(std::make_unique<XlsxWriter>(wb, ws));
}

}  // namespace dxgov::exporting
