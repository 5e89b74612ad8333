// A small, hand-made registry for core tests: two ministries merged in 2025, three
// provinces of which two merged into a new one on 2025-07-01, a province renamed into a
// city, and the groups "các địa phương" and "các bộ, ngành".
#pragma once

#include <memory>

#include "core/unit.h"

namespace dxgov::testing_units {

inline Unit Simple(std::string id, std::string name, UnitKind kind, std::optional<Date> from = std::nullopt,
                   std::optional<Date> to = std::nullopt) {
  Unit u;
  u.id = std::move(id);
  u.valid_from = from;
  u.valid_to = to;
  UnitVersion v;
  v.name = std::move(name);
  v.kind = kind;
  v.valid_from = from;
  v.valid_to = to;
  u.versions.push_back(v);
  return u;
}

inline std::vector<Unit> SmallRegistry() {
  std::vector<Unit> units;
  Unit tttt = Simple("bo-tttt", "Bộ Thông tin và Truyền thông", UnitKind::kMinistry, std::nullopt, MakeDate(2025, 2, 28));
  tttt.aliases = {"Bộ TT&TT", "BTTTT"};
  tttt.successors = {{"bo-khcn", MakeDate(2025, 3, 1), ""}};
  units.push_back(tttt);
  units.push_back(Simple("bo-khcn", "Bộ Khoa học và Công nghệ", UnitKind::kMinistry));
  Unit hg = Simple("tinh-ha-giang", "Tỉnh Hà Giang", UnitKind::kProvince, std::nullopt, MakeDate(2025, 6, 30));
  hg.versions[0].code = "02";
  hg.successors = {{"tinh-tuyen-quang-2025", MakeDate(2025, 7, 1), ""}};
  hg.aliases = {"Hà Giang"};
  units.push_back(hg);
  Unit tq = Simple("tinh-tuyen-quang", "Tỉnh Tuyên Quang", UnitKind::kProvince, std::nullopt, MakeDate(2025, 6, 30));
  tq.versions[0].code = "08";
  tq.successors = {{"tinh-tuyen-quang-2025", MakeDate(2025, 7, 1), ""}};
  units.push_back(tq);
  Unit tq2 = Simple("tinh-tuyen-quang-2025", "Tỉnh Tuyên Quang", UnitKind::kProvince, MakeDate(2025, 7, 1));
  tq2.versions[0].code = "08";
  units.push_back(tq2);
  Unit hue = Simple("tinh-thua-thien-hue", "Tỉnh Thừa Thiên Huế", UnitKind::kProvince);
  hue.versions[0].valid_to = MakeDate(2024, 12, 31);
  UnitVersion city;
  city.valid_from = MakeDate(2025, 1, 1);
  city.name = "Thành phố Huế";
  city.kind = UnitKind::kCity;
  hue.versions.push_back(city);
  units.push_back(hue);
  Unit dp = Simple("cac-dia-phuong", "Các địa phương", UnitKind::kGroup);
  dp.member_kinds = {UnitKind::kProvince, UnitKind::kCity};
  units.push_back(dp);
  Unit bn = Simple("cac-bo-nganh", "Các bộ, ngành", UnitKind::kGroup);
  bn.member_kinds = {UnitKind::kMinistry};
  units.push_back(bn);
  Unit commune = Simple("xa-2025-00001", "Xã An Bình", UnitKind::kCommune, MakeDate(2025, 7, 1));
  commune.versions[0].parent_id = "tinh-tuyen-quang-2025";
  units.push_back(commune);
  return units;
}

inline std::shared_ptr<const UnitRegistry> SmallRegistryPtr() {
  auto r = UnitRegistry::Create(SmallRegistry());
  if (!r.ok()) std::abort();
  return r.value();
}

}  // namespace dxgov::testing_units
