import type { Campaign, Shift, Station } from '@xk/contract';
import { fromZonedInput, toZonedInput } from '@xk/domain';
import { type Component, createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { Field } from '../../components/field';
import { ApiError } from '../../lib/api';
import { formatClock, formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/i18n';
import { createShift, listShifts } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { FormFoot } from './form-foot';
import { setupMessages } from './i18n-setup';
import { ZonedTimeField } from './zoned-time-field';

const HOUR = 3_600_000;

/** A station's shifts, on the campaign's clock, and a form for the next one (it starts where the last ended). */
export const ShiftsPanel: Component<{ campaign: Campaign; station: Station; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const zone = () => props.campaign.timezone;
  const [shifts, { refetch }] = createResource(
    () => props.station.id,
    (id) =>
      listShifts(id).catch((err: unknown) => {
        if (err instanceof ApiError && err.problem.kind === 'http' && err.problem.status === 401) props.onUnauthorized();
        return [] as Shift[];
      }),
  );
  /** The next shift starts where the last one ended, or when the campaign starts; four hours long. */
  const nextStart = () => {
    const last = shifts()?.at(-1);
    return new Date(last ? last.endsAt : props.campaign.startsAt);
  };
  const [startsAt, setStartsAt] = createSignal('');
  const [endsAt, setEndsAt] = createSignal('');
  const offerNext = () => {
    const from = nextStart();
    setStartsAt(toZonedInput(from, zone()));
    setEndsAt(toZonedInput(new Date(from.getTime() + 4 * HOUR), zone()));
  };
  /** What the person typed is never replaced by an offer. */
  let isTyped = false;
  // Once the station's shifts are read, and after each one added: the next one is offered.
  createEffect(on(() => shifts.state === 'ready' && shifts(), (list) => list && !isTyped && offerNext()));
  const typed = (set: (v: string) => void) => (v: string) => {
    isTyped = true;
    set(v);
  };
  const [people, setPeople] = createSignal(String(props.station.peopleNeeded));
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const err = (field: string) => errorFor(problem(), field);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const start = fromZonedInput(startsAt(), zone());
    const end = fromZonedInput(endsAt(), zone());
    if (!start || !end) return setProblem({ field: start ? 'endsAt' : 'startsAt', text: t().errors.pickTime });
    const needed = Number(people());
    if (people().trim() === '' || !Number.isInteger(needed) || needed < 0) return setProblem({ field: 'peopleNeeded', text: t().errors.badNumber });
    setProblem(null);
    try {
      await createShift(props.station.id, { startsAt: start.toISOString(), endsAt: end.toISOString(), peopleNeeded: needed });
      isTyped = false;
      await refetch();
    } catch (e) {
      setProblem(formProblem(e, { setup: t(), auth: locale.t().auth }, ['startsAt', 'endsAt', 'peopleNeeded'], props.onUnauthorized));
    }
  };

  return (
    <form class="card setup-card" onSubmit={(e) => void submit(e)} novalidate data-testid="shifts-panel">
      <h3 class="setup-subtitle">{t().shiftsOf(props.station.name)}</h3>
      <Show when={shifts()?.length} fallback={<p class="report__empty">{t().noShifts}</p>}>
        <ul class="setup-shifts" data-testid="shift-list">
          <For each={shifts()}>
            {(s) => (
              <li>
                <span class="setup-figure">
                  {formatDateTime(new Date(s.startsAt), zone())} – {formatClock(new Date(s.endsAt), zone())}
                </span>
                <span class="setup-muted">{t().people(s.peopleNeeded)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="setup-grid setup-grid--3">
        <ZonedTimeField id="shift-starts" label={t().shiftStart} value={startsAt()} timeZone={zone()} onValue={typed(setStartsAt)} error={err('startsAt')} />
        <ZonedTimeField id="shift-ends" label={t().shiftEnd} value={endsAt()} timeZone={zone()} onValue={typed(setEndsAt)} error={err('endsAt')} />
        <Field id="shift-people" type="number" inputmode="numeric" min="0" label={t().peopleNeeded} value={people()} onValue={setPeople} error={err('peopleNeeded')} />
      </div>
      <FormFoot error={formError(problem())} submit={t().addShift} testId="shift-submit" />
    </form>
  );
};
