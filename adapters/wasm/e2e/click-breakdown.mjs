// Where a gallery click's time goes, per browser API: the e2e's timed clicks (the same
// launch flags, links and loop as gallery.mjs), first plain, then with the DOM APIs the
// router calls wrapped in timers. Each API's time is summed per click; the median over
// the clicks is printed with the calls per click. The document is served cross-origin
// isolated (COOP + COEP added by a Playwright route), so performance.now() ticks in 5 us
// instead of gallery.mjs's 100 us. A diagnosis tool, not a test: CI does not run it.
//
//   GALLERY_BIN=$T/debug/examples/gallery FOLIO_CLIENT_DIR=examples/gallery/pkg \
//     node adapters/wasm/e2e/click-breakdown.mjs
//
// Env: CHROMIUM (default /usr/bin/chromium), FOLIO_E2E_CLICKS (default 400).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';

const bin = process.env.GALLERY_BIN;
if (!bin) throw new Error('GALLERY_BIN: the built gallery example');
const clicks = Number(process.env.FOLIO_E2E_CLICKS ?? 400);

const server = spawn(bin, [], { env: { ...process.env, FOLIO_ADDR: '127.0.0.1:0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let buffered = '';
  server.stdout.on('data', (chunk) => {
    buffered += chunk;
    const m = buffered.match(/listening on (http:\/\/\S+)/);
    if (m) resolve(m[1].replace(/\/$/, ''));
  });
  server.on('exit', (code) => reject(new Error(`gallery exited (${code})`)));
});
const { profile, context } = await launchChromium('folio-breakdown');
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = {
      ...response.headers(),
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    };
    await route.fulfill({ response, headers });
  });
  await page.goto(`${base}/`);
  await page.waitForSelector('html[data-folio="client"]');
  const result = await page.evaluate(async (n) => {
    const hrefs = ['/analytics', '/archive', '/reports/summary-2021', '/'];
    const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
    let spent = {};
    const calls = {};
    const timed = (label, f) => function (...args) {
      const t = performance.now();
      try { return f.apply(this, args); } finally {
        spent[label] = (spent[label] ?? 0) + performance.now() - t;
        calls[label] = (calls[label] ?? 0) + 1;
      }
    };
    const wrap = (proto, name, label = name) => { if (proto[name]) proto[name] = timed(label, proto[name]); };
    const wrapAccessor = (proto, name, kind, label) => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (d?.[kind]) Object.defineProperty(proto, name, { ...d, [kind]: timed(label, d[kind]) });
    };
    async function run(count, perClick) {
      const times = [];
      for (let i = 0; i < count; i += 1) {
        const a = document.querySelector(`nav a[href="${hrefs[i % hrefs.length]}"]`);
        spent = {};
        const t0 = performance.now();
        a.click();
        times.push(performance.now() - t0);
        perClick?.push(spent);
        void document.body.offsetHeight;
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 0));
      }
      return times;
    }
    await run(40);
    const plain = await run(n);
    wrap(History.prototype, 'pushState');
    wrap(History.prototype, 'replaceState');
    wrapAccessor(Element.prototype, 'innerHTML', 'set', 'innerHTML (set)');
    wrapAccessor(Document.prototype, 'title', 'set', 'document.title (set)');
    wrapAccessor(Document.prototype, 'cookie', 'get', 'document.cookie (get)');
    wrap(TextDecoder.prototype, 'decode', 'TextDecoder.decode (strings from wasm)');
    wrap(TextEncoder.prototype, 'encodeInto', 'TextEncoder.encodeInto (strings to wasm)');
    for (const m of ['querySelector', 'querySelectorAll', 'closest', 'setAttribute', 'getAttribute', 'hasAttribute']) {
      wrap(Element.prototype, m, `Element.${m}`);
    }
    for (const p of ['pathname', 'search', 'hash', 'origin', 'target']) {
      wrapAccessor(HTMLAnchorElement.prototype, p, 'get', `a.${p}`);
    }
    wrap(window, 'scrollTo'); // [Global] Window: its operations live on the instance
    const perClick = [];
    const wrapped = await run(n, perClick);
    const apis = {};
    for (const label of Object.keys(calls)) {
      const us = median(perClick.map((s) => s[label] ?? 0)) * 1000;
      apis[label] = `${us.toFixed(0)} us, ${(calls[label] / n).toFixed(1)} calls`;
    }
    return { clicks: n, plain: median(plain), wrapped: median(wrapped), crossOriginIsolated, apis };
  }, clicks);
  console.log(`click (median of ${result.clicks}): ${result.plain.toFixed(3)} ms plain, ${result.wrapped.toFixed(3)} ms with the timers (cross-origin isolated: ${result.crossOriginIsolated})`);
  for (const [label, v] of Object.entries(result.apis).sort()) console.log(`  ${label}: ${v} per click (median)`);
} finally {
  await context.close();
  server.kill();
  rmSync(profile, { recursive: true, force: true });
}
