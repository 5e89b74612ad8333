// What every end-to-end test needs: a real `dxgov serve` on a free loopback port with a
// fresh database (the demo data loaded, the first admin's password read from its file), and
// Debian's Chromium driven by playwright-core with a fresh profile. Both are stopped by the
// test. Screenshots go to e2e/artifacts/.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, "..");
export const artifacts = join(here, "artifacts");
const binary = process.env.DXGOV_BINARY ?? resolve(webDir, "../build/release/src/cli/dxgov");

/** Starts the server; resolves once it listens. */
export async function startServer() {
  const data = mkdtempSync(join(tmpdir(), "dxgov-e2e-"));
  const child = spawn(
    binary,
    ["serve", "--data", data, "--host", "127.0.0.1", "--port", "0", "--no-reminders", "--quiet",
     "--web-root", join(webDir, "dist")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`dxgov serve did not start:\n${log}`)), 30000);
    const onData = (chunk) => {
      log += chunk;
      const m = /serving on\) (http:\/\/[0-9.]+:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => fail(new Error(`dxgov serve exited with ${code}:\n${log}`)));
  });
  const adminPassword = readFileSync(join(data, "initial-admin.txt"), "utf8").match(/[A-Za-z0-9]{20}/)[0];
  return {
    url,
    adminPassword,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.on("exit", ok)));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Chromium with the flags this machine needs and a profile of its own. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "dxgov-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
    viewport: { width: 1366, height: 768 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of what `page` shows at a laptop's 1366×768 and a phone's 390×844. */
export async function screenshots(page, name) {
  mkdirSync(artifacts, { recursive: true });
  for (const [w, h, tag] of [[1366, 768, "laptop"], [390, 844, "phone"]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(150); // charts resize on the window's resize event
    await page.screenshot({ path: join(artifacts, `${name}-${tag}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
}

/** The first admin signed in through the API: `call(method, path, body)` answers {status, body}. */
export async function adminApi(server) {
  const login = await fetch(`${server.url}/api/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login: "admin", password: server.adminPassword }),
  });
  if (login.status !== 200) throw new Error(`admin sign-in: ${login.status}`);
  const cookie = login.headers.get("set-cookie").split(";")[0];
  const { csrf_token } = await login.json();
  return {
    async call(method, path, body) {
      const res = await fetch(server.url + path, {
        method,
        headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}

/** A user of `unit` with `roles`, created by the admin; their password is `password`. */
export async function createUser(admin, login, unit, roles, password) {
  const r = await admin.call("POST", "/api/users", { login, display_name: `Cán bộ ${login}`, unit, roles, password });
  if (r.status !== 201) throw new Error(`create ${login}: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Signs `page` in through the login form. */
export async function signIn(page, server, login, password) {
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill(login);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByText("Đang đăng nhập:").waitFor();
}

/**
 * A test file's fixture: registers the before/after hooks that start a fresh server, sign the
 * first admin in through the API and launch `browsers` Chromiums with a page each, then stop
 * them all. `setUp(ctx)` runs once they are up. Tests read `ctx.server`, `ctx.admin`,
 * `ctx.page` (the first browser's) and `ctx.pages`.
 */
export function suite({ browsers = 1, setUp } = {}) {
  const ctx = {
    server: null,
    admin: null,
    launched: [],
    pages: [],
    get page() {
      return this.pages[0];
    },
  };
  before(async () => {
    ctx.server = await startServer();
    ctx.admin = await adminApi(ctx.server);
    for (let i = 0; i < browsers; ++i) {
      const b = await launchBrowser();
      ctx.launched.push(b);
      ctx.pages.push(await b.context.newPage());
    }
    if (setUp) await setUp(ctx);
  });
  after(async () => {
    for (const b of ctx.launched) await b.close();
    await ctx.server?.stop();
  });
  return ctx;
}
