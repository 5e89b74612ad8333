#include "codec/indicator_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace dxgov::codec {
namespace {

namespace json = boost::json;

std::vector<std::pair<std::string, std::string>> Fields(const Error& e) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : e.fields()) out.emplace_back(f.path, f.reason);
  return out;
}

constexpr const char* kSmartphones = R"({
  "code": "HTS-01", "name": "Tỷ lệ người dân có điện thoại thông minh", "group": "Hạ tầng số",
  "unit_of_measure": "%", "decimals": 1, "direction": "higher_is_better", "period_type": "year",
  "value_type": "percentage", "reported_by": ["national", "province", "city"],
  "aggregation": {"across_units": "weighted_mean", "over_time": "latest", "weight": "DS-01"},
  "targets": [{"kind": "baseline", "value": 72, "unit": "%", "comparator": "eq", "year": 2020,
               "document": "Phụ lục I, Kế hoạch 2022"},
              {"value": 85, "unit": "%", "comparator": "ge", "year": 2022, "document": "Phụ lục I, Kế hoạch 2022"}]
})";

TEST(IndicatorJsonTest, RoundTrips) {
  auto ind = IndicatorFromJson(json::parse(kSmartphones), "");
  ASSERT_TRUE(ind.ok()) << ind.error().message_en();
  EXPECT_TRUE(ind->national);
  EXPECT_EQ(ind->reporting_kinds, (std::vector<UnitKind>{UnitKind::kProvince, UnitKind::kCity}));
  EXPECT_EQ(ind->across_units, Aggregation::kWeightedMean);
  ASSERT_EQ(ind->targets.size(), 2u);
  EXPECT_EQ(ind->targets[0].kind, TargetKind::kBaseline);
  EXPECT_EQ(ind->targets[1].kind, TargetKind::kTarget);
  auto again = IndicatorFromJson(ToJson(*ind), "");
  ASSERT_TRUE(again.ok()) << again.error().message_en();
  EXPECT_EQ(json::serialize(ToJson(*again)), json::serialize(ToJson(*ind)));
}

TEST(IndicatorJsonTest, NamesEveryBadField) {
  json::value v = json::parse(kSmartphones);
  v.as_object()["reported_by"] = json::array{"national", "tỉnh", "city", "city"};
  v.as_object()["aggregation"].as_object()["over_time"] = "median";
  v.as_object()["colour"] = "red";
  auto ind = IndicatorFromJson(v, "");
  ASSERT_FALSE(ind.ok());
  EXPECT_EQ(ind.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(ind.error()), (std::vector<std::pair<std::string, std::string>>{
                                     {"/reported_by/1", "must be national or a unit kind"},
                                     {"/reported_by/3", "given twice"},
                                     {"/aggregation/over_time", "must be one of sum|mean|weighted_mean|ratio|min|max|latest"},
                                     {"/colour", "unknown field"}}));
}

TEST(IndicatorJsonTest, ValuesNeedAnExplicitUnitAndAValidPeriod) {
  auto ok = DataValueFromJson(json::parse(R"({"indicator":"HTS-01","unit":null,"period":"2022","value":85.5,
                                              "estimated":true,"provenance":"import"})"),
                              "/values/0");
  ASSERT_TRUE(ok.ok()) << ok.error().message_en();
  EXPECT_EQ(ok->unit_id, "");
  EXPECT_EQ(ok->status, ValueStatus::kSubmitted);
  EXPECT_EQ(ok->provenance, Provenance::kManual) << "provenance is the server's to set";
  EXPECT_TRUE(ok->estimated);

  auto bad = DataValueFromJson(json::parse(R"({"indicator":"HTS-01","period":"2022-13","value":"85,5","status":"done"})"),
                               "/values/3");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::pair<std::string, std::string>>{
                                     {"/values/3/unit", "required (null for the country as a whole)"},
                                     {"/values/3/period", "must be YYYY, YYYY-Qn or YYYY-MM"},
                                     {"/values/3/value", "must be a number"},
                                     {"/values/3/status", "must be one of draft|submitted|approved"}}));
}

}  // namespace
}  // namespace dxgov::codec
