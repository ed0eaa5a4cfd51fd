import type { PhoneStatus } from '@xk/contract';
import type { CommittedBatch } from '../activity/activity-service';
import type { Services } from '../services';
import type { RosterChange } from './rosters';

export type NamedKind = 'person' | 'station' | 'team';

/** What moves live totals, as the services announce it. */
export interface ServiceChanges {
  committed(batch: CommittedBatch): void;
  treeChanged(): void;
  targetsChanged(campaignId: number): void;
  shiftCreated(campaignId: number, shiftId: number, endsAt: Date): void;
  /** A person, station or team created or renamed: the name feed lines show. */
  named(kind: NamedKind, id: number, name: string): void;
  /** What a coordinator's roster shows changed in the database (placements, moves acknowledged, phone reports, stations, teams). */
  rosterChanged(change: RosterChange): void;
  /** A phone reported its queue (with every sync): rosters show it and when it was heard. */
  phoneReported(status: PhoneStatus): void;
}

/**
 * Listens to every service event that moves live totals (the live service applies them, the
 * cluster tells the other hubs); returns the function that stops listening.
 */
export function onServiceChanges(services: Services, on: ServiceChanges): () => void {
  const named = {
    person: (id: number, name: string) => on.named('person', id, name),
    station: (id: number, name: string) => on.named('station', id, name),
    team: (id: number, name: string) => on.named('team', id, name),
  };
  const roster = {
    placed: (campaignId: number, personIds: number[] | null) => on.rosterChanged({ campaignId, people: personIds ?? 'all' }),
    acknowledged: (campaignId: number, personId: number) => on.rosterChanged({ campaignId, people: [personId], moves: true }),
    station: (campaignId: number) => on.rosterChanged({ campaignId, places: true }),
    team: () => on.rosterChanged({ campaignId: null, places: true }),
  };
  services.assignments.events.on('placed', roster.placed);
  services.moves.events.on('acknowledged', roster.acknowledged);
  services.phoneStatus.events.on('recorded', on.phoneReported);
  services.stations.events.on('station-changed', roster.station);
  services.teams.events.on('changed', roster.team);
  services.activity.events.on('committed', on.committed);
  services.units.events.on('tree-changed', on.treeChanged);
  services.targets.events.on('changed', on.targetsChanged);
  services.stations.events.on('shift-created', on.shiftCreated);
  services.people.events.on('named', named.person);
  services.stations.events.on('named', named.station);
  services.teams.events.on('named', named.team);
  return () => {
    services.assignments.events.off('placed', roster.placed);
    services.moves.events.off('acknowledged', roster.acknowledged);
    services.phoneStatus.events.off('recorded', on.phoneReported);
    services.stations.events.off('station-changed', roster.station);
    services.teams.events.off('changed', roster.team);
    services.activity.events.off('committed', on.committed);
    services.units.events.off('tree-changed', on.treeChanged);
    services.targets.events.off('changed', on.targetsChanged);
    services.stations.events.off('shift-created', on.shiftCreated);
    services.people.events.off('named', named.person);
    services.stations.events.off('named', named.station);
    services.teams.events.off('named', named.team);
  };
}
