import { doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { units } from './units';

/** A điểm hỗ trợ: public-administration centre, market, digital street, residential area, school… */
export const stations = pgTable(
  'stations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').notNull().references(() => units.id),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    peopleNeeded: integer('people_needed').notNull().default(0),
  },
  (t) => [index('stations_campaign_idx').on(t.campaignId), index('stations_unit_idx').on(t.unitId)],
);
