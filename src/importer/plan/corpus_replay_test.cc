// The plan reader's fuzz corpus (tests/fuzz/corpus/plan_reader), replayed in every build with
// the fuzz harness's checks, so that an input the fuzzer once broke stays fixed under GCC,
// ASan and UBSan too: each document reads or is refused; a proposal survives the JSON round
// trip a review makes, with the same tasks; the commit's conversion gives one task per
// proposed task or names its problems.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/proposal_json.h"
#include "demo/demo_data.h"
#include "importer/plan/commit.h"
#include "importer/plan/plan_reader.h"

namespace dxgov::importer {
namespace {

std::shared_ptr<const UnitRegistry> Registry() {
  static std::shared_ptr<const UnitRegistry> reg = [] {
    auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
    auto r = UnitRegistry::Create(std::move(units).value());
    return std::move(r).value();
  }();
  return reg;
}

TEST(PlanReaderCorpusTest, EveryInputReadsAndRoundTrips) {
  const std::filesystem::path dir = std::filesystem::path(DXGOV_SOURCE_DIR) / "tests/fuzz/corpus/plan_reader";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string doc = bytes.str();
    SCOPED_TRACE(entry.path().filename().string());
    auto p = ReadPlanDocument(doc, Registry(), ReadOptions{"fuzz.txt"});
    if (!p.ok()) continue;
    auto back = codec::ProposalFromJson(codec::ToJson(*p));
    ASSERT_TRUE(back.ok()) << back.error().message_en() << " " << (back.error().fields().empty() ? "" : back.error().fields()[0].path + ": " + back.error().fields()[0].reason);
    ASSERT_EQ(back->tasks.size(), p->tasks.size());
    for (size_t i = 0; i < p->tasks.size(); ++i) EXPECT_EQ(back->tasks[i].id, p->tasks[i].id);
    auto records = RecordsFromProposal(*p, *Registry(), {});
    if (records.ok()) EXPECT_EQ(records->tasks.size(), p->tasks.size());
    else EXPECT_FALSE(records.error().fields().empty());
  }
  EXPECT_GT(files, 10);
}

}  // namespace
}  // namespace dxgov::importer
