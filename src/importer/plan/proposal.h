// The proposed plan the importer reads out of a plan document, for a person to review.
//
// Everything here is as the document states it: names as written next to the unit they
// resolve to (empty when none does), line ranges into the source (1-based, inclusive), and
// warnings for whatever the reader was unsure of. Nothing here is stored; committing a
// (possibly edited) proposal turns it into a Plan, Objectives and Tasks (see commit.h).
// The JSON form (codec/proposal_json.h) is what `dxgov import-plan --format json` prints,
// what POST /api/imports returns and what `--evaluate` reads as the expected answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/deadline.h"
#include "core/plan.h"
#include "core/session.h"

namespace dxgov::importer {

struct LineSpan {
  int from = 0;  // 1-based, inclusive; 0 = unknown
  int to = 0;
  bool operator==(const LineSpan&) const = default;
};

// A unit named in the document.
struct NameRef {
  std::string as_written;
  std::string unit_id;       // empty: not resolved (a warning says why)
  std::string successor_id;  // the unit that carries it on today after a merger; empty if none
  bool operator==(const NameRef&) const = default;
};

struct ProposedDocument {  // a document the plan cites
  std::string type;         // "Quyết định", "Văn bản", ...
  std::string number;       // "749/QĐ-TTg"
  std::optional<Date> date;
  std::string issuer;       // as written
  std::string title;
  LineSpan lines;
};

struct SourceInfo {
  std::string file;            // as given by the caller
  std::string sha256;          // of the bytes as uploaded, hex; set by the caller
  int line_count = 0;
  std::string document_type;   // "Quyết định", "Văn bản", "Kế hoạch", ...
  std::string title;           // "Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2022"
  std::string number;          // "27/QĐ-UBQGCĐS"; "" when left blank (a draft)
  std::optional<Date> date;    // the signing date
  int date_year = 0;           // the year alone when the day is left blank ("ngày ... tháng ... năm 2021")
  std::string place;           // "Hà Nội"
  NameRef issuer;
  std::string signer;
  int plan_year = 0;           // 0: unknown
  LineSpan plan_lines;         // where the plan itself is, in a file that holds several documents
};

struct ProposedSection {
  std::string numeral;  // "II"; "" for a document without Roman sections
  std::string title;
  std::string intro;
  bool has_tasks = false;
  LineSpan lines;
};

// A section's duty on its addressees to issue plans of their own ("trong Quý I/2022 ban
// hành Kế hoạch hoạt động năm 2022 của Ban Chỉ đạo chuyển đổi số bộ, ngành mình").
struct ProposedDuty {
  NameRef respondent;          // the addressees: usually a group ("các bộ, ..." -> cac-bo-nganh)
  std::string what;            // "ban hành Kế hoạch hoạt động năm 2022 ..."
  std::optional<Deadline> due;
  int year = 0;                // the year the own plans cover; 0 unknown
  std::string section;         // "III"
  LineSpan lines;
};

struct ProposedObjective {
  std::string code;      // "I.3.đ", or "749.2025.a.1" for a cited programme's goal
  std::string group;     // "3. Phát triển kinh tế số và xã hội số"
  std::string text;
  std::string document;  // the decision that sets it; "" = this plan
  std::vector<Target> targets;
  LineSpan lines;
};

struct SubItem {
  std::string label;  // "a", "-", "(1)"
  std::string text;
  LineSpan lines;
  bool background = false;  // what another agency has done or will do, kept for the reader
};

struct ProposedTask {
  std::string id;        // "III.10.b": section numeral and number; unique in a proposal
  std::string section;   // "III"
  std::string number;    // "10.b"
  std::string title;
  std::string text;
  std::string expected_output;
  std::optional<NameRef> lead;
  std::vector<NameRef> coordinators;
  std::optional<NameRef> support_unit;
  std::optional<Deadline> deadline;
  std::vector<Deadline> milestones;  // every dated clause, the deadline among them
  std::vector<SubItem> sub_items;    // details that are not tasks of their own
  std::vector<Target> targets;
  std::vector<std::string> documents;  // numbers of the documents the task cites
  LineSpan lines;
};

struct IndicatorValue {
  int year = 0;
  std::optional<double> value;  // nullopt: "-" (no figure)
  std::optional<double> value_to;
  bool estimated = false;
  std::string text;  // the cell as written
};

struct ProposedIndicator {
  std::string group;  // the table's group row, "Chính phủ số"
  std::string name;
  std::string unit;   // "%", "count"
  bool estimated = false;  // "(ước tính)" on the row
  std::vector<IndicatorValue> values;
  LineSpan lines;
};

struct ProposedPlatform {
  std::string number;     // "2.1.(3)"
  std::string name;
  std::string ownership;  // "state" | "enterprise"
  std::string group;      // the list's heading
  std::vector<NameRef> owners;
  std::string text;
  LineSpan lines;
};

// A committee member's key task, from the annex listing them ("DANH MỤC CÁC NHIỆM VỤ TRỌNG
// ĐIỂM DO CÁC ỦY VIÊN ỦY BAN CHỈ ĐẠO TRIỂN KHAI"): "TT | Thành viên Ủy ban | Chỉ đạo nhiệm vụ
// trọng điểm". The member's unit is the ministry or agency named in the member's titles.
struct ProposedKeyTask {
  int ordinal = 0;
  std::string member;  // "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an"
  NameRef unit;        // bo-cong-an
  std::string title;   // "Phổ cập danh tính số toàn dân"
  LineSpan lines;
};

// A committee session the plan schedules ("Dự kiến thời gian các phiên họp: Tháng 3, Tháng 7
// (sơ kết 6 tháng), ..."), in the plan's year; the committee is the plan's issuer.
struct ProposedSession {
  int month = 0;
  SessionKind kind = SessionKind::kRegular;
  LineSpan lines;
};

struct ProposedAction {  // a row of an appendix action table: not a task
  std::string theme;
  std::string number;
  std::string action;
  std::string period;  // as written, "2021 - 2025"
  std::optional<Deadline> period_deadline;
  std::vector<NameRef> leads;
  std::vector<NameRef> coordinators;
  std::string document;  // the document whose appendix it is
  LineSpan lines;
};

struct Warning {
  int line = 0;
  std::string code;  // "unknown_agency", "agency_typo", "no_lead", ...
  std::string message_vi;
  std::string message_en;
};

struct Proposal {
  SourceInfo source;
  std::vector<ProposedSection> sections;
  std::vector<ProposedDuty> duties;
  std::vector<ProposedObjective> objectives;
  std::vector<ProposedTask> tasks;
  std::vector<ProposedIndicator> indicators;
  std::vector<ProposedPlatform> platforms;
  std::vector<ProposedKeyTask> key_tasks;
  std::vector<ProposedSession> sessions;
  std::vector<ProposedDocument> documents;
  std::vector<ProposedAction> actions;
  std::vector<Warning> warnings;
};

}  // namespace dxgov::importer
