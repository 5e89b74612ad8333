// One indicator: its definition, its targets and baselines by year, its nationwide series
// against the targets, and the provinces ranked on a chosen period with how complete the
// reporting is and who has not reported.
import { useMemo } from "react";
import { useParams, useSearchParams } from "react-router";
import { api, query, type Indicator, type Rollups } from "../api";
import { LineChart } from "../components/LineChart";
import { Status, useLoad } from "../components/Loader";
import { useLiveReload } from "../components/live";
import { formatNumber, periodEndingYear, todayInVietnam } from "../format";
import { useCurrentProvinces } from "../components/provinces";
import { useI18n } from "../i18n";
import { periodTypeLabel } from "../labels";

export function IndicatorPage() {
  const { code = "" } = useParams();
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const year = Number(params.get("nam")) || thisYear - 1;
  const def = useLoad(() => api<Indicator>(`/api/indicators/${code}`), [code]);
  // The ranking's period: the chosen year, or its last quarter or month.
  const periodType = def.data?.period_type;
  const rankedPeriod = periodEndingYear(periodType, year);
  const national = useLoad(
    () => api<Rollups>(`/api/rollups${query({ indicator: code, unit: "national", from: String(thisYear - 7), to: String(thisYear) })}`),
    [code, thisYear],
  );
  const provinces = useLoad(
    () =>
      periodType
        ? api<Rollups>(`/api/rollups${query({ indicator: code, level: "provincial", period: rankedPeriod, missing: "true", sort: "-value" })}`)
        : Promise.resolve(null),
    [code, rankedPeriod, periodType],
  );
  // Units × years: the 34 current provincial units over the last four years (a merged unit's
  // earlier years as the engine folds them, where the rule adds up).
  const units = useCurrentProvinces();
  const grid = useLoad(
    () =>
      units.data && periodType === "year"
        ? api<Rollups>(`/api/rollups${query({ indicator: code, units: units.data.items.map((u) => u.id).join(","), from: String(thisYear - 4), to: String(thisYear - 1) })}`)
        : Promise.resolve(null),
    [code, units.data, periodType, thisYear],
  );
  useLiveReload([`values:${code}`], () => {
    national.reload();
    provinces.reload();
    grid.reload();
  });
  const gridYears = Array.from({ length: 4 }, (_, i) => String(thisYear - 4 + i));
  const cell = new Map((grid.data?.items ?? []).map((r) => [`${r.unit}|${r.period}`, r.value]));

  const years = useMemo(() => Array.from({ length: 8 }, (_, i) => String(thisYear - 7 + i)), [thisYear]);
  const series = useMemo(() => {
    const byYear = new Map((national.data?.items ?? []).map((r) => [r.period, r.value]));
    const targets = new Map<string, number>();
    const baselines = new Map<string, number>();
    for (const y of def.data?.targets_by_year ?? [])
      for (const tg of y.targets) (tg.kind === "baseline" ? baselines : targets).set(String(y.year), tg.value);
    return [
      { name: t("national"), kind: "line" as const, color: "#0b57d0", values: years.map((y) => byYear.get(y) ?? null) },
      { name: t("target"), kind: "points" as const, color: "#b3261e", values: years.map((y) => targets.get(y) ?? null) },
      { name: t("baseline"), kind: "points" as const, color: "#52525b", values: years.map((y) => baselines.get(y) ?? null) },
    ];
  }, [national.data, def.data, years, t]);

  const d = def.data;
  const rows = (provinces.data?.items ?? []).filter((r) => r.value !== null);
  const missing = (provinces.data?.items ?? []).filter((r) => r.value === null);
  return (
    <section aria-labelledby="indicator-title">
      <Status loaded={def} />
      {d ? (
        <>
          <p className="muted"><span className="code">{d.code}</span> · {d.group}</p>
          <h1 id="indicator-title">{d.name}</h1>
          <dl className="facts">
            <dt>{t("unitOfMeasure")}</dt><dd>{d.unit_of_measure}</dd>
            <dt>{t("periodType")}</dt><dd>{periodTypeLabel(d.period_type, lang)}</dd>
          </dl>
          {d.description ? <p>{d.description}</p> : null}

          <div className="grid-2">
            <section className="panel" aria-labelledby="series-title">
              <h2 id="series-title">{t("nationalSeries")}</h2>
              <LineChart labels={years} series={series} />
              <table className="sr-only">
                <caption>{t("nationalSeries")}</caption>
                <tbody>
                  {years.map((y, i) => (
                    <tr key={y}><th scope="row">{y}</th><td>{formatNumber(series[0].values[i], lang)}</td><td>{formatNumber(series[1].values[i], lang)}</td></tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="panel" aria-labelledby="targets-title">
              <h2 id="targets-title">{t("targetsByYear")}</h2>
              <table className="stack-on-phone">
                <thead><tr><th scope="col">{t("year")}</th><th scope="col">{t("target")}</th><th scope="col">{t("document")}</th></tr></thead>
                <tbody>
                  {(d.targets_by_year ?? []).flatMap((y) =>
                    y.targets.map((tg, i) => (
                      <tr key={`${y.year}-${i}`}>
                        <td data-label={t("year")}>{y.year}</td>
                        <td data-label={t("target")}>{tg.kind === "baseline" ? `${t("baseline")}: ` : ""}{tg.label}</td>
                        <td data-label={t("document")} className="small">{tg.document}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </section>
          </div>

          {grid.data ? (
            <section className="panel spaced" aria-labelledby="grid-title" tabIndex={0}>
              <h2 id="grid-title">{t("unitsByYear")}</h2>
              <div className="table-wrap">
                <table className="grid">
                  <thead>
                    <tr><th scope="col">{t("unit")}</th>{gridYears.map((y) => <th scope="col" key={y}>{y}</th>)}</tr>
                  </thead>
                  <tbody>
                    {(units.data?.items ?? []).map((u) => (
                      <tr key={u.id}>
                        <th scope="row">{u.name}</th>
                        {gridYears.map((y) => <td key={y}>{formatNumber(cell.get(`${u.id}|${y}`), lang)}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
          <section className="panel spaced" aria-labelledby="ranking-title">
            <h2 id="ranking-title">{t("provincialRanking")}</h2>
            {(
              <div className="toolbar">
                <label>
                  {t("year")}
                  <select aria-label={t("year")} value={year} onChange={(e) => setParams({ nam: e.target.value }, { replace: true })}>
                    {years.map((y) => <option key={y} value={y}>{y}</option>)}
                  </select>
                </label>
              </div>
            )}
            <Status loaded={provinces} />
            {provinces.data ? (
              <p>
                {t("completeness")}: <strong>{rows.length}/{provinces.data.items.length}</strong> {t("reported")}
              </p>
            ) : null}
            {rows.length ? (
              <table className="stack-on-phone ranking">
                <thead><tr><th scope="col">{t("rank")}</th><th scope="col">{t("unit")}</th><th scope="col">{t("value")}</th></tr></thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={r.unit}>
                      <td data-label={t("rank")}>{i + 1}</td>
                      <td data-label={t("unit")}>{r.unit_name}</td>
                      <td data-label={t("value")}>{formatNumber(r.value, lang)} {d.unit_of_measure}{r.estimated ? "*" : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {provinces.data ? (
              <details className="spaced" open={missing.length > 0 && missing.length < 10}>
                <summary>{t("missingUnits")} ({missing.length})</summary>
                {missing.length ? <p className="small">{missing.map((m) => m.unit_name).join(", ")}</p> : <p>{t("allReported")}</p>}
              </details>
            ) : null}
          </section>
        </>
      ) : null}
    </section>
  );
}
