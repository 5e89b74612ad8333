// Every plan the reader may see, newest first.
import { Link } from "react-router";
import { api, type Page, type Plan } from "../api";
import { Status, useLoad } from "../components/Loader";
import { formatDate } from "../format";
import { useI18n } from "../i18n";

export function PlansPage() {
  const { t } = useI18n();
  const plans = useLoad(() => api<Page<Plan>>("/api/plans?limit=200"), []);
  const items = [...(plans.data?.items ?? [])].sort((a, b) => (b.decision.date ?? "").localeCompare(a.decision.date ?? ""));
  return (
    <section aria-labelledby="plans-title">
      <h1 id="plans-title">{t("navPlans")}</h1>
      <Status loaded={plans} />
      <ul className="plan-list">
        {items.map((p) => (
          <li key={p.id}>
            <Link to={`/ke-hoach/${p.id}`}>{p.title}</Link>
            <div className="muted small">
              {[p.decision.number, p.decision.issuer_name, formatDate(p.decision.date)].filter(Boolean).join(" · ")}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
