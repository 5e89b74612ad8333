// A plan importer's proposal <-> JSON: what `dxgov import-plan --format json` prints, what
// POST /api/imports returns and what `--evaluate` reads as the expected answer. Shape:
//   {"source":{...},"sections":[...],"objectives":[...],"tasks":[{"id":"III.10.b",
//    "section":"III","number":"10.b","lead":{"as_written":..,"unit":..,"successor":..},
//    "coordinators":[...],"deadline":{...}|null,"lines":[a,b],...}],"indicators":[...],
//    "platforms":[...],"documents":[...],"actions":[...],"warnings":[...]}
#pragma once

#include <boost/json/value.hpp>

#include "core/status.h"
#include "importer/plan/proposal.h"

namespace dxgov::codec {

boost::json::object ToJson(const importer::Proposal& p);

// Reads a proposal (an expected answer, or one a reviewer edited). Strict about types,
// lenient about absent optional fields; errors name the JSON path.
Result<importer::Proposal> ProposalFromJson(const boost::json::value& v);

}  // namespace dxgov::codec
