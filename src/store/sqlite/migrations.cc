#include "store/sqlite/migrations.h"

#include <string>

namespace dxgov::sqlite {

namespace {

// Entities keep their full value as a JSON document (`body`, written by the codec) plus the
// columns queries filter and sort on. Every replaced revision goes to a *_history table.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE units (
  id          TEXT PRIMARY KEY,
  body        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE unit_history (
  id TEXT NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, revision)
) WITHOUT ROWID;

CREATE TABLE plans (
  id          INTEGER PRIMARY KEY,
  key         TEXT UNIQUE,
  kind        TEXT NOT NULL,
  parent_id   INTEGER REFERENCES plans(id),
  issuer_id   TEXT,
  published   INTEGER NOT NULL,
  body        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX plans_by_parent ON plans(parent_id);
CREATE TABLE plan_history (
  id INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, revision)
) WITHOUT ROWID;

CREATE TABLE objectives (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id),
  code        TEXT NOT NULL,
  ordinal     INTEGER NOT NULL,
  folded      TEXT NOT NULL,
  body        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (plan_id, code)
);
CREATE TABLE objective_history (
  id INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, revision)
) WITHOUT ROWID;

CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES plans(id),
  parent_id     INTEGER REFERENCES tasks(id),
  section       TEXT NOT NULL,
  number        TEXT NOT NULL,
  number_key    BLOB NOT NULL,
  title_key     BLOB NOT NULL,
  lead_id       TEXT NOT NULL REFERENCES units(id),
  lead_key      BLOB NOT NULL,
  status        TEXT NOT NULL,
  completed_on  TEXT,
  deadline_kind TEXT,
  due_date      TEXT,      -- fixed forms: the last on-time day
  recur_month   INTEGER,   -- recurring: the yearly due day
  recur_day     INTEGER,
  recur_from    INTEGER,
  ordinal       INTEGER NOT NULL,
  revision      INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
-- The task's document lives apart from the columns queries scan and sort, so that a scan
-- over thousands of tasks reads narrow rows and only a page's documents are read.
CREATE TABLE task_bodies (
  id    INTEGER PRIMARY KEY REFERENCES tasks(id),
  body  TEXT NOT NULL
);
CREATE UNIQUE INDEX tasks_number ON tasks(plan_id, number) WHERE number <> '';
CREATE INDEX tasks_by_plan_number ON tasks(plan_id, number_key);
CREATE INDEX tasks_by_number ON tasks(number_key);
CREATE INDEX tasks_by_status ON tasks(status);
CREATE INDEX tasks_by_due ON tasks(due_date);
CREATE INDEX tasks_by_deadline_kind ON tasks(deadline_kind);
CREATE INDEX tasks_by_parent ON tasks(parent_id);
CREATE INDEX tasks_by_updated ON tasks(updated_at);

-- Who a task involves: its lead, coordinators and support focal unit.
CREATE TABLE task_units (
  task_id  INTEGER NOT NULL REFERENCES tasks(id),
  role     TEXT NOT NULL CHECK (role IN ('lead', 'coordinator', 'support')),
  unit_id  TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (task_id, role, unit_id)
) WITHOUT ROWID;
CREATE INDEX task_units_by_unit ON task_units(unit_id, role, task_id);

CREATE TABLE task_objectives (
  task_id       INTEGER NOT NULL REFERENCES tasks(id),
  objective_id  INTEGER NOT NULL REFERENCES objectives(id),
  PRIMARY KEY (task_id, objective_id)
) WITHOUT ROWID;
CREATE INDEX task_objectives_by_objective ON task_objectives(objective_id, task_id);

-- Folded (lower case, no diacritics) number, title, text and expected output; rowid = task id.
-- Word tokens: a phrase query reads a few short posting lists (trigrams read many long ones).
CREATE VIRTUAL TABLE task_search USING fts5(folded, tokenize = 'unicode61');

CREATE TABLE task_history (
  id INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, revision)
) WITHOUT ROWID;

-- Per-addressee state of tasks addressed to a group.
CREATE TABLE task_addressees (
  task_id           INTEGER NOT NULL REFERENCES tasks(id),
  unit_id           TEXT NOT NULL REFERENCES units(id),
  status            TEXT NOT NULL,
  completed_on      TEXT,
  progress_percent  INTEGER NOT NULL,
  PRIMARY KEY (task_id, unit_id)
) WITHOUT ROWID;

CREATE TABLE progress (
  id        INTEGER PRIMARY KEY,
  task_id   INTEGER NOT NULL REFERENCES tasks(id),
  unit_id   TEXT REFERENCES units(id),
  body      TEXT NOT NULL,
  at        TEXT NOT NULL
);
CREATE INDEX progress_by_task ON progress(task_id, id);
)sql";

// The audit trail: append-only (the triggers refuse changes through SQL), each entry
// chained to the one before by hash (audit/audit_chain.h).
constexpr std::string_view kV2 = R"sql(
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  remote     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  action     TEXT NOT NULL,
  before     TEXT,
  after      TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_by_actor ON audit_log(actor, id);
CREATE INDEX audit_by_time ON audit_log(at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Accounts: users (the password hash only in its own column, never in an audited body),
// browser sessions and API tokens, both kept as SHA-256 of the secret the client holds.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  login               TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  email               TEXT NOT NULL DEFAULT '',
  unit_id             TEXT NOT NULL DEFAULT '',
  roles               TEXT NOT NULL,
  disabled            INTEGER NOT NULL DEFAULT 0,
  password_hash       TEXT NOT NULL DEFAULT '',
  password_changed_at TEXT NOT NULL DEFAULT '',
  revision            INTEGER NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_s    INTEGER NOT NULL,
  last_seen_s  INTEGER NOT NULL,
  revoked      INTEGER NOT NULL DEFAULT 0,
  remote       TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  unit_id      TEXT NOT NULL,
  permissions  TEXT NOT NULL,
  prefix       TEXT NOT NULL,
  secret_hash  TEXT NOT NULL UNIQUE,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT,
  revoked_at   TEXT,
  last_used_at TEXT,
  revision     INTEGER NOT NULL
);
)sql";

// Indicators (a JSON body like the other entities) and their figures: one row per
// indicator × unit × period (unit '' is the country), the replaced versions in
// value_history. Status and provenance are the enums' values (draft 0, submitted 1,
// approved 2; manual 0, api 1, import 2).
constexpr std::string_view kV4 = R"sql(
CREATE TABLE indicators (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  published   INTEGER NOT NULL,
  body        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE indicator_history (
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  revision     INTEGER NOT NULL,
  body         TEXT NOT NULL,
  replaced_at  TEXT NOT NULL,
  PRIMARY KEY (indicator_id, revision)
) WITHOUT ROWID;
CREATE TABLE data_values (
  indicator   TEXT NOT NULL,
  unit        TEXT NOT NULL,
  period      TEXT NOT NULL,
  value       REAL NOT NULL,
  estimated   INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  provenance  INTEGER NOT NULL,
  note        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  PRIMARY KEY (indicator, unit, period)
) WITHOUT ROWID;
CREATE TABLE value_history (
  id          INTEGER PRIMARY KEY,
  indicator   TEXT NOT NULL,
  unit        TEXT NOT NULL,
  period      TEXT NOT NULL,
  value       REAL NOT NULL,
  estimated   INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  provenance  INTEGER NOT NULL,
  note        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);
CREATE INDEX value_history_by_key ON value_history(indicator, unit, period, revision);
)sql";

// National digital platforms (a JSON body, like the other entities).
constexpr std::string_view kV5 = R"sql(
CREATE TABLE platforms (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  category    TEXT NOT NULL,
  number      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
)sql";

// Figures keyed indicator, period, unit: a batch (one indicator's month for every commune) is
// then one run of adjacent keys rather than a key per unit scattered through the table, which
// halved the insert and commit time of bulk batches; a rollup's reads (one indicator and
// period, all units) are adjacent too.
constexpr std::string_view kV6 = R"sql(
CREATE TABLE data_values_v6 (
  indicator   TEXT NOT NULL,
  unit        TEXT NOT NULL,
  period      TEXT NOT NULL,
  value       REAL NOT NULL,
  estimated   INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  provenance  INTEGER NOT NULL,
  note        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  PRIMARY KEY (indicator, period, unit)
) WITHOUT ROWID;
INSERT INTO data_values_v6 SELECT indicator, unit, period, value, estimated, status, provenance, note, revision,
  updated_at, updated_by FROM data_values ORDER BY indicator, period, unit;
DROP TABLE data_values;
ALTER TABLE data_values_v6 RENAME TO data_values;
)sql";

// Plan documents uploaded for import and the review of each (core/plan_import.h). The
// document and the proposal are kept whole; a commit or discard keeps the previous state in
// plan_import_history.
constexpr std::string_view kV7 = R"sql(
CREATE TABLE plan_imports (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  issuer_id     TEXT NOT NULL,
  number        TEXT NOT NULL,
  title         TEXT NOT NULL,
  task_count    INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  state         TEXT NOT NULL,
  plan_id       INTEGER REFERENCES plans(id),
  document      TEXT NOT NULL,
  proposal      TEXT NOT NULL,
  uploaded_by   TEXT NOT NULL,
  decided_by    TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX plan_imports_by_sha256 ON plan_imports(sha256);
CREATE TABLE plan_import_history (
  import_id     INTEGER NOT NULL REFERENCES plan_imports(id),
  revision      INTEGER NOT NULL,
  state         TEXT NOT NULL,
  plan_id       INTEGER,
  proposal      TEXT NOT NULL,
  decided_by    TEXT NOT NULL,
  replaced_at   TEXT NOT NULL,
  PRIMARY KEY (import_id, revision)
) WITHOUT ROWID;
)sql";

// The cascade: which tasks of other plans a task implements (Task::serves), so that a
// national task finds the ministries' and provinces' tasks serving it.
constexpr std::string_view kV8 = R"sql(
CREATE TABLE task_links (
  task_id    INTEGER NOT NULL REFERENCES tasks(id),
  serves_id  INTEGER NOT NULL REFERENCES tasks(id),
  PRIMARY KEY (task_id, serves_id)
) WITHOUT ROWID;
CREATE INDEX task_links_by_served ON task_links(serves_id, task_id);
)sql";

// Report cycles and each respondent's submission (one per unit and cycle); every replaced
// revision kept, so a returned and resubmitted report shows each round.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE report_cycles (
  id          INTEGER PRIMARY KEY,
  period      TEXT NOT NULL,
  due         TEXT NOT NULL,
  state       TEXT NOT NULL,
  body        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX report_cycles_by_due ON report_cycles(due);
CREATE TABLE report_cycle_history (
  id INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, revision)
) WITHOUT ROWID;
CREATE TABLE submissions (
  id          INTEGER PRIMARY KEY,
  cycle_id    INTEGER NOT NULL REFERENCES report_cycles(id),
  unit_id     TEXT NOT NULL REFERENCES units(id),
  state       TEXT NOT NULL,
  body        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (cycle_id, unit_id)
);
CREATE TABLE submission_history (
  id INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, revision)
) WITHOUT ROWID;
)sql";

// Evidence for progress entries and submissions: files (their bytes kept by SHA-256 in the
// files directory beside the database) and links. Append-only, like progress.
constexpr std::string_view kV10 = R"sql(
CREATE TABLE evidence (
  id          INTEGER PRIMARY KEY,
  owner       TEXT NOT NULL CHECK (owner IN ('progress', 'submission')),
  owner_id    INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('file', 'link')),
  sha256      TEXT,
  file_name   TEXT,
  media_type  TEXT,
  size        INTEGER,
  url         TEXT,
  title       TEXT NOT NULL,
  added_by    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  CHECK ((kind = 'file') = (sha256 IS NOT NULL))
);
CREATE INDEX evidence_by_owner ON evidence(owner, owner_id, id);
CREATE INDEX evidence_by_file ON evidence(sha256) WHERE sha256 IS NOT NULL;
)sql";

// Committee members' key tasks with their monthly roadmaps and results (in the body);
// every replaced revision is kept, so the roadmap as first sent can be shown beside later
// changes.
constexpr std::string_view kV11 = R"sql(
CREATE TABLE key_tasks (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id),
  unit_id     TEXT NOT NULL REFERENCES units(id),
  year        INTEGER NOT NULL,
  ordinal     INTEGER NOT NULL,
  body        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX key_tasks_by_plan ON key_tasks(plan_id, ordinal);
CREATE TABLE key_task_history (
  id INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, revision)
) WITHOUT ROWID;
)sql";

// Sessions of the national committee: planned by month, then held on a date, with agenda,
// documents and the conclusions notices (plans of kind "conclusions") they gave rise to.
constexpr std::string_view kV12 = R"sql(
CREATE TABLE committee_sessions (
  id            INTEGER PRIMARY KEY,
  committee_id  TEXT NOT NULL REFERENCES units(id),
  year          INTEGER NOT NULL,
  month         INTEGER NOT NULL,
  state         TEXT NOT NULL,
  body          TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX committee_sessions_by_month ON committee_sessions(year, month);
CREATE TABLE committee_session_history (
  id INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, replaced_at TEXT NOT NULL,
  PRIMARY KEY (id, revision)
) WITHOUT ROWID;
)sql";

// Reminder digests, one per user per Vietnamese day, shown in the application and mailed;
// and which reminder (item, due date, stage) each user has had, written with its digest so
// nothing is reminded twice.
constexpr std::string_view kV13 = R"sql(
CREATE TABLE notifications (
  id               INTEGER PRIMARY KEY,
  user_id          INTEGER NOT NULL REFERENCES users(id),
  day              TEXT NOT NULL,
  subject          TEXT NOT NULL,
  body             TEXT NOT NULL,
  items            TEXT NOT NULL,
  email            TEXT,
  mail_state       TEXT NOT NULL CHECK (mail_state IN ('none', 'pending', 'sent')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  sent_at          TEXT,
  read_at          TEXT,
  created_at       TEXT NOT NULL,
  UNIQUE (user_id, day)
);
CREATE INDEX notifications_pending ON notifications(next_attempt_at) WHERE mail_state = 'pending';
CREATE TABLE reminder_marks (
  reminder_key     TEXT NOT NULL,
  user_id          INTEGER NOT NULL,
  notification_id  INTEGER NOT NULL REFERENCES notifications(id),
  PRIMARY KEY (reminder_key, user_id)
) WITHOUT ROWID;
)sql";

const std::vector<Migration> kMigrations = {
    {1, "units, plans, objectives, tasks, progress", kV1},
    {2, "audit trail", kV2},
    {3, "accounts, sessions, API tokens", kV3},
    {4, "indicators and their values", kV4},
    {5, "national digital platforms", kV5},
    {6, "figures keyed by indicator, period, unit", kV6},
    {7, "plan imports", kV7},
    {8, "task links for the cascade of plans", kV8},
    {9, "report cycles and submissions", kV9},
    {10, "evidence files and links", kV10},
    {11, "members' key tasks and monthly roadmaps", kV11},
    {12, "committee sessions", kV12},
    {13, "reminder digests and marks", kV13},
};

}  // namespace

const std::vector<Migration>& AllMigrations() { return kMigrations; }
int LatestSchemaVersion() { return kMigrations.back().version; }

Result<int> CurrentSchemaVersion(Db& db) {
  DX_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"));
  DX_ASSIGN_OR_RETURN(Stmt s, db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  DX_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? static_cast<int>(s.Int(0)) : 0;
}

Result<int> ApplyMigrations(Db& db) {
  DX_ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(db));
  if (current > LatestSchemaVersion()) {
    return Error(ErrorCode::kUnavailable, "Cơ sở dữ liệu được tạo bởi phiên bản dxgov mới hơn",
                 "database schema " + std::to_string(current) + " is newer than this binary supports (" +
                     std::to_string(LatestSchemaVersion()) + ")");
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= current) continue;
    DX_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status s = db.Exec(m.sql);
    if (s.ok()) {
      auto ins = db.Prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
      if (!ins.ok()) {
        s = std::move(ins).error();
      } else {
        ins->Bind(1, m.version).Bind(2, m.name);
        s = ins->Run();
      }
    }
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return std::move(s).error().WithContext("Lỗi nâng cấp cơ sở dữ liệu", "migration " + std::to_string(m.version));
    }
    DX_RETURN_IF_ERROR(db.Exec("COMMIT"));
    current = m.version;
  }
  return current;
}

}  // namespace dxgov::sqlite
