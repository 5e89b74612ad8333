// The frame every view sits in: a skip link, the header with navigation, language and
// sign-in, and the routes. Paths are Vietnamese, as users share them.
import { Link, NavLink, Route, Routes, useLocation } from "react-router";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { useI18n } from "./i18n";
import { useSession } from "./session";
import { DashboardPage } from "./pages/DashboardPage";
import { LoginPage } from "./pages/LoginPage";
import { PlanPage } from "./pages/PlanPage";
import { PlansPage } from "./pages/PlansPage";
import { MyUnitPage } from "./pages/MyUnitPage";
import { TaskPage } from "./pages/TaskPage";
import { ReportPage } from "./pages/ReportPage";
import { WorkingGroupPage } from "./pages/WorkingGroupPage";
import { PasswordPage } from "./pages/PasswordPage";
import { IndicatorsPage } from "./pages/IndicatorsPage";
import { IndicatorPage } from "./pages/IndicatorPage";
import { PlatformPage, PlatformsPage } from "./pages/PlatformsPage";
import { ImportReviewPage, ImportUploadPage } from "./pages/ImportPage";
import { CascadePage, SessionsPage } from "./pages/SessionsPage";
import { KeyTasksPage } from "./pages/KeyTasksPage";
import { PublicPage } from "./pages/PublicPage";

export function App() {
  const { t, lang, setLang } = useI18n();
  const { me, signOut } = useSession();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">{t("skipToContent")}</a>
      <header className="app-header">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>
            <strong>{t("appName")}</strong> <span className="tagline">{t("appTagline")}</span>
          </span>
        </Link>
        <nav aria-label={lang === "vi" ? "Điều hướng chính" : "Main navigation"}>
          <NavLink to="/" end>{t("navDashboard")}</NavLink>
          <NavLink to="/ke-hoach">{t("navPlans")}</NavLink>
          <NavLink to="/chi-tieu">{t("navIndicators")}</NavLink>
          <NavLink to="/nen-tang">{t("navPlatforms")}</NavLink>
          <NavLink to="/cong-khai">{t("navPublic")}</NavLink>
          {me?.unit ? <NavLink to="/don-vi">{t("navMyUnit")}</NavLink> : null}
          {me?.user?.roles.some((r) => r === "admin" || r === "standing_editor") ? (
            <NavLink to="/to-cong-tac">{t("navWorkingGroup")}</NavLink>
          ) : null}
          {me?.user?.roles.some((r) => r === "admin" || r === "standing_editor" || r === "unit_editor") ? (
            <NavLink to="/nhap-ke-hoach">{t("navImport")}</NavLink>
          ) : null}
        </nav>
        <div className="header-actions">
          <button type="button" className="link-button" lang={lang === "vi" ? "en" : "vi"} onClick={() => setLang(lang === "vi" ? "en" : "vi")}>
            {t("switchLanguage")}
          </button>
          {me ? (
            <>
              <span className="who">
                {t("signedInAs")} <strong>{me.user?.display_name ?? me.actor}</strong>
                {me.unit_name ? ` — ${me.unit_name}` : ""}
              </span>
              <NavLink to="/doi-mat-khau">{t("changePassword")}</NavLink>
              <button type="button" className="link-button" onClick={() => void signOut()}>{t("signOut")}</button>
            </>
          ) : (
            <NavLink to="/dang-nhap">{t("signIn")}</NavLink>
          )}
        </div>
      </header>
      {me?.user && me.user.password_changed_at <= me.user.created_at ? (
        <div className="banner" role="note">
          {t("initialPassword")} <Link to="/doi-mat-khau">{t("changePassword")}</Link>
        </div>
      ) : null}
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname}>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/ke-hoach" element={<PlansPage />} />
          <Route path="/ke-hoach/:id" element={<PlanPage />} />
          <Route path="/nhiem-vu/:id" element={<TaskPage />} />
          <Route path="/chi-tieu" element={<IndicatorsPage />} />
          <Route path="/chi-tieu/:code" element={<IndicatorPage />} />
          <Route path="/nen-tang" element={<PlatformsPage />} />
          <Route path="/nhap-ke-hoach" element={<ImportUploadPage />} />
          <Route path="/nhap-ke-hoach/:id" element={<ImportReviewPage />} />
          <Route path="/nen-tang/:key" element={<PlatformPage />} />
          <Route path="/don-vi" element={<MyUnitPage />} />
          <Route path="/bao-cao/:cycle/:unit" element={<ReportPage />} />
          <Route path="/to-cong-tac" element={<WorkingGroupPage />} />
          <Route path="/to-cong-tac/phien-hop" element={<SessionsPage />} />
          <Route path="/to-cong-tac/ke-hoach-cac-cap" element={<CascadePage />} />
          <Route path="/to-cong-tac/nhiem-vu-trong-diem" element={<KeyTasksPage />} />
          <Route path="/cong-khai" element={<PublicPage />} />
          <Route path="/dang-nhap" element={<LoginPage />} />
          <Route path="/doi-mat-khau" element={<PasswordPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
        </ErrorBoundary>
      </main>
    </>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t("notFound")}</h1>
      <p><Link to="/">{t("backHome")}</Link></p>
    </section>
  );
}
