// `dxgov import-plan FILE [--format json|table] [--evaluate EXPECTED.json]`: reads a plan
// document and prints the proposed plan (nothing is stored; committing goes through the
// API). Names resolve against the unit registry shipped in the binary. With --evaluate,
// prints precision and recall per field against a hand-checked expected proposal and exits
// 0 whatever the scores (they are a report, not a test).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace dxgov::cli {

// Registers the subcommand; the returned function runs it when parsed (-1 otherwise).
std::function<int()> AddImportPlanCommand(CLI::App& app);

}  // namespace dxgov::cli
