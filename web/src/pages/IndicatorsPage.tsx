// Every published indicator, by group, with a search that ignores diacritics.
import { useState } from "react";
import { Link } from "react-router";
import { api, type Indicator } from "../api";
import { Status, useLoad } from "../components/Loader";
import { fold } from "../format";
import { useI18n } from "../i18n";

export function IndicatorsPage() {
  const { t } = useI18n();
  const all = useLoad(() => api<{ items: Indicator[] }>("/api/indicators"), []);
  const [q, setQ] = useState("");
  const items = (all.data?.items ?? []).filter((i) => !q || fold(`${i.code} ${i.name}`).includes(fold(q)));
  const groups = [...new Set(items.map((i) => i.group))];
  return (
    <section aria-labelledby="ind-title">
      <h1 id="ind-title">{t("indicatorsTitle")}</h1>
      <div className="toolbar">
        <label>
          {t("search")}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      <Status loaded={all} />
      {groups.map((g) => (
        <section key={g} className="panel spaced" aria-label={g}>
          <h2>{g}</h2>
          <ul className="plain-list">
            {items.filter((i) => i.group === g).map((i) => (
              <li key={i.code}>
                <span className="code">{i.code}</span> <Link to={`/chi-tieu/${i.code}`}>{i.name}</Link>{" "}
                <span className="muted small">({i.unit_of_measure})</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
