// Importing a plan: upload its document; review what dxgov read (tasks with their lead,
// coordinators and deadline, and warnings) beside the document itself, where clicking a
// task shows the lines it came from; fix a task; commit it as a plan.
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, ApiError } from "../api";
import { Status, useLoad } from "../components/Loader";
import { useI18n } from "../i18n";
import { importStateLabel } from "../labels";

interface ProposedTask {
  id: string;
  number: string;
  title: string;
  lead: { as_written: string; unit: string | null } | null;
  coordinators: { as_written: string; unit: string | null }[];
  deadline: { text: string } | string | null; // a string: the reviewer's phrase, read on commit
  lines: [number, number];
}
interface Warning {
  line: number | null;
  code: string;
  message: string;
  message_en: string;
}
interface Proposal {
  source: { title: string | null; number: string | null; plan_year: number | null; issuer: { as_written: string; unit: string | null } | null };
  tasks: ProposedTask[];
  warnings: Warning[];
  [key: string]: unknown;
}
interface ImportView {
  import: { id: number; file_name: string; title: string; state: string; state_label: string; plan: number | null };
  duplicates: { reason: string; plan?: number }[];
  proposal: Proposal;
}

const deadlineText = (d: ProposedTask["deadline"]) => (d === null ? "" : typeof d === "string" ? d : d.text);

export function ImportUploadPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem("document") as HTMLInputElement).files?.[0];
    if (!file) return;
    setBusy(true);
    setError("");
    try {
      const r = await api<ImportView>(`/api/imports?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        body: file,
        headers: { "Content-Type": file.name.endsWith(".md") ? "text/markdown" : "text/plain" },
      });
      navigate(`/nhap-ke-hoach/${r.import.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? (lang === "vi" ? err.messageVi : err.messageEn) : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="import-title" className="narrow-wide">
      <h1 id="import-title">{t("importTitle")}</h1>
      <p>{t("importHelp")}</p>
      <form className="stack" onSubmit={submit}>
        <label>
          {t("documentFile")}
          <input name="document" type="file" accept=".txt,.md,text/plain,text/markdown" required />
        </label>
        {error ? <p role="alert" className="error">{error}</p> : null}
        <div><button type="submit" disabled={busy}>{t("upload")}</button></div>
      </form>
    </section>
  );
}

export function ImportReviewPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const view = useLoad(() => api<ImportView>(`/api/imports/${id}`), [id]);
  const doc = useLoad(async () => {
    const res = await fetch(`/api/imports/${id}/document`, { credentials: "same-origin" });
    if (!res.ok) throw new Error(res.statusText);
    return (await res.text()).split("\n");
  }, [id]);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [selected, setSelected] = useState<number>(-1);
  const [publish, setPublish] = useState(true);
  const [errors, setErrors] = useState<{ path: string; reason: string }[]>([]);
  const [message, setMessage] = useState("");
  const [committedPlan, setCommittedPlan] = useState<number | null>(null);
  const docRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (view.data) setProposal(structuredClone(view.data.proposal));
  }, [view.data]);

  const task = proposal && selected >= 0 ? proposal.tasks[selected] : null;
  const warnLines = useMemo(() => new Set((proposal?.warnings ?? []).map((w) => w.line).filter((l): l is number => l !== null)), [proposal]);

  // Show the selected task's lines in the document.
  useEffect(() => {
    if (!task || !docRef.current) return;
    docRef.current.querySelector(`[data-line="${task.lines[0]}"]`)?.scrollIntoView({ block: "center" });
  }, [task]);

  const edit = (patch: Partial<ProposedTask>) =>
    setProposal((p) => (p ? { ...p, tasks: p.tasks.map((x, i) => (i === selected ? { ...x, ...patch } : x)) } : p));

  async function commit() {
    setErrors([]);
    setMessage("");
    try {
      const r = await api<{ plan: { id: number; key: string } }>(`/api/imports/${id}/commit`, {
        method: "POST",
        body: JSON.stringify({ proposal, published: publish }),
      });
      setCommittedPlan(r.plan.id);
      setMessage(t("committed"));
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fields);
        setMessage(lang === "vi" ? err.messageVi : err.messageEn);
      } else setMessage(String(err));
    }
  }

  const v = view.data;
  return (
    <section aria-labelledby="review-title">
      <Status loaded={view} />
      {v && proposal ? (
        <>
          <p className="muted"><Link to="/nhap-ke-hoach">{t("navImport")}</Link> · {v.import.file_name} · {importStateLabel(v.import.state, lang)}</p>
          <h1 id="review-title">{t("reviewTitle")}: {proposal.source.title ?? v.import.title}</h1>
          <p className="muted">
            {[proposal.source.number, proposal.source.issuer?.as_written, proposal.source.plan_year].filter(Boolean).join(" · ")}
          </p>
          {v.duplicates.length ? <p role="note" className="error">{t("duplicates")}</p> : null}
          {proposal.warnings.length ? (
            <section className="panel warn-panel" aria-labelledby="warn-title">
              <h2 id="warn-title">{t("warnings")} ({proposal.warnings.length})</h2>
              <ul>
                {proposal.warnings.map((w, i) => (
                  <li key={i}>{w.line ? `${t("line")} ${w.line}: ` : ""}{lang === "vi" ? w.message : w.message_en}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <div className="review-grid">
            <section className="panel" aria-labelledby="proposed-title" tabIndex={0}>
              <h2 id="proposed-title">{t("tasks")} ({proposal.tasks.length})</h2>
              <ol className="proposed">
                {proposal.tasks.map((x, i) => (
                  <li key={`${x.id}-${i}`}>
                    <button type="button" className={`task-pick${i === selected ? " selected" : ""}`} aria-pressed={i === selected}
                            onClick={() => setSelected(i)}>
                      <strong>{x.number}</strong> {x.title}
                      <span className="small muted"> — {x.lead?.as_written ?? "?"}{x.deadline ? ` · ${deadlineText(x.deadline)}` : ""}</span>
                      {!x.lead?.unit ? <span className="badge time-overdue">{t("leadUnitId")}?</span> : null}
                    </button>
                  </li>
                ))}
              </ol>
            </section>
            {/* Scrolls on its own: focusable, so that a keyboard can scroll it too. */}
            <section className="panel" aria-labelledby="source-title" tabIndex={0}>
              <h2 id="source-title">{t("sourceText")}</h2>
              <Status loaded={doc} />
              <ol className="document" ref={docRef}>
                {(doc.data ?? []).map((text, i) => {
                  const n = i + 1;
                  const inTask = task && n >= task.lines[0] && n <= task.lines[1];
                  return (
                    <li key={n} data-line={n} className={`${inTask ? "hl" : ""}${warnLines.has(n) ? " warn" : ""}`}>{text || "\u00a0"}</li>
                  );
                })}
              </ol>
            </section>
          </div>
          {task ? (
            <fieldset className="panel spaced">
              <legend>{t("editTask")}: {task.number}</legend>
              <label className="block">
                {t("title")}
                <input value={task.title} onChange={(e) => edit({ title: e.target.value })} />
              </label>
              <label className="block">
                {t("leadUnitId")} ({task.lead?.as_written})
                <input value={task.lead?.unit ?? ""} onChange={(e) => edit({ lead: { as_written: task.lead?.as_written ?? "", unit: e.target.value || null } })} />
              </label>
              {task.coordinators.map((c, i) => (
                <label className="block" key={i}>
                  {t("coordinators")} {i + 1} ({c.as_written})
                  <input value={c.unit ?? ""}
                         onChange={(e) => edit({ coordinators: task.coordinators.map((x, k) => (k === i ? { ...x, unit: e.target.value || null } : x)) })} />
                </label>
              ))}
              <label className="block">
                {t("deadline")}
                <input value={deadlineText(task.deadline)} placeholder="Tháng 6/2024, Quý III/2024, 30/6/2024"
                       onChange={(e) => edit({ deadline: e.target.value === "" ? null : e.target.value })} />
              </label>
            </fieldset>
          ) : null}
          <div className="actions">
            <label className="inline"><input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} /> {t("publishOnCommit")}</label>
            <button type="button" onClick={() => void commit()} disabled={v.import.state !== "pending" || committedPlan !== null}>{t("commit")}</button>
          </div>
          {message ? <p role={committedPlan ? "status" : "alert"} className={committedPlan ? "ok" : "error"}>{message}</p> : null}
          {errors.length ? <ul className="error">{errors.map((e) => <li key={e.path}>{e.path}: {e.reason}</li>)}</ul> : null}
          {committedPlan ? <p><Link to={`/ke-hoach/${committedPlan}`}>{t("openPlan")}</Link></p> : null}
        </>
      ) : null}
    </section>
  );
}
