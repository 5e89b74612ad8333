// The public scoreboard, for anyone without signing in: the newest plan's objectives as
// assessed, its tasks' progress by section, lead units ranked by the share of their tasks
// done, and every published plan's task table and the indicators as open data.
import { useMemo } from "react";
import { api, query, type Attainment, type Page, type Plan, type TaskBoard } from "../api";
import { Status, useLoad } from "../components/Loader";
import { useLiveReload } from "../components/live";
import { formatNumber, todayInVietnam } from "../format";
import { useI18n } from "../i18n";
import { attainmentLabel } from "../labels";

export function PublicPage() {
  const { t, lang } = useI18n();
  const today = todayInVietnam();
  const plans = useLoad(() => api<Page<Plan>>("/api/plans?limit=200"), []);
  const published = (plans.data?.items ?? []).filter((p) => p.published);
  const plan = published.filter((p) => p.kind === "plan").sort((a, b) => (b.decision.date ?? "").localeCompare(a.decision.date ?? ""))[0];
  const board = useLoad(() => (plan ? api<TaskBoard>(`/api/board/tasks${query({ plan: plan.id, as_of: today })}`) : Promise.resolve(null)), [plan?.id]);
  const attainment = useLoad(() => (plan ? api<Attainment>(`/api/attainment${query({ plan: plan.id, as_of: today })}`) : Promise.resolve(null)), [plan?.id]);
  useLiveReload(plan ? [`tasks:${plan.id}`, "values"] : [], () => {
    board.reload();
    attainment.reload();
  });

  const statusCounts = useMemo(() => {
    const c = new Map<string, number>();
    for (const a of attainment.data?.items ?? []) c.set(a.status, (c.get(a.status) ?? 0) + 1);
    return [...c.entries()];
  }, [attainment.data]);
  const ranking = useMemo(
    () =>
      (board.data?.by_lead ?? [])
        .filter((l) => l.summary.total - l.summary.cancelled >= 2)
        .map((l) => ({ name: l.name || l.unit, done: l.summary.done, total: l.summary.total - l.summary.cancelled }))
        .sort((a, b) => b.done / b.total - a.done / a.total || b.total - a.total)
        .slice(0, 15),
    [board.data],
  );

  return (
    <section aria-labelledby="public-title">
      <h1 id="public-title">{t("publicTitle")}</h1>
      <p>{t("publicIntro")}</p>
      <Status loaded={plans} />
      {plan ? <h2>{plan.title}</h2> : null}
      <div className="grid-2">
        <section className="panel" aria-labelledby="assessed-title">
          <h2 id="assessed-title">{t("attainmentSummary")}</h2>
          <Status loaded={attainment} />
          <ul className="plain-list">
            {statusCounts.map(([status, n]) => (
              <li key={status}><span className={`badge status-${status}`}>{attainmentLabel(status, lang)}</span> {n}</li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="sections-title">
          <h2 id="sections-title">{t("progressBySection")}</h2>
          <Status loaded={board} />
          {(board.data?.by_section ?? []).map((s) => (
            <div key={s.section} className="bar-row">
              <span className="bar-label">{t("section")} {s.section}</span>
              <progress max={100} value={s.summary.progress_percent} aria-label={`${t("section")} ${s.section}`} />
              <span>{formatNumber(s.summary.progress_percent, lang)} % · {s.summary.done}/{s.summary.total}</span>
            </div>
          ))}
        </section>
      </div>
      <section className="panel spaced" aria-labelledby="ranking-title">
        <h2 id="ranking-title">{t("leadRanking")}</h2>
        <table className="stack-on-phone ranking">
          <thead><tr><th scope="col">{t("rank")}</th><th scope="col">{t("lead")}</th><th scope="col">{t("done")}</th></tr></thead>
          <tbody>
            {ranking.map((r, i) => (
              <tr key={r.name}>
                <td data-label={t("rank")}>{i + 1}</td>
                <td data-label={t("lead")}>{r.name}</td>
                <td data-label={t("done")}>{r.done}/{r.total} ({formatNumber((100 * r.done) / r.total, lang, 0)} %)</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel spaced" aria-labelledby="open-data-title">
        <h2 id="open-data-title">{t("openData")}</h2>
        <ul className="plain-list">
          {published.map((p) => (
            <li key={p.id}>
              {p.title}:{" "}
              {(["csv", "json", "xlsx"] as const).map((ext) => (
                <a key={ext} className="download" href={`/api/plans/${p.id}/tasks.${ext}`} download>{ext.toUpperCase()}</a>
              ))}
            </li>
          ))}
          <li><a href="/api/indicators">{t("navIndicators")} (JSON)</a></li>
          {plan ? <li><a href={`/api/attainment?plan=${plan.id}`}>{t("objectives")} (JSON)</a></li> : null}
          <li><a href="/api/platforms">{t("platformsTitle")} (JSON)</a></li>
        </ul>
      </section>
    </section>
  );
}
