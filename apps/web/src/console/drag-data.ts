// What a drag carries in the console: people (a row, or the selected rows) or a whole team. Types of
// our own, so a file or a link dropped on a station does nothing.
const PEOPLE = 'application/x-xk-people';
const TEAM = 'application/x-xk-team';

export type Dragged = { kind: 'people'; personIds: number[] } | { kind: 'team'; teamId: number };

export function startDrag(event: DragEvent, what: Dragged) {
  if (!event.dataTransfer) return;
  event.dataTransfer.effectAllowed = 'move';
  if (what.kind === 'people') event.dataTransfer.setData(PEOPLE, JSON.stringify(what.personIds));
  else event.dataTransfer.setData(TEAM, String(what.teamId));
}

/** Whether a drag over a target carries something it takes (the data itself is readable only on drop). */
export const carriesOurs = (event: DragEvent) => !!event.dataTransfer && [...event.dataTransfer.types].some((type) => type === PEOPLE || type === TEAM);

export function droppedOf(event: DragEvent): Dragged | null {
  const data = event.dataTransfer;
  if (!data) return null;
  const people = data.getData(PEOPLE);
  if (people) {
    const ids = (JSON.parse(people) as unknown[]).filter((id): id is number => Number.isInteger(id));
    return ids.length ? { kind: 'people', personIds: ids } : null;
  }
  const team = Number(data.getData(TEAM));
  return Number.isInteger(team) && team > 0 ? { kind: 'team', teamId: team } : null;
}
