// Signing in with a login and password; the server answers with a session cookie.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../api";
import { useI18n } from "../i18n";
import { useSession } from "../session";

export function LoginPage() {
  const { t, lang } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await signIn(login, password);
      navigate("/");
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t("wrongCredentials"));
      else if (err instanceof ApiError) setError(lang === "vi" ? err.messageVi : err.messageEn);
      else setError(String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="login-title" className="narrow">
      <h1 id="login-title">{t("signIn")}</h1>
      <form onSubmit={submit} className="stack">
        <label>
          {t("login")}
          <input name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
        <label>
          {t("password")}
          <input name="password" type="password" autoComplete="current-password" required value={password}
                 onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error ? <p role="alert" className="error">{error}</p> : null}
        <button type="submit" disabled={busy}>{busy ? t("signingIn") : t("signIn")}</button>
      </form>
    </section>
  );
}
