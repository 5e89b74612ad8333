// The national dashboard: for the chosen plan and day, how its tasks stand, its objectives
// against their targets, and which lead units have the most overdue tasks.
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { api, query, type Attainment, type Cycle, type CycleBoard, type Indicator, type Page, type Plan, type Rollups, type TaskBoard } from "../api";
import { LineChart } from "../components/LineChart";
import { useSession } from "../session";
import { ProvinceMap } from "../components/ProvinceMap";
import { BarChart } from "../components/BarChart";
import { DateField } from "../components/DateField";
import { Status, useLoad } from "../components/Loader";
import { useLiveReload } from "../components/live";
import { formatDate, formatNumber, formatValue, periodEndingYear, todayInVietnam } from "../format";
import { useCurrentProvinces } from "../components/provinces";
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
          <select aria-label={t("plan")} value={planId ?? ""} onChange={(e) => set("ke-hoach", e.target.value)}>
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
      <CyclePanel />
      <ProvincesPanel />
    </section>
  );
}

// The current report cycle's completeness, for those signed in (cycles are internal): how
// many respondents have submitted, on time or late, and how many are overdue.
function CyclePanel() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const board = useLoad(async () => {
    if (!me) return null;
    const open = await api<Page<Cycle>>("/api/cycles?state=open&limit=100");
    const current = [...open.items].sort((a, b) => a.due.localeCompare(b.due))[0];
    return current ? api<CycleBoard>(`/api/cycles/${current.id}/submissions`) : null;
  }, [me?.actor]);
  useLiveReload(board.data ? [`submissions:${board.data.cycle.id}`] : [], board.reload);
  const b = board.data;
  if (!b) return null;
  const by = b.counts.by_state;
  const sent = (by.submitted_on_time ?? 0) + (by.submitted_late ?? 0) + (by.accepted ?? 0);
  return (
    <section className="panel spaced" aria-labelledby="cycle-title">
      <h2 id="cycle-title">{t("currentCycle")}: {b.cycle.title}</h2>
      <div className="bar-row">
        <span className="bar-label">{t("sent")}</span>
        <progress max={b.counts.respondents} value={sent} aria-label={t("completeness")} />
        <span>{sent}/{b.counts.respondents} ({formatNumber(b.counts.respondents ? (100 * sent) / b.counts.respondents : 0, lang, 0)} %)</span>
      </div>
      <p className="small">
        {t("dueOn")}: {formatDate(b.cycle.due)} · {t("late")}: {b.counts.late} · {t("overdue")}: {b.counts.overdue}
      </p>
    </section>
  );
}

// Provinces on one indicator for a year, on the 34 current units. For a year before the 2025
// mergers a merged unit shows the figure the engine folds from its predecessors when the
// indicator adds up (sums, weighted means); otherwise the one predecessor's figure when only
// one reported, and else no colour, the predecessors' own figures listed beside it (the mean
// of two old provinces is not the new one's).
interface ProvinceRow {
  name: string;
  value: number | null;
  before: { name: string; value: number }[]; // predecessors' figures, when the unit was formed later
}

function ProvincesPanel() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const indicators = useLoad(() => api<{ items: Indicator[] }>("/api/indicators"), []);
  const provincial = (indicators.data?.items ?? []).filter((i) => i.reported_by.includes("province"));
  const code = params.get("chi-tieu") ?? provincial[0]?.code ?? "";
  const def = provincial.find((i) => i.code === code);
  const year = Number(params.get("nam")) || thisYear - 1;
  const period = periodEndingYear(def?.period_type, year);
  const units = useCurrentProvinces();
  const rows = useLoad(async (): Promise<ProvinceRow[] | null> => {
    if (!code || !units.data) return null;
    const current = await api<Rollups>(`/api/rollups${query({ indicator: code, units: units.data.items.map((u) => u.id).join(","), period })}`);
    const then = year < 2025 ? await api<Rollups>(`/api/rollups${query({ indicator: code, level: "provincial", period })}`) : null;
    const old = new Map((then?.items ?? []).filter((r) => r.value !== null).map((r) => [r.unit ?? "", r]));
    return units.data.items.map((u) => {
      const own = current.items.find((r) => r.unit === u.id);
      const before = u.predecessors.flatMap((p) => {
        const r = old.get(p);
        return r ? [{ name: r.unit_name, value: r.value as number }] : [];
      });
      const value = own?.value ?? (before.length === 1 ? before[0].value : null);
      return { name: u.name, value, before: own?.value === null || own?.value === undefined ? before : [] };
    });
  }, [code, period, units.data]);
  const trend = useLoad(
    // Yearly indicators only: a quarterly or monthly series does not fit a line of years.
    () =>
      code && def?.period_type === "year"
        ? api<Rollups>(`/api/rollups${query({ indicator: code, unit: "national", from: String(thisYear - 7), to: String(thisYear) })}`)
        : Promise.resolve(null),
    [code, def?.period_type, thisYear],
  );
  useLiveReload(code ? [`values:${code}`] : [], () => {
    rows.reload();
    trend.reload();
  });
  const trendYears = useMemo(() => Array.from({ length: 8 }, (_, i) => String(thisYear - 7 + i)), [thisYear]);
  const trendSeries = useMemo(() => {
    const byYear = new Map((trend.data?.items ?? []).map((r) => [r.period.slice(0, 4), r.value]));
    return [{ name: t("national"), kind: "line" as const, color: "#0b57d0", values: trendYears.map((y) => byYear.get(y) ?? null) }];
  }, [trend.data, trendYears, t]);

  const ranked = useMemo(() => (rows.data ?? []).filter((r) => r.value !== null).sort((a, b) => (b.value as number) - (a.value as number)), [rows.data]);
  const split = useMemo(() => (rows.data ?? []).filter((r) => r.value === null && r.before.length > 1), [rows.data]);
  const values = useMemo(() => ranked.map((r) => ({ name: r.name, value: r.value as number })), [ranked]);
  const uom = def?.unit_of_measure ?? "";
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  return (
    <section className="panel spaced" aria-labelledby="provinces-title">
      <h2 id="provinces-title">{t("provincesOn")}</h2>
      <div className="toolbar">
        <label>
          {t("indicator")}
          <select aria-label={t("indicator")} value={code} onChange={(e) => set("chi-tieu", e.target.value)}>
            {provincial.map((i) => <option key={i.code} value={i.code}>{i.code} — {i.name}</option>)}
          </select>
        </label>
        <label>
          {t("year")}
          <select aria-label={t("year")} value={year} onChange={(e) => set("nam", e.target.value)}>
            {Array.from({ length: 8 }, (_, i) => thisYear - 7 + i).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </div>
      <Status loaded={rows} />
      <div className="grid-2">
        <div>
          <ProvinceMap values={values} unit={uom} />
          <p className="small muted">{t("mapAttribution")} {year < 2025 ? t("beforeMerger") : ""}</p>
        </div>
        <div>
          {trend.data ? (
            <>
              <h3>{t("nationalSeries")}</h3>
              <LineChart labels={trendYears} series={trendSeries} height={200} />
            </>
          ) : null}
          <p>{t("completeness")}: <strong>{ranked.length}/{rows.data?.length ?? 34}</strong> {t("reported")}</p>
          <ol className="province-ranking">
            {ranked.map((r) => <li key={r.name}>{r.name}: {formatValue(r.value, uom, lang)}</li>)}
          </ol>
          {split.length ? (
            <ul className="province-split small">
              {split.map((r) => (
                <li key={r.name}>
                  {r.name} — {t("beforeMergerShort")}: {r.before.map((b) => `${b.name} ${formatValue(b.value, uom, lang)}`).join("; ")}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
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
