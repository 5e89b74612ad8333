// Tasks as a table, the same everywhere: number, title (to the task's page), lead (unless the
// list is one unit's own), deadline as written with its due date, status with progress,
// timeliness. On phones each row becomes a card (stack-on-phone).
import { Fragment } from "react";
import { Link } from "react-router";
import type { Task } from "../api";
import { formatDate } from "../format";
import { useI18n } from "../i18n";
import { statusLabel, timelinessLabel } from "../labels";

// `sections` (numeral → title), when given, heads each run of tasks of one section with a
// row naming it: the table then reads like the plan, section by section.
export function TaskTable({ tasks, showLead = true, sections }: { tasks: Task[]; showLead?: boolean; sections?: Map<string, string> }) {
  const { t, lang } = useI18n();
  const columns = showLead ? 6 : 5;
  return (
    <div className="table-wrap">
      <table className="tasks stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{t("number")}</th>
            <th scope="col">{t("title")}</th>
            {showLead ? <th scope="col">{t("lead")}</th> : null}
            <th scope="col">{t("deadline")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">{t("timeliness")}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task, i) => (
            <Fragment key={task.id}>
            {sections && task.section && task.section !== tasks[i - 1]?.section ? (
              <tr className="section-row">
                <th scope="colgroup" colSpan={columns}>
                  {t("section")} {task.section}{sections.get(task.section) ? `. ${sections.get(task.section)}` : ""}
                </th>
              </tr>
            ) : null}
            <tr>
              <td className="nowrap" data-label={t("number")}>{task.number}</td>
              <td data-label={t("title")}><Link to={`/nhiem-vu/${task.id}`}>{task.title}</Link></td>
              {showLead ? <td data-label={t("lead")}>{task.lead.name ?? task.lead.as_written}</td> : null}
              <td data-label={t("deadline")}>
                {task.deadline?.text ?? ""}
                {task.due_date ? <div className="muted small">{formatDate(task.due_date)}</div> : null}
              </td>
              <td data-label={t("status")}>
                <span className={`badge task-${task.status}`}>{statusLabel(task.status, lang)}</span>
                {task.progress_percent > 0 && task.status !== "done" ? <div className="small">{task.progress_percent} %</div> : null}
              </td>
              <td data-label={t("timeliness")}>
                {task.timeliness ? <span className={`badge time-${task.timeliness}`}>{timelinessLabel(task.timeliness, lang)}</span> : null}
              </td>
            </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
