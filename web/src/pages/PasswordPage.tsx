// Changing one's own password: the current one, then the new one twice. The server checks
// the new one (length, common passwords) and names what is wrong beside the field; on
// success it starts a fresh session and signs every other browser out.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api, ApiError } from "../api";
import { useI18n } from "../i18n";
import { useSession } from "../session";

export function PasswordPage() {
  const { t, lang } = useI18n();
  const { me, refresh } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!me) return (<section><h1>{t("changePassword")}</h1><p><Link to="/dang-nhap">{t("signIn")}</Link></p></section>);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setDone(false);
    if (next !== again) {
      setErrors({ again: t("passwordsDiffer") });
      return;
    }
    setBusy(true);
    try {
      await api("/api/session/password", { method: "POST", body: JSON.stringify({ current_password: current, new_password: next }) });
      await refresh();
      setCurrent("");
      setNext("");
      setAgain("");
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const f of err.fields) byField[f.path.replace(/^\//, "")] = f.reason;
        byField._ = lang === "vi" ? err.messageVi : err.messageEn;
        setErrors(byField);
      } else setErrors({ _: String(err) });
    } finally {
      setBusy(false);
    }
  }

  const field = (key: string, label: string, value: string, set: (v: string) => void, autoComplete: string) => (
    <label>
      {label}
      <input type="password" required autoComplete={autoComplete} value={value} onChange={(e) => set(e.target.value)}
             aria-invalid={!!errors[key]} aria-describedby={errors[key] ? `err-${key}` : undefined} />
      {errors[key] ? <span id={`err-${key}`} className="field-error">{errors[key]}</span> : null}
    </label>
  );

  return (
    <section aria-labelledby="password-title" className="narrow">
      <h1 id="password-title">{t("changePassword")}</h1>
      <form className="stack" onSubmit={submit}>
        {field("current_password", t("currentPassword"), current, setCurrent, "current-password")}
        {field("new_password", t("newPassword"), next, setNext, "new-password")}
        {field("again", t("confirmPassword"), again, setAgain, "new-password")}
        {errors._ ? <p role="alert" className="error">{errors._}</p> : null}
        {done ? <p role="status" className="ok">{t("passwordChanged")}</p> : null}
        <button type="submit" disabled={busy}>{t("changePassword")}</button>
      </form>
    </section>
  );
}
