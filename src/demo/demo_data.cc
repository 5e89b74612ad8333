#include "demo/demo_data.h"

#include <boost/json.hpp>

#include <iterator>
#include <map>
#include <set>

#include "codec/indicator_json.h"
#include "codec/json_codec.h"
#include "codec/session_json.h"
#include "text/vn_text.h"

namespace dxgov::demo {
namespace json = boost::json;

namespace {

std::string Str(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return "";
  return text::Nfc(it->value().get_string());
}

std::optional<Date> DateOf(const json::object& o, std::string_view key) {
  const std::string s = Str(o, key);
  return s.empty() ? std::nullopt : ParseIsoDate(s);
}

std::optional<SourceRef> Lines(const json::object& o, const std::string& file) {
  auto it = o.find("lines");
  if (it == o.end() || !it->value().is_array() || it->value().get_array().size() != 2) return std::nullopt;
  const auto& a = it->value().get_array();
  return SourceRef{file, static_cast<int>(a[0].to_number<int64_t>()), static_cast<int>(a[1].to_number<int64_t>())};
}

const json::object* Obj(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? &it->value().get_object() : nullptr;
}

const json::array* Arr(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_array() ? &it->value().get_array() : &kEmpty;
}

UnitRef RefOf(const json::object& o) { return UnitRef{Str(o, "unit"), Str(o, "as_written")}; }

Result<std::vector<Target>> TargetsOf(const json::object& o, const std::string& path, const std::string& document) {
  std::vector<Target> out;
  const json::array* ts = Arr(o, "targets");
  for (size_t i = 0; i < ts->size(); ++i) {
    json::value copy = (*ts)[i];
    DX_ASSIGN_OR_RETURN(Target t, codec::TargetFromJson(copy, path + "/targets/" + std::to_string(i)));
    if (t.document.empty()) t.document = document;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Result<std::vector<Unit>> ParseUnitRegistry(std::string_view json_text) {
  DX_ASSIGN_OR_RETURN(json::value root, codec::ParseJson(json_text));
  if (!root.is_object() || !root.get_object().contains("units"))
    return InvalidArgument("/units", "missing", "Tệp danh mục đơn vị thiếu trường units");
  const json::array* units = Arr(root.get_object(), "units");
  std::vector<Unit> out;
  out.reserve(units->size());
  for (size_t i = 0; i < units->size(); ++i) {
    // The registry file keeps each version's parent under "parent"; the codec reads the same shape.
    DX_ASSIGN_OR_RETURN(Unit u, codec::UnitFromJson((*units)[i], "/units/" + std::to_string(i)));
    out.push_back(std::move(u));
  }
  return out;
}

Result<PlanBundle> ParsePlanBundle(std::string_view json_text) {
  DX_ASSIGN_OR_RETURN(json::value root, codec::ParseJson(json_text));
  if (!root.is_object()) return InvalidArgument("/", "must be an object", "Tệp kế hoạch không hợp lệ");
  const json::object& r = root.get_object();
  const json::object* p = Obj(r, "plan");
  if (!p) return InvalidArgument("/plan", "missing", "Tệp kế hoạch thiếu trường plan");
  PlanBundle b;
  const std::string file = Str(*p, "source");
  b.plan.key = Str(*p, "key");
  b.plan.kind = Str(*p, "kind");
  b.plan.title = Str(*p, "title");
  if (const json::object* d = Obj(*p, "decision")) {
    b.plan.decision_number = Str(*d, "number");
    b.plan.decision_date = DateOf(*d, "date");
    b.plan.issuer_id = Str(*d, "issuer");
    b.plan.signer = Str(*d, "signer");
  }
  if (const json::object* per = Obj(*p, "period")) {
    b.plan.period_from = DateOf(*per, "from");
    b.plan.period_to = DateOf(*per, "to");
  }
  b.parent_key = Str(*p, "parent");
  auto pub = p->find("published");
  b.plan.published = pub != p->end() && pub->value().is_bool() && pub->value().get_bool();
  if (!file.empty()) b.plan.source = SourceRef{file, 0, 0};
  for (const auto& dv : *Arr(*p, "documents")) {
    const json::object& d = dv.as_object();
    b.plan.documents.push_back(DocumentRef{Str(d, "type"), Str(d, "number"), DateOf(d, "date"), Str(d, "issuer"),
                                           Str(d, "title")});
  }
  for (const auto& sv : *Arr(*p, "sections")) {
    const json::object& s = sv.as_object();
    b.plan.sections.push_back(Section{Str(s, "numeral"), Str(s, "title"), Str(s, "intro"), Lines(s, file)});
  }
  const json::array* duties = Arr(*p, "duties");
  for (size_t i = 0; i < duties->size(); ++i) {
    const json::object& d = (*duties)[i].as_object();
    PlanDuty duty;
    duty.respondent = Str(d, "respondent");
    duty.what = Str(d, "what");
    auto due = ParseDeadlineText(Str(d, "due"), "/plan/duties/" + std::to_string(i) + "/due");
    if (!due.ok()) return std::move(due).error();
    duty.due = std::move(due).value();
    if (auto y = d.find("year"); y != d.end() && y->value().is_int64()) duty.year = static_cast<int>(y->value().get_int64());
    duty.section = Str(d, "section");
    duty.source = Lines(d, file);
    b.plan.duties.push_back(std::move(duty));
  }
  DX_RETURN_IF_ERROR(ValidatePlan(b.plan));
  const json::array* objectives = Arr(r, "objectives");
  for (size_t i = 0; i < objectives->size(); ++i) {
    const json::object& o = (*objectives)[i].as_object();
    Objective obj;
    obj.code = Str(o, "code");
    obj.group = Str(o, "group");
    obj.text = Str(o, "text");
    obj.indicator = Str(o, "indicator");
    obj.ordinal = static_cast<int>(i) + 1;
    obj.source = Lines(o, file);
    DX_ASSIGN_OR_RETURN(obj.targets, TargetsOf(o, "/objectives/" + std::to_string(i), b.plan.decision_number));
    b.objectives.push_back(std::move(obj));
  }
  const json::array* tasks = Arr(r, "tasks");
  for (size_t i = 0; i < tasks->size(); ++i) {
    const std::string path = "/tasks/" + std::to_string(i);
    const json::object& t = (*tasks)[i].as_object();
    PlanBundle::TaskEntry e;
    e.task.section = Str(t, "section");
    e.task.number = Str(t, "number");
    e.task.title = Str(t, "title");
    e.task.text = Str(t, "text");
    e.task.expected_output = Str(t, "expected_output");
    if (const json::object* lead = Obj(t, "lead")) e.task.lead = RefOf(*lead);
    for (const auto& c : *Arr(t, "coordinators")) e.task.coordinators.push_back(RefOf(c.as_object()));
    if (const json::object* s = Obj(t, "support_unit")) e.task.support_unit = RefOf(*s);
    if (auto it = t.find("deadline"); it != t.end() && !it->value().is_null()) {
      DX_ASSIGN_OR_RETURN(Deadline d, codec::DeadlineFromJson(it->value(), path + "/deadline"));
      e.task.deadline = std::move(d);
    }
    DX_ASSIGN_OR_RETURN(e.task.targets, TargetsOf(t, path, b.plan.decision_number));
    e.task.source = Lines(t, file);
    e.task.ordinal = static_cast<int>(i) + 1;
    for (const auto& c : *Arr(t, "objectives"))
      if (c.is_string()) e.objective_codes.emplace_back(c.get_string());
    b.tasks.push_back(std::move(e));
  }
  if (const json::array* keys = Arr(r, "key_tasks")) {
    for (size_t i = 0; i < keys->size(); ++i) {
      const json::object& o = (*keys)[i].as_object();
      KeyTask k;
      auto number = [&](std::string_view key) {
        auto it = o.find(key);
        return it != o.end() && it->value().is_int64() ? static_cast<int>(it->value().get_int64()) : 0;
      };
      k.ordinal = number("ordinal");
      k.year = number("year");
      k.member = Str(o, "member");
      k.unit_id = Str(o, "unit");
      k.title = Str(o, "title");
      b.key_tasks.push_back(std::move(k));
    }
  }
  const std::string issuer = b.plan.issuer_id;
  const int year = b.plan.period_from ? YearOf(*b.plan.period_from) : 0;
  for (const auto& v : *Arr(r, "sessions")) {
    const json::object& o = v.as_object();
    auto month = o.find("month");
    CommitteeSession s = PlannedSession(
        issuer, year, month != o.end() && month->value().is_int64() ? static_cast<int>(month->value().get_int64()) : 0,
        ParseSessionKind(Str(o, "kind")).value_or(SessionKind::kRegular));
    s.source = Lines(o, file);
    b.sessions.push_back(std::move(s));
  }
  return b;
}

Result<std::vector<CommitteeSession>> ParseSessions(std::string_view json_text) {
  DX_ASSIGN_OR_RETURN(json::value root, codec::ParseJson(json_text));
  if (!root.is_object()) return InvalidArgument("/", "must be an object", "Tệp phiên họp không hợp lệ");
  std::vector<CommitteeSession> out;
  const json::array* all = Arr(root.get_object(), "sessions");
  for (size_t i = 0; i < all->size(); ++i) {
    DX_ASSIGN_OR_RETURN(CommitteeSession s, codec::SessionFromJson((*all)[i], "/sessions/" + std::to_string(i)));
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Indicator>> ParseIndicators(std::string_view json_text) {
  DX_ASSIGN_OR_RETURN(json::value doc, codec::ParseJson(json_text));
  const json::value* items = doc.is_object() ? doc.as_object().if_contains("indicators") : nullptr;
  if (!items || !items->is_array()) return InvalidArgument("/indicators", "must be an array", "Thiếu danh sách chỉ tiêu");
  std::vector<Indicator> out;
  for (size_t i = 0; i < items->as_array().size(); ++i) {
    DX_ASSIGN_OR_RETURN(Indicator ind, codec::IndicatorFromJson(items->as_array()[i], "/indicators/" + std::to_string(i)));
    out.push_back(std::move(ind));
  }
  return out;
}

Result<LoadSummary> LoadDemoData(Store& store) {
  DX_ASSIGN_OR_RETURN(bool empty, store.IsEmpty());
  if (!empty)
    return Error(ErrorCode::kConflict, "Cơ sở dữ liệu đã có dữ liệu, không nạp dữ liệu mẫu",
                 "the database is not empty; demo data not loaded");
  LoadSummary summary;
  DX_ASSIGN_OR_RETURN(std::vector<Unit> units, ParseUnitRegistry(EmbeddedFile("registry/units.json")));
  DX_RETURN_IF_ERROR(UnitRegistry::Create(units));  // whole-registry checks before writing anything
  DX_RETURN_IF_ERROR(store.Write([&](WriteTxn& txn) -> Status {
    for (const auto& u : units) DX_RETURN_IF_ERROR(txn.CreateUnit(u));
    return OkStatus();
  }));
  summary.units = static_cast<int>(units.size());


  std::vector<PlanBundle> bundles;
  for (const auto& name : EmbeddedFileNames()) {
    if (name.rfind("plans/", 0) != 0) continue;
    auto b = ParsePlanBundle(EmbeddedFile(name));
    if (!b.ok()) return std::move(b).error().WithContext("Tệp " + name, name);
    bundles.push_back(std::move(b).value());
  }
  DX_RETURN_IF_ERROR(store.Write([&](WriteTxn& txn) -> Status {
    std::map<std::string, int64_t> plan_ids;
    // Parents first: repeat passes until every bundle whose parent is known is stored.
    std::vector<bool> done(bundles.size(), false);
    for (size_t pass = 0; pass <= bundles.size(); ++pass) {
      for (size_t i = 0; i < bundles.size(); ++i) {
        PlanBundle& b = bundles[i];
        if (done[i]) continue;
        if (!b.parent_key.empty()) {
          auto it = plan_ids.find(b.parent_key);
          if (it == plan_ids.end()) continue;
          b.plan.parent_id = it->second;
        }
        DX_ASSIGN_OR_RETURN(int64_t plan_id, txn.CreatePlan(b.plan));
        plan_ids[b.plan.key] = plan_id;
        std::map<std::string, int64_t> objective_ids;
        for (auto& o : b.objectives) {
          o.plan_id = plan_id;
          DX_ASSIGN_OR_RETURN(int64_t oid, txn.CreateObjective(o));
          objective_ids[o.code] = oid;
        }
        for (auto& e : b.tasks) {
          e.task.plan_id = plan_id;
          for (const auto& code : e.objective_codes) {
            auto it = objective_ids.find(code);
            if (it == objective_ids.end())
              return InvalidArgument("/tasks/" + e.task.number + "/objectives", "unknown objective " + code,
                                     "Không có mục tiêu " + code);
            e.task.objective_ids.push_back(it->second);
          }
          auto id = txn.CreateTask(e.task);
          if (!id.ok()) return std::move(id).error().WithContext("Nhiệm vụ " + e.task.number, "task " + e.task.number);
        }
        for (auto& k : b.key_tasks) {
          k.plan_id = plan_id;
          auto id = txn.CreateKeyTask(k);
          if (!id.ok())
            return std::move(id).error().WithContext("Nhiệm vụ trọng điểm " + std::to_string(k.ordinal),
                                                     "key task " + std::to_string(k.ordinal));
        }
        for (auto& s : b.sessions) {
          s.plan_id = plan_id;
          auto id = txn.CreateCommitteeSession(s);
          if (!id.ok()) return std::move(id).error().WithContext("Phiên họp tháng " + std::to_string(s.month),
                                                                 "session of month " + std::to_string(s.month));
        }
        summary.plans++;
        summary.objectives += static_cast<int>(b.objectives.size());
        summary.tasks += static_cast<int>(b.tasks.size());
        done[i] = true;
      }
    }
    for (size_t i = 0; i < bundles.size(); ++i)
      if (!done[i])
        return InvalidArgument("/plan/parent", "unknown parent plan " + bundles[i].parent_key,
                               "Không có kế hoạch cha " + bundles[i].parent_key);
    return OkStatus();
  }));

  DX_ASSIGN_OR_RETURN(std::vector<CommitteeSession> sessions, ParseSessions(EmbeddedFile("sessions/sessions.json")));
  DX_RETURN_IF_ERROR(store.Write([&](WriteTxn& txn) -> Status {
    for (const auto& s : sessions) {
      DX_ASSIGN_OR_RETURN(int64_t id, txn.CreateCommitteeSession(s));
      (void)id;
    }
    return OkStatus();
  }));

  // Indicators and platforms last: platforms name the 2022 plan's tasks.
  DX_ASSIGN_OR_RETURN(ReferenceSummary ref, LoadMissingReferenceData(store));
  summary.indicators = ref.indicators;
  summary.platforms = ref.platforms;
  return summary;
}

Result<ReferenceSummary> LoadMissingReferenceData(Store& store) {
  ReferenceSummary added;
  DX_ASSIGN_OR_RETURN(std::vector<Indicator> indicators, ParseIndicators(EmbeddedFile("indicators/indicators.json")));
  DX_ASSIGN_OR_RETURN(std::vector<Indicator> adoption, ParseIndicators(EmbeddedFile("indicators/platform_adoption.json")));
  std::move(adoption.begin(), adoption.end(), std::back_inserter(indicators));
  DX_ASSIGN_OR_RETURN(std::vector<Indicator> stored, store.ListIndicators());
  std::set<std::string> have;
  for (const auto& i : stored) have.insert(i.code);
  std::erase_if(indicators, [&](const Indicator& i) { return have.count(i.code) > 0; });
  // Nothing missing, nothing written: a read-only database must still start.
  if (!indicators.empty()) DX_RETURN_IF_ERROR(store.Write([&](WriteTxn& txn) -> Status {
    for (const auto& ind : indicators) {
      auto id = txn.CreateIndicator(ind);
      if (!id.ok()) return std::move(id).error().WithContext("Chỉ tiêu " + ind.code, "indicator " + ind.code);
      ++added.indicators;
    }
    return OkStatus();
  }));

  auto plan = store.GetPlanByKey(std::string(kPlatformsPlanKey));
  if (!plan.ok()) {
    if (plan.error().code() == ErrorCode::kNotFound) return added;  // no 2022 plan here: no platforms either
    return std::move(plan).error();
  }
  TaskQuery tq;
  tq.plan_id = plan->id;
  tq.limit = kMaxLimit;
  DX_ASSIGN_OR_RETURN(auto tasks, store.ListTasks(tq));
  std::map<std::string, int64_t> task_ids;
  for (const auto& t : tasks.items) task_ids[t.number] = t.id;
  DX_ASSIGN_OR_RETURN(auto platforms, ParsePlatforms(EmbeddedFile("platforms/platforms.json"), *store.Units(), task_ids));
  DX_ASSIGN_OR_RETURN(auto stored_platforms, store.ListPlatforms());
  std::set<std::string> have_platforms;
  for (const auto& p : stored_platforms) have_platforms.insert(p.key);
  std::erase_if(platforms, [&](const Platform& p) { return have_platforms.count(p.key) > 0; });
  if (!platforms.empty()) DX_RETURN_IF_ERROR(store.Write([&](WriteTxn& txn) -> Status {
    for (const auto& p : platforms) {
      auto id = txn.CreatePlatform(p);
      if (!id.ok()) return std::move(id).error().WithContext("Nền tảng " + p.key, "platform " + p.key);
      ++added.platforms;
    }
    return OkStatus();
  }));
  return added;
}

Result<std::vector<Platform>> ParsePlatforms(std::string_view json_text, const UnitRegistry& reg,
                                             const std::map<std::string, int64_t>& task_ids) {
  DX_ASSIGN_OR_RETURN(json::value doc, codec::ParseJson(json_text));
  const json::value* items = doc.is_object() ? doc.as_object().if_contains("platforms") : nullptr;
  if (!items || !items->is_array()) return InvalidArgument("/platforms", "must be an array", "Thiếu danh sách nền tảng");
  const std::string file = doc.as_object().contains("source") ? Str(doc.as_object(), "source") : "";
  // The annex was written in late 2021: owners are named as they were then.
  const Date named_on = MakeDate(2022, 1, 1);
  std::vector<Platform> out;
  for (size_t i = 0; i < items->as_array().size(); ++i) {
    const std::string path = "/platforms/" + std::to_string(i);
    const json::value& item = items->as_array()[i];
    if (!item.is_object()) return InvalidArgument(path, "must be an object", "Nền tảng không hợp lệ");
    const json::object& o = item.as_object();
    Platform p;
    p.key = Str(o, "key");
    p.name = Str(o, "name");
    p.description = Str(o, "description");
    if (const json::value* n = o.if_contains("number"); n && n->is_int64()) p.number = static_cast<int>(n->get_int64());
    auto category = ParsePlatformCategory(Str(o, "category"));
    if (!category) return InvalidArgument(path + "/category", "must be state or enterprise", "Loại nền tảng không hợp lệ");
    p.category = *category;
    p.owner_as_written = Str(o, "owner");
    if (!p.owner_as_written.empty()) {
      const Unit* owner = reg.Resolve(p.owner_as_written, named_on);
      if (!owner)
        return InvalidArgument(path + "/owner", "no unit named '" + p.owner_as_written + "'",
                               "Không xác định được cơ quan chủ quản " + p.owner_as_written);
      p.owner_unit_id = owner->id;
    }
    for (const char* key : {"enterprises", "adoption"})
      if (const json::value* a = o.if_contains(key); a && a->is_array())
        for (const auto& x : a->as_array())
          if (x.is_string()) (std::string(key) == "enterprises" ? p.enterprises : p.adoption_indicators).push_back(text::Nfc(x.get_string()));
    if (const json::value* a = o.if_contains("tasks"); a && a->is_array())
      for (const auto& x : a->as_array()) {
        auto it = x.is_string() ? task_ids.find(std::string(x.get_string())) : task_ids.end();
        if (it == task_ids.end())
          return InvalidArgument(path + "/tasks", "no task " + json::serialize(x) + " in the 2022 plan", "Không có nhiệm vụ");
        p.task_ids.push_back(it->second);
      }
    p.source = Lines(o, file);
    DX_RETURN_IF_ERROR(ValidatePlatform(p));
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace dxgov::demo
