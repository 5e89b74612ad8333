// Tables and lists of a plan document that carry structured rows rather than prose.
//
//   - Task tables: "TT | Nội dung công việc | Cơ quan chủ trì và phối hợp | Thời gian hoàn
//     thành". Rows under a Roman (or capital-letter) row form that section; a lead cell
//     reads like prose ("Bộ Công an chủ trì, phối hợp với Bộ Thông tin và Truyền thông") or
//     is a list whose first name leads. The plan's own tables give tasks; the same shape in
//     an appendix of a cited document gives actions (period, theme, action, leads).
//   - Indicator tables: "Chỉ tiêu | 2020 | 2021 | 2022 | 2025", a row per indicator and a
//     bold row per group; "6-8%" is a range, "-" no figure, "(ước tính)" an estimate and
//     <sup>n</sup> footnote marks are dropped from names.
//   - Key task tables: "TT | Thành viên Ủy ban | Chỉ đạo nhiệm vụ trọng điểm", a member and
//     the key task they lead per row.
//   - Platform lists: "(3) Nền tảng bản đồ số" followed by "Cơ quan chủ quản: X" or
//     "Doanh nghiệp nòng cốt: A, B, C", grouped under the numbered heading above them.
// Header rows repeated after a page break continue the table above.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "importer/plan/agency_phrases.h"
#include "importer/plan/document_text.h"
#include "importer/plan/proposal.h"

namespace dxgov::importer {

struct Table {
  std::vector<std::string> header;  // the first row's cells
  std::vector<const Block*> rows;   // the rows after the header, repeated headers removed
  int first_line = 0, last_line = 0;
};

// Consecutive table rows of `blocks`, split into tables where the header changes. A run of
// rows whose first row is not a header (a table continued from a previous page with no
// header) joins the table before it when the cell count matches.
std::vector<Table> FindTables(const std::vector<const Block*>& blocks);

enum class TableKind { kTasks, kIndicators, kKeyTasks, kOther };
TableKind KindOfTable(const Table& table);

struct TableContext {
  AgencyPhrases& agencies;
  WarningSink& warnings;
  int plan_year = 0;
};

// "III.10.b" from section "III" and number "10.b" ("2.4" without a section), made unique in
// `taken` with "-2", "-3" ... and added to it.
std::string UniqueTaskId(const std::string& numeral, const std::string& number, std::set<std::string>& taken);

// A task table's rows as the plan's tasks (and sections from its Roman rows). Task ids are
// made unique against `task_ids`.
void ReadTaskTable(const Table& table, TableContext& ctx, std::set<std::string>& task_ids, Proposal& out);

// A task-shaped table in an appendix: its rows as actions of `document` ("" = this plan).
void ReadActionTable(const Table& table, TableContext& ctx, const std::string& document, Proposal& out);

// A table of the committee members' key tasks ("TT | Thành viên Ủy ban | Chỉ đạo nhiệm vụ
// trọng điểm"): a key task per numbered row, its unit the ministry or agency the member's
// titles name (a warning when none resolves).
void ReadKeyTaskTable(const Table& table, TableContext& ctx, Proposal& out);

// An indicator table's rows.
void ReadIndicatorTable(const Table& table, TableContext& ctx, Proposal& out);

// "(n) Nền tảng ..." items among `blocks` with their owner labels. Enterprises that the
// registry does not know are kept as written, without a warning: lists of core
// enterprises name private companies the registry does not track.
void ReadPlatformList(const std::vector<const Block*>& blocks, TableContext& ctx, Proposal& out);

}  // namespace dxgov::importer
