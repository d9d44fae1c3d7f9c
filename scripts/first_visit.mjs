// First visit on a slow phone: how long from navigation until the palette can be used,
// on the release build served gzip-compressed (scripts/serve_dist.mjs), with DevTools'
// network throttling (Fast 3G: 1.6 Mbps down, 750 kbps up, 150 ms round trip) and a 4x
// CPU slowdown, sent through chromedriver's DevTools endpoint (the WebDriver route the
// e2e tests use). Each run starts cold: HTTP cache off, service worker bypassed, the
// origin's storage cleared. Prints each run (with its first contentful paint: the first
// paint in index.html, what a learner reads while the wasm arrives) and the medians.
// Usage: node scripts/first_visit.mjs [RUNS]   (`make first-visit` builds first)
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const runs = Number(process.argv[2] || 5);
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const chromedriver = process.env.CHROMEDRIVER || "chromedriver";
const FAST_3G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CPU_SLOWDOWN = 4;

// Installed before the page's own scripts: each frame, checks whether every palette
// button is rendered, enabled, laid out and the topmost element at its centre (so a
// click would reach it), and records the first frame where that holds.
const WATCH = `
(() => {
  const usable = () => {
    const buttons = document.querySelectorAll(".palette .palette-item");
    if (buttons.length === 0) return false;
    for (const b of buttons) {
      if (b.disabled) return false;
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const x = r.left + r.width / 2, y = r.top + Math.min(r.height / 2, 10);
      if (y < innerHeight && x < innerWidth && !b.contains(document.elementFromPoint(x, y))) return false;
    }
    return true;
  };
  const frame = () => {
    if (usable()) { window.__paletteUsable = { at: performance.now(), buttons: document.querySelectorAll(".palette .palette-item").length }; return; }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForPort(port, what) {
  for (let i = 0; i < 200; i++) {
    try { await fetch(`http://127.0.0.1:${port}/`); return; } catch { await sleep(100); }
  }
  throw new Error(`${what} did not start listening on port ${port}`);
}

async function webdriver(base, method, path, body) {
  const response = await fetch(base + path, {
    method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

const children = [];
process.on("exit", () => { for (const c of children) { try { process.kill(-c.pid); } catch {} } });

const sitePort = await freePort();
const site = spawn("node", ["scripts/serve_dist.mjs", String(sitePort), "dist"], { detached: true, stdio: "inherit" });
children.push(site);
const driverPort = await freePort();
const driver = spawn(chromedriver, [`--port=${driverPort}`], { detached: true, stdio: "ignore" });
children.push(driver);
await waitForPort(sitePort, "serve_dist.mjs");
await waitForPort(driverPort, "chromedriver");

const driverBase = `http://127.0.0.1:${driverPort}`;
const session = await webdriver(driverBase, "POST", "/session", {
  capabilities: { alwaysMatch: { "goog:chromeOptions": {
    binary: chromium,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--window-size=1440,900"],
  } } },
});
const wd = (method, path, body) => webdriver(driverBase, method, `/session/${session.sessionId}${path}`, body);
const cdp = (cmd, params = {}) => wd("POST", "/goog/cdp/execute", { cmd, params });
const site_url = `http://127.0.0.1:${sitePort}/`;

try {
  await cdp("Network.enable");
  await cdp("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp("Network.setBypassServiceWorker", { bypass: true });
  await cdp("Page.addScriptToEvaluateOnNewDocument", { source: WATCH });
  const times = [];
  const paints = [];
  for (let run = 1; run <= runs; run++) {
    await wd("POST", "/url", { url: "about:blank" });
    await cdp("Storage.clearDataForOrigin", { origin: site_url.slice(0, -1), storageTypes: "all" });
    await cdp("Network.emulateNetworkConditions", FAST_3G);
    await cdp("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    // WebDriver's navigation returns once the document has loaded; the wasm may still be
    // on its way, so the page's own record is polled afterwards.
    await wd("POST", "/url", { url: site_url });
    let result = null;
    for (let i = 0; i < 600 && !result; i++) {
      result = await wd("POST", "/execute/sync", {
        script: `const u = window.__paletteUsable; if (!u) return null;
                 const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
                 const bytes = performance.getEntriesByType("resource").concat(performance.getEntriesByType("navigation")).reduce((s, e) => s + (e.encodedBodySize || 0), 0);
                 const paint = performance.getEntriesByName("first-contentful-paint")[0];
                 return { at: u.at, buttons: u.buttons, wasmEnd: wasm ? wasm.responseEnd : null, bytes, firstPaint: paint ? paint.startTime : null };`,
        args: [],
      });
      if (!result) await sleep(100);
    }
    await cdp("Emulation.setCPUThrottlingRate", { rate: 1 });
    await cdp("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    if (!result) throw new Error(`run ${run}: the palette did not become usable within 60 s`);
    if (result.firstPaint === null) throw new Error(`run ${run}: the browser recorded no first contentful paint`);
    times.push(result.at);
    paints.push(result.firstPaint);
    console.log(`run ${run}: first contentful paint at ${(result.firstPaint / 1000).toFixed(2)} s; palette usable (${result.buttons} buttons) at ${(result.at / 1000).toFixed(2)} s; wasm downloaded at ${(result.wasmEnd / 1000).toFixed(2)} s; ${(result.bytes / 1024).toFixed(0)} KB over the network`);
  }
  times.sort((a, b) => a - b);
  paints.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`first contentful paint: median ${(paints[Math.floor(paints.length / 2)] / 1000).toFixed(2)} s (min ${(paints[0] / 1000).toFixed(2)} s, max ${(paints[paints.length - 1] / 1000).toFixed(2)} s)`);
  console.log(`Fast 3G (1.6 Mbps, 150 ms RTT) + 4x CPU slowdown, navigation to a usable palette: median ${(median / 1000).toFixed(2)} s over ${runs} cold loads (min ${(times[0] / 1000).toFixed(2)} s, max ${(times[times.length - 1] / 1000).toFixed(2)} s; target 2 s)`);
} finally {
  await wd("DELETE", "").catch(() => {});
  process.exit();
}
