import type { LiveView } from '@xk/contract';
import type { Component } from 'solid-js';
import { formatNumber } from '../lib/format';
import { useLocale } from '../lib/i18n';

/** One big figure with a smaller one under it; each number alone in its element for tests to read. */
const StatCard: Component<{
  label: string;
  value: number;
  testId: string;
  detailLabel: string;
  detailValue: number;
  detailTestId: string;
}> = (props) => (
  <div class="stat">
    <p class="stat__label">{props.label}</p>
    <p class="stat__value" data-testid={props.testId}>
      {formatNumber(props.value)}
    </p>
    <p class="stat__detail">
      {props.detailLabel}: <span data-testid={props.detailTestId}>{formatNumber(props.detailValue)}</span>
    </p>
  </div>
);

/** The four headline figures; the live view and the REST totals both have them. */
export const HeadlineStats: Component<{ totals: Pick<LiveView, 'residents' | 'shops' | 'sessions' | 'volunteers'> }> = (props) => {
  const locale = useLocale();
  const t = () => locale.t();
  const sessions = () => props.totals.sessions.outreach.count + props.totals.sessions.training.count;
  const attendance = () => props.totals.sessions.outreach.attendance + props.totals.sessions.training.attendance;
  return (
    <div class="stats">
      <StatCard
        label={t().residents}
        value={props.totals.residents.total}
        testId="residents-total"
        detailLabel={t().today}
        detailValue={props.totals.residents.today}
        detailTestId="residents-today"
      />
      <StatCard
        label={t().shops}
        value={props.totals.shops.total}
        testId="shops-total"
        detailLabel={t().today}
        detailValue={props.totals.shops.today}
        detailTestId="shops-today"
      />
      <StatCard
        label={t().onDuty}
        value={props.totals.volunteers.onDutyNow}
        testId="on-duty"
        detailLabel={t().checkedInToday}
        detailValue={props.totals.volunteers.checkedInToday}
        detailTestId="checked-in-today"
      />
      <StatCard
        label={t().sessions}
        value={sessions()}
        testId="sessions-total"
        detailLabel={t().attendance}
        detailValue={attendance()}
        detailTestId="attendance-total"
      />
    </div>
  );
};
