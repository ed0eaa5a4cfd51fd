import { formatNumber, formatPercent } from '../../lib/format';

/** An adoption target is a share of members; every other kind is a count. */
export const isShareTarget = (t: { kind: string }): boolean => t.kind === 'adoption_share';

/** A target's value as the tab writes it: "5.000", or "80%" for a share. */
export const targetValueText = (t: { kind: string; value: number }): string => (isShareTarget(t) ? formatPercent(t.value) : formatNumber(t.value));
