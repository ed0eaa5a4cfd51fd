import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { units } from './units';

/**
 * A goal of a campaign for a unit's subtree. Kinds: 'residents' and 'shops' (counts helped, per
 * service), 'adoption_share' (0–1 share of members who adopted the service themselves),
 * 'sessions' and 'attendance' (outreach sessions and trainings; no service).
 * `service_code` is '' when the target is not per service, so the unique key stays simple.
 */
export const targets = pgTable(
  'targets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').notNull().references(() => units.id),
    serviceCode: text('service_code').notNull().default(''),
    kind: text('kind').notNull(),
    value: numeric('value', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('targets_key').on(t.campaignId, t.unitId, t.serviceCode, t.kind),
    check('targets_value_check', sql`${t.value} >= 0`),
  ],
);
