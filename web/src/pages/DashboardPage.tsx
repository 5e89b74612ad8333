// The national dashboard: for the chosen plan and day, how its tasks stand, its objectives
// against their targets, and which lead units have the most overdue tasks.
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { api, query, type Attainment, type Page, type Plan, type TaskBoard } from "../api";
import { BarChart } from "../components/BarChart";
import { DateField } from "../components/DateField";
import { Status, useLoad } from "../components/Loader";
import { useLiveReload } from "../components/live";
import { formatDate, formatNumber, formatValue, todayInVietnam } from "../format";
import { useI18n } from "../i18n";
import { attainmentLabel } from "../labels";

/** The plan a dashboard opens on: the newest published plan (not a programme or notice). */
function defaultPlan(plans: Plan[]): Plan | undefined {
  const candidates = plans.filter((p) => p.kind === "plan");
  return (candidates.length ? candidates : plans).reduce<Plan | undefined>(
    (best, p) => (!best || (p.decision.date ?? "") > (best.decision.date ?? "") ? p : best),
    undefined,
  );
}

export function DashboardPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const asOf = params.get("ngay") ?? todayInVietnam();
  const plans = useLoad(() => api<Page<Plan>>("/api/plans?limit=200"), []);
  const planId = Number(params.get("ke-hoach")) || defaultPlan(plans.data?.items ?? [])?.id;

  const board = useLoad(
    () => (planId ? api<TaskBoard>(`/api/board/tasks${query({ plan: planId, as_of: asOf })}`) : Promise.resolve(null)),
    [planId, asOf],
  );
  const attainment = useLoad(
    () => (planId ? api<Attainment>(`/api/attainment${query({ plan: planId, as_of: asOf })}`) : Promise.resolve(null)),
    [planId, asOf],
  );
  // Progress and figures arriving anywhere show here without a reload.
  useLiveReload(planId ? [`tasks:${planId}`, "values"] : [], () => {
    board.reload();
    attainment.reload();
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  const all = board.data?.all;
  const overdueBars = useMemo(
    () =>
      (board.data?.by_lead ?? [])
        .filter((l) => l.summary.overdue > 0)
        .slice(0, 10)
        .map((l) => ({ label: l.name || l.unit, value: l.summary.overdue })),
    [board.data],
  );

  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("dashboardTitle")}</h1>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("plan")}
          <select value={planId ?? ""} onChange={(e) => set("ke-hoach", e.target.value)}>
            {(plans.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>{p.title}</option>
            ))}
          </select>
        </label>
        <DateField label={t("asOf")} value={asOf} onChange={(iso) => set("ngay", iso)} />
        {planId ? <Link to={`/ke-hoach/${planId}`}>{t("openPlan")}</Link> : null}
      </form>
      <Status loaded={plans} />
      <Status loaded={board} />

      {all ? (
        <div className="cards" aria-label={t("tasks")}>
          <Card label={t("total")} value={formatNumber(all.total, lang, 0)} />
          <Card label={t("overdue")} value={formatNumber(all.overdue, lang, 0)} tone="bad" />
          <Card label={t("dueSoon")} value={formatNumber(all.due_soon, lang, 0)} tone="warn" />
          <Card label={t("inProgress")} value={formatNumber(all.in_progress, lang, 0)} />
          <Card label={t("done")} value={formatNumber(all.done, lang, 0)} tone="good" />
          <Card label={t("progress")} value={`${formatNumber(all.progress_percent, lang)} %`} />
        </div>
      ) : null}

      <div className="grid-2">
        <section aria-labelledby="overdue-title" className="panel">
          <h2 id="overdue-title">{t("overdueByUnit")}</h2>
          {overdueBars.length ? (
            <>
              <BarChart bars={overdueBars} />
              <ol className="sr-only">
                {overdueBars.map((b) => <li key={b.label}>{b.label}: {b.value}</li>)}
              </ol>
            </>
          ) : board.data ? (
            <p className="muted">{t("noOverdue")}</p>
          ) : null}
        </section>

        <section aria-labelledby="objectives-title" className="panel">
          <h2 id="objectives-title">{t("objectives")}</h2>
          <Status loaded={attainment} />
          {attainment.data && attainment.data.items.length === 0 ? <p className="muted">{t("noData")}</p> : null}
          {attainment.data && attainment.data.items.length > 0 ? (
            <div className="table-wrap">
              <table className="stack-on-phone">
                <thead>
                  <tr>
                    <th scope="col">{t("indicator")}</th>
                    <th scope="col">{t("target")}</th>
                    <th scope="col">{t("latest")}</th>
                    <th scope="col">{t("attainmentStatus")}</th>
                  </tr>
                </thead>
                <tbody>
                  {attainment.data.items.map((a) => (
                    <tr key={`${a.objective.id}-${a.indicator.code}`}>
                      <td data-label={t("indicator")}>
                        <span className="code">{a.indicator.code}</span> {a.indicator.name}
                      </td>
                      <td data-label={t("target")}>{a.target.label}</td>
                      <td data-label={t("latest")}>
                        {formatValue(a.latest, a.indicator.unit_of_measure, lang)}
                        {a.latest_at ? <span className="muted small"> ({formatDate(a.latest_at)})</span> : null}
                      </td>
                      <td data-label={t("attainmentStatus")}><span className={`badge status-${a.status}`}>{attainmentLabel(a.status, lang)}</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      </div>
    </section>
  );
}

function Card({ label, value, tone }: { label: string; value: string; tone?: "good" | "warn" | "bad" }) {
  return (
    <div className={`card${tone ? ` tone-${tone}` : ""}`}>
      <div className="card-value">{value}</div>
      <div className="card-label">{label}</div>
    </div>
  );
}
