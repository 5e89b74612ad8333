// Importing a plan in Chromium against a real server: a seed document is uploaded, its
// proposal reviewed beside the source (a task's lines highlighted), a task's title fixed,
// and the plan committed; the plan then lists the fixed task.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { screenshots, seriousViolations, signIn, suite, webDir } from "./support.mjs";

const ctx = suite();




test("a seed is uploaded, reviewed beside its text, fixed and committed", async () => {
  await signIn(ctx.page, ctx.server, "admin", ctx.server.adminPassword);
  await ctx.page.getByRole("link", { name: "Nhập kế hoạch" }).click();
  await ctx.page.getByLabel("Tệp văn bản").setInputFiles(join(webDir, "..", "data", "seeds", "003_9cedb5bc834842ab.txt"));
  await ctx.page.getByRole("button", { name: "Tải lên và đọc" }).click();
  await ctx.page.getByRole("heading", { level: 1, name: /Duyệt đề xuất kế hoạch/ }).waitFor();
  await ctx.page.getByText("Năm kế hoạch không ghi rõ; suy ra là 2024").waitFor();
  assert.equal(await ctx.page.locator("ol.proposed > li").count(), 36);

  await ctx.page.getByRole("button", { name: /1\.4 Chính sách thuê chuyên gia chuyển đổi số/ }).click();
  const highlighted = ctx.page.locator("ol.document li.hl");
  await highlighted.first().waitFor();
  assert.equal(await highlighted.first().getAttribute("data-line"), "9");
  assert.match(await highlighted.first().textContent(), /thuê chuyên gia/);
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "import");

  const fixed = "Chính sách thuê chuyên gia chuyển đổi số (đã rà soát)";
  await ctx.page.getByLabel("Nhiệm vụ", { exact: true }).fill(fixed);
  await ctx.page.getByRole("textbox", { name: /^Thời hạn/ }).fill("Tháng 6/2024");
  await ctx.page.getByRole("button", { name: "Ghi nhận thành kế hoạch" }).click();
  await ctx.page.getByRole("status").filter({ hasText: "Đã ghi nhận kế hoạch" }).waitFor();
  await ctx.page.getByRole("link", { name: "Xem kế hoạch" }).click();
  await ctx.page.getByRole("cell", { name: fixed }).waitFor();
  // The fixed deadline was read on commit: the task is due at the end of June 2024.
  const planId = ctx.page.url().match(/ke-hoach\/(\d+)/)[1];
  const found = await ctx.admin.call("GET", `/api/tasks?plan=${planId}&q=${encodeURIComponent("đã rà soát")}&limit=5`);
  assert.equal(found.body.total, 1);
  assert.equal(found.body.items[0].due_date, "2024-06-30");
});
