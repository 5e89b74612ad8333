// A plan's tasks: filters (section, status, timeliness), a search that ignores diacritics
// (the server folds both sides), sorting and pages; the table as a workbook, CSV or JSON.
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { api, query, type Page, type Plan, type Task, type TaskBoard } from "../api";
import { DateField } from "../components/DateField";
import { Status, useLoad } from "../components/Loader";
import { TaskTable } from "../components/TaskTable";
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
          lead: get("chu-tri"),
          coordinator: get("phoi-hop"),
          due_from: get("han-tu"),
          due_to: get("han-den"),
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

  // The units the plan names as leads, in Vietnamese order, for the lead and coordinator filters.
  const units = [...(board.data?.by_lead ?? [])]
    .filter((l) => l.unit)
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
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
          <select aria-label={t("section")} value={get("muc")} onChange={(e) => set({ muc: e.target.value })}>
            <option value="">{t("allSections")}</option>
            {(board.data?.by_section ?? []).map((s) => (
              <option key={s.section} value={s.section}>{s.section} ({s.summary.total})</option>
            ))}
          </select>
        </label>
        <label>
          {t("status")}
          <select aria-label={t("status")} value={get("trang-thai")} onChange={(e) => set({ "trang-thai": e.target.value })}>
            <option value="">{t("allStatuses")}</option>
            {statusKeys.map((k) => <option key={k} value={k}>{statusLabel(k, lang)}</option>)}
          </select>
        </label>
        <label>
          {t("timeliness")}
          <select aria-label={t("timeliness")} value={get("han")} onChange={(e) => set({ han: e.target.value })}>
            <option value="">{t("anyTimeliness")}</option>
            {timelinessKeys.map((k) => <option key={k} value={k}>{timelinessLabel(k, lang)}</option>)}
          </select>
        </label>
        <label>
          {t("lead")}
          <select aria-label={t("lead")} value={get("chu-tri")} onChange={(e) => set({ "chu-tri": e.target.value })}>
            <option value="">{t("anyUnit")}</option>
            {units.map((u) => <option key={u.unit} value={u.unit}>{u.name}</option>)}
          </select>
        </label>
        <label>
          {t("coordinators")}
          <select aria-label={t("coordinators")} value={get("phoi-hop")} onChange={(e) => set({ "phoi-hop": e.target.value })}>
            <option value="">{t("anyUnit")}</option>
            {units.map((u) => <option key={u.unit} value={u.unit}>{u.name}</option>)}
          </select>
        </label>
        <DateField optional label={t("dueFrom")} value={get("han-tu")} onChange={(iso) => set({ "han-tu": iso })} />
        <DateField optional label={t("dueTo")} value={get("han-den")} onChange={(iso) => set({ "han-den": iso })} />
        <label>
          {t("sortBy")}
          <select aria-label={t("sortBy")} value={get("sap-xep") || "number"} onChange={(e) => set({ "sap-xep": e.target.value })}>
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
          <TaskTable
            tasks={page.items}
            sections={(get("sap-xep") || "number") === "number" ? new Map((plan.data?.sections ?? []).map((x) => [x.numeral, x.title])) : undefined}
          />
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
