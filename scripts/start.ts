// `npm start`: builds the extension, serves the demo chat, and opens Chromium with the extension
// loaded on it. With no display it runs headless, saves a screenshot and prints its path.
//   npm start -- --site whatsapp     another site's fixture (discord, whatsapp, messenger, instagram, telegram-k, telegram-a, x, generic)
//   npm start -- --no-build          reuse .output/chrome-mv3
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, fixtureHtml, launchExtension, siteFixtures, startFixtureServer } from '../tests/e2e/harness';

const args = process.argv.slice(2);
const site = args.includes('--site') ? args[args.indexOf('--site') + 1]! : 'discord';
const headless = !process.env.DISPLAY || args.includes('--headless');

if (!args.includes('--no-build')) {
  const r = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const fixtures = siteFixtures();
const entry = fixtures.find((f) => f.id === site);
if (!entry) {
  console.error(`Unknown --site ${site}; choose one of: ${fixtures.map((f) => f.id).join(', ')}`);
  process.exit(2);
}
const conversation = readFileSync(path.join(ROOT, 'demo/conversation.json'), 'utf8');
const player = readFileSync(path.join(ROOT, 'demo/player.js'), 'utf8').replace('})(__CONVERSATION__);', `})(${conversation});`);
const html = fixtureHtml(path.join('sites', entry.file)).replace('</body>', `<script>${player}</script></body>`);

const server = await startFixtureServer();
server.serve(entry.host, html);
const l = await launchExtension({ headless });
const page = await l.context.newPage();
await page.setViewportSize({ width: 1100, height: 720 });
const url = server.url(entry.host, entry.path);
await page.goto(url);
console.log(`Demo chat (${site}) at ${url}, served from 127.0.0.1 as ${entry.host}.`);

if (headless) {
  await page.waitForTimeout(7000);
  const dir = path.join(ROOT, 'tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `demo-${site}.png`);
  await page.screenshot({ path: file });
  console.log(`No display: ran headless. Screenshot: ${file}`);
  await l.close();
  await server.close();
} else {
  console.log('Close the browser window to stop.');
  l.context.on('close', () => void server.close());
}
