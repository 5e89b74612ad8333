#include "codec/indicator_json.h"

#include <boost/json.hpp>

#include "codec/internal/reader.h"

namespace dxgov::codec {
namespace json = boost::json;
using internal::Absorb;
using internal::Finish;
using internal::OptStr;
using internal::Reader;
using internal::SourceFromJson;
using internal::SourceToJson;

namespace {

constexpr std::string_view kNational = "national";

// Reads an enum member by its names; records "must be one of ..." otherwise.
template <typename E, typename Parse>
std::optional<E> EnumAt(Reader& r, std::string_view key, Parse parse, const char* allowed, bool required,
                        std::vector<FieldError>& errs) {
  auto s = r.Str(key, required, 32);
  if (!s) return std::nullopt;
  auto v = parse(*s);
  if (!v) errs.push_back({r.Path(key), std::string("must be one of ") + allowed});
  return v;
}

const char* kAggregations = "sum|mean|weighted_mean|ratio|min|max|latest";

}  // namespace

json::array ReportedByJson(const Indicator& ind) {
  json::array out;
  if (ind.national) out.push_back(json::value(kNational));
  for (UnitKind k : ind.reporting_kinds) out.push_back(json::value(UnitKindName(k)));
  return out;
}

json::object ToJson(const Indicator& ind) {
  json::array targets;
  for (const auto& t : ind.targets) targets.push_back(ToJson(t));
  json::object agg{{"across_units", AggregationName(ind.across_units)},
                   {"over_time", AggregationName(ind.over_time)}};
  if (!ind.weight_code.empty()) agg["weight"] = ind.weight_code;
  if (!ind.numerator_code.empty()) agg["numerator"] = ind.numerator_code;
  if (!ind.denominator_code.empty()) agg["denominator"] = ind.denominator_code;
  if (ind.across_units == Aggregation::kRatio) agg["scale"] = ind.ratio_scale;
  json::object range;
  range["min"] = ind.min_value ? json::value(*ind.min_value) : json::value(nullptr);
  range["max"] = ind.max_value ? json::value(*ind.max_value) : json::value(nullptr);
  return json::object{{"id", ind.id},
                      {"code", ind.code},
                      {"name", ind.name},
                      {"name_en", OptStr(ind.name_en)},
                      {"group", OptStr(ind.group)},
                      {"unit_of_measure", ind.unit_of_measure},
                      {"decimals", ind.decimals},
                      {"direction", DirectionName(ind.direction)},
                      {"period_type", PeriodTypeName(ind.period_type)},
                      {"value_type", ValueTypeName(ind.value_type)},
                      {"reported_by", ReportedByJson(ind)},
                      {"aggregation", std::move(agg)},
                      {"range", std::move(range)},
                      {"targets", std::move(targets)},
                      {"description", OptStr(ind.description)},
                      {"source", OptStr(ind.source)},
                      {"published", ind.published},
                      {"revision", ind.version},
                      {"created_at", OptStr(ind.created_at)},
                      {"updated_at", OptStr(ind.updated_at)}};
}

Result<Indicator> IndicatorFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  Indicator ind;
  if (!r.ok()) return Finish(ind, errs, "Định nghĩa chỉ tiêu không hợp lệ", "invalid indicator");
  ind.id = r.Int("id", 0, INT64_MAX).value_or(0);
  ind.code = r.Str("code", true, 32).value_or("");
  ind.name = r.Text("name", true, 500);
  ind.name_en = r.Text("name_en", false, 500);
  ind.group = r.Text("group", false, 200);
  ind.unit_of_measure = r.Str("unit_of_measure", true, 32).value_or("");
  ind.decimals = static_cast<int>(r.Int("decimals", 0, 6).value_or(1));
  ind.direction = EnumAt<Direction>(r, "direction", ParseDirection, "higher_is_better|lower_is_better", false, errs)
                      .value_or(Direction::kHigherIsBetter);
  ind.period_type =
      EnumAt<PeriodType>(r, "period_type", ParsePeriodType, "month|quarter|year", true, errs).value_or(PeriodType::kYear);
  ind.value_type = EnumAt<ValueType>(r, "value_type", ParseValueType, "number|percentage|count|rank|share", true, errs)
                       .value_or(ValueType::kNumber);
  if (const json::array* by = r.Array("reported_by", 16)) {
    for (size_t i = 0; i < by->size(); ++i) {
      const auto& item = (*by)[i];
      const std::string at = r.Path("reported_by") + "/" + std::to_string(i);
      std::optional<UnitKind> k;
      if (item.is_string() && item.get_string() == kNational) {
        ind.national = true;
        continue;
      }
      if (item.is_string()) k = ParseUnitKind(std::string_view(item.get_string()));
      if (!k) errs.push_back({at, "must be national or a unit kind"});
      else if (std::find(ind.reporting_kinds.begin(), ind.reporting_kinds.end(), *k) != ind.reporting_kinds.end())
        errs.push_back({at, "given twice"});
      else ind.reporting_kinds.push_back(*k);
    }
  }
  if (const json::value* a = r.Get("aggregation", true)) {
    Reader g(*a, r.Path("aggregation"), errs, mode);
    if (g.ok()) {
      ind.across_units = EnumAt<Aggregation>(g, "across_units", ParseAggregation, kAggregations, true, errs)
                             .value_or(Aggregation::kSum);
      ind.over_time =
          EnumAt<Aggregation>(g, "over_time", ParseAggregation, kAggregations, true, errs).value_or(Aggregation::kSum);
      ind.weight_code = g.Str("weight", false, 32).value_or("");
      ind.numerator_code = g.Str("numerator", false, 32).value_or("");
      ind.denominator_code = g.Str("denominator", false, 32).value_or("");
      if (g.Has("scale")) ind.ratio_scale = g.Num("scale").value_or(100);
      g.Finish();
    }
  }
  if (const json::value* rg = r.Get("range")) {
    Reader b(*rg, r.Path("range"), errs, mode);
    if (b.ok()) {
      if (b.Has("min")) ind.min_value = b.Num("min");
      if (b.Has("max")) ind.max_value = b.Num("max");
      b.Finish();
    }
  }
  if (const json::array* ts = r.Array("targets", 1000)) {
    for (size_t i = 0; i < ts->size(); ++i) {
      auto t = TargetFromJson((*ts)[i], r.Path("targets") + "/" + std::to_string(i), mode);
      if (t.ok()) ind.targets.push_back(std::move(t).value());
      else Absorb(errs, t.error());
    }
  }
  ind.description = r.Str("description", false, 20000).value_or("");
  ind.source = r.Str("source", false, 2000).value_or("");
  ind.published = r.Bool("published").value_or(true);
  ind.version = r.Int("revision", 0, INT64_MAX).value_or(0);
  ind.created_at = r.Str("created_at", false, 40).value_or("");
  ind.updated_at = r.Str("updated_at", false, 40).value_or("");
  r.Ignore("objectives");
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidateIndicator(ind, path);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(ind, errs, "Định nghĩa chỉ tiêu không hợp lệ", "invalid indicator");
}

json::object ToJson(const DataValue& v) {
  return json::object{{"indicator", v.indicator},
                      {"unit", OptStr(v.unit_id)},
                      {"period", FormatPeriod(v.period)},
                      {"value", v.value},
                      {"estimated", v.estimated},
                      {"status", ValueStatusName(v.status)},
                      {"provenance", ProvenanceName(v.provenance)},
                      {"note", OptStr(v.note)},
                      {"revision", v.version},
                      {"updated_at", OptStr(v.updated_at)},
                      {"updated_by", OptStr(v.updated_by)}};
}

Result<DataValue> DataValueFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  DataValue d;
  if (!r.ok()) return Finish(d, errs, "Số liệu không hợp lệ", "invalid value");
  d.indicator = r.Str("indicator", true, 32).value_or("");
  if (!r.Has("unit")) errs.push_back({r.Path("unit"), "required (null for the country as a whole)"});
  d.unit_id = r.Str("unit", false, 64).value_or("");
  if (auto p = r.Str("period", true, 16)) {
    auto parsed = ParsePeriod(*p);
    if (!parsed) errs.push_back({r.Path("period"), "must be YYYY, YYYY-Qn or YYYY-MM"});
    else d.period = *parsed;
  }
  d.value = r.Num("value", true).value_or(0);
  d.estimated = r.Bool("estimated").value_or(false);
  d.status = EnumAt<ValueStatus>(r, "status", ParseValueStatus, "draft|submitted|approved", false, errs)
                 .value_or(ValueStatus::kSubmitted);
  d.note = r.Str("note", false, 2000).value_or("");
  if (mode == ReadMode::kStored) {
    d.provenance = EnumAt<Provenance>(r, "provenance", ParseProvenance, "manual|api|import|report", false, errs)
                       .value_or(Provenance::kManual);
    d.version = r.Int("revision", 0, INT64_MAX).value_or(0);
    d.updated_at = r.Str("updated_at").value_or("");
    d.updated_by = r.Str("updated_by").value_or("");
  } else {
    for (const char* k : {"provenance", "revision", "updated_at", "updated_by", "unit_name", "indicator_name"})
      r.Ignore(k);
  }
  r.Finish();
  return Finish(d, errs, "Số liệu không hợp lệ", "invalid value");
}

json::object ToJson(const Platform& p) {
  json::array enterprises, tasks, adoption;
  for (const auto& e : p.enterprises) enterprises.push_back(json::value(e));
  for (int64_t t : p.task_ids) tasks.push_back(t);
  for (const auto& a : p.adoption_indicators) adoption.push_back(json::value(a));
  return json::object{{"id", p.id},
                      {"key", p.key},
                      {"number", p.number},
                      {"category", PlatformCategoryName(p.category)},
                      {"name", p.name},
                      {"owner", p.owner_unit_id.empty() ? json::value(nullptr)
                                                        : json::value(json::object{{"unit", p.owner_unit_id},
                                                                                   {"as_written", p.owner_as_written}})},
                      {"enterprises", std::move(enterprises)},
                      {"description", OptStr(p.description)},
                      {"task_ids", std::move(tasks)},
                      {"adoption_indicators", std::move(adoption)},
                      {"source", SourceToJson(p.source)},
                      {"revision", p.version},
                      {"created_at", OptStr(p.created_at)},
                      {"updated_at", OptStr(p.updated_at)}};
}

Result<Platform> PlatformFromJson(const json::value& v, const std::string& path, ReadMode mode) {
  std::vector<FieldError> errs;
  Reader r(v, path, errs, mode);
  Platform p;
  if (!r.ok()) return Finish(p, errs, "Nền tảng không hợp lệ", "invalid platform");
  p.id = r.Int("id", 0, INT64_MAX).value_or(0);
  p.key = r.Str("key", true, 64).value_or("");
  p.number = static_cast<int>(r.Int("number", 1, 10000, true).value_or(1));
  p.category = EnumAt<PlatformCategory>(r, "category", ParsePlatformCategory, "state|enterprise", true, errs)
                   .value_or(PlatformCategory::kState);
  p.name = r.Text("name", true, 500);
  if (const json::value* o = r.Get("owner")) {
    Reader ow(*o, r.Path("owner"), errs, mode);
    if (ow.ok()) {
      p.owner_unit_id = ow.Str("unit", true, 64).value_or("");
      p.owner_as_written = ow.Str("as_written", false, 500).value_or("");
      ow.Ignore("name");
      ow.Finish();
    }
  }
  if (const json::array* es = r.Array("enterprises", 100))
    for (size_t i = 0; i < es->size(); ++i) {
      if ((*es)[i].is_string()) p.enterprises.emplace_back((*es)[i].get_string());
      else errs.push_back({r.Path("enterprises") + "/" + std::to_string(i), "must be a string"});
    }
  p.description = r.Str("description", false, 20000).value_or("");
  if (const json::array* ts = r.Array("task_ids", 1000))
    for (size_t i = 0; i < ts->size(); ++i) {
      if ((*ts)[i].is_int64() && (*ts)[i].get_int64() > 0) p.task_ids.push_back((*ts)[i].get_int64());
      else errs.push_back({r.Path("task_ids") + "/" + std::to_string(i), "must be a task id"});
    }
  if (const json::array* as = r.Array("adoption_indicators", 100))
    for (size_t i = 0; i < as->size(); ++i) {
      if ((*as)[i].is_string() && IsValidIndicatorCode(std::string_view((*as)[i].get_string())))
        p.adoption_indicators.emplace_back((*as)[i].get_string());
      else errs.push_back({r.Path("adoption_indicators") + "/" + std::to_string(i), "must be an indicator code"});
    }
  p.source = SourceFromJson(r, errs);
  p.version = r.Int("revision", 0, INT64_MAX).value_or(0);
  p.created_at = r.Str("created_at", false, 40).value_or("");
  p.updated_at = r.Str("updated_at", false, 40).value_or("");
  for (const char* k : {"category_label", "tasks", "adoption"}) r.Ignore(k);
  r.Finish();
  if (errs.empty() && mode == ReadMode::kStrict) {
    auto s = ValidatePlatform(p);
    if (!s.ok()) Absorb(errs, s.error());
  }
  return Finish(p, errs, "Nền tảng không hợp lệ", "invalid platform");
}

}  // namespace dxgov::codec
