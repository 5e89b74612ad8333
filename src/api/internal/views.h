// How units and tasks are shown: the stored record plus what a reader needs beside it
// (names as of a date, labels, the governing due date and timeliness).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "core/cascade.h"
#include "core/date.h"
#include "core/task.h"
#include "core/unit.h"

namespace dxgov::api {

// The unit's name on `as_of` (its latest one when it had ended); null for an unknown id.
boost::json::value UnitName(const UnitRegistry& reg, const std::string& id, Date as_of);

// A unit with its version as of `as_of` (the latest when absent) and its predecessors.
boost::json::object UnitView(const Unit& u, const UnitRegistry& reg, std::optional<Date> as_of);

struct ViewContext {
  const UnitRegistry& reg;
  Date as_of;
  int due_soon_days;
};

// A task with unit names, status labels, due date and timeliness as of c.as_of.
boost::json::object TaskView(const Task& t, const ViewContext& c);

// Counts of a set of tasks (core/cascade.h), field by field.
boost::json::object TaskSummaryView(const TaskSummary& s);

}  // namespace dxgov::api
