// The signed-in user's unit: its open tasks as lead and as coordinator, overdue first, then
// due soon, then by deadline. A merged province answers for the provinces it replaced.
import { Link } from "react-router";
import { api, ApiError, query, type Cycle, type Page, type SubmissionPage, type Task } from "../api";
import { FigureForm } from "../components/FigureForm";
import { KeyTaskCard } from "../components/KeyTaskCard";
import { Status, useLoad, type Loaded } from "../components/Loader";
import { TaskTable } from "../components/TaskTable";
import { formatDate, todayInVietnam } from "../format";
import { useI18n } from "../i18n";
import { responseLabel } from "../labels";
import { useSession } from "../session";

const urgency: Record<string, number> = { overdue: 0, due_soon: 1, on_time: 2, no_deadline: 3 };

function byUrgency(a: Task, b: Task): number {
  const u = (urgency[a.timeliness ?? ""] ?? 4) - (urgency[b.timeliness ?? ""] ?? 4);
  if (u !== 0) return u;
  return (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999");
}

export function MyUnitPage() {
  const { t, lang } = useI18n();
  const { me, checked } = useSession();
  const unit = me?.unit ?? "";
  const today = todayInVietnam();
  const open = "not_started,in_progress,paused";
  const lead = useLoad(
    () => (unit ? api<Page<Task>>(`/api/tasks${query({ lead: unit, include_predecessors: "true", status: open, as_of: today, limit: 500 })}`) : Promise.resolve(null)),
    [unit],
  );
  const coordinator = useLoad(
    () => (unit ? api<Page<Task>>(`/api/tasks${query({ coordinator: unit, include_predecessors: "true", status: open, as_of: today, limit: 500 })}`) : Promise.resolve(null)),
    [unit],
  );
  const reports = useLoad(async () => {
    if (!unit) return [];
    const open = await api<Page<Cycle>>("/api/cycles?state=open&limit=100");
    const pages = await Promise.all(
      open.items.map((c) =>
        api<SubmissionPage>(`/api/cycles/${c.id}/submissions/${unit}`).catch((e) => {
          if (e instanceof ApiError && e.status === 404) return null; // not a respondent of this cycle
          throw e;
        }),
      ),
    );
    return pages.filter((p): p is SubmissionPage => p !== null);
  }, [unit]);
  const keyTasks = useLoad(
    () => (unit ? api<{ items: { id: number }[] }>(`/api/key-tasks${query({ unit })}`) : Promise.resolve(null)),
    [unit],
  );
  if (!checked) return <p role="status" className="muted">{t("loading")}</p>;
  if (!me) return (<section><h1>{t("myUnitTitle")}</h1><p><Link to="/dang-nhap">{t("signIn")}</Link> — {t("signInToSee")}</p></section>);
  if (!unit) return (<section><h1>{t("myUnitTitle")}</h1><p>{t("noUnit")}</p></section>);
  return (
    <section aria-labelledby="unit-title">
      <h1 id="unit-title">{t("myUnitTitle")}: {me.unit_name}</h1>
      <section aria-labelledby="reports-title" className="panel spaced">
        <h2 id="reports-title">{t("reports")}</h2>
        <Status loaded={reports} />
        {reports.data && reports.data.length === 0 ? <p className="muted">{t("noCycles")}</p> : null}
        <ul className="plain-list">
          {(reports.data ?? []).map((r) => (
            <li key={r.cycle.id}>
              <Link to={`/bao-cao/${r.cycle.id}/${unit}`}>{r.cycle.title}</Link>{" "}
              <span className={`badge response-${r.response.state}`}>{responseLabel(r.response.state, lang)}</span>{" "}
              <span className="muted small">{t("dueOn")}: {formatDate(r.cycle.due)}</span>
              {r.submission?.state === "returned" && r.submission.return_reason ? (
                <div className="error small">{t("returnReason")}: {r.submission.return_reason}</div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <TaskList title={t("asLead")} loaded={lead} />
      <TaskList title={t("asCoordinator")} loaded={coordinator} />
      <section className="panel spaced"><FigureForm unit={unit} /></section>
      {keyTasks.data?.items.length ? (
        <section aria-labelledby="key-tasks-title" className="spaced">
          <h2 id="key-tasks-title">{t("myKeyTasks")}</h2>
          {keyTasks.data.items.map((k) => <KeyTaskCard key={k.id} id={k.id} />)}
        </section>
      ) : null}
    </section>
  );
}

function TaskList({ title, loaded }: { title: string; loaded: Loaded<Page<Task> | null> }) {
  const { t } = useI18n();
  const tasks = [...(loaded.data?.items ?? [])].sort(byUrgency);
  const id = `list-${title.replace(/\s+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="panel spaced">
      <h2 id={id}>{title} ({loaded.data?.total ?? "…"})</h2>
      <Status loaded={loaded} />
      {loaded.data && tasks.length === 0 ? <p className="muted">{t("noOpenTasks")}</p> : null}
      {tasks.length ? <TaskTable tasks={tasks} showLead={false} /> : null}
    </section>
  );
}
