// A province's editor at work, through a real Chromium against a real `dxgov serve`: signs
// in, finds the unit's tasks (overdue first), reports progress on one with a PDF as
// evidence, sees the entry and its file; a bad percent is refused beside the field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createUser, screenshots, seriousViolations, signIn, suite } from "./support.mjs";

const password = "Mật khẩu thử nghiệm đủ dài 2026";
const ctx = suite({ setUp: (c) => createUser(c.admin, "hanoi", "tp-ha-noi", ["unit_editor"], password) });

test("a province's editor reports progress on its task with a PDF as evidence", async () => {
  await signIn(ctx.page, ctx.server, "hanoi", password);

  await ctx.page.getByRole("link", { name: "Đơn vị của tôi" }).click();
  await ctx.page.getByRole("heading", { level: 1, name: "Nhiệm vụ của đơn vị: Thành phố Hà Nội" }).waitFor();
  const leadList = ctx.page.locator("section.panel", { has: ctx.page.getByRole("heading", { name: /^Chủ trì/ }) });
  await leadList.locator("tbody tr").first().waitFor();
  // Overdue first: the first row's timeliness is the most urgent of the list.
  const urgencies = await leadList.locator("tbody tr td:nth-child(5)").allTextContents();
  const rank = { "Quá hạn": 0, "Sắp đến hạn": 1, "Trong hạn": 2, "Không có thời hạn": 3 };
  for (let i = 1; i < urgencies.length; ++i) assert.ok(rank[urgencies[i - 1]] <= rank[urgencies[i]], urgencies.join(","));
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "my-unit");

  // A figure for a period that has not begun is refused beside the period field.
  const figures = ctx.page.locator("form[aria-labelledby=figures-title]");
  await figures.getByRole("combobox").first().selectOption("CPS-01");
  await figures.getByRole("textbox", { name: /^Kỳ/ }).fill("2099");
  await figures.getByRole("textbox", { name: /^Giá trị/ }).fill("85,5");
  await figures.getByRole("button", { name: "Gửi" }).click();
  await figures.locator("#fig-err-period").waitFor();
  await figures.getByRole("textbox", { name: /^Kỳ/ }).fill("2025");
  await figures.getByRole("button", { name: "Gửi" }).click();
  await figures.getByRole("status").filter({ hasText: "Đã lưu." }).waitFor();
  const stored = await ctx.page.request.get(`${ctx.server.url}/api/values?indicator=CPS-01&unit=tp-ha-noi`);
  const body = await stored.json();
  assert.equal(body.items[0].value, 85.5);

  await leadList.locator("tbody tr a").first().click();
  await ctx.page.getByRole("heading", { name: "Tiến độ đã báo cáo" }).waitFor();
  await ctx.page.getByText("Chưa có báo cáo tiến độ.").waitFor();

  // A percent over 100 is refused beside the field, and nothing is recorded.
  await ctx.page.getByLabel("Nội dung đã thực hiện").fill("Đã ban hành kế hoạch triển khai");
  await ctx.page.getByLabel("Tỷ lệ hoàn thành (%)").evaluate((el) => el.removeAttribute("max"));
  await ctx.page.getByLabel("Tỷ lệ hoàn thành (%)").fill("140");
  await ctx.page.getByRole("button", { name: "Gửi" }).click();
  await ctx.page.getByRole("alert").waitFor();
  assert.match(await ctx.page.locator(".field-error").first().textContent(), /100/);
  assert.equal(await ctx.page.locator(".progress-log > li").count(), 0);

  await ctx.page.getByLabel("Tỷ lệ hoàn thành (%)").fill("40");
  await ctx.page.getByLabel("Trạng thái mới").selectOption("in_progress");
  await ctx.page.getByLabel(/Tệp minh chứng/).setInputFiles({
    name: "Kế hoạch triển khai.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
  });
  await ctx.page.getByRole("button", { name: "Gửi" }).click();
  await ctx.page.locator("[role=status].ok, [role=alert]").first().waitFor();
  assert.equal(await ctx.page.locator("[role=alert]").count(), 0, await ctx.page.locator("[role=alert]").allTextContents().then((a) => a.join(" ")));
  const entry = ctx.page.locator(".progress-log > li").first();
  await entry.getByText("Đã ban hành kế hoạch triển khai").waitFor();
  assert.match(await entry.textContent(), /40 %/);
  const file = entry.getByRole("link", { name: "Kế hoạch triển khai.pdf" });
  await file.waitFor();
  const res = await ctx.page.request.get(ctx.server.url + (await file.getAttribute("href")));
  assert.equal(res.status(), 200);
  assert.equal(res.headers()["content-type"], "application/pdf");
  await ctx.page.locator(".badge", { hasText: "Đang triển khai" }).first().waitFor();
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await screenshots(ctx.page, "task");
});
