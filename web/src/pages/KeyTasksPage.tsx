// Committee members' key tasks with their monthly roadmaps: who, what, how many months the
// roadmap has, and how far it has slipped (months past without the expected result).
import { useState } from "react";
import { api, query, type Page, type Plan } from "../api";
import { DateField } from "../components/DateField";
import { Status, useLoad } from "../components/Loader";
import { todayInVietnam } from "../format";
import { useI18n } from "../i18n";

interface KeyTask {
  id: number;
  member: string;
  unit_name: string;
  title: string;
  roadmap: unknown[];
  standing: { has_roadmap: boolean; slipped: number; slipping: boolean; met: number; due: number };
}

export function KeyTasksPage() {
  const { t } = useI18n();
  const plans = useLoad(() => api<Page<Plan>>("/api/plans?limit=200"), []);
  const planId = plans.data?.items.find((p) => p.key === "27-qd-ubqgcds-2022")?.id ?? plans.data?.items[0]?.id;
  const [asOf, setAsOf] = useState(todayInVietnam());
  const [slippingOnly, setSlippingOnly] = useState(false);
  const tasks = useLoad(
    () =>
      planId
        ? api<{ items: KeyTask[]; total: number; slipping: number }>(
            `/api/key-tasks${query({ plan: planId, as_of: asOf, slipping: slippingOnly ? "true" : undefined })}`,
          )
        : Promise.resolve(null),
    [planId, asOf, slippingOnly],
  );
  return (
    <section aria-labelledby="key-title">
      <h1 id="key-title">{t("keyTasksTitle")}</h1>
      <div className="toolbar">
        <DateField label={t("asOf")} value={asOf} onChange={setAsOf} />
        <label className="inline">
          <input type="checkbox" checked={slippingOnly} onChange={(e) => setSlippingOnly(e.target.checked)} /> {t("slippingOnly")}
        </label>
      </div>
      <Status loaded={tasks} />
      <div className="table-wrap">
        <table className="stack-on-phone key-tasks">
          <thead>
            <tr>
              <th scope="col">{t("member")}</th>
              <th scope="col">{t("title")}</th>
              <th scope="col">{t("roadmap")}</th>
              <th scope="col">{t("slipped")}</th>
            </tr>
          </thead>
          <tbody>
            {(tasks.data?.items ?? []).map((k) => (
              <tr key={k.id}>
                <td data-label={t("member")}>{k.member}<div className="small muted">{k.unit_name}</div></td>
                <td data-label={t("title")}>{k.title}</td>
                <td data-label={t("roadmap")}>{k.standing.has_roadmap ? `${k.roadmap.length} ${t("months")}` : t("noRoadmap")}</td>
                <td data-label={t("slipped")}>
                  {k.standing.slipped}
                  {k.standing.slipping ? <> <span className="badge time-overdue">{t("slipping")}</span></> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
