// A unit's report in a cycle: what it reports on (its tasks, the figures, the free sections)
// filled in, saved as a draft as often as wanted, then submitted. A returned report shows the
// reason and can be corrected and submitted again; a submitted one is read only.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { apiWithEtag, ApiError, type SubmissionPage } from "../api";
import { Status, useLoad } from "../components/Loader";
import { formatDate, formatNumber } from "../format";
import { useI18n } from "../i18n";
import { statusKeys, statusLabel, responseLabel } from "../labels";

interface TaskInput { status: string; percent: string; narrative: string }
interface FigureInput { value: string; estimated: boolean; note: string }

export function ReportPage() {
  const { cycle, unit } = useParams();
  const { t, lang } = useI18n();
  const url = `/api/cycles/${cycle}/submissions/${unit}`;
  const loaded = useLoad(() => apiWithEtag<SubmissionPage>(url), [url]);
  const [tasks, setTasks] = useState<Record<number, TaskInput>>({});
  const [figures, setFigures] = useState<Record<string, FigureInput>>({});
  const [sections, setSections] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  // The form starts from the saved submission, or from each task's current state.
  useEffect(() => {
    const page = loaded.data?.body;
    if (!page) return;
    const saved = page.submission;
    const tt: Record<number, TaskInput> = {};
    for (const task of page.content.tasks) {
      const s = saved?.tasks.find((x) => x.task === task.id);
      tt[task.id] = {
        status: s?.status ?? task.current.status,
        percent: String(s?.percent ?? task.current.percent ?? ""),
        narrative: s?.narrative ?? "",
      };
    }
    const ff: Record<string, FigureInput> = {};
    for (const ind of page.content.indicators) {
      const s = saved?.indicators.find((x) => x.indicator === ind.code);
      ff[ind.code] = { value: s?.value !== null && s?.value !== undefined ? String(s.value) : "", estimated: s?.estimated ?? false, note: s?.note ?? "" };
    }
    setTasks(tt);
    setFigures(ff);
    setSections({ ...(saved?.sections ?? {}) });
  }, [loaded.data]);

  const page = loaded.data?.body;
  const editable = !!page && (!page.submission || page.submission.state === "draft" || page.submission.state === "returned") && page.cycle.state === "open";

  function content() {
    return {
      tasks: Object.entries(tasks).map(([id, v]) => ({
        task: Number(id),
        status: v.status || null,
        percent: v.percent === "" ? null : Number(v.percent),
        narrative: v.narrative,
      })),
      indicators: Object.entries(figures).map(([code, v]) => ({
        indicator: code,
        value: v.value === "" ? null : Number(v.value.replace(",", ".")),
        estimated: v.estimated,
        note: v.note,
      })),
      sections,
    };
  }

  async function send(submit: boolean) {
    setBusy(true);
    setErrors({});
    setMessage("");
    try {
      const etag = loaded.data?.etag ?? "";
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (etag && page?.submission) headers["If-Match"] = etag;
      await apiWithEtag(submit ? `${url}/submit` : url, { method: submit ? "POST" : "PUT", body: JSON.stringify(content()), headers });
      setMessage(submit ? t("submitted") : t("draftSaved"));
      loaded.reload();
    } catch (err) {
      if (err instanceof ApiError) {
        const byPath: Record<string, string> = {};
        for (const f of err.fields) byPath[f.path] = f.reason;
        setErrors({ ...byPath, _: lang === "vi" ? err.messageVi : err.messageEn });
      } else setErrors({ _: String(err) });
    } finally {
      setBusy(false);
    }
  }

  const err = (path: string) => (errors[path] ? <span className="field-error" id={`e${path}`}>{errors[path]}</span> : null);

  return (
    <section aria-labelledby="report-title">
      <Status loaded={loaded} />
      {page ? (
        <>
          <p className="muted"><Link to="/don-vi">{t("navMyUnit")}</Link> · {t("reports")}</p>
          <h1 id="report-title">{page.cycle.title}: {page.unit_name}</h1>
          <p>
            <span className={`badge response-${page.response.state}`}>{responseLabel(page.response.state, lang)}</span>{" "}
            {t("dueOn")}: {formatDate(page.cycle.due)}
            {page.submission?.round ? ` · ${t("round")}: ${page.submission.round}` : ""}
          </p>
          {page.submission?.state === "returned" && page.submission.return_reason ? (
            <div role="note" className="error returned">
              <strong>{t("returnReason")}:</strong> {page.submission.return_reason}
            </div>
          ) : null}
          {!editable ? <p className="muted">{t("readOnlyReport")}</p> : null}

          <form onSubmit={(e) => { e.preventDefault(); void send(true); }}>
            <fieldset disabled={!editable || busy} className="plain">
              <h2>{t("tasks")}</h2>
              {page.content.tasks.map((task, i) => {
                const v = tasks[task.id] ?? { status: "", percent: "", narrative: "" };
                const set = (patch: Partial<TaskInput>) => setTasks((all) => ({ ...all, [task.id]: { ...v, ...patch } }));
                return (
                  <fieldset key={task.id} className="panel spaced">
                    <legend>{task.number}. {task.title}</legend>
                    <div className="toolbar">
                      <label>
                        {t("status")}
                        <select aria-label={t("status")} value={v.status} onChange={(e) => set({ status: e.target.value })}>
                          {statusKeys.map((k) => <option key={k} value={k}>{statusLabel(k, lang)}</option>)}
                        </select>
                        {err(`/tasks/${i}/status`)}
                      </label>
                      <label>
                        {t("percent")}
                        <input type="number" min={0} max={100} value={v.percent} onChange={(e) => set({ percent: e.target.value })}
                               aria-invalid={!!errors[`/tasks/${i}/percent`]} />
                        {err(`/tasks/${i}/percent`)}
                      </label>
                    </div>
                    <label className="block">
                      {t("narrative")}
                      <textarea rows={2} value={v.narrative} onChange={(e) => set({ narrative: e.target.value })} />
                    </label>
                  </fieldset>
                );
              })}

              {page.content.indicators.length ? <h2>{t("indicator")}</h2> : null}
              {page.content.indicators.map((ind, i) => {
                const v = figures[ind.code] ?? { value: "", estimated: false, note: "" };
                const set = (patch: Partial<FigureInput>) => setFigures((all) => ({ ...all, [ind.code]: { ...v, ...patch } }));
                return (
                  <fieldset key={ind.code} className="panel spaced">
                    <legend><span className="code">{ind.code}</span> {ind.name} — {ind.period_label}</legend>
                    <div className="toolbar">
                      <label>
                        {t("value")} ({ind.unit_of_measure})
                        <input inputMode="decimal" value={v.value} onChange={(e) => set({ value: e.target.value })}
                               aria-invalid={!!errors[`/indicators/${i}/value`]} />
                        {err(`/indicators/${i}/value`)}
                      </label>
                      <label className="inline">
                        <input type="checkbox" checked={v.estimated} onChange={(e) => set({ estimated: e.target.checked })} /> {t("estimated")}
                      </label>
                      <label>
                        {t("note")}
                        <input value={v.note} onChange={(e) => set({ note: e.target.value })} />
                        {err(`/indicators/${i}/note`)}
                      </label>
                    </div>
                    {ind.current ? <p className="small muted">{formatNumber(ind.current.value, lang)} {ind.unit_of_measure}</p> : null}
                  </fieldset>
                );
              })}

              {page.content.sections.map((sec) => (
                <label key={sec.key} className="block spaced">
                  <strong>{sec.title}</strong>
                  <textarea rows={4} value={sections[sec.key] ?? ""} aria-invalid={!!errors[`/sections/${sec.key}`]}
                            onChange={(e) => setSections((all) => ({ ...all, [sec.key]: e.target.value }))} />
                  {err(`/sections/${sec.key}`)}
                </label>
              ))}

              {errors._ ? <p role="alert" className="error">{errors._}</p> : null}
              {message ? <p role="status" className="ok">{message}</p> : null}
              <div className="actions">
                <button type="button" className="secondary" onClick={() => void send(false)}>{t("saveDraft")}</button>
                <button type="submit">{t("submitReport")}</button>
              </div>
            </fieldset>
          </form>
        </>
      ) : null}
    </section>
  );
}
