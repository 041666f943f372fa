// Open every page of the built report in headless Chromium, offline, and check it rendered.
// usage: node tests/smoke.mjs <buildDir> <shotsDir> /page/=<charts> ...
//   a page passes when it has its title, at least <charts> drawn charts (an ECharts canvas with
//   a size), no error box (Evidence marks them .text-negative), no "Loading" placeholder left,
//   it asked nothing of any host but the local server, and no WebAssembly module trapped, even
//   where the page caught the error (a trap leaves the module's memory inconsistent: later calls
//   fail at random, e.g. when the garbage collector frees an object), and it loaded every table
//   of the site into its in-browser database (which later queries need). Screenshots go to
//   <shotsDir>.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [buildDir, shotsDir, ...pages] = process.argv.slice(2);
const root = path.resolve(buildDir);
const types = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2',
};

// a static server for the build folder: <dir>/index.html for directory URLs, nothing outside it
const server = http.createServer((req, res) => {
  let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
// every page loads every table of the site into the browser's database after it has rendered
const tables = Object.values(JSON.parse(fs.readFileSync(path.join(root, 'data', 'manifest.json')))
  .renderedFiles).flat().map((file) => file.replace(/^static/, ''));
fs.mkdirSync(shotsDir, { recursive: true });

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let failed = 0;
try {
  for (const spec of pages) {
    const [route, wanted] = spec.split('=');
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    const external = [];
    page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
    const loaded = new Set();
    page.on('response', (r) => { if (r.ok()) loaded.add(new URL(r.url()).pathname); });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e).slice(0, 200)));
    // pause on every exception, caught or not, to see traps the page swallows; then go on
    const traps = [];
    const cdp = await page.createCDPSession();
    cdp.on('Debugger.paused', (e) => {
      const text = e.data?.description ?? '';
      if (text.startsWith('RuntimeError')) traps.push(text.split('\n').slice(0, 2).join(' ').slice(0, 200));
      cdp.send('Debugger.resume').catch(() => {});
    });
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.setPauseOnExceptions', { state: 'all' });
    await page.goto(base + route, { waitUntil: 'networkidle0', timeout: 60000 });
    await page.waitForFunction(() => !document.querySelector('.animate-pulse'), { timeout: 30000 })
      .catch(() => {});
    // the page is done when it has fetched every table and the network has been quiet for a
    // while (the tables load after the first render; a failed one stops the rest)
    for (let waited = 0; waited < 30000 && tables.some((t) => !loaded.has(t)); waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await page.waitForNetworkIdle({ idleTime: 1000, timeout: 30000 }).catch(() => {});
    const unloaded = tables.filter((t) => !loaded.has(t)).map((t) => t.split('/').at(-1));
    const seen = await page.evaluate(() => ({
      title: document.querySelector('h1.title')?.innerText ?? null,
      charts: [...document.querySelectorAll('#evidence-main-article canvas[data-zr-dom-id]')]
        .filter((c) => c.width > 0 && c.height > 0).length,
      tables: document.querySelectorAll('#evidence-main-article table').length,
      loading: document.querySelectorAll('.animate-pulse').length,
      errors: [...document.querySelectorAll('#evidence-main-article .text-negative')]
        .map((e) => e.innerText.trim().slice(0, 200)),
    }));
    const name = route.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'index';
    await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
    const ok = seen.title && seen.loading === 0 && seen.errors.length === 0
      && external.length === 0 && pageErrors.length === 0 && traps.length === 0
      && unloaded.length === 0 && seen.charts >= Number(wanted ?? 1);
    if (!ok) failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${route} ${JSON.stringify({ ...seen, wanted, external, pageErrors, traps, unloaded })}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${pages.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
