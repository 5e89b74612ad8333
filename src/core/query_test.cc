#include "core/query.h"

#include <gtest/gtest.h>

#include "core/test_units.h"

namespace dxgov {
namespace {

std::vector<std::string> Ids(const Page<const Unit*>& p) {
  std::vector<std::string> out;
  for (const Unit* u : p.items) out.push_back(u->id);
  return out;
}

TEST(QueryUnitsTest, AsOfReturnsUnitsValidThen) {
  auto reg = testing_units::SmallRegistryPtr();
  UnitQuery q;
  q.kinds = {UnitKind::kProvince, UnitKind::kCity};
  q.as_of = MakeDate(2024, 1, 1);
  // Sorted by proper name in Vietnamese order, without "Tỉnh"/"Thành phố".
  EXPECT_EQ(Ids(QueryUnits(*reg, q)),
            (std::vector<std::string>{"tinh-ha-giang", "tinh-thua-thien-hue", "tinh-tuyen-quang"}));
  q.as_of = MakeDate(2025, 7, 1);
  EXPECT_EQ(Ids(QueryUnits(*reg, q)), (std::vector<std::string>{"tinh-thua-thien-hue", "tinh-tuyen-quang-2025"}));
}

TEST(QueryUnitsTest, FiltersByParentAndText) {
  auto reg = testing_units::SmallRegistryPtr();
  UnitQuery q;
  q.parent_id = "tinh-tuyen-quang-2025";
  EXPECT_EQ(Ids(QueryUnits(*reg, q)), (std::vector<std::string>{"xa-2025-00001"}));
  UnitQuery t;
  t.q = "BTTTT";
  EXPECT_EQ(Ids(QueryUnits(*reg, t)), (std::vector<std::string>{"bo-tttt"}));
}

TEST(QueryUnitsTest, PagesCountAllMatches) {
  auto reg = testing_units::SmallRegistryPtr();
  UnitQuery q;
  q.limit = 2;
  q.offset = 1;
  auto page = QueryUnits(*reg, q);
  EXPECT_EQ(page.total, static_cast<int64_t>(reg->all().size()));
  EXPECT_EQ(page.items.size(), 2u);
}

}  // namespace
}  // namespace dxgov
