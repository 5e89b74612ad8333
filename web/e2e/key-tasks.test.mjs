// A committee member's unit and its key task, in Chromium against a real server: the
// Ministry of Public Security's editor sends a monthly roadmap and reports a month's result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createUser, screenshots, seriousViolations, signIn, suite } from "./support.mjs";

const password = "Mật khẩu thử nghiệm đủ dài 2026";
const ctx = suite({ setUp: (c) => createUser(c.admin, "bca", "bo-cong-an", ["unit_editor"], password) });

test("the ministry sends its key task's roadmap and reports January", async () => {
  await signIn(ctx.page, ctx.server, "bca", password);
  await ctx.page.getByRole("navigation").getByRole("link", { name: "Đơn vị của tôi" }).click();
  const card = ctx.page.locator("article.key-task").first();
  await card.waitFor();
  await card.getByLabel("Kết quả dự kiến Tháng 1", { exact: true }).fill("Ban hành kế hoạch phổ cập danh tính số");
  await card.getByLabel("Kết quả dự kiến Tháng 2", { exact: true }).fill("Cấp 5 triệu tài khoản định danh mức 2");
  await card.getByRole("button", { name: "Lưu lộ trình" }).click();
  await card.getByRole("status").filter({ hasText: "Đã lưu." }).waitFor();

  await card.getByRole("textbox", { name: /^Kết quả đạt được/ }).fill("Đã ban hành kế hoạch ngày 20/01");
  await card.getByRole("button", { name: "Báo cáo tháng" }).click();
  await card.locator("tbody tr").first().getByText("Đã ban hành kế hoạch ngày 20/01").waitFor();

  const list = await ctx.admin.call("GET", "/api/key-tasks?unit=bo-cong-an");
  const k = list.body.items[0];
  assert.equal(k.months[0].expected, "Ban hành kế hoạch phổ cập danh tính số");
  assert.equal(k.months[0].achieved, "met");
  assert.equal(k.months[1].expected, "Cấp 5 triệu tài khoản định danh mức 2");
  assert.deepEqual(await seriousViolations(ctx.page), []);
  await card.scrollIntoViewIfNeeded();
  await screenshots(ctx.page, "key-task");
});
