// The indicators dxgov ships (data/indicators/indicators.json), checked against the seed:
// each of the 18 rows of Phụ lục I names the seed line it came from, and that line carries
// the name and every figure as written. Also: every definition passes the codec's strict
// reading, rules name defined indicators, and each objective of the 2022 plan names one.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "codec/indicator_json.h"
#include "text/vn_text.h"

namespace dxgov {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const fs::path kSource = DXGOV_SOURCE_DIR;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  EXPECT_TRUE(in.good()) << p;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(ReadFile(p));
  for (std::string l; std::getline(in, l);) out.push_back(text::Nfc(l));
  return out;
}

class IndicatorDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const json::value doc = json::parse(ReadFile(kSource / "data/indicators/indicators.json"));
    const auto& items = doc.at("indicators").as_array();
    for (size_t i = 0; i < items.size(); ++i) {
      auto ind = codec::IndicatorFromJson(items[i], "/indicators/" + std::to_string(i));
      ASSERT_TRUE(ind.ok()) << ind.error().message_en() << " " << (ind.error().fields().empty() ? "" : ind.error().fields()[0].path + ": " + ind.error().fields()[0].reason);
      ASSERT_TRUE(by_code_.emplace(ind->code, *ind).second) << "code twice: " << ind->code;
      order_.push_back(ind->code);
    }
  }
  std::map<std::string, Indicator> by_code_;
  std::vector<std::string> order_;
};

TEST_F(IndicatorDataTest, EighteenAnnexRowsEachTraceableToItsSeedLine) {
  const auto seed = Lines(kSource / "data/seeds/002_3104ea0fc0572af1.txt");
  int annex = 0;
  for (const auto& code : order_) {
    const Indicator& ind = by_code_.at(code);
    const std::string prefix = "data/seeds/002_3104ea0fc0572af1.txt#L";
    if (ind.source.rfind(prefix, 0) != 0) continue;
    ++annex;
    const size_t line = std::stoul(ind.source.substr(prefix.size()));
    ASSERT_GE(line, 1u);
    ASSERT_LE(line, seed.size());
    const std::string& row = seed[line - 1];
    EXPECT_NE(row.find(ind.name), std::string::npos) << code << " line " << line << ": " << row;
    EXPECT_EQ(row.find("(ước tính)") != std::string::npos,
              std::any_of(ind.targets.begin(), ind.targets.end(), [](const Target& t) { return t.estimated; }))
        << code << ": estimates marked as the row marks them";
    // Row cells are 2020, 2021, 2022, 2025; "-" is a missing figure.
    std::vector<std::string> cells;
    std::istringstream in(row);
    for (std::string c; std::getline(in, c, '\t');) cells.push_back(c);
    ASSERT_EQ(cells.size(), 5u) << row;
    const int years[] = {2020, 2021, 2022, 2025};
    for (int k = 0; k < 4; ++k) {
      auto it = std::find_if(ind.targets.begin(), ind.targets.end(), [&](const Target& t) { return t.year == years[k]; });
      if (cells[static_cast<size_t>(k) + 1] == "-") {
        EXPECT_EQ(it, ind.targets.end()) << code << " " << years[k];
        continue;
      }
      ASSERT_NE(it, ind.targets.end()) << code << " " << years[k];
      EXPECT_EQ(it->text, cells[static_cast<size_t>(k) + 1]) << code << " " << years[k];
      EXPECT_EQ(it->kind, years[k] <= 2021 ? TargetKind::kBaseline : TargetKind::kTarget) << code;
    }
  }
  EXPECT_EQ(annex, 18);
  // "6-8%" is a range.
  const auto& ecommerce = by_code_.at("KTS-05").targets;
  auto y2021 = std::find_if(ecommerce.begin(), ecommerce.end(), [](const Target& t) { return t.year == 2021; });
  ASSERT_NE(y2021, ecommerce.end());
  EXPECT_EQ(y2021->comparator, Comparator::kRange);
  EXPECT_EQ(y2021->value, 6);
  EXPECT_EQ(y2021->value_to, 8);
}

TEST_F(IndicatorDataTest, RulesNameDefinedIndicators) {
  for (const auto& [code, ind] : by_code_) {
    for (const std::string* other : {&ind.weight_code, &ind.numerator_code, &ind.denominator_code})
      if (!other->empty()) {
        EXPECT_TRUE(by_code_.count(*other)) << code << " names " << *other;
      }
  }
  EXPECT_EQ(by_code_.at("CPS-03").numerator_code, "HS-TT");
  EXPECT_EQ(by_code_.at("HTS-01").weight_code, "DS-01");
}

TEST_F(IndicatorDataTest, EveryObjectiveOfThe2022PlanNamesItsIndicatorAndBothFibreTargetsAreKept) {
  const json::value plan = json::parse(ReadFile(kSource / "data/plans/27-qd-ubqgcds-2022.json"));
  int linked = 0;
  for (const auto& o : plan.at("objectives").as_array()) {
    const json::value* ind = o.as_object().if_contains("indicator");
    ASSERT_TRUE(ind && ind->is_string()) << o.at("code");
    EXPECT_TRUE(by_code_.count(std::string(ind->as_string()))) << o.at("code") << " -> " << *ind;
    ++linked;
    if (o.at("code") == "I.1.b") {
      EXPECT_EQ(*ind, "HTS-02");
      EXPECT_EQ(o.at("targets").at(0).at("value").to_number<double>(), 75);
    }
  }
  EXPECT_EQ(linked, 12);
  const auto& fibre = by_code_.at("HTS-02").targets;
  auto annex2022 = std::find_if(fibre.begin(), fibre.end(), [](const Target& t) { return t.year == 2022; });
  ASSERT_NE(annex2022, fibre.end());
  EXPECT_EQ(annex2022->value, 70) << "Phụ lục I's figure, kept beside the plan's 75 %";
  EXPECT_NE(annex2022->document.find("Phụ lục I"), std::string::npos);
}

}  // namespace
}  // namespace dxgov
