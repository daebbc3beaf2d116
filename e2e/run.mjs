// End-to-end test of the roadshow web console in a real browser: Debian's
// Chromium driven by playwright-core (no browser download). It builds the
// binary, serves the demo on a free port with a fresh SQLite database, and
// walks the flow with three people at once:
//
//   an organizer creates a matchmaking event and opens registration;
//   an enterprise, on a phone inside WeChat, registers for it — first with
//     a wrong credit code, seeing the error — and requests a meeting;
//   the demo investor signs in with a one-time link read from the outbox
//     and accepts; the organizer approves, dry-runs and commits the
//     schedule; both parties see the meeting in their agenda; the invites
//     are in the outbox; the campaign dashboard shows the zone.
//
// Every page is saved at 375 px and 1280 px under ci-artifacts/screenshots/.
// Usage: node e2e/run.mjs   (CHROMIUM=/path/to/chromium to override)
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shotsDir = path.join(root, 'ci-artifacts', 'screenshots');
const started = Date.now();
const log = (...a) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// creditCode returns a valid unified social credit code in Suzhou with a
// random body, and the same code with a wrong check character.
function creditCode() {
  let body = '91320500';
  for (let i = 0; i < 9; i++) body += ALPHABET[Math.floor(Math.random() * 31)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(body[i]) * WEIGHTS[i];
  const c = (31 - (sum % 31)) % 31;
  return { good: body + ALPHABET[c], bad: body + ALPHABET[(c + 1) % 31] };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function check(cond, what) {
  if (!cond) throw new Error('check failed: ' + what);
}

// decodeMail returns the decoded text of an .eml file: every base64 or
// quoted-printable part, joined.
function decodeMail(raw) {
  const out = [raw];
  const re = /Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/g;
  for (const m of raw.matchAll(re)) out.push(Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8'));
  out.push(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
  return out.join('\n');
}

// waitFor polls fn until it returns something truthy.
async function waitFor(fn, what, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function startServer(work) {
  const bin = path.join(work, 'roadshow');
  log('building roadshow');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: root, stdio: 'inherit' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ROADSHOW_ADDR: `127.0.0.1:${port}`, ROADSHOW_PUBLIC_URL: base,
    ROADSHOW_DB: `sqlite:${path.join(work, 'roadshow.db')}`, ROADSHOW_OUTBOX_DIR: path.join(work, 'outbox'),
    ROADSHOW_DISPATCH_INTERVAL: '1s', ROADSHOW_LOG_FORMAT: 'text', ROADSHOW_LOG_LEVEL: 'warn' };
  delete env.ROADSHOW_SMTP_URL;
  const proc = spawn(bin, ['serve', '--demo'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { out: '', err: '' };
  proc.stdout.on('data', (d) => { output.out += d; });
  proc.stderr.on('data', (d) => { output.err += d; });
  await waitFor(() => output.out.includes('web console:') || proc.exitCode !== null, 'the server to start', 90000);
  check(proc.exitCode === null, 'the server runs:\n' + output.err);
  log('serving the demo at', base);
  return { proc, base, output, outbox: path.join(work, 'outbox') };
}

// Screenshots: every page at its context's width, then at the other one.
let shotNo = 0;
async function shot(page, name) {
  shotNo++;
  const size = page.viewportSize();
  const prefix = path.join(shotsDir, `${String(shotNo).padStart(2, '0')}-${name}`);
  await page.screenshot({ path: `${prefix}-${size.width}.png`, fullPage: true });
  const other = size.width === 375 ? { width: 1280, height: 900 } : { width: 375, height: 812 };
  await page.setViewportSize(other);
  await page.screenshot({ path: `${prefix}-${other.width}.png`, fullPage: true });
  await page.setViewportSize(size);
}

// doc saves a viewport-sized screenshot for the README under
// docs/screenshots/ when ROADSHOW_E2E_DOCS=1 (the curated set is
// committed; CI only writes ci-artifacts).
const docsDir = path.join(root, 'docs', 'screenshots');
async function doc(page, name, width, scrollTo) {
  if (process.env.ROADSHOW_E2E_DOCS !== '1') return;
  const size = page.viewportSize();
  await page.setViewportSize(width === 375 ? { width: 375, height: 812 } : { width: 1280, height: 860 });
  if (scrollTo) {
    await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
  } else {
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await page.screenshot({ path: path.join(docsDir, `${name}-${width}.png`) });
  await page.setViewportSize(size);
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function newPage(browser, opts) {
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, ...opts });
  ctx.setDefaultTimeout(15000);
  const page = await ctx.newPage();
  page.on('dialog', (d) => d.accept()); // confirmations
  return page;
}

async function signInWithToken(page, base, token) {
  await page.goto(base + '/signin');
  await page.fill('#f-token', token);
  await Promise.all([page.waitForURL('**/console/events'), page.click('form[action="/signin/token"] button')]);
}

async function flash(page) {
  return (await page.locator('.flash').first().textContent({ timeout: 5000 })).trim();
}

async function run(browser, srv) {
  const { base } = srv;
  const title = '科技金融专场银企对接会'; // the database is fresh: names need no suffix
  const org = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  const ent = await newPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true,
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x18003231) NetType/WIFI Language/zh_CN' });
  const inv = await newPage(browser, { viewport: { width: 1280, height: 900 } });

  await ent.goto(base + '/');
  await shot(ent, 'home');
  await doc(ent, 'home', 375);

  // The organizer creates the event and opens registration.
  await signInWithToken(org, base, 'rs_demo_organizer');
  await shot(org, 'organizer-events');
  await org.click('a[href="/console/events/new"]');
  const day = new Date(Date.now() + 10 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10);
  await org.selectOption('#f-kind', 'matchmaking');
  await org.fill('#f-title', title);
  await org.fill('#f-venue', '苏州高新区科技城会议中心');
  await org.fill('#f-desc', '端到端测试：企业与银行一对一对接。');
  await org.fill('#f-start', `${day}T09:00`);
  await org.fill('#f-end', `${day}T12:00`);
  await org.fill('#f-tables', '4');
  await org.fill('#f-mpe', '3');
  await org.fill('#f-mpi', '8');
  await shot(org, 'event-new');
  await Promise.all([org.waitForURL(/\/console\/events\/\d+$/), org.click('form[action="/console/events"] button[type=submit]')]);
  const eventID = org.url().match(/events\/(\d+)$/)[1];
  log('event', eventID, 'created');
  await org.fill('#s-title', '上午场');
  await org.fill('#s-room', '一号厅');
  await org.fill('#s-start', `${day}T09:00`);
  await org.fill('#s-end', `${day}T12:00`);
  await Promise.all([org.waitForURL(`**/console/events/${eventID}`), org.click('form[action$="/sessions"] button')]);
  check((await flash(org)).includes('场次已添加'), 'the session was added');
  await Promise.all([org.waitForURL(`**/console/events/${eventID}`),
    org.click('form:has(input[name=status][value=open]) button')]);
  check((await flash(org)).includes('已开放报名'), 'registration opened');
  await shot(org, 'event-open');

  // The enterprise registers from the event page, on a phone.
  await ent.goto(`${base}/events/${eventID}`);
  check(await ent.isVisible(`text=${title}`), 'the public event page shows the event');
  await shot(ent, 'event-public');
  await Promise.all([ent.waitForURL('**/register/enterprise?event_id=*'), ent.click('a[href^="/register/enterprise?event_id="]')]);
  const code = creditCode();
  const name = '苏州云帆智能科技有限公司';
  await ent.fill('#f-name', name);
  await ent.fill('#f-credit', code.bad);
  await ent.selectOption('#f-zone', { label: '苏州高新技术产业开发区' });
  await ent.selectOption('#f-sector', 'new_generation_it');
  await ent.selectOption('#f-stage', 'growth');
  await ent.fill('#f-points', '720');
  await ent.check('input[name=labels][value=high_tech_enterprise]');
  await ent.fill('#f-amount', '3000');
  await ent.check('input[name="need.instruments"][value=loan]');
  await ent.fill('#f-purpose', '产能扩建');
  await ent.fill('#f-cname', '王敏');
  await ent.fill('#f-cemail', 'wangmin@yunfan.example.cn');
  await ent.fill('#f-cphone', '13800138000');
  await ent.locator('#f-credit').blur();
  const inline = ent.locator('.js-err[data-for="f-credit"]');
  await inline.waitFor({ state: 'visible' });
  check((await inline.textContent()).includes('校验位不正确'), 'the inline credit code error');
  await shot(ent, 'register-inline-error');
  // Without the script's check (as a browser without JavaScript would),
  // the server refuses the code too and keeps what was typed.
  await Promise.all([ent.waitForLoadState('load'), ent.waitForURL('**/register/enterprise'),
    ent.evaluate(() => HTMLFormElement.prototype.submit.call(document.querySelector('form[data-validate]')))]);
  check(await ent.isVisible('#err-credit_code'), 'the server-side credit code error');
  check((await ent.textContent('#err-credit_code')).includes('校验位不正确'), 'the server explains the check digit');
  check((await ent.inputValue('#f-name')) === name, 'the form keeps the values');
  await shot(ent, 'register-server-error');
  await doc(ent, 'register-error', 375, '#f-credit');
  await ent.fill('#f-credit', code.good);
  await Promise.all([ent.waitForURL('**/register/enterprise'), ent.click('form[data-validate] button[type=submit]')]);
  check(await ent.isVisible('text=注册成功'), 'registered');
  check(await ent.isVisible('text=等待组织方审核'), 'applied to the event');
  await shot(ent, 'register-welcome');

  // The demo investor signs in with a one-time link from the outbox.
  await inv.goto(base + '/signin');
  const email = 'investor01@demo.roadshow.example.cn';
  await inv.fill('#f-email', email);
  await inv.click('form[action="/signin/email"] button');
  check(await inv.isVisible('text=如果该邮箱已登记'), 'the sign-in page answers without telling');
  await shot(inv, 'signin-link-sent');
  const link = await waitFor(() => {
    if (!fs.existsSync(srv.outbox)) return null;
    for (const f of fs.readdirSync(srv.outbox)) {
      const text = decodeMail(fs.readFileSync(path.join(srv.outbox, f), 'utf8'));
      const m = text.includes(email) && text.match(/https?:\/\/[^\s"<>]+\/signin\/link\?t=[A-Za-z0-9_-]+/);
      if (m) return m[0];
    }
    return null;
  }, 'the sign-in mail in the outbox');
  log('sign-in link mailed');
  await inv.goto(link);
  await shot(inv, 'signin-link');
  await Promise.all([inv.waitForURL('**/console/events'), inv.click('form[action="/signin/link"] button')]);
  await inv.selectOption(`form[action="/console/events/${eventID}/apply"] select[name=role]`, 'investor');
  await Promise.all([inv.waitForURL('**/console/events'), inv.click(`form[action="/console/events/${eventID}/apply"] button`)]);
  check((await flash(inv)).includes('报名已提交'), 'the investor applied');
  await shot(inv, 'investor-events');

  // The organizer approves both applications at once.
  await org.goto(`${base}/console/events/${eventID}/applications?status=submitted`);
  await shot(org, 'applications');
  await doc(org, 'applications', 1280);
  await org.check('input[data-select-all]');
  await org.selectOption('#f-action', 'approved');
  await Promise.all([org.waitForURL('**/applications*'), org.click('.bulk-bar button')]);
  check((await flash(org)).includes('已处理 2 条报名'), 'two applications approved: ' + (await flash(org)));

  // The enterprise reads its recommendations and requests a meeting.
  await ent.goto(`${base}/console/recommendations?event_id=${eventID}`);
  check(await ent.isVisible('text=交通银行苏州分行'), 'the bank is recommended');
  await shot(ent, 'recommendations');
  await doc(ent, 'recommendations', 375, 'h2:has-text("可申请的金融产品")');
  await ent.goto(`${base}/console/requests?event_id=${eventID}`);
  const bank = await ent.evaluate(() => [...document.querySelectorAll('#f-cp option')].find((o) => o.textContent.startsWith('交通银行苏州分行'))?.value);
  check(bank, 'the bank is among the counterparts');
  await ent.selectOption('#f-cp', bank);
  await ent.selectOption('#f-prio', '1');
  await ent.fill('#f-rnote', '希望洽谈流动资金贷款');
  await Promise.all([ent.waitForURL('**/console/requests?event_id=*'), ent.click('form[method=post][action="/console/requests"] button')]);
  check((await flash(ent)).includes('会谈请求已发送'), 'the request was sent: ' + (await flash(ent)));
  await shot(ent, 'requests-sent');

  // The investor accepts.
  await inv.goto(`${base}/console/requests?event_id=${eventID}`);
  const card = inv.locator('li.card', { hasText: name });
  await Promise.all([inv.waitForURL('**/console/requests?event_id=*'), card.locator('form[action$="/accept"] button').click()]);
  check((await flash(inv)).includes('已接受'), 'the request was accepted');
  await shot(inv, 'requests-accepted');

  // The organizer looks at the matches, dry-runs and commits.
  await org.goto(`${base}/console/events/${eventID}/schedule`);
  await org.click('form:has(input[name=action][value=dry_run]) button');
  await org.waitForSelector('text=试排结果');
  check(await org.isVisible(`table.grid >> text=${name}`), 'the dry run places the requested meeting');
  await shot(org, 'schedule-dry-run');
  await org.click('form:has(input[name=action][value=commit]) button');
  await org.waitForSelector('text=排期已提交');
  await shot(org, 'schedule-committed');
  // …and moves the meeting to table 2.
  await org.goto(`${base}/console/events/${eventID}/schedule`);
  await Promise.all([org.waitForURL('**/console/meetings/*'), org.click(`table.grid a:has-text("${name}")`)]);
  await org.selectOption('#f-table', '2');
  await Promise.all([org.waitForURL(`**/console/events/${eventID}/schedule`), org.click('form[action$="/move"] button')]);
  check((await flash(org)).includes('会谈已调整'), 'the meeting was moved');
  check(await org.isVisible(`table.grid tbody tr td:nth-child(3) >> text=${name}`), 'the meeting is at table 2');
  await shot(org, 'schedule-moved');

  // The demo's own matchmaking meeting (20 enterprises, 12 investors)
  // shows a full grid.
  await org.goto(`${base}/console/events`);
  const demoEvent = await org.getAttribute('a:has-text("苏州高新区冬季银企对接会")', 'href');
  await org.goto(base + demoEvent + '/matches');
  await shot(org, 'matches-demo-event');
  await org.goto(base + demoEvent + '/schedule');
  await org.click('form:has(input[name=action][value=dry_run]) button');
  await org.waitForSelector('text=试排结果');
  check(await org.locator('table.grid td.filled').count() > 20, "the demo event's dry run fills the grid");
  await shot(org, 'schedule-demo-event');
  await doc(org, 'schedule', 1280, 'text=试排结果');

  // Both parties find the meeting in their agenda.
  await ent.goto(`${base}/console/agenda`);
  check(await ent.isVisible(`text=${title}`) && await ent.isVisible('table.list >> text=交通银行苏州分行'), 'the enterprise sees the meeting');
  check(await ent.getAttribute('a[href^="webcal://"]', 'href'), 'the calendar feed link');
  await shot(ent, 'agenda-enterprise');
  await doc(ent, 'agenda', 375);
  await inv.goto(`${base}/console/agenda`);
  check(await inv.isVisible(`table.list >> text=${name}`), 'the investor sees the meeting');
  await shot(inv, 'agenda-investor');
  await Promise.all([inv.waitForURL('**/console/meetings/*'), inv.click(`table.list a:has-text("${name}")`)]);
  check(await inv.isVisible('text=会谈开始后即可在此记录结果'), 'the outcome form waits for the meeting');
  await shot(inv, 'meeting');

  // The invites are in the outbox, and sent.
  await org.goto(`${base}/console/outbox?event_id=${eventID}`);
  await waitFor(async () => {
    await org.reload();
    return (await org.locator('tr', { hasText: '会谈邀请' }).filter({ hasText: '已发送' }).count()) >= 2;
  }, 'two invites sent');
  await shot(org, 'outbox');
  await doc(org, 'outbox', 1280);
  const invites = fs.readdirSync(srv.outbox).map((f) => decodeMail(fs.readFileSync(path.join(srv.outbox, f), 'utf8')))
    .filter((t) => t.includes('METHOD:REQUEST'));
  check(invites.some((t) => t.includes('wangmin@yunfan.example.cn')) && invites.some((t) => t.includes(email)), 'invite files for both parties');

  // The campaign dashboard shows the zone's progress.
  const admin = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await signInWithToken(admin, base, 'rs_demo_admin');
  await admin.goto(`${base}/console/campaign?province=${encodeURIComponent('江苏省')}`);
  check(await admin.isVisible('table.fives >> text=苏州高新技术产业开发区'), 'the zone is on the dashboard');
  check(await admin.isVisible('svg.chart'), 'the deals chart');
  await shot(admin, 'campaign');
  await doc(admin, 'campaign', 1280);
  const xlsx = await admin.request.get(`${base}/console/exports/progress.xlsx`);
  check(xlsx.ok() && xlsx.headers()['content-type'].includes('spreadsheetml'), 'progress.xlsx downloads');
  await admin.goto(`${base}/console/imports`);
  await shot(admin, 'imports');

  // English, on the phone.
  await ent.goto(`${base}/console/agenda`);
  await ent.click('a.lang');
  check(await ent.isVisible('h1:has-text("My agenda")'), 'the English agenda');
  await shot(ent, 'agenda-english');
  await doc(ent, 'agenda-en', 375);
  await ent.goto(`${base}/console/profile`);
  await shot(ent, 'profile-english');
}

async function main() {
  fs.rmSync(shotsDir, { recursive: true, force: true });
  fs.mkdirSync(shotsDir, { recursive: true });
  if (process.env.ROADSHOW_E2E_DOCS === '1') fs.mkdirSync(docsDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'roadshow-e2e-'));
  const srv = await startServer(work);
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--headless', '--no-sandbox',
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'] });
  let failed = null;
  try {
    await run(browser, srv);
  } catch (err) {
    failed = err;
    for (const ctx of browser.contexts()) {
      for (const p of ctx.pages()) {
        await p.screenshot({ path: path.join(shotsDir, `failure-${ctx.pages().indexOf(p)}-${Date.now()}.png`), fullPage: true }).catch(() => {});
      }
    }
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (failed) {
    console.error('e2e FAILED:', failed.message);
    console.error('server log (last lines):\n' + srv.output.err.split('\n').slice(-30).join('\n'));
    process.exit(1);
  }
  log(`e2e passed: ${shotNo} pages, ${fs.readdirSync(shotsDir).length} screenshots in ${path.relative(root, shotsDir)}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
