// The national digital platforms of the programme: who owns each (a state body, or core
// enterprises), and, on a platform's page, the tasks that promote it and its adoption.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, type Page, type Platform } from "../api";
import { Status, useLoad } from "../components/Loader";
import { fold, formatNumber } from "../format";
import { useI18n } from "../i18n";
import { platformCategoryLabel } from "../labels";

export function PlatformsPage() {
  const { t, lang } = useI18n();
  const all = useLoad(() => api<Page<Platform>>("/api/platforms"), []);
  const [category, setCategory] = useState("");
  const [q, setQ] = useState("");
  const items = (all.data?.items ?? []).filter(
    (p) => (!category || p.category === category) &&
      (!q || fold(`${p.name} ${p.owner?.name ?? ""} ${p.enterprises.join(" ")}`).includes(fold(q))),
  );
  return (
    <section aria-labelledby="platforms-title">
      <h1 id="platforms-title">{t("platformsTitle")} ({all.data?.total ?? "…"})</h1>
      <div className="toolbar">
        <label>
          {t("search")}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          {t("category")}
          <select aria-label={t("category")} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t("allCategories")}</option>
            <option value="state">{platformCategoryLabel("state", lang)}</option>
            <option value="enterprise">{platformCategoryLabel("enterprise", lang)}</option>
          </select>
        </label>
      </div>
      <Status loaded={all} />
      <div className="table-wrap">
        <table className="stack-on-phone platforms">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("title")}</th>
              <th scope="col">{t("owner")}</th>
              <th scope="col">{t("category")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.key}>
                <td data-label="#">{p.number}</td>
                <td data-label={t("title")}><Link to={`/nen-tang/${p.key}`}>{p.name}</Link></td>
                <td data-label={t("owner")}>{p.owner?.name ?? p.owner?.as_written ?? p.enterprises.join(", ")}</td>
                <td data-label={t("category")}>{platformCategoryLabel(p.category, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PlatformPage() {
  const { key } = useParams();
  const { t, lang } = useI18n();
  const p = useLoad(() => api<Platform>(`/api/platforms/${key}`), [key]);
  const d = p.data;
  return (
    <section aria-labelledby="platform-title">
      <Status loaded={p} />
      {d ? (
        <>
          <p className="muted"><Link to="/nen-tang">{t("platformsTitle")}</Link> · {platformCategoryLabel(d.category, lang)}</p>
          <h1 id="platform-title">{d.name}</h1>
          <dl className="facts">
            <dt>{t("owner")}</dt><dd>{d.owner?.name ?? d.owner?.as_written ?? "–"}</dd>
            {d.enterprises.length ? (<><dt>{t("enterprises")}</dt><dd>{d.enterprises.join(", ")}</dd></>) : null}
          </dl>
          <p>{d.description}</p>
          <section className="panel spaced" aria-labelledby="adoption-title">
            <h2 id="adoption-title">{t("adoption")}</h2>
            <div className="table-wrap">
              <table className="stack-on-phone">
                <thead>
                  <tr>
                    <th scope="col">{t("indicator")}</th>
                    {(d.adoption?.[0]?.series ?? []).map((s) => <th scope="col" key={s.period}>{s.period_label}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {(d.adoption ?? []).map((a) => (
                    <tr key={a.indicator.code}>
                      <td data-label={t("indicator")}><Link to={`/chi-tieu/${a.indicator.code}`}>{a.indicator.name}</Link></td>
                      {a.series.map((s) => (
                        <td key={s.period} data-label={s.period_label}>
                          {s.value === null ? "–" : `${formatNumber(s.value, lang)} ${a.indicator.unit_of_measure}`}
                          <div className="small muted">{s.reported}/{s.expected}</div>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {d.tasks?.length ? (
            <section className="panel spaced" aria-labelledby="promoting-title">
              <h2 id="promoting-title">{t("promotingTasks")}</h2>
              <ul className="plain-list">
                {d.tasks.map((task) => (
                  <li key={task.id}><Link to={`/nhiem-vu/${task.id}`}>{task.number}. {task.title}</Link></li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
