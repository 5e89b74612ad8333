// Plan documents as any converter might deliver them: the importer must read any bytes
// without crashing or hanging, and what it proposes must survive the round trip a review
// makes (proposal -> JSON -> proposal) and the conversion a commit makes. Checks:
//   - a proposal always serialises and reads back, with the same tasks;
//   - RecordsFromProposal either gives one task per proposed task or names the problems.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "codec/proposal_json.h"
#include "demo/demo_data.h"
#include "importer/plan/commit.h"
#include "importer/plan/plan_reader.h"

using namespace dxgov;

namespace {

std::shared_ptr<const UnitRegistry> Registry() {
  static std::shared_ptr<const UnitRegistry> reg = [] {
    auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
    if (!units.ok()) std::abort();
    auto r = UnitRegistry::Create(std::move(units).value());
    if (!r.ok()) std::abort();
    return std::move(r).value();
  }();
  return reg;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Plans run to hundreds of kilobytes, but the reader's paths are all reached by a page or
  // two; larger inputs only slow the search.
  if (size > 64 * 1024) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  auto p = importer::ReadPlanDocument(in, Registry(), importer::ReadOptions{"fuzz.txt"});
  if (!p.ok()) return 0;
  auto back = codec::ProposalFromJson(codec::ToJson(*p));
  if (!back.ok() || back->tasks.size() != p->tasks.size()) std::abort();
  for (size_t i = 0; i < p->tasks.size(); ++i)
    if (back->tasks[i].id != p->tasks[i].id) std::abort();
  auto records = importer::RecordsFromProposal(*p, *Registry(), {});
  if (records.ok() && records->tasks.size() != p->tasks.size()) std::abort();
  if (!records.ok() && records.error().fields().empty()) std::abort();
  return 0;
}
