// Indicators (chỉ tiêu) and the values reported for them.
//
// An indicator is defined once: what it measures, in which unit of measure, which way is
// better, how often it is reported, which kinds of unit report it, and how its values
// combine up the unit tree and over time. Its baselines and targets use the plans' Target
// type, each naming the document that set it, so that an indicator and a plan objective
// that set different figures for one year are both kept and shown side by side.
//
// A data value is one figure: indicator × unit × period, with where it came from and how
// far it has gone through review. The unit "" stands for the country as a whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/period.h"
#include "core/plan.h"
#include "core/status.h"
#include "core/unit.h"

namespace dxgov {

enum class Direction { kHigherIsBetter, kLowerIsBetter };
const char* DirectionName(Direction d);  // "higher_is_better", "lower_is_better"
std::optional<Direction> ParseDirection(std::string_view s);

enum class ValueType { kNumber, kPercentage, kCount, kRank, kShare };
const char* ValueTypeName(ValueType t);  // "number", "percentage", "count", "rank", "share"
std::optional<ValueType> ParseValueType(std::string_view s);

// How values combine. Across units:  sum, mean (of the reporting units' values), weighted
// mean (by another indicator, e.g. population), ratio (numerator and denominator
// indicators each summed, then divided), min, max. Over time (within one unit, from the
// indicator's periods to a longer one): sum, mean, weighted mean, min, max, latest; a ratio
// indicator combines its numerator and denominator by their own rules.
enum class Aggregation { kSum, kMean, kWeightedMean, kRatio, kMin, kMax, kLatest };
const char* AggregationName(Aggregation a);  // "sum", "mean", "weighted_mean", "ratio", ...
std::optional<Aggregation> ParseAggregation(std::string_view s);
// Rules under which a unit's figure is the combination of its parts' figures, so that
// predecessors' values may stand in for a successor (and vice versa): sum and ratio, and a
// weighted mean (a ratio of two sums). Mean, min, max and latest are not comparable across
// a merger.
bool IsAdditive(Aggregation a);

struct Indicator {
  int64_t id = 0;
  std::string code;             // stable key, e.g. "CPS-03"; A-Z, 0-9, '-', '.', 2..32
  std::string name;             // Vietnamese, as the documents write it
  std::string name_en;
  std::string group;            // "Chính phủ số"
  std::string unit_of_measure;  // "%", "hồ sơ", "người", "% GDP"
  int decimals = 1;             // 0..6
  Direction direction = Direction::kHigherIsBetter;
  PeriodType period_type = PeriodType::kYear;
  ValueType value_type = ValueType::kNumber;
  Aggregation across_units = Aggregation::kSum;
  Aggregation over_time = Aggregation::kLatest;
  std::string weight_code;       // kWeightedMean: the weight indicator
  std::string numerator_code;    // kRatio: both required; the ratio is derived, never reported
  std::string denominator_code;
  double ratio_scale = 100;      // kRatio: numerator / denominator × scale (100 = percent)
  bool national = false;         // reported for the country as a whole (unit "")
  std::vector<UnitKind> reporting_kinds;
  std::optional<double> min_value;  // defaults by value type: percentage and share 0..100,
  std::optional<double> max_value;  // count >= 0, rank >= 1
  std::vector<Target> targets;      // baselines and targets, by year and scope
  std::string description;
  std::string source;               // where the definition comes from
  bool published = true;
  int64_t version = 0;
  std::string created_at, updated_at;
};

// Code, names, decimals, rule combinations (a ratio names numerator and denominator and no
// reporting units; a weighted mean names its weight; latest is a rule over time only),
// bounds and targets. Paths under `path`.
Status ValidateIndicator(const Indicator& ind, const std::string& path = "");
bool IsValidIndicatorCode(std::string_view code);
// A ratio is computed from two other indicators and never reported itself.
inline bool IsDerived(const Indicator& ind) { return ind.across_units == Aggregation::kRatio; }
// The bounds a value must respect, after the value type's defaults.
std::optional<double> MinValue(const Indicator& ind);
std::optional<double> MaxValue(const Indicator& ind);

enum class ValueStatus { kDraft, kSubmitted, kApproved };
const char* ValueStatusName(ValueStatus s);  // "draft", "submitted", "approved"
std::optional<ValueStatus> ParseValueStatus(std::string_view s);

// kReport: written by submitting a report cycle's submission. Stored as the enum's value.
enum class Provenance { kManual, kApi, kImport, kReport };
const char* ProvenanceName(Provenance p);  // "manual", "api", "import", "report"
std::optional<Provenance> ParseProvenance(std::string_view s);

struct DataValue {
  std::string indicator;  // code
  std::string unit_id;    // "" = the country
  Period period;
  double value = 0;
  bool estimated = false;
  ValueStatus status = ValueStatus::kSubmitted;
  Provenance provenance = Provenance::kManual;
  std::string note;
  int64_t version = 0;
  std::string updated_at, updated_by;
};

// Whether `v` may be recorded for `ind`: the indicator is not derived; the unit reports it
// (the country only when ind.national; otherwise a unit that exists, as a reporting kind,
// on the period's last day); the period has the indicator's type and has begun by `today`;
// the value is finite, within bounds, and whole for counts and ranks. Errors name fields
// under `path` ("/unit", "/period", "/value", ...).
Status ValidateValue(const Indicator& ind, const DataValue& v, const UnitRegistry& registry, Date today,
                     const std::string& path = "");

// What recording a batch of figures did: figures equal to the stored ones are unchanged,
// so re-sending a batch inserts and updates nothing.
struct ValueCounts {
  int inserted = 0;
  int updated = 0;
  int unchanged = 0;
};

// A value rounded to the indicator's decimals, for display and comparison with targets.
double RoundToDecimals(double v, int decimals);

}  // namespace dxgov
