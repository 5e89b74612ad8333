// The working group's other two desks: the committee's sessions of a year (kind, date,
// agenda, conclusions notices and how their tasks stand), and the cascade of plans (which
// ministries and provinces have issued their own plan as a national plan requires).
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, ApiError, query, type Page, type Plan } from "../api";
import { DateField } from "../components/DateField";
import { Status, useLoad } from "../components/Loader";
import { formatDate, todayInVietnam } from "../format";
import { useI18n } from "../i18n";
import { sessionStateLabel } from "../labels";

interface Session {
  id: number;
  committee: string;
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
  const [adding, setAdding] = useState<Session | null>(null);
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
                <td data-label={t("status")}><span className="badge">{sessionStateLabel(s.state, lang)}</span></td>
                <td data-label={t("conclusions")}>
                  {s.conclusions.length}{" "}
                  <button type="button" className="link-button" onClick={() => setAdding(s)}>{t("addConclusions")}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {adding ? <ConclusionsForm key={adding.id} session={adding} onDone={sessions.reload} /> : null}
    </section>
  );
}

// A conclusions notice for a session: its number, date, issuer and title, and its items,
// each a task with a lead and a deadline ("Tháng 6/2022"), recorded in one transaction.
function ConclusionsForm({ session, onDone }: { session: Session; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [number, setNumber] = useState("");
  const [date, setDate] = useState("");
  const [issuer, setIssuer] = useState(session.committee);
  const [title, setTitle] = useState(`Kết luận ${session.title}`);
  const [items, setItems] = useState([{ title: "", lead: "", deadline: "" }]);
  const [errors, setErrors] = useState<{ path: string; reason: string }[]>([]);
  const [message, setMessage] = useState("");
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    setMessage("");
    try {
      await api(`/api/committee-sessions/${session.id}/conclusions`, {
        method: "POST",
        body: JSON.stringify({
          number,
          date,
          issuer,
          title,
          items: items.map((i) => ({ title: i.title, lead: i.lead, ...(i.deadline ? { deadline: i.deadline } : {}) })),
        }),
      });
      setMessage(t("conclusionsSaved"));
      onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fields);
        setMessage(lang === "vi" ? err.messageVi : err.messageEn);
      } else setMessage(String(err));
    }
  }
  const set = (i: number, patch: Partial<(typeof items)[number]>) => setItems((all) => all.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  return (
    <form className="panel spaced stack" onSubmit={submit} aria-labelledby="conclusions-title">
      <h2 id="conclusions-title">{t("addConclusions")}: {session.title}</h2>
      <div className="toolbar">
        <label>{t("noticeNumber")}<input required value={number} onChange={(e) => setNumber(e.target.value)} placeholder="45/TB-UBQGCĐS" /></label>
        <DateField label={t("noticeDate")} value={date} onChange={setDate} optional />
        <label>{t("issuerUnit")}<input required value={issuer} onChange={(e) => setIssuer(e.target.value)} /></label>
      </div>
      <label className="block">{t("title")}<input required value={title} onChange={(e) => setTitle(e.target.value)} /></label>
      {items.map((item, i) => (
        <fieldset key={i} className="panel">
          <legend>{t("item")} {i + 1}</legend>
          <div className="toolbar">
            <label>{t("title")}<input required value={item.title} onChange={(e) => set(i, { title: e.target.value })} /></label>
            <label>{t("leadUnitId")}<input required value={item.lead} onChange={(e) => set(i, { lead: e.target.value })} placeholder="bo-khcn" /></label>
            <label>{t("deadline")}<input value={item.deadline} onChange={(e) => set(i, { deadline: e.target.value })} placeholder="Tháng 6/2022" /></label>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setItems((all) => [...all, { title: "", lead: "", deadline: "" }])}>{t("addItem")}</button>
        <button type="submit">{t("send")}</button>
      </div>
      {message ? <p role={errors.length ? "alert" : "status"} className={errors.length ? "error" : "ok"}>{message}</p> : null}
      {errors.length ? <ul className="error">{errors.map((e) => <li key={e.path}>{e.path}: {e.reason}</li>)}</ul> : null}
    </form>
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
