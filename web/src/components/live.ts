// Live updates: the server's event stream (GET /api/events, Server-Sent Events) tells what
// changed (tasks of a plan, a cycle's submissions, figures of an indicator); the view then
// refetches what it shows. Bursts are folded into one refetch.
import { useEffect, useRef } from "react";

export function useLiveReload(topics: string[], reload: () => void, delayMs = 300) {
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const key = topics.join(",");
  useEffect(() => {
    if (!key) return;
    const source = new EventSource(`/api/events?topics=${encodeURIComponent(key)}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onEvent = () => {
      clearTimeout(timer);
      timer = setTimeout(() => reloadRef.current(), delayMs);
    };
    for (const name of ["tasks", "submissions", "values"]) source.addEventListener(name, onEvent);
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [key, delayMs]);
}
