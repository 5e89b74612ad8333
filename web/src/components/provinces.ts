// The provincial units in force today (the 34 since 2025-07-01), with the units each was
// formed from, as the views that place figures on today's map need them.
import { api, query, type Page } from "../api";
import { todayInVietnam } from "../format";
import { useLoad } from "./Loader";

export interface ProvincialUnit {
  id: string;
  name: string;
  predecessors: string[];
}

export function useCurrentProvinces() {
  return useLoad(
    () => api<Page<ProvincialUnit>>(`/api/units${query({ as_of: todayInVietnam(), kind: "province,city", limit: 100 })}`),
    [],
  );
}
