// The working group's other two desks: the committee's sessions of a year (kind, date,
// agenda, conclusions notices and how their tasks stand), and the cascade of plans (which
// ministries and provinces have issued their own plan as a national plan requires).
import { Link, useSearchParams } from "react-router";
import { api, query, type Page, type Plan } from "../api";
import { Status, useLoad } from "../components/Loader";
import { formatDate, todayInVietnam } from "../format";
import { useI18n } from "../i18n";

interface Session {
  id: number;
  title: string;
  kind_label: string;
  kind_label_en: string;
  month: number;
  date: string | null;
  state: string;
  state_label: string;
  agenda: { time: string | null; title: string; presenter: string | null }[];
  documents: { title: string; reference: string | null }[];
  conclusions: unknown[]; // the notices issued after it
}

export function SessionsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("nam")) || 2022;
  const sessions = useLoad(() => api<{ items: Session[]; total: number }>(`/api/committee-sessions?year=${year}`), [year]);
  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title">{t("sessionsTitle")} {year}</h1>
      <div className="toolbar">
        <label>
          {t("year")}
          <input type="number" min={2020} max={2100} value={year} onChange={(e) => setParams({ nam: e.target.value }, { replace: true })} />
        </label>
      </div>
      <Status loaded={sessions} />
      <div className="table-wrap">
        <table className="stack-on-phone sessions">
          <thead>
            <tr>
              <th scope="col">{t("month")}</th>
              <th scope="col">{t("title")}</th>
              <th scope="col">{t("kind")}</th>
              <th scope="col">{t("date")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("conclusions")}</th>
            </tr>
          </thead>
          <tbody>
            {(sessions.data?.items ?? []).map((s) => (
              <tr key={s.id}>
                <td data-label={t("month")}>{s.month}</td>
                <td data-label={t("title")}>
                  {s.title}
                  {s.agenda.length || s.documents.length ? (
                    <details className="small">
                      <summary>{t("agenda")} ({s.agenda.length}) · {t("document")} ({s.documents.length})</summary>
                      <ol>
                        {s.agenda.map((a, i) => (
                          <li key={i}>{a.time ? `${a.time}: ` : ""}{a.title}{a.presenter ? ` — ${a.presenter}` : ""}</li>
                        ))}
                      </ol>
                      <ul>
                        {s.documents.map((d, i) => <li key={i}>{d.title}{d.reference ? ` (${d.reference})` : ""}</li>)}
                      </ul>
                    </details>
                  ) : null}
                </td>
                <td data-label={t("kind")}>{lang === "vi" ? s.kind_label : s.kind_label_en}</td>
                <td data-label={t("date")}>{formatDate(s.date)}</td>
                <td data-label={t("status")}><span className="badge">{s.state_label}</span></td>
                <td data-label={t("conclusions")}>{s.conclusions.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface Registrations {
  plan: number;
  as_of: string;
  duties: {
    index: number;
    respondent_name: string;
    what: string;
    due_date: string | null;
    counts: { on_time: number; late: number; drafting: number; missing: number; not_due: number; total: number };
    items: { unit: string; name: string; state: string; state_label: string; state_label_en: string; issued_on: string | null; plan: number | null }[];
  }[];
}

export function CascadePage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const plans = useLoad(() => api<Page<Plan>>("/api/plans?limit=200"), []);
  const planId = Number(params.get("ke-hoach")) || plans.data?.items.find((p) => p.key === "27-qd-ubqgcds-2022")?.id || plans.data?.items[0]?.id;
  const asOf = params.get("ngay") ?? todayInVietnam();
  const reg = useLoad(
    () => (planId ? api<Registrations>(`/api/plans/${planId}/registrations${query({ as_of: asOf })}`) : Promise.resolve(null)),
    [planId, asOf],
  );
  return (
    <section aria-labelledby="cascade-title">
      <h1 id="cascade-title">{t("cascadeTitle")}</h1>
      <div className="toolbar">
        <label>
          {t("plan")}
          <select aria-label={t("plan")} value={planId ?? ""} onChange={(e) => setParams({ "ke-hoach": e.target.value }, { replace: true })}>
            {(plans.data?.items ?? []).map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
          </select>
        </label>
      </div>
      <Status loaded={reg} />
      {(reg.data?.duties ?? []).length === 0 && reg.data ? <p className="muted">{t("noData")}</p> : null}
      {(reg.data?.duties ?? []).map((d) => (
        <section key={d.index} className="panel spaced" aria-label={d.what}>
          <h2>{d.respondent_name}: {d.what}</h2>
          <p>
            {t("dueOn")}: {formatDate(d.due_date)} · {t("onTime")}: <strong>{d.counts.on_time}</strong> · {t("late")}: <strong>{d.counts.late}</strong> ·{" "}
            {t("missing")}: <strong>{d.counts.missing}</strong> / {d.counts.total}
          </p>
          <details>
            <summary>{t("unit")} ({d.items.length})</summary>
            <table className="stack-on-phone">
              <tbody>
                {d.items.map((i) => (
                  <tr key={i.unit}>
                    <td data-label={t("unit")}>{i.name}</td>
                    <td data-label={t("status")}>
                      <span className={`badge cascade-${i.state}`}>{lang === "vi" ? i.state_label : i.state_label_en}</span>
                    </td>
                    <td data-label={t("date")}>{formatDate(i.issued_on)}</td>
                    <td>{i.plan ? <Link to={`/ke-hoach/${i.plan}`}>{t("openPlan")}</Link> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      ))}
    </section>
  );
}
