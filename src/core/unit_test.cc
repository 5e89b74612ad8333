#include "core/unit.h"

#include <gtest/gtest.h>

#include "core/test_units.h"

namespace dxgov {
namespace {

using testing_units::Simple;
using testing_units::SmallRegistry;
using testing_units::SmallRegistryPtr;

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(UnitTest, VersionsAreDated) {
  auto reg = SmallRegistryPtr();
  const Unit* hue = reg->Find("tinh-thua-thien-hue");
  ASSERT_NE(hue, nullptr);
  EXPECT_EQ(VersionOn(*hue, MakeDate(2024, 12, 31))->name, "Tỉnh Thừa Thiên Huế");
  EXPECT_EQ(VersionOn(*hue, MakeDate(2025, 1, 1))->name, "Thành phố Huế");
  EXPECT_EQ(VersionOn(*hue, MakeDate(2025, 1, 1))->kind, UnitKind::kCity);
}

TEST(UnitTest, EndedUnitsKeepTheirNames) {
  auto reg = SmallRegistryPtr();
  const Unit* hg = reg->Find("tinh-ha-giang");
  EXPECT_EQ(VersionOn(*hg, MakeDate(2026, 1, 1)), nullptr);
  EXPECT_EQ(VersionOrLatest(*hg, MakeDate(2026, 1, 1)).name, "Tỉnh Hà Giang");
}

TEST(UnitTest, GroupsExpandToMembersValidOnTheDate) {
  auto reg = SmallRegistryPtr();
  EXPECT_EQ(Sorted(reg->Expand("cac-dia-phuong", MakeDate(2024, 6, 1))),
            (std::vector<std::string>{"tinh-ha-giang", "tinh-thua-thien-hue", "tinh-tuyen-quang"}));
  // After 2025-07-01 the merged province replaces both; Huế, now a city, is still a member.
  EXPECT_EQ(Sorted(reg->Expand("cac-dia-phuong", MakeDate(2025, 8, 1))),
            (std::vector<std::string>{"tinh-thua-thien-hue", "tinh-tuyen-quang-2025"}));
  EXPECT_EQ(reg->Expand("bo-khcn", MakeDate(2025, 8, 1)), (std::vector<std::string>{"bo-khcn"}));
}

TEST(UnitTest, GroupsContainingAUnit) {
  auto reg = SmallRegistryPtr();
  EXPECT_EQ(reg->GroupsContaining("tinh-ha-giang", MakeDate(2024, 1, 1)), (std::vector<std::string>{"cac-dia-phuong"}));
  EXPECT_TRUE(reg->GroupsContaining("tinh-ha-giang", MakeDate(2026, 1, 1)).empty());
  EXPECT_EQ(reg->GroupsContaining("bo-tttt", MakeDate(2024, 1, 1)), (std::vector<std::string>{"cac-bo-nganh"}));
}

TEST(UnitTest, PredecessorsFollowMergers) {
  auto reg = SmallRegistryPtr();
  EXPECT_EQ(Sorted(reg->Predecessors("tinh-tuyen-quang-2025")),
            (std::vector<std::string>{"tinh-ha-giang", "tinh-tuyen-quang"}));
  EXPECT_EQ(reg->Predecessors("bo-khcn"), (std::vector<std::string>{"bo-tttt"}));
  EXPECT_TRUE(reg->Predecessors("bo-tttt").empty());
}

TEST(UnitTest, MatchNamesIgnoresCaseAndDiacritics) {
  auto reg = SmallRegistryPtr();
  EXPECT_EQ(reg->MatchNames("btttt"), (std::vector<std::string>{"bo-tttt"}));
  EXPECT_EQ(reg->MatchNames("ha giang"), (std::vector<std::string>{"tinh-ha-giang"}));
  EXPECT_EQ(reg->MatchNames("hue"), (std::vector<std::string>{"tinh-thua-thien-hue"}));
}

TEST(UnitTest, ResolveIsDateAware) {
  auto reg = SmallRegistryPtr();
  // "Tỉnh Tuyên Quang" names the old province in 2022 and the merged one in 2026.
  EXPECT_EQ(reg->Resolve("Tỉnh Tuyên Quang", MakeDate(2022, 3, 15))->id, "tinh-tuyen-quang");
  EXPECT_EQ(reg->Resolve("tỉnh tuyên quang", MakeDate(2026, 1, 1))->id, "tinh-tuyen-quang-2025");
  EXPECT_EQ(reg->Resolve("Bộ TT&TT", MakeDate(2022, 3, 15))->id, "bo-tttt");
  EXPECT_EQ(reg->Resolve("Bộ TT&TT", MakeDate(2026, 1, 1)), nullptr);
}

TEST(UnitRegistryTest, RejectsDuplicatesAndDanglingLinks) {
  auto units = SmallRegistry();
  units.push_back(units[0]);
  auto dup = UnitRegistry::Create(units);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().fields().at(0).path, "/units/bo-tttt");

  auto dangling = SmallRegistry();
  dangling[0].successors[0].unit_id = "bo-khong-co";
  auto r = UnitRegistry::Create(dangling);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields().at(0).path, "/units/bo-tttt/successors");
}

TEST(ValidateUnitTest, VersionsMustNotOverlap) {
  Unit u = Simple("tinh-x", "Tỉnh X", UnitKind::kProvince);
  u.versions[0].valid_to = MakeDate(2025, 1, 1);
  UnitVersion v2 = u.versions[0];
  v2.valid_from = MakeDate(2025, 1, 1);  // same day as the previous end: overlap
  v2.valid_to.reset();
  u.versions.push_back(v2);
  auto s = ValidateUnit(u, "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields().at(0).path, "/versions/1/valid_from");
}

TEST(ValidateUnitTest, IdsAreAsciiSlugs) {
  EXPECT_TRUE(IsValidUnitId("tinh-ha-giang"));
  EXPECT_FALSE(IsValidUnitId("Tỉnh Hà Giang"));
  EXPECT_FALSE(IsValidUnitId("x"));
  auto s = ValidateUnit(Simple("BAD ID", "X", UnitKind::kOrganisation), "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields().at(0).path, "/id");
}

}  // namespace
}  // namespace dxgov
