// The request handler of the API: one object per request, holding who is calling and
// what the request names. Its methods are the routes (declared here, defined by concern in
// api/*_routes.cc) and the helpers they share (defined in api/routes.cc).
//
// Private to the API: nothing outside src/api includes this header.
#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "api/http_auth.h"
#include "api/http_types.h"
#include "api/routes.h"
#include "codec/json_codec.h"
#include "core/access.h"
#include "core/account.h"
#include "core/query.h"
#include "store/store.h"

namespace dxgov::exporting {
struct CycleReport;
}

namespace dxgov::api {

class EventHub;
class QueryParams;
namespace json = boost::json;

class Handler;
using RouteFn = HttpResponse (Handler::*)();

struct Route {
  const char* method;
  const char* pattern;  // segments; "{id}" is a positive integer, "{key}" any segment
  Action action;
  RouteFn fn;
};

// Every route, in the order requests are matched.
const std::vector<Route>& RouteTable();

inline int64_t UnixSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

class Handler {
 public:
  Handler(Store& store, const Clock& clock, const ApiOptions& options, const HttpRequest& req,
          auth::PasswordHasher& hasher, auth::LoginThrottle& throttle, EventHub& events)
      : store_(store), clock_(clock), options_(options), req_(req), reg_(store.Units()), hasher_(hasher),
        throttle_(throttle), events_(events), now_(clock.Now()),
        client_(ClientAddress(req.remote, req.forwarded_for, options.trusted_proxies)) {}

  // Answers the request: finds the route, authenticates, authorises and runs it.
  HttpResponse Dispatch();

 private:

  // ------------------------------------------------------------ router

  HttpResponse RouteRequest();
  static bool Matches(const char* pattern, const std::vector<std::string>& parts);
  bool BindPathParams(const char* pattern, const std::vector<std::string>& parts);

  // ------------------------------------------------------------ who is calling

  bool SecureCookies() const;
  HttpResponse Unauthenticated(const std::string& vi, const std::string& en);
  // Sets principal_ from an API token or a session cookie. A bad token is an error; a
  // stale cookie just makes the caller anonymous (and the cookie is cleared).
  std::optional<HttpResponse> Authenticate();
  std::optional<HttpResponse> AuthenticateToken(const std::string& bearer);
  std::string NowIso(int64_t shift_s = 0) const;

  // ------------------------------------------------------------ what the caller may do

  HttpResponse Refuse(Verdict v, Action action);
  // Asks core/access.h about this route's action on `subject`; nullopt when allowed.
  std::optional<HttpResponse> Authorize(const Subject& subject);
  std::optional<HttpResponse> Authorize(Action action, const Subject& subject);
  // Plans the caller may see: nullopt when all of them.
  Result<std::optional<std::vector<int64_t>>> VisiblePlans();
  // True when the caller may read what `subject` describes (a reference the caller names
  // must be one it can see: anything else is "unknown", never "forbidden").
  bool MaySee(const Subject& subject) const;
  Subject PlanSubject(const Plan& plan);
  // The subject of anything inside plan `plan_id`; a missing plan is treated as a draft of
  // nobody's, which only global readers see.
  Subject PlanSubjectOf(int64_t plan_id);
  Subject TaskSubject(const Task& t);

  // ------------------------------------------------------------ shared by every route

  HttpResponse NotFoundRoute();
  HttpResponse Health();
  HttpResponse Version();
  Date Today() const;
  // Who makes a change, for the audit trail.
  Actor Who() const;
  // Reads a JSON body, checking media type; nullopt + response on failure.
  std::optional<json::value> Body(HttpResponse& fail, bool merge_patch_ok);
  // Checks If-Match against the current revision: 428 when missing, 412 when stale.
  std::optional<HttpResponse> Precondition(int64_t current);
  HttpResponse WithETag(HttpResponse r, int64_t revision);
  // A single resource, answering 304 when the client's copy is current.
  HttpResponse Single(const json::value& v, int64_t revision);
  // Every unit a task names exists; paths point at the offending member.
  Status CheckUnitRefs(const Task& t);

  // ------------------------------------------------------------ audit (account_routes.cc)

  HttpResponse ListAudit();

  // ------------------------------------------------------------ units (unit_routes.cc)

  HttpResponse ListUnits();
  HttpResponse GetUnit();
  // A unit change is checked against the whole registry (parents, successors, members).
  Status CheckRegistryWith(const Unit& u);
  HttpResponse CreateUnit();
  HttpResponse PatchUnit();

  // ------------------------------------------------------------ plans, objectives and tasks (plan_routes.cc)

  HttpResponse ListPlans();
  json::object PlanView(const Plan& plan);
  HttpResponse GetPlan();
  Status CheckPlanRefs(const Plan& plan);
  HttpResponse ListObjectives();

  // ------------------------------------------------------------ indicators, figures, rollups, platforms, events (indicator_routes.cc)

  const Principal* Caller() const;
  bool GlobalReader() const;
  bool MayReport(const std::string& unit) const;
  // The indicator named by the path or a parameter, if the caller may see it.
  Result<Indicator> VisibleIndicator(const std::string& code, std::optional<HttpResponse>& refused);
  HttpResponse ListIndicators();
  Result<std::vector<Objective>> ObjectivesMeasuredBy(const std::string& code);
  HttpResponse GetIndicator();
  // Rules must name indicators that exist (or the one being written).
  std::optional<HttpResponse> CheckIndicatorRefs(const Indicator& ind);
  HttpResponse CreateIndicator();
  HttpResponse PatchIndicator();
  // "national" in a parameter is the country ("" inside dxgov).
  static std::string UnitParam(const std::string& s);
  HttpResponse ListValues();
  // A batch of figures, as JSON ({"values":[...], "accept_valid_rows":false}) or as CSV
  // (text/csv; ?format=vi|en&accept_valid_rows=true). All or nothing unless asked
  // otherwise; every bad row is named (/values/<i>/<field>, /rows/<line>/<field>).
  HttpResponse PostValues();
  HttpResponse PostValuesCsv();
  struct Candidate {
    DataValue v;
    std::string path;  // where the row is, for errors
  };

  // Checks each figure against its indicator, the registry and the caller's rights, then
  // writes the batch (or the good rows, when asked) in one transaction.
  HttpResponse RecordValues(std::vector<Candidate> cands, std::vector<FieldError> errs, size_t bad_rows,
                            bool accept_valid, Provenance provenance);
  // GET /api/values/history?indicator=&unit=&period= — one figure's versions, newest first.
  HttpResponse ValueHistory();
  // POST /api/values/approve {"items":[{"indicator","unit","period","revision"}]}: marks
  // submitted figures approved, all or none. A stale revision is 412.
  HttpResponse ApproveValues();
  // One "values:<indicator>" event per indicator of a written batch: which units and periods
  // changed, so that listeners refetch their rollups. Drafts and unpublished indicators are
  // never announced (the stream is public).
  void AnnounceValues(const std::vector<DataValue>& written, const std::map<std::string, const Indicator*>& defs);
  json::object PlatformView(const Platform& p);
  // "tasks:<plan id>" when a task of a published plan changes (its status or progress), and
  // "submissions:<cycle id>" when a report is submitted, accepted or returned: a signal to
  // refetch, carrying ids only, since the stream is public.
  void AnnounceTaskChange(int64_t plan_id);
  void AnnounceSubmission(int64_t cycle_id);

  // ------------------------------------------------------------ plan imports (import_routes.cc)

  Subject ImportSubject(const PlanImport& i) const;
  // Earlier records of the same document: committed imports of the same bytes, and plans
  // with the same decision number from the same issuer (a plan typed in before imports
  // existed, or loaded with the demo data). Each as {"import"|"plan": id, "key", "reason"}.
  Result<json::array> DuplicatesOf(const std::string& sha256, const std::string& number, const std::string& issuer,
                                   int64_t except_import);
  // POST /api/imports?name=FILE with the document as the body (text/plain or text/markdown,
  // UTF-8): reads it and keeps it as a pending import with the proposal. Nothing of it is a
  // plan until committed.
  HttpResponse UploadImport();
  // Imports the caller may see, newest first.
  HttpResponse ListImports();
  // Loads the import the path names into `out` when the request has no query parameters and
  // the caller may see the import; otherwise the response to send.
  std::optional<HttpResponse> LoadVisibleImport(PlanImport& out);
  HttpResponse GetImport();
  // The document as uploaded, for reading beside the proposal (its line numbers refer to it).
  HttpResponse GetImportDocument();
  // The refusal for an import that is no longer pending: committed (re-committing the same
  // document) or discarded.
  HttpResponse NotPending(const PlanImport& i);
  // POST /api/imports/{id}/commit {"proposal"?: the reviewed proposal, "key"?, "parent"?: plan
  // id, "published"?, "unresolved_to_issuer"?}: the plan, its objectives and tasks in one transaction, and the import
  // marked committed with the proposal as committed.
  HttpResponse CommitImport();
  HttpResponse DiscardImport();

  // ------------------------------------------------------------ platforms, events, rollups (indicator_routes.cc)

  HttpResponse ListPlatforms();
  // A platform with the tasks that promote it and its adoption: each adoption indicator's
  // yearly rollup for `unit` (the country by default) over the last `years` years.
  HttpResponse GetPlatform();
  // GET /api/events?topics=values,values:HTS-01 — a Server-Sent Events stream.
  HttpResponse GetEvents();
  HttpResponse GetRollups();
  HttpResponse GetAttainment();

  // ------------------------------------------------------------ objectives and tasks (plan_routes.cc)

  json::object ObjectiveView(const Objective& o);
  HttpResponse GetObjective();
  Status CheckObjectiveRefs(const Objective& o);
  HttpResponse ListTasks();
  json::object TaskDetail(const Task& t, Date as_of, int soon);
  HttpResponse GetTask();
  // Checks what needs storage: units exist, the plan and parent exist, objectives exist.
  Status CheckTaskRefs(const Task& t);
  // Marking a task done without saying when means today; a completion date carried over
  // from the stored task is dropped when the task leaves "done". A date the client itself
  // sends with another status stays, and validation rejects it.
  void SettleCompletion(json::value& merged, const json::object& sent);
  // How one kind of record is decoded, checked, stored and shown; creating and patching
  // then go the same way for plans, objectives and tasks.
  template <typename T>
  struct Kind {
    const char* collection;  // "plans": the path under /api/
    Result<T> (*decode)(const json::value&, const std::string&, codec::ReadMode);
    std::function<Status(const T&)> check;  // the references that need storage
    std::function<Result<int64_t>(WriteTxn&, const T&)> create;
    std::function<Status(WriteTxn&, const T&, int64_t)> replace;
    std::function<Result<T>(int64_t)> get;
    std::function<json::object(const T&)> view;
    // Optional: adjusts the JSON before decoding (given what the client sent).
    std::function<void(json::value&, const json::object&)> settle = nullptr;
    // Optional: rules on what a record may become; `current` is null when it is created.
    std::function<Status(const T& updated, const T* current)> check_change = nullptr;
    // What authorisation looks at (core/access.h).
    std::function<Subject(const T&)> subject = nullptr;
    // Optional: true when a change needs the plan editor's right (kEditPlan) on top of
    // the route's own action (a task's lead may move its status, not its assignment).
    std::function<bool(const T& updated, const T& current)> changes_assignment = nullptr;
  };

  template <typename T>
  HttpResponse Create(const Kind<T>& k);
  template <typename T>
  HttpResponse Patch(const Kind<T>& k);
  Kind<Plan> Plans();
  Kind<Objective> Objectives();
  Kind<Task> Tasks();
  HttpResponse ListProgress();
  HttpResponse AddProgress();
  HttpResponse TaskHistory();

  // ------------------------------------------------------------ the cascade of plans (cascade_routes.cc)

  // GET /api/tasks/{id}/cascade: the parent, the tasks it serves, its sub-tasks and the
  // tasks of other plans implementing it, each set with a summary.
  HttpResponse GetTaskCascade();
  // GET /api/plans/{id}/registrations: per duty of the plan, every respondent's own plan
  // and whether it was issued on time.
  HttpResponse GetPlanRegistrations();

  // ------------------------------------------------------------ the monitoring board (board_routes.cc)

  // GET /api/board/tasks?plan=|under_plan=&as_of=: the visible tasks counted by section,
  // by the kind of their lead unit and by lead unit.
  HttpResponse GetTaskBoard();
  // GET /api/board/units/{key}?plan=|under_plan=&as_of=: the unit's overdue and due-soon
  // tasks as lead (its own part of group tasks) and as coordinator.
  HttpResponse GetUnitBoard();

  // ------------------------------------------------------------ members' key tasks (key_task_routes.cc)

  // GET /api/key-tasks?plan=&unit=&slipping=&as_of=: each with its roadmap's standing.
  HttpResponse ListKeyTasks();
  Kind<KeyTask> KeyTasks();
  // POST and PATCH: the plan's editors (the standing agency) register and change key tasks.
  HttpResponse CreateKeyTask();
  HttpResponse PatchKeyTask();
  // GET /api/key-tasks/{id}?as_of=: month by month, expected against reached.
  HttpResponse GetKeyTask();
  // PUT /api/key-tasks/{id}/roadmap and PUT /api/key-tasks/{id}/months/{key} (1..12): the
  // member's unit sends its roadmap and reports a month's result (If-Match required).
  HttpResponse PutRoadmap();
  HttpResponse PutMonthlyResult();
  HttpResponse KeyTaskHistory();
  Subject KeyTaskSubject(const KeyTask& k);
  json::object KeyTaskView(const KeyTask& k, Date as_of);

  // ------------------------------------------------------------ committee sessions (session_routes.cc)

  // GET /api/committee-sessions?year=: the sessions, by month, each with its notices' ids.
  HttpResponse ListCommitteeSessions();
  Kind<CommitteeSession> CommitteeSessions();
  // POST and PATCH: the standing agency schedules a session, fixes its date, agenda and
  // documents, and records it held or cancelled. A patch keeps the session's notices.
  HttpResponse CreateCommitteeSession();
  HttpResponse PatchCommitteeSession();
  // GET /api/committee-sessions/{id}?as_of=: the session and its conclusions notices, each
  // with how its tasks stand.
  HttpResponse GetCommitteeSession();
  // POST /api/committee-sessions/{id}/conclusions: a notice whose items become tasks, in one
  // transaction with the session listing it.
  HttpResponse AddConclusions();
  json::object SessionView(const CommitteeSession& s, Date as_of, bool with_notices);

  // ------------------------------------------------------------ notifications and reminders (notification_routes.cc)

  // GET /api/notifications?unread=true: the caller's reminder digests, newest first. Users
  // only: a token has none (403).
  HttpResponse ListNotifications();
  // POST /api/notifications/{id}/read: the caller's own digest only (404 otherwise).
  HttpResponse ReadNotification();
  // POST /api/reminders/run: today's reminders now, then delivery.
  HttpResponse RunReminders();

  // ------------------------------------------------------------ report cycles (report_routes.cc)

  // GET /api/cycles?state=: open and closed cycles to anyone signed in; drafts only to
  // those who manage cycles.
  HttpResponse ListCycles();
  Kind<ReportCycle> Cycles();
  HttpResponse CreateCycle();
  HttpResponse GetCycle();
  // Open or closed, a cycle keeps its period, respondents, plans, indicators and sections:
  // only the title, dates and state change. Draft → open → closed → open.
  HttpResponse PatchCycle();
  // GET /api/cycles/{id}/submissions?as_of=: every respondent's standing (the board).
  HttpResponse ListCycleResponses();
  // GET /api/cycles/{id}/submissions/{key}: what the unit reports on (its tasks, figures,
  // sections, with their current state) and its submission so far.
  HttpResponse GetSubmission();
  // PUT: saves the content as a draft (If-Match once one exists).
  HttpResponse SaveSubmission();
  // POST .../submit [content]: checks it is complete, then in one transaction appends a
  // progress entry per task, records the figures and marks the submission submitted.
  HttpResponse SubmitSubmission();
  // POST .../accept and .../return {"reason"}: the standing agency's review.
  HttpResponse AcceptSubmission();
  HttpResponse ReturnSubmission();
  HttpResponse GetSubmissionHistory();

  // What a respondent reports on in a cycle, read from storage.
  struct ReportScope {
    SubmissionDue due;
    std::vector<Task> tasks;                   // in due.task_ids' order
    std::set<int64_t> as_addressee;            // group tasks: the respondent reports for itself
    std::map<int64_t, TaskAddressee> own_state;  // its own state on those
  };
  Result<ReportScope> ScopeOf(const ReportCycle& c, const std::string& unit);
  // The cycle in the path, if the caller may see it (drafts: cycle managers only).
  Result<ReportCycle> VisibleCycle();
  // The cycle and respondent the path names, authorised for this route's action: the
  // refusal (404 for a unit that is not a respondent) or nullopt.
  std::optional<HttpResponse> LoadRespondent(ReportCycle& cycle);
  // Plans exist and are visible, indicators exist and fit the period, units exist.
  Status CheckCycleRefs(const ReportCycle& c);
  json::object SubmissionPage(const ReportCycle& c, const ReportScope& scope, const Submission* s);
  // The answer to a submission route: the page, with the submission's ETag.
  // `known`: the unit's scope when this request did not change it (saves), else reread.
  HttpResponse SubmissionAnswer(const ReportCycle& c, int status, const ReportScope* known = nullptr);
  // What saving and submitting share: the cycle and respondent (authorised), the
  // submission so far (If-Match checked), `next` with the content sent (saving must send
  // it; submitting may, or submits the saved draft) and the state it moves to, what the
  // unit owes, and the content checked against that (complete when submitting).
  struct SubmissionChange {
    ReportCycle cycle;
    std::optional<Submission> current;  // unset before the first save
    Submission next;
    ReportScope scope;
  };
  std::optional<HttpResponse> PrepareSubmission(SubmissionAction action, SubmissionChange& change);
  // Review: moves a submitted submission to accepted or returned.
  HttpResponse Review(SubmissionAction action);

  // ------------------------------------------------------------ exports (export_routes.cc)

  // GET /api/plans/{id}/tasks.xlsx|csv|json?as_of=&due_soon_days=: the plan's task table,
  // to whoever may read the plan.
  HttpResponse ExportPlanTasks();
  // GET /api/cycles/{id}/report.xlsx|docx|csv|json?as_of= (csv: &table=respondents|tasks|
  // indicators|sections; docx: &issuer=&number=&place=&date=&signer_title=&signer_name=
  // &recipients=): the consolidated report.
  HttpResponse ExportCycleReport();
  // Every respondent's standing on `as_of` and the content of the sent reports the caller
  // may open; the others are counted as withheld.
  Result<exporting::CycleReport> ConsolidatedReport(const ReportCycle& c, Date as_of);

  // ------------------------------------------------------------ evidence (evidence_routes.cc)

  // POST /api/evidence?progress=ID|submission=ID&name=&title=: a file (the body's bytes)
  // or a link ({"url","title"}).
  HttpResponse AddEvidence();
  HttpResponse ListEvidence();
  HttpResponse GetEvidence();
  // The file's bytes, as an attachment of the detected type.
  HttpResponse GetEvidenceContent();
  // Authorises reading (or adding to) what the evidence backs; the refusal or nullopt.
  std::optional<HttpResponse> AuthorizeEvidence(EvidenceOwner owner, int64_t owner_id, bool adding);
  // Reads progress=ID or submission=ID (exactly one); the refusal or nullopt.
  std::optional<HttpResponse> EvidenceOwnerParam(QueryParams& p, EvidenceOwner& owner, int64_t& owner_id);
  // The evidence the path names, if the caller may see what it backs.
  std::optional<HttpResponse> LoadVisibleEvidence(Evidence& out);

  // ------------------------------------------------------------ sessions and accounts (account_routes.cc)

  json::object UserView(const User& u);
  // Reads string members of a JSON body: `required` must be there, nothing else may.
  std::optional<std::map<std::string, std::string>> StringFields(const json::value& body,
                                                                 std::initializer_list<const char*> required,
                                                                 std::initializer_list<const char*> optional,
                                                                 HttpResponse& fail);
  HttpResponse TooManyAttempts(int64_t wait_s);
  HttpResponse WrongCredentials();
  // Starts a session for `u`: the cookie holds the secret, the store its hash.
  HttpResponse StartSession(const User& u, int status);
  HttpResponse Login();
  HttpResponse Logout();
  HttpResponse Me();
  HttpResponse ChangeOwnPassword();
  HttpResponse ListUsers();
  HttpResponse GetUser();
  // The password an admin sets, or a generated one shown once in the answer.
  Result<std::pair<std::string, bool>> ChosenPassword(std::optional<std::string> given, const std::string& login);
  HttpResponse CreateUser();
  // The last enabled admin may not lock everybody out.
  Status KeepAnAdmin(const User& updated, const User& current);
  HttpResponse PatchUser();
  HttpResponse ResetPassword();
  HttpResponse RevokeUserSessions();
  json::object TokenView(const ApiToken& t);
  HttpResponse ListTokens();
  HttpResponse CreateToken();
  HttpResponse RevokeToken();

  // ------------------------------------------------------------ plans, objectives and tasks: the route table's forms (plan_routes.cc)

  // Zero-argument forms of the generic kinds, for the route table.
  HttpResponse CreatePlan();
  HttpResponse PatchPlan();
  HttpResponse CreateObjective();
  HttpResponse PatchObjective();
  HttpResponse CreateTask();
  HttpResponse PatchTask();

  // ------------------------------------------------------------ state

  Store& store_;
  const Clock& clock_;
  const ApiOptions& options_;
  const HttpRequest& req_;
  std::shared_ptr<const UnitRegistry> reg_;
  auth::PasswordHasher& hasher_;
  auth::LoginThrottle& throttle_;
  EventHub& events_;
  const std::chrono::system_clock::time_point now_;
  const std::string client_;  // the client's address (behind a trusted proxy: the forwarded one)
  std::optional<Principal> principal_;
  std::optional<User> user_;        // when signed in with a session cookie
  std::optional<Session> session_;
  Action action_ = Action::kPublic;
  bool authorized_ = false;
  bool clear_cookie_ = false;
  int64_t id_ = 0;       // the {id} path parameter
  std::string key_;      // the {key} path parameter

  friend const std::vector<Route>& RouteTable();
};

}  // namespace dxgov::api
