// The dxgov API as the browser calls it: same origin, the session cookie sent along, the
// CSRF token the session gave on every write. Errors come back as ApiError with dxgov's
// message in Vietnamese and English and the fields at fault.

export interface FieldError {
  path: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly fields: FieldError[],
  ) {
    super(messageEn || messageVi);
  }
}

let csrfToken = "";
export function setCsrfToken(token: string) {
  csrfToken = token;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await apiWithEtag<T>(path, init)).body;
}

/** The body and the ETag of a record, for writes that must name the revision they change (If-Match). */
export async function apiWithEtag<T>(path: string, init: RequestInit = {}): Promise<{ body: T; etag: string }> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  if (init.method && init.method !== "GET" && csrfToken) headers.set("X-CSRF-Token", csrfToken);
  const res = await fetch(path, { ...init, headers, credentials: "same-origin" });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new ApiError(res.status, e.code ?? "error", e.message ?? res.statusText, e.message_en ?? res.statusText, e.fields ?? []);
  }
  return { body: body as T, etag: res.headers.get("ETag") ?? "" };
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

// ------------------------------------------------------------------ shapes the views read

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Plan {
  id: number;
  key: string;
  kind: string;
  title: string;
  published: boolean;
  decision: { number: string | null; date: string | null; issuer_name: string | null };
  sections: { numeral: string; title: string }[];
}

export interface TaskSummary {
  total: number;
  not_started: number;
  in_progress: number;
  done: number;
  paused: number;
  cancelled: number;
  overdue: number;
  due_soon: number;
  done_late: number;
  progress_percent: number;
}

export interface TaskBoard {
  as_of: string;
  all: TaskSummary;
  by_section: { section: string; summary: TaskSummary }[];
  by_lead: { unit: string; name: string; summary: TaskSummary }[];
}

export interface Attainment {
  as_of: string;
  items: {
    status: string;
    status_label: string;
    latest: number | null;
    latest_at: string | null;
    percent: number | null;
    target: { label: string; value: number; unit: string | null };
    indicator: { code: string; name: string; unit_of_measure: string };
    objective: { id: number; code: string; text: string };
  }[];
}

export interface Task {
  id: number;
  plan_id: number;
  number: string;
  section: string;
  title: string;
  lead: { unit: string | null; name: string | null; as_written: string | null };
  deadline: { kind: string; text: string | null } | null;
  due_date: string | null;
  status: string;
  status_label: string;
  status_label_en: string;
  progress_percent: number;
  timeliness: string | null;
  timeliness_label: string | null;
}

export interface Me {
  kind: string;
  actor: string;
  unit: string | null;
  unit_name: string | null;
  csrf_token?: string;
  user?: { login: string; display_name: string; roles: string[]; password_changed_at: string; created_at: string };
}

export interface Cycle {
  id: number;
  title: string;
  period: string;
  period_label: string;
  due: string;
  state: string;
}

export interface Response {
  state: string;
  state_label: string;
  overdue: boolean;
  late: boolean;
}

export interface Submission {
  id: number;
  state: string;
  state_label: string;
  tasks: { task: number; status: string | null; percent: number | null; narrative: string }[];
  indicators: { indicator: string; value: number | null; estimated: boolean; note: string }[];
  sections: Record<string, string>;
  round: number;
  return_reason: string | null;
  submitted_at: string | null;
}

export interface SubmissionPage {
  cycle: Cycle;
  unit: string;
  unit_name: string;
  response: Response;
  content: {
    tasks: (Task & { current: { status: string; percent: number } })[];
    indicators: { code: string; name: string; unit_of_measure: string; period_label: string; current: { value: number } | null }[];
    sections: { key: string; title: string }[];
  };
  submission: Submission | null;
}

export interface CycleBoard {
  cycle: Cycle;
  counts: { respondents: number; by_state: Record<string, number>; overdue: number; late: number };
  items: { unit: string; name: string; response: Response; round: number; first_submitted_at: string | null; readable: boolean }[];
}

export interface TargetView {
  kind: string;
  value: number;
  label: string;
  document: string | null;
  year: number;
}

export interface Indicator {
  code: string;
  name: string;
  group: string;
  unit_of_measure: string;
  period_type: string;
  direction: string;
  reported_by: string[];
  description?: string | null;
  targets_by_year?: { year: number; targets: TargetView[] }[];
}

export interface RollupItem {
  unit: string | null;
  unit_name: string;
  period: string;
  period_label: string;
  value: number | null;
  estimated: boolean;
  expected: number;
  reported: number;
  completeness: number;
  missing?: string[];
}

export interface Rollups {
  indicator: { code: string; name: string; unit_of_measure: string; decimals: number };
  items: RollupItem[];
  total: number;
}

export interface Platform {
  key: string;
  number: number;
  category: string;
  category_label: string;
  name: string;
  owner: { unit: string | null; name: string | null; as_written: string | null } | null; // null: enterprise-owned
  enterprises: string[];
  description: string;
  tasks?: Task[];
  adoption?: { indicator: { code: string; name: string; unit_of_measure: string }; series: RollupItem[] }[];
}
