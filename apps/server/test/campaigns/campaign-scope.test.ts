import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCampaign, createPerson, createUnit } from '../helpers/fixtures';
import { created, expect400, expectOk, get } from '../helpers/requests';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let campaign: { id: number };
let inside: { id: number };
let outside: { id: number };

const scope = suite("a campaign acts only inside its scope unit's subtree");
scope.before(async () => {
  t = await createTestApp();
  const province = await createUnit(t, { name: 'Tỉnh đoàn' });
  inside = await createUnit(t, { parentId: province.id, name: 'Đoàn xã Trong' });
  outside = await createUnit(t, { name: 'Tỉnh đoàn Khác' });
  campaign = await createCampaign(t, province.id);
});
scope.after(() => t.dispose());

scope('targets, stations and team placements outside the scope are a 400 naming the field', async () => {
  await expect400(t, 'PUT', `/api/v1/campaigns/${campaign.id}/targets`, { unitId: outside.id, kind: 'sessions', value: 3 }, 'body/unitId');
  await expectOk(t, 200, 'PUT', `/api/v1/campaigns/${campaign.id}/targets`, { unitId: inside.id, kind: 'sessions', value: 3 });
  await expect400(t, 'POST', `/api/v1/campaigns/${campaign.id}/stations`, { unitId: outside.id, code: 'OUT-S', name: 'Ngoài', kind: 'school' }, 'body/unitId');
  const team = await created(t, '/api/v1/teams', { code: 'OUT-T', name: 'Đội ngoài', unitId: outside.id });
  const person = await createPerson(t, inside.id);
  await expect400(t, 'POST', `/api/v1/campaigns/${campaign.id}/assignments`, { personId: person.id, teamId: team.id }, 'body/teamId');
  assert.equal(await get(t, `/api/v1/campaigns/${campaign.id}/assignments?personId=${person.id}`), []);
});

scope('editing a service without a position keeps its place in the catalogue', async () => {
  const before = (await get(t, `/api/v1/campaigns/${campaign.id}/services`)) as Array<{ code: string; sortOrder: number }>;
  const vneid = before.find((s) => s.code === 'vneid_level2')!;
  const edited = await expectOk(t, 200, 'PUT', `/api/v1/campaigns/${campaign.id}/services/vneid_level2`, { nameVi: 'VNeID mức 2', nameEn: 'VNeID level 2' });
  assert.is(edited.sortOrder, vneid.sortOrder);
  assert.is(edited.nameVi, 'VNeID mức 2');
});

scope('people are found by their phone as people type it', async () => {
  const person = await created(t, '/api/v1/people', { name: 'Đỗ Thị Hoa', phone: '0987 654 321' });
  for (const q of ['0987654321', '987654', 'do thi hoa']) {
    const found = (await get(t, `/api/v1/people?q=${encodeURIComponent(q)}`)) as Array<{ id: number }>;
    assert.ok(found.some((p) => p.id === person.id), q);
  }
});

scope.run();
