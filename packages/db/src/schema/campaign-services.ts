import { boolean, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';

/** The services a campaign counts (VNeID level 2, public-service portal account…), seeded from the default catalogue. */
export const campaignServices = pgTable(
  'campaign_services',
  {
    campaignId: integer('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.code] })],
);
