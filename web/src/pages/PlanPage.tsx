// A plan's tasks: filters (section, status, timeliness), a search that ignores diacritics
// (the server folds both sides), sorting and pages; the table as a workbook, CSV or JSON.
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { api, query, type Page, type Plan, type Task, type TaskBoard } from "../api";
import { DateField } from "../components/DateField";
import { Status, useLoad } from "../components/Loader";
import { formatDate, todayInVietnam } from "../format";
import { useI18n } from "../i18n";
import { statusKeys, statusLabel, timelinessKeys, timelinessLabel } from "../labels";

const pageSize = 50;

export function PlanPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? "";
  const asOf = get("ngay") || todayInVietnam();
  const offset = Number(get("tu")) || 0;
  const [search, setSearch] = useState(get("q"));

  const plan = useLoad(() => api<Plan>(`/api/plans/${id}`), [id]);
  const board = useLoad(() => api<TaskBoard>(`/api/board/tasks${query({ plan: id, as_of: asOf })}`), [id, asOf]);
  const tasks = useLoad(
    () =>
      api<Page<Task>>(
        `/api/tasks${query({
          plan: id,
          as_of: asOf,
          section: get("muc"),
          status: get("trang-thai"),
          timeliness: get("han"),
          q: get("q"),
          sort: get("sap-xep") || "number",
          limit: pageSize,
          offset,
        })}`,
      ),
    [id, params.toString()],
  );

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!("tu" in changes)) next.delete("tu");
    setParams(next, { replace: true });
  };

  const page = tasks.data;
  return (
    <section aria-labelledby="plan-title">
      <Status loaded={plan} />
      <h1 id="plan-title">{plan.data?.title ?? t("plan")}</h1>
      {plan.data ? (
        <p className="muted">
          {[plan.data.decision.number, plan.data.decision.issuer_name, formatDate(plan.data.decision.date)].filter(Boolean).join(" · ")}
        </p>
      ) : null}

      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); set({ q: search }); }}>
        <label>
          {t("search")}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button type="submit">{t("find")}</button>
        <label>
          {t("section")}
          <select value={get("muc")} onChange={(e) => set({ muc: e.target.value })}>
            <option value="">{t("allSections")}</option>
            {(board.data?.by_section ?? []).map((s) => (
              <option key={s.section} value={s.section}>{s.section} ({s.summary.total})</option>
            ))}
          </select>
        </label>
        <label>
          {t("status")}
          <select value={get("trang-thai")} onChange={(e) => set({ "trang-thai": e.target.value })}>
            <option value="">{t("allStatuses")}</option>
            {statusKeys.map((k) => <option key={k} value={k}>{statusLabel(k, lang)}</option>)}
          </select>
        </label>
        <label>
          {t("timeliness")}
          <select value={get("han")} onChange={(e) => set({ han: e.target.value })}>
            <option value="">{t("anyTimeliness")}</option>
            {timelinessKeys.map((k) => <option key={k} value={k}>{timelinessLabel(k, lang)}</option>)}
          </select>
        </label>
        <label>
          {t("sortBy")}
          <select value={get("sap-xep") || "number"} onChange={(e) => set({ "sap-xep": e.target.value })}>
            <option value="number">{t("number")}</option>
            <option value="title">{t("title")}</option>
            <option value="deadline">{t("deadline")}</option>
            <option value="lead">{t("lead")}</option>
            <option value="status">{t("status")}</option>
          </select>
        </label>
        <DateField label={t("asOf")} value={asOf} onChange={(iso) => set({ ngay: iso })} />
      </form>

      <p className="downloads">
        {t("download")}:{" "}
        {(["xlsx", "csv", "json"] as const).map((ext) => (
          <a key={ext} href={`/api/plans/${id}/tasks.${ext}${query({ as_of: asOf })}`} download>
            {ext.toUpperCase()}
          </a>
        ))}
      </p>

      <Status loaded={tasks} />
      {page ? (
        <>
          <p className="muted" aria-live="polite">
            {t("showing")} {page.total === 0 ? 0 : page.offset + 1}–{page.offset + page.items.length} {t("of")} {page.total}
          </p>
          <div className="table-wrap">
            <table className="tasks stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t("number")}</th>
                  <th scope="col">{t("title")}</th>
                  <th scope="col">{t("lead")}</th>
                  <th scope="col">{t("deadline")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("timeliness")}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((task) => (
                  <tr key={task.id}>
                    <td className="nowrap" data-label={t("number")}>{task.number}</td>
                    <td data-label={t("title")}>{task.title}</td>
                    <td data-label={t("lead")}>{task.lead.name ?? task.lead.as_written}</td>
                    <td data-label={t("deadline")}>
                      {task.deadline?.text ?? ""}
                      {task.due_date ? <div className="muted small">{formatDate(task.due_date)}</div> : null}
                    </td>
                    <td data-label={t("status")}>
                      <span className={`badge task-${task.status}`}>{statusLabel(task.status, lang)}</span>
                      {task.progress_percent > 0 && task.status !== "done" ? (
                        <div className="small">{task.progress_percent} %</div>
                      ) : null}
                    </td>
                    <td data-label={t("timeliness")}>{task.timeliness ? <span className={`badge time-${task.timeliness}`}>{timelinessLabel(task.timeliness, lang)}</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={lang === "vi" ? "Phân trang" : "Pages"}>
            <button type="button" disabled={offset === 0} onClick={() => set({ tu: String(Math.max(0, offset - pageSize)) })}>
              {t("previous")}
            </button>
            <button type="button" disabled={offset + pageSize >= page.total} onClick={() => set({ tu: String(offset + pageSize) })}>
              {t("next")}
            </button>
          </nav>
        </>
      ) : null}
    </section>
  );
}
