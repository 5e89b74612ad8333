// One task: who leads it and with whom, its deadline, what has been reported and with what
// evidence; and, for those who report on it, a form to report progress with a file or link.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { api, ApiError, type Page, type Task } from "../api";
import { Status, useLoad } from "../components/Loader";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { statusKeys, statusLabel, timelinessLabel } from "../labels";
import { useSession } from "../session";

interface TaskDetail extends Task {
  text: string | null;
  may_report: boolean; // whether the server would take a progress report from the caller
  objective_ids: number[];
  coordinators: { unit: string | null; name: string | null; as_written: string | null }[];
  addressees?: { unit: string; name: string; status: string; progress_percent: number }[];
}

interface ProgressEntry {
  id: number;
  unit: string | null;
  text: string;
  percent: number | null;
  status: string | null;
  author: string;
  at: string;
}

interface Evidence {
  id: number;
  kind: "file" | "link";
  file_name: string | null;
  url: string | null;
  title: string;
  content: string | null;
}

export function TaskPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { me } = useSession();
  const task = useLoad(() => api<TaskDetail>(`/api/tasks/${id}`), [id]);
  const progress = useLoad(async () => {
    if (!me) return null;
    const page = await api<Page<ProgressEntry>>(`/api/tasks/${id}/progress?limit=100`);
    const evidence = await Promise.all(
      page.items.map((p) => api<Evidence[] | Page<Evidence>>(`/api/evidence?progress=${p.id}`).then((e) => (Array.isArray(e) ? e : e.items))),
    );
    return page.items.map((p, i) => ({ entry: p, evidence: evidence[i] }));
  }, [id, me?.actor]);

  const cascade = useLoad(() => api<Cascade>(`/api/tasks/${id}/cascade`), [id]);
  const indicators = useLoad(async () => {
    const ids = task.data?.objective_ids ?? [];
    const objectives = await Promise.all(ids.map((o) => api<{ code: string; text: string; indicator: string | null }>(`/api/objectives/${o}`)));
    return objectives.filter((o) => o.indicator);
  }, [task.data?.objective_ids.join(",")]);

  const d = task.data;
  return (
    <section aria-labelledby="task-title">
      <Status loaded={task} />
      {d ? (
        <>
          <p className="muted"><Link to={`/ke-hoach/${d.plan_id}`}>{t("plan")}</Link> · {d.number}</p>
          <h1 id="task-title">{d.title}</h1>
          <dl className="facts">
            <dt>{t("lead")}</dt>
            <dd>{d.lead.name ?? d.lead.as_written}</dd>
            {d.coordinators.length ? (<><dt>{t("coordinators")}</dt><dd>{d.coordinators.map((c) => c.name ?? c.as_written).join("; ")}</dd></>) : null}
            <dt>{t("deadline")}</dt>
            <dd>{d.deadline?.text ?? ""}{d.due_date ? ` (${formatDate(d.due_date)})` : ""}</dd>
            <dt>{t("status")}</dt>
            <dd>
              <span className={`badge task-${d.status}`}>{statusLabel(d.status, lang)}</span>{" "}
              {d.timeliness ? <span className={`badge time-${d.timeliness}`}>{timelinessLabel(d.timeliness, lang)}</span> : null}{" "}
              {d.progress_percent} %
            </dd>
          </dl>
          {d.text ? <p className="task-text">{d.text}</p> : null}
          {indicators.data?.length ? (
            <section className="panel spaced" aria-labelledby="linked-title">
              <h2 id="linked-title">{t("linkedIndicators")}</h2>
              <ul className="plain-list">
                {indicators.data.map((o) => (
                  <li key={o.code}>
                    <Link to={`/chi-tieu/${o.indicator}`}><span className="code">{o.indicator}</span></Link> — {o.code}. {o.text}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {cascade.data && (cascade.data.parent || cascade.data.serves.length || cascade.data.children.items.length || cascade.data.implemented_by.items.length) ? (
            <section className="panel spaced" aria-labelledby="cascade-title">
              <h2 id="cascade-title">{t("cascade")}</h2>
              {cascade.data.parent ? <p>{t("parentTask")}: <TaskLink task={cascade.data.parent} /></p> : null}
              <CascadeList title={t("servesTasks")} items={cascade.data.serves} />
              <CascadeList title={t("subTasks")} items={cascade.data.children.items} />
              <CascadeList title={t("implementedBy")} items={cascade.data.implemented_by.items} />
            </section>
          ) : null}
        </>
      ) : null}

      {me ? (
        <section aria-labelledby="progress-title" className="panel spaced">
          <h2 id="progress-title">{t("progressLog")}</h2>
          <Status loaded={progress} />
          {progress.data && progress.data.length === 0 ? <p className="muted">{t("noProgress")}</p> : null}
          <ol className="progress-log">
            {[...(progress.data ?? [])].reverse().map(({ entry, evidence }) => (
              <li key={entry.id}>
                <div className="small muted">
                  {formatDate(entry.at)} · {t("by")} {entry.author}
                  {entry.percent !== null ? ` · ${entry.percent} %` : ""}
                  {entry.status ? ` · ${statusLabel(entry.status, lang)}` : ""}
                </div>
                <div>{entry.text}</div>
                {evidence.length ? (
                  <ul className="evidence">
                    {evidence.map((e) => (
                      <li key={e.id}>
                        {t("evidence")}:{" "}
                        {e.kind === "file" ? <a href={e.content ?? "#"}>{e.file_name}</a> : <a href={e.url ?? "#"} rel="noreferrer">{e.title || e.url}</a>}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
          {d?.may_report ? <ProgressForm task={d} unit={me.unit} onSaved={() => { progress.reload(); task.reload(); }} /> : null}
        </section>
      ) : null}
    </section>
  );
}

interface Cascade {
  parent: Task | null;
  serves: Task[];
  children: { items: Task[] };
  implemented_by: { items: Task[] };
}

function TaskLink({ task }: { task: Task }) {
  const { lang } = useI18n();
  return (
    <>
      <Link to={`/nhiem-vu/${task.id}`}>{task.number}. {task.title}</Link>{" "}
      <span className="small muted">— {task.lead.name ?? task.lead.as_written} · {statusLabel(task.status, lang)} · {task.progress_percent} %</span>
    </>
  );
}

function CascadeList({ title, items }: { title: string; items: Task[] }) {
  if (!items.length) return null;
  return (
    <>
      <h3>{title} ({items.length})</h3>
      <ul className="plain-list">
        {items.map((x) => <li key={x.id}><TaskLink task={x} /></li>)}
      </ul>
    </>
  );
}

function ProgressForm({ task, unit, onSaved }: { task: TaskDetail; unit: string | null; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState("");
  const [percent, setPercent] = useState("");
  const [status, setStatus] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [link, setLink] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  const say = (e: ApiError) => (lang === "vi" ? e.messageVi : e.messageEn);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setErrors({});
    setMessage("");
    try {
      const body: Record<string, unknown> = { text };
      if (percent !== "") body.percent = Number(percent);
      if (status) body.status = status;
      // A task addressed to a group (every province) is reported for the caller's own part.
      if (task.addressees && unit) body.unit = unit;
      const { entry } = await api<{ entry: { id: number } }>(`/api/tasks/${task.id}/progress`, {
        method: "POST",
        body: JSON.stringify(body),
      });
      if (file)
        await api(`/api/evidence?progress=${entry.id}&name=${encodeURIComponent(file.name)}`, {
          method: "POST",
          body: file,
          headers: { "Content-Type": file.type || "application/octet-stream" },
        });
      if (link) await api(`/api/evidence?progress=${entry.id}`, { method: "POST", body: JSON.stringify({ url: link, title: "" }) });
      setText("");
      setPercent("");
      setStatus("");
      setFile(null);
      setLink("");
      form.reset(); // clears the chosen file, which React does not hold
      setMessage(t("saved"));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const f of err.fields) byField[f.path.replace(/^\//, "")] = f.reason;
        setErrors({ ...byField, _: say(err) });
      } else {
        setErrors({ _: String(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (key: string) =>
    errors[key] ? <span id={`err-${key}`} className="field-error">{errors[key]}</span> : null;

  return (
    <form className="stack progress-form" onSubmit={submit} aria-labelledby="report-title">
      <h3 id="report-title">{t("reportProgress")}</h3>
      <label>
        {t("progressText")}
        <textarea required rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={!!errors.text}
                  aria-describedby={errors.text ? "err-text" : undefined} />
        {fieldError("text")}
      </label>
      <div className="toolbar">
        <label>
          {t("percent")}
          <input type="number" min={0} max={100} value={percent} onChange={(e) => setPercent(e.target.value)}
                 aria-invalid={!!errors.percent} aria-describedby={errors.percent ? "err-percent" : undefined} />
          {fieldError("percent")}
        </label>
        <label>
          {t("newStatus")}
          <select aria-label={t("newStatus")} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("unchanged")}</option>
            {statusKeys.map((k) => <option key={k} value={k}>{statusLabel(k, lang)}</option>)}
          </select>
        </label>
      </div>
      <label>
        {t("evidenceFile")}
        <input id="evidence-file" type="file" accept=".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg,.gif,.webp"
               onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label>
        {t("evidenceLink")}
        <input type="url" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" />
      </label>
      {errors._ ? <p role="alert" className="error">{errors._}</p> : null}
      {message ? <p role="status" className="ok">{message}</p> : null}
      <div><button type="submit" disabled={busy}>{busy ? t("sending") : t("send")}</button></div>
    </form>
  );
}
