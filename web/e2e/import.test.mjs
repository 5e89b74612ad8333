// Importing a plan in Chromium against a real server: a seed document is uploaded, its
// proposal reviewed beside the source (a task's lines highlighted), a task's title fixed,
// and the plan committed; the plan then lists the fixed task.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchBrowser, screenshots, seriousViolations, signIn, startServer, webDir } from "./support.mjs";

let server, browser, page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a seed is uploaded, reviewed beside its text, fixed and committed", async () => {
  await signIn(page, server, "admin", server.adminPassword);
  await page.getByRole("link", { name: "Nhập kế hoạch" }).click();
  await page.getByLabel("Tệp văn bản").setInputFiles(join(webDir, "..", "data", "seeds", "003_9cedb5bc834842ab.txt"));
  await page.getByRole("button", { name: "Tải lên và đọc" }).click();
  await page.getByRole("heading", { level: 1, name: /Duyệt đề xuất kế hoạch/ }).waitFor();
  await page.getByText("Năm kế hoạch không ghi rõ; suy ra là 2024").waitFor();
  assert.equal(await page.locator("ol.proposed > li").count(), 36);

  await page.getByRole("button", { name: /1\.4 Chính sách thuê chuyên gia chuyển đổi số/ }).click();
  const highlighted = page.locator("ol.document li.hl");
  await highlighted.first().waitFor();
  assert.equal(await highlighted.first().getAttribute("data-line"), "9");
  assert.match(await highlighted.first().textContent(), /thuê chuyên gia/);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshots(page, "import");

  const fixed = "Chính sách thuê chuyên gia chuyển đổi số (đã rà soát)";
  await page.getByLabel("Nhiệm vụ", { exact: true }).fill(fixed);
  await page.getByRole("button", { name: "Ghi nhận thành kế hoạch" }).click();
  await page.getByRole("status").filter({ hasText: "Đã ghi nhận kế hoạch" }).waitFor();
  await page.getByRole("link", { name: "Xem kế hoạch" }).click();
  await page.getByRole("cell", { name: fixed }).waitFor();
});
