// Where a playing page's main thread goes, from a DevTools trace: opens a link (default:
// the e-commerce pipeline pattern), plays it at 100x, charts its first two boxes, slows
// the CPU (4x by default, a mid-range phone), traces 3 s and prints the main thread's
// time by event (script, style, layout, paint, commit), the longest tasks, and which
// elements were marked for layout and why. What `make frames` measures, explained.
// Usage (after `make build`): node scripts/trace_playback.mjs [LINK] [CPU]
import puppeteer from "../.tools/node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = 8096;
const base = `http://127.0.0.1:${port}/`;
const link = process.argv[2] ||
  execFileSync("cargo", ["run", "--quiet", "--locked", "--release", "--bin", "dlab", "--", "patterns", "--base", base], { encoding: "utf8" })
    .split("\n").find((l) => l.startsWith("ecommerce-pipeline")).trim().split(/\s+/).pop();
const cpu = Number(process.argv[3] || 4);
const server = spawn("node", ["scripts/serve_dist.mjs", String(port), "dist"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const tracePath = join(mkdtempSync(join(tmpdir(), "dlab-trace-")), "trace.json");

const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await page.goto(link);
  await page.waitForSelector(".node");
  await page.select(".speed-select", "100");
  const boxes = await page.$$(".node");
  await boxes[0].click();
  await page.keyboard.down("Shift");
  await boxes[1].click();
  await page.keyboard.up("Shift");
  await page.click("button[aria-label^='Play']");
  await page.waitForFunction(() => Number(document.querySelector(".clock-value").dataset.now) > 60, { timeout: 120000 });
  const cdp = await page.createCDPSession();
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  await page.tracing.start({ path: tracePath, categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-devtools.timeline.invalidationTracking"] });
  await new Promise((r) => setTimeout(r, 3000));
  await page.tracing.stop();
} finally {
  await browser.close();
  server.kill();
}

const events = JSON.parse(readFileSync(tracePath, "utf8")).traceEvents;
// The page's main thread: the one that ran the animation frames.
const frames = {};
for (const e of events) if (e.name === "FireAnimationFrame") frames[`${e.pid}:${e.tid}`] = (frames[`${e.pid}:${e.tid}`] || 0) + 1;
const main = Object.entries(frames).sort((a, b) => b[1] - a[1])[0][0];
const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && e.dur);
const total = (list) => {
  const sums = {};
  for (const e of list) sums[e.name] = (sums[e.name] || 0) + e.dur / 1000;
  return Object.entries(sums).sort((a, b) => b[1] - a[1]);
};
console.log(`3 s of playback at 100x, CPU slowed ${cpu}x: the main thread's time by event`);
for (const [name, ms] of total(mine).filter(([n]) => n !== "RunTask").slice(0, 10)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${name}`);
console.log("the five longest tasks:");
for (const t of mine.filter((e) => e.name === "RunTask").sort((a, b) => b.dur - a.dur).slice(0, 5)) {
  const inside = mine.filter((e) => e !== t && e.name !== "RunTask" && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  console.log(`  ${(t.dur / 1000).toFixed(1)} ms: ` + total(inside).slice(0, 6).map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(", "));
}
console.log("elements marked for layout, by reason (and whether script did it):");
const marked = {};
for (const e of events.filter((e) => e.name === "LayoutInvalidationTracking")) {
  const d = e.args.data;
  const key = `${d.reason} | ${d.nodeName}${d.stackTrace ? " | script" : ""}`;
  marked[key] = (marked[key] || 0) + 1;
}
for (const [key, n] of Object.entries(marked).sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${String(n).padStart(7)}  ${key}`);
