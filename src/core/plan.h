// Plans, their sections and referenced documents, and objectives with targets.
//
// A plan is issued by a decision (number, date, issuer) for a period, in ordered sections;
// it may implement a parent plan or programme (the 2022 activity plan implements Decision
// 749/QĐ-TTg's programme). An objective carries targets; one indicator may carry targets
// set by several documents, each target naming the document that set it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/deadline.h"
#include "core/status.h"

namespace dxgov {

// Where a record came from in a source document (1-based, inclusive line numbers).
struct SourceRef {
  std::string file;
  int line_from = 0;
  int line_to = 0;

  bool operator==(const SourceRef&) const = default;
};

struct DocumentRef {
  std::string type;    // "Quyết định", "Nghị quyết", "Công văn", ...
  std::string number;  // "749/QĐ-TTg"
  std::optional<Date> date;
  std::string issuer;  // as written
  std::string title;
};

struct Section {
  std::string numeral;  // "II"
  std::string title;
  std::string intro;
  std::optional<SourceRef> source;
};

// A plan's duty on others to issue their own implementing plans. Plan::duties holds them;
// core/cascade.h judges who has met them.
struct PlanDuty {
  std::string respondent;  // a unit or a group ("cac-bo-nganh", "cac-dia-phuong")
  std::string what;        // the duty as written: "ban hành Kế hoạch hoạt động năm 2022 ..."
  Deadline due;            // a fixed form ("Quý I/2022"): its last day is the last on-time day
  int year = 0;            // the year the own plans cover; 0 = any period
  std::string section;     // where the plan states it ("III")
  std::optional<SourceRef> source;

  bool operator==(const PlanDuty&) const = default;
};

// Fields, with paths under `path` ("/duties/0"): respondent id shape, a fixed deadline.
Status ValidatePlanDuty(const PlanDuty& d, const std::string& path);

struct Plan {
  int64_t id = 0;
  std::string key;    // stable human key, e.g. "27-qd-ubqgcds-2022"
  std::string kind;   // "plan" | "programme"
  std::string title;
  std::string decision_number;
  std::optional<Date> decision_date;
  std::string issuer_id;  // unit id
  std::string signer;
  std::optional<Date> period_from;
  std::optional<Date> period_to;
  std::optional<int64_t> parent_id;
  std::vector<Section> sections;
  std::vector<DocumentRef> documents;
  std::vector<PlanDuty> duties;  // on the units that implement this plan
  bool published = false;
  std::optional<SourceRef> source;
  int64_t version = 0;
  std::string created_at, updated_at;
};

Status ValidatePlan(const Plan& p);

enum class Comparator { kGe, kGt, kLe, kLt, kEq, kRange, kTop };
const char* ComparatorName(Comparator c);  // "ge", "gt", "le", "lt", "eq", "range", "top"
std::optional<Comparator> ParseComparator(std::string_view s);

// A target is what a document sets for a year; a baseline is what it states was reached
// (the 2020 and 2021 columns of an indicator table), possibly estimated.
enum class TargetKind { kTarget, kBaseline };
const char* TargetKindName(TargetKind k);  // "target", "baseline"
std::optional<TargetKind> ParseTargetKind(std::string_view s);

struct Target {
  TargetKind kind = TargetKind::kTarget;
  bool estimated = false;          // "(ước tính)"
  double value = 0;
  std::optional<double> value_to;  // kRange: upper bound
  std::string unit;                // "%", "count", "rank", "share_of_gdp", ...
  Comparator comparator = Comparator::kGe;
  int year = 0;
  std::string scope_unit_id;       // empty = national
  std::string qualifier;           // which part of the objective the figure is for
  std::string text;                // as written, e.g. "đạt từ 65 - 70%"
  std::string document;            // the document that set it, e.g. "27/QĐ-UBQGCĐS"
};

// Value, bounds, comparator-specific fields; paths under `path`.
Status ValidateTarget(const Target& t, const std::string& path);
// Human reading in Vietnamese: "≥ 85 %", "65–70 %", "top 50".
std::string DescribeTargetVi(const Target& t);

struct Objective {
  int64_t id = 0;
  int64_t plan_id = 0;
  std::string code;   // "I.3.đ"
  std::string group;  // "3. Phát triển kinh tế số và xã hội số"
  std::string text;
  std::vector<Target> targets;
  std::string indicator;  // code of the indicator that measures it; empty when none
  std::optional<SourceRef> source;
  int ordinal = 0;
  int64_t version = 0;
  std::string created_at, updated_at;
};

Status ValidateObjective(const Objective& o);

}  // namespace dxgov
