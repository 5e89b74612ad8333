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
