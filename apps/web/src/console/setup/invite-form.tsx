import type { Campaign } from '@xk/contract';
import { fromZonedInput, toZonedInput } from '@xk/domain';
import { type Component, createSignal, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useLocale } from '../../lib/i18n';
import { createInvite } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { FormFoot } from './form-foot';
import { setupMessages } from './i18n-setup';
import { SelectField } from './select-field';
import type { SetupData } from './setup-data';
import { ZonedTimeField } from './zoned-time-field';

const DAY = 86_400_000;

/** An invite lasts until the campaign ends (the hub allows up to 90 days), or a week when it already has. */
function defaultExpiry(campaign: Campaign): string {
  const end = Date.parse(campaign.endsAt);
  const at = end > Date.now() + 3_600_000 ? Math.min(end, Date.now() + 89 * DAY) : Date.now() + 7 * DAY;
  return toZonedInput(new Date(at), campaign.timezone);
}

/** A new invite for a team and/or a station: how many may use it, until when, and a note. Its secret comes back once: kept for printing. */
export const InviteForm: Component<{ campaign: Campaign; data: SetupData; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [teamId, setTeamId] = createSignal('');
  const [stationId, setStationId] = createSignal('');
  const [uses, setUses] = createSignal('30');
  const [expiresAt, setExpiresAt] = createSignal(defaultExpiry(props.campaign));
  const [label, setLabel] = createSignal('');
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  const err = (field: string) => errorFor(problem(), field);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!teamId() && !stationId()) return setProblem({ field: 'teamId', text: t().errors.inviteTarget });
    const until = fromZonedInput(expiresAt(), props.campaign.timezone);
    if (!until) return setProblem({ field: 'expiresAt', text: t().errors.pickTime });
    const maxUses = Number(uses());
    if (!Number.isInteger(maxUses)) return setProblem({ field: 'maxUses', text: t().errors.uses });
    setBusy(true);
    setProblem(null);
    try {
      const invite = await createInvite(props.campaign.id, {
        ...(teamId() ? { teamId: Number(teamId()) } : {}),
        ...(stationId() ? { stationId: Number(stationId()) } : {}),
        ...(label().trim() ? { label: label().trim() } : {}),
        maxUses,
        expiresAt: until.toISOString(),
      });
      props.data.addCreated(invite);
      props.data.refetch.invites();
      setLabel('');
    } catch (e) {
      setProblem(formProblem(e, { setup: t(), auth: locale.t().auth }, ['teamId', 'stationId', 'maxUses', 'expiresAt', 'label'], props.onUnauthorized));
    } finally {
      setBusy(false);
    }
  };

  const none = () => ({ value: '', label: t().none });
  return (
    <form class="setup-form" onSubmit={(e) => void submit(e)} novalidate data-testid="invite-form">
      <div class="setup-grid">
        <SelectField id="invite-team" label={t().inviteTeam} value={teamId()} onValue={setTeamId} options={[none(), ...props.data.teams().map((x) => ({ value: String(x.id), label: x.name }))]} error={err('teamId')} />
        <SelectField id="invite-station" label={t().inviteStation} value={stationId()} onValue={setStationId} options={[none(), ...props.data.stations().map((x) => ({ value: String(x.id), label: x.name }))]} error={err('stationId')} />
      </div>
      <div class="setup-grid setup-grid--3">
        <Field id="invite-uses" type="number" inputmode="numeric" min="1" max="10000" label={t().maxUses} value={uses()} onValue={setUses} error={err('maxUses')} />
        <ZonedTimeField id="invite-expires" label={t().expiresAt} value={expiresAt()} timeZone={props.campaign.timezone} onValue={setExpiresAt} error={err('expiresAt')} />
        <Field id="invite-label" label={<>{t().label} <span class="field__optional">{t().optional}</span></>} placeholder={t().labelPlaceholder} value={label()} onValue={setLabel} error={err('label')} />
      </div>
      <FormFoot error={formError(problem())} submit={isBusy() ? t().saving : t().createInvite} isBusy={isBusy()} testId="invite-submit" />
    </form>
  );
};
