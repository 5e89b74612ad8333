#include "export/cycle_report.h"

#include <cstdio>
#include <map>

#include "core/number_format.h"
#include "export/docx_document.h"
#include "export/internal/delimited.h"
#include "export/internal/xlsx_book.h"
#include "text/vn_text.h"

namespace dxgov::exporting {

namespace {

using internal::SheetColumn;

std::string OptDateVi(const std::optional<Date>& d) { return d ? FormatVi(*d) : ""; }

// What the standing agency notes beside a respondent: the round, lateness, the return reason.
std::string RespondentNote(const CycleReport::Respondent& r) {
  std::string note;
  auto add = [&](const std::string& s) {
    if (!note.empty()) note += "; ";
    note += s;
  };
  if (r.response.overdue) add("Quá hạn, chưa gửi");
  if (r.response.late) add("Gửi muộn");
  if (r.round > 1) add(std::string("Gửi lần ").append(std::to_string(r.round)));
  if (r.response.state == ResponseState::kReturned && !r.return_reason.empty()) add(std::string("Lý do trả lại: ").append(r.return_reason));
  return note;
}

std::string FigureText(const CycleReport::FigureLine& f) {
  if (!f.value) return "";
  return FormatNumberVi(*f.value) + (f.estimated ? " (ước tính)" : "");
}

std::vector<SheetColumn> Columns(CycleTable t) {
  switch (t) {
    case CycleTable::kRespondents:
      return {{"STT", 6},       {"Đơn vị", 34},        {"Loại đơn vị", 18}, {"Tình trạng", 18},
              {"Số lần gửi", 10}, {"Ngày gửi lần đầu", 14}, {"Ghi chú", 48}};
    case CycleTable::kTasks:
      return {{"Đơn vị", 30},   {"Số hiệu", 10},         {"Nhiệm vụ", 60},       {"Trạng thái", 16},
              {"Tiến độ (%)", 10}, {"Ngày hoàn thành", 14}, {"Kết quả thực hiện", 60}};
    case CycleTable::kIndicators:
      return {{"Đơn vị", 30}, {"Mã chỉ tiêu", 12}, {"Chỉ tiêu", 50}, {"Kỳ số liệu", 14},
              {"Giá trị", 12}, {"Đơn vị tính", 12}, {"Ước tính", 9},  {"Ghi chú", 40}};
    case CycleTable::kSections:
      return {{"Đơn vị", 30}, {"Mục", 28}, {"Nội dung", 90}};
  }
  return {};
}

const char* SheetTitle(CycleTable t) {
  switch (t) {
    case CycleTable::kRespondents: return "Tình hình báo cáo";
    case CycleTable::kTasks: return "Nhiệm vụ";
    case CycleTable::kIndicators: return "Chỉ tiêu";
    case CycleTable::kSections: return "Nội dung báo cáo";
  }
  return "";
}

// Every table's rows as text, in the order the report shows them.
std::vector<std::vector<std::string>> Rows(const CycleReport& r, CycleTable t) {
  std::vector<std::vector<std::string>> rows;
  switch (t) {
    case CycleTable::kRespondents:
      for (size_t i = 0; i < r.respondents.size(); ++i) {
        const auto& p = r.respondents[i];
        rows.push_back({std::to_string(i + 1), p.name, p.kind_label, ResponseStateLabelVi(p.response.state),
                        std::to_string(p.round), OptDateVi(p.first_submitted_on), RespondentNote(p)});
      }
      break;
    case CycleTable::kTasks:
      for (const auto& l : r.tasks)
        rows.push_back({l.unit, l.number, l.title, l.status ? TaskStatusLabelVi(*l.status) : "",
                        l.percent ? std::to_string(*l.percent) : "", OptDateVi(l.completed_on), l.narrative});
      break;
    case CycleTable::kIndicators:
      for (const auto& f : r.figures)
        rows.push_back({f.unit, f.code, f.name, f.period_label, f.value ? FormatNumberVi(*f.value) : "", f.unit_of_measure,
                        f.estimated ? "Có" : "", f.note});
      break;
    case CycleTable::kSections:
      for (const auto& s : r.sections)
        for (const auto& text : s.texts) rows.push_back({text.unit, s.section.title, text.text});
      break;
  }
  return rows;
}

std::string Roman(int n) {
  static const std::pair<int, const char*> kNumerals[] = {{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [value, numeral] : kNumerals)
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  return out;
}

std::string DateLine(const std::string& place, Date d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "ngày %02u tháng %02u năm %d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), YearOf(d));
  return place.empty() ? buf : place + ", " + buf;
}

}  // namespace

const char* CycleTableName(CycleTable t) {
  switch (t) {
    case CycleTable::kRespondents: return "respondents";
    case CycleTable::kTasks: return "tasks";
    case CycleTable::kIndicators: return "indicators";
    case CycleTable::kSections: return "sections";
  }
  return "";
}

std::optional<CycleTable> ParseCycleTable(std::string_view s) {
  for (CycleTable t : {CycleTable::kRespondents, CycleTable::kTasks, CycleTable::kIndicators, CycleTable::kSections})
    if (s == CycleTableName(t)) return t;
  return std::nullopt;
}

Status WriteCycleReportCsv(const CycleReport& r, CycleTable table, std::ostream& out) {
  out << internal::kUtf8Bom;
  std::vector<std::string> headings;
  for (const auto& c : Columns(table)) headings.push_back(c.heading);
  internal::CsvRecord(out, headings);
  for (const auto& row : Rows(r, table)) internal::CsvRecord(out, row);
  out.flush();
  return out ? OkStatus() : Internal("CSV output failed");
}

Status WriteCycleReportXlsx(const CycleReport& r, const std::string& path, const std::string& tmpdir) {
  DX_ASSIGN_OR_RETURN(std::unique_ptr<internal::XlsxBook> book, internal::XlsxBook::Create(path, tmpdir));
  {
    DX_ASSIGN_OR_RETURN(internal::XlsxSheet * s, book->AddSheet(SheetTitle(CycleTable::kRespondents),
                                                                 Columns(CycleTable::kRespondents)));
    for (size_t i = 0; i < r.respondents.size(); ++i) {
      const auto& p = r.respondents[i];
      s->NextRow();
      DX_RETURN_IF_ERROR(s->Number(0, static_cast<double>(i + 1)));
      DX_RETURN_IF_ERROR(s->Text(1, p.name));
      DX_RETURN_IF_ERROR(s->Text(2, p.kind_label));
      const bool alarming = p.response.overdue || p.response.late || p.response.state == ResponseState::kReturned;
      DX_RETURN_IF_ERROR(alarming ? s->Warning(3, ResponseStateLabelVi(p.response.state))
                                  : s->Text(3, ResponseStateLabelVi(p.response.state)));
      DX_RETURN_IF_ERROR(s->Number(4, p.round));
      DX_RETURN_IF_ERROR(s->DateCell(5, p.first_submitted_on));
      DX_RETURN_IF_ERROR(s->Text(6, RespondentNote(p)));
    }
  }
  {
    DX_ASSIGN_OR_RETURN(internal::XlsxSheet * s, book->AddSheet(SheetTitle(CycleTable::kTasks), Columns(CycleTable::kTasks)));
    for (const auto& l : r.tasks) {
      s->NextRow();
      DX_RETURN_IF_ERROR(s->Text(0, l.unit));
      DX_RETURN_IF_ERROR(s->Text(1, l.number));
      DX_RETURN_IF_ERROR(s->Text(2, l.title));
      if (l.status) DX_RETURN_IF_ERROR(s->StatusCell(3, *l.status));
      if (l.percent) DX_RETURN_IF_ERROR(s->Number(4, *l.percent));
      DX_RETURN_IF_ERROR(s->DateCell(5, l.completed_on));
      DX_RETURN_IF_ERROR(s->Text(6, l.narrative));
    }
  }
  {
    DX_ASSIGN_OR_RETURN(internal::XlsxSheet * s,
                        book->AddSheet(SheetTitle(CycleTable::kIndicators), Columns(CycleTable::kIndicators)));
    for (const auto& f : r.figures) {
      s->NextRow();
      DX_RETURN_IF_ERROR(s->Text(0, f.unit));
      DX_RETURN_IF_ERROR(s->Text(1, f.code));
      DX_RETURN_IF_ERROR(s->Text(2, f.name));
      DX_RETURN_IF_ERROR(s->Text(3, f.period_label));
      if (f.value) DX_RETURN_IF_ERROR(s->Number(4, *f.value));
      DX_RETURN_IF_ERROR(s->Text(5, f.unit_of_measure));
      DX_RETURN_IF_ERROR(s->Text(6, f.estimated ? "Có" : ""));
      DX_RETURN_IF_ERROR(s->Text(7, f.note));
    }
  }
  {
    DX_ASSIGN_OR_RETURN(internal::XlsxSheet * s,
                        book->AddSheet(SheetTitle(CycleTable::kSections), Columns(CycleTable::kSections)));
    for (const auto& row : Rows(r, CycleTable::kSections)) {
      s->NextRow();
      for (int c = 0; c < 3; ++c) DX_RETURN_IF_ERROR(s->Text(c, row[static_cast<size_t>(c)]));
    }
  }
  return book->Finish();
}

Status WriteCycleReportDocx(const CycleReport& r, const Letterhead& head, const std::string& path) {
  const ReportCycle& c = r.cycle;
  DocxBody body;
  int part = 0;

  // I. Who has reported.
  std::map<ResponseState, int> by_state;
  int overdue = 0, late = 0;
  for (const auto& p : r.respondents) {
    ++by_state[p.response.state];
    overdue += p.response.overdue;
    late += p.response.late;
  }
  const int total = static_cast<int>(r.respondents.size());
  const int sent = by_state[ResponseState::kSubmittedOnTime] + by_state[ResponseState::kSubmittedLate] +
                   by_state[ResponseState::kAccepted];
  body.Heading(1, Roman(++part) + ". TÌNH HÌNH BÁO CÁO");
  body.Paragraph(std::string("Kỳ báo cáo: ") + FormatPeriodVi(c.period) + "; hạn gửi báo cáo: ngày " + FormatVi(c.due) +
                 ". Tính đến ngày " + FormatVi(r.as_of) + ", " + std::to_string(sent) + "/" + std::to_string(total) +
                 " đơn vị đã gửi báo cáo (" + std::to_string(by_state[ResponseState::kAccepted]) + " đã được chấp nhận; " +
                 std::to_string(late) + " gửi muộn); " + std::to_string(by_state[ResponseState::kReturned]) +
                 " báo cáo bị trả lại để hoàn thiện; " +
                 std::to_string(by_state[ResponseState::kNotStarted] + by_state[ResponseState::kDraft]) +
                 " đơn vị chưa gửi, trong đó " + std::to_string(overdue) + " đơn vị đã quá hạn.");
  if (r.withheld > 0)
    body.Italic(std::string("Báo cáo này không gồm nội dung của ") + std::to_string(r.withheld) +
                " báo cáo mà người lập không có quyền xem.");
  {
    std::vector<std::vector<std::string>> rows;
    for (auto row : Rows(r, CycleTable::kRespondents)) {
      rows.push_back({row[0], row[1], row[3], row[5], row[6]});
    }
    body.Table({{"STT", 700}, {"Đơn vị", 2900}, {"Tình trạng", 1800}, {"Ngày gửi", 1400}, {"Ghi chú", 2271}}, rows);
  }

  // II. Tasks.
  body.Heading(1, Roman(++part) + ". TÌNH HÌNH THỰC HIỆN NHIỆM VỤ");
  if (r.tasks.empty()) {
    body.Italic("Chưa có báo cáo về nhiệm vụ.");
  } else {
    std::map<TaskStatus, int> by_status;
    for (const auto& l : r.tasks)
      if (l.status) ++by_status[*l.status];
    body.Paragraph(std::string("Các đơn vị đã báo cáo ") + std::to_string(r.tasks.size()) + " lượt nhiệm vụ: " +
                   std::to_string(by_status[TaskStatus::kDone]) + " hoàn thành, " +
                   std::to_string(by_status[TaskStatus::kInProgress]) + " đang triển khai, " +
                   std::to_string(by_status[TaskStatus::kNotStarted]) + " chưa triển khai, " +
                   std::to_string(by_status[TaskStatus::kPaused]) + " tạm dừng.");
    std::vector<std::vector<std::string>> rows;
    int n = 0;
    for (const auto& l : r.tasks)
      rows.push_back({std::to_string(++n), l.unit, (l.number.empty() ? std::string() : l.number + ". ") + l.title,
                      l.status ? TaskStatusLabelVi(*l.status) : "", l.percent ? std::to_string(*l.percent) + "%" : "",
                      l.narrative});
    body.Table({{"STT", 700}, {"Đơn vị", 1600}, {"Nhiệm vụ", 2700}, {"Trạng thái", 1300}, {"Tiến độ", 900},
                {"Kết quả", 1871}},
               rows);
  }

  // III. Indicators.
  body.Heading(1, Roman(++part) + ". SỐ LIỆU CHỈ TIÊU");
  if (r.figures.empty()) {
    body.Italic(c.indicators.empty() ? "Kỳ báo cáo này không yêu cầu số liệu chỉ tiêu." : "Chưa có số liệu chỉ tiêu.");
  } else {
    std::vector<std::vector<std::string>> rows;
    int n = 0;
    for (const auto& f : r.figures)
      rows.push_back({std::to_string(++n), f.unit, f.code + " - " + f.name, f.period_label,
                      FigureText(f) + (f.unit_of_measure.empty() || !f.value ? std::string() : std::string(" ").append(f.unit_of_measure)), f.note});
    body.Table({{"STT", 700}, {"Đơn vị", 1700}, {"Chỉ tiêu", 2700}, {"Kỳ", 1100}, {"Giá trị", 1300}, {"Ghi chú", 1571}},
               rows);
  }

  // IV… The free sections, each respondent's text under its name.
  for (const auto& s : r.sections) {
    body.Heading(1, Roman(++part) + ". " + text::ToUpper(s.section.title));
    if (s.texts.empty()) body.Italic("Chưa có nội dung.");
    int n = 0;
    for (const auto& t : s.texts) {
      body.Heading(2, std::to_string(++n) + ". " + t.unit);
      body.Paragraph(t.text);
    }
  }

  DocxBody recipients;
  for (const auto& line : head.recipients) recipients.Recipient(std::string("- ").append(line));
  if (head.recipients.empty()) recipients.Recipient("- Lưu: VT.");

  // The issuer's lines: the body above it (when it has one), then the issuer in bold.
  DocxBody issuer;
  if (!head.parent_body.empty()) issuer.LetterheadLine(text::ToUpper(head.parent_body), false);
  issuer.LetterheadLine(text::ToUpper(head.issuing_body), true);

  const std::map<std::string, std::string> fields = {
      {"ISSUING_BODY", head.issuing_body},
      {"NUMBER", head.number},
      {"PLACE_AND_DATE", DateLine(head.place, head.date)},
      {"DOCUMENT_KIND", "BÁO CÁO"},
      {"DOCUMENT_TITLE", c.title},
      {"SIGNER_TITLE", text::ToUpper(head.signer_title)},
      {"SIGNER_NAME", head.signer_name},
      {"CREATED", FormatIso(head.date) + "T00:00:00Z"},
  };
  return WriteDocx(path, fields, {{"ISSUER", &issuer}, {"BODY", &body}, {"RECIPIENTS", &recipients}});
}

}  // namespace dxgov::exporting
