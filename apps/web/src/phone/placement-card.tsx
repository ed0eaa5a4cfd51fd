import type { PhoneToday } from '@xk/contract';
import { type Component, Show } from 'solid-js';
import { formatClock } from '../lib/format';
import { useLocale } from '../lib/i18n';

export interface Duty {
  stationId: number;
  stationName: string;
  since: string;
}

/** Where I am today (unit, team, station, shift, partner) and whether I am on duty, with the way in or out. */
export const PlacementCard: Component<{
  today: PhoneToday;
  duty: Duty | null;
  timeZone: string;
  onCheckIn: () => void;
  onCheckOut: () => void;
}> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  const placement = () => props.today.placement;
  const clock = (iso: string) => formatClock(new Date(iso), props.timeZone);
  return (
    <section class="card placement" data-testid="placement">
      <Show when={props.today.campaign}>{(c) => <p class="placement__campaign">{c().name}</p>}</Show>
      <Show when={placement()} fallback={<p class="placement__none">{t().noPlacement}</p>}>
        {(p) => (
          <dl class="placement__facts">
            <Show when={p().station}>
              {(s) => (
                <div class="placement__fact placement__fact--main">
                  <dt>{t().station}</dt>
                  <dd data-testid="placement-station">{s().name}</dd>
                  <Show when={s().address}>{(a) => <dd class="placement__address">{a()}</dd>}</Show>
                </div>
              )}
            </Show>
            <Show when={p().team}>
              {(team) => (
                <div class="placement__fact">
                  <dt>{t().team}</dt>
                  <dd data-testid="placement-team">{team().name}</dd>
                </div>
              )}
            </Show>
            <Show when={p().shift}>
              {(shift) => (
                <div class="placement__fact">
                  <dt>{t().shift}</dt>
                  <dd>
                    {clock(shift().startsAt)}–{clock(shift().endsAt)}
                  </dd>
                </div>
              )}
            </Show>
            <Show when={p().partner}>
              {(partner) => (
                <div class="placement__fact">
                  <dt>{t().partner}</dt>
                  <dd>{partner().name}</dd>
                </div>
              )}
            </Show>
            <Show when={!p().station && !p().team}>
              <div class="placement__fact">
                <dt>{t().unit}</dt>
                <dd>{p().unit.name}</dd>
              </div>
            </Show>
          </dl>
        )}
      </Show>
      <div class={props.duty ? 'duty duty--on' : 'duty'} data-testid="duty">
        <Show
          when={props.duty}
          fallback={
            <>
              <p class="duty__state">{t().notOnDuty}</p>
              <button type="button" class="button button--primary button--big" onClick={props.onCheckIn} data-testid="check-in">
                {t().checkIn}
              </button>
            </>
          }
        >
          {(duty) => (
            <>
              <p class="duty__state duty__state--on" data-testid="on-duty">
                {duty().stationId === placement()?.station?.id ? t().onDutySince(clock(duty().since)) : t().onDutyAt(duty().stationName, clock(duty().since))}
              </p>
              <button type="button" class="button button--secondary" onClick={props.onCheckOut} data-testid="check-out">
                {t().checkOut}
              </button>
            </>
          )}
        </Show>
      </div>
    </section>
  );
};
