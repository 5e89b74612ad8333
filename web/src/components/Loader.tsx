// Loading and failure states every view shares, and a hook that loads data for a view.
import { useCallback, useEffect, useState, type DependencyList } from "react";
import { ApiError } from "../api";
import { useI18n } from "../i18n";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | Error | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure on every render: the caller's `deps` say when it changes.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export function Status({ loaded }: { loaded: Loaded<unknown> }) {
  const { t, lang } = useI18n();
  if (loaded.loading && !loaded.data) return <p role="status" className="muted">{t("loading")}</p>;
  if (loaded.error) {
    const e = loaded.error;
    const message = e instanceof ApiError ? (lang === "vi" ? e.messageVi : e.messageEn) : e.message;
    return (
      <div role="alert" className="error">
        <strong>{t("loadFailed")}</strong>: {message}{" "}
        <button type="button" onClick={loaded.reload}>{t("retry")}</button>
      </div>
    );
  }
  return null;
}
