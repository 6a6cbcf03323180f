// console.test.mjs: drive the sanctum web console in a real browser.
//
// Starts `sanctum demo` in a fresh temp dir on a free loopback port, opens
// Debian's chromium (headless, through playwright-core) and walks the console
// the way a person would: log in, change the generated password, read the
// dashboard, use the keyboard, visit People and the Audit trail, log out.
// Prints TAP; exits 1 if any check failed.
//
//   SANCTUM=/path/to/sanctum node console.test.mjs
//
// Environment: SANCTUM (default ../../sanctum from here), CHROMIUM (default
// /usr/bin/chromium), TEST_TIMEOUT_MS (default 90000).

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const binary = resolve(process.env.SANCTUM || join(here, '..', '..', 'sanctum'));
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const globalTimeoutMs = Number(process.env.TEST_TIMEOUT_MS) || 90_000;
const shotDir = join(repo, 'build', 'screenshots');
const newPassword = 'a quiet harbour at dusk';
const expectedFigures = {
  members: 24,
  groups: 5,
  'open-incidents': 1,
  'followups-due': 1,
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
    'incidents 1, follow-ups due 1', ['change-password'], async () => {
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
        page.waitForURL((u) => u.pathname === '/'),
        page.getByRole('button',
          { name: 'Open an incident about these posts' }).click(),
      ]);
      const open = await page.locator('#open-incidents .value').innerText();
      assert(open.trim() === '2', `open incidents: ${open}`);
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

  check('no-errors', 'no console errors or CSP violations on any page',
    [], async () => {
      await sleep(200);
      for (const n of notes)
        diag(n);
      assert(problems.length === 0, problems.join('\n'));
    });

  check('screenshots', 'screenshots saved to build/screenshots/',
    [], async () => {
      const missing = ['login.png', 'dashboard.png']
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
