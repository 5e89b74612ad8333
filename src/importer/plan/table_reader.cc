#include "importer/plan/table_reader.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "importer/plan/phrases.h"
#include "importer/plan/wording.h"
#include "text/vn_text.h"

namespace dxgov::importer {

namespace {

using text::Fold;

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

std::string Cell(const Block& row, int col) {
  if (col < 0 || static_cast<size_t>(col) >= row.cells.size()) return {};
  return Trim(row.cells[static_cast<size_t>(col)]);
}

bool IsYear(const std::string& cell) {
  static const RE2 kYear(R"(^(?:năm\s+)?(?:19|20)\d\d$)");
  return RE2::FullMatch(text::ToLower(Trim(cell)), kYear);
}

int YearOfCell(const std::string& cell) {
  std::string y;
  static const RE2 kDigits(R"(((?:19|20)\d\d))");
  RE2::PartialMatch(cell, kDigits, &y);
  return y.empty() ? 0 : std::stoi(y);
}

bool IsHeaderRow(const std::vector<std::string>& cells) {
  if (cells.empty()) return false;
  const std::string first = Fold(cells.front());
  if (first == "tt" || first == "stt" || first == "so tt" || first == "so thu tu") return true;
  if (first.starts_with("chi tieu") || first.starts_with("ten chi tieu") || first.starts_with("noi dung")) {
    return true;
  }
  return false;
}

bool SameHeader(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Fold(a[i]) != Fold(b[i])) return false;
  }
  return true;
}

// Which column holds what, from a task table's header.
struct TaskColumns {
  int number = -1, content = -1, lead = -1, coordinators = -1, time = -1, output = -1;
  bool lead_with_coordinators = false;  // "Cơ quan chủ trì và cơ quan phối hợp"
  bool time_is_period = false;          // "Thời gian thực hiện" (a span), not a deadline
};

TaskColumns MapTaskColumns(const std::vector<std::string>& header) {
  TaskColumns c;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string f = Fold(header[i]);
    const int col = static_cast<int>(i);
    if (c.number < 0 && (f == "tt" || f == "stt" || f == "so tt" || f == "so thu tu")) {
      c.number = col;
    } else if (f.find("chu tri") != std::string::npos && c.lead < 0) {
      c.lead = col;
      c.lead_with_coordinators = f.find("phoi hop") != std::string::npos;
    } else if (f.find("phoi hop") != std::string::npos && c.coordinators < 0) {
      c.coordinators = col;
    } else if ((f.starts_with("thoi gian") || f.starts_with("thoi han") || f.starts_with("tien do")) && c.time < 0) {
      c.time = col;
      c.time_is_period = f.find("hoan thanh") == std::string::npos && f != "thoi han";
    } else if ((f.starts_with("san pham") || f.starts_with("ket qua")) && c.output < 0) {
      c.output = col;
    } else if (c.content < 0 && (f.find("noi dung") != std::string::npos || f.find("nhiem vu") != std::string::npos ||
                                 f.find("cong viec") != std::string::npos || f.find("hoat dong") != std::string::npos ||
                                 f.find("giai phap") != std::string::npos || f.starts_with("ten"))) {
      c.content = col;
    }
  }
  if (c.content < 0 && c.number >= 0 && header.size() > static_cast<size_t>(c.number + 1)) c.content = c.number + 1;
  return c;
}

// A row that opens a section: "II" (with the title in the next cell), "V Công tác ...",
// or a capital letter "A" for a group of sections.
struct SectionRow {
  std::string numeral;
  std::string title;
  bool letter = false;
};

std::optional<SectionRow> ReadSectionRow(const Block& row, int content_col) {
  const std::string first = Cell(row, 0);
  if (first.empty()) return std::nullopt;
  const MarkerReading m = ReadMarker(first, /*emphasised=*/true);
  std::string title = m.rest;
  if (title.empty()) title = Cell(row, content_col > 0 ? content_col : 1);
  if (m.kind == MarkerKind::kRoman) return SectionRow{m.value, TrimEnd(title), false};
  if (m.kind == MarkerKind::kUpperLetter || (first.size() == 1 && first[0] >= 'A' && first[0] <= 'H')) {
    return SectionRow{m.kind == MarkerKind::kUpperLetter ? m.value : first, TrimEnd(title), true};
  }
  return std::nullopt;
}

std::optional<std::string> ReadRowNumber(const std::string& cell) {
  static const RE2 kNumber(R"(^(\d{1,3}(?:\.\d{1,2}){0,2})\.?$)");
  std::string n;
  if (RE2::FullMatch(cell, kNumber, &n)) return n;
  return std::nullopt;
}

// Whether a list reading of a cell found a sentence rather than names: an unknown stretch
// of five words or more.
bool IsProse(const std::vector<AgencyMatch>& list) {
  return std::any_of(list.begin(), list.end(), [](const AgencyMatch& m) {
    return m.ref.unit_id.empty() && std::count(m.ref.as_written.begin(), m.ref.as_written.end(), ' ') >= 4;
  });
}

// "Bộ Công an chủ trì, phối hợp với Bộ Thông tin và Truyền thông" or "Tổ công tác; các bộ,
// ngành, địa phương": the lead and the coordinators.
// "Các cơ quan chủ trì, phối hợp triển khai theo danh mục tại Phụ lục I": the cell points to
// a list elsewhere and names no agency itself.
bool RefersToAppendix(const std::string& folded) {
  return folded.find("phu luc") != std::string::npos &&
         (folded.find("theo danh muc") != std::string::npos || folded.find("theo phu luc") != std::string::npos ||
          folded.find("tai phu luc") != std::string::npos);
}

// Whether a record read earlier is a row of `table` (prose tasks are read before tables,
// wherever they stand in the document).
bool InTable(const LineSpan& lines, const Table& table) {
  return lines.from >= table.first_line && lines.from <= table.last_line;
}

void ReadResponsibleCell(const std::string& cell, int line, AgencyPhrases& agencies, std::optional<NameRef>& lead,
                         std::vector<NameRef>& coordinators) {
  if (Fold(cell).empty()) return;
  const std::string folded = Fold(cell);
  if (RefersToAppendix(folded)) return;
  if (folded.find("chu tri") != std::string::npos) {
    lead = agencies.LeadFromSentences(cell, line);
    coordinators = agencies.CoordinatorsFromSentences(cell, line);
    // "X chủ trì; các bộ, ngành, địa phương": the list after the lead coordinates.
    static const RE2 kAfterLead(R"((?i)chủ trì\s*[;,]\s*(.+)$)");
    std::string rest;
    if (coordinators.empty() && RE2::PartialMatch(cell, kAfterLead, &rest)) coordinators = agencies.List(TrimEnd(rest), line);
  } else if (const size_t at = cell.find("phối hợp"); at != std::string::npos && at > 0) {
    // In a responsibility column "X phối hợp với Y" makes X the lead, Y the coordinator.
    auto names = agencies.List(TrimEnd(cell.substr(0, at), " ,;"), line);
    if (!names.empty()) {
      lead = names.front();
      coordinators.assign(names.begin() + 1, names.end());
    }
    for (auto& r : agencies.CoordinatorsFromSentences(cell.substr(at), line)) coordinators.push_back(std::move(r));
  } else if (IsProse(agencies.resolver().SplitList(TrimEnd(cell)))) {
    // "Bộ Thông tin và Truyền thông chủ động đánh giá, bổ sung ...": the subject leads.
    size_t consumed = 0;
    auto subject = agencies.resolver().SplitList(cell, /*stop_at_unknown=*/true, &consumed);
    if (!subject.empty()) {
      agencies.Note(subject.front(), line);
      lead = subject.front().ref;
    }
  } else {
    auto names = agencies.List(TrimEnd(cell), line);
    if (!names.empty()) {
      lead = names.front();
      coordinators.assign(names.begin() + 1, names.end());
    }
  }
  if (lead && !lead->unit_id.empty()) {
    std::erase_if(coordinators, [&](const NameRef& r) { return r.unit_id == lead->unit_id; });
  }
}

// Content "Phổ cập danh tính số toàn dân Mục tiêu: Có trên 30% ..." -> title and aim.
void SplitAim(const std::string& content, std::string& title, std::string& aim) {
  static const RE2 kAim(R"((?i)^(.*?)\s*(mục tiêu\s*:.*)$)");
  if (!RE2::FullMatch(content, kAim, &title, &aim) || title.empty()) {
    title = TitleOf(content);
    aim.clear();
  }
}

// "Dự kiến thời gian các phiên họp: Tháng 3, Tháng 5, Tháng 7 (sơ kết 6 tháng), ...": one
// milestone per month named, in `year`.
std::vector<Deadline> ReadMonthSchedule(const std::string& cell, int year) {
  std::vector<Deadline> out;
  static const RE2 kMonth(R"((?i)(tháng\s+\d{1,2}(?:\s*/\s*\d{4})?))");
  re2::StringPiece in(cell);
  std::string month;
  while (RE2::FindAndConsume(&in, kMonth, &month)) {
    if (auto dl = ReadDeadlinePhrase(month, year)) out.push_back(std::move(*dl));
  }
  return out;
}

}  // namespace

std::string UniqueTaskId(const std::string& numeral, const std::string& number, std::set<std::string>& taken) {
  const std::string base = numeral.empty() ? number : numeral + "." + number;
  std::string id = base;
  for (int k = 2; !taken.insert(id).second; ++k) id = base + "-" + std::to_string(k);
  return id;
}

std::vector<Table> FindTables(const std::vector<const Block*>& blocks) {
  std::vector<Table> tables;
  bool open = false;  // the last block was a row of tables.back()
  for (const Block* b : blocks) {
    if (!b->table_row) {
      // Paragraphs between a table and its repeated header end it only when they are text,
      // not when they are nothing at all; MakeBlocks drops blank lines, so any block ends it.
      open = false;
      continue;
    }
    if (IsHeaderRow(b->cells)) {
      if (!tables.empty() && SameHeader(tables.back().header, b->cells) &&
          b->first_line - tables.back().last_line < 40) {
        open = true;  // the header repeated after a page break
        continue;
      }
      Table t;
      t.header = b->cells;
      t.first_line = b->first_line;
      t.last_line = b->last_line;
      tables.push_back(std::move(t));
      open = true;
      continue;
    }
    if (!open) {
      // Rows after a break with no header: they continue the table above if they fit it.
      if (tables.empty() || tables.back().header.size() != b->cells.size() ||
          b->first_line - tables.back().last_line > 40) {
        continue;  // a layout table or a stray row: not something to read
      }
      open = true;
    }
    tables.back().rows.push_back(b);
    tables.back().last_line = b->last_line;
  }
  return tables;
}

TableKind KindOfTable(const Table& table) {
  bool member = false, key_task = false;
  for (const auto& h : table.header) {
    const std::string f = Fold(h);
    member |= f.find("thanh vien") != std::string::npos || f.find("uy vien") != std::string::npos;
    key_task |= f.find("nhiem vu trong diem") != std::string::npos;
  }
  if (member && key_task) return TableKind::kKeyTasks;
  int years = 0;
  for (const auto& h : table.header) years += IsYear(h) ? 1 : 0;
  if (years >= 2) return TableKind::kIndicators;
  const TaskColumns c = MapTaskColumns(table.header);
  if (c.content >= 0 && (c.lead >= 0 || c.time >= 0)) return TableKind::kTasks;
  return TableKind::kOther;
}

void ReadTaskTable(const Table& table, TableContext& ctx, std::set<std::string>& task_ids, Proposal& out) {
  const TaskColumns cols = MapTaskColumns(table.header);
  std::string numeral;
  for (const Block* row : table.rows) {
    if (auto sec = ReadSectionRow(*row, cols.content)) {
      if (sec->letter) continue;  // a group of sections: the Roman rows carry the sections
      numeral = sec->numeral;
      ProposedSection s;
      s.numeral = numeral;
      s.title = sec->title;
      s.has_tasks = true;
      s.lines = {row->first_line, row->last_line};
      out.sections.push_back(std::move(s));
      continue;
    }
    if (!out.sections.empty() && out.sections.back().numeral == numeral) {
      out.sections.back().lines.to = std::max(out.sections.back().lines.to, row->last_line);
    }
    auto number = ReadRowNumber(Cell(*row, cols.number >= 0 ? cols.number : 0));
    const std::string content = Cell(*row, cols.content);
    if (!number) {
      // A row without a number continues the task above ("- Chỉ đạo Sở ...") when that task
      // is a row of this table.
      if (!out.tasks.empty() && !content.empty() && InTable(out.tasks.back().lines, table)) {
        out.tasks.back().text = Join({out.tasks.back().text, content});
        out.tasks.back().lines.to = std::max(out.tasks.back().lines.to, row->last_line);
      }
      continue;
    }
    if (content.empty()) continue;
    ProposedTask t;
    t.section = numeral;
    t.number = *number;
    t.id = UniqueTaskId(numeral, *number, task_ids);
    t.text = content;
    std::string aim;
    SplitAim(content, t.title, aim);
    if (!aim.empty()) t.targets = FindTargets(aim, ctx.plan_year);
    t.lines = {row->first_line, row->last_line};
    ReadResponsibleCell(Cell(*row, cols.lead), row->first_line, ctx.agencies, t.lead, t.coordinators);
    if (cols.coordinators >= 0) {
      for (auto& r : ctx.agencies.List(TrimEnd(Cell(*row, cols.coordinators)), row->first_line)) {
        t.coordinators.push_back(std::move(r));
      }
    }
    if (!t.lead && RefersToAppendix(Fold(Cell(*row, cols.lead)))) {
      const std::string cell = TrimEnd(Cell(*row, cols.lead));
      ctx.warnings.Add(row->first_line, "no_lead",
                       "Nhiệm vụ " + t.id + ": cơ quan chủ trì nêu ở nơi khác (\"" + cell + "\"); hãy chọn cơ quan chủ trì",
                       "task " + t.id + ": the lead is given elsewhere (\"" + cell + "\"); choose one");
    } else if (!t.lead) {
      ctx.warnings.Add(row->first_line, "no_lead", "Nhiệm vụ " + t.id + ": không xác định được cơ quan chủ trì",
                       "task " + t.id + ": no lead agency found");
    }
    const std::string when = Cell(*row, cols.time);
    if (!Fold(when).empty()) {
      if (auto dl = ReadDeadlinePhrase(when, ctx.plan_year)) {
        t.deadline = std::move(*dl);
      } else if (auto months = ReadMonthSchedule(when, ctx.plan_year); !months.empty()) {
        t.deadline = LatestDeadline(months);
        t.milestones = std::move(months);
      } else {
        ctx.warnings.Add(row->first_line, "deadline_unreadable", "Không đọc được thời hạn \"" + when + "\"",
                         "cannot read the deadline \"" + when + "\"");
      }
    }
    t.expected_output = TrimEnd(Cell(*row, cols.output));
    for (const auto& c : FindCitedDocuments(content)) {
      if (std::find(t.documents.begin(), t.documents.end(), c.doc.number) == t.documents.end()) {
        t.documents.push_back(c.doc.number);
      }
    }
    out.tasks.push_back(std::move(t));
  }
}

void ReadActionTable(const Table& table, TableContext& ctx, const std::string& document, Proposal& out) {
  const TaskColumns cols = MapTaskColumns(table.header);
  std::string theme, numeral;
  for (const Block* row : table.rows) {
    if (auto sec = ReadSectionRow(*row, cols.content)) {
      theme = sec->title;
      if (!sec->letter) numeral = sec->numeral;
      continue;
    }
    auto number = ReadRowNumber(Cell(*row, cols.number >= 0 ? cols.number : 0));
    const std::string content = Cell(*row, cols.content);
    if (!number) {
      if (!out.actions.empty() && !content.empty() && InTable(out.actions.back().lines, table)) {
        out.actions.back().action = Join({out.actions.back().action, content});
        out.actions.back().lines.to = std::max(out.actions.back().lines.to, row->last_line);
      }
      continue;
    }
    if (content.empty()) continue;
    ProposedAction a;
    a.theme = theme;
    a.number = numeral.empty() ? *number : numeral + "." + *number;
    a.action = content;
    a.document = document;
    a.lines = {row->first_line, row->last_line};
    std::optional<NameRef> lead;
    ReadResponsibleCell(Cell(*row, cols.lead), row->first_line, ctx.agencies, lead, a.coordinators);
    if (lead) a.leads.push_back(*lead);
    if (cols.coordinators >= 0) {
      for (auto& r : ctx.agencies.List(TrimEnd(Cell(*row, cols.coordinators)), row->first_line)) {
        a.coordinators.push_back(std::move(r));
      }
    }
    a.period = Cell(*row, cols.time);
    if (!Fold(a.period).empty()) a.period_deadline = ReadDeadlinePhrase(a.period, ctx.plan_year);
    out.actions.push_back(std::move(a));
  }
}

namespace {

// "72%", "8,2%", "6-8%", "-", "100% (ước tính)".
IndicatorValue ReadIndicatorCell(const std::string& cell, int year, std::string& unit) {
  IndicatorValue v;
  v.year = year;
  v.text = cell;
  std::string s = cell;
  static const RE2 kEstimate(R"((?i)\(?\s*ước tính\s*\)?)");
  if (RE2::Replace(&s, kEstimate, "")) v.estimated = true;
  s = Trim(s);
  if (s.find('%') != std::string::npos) unit = "%";
  static const RE2 kRange(R"(^([\d.,]+)\s*%?\s*[-–÷]\s*([\d.,]+)\s*%?$)");
  static const RE2 kOne(R"(^(?:[<>≥≤]=?\s*)?([\d.,]+)\s*%?$)");
  std::string a, b;
  if (RE2::FullMatch(s, kRange, &a, &b)) {
    v.value = ReadVietnameseNumber(a);
    v.value_to = ReadVietnameseNumber(b);
  } else if (RE2::FullMatch(s, kOne, &a)) {
    v.value = ReadVietnameseNumber(a);
  }
  return v;
}

}  // namespace

void ReadIndicatorTable(const Table& table, TableContext& ctx, Proposal& out) {
  std::vector<std::pair<size_t, int>> year_cols;
  for (size_t i = 0; i < table.header.size(); ++i) {
    if (IsYear(table.header[i])) year_cols.emplace_back(i, YearOfCell(table.header[i]));
  }
  std::string group;
  for (const Block* row : table.rows) {
    std::string name = Cell(*row, 0);
    const bool no_values = std::all_of(year_cols.begin(), year_cols.end(),
                                       [&](const auto& yc) { return Cell(*row, static_cast<int>(yc.first)).empty(); });
    if (name.empty()) continue;
    if (no_values) {
      group = TrimEnd(name);
      continue;
    }
    ProposedIndicator ind;
    ind.group = group;
    static const RE2 kEstimate(R"((?i)\s*\(\s*ước tính\s*\))");
    if (RE2::GlobalReplace(&name, kEstimate, "") > 0) ind.estimated = true;
    ind.name = TrimEnd(Trim(name));
    ind.lines = {row->first_line, row->last_line};
    for (const auto& [col, year] : year_cols) {
      const std::string cell = Cell(*row, static_cast<int>(col));
      IndicatorValue v = ReadIndicatorCell(cell, year, ind.unit);
      v.estimated = v.estimated || ind.estimated;
      const bool dash = cell.empty() || cell == "-" || cell == "–" || Fold(cell) == "x";
      if (!v.value && !dash) {
        ctx.warnings.Add(row->first_line, "value_unreadable",
                         "Chỉ tiêu \"" + ind.name + "\": không đọc được giá trị \"" + cell + "\" năm " + std::to_string(year),
                         "indicator \"" + ind.name + "\": cannot read the value \"" + cell + "\" for " + std::to_string(year));
      }
      ind.values.push_back(std::move(v));
    }
    out.indicators.push_back(std::move(ind));
  }
}

void ReadKeyTaskTable(const Table& table, TableContext& ctx, Proposal& out) {
  int number_col = -1, member_col = -1, task_col = -1;
  for (size_t i = 0; i < table.header.size(); ++i) {
    const std::string f = Fold(table.header[i]);
    const int col = static_cast<int>(i);
    if (number_col < 0 && (f == "tt" || f == "stt" || f == "so tt")) number_col = col;
    else if (member_col < 0 && (f.find("thanh vien") != std::string::npos || f.find("uy vien") != std::string::npos))
      member_col = col;
    else if (task_col < 0 && f.find("nhiem vu") != std::string::npos) task_col = col;
  }
  if (member_col < 0 || task_col < 0) return;
  const AgencyResolver& resolver = ctx.agencies.resolver();
  for (const Block* row : table.rows) {
    const std::string member = TrimEnd(Cell(*row, member_col));
    const std::string title = TrimEnd(Cell(*row, task_col));
    if (member.empty() || title.empty()) continue;
    ProposedKeyTask k;
    k.ordinal = static_cast<int>(out.key_tasks.size()) + 1;
    if (number_col >= 0) {
      const std::string n = TrimEnd(Cell(*row, number_col));
      if (!n.empty() && n.size() <= 3 && n.find_first_not_of("0123456789") == std::string::npos) k.ordinal = std::stoi(n);
    }
    k.member = member;
    k.title = title;
    k.lines = {row->first_line, row->last_line};
    // The person's name comes first, then titles, each ending with the body held: "Bộ
    // trưởng Bộ Công an", "Thống đốc Ngân hàng Nhà nước Việt Nam". A body's name may hold
    // a comma ("Bộ Văn hóa, Thể thao và Du lịch"), so longer runs of parts are tried first.
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
      const size_t comma = member.find(',', start);
      parts.push_back(member.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    for (size_t i = 1; i < parts.size() && k.unit.unit_id.empty(); ++i)
      for (size_t j = parts.size(); j > i && k.unit.unit_id.empty(); --j) {
        std::string phrase;
        for (size_t x = i; x < j; ++x) phrase += (x == i ? "" : ",") + parts[x];
        auto m = resolver.NameAtEnd(phrase);
        if (!m || m->ref.unit_id.empty() || m->ambiguous) continue;
        // "Phó Chủ tịch Ủy ban" names the committee the member sits on, not their body.
        const Unit* u = resolver.registry().Find(m->ref.unit_id);
        const UnitKind kind = u ? VersionOrLatest(*u, resolver.date()).kind : UnitKind::kOrganisation;
        if (kind == UnitKind::kCommittee || kind == UnitKind::kCommitteeBody) continue;
        k.unit = m->ref;
      }
    if (k.unit.unit_id.empty()) {
      k.unit.as_written = member;
      ctx.warnings.Add(row->first_line, "unknown_agency",
                       "Không xác định được cơ quan của thành viên: " + member,
                       "no agency found for the member: " + member);
    }
    out.key_tasks.push_back(std::move(k));
  }
}

void ReadPlatformList(const std::vector<const Block*>& blocks, TableContext& ctx, Proposal& out) {
  std::string group, group_number;
  ProposedPlatform* current = nullptr;
  auto ownership_of_group = [](const std::string& g) {
    const std::string f = Fold(g);
    if (f.find("doanh nghiep lam chu quan") != std::string::npos) return std::string("enterprise");
    if (f.find("co quan nha nuoc lam chu quan") != std::string::npos) return std::string("state");
    return std::string();
  };
  for (const Block* b : blocks) {
    if (b->table_row) continue;
    if (b->marker == MarkerKind::kArabic || b->marker == MarkerKind::kRoman) {
      group = TrimEnd(b->text);
      group_number = b->value;
      current = nullptr;
      continue;
    }
    if (b->marker == MarkerKind::kParen && Fold(b->text).starts_with("nen tang")) {
      ProposedPlatform p;
      p.number = group_number.empty() ? "(" + b->value + ")" : group_number + ".(" + b->value + ")";
      p.name = TrimEnd(b->text);
      p.group = group;
      p.ownership = ownership_of_group(group);
      p.lines = {b->first_line, b->last_line};
      out.platforms.push_back(std::move(p));
      current = &out.platforms.back();
      continue;
    }
    if (current == nullptr) continue;
    if (b->marker != MarkerKind::kNone && b->marker != MarkerKind::kLabel) {
      current = nullptr;
      continue;
    }
    // "Cơ quan chủ quản: X", "Doanh nghiệp nòng cốt: A, B", "Mô tả ngắn gọn: ..."
    std::string label = b->marker == MarkerKind::kLabel ? b->value : std::string();
    std::string value = b->text;
    static const RE2 kLabel(R"(^([^:]{3,40}):\s*(.*)$)");
    if (label.empty()) RE2::FullMatch(b->text, kLabel, &label, &value);
    const std::string f = Fold(label);
    current->lines.to = std::max(current->lines.to, b->last_line);
    if (f.starts_with("co quan chu quan") || f.starts_with("co quan chu tri") || f.starts_with("don vi chu tri")) {
      current->ownership = "state";
      for (auto& r : ctx.agencies.List(TrimEnd(value), b->first_line)) current->owners.push_back(std::move(r));
    } else if (f.starts_with("doanh nghiep")) {
      current->ownership = "enterprise";
      for (const auto& m : ctx.agencies.resolver().SplitList(TrimEnd(value))) {
        const bool dup = std::any_of(current->owners.begin(), current->owners.end(),
                                     [&](const NameRef& r) { return Fold(r.as_written) == Fold(m.ref.as_written); });
        if (!dup && !m.ref.as_written.empty()) current->owners.push_back(m.ref);
      }
    } else {
      current->text = Join({current->text, value.empty() ? b->text : value});
    }
  }
}

}  // namespace dxgov::importer
