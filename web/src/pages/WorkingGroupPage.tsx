// The standing agency's desk for a report cycle: who has answered and how (not started,
// draft, on time, late, returned, accepted), accepting or returning what was submitted, and
// sending the day's reminders now.
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, apiWithEtag, ApiError, type Cycle, type CycleBoard, type Page, type SubmissionPage } from "../api";
import { Status, useLoad } from "../components/Loader";
import { useLiveReload } from "../components/live";
import { formatDate, todayInVietnam } from "../format";
import { useI18n } from "../i18n";
import { responseLabel } from "../labels";

export function WorkingGroupPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const cycles = useLoad(() => api<Page<Cycle>>("/api/cycles?limit=100"), []);
  const cycleId = Number(params.get("ky")) || cycles.data?.items.find((c) => c.state === "open")?.id || cycles.data?.items[0]?.id;
  const board = useLoad(
    () => (cycleId ? api<CycleBoard>(`/api/cycles/${cycleId}/submissions?as_of=${todayInVietnam()}`) : Promise.resolve(null)),
    [cycleId],
  );
  useLiveReload(cycleId ? [`submissions:${cycleId}`] : [], board.reload);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const fail = (e: unknown) => setError(e instanceof ApiError ? (lang === "vi" ? e.messageVi : e.messageEn) : String(e));

  async function review(unit: string, action: "accept" | "return") {
    setError("");
    setMessage("");
    try {
      const url = `/api/cycles/${cycleId}/submissions/${unit}`;
      const { etag } = await apiWithEtag<SubmissionPage>(url);
      const body = action === "return" ? JSON.stringify({ reason: reasons[unit] ?? "" }) : undefined;
      await api(`${url}/${action}`, { method: "POST", body, headers: { "If-Match": etag, "Content-Type": "application/json" } });
      board.reload();
    } catch (e) {
      fail(e);
    }
  }

  async function remind() {
    setError("");
    setMessage("");
    try {
      const r = await api<{ notifications: number; mails_sent: number }>("/api/reminders/run", { method: "POST" });
      setMessage(`${t("remindersSent")}: ${r.notifications}`);
    } catch (e) {
      fail(e);
    }
  }

  const b = board.data;
  return (
    <section aria-labelledby="wg-title">
      <h1 id="wg-title">{t("workingGroupTitle")}</h1>
      <nav className="subnav" aria-label={t("navWorkingGroup")}>
        <Link to="/to-cong-tac/phien-hop">{t("sessionsTitle")}</Link>
        <Link to="/to-cong-tac/ke-hoach-cac-cap">{t("cascadeTitle")}</Link>
        <Link to="/to-cong-tac/nhiem-vu-trong-diem">{t("keyTasksTitle")}</Link>
      </nav>
      <Status loaded={cycles} />
      <div className="toolbar">
        <label>
          {t("cycle")}
          <select aria-label={t("cycle")} value={cycleId ?? ""} onChange={(e) => setParams({ ky: e.target.value }, { replace: true })}>
            {(cycles.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void remind()}>{t("sendReminders")}</button>
      </div>
      {message ? <p role="status" className="ok">{message}</p> : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
      <Status loaded={board} />
      {b ? (
        <>
          <p>
            {t("dueOn")}: {formatDate(b.cycle.due)} · {t("respondents")}: {b.counts.respondents} · {t("overdue")}: {b.counts.overdue}
          </p>
          <div className="table-wrap">
            <table className="stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t("unit")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("round")}</th>
                  <th scope="col">{t("submittedAt")}</th>
                  <th scope="col">{t("review")}</th>
                </tr>
              </thead>
              <tbody>
                {b.items.map((row) => {
                  const reviewable = row.response.state === "submitted_on_time" || row.response.state === "submitted_late";
                  return (
                    <tr key={row.unit}>
                      <td data-label={t("unit")}>
                        {row.readable ? <Link to={`/bao-cao/${b.cycle.id}/${row.unit}`}>{row.name}</Link> : row.name}
                      </td>
                      <td data-label={t("status")}>
                        <span className={`badge response-${row.response.state}`}>{responseLabel(row.response.state, lang)}</span>
                        {row.response.overdue ? <span className="badge time-overdue">{t("overdue")}</span> : null}
                      </td>
                      <td data-label={t("round")}>{row.round}</td>
                      <td data-label={t("submittedAt")}>{formatDate(row.first_submitted_at)}</td>
                      <td data-label={t("review")}>
                        {reviewable ? (
                          <div className="review">
                            <button type="button" onClick={() => void review(row.unit, "accept")}>{t("accept")}</button>
                            <input aria-label={`${t("reasonPrompt")}: ${row.name}`} placeholder={t("reasonPrompt")}
                                   value={reasons[row.unit] ?? ""} onChange={(e) => setReasons((r) => ({ ...r, [row.unit]: e.target.value }))} />
                            <button type="button" className="secondary" onClick={() => void review(row.unit, "return")}>{t("returnIt")}</button>
                          </div>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
