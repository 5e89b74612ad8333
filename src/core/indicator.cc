#include "core/indicator.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "text/vn_text.h"

namespace dxgov {
namespace {

template <typename E, size_t N>
std::optional<E> ParseName(std::string_view s, const E (&all)[N], const char* (*name)(E)) {
  for (E e : all)
    if (s == name(e)) return e;
  return std::nullopt;
}

constexpr Direction kDirections[] = {Direction::kHigherIsBetter, Direction::kLowerIsBetter};
constexpr ValueType kValueTypes[] = {ValueType::kNumber, ValueType::kPercentage, ValueType::kCount, ValueType::kRank,
                                     ValueType::kShare};
constexpr Aggregation kAggregations[] = {Aggregation::kSum, Aggregation::kMean, Aggregation::kWeightedMean,
                                         Aggregation::kRatio, Aggregation::kMin, Aggregation::kMax,
                                         Aggregation::kLatest};
constexpr ValueStatus kStatuses[] = {ValueStatus::kDraft, ValueStatus::kSubmitted, ValueStatus::kApproved};
constexpr Provenance kProvenances[] = {Provenance::kManual, Provenance::kApi, Provenance::kImport, Provenance::kReport};

// Shortest form that reads back the same: 100, 0.5, 1e+20.
std::string FormatNumber(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

}  // namespace

const char* DirectionName(Direction d) {
  return d == Direction::kLowerIsBetter ? "lower_is_better" : "higher_is_better";
}
std::optional<Direction> ParseDirection(std::string_view s) { return ParseName(s, kDirections, DirectionName); }

const char* ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kNumber: return "number";
    case ValueType::kPercentage: return "percentage";
    case ValueType::kCount: return "count";
    case ValueType::kRank: return "rank";
    case ValueType::kShare: return "share";
  }
  return "number";
}
std::optional<ValueType> ParseValueType(std::string_view s) { return ParseName(s, kValueTypes, ValueTypeName); }

const char* AggregationName(Aggregation a) {
  switch (a) {
    case Aggregation::kSum: return "sum";
    case Aggregation::kMean: return "mean";
    case Aggregation::kWeightedMean: return "weighted_mean";
    case Aggregation::kRatio: return "ratio";
    case Aggregation::kMin: return "min";
    case Aggregation::kMax: return "max";
    case Aggregation::kLatest: return "latest";
  }
  return "sum";
}
std::optional<Aggregation> ParseAggregation(std::string_view s) {
  return ParseName(s, kAggregations, AggregationName);
}

bool IsAdditive(Aggregation a) {
  return a == Aggregation::kSum || a == Aggregation::kRatio || a == Aggregation::kWeightedMean;
}

const char* ValueStatusName(ValueStatus s) {
  switch (s) {
    case ValueStatus::kDraft: return "draft";
    case ValueStatus::kSubmitted: return "submitted";
    case ValueStatus::kApproved: return "approved";
  }
  return "draft";
}
std::optional<ValueStatus> ParseValueStatus(std::string_view s) { return ParseName(s, kStatuses, ValueStatusName); }

const char* ProvenanceName(Provenance p) {
  switch (p) {
    case Provenance::kManual: return "manual";
    case Provenance::kApi: return "api";
    case Provenance::kImport: return "import";
    case Provenance::kReport: return "report";
  }
  return "manual";
}
std::optional<Provenance> ParseProvenance(std::string_view s) { return ParseName(s, kProvenances, ProvenanceName); }

bool IsValidIndicatorCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

std::optional<double> MinValue(const Indicator& ind) {
  if (ind.min_value) return ind.min_value;
  switch (ind.value_type) {
    case ValueType::kPercentage:
    case ValueType::kShare:
    case ValueType::kCount: return 0.0;
    case ValueType::kRank: return 1.0;
    case ValueType::kNumber: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<double> MaxValue(const Indicator& ind) {
  if (ind.max_value) return ind.max_value;
  if (ind.value_type == ValueType::kPercentage || ind.value_type == ValueType::kShare) return 100.0;
  return std::nullopt;
}

Status ValidateIndicator(const Indicator& ind, const std::string& p) {
  std::vector<FieldError> errs;
  if (!IsValidIndicatorCode(ind.code)) errs.push_back({p + "/code", "2..32 of A-Z, 0-9, '-', '.'"});
  if (text::CollapseWhitespace(ind.name).empty()) errs.push_back({p + "/name", "required"});
  if (ind.name.size() > 500) errs.push_back({p + "/name", "at most 500 bytes"});
  if (ind.decimals < 0 || ind.decimals > 6) errs.push_back({p + "/decimals", "0..6"});
  if (ind.across_units == Aggregation::kLatest)
    errs.push_back({p + "/aggregation/across_units", "latest is a rule over time, not across units"});
  const bool ratio = ind.across_units == Aggregation::kRatio;
  if (ratio != (ind.over_time == Aggregation::kRatio))
    errs.push_back({p + "/aggregation/over_time", "a ratio is a ratio both across units and over time"});
  if (ratio) {
    if (ind.numerator_code.empty()) errs.push_back({p + "/aggregation/numerator", "required for ratio"});
    if (ind.denominator_code.empty()) errs.push_back({p + "/aggregation/denominator", "required for ratio"});
    if (!ind.numerator_code.empty() && ind.numerator_code == ind.denominator_code)
      errs.push_back({p + "/aggregation/denominator", "must differ from the numerator"});
    if (!(ind.ratio_scale > 0) || !std::isfinite(ind.ratio_scale))
      errs.push_back({p + "/aggregation/scale", "a positive number"});
    if (ind.national || !ind.reporting_kinds.empty())
      errs.push_back({p + "/reported_by", "a ratio is derived from its numerator and denominator; nobody reports it"});
  } else {
    if (!ind.numerator_code.empty()) errs.push_back({p + "/aggregation/numerator", "only for ratio"});
    if (!ind.denominator_code.empty()) errs.push_back({p + "/aggregation/denominator", "only for ratio"});
    if (!ind.national && ind.reporting_kinds.empty())
      errs.push_back({p + "/reported_by", "name the country or at least one unit kind"});
  }
  const bool weighted = ind.across_units == Aggregation::kWeightedMean || ind.over_time == Aggregation::kWeightedMean;
  if (weighted && ind.weight_code.empty()) errs.push_back({p + "/aggregation/weight", "required for weighted_mean"});
  if (!weighted && !ind.weight_code.empty()) errs.push_back({p + "/aggregation/weight", "only for weighted_mean"});
  if (!ind.weight_code.empty() && ind.weight_code == ind.code)
    errs.push_back({p + "/aggregation/weight", "an indicator cannot weigh itself"});
  for (const std::string* c : {&ind.weight_code, &ind.numerator_code, &ind.denominator_code})
    if (!c->empty() && !IsValidIndicatorCode(*c)) errs.push_back({p + "/aggregation", "'" + *c + "' is not an indicator code"});
  for (UnitKind k : ind.reporting_kinds)
    if (k == UnitKind::kGroup) errs.push_back({p + "/reported_by", "a group does not report; name its member kinds"});
  const auto lo = MinValue(ind), hi = MaxValue(ind);
  if ((ind.min_value && !std::isfinite(*ind.min_value)) || (ind.max_value && !std::isfinite(*ind.max_value)))
    errs.push_back({p + "/range", "bounds must be finite"});
  else if (lo && hi && *lo > *hi)
    errs.push_back({p + "/range", "min above max"});
  for (size_t i = 0; i < ind.targets.size(); ++i) {
    auto s = ValidateTarget(ind.targets[i], p + "/targets/" + std::to_string(i));
    if (!s.ok())
      for (const auto& f : s.error().fields()) errs.push_back(f);
  }
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Định nghĩa chỉ tiêu không hợp lệ", "invalid indicator", std::move(errs));
}

Status ValidateValue(const Indicator& ind, const DataValue& v, const UnitRegistry& registry, Date today,
                     const std::string& p) {
  std::vector<FieldError> errs;
  if (IsDerived(ind)) {
    errs.push_back({p + "/indicator", "'" + ind.code + "' is computed from " + ind.numerator_code + " / " +
                                          ind.denominator_code + "; report those"});
  }
  const bool period_ok = v.period.type == ind.period_type;
  if (!period_ok) {
    errs.push_back({p + "/period", std::string("'") + ind.code + "' is reported per " +
                                       PeriodTypeName(ind.period_type) + ", not per " + PeriodTypeName(v.period.type)});
  } else if (FirstDay(v.period) > today) {
    errs.push_back({p + "/period", "has not begun yet"});
  }
  if (v.unit_id.empty()) {
    if (!ind.national && !IsDerived(ind)) errs.push_back({p + "/unit", "'" + ind.code + "' is not reported for the country as a whole"});
  } else if (const Unit* u = registry.Find(v.unit_id); !u) {
    errs.push_back({p + "/unit", "no unit '" + v.unit_id + "'"});
  } else if (!IsDerived(ind)) {
    // A period's figure belongs to the units that exist at its end: after the 2025
    // mergers the successor reports the whole of 2025, its predecessors the months and
    // quarters before 2025-07-01.
    const Date last = LastDay(v.period);
    const UnitVersion* ver = VersionOn(*u, last);
    const bool existed = ValidOn(*u, last) && ver;
    const bool kind_ok = existed && std::find(ind.reporting_kinds.begin(), ind.reporting_kinds.end(), ver->kind) !=
                                        ind.reporting_kinds.end();
    if (!existed) errs.push_back({p + "/unit", "'" + v.unit_id + "' did not exist on " + FormatIso(last) + ", the end of " + FormatPeriod(v.period)});
    else if (!kind_ok) errs.push_back({p + "/unit", "units of this kind do not report '" + ind.code + "'"});
  }
  if (!std::isfinite(v.value)) {
    errs.push_back({p + "/value", "must be a finite number"});
  } else {
    const auto lo = MinValue(ind), hi = MaxValue(ind);
    if ((lo && v.value < *lo) || (hi && v.value > *hi)) {
      std::string range = (lo ? FormatNumber(*lo) : std::string("-∞")) + ".." + (hi ? FormatNumber(*hi) : "∞");
      errs.push_back({p + "/value", "out of range " + range});
    }
    if ((ind.value_type == ValueType::kCount || ind.value_type == ValueType::kRank) && std::floor(v.value) != v.value)
      errs.push_back({p + "/value", std::string("a ") + ValueTypeName(ind.value_type) + " is a whole number"});
  }
  if (v.note.size() > 2000) errs.push_back({p + "/note", "at most 2000 bytes"});
  if (errs.empty()) return OkStatus();
  return Error(ErrorCode::kInvalidArgument, "Số liệu không hợp lệ", "invalid value", std::move(errs));
}

double RoundToDecimals(double v, int decimals) {
  const double f = std::pow(10.0, std::clamp(decimals, 0, 6));
  return std::round(v * f) / f;
}

}  // namespace dxgov
