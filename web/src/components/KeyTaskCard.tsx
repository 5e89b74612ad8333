// One of the unit's key tasks: its monthly roadmap (what each month should achieve), edited
// and saved as a whole, and a month's report (what was achieved, met or not). Both writes
// name the revision they change (If-Match), so that two people cannot overwrite each other.
import { useState, type FormEvent } from "react";
import { api, apiWithEtag, ApiError } from "../api";
import { useI18n } from "../i18n";
import { useLoad } from "./Loader";

interface Month {
  month: number;
  expected: string | null;
  actual: string | null;
  achieved: string | null;
  state: string;
  state_label: string;
  slipped: boolean;
}
interface KeyTaskView {
  id: number;
  title: string;
  member: string;
  months: Month[];
  standing: { slipped: number; slipping: boolean };
}

export function KeyTaskCard({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(() => apiWithEtag<KeyTaskView>(`/api/key-tasks/${id}`), [id]);
  const [draft, setDraft] = useState<Record<number, string> | null>(null);
  const [month, setMonth] = useState(1);
  const [actual, setActual] = useState("");
  const [achieved, setAchieved] = useState("met");
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const k = loaded.data?.body;
  if (!k) return null;
  const roadmap = draft ?? Object.fromEntries(k.months.map((m) => [m.month, m.expected ?? ""]));

  async function write(path: string, body: unknown, done: string) {
    setError("");
    setMessage("");
    try {
      await api(path, { method: "PUT", body: JSON.stringify(body), headers: { "If-Match": loaded.data?.etag ?? "" } });
      setMessage(done);
      setDraft(null);
      loaded.reload();
    } catch (err) {
      setError(err instanceof ApiError ? (lang === "vi" ? err.messageVi : err.messageEn) : String(err));
    }
  }
  const saveRoadmap = (e: FormEvent) => {
    e.preventDefault();
    const months = Object.entries(roadmap)
      .filter(([, v]) => v.trim() !== "")
      .map(([m, v]) => ({ month: Number(m), expected: v.trim() }));
    void write(`/api/key-tasks/${id}/roadmap`, { roadmap: months }, t("saved"));
  };
  const reportMonth = (e: FormEvent) => {
    e.preventDefault();
    void write(`/api/key-tasks/${id}/months/${month}`, { actual, achieved }, t("saved"));
  };

  return (
    <article className="panel spaced key-task" aria-labelledby={`kt-${id}`}>
      <h3 id={`kt-${id}`}>{k.title}</h3>
      <p className="small muted">
        {k.member} · {t("slipped")}: {k.standing.slipped}
        {k.standing.slipping ? <> <span className="badge time-overdue">{t("slipping")}</span></> : null}
      </p>
      <form onSubmit={saveRoadmap}>
        <table className="stack-on-phone roadmap">
          <thead><tr><th scope="col">{t("month")}</th><th scope="col">{t("expected")}</th><th scope="col">{t("actual")}</th><th scope="col">{t("status")}</th></tr></thead>
          <tbody>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => {
              const row = k.months.find((x) => x.month === m);
              return (
                <tr key={m}>
                  <td data-label={t("month")}>{m}</td>
                  <td data-label={t("expected")}>
                    <input aria-label={`${t("expected")} ${t("month")} ${m}`} value={roadmap[m] ?? ""}
                           onChange={(e) => setDraft({ ...roadmap, [m]: e.target.value })} />
                  </td>
                  <td data-label={t("actual")}>{row?.actual ?? ""}</td>
                  <td data-label={t("status")}>{row ? <span className={`badge${row.slipped ? " time-overdue" : ""}`}>{row.state_label}</span> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit" className="secondary">{t("saveRoadmap")}</button>
      </form>
      <form className="toolbar spaced" onSubmit={reportMonth}>
        <label>
          {t("month")}
          <select aria-label={t("month")} value={month} onChange={(e) => setMonth(Number(e.target.value))}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label>
          {t("actual")}
          <input required value={actual} onChange={(e) => setActual(e.target.value)} />
        </label>
        <label>
          {t("achieved")}
          <select aria-label={t("achieved")} value={achieved} onChange={(e) => setAchieved(e.target.value)}>
            <option value="met">{t("met")}</option>
            <option value="partly">{t("partly")}</option>
            <option value="not_met">{t("notMet")}</option>
          </select>
        </label>
        <button type="submit">{t("reportMonth")}</button>
      </form>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {message ? <p role="status" className="ok">{message}</p> : null}
    </article>
  );
}
