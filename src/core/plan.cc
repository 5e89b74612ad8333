#include "core/plan.h"

#include <array>
#include <cmath>

#include "core/number_format.h"
#include "core/unit.h"
#include "text/vn_text.h"

namespace dxgov {

namespace {
constexpr std::array<const char*, 7> kComparators = {"ge", "gt", "le", "lt", "eq", "range", "top"};

// Target values as the documents write them ("85,5", "1.000.000").
std::string Num(double v) { return FormatNumberVi(v, 6); }
}  // namespace

const char* ComparatorName(Comparator c) { return kComparators[static_cast<size_t>(c)]; }

std::optional<Comparator> ParseComparator(std::string_view s) {
  for (size_t i = 0; i < kComparators.size(); ++i)
    if (s == kComparators[i]) return static_cast<Comparator>(i);
  return std::nullopt;
}

const char* TargetKindName(TargetKind k) { return k == TargetKind::kBaseline ? "baseline" : "target"; }

std::optional<TargetKind> ParseTargetKind(std::string_view s) {
  if (s == "target") return TargetKind::kTarget;
  if (s == "baseline") return TargetKind::kBaseline;
  return std::nullopt;
}

Status ValidateTarget(const Target& t, const std::string& p) {
  std::vector<FieldError> errs;
  if (!std::isfinite(t.value)) errs.push_back({p + "/value", "must be a finite number"});
  if (t.comparator == Comparator::kRange) {
    if (!t.value_to || !std::isfinite(*t.value_to) || *t.value_to < t.value)
      errs.push_back({p + "/value_to", "required for range, not below value"});
  } else if (t.value_to) {
    errs.push_back({p + "/value_to", "only for comparator range"});
  }
  if (t.comparator == Comparator::kTop && (t.value < 1 || std::floor(t.value) != t.value))
    errs.push_back({p + "/value", "top-N needs a whole N >= 1"});
  if (t.unit == "%" && (t.value < 0 || (t.value_to && *t.value_to > 100) || t.value > 100))
    errs.push_back({p + "/value", "a percentage is between 0 and 100"});
  if (t.unit.empty()) errs.push_back({p + "/unit", "required"});
  if (t.year != 0 && (t.year < 1900 || t.year > 2200)) errs.push_back({p + "/year", "1900..2200"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Chỉ tiêu không hợp lệ", "invalid target", std::move(errs));
}

std::string DescribeTargetVi(const Target& t) {
  const std::string unit = t.unit == "%" ? " %" : t.unit == "share_of_gdp" ? " % GDP" : "";
  switch (t.comparator) {
    case Comparator::kGe: return "≥ " + Num(t.value) + unit;
    case Comparator::kGt: return "> " + Num(t.value) + unit;
    case Comparator::kLe: return "≤ " + Num(t.value) + unit;
    case Comparator::kLt: return "< " + Num(t.value) + unit;
    case Comparator::kEq: return "= " + Num(t.value) + unit;
    case Comparator::kRange: return Num(t.value) + "–" + Num(t.value_to.value_or(t.value)) + unit;
    case Comparator::kTop: return "nhóm " + Num(t.value) + " dẫn đầu";
  }
  return "";
}

Status ValidatePlanDuty(const PlanDuty& d, const std::string& path) {
  std::vector<FieldError> errs;
  if (!IsValidUnitId(d.respondent)) errs.push_back({path + "/respondent", "a unit or group id"});
  if (auto s = ValidateDeadline(d.due, path + "/due"); !s.ok()) {
    for (const auto& f : s.error().fields()) errs.push_back(f);
  } else if (!FixedDueDate(d.due)) {
    errs.push_back({path + "/due", "needs a fixed deadline (a date, month, quarter, year or span)"});
  }
  if (d.year != 0 && (d.year < 1900 || d.year > 2200)) errs.push_back({path + "/year", "1900..2200, or 0 for any"});
  if (d.what.size() > 4000) errs.push_back({path + "/what", "at most 4000 bytes"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Nghĩa vụ ban hành kế hoạch không hợp lệ", "invalid plan duty",
               std::move(errs));
}

Status ValidatePlan(const Plan& p) {
  std::vector<FieldError> errs;
  if (text::CollapseWhitespace(p.title).empty()) errs.push_back({"/title", "required"});
  if (p.title.size() > 1000) errs.push_back({"/title", "at most 1000 bytes"});
  if (p.kind != "plan" && p.kind != "programme" && p.kind != "conclusions")
    errs.push_back({"/kind", "must be plan, programme or conclusions"});
  if (p.period_from && p.period_to && *p.period_to < *p.period_from)
    errs.push_back({"/period/to", "before period/from"});
  if (!p.key.empty() && text::Slug(p.key) != p.key) errs.push_back({"/key", "lowercase a-z, 0-9 and '-'"});
  for (size_t i = 0; i < p.sections.size(); ++i)
    if (p.sections[i].numeral.empty()) errs.push_back({"/sections/" + std::to_string(i) + "/numeral", "required"});
  for (size_t i = 0; i < p.duties.size(); ++i) {
    auto s = ValidatePlanDuty(p.duties[i], "/duties/" + std::to_string(i));
    if (!s.ok())
      for (const auto& f : s.error().fields()) errs.push_back(f);
  }
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Kế hoạch không hợp lệ", "invalid plan", std::move(errs));
}

Status ValidateObjective(const Objective& o) {
  std::vector<FieldError> errs;
  if (o.code.empty()) errs.push_back({"/code", "required"});
  if (text::CollapseWhitespace(o.text).empty()) errs.push_back({"/text", "required"});
  if (o.plan_id <= 0) errs.push_back({"/plan_id", "required"});
  for (size_t i = 0; i < o.targets.size(); ++i) {
    auto s = ValidateTarget(o.targets[i], "/targets/" + std::to_string(i));
    if (!s.ok())
      for (const auto& f : s.error().fields()) errs.push_back(f);
  }
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Mục tiêu không hợp lệ", "invalid objective", std::move(errs));
}

}  // namespace dxgov
