// Live rollups of indicator values up the unit tree and over time, in memory.
//
// The engine holds every reported figure in blocks of one indicator × one period (an array
// over units), so that a rollup reads the figures it needs directly: a province's month is
// the figures of its communes, the country's year the figures of every unit in it. There
// is nothing to rebuild: a figure put is part of every rollup from the next call.
//
// How a rollup of indicator I for unit N over period P is formed (docs/indicators.md):
//  * The tree is the one in force on P's last day; the expected units are those of a
//    reporting kind at the first level below N that has any (N itself when none), and a
//    unit has reported when it or a unit below it has a figure in P.
//  * A unit with its own figure in P counts as one part; otherwise its children are read.
//  * A part's figures over P's sub-periods combine by I's rule over time (sum, mean, min,
//    max, latest, weighted mean); the parts then combine by I's rule across units (sum,
//    mean, min, max, weighted mean by the weight indicator, or numerator and denominator
//    each summed and divided). A weight is the weight indicator's figure for the period
//    (or the last one up to five years before); parts without one are left out of a
//    weighted mean unless no part has one, when it is a plain mean.
//  * Across the 2025 reorganisation, for additive rules (sum, ratio, weighted mean), a
//    unit's figure for a sub-period before it existed is its predecessors' figures for that
//    sub-period, and a unit asked for a period that ended before it existed is the sum of
//    its predecessors then. Other rules answer "not comparable".
// Drafts never count; `approved_only` also leaves out submitted figures.
//
// A computed rollup (without the missing list) is remembered until any figure of an
// indicator it read (the indicator, a ratio's numerator and denominator, a weight) is put
// or removed, so a dashboard asking again costs a lookup and is never stale.
//
// Thread-safe: any number of rollups run together; Put and Remove wait for them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator.h"
#include "core/period.h"
#include "core/status.h"
#include "core/unit.h"

namespace dxgov {

struct RollupOptions {
  bool approved_only = false;
  bool list_missing = false;  // fill RollupResult::missing
};

struct RollupResult {
  std::optional<double> value;  // absent when nothing was reported or it is not comparable
  bool comparable = true;       // false: a non-additive rule across a merger
  bool own = false;             // the unit's own figure, not an aggregate of units below it
  bool estimated = false;       // some figure that went into it is an estimate
  int parts = 0;                // units whose figures went into the value
  int expected = 0;             // completeness: units expected to report for this period
  int reported = 0;             //   ... and those that did
  std::vector<std::string> missing;  // the expected units that did not (with list_missing)
};

class RollupEngine {
 public:
  RollupEngine();
  ~RollupEngine();
  RollupEngine(const RollupEngine&) = delete;
  RollupEngine& operator=(const RollupEngine&) = delete;

  // The unit tree to roll up by; replaced whenever units change. Figures are kept.
  void SetRegistry(std::shared_ptr<const UnitRegistry> registry);
  // The indicator definitions; replaced whenever one changes. Figures of indicators no
  // longer defined are dropped.
  void SetIndicators(const std::vector<Indicator>& indicators);

  // Records or replaces one figure. REQUIRES: its indicator is defined and it passed
  // ValidateValue (the engine does not check units or bounds again).
  void Put(const DataValue& v);
  void Remove(std::string_view indicator, std::string_view unit_id, const Period& p);
  size_t size() const;  // figures held

  // The rollup of indicator `code` for `unit_id` ("" = the country) over `p`.
  // Errors: kNotFound for an unknown indicator or unit (field "/indicator" or "/unit");
  // kInvalidArgument when `p` is shorter than the indicator's period type ("/period").
  Result<RollupResult> Rollup(std::string_view code, std::string_view unit_id, const Period& p,
                              const RollupOptions& options = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dxgov
