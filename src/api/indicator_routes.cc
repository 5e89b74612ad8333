// Routes for indicators and their figures (JSON and CSV batches, approval, history),
// rollups, attainment, national platforms and the event stream.

#include "api/internal/handler.h"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "api/internal/responses.h"
#include "api/internal/views.h"
#include "api/query_params.h"
#include "codec/json_codec.h"
#include "text/vn_text.h"
#include "api/events.h"
#include "api/internal/indicator_views.h"
#include "codec/indicator_json.h"
#include "importer/values_csv.h"

namespace dxgov::api {

namespace {

// Limits that keep one request's work bounded.
constexpr size_t kMaxValuesPerBatch = 10000;
constexpr int64_t kMaxRollupPeriods = 120;
constexpr size_t kMaxRollupUnits = 4000;

}  // namespace

const Principal* Handler::Caller() const { return principal_ ? &*principal_ : nullptr; }

bool Handler::GlobalReader() const { return principal_ && CanSeeDrafts(&*principal_, "", *reg_, Today()); }

bool Handler::MayReport(const std::string& unit) const {
  Subject s;
  s.reporting_unit = unit;
  return Decide(Caller(), Action::kReportValues, s, *reg_, Today()) == Verdict::kAllow;
}

// The indicator named by the path or a parameter, if the caller may see it.
Result<Indicator> Handler::VisibleIndicator(const std::string& code, std::optional<HttpResponse>& refused) {
  auto ind = store_.GetIndicator(code);
  if (!ind.ok()) return ind;
  Subject s;
  s.published = ind->published;
  refused = Authorize(s);
  return ind;
}

HttpResponse Handler::ListIndicators() {
  QueryParams p(req_.query, {"group", "reported_by"});
  const auto group = p.Str("group");
  const auto reported_by = p.Str("reported_by");
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto all = store_.ListIndicators();
  if (!all.ok()) return FromError(all.error());
  json::array items;
  const bool drafts = GlobalReader();
  for (const auto& ind : *all) {
    if (!ind.published && !drafts) continue;
    if (group && ind.group != *group) continue;
    if (reported_by) {
      const json::array by = codec::ReportedByJson(ind);
      if (std::find(by.begin(), by.end(), json::value(*reported_by)) == by.end()) continue;
    }
    items.push_back(codec::ToJson(ind));
  }
  return JsonResponse(200, WholeList(std::move(items)));
}

Result<std::vector<Objective>> Handler::ObjectivesMeasuredBy(const std::string& code) {
  ObjectiveQuery q;
  q.indicator = code;
  q.limit = kMaxLimit;
  DX_ASSIGN_OR_RETURN(q.visible_plan_ids, VisiblePlans());
  DX_ASSIGN_OR_RETURN(auto page, store_.ListObjectives(q));
  return std::move(page.items);
}

HttpResponse Handler::GetIndicator() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  std::optional<HttpResponse> refused;
  auto ind = VisibleIndicator(key_, refused);
  if (!ind.ok()) return FromError(ind.error());
  if (refused) return *refused;
  auto objectives = ObjectivesMeasuredBy(ind->code);
  if (!objectives.ok()) return FromError(objectives.error());
  return Single(internal::IndicatorDetailView(*ind, *objectives), ind->version);
}

// Rules must name indicators that exist (or the one being written).
std::optional<HttpResponse> Handler::CheckIndicatorRefs(const Indicator& ind) {
  auto all = store_.ListIndicators();
  if (!all.ok()) return FromError(all.error());
  std::vector<FieldError> errs;
  auto known = [&](const std::string& c) {
    return c == ind.code || std::any_of(all->begin(), all->end(), [&](const Indicator& i) { return i.code == c; });
  };
  if (!ind.weight_code.empty() && !known(ind.weight_code))
    errs.push_back({"/aggregation/weight", "no indicator " + ind.weight_code});
  if (!ind.numerator_code.empty() && !known(ind.numerator_code))
    errs.push_back({"/aggregation/numerator", "no indicator " + ind.numerator_code});
  if (!ind.denominator_code.empty() && !known(ind.denominator_code))
    errs.push_back({"/aggregation/denominator", "no indicator " + ind.denominator_code});
  if (errs.empty()) return std::nullopt;
  return Unprocessable(Error(ErrorCode::kInvalidArgument, "Quy tắc tổng hợp nêu chỉ tiêu không tồn tại",
                             "the aggregation names an undefined indicator", std::move(errs)));
}

HttpResponse Handler::CreateIndicator() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  auto ind = codec::IndicatorFromJson(*body, "");
  if (!ind.ok()) return Unprocessable(ind.error());
  if (auto bad = CheckIndicatorRefs(*ind)) return *bad;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(int64_t id, txn.CreateIndicator(*ind));
    (void)id;
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto stored = store_.GetIndicator(ind->code);
  if (!stored.ok()) return FromError(stored.error());
  HttpResponse r = WithETag(JsonResponse(201, codec::ToJson(*stored)), stored->version);
  r.headers.emplace_back("Location", "/api/indicators/" + stored->code);
  return r;
}

HttpResponse Handler::PatchIndicator() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  auto cur = store_.GetIndicator(key_);
  if (!cur.ok()) return FromError(cur.error());
  if (auto pre = Precondition(cur->version)) return *pre;
  HttpResponse fail;
  auto patch = Body(fail, true);
  if (!patch) return fail;
  if (patch->as_object().contains("code") && patch->as_object().at("code") != json::value(cur->code))
    return Unprocessable(InvalidArgument("/code", "cannot be changed", "Không được đổi mã chỉ tiêu"));
  json::value merged = codec::ToJson(*cur);
  codec::MergePatch(merged, *patch);
  auto ind = codec::IndicatorFromJson(merged, "");
  if (!ind.ok()) return Unprocessable(ind.error());
  if (ind->period_type != cur->period_type)
    return Unprocessable(InvalidArgument("/period_type", "cannot change once defined; define a new indicator",
                                         "Không đổi được kỳ báo cáo của chỉ tiêu đã có"));
  if (auto bad = CheckIndicatorRefs(*ind)) return *bad;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) { return txn.ReplaceIndicator(*ind, cur->version); });
  if (!w.ok()) return w.error().code() == ErrorCode::kPreconditionFailed ? FromError(w.error()) : Unprocessable(w.error());
  auto stored = store_.GetIndicator(cur->code);
  if (!stored.ok()) return FromError(stored.error());
  return WithETag(JsonResponse(200, codec::ToJson(*stored)), stored->version);
}

// "national" in a parameter is the country ("" inside dxgov).
std::string Handler::UnitParam(const std::string& s) { return s == "national" ? "" : s; }

HttpResponse Handler::ListValues() {
  QueryParams p(req_.query, {"indicator", "unit", "from", "to", "status", "limit", "offset"});
  ValueQuery q;
  q.indicator = p.Str("indicator").value_or("");
  if (auto u = p.Str("unit")) q.unit = UnitParam(*u);
  for (auto [key, bound] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}})
    if (auto s = p.Str(key)) {
      *bound = ParsePeriod(*s);
      if (!*bound) p.Fail(std::string("/query/") + key, "must be YYYY, YYYY-Qn or YYYY-MM");
    }
  if (auto s = p.Str("status")) {
    q.status = ParseValueStatus(*s);
    if (!q.status) p.Fail("/query/status", "must be one of draft|submitted|approved");
  }
  p.Page(q.limit, q.offset);
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  // Drafts are their unit's own until submitted.
  const bool drafts = GlobalReader() || (q.unit && MayReport(*q.unit));
  if (!drafts) {
    if (q.status == ValueStatus::kDraft) return JsonResponse(200, PageJson(Page<DataValue>{}, json::array{}));
    q.exclude_drafts = true;
  }
  if (!q.indicator.empty()) {
    std::optional<HttpResponse> refused;
    auto ind = VisibleIndicator(q.indicator, refused);
    if (!ind.ok()) return FromError(ind.error());
    if (refused) return *refused;
  } else if (!GlobalReader()) {
    auto all = store_.ListIndicators();
    if (!all.ok()) return FromError(all.error());
    for (const auto& i : *all)
      if (!i.published) q.hidden_indicators.push_back(i.code);
  }
  auto page = store_.ListValues(q);
  if (!page.ok()) return FromError(page.error());
  json::array items;
  for (const auto& v : page->items) items.push_back(codec::ToJson(v));
  return JsonResponse(200, PageJson(*page, std::move(items)));
}

// A batch of figures, as JSON ({"values":[...], "accept_valid_rows":false}) or as CSV
// (text/csv; ?format=vi|en&accept_valid_rows=true). All or nothing unless asked
// otherwise; every bad row is named (/values/<i>/<field>, /rows/<line>/<field>).
HttpResponse Handler::PostValues() {
  if (req_.content_type == "text/csv") return PostValuesCsv();
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  const json::object& o = body->as_object();
  std::vector<FieldError> errs;
  for (const auto& kv : o)
    if (kv.key() != "values" && kv.key() != "accept_valid_rows") errs.push_back({"/" + std::string(kv.key()), "unknown field"});
  const json::value* rows = o.if_contains("values");
  if (!rows || !rows->is_array()) errs.push_back({"/values", "required: an array of figures"});
  else if (rows->as_array().size() > kMaxValuesPerBatch)
    errs.push_back({"/values", "at most " + std::to_string(kMaxValuesPerBatch) + " figures per batch"});
  bool accept_valid = false;
  if (const json::value* a = o.if_contains("accept_valid_rows")) {
    if (!a->is_bool()) errs.push_back({"/accept_valid_rows", "must be true or false"});
    else accept_valid = a->get_bool();
  }
  if (!errs.empty())
    return Unprocessable(Error(ErrorCode::kInvalidArgument, "Lô số liệu không hợp lệ", "invalid batch", std::move(errs)));
  std::vector<Candidate> cands;
  size_t bad_rows = 0;
  const auto& arr = rows->as_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    const std::string path = "/values/" + std::to_string(i);
    auto v = codec::DataValueFromJson(arr[i], path);
    if (v.ok()) {
      cands.push_back({std::move(v).value(), path});
    } else {
      ++bad_rows;
      for (const auto& f : v.error().fields()) errs.push_back(f);
    }
  }
  const Provenance provenance =
      principal_ && principal_->kind == Principal::Kind::kToken ? Provenance::kApi : Provenance::kManual;
  return RecordValues(std::move(cands), std::move(errs), bad_rows, accept_valid, provenance);
}

HttpResponse Handler::PostValuesCsv() {
  QueryParams p(req_.query, {"format", "accept_valid_rows"});
  auto format = importer::NumberFormat::kVietnamese;
  if (auto f = p.Str("format")) {
    auto parsed = importer::ParseNumberFormat(*f);
    if (!parsed) p.Fail("/query/format", "vi (85,5 and 150.000) or en (85.5 and 150,000)");
    else format = *parsed;
  }
  const bool accept_valid = p.Bool("accept_valid_rows");
  if (auto bad = p.Problems()) return FromError(*bad);
  auto csv = importer::ReadValuesCsv(req_.body, format);
  if (!csv.ok()) return Unprocessable(csv.error());
  if (csv->rows.size() + csv->problems.size() > kMaxValuesPerBatch)
    return Unprocessable(InvalidArgument("/rows", "at most " + std::to_string(kMaxValuesPerBatch) + " rows per file",
                                         "Tệp có quá nhiều dòng; hãy chia nhỏ"));
  std::vector<FieldError> errs;
  std::set<int> bad;
  for (const auto& pr : csv->problems) {
    errs.push_back({"/rows/" + std::to_string(pr.row) + (pr.column.empty() ? "" : "/" + pr.column), pr.reason});
    bad.insert(pr.row);
  }
  std::vector<Candidate> cands;
  for (auto& row : csv->rows) {
    const std::string path = "/rows/" + std::to_string(row.row);
    const std::string folded = text::Fold(row.unit_text);
    if (folded.empty() || folded == "toan quoc" || folded == "ca nuoc" || folded == "national") {
      row.value.unit_id.clear();
    } else if (const Unit* u = reg_->Find(row.unit_text)) {
      row.value.unit_id = u->id;
    } else if (const Unit* named = reg_->Resolve(row.unit_text, LastDay(row.value.period))) {
      row.value.unit_id = named->id;
    } else {
      errs.push_back({path + "/unit", "no unit '" + row.unit_text + "' on " + FormatIso(LastDay(row.value.period))});
      bad.insert(row.row);
      continue;
    }
    cands.push_back({std::move(row.value), path});
  }
  return RecordValues(std::move(cands), std::move(errs), bad.size(), accept_valid, Provenance::kImport);
}

// Checks each figure against its indicator, the registry and the caller's rights, then
// writes the batch (or the good rows, when asked) in one transaction.
HttpResponse Handler::RecordValues(std::vector<Candidate> cands, std::vector<FieldError> errs, size_t bad_rows,
                          bool accept_valid, Provenance provenance) {
  const auto all = store_.Indicators();
  std::map<std::string, const Indicator*> defs;
  for (const auto& i : *all) defs[i.code] = &i;
  std::vector<DataValue> good;
  std::optional<Subject> refused_subject, allowed_subject;
  Action refused_action = Action::kReportValues;
  // A batch names few units many times: decide each (unit, action) once.
  std::map<std::pair<std::string, Action>, Verdict> verdicts;
  auto decide = [&](Action a, const Subject& s) {
    auto [it, fresh] = verdicts.try_emplace({s.reporting_unit, a}, Verdict::kAllow);
    if (fresh) it->second = Decide(Caller(), a, s, *reg_, Today());
    return it->second;
  };
  for (auto& c : cands) {
    const size_t before = errs.size();
    if (auto d = defs.find(c.v.indicator); d == defs.end()) {
      errs.push_back({c.path + "/indicator", "no indicator " + c.v.indicator});
    } else {
      Subject s;
      s.reporting_unit = c.v.unit_id;
      const Verdict verdict = decide(Action::kReportValues, s);
      const bool approve_ok =
          c.v.status != ValueStatus::kApproved || decide(Action::kApprove, s) == Verdict::kAllow;
      if (verdict != Verdict::kAllow || !approve_ok) {
        if (!refused_subject) {
          refused_subject = s;
          refused_action = verdict != Verdict::kAllow ? Action::kReportValues : Action::kApprove;
        }
        errs.push_back({c.path + "/unit", verdict != Verdict::kAllow ? "not yours to report for" : "not yours to approve"});
      } else {
        if (!allowed_subject) allowed_subject = s;
        auto ok = ValidateValue(*d->second, c.v, *reg_, Today(), c.path);
        if (!ok.ok())
          for (const auto& f : ok.error().fields()) errs.push_back(f);
      }
    }
    if (errs.size() == before) good.push_back(std::move(c.v));
    else ++bad_rows;
  }
  // A refusal is the answer unless the caller asked to keep the rows it may write.
  if (refused_subject && (!accept_valid || good.empty())) {
    if (auto no = Authorize(refused_action, *refused_subject)) return *no;
  }
  if (allowed_subject) authorized_ = true;
  if (!errs.empty() && (!accept_valid || good.empty())) {
    return Unprocessable(Error(ErrorCode::kInvalidArgument,
                               std::to_string(bad_rows) + " dòng số liệu không hợp lệ; không ghi dòng nào",
                               std::to_string(bad_rows) + " invalid rows; nothing was written", std::move(errs)));
  }
  ValueCounts counts;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    DX_ASSIGN_OR_RETURN(counts, txn.PutValues(good, provenance));
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  if (counts.inserted + counts.updated > 0) AnnounceValues(good, defs);
  json::array rejected;
  for (const auto& f : errs) rejected.push_back(json::object{{"path", f.path}, {"reason", f.reason}});
  return JsonResponse(200, json::object{{"inserted", counts.inserted},
                                        {"updated", counts.updated},
                                        {"unchanged", counts.unchanged},
                                        {"rejected_rows", static_cast<int64_t>(bad_rows)},
                                        {"rejected", std::move(rejected)}});
}

// GET /api/values/history?indicator=&unit=&period= — one figure's versions, newest first.
HttpResponse Handler::ValueHistory() {
  QueryParams p(req_.query, {"indicator", "unit", "period"});
  const auto code = p.Str("indicator");
  const auto unit = p.Str("unit");
  std::optional<Period> period;
  if (auto s = p.Str("period")) {
    period = ParsePeriod(*s);
    if (!period) p.Fail("/query/period", "must be YYYY, YYYY-Qn or YYYY-MM");
  }
  if (!code) p.Fail("/query/indicator", "required");
  if (!unit) p.Fail("/query/unit", "required (national for the country)");
  if (!period) p.Fail("/query/period", "required");
  if (auto bad = p.Problems()) return FromError(*bad);
  std::optional<HttpResponse> refused;
  auto ind = VisibleIndicator(*code, refused);
  if (!ind.ok()) return FromError(ind.error());
  if (refused) return *refused;
  const std::string u = UnitParam(*unit);
  auto versions = store_.ValueHistory(*code, u, *period);
  if (!versions.ok()) return FromError(versions.error());
  const bool drafts = GlobalReader() || MayReport(u);
  json::array items;
  for (const auto& v : *versions)
    if (drafts || v.status != ValueStatus::kDraft) items.push_back(codec::ToJson(v));
  return JsonResponse(200, WholeList(std::move(items)));
}

// POST /api/values/approve {"items":[{"indicator","unit","period","revision"}]}: marks
// submitted figures approved, all or none. A stale revision is 412.
HttpResponse Handler::ApproveValues() {
  QueryParams p(req_.query, {});
  if (auto bad = p.Problems()) return FromError(*bad);
  HttpResponse fail;
  auto body = Body(fail, false);
  if (!body) return fail;
  const json::object& o = body->as_object();
  std::vector<FieldError> errs;
  for (const auto& kv : o)
    if (kv.key() != "items") errs.push_back({"/" + std::string(kv.key()), "unknown field"});
  const json::value* items = o.if_contains("items");
  if (!items || !items->is_array() || items->as_array().empty()) errs.push_back({"/items", "required: a non-empty array"});
  else if (items->as_array().size() > kMaxValuesPerBatch) errs.push_back({"/items", "too many"});
  if (!errs.empty()) return Unprocessable(Error(ErrorCode::kInvalidArgument, "Yêu cầu duyệt không hợp lệ", "invalid approval", std::move(errs)));
  std::vector<DataValue> approved;
  for (size_t i = 0; i < items->as_array().size(); ++i) {
    const std::string path = "/items/" + std::to_string(i);
    const json::value& it = items->as_array()[i];
    const json::object* io = it.if_object();
    auto str = [&](const char* k) -> std::optional<std::string> {
      const json::value* v = io ? io->if_contains(k) : nullptr;
      if (v && v->is_string()) return std::string(v->get_string());
      if (v && v->is_null() && std::string_view(k) == "unit") return std::string();
      return std::nullopt;
    };
    const auto code = str("indicator"), unit = str("unit"), period_text = str("period");
    const auto period = period_text ? ParsePeriod(*period_text) : std::nullopt;
    if (!code || !unit || !period) {
      errs.push_back({path, "needs indicator, unit (null for the country) and period"});
      continue;
    }
    Subject s;
    s.reporting_unit = UnitParam(*unit);
    if (auto no = Authorize(Action::kApprove, s)) return *no;
    auto versions = store_.ValueHistory(*code, s.reporting_unit, *period);
    if (!versions.ok()) return FromError(versions.error());
    if (versions->empty()) {
      errs.push_back({path, "no such figure"});
      continue;
    }
    DataValue cur = versions->front();
    if (const json::value* rev = io->if_contains("revision"); rev && rev->is_int64() && rev->get_int64() != cur.version) {
      Error e(ErrorCode::kPreconditionFailed, "Số liệu đã thay đổi từ khi được xem", "the figure changed since it was read",
              {{path + "/revision", "current revision is " + std::to_string(cur.version)}});
      return FromError(e);
    }
    if (cur.status == ValueStatus::kDraft) {
      errs.push_back({path, "a draft is not submitted yet"});
      continue;
    }
    cur.status = ValueStatus::kApproved;
    approved.push_back(std::move(cur));
  }
  if (!errs.empty()) return Unprocessable(Error(ErrorCode::kInvalidArgument, "Không duyệt được", "cannot approve", std::move(errs)));
  ValueCounts counts;
  Status w = store_.Write(Who(), [&](WriteTxn& txn) -> Status {
    // Approval keeps each figure's provenance.
    for (Provenance pv : {Provenance::kManual, Provenance::kApi, Provenance::kImport, Provenance::kReport}) {
      std::vector<DataValue> part;
      for (const auto& v : approved)
        if (v.provenance == pv) part.push_back(v);
      if (part.empty()) continue;
      DX_ASSIGN_OR_RETURN(ValueCounts c, txn.PutValues(part, pv));
      counts.updated += c.updated;
      counts.unchanged += c.unchanged;
    }
    return OkStatus();
  });
  if (!w.ok()) return Unprocessable(w.error());
  auto all = store_.ListIndicators();
  if (all.ok() && counts.updated > 0) {
    std::map<std::string, const Indicator*> defs;
    for (const auto& i : *all) defs[i.code] = &i;
    AnnounceValues(approved, defs);
  }
  return JsonResponse(200, json::object{{"approved", counts.updated}, {"already_approved", counts.unchanged}});
}

// One "values:<indicator>" event per indicator of a written batch: which units and periods
// changed, so that listeners refetch their rollups. Drafts and unpublished indicators are
// never announced (the stream is public).
void Handler::AnnounceValues(const std::vector<DataValue>& written, const std::map<std::string, const Indicator*>& defs) {
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> by_indicator;
  std::map<std::string, int> counts;
  for (const auto& v : written) {
    auto d = defs.find(v.indicator);
    if (v.status == ValueStatus::kDraft || d == defs.end() || !d->second->published) continue;
    auto& [units, periods] = by_indicator[v.indicator];
    units.insert(v.unit_id);
    periods.insert(FormatPeriod(v.period));
    ++counts[v.indicator];
  }
  for (const auto& [code, up] : by_indicator) {
    json::array units, periods;
    for (const auto& u : up.first) {
      if (units.size() >= 100) break;
      units.push_back(u.empty() ? json::value(nullptr) : json::value(u));
    }
    for (const auto& p : up.second) {
      if (periods.size() >= 100) break;
      periods.push_back(json::value(p));
    }
    events_.Publish("values:" + code, "values",
                    codec::Serialize(json::object{{"indicator", code}, {"count", counts[code]},
                                                  {"units", std::move(units)}, {"periods", std::move(periods)},
                                                  {"at", NowIso()}}));
  }
}

void Handler::AnnounceTaskChange(int64_t plan_id) {
  auto plan = store_.GetPlan(plan_id);
  if (!plan.ok() || !plan->published) return;
  events_.Publish("tasks:" + std::to_string(plan_id), "tasks",
                  codec::Serialize(json::object{{"plan", plan_id}, {"at", NowIso()}}));
}

void Handler::AnnounceSubmission(int64_t cycle_id) {
  events_.Publish("submissions:" + std::to_string(cycle_id), "submissions",
                  codec::Serialize(json::object{{"cycle", cycle_id}, {"at", NowIso()}}));
}

json::object Handler::PlatformView(const Platform& p) {
  json::object v = codec::ToJson(p);
  v["category_label"] = PlatformCategoryLabelVi(p.category);
  if (!p.owner_unit_id.empty())
    if (const Unit* u = reg_->Find(p.owner_unit_id))
      v["owner"].as_object()["name"] = VersionOrLatest(*u, Today()).name;
  return v;
}

HttpResponse Handler::ListPlatforms() {
  QueryParams p(req_.query, {"category", "owner", "q"});
  std::optional<PlatformCategory> category;
  if (auto c = p.Str("category")) {
    category = ParsePlatformCategory(*c);
    if (!category) p.Fail("/query/category", "state or enterprise");
  }
  const auto owner = p.Str("owner");
  const auto q = p.Str("q");
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto all = store_.ListPlatforms();
  if (!all.ok()) return FromError(all.error());
  const std::string needle = q ? text::Fold(*q) : "";
  json::array items;
  for (const auto& pl : *all) {
    if (category && pl.category != *category) continue;
    if (owner && pl.owner_unit_id != *owner) continue;
    if (!needle.empty() && text::Fold(pl.name + " " + pl.description + " " + pl.owner_as_written).find(needle) == std::string::npos) {
      bool enterprise = false;
      for (const auto& e : pl.enterprises) enterprise = enterprise || text::Fold(e).find(needle) != std::string::npos;
      if (!enterprise) continue;
    }
    items.push_back(PlatformView(pl));
  }
  return JsonResponse(200, WholeList(std::move(items)));
}

// A platform with the tasks that promote it and its adoption: each adoption indicator's
// yearly rollup for `unit` (the country by default) over the last `years` years.
HttpResponse Handler::GetPlatform() {
  QueryParams p(req_.query, {"approved_only", "unit", "years"});
  RollupOptions opt;
  opt.approved_only = p.Bool("approved_only");
  const std::string unit = UnitParam(p.Str("unit").value_or("national"));
  const int64_t years = p.Int("years", 1, 20).value_or(5);
  if (!unit.empty() && !reg_->Find(unit)) p.Fail("/query/unit", "unknown unit");
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  auto pl = store_.GetPlatform(key_);
  if (!pl.ok()) return FromError(pl.error());
  json::object v = PlatformView(*pl);
  json::array tasks;
  for (int64_t id : pl->task_ids) {
    auto t = store_.GetTask(id);
    if (!t.ok()) continue;
    if (Decide(Caller(), Action::kRead, PlanSubjectOf(t->plan_id), *reg_, Today()) != Verdict::kAllow) continue;
    tasks.push_back(json::object{{"id", t->id}, {"plan_id", t->plan_id}, {"number", t->number}, {"title", t->title},
                                 {"status", TaskStatusName(t->status)}});
  }
  json::array adoption;
  for (const auto& code : pl->adoption_indicators) {
    auto ind = store_.GetIndicator(code);
    if (!ind.ok() || (!ind->published && !GlobalReader())) continue;
    json::array series;
    const int year = YearOf(Today());
    for (int y = year - static_cast<int>(years) + 1; y <= year; ++y) {
      const Period period{PeriodType::kYear, y, 1};
      auto r = store_.Rollups().Rollup(code, unit, period, opt);
      if (r.ok()) series.push_back(internal::RollupView(*r, *ind, unit, *reg_, period));
    }
    adoption.push_back(json::object{{"indicator", json::object{{"code", ind->code}, {"name", ind->name},
                                                               {"unit_of_measure", ind->unit_of_measure},
                                                               {"period_type", PeriodTypeName(ind->period_type)}}},
                                    {"series", std::move(series)}});
  }
  v["tasks"] = std::move(tasks);
  v["adoption"] = std::move(adoption);
  return Single(v, pl->version);
}

// GET /api/events?topics=values,values:HTS-01 — a Server-Sent Events stream.
HttpResponse Handler::GetEvents() {
  QueryParams p(req_.query, {"topics"});
  if (!p.Str("topics")) p.Fail("/query/topics", "required, e.g. values or values:HTS-01");
  auto topic = [](const std::string& t) -> std::optional<std::string> {
    if (t == "values" || (t.rfind("values:", 0) == 0 && IsValidIndicatorCode(t.substr(7)))) return t;
    // "tasks", "tasks:<plan id>", "submissions", "submissions:<cycle id>"
    for (const std::string kind : {"tasks", "submissions"}) {
      if (t == kind) return t;
      if (t.rfind(kind + ":", 0) == 0) {
        const std::string id = t.substr(kind.size() + 1);
        if (!id.empty() && id.size() <= 18 && id.find_first_not_of("0123456789") == std::string::npos) return t;
      }
    }
    return std::nullopt;
  };
  std::vector<std::string> topics =
      p.List<std::string>("topics", topic, "values, values:<indicator code>, tasks, tasks:<plan id>, submissions, submissions:<cycle id>");
  if (topics.size() > 50) p.Fail("/query/topics", "at most 50 topics");
  if (auto bad = p.Problems()) return FromError(*bad);
  if (auto no = Authorize(Subject{})) return *no;
  HttpResponse r;
  r.content_type = "text/event-stream; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: do not buffer the stream
  r.body = "retry: 3000\n: dxgov events\n\n";
  r.stream_topics = std::move(topics);
  return r;
}

HttpResponse Handler::GetRollups() {
  QueryParams p(req_.query, {"indicator", "unit", "units", "level", "period", "from", "to", "approved_only",
                             "missing", "sort"});
  const auto code = p.Str("indicator");
  if (!code) p.Fail("/query/indicator", "required");
  const std::string within = UnitParam(p.Str("unit").value_or("national"));
  // Units by id ("national" is the country), or unit kinds; "provincial" is the provinces
  // and centrally-run cities.
  auto unit_id = [](const std::string& u) -> std::optional<std::string> { return UnitParam(u); };
  const std::vector<std::string> listed = p.List<std::string>("units", unit_id, "unit ids");
  if (listed.size() > kMaxRollupUnits)
    p.Fail("/query/units", "at most " + std::to_string(kMaxRollupUnits) + " units");
  auto kinds = [](const std::string& k) -> std::optional<std::vector<UnitKind>> {
    if (k == "provincial") return std::vector<UnitKind>{UnitKind::kProvince, UnitKind::kCity};
    if (auto kind = ParseUnitKind(k)) return std::vector<UnitKind>{*kind};
    return std::nullopt;
  };
  std::set<UnitKind> level;
  for (const auto& ks : p.List<std::vector<UnitKind>>("level", kinds, "provincial or unit kinds (province, city, commune, ministry, ...)"))
    level.insert(ks.begin(), ks.end());
  std::vector<Period> periods;
  std::optional<Period> single, from, to;
  for (auto [key, slot] : {std::pair{"period", &single}, std::pair{"from", &from}, std::pair{"to", &to}})
    if (auto s = p.Str(key)) {
      *slot = ParsePeriod(*s);
      if (!*slot) p.Fail(std::string("/query/") + key, "must be YYYY, YYYY-Qn or YYYY-MM");
    }
  RollupOptions opt;
  opt.approved_only = p.Bool("approved_only");
  opt.list_missing = p.Bool("missing");
  const auto sort = p.Str("sort");
  if (sort && *sort != "value" && *sort != "-value") p.Fail("/query/sort", "value or -value");
  if (single && (from || to)) p.Fail("/query/period", "give period, or from and to");
  if (!single && !(from && to)) p.Fail("/query/period", "required (or from and to)");
  if (from && to) {
    if (from->type != to->type) p.Fail("/query/to", "same kind of period as from");
    else if (Ordinal(*to) < Ordinal(*from)) p.Fail("/query/to", "before from");
    else if (Ordinal(*to) - Ordinal(*from) >= kMaxRollupPeriods)
      p.Fail("/query/to", "at most " + std::to_string(kMaxRollupPeriods) + " periods");
  }
  if (auto bad = p.Problems()) return FromError(*bad);
  std::optional<HttpResponse> refused;
  auto ind = VisibleIndicator(*code, refused);
  if (!ind.ok()) return FromError(ind.error());
  if (refused) return *refused;
  if (single) periods.push_back(*single);
  else
    for (Period x = *from; Ordinal(x) <= Ordinal(*to); x = Next(x)) periods.push_back(x);

  json::array items;
  for (const Period& period : periods) {
    // Which units: a list, every unit of a level within `unit` at the period's end, or `unit`.
    std::vector<std::string> ids;
    if (!listed.empty()) {
      ids = listed;
    } else if (!level.empty()) {
      for (const Unit* u : reg_->ValidOn(LastDay(period), level))
        if (within.empty() || GrantCovers(Grant{{}, within}, u->id, *reg_, LastDay(period), false))
          ids.push_back(u->id);
    } else {
      ids.push_back(within);
    }
    std::vector<std::pair<std::optional<double>, json::object>> rows;
    for (const auto& id : ids) {
      auto r = store_.Rollups().Rollup(ind->code, id, period, opt);
      if (!r.ok()) {
        Error e = std::move(r).error();
        if (e.code() == ErrorCode::kNotFound && !id.empty())
          return FromError(Error(ErrorCode::kNotFound, "Không có đơn vị " + id, "no unit " + id, {{"/query/unit", "unknown unit"}}));
        return FromError(e);
      }
      rows.emplace_back(r->value, internal::RollupView(*r, *ind, id, *reg_, period, opt.list_missing));
    }
    if (sort) {
      // Ranking: units without a value last, ties in the order given.
      const bool desc = *sort == "-value";
      std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        if (!a.first || !b.first) return a.first.has_value() && !b.first.has_value();
        return desc ? *a.first > *b.first : *a.first < *b.first;
      });
      int rank = 0;
      for (auto& [v, row] : rows) row["rank"] = v ? json::value(++rank) : json::value(nullptr);
    }
    for (auto& [v, row] : rows) items.push_back(std::move(row));
  }
  json::object head{{"code", ind->code}, {"name", ind->name}, {"unit_of_measure", ind->unit_of_measure},
                    {"decimals", ind->decimals}, {"direction", DirectionName(ind->direction)},
                    {"aggregation", json::object{{"across_units", AggregationName(ind->across_units)},
                                                 {"over_time", AggregationName(ind->over_time)}}}};
  const int64_t n = static_cast<int64_t>(items.size());
  return JsonResponse(200, json::object{{"indicator", std::move(head)}, {"items", std::move(items)}, {"total", n}});
}

HttpResponse Handler::GetAttainment() {
  QueryParams p(req_.query, {"plan", "indicator", "as_of", "approved_only"});
  const auto plan_id = p.Int("plan", 1, INT64_MAX);
  const auto code = p.Str("indicator");
  const Date as_of = p.DateP("as_of").value_or(Today());
  const bool approved_only = p.Bool("approved_only");
  if (plan_id.has_value() == code.has_value()) p.Fail("/query/plan", "give plan or indicator");
  if (auto bad = p.Problems()) return FromError(*bad);
  json::array items;
  std::map<std::string, std::optional<Indicator>> cache;
  auto indicator = [&](const std::string& c) -> const Indicator* {
    auto it = cache.find(c);
    if (it == cache.end()) {
      auto got = store_.GetIndicator(c);
      std::optional<Indicator> keep;
      if (got.ok() && (got->published || GlobalReader())) keep = std::move(got).value();
      it = cache.emplace(c, std::move(keep)).first;
    }
    return it->second ? &*it->second : nullptr;
  };
  // Several targets (years, documents) judge one indicator: its observations once each.
  std::map<std::string, std::vector<Observation>> observations;
  auto assess = [&](const Target& t, const Indicator& ind, json::object extra) {
    if (!t.year || t.kind != TargetKind::kTarget) return;
    auto [obs, fresh] = observations.try_emplace(ind.code);
    if (fresh) obs->second = NationalObservations(ind, store_.Rollups(), as_of, approved_only);
    json::object row = internal::AttainmentView(t, Assess(t, obs->second, as_of, ind.decimals), ind);
    row["indicator"] = json::object{{"code", ind.code}, {"name", ind.name}, {"unit_of_measure", ind.unit_of_measure}};
    for (auto& kv : extra) row[kv.key()] = kv.value();
    items.push_back(std::move(row));
  };
  if (plan_id) {
    if (auto no = Authorize(PlanSubjectOf(*plan_id))) return *no;
    ObjectiveQuery q;
    q.plan_id = *plan_id;
    q.limit = kMaxLimit;
    auto page = store_.ListObjectives(q);
    if (!page.ok()) return FromError(page.error());
    for (const auto& o : page->items) {
      const Indicator* ind = o.indicator.empty() ? nullptr : indicator(o.indicator);
      if (!ind) continue;
      for (const auto& t : o.targets)
        assess(t, *ind, json::object{{"objective", json::object{{"id", o.id}, {"code", o.code}, {"text", o.text}}}});
    }
  } else {
    std::optional<HttpResponse> refused;
    auto ind = VisibleIndicator(*code, refused);
    if (!ind.ok()) return FromError(ind.error());
    if (refused) return *refused;
    for (const auto& t : ind->targets) assess(t, *ind, json::object{});
  }
  const int64_t n = static_cast<int64_t>(items.size());
  return JsonResponse(200, json::object{{"as_of", FormatIso(as_of)}, {"items", std::move(items)}, {"total", n}});
}

}  // namespace dxgov::api
