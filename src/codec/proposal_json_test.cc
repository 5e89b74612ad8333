#include "codec/proposal_json.h"

#include <gtest/gtest.h>

#include "codec/json_codec.h"

namespace dxgov::codec {
namespace {

using importer::Proposal;

// Whatever a reader proposes reads back: texts longer than the JSON form allows are cut at
// a character boundary with "…", and the cut proposal passes the strict reader.
TEST(ProposalJson, OverlongTextsAreCutToReadBack) {
  Proposal p;
  p.source.number = std::string(250, '9');
  importer::ProposedIndicator ind;
  ind.name = "Tỷ lệ hồ sơ";
  importer::IndicatorValue v;
  v.year = 2024;
  for (int i = 0; i < 40; ++i) v.text += "ước tính ";  // 40 × 12 bytes, multi-byte letters
  ind.values.push_back(v);
  p.indicators.push_back(ind);
  importer::ProposedTask t;
  t.id = "II.1";
  t.title = "Việc";
  for (int i = 0; i < 1500; ++i) t.coordinators.push_back({"Bộ " + std::to_string(i), "", ""});
  p.tasks.push_back(t);

  const auto json = ToJson(p);
  auto back = ProposalFromJson(json);
  ASSERT_TRUE(back.ok()) << back.error().message_en() << " " << back.error().fields().at(0).path;
  const std::string& cell = back->indicators.at(0).values.at(0).text;
  EXPECT_LE(cell.size(), 200u);
  EXPECT_TRUE(cell.ends_with("…"));
  EXPECT_TRUE(v.text.starts_with(cell.substr(0, cell.size() - 3)));
  EXPECT_EQ(back->source.number.size(), 200u);
  EXPECT_EQ(back->tasks.at(0).coordinators.size(), 1000u);

  // Texts within the limits come back unchanged.
  Proposal small;
  small.source.number = "27/QĐ-UBQGCĐS";
  auto same = ProposalFromJson(ToJson(small));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->source.number, "27/QĐ-UBQGCĐS");
}

}  // namespace
}  // namespace dxgov::codec
