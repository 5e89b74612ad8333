// Entering a figure for the signed-in user's unit: the indicator, its period ("2025",
// "2025-Q3", "2025-07"), the value, whether it is an estimate, and a note. The server checks
// everything (the unit's kind reports the indicator, the period has begun and fits the
// indicator, the value is in range) and its reasons are shown beside the fields.
import { useState, type FormEvent } from "react";
import { api, ApiError, type Indicator } from "../api";
import { useI18n } from "../i18n";
import { useLoad } from "./Loader";

export function FigureForm({ unit }: { unit: string }) {
  const { t, lang } = useI18n();
  const indicators = useLoad(() => api<{ items: Indicator[] }>("/api/indicators"), []);
  const reportable = (indicators.data?.items ?? []).filter((i) => i.reported_by.some((k) => k !== "national"));
  const [code, setCode] = useState("");
  const [period, setPeriod] = useState("");
  const [value, setValue] = useState("");
  const [estimated, setEstimated] = useState(false);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage("");
    const chosen = code || reportable[0]?.code || "";
    try {
      const r = await api<{ inserted: number; updated: number; unchanged: number }>("/api/values", {
        method: "POST",
        body: JSON.stringify({
          values: [{ indicator: chosen, unit, period: period.trim(), value: value === "" ? null : Number(value.replace(",", ".")), estimated, note }],
        }),
      });
      setMessage(`${t("saved")} (${r.inserted + r.updated})`);
    } catch (err) {
      if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const f of err.fields) byField[f.path.replace(/^\/values\/0\//, "")] = f.reason;
        byField._ = lang === "vi" ? err.messageVi : err.messageEn;
        setErrors(byField);
      } else setErrors({ _: String(err) });
    }
  }

  const err = (k: string) => (errors[k] ? <span id={`fig-err-${k}`} className="field-error">{errors[k]}</span> : null);
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="figures-title">
      <h2 id="figures-title">{t("enterFigures")}</h2>
      <div className="toolbar">
        <label>
          {t("indicator")}
          <select aria-label={t("indicator")} value={code || reportable[0]?.code || ""} onChange={(e) => setCode(e.target.value)} aria-invalid={!!errors.indicator}>
            {reportable.map((i) => <option key={i.code} value={i.code}>{i.code} — {i.name}</option>)}
          </select>
          {err("indicator")}
        </label>
        <label>
          {t("period")}
          <input value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2025, 2025-Q3, 2025-07" required
                 aria-invalid={!!errors.period} aria-describedby={errors.period ? "fig-err-period" : undefined} />
          {err("period")}
        </label>
        <label>
          {t("value")}
          <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)}
                 aria-invalid={!!errors.value} aria-describedby={errors.value ? "fig-err-value" : undefined} />
          {err("value")}
        </label>
        <label className="inline">
          <input type="checkbox" checked={estimated} onChange={(e) => setEstimated(e.target.checked)} /> {t("estimated")}
        </label>
        <label>
          {t("note")}
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      {errors._ ? <p role="alert" className="error">{errors._}</p> : null}
      {message ? <p role="status" className="ok">{message}</p> : null}
      <div><button type="submit">{t("send")}</button></div>
    </form>
  );
}
