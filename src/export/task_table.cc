#include "export/task_table.h"

#include "export/internal/delimited.h"
#include "export/internal/xlsx_book.h"

namespace dxgov::exporting {

namespace {

using internal::CsvField;
using internal::JsonString;

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

class CsvWriter final : public TaskTableWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {
    out_ << internal::kUtf8Bom;
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

class XlsxWriter final : public TaskTableWriter {
 public:
  XlsxWriter(std::unique_ptr<internal::XlsxBook> book, internal::XlsxSheet* sheet)
      : book_(std::move(book)), sheet_(sheet) {}

  Status Add(const TaskRow& r) override {
    sheet_->NextRow();
    for (size_t i = 0; i < TaskColumns().size(); ++i) {
      const int col = static_cast<int>(i);
      Status s = OkStatus();
      if (i == 7) s = sheet_->DateCell(col, r.due);
      else if (i == 11) s = sheet_->DateCell(col, r.completed_on);
      else if (i == 8) s = sheet_->StatusCell(col, r.status);
      else if (i == 9) s = sheet_->Number(col, r.progress_percent);
      else if (i == 10) s = sheet_->TimelinessCell(col, r.timeliness);
      else s = sheet_->Text(col, Cell(r, i));
      if (!s.ok()) return s;
    }
    return OkStatus();
  }

  Status Finish() override { return book_->Finish(); }

 private:
  std::unique_ptr<internal::XlsxBook> book_;
  internal::XlsxSheet* sheet_;
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
  DX_ASSIGN_OR_RETURN(std::unique_ptr<internal::XlsxBook> book, internal::XlsxBook::Create(path, tmpdir));
  std::vector<internal::SheetColumn> columns;
  for (const auto& c : TaskColumns()) columns.push_back({c.heading_vi, c.width});
  DX_ASSIGN_OR_RETURN(internal::XlsxSheet * sheet, book->AddSheet(sheet_title, columns));
  return std::unique_ptr<TaskTableWriter>(std::make_unique<XlsxWriter>(std::move(book), sheet));
}

}  // namespace dxgov::exporting
