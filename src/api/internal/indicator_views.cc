#include "api/internal/indicator_views.h"

#include <boost/json.hpp>

#include <map>

#include "codec/indicator_json.h"
#include "codec/json_codec.h"

namespace dxgov::api::internal {
namespace json = boost::json;

namespace {

json::value Rounded(std::optional<double> v, int decimals) {
  return v ? json::value(RoundToDecimals(*v, decimals)) : json::value(nullptr);
}

json::object TargetView(const Target& t) {
  json::object o = codec::ToJson(t);
  o["label"] = DescribeTargetVi(t);
  return o;
}

}  // namespace

json::object IndicatorDetailView(const Indicator& ind, const std::vector<Objective>& objectives) {
  json::object v = codec::ToJson(ind);
  auto& targets = v["targets"].as_array();
  for (size_t i = 0; i < targets.size(); ++i) targets[i].as_object()["label"] = DescribeTargetVi(ind.targets[i]);
  json::array objs;
  // year -> every figure set for it, whoever set it.
  std::map<int, json::array> by_year;
  for (const Target& t : ind.targets)
    if (t.year) by_year[t.year].push_back(TargetView(t));
  for (const Objective& o : objectives) {
    json::array ot;
    for (const Target& t : o.targets) {
      ot.push_back(TargetView(t));
      if (!t.year) continue;
      json::object side = TargetView(t);
      side["objective"] = json::object{{"id", o.id}, {"plan_id", o.plan_id}, {"code", o.code}};
      by_year[t.year].push_back(std::move(side));
    }
    objs.push_back(json::object{{"id", o.id}, {"plan_id", o.plan_id}, {"code", o.code}, {"text", o.text},
                                {"targets", std::move(ot)}});
  }
  json::array years;
  for (auto& [year, list] : by_year) years.push_back(json::object{{"year", year}, {"targets", std::move(list)}});
  v["objectives"] = std::move(objs);
  v["targets_by_year"] = std::move(years);
  return v;
}

json::object RollupView(const RollupResult& r, const Indicator& ind, const std::string& unit_id,
                        const UnitRegistry& reg, const Period& p, bool with_missing) {
  json::value name = nullptr;
  if (!unit_id.empty())
    if (const Unit* u = reg.Find(unit_id)) name = json::value(VersionOrLatest(*u, LastDay(p)).name);
  json::array missing;
  for (const auto& m : r.missing) missing.push_back(m.empty() ? json::value(nullptr) : json::value(m));
  json::object o{{"unit", unit_id.empty() ? json::value(nullptr) : json::value(unit_id)},
                 {"unit_name", unit_id.empty() ? json::value("Toàn quốc") : name},
                 {"period", FormatPeriod(p)},
                 {"period_label", FormatPeriodVi(p)},
                 {"value", Rounded(r.value, ind.decimals)},
                 {"comparable", r.comparable},
                 {"own", r.own},
                 {"estimated", r.estimated},
                 {"parts", r.parts},
                 {"expected", r.expected},
                 {"reported", r.reported},
                 {"completeness", r.expected ? json::value(RoundToDecimals(100.0 * r.reported / r.expected, 1))
                                             : json::value(nullptr)}};
  if (with_missing) o["missing"] = std::move(missing);
  return o;
}

json::object AttainmentView(const Target& target, const Attainment& a, const Indicator& ind) {
  return json::object{{"target", TargetView(target)},
                      {"status", AttainmentStatusName(a.status)},
                      {"status_label", AttainmentStatusLabelVi(a.status)},
                      {"latest", Rounded(a.latest, ind.decimals)},
                      {"latest_at", a.latest_at ? json::value(FormatIso(*a.latest_at)) : json::value(nullptr)},
                      {"gap", Rounded(a.gap, ind.decimals)},
                      {"percent", Rounded(a.percent, 1)},
                      {"projected", Rounded(a.projected, ind.decimals)},
                      {"slope_per_year", Rounded(a.slope_per_year, ind.decimals + 1)}};
}

}  // namespace dxgov::api::internal
