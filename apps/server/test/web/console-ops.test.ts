import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { foldDiacritics } from '@xk/domain';
import { pgArray, queryRows } from '@xk/db';
import { isChromiumAvailable } from '@xk/testing';
import type { FastifyInstance } from 'fastify';
import { signInAs } from '../helpers/test-app';
import { adminCalls, newPage, withHub } from './browser-hub';

/**
 * The coordinator's operations tab in Chromium, on the demo province, with the volunteer's phone in
 * another browser context: a drag and drop moves a volunteer and the phone shows the new station
 * without a reload; two coordinators race on one volunteer and exactly one wins, the other told who
 * and where; someone of another ward can be neither seen nor moved (screen and API); undo, a message,
 * a back-fill from paper and a voided entry each reach the database and the figures.
 */
const test = suite('the coordinator’s console in Chromium');
const shots = process.env.XK_SCREENSHOTS_DIR ?? tmpdir();

interface Placed {
  personId: number;
  name: string;
  stationId: number;
  assignmentId: number;
}

/** A ward of the demo with three stations, two volunteers placed there, and a volunteer of another ward. */
async function demoScene(app: FastifyInstance) {
  const db = app.database.db;
  const [campaign] = await queryRows<{ id: number }>(db, sql`select id from campaigns order by id limit 1`);
  const wards = await queryRows<{ id: number; name: string; path: string }>(db, sql`select id, name, path from units where depth = 1 and successor_id is null order by id`);
  for (const ward of wards) {
    const stations = await queryRows<{ id: number; name: string }>(
      db,
      sql`select s.id, s.name from stations s join units u on u.id = s.unit_id where s.campaign_id = ${campaign!.id} and u.path like ${`${ward.path}%`} order by s.id`,
    );
    if (stations.length < 3) continue;
    const placed = await queryRows<Placed>(
      db,
      sql`select distinct on (p.id) p.id as "personId", p.name, a.station_id as "stationId", a.id as "assignmentId"
          from assignments a join people p on p.id = a.person_id join memberships m on m.person_id = p.id join units u on u.id = m.unit_id
          where a.campaign_id = ${campaign!.id} and a.ends_at is null and u.path like ${`${ward.path}%`} and a.station_id = any(${pgArray(stations.map((s) => s.id), 'int')})
          order by p.id limit 2`,
    );
    const [outsider] = await queryRows<Placed>(
      db,
      sql`select p.id as "personId", p.name, a.station_id as "stationId", a.id as "assignmentId"
          from assignments a join people p on p.id = a.person_id
          where a.campaign_id = ${campaign!.id} and a.ends_at is null and a.station_id is not null
            and not exists (select 1 from memberships m join units u on u.id = m.unit_id where m.person_id = p.id and u.path like ${`${ward.path}%`})
          order by p.id limit 1`,
    );
    if (placed.length === 2 && outsider) return { campaignId: campaign!.id, ward, stations, volunteer: placed[0]!, other: placed[1]!, outsider };
  }
  throw new Error('the demo has no ward with three stations and two placed volunteers');
}

/** A coordinator of the ward with a real name (the conflict message names them), signed in for API calls. */
async function coordinator(app: FastifyInstance, wardId: number, name: string) {
  const phone = `09${String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8)}`;
  const person = await app.services.people.create({ name, phone, memberships: [{ unitId: wardId, role: 'coordinator' }] });
  return signInAs(app, 'coordinator', wardId, person.id);
}

async function openConsole(browser: Browser, app: FastifyInstance, url: string, personId: number, viewport = { width: 1366, height: 768 }, query = '') {
  const opened = await newPage(browser, viewport);
  const link = await app.auth.newSignInLink(personId, null);
  await opened.page.goto(`${url}/?tab=ops${query}#/link/${link}`);
  await opened.page.getByTestId('people').waitFor({ timeout: 20_000 });
  return opened;
}

async function openPhone(browser: Browser, app: FastifyInstance, url: string, personId: number, unitId: number) {
  await signInAs(app, 'volunteer', unitId, personId); // the volunteer's grant (demo volunteers join by invite)
  const opened = await newPage(browser);
  const link = await app.auth.newSignInLink(personId, null);
  await opened.page.goto(`${url}/phone/#/link/${link}`);
  await opened.page.getByTestId('placement-station').waitFor({ timeout: 20_000 });
  return opened;
}

/** Finds a person the way a coordinator does: their name typed without diacritics. */
async function find(page: Page, name: string) {
  await page.getByTestId('people-search').fill(foldDiacritics(name));
}

const toasts = (page: Page) => page.getByTestId('ops-toast').allInnerTexts();
const placementOf = async (app: FastifyInstance, personId: number) =>
  (await queryRows<{ stationId: number; id: number }>(app.database.db, sql`select station_id as "stationId", id from assignments where person_id = ${personId} and ends_at is null`))[0];

if (isChromiumAvailable('coordinator console browser test')) {
  test('a drag and drop moves a volunteer: the phone shows the new station without a reload, its “Đã nhận” clears the console’s flag', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const scene = await demoScene(app);
      const to = scene.stations.find((s) => s.id !== scene.volunteer.stationId)!;
      const yen = await coordinator(app, scene.ward.id, 'Phan Khánh Yến');
      const phone = await openPhone(browser, app, url, scene.volunteer.personId, scene.ward.id);
      const { page, errors } = await openConsole(browser, app, url, yen.personId);

      await find(page, scene.volunteer.name);
      const row = page.getByTestId(`person-${scene.volunteer.personId}`);
      await row.waitFor();
      // Typed without diacritics, the search keeps only people of that name (names repeat: the test does not assume one).
      const names = await page.getByTestId('people').locator('.person__name').evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));
      assert.ok(names.length >= 1 && names.every((n) => n === scene.volunteer.name), names.join(', '));
      assert.match(await page.getByTestId('people-count').innerText(), new RegExp(`^${names.length} / \\d+ người$`));
      await row.dragTo(page.getByTestId(`station-${to.id}`));
      await page.getByTestId('ops-toast').filter({ hasText: 'Đã chuyển' }).waitFor({ timeout: 10_000 });
      assert.match((await toasts(page))[0]!, new RegExp(`Đã chuyển ${scene.volunteer.name} đến ${to.name}`));

      // The phone, in its own context, with no reload: within 5 s.
      await phone.page.getByTestId('move-banner').waitFor({ timeout: 5_000 });
      assert.match(await phone.page.getByTestId('move-to').innerText(), new RegExp(to.name));
      assert.is((await placementOf(app, scene.volunteer.personId))!.stationId, to.id);
      // The console shows it pending, then acknowledged once the phone says so.
      await row.getByTestId('person-ack').waitFor({ timeout: 5_000 });
      assert.match(await row.getByTestId('person-place').innerText(), new RegExp(to.name));
      await phone.page.getByTestId('move-ack').click();
      await row.getByTestId('person-ack').waitFor({ state: 'detached', timeout: 10_000 });
      await page.getByTestId('moves').getByText('Đã nhận').first().waitFor({ timeout: 5_000 });

      await page.getByTestId('people-search').fill('');
      await page.screenshot({ path: join(shots, 'console-ops-1366.png') });
      const tablet = await openConsole(browser, app, url, yen.personId, { width: 820, height: 1180 });
      await tablet.page.screenshot({ path: join(shots, 'console-ops-tablet.png') });
      const overflow = await tablet.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.is(overflow, 0, 'no horizontal scrolling on a tablet');
      assert.equal([...errors, ...tablet.errors, ...phone.errors], []);
    });
  });

  test('two coordinators race on one volunteer: exactly one move wins, the other is told who moved them and where', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const scene = await demoScene(app);
      const [first, second] = scene.stations.filter((s) => s.id !== scene.other.stationId);
      const khoa = await coordinator(app, scene.ward.id, 'Trần Minh Khoa');
      const ha = await coordinator(app, scene.ward.id, 'Lê Thu Hà');
      const a = await openConsole(browser, app, url, khoa.personId);
      const b = await openConsole(browser, app, url, ha.personId);
      const before = await placementOf(app, scene.other.personId);

      // Both look at the same volunteer and open the move dialog: one by keyboard (M), one by the button.
      for (const [console, station] of [[a.page, first!], [b.page, second!]] as const) {
        await find(console, scene.other.name);
        const row = console.getByTestId(`person-${scene.other.personId}`);
        await row.waitFor();
        if (console === a.page) {
          await row.locator('.person__check').focus();
          await console.keyboard.press('m');
        } else await row.getByTestId('person-move').click();
        await console.getByTestId('move-dialog').waitFor();
        await console.getByTestId('move-station').selectOption(String(station.id));
      }
      await Promise.all([a.page.getByTestId('move-confirm').click(), b.page.getByTestId('move-confirm').click()]);
      await Promise.all([a.page, b.page].map((p) => p.getByTestId('ops-toast').first().waitFor({ timeout: 10_000 })));
      const said = [...(await toasts(a.page)), ...(await toasts(b.page))];
      assert.is(said.filter((x) => x.startsWith('Đã chuyển')).length, 1, said.join(' | '));
      const refusal = said.find((x) => x.startsWith('Không chuyển được'));
      assert.ok(refusal, said.join(' | '));
      const won = said.some((x) => x.startsWith('Đã chuyển') && x.includes(first!.name)) ? { by: 'Khoa T.', station: first! } : { by: 'Hà L.', station: second! };
      assert.match(refusal!, new RegExp(`${scene.other.name} vừa được ${won.by} chuyển sang ${won.station.name} lúc \\d\\d:\\d\\d`));

      const moves = await queryRows<{ id: string }>(app.database.db, sql`select id from moves where person_id = ${scene.other.personId}`);
      assert.is(moves.length, 1, 'one move stored');
      const after = await placementOf(app, scene.other.personId);
      assert.is(after!.stationId, won.station.id);
      assert.is.not(after!.id, before!.id);
      assert.equal([...a.errors, ...b.errors], []);
    });
  });

  test('someone of another ward is neither listed nor movable: the screen shows only the ward, the API refuses', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const scene = await demoScene(app);
      const yen = await coordinator(app, scene.ward.id, 'Phan Khánh Yến');
      const [outsiderWard] = await queryRows<{ id: number }>(app.database.db, sql`select u.id from memberships m join units u on u.id = m.unit_id where m.person_id = ${scene.outsider.personId} limit 1`);
      // Asking for the other ward in the address opens one's own.
      const { page, errors } = await openConsole(browser, app, url, yen.personId, { width: 1366, height: 768 }, `&unit=${outsiderWard!.id}`);
      await find(page, scene.outsider.name);
      await page.getByText('Không có ai khớp bộ lọc.').waitFor();
      assert.is(await page.getByTestId(`person-${scene.outsider.personId}`).count(), 0);
      assert.is(await page.getByTestId(`station-${scene.outsider.stationId}`).count(), 0, 'nor their station');
      await find(page, scene.volunteer.name);
      await page.getByTestId(`person-${scene.volunteer.personId}`).getByTestId('person-move').click();
      const options = await page.getByTestId('move-station').locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
      assert.not.ok(options.includes(String(scene.outsider.stationId)), 'no station of another ward to move to');

      // The API, with the same coordinator's session: moving the outsider, or anyone to the outsider's station.
      const post = (body: object) => fetch(`${url}/api/v1/campaigns/${scene.campaignId}/moves`, { method: 'POST', headers: { ...yen.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const theirs = await post({ id: crypto.randomUUID(), personIds: [scene.outsider.personId], toStationId: scene.stations[0]!.id, expected: [{ personId: scene.outsider.personId, assignmentId: scene.outsider.assignmentId }] });
      assert.is(theirs.status, 403);
      const there = await post({ id: crypto.randomUUID(), personIds: [scene.volunteer.personId], toStationId: scene.outsider.stationId, expected: [{ personId: scene.volunteer.personId, assignmentId: scene.volunteer.assignmentId }] });
      assert.is(there.status, 403);
      assert.is((await placementOf(app, scene.outsider.personId))!.id, scene.outsider.assignmentId, 'nobody moved');
      assert.is((await placementOf(app, scene.volunteer.personId))!.id, scene.volunteer.assignmentId);
      assert.equal(errors, []);
    });
  });

  test('undo puts them back; a message reaches the phone; a back-fill from paper and a voided entry change the figures, audited', async () => {
    await withHub({ demo: true }, async ({ app, url, browser }) => {
      const scene = await demoScene(app);
      const to = scene.stations.find((s) => s.id !== scene.volunteer.stationId)!;
      const yen = await coordinator(app, scene.ward.id, 'Phan Khánh Yến');
      const call = await adminCalls(app, url);
      const phone = await openPhone(browser, app, url, scene.volunteer.personId, scene.ward.id);
      const { page, errors } = await openConsole(browser, app, url, yen.personId);
      const residents = async () => ((await call('GET', `/api/v1/campaigns/${scene.campaignId}/totals?unitId=${scene.ward.id}`)) as { residents: { total: number } }).residents.total;

      // Move by keyboard, then undo from the toast.
      await find(page, scene.volunteer.name);
      await page.getByTestId(`person-${scene.volunteer.personId}`).locator('.person__check').check();
      await page.keyboard.press('m');
      await page.getByTestId('move-station').selectOption(String(to.id));
      await page.getByTestId('move-station').press('Enter');
      await page.getByTestId('ops-toast-undo').click({ timeout: 10_000 });
      await page.getByTestId('ops-toast').filter({ hasText: 'Đã hoàn tác' }).waitFor({ timeout: 10_000 });
      assert.is((await placementOf(app, scene.volunteer.personId))!.stationId, scene.volunteer.stationId);
      await page.getByTestId('moves').getByText('Đã hoàn tác').waitFor({ timeout: 5_000 });
      const audit = await queryRows<{ action: string }>(app.database.db, sql`select action from audit_log where actor_person_id = ${yen.personId} and action like 'move.%' order by id`);
      assert.equal(audit.map((a) => a.action), ['move.request', 'move.undo']);

      // A message to the volunteer's station, read on the phone.
      await page.getByTestId('message-audience').selectOption(`station:${scene.volunteer.stationId}`);
      await page.getByTestId('message-body').fill('Điểm đang đông, mọi người giữ trật tự xếp hàng nhé.');
      await page.getByTestId('message-send').click();
      await phone.page.getByTestId('messages').getByText('Điểm đang đông').waitFor({ timeout: 10_000 });

      // A back-fill of 40 from a station's paper tally.
      const before = await residents();
      await page.getByTestId(`station-${to.id}`).getByTestId('station-backfill').click();
      await page.getByTestId('backfill-quantity').fill('40');
      await page.getByTestId('backfill-save').click();
      assert.match(await page.getByTestId('backfill-error').innerText(), /lý do/, 'a reason is required');
      await page.getByTestId('backfill-reason').fill('Sổ ghi tay điểm, ca sáng');
      await page.getByTestId('backfill-save').click();
      await page.getByTestId('ops-toast').filter({ hasText: 'Đã ghi 40 lượt' }).waitFor({ timeout: 10_000 });
      assert.is(await residents(), before + 40);

      // The volunteer's first entry voided, with a reason: the figure falls by its quantity.
      await find(page, scene.volunteer.name);
      await page.getByTestId(`person-${scene.volunteer.personId}`).getByTestId('person-fix').click();
      await page.getByTestId('entries').waitFor({ timeout: 10_000 });
      const [entry] = await queryRows<{ id: string; quantity: number }>(
        app.database.db,
        sql`select id, quantity from activity where person_id = ${scene.volunteer.personId} and kind = 'assistance' and beneficiary = 'resident' order by seq desc limit 1`,
      );
      const line = page.getByTestId(`entry-${entry!.id}`);
      await line.getByTestId('entry-void').click();
      await page.getByTestId('fix-reason').fill('Bấm nhầm khi chưa hỗ trợ');
      await page.getByTestId('fix-save').click();
      await line.getByText('Đã huỷ').waitFor({ timeout: 10_000 });
      assert.is(await residents(), before + 40 - entry!.quantity);
      const fixes = await queryRows<{ action: string }>(app.database.db, sql`select action from audit_log where actor_person_id = ${yen.personId} and action like 'activity.%' order by id`);
      assert.equal(fixes.map((a) => a.action), ['activity.backfill', 'activity.correct']);
      await page.screenshot({ path: join(shots, 'console-ops-fix-1366.png') });
      assert.equal([...errors, ...phone.errors], []);
    });
  });
}

test.run();
