// console.test.mjs: drive the sanctum web console in a real browser.
//
// Starts `sanctum demo` in a fresh temp dir on a free loopback port, opens
// Debian's chromium (headless, through playwright-core) and walks the console
// the way a person would: log in, change the generated password, read the
// dashboard, use the keyboard, visit People and the Audit trail, log out.
// A pasted copy of a post opens an incident, and a moderator walks its five
// steps with the member whose post leaked: the risk assessment; the message,
// which the member reads and answers on their own page; their request to
// talk with someone, marked done; their consent, and removal requests that
// respect it (one naming them is refused without their yes) walked to
// removed; an announcement the guard refuses while it names the member,
// then publishes, and the member reads; the report, without leaked words
// or names.
// Then sustained support: the admin opens a care case for that member, held
// by a supporter, with five check-ins planned; on "My support" the member
// reads who supports them and what is planned, writes what they need, asks
// not to be contacted (the case then plans nothing and offers no message),
// has an unknown time zone refused, and comes back every 14 days in their
// own zone.
// Someone applies (accepting the pledge), the admin approves the
// application, they activate their account, join a group and post; the
// post's text in Chrome's accessibility tree must be the words as written,
// find in page must work across its invisible copy marks, and a copy taken
// through the clipboard must name the member when `sanctum scan` reads it.
// Then it audits every page a person can reach, an admin's and a member's,
// in light and dark: axe-core's WCAG 2.1 A and AA rules, a viewport meta
// tag, a title of the page's own, no sideways scrolling from 320 to
// 1280 px, form hints tied to their fields, screen-reader-only text kept
// off screen.  Prints TAP; exits 1 if any check failed.
//
//   SANCTUM=/path/to/sanctum node console.test.mjs
//
// Environment: SANCTUM (default ../../sanctum from here), CHROMIUM (default
// /usr/bin/chromium), TEST_TIMEOUT_MS (default 300000).

import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync,
  readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const binary = resolve(process.env.SANCTUM || join(here, '..', '..', 'sanctum'));
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const globalTimeoutMs = Number(process.env.TEST_TIMEOUT_MS) || 300_000;
const shotDir = join(repo, 'build', 'screenshots');
const newPassword = 'a quiet harbour at dusk';
const axeSource = readFileSync(join(here, 'node_modules', 'axe-core',
  'axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const schemes = ['light', 'dark'];
// Phone widths; just above 640 px, where the tables once switched to
// cards too late; just above that switch's place now (48rem, 768 px);
// desktop widths.
const widths = [320, 360, 641, 650, 660, 700, 769, 1024, 1280];
const memberName = 'willow';
const memberPassword = 'moss on the north side';
const expectedFigures = {
  members: 24,
  groups: 5,
  'open-incidents': 1,
  posts: 60,
};

// ---- state shared with cleanup ------------------------------------------
let server = null;        // the sanctum child process
let serverExit = null;    // promise of its exit
let serverOutput = '';    // stdout + stderr, for diagnostics
let workDir = null;
let browser = null;
let cleanedUp = false;

// ---- TAP ---------------------------------------------------------------
let count = 0;
let failures = 0;

function diag(text) {
  for (const line of String(text).split('\n'))
    console.log(`# ${line}`);
}

function report(ok, description, why) {
  count++;
  if (ok) {
    console.log(`ok ${count} - ${description}`);
  } else {
    failures++;
    console.log(`not ok ${count} - ${description}`);
    if (why)
      diag(why);
  }
}

class CheckFailed extends Error {}

function assert(cond, message) {
  if (!cond)
    throw new CheckFailed(message);
}

function errorText(err) {
  if (err instanceof CheckFailed)
    return err.message;
  // Playwright errors carry a long call log; the first lines say enough.
  const text = err instanceof Error ? `${err.name}: ${err.message}`
    : String(err);
  return text.split('\n').slice(0, 8).join('\n');
}

// ---- helpers -------------------------------------------------------------

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Start the demo and resolve with its login password once stdout names it.
function startDemo(dir, port) {
  return new Promise((ok, fail) => {
    let stdout = '';
    server = spawn(binary, ['demo', '--dir', dir, '--listen',
      `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    serverExit = new Promise((done) => server.once('exit',
      (code, signal) => done({ code, signal })));
    server.once('error', (err) => fail(new Error(
      `cannot start ${binary}: ${err.message}`)));
    server.stdout.setEncoding('utf8');
    server.stderr.setEncoding('utf8');
    server.stdout.on('data', (chunk) => {
      stdout += chunk;
      serverOutput += chunk;
      const m = /log in as (\S+) with password (\S+)/.exec(stdout);
      if (m)
        ok({ user: m[1], password: m[2] });
    });
    server.stderr.on('data', (chunk) => { serverOutput += chunk; });
    serverExit.then(({ code, signal }) => fail(new Error(
      `sanctum demo exited (code ${code}, signal ${signal}) before ` +
      `printing a password:\n${serverOutput}`)));
  });
}

async function waitHealthy(base, ms) {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(`sanctum demo exited early:\n${serverOutput}`);
    try {
      const res = await fetch(`${base}/healthz`,
        { signal: AbortSignal.timeout(2000) });
      const body = (await res.text()).trim();
      if (res.ok && body === 'ok')
        return;
      last = `${res.status} ${body}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(100);
  }
  throw new Error(`/healthz not ok after ${ms} ms (last: ${last})`);
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null)
    return;
  server.kill('SIGTERM');
  const exited = await Promise.race([serverExit, sleep(5000).then(() => null)]);
  if (!exited) {
    diag('sanctum did not exit 5 s after SIGTERM; sending SIGKILL');
    server.kill('SIGKILL');
    await Promise.race([serverExit, sleep(2000)]);
  }
}

async function cleanup() {
  if (cleanedUp)
    return;
  cleanedUp = true;
  if (browser) {
    await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  }
  await stopServer().catch((err) => diag(`stopping sanctum: ${err.message}`));
  if (workDir)
    rmSync(workDir, { recursive: true, force: true });
}

// Path of the page's URL (no origin, with the query).
function where(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// ---- the accessibility audit ---------------------------------------------

// In the page: what the head says, and every form hint (class "hint") that
// no input, select, textarea or button names in its aria-describedby.
function headProbe() {
  const meta = document.querySelector('meta[name="viewport"]');
  const fields = document.querySelectorAll('input, select, textarea, button');
  const described = new Set();
  for (const f of fields)
    for (const id of (f.getAttribute('aria-describedby') || '').split(/\s+/))
      if (id)
        described.add(id);
  const loose = [];
  for (const h of document.querySelectorAll('.hint'))
    if (!h.id || !described.has(h.id))
      loose.push(`"${h.textContent.trim().slice(0, 40)}"` +
        (h.id ? ` (#${h.id})` : ' (no id)'));
  return { title: document.title, viewport: meta ? meta.content : null,
    loose };
}

// In the page, at the current width: does the page scroll sideways, and
// which outermost elements reach past its right edge; is any element of
// class visually-hidden drawn bigger than 1x1 px without being clipped.
function layoutProbe() {
  const one = (e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') +
    Array.from(e.classList, (c) => `.${c}`).join('');
  const path = (e) => {
    const parts = [];
    for (let n = e; n && n !== document.body && parts.length < 3;
      n = n.parentElement)
      parts.unshift(one(n));
    return parts.join(' > ');
  };
  const de = document.documentElement;
  const edge = de.clientWidth + 0.5;
  const out = { scroll: de.scrollWidth, client: de.clientWidth,
    culprits: [], shown: [] };
  if (out.scroll > out.client) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      const up = el.parentElement.getBoundingClientRect();
      if (r.right > edge && (el.parentElement === document.body ||
        up.right <= edge))
        out.culprits.push(`${path(el)} to ${Math.round(r.right)} px`);
    }
  }
  for (const el of document.querySelectorAll('.visually-hidden')) {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const tiny = r.width <= 1 && r.height <= 1;
    const clipped = (cs.clip && cs.clip !== 'auto') ||
      (cs.clipPath && cs.clipPath !== 'none');
    if (!tiny && !clipped)
      out.shown.push(`${path(el)} "${el.textContent.trim()}" drawn ` +
        `${Math.round(r.width)}x${Math.round(r.height)} px`);
  }
  return out;
}

// In the page: run axe-core with the given rule tags; the violations, each
// with the first three of its targets.
async function axeProbe(tags) {
  const r = await window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  });
  return r.violations.map((v) => ({ id: v.id, impact: v.impact,
    help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

// Audit the page p shows now, as name (pages in one group show the same
// thing and may share a title), into the list audited: axe-core in each
// colour scheme, the head, and the layout at each width.  Throws if the
// page is not the one expected (path, and status when given).
async function auditPage(p, audited, name, group, want) {
  const path = new URL(p.url()).pathname;
  assert(path === want.path, `${name}: expected ${want.path}, ` +
    `the browser is on ${where(p)}`);
  if (want.status !== undefined)
    assert(want.got === want.status, `${name}: ${path} answered ` +
      `${want.got}, expected ${want.status}`);
  const a = { name, group, path: where(p), axe: [], wide: [], shown: [] };
  Object.assign(a, await p.evaluate(headProbe));
  await p.addScriptTag({ content: axeSource });
  for (const scheme of schemes) {
    await p.emulateMedia({ colorScheme: scheme });
    for (const v of await p.evaluate(axeProbe, axeTags))
      a.axe.push({ scheme, ...v });
  }
  for (const width of widths) {
    await p.setViewportSize({ width, height: 800 });
    const l = await p.evaluate(layoutProbe);
    if (l.scroll > l.client) {
      a.wide.push({ width, ...l });
      await p.screenshot({ path: join(shotDir, `wide-${name}-${width}.png`) })
        .catch(() => {});
    }
    for (const s of l.shown)
      a.shown.push(`${width} px: ${s}`);
  }
  await p.setViewportSize({ width: 1280, height: 800 });
  audited.push(a);
}

// ---- the checks ------------------------------------------------------------

async function main() {
  if (!existsSync(binary))
    throw new Error(`no sanctum binary at ${binary} (run make sanctum, ` +
      'or set SANCTUM)');
  if (!existsSync(browserPath))
    throw new Error(`no chromium at ${browserPath} (apt-get install ` +
      'chromium, or set CHROMIUM)');

  workDir = mkdtempSync(join(tmpdir(), 'sanctum-browser-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const demo = await startDemo(workDir, port);
  await waitHealthy(base, 15_000);
  diag(`sanctum demo on ${base} (user ${demo.user}), data in ${workDir}`);

  browser = await chromium.launch({
    executablePath: browserPath,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  diag(`chromium ${browser.version()}`);
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);

  // Every console error and uncaught page error, with the page it came from.
  // CSP violations arrive as console errors ("Refused to ...").  A failed
  // load the test provokes on purpose (the 401 of a wrong password) or that
  // the browser makes on its own (see below) is noted, not counted.
  const problems = [];
  const notes = new Set();
  // Failed loads we cause on purpose: { path, status, times, why }.  Each
  // is allowed `times` times, whenever its console message arrives.
  const expected = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error')
      return;
    const loc = msg.location();
    const url = loc && loc.url ? loc.url : '';
    const m = /^Failed to load resource: the server responded with a status of (\d+)/
      .exec(msg.text());
    if (m && url.startsWith(base)) {
      const path = new URL(url).pathname, status = Number(m[1]);
      const ok = expected.find((e) => e.path === path &&
        e.status === status && e.times > 0);
      if (ok) {
        ok.times--;
        notes.add(`note: ${status} for ${path} (${ok.why})`);
        return;
      }
    }
    problems.push(`${where(page)}: console error: ${msg.text()}` +
      (url ? ` (${url})` : ''));
  });
  page.on('pageerror', (err) => {
    problems.push(`${where(page)}: page error: ${err.message}`);
  });
  const problemsSince = (mark) => problems.slice(mark);

  mkdirSync(shotDir, { recursive: true });
  for (const f of readdirSync(shotDir))
    if (f.startsWith('wide-'))
      rmSync(join(shotDir, f), { force: true });

  // Checks run in order; a check whose prerequisite failed is reported as
  // failed without being tried, so the plan stays the same every run.
  const passed = new Set();
  const checks = [];
  const check = (id, description, needs, fn) =>
    checks.push({ id, description, needs, fn });

  let loginMark = 0;
  check('login-page', 'the login page shows its form', [], async () => {
    loginMark = problems.length;
    const res = await page.goto('/login', { waitUntil: 'load' });
    assert(res && res.status() === 200,
      `GET /login answered ${res && res.status()}`);
    await page.getByLabel('Name', { exact: true }).waitFor();
    await page.getByLabel('Password', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    const css = await page.evaluate(() => document.styleSheets.length > 0 &&
      document.styleSheets[0].cssRules.length > 0);
    assert(css, 'the stylesheet did not load');
    await page.screenshot({ path: join(shotDir, 'login.png'),
      fullPage: true });
  });

  check('login-clean', 'the login page has no console errors or CSP ' +
    'violations', ['login-page'], async () => {
    await sleep(300);  // let late console messages (favicon, CSP) arrive
    const found = problemsSince(loginMark);
    assert(found.length === 0, found.join('\n'));
  });

  check('wrong-password', 'a wrong password shows an error and stays on ' +
    '/login', ['login-page'], async () => {
    expected.push({ path: '/login', status: 401, times: 1,
      why: 'the wrong password, as it should' });
    await page.getByLabel('Name', { exact: true }).fill(demo.user);
    await page.getByLabel('Password', { exact: true })
      .fill('not-the-password');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Log in' }).click(),
    ]);
    assert(new URL(page.url()).pathname === '/login',
      `landed on ${where(page)}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.innerText()).trim();
    assert(text.length > 0, 'the error notice is empty');
    diag(`error shown: "${text}"`);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
  });

  check('login', 'logging in with the demo password lands on the ' +
    'password-change page', ['login-page'], async () => {
    if (new URL(page.url()).pathname !== '/login')
      await page.goto('/login');
    await page.getByLabel('Name', { exact: true }).fill(demo.user);
    await page.getByLabel('Password', { exact: true }).fill(demo.password);
    await Promise.all([
      page.waitForURL('**/account/password', { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Log in' }).click(),
    ]);
    await page.getByLabel('Current password', { exact: true }).waitFor();
    await page.getByLabel('New password', { exact: true }).waitFor();
    await page.getByLabel('New password again', { exact: true }).waitFor();
  });

  check('change-password', 'changing the password works and shows the ' +
    'notice', ['login'], async () => {
    await page.getByLabel('Current password', { exact: true })
      .fill(demo.password);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again', { exact: true })
      .fill(newPassword);
    await Promise.all([
      page.waitForURL('**/account/password?done=password',
        { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Change password' }).click(),
    ]);
    const status = page.getByRole('status');
    await status.waitFor();
    const text = (await status.innerText()).trim();
    assert(text.includes('Your password is changed.'),
      `notice says "${text}"`);
  });

  check('dashboard', 'dashboard shows members 24, groups 5, open ' +
    'incidents 1, posts 60', ['change-password'], async () => {
    await page.getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' })
      .waitFor();
    const wrong = [];
    for (const [id, want] of Object.entries(expectedFigures)) {
      const value = page.locator(`#${id} .value`);
      const n = await value.count();
      if (n !== 1) {
        wrong.push(`#${id} .value: ${n} elements`);
        continue;
      }
      const got = (await value.innerText()).trim();
      if (got !== String(want))
        wrong.push(`#${id}: got "${got}", want "${want}"`);
    }
    await page.screenshot({ path: join(shotDir, 'dashboard.png'),
      fullPage: true });
    assert(wrong.length === 0, wrong.join('\n'));
  });

  check('skip-link', 'keyboard: first Tab on the dashboard focuses a ' +
    'visible "Skip to content" link', ['change-password'], async () => {
    await page.goto('/');
    await page.bringToFront();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body)
        return null;
      const r = el.getBoundingClientRect();
      return { tag: el.tagName, text: el.textContent.trim(),
        href: el.getAttribute('href'),
        visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top <
          window.innerHeight };
    });
    assert(focused, 'nothing is focused after Tab');
    assert(focused.tag === 'A' && focused.text === 'Skip to content',
      `focused ${focused.tag} "${focused.text}"`);
    assert(focused.href === '#main', `skip link points to ${focused.href}`);
    assert(focused.visible, 'the focused skip link is not on screen');
    await page.keyboard.press('Enter');
    assert(new URL(page.url()).hash === '#main',
      `Enter on the skip link went to ${page.url()}`);
  });

  check('people', 'the People page lists demo-admin', ['change-password'],
    async () => {
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'People', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/users');
      const cell = page.getByRole('cell', { name: demo.user, exact: true });
      const n = await cell.count();
      if (n === 0) {
        const text = await page.locator('main').innerText();
        assert(text.includes(demo.user),
          `"${demo.user}" not on /users; main says:\n` + text.slice(0, 400));
      }
    });

  check('audit', 'the Audit trail shows entries and "Verify the whole ' +
    'trail" reports Intact', ['change-password'], async () => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit trail', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/audit');
    const rows = await page.locator('main table tbody tr').count();
    assert(rows > 0, 'the audit table has no rows');
    diag(`audit trail shows ${rows} entries`);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/audit' &&
        u.searchParams.has('verify')),
      page.getByRole('link', { name: 'Verify the whole trail' }).click(),
    ]);
    const notice = page.locator('main .notice');
    await notice.first().waitFor();
    const text = (await notice.first().innerText()).trim();
    assert(text.includes('Intact'), `notice says "${text}"`);
    diag(`verify says: "${text}"`);
  });

  check('scan', 'a pasted copy of a post is found, folded behind its ' +
    'content warning, and opens an incident', ['change-password'],
    async () => {
      // a post written while the console runs enters its index
      const fixture = join(here, '..', 'fixtures', 'scan', 'post.txt');
      const body = readFileSync(fixture, 'utf8');
      execFileSync(binary, ['--db', join(workDir, 'demo.db'), 'post', 'add',
        '--group', 'Evening check-in', '--author', 'river-stone', '--cw',
        'grief'], { input: body, stdio: ['pipe', 'ignore', 'ignore'] });
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Scan for leaks', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/scan');
      await page.getByLabel('Text').fill('Seen on another site: ' + body);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/scan'),
        page.getByRole('button', { name: 'Scan' }).click(),
      ]);
      const alert = page.locator('main .notice');
      const said = (await alert.first().innerText()).trim();
      assert(said.includes('1 post of this community was found'),
        `the result says "${said}"`);
      const content = page.locator('details.cw .content');
      assert(!(await content.isVisible()),
        'the post is shown before the content warning is opened');
      await page.locator('details.cw summary').click();
      assert(await content.isVisible(), 'opening the warning shows nothing');
      assert((await content.innerText()).includes('street lights'),
        'the opened post is not the one written');
      await page.screenshot({ path: join(shotDir, 'scan.png'),
        fullPage: true });
      await Promise.all([
        page.waitForURL((u) => /^\/incidents\/\d+$/.test(u.pathname)),
        page.getByRole('button',
          { name: 'Open an incident about these posts' }).click(),
      ]);
      await page.goto('/');
      const open = await page.locator('#open-incidents .value').innerText();
      assert(open.trim() === '2', `open incidents: ${open}`);
    });

  check('incident', 'a moderator walks step 1 of the incident: triage ' +
    'without the words, the words on request, then the assessment',
    ['scan'], async () => {
      await page.getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Incidents', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/incidents');
      await page.getByRole('link', { name: 'Incident 2' }).click();
      await page.waitForURL((u) => u.pathname === '/incidents/2');
      const now = page.locator('ol.steps [aria-current="step"]');
      assert((await now.innerText()).includes('assess immediate risk'),
        `the current step is "${await now.innerText()}"`);
      const who = await page.getByRole('table',
        { name: /Who is affected/ }).innerText();
      assert(who.includes('river-stone'), `affected: ${who}`);
      assert(!(await page.content()).includes('street lights'),
        'the post\'s words are on the page before anyone asked');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/incidents/2/open'),
        page.getByRole('button', { name: 'Read what leaked' }).click(),
      ]);
      await page.locator('details.cw summary').first().click();
      const words = await page.locator('details.cw .content').first()
        .innerText();
      assert(words.includes('street lights'), 'the opened post is not it');
      await page.getByLabel('Your assessment of the risk')
        .selectOption('elevated');
      await page.getByLabel(/^Note/).fill('Spoke with them: safe tonight.');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/incidents/2' &&
          u.search === '?done=assessed'),
        page.getByRole('button', { name: 'Record the assessment' }).click(),
      ]);
      const said = await page.locator('main .notice').first().innerText();
      assert(said.includes('risk assessment is recorded'), `said "${said}"`);
      assert((await now.innerText()).includes('contact affected members'),
        `after step 1 the current step is "${await now.innerText()}"`);
      const timeline = await page.locator('ol.timeline').innerText();
      assert(timeline.includes('incident.assess'),
        `the timeline: ${timeline}`);
      await page.screenshot({ path: join(shotDir, 'incident.png'),
        fullPage: true });
      // step 2: a message drafted from the template, checked, and sent
      await Promise.all([
        page.waitForURL((u) => u.search === '?done=drafted'),
        page.getByRole('button', { name: 'Draft the messages' }).click(),
      ]);
      await Promise.all([
        page.waitForURL((u) => /^\/outreach\/\d+\/open$/.test(u.pathname)),
        page.getByRole('button',
          { name: 'Edit and send the message to river-stone' }).click(),
      ]);
      const draft = await page.getByLabel('The message').inputValue();
      assert(draft.includes('You did nothing wrong'),
        'the draft is not the template');
      assert(!draft.includes('street lights'),
        'the draft carries the leaked words');
      const verdict = await page.locator('main .notice').first().innerText();
      assert(verdict.includes('it can go'), `the lint says "${verdict}"`);
      await page.screenshot({ path: join(shotDir, 'outreach.png'),
        fullPage: true });
      await Promise.all([
        page.waitForURL((u) => u.search === '?done=sent'),
        page.getByRole('button', { name: 'Send the saved message' }).click(),
      ]);
      const sent = await page.getByRole('table',
        { name: 'Private messages' }).innerText();
      assert(/river-stone\s+in-app\s+sent/.test(sent), `messages: ${sent}`);
    });

  // The rest of the protocol on the same incident, clicked as the moderator
  // (page) and the member whose post leaked (in a browser of their own)
  // would click it: their answer, their request to talk with someone,
  // their consent and the removal requests, then the announcement.
  const affected = 'river-stone';
  const affectedPassword = 'the weir in late summer';
  const answerWords = 'Shaken, but safe. A call on Thursday evening ' +
    'would help.';
  const leakedAt = 'https://forum.example.net/t/4411?ref=share';
  const sendTo = 'abuse@forum.example';
  const announcement = 'To everyone here: something shared in our ' +
    'community was copied to another site. The people most affected ' +
    'have heard from us first, and we are having it taken down. This is ' +
    'still your space. Find A Helpline lists support for every country.';
  let mp = null;  // the affected member's page
  // Click target on p and wait for the page it leads to; where that is
  // (path and query) must match want, a string or a RegExp.
  const follow = async (p, target, want, what) => {
    await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
      target.click()]);
    const at = where(p);
    const ok = typeof want === 'string' ? at === want : want.test(at);
    let said = '';
    if (!ok && await p.locator('main .notice').count() > 0)
      said = `; it says "${(await p.locator('main .notice').first()
        .innerText()).trim()}"`;
    assert(ok, `${what}: landed on ${at}, expected ${want}${said}`);
  };
  const noticeOf = async (p) => {
    const n = p.locator('main .notice');
    return await n.count() > 0 ? (await n.first().innerText()).trim() : '';
  };
  const stepNow = async () => (await page.locator(
    'ol.steps [aria-current="step"]').innerText()).trim();
  const section = (name) => page.getByRole('region', { name });
  const nav = (p, name) => p.getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name, exact: true });

  check('incident-answer', 'step 2, answered: the member whose post ' +
    'leaked gets an account, reads the moderators\' message on ' +
    '/me/messages without the leaked words and answers it; the moderator ' +
    'reads the answer', ['incident'], async () => {
      await page.goto('/users');
      await page.getByLabel('Name', { exact: true }).fill(affected);
      await page.getByLabel('Role', { exact: true }).selectOption('member');
      await follow(page, page.getByRole('button', { name: 'Add',
        exact: true }), /^\/users/, `adding the account ${affected}`);
      const gen = page.locator('#generated');
      assert(await gen.count() === 1, `no password for ${affected}: ` +
        `"${await noticeOf(page)}"`);
      const generated = (await gen.innerText()).trim();

      const ctx = await browser.newContext({ baseURL: base,
        viewport: { width: 1280, height: 800 } });
      mp = await ctx.newPage();
      mp.setDefaultTimeout(10_000);
      mp.setDefaultNavigationTimeout(15_000);
      mp.on('console', (msg) => {
        if (msg.type() === 'error')
          problems.push(`${affected} on ${where(mp)}: console error: ` +
            msg.text());
      });
      mp.on('pageerror', (err) => problems.push(`${affected} on ` +
        `${where(mp)}: page error: ${err.message}`));
      await mp.goto('/login');
      await mp.getByLabel('Name', { exact: true }).fill(affected);
      await mp.getByLabel('Password', { exact: true }).fill(generated);
      await follow(mp, mp.getByRole('button', { name: 'Log in' }),
        '/account/password', `${affected}'s first login`);
      await mp.getByLabel('Current password', { exact: true })
        .fill(generated);
      await mp.getByLabel('New password', { exact: true })
        .fill(affectedPassword);
      await mp.getByLabel('New password again', { exact: true })
        .fill(affectedPassword);
      await follow(mp, mp.getByRole('button', { name: 'Change password' }),
        '/account/password?done=password', `${affected}'s password`);

      await follow(mp, nav(mp, 'Messages'), '/me/messages',
        `${affected} opens Messages`);
      const msgs = mp.locator('main pre.message');
      const n = await msgs.count();
      assert(n === 1, `${affected} sees ${n} messages, expected 1`);
      const text = await msgs.innerText();
      assert(text.includes('You did nothing wrong'),
        `the message ${affected} reads is not the one sent: ` +
        text.slice(0, 200));
      assert(!text.includes('street lights'),
        'the message carries the leaked words');
      await mp.getByLabel('If you like: how you are, and what you need')
        .fill(answerWords);
      await follow(mp, mp.getByRole('button', { name: 'Send my answer' }),
        '/me/messages?done=answered', `${affected} answers`);
      const thanks = await noticeOf(mp);
      assert(thanks.includes('Only the people supporting you read it'),
        `after answering the notice says "${thanks}"`);
      assert((await mp.locator('main').innerText()).includes('You answered.'),
        'the message does not say it was answered');
      assert(await mp.getByRole('button', { name: 'Send my answer' })
        .count() === 0, 'the answer form is still offered');

      await page.goto('/incidents/2');
      const row = await page.getByRole('table', { name: 'Private messages' })
        .getByRole('row', { name: new RegExp(affected) }).innerText();
      assert(/in-app\s+sent\b.*\s+yes\s/.test(row),
        `the message's row does not say it was answered: ${row}`);
      await follow(page, page.getByRole('button',
        { name: `Read the message to ${affected}` }), /^\/outreach\/\d+\/open$/,
        'reading the message');
      assert((await page.locator('pre.message').innerText())
        .includes('You did nothing wrong'), 'what was sent is not shown');
      const cw = page.locator('details.cw');
      assert(await cw.count() === 1, 'the answer is not behind a warning');
      assert(!(await cw.locator('.content').isVisible()),
        'the answer is shown before it is opened');
      await cw.locator('summary').click();
      const heard = await cw.locator('.content').innerText();
      assert(heard.includes(answerWords), `the answer reads "${heard}"`);
    });

  check('incident-connect', 'step 3: the member asks to talk with ' +
    'someone; the request reaches the moderator who wrote to them, who ' +
    'marks it done', ['incident-answer'], async () => {
      await follow(mp, mp.getByRole('button',
        { name: 'I would like to talk with someone' }),
        '/me/messages?done=connect', `${affected} asks to talk`);
      const said = await noticeOf(mp);
      assert(said.includes('will be in touch within a day'),
        `after asking the notice says "${said}"`);
      await page.goto('/incidents/2');
      const now = await stepNow();
      assert(now.includes('provide support resources'),
        `with the message sent the current step is "${now}"`);
      const s3 = section('3. Support resources, and connecting');
      const item = s3.getByRole('listitem').filter({ hasText: affected });
      assert(await item.count() === 1, `step 3 lists: ${await s3.innerText()}`);
      const asked = (await item.innerText()).trim();
      assert(new RegExp(`^${affected} asked to be connected; ${demo.user}, ` +
        'by .*: to do').test(asked), `the request reads "${asked}"`);
      await follow(page, item.getByRole('button', { name: /^Done: request/ }),
        '/incidents/2?done=connected', 'marking the request done');
      assert((await noticeOf(page)).includes('Marked done.'),
        `the notice says "${await noticeOf(page)}"`);
      const done = (await item.innerText()).trim();
      assert(/: done$/.test(done), `after marking it the request reads ` +
        `"${done}"`);
      assert(await item.getByRole('button').count() === 0,
        'a done request still offers "Done"');
    });

  let requestName = '';
  check('incident-takedown', 'step 4: the place is added; a request ' +
    'naming the member is not offered before they answer; they allow a ' +
    'mention but not a copyright notice; a copyright notice naming them is ' +
    'refused, a privacy request naming them is made and walks to ' +
    'requested, then removed', ['incident-answer'], async () => {
      await page.goto('/incidents/2');
      const s4 = section('4. Remove what leaked, with their consent');
      assert((await s4.innerText()).includes('Add a place where the leak is'),
        `step 4 without a place says: ${await s4.innerText()}`);
      await page.getByLabel('Address (kept sealed)').fill(leakedAt);
      await page.getByLabel('Platform (optional)').fill('a forum');
      await follow(page, page.getByRole('button', { name: 'Add the place' }),
        '/incidents/2?done=location-added', 'adding the place');
      const places = await section('Where the leak is').innerText();
      assert(/a forum, added .* The address is sealed\./.test(places),
        `the places: ${places}`);
      assert(!(await page.content()).includes('forum.example.net'),
        'the address is on the page before anyone asked');

      const names = s4.getByLabel('Name in it');
      let offered = await names.locator('option').allInnerTexts();
      assert(!offered.includes(affected), `before ${affected} answered, ` +
        `"Name in it" offers: ${offered.join(', ')}`);

      await mp.goto('/me/messages');
      await mp.getByLabel('May a request to remove what was shared mention ' +
        'you?').selectOption('yes');
      await mp.getByLabel(/^May we send a copyright notice\?/)
        .selectOption('no');
      await mp.getByLabel('Do you want to see what was shared?')
        .selectOption('no');
      await follow(mp, mp.getByRole('button', { name: 'Save my choices' }),
        '/me/messages?done=choices', `${affected} saves their choices`);

      await page.goto('/incidents/2');
      const allow = await page.getByRole('table', { name: 'What they allow' })
        .getByRole('row', { name: new RegExp(affected) }).innerText();
      assert(/yes\s+no\s+no\s*$/.test(allow), `what they allow: ${allow}`);
      offered = await names.locator('option').allInnerTexts();
      assert(offered.includes(affected), `after ${affected} allowed it, ` +
        `"Name in it" offers: ${offered.join(', ')}`);
      // a copyright notice they said no to
      await s4.getByLabel('Place', { exact: true })
        .selectOption({ index: 0 });
      await s4.getByLabel('Kind of request').selectOption('copyright');
      await names.selectOption(affected);
      await s4.getByLabel(/^Where it goes/).fill(sendTo);
      await follow(page, s4.getByRole('button', { name: 'Make the request' }),
        '/incidents/2?error=no-consent', 'a copyright notice naming them');
      const refused = await page.getByRole('alert').first().innerText();
      assert(refused.includes('has not allowed'), `the refusal says ` +
        `"${refused}"`);
      const requests = page.getByRole('table', { name: 'Removal requests' });
      assert((await requests.innerText()).includes('None yet.'),
        `a refused request was kept: ${await requests.innerText()}`);
      // a privacy request, which they allowed to mention them
      await s4.getByLabel('Kind of request').selectOption('privacy');
      await names.selectOption(affected);
      await s4.getByLabel(/^Where it goes/).fill(sendTo);
      await follow(page, s4.getByRole('button', { name: 'Make the request' }),
        '/incidents/2?done=requested', 'a privacy request naming them');
      const now = await stepNow();
      assert(now.includes('remove leaked content'),
        `with a request made the current step is "${now}"`);
      const row = requests.getByRole('row', { name: /^Request \d+/ });
      assert(await row.count() === 1, `removal requests: ` +
        await requests.innerText());
      const made = (await row.locator('td').allInnerTexts())
        .map((c) => c.trim());
      const want = [affected, sendTo, 'to request'];
      assert(made[1] === 'a forum' && made[2] === 'privacy' &&
        made.slice(3, 6).join('|') === want.join('|'),
        `the request reads: ${made.slice(0, 6).join(' | ')}`);
      requestName = made[0];
      // its status walks on
      for (const [to, shows] of [['requested', /^requested \(look again /],
        ['removed', /^removed$/]]) {
        await row.getByLabel(`New status of ${requestName.toLowerCase()}`)
          .selectOption(to);
        await follow(page, row.getByRole('button', { name: 'Set' }),
          '/incidents/2?done=status', `marking the request ${to}`);
        const got = (await row.locator('td').nth(5).innerText()).trim();
        assert(shows.test(got), `marked ${to}, its status reads "${got}"`);
      }
      // the request's words, for the moderator to send: the address, and
      // the member who allowed it
      await follow(page, page.getByRole('button', { name: 'Read what leaked' }),
        '/incidents/2/open', 'reading the request');
      const words = await page.locator('section').filter({
        has: page.getByRole('heading',
          { name: `${requestName}, to send to ${sendTo}` }) }).innerText();
      assert(words.includes(leakedAt) && words.includes('known in our ' +
        `community as ${affected}, has asked us to act`),
        `the request's words: ${words}`);
    });

  check('takedown-refused-status', 'step 4: a status a request cannot ' +
    'take (removed, back to requested) is refused with a notice that says ' +
    'so', ['incident-takedown'], async () => {
      await page.goto('/incidents/2');
      const row = page.getByRole('table', { name: 'Removal requests' })
        .getByRole('row', { name: new RegExp(`^${requestName}`) });
      await row.getByLabel(`New status of ${requestName.toLowerCase()}`)
        .selectOption('requested');
      await follow(page, row.getByRole('button', { name: 'Set' }),
        '/incidents/2?error=status-refused', 'removed, then requested');
      const got = (await row.locator('td').nth(5).innerText()).trim();
      assert(got === 'removed', `refused, its status reads "${got}"`);
      const alert = page.getByRole('alert');
      assert(await alert.count() > 0, 'nothing says the change was refused');
      const said = (await alert.first().innerText()).trim();
      assert(!/status is changed/.test(said) && /not changed/.test(said),
        `refused, the alert says "${said}"`);
    });

  check('incident-announce', 'step 5: an announcement is drafted; the ' +
    'guard refuses it naming the member and it is not published; fixed, ' +
    'it is published and the member reads it under Announcements',
    ['incident-answer'], async () => {
      await page.goto('/incidents/2');
      await follow(page, section('5. Tell the community, carefully')
        .getByRole('button', { name: 'Draft an announcement' }),
        '/incidents/2?done=announce-drafted', 'drafting the announcement');
      const s5 = section('5. Tell the community, carefully');
      const edit = s5.getByRole('button',
        { name: /^Edit and publish announcement \d+$/ });
      assert(await edit.count() === 1, `step 5 says: ${await s5.innerText()}`);
      const editor = /^\/announcements\/\d+(\/open)?$/;
      await follow(page, edit, editor, 'opening the draft');
      assert((await noticeOf(page)).includes('it can be published'),
        `the guard says of the template "${await noticeOf(page)}"`);
      const body = page.getByLabel('The announcement');
      const template = await body.inputValue();
      assert(template.includes('We want to tell you, openly'),
        `the draft is not the template: ${template.slice(0, 200)}`);
      assert(!template.includes(affected), 'the template names the member');
      // naming the member: the guard says so, and it is not published
      const naming = `A post by ${affected} was copied to another site. ` +
        'Find A Helpline lists support for every country.';
      await body.fill(naming);
      await follow(page, page.getByRole('button', { name: 'Save and check' }),
        editor, 'saving the draft naming the member');
      const found = await page.getByRole('alert').first().innerText();
      assert(found.includes(`it names someone known here: "${affected}"`),
        `the guard says "${found}"`);
      await follow(page, page.getByRole('button',
        { name: 'Publish the saved announcement' }),
        '/incidents/2?error=guard', 'publishing the draft naming the member');
      assert((await page.getByRole('alert').first().innerText())
        .includes('It was not published'), 'no notice of the refusal');
      await follow(mp, nav(mp, 'Announcements'), '/announcements',
        `${affected} opens Announcements`);
      assert(!(await mp.locator('main').innerText()).includes('was copied ' +
        'to another site'), 'members read the refused draft');
      // fixed, checked, published
      await follow(page, s5.getByRole('button',
        { name: /^Edit and publish announcement \d+$/ }), editor,
        'opening the draft again');
      assert((await body.inputValue()) === naming,
        'the saved draft is not the one saved');
      await body.fill(announcement);
      await follow(page, page.getByRole('button', { name: 'Save and check' }),
        editor, 'saving the fixed draft');
      assert((await noticeOf(page)).includes('it can be published'),
        `the guard says of the fixed draft "${await noticeOf(page)}"`);
      await follow(page, page.getByRole('button',
        { name: 'Publish the saved announcement' }),
        '/incidents/2?done=published', 'publishing the fixed draft');
      assert((await noticeOf(page)).includes('every member can read it'),
        `after publishing the notice says "${await noticeOf(page)}"`);
      const listed = await s5.innerText();
      assert(/Announcement \d+, published /.test(listed),
        `step 5 says: ${listed}`);
      const now = await stepNow();
      assert(now.includes('communicate with the community'),
        `once published the current step is "${now}"`);
      await mp.reload();
      const read = await mp.locator('main').innerText();
      assert(read.includes('This is still your space'),
        `members read: ${read.slice(0, 300)}`);
      assert(!read.includes(affected), 'the announcement names the member');
    });

  check('incident-report', 'the incident\'s report counts what each step ' +
    'did and holds no leaked words, answer, note, address or name of the ' +
    'member affected', ['incident-answer'], async () => {
      await page.goto('/incidents/2');
      await follow(page, page.getByRole('link', { name: 'The report' }),
        '/incidents/2/report', 'opening the report');
      await page.getByRole('heading', { level: 1,
        name: 'Incident 2: report' }).waitFor();
      const text = await page.locator('main').innerText();
      // what each step did, as far as the checks above got
      const counts = ['1 affected; 1 message drafted, 1 sent, 1 answered.'];
      if (passed.has('incident-takedown'))
        counts.push('1 place; 1 removal request, 1 removed; 1 member ' +
          'answered what may be done in their name.');
      if (passed.has('incident-announce'))
        counts.push('1 announcement published.');
      for (const c of counts)
        assert(text.includes(c), `the report lacks "${c}":\n${text}`);
      const html = await page.content();
      const leaked = readFileSync(join(here, '..', 'fixtures', 'scan',
        'post.txt'), 'utf8').trim().split(/(?<=\.) /);
      const secrets = [...leaked, answerWords, 'safe tonight', leakedAt,
        'forum.example.net'];
      const shown = secrets.filter((s) => html.includes(s) ||
        text.includes(s));
      assert(shown.length === 0, `the report shows: ${shown.join(' | ')}`);
      const cells = await page.locator('main td').allInnerTexts();
      const named = cells.filter((c) => c.includes(affected));
      assert(named.length === 0, `the report names ${affected}: ` +
        named.join(' | '));
    });

  // Sustained support ("care"): the admin adds a supporter and opens a
  // care case for the member whose post leaked, held by the supporter; the
  // member, on "My support", sees who supports them and what is planned,
  // writes what they need, asks not to be contacted (the case page then
  // plans nothing and offers no message), has an unknown time zone refused,
  // and comes back every 14 days in their own zone.
  const supporter = 'fern';
  const needsWords = 'Short messages please, in the evening; nothing ' +
    'about work.';
  const defaultPlan = ['one day', 'one week', 'one month', 'three months',
    'six months'];
  let careCase = 0;       // the case's id
  let careDays = [];      // the dates (Europe/Lisbon) around its opening
  let careNotices = [];   // what the member's page said on opting out
  const lisbonDay = (ms) => new Intl.DateTimeFormat('en-CA',
    { timeZone: 'Europe/Lisbon' }).format(new Date(ms));
  const plannedNow = async (p) => (await p.locator('main li')
    .allInnerTexts()).map((t) => t.trim()).filter((t) =>
    / around \d{4}-\d\d-\d\d \d\d:\d\d /.test(t) ||
    t === 'Nothing is planned just now.');
  const checkinRows = async () => (await page.getByRole('table',
    { name: 'Check-ins' }).locator('tbody tr').allInnerTexts())
    .map((t) => t.replace(/\s+/g, ' ').trim());
  const draftButtons = () => page.getByRole('button',
    { name: /^Draft a message for check-in \d+$/ });

  check('care-open', 'care: the admin adds a supporter; the "Open a care ' +
    'case" form on /care offers only people who may hold a case; the case ' +
    'opened there for the member is held by the supporter, with the five ' +
    'check-ins of the default plan', ['incident-answer'], async () => {
      await page.goto('/users');
      await page.getByLabel('Name', { exact: true }).fill(supporter);
      await page.getByLabel('Role', { exact: true }).selectOption('supporter');
      await follow(page, page.getByRole('button', { name: 'Add',
        exact: true }), /^\/users/, `adding the supporter ${supporter}`);
      assert(await page.locator('#generated').count() === 1,
        `${supporter} was not added: "${await noticeOf(page)}"`);

      await follow(page, nav(page, 'Care'), '/care', 'opening Care');
      const form = page.locator('section.panel').filter({
        has: page.getByRole('heading', { name: 'Open a care case' }) });
      const held = await form.getByLabel('Held by').locator('option')
        .allInnerTexts();
      assert(held.includes(`${supporter} (supporter)`),
        `"Held by" offers: ${held.join(', ')}`);
      const wrong = held.filter((o) => /\((member|none)\)$/.test(o) ||
        o.startsWith(`${affected} `) || o.startsWith(`${memberName} `));
      assert(wrong.length === 0, `"Held by" offers people who may not ` +
        `hold a case: ${wrong.join(', ')}`);
      diag(`"Held by" offers: ${held.join(', ')}`);
      const opening = Date.now();
      await form.getByLabel('Member (pseudonym)').fill(affected);
      await form.getByLabel('Held by').selectOption(supporter);
      await follow(page, form.getByRole('button', { name: 'Open the case' }),
        /^\/care\/\d+\?done=care-opened$/, 'opening the case');
      careCase = Number(new URL(page.url()).pathname.split('/')[2]);
      careDays = [lisbonDay(opening), lisbonDay(Date.now())];
      assert((await noticeOf(page)).includes('The case is open'),
        `the notice says "${await noticeOf(page)}"`);
      const h1 = (await page.getByRole('heading', { level: 1 }).innerText())
        .trim();
      assert(h1 === `Care case ${careCase}: ${affected}`, `the heading ` +
        `reads "${h1}"`);
      const lede = await page.locator('main .lede').innerText();
      assert(lede.includes(`Held by ${supporter}.`), `the case says ` +
        `"${lede}"`);
      const rows = await checkinRows();
      const labels = rows.map((r) => defaultPlan.find((l) =>
        r.startsWith(`${l} `)));
      assert(rows.length === 5 && labels.join(',') === defaultPlan.join(',')
        && rows.every((r) => / planned /.test(r + ' ')),
      `the check-ins:\n${rows.join('\n')}`);
      assert(await draftButtons().count() === 5, `${await draftButtons()
        .count()} "Draft a message" buttons for five planned check-ins`);
      await page.goto('/care');
      const listed = await page.getByRole('table',
        { name: /^Every case/ }).getByRole('row',
        { name: new RegExp(`^Case ${careCase} `) }).innerText();
      assert(new RegExp(`${affected}\\s+${supporter}\\s+open\\s`)
        .test(listed), `/care lists the case as: ${listed}`);
    });

  check('care-member', 'care: the member opens "My support" from the ' +
    'nav, reads who supports them and the five check-ins planned, and ' +
    'writes in their own words what they need: saved, sealed from the ' +
    'supporter\'s page until asked, and there again after a reload',
    ['care-open'], async () => {
      await follow(mp, nav(mp, 'My support'), '/me/support',
        `${affected} opens My support`);
      await mp.getByRole('heading', { level: 1, name: 'My support' })
        .waitFor();
      const text = await mp.locator('main').innerText();
      assert(text.includes(`${supporter} is the person supporting you.`),
        `the page does not name the supporter:\n${text.slice(0, 500)}`);
      const planned = await plannedNow(mp);
      assert(planned.length === 5 && planned.every((t, i) =>
        new RegExp(`^${defaultPlan[i]}: around \\d{4}-\\d\\d-\\d\\d ` +
          '10:00 UTC$').test(t)), `planned:\n${planned.join('\n')}`);
      const box = mp.getByLabel('In your own words: what you need, and ' +
        'what does not help');
      assert((await box.inputValue()) === '', 'the words box is not empty');
      await box.fill(needsWords);
      await follow(mp, mp.getByRole('button', { name: 'Save my words' }),
        '/me/support?done=needs', `${affected} saves their words`);
      assert((await noticeOf(mp)).includes('Your words are saved.'),
        `the notice says "${await noticeOf(mp)}"`);
      await mp.goto('/me/support');
      await mp.reload();
      assert((await box.inputValue()) === needsWords, `after a reload the ` +
        `box holds "${await box.inputValue()}"`);
      const hour = await mp.getByLabel('Around what time of your day')
        .locator('option:checked').innerText();
      assert(hour.trim() === '10:00', `the hour reads "${hour}"`);
      await mp.screenshot({ path: join(shotDir, 'my-support.png'),
        fullPage: true });
      await page.goto(`/care/${careCase}`);
      assert(!(await page.content()).includes('nothing about work'),
        'the supporter\'s page shows the words before anyone asked');
      assert(await page.getByRole('button',
        { name: 'Read their own words and the notes' }).count() === 1,
      'the case page does not offer to read their words');
    });

  check('care-no-contact', 'care: the member chooses "Please don\'t ' +
    'contact me": their page says nobody will contact them and lists no ' +
    'check-in; the case page says no check-in is due while this holds and ' +
    'offers no message to draft', ['care-member'], async () => {
      await mp.goto('/me/support');
      const ask = mp.getByRole('group', { name: 'May supporters contact you?' });
      assert(await ask.getByRole('radio', { name: 'Yes', exact: true })
        .isChecked(), '"Yes" is not chosen before the member chose');
      await ask.getByRole('radio', { name: 'Please don\'t contact me' })
        .check();
      await follow(mp, mp.getByRole('button', { name: 'Save my choices' }),
        '/me/support?done=contact-stopped', `${affected} asks not to be ` +
        'contacted');
      careNotices = (await mp.locator('main .notice').allInnerTexts())
        .map((t) => t.trim());
      assert(careNotices.some((t) => t.startsWith('Nobody will contact ' +
        'you.')), `the notices say: ${careNotices.join(' | ')}`);
      const text = await mp.locator('main').innerText();
      assert(text.includes('You asked not to be contacted, so nobody will ' +
        'write to you.'), `the page says:\n${text.slice(0, 600)}`);
      assert(!text.includes('What is planned next'), 'the page still ' +
        'shows a plan');
      const planned = await plannedNow(mp);
      assert(planned.length === 0, `still planned: ${planned.join(' | ')}`);
      await mp.reload();
      assert(await ask.getByRole('radio', { name: 'Please don\'t contact me' })
        .isChecked(), 'after a reload the choice is not shown as made');

      await page.goto(`/care/${careCase}`);
      const chose = await page.locator('section.panel').filter({
        has: page.getByRole('heading', { name: `What ${affected} chose` }) })
        .innerText();
      assert(chose.includes('Please don\'t contact me.') &&
        chose.includes('No check-in is due while this holds.'),
      `the case page says: ${chose}`);
      const rows = await checkinRows();
      assert(rows.length === 1 && rows[0] === 'No check-in is planned.',
        `the check-ins:\n${rows.join('\n')}`);
      assert(await draftButtons().count() === 0,
        'the case page still offers to draft a message');
    });

  check('care-notice', 'care: opting out, the member\'s page shows one ' +
    'notice, the one meant for them', ['care-no-contact'], async () => {
      assert(careNotices.length === 1, `${careNotices.length} notices: ` +
        careNotices.map((t) => `"${t}"`).join(', '));
    });

  check('care-zone', 'care: a time zone nobody knows ("Nowhere/At_all") ' +
    'is refused with an alert, and the member\'s choices stay as they were',
    ['care-no-contact'], async () => {
      await mp.goto('/me/support');
      const ask = mp.getByRole('group', { name: 'May supporters contact you?' });
      await ask.getByRole('radio', { name: 'Yes', exact: true }).check();
      await mp.getByLabel('How often').selectOption('14');
      await mp.getByLabel('Your time zone').fill('Nowhere/At_all');
      await follow(mp, mp.getByRole('button', { name: 'Save my choices' }),
        '/me/support?error=zone', 'saving an unknown time zone');
      const alert = mp.getByRole('alert');
      assert(await alert.count() === 1, `${await alert.count()} alerts`);
      const said = (await alert.innerText()).trim();
      assert(said.includes('That time zone is not known'), `the alert ` +
        `says "${said}"`);
      assert(await ask.getByRole('radio', { name: 'Please don\'t contact me' })
        .isChecked(), 'the refused save changed "May supporters contact ' +
        'you?"');
      const zone = await mp.getByLabel('Your time zone').inputValue();
      const every = await mp.getByLabel('How often').inputValue();
      assert(zone === 'UTC' && every === '0', `after the refusal the form ` +
        `holds zone "${zone}", every "${every}"`);
      assert((await mp.locator('main').innerText()).includes('You asked not ' +
        'to be contacted'), 'the page no longer says they asked not to be ' +
        'contacted');
      await page.goto(`/care/${careCase}`);
      assert((await page.locator('main').innerText()).includes('No ' +
        'check-in is due while this holds.'), 'the case page changed');
    });

  check('care-back', 'care: the member opts back in, every 14 days around ' +
    '09:00 Europe/Lisbon: their page and the case page plan the next ' +
    'check-in in that zone, and a message may be drafted for it',
    ['care-no-contact'], async () => {
      await mp.goto('/me/support');
      const ask = mp.getByRole('group', { name: 'May supporters contact you?' });
      await ask.getByRole('radio', { name: 'Yes', exact: true }).check();
      await mp.getByLabel('How', { exact: true }).selectOption('in-app');
      await mp.getByLabel('How often').selectOption('14');
      await mp.getByLabel('Around what time of your day').selectOption('9');
      await mp.getByLabel('Your time zone').fill('Europe/Lisbon');
      await mp.getByLabel('Language').selectOption('pt');
      await follow(mp, mp.getByRole('button', { name: 'Save my choices' }),
        '/me/support?done=prefs', `${affected} opts back in`);
      assert((await noticeOf(mp)).includes('Your choices are saved.'),
        `the notice says "${await noticeOf(mp)}"`);
      const days = careDays.map((d) => {
        const t = new Date(`${d}T12:00:00Z`);
        t.setUTCDate(t.getUTCDate() + 14);
        return t.toISOString().slice(0, 10);
      });
      const planned = await plannedNow(mp);
      const m = planned.length === 1 && /^every 14 days: around (\S+) 09:00 Europe\/Lisbon$/
        .exec(planned[0]);
      assert(m && days.includes(m[1]), `planned (expected ${days[0]}, ` +
        `09:00 Europe/Lisbon): ${planned.join(' | ')}`);
      assert(await ask.getByRole('radio', { name: 'Yes', exact: true })
        .isChecked(), '"Yes" is not shown as chosen');
      const form = [await mp.getByLabel('How often').inputValue(),
        await mp.getByLabel('Around what time of your day').inputValue(),
        await mp.getByLabel('Your time zone').inputValue(),
        await mp.getByLabel('Language').inputValue()];
      assert(form.join(' ') === '14 9 Europe/Lisbon pt', `the form holds ` +
        `${form.join(' ')}`);
      assert((await mp.getByLabel('In your own words: what you need, and ' +
        'what does not help').inputValue()) === needsWords,
      'their words are gone');

      await page.goto(`/care/${careCase}`);
      const chose = await page.locator('section.panel').filter({
        has: page.getByRole('heading', { name: `What ${affected} chose` }) })
        .innerText();
      assert(chose.includes('every 14 days, around 9:00 in Europe/Lisbon, ' +
        'in the language pt'), `the case page says: ${chose}`);
      const rows = await checkinRows();
      assert(rows.length === 1 && new RegExp(`^every 14 days .* ${m[1]} ` +
        '09:00 Europe/Lisbon for them planned').test(rows[0]),
      `the check-ins:\n${rows.join('\n')}`);
      assert(await draftButtons().count() === 1, `${await draftButtons()
        .count()} "Draft a message" buttons for one planned check-in`);
    });

  check('logout', 'logging out returns to the login page, and / then ' +
    'redirects to /login', ['change-password'], async () => {
    await page.goto('/');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/login', { waitUntil: 'load' }),
      page.getByRole('button', { name: `Log out ${demo.user}` }).click(),
    ]);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.goto('/');
    assert(new URL(page.url()).pathname === '/login',
      `after logout / shows ${where(page)}`);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
  });

  check('new-password', 'the new password logs in straight to the dashboard',
    ['change-password', 'logout'], async () => {
      await page.getByLabel('Name', { exact: true }).fill(demo.user);
      await page.getByLabel('Password', { exact: true }).fill(newPassword);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/', { waitUntil: 'load' }),
        page.getByRole('button', { name: 'Log in' }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' })
        .waitFor();
    });

  // The audit runs in contexts of its own that bypass the Content-Security-
  // Policy, so that axe-core can be injected; the checks above keep the
  // policy.  Reduced motion stops colour transitions, so that contrast is
  // measured on the colours a page settles on.
  const audited = [];
  const auditOptions = { baseURL: base, viewport: { width: 1280,
    height: 800 }, bypassCSP: true, reducedMotion: 'reduce' };
  const go = async (p, path) => {
    const res = await p.goto(path, { waitUntil: 'load' });
    return res ? res.status() : null;
  };
  const submit = async (p, button) => {
    const [res] = await Promise.all([
      p.waitForNavigation({ waitUntil: 'load' }), button.click()]);
    return res ? res.status() : null;
  };
  const logIn = (p, user, password) => p.getByLabel('Name', { exact: true })
    .fill(user)
    .then(() => p.getByLabel('Password', { exact: true }).fill(password))
    .then(() => submit(p, p.getByRole('button', { name: 'Log in' })));
  const newAuditPage = async () => {
    const ctx = await browser.newContext(auditOptions);
    const p = await ctx.newPage();
    p.setDefaultTimeout(10_000);
    p.setDefaultNavigationTimeout(15_000);
    return p;
  };

  check('a11y-reach', 'the accessibility audit reaches every page: login, ' +
    'dashboard, people, tokens, audit trail, scan and its results, ' +
    'password, a member\'s pages, 403 and 404', ['change-password'],
    async () => {
      let a = null, m = null, got;
      const look = (p, name, group, path, status) => auditPage(p, audited,
        name, group, { path, status, got });
      try {
        a = await newAuditPage();
        got = await go(a, '/login');
        await look(a, 'login', 'login', '/login', 200);
        got = await logIn(a, demo.user, 'not-the-password');
        await a.getByRole('alert').waitFor();
        await look(a, 'login-failed', 'login', '/login', 401);
        got = await logIn(a, demo.user, newPassword);
        await look(a, 'dashboard', 'dashboard', '/', 200);

        await go(a, '/users');
        await a.getByLabel('Name', { exact: true }).fill(memberName);
        await a.getByLabel('Role', { exact: true }).selectOption('member');
        got = await submit(a, a.getByRole('button',
          { name: 'Add', exact: true }));
        const generated = (await a.locator('#generated').innerText()).trim();
        await look(a, 'person-added', 'person-added', '/users', 200);
        got = await go(a, '/users');
        await look(a, 'people', 'people', '/users', 200);

        // a label may be one long word; it must not widen the table
        await go(a, '/tokens');
        await a.getByLabel('Label', { exact: true })
          .fill('evening_checkin_leak_scan');
        got = await submit(a, a.getByRole('button', { name: 'Create' }));
        await look(a, 'token-created', 'token-created', '/tokens', 200);
        // a token that has been used shows a date under "Last used"
        const token = (await a.locator('#token').innerText()).trim();
        const me = await fetch(`${base}/api/v1/me`,
          { headers: { authorization: `Bearer ${token}` } });
        assert(me.ok, `tokens: the new token was refused (${me.status})`);
        got = await go(a, '/tokens');
        await look(a, 'tokens', 'tokens', '/tokens', 200);

        got = await go(a, '/audit');
        await look(a, 'audit', 'audit', '/audit', 200);
        got = await submit(a, a.getByRole('link',
          { name: 'Verify the whole trail' }));
        await look(a, 'audit-verified', 'audit-verified', '/audit', 200);

        // the post the scan check writes, unless that check did not pass
        const body = readFileSync(join(here, '..', 'fixtures', 'scan',
          'post.txt'), 'utf8');
        if (!passed.has('scan'))
          execFileSync(binary, ['--db', join(workDir, 'demo.db'), 'post',
            'add', '--group', 'Evening check-in', '--author', 'river-stone',
            '--cw', 'grief'], { input: body,
            stdio: ['pipe', 'ignore', 'ignore'] });
        got = await go(a, '/scan');
        await look(a, 'scan', 'scan', '/scan', 200);
        await a.getByLabel('Text').fill('Seen on another site: ' + body);
        got = await submit(a, a.getByRole('button', { name: 'Scan' }));
        const summaries = a.locator('details.cw summary');
        const n = await summaries.count();
        assert(n > 0, 'scan-found: the scan result shows no match');
        for (let i = 0; i < n; i++)
          await summaries.nth(i).click();
        await look(a, 'scan-found', 'scan-found', '/scan', 200);
        await go(a, '/scan');
        await a.getByLabel('Text').fill('The tide was low this morning, ' +
          'so we walked out to the sandbar and counted seven herons ' +
          'standing very still.');
        got = await submit(a, a.getByRole('button', { name: 'Scan' }));
        const said = await a.locator('main .notice').first().innerText();
        assert(said.includes('No post'), `scan-nothing: the result says ` +
          `"${said.trim()}"`);
        await look(a, 'scan-nothing', 'scan-nothing', '/scan', 200);

        got = await go(a, '/incidents');
        await look(a, 'incidents', 'incidents', '/incidents', 200);
        got = await go(a, '/incidents/1');
        await look(a, 'incident', 'incident', '/incidents/1', 200);
        got = await submit(a, a.getByRole('button',
          { name: 'Read what leaked' }));
        // shielding, by keyboard alone: each post waits behind its
        // content warning and a blurred, grey veil; Tab reaches the
        // warning, Enter opens that one post and no other
        const shields = a.locator('details.cw');
        const nshield = await shields.count();
        assert(nshield > 0, 'the leaked posts have no content warning');
        for (let i = 0; i < nshield; i++)
          assert(!(await shields.nth(i).evaluate((d) => d.open)),
            `post ${i + 1} is shown before anyone chose to read it`);
        const veil = await shields.first().evaluate((d) =>
          getComputedStyle(d, '::after').filter);
        assert(/blur/.test(veil) && /grayscale/.test(veil),
          `the veil is not blurred and grey (filter: ${veil})`);
        let reached = false;
        for (let i = 0; i < 80 && !reached; i++) {
          await a.keyboard.press('Tab');
          reached = await shields.first().locator('summary').evaluate(
            (el) => el === document.activeElement);
        }
        assert(reached, 'Tab never reaches the first content warning');
        await a.keyboard.press('Enter');
        assert(await shields.first().evaluate((d) => d.open),
          'Enter on the content warning does not open the post');
        if (nshield > 1)
          assert(!(await shields.nth(1).evaluate((d) => d.open)),
            'opening one post opened the next as well');
        await a.keyboard.press('Enter');
        assert(!(await shields.first().evaluate((d) => d.open)),
          'Enter again does not close it');
        const cws = a.locator('details.cw summary');
        for (let i = 0; i < await cws.count(); i++)
          await cws.nth(i).click();
        await look(a, 'incident-open', 'incident-open', '/incidents/1/open',
          200);
        got = await submit(a, a.getByRole('button',
          { name: 'Record the assessment' }));
        got = await submit(a, a.getByRole('button',
          { name: 'Draft the messages' }));
        await look(a, 'incident-step2', 'incident-step2', '/incidents/1',
          200);
        got = await submit(a, a.getByRole('button',
          { name: /^Edit and send the message to / }).first());
        await look(a, 'outreach', 'outreach', '/outreach/2/open', 200);

        got = await go(a, '/report');
        await look(a, 'report', 'report', '/report', 200);
        got = await go(a, '/reports');
        await look(a, 'reports', 'reports', '/reports', 200);
        got = await go(a, '/monitor');
        await look(a, 'monitor', 'monitor', '/monitor', 200);

        got = await go(a, '/account/password');
        await look(a, 'password', 'password', '/account/password', 200);
        got = await go(a, '/no-such-page');
        await look(a, 'not-found', 'not-found', '/no-such-page', 404);

        // the member added above: first login, own page, a page not theirs
        m = await newAuditPage();
        await go(m, '/login');
        got = await logIn(m, memberName, generated);
        await look(m, 'member-password', 'password', '/account/password',
          200);
        await m.getByLabel('Current password', { exact: true })
          .fill(generated);
        await m.getByLabel('New password', { exact: true })
          .fill(memberPassword);
        await m.getByLabel('New password again', { exact: true })
          .fill(memberPassword);
        await submit(m, m.getByRole('button', { name: 'Change password' }));
        got = await go(m, '/');
        await look(m, 'member-home', 'member-home', '/', 200);
        got = await go(m, '/pledge');
        await look(m, 'pledge', 'pledge', '/pledge', 200);
        got = await go(m, '/groups');
        await look(m, 'groups', 'groups', '/groups', 200);
        got = await go(m, '/users');
        await look(m, 'forbidden', 'forbidden', '/users', 403);
      } catch (err) {
        const p = m || a;
        if (p)
          await p.screenshot({ path: join(shotDir, 'failed-a11y-page.png'),
            fullPage: true, timeout: 5000 }).catch(() => {});
        throw err;
      } finally {
        for (const p of [a, m])
          if (p)
            await p.context().close().catch(() => {});
      }
      diag(`${audited.length} pages audited, each in ${schemes.length} ` +
        `colour schemes and at ${widths.length} widths`);
    });

  // The text of an element as the browser's accessibility tree has it:
  // Chrome's own tree through the DevTools protocol, its text nodes joined,
  // without what it ignores (aria-hidden).
  const axText = async (p, selector) => {
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Accessibility.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector',
      { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree',
      { nodeId, fetchRelatives: false });
    let text = '';
    const walk = async (id) => {
      const { nodes: kids } = await cdp.send('Accessibility.getChildAXNodes',
        { id });
      for (const k of kids) {
        if (k.role && k.role.value === 'StaticText') {
          if (!k.ignored)
            text += k.name.value;
        } else {
          await walk(k.nodeId);
        }
      }
    };
    await walk(nodes[0].nodeId);
    await cdp.detach();
    return text;
  };

  const applicant = 'Αυγή';
  const applicantPassword = 'rain on the window';
  check('member-group', 'someone applies (accepting the pledge), a ' +
    'moderator approves, they activate their account, join a group and ' +
    'post; the screen reader gets the words as written, a copy of ' +
    'them names the member through its invisible marks, and a printed ' +
    'page leaves the conversation out',
    ['a11y-reach', 'new-password'], async () => {
      // an audit page (axe-core is injected), so the public pages and the
      // conversation's page are audited too
      const p = await newAuditPage();
      const ctx = p.context();
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'],
        { origin: base });
      const look = (name, path, got) => auditPage(p, audited, name, name,
        { path, status: 200, got });
      try {
        let got = await go(p, '/apply');
        await look('apply', '/apply', got);
        await p.getByLabel('A name to be known by here').fill(applicant);
        await p.getByLabel('What brings you to this community?')
          .fill('A friend said it is a gentle place.');
        await p.getByLabel('I have read the pledge and I accept it').check();
        got = await submit(p, p.getByRole('button',
          { name: 'Send my application' }));
        await look('applied', '/apply', got);
        const code = (await p.locator('#code').innerText()).trim();
        assert(code.length > 20, `no status code: "${code}"`);

        // the moderator reviews and approves, with a message
        await page.goto('/applications');
        await Promise.all([page.waitForNavigation(),
          page.getByRole('row', { name: new RegExp(applicant) })
            .getByRole('button', { name: 'Review' }).click()]);
        await page.getByText('A friend said it is a gentle place.').waitFor();
        await Promise.all([page.waitForNavigation(),
          page.getByRole('button', { name: 'Approve' }).click()]);
        assert(new URL(page.url()).pathname === '/applications',
          `after approving: ${where(page)}`);

        // the applicant checks, and activates their account
        await go(p, '/apply/status');
        await p.getByLabel('The code you were given').fill(code);
        got = await submit(p, p.getByRole('button', { name: 'Check' }));
        await look('application-approved', '/apply/status', got);
        await p.getByLabel('Password (at least 10 characters)')
          .fill(applicantPassword);
        await submit(p, p.getByRole('button', { name: 'Activate' }));
        await p.getByRole('heading', { name: `Welcome, ${applicant}` })
          .waitFor();
        await go(p, '/login');
        await logIn(p, applicant, applicantPassword);
        await go(p, '/pledge');
        await p.getByText('You have accepted this version').waitFor();
        await go(p, '/groups');
        await submit(p, p.getByRole('row', { name: /Anxiety circle/ })
          .getByRole('button', { name: 'Join' }));
        assert(/^\/groups\/\d+$/.test(new URL(p.url()).pathname),
          `after joining: ${where(p)}`);
        const words = 'The morning was hard again. I sat with my tea ' +
          'and counted the cars outside until my breathing slowed. ' +
          'Thank you for being here, all of you.';
        await p.getByLabel('What would you like to share?').fill(words);
        got = await submit(p, p.getByRole('button',
          { name: 'Post', exact: true }));
        const id = new URL(p.url()).hash.replace('#post-', '');
        assert(/^\d+$/.test(id), `no post id after posting: ${p.url()}`);
        await auditPage(p, audited, 'group', 'group',
          { path: new URL(p.url()).pathname, status: 200, got });
        await p.emulateMedia({ colorScheme: 'light' });
        await p.evaluate(() => window.scrollTo(0, 0));
        await p.screenshot({ path: join(shotDir, 'group.png') });
        const sel = `#post-${id} .post-body`;
        const heard = await axText(p, sel);
        assert(heard === words, `the accessibility tree reads ` +
          `${JSON.stringify(heard)}`);
        // find in page still finds words across the marks
        const found = await p.evaluate(() =>
          window.find('slowed. Thank you for being'));
        assert(found, 'find in page does not find a phrase across a mark');
        // copy the post as a person would, and scan the copy
        await p.evaluate((s) => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector(s));
          const got = window.getSelection();
          got.removeAllRanges();
          got.addRange(range);
        }, sel);
        await p.keyboard.press('Control+C');
        const copied = await p.evaluate(() => navigator.clipboard.readText());
        const plain = copied.replace(/[\u200B\u200C\u2060\u2063]/g, '');
        assert(plain === words, `the copy reads ${JSON.stringify(plain)}`);
        assert(copied.length > words.length, 'the copy carries no mark');
        const scan = spawnSync(binary, ['--db', join(workDir, 'demo.db'),
          'scan', '--json', '-'], { input: 'Seen elsewhere: ' + copied });
        assert(scan.status === 3, `scan of the copy exited ${scan.status}`);
        const marks = JSON.parse(scan.stdout.toString()).copy_marks || [];
        assert(marks.length === 1 && marks[0].account === applicant,
          `scan names ${JSON.stringify(marks)}`);
        // printed, the conversation is left out and a note says why
        await p.emulateMedia({ media: 'print' });
        const printed = await p.evaluate((s) => ({
          body: getComputedStyle(document.querySelector(s)).display,
          note: [...document.querySelectorAll('.print-note')].some((e) =>
            getComputedStyle(e).display !== 'none'),
        }), sel);
        await p.emulateMedia({ media: 'screen' });
        assert(printed.body === 'none' && printed.note,
          `printed, the post shows as ${printed.body}, note ${printed.note}`);
        // a member's own pages of the response: messages, announcements
        got = await go(p, '/me/messages');
        await look('member-messages', '/me/messages', got);
        got = await go(p, '/announcements');
        await look('member-announcements', '/announcements', got);
      } catch (err) {
        await p.screenshot({ path: join(shotDir, 'failed-member-group.png'),
          fullPage: true, timeout: 5000 }).catch(() => {});
        throw err;
      } finally {
        await ctx.close().catch(() => {});
      }
    });

  // The pages of steps 3 to 5 that the checks above filled, for the
  // audit's findings below: the incident with its connect request, consent,
  // removal request and announcement; the request's words; the report; the
  // member's messages with a message, answered, and its consent form.
  // The audit's pages carry the sessions of the moderator's page and the
  // member's, without logging in again.
  const auditPageAs = async (p) => {
    const ctx = await browser.newContext({ ...auditOptions,
      storageState: await p.context().storageState() });
    const q = await ctx.newPage();
    q.setDefaultTimeout(10_000);
    q.setDefaultNavigationTimeout(15_000);
    return q;
  };
  check('a11y-response', 'the accessibility audit reaches the later steps: ' +
    'the incident at its last step, its request\'s words, the report, the ' +
    'affected member\'s messages and support, the care list and case, ' +
    'a healing space from both sides, peer support, the rota, one\'s ' +
    'own wellbeing page with a self-check, support and thanks, the ' +
    'debriefs, and a member thanking the team',
    ['new-password', 'incident-answer'],
    async () => {
      let a = null, m = null, got;
      const look = (p, name, group, path) => auditPage(p, audited, name,
        group, { path, status: 200, got });
      try {
        a = await auditPageAs(page);
        got = await go(a, '/incidents/2');
        assert(where(a) === '/incidents/2', `the moderator's session ` +
          `went to ${where(a)}`);
        await look(a, 'incident-later', 'incident-later', '/incidents/2');
        got = await submit(a, a.getByRole('button',
          { name: 'Read what leaked' }));
        // shielding, by keyboard alone: each post waits behind its
        // content warning and a blurred, grey veil; Tab reaches the
        // warning, Enter opens that one post and no other
        const shields = a.locator('details.cw');
        const nshield = await shields.count();
        assert(nshield > 0, 'the leaked posts have no content warning');
        for (let i = 0; i < nshield; i++)
          assert(!(await shields.nth(i).evaluate((d) => d.open)),
            `post ${i + 1} is shown before anyone chose to read it`);
        const veil = await shields.first().evaluate((d) =>
          getComputedStyle(d, '::after').filter);
        assert(/blur/.test(veil) && /grayscale/.test(veil),
          `the veil is not blurred and grey (filter: ${veil})`);
        let reached = false;
        for (let i = 0; i < 80 && !reached; i++) {
          await a.keyboard.press('Tab');
          reached = await shields.first().locator('summary').evaluate(
            (el) => el === document.activeElement);
        }
        assert(reached, 'Tab never reaches the first content warning');
        await a.keyboard.press('Enter');
        assert(await shields.first().evaluate((d) => d.open),
          'Enter on the content warning does not open the post');
        if (nshield > 1)
          assert(!(await shields.nth(1).evaluate((d) => d.open)),
            'opening one post opened the next as well');
        await a.keyboard.press('Enter');
        assert(!(await shields.first().evaluate((d) => d.open)),
          'Enter again does not close it');
        const cws = a.locator('details.cw summary');
        for (let i = 0; i < await cws.count(); i++)
          await cws.nth(i).click();
        await look(a, 'incident-later-open', 'incident-later-open',
          '/incidents/2/open');
        got = await go(a, '/incidents/2/report');
        await look(a, 'incident-report', 'incident-report',
          '/incidents/2/report');
        // care: the list with its form, and the case the checks above
        // opened, with its check-in planned and the member's words sealed
        got = await go(a, '/care');
        await look(a, 'care', 'care', '/care');
        if (careCase) {
          got = await go(a, `/care/${careCase}`);
          await look(a, 'care-case', 'care-case', `/care/${careCase}`);
        }

        m = await auditPageAs(mp);
        got = await go(m, '/me/messages');
        await look(m, 'affected-messages', 'member-messages', '/me/messages');
        got = await go(m, '/me/support');
        if (careCase)
          assert((await m.locator('main').innerText()).includes(
            `${supporter} is the person supporting you.`),
          `the member's session shows /me/support without their case`);
        await look(m, 'my-support', 'my-support', '/me/support');
        // healing: what we changed and the pulse, with the moderators'
        // forms (a member sees the same pages without them)
        got = await go(a, '/changes');
        await look(a, 'changes-mod', 'changes-mod', '/changes');
        got = await go(a, '/pulse');
        await look(a, 'pulse-mod', 'pulse-mod', '/pulse');
        // a healing space for incident 2: the moderator opens it, its
        // affected member is invited, reads the reminder and enters
        got = await go(a, '/spaces');
        await look(a, 'spaces', 'spaces', '/spaces');
        await a.getByLabel('Name', { exact: true }).fill('After the leak');
        await a.getByLabel(/^Facilitator/).fill(supporter);
        await a.getByLabel(/^Incident/).fill('2');
        got = await submit(a, a.getByRole('button',
          { name: 'Open the space' }));
        const space = new URL(a.url()).pathname;
        assert(/^\/spaces\/\d+$/.test(space), `opening the space went ` +
          `to ${where(a)}`);
        await look(a, 'space-staff', 'space-staff', space);
        got = await go(m, '/groups');
        assert((await m.locator('main').innerText()).includes(
          'You are invited to a healing space'), 'the member\'s groups ' +
          'page shows no invitation');
        got = await go(m, space);
        await look(m, 'space-invitation', 'space-invitation', space);
        await m.getByLabel(/I have read the reminder/).check();
        got = await submit(m, m.getByRole('button',
          { name: 'Join the space' }));
        const inside = new URL(m.url()).pathname;
        assert(/^\/groups\/\d+$/.test(inside), `joining went to ` +
          `${where(m)}`);
        assert((await m.locator('main').innerText()).includes(
          'A healing space, facilitated by'), 'the conversation carries ' +
          'no banner');
        await look(m, 'space-conversation', 'space-conversation', inside);
        // peer support: the volunteers, and the member's conversations
        got = await go(a, '/care/peers');
        await look(a, 'care-peers', 'care-peers', '/care/peers');
        got = await go(m, '/me/peers');
        await look(m, 'my-peers', 'my-peers', '/me/peers');
        // moderator care: the rota with the admin on it, and their own
        // page with its chart and the break form
        got = await go(a, '/rota');
        await a.getByLabel('Account name').fill(demo.user);
        got = await submit(a, a.getByRole('button',
          { name: 'Add to the rota' }));
        assert((await a.locator('main').innerText()).includes(
          'The rota is changed'), `adding to the rota went to ${where(a)}`);
        assert(await a.locator('figure.grid svg[role=img]').count() === 1,
          'the rota has no grid');
        await look(a, 'rota', 'rota', '/rota');
        assert(!(await a.locator('main').innerText()).includes('<th'),
          'markup shows as text on the rota page');
        await a.screenshot({ path: join(shotDir, 'rota.png'),
          fullPage: true });
        got = await go(a, '/wellbeing');
        assert((await a.locator('main').innerText()).includes(
          'Only you see these figures'), 'the wellbeing page says nothing ' +
          'of who sees the figures');
        await look(a, 'wellbeing', 'wellbeing', '/wellbeing');
        // a self-check, then its trend on the same page
        got = await submit(a, a.getByRole('button',
          { name: 'Keep my answers, for me' }));
        assert(await a.locator('figure.chart svg[role=img]').count() >= 2,
          'the self-check has no trend chart');
        await look(a, 'wellbeing-checked', 'wellbeing', '/wellbeing');
        // debriefs: write one's entry for the team, then read the team's
        got = await go(a, '/debriefs/team');
        await look(a, 'debrief-team', 'debrief-team', '/debriefs/team');
        await a.getByLabel('What helped').fill('A second reader.');
        await a.getByLabel(/^A reflection for yourself/).fill(
          'Tired, and proud of the team.');
        got = await submit(a, a.getByRole('button',
          { name: 'Keep my entry' }));
        await look(a, 'debriefs', 'debriefs', '/debriefs');
        got = await submit(a, a.getByRole('button',
          { name: 'Read the lessons the team keeps' }));
        assert((await a.locator('main').innerText()).includes(
          'A second reader.'), 'the lessons miss what helped');
        await look(a, 'lessons', 'lessons', '/debriefs/lessons');
        // the member thanks the team, and the admin reads it on their
        // own page, with the support listed for them
        got = await go(m, '/thanks');
        await look(m, 'thanks', 'thanks', '/thanks');
        await m.getByLabel('Your words').fill('Thank you for keeping ' +
          'this place safe.');
        await m.getByLabel('Do not say who I am').check();
        got = await submit(m, m.getByRole('button',
          { name: 'Send my thanks' }));
        assert((await m.locator('main').innerText()).includes(
          'Your words will reach them'), `thanking went to ${where(m)}`);
        got = await go(a, '/wellbeing');
        await a.getByLabel('Name', { exact: true }).fill('Calm Line');
        await a.getByLabel('How to reach it').fill('0800 000 000');
        got = await submit(a, a.getByRole('button',
          { name: 'Add to the list' }));
        const mine = await a.locator('main').innerText();
        assert(mine.includes('Thank you for keeping this place safe.') &&
          mine.includes('someone who chose not to say'), 'the thanks ' +
          'did not reach the team, or named its sender');
        assert(mine.includes('Calm Line'), 'the support is not listed');
        await look(a, 'wellbeing-support', 'wellbeing', '/wellbeing');
        assert(!mine.includes('<th') && !mine.includes('&lt;'), 'markup ' +
          'shows as text on the wellbeing page');
        await a.screenshot({ path: join(shotDir, 'wellbeing.png'),
          fullPage: true });
      } catch (err) {
        const p = m || a;
        if (p)
          await p.screenshot({ path: join(shotDir,
            'failed-a11y-response-page.png'), fullPage: true,
          timeout: 5000 }).catch(() => {});
        throw err;
      } finally {
        for (const p of [a, m, mp])
          if (p)
            await p.context().close().catch(() => {});
      }
    });

  // The audit's findings, one check for each kind; each names the page.
  const pages = () => {
    assert(audited.length > 0, 'no page was audited (see the check above)');
    return audited;
  };
  const at = (a) => `${a.name} (${a.path})`;

  check('a11y-axe', 'axe-core finds no WCAG 2.1 A or AA violation on any ' +
    'page, light or dark', [], async () => {
    const found = [];
    for (const a of pages())
      for (const v of a.axe)
        found.push(`${at(a)}, ${v.scheme}: ${v.id} (${v.impact}, ` +
          `${v.count} element${v.count === 1 ? '' : 's'}; ${v.help}): ` +
          v.targets.join(', '));
    assert(found.length === 0, found.join('\n'));
  });

  check('a11y-viewport', 'every page has a viewport meta tag for phones',
    [], async () => {
      const found = pages().filter((a) => !a.viewport ||
        !a.viewport.includes('width=device-width'))
        .map((a) => `${at(a)}: viewport ${JSON.stringify(a.viewport)}`);
      assert(found.length === 0, found.join('\n'));
    });

  check('a11y-titles', 'every page has a title of its own, not just ' +
    '"sanctum"', [], async () => {
    const found = [];
    const seen = new Map();
    for (const a of pages()) {
      const t = a.title.trim();
      if (t === '' || t === 'sanctum')
        found.push(`${at(a)}: titled "${t}"`);
      const other = seen.get(t);
      if (other && other.group !== a.group)
        found.push(`${at(other)} and ${at(a)} show different things ` +
          `but are both titled "${t}"`);
      else if (!other)
        seen.set(t, a);
    }
    assert(found.length === 0, found.join('\n'));
  });

  check('a11y-width', `no page scrolls sideways at ${widths.join(', ')} px`,
    [], async () => {
      const found = [];
      for (const a of pages())
        for (const w of a.wide)
          found.push(`${at(a)} at ${w.width} px: ${w.scroll} px wide in ` +
            `${w.client}; ${w.culprits.slice(0, 3).join('; ')} ` +
            `(screenshot wide-${a.name}-${w.width}.png)`);
      assert(found.length === 0, found.join('\n'));
    });

  check('a11y-hints', 'every form hint is tied to its field with ' +
    'aria-describedby', [], async () => {
    const found = [];
    for (const a of pages())
      for (const h of a.loose)
        found.push(`${at(a)}: hint ${h} is no field's description`);
    assert(found.length === 0, found.join('\n'));
  });

  check('a11y-hidden', 'text marked visually-hidden stays off screen at ' +
    'every width', [], async () => {
    const found = [];
    for (const a of pages())
      for (const s of a.shown)
        found.push(`${at(a)} at ${s}`);
    assert(found.length === 0, found.join('\n'));
  });

  check('no-errors', 'no console errors or CSP violations on any page',
    [], async () => {
      await sleep(200);
      for (const n of notes)
        diag(n);
      assert(problems.length === 0, problems.join('\n'));
    });

  check('screenshots', 'screenshots saved to build/screenshots/',
    [], async () => {
      const missing = ['login.png', 'dashboard.png', 'group.png']
        .filter((f) => !existsSync(join(shotDir, f)));
      assert(missing.length === 0, `missing: ${missing.join(', ')}`);
    });

  return { checks, passed, page };
}

async function runChecks({ checks, passed, page }, state) {
  for (const c of checks) {
    if (state.timedOut)
      return;
    state.current = c;
    const unmet = c.needs.filter((n) => !passed.has(n));
    if (unmet.length) {
      report(false, c.description, `not tried: needs ${unmet.join(', ')}`);
      continue;
    }
    let failure = null;
    try {
      await c.fn();
    } catch (err) {
      failure = err;
    }
    if (state.timedOut)
      return;  // the driver has reported this check already
    if (failure) {
      // A picture of where it went wrong, for CI logs.
      const shot = join(shotDir, `failed-${c.id}.png`);
      const saved = await page.screenshot({ path: shot, fullPage: true,
        timeout: 5000 }).then(() => true, () => false);
      if (state.timedOut)
        return;
      report(false, c.description, errorText(failure) + (saved
        ? `\npage ${page.url()}, screenshot ${shot}` : ''));
    } else {
      passed.add(c.id);
      report(true, c.description);
    }
  }
  state.current = null;
}

// ---- driver -----------------------------------------------------------------

let timer = null;
const state = { current: null, timedOut: false };
let plan = null;

const timeout = new Promise((ok) => {
  timer = setTimeout(() => ok('timeout'), globalTimeoutMs);
});

async function run() {
  try {
    plan = await Promise.race([main(), timeout]);
    if (plan === 'timeout')
      throw new Error(`global timeout (${globalTimeoutMs / 1000} s) ` +
        'before the checks started');
  } catch (err) {
    report(false, 'start sanctum demo and chromium', errorText(err));
    if (serverOutput)
      diag(`sanctum output:\n${serverOutput.trimEnd()}`);
    return;
  }
  const outcome = await Promise.race([runChecks(plan, state), timeout]);
  if (outcome === 'timeout') {
    state.timedOut = true;
    // Report the check that ran out of time and every one after it.
    const left = plan.checks.slice(plan.checks.indexOf(state.current));
    left.forEach((c, i) => report(false, c.description, i === 0
      ? `global timeout (${globalTimeoutMs / 1000} s) during this check`
      : 'not tried: global timeout'));
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    diag(`interrupted by ${sig}`);
    await cleanup();
    process.exit(1);
  });
}

await run();
clearTimeout(timer);
console.log(`1..${count}`);
await cleanup();
process.exit(failures ? 1 : 0);
