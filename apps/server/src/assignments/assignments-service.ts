import { EventEmitter } from 'node:events';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { type Db, type DbOrTx, schema } from '@xk/db';
import type { Assignment, AssignmentCreate, AssignmentListQuerySchema } from '@xk/contract';
import { badRequest } from '../errors';
import type { CampaignsService } from '../campaigns/campaigns-service';

const { assignments, people, stations, teams } = schema;

export const toAssignment = (r: typeof assignments.$inferSelect): Assignment => ({
  id: r.id,
  campaignId: r.campaignId,
  personId: r.personId,
  teamId: r.teamId,
  stationId: r.stationId,
  partnerId: r.partnerId,
  role: r.role,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt ? r.endsAt.toISOString() : null,
});

export interface Placement {
  personId: number;
  teamId?: number | null | undefined;
  stationId?: number | null | undefined;
  partnerId?: number | null | undefined;
  role?: string | undefined;
}

/**
 * Ends the person's open assignment in the campaign (history is kept) and opens the new one.
 * Shared by the assignments API and by reassignment entries in the activity log.
 */
export async function placePerson(tx: DbOrTx, campaignId: number, placement: Placement, at: Date) {
  const [open] = await tx
    .update(assignments)
    .set({ endsAt: at })
    .where(and(eq(assignments.campaignId, campaignId), eq(assignments.personId, placement.personId), isNull(assignments.endsAt)))
    .returning();
  const [created] = await tx
    .insert(assignments)
    .values({
      campaignId,
      personId: placement.personId,
      teamId: placement.teamId === undefined ? (open?.teamId ?? null) : placement.teamId,
      stationId: placement.stationId === undefined ? (open?.stationId ?? null) : placement.stationId,
      partnerId: placement.partnerId === undefined ? (open?.partnerId ?? null) : placement.partnerId,
      role: placement.role ?? open?.role ?? 'volunteer',
      startsAt: at,
    })
    .returning();
  return created!;
}

export function createAssignmentsService(db: Db, campaigns: CampaignsService) {
  /** 'placed' after placements were committed outside the activity log (null: anyone, an import). */
  const events = new EventEmitter<{ placed: [campaignId: number, personIds: number[] | null] }>();
  return {
    events,
    async list(campaignId: number, query: Static<typeof AssignmentListQuerySchema>): Promise<Assignment[]> {
      await campaigns.row(campaignId);
      const rows = await db
        .select()
        .from(assignments)
        .where(
          and(
            eq(assignments.campaignId, campaignId),
            query.personId ? eq(assignments.personId, query.personId) : undefined,
            query.stationId ? eq(assignments.stationId, query.stationId) : undefined,
            query.teamId ? eq(assignments.teamId, query.teamId) : undefined,
            query.history ? undefined : isNull(assignments.endsAt),
          ),
        )
        .orderBy(asc(assignments.personId), asc(assignments.startsAt));
      return rows.map(toAssignment);
    },

    async create(campaignId: number, input: AssignmentCreate): Promise<Assignment> {
      await campaigns.row(campaignId);
      if (input.teamId === undefined && input.stationId === undefined) throw badRequest('body/stationId', 'an assignment names a station, a team or both');
      if (input.partnerId === input.personId) throw badRequest('body/partnerId', 'a person cannot be their own partner');
      const exists = async (table: typeof people | typeof teams, id: number) => (await db.select({ id: table.id }).from(table).where(eq(table.id, id))).length > 0;
      if (!(await exists(people, input.personId))) throw badRequest('body/personId', `person ${input.personId} does not exist`);
      if (input.partnerId && !(await exists(people, input.partnerId))) throw badRequest('body/partnerId', `person ${input.partnerId} does not exist`);
      if (input.teamId) {
        const [team] = await db.select({ unitId: teams.unitId }).from(teams).where(eq(teams.id, input.teamId));
        if (!team) throw badRequest('body/teamId', `team ${input.teamId} does not exist`);
        await campaigns.requireUnitInScope(campaignId, team.unitId, 'body/teamId');
      }
      if (input.stationId) {
        const [station] = await db.select({ id: stations.id }).from(stations).where(and(eq(stations.id, input.stationId), eq(stations.campaignId, campaignId)));
        if (!station) throw badRequest('body/stationId', `station ${input.stationId} does not exist in this campaign`);
      }
      const placed = await db.transaction(async (tx) => {
        // Serialise placements of one person (the unique open-assignment index would otherwise turn a race into an error);
        // NO KEY UPDATE leaves the foreign-key locks of the activity writer free, so the two never deadlock.
        await tx.execute(sql`select id from people where id = ${input.personId} for no key update`);
        return toAssignment(await placePerson(tx, campaignId, input, new Date()));
      });
      events.emit('placed', campaignId, [input.personId]);
      return placed;
    },
  };
}
