// The labels of the API's keys (statuses, timeliness), in both languages, for filters and
// cells; the API also sends Vietnamese labels beside the keys it returns.
import type { Lang } from "./i18n";

const statuses: Record<string, [string, string]> = {
  not_started: ["Chưa triển khai", "Not started"],
  in_progress: ["Đang triển khai", "In progress"],
  done: ["Hoàn thành", "Done"],
  paused: ["Tạm dừng", "Paused"],
  cancelled: ["Đã hủy", "Cancelled"],
};

const timeliness: Record<string, [string, string]> = {
  on_time: ["Trong hạn", "On time"],
  due_soon: ["Sắp đến hạn", "Due soon"],
  overdue: ["Quá hạn", "Overdue"],
  done_on_time: ["Hoàn thành đúng hạn", "Done on time"],
  done_late: ["Hoàn thành trễ hạn", "Done late"],
  no_deadline: ["Không có thời hạn", "No deadline"],
};

const attainment: Record<string, [string, string]> = {
  achieved: ["Đã đạt", "Achieved"],
  on_track: ["Đúng tiến độ", "On track"],
  at_risk: ["Có nguy cơ không đạt", "At risk"],
  off_track: ["Chậm tiến độ", "Off track"],
  no_data: ["Chưa có số liệu", "No data"],
  missed: ["Không đạt", "Missed"],
  insufficient_data: ["Chưa đủ số liệu", "Insufficient data"],
};

function pick(table: Record<string, [string, string]>, key: string | null | undefined, lang: Lang): string {
  if (!key) return "";
  const pair = table[key];
  return pair ? pair[lang === "vi" ? 0 : 1] : key;
}

export const statusKeys = Object.keys(statuses);
export const timelinessKeys = Object.keys(timeliness);
export const statusLabel = (key: string, lang: Lang) => pick(statuses, key, lang);
export const timelinessLabel = (key: string | null, lang: Lang) => pick(timeliness, key, lang);
export const attainmentLabel = (key: string, lang: Lang) => pick(attainment, key, lang);

const periodTypes: Record<string, [string, string]> = {
  year: ["Năm", "Year"],
  quarter: ["Quý", "Quarter"],
  month: ["Tháng", "Month"],
};
export const periodTypeLabel = (key: string, lang: Lang) => pick(periodTypes, key, lang);

// A respondent's standing in a report cycle, a committee session's state, an import's
// state and a platform's category: the API sends Vietnamese labels only.
const responses: Record<string, [string, string]> = {
  not_started: ["Chưa báo cáo", "Not started"],
  draft: ["Đang soạn", "Drafting"],
  submitted_on_time: ["Đã gửi đúng hạn", "Submitted on time"],
  submitted_late: ["Đã gửi muộn", "Submitted late"],
  returned: ["Bị trả lại", "Returned"],
  accepted: ["Đã chấp nhận", "Accepted"],
};
const sessionStates: Record<string, [string, string]> = {
  planned: ["Dự kiến", "Planned"],
  held: ["Đã họp", "Held"],
  cancelled: ["Hủy", "Cancelled"],
};
const importStates: Record<string, [string, string]> = {
  pending: ["Chờ duyệt", "Pending review"],
  committed: ["Đã ghi thành kế hoạch", "Committed as a plan"],
  discarded: ["Đã hủy", "Discarded"],
};
const platformCategories: Record<string, [string, string]> = {
  state: ["Cơ quan nhà nước làm chủ quản", "Owned by a state body"],
  enterprise: ["Doanh nghiệp làm chủ quản", "Owned by enterprises"],
};
export const responseLabel = (key: string, lang: Lang) => pick(responses, key, lang);
export const sessionStateLabel = (key: string, lang: Lang) => pick(sessionStates, key, lang);
export const importStateLabel = (key: string, lang: Lang) => pick(importStates, key, lang);
export const platformCategoryLabel = (key: string, lang: Lang) => pick(platformCategories, key, lang);
