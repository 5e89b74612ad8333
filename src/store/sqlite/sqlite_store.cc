#include "store/sqlite/sqlite_store.h"

#include <boost/json.hpp>

#include <malloc.h>

#include <filesystem>

#include <atomic>
#include <charconv>
#include <climits>
#include <cstdio>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>
#include <set>
#include <unordered_set>
#include <variant>

#include "audit/audit_chain.h"
#include "codec/json_codec.h"
#include "codec/evidence_json.h"
#include "codec/key_task_json.h"
#include "codec/notification_json.h"
#include "codec/report_json.h"
#include "codec/session_json.h"
#include "core/task_index.h"
#include "store/files/blob_dir.h"
#include "store/sqlite/account_tables.h"
#include "store/sqlite/evidence_tables.h"
#include "store/sqlite/key_task_tables.h"
#include "store/sqlite/import_tables.h"
#include "store/sqlite/notification_tables.h"
#include "store/sqlite/report_tables.h"
#include "store/sqlite/session_tables.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/indicator_tables.h"
#include "codec/indicator_json.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_db.h"
#include "text/vn_text.h"

namespace dxgov {
namespace {

namespace json = boost::json;
using sqlite::Db;
using sqlite::Stmt;
using sqlite::Stale;

using sqlite::BindAll;
using sqlite::BodyOf;
using sqlite::FromRow;
using sqlite::Param;

// A task row as FromRow reads it: the document, then id, revision and timestamps.
constexpr const char* kTaskSelect =
    "SELECT b.body, t.id, t.revision, t.created_at, t.updated_at FROM tasks t JOIN task_bodies b ON b.id = t.id";

std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

class SqliteStore;
struct TaskColumns;

class SqliteTxn final : public WriteTxn {
 public:
  SqliteTxn(Db& db, const SqliteStore& store, Actor actor, std::string now, Date today)
      : db_(db), store_(store), actor_(std::move(actor)), now_(std::move(now)), today_(today) {}

  Status CreateUnit(const Unit& u) override;
  Status ReplaceUnit(const Unit& u, int64_t expected_revision) override;
  Result<int64_t> CreatePlan(const Plan& p) override;
  Status ReplacePlan(const Plan& p, int64_t expected_revision) override;
  Result<int64_t> CreateObjective(const Objective& o) override;
  Status ReplaceObjective(const Objective& o, int64_t expected_revision) override;
  Result<int64_t> CreateTask(const Task& t) override;
  Status ReplaceTask(const Task& t, int64_t expected_revision) override;
  Result<int64_t> AddProgress(const ProgressEntry& p, int64_t expected_task_revision) override;
  Result<int64_t> CreateUser(const User& u) override;
  Status ReplaceUser(const User& u, int64_t expected_revision) override;
  Status RevokeUserSessions(int64_t user_id) override { return sqlite::MarkUserSessionsRevoked(db_, user_id); }
  Result<int64_t> CreateApiToken(const ApiToken& t) override;
  Status RevokeApiToken(int64_t id) override;
  Result<int64_t> CreateIndicator(const Indicator& ind) override;
  Status ReplaceIndicator(const Indicator& ind, int64_t expected_revision) override;
  Result<ValueCounts> PutValues(const std::vector<DataValue>& values, Provenance provenance) override;
  Result<int64_t> CreatePlatform(const Platform& p) override;
  Result<int64_t> CreateImport(const PlanImport& i) override;
  Status ReplaceImport(const PlanImport& i, int64_t expected_revision) override;
  Result<int64_t> CreateCycle(const ReportCycle& c) override;
  Status ReplaceCycle(const ReportCycle& c, int64_t expected_revision) override;
  Result<int64_t> CreateSubmission(const Submission& s) override;
  Status ReplaceSubmission(const Submission& s, int64_t expected_revision) override;
  Result<int64_t> CreateKeyTask(const KeyTask& k) override;
  Status ReplaceKeyTask(const KeyTask& k, int64_t expected_revision) override;
  Result<int64_t> CreateCommitteeSession(const CommitteeSession& s) override;
  Status ReplaceCommitteeSession(const CommitteeSession& s, int64_t expected_revision) override;
  Result<int64_t> CreateNotification(const Notification& n) override;
  Result<int64_t> AddEvidence(const Evidence& e) override;

  bool units_changed() const { return units_changed_; }
  bool indicators_changed() const { return indicators_changed_; }
  // Figures the rollup engine must learn once this transaction commits.
  const std::vector<DataValue>& written_values() const { return written_values_; }
  // What the task index must learn once this transaction commits.
  std::vector<TaskFacts>& written_tasks() { return written_tasks_; }

 private:
  Result<int64_t> CurrentRevision(const char* table, const Param& id) { return sqlite::CurrentRevision(db_, table, id); }
  // The document stored for a record now (`sql` selects it by id).
  Result<std::string> CurrentBody(const char* sql, const Param& id);
  // Appends an entry to the audit trail, chained to the previous one.
  Status Audit(std::string_view entity, std::string entity_id, std::string_view action,
               std::optional<std::string> before, std::string after);
  Status SaveHistory(const char* table, const char* history, const Param& id) {
    return sqlite::SaveHistory(db_, table, history, id, now_);
  }
  Status WriteTaskIndexes(int64_t id, const Task& t, bool replace);
  Result<Task> LoadTask(int64_t id);
  // Writes `t` as the task's next revision, keeping the current one in history.
  Status StoreTaskState(const Task& t);
  std::string LeadName(const std::string& unit_id) const;
  TaskColumns ColumnsFor(const Task& t) const;
  const Unit* FindUnit(const std::string& id) const;

  Db& db_;
  const SqliteStore& store_;
  Actor actor_;
  std::string now_;
  Date today_;
  bool units_changed_ = false;
  std::map<std::string, Unit> new_units_;  // created in this transaction, for names and kinds
  std::vector<TaskFacts> written_tasks_;
  bool indicators_changed_ = false;
  std::vector<DataValue> written_values_;
  bool audit_tail_read_ = false;
  int64_t audit_last_id_ = 0;
  std::string audit_last_hash_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, Db writer, std::vector<std::unique_ptr<Db>> readers, const Clock* clock)
      : path_(std::move(path)), files_(FilesDirOf(path_)), writer_(std::move(writer)), idle_(std::move(readers)),
        clock_(clock), writable_(sqlite3_db_readonly(writer_.raw(), "main") != 1) {}

  // Evidence files live in "files" beside the database file.
  static std::filesystem::path FilesDirOf(const std::string& db_path) {
    return std::filesystem::absolute(std::filesystem::path(db_path)).parent_path() / "files";
  }

  // REQUIRES: write_mu_ held. Remembers whether the database refused the write as read-only.
  Status NoteWriteFailure(Status s) {
    if ((sqlite3_extended_errcode(writer_.raw()) & 0xFF) == SQLITE_READONLY) writable_ = false;
    return s;
  }

  Status LoadRegistry() {
    DX_ASSIGN_OR_RETURN(auto reg, ReadRegistry(writer_));
    rollups_.SetRegistry(reg);
    std::lock_guard lock(reg_mu_);
    registry_ = std::move(reg);
    return OkStatus();
  }

  // The indicator definitions, as the rollup engine needs them.
  Status LoadIndicators() {
    DX_ASSIGN_OR_RETURN(auto defs, ReadIndicators(writer_));
    rollups_.SetIndicators(defs);
    auto snapshot = std::make_shared<const std::vector<Indicator>>(std::move(defs));
    std::lock_guard lock(reg_mu_);
    indicators_ = std::move(snapshot);
    return OkStatus();
  }

  // Streams every stored figure into the rollup engine.
  Status LoadValues() {
    return sqlite::ForEachValue(writer_, [&](const DataValue& v) { rollups_.Put(v); });
  }

  static Result<std::vector<Indicator>> ReadIndicators(Db& db) {
    DX_ASSIGN_OR_RETURN(auto stored, sqlite::SelectIndicators(db));
    std::vector<Indicator> out;
    for (const auto& st : stored) {
      DX_ASSIGN_OR_RETURN(Indicator ind, DecodeIndicator(st));
      out.push_back(std::move(ind));
    }
    return out;
  }

  static Result<Indicator> DecodeIndicator(const sqlite::StoredIndicator& st) {
    DX_ASSIGN_OR_RETURN(json::value v, codec::ParseJson(st.body));
    auto ind = codec::IndicatorFromJson(v, "", codec::ReadMode::kStored);
    if (!ind.ok()) return Internal("stored indicator unreadable: " + ind.error().message_en());
    ind->id = st.id;
    ind->version = st.revision;
    ind->created_at = st.created_at;
    ind->updated_at = st.updated_at;
    return std::move(ind).value();
  }

  using Store::Write;
  Status Write(const Actor& actor, const std::function<Status(WriteTxn&)>& fn) override {
    std::lock_guard lock(write_mu_);
    if (Status b = writer_.Exec("BEGIN IMMEDIATE"); !b.ok()) return NoteWriteFailure(b);
    SqliteTxn txn(writer_, *this, actor, FormatIsoTimestamp(clock_->Now()), clock_->Today());
    Status s = fn(txn);
    if (!s.ok()) {
      (void)writer_.Exec("ROLLBACK");
      return NoteWriteFailure(s);
    }
    Status c = writer_.Exec("COMMIT");
    if (!c.ok()) {
      (void)writer_.Exec("ROLLBACK");
      return NoteWriteFailure(c);
    }
    writable_ = true;
    if (!txn.written_tasks().empty()) {
      std::unique_lock lock(index_mu_);
      for (const auto& f : txn.written_tasks()) index_.Upsert(f);
    }
    if (txn.indicators_changed()) DX_RETURN_IF_ERROR(LoadIndicators());
    for (const DataValue& v : txn.written_values()) rollups_.Put(v);
    if (txn.units_changed()) return LoadRegistry();
    return OkStatus();
  }

  // Builds the task index from the stored columns (no documents are parsed), streaming
  // the tasks so that only the index itself stays in memory.
  Status LoadTaskIndex() {
    std::unordered_map<int64_t, std::vector<std::string>> coordinators;
    DX_ASSIGN_OR_RETURN(Stmt u, writer_.Prepare("SELECT task_id, unit_id FROM task_units WHERE role = 'coordinator'"));
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, u.Step());
      if (!row) break;
      coordinators[u.Int(0)].push_back(u.Text(1));
    }
    std::unordered_map<int64_t, std::vector<int64_t>> objectives;
    DX_ASSIGN_OR_RETURN(Stmt o, writer_.Prepare("SELECT task_id, objective_id FROM task_objectives ORDER BY task_id, objective_id"));
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, o.Step());
      if (!row) break;
      objectives[o.Int(0)].push_back(o.Int(1));
    }
    DX_ASSIGN_OR_RETURN(Stmt n, writer_.Prepare("SELECT COUNT(*) FROM tasks"));
    DX_ASSIGN_OR_RETURN(bool counted, n.Step());
    DX_ASSIGN_OR_RETURN(Stmt s, writer_.Prepare(
        "SELECT id, plan_id, parent_id, section, number_key, title_key, lead_id, lead_key, status, completed_on, "
        "deadline_kind, due_date, recur_month, recur_day, recur_from, updated_at FROM tasks ORDER BY id"));
    TaskIndex index;
    index.Reserve(counted ? static_cast<size_t>(n.Int(0)) : 0);
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      TaskFacts f;
      f.id = s.Int(0);
      f.plan_id = s.Int(1);
      if (!s.IsNull(2)) f.parent_id = s.Int(2);
      f.section = s.Text(3);
      f.number_key = s.Text(4);
      f.title_key = s.Text(5);
      f.lead = s.Text(6);
      f.lead_key = s.Text(7);
      f.status = ParseTaskStatus(s.Text(8)).value_or(TaskStatus::kNotStarted);
      if (auto c = s.OptText(9)) f.completed_on = ParseIsoDate(*c);
      // A fixed deadline is kept as its due date, which is all timeliness needs.
      if (auto kind = s.OptText(10)) {
        Deadline d;
        if (*kind == "recurring") {
          d.kind = DeadlineKind::kRecurring;
          d.month = static_cast<int>(s.Int(12));
          d.day = static_cast<int>(s.Int(13));
          d.year = static_cast<int>(s.Int(14));
        } else if (auto due = s.OptText(11)) {
          d.kind = DeadlineKind::kDate;
          d.date = ParseIsoDate(*due);
        } else {
          d.kind = DeadlineKind::kOwnPlan;
        }
        f.deadline = d;
      }
      f.updated_at = s.Text(15);
      if (auto it = coordinators.find(f.id); it != coordinators.end()) f.coordinators = std::move(it->second);
      if (auto it = objectives.find(f.id); it != objectives.end()) f.objective_ids = std::move(it->second);
      index.Upsert(f);
    }
    {
      std::unique_lock lock(index_mu_);
      index_ = std::move(index);
    }
    coordinators.clear();
    objectives.clear();
    malloc_trim(0);  // give the loading buffers back to the system, not to the heap's free lists
    return OkStatus();
  }

  std::shared_ptr<const UnitRegistry> Units() const override {
    std::lock_guard lock(reg_mu_);
    return registry_;
  }

  std::shared_ptr<const std::vector<Indicator>> Indicators() const override {
    std::lock_guard lock(reg_mu_);
    return indicators_;
  }

  Result<int64_t> UnitRevision(const std::string& id) override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT revision FROM units WHERE id = ?"));
    s.Bind(1, std::string_view(id));
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NotFound("đơn vị", "unit", id);
    return s.Int(0);
  }

  Result<Page<Plan>> ListPlans(const PlanQuery& q) override {
    std::string where = " WHERE 1=1";
    std::vector<Param> params;
    if (!q.kind.empty()) { where += " AND kind = ?"; params.emplace_back(q.kind); }
    if (q.parent_id) { where += " AND parent_id = ?"; params.emplace_back(*q.parent_id); }
    if (!q.issuer.empty()) { where += " AND issuer_id = ?"; params.emplace_back(q.issuer); }
    if (q.published_only) where += " AND published = 1";
    if (q.visible_plan_ids) {
      where += " AND id IN (" + Placeholders(q.visible_plan_ids->size()) + ")";
      for (int64_t id : *q.visible_plan_ids) params.emplace_back(id);
    }
    return ListEntities<Plan>("plans", where, " ORDER BY id", params, q.limit, q.offset, codec::PlanFromJson, "plan");
  }

  Result<std::vector<PlanHeader>> PlanHeaders() override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT id, COALESCE(issuer_id, ''), published FROM plans ORDER BY id"));
    std::vector<PlanHeader> out;
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.push_back(PlanHeader{s.Int(0), s.Text(1), s.Int(2) != 0});
    }
    return out;
  }

  Result<Plan> GetPlan(int64_t id) override { return GetEntity<Plan>("plans", id, codec::PlanFromJson, "kế hoạch", "plan"); }

  Result<Plan> GetPlanByKey(const std::string& key) override {
    int64_t id = 0;
    {
      // Returned before GetPlan leases again: holding two leases at once deadlocks when
      // every connection is taken by a caller doing the same.
      auto lease = Lease();
      DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT id FROM plans WHERE key = ?"));
      s.Bind(1, std::string_view(key));
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) return NotFound("kế hoạch", "plan", key);
      id = s.Int(0);
    }
    return GetPlan(id);
  }

  Result<std::vector<int64_t>> PlanSubtree(int64_t id) override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare(
        "WITH RECURSIVE sub(id) AS (SELECT id FROM plans WHERE id = ? "
        "UNION SELECT p.id FROM plans p JOIN sub ON p.parent_id = sub.id) SELECT id FROM sub ORDER BY id"));
    s.Bind(1, id);
    std::vector<int64_t> out;
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.push_back(s.Int(0));
    }
    if (out.empty()) return NotFound("kế hoạch", "plan", std::to_string(id));
    return out;
  }

  Result<Page<Objective>> ListObjectives(const ObjectiveQuery& q) override {
    std::string where = " WHERE 1=1";
    std::vector<Param> params;
    if (q.plan_id) { where += " AND plan_id = ?"; params.emplace_back(*q.plan_id); }
    if (q.under_plan_id) {
      DX_ASSIGN_OR_RETURN(auto ids, PlanSubtree(*q.under_plan_id));
      where += " AND plan_id IN (" + Placeholders(ids.size()) + ")";
      for (auto i : ids) params.emplace_back(i);
    }
    if (!q.q.empty()) { where += " AND instr(folded, ?) > 0"; params.emplace_back(text::Fold(q.q)); }
    if (!q.indicator.empty()) {
      where += " AND json_extract(body, '$.indicator') = ?";
      params.emplace_back(q.indicator);
    }
    if (q.published_only) where += " AND plan_id IN (SELECT id FROM plans WHERE published = 1)";
    if (q.visible_plan_ids) {
      where += " AND plan_id IN (" + Placeholders(q.visible_plan_ids->size()) + ")";
      for (int64_t id : *q.visible_plan_ids) params.emplace_back(id);
    }
    return ListEntities<Objective>("objectives", where, " ORDER BY plan_id, ordinal, id", params, q.limit, q.offset,
                                   codec::ObjectiveFromJson, "objective");
  }

  Result<Objective> GetObjective(int64_t id) override {
    return GetEntity<Objective>("objectives", id, codec::ObjectiveFromJson, "mục tiêu", "objective");
  }

  Result<Page<Task>> ListTasks(const TaskQuery& q) override;

  Result<Task> GetTask(int64_t id) override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare(std::string(kTaskSelect) + " WHERE t.id = ?"));
    s.Bind(1, id);
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NotFound("nhiệm vụ", "task", std::to_string(id));
    return FromRow<Task>(s, codec::TaskFromJson, "task");
  }

  Result<std::vector<TaskAddressee>> ListAddressees(int64_t task_id) override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare(
        "SELECT unit_id, status, completed_on, progress_percent FROM task_addressees WHERE task_id = ? ORDER BY unit_id"));
    s.Bind(1, task_id);
    std::vector<TaskAddressee> out;
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      TaskAddressee a;
      a.unit_id = s.Text(0);
      a.status = ParseTaskStatus(s.Text(1)).value_or(TaskStatus::kNotStarted);
      if (auto c = s.OptText(2)) a.completed_on = ParseIsoDate(*c);
      a.progress_percent = static_cast<int>(s.Int(3));
      out.push_back(std::move(a));
    }
    return out;
  }

  Result<Page<ProgressEntry>> ListProgress(int64_t task_id, int limit, int64_t offset) override {
    auto lease = Lease();
    Page<ProgressEntry> page;
    page.limit = limit;
    page.offset = offset;
    DX_ASSIGN_OR_RETURN(Stmt c, lease->Prepare("SELECT COUNT(*) FROM progress WHERE task_id = ?"));
    c.Bind(1, task_id);
    DX_ASSIGN_OR_RETURN(bool crow, c.Step());
    page.total = crow ? c.Int(0) : 0;
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare(
        "SELECT body, id FROM progress WHERE task_id = ? ORDER BY id DESC LIMIT ? OFFSET ?"));
    s.Bind(1, task_id).Bind(2, limit).Bind(3, offset);
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      DX_ASSIGN_OR_RETURN(json::value v, codec::ParseJson(s.Text(0)));
      auto p = codec::ProgressFromJson(v, "", codec::ReadMode::kStored);
      if (!p.ok()) return Internal("stored progress unreadable: " + p.error().message_en());
      p->id = s.Int(1);
      page.items.push_back(std::move(p).value());
    }
    return page;
  }

  Result<std::vector<Task>> TaskHistory(int64_t task_id) override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare(
        "SELECT body, id, revision, replaced_at, replaced_at FROM task_history WHERE id = ? ORDER BY revision DESC"));
    s.Bind(1, task_id);
    std::vector<Task> out;
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      DX_ASSIGN_OR_RETURN(Task t, FromRow<Task>(s, codec::TaskFromJson, "task revision"));
      out.push_back(std::move(t));
    }
    return out;
  }

  Result<User> GetUser(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectUserById(*lease, id);
  }
  Result<User> GetUserByLogin(const std::string& login) override {
    auto lease = Lease();
    return sqlite::SelectUserByLogin(*lease, login);
  }
  Result<Page<User>> ListUsers(int limit, int64_t offset) override {
    auto lease = Lease();
    return sqlite::SelectUsers(*lease, limit, offset);
  }
  Result<int64_t> CountAdmins() override {
    auto lease = Lease();
    return sqlite::CountEnabledAdmins(*lease);
  }
  Result<ApiToken> GetApiToken(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectApiTokenById(*lease, id);
  }
  Result<ApiToken> GetApiTokenByHash(const std::string& secret_hash) override {
    auto lease = Lease();
    return sqlite::SelectApiTokenByHash(*lease, secret_hash);
  }
  Result<std::vector<ApiToken>> ListApiTokens() override {
    auto lease = Lease();
    return sqlite::SelectApiTokens(*lease);
  }
  // Bookkeeping writes go through the writer connection, each in its own transaction.
  Status TouchApiToken(int64_t id, const std::string& at) override {
    std::lock_guard lock(write_mu_);
    return sqlite::UpdateApiTokenLastUsed(writer_, id, at);
  }
  Status CreateSession(const Session& x) override {
    std::lock_guard lock(write_mu_);
    return sqlite::InsertSession(writer_, x);
  }
  Result<Session> GetSession(const std::string& id_hash) override {
    auto lease = Lease();
    return sqlite::SelectSession(*lease, id_hash);
  }
  Status TouchSession(const std::string& id_hash, int64_t now_s) override {
    std::lock_guard lock(write_mu_);
    return sqlite::UpdateSessionLastSeen(writer_, id_hash, now_s);
  }
  Status RevokeSession(const std::string& id_hash) override {
    std::lock_guard lock(write_mu_);
    return sqlite::MarkSessionRevoked(writer_, id_hash);
  }

  Result<std::vector<Indicator>> ListIndicators() override { return *Indicators(); }
  Result<Indicator> GetIndicator(const std::string& code) override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(auto st, sqlite::SelectIndicator(*lease, code));
    return DecodeIndicator(st);
  }
  Result<Page<DataValue>> ListValues(const ValueQuery& q) override {
    auto lease = Lease();
    return sqlite::SelectValues(*lease, q);
  }
  Result<std::vector<DataValue>> ValueHistory(const std::string& indicator, const std::string& unit,
                                              const Period& period) override {
    auto lease = Lease();
    return sqlite::SelectValueHistory(*lease, indicator, unit, period);
  }
  const RollupEngine& Rollups() const override { return rollups_; }

  Result<std::vector<Platform>> ListPlatforms() override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare(
        "SELECT id, body, revision, created_at, updated_at FROM platforms "
        "ORDER BY CASE category WHEN 'state' THEN 0 ELSE 1 END, number, id"));
    std::vector<Platform> out;
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      DX_ASSIGN_OR_RETURN(Platform p, PlatformFrom(s));
      out.push_back(std::move(p));
    }
    return out;
  }
  Result<PlanImport> GetImport(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectImport(*lease, id);
  }
  Result<Page<PlanImport>> ListImports(const ImportQuery& q) override {
    auto lease = Lease();
    return sqlite::SelectImports(*lease, q);
  }
  Result<ReportCycle> GetCycle(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectCycle(*lease, id);
  }
  Result<Page<ReportCycle>> ListCycles(std::optional<CycleState> state, int limit, int64_t offset) override {
    auto lease = Lease();
    return sqlite::SelectCycles(*lease, state, limit, offset);
  }
  Result<Submission> GetSubmission(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectSubmission(*lease, id);
  }
  Result<Submission> GetSubmissionFor(int64_t cycle_id, const std::string& unit_id) override {
    auto lease = Lease();
    return sqlite::SelectSubmissionFor(*lease, cycle_id, unit_id);
  }
  Result<std::vector<Submission>> ListSubmissions(int64_t cycle_id) override {
    auto lease = Lease();
    return sqlite::SelectSubmissions(*lease, cycle_id);
  }
  Result<Notification> GetNotification(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectNotification(*lease, id);
  }
  Result<Page<Notification>> ListNotifications(int64_t user_id, bool unread_only, int limit, int64_t offset) override {
    auto lease = Lease();
    return sqlite::SelectNotifications(*lease, user_id, unread_only, limit, offset);
  }
  Result<bool> IsReminded(const std::string& reminder_key, int64_t user_id) override {
    auto lease = Lease();
    return sqlite::SelectReminded(*lease, reminder_key, user_id);
  }
  Result<bool> HasNotification(int64_t user_id, Date day) override {
    auto lease = Lease();
    return sqlite::SelectHasNotification(*lease, user_id, day);
  }
  Result<std::vector<Notification>> PendingMail(const std::string& now, int limit) override {
    auto lease = Lease();
    return sqlite::SelectPendingMail(*lease, now, limit);
  }
  Status RecordMailAttempt(int64_t id, bool sent, const std::string& error, const std::string& now,
                           const std::string& next_attempt_at) override {
    std::lock_guard lock(write_mu_);
    return sqlite::UpdateMailAttempt(writer_, id, sent, error, now, next_attempt_at);
  }
  Status MarkNotificationRead(int64_t id, int64_t user_id, const std::string& now) override {
    std::lock_guard lock(write_mu_);
    return sqlite::UpdateNotificationRead(writer_, id, user_id, now);
  }
  Result<CommitteeSession> GetCommitteeSession(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectCommitteeSession(*lease, id);
  }
  Result<std::vector<CommitteeSession>> ListCommitteeSessions(std::optional<int> year) override {
    auto lease = Lease();
    return sqlite::SelectCommitteeSessions(*lease, year);
  }
  Result<KeyTask> GetKeyTask(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectKeyTask(*lease, id);
  }
  Result<std::vector<KeyTask>> ListKeyTasks(std::optional<int64_t> plan_id) override {
    auto lease = Lease();
    return sqlite::SelectKeyTasks(*lease, plan_id);
  }
  Result<std::vector<KeyTask>> KeyTaskHistory(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectKeyTaskHistory(*lease, id);
  }
  Result<std::vector<Submission>> SubmissionHistory(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectSubmissionHistory(*lease, id);
  }

  Result<Platform> GetPlatform(const std::string& key) override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT id, body, revision, created_at, updated_at FROM platforms WHERE key = ?"));
    s.Bind(1, std::string_view(key));
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NotFound("nền tảng", "platform", key);
    return PlatformFrom(s);
  }
  static Result<Platform> PlatformFrom(const Stmt& s) {
    DX_ASSIGN_OR_RETURN(json::value v, codec::ParseJson(s.Text(1)));
    auto p = codec::PlatformFromJson(v, "", codec::ReadMode::kStored);
    if (!p.ok()) return Internal("stored platform unreadable: " + p.error().message_en());
    p->id = s.Int(0);
    p->version = s.Int(2);
    p->created_at = s.Text(3);
    p->updated_at = s.Text(4);
    return std::move(p).value();
  }

  Result<Page<AuditEntry>> ListAudit(const AuditQuery& q) override {
    std::string where = " WHERE id > ?";
    std::vector<Param> params{q.after_id};
    if (!q.entity.empty()) { where += " AND entity = ?"; params.emplace_back(q.entity); }
    if (!q.entity_id.empty()) { where += " AND entity_id = ?"; params.emplace_back(q.entity_id); }
    if (!q.actor.empty()) { where += " AND actor = ?"; params.emplace_back(q.actor); }
    if (!q.from.empty()) { where += " AND at >= ?"; params.emplace_back(q.from); }
    if (!q.to.empty()) { where += " AND at <= ?"; params.emplace_back(q.to.size() == 10 ? q.to + "T99" : q.to); }
    auto lease = Lease();
    Page<AuditEntry> page;
    page.limit = q.limit;
    page.offset = q.offset;
    DX_ASSIGN_OR_RETURN(Stmt c, lease->Prepare("SELECT COUNT(*) FROM audit_log" + where));
    BindAll(c, params);
    DX_ASSIGN_OR_RETURN(bool crow, c.Step());
    page.total = crow ? c.Int(0) : 0;
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare(
        "SELECT id, at, actor, remote, entity, entity_id, action, before, after, prev_hash, hash FROM audit_log" + where +
        (q.oldest_first ? " ORDER BY id" : " ORDER BY id DESC") + " LIMIT ? OFFSET ?"));
    BindAll(s, params);
    s.Bind(static_cast<int>(params.size()) + 1, static_cast<int64_t>(q.limit)).Bind(static_cast<int>(params.size()) + 2, q.offset);
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      AuditEntry e;
      e.id = s.Int(0);
      e.at = s.Text(1);
      e.actor = s.Text(2);
      e.remote = s.Text(3);
      e.entity = s.Text(4);
      e.entity_id = s.Text(5);
      e.action = s.Text(6);
      e.before = s.OptText(7);
      e.after = s.Text(8);
      e.prev_hash = s.Text(9);
      e.hash = s.Text(10);
      page.items.push_back(std::move(e));
    }
    return page;
  }

  Result<ProgressEntry> GetProgress(int64_t id) override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT body, id, task_id FROM progress WHERE id = ?"));
    s.Bind(1, id);
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NotFound("báo cáo tiến độ", "progress entry", std::to_string(id));
    DX_ASSIGN_OR_RETURN(json::value v, codec::ParseJson(s.Text(0)));
    auto p = codec::ProgressFromJson(v, "", codec::ReadMode::kStored);
    if (!p.ok()) return Internal("stored progress unreadable: " + p.error().message_en());
    p->id = s.Int(1);
    p->task_id = s.Int(2);
    return std::move(p).value();
  }

  Result<std::string> PutFile(std::string_view bytes) override { return files_.Put(bytes); }
  Result<std::string> ReadFile(const std::string& sha256) override { return files_.Get(sha256); }
  Result<Evidence> GetEvidence(int64_t id) override {
    auto lease = Lease();
    return sqlite::SelectEvidence(*lease, id);
  }
  Result<std::vector<Evidence>> ListEvidence(EvidenceOwner owner, int64_t owner_id) override {
    auto lease = Lease();
    return sqlite::SelectEvidenceOf(*lease, owner, owner_id);
  }

  Status Backup(const std::string& dest_path) override {
    if (std::filesystem::exists(dest_path))
      return InvalidArgument("--out", "the file exists", "Tệp sao lưu " + dest_path + " đã tồn tại");
    {
      auto lease = Lease();  // a reader: writers go on while the copy is taken from one snapshot
      DX_ASSIGN_OR_RETURN(Db dest, Db::Open(dest_path, true));
      sqlite3_backup* b = sqlite3_backup_init(dest.raw(), "main", lease->raw(), "main");
      if (!b) return sqlite::FromSqlite(sqlite3_errcode(dest.raw()), dest.raw(), "backup");
      const int rc = sqlite3_backup_step(b, -1);  // all pages from one read snapshot
      sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE) return sqlite::FromSqlite(rc, dest.raw(), "backup");
      DX_RETURN_IF_ERROR(dest.Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    // The files the copy names: kept before their records were, so every one is there.
    DX_ASSIGN_OR_RETURN(Db copy, Db::OpenReadOnly(dest_path));
    DX_ASSIGN_OR_RETURN(std::vector<std::string> shas, sqlite::SelectEvidenceFiles(copy));
    if (shas.empty()) return OkStatus();
    return files_.CopyTo(shas, BackupFilesDir(dest_path));
  }

  Result<bool> IsEmpty() override {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT (SELECT COUNT(*) FROM units) + (SELECT COUNT(*) FROM plans)"));
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    return row && s.Int(0) == 0;
  }

  Status Checkpoint() override {
    std::lock_guard lock(write_mu_);
    return writer_.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  StoreInfo Info() const override {
    return StoreInfo{"sqlite", sqlite::LatestSchemaVersion(), path_, writable_.load()};
  }

  // The registry as this store sees it, for transactions.
  std::shared_ptr<const UnitRegistry> registry() const { return Units(); }

 private:
  class LeaseGuard {
   public:
    LeaseGuard(SqliteStore& s, std::unique_ptr<Db> db) : s_(s), db_(std::move(db)) {}
    ~LeaseGuard() { s_.Return(std::move(db_)); }
    Db* operator->() { return db_.get(); }
    Db& operator*() { return *db_; }

   private:
    SqliteStore& s_;
    std::unique_ptr<Db> db_;
  };

  LeaseGuard Lease() {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(lock, [&] { return !idle_.empty(); });
    auto db = std::move(idle_.back());
    idle_.pop_back();
    return LeaseGuard(*this, std::move(db));
  }
  void Return(std::unique_ptr<Db> db) {
    {
      std::lock_guard lock(pool_mu_);
      idle_.push_back(std::move(db));
    }
    pool_cv_.notify_one();
  }

  static Result<std::shared_ptr<const UnitRegistry>> ReadRegistry(Db& db) {
    DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("SELECT body FROM units ORDER BY id"));
    std::vector<Unit> units;
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      DX_ASSIGN_OR_RETURN(json::value v, codec::ParseJson(s.Text(0)));
      auto u = codec::UnitFromJson(v, "", codec::ReadMode::kStored);
      if (!u.ok()) return Internal("stored unit unreadable: " + u.error().message_en());
      units.push_back(std::move(u).value());
    }
    return UnitRegistry::Create(std::move(units));
  }

  template <typename T, typename Parse>
  Result<T> GetEntity(const char* table, int64_t id, Parse parse, const char* what_vi, const char* what_en) {
    auto lease = Lease();
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare(std::string("SELECT body, id, revision, created_at, updated_at FROM ") +
                                               table + " WHERE id = ?"));
    s.Bind(1, id);
    DX_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NotFound(what_vi, what_en, std::to_string(id));
    return FromRow<T>(s, parse, what_en);
  }

  template <typename T, typename Parse>
  Result<Page<T>> ListEntities(const std::string& table, const std::string& where, const std::string& order,
                               const std::vector<Param>& params, int limit, int64_t offset, Parse parse,
                               const char* what) {
    auto lease = Lease();
    Page<T> page;
    page.limit = limit;
    page.offset = offset;
    DX_ASSIGN_OR_RETURN(Stmt c, lease->Prepare("SELECT COUNT(*) FROM " + table + where));
    BindAll(c, params);
    DX_ASSIGN_OR_RETURN(bool crow, c.Step());
    page.total = crow ? c.Int(0) : 0;
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT body, id, revision, created_at, updated_at FROM " + table +
                                               where + order + " LIMIT ? OFFSET ?"));
    BindAll(s, params);
    s.Bind(static_cast<int>(params.size()) + 1, static_cast<int64_t>(limit));
    s.Bind(static_cast<int>(params.size()) + 2, offset);
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      DX_ASSIGN_OR_RETURN(T item, FromRow<T>(s, parse, what));
      page.items.push_back(std::move(item));
    }
    return page;
  }

  std::string path_;
  files::BlobDir files_;
  std::mutex write_mu_;
  Db writer_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Db>> idle_;
  mutable std::mutex reg_mu_;  // guards the two snapshots below
  std::shared_ptr<const UnitRegistry> registry_;
  std::shared_ptr<const std::vector<Indicator>> indicators_ = std::make_shared<const std::vector<Indicator>>();
  mutable std::shared_mutex index_mu_;
  TaskIndex index_;
  const Clock* clock_;
  RollupEngine rollups_;
  // False while the file cannot be written (opened read-only, or the last write failed
  // with SQLITE_READONLY); a successful commit sets it again.
  std::atomic<bool> writable_;
};

Result<Page<Task>> SqliteStore::ListTasks(const TaskQuery& q) {
  auto reg = Units();
  TaskQueryContext ctx;
  ctx.registry = reg.get();
  ctx.as_of = q.as_of.value_or(clock_->Today());

  // Restrictions that need storage: which plans, and which tasks' words match q.
  std::optional<std::vector<int64_t>> plans;
  if (q.plan_id) plans = std::vector<int64_t>{*q.plan_id};
  if (q.under_plan_id) {
    DX_ASSIGN_OR_RETURN(auto subtree, PlanSubtree(*q.under_plan_id));
    if (plans) {
      std::vector<int64_t> both;
      std::set_intersection(plans->begin(), plans->end(), subtree.begin(), subtree.end(), std::back_inserter(both));
      plans = std::move(both);
    } else {
      plans = std::move(subtree);
    }
  }
  auto lease = Lease();
  if (q.published_only) {
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT id FROM plans WHERE published = 1 ORDER BY id"));
    std::vector<int64_t> published;
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      published.push_back(s.Int(0));
    }
    if (plans) {
      std::vector<int64_t> both;
      std::set_intersection(plans->begin(), plans->end(), published.begin(), published.end(), std::back_inserter(both));
      plans = std::move(both);
    } else {
      plans = std::move(published);
    }
  }
  if (q.visible_plan_ids) {
    if (plans) {
      std::vector<int64_t> both;
      std::set_intersection(plans->begin(), plans->end(), q.visible_plan_ids->begin(), q.visible_plan_ids->end(),
                            std::back_inserter(both));
      plans = std::move(both);
    } else {
      plans = *q.visible_plan_ids;
    }
  }
  if (plans) ctx.plan_ids = &*plans;
  std::vector<int64_t> text_ids;
  if (!q.q.empty()) {
    // The words of q, in order, as a phrase whose last word may be unfinished ("ha no" finds
    // "Hà Nội"); the index adds tasks whose units' names match (BTTTT).
    const std::string folded = text::Fold(q.q);
    std::string phrase, word;
    for (size_t i = 0; i <= folded.size(); ++i) {
      const char c = i < folded.size() ? folded[i] : ' ';
      if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
        word.push_back(c);
      } else if (!word.empty()) {
        phrase += (phrase.empty() ? "" : " ") + word;
        word.clear();
      }
    }
    if (!phrase.empty()) {
      DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT rowid FROM task_search WHERE task_search MATCH ? ORDER BY rowid"));
      const std::string match = "\"" + phrase + "\" *";
      s.Bind(1, std::string_view(match));
      for (;;) {
        DX_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        text_ids.push_back(s.Int(0));
      }
    }
    ctx.text_ids = &text_ids;
  }

  std::vector<int64_t> serving_ids;
  if (q.serves) {
    DX_ASSIGN_OR_RETURN(Stmt s, lease->Prepare("SELECT task_id FROM task_links WHERE serves_id = ? ORDER BY task_id"));
    s.Bind(1, *q.serves);
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      serving_ids.push_back(s.Int(0));
    }
    ctx.serving_ids = &serving_ids;
  }

  Page<int64_t> ids;
  {
    std::shared_lock lock(index_mu_);
    ids = index_.Query(q, ctx);
  }
  Page<Task> page;
  page.total = ids.total;
  page.limit = ids.limit;
  page.offset = ids.offset;
  if (ids.items.empty()) return page;
  DX_ASSIGN_OR_RETURN(Stmt b, lease->Prepare(std::string(kTaskSelect) + " WHERE t.id IN (" +
                                             Placeholders(ids.items.size()) + ")"));
  for (size_t i = 0; i < ids.items.size(); ++i) b.Bind(static_cast<int>(i) + 1, ids.items[i]);
  std::map<int64_t, Task> by_id;
  for (;;) {
    DX_ASSIGN_OR_RETURN(bool row, b.Step());
    if (!row) break;
    DX_ASSIGN_OR_RETURN(Task t, FromRow<Task>(b, codec::TaskFromJson, "task"));
    by_id.emplace(t.id, std::move(t));
  }
  page.items.reserve(ids.items.size());
  for (int64_t id : ids.items) {
    auto it = by_id.find(id);
    if (it != by_id.end()) page.items.push_back(std::move(it->second));
  }
  return page;
}

// ---- the write transaction ----

const Unit* SqliteTxn::FindUnit(const std::string& id) const {
  auto it = new_units_.find(id);
  if (it != new_units_.end()) return &it->second;
  return store_.registry()->Find(id);
}

std::string SqliteTxn::LeadName(const std::string& unit_id) const {
  const Unit* u = FindUnit(unit_id);
  return u ? VersionOrLatest(*u, today_).name : unit_id;
}

Result<std::string> SqliteTxn::CurrentBody(const char* sql, const Param& id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(sql));
  BindAll(s, std::vector<Param>{id});
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Internal("no stored document to audit");
  return s.Text(0);
}

Status SqliteTxn::Audit(std::string_view entity, std::string entity_id, std::string_view action,
                        std::optional<std::string> before, std::string after) {
  if (!audit_tail_read_) {
    DX_ASSIGN_OR_RETURN(Stmt t, db_.Prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    DX_ASSIGN_OR_RETURN(bool row, t.Step());
    if (row) {
      audit_last_id_ = t.Int(0);
      audit_last_hash_ = t.Text(1);
    }
    audit_tail_read_ = true;
  }
  AuditEntry e;
  e.id = audit_last_id_ + 1;
  e.at = now_;
  e.actor = actor_.user;
  e.remote = actor_.remote;
  e.entity = entity;
  e.entity_id = std::move(entity_id);
  e.action = action;
  e.before = std::move(before);
  e.after = std::move(after);
  e.prev_hash = audit_last_hash_;
  e.hash = audit::HashOf(e);
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO audit_log(id, at, actor, remote, entity, entity_id, action, before, after, prev_hash, hash) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
  s.Bind(1, e.id).Bind(2, std::string_view(e.at)).Bind(3, std::string_view(e.actor)).Bind(4, std::string_view(e.remote));
  s.Bind(5, std::string_view(e.entity)).Bind(6, std::string_view(e.entity_id)).Bind(7, std::string_view(e.action));
  s.Bind(8, e.before).Bind(9, std::string_view(e.after)).Bind(10, std::string_view(e.prev_hash));
  s.Bind(11, std::string_view(e.hash));
  DX_RETURN_IF_ERROR(s.Run());
  audit_last_id_ = e.id;
  audit_last_hash_ = e.hash;
  return OkStatus();
}

Status SqliteTxn::CreateUnit(const Unit& u) {
  DX_RETURN_IF_ERROR(ValidateUnit(u));
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO units(id, body, revision, created_at, updated_at) VALUES (?, ?, 1, ?, ?)"));
  const std::string body = codec::Serialize(codec::ToJson(u));
  s.Bind(1, std::string_view(u.id)).Bind(2, std::string_view(body)).Bind(3, std::string_view(now_)).Bind(4, std::string_view(now_));
  Status r = s.Run();
  if (!r.ok() && r.error().code() == ErrorCode::kConflict)
    return Error(ErrorCode::kConflict, "Mã đơn vị " + u.id + " đã tồn tại", "unit " + u.id + " already exists",
                 {FieldError{"/id", "already exists"}});
  DX_RETURN_IF_ERROR(std::move(r));
  DX_RETURN_IF_ERROR(Audit("unit", u.id, "create", std::nullopt, body));
  new_units_[u.id] = u;
  units_changed_ = true;
  return OkStatus();
}

Status SqliteTxn::ReplaceUnit(const Unit& u, int64_t expected) {
  DX_RETURN_IF_ERROR(ValidateUnit(u));
  DX_ASSIGN_OR_RETURN(int64_t cur, CurrentRevision("units", u.id));
  if (cur != expected) return Stale("đơn vị", "unit", cur);
  DX_ASSIGN_OR_RETURN(std::string before, CurrentBody("SELECT body FROM units WHERE id = ?", u.id));
  DX_RETURN_IF_ERROR(SaveHistory("units", "unit_history", u.id));
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare("UPDATE units SET body = ?, revision = revision + 1, updated_at = ? WHERE id = ?"));
  const std::string body = codec::Serialize(codec::ToJson(u));
  s.Bind(1, std::string_view(body)).Bind(2, std::string_view(now_)).Bind(3, std::string_view(u.id));
  DX_RETURN_IF_ERROR(s.Run());
  DX_RETURN_IF_ERROR(Audit("unit", u.id, "update", std::move(before), body));
  new_units_[u.id] = u;
  units_changed_ = true;
  return OkStatus();
}

Result<int64_t> SqliteTxn::CreatePlan(const Plan& p) {
  DX_RETURN_IF_ERROR(ValidatePlan(p));
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO plans(key, kind, parent_id, issuer_id, published, body, revision, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"));
  const std::string body = BodyOf(p);
  if (p.key.empty()) s.BindNull(1); else s.Bind(1, std::string_view(p.key));
  s.Bind(2, std::string_view(p.kind)).Bind(3, p.parent_id);
  if (p.issuer_id.empty()) s.BindNull(4); else s.Bind(4, std::string_view(p.issuer_id));
  s.Bind(5, p.published ? 1 : 0).Bind(6, std::string_view(body)).Bind(7, std::string_view(now_)).Bind(8, std::string_view(now_));
  Status r = s.Run();
  if (!r.ok() && r.error().code() == ErrorCode::kConflict)
    return Error(ErrorCode::kConflict, "Kế hoạch trùng khóa hoặc kế hoạch cha không tồn tại",
                 "plan key exists or parent plan missing", {FieldError{"/key", "must be unique; parent must exist"}});
  DX_RETURN_IF_ERROR(std::move(r));
  const int64_t id = db_.LastInsertId();
  DX_RETURN_IF_ERROR(Audit("plan", std::to_string(id), "create", std::nullopt, body));
  return id;
}

Status SqliteTxn::ReplacePlan(const Plan& p, int64_t expected) {
  DX_RETURN_IF_ERROR(ValidatePlan(p));
  DX_ASSIGN_OR_RETURN(int64_t cur, CurrentRevision("plans", p.id));
  if (cur != expected) return Stale("kế hoạch", "plan", cur);
  DX_ASSIGN_OR_RETURN(std::string before, CurrentBody("SELECT body FROM plans WHERE id = ?", p.id));
  DX_RETURN_IF_ERROR(SaveHistory("plans", "plan_history", p.id));
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "UPDATE plans SET key = ?, kind = ?, parent_id = ?, issuer_id = ?, published = ?, body = ?, "
      "revision = revision + 1, updated_at = ? WHERE id = ?"));
  const std::string body = BodyOf(p);
  if (p.key.empty()) s.BindNull(1); else s.Bind(1, std::string_view(p.key));
  s.Bind(2, std::string_view(p.kind)).Bind(3, p.parent_id);
  if (p.issuer_id.empty()) s.BindNull(4); else s.Bind(4, std::string_view(p.issuer_id));
  s.Bind(5, p.published ? 1 : 0).Bind(6, std::string_view(body)).Bind(7, std::string_view(now_)).Bind(8, p.id);
  DX_RETURN_IF_ERROR(s.Run());
  return Audit("plan", std::to_string(p.id), "update", std::move(before), body);
}

Result<int64_t> SqliteTxn::CreateObjective(const Objective& o) {
  DX_RETURN_IF_ERROR(ValidateObjective(o));
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO objectives(plan_id, code, ordinal, folded, body, revision, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, 1, ?, ?)"));
  const std::string body = BodyOf(o);
  const std::string folded = text::Fold(o.code + " " + o.group + " " + o.text);
  s.Bind(1, o.plan_id).Bind(2, std::string_view(o.code)).Bind(3, o.ordinal).Bind(4, std::string_view(folded));
  s.Bind(5, std::string_view(body)).Bind(6, std::string_view(now_)).Bind(7, std::string_view(now_));
  Status r = s.Run();
  if (!r.ok() && r.error().code() == ErrorCode::kConflict)
    return Error(ErrorCode::kConflict, "Mã mục tiêu đã có trong kế hoạch hoặc kế hoạch không tồn tại",
                 "objective code exists in the plan, or the plan does not exist",
                 {FieldError{"/code", "must be unique within the plan"}});
  DX_RETURN_IF_ERROR(std::move(r));
  const int64_t id = db_.LastInsertId();
  DX_RETURN_IF_ERROR(Audit("objective", std::to_string(id), "create", std::nullopt, body));
  return id;
}

Status SqliteTxn::ReplaceObjective(const Objective& o, int64_t expected) {
  DX_RETURN_IF_ERROR(ValidateObjective(o));
  DX_ASSIGN_OR_RETURN(int64_t cur, CurrentRevision("objectives", o.id));
  if (cur != expected) return Stale("mục tiêu", "objective", cur);
  DX_ASSIGN_OR_RETURN(std::string before, CurrentBody("SELECT body FROM objectives WHERE id = ?", o.id));
  DX_RETURN_IF_ERROR(SaveHistory("objectives", "objective_history", o.id));
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "UPDATE objectives SET plan_id = ?, code = ?, ordinal = ?, folded = ?, body = ?, revision = revision + 1, "
      "updated_at = ? WHERE id = ?"));
  const std::string body = BodyOf(o);
  const std::string folded = text::Fold(o.code + " " + o.group + " " + o.text);
  s.Bind(1, o.plan_id).Bind(2, std::string_view(o.code)).Bind(3, o.ordinal).Bind(4, std::string_view(folded));
  s.Bind(5, std::string_view(body)).Bind(6, std::string_view(now_)).Bind(7, o.id);
  DX_RETURN_IF_ERROR(s.Run());
  return Audit("objective", std::to_string(o.id), "update", std::move(before), body);
}

Status SqliteTxn::WriteTaskIndexes(int64_t id, const Task& t, bool replace) {
  if (replace) {
    for (const char* sql : {"DELETE FROM task_units WHERE task_id = ?", "DELETE FROM task_objectives WHERE task_id = ?",
                            "DELETE FROM task_links WHERE task_id = ?", "DELETE FROM task_search WHERE rowid = ?"}) {
      DX_ASSIGN_OR_RETURN(Stmt d, db_.Prepare(sql));
      d.Bind(1, id);
      DX_RETURN_IF_ERROR(d.Run());
    }
  }
  DX_ASSIGN_OR_RETURN(Stmt u, db_.Prepare("INSERT OR IGNORE INTO task_units(task_id, role, unit_id) VALUES (?, ?, ?)"));
  auto add = [&](std::string_view role, const std::string& unit) -> Status {
    u.Reset();
    u.Bind(1, id).Bind(2, role).Bind(3, std::string_view(unit));
    Status r = u.Run();
    if (!r.ok() && r.error().code() == ErrorCode::kConflict)
      return Error(ErrorCode::kInvalidArgument, "Không có đơn vị " + unit, "unknown unit " + unit,
                   {FieldError{role == "lead" ? "/lead/unit" : role == "support" ? "/support_unit/unit" : "/coordinators",
                               "unknown unit '" + unit + "'"}});
    return r;
  };
  DX_RETURN_IF_ERROR(add("lead", t.lead.unit_id));
  for (const auto& c : t.coordinators) DX_RETURN_IF_ERROR(add("coordinator", c.unit_id));
  if (t.support_unit) DX_RETURN_IF_ERROR(add("support", t.support_unit->unit_id));
  DX_ASSIGN_OR_RETURN(Stmt o, db_.Prepare("INSERT OR IGNORE INTO task_objectives(task_id, objective_id) VALUES (?, ?)"));
  for (int64_t oid : t.objective_ids) {
    o.Reset();
    o.Bind(1, id).Bind(2, oid);
    Status r = o.Run();
    if (!r.ok() && r.error().code() == ErrorCode::kConflict)
      return InvalidArgument("/objective_ids", "unknown objective " + std::to_string(oid),
                             "Không có mục tiêu " + std::to_string(oid));
    DX_RETURN_IF_ERROR(std::move(r));
  }
  DX_ASSIGN_OR_RETURN(Stmt l, db_.Prepare("INSERT OR IGNORE INTO task_links(task_id, serves_id) VALUES (?, ?)"));
  for (size_t i = 0; i < t.serves.size(); ++i) {
    l.Reset();
    l.Bind(1, id).Bind(2, t.serves[i]);
    Status r = l.Run();
    if (!r.ok() && r.error().code() == ErrorCode::kConflict)
      return InvalidArgument("/serves/" + std::to_string(i), "unknown task " + std::to_string(t.serves[i]),
                             "Không có nhiệm vụ " + std::to_string(t.serves[i]));
    DX_RETURN_IF_ERROR(std::move(r));
  }
  DX_ASSIGN_OR_RETURN(Stmt f, db_.Prepare("INSERT INTO task_search(rowid, folded) VALUES (?, ?)"));
  const std::string folded = text::Fold(t.number + " " + t.title + " " + t.text + " " + t.expected_output);
  f.Bind(1, id).Bind(2, std::string_view(folded));
  return f.Run();
}

namespace {
struct DeadlineColumns {
  std::optional<std::string> kind, due;
  std::optional<int64_t> month, day, from;
};
DeadlineColumns ColumnsOf(const std::optional<Deadline>& d) {
  DeadlineColumns c;
  if (!d) return c;
  c.kind = DeadlineKindName(d->kind);
  if (auto due = FixedDueDate(*d)) c.due = FormatIso(*due);
  if (d->kind == DeadlineKind::kRecurring) {
    c.month = d->month;
    c.day = d->day;
    c.from = d->year;
  }
  return c;
}
}  // namespace

// The columns a task row holds besides its document, in the order both the INSERT and the
// UPDATE below bind them (parameters 1..16).
struct TaskColumns {
  TaskFacts facts;
  DeadlineColumns deadline;
  std::optional<std::string> completed;
};

void BindTaskColumns(Stmt& s, const Task& t, const TaskColumns& c) {
  s.Bind(1, t.plan_id).Bind(2, t.parent_id).Bind(3, std::string_view(t.section)).Bind(4, std::string_view(t.number));
  s.BindBlob(5, c.facts.number_key).BindBlob(6, c.facts.title_key).Bind(7, std::string_view(t.lead.unit_id));
  s.BindBlob(8, c.facts.lead_key).Bind(9, std::string_view(TaskStatusName(t.status))).Bind(10, c.completed);
  s.Bind(11, c.deadline.kind).Bind(12, c.deadline.due).Bind(13, c.deadline.month).Bind(14, c.deadline.day);
  s.Bind(15, c.deadline.from).Bind(16, t.ordinal);
}

Error TaskConflict() {
  return Error(ErrorCode::kConflict, "Số hiệu nhiệm vụ đã có trong kế hoạch, hoặc kế hoạch, đơn vị chủ trì không tồn tại",
               "task number exists in the plan, or plan, parent or lead does not exist",
               {FieldError{"/number", "must be unique within the plan; plan_id, parent_id and lead must exist"}});
}

TaskColumns SqliteTxn::ColumnsFor(const Task& t) const {
  TaskColumns c{FactsOf(t, LeadName(t.lead.unit_id)), ColumnsOf(t.deadline), std::nullopt};
  c.facts.updated_at = now_;
  if (t.completed_on) c.completed = FormatIso(*t.completed_on);
  return c;
}

Result<int64_t> SqliteTxn::CreateTask(const Task& t) {
  DX_RETURN_IF_ERROR(ValidateTask(t));
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO tasks(plan_id, parent_id, section, number, number_key, title_key, lead_id, lead_key, status, "
      "completed_on, deadline_kind, due_date, recur_month, recur_day, recur_from, ordinal, revision, "
      "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)"));
  const std::string body = BodyOf(t);
  TaskColumns cols = ColumnsFor(t);
  BindTaskColumns(s, t, cols);
  s.Bind(17, std::string_view(now_)).Bind(18, std::string_view(now_));
  Status r = s.Run();
  if (!r.ok() && r.error().code() == ErrorCode::kConflict) return TaskConflict();
  DX_RETURN_IF_ERROR(std::move(r));
  const int64_t id = db_.LastInsertId();
  DX_ASSIGN_OR_RETURN(Stmt b, db_.Prepare("INSERT INTO task_bodies(id, body) VALUES (?, ?)"));
  b.Bind(1, id).Bind(2, std::string_view(body));
  DX_RETURN_IF_ERROR(b.Run());
  DX_RETURN_IF_ERROR(WriteTaskIndexes(id, t, false));
  DX_RETURN_IF_ERROR(Audit("task", std::to_string(id), "create", std::nullopt, body));
  cols.facts.id = id;
  written_tasks_.push_back(std::move(cols.facts));
  return id;
}

Status SqliteTxn::StoreTaskState(const Task& t) {
  DX_RETURN_IF_ERROR(ValidateTask(t));
  DX_ASSIGN_OR_RETURN(std::string before, CurrentBody("SELECT body FROM task_bodies WHERE id = ?", t.id));
  DX_ASSIGN_OR_RETURN(Stmt h, db_.Prepare(
      "INSERT INTO task_history(id, revision, body, replaced_at) SELECT t.id, t.revision, b.body, ? "
      "FROM tasks t JOIN task_bodies b ON b.id = t.id WHERE t.id = ?"));
  h.Bind(1, std::string_view(now_)).Bind(2, t.id);
  DX_RETURN_IF_ERROR(h.Run());
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "UPDATE tasks SET plan_id = ?, parent_id = ?, section = ?, number = ?, number_key = ?, title_key = ?, "
      "lead_id = ?, lead_key = ?, status = ?, completed_on = ?, deadline_kind = ?, due_date = ?, recur_month = ?, "
      "recur_day = ?, recur_from = ?, ordinal = ?, revision = revision + 1, updated_at = ? WHERE id = ?"));
  const std::string body = BodyOf(t);
  TaskColumns cols = ColumnsFor(t);
  BindTaskColumns(s, t, cols);
  s.Bind(17, std::string_view(now_)).Bind(18, t.id);
  Status r = s.Run();
  if (!r.ok() && r.error().code() == ErrorCode::kConflict) return TaskConflict();
  DX_RETURN_IF_ERROR(std::move(r));
  DX_ASSIGN_OR_RETURN(Stmt b, db_.Prepare("UPDATE task_bodies SET body = ? WHERE id = ?"));
  b.Bind(1, std::string_view(body)).Bind(2, t.id);
  DX_RETURN_IF_ERROR(b.Run());
  DX_RETURN_IF_ERROR(WriteTaskIndexes(t.id, t, true));
  DX_RETURN_IF_ERROR(Audit("task", std::to_string(t.id), "update", std::move(before), body));
  written_tasks_.push_back(std::move(cols.facts));
  return OkStatus();
}

Status SqliteTxn::ReplaceTask(const Task& t, int64_t expected) {
  DX_ASSIGN_OR_RETURN(int64_t cur, CurrentRevision("tasks", t.id));
  if (cur != expected) return Stale("nhiệm vụ", "task", cur);
  return StoreTaskState(t);
}

Result<Task> SqliteTxn::LoadTask(int64_t id) {
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(std::string(kTaskSelect) + " WHERE t.id = ?"));
  s.Bind(1, id);
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("nhiệm vụ", "task", std::to_string(id));
  return FromRow<Task>(s, codec::TaskFromJson, "task");
}

namespace {
// What the audit trail keeps of a user: everything but the password hash.
std::string AuditBody(const User& u) { return codec::Serialize(codec::ToJson(u)); }
std::string AuditBody(const ApiToken& t) { return codec::Serialize(codec::ToJson(t)); }
}  // namespace

Result<int64_t> SqliteTxn::CreateUser(const User& u) {
  DX_RETURN_IF_ERROR(ValidateUser(u));
  if (!u.unit_id.empty() && !FindUnit(u.unit_id))
    return InvalidArgument("/unit", "unknown unit '" + u.unit_id + "'", "Không có đơn vị " + u.unit_id);
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertUser(db_, u, now_));
  DX_ASSIGN_OR_RETURN(User stored, sqlite::SelectUserById(db_, id));
  DX_RETURN_IF_ERROR(Audit("user", std::to_string(id), "create", std::nullopt, AuditBody(stored)));
  return id;
}

Status SqliteTxn::ReplaceUser(const User& u, int64_t expected) {
  DX_RETURN_IF_ERROR(ValidateUser(u));
  if (!u.unit_id.empty() && !FindUnit(u.unit_id))
    return InvalidArgument("/unit", "unknown unit '" + u.unit_id + "'", "Không có đơn vị " + u.unit_id);
  DX_ASSIGN_OR_RETURN(User before, sqlite::SelectUserById(db_, u.id));
  DX_RETURN_IF_ERROR(sqlite::UpdateUser(db_, u, expected, now_));
  DX_ASSIGN_OR_RETURN(User after, sqlite::SelectUserById(db_, u.id));
  return Audit("user", std::to_string(u.id), "update", AuditBody(before), AuditBody(after));
}

// ---------------------------------------------------------------- indicators and figures

Result<int64_t> SqliteTxn::CreateIndicator(const Indicator& ind) {
  DX_RETURN_IF_ERROR(ValidateIndicator(ind));
  const std::string body = codec::Serialize(codec::ToJson(ind));
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertIndicator(db_, ind, body, now_));
  indicators_changed_ = true;
  DX_RETURN_IF_ERROR(Audit("indicator", ind.code, "create", std::nullopt, body));
  return id;
}

Status SqliteTxn::ReplaceIndicator(const Indicator& ind, int64_t expected) {
  DX_RETURN_IF_ERROR(ValidateIndicator(ind));
  DX_ASSIGN_OR_RETURN(auto before, sqlite::SelectIndicator(db_, ind.code));
  const std::string body = codec::Serialize(codec::ToJson(ind));
  DX_RETURN_IF_ERROR(sqlite::UpdateIndicator(db_, ind, body, expected, now_));
  indicators_changed_ = true;
  return Audit("indicator", ind.code, "update", before.body, body);
}

Result<int64_t> SqliteTxn::CreatePlatform(const Platform& p) {
  DX_RETURN_IF_ERROR(ValidatePlatform(p));
  if (!p.owner_unit_id.empty() && !FindUnit(p.owner_unit_id))
    return InvalidArgument("/owner/unit", "unknown unit '" + p.owner_unit_id + "'", "Không có đơn vị " + p.owner_unit_id);
  const std::string body = codec::Serialize(codec::ToJson(p));
  DX_ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO platforms(key, category, number, body, revision, created_at, updated_at) VALUES (?,?,?,?,1,?,?)"));
  s.Bind(1, std::string_view(p.key)).Bind(2, std::string_view(PlatformCategoryName(p.category))).Bind(3, p.number);
  s.Bind(4, std::string_view(body)).Bind(5, std::string_view(now_)).Bind(6, std::string_view(now_));
  Status r = s.Run();
  if (!r.ok() && r.error().code() == ErrorCode::kConflict)
    return Error(ErrorCode::kConflict, "Đã có nền tảng " + p.key, "platform " + p.key + " exists", {{"/key", "already used"}});
  DX_RETURN_IF_ERROR(r);
  const int64_t id = db_.LastInsertId();
  DX_RETURN_IF_ERROR(Audit("platform", p.key, "create", std::nullopt, body));
  return id;
}

Result<int64_t> SqliteTxn::CreateImport(const PlanImport& i) {
  DX_RETURN_IF_ERROR(ValidatePlanImport(i));
  if (i.state != ImportState::kPending)
    return InvalidArgument("/state", "a new import is pending", "Bản nhập mới phải ở trạng thái chờ duyệt");
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertImport(db_, i, actor_.user, now_));
  DX_ASSIGN_OR_RETURN(PlanImport stored, sqlite::SelectImport(db_, id));
  DX_RETURN_IF_ERROR(Audit("plan_import", std::to_string(id), "create", std::nullopt,
                           codec::Serialize(codec::ToJson(stored))));
  return id;
}

Result<int64_t> SqliteTxn::CreateCycle(const ReportCycle& c) {
  DX_RETURN_IF_ERROR(ValidateCycle(c));
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertCycle(db_, c, actor_.user, now_));
  DX_ASSIGN_OR_RETURN(ReportCycle stored, sqlite::SelectCycle(db_, id));
  DX_RETURN_IF_ERROR(Audit("report_cycle", std::to_string(id), "create", std::nullopt,
                           codec::Serialize(codec::ToJson(stored))));
  return id;
}

Status SqliteTxn::ReplaceCycle(const ReportCycle& c, int64_t expected_revision) {
  DX_RETURN_IF_ERROR(ValidateCycle(c));
  DX_ASSIGN_OR_RETURN(ReportCycle before, sqlite::SelectCycle(db_, c.id));
  ReportCycle next = c;
  next.created_by = before.created_by;
  DX_RETURN_IF_ERROR(sqlite::UpdateCycle(db_, next, expected_revision, now_));
  DX_ASSIGN_OR_RETURN(ReportCycle after, sqlite::SelectCycle(db_, c.id));
  return Audit("report_cycle", std::to_string(c.id), before.state != after.state ? CycleStateName(after.state) : "update",
               codec::Serialize(codec::ToJson(before)), codec::Serialize(codec::ToJson(after)));
}

Result<int64_t> SqliteTxn::CreateSubmission(const Submission& s) {
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertSubmission(db_, s, now_));
  DX_ASSIGN_OR_RETURN(Submission stored, sqlite::SelectSubmission(db_, id));
  DX_RETURN_IF_ERROR(Audit("submission", std::to_string(id), "create", std::nullopt,
                           codec::Serialize(codec::ToJson(stored))));
  return id;
}

Status SqliteTxn::ReplaceSubmission(const Submission& s, int64_t expected_revision) {
  DX_ASSIGN_OR_RETURN(Submission before, sqlite::SelectSubmission(db_, s.id));
  if (s.cycle_id != before.cycle_id || s.unit_id != before.unit_id)
    return InvalidArgument("/unit", "a submission stays with its cycle and unit",
                           "Không được chuyển báo cáo sang kỳ hoặc đơn vị khác");
  DX_RETURN_IF_ERROR(sqlite::UpdateSubmission(db_, s, expected_revision, now_));
  DX_ASSIGN_OR_RETURN(Submission after, sqlite::SelectSubmission(db_, s.id));
  const char* action = "update";
  if (before.state != after.state || before.round != after.round) {
    switch (after.state) {
      case SubmissionState::kSubmitted: action = "submit"; break;
      case SubmissionState::kAccepted: action = "accept"; break;
      case SubmissionState::kReturned: action = "return"; break;
      case SubmissionState::kDraft: break;
    }
  }
  return Audit("submission", std::to_string(s.id), action, codec::Serialize(codec::ToJson(before)),
               codec::Serialize(codec::ToJson(after)));
}

Result<int64_t> SqliteTxn::CreateKeyTask(const KeyTask& k) {
  DX_RETURN_IF_ERROR(ValidateKeyTask(k));
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertKeyTask(db_, k, now_));
  DX_ASSIGN_OR_RETURN(KeyTask stored, sqlite::SelectKeyTask(db_, id));
  DX_RETURN_IF_ERROR(Audit("key_task", std::to_string(id), "create", std::nullopt,
                           codec::Serialize(codec::ToJson(stored))));
  return id;
}

Status SqliteTxn::ReplaceKeyTask(const KeyTask& k, int64_t expected_revision) {
  DX_RETURN_IF_ERROR(ValidateKeyTask(k));
  DX_ASSIGN_OR_RETURN(KeyTask before, sqlite::SelectKeyTask(db_, k.id));
  DX_RETURN_IF_ERROR(sqlite::UpdateKeyTask(db_, k, expected_revision, now_));
  DX_ASSIGN_OR_RETURN(KeyTask after, sqlite::SelectKeyTask(db_, k.id));
  const bool same_header = before.plan_id == after.plan_id && before.unit_id == after.unit_id &&
                           before.member == after.member && before.title == after.title &&
                           before.year == after.year && before.ordinal == after.ordinal && before.task_id == after.task_id;
  const char* action = "update";
  if (same_header && before.results == after.results) action = "roadmap";
  else if (same_header && before.roadmap == after.roadmap) action = "result";
  return Audit("key_task", std::to_string(k.id), action, codec::Serialize(codec::ToJson(before)),
               codec::Serialize(codec::ToJson(after)));
}

Result<int64_t> SqliteTxn::CreateCommitteeSession(const CommitteeSession& s) {
  DX_RETURN_IF_ERROR(ValidateSession(s));
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertCommitteeSession(db_, s, now_));
  DX_ASSIGN_OR_RETURN(CommitteeSession stored, sqlite::SelectCommitteeSession(db_, id));
  DX_RETURN_IF_ERROR(Audit("committee_session", std::to_string(id), "create", std::nullopt,
                           codec::Serialize(codec::ToJson(stored))));
  return id;
}

Status SqliteTxn::ReplaceCommitteeSession(const CommitteeSession& s, int64_t expected_revision) {
  DX_RETURN_IF_ERROR(ValidateSession(s));
  DX_ASSIGN_OR_RETURN(CommitteeSession before, sqlite::SelectCommitteeSession(db_, s.id));
  DX_RETURN_IF_ERROR(sqlite::UpdateCommitteeSession(db_, s, expected_revision, now_));
  DX_ASSIGN_OR_RETURN(CommitteeSession after, sqlite::SelectCommitteeSession(db_, s.id));
  const char* action = "update";
  if (before.state != after.state) action = CommitteeSessionStateName(after.state);
  else if (before.conclusion_plan_ids != after.conclusion_plan_ids) action = "conclusions";
  return Audit("committee_session", std::to_string(s.id), action, codec::Serialize(codec::ToJson(before)),
               codec::Serialize(codec::ToJson(after)));
}

Result<int64_t> SqliteTxn::CreateNotification(const Notification& n) {
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertNotification(db_, n, now_));
  boost::json::object after{{"user_id", n.user_id}, {"day", FormatIso(n.day)}, {"mail", MailStateName(n.mail_state)},
                            {"items", codec::ItemsToJson(n.items)}};
  DX_RETURN_IF_ERROR(Audit("notification", std::to_string(id), "create", std::nullopt, codec::Serialize(after)));
  return id;
}

Result<int64_t> SqliteTxn::AddEvidence(const Evidence& e) {
  DX_RETURN_IF_ERROR(ValidateEvidence(e));
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertEvidence(db_, e, actor_.user, now_));
  DX_ASSIGN_OR_RETURN(Evidence stored, sqlite::SelectEvidence(db_, id));
  DX_RETURN_IF_ERROR(Audit("evidence", std::to_string(id), "create", std::nullopt, codec::Serialize(codec::ToJson(stored))));
  return id;
}

Status SqliteTxn::ReplaceImport(const PlanImport& i, int64_t expected_revision) {
  DX_RETURN_IF_ERROR(ValidatePlanImport(i));
  DX_ASSIGN_OR_RETURN(PlanImport before, sqlite::SelectImport(db_, i.id));
  if (before.state != ImportState::kPending && before.version == expected_revision)
    return Error(ErrorCode::kConflict,
                 std::string("Bản nhập này đã ở trạng thái \"") + ImportStateLabelVi(before.state) + "\"",
                 std::string("the import is already ") + ImportStateName(before.state), {{"/state", "no longer pending"}});
  if (i.plan_id) {
    DX_ASSIGN_OR_RETURN(Stmt p, db_.Prepare("SELECT 1 FROM plans WHERE id = ?"));
    p.Bind(1, *i.plan_id);
    DX_ASSIGN_OR_RETURN(bool exists, p.Step());
    if (!exists) return InvalidArgument("/plan_id", "no such plan", "Không có kế hoạch " + std::to_string(*i.plan_id));
  }
  DX_RETURN_IF_ERROR(sqlite::UpdateImport(db_, i, expected_revision, now_));
  DX_ASSIGN_OR_RETURN(PlanImport after, sqlite::SelectImport(db_, i.id));
  const char* action = after.state == ImportState::kCommitted   ? "commit"
                       : after.state == ImportState::kDiscarded ? "discard"
                                                                : "update";
  return Audit("plan_import", std::to_string(i.id), action,
               codec::Serialize(codec::ToJson(before)), codec::Serialize(codec::ToJson(after)));
}

namespace {

// Up to this many figures an audit entry spells out; a bulk import is summarised instead
// (every version of every figure stays in data_values and value_history either way).
constexpr size_t kFiguresAuditedInFull = 100;

// The audit body of a batch of figures: the figures themselves, or for a bulk batch their
// count, indicators, period range and unit count with a SHA-256 over every figure's
// indicator, unit, period, value, estimate flag, status and revision in batch order.
std::string AuditValues(const std::vector<DataValue>& values) {
  if (values.size() <= kFiguresAuditedInFull) {
    json::array rows;
    for (const auto& v : values) rows.push_back(codec::ToJson(v));
    return codec::Serialize(rows);
  }
  audit::ContentDigest digest;
  std::set<std::string_view> indicators;
  std::unordered_set<std::string_view> units;
  int64_t first = INT64_MAX, last = INT64_MIN;
  std::string from, to;
  char number[32], revision[24];
  for (const auto& v : values) {
    const std::string period = FormatPeriod(v.period);
    // The value in its shortest decimal form that reads back to the same double.
    const auto num_end = std::to_chars(number, number + sizeof number, v.value).ptr;
    const auto rev_end = std::to_chars(revision, revision + sizeof revision, v.version).ptr;
    digest.AddAll({v.indicator, v.unit_id, period, std::string_view(number, static_cast<size_t>(num_end - number)),
                   v.estimated ? "1" : "0", ValueStatusName(v.status),
                   std::string_view(revision, static_cast<size_t>(rev_end - revision))});
    indicators.insert(v.indicator);
    units.insert(v.unit_id);
    const int64_t key = static_cast<int64_t>(v.period.type) * 1000000 + Ordinal(v.period);
    if (key < first) { first = key; from = period; }
    if (key > last) { last = key; to = period; }
  }
  json::array codes;
  for (const auto& c : indicators) codes.push_back(json::value(std::string(c)));
  return codec::Serialize(json::object{{"count", values.size()}, {"indicators", std::move(codes)},
                                       {"units", units.size()}, {"from", from}, {"to", to},
                                       {"sha256", digest.Hex()}});
}

}  // namespace

Result<ValueCounts> SqliteTxn::PutValues(const std::vector<DataValue>& values, Provenance provenance) {
  std::set<std::string> known;
  for (size_t i = 0; i < values.size(); ++i) {
    if (known.count(values[i].indicator)) continue;
    auto found = sqlite::SelectIndicator(db_, values[i].indicator);
    if (!found.ok()) {
      if (found.error().code() != ErrorCode::kNotFound) return std::move(found).error();
      return Error(ErrorCode::kNotFound, "Không có chỉ tiêu " + values[i].indicator,
                   "no indicator " + values[i].indicator,
                   {{"/values/" + std::to_string(i) + "/indicator", "unknown indicator"}});
    }
    known.insert(values[i].indicator);
  }
  std::vector<DataValue> changed, previous;
  DX_ASSIGN_OR_RETURN(ValueCounts counts,
                      sqlite::UpsertValues(db_, values, provenance, actor_.user, now_, changed, previous));
  if (changed.empty()) return counts;
  const std::string id = changed.size() == 1 ? changed[0].indicator + "/" + (changed[0].unit_id.empty() ? "national" : changed[0].unit_id) + "/" + FormatPeriod(changed[0].period)
                                             : std::to_string(changed.size()) + " values";
  std::optional<std::string> before;
  if (!previous.empty()) before = AuditValues(previous);
  DX_RETURN_IF_ERROR(Audit("values", id, "put", std::move(before), AuditValues(changed)));
  if (written_values_.empty()) written_values_ = std::move(changed);
  else written_values_.insert(written_values_.end(), std::make_move_iterator(changed.begin()),
                              std::make_move_iterator(changed.end()));
  return counts;
}

Result<int64_t> SqliteTxn::CreateApiToken(const ApiToken& t) {
  DX_RETURN_IF_ERROR(ValidateApiToken(t));
  if (t.secret_hash.size() != 64) return Internal("API token without a secret hash");
  if (!FindUnit(t.unit_id))
    return InvalidArgument("/unit", "unknown unit '" + t.unit_id + "'", "Không có đơn vị " + t.unit_id);
  DX_ASSIGN_OR_RETURN(int64_t id, sqlite::InsertApiToken(db_, t, now_));
  DX_ASSIGN_OR_RETURN(ApiToken stored, sqlite::SelectApiTokenById(db_, id));
  DX_RETURN_IF_ERROR(Audit("api_token", std::to_string(id), "create", std::nullopt, AuditBody(stored)));
  return id;
}

Status SqliteTxn::RevokeApiToken(int64_t id) {
  DX_ASSIGN_OR_RETURN(ApiToken before, sqlite::SelectApiTokenById(db_, id));
  if (before.revoked_at) return OkStatus();
  DX_RETURN_IF_ERROR(sqlite::MarkApiTokenRevoked(db_, id, now_));
  DX_ASSIGN_OR_RETURN(ApiToken after, sqlite::SelectApiTokenById(db_, id));
  return Audit("api_token", std::to_string(id), "revoke", AuditBody(before), AuditBody(after));
}

Result<int64_t> SqliteTxn::AddProgress(const ProgressEntry& p, int64_t expected) {
  DX_RETURN_IF_ERROR(ValidateProgress(p));
  DX_ASSIGN_OR_RETURN(Task task, LoadTask(p.task_id));
  if (expected >= 0 && task.version != expected) return Stale("nhiệm vụ", "task", task.version);
  const Unit* lead = FindUnit(task.lead.unit_id);
  const bool group_task = lead && VersionOrLatest(*lead, today_).kind == UnitKind::kGroup;
  if (group_task && !p.unit_id.empty()) {
    // The addressee's own state; the task's state is the roll-up of its addressees.
    TaskAddressee a{p.unit_id, TaskStatus::kNotStarted, std::nullopt, 0};
    DX_ASSIGN_OR_RETURN(Stmt g, db_.Prepare(
        "SELECT status, completed_on, progress_percent FROM task_addressees WHERE task_id = ? AND unit_id = ?"));
    g.Bind(1, task.id).Bind(2, std::string_view(p.unit_id));
    DX_ASSIGN_OR_RETURN(bool found, g.Step());
    if (found) {
      a.status = ParseTaskStatus(g.Text(0)).value_or(TaskStatus::kNotStarted);
      if (auto c = g.OptText(1)) a.completed_on = ParseIsoDate(*c);
      a.progress_percent = static_cast<int>(g.Int(2));
    }
    ApplyProgress(p, today_, a.status, a.completed_on, a.progress_percent);
    DX_ASSIGN_OR_RETURN(Stmt w, db_.Prepare(
        "INSERT OR REPLACE INTO task_addressees(task_id, unit_id, status, completed_on, progress_percent) "
        "VALUES (?, ?, ?, ?, ?)"));
    const std::optional<std::string> completed = a.completed_on ? std::optional(FormatIso(*a.completed_on)) : std::nullopt;
    w.Bind(1, task.id).Bind(2, std::string_view(p.unit_id)).Bind(3, std::string_view(TaskStatusName(a.status)));
    w.Bind(4, completed).Bind(5, a.progress_percent);
    Status wr = w.Run();
    if (!wr.ok() && wr.error().code() == ErrorCode::kConflict)
      return InvalidArgument("/unit", "unknown unit '" + p.unit_id + "'", "Không có đơn vị " + p.unit_id);
    DX_RETURN_IF_ERROR(std::move(wr));
    // Roll up: done when every current addressee is done; percent is their mean.
    auto members = store_.registry()->Expand(task.lead.unit_id, today_);
    DX_ASSIGN_OR_RETURN(Stmt all, db_.Prepare(
        "SELECT unit_id, status, completed_on, progress_percent FROM task_addressees WHERE task_id = ?"));
    all.Bind(1, task.id);
    std::map<std::string, TaskAddressee> states;
    for (;;) {
      DX_ASSIGN_OR_RETURN(bool row, all.Step());
      if (!row) break;
      TaskAddressee x{all.Text(0), ParseTaskStatus(all.Text(1)).value_or(TaskStatus::kNotStarted), std::nullopt,
                      static_cast<int>(all.Int(3))};
      if (auto c = all.OptText(2)) x.completed_on = ParseIsoDate(*c);
      states[x.unit_id] = x;
    }
    int sum = 0, done = 0, started = 0;
    std::optional<Date> last_done;
    for (const auto& m : members) {
      auto it = states.find(m);
      if (it == states.end()) continue;
      sum += it->second.progress_percent;
      if (it->second.status == TaskStatus::kDone) {
        ++done;
        if (!last_done || *it->second.completed_on > *last_done) last_done = it->second.completed_on;
      }
      if (it->second.status != TaskStatus::kNotStarted) ++started;
    }
    if (!members.empty()) {
      task.progress_percent = sum / static_cast<int>(members.size());
      if (done == static_cast<int>(members.size())) {
        task.status = TaskStatus::kDone;
        task.completed_on = last_done;
      } else if (task.status == TaskStatus::kDone || (task.status == TaskStatus::kNotStarted && started > 0)) {
        task.status = TaskStatus::kInProgress;
        task.completed_on.reset();
      }
    }
  } else {
    if (!p.unit_id.empty() && p.unit_id != task.lead.unit_id)
      return InvalidArgument("/unit", "only a task addressed to a group takes per-unit progress",
                             "Chỉ nhiệm vụ giao cho nhóm đơn vị mới báo cáo theo từng đơn vị");
    ApplyProgress(p, today_, task.status, task.completed_on, task.progress_percent);
  }
  DX_RETURN_IF_ERROR(StoreTaskState(task));
  ProgressEntry stored = p;
  stored.at = now_;
  if (stored.status == TaskStatus::kDone && !stored.completed_on) stored.completed_on = today_;
  json::object body = codec::ToJson(stored);
  body.erase("id");
  DX_ASSIGN_OR_RETURN(Stmt ins, db_.Prepare("INSERT INTO progress(task_id, unit_id, body, at) VALUES (?, ?, ?, ?)"));
  const std::string b = codec::Serialize(body);
  ins.Bind(1, p.task_id);
  if (p.unit_id.empty()) ins.BindNull(2); else ins.Bind(2, std::string_view(p.unit_id));
  ins.Bind(3, std::string_view(b)).Bind(4, std::string_view(now_));
  DX_RETURN_IF_ERROR(ins.Run());
  const int64_t id = db_.LastInsertId();
  DX_RETURN_IF_ERROR(Audit("progress", std::to_string(id), "create", std::nullopt, b));
  return id;
}

}  // namespace

Result<int> MigrateSqliteFile(const std::string& path) {
  DX_ASSIGN_OR_RETURN(Db db, Db::Open(path, true));
  return sqlite::ApplyMigrations(db);
}

std::filesystem::path BackupFilesDir(const std::string& backup_path) { return backup_path + ".files"; }

Status RestoreSqliteFile(const std::string& backup_path, const std::string& db_path) {
  if (!std::filesystem::exists(backup_path))
    return InvalidArgument("--from", "no such file", "Không có tệp sao lưu " + backup_path);
  DX_ASSIGN_OR_RETURN(Db src, Db::OpenReadOnly(backup_path));
  DX_ASSIGN_OR_RETURN(Stmt check, src.Prepare("PRAGMA integrity_check"));
  DX_ASSIGN_OR_RETURN(bool row, check.Step());
  if (!row || check.Text(0) != "ok")
    return Error(ErrorCode::kInvalidArgument, "Tệp sao lưu bị hỏng, không khôi phục", "the backup fails its integrity check");
  int version = 0;
  if (auto v = src.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"); v.ok()) {
    auto vrow = v->Step();
    if (vrow.ok() && *vrow) version = static_cast<int>(v->Int(0));
  }
  if (version == 0 || version > sqlite::LatestSchemaVersion())
    return Error(ErrorCode::kInvalidArgument, "Tệp không phải bản sao lưu dxgov phù hợp với phiên bản này",
                 "not a dxgov backup this version can read (schema " + std::to_string(version) + ")");
  DX_ASSIGN_OR_RETURN(Db dest, Db::Open(db_path, true));
  sqlite3_backup* b = sqlite3_backup_init(dest.raw(), "main", src.raw(), "main");
  if (!b) return sqlite::FromSqlite(sqlite3_errcode(dest.raw()), dest.raw(), "restore");
  const int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return sqlite::FromSqlite(rc, dest.raw(), "restore");
  DX_RETURN_IF_ERROR(dest.Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  // The evidence files the backup names, from the directory written beside it.
  if (version < 10) return OkStatus();
  DX_ASSIGN_OR_RETURN(std::vector<std::string> shas, sqlite::SelectEvidenceFiles(src));
  if (shas.empty()) return OkStatus();
  const files::BlobDir from(BackupFilesDir(backup_path));
  return from.CopyTo(shas, SqliteStore::FilesDirOf(db_path));
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  static const SystemClock kSystemClock;
  DX_ASSIGN_OR_RETURN(Db writer, Db::Open(options.path, true));
  DX_RETURN_IF_ERROR(sqlite::ApplyMigrations(writer));
  if (options.max_pages > 0)
    DX_RETURN_IF_ERROR(writer.Exec("PRAGMA max_page_count = " + std::to_string(options.max_pages)));
  std::vector<std::unique_ptr<Db>> readers;
  for (int i = 0; i < std::max(1, options.read_connections); ++i) {
    DX_ASSIGN_OR_RETURN(Db r, Db::Open(options.path, false));
    readers.push_back(std::make_unique<Db>(std::move(r)));
  }
  auto store = std::make_unique<SqliteStore>(options.path, std::move(writer), std::move(readers),
                                             options.clock ? options.clock : &kSystemClock);
  DX_RETURN_IF_ERROR(store->LoadRegistry());
  DX_RETURN_IF_ERROR(store->LoadTaskIndex());
  DX_RETURN_IF_ERROR(store->LoadIndicators());
  DX_RETURN_IF_ERROR(store->LoadValues());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace dxgov
