// The storage interface. The API, the demo loader and the CLI talk to storage only through
// this; SQLite implements it now (store/sqlite), PostgreSQL later, and both must pass the
// same conformance suite (tests/store/store_conformance_test.cc).
//
// Contracts common to every method:
//  * Writes are all-or-nothing: on error nothing is changed.
//  * Every entity carries a revision; an update names the revision it was based on and
//    fails with kPreconditionFailed (Error::detail = current revision) when it is stale.
//  * Nothing is hard-deleted; every change keeps the previous revision in history.
//  * Thread-safe: any number of threads may call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/audit.h"
#include "core/evidence.h"
#include "core/indicator.h"
#include "core/key_task.h"
#include "core/plan_import.h"
#include "core/platform.h"
#include "core/query.h"
#include "core/reminder.h"
#include "core/report_cycle.h"
#include "core/session.h"
#include "core/rollup.h"
#include "core/status.h"
#include "core/unit.h"

namespace dxgov {

// One write transaction. Valid only inside Store::Write's callback.
class WriteTxn {
 public:
  virtual ~WriteTxn() = default;
  // REQUIRES: the unit id is new.
  virtual Status CreateUnit(const Unit& u) = 0;
  // Replaces the unit's record; fails on a stale revision.
  virtual Status ReplaceUnit(const Unit& u, int64_t expected_revision) = 0;
  // Returns the new plan id. Plan.key, if set, must be unique.
  virtual Result<int64_t> CreatePlan(const Plan& p) = 0;
  virtual Status ReplacePlan(const Plan& p, int64_t expected_revision) = 0;
  virtual Result<int64_t> CreateObjective(const Objective& o) = 0;
  virtual Status ReplaceObjective(const Objective& o, int64_t expected_revision) = 0;
  virtual Result<int64_t> CreateTask(const Task& t) = 0;
  virtual Status ReplaceTask(const Task& t, int64_t expected_revision) = 0;
  // Appends an entry and applies it to the task (or the group task's addressee).
  virtual Result<int64_t> AddProgress(const ProgressEntry& p, int64_t expected_task_revision) = 0;

  // Accounts. The audit trail records users without their password hash (a change of
  // password shows as a new password_changed_at) and tokens without their secret hash.
  // Returns the new user id; the login must be unused (kConflict).
  virtual Result<int64_t> CreateUser(const User& u) = 0;
  // Replaces every field, the password hash included; fails on a stale revision.
  virtual Status ReplaceUser(const User& u, int64_t expected_revision) = 0;
  // Ends every session of the user (after disabling it or changing its password).
  virtual Status RevokeUserSessions(int64_t user_id) = 0;
  // REQUIRES: t.secret_hash is set and unique. Returns the new token id.
  virtual Result<int64_t> CreateApiToken(const ApiToken& t) = 0;
  // Marks the token revoked now; kNotFound when there is none, ok when already revoked.
  virtual Status RevokeApiToken(int64_t id) = 0;

  // Indicators. The code must be unused (kConflict). Returns the new id.
  // REQUIRES: ValidateIndicator(ind) passed.
  virtual Result<int64_t> CreateIndicator(const Indicator& ind) = 0;
  // Replaces the definition (by code); fails on a stale revision. Its figures are kept.
  virtual Status ReplaceIndicator(const Indicator& ind, int64_t expected_revision) = 0;
  // Records figures, each under the actor's name with `provenance`. A figure equal to the
  // stored one changes nothing; a changed one keeps its previous version in history. The
  // batch is one audit entry listing every figure written and the versions it replaced.
  // kNotFound (field /values/<i>/indicator) when a figure names no indicator.
  // REQUIRES: each figure passed ValidateValue.
  virtual Result<ValueCounts> PutValues(const std::vector<DataValue>& values, Provenance provenance) = 0;

  // National platforms. The key must be unused (kConflict). Returns the new id.
  // REQUIRES: ValidatePlatform(p) passed.
  virtual Result<int64_t> CreatePlatform(const Platform& p) = 0;

  // Plan imports (core/plan_import.h); the audit trail records each one's summary, never
  // its document or proposal. Returns the new id. The state must be pending.
  virtual Result<int64_t> CreateImport(const PlanImport& i) = 0;
  // Records a decision: the state, the plan it became, the proposal as committed and who
  // decided; the document and read summary never change. Fails on a stale revision; only a
  // pending import may change (kConflict otherwise).
  virtual Status ReplaceImport(const PlanImport& i, int64_t expected_revision) = 0;

  // Report cycles (core/report_cycle.h). REQUIRES: ValidateCycle(c) passed. The creator is
  // the actor. Returns the new id.
  virtual Result<int64_t> CreateCycle(const ReportCycle& c) = 0;
  // Replaces the cycle; fails on a stale revision.
  virtual Status ReplaceCycle(const ReportCycle& c, int64_t expected_revision) = 0;
  // A unit's one submission in a cycle: kConflict when it already has one; the cycle and
  // the unit must exist (kInvalidArgument /cycle, /unit). Returns the new id; the new
  // submission's revision is 1 (so the same transaction may replace it at once).
  virtual Result<int64_t> CreateSubmission(const Submission& s) = 0;
  // Replaces the submission (content and state), keeping the previous revision; the audit
  // entry's action is the state it moves to ("submit", "accept", "return") or "update".
  virtual Status ReplaceSubmission(const Submission& s, int64_t expected_revision) = 0;

  // Members' key tasks (core/key_task.h). The plan and unit must exist (kInvalidArgument
  // /plan_id, /unit). Returns the new id. ReplaceKeyTask fails on a stale revision; its audit
  // action is "roadmap" when only the roadmap changed, "result" when only the results did,
  // else "update".
  virtual Result<int64_t> CreateKeyTask(const KeyTask& k) = 0;
  virtual Status ReplaceKeyTask(const KeyTask& k, int64_t expected_revision) = 0;

  // Committee sessions (core/session.h). The committee, the plan and the conclusions
  // notices named must exist (kInvalidArgument at their path). Returns the new id.
  // ReplaceCommitteeSession fails on a stale revision; its audit action is the state it
  // moves to ("held", "cancelled"), "conclusions" when a notice was added, else "update".
  virtual Result<int64_t> CreateCommitteeSession(const CommitteeSession& s) = 0;
  virtual Status ReplaceCommitteeSession(const CommitteeSession& s, int64_t expected_revision) = 0;

  // A user's digest of the day's reminders, with a mark per item (core/reminder.h):
  // kConflict when the user already has a digest that day or an item already reminded them.
  // Audited as "notification" "create" (items, not the text). Returns the new id.
  virtual Result<int64_t> CreateNotification(const Notification& n) = 0;

  // Evidence (core/evidence.h). REQUIRES: ValidateEvidence(e) passed and, for a file, its
  // bytes were kept with Store::PutFile. The owner must exist (kInvalidArgument /owner_id).
  // The adder is the actor. Returns the new id.
  virtual Result<int64_t> AddEvidence(const Evidence& e) = 0;
};

// Who makes a change, for the audit trail.
struct Actor {
  std::string user = "system";
  std::string remote;  // client address; empty for local commands
};

// What visibility needs of a plan, without its document.
struct PlanHeader {
  int64_t id = 0;
  std::string issuer_id;
  bool published = false;
};

struct StoreInfo {
  std::string backend;       // "sqlite"
  int schema_version = 0;
  std::string location;      // file path
  bool writable = true;      // false while the database refuses writes (read-only file or mount)
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fn` in one transaction; commits if it returns ok, rolls back otherwise. Every
  // change it makes is recorded in the audit trail, as made by `actor`, in the same
  // transaction. Writes are serialised; the callback must not call Write recursively.
  virtual Status Write(const Actor& actor, const std::function<Status(WriteTxn&)>& fn) = 0;
  Status Write(const std::function<Status(WriteTxn&)>& fn) { return Write(Actor{}, fn); }

  // The registry of all units as of the last committed write.
  virtual std::shared_ptr<const UnitRegistry> Units() const = 0;
  virtual Result<int64_t> UnitRevision(const std::string& id) = 0;

  virtual Result<Page<Plan>> ListPlans(const PlanQuery& q) = 0;
  virtual Result<Plan> GetPlan(int64_t id) = 0;
  // Every plan's id, issuer and publication, by id (cheap: no documents are read).
  virtual Result<std::vector<PlanHeader>> PlanHeaders() = 0;
  virtual Result<Plan> GetPlanByKey(const std::string& key) = 0;
  // The plan and every plan below it (children, grandchildren, ...).
  virtual Result<std::vector<int64_t>> PlanSubtree(int64_t id) = 0;

  virtual Result<Page<Objective>> ListObjectives(const ObjectiveQuery& q) = 0;
  virtual Result<Objective> GetObjective(int64_t id) = 0;

  // Filters as documented on TaskQuery; groups and predecessors are expanded with Units().
  virtual Result<Page<Task>> ListTasks(const TaskQuery& q) = 0;
  virtual Result<Task> GetTask(int64_t id) = 0;
  virtual Result<std::vector<TaskAddressee>> ListAddressees(int64_t task_id) = 0;
  virtual Result<Page<ProgressEntry>> ListProgress(int64_t task_id, int limit, int64_t offset) = 0;
  // Previous revisions of a task, newest first.
  virtual Result<std::vector<Task>> TaskHistory(int64_t task_id) = 0;

  // Accounts. GetUser* return the password hash too (for sign-in); callers never show it.
  virtual Result<User> GetUser(int64_t id) = 0;
  virtual Result<User> GetUserByLogin(const std::string& login) = 0;
  virtual Result<Page<User>> ListUsers(int limit, int64_t offset) = 0;
  // Enabled users holding the admin role.
  virtual Result<int64_t> CountAdmins() = 0;

  virtual Result<ApiToken> GetApiToken(int64_t id) = 0;
  virtual Result<ApiToken> GetApiTokenByHash(const std::string& secret_hash) = 0;
  virtual Result<std::vector<ApiToken>> ListApiTokens() = 0;
  // Records use; not audited (it is not a change anyone made).
  virtual Status TouchApiToken(int64_t id, const std::string& at) = 0;

  // Sessions are bookkeeping, not records: written outside the audit trail.
  virtual Status CreateSession(const Session& s) = 0;
  virtual Result<Session> GetSession(const std::string& id_hash) = 0;
  virtual Status TouchSession(const std::string& id_hash, int64_t now_s) = 0;
  virtual Status RevokeSession(const std::string& id_hash) = 0;

  // Indicators, by code.
  virtual Result<std::vector<Indicator>> ListIndicators() = 0;
  // The same definitions as of the last committed write, shared rather than copied (the
  // bulk value path reads them on every request). Never null.
  virtual std::shared_ptr<const std::vector<Indicator>> Indicators() const = 0;
  virtual Result<Indicator> GetIndicator(const std::string& code) = 0;
  virtual Result<Page<DataValue>> ListValues(const ValueQuery& q) = 0;
  // One figure's versions, the current one first; empty when it was never recorded.
  virtual Result<std::vector<DataValue>> ValueHistory(const std::string& indicator, const std::string& unit,
                                                      const Period& period) = 0;
  // National platforms, in list order (state-owned first, then by number).
  virtual Result<std::vector<Platform>> ListPlatforms() = 0;
  virtual Result<Platform> GetPlatform(const std::string& key) = 0;

  // One plan import with its document and proposal.
  virtual Result<PlanImport> GetImport(int64_t id) = 0;
  // Plan imports newest first, without their documents and proposals.
  virtual Result<Page<PlanImport>> ListImports(const ImportQuery& q) = 0;

  virtual Result<ReportCycle> GetCycle(int64_t id) = 0;
  // Latest due date first; all states unless one is given.
  virtual Result<Page<ReportCycle>> ListCycles(std::optional<CycleState> state, int limit, int64_t offset) = 0;
  virtual Result<Submission> GetSubmission(int64_t id) = 0;
  // kNotFound when the unit has no submission in the cycle.
  virtual Result<Submission> GetSubmissionFor(int64_t cycle_id, const std::string& unit_id) = 0;
  // Every submission of a cycle, by unit id.
  virtual Result<std::vector<Submission>> ListSubmissions(int64_t cycle_id) = 0;
  // Previous revisions of a submission, newest first.
  virtual Result<std::vector<Submission>> SubmissionHistory(int64_t id) = 0;

  virtual Result<KeyTask> GetKeyTask(int64_t id) = 0;
  // Every key task, or one plan's, by plan, ordinal and id.
  virtual Result<std::vector<KeyTask>> ListKeyTasks(std::optional<int64_t> plan_id) = 0;
  // Previous revisions of a key task, newest first.
  virtual Result<std::vector<KeyTask>> KeyTaskHistory(int64_t id) = 0;

  virtual Result<CommitteeSession> GetCommitteeSession(int64_t id) = 0;
  // Every session, or one year's, by year, month and id.
  virtual Result<std::vector<CommitteeSession>> ListCommitteeSessions(std::optional<int> year) = 0;

  // Reminder digests. Reading and mail delivery are bookkeeping, outside the audit trail.
  virtual Result<Notification> GetNotification(int64_t id) = 0;
  // A user's digests, newest day first.
  virtual Result<Page<Notification>> ListNotifications(int64_t user_id, bool unread_only, int limit, int64_t offset) = 0;
  virtual Result<bool> IsReminded(const std::string& reminder_key, int64_t user_id) = 0;
  virtual Result<bool> HasNotification(int64_t user_id, Date day) = 0;
  // Digests waiting to be mailed whose next attempt is due at `now` (ISO-8601 UTC).
  virtual Result<std::vector<Notification>> PendingMail(const std::string& now, int limit) = 0;
  // A delivery attempt: sent, or failed with `error` and retried at `next_attempt_at`.
  virtual Status RecordMailAttempt(int64_t id, bool sent, const std::string& error, const std::string& now,
                                   const std::string& next_attempt_at) = 0;
  // kNotFound unless the digest is the user's; reading twice keeps the first time.
  virtual Status MarkNotificationRead(int64_t id, int64_t user_id, const std::string& now) = 0;

  // One progress entry, by id.
  virtual Result<ProgressEntry> GetProgress(int64_t id) = 0;

  // Evidence files' bytes, kept by SHA-256 beside the database, outside any transaction:
  // keep the bytes first, then record the evidence (a file no record names is harmless).
  // Returns the lowercase hex hash; storing the same bytes again stores nothing new.
  virtual Result<std::string> PutFile(std::string_view bytes) = 0;
  // kNotFound when no such file is kept; kInternal when it is damaged.
  virtual Result<std::string> ReadFile(const std::string& sha256) = 0;
  virtual Result<Evidence> GetEvidence(int64_t id) = 0;
  // The evidence of one progress entry or submission, oldest first.
  virtual Result<std::vector<Evidence>> ListEvidence(EvidenceOwner owner, int64_t owner_id) = 0;

  // Rollups over every committed figure (core/rollup.h); a committed PutValues is visible
  // to the next call.
  virtual const RollupEngine& Rollups() const = 0;

  // Audit entries, newest first unless q.oldest_first.
  virtual Result<Page<AuditEntry>> ListAudit(const AuditQuery& q) = 0;

  // Writes a consistent copy of the whole database to `dest_path` (which must not exist)
  // while writes go on, and beside it the evidence files the copy names (the SQLite store:
  // into "<dest_path>.files/").
  virtual Status Backup(const std::string& dest_path) = 0;

  // True when the database holds no plan and no unit.
  virtual Result<bool> IsEmpty() = 0;
  // Flushes the write-ahead log into the main file (used at shutdown and before backup).
  virtual Status Checkpoint() = 0;
  virtual StoreInfo Info() const = 0;
};

}  // namespace dxgov
