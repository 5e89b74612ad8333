// The data dxgov ships, checked record by record against the committed seed copies:
// every task's text, lead, coordinators and deadline phrase, every objective and target,
// occur on the seed lines the record names. Also the plan's counts, the unit registry
// through the 2025 reorganisation, and the programme cascade through a real SQLite store.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "demo/demo_data.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"
#include "text/vn_text.h"

namespace dxgov {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = DXGOV_SOURCE_DIR;

std::vector<std::string> ReadLines(const fs::path& p) {
  std::ifstream in(p);
  EXPECT_TRUE(in.good()) << p;
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// NFC, markdown emphasis removed, whitespace collapsed: how records and seed lines compare.
std::string Normalise(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] != '*') out.push_back(s[i]);
  return text::CollapseWhitespace(text::Nfc(out));
}

std::string LinesText(const std::vector<std::string>& lines, const SourceRef& src) {
  std::string joined;
  for (int i = src.line_from; i <= src.line_to; ++i) joined += lines.at(static_cast<size_t>(i - 1)) + " ";
  return Normalise(joined);
}

void ExpectOnLines(const std::string& what, const std::string& value, const std::string& lines_text,
                   const std::string& record) {
  if (value.empty()) return;
  std::string v = Normalise(value);
  if (v.size() >= 3 && v.compare(v.size() - 3, 3, "…") == 0) v = v.substr(0, v.size() - 3);  // a cut title
  EXPECT_NE(lines_text.find(v), std::string::npos) << record << ": " << what << " \"" << v << "\" not on its lines";
}

demo::PlanBundle Bundle(const std::string& name) {
  auto b = demo::ParsePlanBundle(demo::EmbeddedFile(name));
  EXPECT_TRUE(b.ok()) << name << ": " << (b.ok() ? "" : b.error().message_en());
  return b.ok() ? std::move(b).value() : demo::PlanBundle{};
}

TEST(PlanDataTest, The2022PlanHasItsObjectivesAndTasks) {
  auto b = Bundle("plans/27-qd-ubqgcds-2022.json");
  EXPECT_EQ(b.plan.decision_number, "27/QĐ-UBQGCĐS");
  EXPECT_EQ(b.plan.decision_date, MakeDate(2022, 3, 15));
  EXPECT_TRUE(b.plan.published);
  ASSERT_EQ(b.objectives.size(), 12u);
  std::vector<std::string> codes;
  for (const auto& o : b.objectives) {
    codes.push_back(o.code);
    EXPECT_EQ(o.targets.size(), 1u) << o.code;
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.2.c", "I.2.d", "I.2.đ", "I.3.a",
                                             "I.3.b", "I.3.c", "I.3.d", "I.3.đ"}));
  const Target& range = b.objectives.back().targets.at(0);
  EXPECT_EQ(range.comparator, Comparator::kRange);
  EXPECT_EQ(range.value, 65);
  EXPECT_EQ(range.value_to, 70);
  EXPECT_EQ(range.unit, "%");
  EXPECT_EQ(b.objectives[0].targets[0].comparator, Comparator::kGe);
  EXPECT_EQ(b.objectives[0].targets[0].value, 85);

  std::map<std::string, int> per_section;
  for (const auto& e : b.tasks) per_section[e.task.section]++;
  EXPECT_EQ(b.tasks.size(), 133u);
  EXPECT_EQ(per_section, (std::map<std::string, int>{{"II", 20}, {"III", 44}, {"IV", 63}, {"V", 6}}));
}

TEST(PlanDataTest, SplitItemsHaveTheirOwnLeads) {
  auto b = Bundle("plans/27-qd-ubqgcds-2022.json");
  std::map<std::string, std::string> lead;
  for (const auto& e : b.tasks) lead[e.task.number] = e.task.lead.unit_id;
  EXPECT_EQ(lead["II.3.a"], "bo-tttt");
  EXPECT_EQ(lead["II.3.b"], "bo-cong-an");
  EXPECT_EQ(lead["II.17.a"], "bo-tttt");
  EXPECT_EQ(lead["II.17.b"], "bo-cong-an");
  EXPECT_EQ(lead["II.10"], "nhnn");          // "Thông đốc Ngân hàng Nhà nước" (sic)
  EXPECT_EQ(lead["II.13"], "vpcp");          // "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
  EXPECT_EQ(lead["IV.1"], "tp-ha-noi");
  EXPECT_EQ(lead["IV.57"], "tinh-thua-thien-hue");
  EXPECT_EQ(lead["V.1"], "to-cong-tac-ubqg-cds");
  EXPECT_FALSE(lead.count("V.1.a"));         // V.1's a)-d) are details of one activity
  EXPECT_EQ(lead.count("III.10.đ"), 1u);
}

// The provenance check, for every record of every shipped plan.
TEST(PlanDataTest, EveryRecordOccursOnItsSeedLines) {
  int checked = 0;
  for (const auto& name : demo::EmbeddedFileNames()) {
    if (name.rfind("plans/", 0) != 0) continue;
    auto b = Bundle(name);
    ASSERT_TRUE(b.plan.source) << name;
    const auto lines = ReadLines(kSource / b.plan.source->file);
    ASSERT_FALSE(lines.empty()) << b.plan.source->file;
    for (const auto& o : b.objectives) {
      ASSERT_TRUE(o.source) << name << " " << o.code;
      const std::string at = LinesText(lines, *o.source);
      ExpectOnLines("text", o.text, at, name + " " + o.code);
      for (const auto& t : o.targets) {
        ExpectOnLines("target", t.text, at, name + " " + o.code);
        ExpectOnLines("qualifier", t.qualifier, at, name + " " + o.code);
      }
      ++checked;
    }
    for (const auto& e : b.tasks) {
      const Task& t = e.task;
      ASSERT_TRUE(t.source) << name << " " << t.number;
      const std::string at = LinesText(lines, *t.source);
      const std::string rec = name + " " + t.number;
      ExpectOnLines("title", t.title, at, rec);
      ExpectOnLines("text", t.text, at, rec);
      EXPECT_FALSE(t.lead.as_written.empty()) << rec;
      ExpectOnLines("lead", t.lead.as_written, at, rec);
      for (const auto& c : t.coordinators) ExpectOnLines("coordinator", c.as_written, at, rec);
      if (t.deadline) ExpectOnLines("deadline", t.deadline->text, at, rec);
      for (const auto& x : t.targets) ExpectOnLines("target", x.text, at, rec);
      ++checked;
    }
    for (const auto& s : b.plan.sections)
      if (s.source) ExpectOnLines("section title", s.title, LinesText(lines, *s.source), name + " " + s.numeral);
    for (const auto& d : b.plan.duties) {
      ASSERT_TRUE(d.source) << name << " duty " << d.section;
      const std::string at = LinesText(lines, *d.source);
      ExpectOnLines("duty", d.what, at, name + " duty " + d.section);
      ExpectOnLines("duty deadline", d.due.text, at, name + " duty " + d.section);
    }
  }
  EXPECT_EQ(checked, 12 + 133 + 31);  // 2022 objectives and tasks, 749's goals
}

TEST(PlanDataTest, DeadlinesOfThe2022Plan) {
  auto b = Bundle("plans/27-qd-ubqgcds-2022.json");
  std::map<std::string, const Task*> by;
  for (const auto& e : b.tasks) by[e.task.number] = &e.task;
  ASSERT_TRUE(by["III.1"]->deadline);
  EXPECT_EQ(FixedDueDate(*by["III.1"]->deadline), MakeDate(2022, 6, 30));
  EXPECT_EQ(by["III.2"]->deadline->kind, DeadlineKind::kOwnPlan);
  EXPECT_EQ(by["III.2"]->deadline->unit, "bo-cong-an");
  EXPECT_EQ(by["II.1"]->deadline->kind, DeadlineKind::kYear);
  EXPECT_FALSE(by["II.17.b"]->deadline);  // the date in its text is a referenced decision's
  EXPECT_EQ(by["III.18.b"]->coordinators.at(1).unit_id, "cac-dia-phuong");
}

TEST(PlanDataTest, Decision749GoalsFor2025And2030) {
  auto b = Bundle("plans/749-qd-ttg-2020.json");
  EXPECT_EQ(b.plan.kind, "programme");
  EXPECT_EQ(b.plan.decision_number, "749/QĐ-TTg");
  int y2025 = 0, y2030 = 0;
  for (const auto& o : b.objectives) (o.code.rfind("2025", 0) == 0 ? y2025 : y2030)++;
  EXPECT_EQ(y2025, 16);
  EXPECT_EQ(y2030, 15);
  const Objective* gdp = nullptr;
  for (const auto& o : b.objectives)
    if (o.code == "2025.b.1") gdp = &o;
  ASSERT_NE(gdp, nullptr);
  EXPECT_EQ(gdp->targets.at(0).unit, "share_of_gdp");
  EXPECT_EQ(gdp->targets.at(0).value, 20);
  auto plan2022 = Bundle("plans/27-qd-ubqgcds-2022.json");
  EXPECT_EQ(plan2022.parent_key, b.plan.key);
}

TEST(RegistryDataTest, ProvincesAndCommunesThroughThe2025Reorganisation) {
  auto units = demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json"));
  ASSERT_TRUE(units.ok()) << units.error().message_en();
  auto reg = UnitRegistry::Create(std::move(units).value());
  ASSERT_TRUE(reg.ok()) << reg.error().message_en();
  const auto& r = **reg;
  const std::set<UnitKind> provincial = {UnitKind::kProvince, UnitKind::kCity};
  EXPECT_EQ(r.ValidOn(MakeDate(2025, 6, 30), provincial).size(), 63u);
  EXPECT_EQ(r.ValidOn(MakeDate(2025, 7, 1), provincial).size(), 34u);
  EXPECT_EQ(r.ValidOn(MakeDate(2024, 12, 31), {UnitKind::kCity}).size(), 5u);
  EXPECT_EQ(r.ValidOn(MakeDate(2025, 7, 1), {UnitKind::kCity}).size(), 6u);  // Huế since 2025-01-01
  EXPECT_EQ(r.ValidOn(MakeDate(2025, 7, 1), {UnitKind::kCommune}).size(), 3321u);
  // Every province that ended has a successor valid the next day.
  for (const Unit* u : r.ValidOn(MakeDate(2025, 6, 30), provincial)) {
    if (!u->valid_to) continue;
    ASSERT_EQ(u->successors.size(), 1u) << u->id;
    EXPECT_EQ(u->successors[0].date, MakeDate(2025, 7, 1));
    EXPECT_TRUE(ValidOn(*r.Find(u->successors[0].unit_id), MakeDate(2025, 7, 1))) << u->id;
  }
  // Codes mean something only with a date: 15 was Yên Bái, then the new Lào Cai.
  auto by_code = [&](const std::string& code, Date d) -> std::string {
    for (const Unit* u : r.ValidOn(d, provincial))
      if (VersionOn(*u, d)->code == code) return u->id;
    return "";
  };
  EXPECT_EQ(by_code("15", MakeDate(2024, 1, 1)), "tinh-yen-bai");
  EXPECT_EQ(by_code("15", MakeDate(2026, 1, 1)), "tinh-lao-cai-2025");
  // Ministries merged on 2025-03-01.
  EXPECT_EQ(r.Find("bo-tttt")->successors.at(0).unit_id, "bo-khcn");
  EXPECT_EQ(r.Find("bo-tttt")->successors.at(0).date, MakeDate(2025, 3, 1));
  EXPECT_EQ(r.Predecessors("bo-nnmt").size(), 2u);
  // Every agency the 2022 plan names resolves on the plan's date.
  auto plan = Bundle("plans/27-qd-ubqgcds-2022.json");
  for (const auto& e : plan.tasks) {
    EXPECT_NE(r.Find(e.task.lead.unit_id), nullptr) << e.task.number;
    EXPECT_TRUE(ValidOn(*r.Find(e.task.lead.unit_id), MakeDate(2022, 3, 15))) << e.task.number;
  }
}

TEST(DemoLoadTest, LoadsIntoAnEmptyStoreOnceAndCascades) {
  testing::TempDir tmp("dxgov-demo");
  const fs::path& dir = tmp.path();
  {
    auto store = OpenSqliteStore({(dir / "dxgov.sqlite").string(), 2, nullptr});
    ASSERT_TRUE(store.ok());
    auto loaded = demo::LoadDemoData(**store);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message_en();
    EXPECT_EQ(loaded->plans, 2);
    EXPECT_EQ(loaded->tasks, 133);
    EXPECT_EQ(loaded->indicators, 24 + 3 * 35) << "annex and plan indicators, three adoption measures per platform";
    EXPECT_EQ(loaded->platforms, 35);
    EXPECT_EQ(loaded->objectives, 43);
    auto again = demo::LoadDemoData(**store);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
    auto nothing_missing = demo::LoadMissingReferenceData(**store);
    ASSERT_TRUE(nothing_missing.ok());
    EXPECT_EQ(nothing_missing->indicators + nothing_missing->platforms, 0);

    auto programme = (*store)->GetPlanByKey("749-qd-ttg-2020");
    ASSERT_TRUE(programme.ok());
    TaskQuery all;
    all.under_plan_id = programme->id;
    all.limit = 1;
    EXPECT_EQ((*store)->ListTasks(all)->total, 133);  // every task under the programme
    TaskQuery mine;                                    // one unit's tasks across plans
    mine.unit = "tinh-ha-giang";
    mine.under_plan_id = programme->id;
    mine.as_of = MakeDate(2022, 6, 1);
    mine.limit = 500;
    auto page = (*store)->ListTasks(mine);
    ASSERT_TRUE(page.ok());
    std::set<std::string> numbers;
    for (const auto& t : page->items) numbers.insert(t.number);
    EXPECT_TRUE(numbers.count("IV.23"));  // led by Hà Giang
    EXPECT_TRUE(numbers.count("II.1"));   // coordinated by "các địa phương"
    EXPECT_FALSE(numbers.count("IV.1"));  // Hà Nội's
    auto objectives = (*store)->ListObjectives(ObjectiveQuery{std::nullopt, programme->id, "", "", false, std::nullopt, 500, 0});
    ASSERT_TRUE(objectives.ok());
    EXPECT_EQ(objectives->total, 43);
  }
}

// A database made before indicators and platforms shipped (simulated by removing them)
// gets them on the next start, without touching what it has.
TEST(DemoLoadTest, AnOlderDatabaseGetsTheMissingReferenceData) {
  testing::TempDir tmp("dxgov-reference");
  const std::string file = (tmp.path() / "dxgov.sqlite").string();
  {
    auto store = OpenSqliteStore({file, 1, nullptr});
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(demo::LoadDemoData(**store).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM platforms; DELETE FROM indicators WHERE code IN ('HTS-02', 'DS-01');",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore({file, 1, nullptr});
  ASSERT_TRUE(store.ok());
  auto added = demo::LoadMissingReferenceData(**store);
  ASSERT_TRUE(added.ok()) << added.error().message_en();
  EXPECT_EQ(added->indicators, 2);
  EXPECT_EQ(added->platforms, 35);
  EXPECT_EQ((*store)->ListIndicators()->size(), 24u + 3 * 35);
}

// The shipped platforms, parsed against the shipped registry, with the 2022 plan's task
// numbers standing for task ids (numbered in file order).
Result<std::vector<Platform>> ShippedPlatforms() {
  DX_ASSIGN_OR_RETURN(auto units, demo::ParseUnitRegistry(demo::EmbeddedFile("registry/units.json")));
  DX_ASSIGN_OR_RETURN(auto reg, UnitRegistry::Create(std::move(units)));
  DX_ASSIGN_OR_RETURN(auto plan, demo::ParsePlanBundle(demo::EmbeddedFile("plans/27-qd-ubqgcds-2022.json")));
  std::map<std::string, int64_t> task_ids;
  int64_t next = 1;
  for (const auto& e : plan.tasks) task_ids[e.task.number] = next++;
  return demo::ParsePlatforms(demo::EmbeddedFile("platforms/platforms.json"), *reg, task_ids);
}

TEST(PlatformDataTest, ThirtyFivePlatformsEachOnItsSeedLinesWithResolvedOwners) {
  const auto seed = ReadLines(kSource / "data/seeds/002_3104ea0fc0572af1.txt");
  // Task numbers are checked against the plan file itself.
  auto platforms = ShippedPlatforms();
  ASSERT_TRUE(platforms.ok()) << platforms.error().message_en();
  int state = 0, enterprise = 0;
  for (const auto& p : *platforms) {
    (p.category == PlatformCategory::kState ? state : enterprise)++;
    ASSERT_TRUE(p.source.has_value()) << p.key;
    const std::string heading = Normalise(seed.at(static_cast<size_t>(p.source->line_from) - 1));
    std::string numbered = "(";
    numbered.append(std::to_string(p.number)).append(") ").append(p.name);
    EXPECT_NE(heading.find(numbered), std::string::npos) << p.key << ": " << heading;
    std::string block;
    for (int l = p.source->line_from; l <= p.source->line_to; ++l) block += Normalise(seed.at(static_cast<size_t>(l) - 1)) + "\n";
    if (p.category == PlatformCategory::kState) {
      EXPECT_NE(block.find("Cơ quan chủ quản: " + p.owner_as_written), std::string::npos) << p.key;
      EXPECT_FALSE(p.owner_unit_id.empty()) << p.key;
    }
    for (const auto& e : p.enterprises) EXPECT_NE(block.find(e), std::string::npos) << p.key << " " << e;
  }
  EXPECT_EQ(state, 20);
  EXPECT_EQ(enterprise, 15);
}

// Every platform names its three adoption measures, each defined once in
// data/indicators/platform_adoption.json, reported by ministries and provinces (never by
// communes), summed across units: the connected units and accounts as stocks (latest over
// time), transactions as a flow (summed).
TEST(PlatformDataTest, EveryPlatformHasItsThreeAdoptionIndicators) {
  auto defs = demo::ParseIndicators(demo::EmbeddedFile("indicators/platform_adoption.json"));
  ASSERT_TRUE(defs.ok()) << defs.error().message_en();
  std::map<std::string, Indicator> by_code;
  for (const auto& d : *defs) ASSERT_TRUE(by_code.emplace(d.code, d).second) << d.code;
  auto base = demo::ParseIndicators(demo::EmbeddedFile("indicators/indicators.json"));
  ASSERT_TRUE(base.ok());
  for (const auto& d : *base) ASSERT_FALSE(by_code.count(d.code)) << d.code << " defined in both files";
  auto platforms = ShippedPlatforms();
  ASSERT_TRUE(platforms.ok());
  std::set<std::string> names;
  size_t linked = 0;
  for (const auto& p : *platforms) {
    std::string upper = p.key;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    for (const char* suffix : {"-DV", "-ND", "-GD"}) {
      std::string code = "NT-";
      code.append(upper).append(suffix);
      ASSERT_TRUE(by_code.count(code)) << p.key << " has no " << code;
      EXPECT_NE(std::find(p.adoption_indicators.begin(), p.adoption_indicators.end(), code), p.adoption_indicators.end())
          << p.key << " does not link " << code;
      const Indicator& ind = by_code.at(code);
      EXPECT_EQ(ind.across_units, Aggregation::kSum) << code;
      EXPECT_EQ(ind.over_time, std::string(suffix) == "-GD" ? Aggregation::kSum : Aggregation::kLatest) << code;
      EXPECT_EQ(ind.value_type, ValueType::kCount) << code;
      EXPECT_EQ(std::count(ind.reporting_kinds.begin(), ind.reporting_kinds.end(), UnitKind::kCommune), 0) << code;
      EXPECT_EQ(std::count(ind.reporting_kinds.begin(), ind.reporting_kinds.end(), UnitKind::kProvince), 1) << code;
      EXPECT_TRUE(names.insert(ind.name).second) << "two adoption indicators named " << ind.name;
      ++linked;
    }
  }
  EXPECT_EQ(linked, by_code.size()) << "every adoption indicator belongs to a platform";
}

}  // namespace
}  // namespace dxgov
