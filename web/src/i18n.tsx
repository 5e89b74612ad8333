// Every text the interface shows, Vietnamese first, English available. The language is
// the user's choice (kept in localStorage), Vietnamese by default; <html lang> follows it so
// that screen readers and hyphenation use the right language.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

export type Lang = "vi" | "en";

const texts = {
  appName: ["dxgov", "dxgov"],
  appTagline: ["Chuyển đổi số quốc gia", "National digital transformation"],
  skipToContent: ["Bỏ qua, đến nội dung chính", "Skip to main content"],
  navDashboard: ["Tổng quan", "Dashboard"],
  navPlans: ["Kế hoạch", "Plans"],
  language: ["Ngôn ngữ", "Language"],
  switchLanguage: ["English", "Tiếng Việt"],
  signIn: ["Đăng nhập", "Sign in"],
  signOut: ["Đăng xuất", "Sign out"],
  login: ["Tên đăng nhập", "Login"],
  password: ["Mật khẩu", "Password"],
  signingIn: ["Đang đăng nhập…", "Signing in…"],
  signedInAs: ["Đang đăng nhập:", "Signed in as"],
  loading: ["Đang tải…", "Loading…"],
  loadFailed: ["Không tải được dữ liệu", "Could not load the data"],
  retry: ["Thử lại", "Retry"],
  dashboardTitle: ["Tổng quan chuyển đổi số quốc gia", "National digital transformation at a glance"],
  plan: ["Kế hoạch", "Plan"],
  asOf: ["Tính đến ngày", "As of"],
  tasks: ["Nhiệm vụ", "Tasks"],
  total: ["Tổng số", "Total"],
  overdue: ["Quá hạn", "Overdue"],
  dueSoon: ["Sắp đến hạn", "Due soon"],
  done: ["Hoàn thành", "Done"],
  inProgress: ["Đang triển khai", "In progress"],
  notStarted: ["Chưa triển khai", "Not started"],
  objectives: ["Mục tiêu và chỉ tiêu", "Objectives and targets"],
  objective: ["Mục tiêu", "Objective"],
  indicator: ["Chỉ tiêu", "Indicator"],
  target: ["Chỉ tiêu phải đạt", "Target"],
  latest: ["Số liệu mới nhất", "Latest figure"],
  attainmentStatus: ["Đánh giá", "Assessment"],
  overdueByUnit: ["Nhiệm vụ quá hạn theo đơn vị chủ trì", "Overdue tasks by lead unit"],
  noOverdue: ["Không có nhiệm vụ quá hạn.", "No overdue tasks."],
  noData: ["Chưa có dữ liệu.", "No data yet."],
  section: ["Mục", "Section"],
  allSections: ["Tất cả các mục", "All sections"],
  status: ["Trạng thái", "Status"],
  allStatuses: ["Mọi trạng thái", "Any status"],
  timeliness: ["Tình trạng hạn", "Timeliness"],
  anyTimeliness: ["Mọi tình trạng", "Any"],
  search: ["Tìm kiếm (không cần dấu)", "Search (accents optional)"],
  find: ["Tìm", "Search"],
  number: ["Số hiệu", "No."],
  title: ["Nhiệm vụ", "Task"],
  lead: ["Chủ trì", "Lead"],
  deadline: ["Thời hạn", "Deadline"],
  progress: ["Tiến độ", "Progress"],
  sortBy: ["Sắp xếp theo", "Sort by"],
  showing: ["Hiển thị", "Showing"],
  of: ["trên", "of"],
  previous: ["Trang trước", "Previous"],
  next: ["Trang sau", "Next"],
  download: ["Tải về", "Download"],
  wrongCredentials: ["Tên đăng nhập hoặc mật khẩu không đúng", "Wrong login or password"],
  notFound: ["Không tìm thấy trang", "Page not found"],
  backHome: ["Về trang tổng quan", "Back to the dashboard"],
  openPlan: ["Xem kế hoạch", "Open the plan"],
  navMyUnit: ["Đơn vị của tôi", "My unit"],
  myUnitTitle: ["Nhiệm vụ của đơn vị", "My unit's tasks"],
  signInToSee: ["Đăng nhập để xem nhiệm vụ của đơn vị.", "Sign in to see your unit's tasks."],
  noUnit: ["Tài khoản này không thuộc đơn vị nào.", "This account belongs to no unit."],
  asLead: ["Chủ trì", "As lead"],
  asCoordinator: ["Phối hợp", "As coordinator"],
  noOpenTasks: ["Không có nhiệm vụ đang mở.", "No open tasks."],
  taskDetail: ["Chi tiết nhiệm vụ", "Task"],
  coordinators: ["Phối hợp", "Coordinators"],
  dueDate: ["Hạn hoàn thành", "Due"],
  progressLog: ["Tiến độ đã báo cáo", "Progress reported"],
  noProgress: ["Chưa có báo cáo tiến độ.", "No progress reported yet."],
  reportProgress: ["Báo cáo tiến độ", "Report progress"],
  progressText: ["Nội dung đã thực hiện", "What was done"],
  percent: ["Tỷ lệ hoàn thành (%)", "Percent complete"],
  newStatus: ["Trạng thái mới", "New status"],
  unchanged: ["Giữ nguyên", "Unchanged"],
  evidenceFile: ["Tệp minh chứng (PDF, DOCX, XLSX, ảnh; tối đa 10 MB)", "Evidence file (PDF, DOCX, XLSX, image; up to 10 MB)"],
  evidenceLink: ["Đường dẫn minh chứng (không bắt buộc)", "Evidence link (optional)"],
  send: ["Gửi", "Send"],
  sending: ["Đang gửi…", "Sending…"],
  saved: ["Đã lưu.", "Saved."],
  evidence: ["Minh chứng", "Evidence"],
  by: ["bởi", "by"],
  reports: ["Báo cáo định kỳ", "Periodic reports"],
  noCycles: ["Không có kỳ báo cáo đang mở.", "No open report cycle."],
  dueOn: ["Hạn gửi", "Due"],
  openReport: ["Mở báo cáo", "Open the report"],
  returnReason: ["Lý do trả lại", "Reason for return"],
  saveDraft: ["Lưu nháp", "Save draft"],
  submitReport: ["Gửi báo cáo", "Submit the report"],
  submitted: ["Đã gửi báo cáo.", "The report was submitted."],
  draftSaved: ["Đã lưu bản nháp.", "Draft saved."],
  narrative: ["Kết quả thực hiện", "What was achieved"],
  value: ["Giá trị", "Value"],
  note: ["Ghi chú", "Note"],
  estimated: ["Số ước tính", "Estimated"],
  readOnlyReport: ["Báo cáo đã gửi; chỉ sửa được khi bị trả lại.", "Submitted; it can be changed only if returned."],
  navWorkingGroup: ["Tổ công tác", "Working group"],
  workingGroupTitle: ["Theo dõi báo cáo định kỳ", "Report cycle monitoring"],
  cycle: ["Kỳ báo cáo", "Report cycle"],
  unit: ["Đơn vị", "Unit"],
  submittedAt: ["Ngày gửi", "Submitted"],
  accept: ["Chấp nhận", "Accept"],
  returnIt: ["Trả lại", "Return"],
  reasonPrompt: ["Lý do trả lại (bắt buộc)", "Reason for returning (required)"],
  sendReminders: ["Gửi nhắc việc ngay", "Send reminders now"],
  remindersSent: ["Đã chạy nhắc việc", "Reminders run"],
  respondents: ["Đơn vị phải báo cáo", "Respondents"],
  round: ["Lần gửi", "Round"],
  review: ["Xem xét", "Review"],
  changePassword: ["Đổi mật khẩu", "Change password"],
  navIndicators: ["Chỉ tiêu", "Indicators"],
  navPlatforms: ["Nền tảng", "Platforms"],
  navImport: ["Nhập kế hoạch", "Import a plan"],
  importTitle: ["Nhập kế hoạch từ văn bản", "Import a plan from its document"],
  importHelp: ["Chọn văn bản kế hoạch (.txt hoặc .md, UTF-8). Hệ thống đọc và đề xuất các nhiệm vụ; chưa có gì được ghi cho đến khi bạn duyệt và ghi nhận.", "Choose the plan's document (.txt or .md, UTF-8). dxgov reads it into a proposal; nothing is recorded until you review and commit it."],
  documentFile: ["Tệp văn bản", "Document file"],
  upload: ["Tải lên và đọc", "Upload and read"],
  reviewTitle: ["Duyệt đề xuất kế hoạch", "Review the proposed plan"],
  warnings: ["Cảnh báo", "Warnings"],
  sourceText: ["Văn bản gốc", "Source document"],
  line: ["dòng", "line"],
  editTask: ["Sửa nhiệm vụ đã chọn", "Edit the selected task"],
  leadUnitId: ["Mã đơn vị chủ trì", "Lead unit id"],
  publishOnCommit: ["Công bố ngay khi ghi nhận", "Publish on commit"],
  commit: ["Ghi nhận thành kế hoạch", "Commit as a plan"],
  committed: ["Đã ghi nhận kế hoạch", "Plan committed"],
  duplicates: ["Văn bản này đã có", "This document already exists"],
  platformsTitle: ["Nền tảng số quốc gia", "National digital platforms"],
  owner: ["Cơ quan chủ quản", "Owner"],
  enterprises: ["Doanh nghiệp nòng cốt", "Core enterprises"],
  category: ["Loại", "Category"],
  allCategories: ["Tất cả", "All"],
  adoption: ["Mức độ sử dụng", "Adoption"],
  promotingTasks: ["Nhiệm vụ thúc đẩy", "Tasks promoting it"],
  indicatorsTitle: ["Chỉ tiêu chuyển đổi số", "Digital transformation indicators"],
  group: ["Nhóm", "Group"],
  unitOfMeasure: ["Đơn vị tính", "Unit"],
  periodType: ["Kỳ số liệu", "Reported per"],
  targetsByYear: ["Mục tiêu và số liệu nền theo năm", "Targets and baselines by year"],
  year: ["Năm", "Year"],
  baseline: ["Số liệu nền", "Baseline"],
  document: ["Văn bản", "Document"],
  nationalSeries: ["Toàn quốc qua các năm", "Nationwide over the years"],
  national: ["Toàn quốc", "Nationwide"],
  provincialRanking: ["Xếp hạng các tỉnh, thành phố", "Provinces and cities ranked"],
  period: ["Kỳ", "Period"],
  rank: ["Hạng", "Rank"],
  completeness: ["Mức đầy đủ số liệu", "Completeness"],
  reported: ["đã báo cáo", "reported"],
  missingUnits: ["Chưa báo cáo", "Not reported"],
  allReported: ["Tất cả đã báo cáo.", "Everyone has reported."],
  currentPassword: ["Mật khẩu hiện tại", "Current password"],
  newPassword: ["Mật khẩu mới (ít nhất 12 ký tự)", "New password (at least 12 characters)"],
  confirmPassword: ["Nhập lại mật khẩu mới", "New password again"],
  passwordsDiffer: ["Hai mật khẩu mới không giống nhau", "The two new passwords differ"],
  passwordChanged: ["Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.", "Password changed. Other sessions were signed out."],
  initialPassword: ["Bạn đang dùng mật khẩu do hệ thống hoặc quản trị cấp. Hãy đổi mật khẩu của riêng bạn.", "You are using a password the system or an administrator set. Choose your own."],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof texts;

interface I18n {
  lang: Lang;
  t: (key: TextKey) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem("dxgov.lang") : null;
  return saved === "en" ? "en" : "vi";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem("dxgov.lang", lang);
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key) => texts[key][lang === "vi" ? 0 : 1] }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}
