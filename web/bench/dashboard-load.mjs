// The dashboard's first load (issue 9, point 6): the real `dxgov serve` with the demo data on
// loopback and Debian's Chromium with an empty cache each run. Measured:
//   - the compressed bytes of JavaScript the first load transfers (the budget is 500 KB);
//   - the time from navigation to the dashboard showing its figures (the task cards and the
//     objectives table filled from the API);
//   - as the reference, in the same run, the time to load the same page's static files alone
//     (HTML, JavaScript, CSS) with every API request refused, until the load event.
//
//   node bench/dashboard-load.mjs [--runs N]      (default 7; scripts/test runs 1)
import { launchBrowser, startServer } from "../e2e/support.mjs";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 7;
const server = await startServer();
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(staticOnly) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const sizes = new Map();
  cdp.on("Network.responseReceived", (e) => sizes.set(e.requestId, { type: e.type, url: e.response.url }));
  let jsBytes = 0;
  cdp.on("Network.loadingFinished", (e) => {
    const r = sizes.get(e.requestId);
    if (r && r.type === "Script") jsBytes += e.encodedDataLength;
  });
  if (staticOnly) await page.route("**/api/**", (route) => route.abort());
  const t0 = Date.now();
  if (staticOnly) {
    await page.goto(`${server.url}/?ke-hoach=2&ngay=2022-07-15`, { waitUntil: "load" });
  } else {
    await page.goto(`${server.url}/?ke-hoach=2&ngay=2022-07-15`, { waitUntil: "commit" });
    await page.locator(".card.tone-bad .card-value").waitFor();
    await page.locator("table tbody tr").first().waitFor();
  }
  const ms = Date.now() - t0;
  await page.close();
  return { ms, jsBytes };
}

try {
  await measure(false); // warm the server's page cache and Chromium's process, not its HTTP cache
  const full = [], alone = [];
  let js = 0;
  for (let i = 0; i < runs; ++i) {
    const a = await measure(true);
    const b = await measure(false);
    alone.push(a.ms);
    full.push(b.ms);
    js = b.jsBytes;
  }
  const ratio = median(full) / median(alone);
  console.log(`dashboard-load: ${runs} runs, empty cache each, median`);
  console.log("| load | ms | × static alone |");
  console.log("|---|---:|---:|");
  console.log(`| static files alone (API refused), to the load event | ${median(alone)} | 1.00× |`);
  console.log(`| dashboard with the demo data, to its figures shown | ${median(full)} | ${ratio.toFixed(2)}× |`);
  console.log(`JavaScript transferred (gzip): ${(js / 1024).toFixed(1)} KB of the 500 KB budget`);
  if (js > 500 * 1024) {
    console.error("over the 500 KB budget");
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.stop();
}
