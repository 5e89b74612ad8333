// Routes for the files officials use (src/export): a plan's task table as .xlsx, CSV or JSON,
// and a report cycle's consolidated report as .xlsx, CSV (one table), JSON (every table) or
// .docx in the administrative layout.
//
// What a file holds is what the caller may read through the API: the plan must be visible
// to it, and the consolidated report carries the content of only those reports the caller
// may open (the others are counted, not shown). The files are written to a scratch file
// under the system's temporary directory (libxlsxwriter and libzip write to paths), read
// back as the body, and removed.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include <boost/json.hpp>

#include "api/internal/handler.h"
#include "api/internal/responses.h"
#include "api/query_params.h"
#include "export/cycle_report.h"
#include "export/task_table.h"
#include "text/vn_text.h"

namespace dxgov::api {

namespace {

constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr char kDocxType[] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr char kCsvType[] = "text/csv; charset=utf-8";
constexpr char kJsonType[] = "application/json; charset=utf-8";

// A file of our own under the system's temporary directory, removed with the object.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& suffix) {
    std::string tmpl = (std::filesystem::temp_directory_path() / ("dxgov-export-XXXXXX" + suffix)).string();
    const int fd = mkstemps(tmpl.data(), static_cast<int>(suffix.size()));
    if (fd >= 0) {
      close(fd);
      path_ = tmpl;
    }
  }
  ~ScratchFile() {
    if (!path_.empty()) std::filesystem::remove(path_, ignored_);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  Result<std::string> Read() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (!in && !in.eof()) return Internal("cannot read the export file back");
    return s.str();
  }

 private:
  std::string path_;
  mutable std::error_code ignored_;
};

// The last path segment's extension: "xlsx" for ".../tasks.xlsx".
std::string FormatOf(const std::string& path) { return path.substr(path.rfind('.') + 1); }

// A file name that says what it is: "nhiem-vu-ke-hoach-2022-….xlsx", cut to a sane length.
std::string FileName(const std::string& what, const std::string& title, const std::string& ext) {
  std::string slug = text::Slug(title);
  if (slug.size() > 80) slug.resize(80);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return what + (slug.empty() ? "" : "-" + slug) + "." + ext;
}

json::value OptDateJson(const std::optional<Date>& d) { return d ? json::value(FormatIso(*d)) : json::value(nullptr); }

// The consolidated report as open data: the same tables as the CSV files, keys in English,
// dates ISO, states as keys with their Vietnamese labels beside them.
json::object ReportJson(const exporting::CycleReport& r) {
  json::array respondents, tasks, figures, sections;
  for (const auto& p : r.respondents)
    respondents.push_back(json::object{{"unit", p.unit_id},
                                       {"name", p.name},
                                       {"kind_label", p.kind_label},
                                       {"state", ResponseStateName(p.response.state)},
                                       {"state_label", ResponseStateLabelVi(p.response.state)},
                                       {"overdue", p.response.overdue},
                                       {"late", p.response.late},
                                       {"round", p.round},
                                       {"first_submitted_on", OptDateJson(p.first_submitted_on)},
                                       {"return_reason", p.return_reason.empty() ? json::value(nullptr) : json::value(p.return_reason)}});
  for (const auto& t : r.tasks)
    tasks.push_back(json::object{{"unit", t.unit},
                                 {"number", t.number},
                                 {"title", t.title},
                                 {"status", t.status ? json::value(TaskStatusName(*t.status)) : json::value(nullptr)},
                                 {"percent", t.percent ? json::value(*t.percent) : json::value(nullptr)},
                                 {"completed_on", OptDateJson(t.completed_on)},
                                 {"narrative", t.narrative}});
  for (const auto& f : r.figures)
    figures.push_back(json::object{{"unit", f.unit},
                                   {"indicator", f.code},
                                   {"name", f.name},
                                   {"period_label", f.period_label},
                                   {"value", f.value ? json::value(*f.value) : json::value(nullptr)},
                                   {"unit_of_measure", f.unit_of_measure},
                                   {"estimated", f.estimated},
                                   {"note", f.note}});
  for (const auto& s : r.sections) {
    json::array texts;
    for (const auto& t : s.texts) texts.push_back(json::object{{"unit", t.unit}, {"text", t.text}});
    sections.push_back(json::object{{"key", s.section.key}, {"title", s.section.title}, {"texts", std::move(texts)}});
  }
  return json::object{{"cycle", json::object{{"id", r.cycle.id},
                                             {"title", r.cycle.title},
                                             {"period", FormatPeriod(r.cycle.period)},
                                             {"period_label", FormatPeriodVi(r.cycle.period)},
                                             {"due", FormatIso(r.cycle.due)}}},
                      {"as_of", FormatIso(r.as_of)},
                      {"withheld", r.withheld},
                      {"respondents", std::move(respondents)},
                      {"tasks", std::move(tasks)},
                      {"indicators", std::move(figures)},
                      {"sections", std::move(sections)}};
}

}  // namespace

HttpResponse Handler::ExportPlanTasks() {
  QueryParams p(req_.query, {"as_of", "due_soon_days"});
  const Date as_of = p.DateP("as_of").value_or(Today());
  const int soon = static_cast<int>(p.Int("due_soon_days", 0, 365).value_or(options_.due_soon_days));
  if (auto bad = p.Problems()) return FromError(*bad);
  auto plan = store_.GetPlan(id_);
  if (!plan.ok()) return FromError(plan.error());
  if (auto no = Authorize(PlanSubject(*plan))) return *no;
  TaskQuery q;
  q.plan_id = plan->id;
  q.as_of = as_of;
  q.due_soon_days = soon;
  q.sort = TaskSort::kNumber;
  auto tasks = Drain<Task>(std::move(q), [&](const TaskQuery& page) { return store_.ListTasks(page); });
  if (!tasks.ok()) return FromError(tasks.error());

  const std::string format = FormatOf(req_.path);
  const std::string name = FileName("nhiem-vu", plan->title, format);
  auto write_rows = [&](exporting::TaskTableWriter& w) -> Status {
    for (const auto& t : *tasks) DX_RETURN_IF_ERROR(w.Add(exporting::RowOf(t, plan->title, *reg_, as_of, soon)));
    return w.Finish();
  };
  if (format == "xlsx") {
    ScratchFile file(".xlsx");
    if (!file.ok()) return FromError(Internal("cannot create a scratch file"));
    auto w = exporting::XlsxTaskWriter(file.path(), "Nhiệm vụ", "");
    if (!w.ok()) return FromError(w.error());
    if (auto s = write_rows(**w); !s.ok()) return FromError(s.error());
    auto body = file.Read();
    if (!body.ok()) return FromError(body.error());
    return Attachment(kXlsxType, name, std::move(body).value());
  }
  std::ostringstream out;
  auto w = format == "csv" ? exporting::CsvTaskWriter(out) : exporting::JsonTaskWriter(out);
  if (auto s = write_rows(*w); !s.ok()) return FromError(s.error());
  return Attachment(format == "csv" ? kCsvType : kJsonType, name, out.str());
}

HttpResponse Handler::ExportCycleReport() {
  const std::string format = FormatOf(req_.path);
  QueryParams p(req_.query, {"as_of", "table", "issuer", "number", "place", "date", "signer_title", "signer_name",
                             "recipients"});
  const Date as_of = p.DateP("as_of").value_or(Today());
  std::optional<exporting::CycleTable> table;
  if (auto t = p.Str("table")) {
    table = exporting::ParseCycleTable(*t);
    if (!table) p.Fail("/query/table", "must be one of respondents|tasks|indicators|sections");
    else if (format != "csv") p.Fail("/query/table", "only for report.csv: the workbook and the document hold every table");
  }
  exporting::Letterhead head;
  head.number = p.Str("number").value_or("      /BC-");
  head.place = p.Str("place").value_or("Hà Nội");
  head.date = p.DateP("date").value_or(Today());
  head.signer_title = p.Str("signer_title").value_or("");
  head.signer_name = p.Str("signer_name").value_or("");
  // One recipient per line ("Thủ tướng Chính phủ (để b/c);\nLưu: VT.").
  if (auto r = p.Str("recipients")) {
    std::istringstream lines(*r);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) head.recipients.push_back(line);
  }
  const std::optional<std::string> issuer = p.Str("issuer");
  if (issuer && !reg_->Find(*issuer)) p.Fail("/query/issuer", "unknown unit '" + *issuer + "'");
  if (format != "docx")
    for (const char* k : {"issuer", "number", "place", "date", "signer_title", "signer_name", "recipients"})
      if (p.Str(k)) p.Fail(std::string("/query/").append(k), "only for report.docx");
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto cycle = VisibleCycle();
  if (!cycle.ok()) return FromError(cycle.error());
  const ReportCycle& c = *cycle;

  auto report = ConsolidatedReport(c, as_of);
  if (!report.ok()) return FromError(report.error());

  const std::string name = FileName("bao-cao-tong-hop", c.title, format);
  if (format == "json") return Attachment(kJsonType, name, json::serialize(ReportJson(*report)) + "\n");
  if (format == "csv") {
    std::ostringstream out;
    const auto which = table.value_or(exporting::CycleTable::kRespondents);
    if (auto s = exporting::WriteCycleReportCsv(*report, which, out); !s.ok()) return FromError(s.error());
    return Attachment(kCsvType, FileName(std::string("bao-cao-tong-hop-").append(exporting::CycleTableName(which)), c.title, "csv"),
                      out.str());
  }
  ScratchFile file("." + format);
  if (!file.ok()) return FromError(Internal("cannot create a scratch file"));
  if (format == "xlsx") {
    if (auto s = exporting::WriteCycleReportXlsx(*report, file.path(), ""); !s.ok()) return FromError(s.error());
  } else {
    // The letterhead names the issuer and the body above it; by default the body that
    // issued the first plan the cycle reports on (the committee, for the national plan).
    std::string issuer_id = issuer.value_or("");
    if (issuer_id.empty() && !c.plan_ids.empty())
      if (auto plan = store_.GetPlan(c.plan_ids.front()); plan.ok()) issuer_id = plan->issuer_id;
    // A body dissolved by the date is succeeded by the one that took over its work.
    const Unit* u = reg_->Find(issuer_id);
    for (int hops = 0; u && !ValidOn(*u, head.date) && !u->successors.empty() && hops < 8; ++hops)
      u = reg_->Find(u->successors.front().unit_id);
    if (u) {
      const UnitVersion& v = VersionOrLatest(*u, head.date);
      head.issuing_body = v.name;
      if (const Unit* parent = v.parent_id.empty() ? nullptr : reg_->Find(v.parent_id))
        head.parent_body = VersionOrLatest(*parent, head.date).name;
    }
    if (auto s = exporting::WriteCycleReportDocx(*report, head, file.path()); !s.ok()) return FromError(s.error());
  }
  auto body = file.Read();
  if (!body.ok()) return FromError(body.error());
  return Attachment(format == "xlsx" ? kXlsxType : kDocxType, name, std::move(body).value());
}

Result<exporting::CycleReport> Handler::ConsolidatedReport(const ReportCycle& c, Date as_of) {
  exporting::CycleReport r;
  r.cycle = c;
  r.as_of = as_of;
  DX_ASSIGN_OR_RETURN(std::vector<Submission> subs, store_.ListSubmissions(c.id));
  std::map<std::string, const Submission*> by_unit;
  for (const auto& s : subs) by_unit[s.unit_id] = &s;
  const Date when = LastDay(c.period);
  const auto defs = store_.Indicators();
  std::map<std::string, const Indicator*> def_of;
  for (const auto& d : *defs) def_of[d.code] = &d;
  std::map<int64_t, Task> tasks;
  std::map<std::string, std::vector<exporting::CycleReport::SectionText>> section_texts;

  // Respondents as a reader looks for them: by kind (ministries before provinces), then
  // in Vietnamese alphabetical order of their names.
  struct Named {
    std::string unit, name, sort_key;
    UnitKind kind = UnitKind::kOrganisation;
  };
  std::vector<Named> order;
  for (const auto& unit : CycleRespondents(c, *reg_)) {
    const Unit* u = reg_->Find(unit);
    Named n{unit, u ? VersionOrLatest(*u, when).name : unit, "", u ? VersionOrLatest(*u, when).kind : UnitKind::kOrganisation};
    n.sort_key = text::SortKey(n.name);
    order.push_back(std::move(n));
  }
  std::sort(order.begin(), order.end(), [](const Named& a, const Named& b) {
    return std::tie(a.kind, a.sort_key) < std::tie(b.kind, b.sort_key);
  });

  for (const auto& [unit, name, sort_key, kind] : order) {
    auto it = by_unit.find(unit);
    const Submission* s = it == by_unit.end() ? nullptr : it->second;
    exporting::CycleReport::Respondent row;
    row.unit_id = unit;
    row.name = name;
    row.kind_label = UnitKindLabelVi(kind);
    row.response = JudgeResponse(c, s, as_of);
    if (s) {
      row.round = s->round;
      row.first_submitted_on = VietnamDateOf(s->first_submitted_at);
      if (s->state == SubmissionState::kReturned) row.return_reason = s->return_reason;
    }
    r.respondents.push_back(row);

    // Content: reports sent and not sent back, that the caller may open.
    if (!s || (s->state != SubmissionState::kSubmitted && s->state != SubmissionState::kAccepted)) continue;
    Subject subject;
    subject.reporting_unit = unit;
    if (Decide(Caller(), Action::kReadReport, subject, *reg_, Today()) != Verdict::kAllow) {
      ++r.withheld;
      continue;
    }
    for (const auto& tr : s->tasks) {
      auto t = tasks.find(tr.task_id);
      if (t == tasks.end()) {
        DX_ASSIGN_OR_RETURN(Task task, store_.GetTask(tr.task_id));
        t = tasks.emplace(tr.task_id, std::move(task)).first;
      }
      r.tasks.push_back({row.name, t->second.number, t->second.title, tr.status, tr.percent, tr.completed_on, tr.narrative});
    }
    for (const auto& f : s->indicators) {
      exporting::CycleReport::FigureLine line{row.name, f.indicator, "", "", "", f.value, f.estimated, f.note};
      if (auto d = def_of.find(f.indicator); d != def_of.end()) {
        line.name = d->second->name;
        line.unit_of_measure = d->second->unit_of_measure;
        if (auto period = FigurePeriod(c, *d->second)) line.period_label = FormatPeriodVi(*period);
      }
      r.figures.push_back(std::move(line));
    }
    for (const auto& [key, text] : s->sections)
      if (!text.empty()) section_texts[key].push_back({row.name, text});
  }
  for (const auto& sec : c.sections) r.sections.push_back({sec, section_texts[sec.key]});
  return r;
}

}  // namespace dxgov::api
