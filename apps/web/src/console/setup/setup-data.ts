import type { Campaign, InviteCreated, Service, Station, Target, Team, Unit } from '@xk/contract';
import { createMemo, createResource, createSignal } from 'solid-js';
import { ApiError, listCampaignServices } from '../../lib/api';
import { listUnits } from '../../lib/office-api';
import { listInvites, listStations, listTargets, listTeams } from '../../lib/setup-api';
import { subtreeOf } from './unit-tree';

/**
 * What the set-up of one campaign reads: the units of its scope, its catalogue, targets, stations,
 * the teams of its units and its invites, each re-read after a write here (`refetch`). Invites
 * created on this page keep their secret for printing until the page is left: the hub never
 * shows it again.
 */
export function createSetupData(campaign: () => Campaign, onUnauthorized: () => void) {
  /** A read that fails for a lost session tells the shell; other failures leave the list empty (the forms still say why a write fails). */
  const read = async <T>(load: () => Promise<T>, empty: T): Promise<T> => {
    try {
      return await load();
    } catch (err) {
      if (err instanceof ApiError && err.problem.kind === 'http' && err.problem.status === 401) onUnauthorized();
      if (err instanceof ApiError) return empty;
      throw err;
    }
  };
  const id = () => campaign().id;
  const [units, unitsRead] = createResource(() => read(() => listUnits(), [] as Unit[]));
  const [services, servicesRead] = createResource(id, (c) => read(() => listCampaignServices(c), [] as Service[]));
  const [targets, targetsRead] = createResource(id, (c) => read(() => listTargets(c), [] as Target[]));
  const [stations, stationsRead] = createResource(id, (c) => read(() => listStations(c), [] as Station[]));
  const [allTeams, teamsRead] = createResource(() => read(() => listTeams(), [] as Team[]));
  const [invites, invitesRead] = createResource(id, (c) => read(() => listInvites(c), []));
  const [created, setCreated] = createSignal<InviteCreated[]>([]);

  /** The campaign's units, scope unit first, in tree order. */
  const scopeUnits = createMemo(() => subtreeOf(units() ?? [], campaign().scopeUnitId));
  /** Teams are the units', not the campaign's: those inside its scope. */
  const teams = createMemo(() => {
    const inScope = new Set(scopeUnits().map((u) => u.id));
    return (allTeams() ?? []).filter((t) => inScope.has(t.unitId));
  });

  return {
    units: () => units() ?? [],
    scopeUnits,
    services: () => services() ?? [],
    targets: () => targets() ?? [],
    stations: () => stations() ?? [],
    teams,
    invites: () => invites() ?? [],
    /** Invites made on this page, with their secret and link, newest last. */
    created,
    addCreated: (invite: InviteCreated) => setCreated((list) => [...list, invite]),
    isLoading: () => units.loading || services.loading || targets.loading || stations.loading,
    refetch: {
      units: () => void unitsRead.refetch(),
      services: () => void servicesRead.refetch(),
      targets: () => void targetsRead.refetch(),
      stations: () => void stationsRead.refetch(),
      teams: () => void teamsRead.refetch(),
      invites: () => void invitesRead.refetch(),
    },
  };
}

export type SetupData = ReturnType<typeof createSetupData>;
