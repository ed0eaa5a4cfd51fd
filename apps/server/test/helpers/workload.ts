import { randomUUID } from 'node:crypto';

/** A small seeded PRNG (mulberry32): the same seed gives the same workload. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

export interface Expected {
  residents: Map<string, number>;
  shops: Map<string, number>;
  sessions: number;
  attendance: number;
  adopters: Map<string, number>;
}

const empty = (): Expected => ({ residents: new Map(), shops: new Map(), sessions: 0, attendance: 0, adopters: new Map() });
const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

/**
 * Generates entries against known units and keeps its own books: what each unit itself received.
 * Subtree totals are then summed by walking the generator's own parent map — never by asking the hub.
 */
export function createWorkload(seed: number) {
  const r = rng(seed);
  const own = new Map<number, Expected>();
  const books = (unitId: number) => own.get(unitId) ?? own.set(unitId, empty()).get(unitId)!;
  const adopted = new Set<string>();
  const recorded: Array<{ id: string; unitId: number; tally: string; serviceCode?: string; beneficiary?: string; quantity: number; attendance: number }> = [];
  const services = ['vneid_level2', 'public_service_account', 'cashless_payment', 'citizen_app', 'vssid'];

  return {
    /** One entry for `personId` counted against `unitId`, and its effect on the books. */
    entry(campaignId: number, personId: number, unitId: number, occurredAt: string): Record<string, unknown> {
      const roll = r.next();
      const base = { id: randomUUID(), campaignId, personId, unitId, occurredAt };
      if (roll < 0.7) {
        const serviceCode = r.pick(services);
        const beneficiary = serviceCode === 'cashless_payment' && r.next() < 0.5 ? 'shop' : 'resident';
        const quantity = r.next() < 0.8 ? 1 : r.int(2, 9);
        add(beneficiary === 'shop' ? books(unitId).shops : books(unitId).residents, serviceCode, quantity);
        recorded.push({ id: base.id, unitId, tally: 'assistance', serviceCode, beneficiary, quantity, attendance: 0 });
        return { ...base, kind: 'assistance', serviceCode, beneficiary, quantity };
      }
      if (roll < 0.8) {
        const attendance = r.int(5, 400);
        books(unitId).sessions += 1;
        books(unitId).attendance += attendance;
        recorded.push({ id: base.id, unitId, tally: 'session', quantity: 1, attendance });
        return { ...base, kind: 'session', sessionKind: r.next() < 0.5 ? 'outreach' : 'training', attendance };
      }
      const serviceCode = r.pick(services);
      if (roll < 0.9 && !adopted.has(`${personId}:${serviceCode}`)) {
        adopted.add(`${personId}:${serviceCode}`);
        add(books(unitId).adopters, serviceCode, 1);
        return { ...base, kind: 'adoption', serviceCode };
      }
      return { ...base, kind: 'check_out' };
    },

    /** A correction of an earlier assistance or session, with its effect on the books. */
    correction(campaignId: number, personId: number, occurredAt: string): Record<string, unknown> | null {
      const candidates = recorded.filter((x) => x.quantity > 0);
      if (!candidates.length) return null;
      const target = r.pick(candidates);
      const b = books(target.unitId);
      const isVoid = r.next() < 0.5 || target.tally === 'session';
      const base = { id: randomUUID(), kind: 'correction', campaignId, personId, correctsId: target.id, reason: 'sửa số liệu', occurredAt };
      if (isVoid) {
        if (target.tally === 'assistance') add(target.beneficiary === 'shop' ? b.shops : b.residents, target.serviceCode!, -target.quantity);
        else {
          b.sessions -= 1;
          b.attendance -= target.attendance;
        }
        target.quantity = 0;
        target.attendance = 0;
        return { ...base, action: 'void' };
      }
      const quantity = r.int(0, 5);
      add(target.beneficiary === 'shop' ? b.shops : b.residents, target.serviceCode!, quantity - target.quantity);
      target.quantity = quantity;
      return { ...base, action: 'adjust', quantity };
    },

    /** Expected totals of `unitId`'s subtree, given the tree as the generator knows it (child → effective parent). */
    expectedFor(unitId: number, parentOf: Map<number, number | null>): Expected {
      const total = empty();
      for (const [u, e] of own) {
        let cur: number | null | undefined = u;
        while (cur != null && cur !== unitId) cur = parentOf.get(cur);
        if (cur !== unitId) continue;
        for (const [k, n] of e.residents) add(total.residents, k, n);
        for (const [k, n] of e.shops) add(total.shops, k, n);
        for (const [k, n] of e.adopters) add(total.adopters, k, n);
        total.sessions += e.sessions;
        total.attendance += e.attendance;
      }
      return total;
    },
  };
}

export const sumOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
export const nonZero = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n !== 0).sort());
