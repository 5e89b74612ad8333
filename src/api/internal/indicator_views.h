// JSON views of indicators, rollups and attainment for the API (docs/api.md,
// "Indicators"), kept out of routes.cc: pure functions of domain values, no store, no
// authorisation.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/attainment.h"
#include "core/indicator.h"
#include "core/plan.h"
#include "core/rollup.h"
#include "core/unit.h"

namespace dxgov::api::internal {

// The indicator with the objectives that name it, and every baseline and target by year
// side by side, each with the document (or plan objective) that set it.
boost::json::object IndicatorDetailView(const Indicator& ind, const std::vector<Objective>& objectives);

// One rollup: the unit (null for the country) with its name as of the period's end;
// "missing" only when it was asked for.
boost::json::object RollupView(const RollupResult& r, const Indicator& ind, const std::string& unit_id,
                               const UnitRegistry& reg, const Period& p, bool with_missing = false);

boost::json::object AttainmentView(const Target& target, const Attainment& a, const Indicator& ind);

}  // namespace dxgov::api::internal
