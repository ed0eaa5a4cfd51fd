import type { Campaign, Invite } from '@xk/contract';
import { type Component, createSignal, For, Show } from 'solid-js';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useLocale } from '../../lib/i18n';
import { revokeInvite } from '../../lib/setup-api';
import { type FormProblem, formError, formProblem } from './form-problem';
import { setupMessages } from './i18n-setup';
import { InviteForm } from './invite-form';
import { PrintChoices } from './print-choices';
import type { SetupData } from './setup-data';
import { SetupTable } from './setup-table';

type InviteStatus = 'active' | 'revoked' | 'expired' | 'usedUp';
const statusOf = (i: Invite): InviteStatus => (i.revokedAt ? 'revoked' : Date.parse(i.expiresAt) <= Date.now() ? 'expired' : i.uses >= i.maxUses ? 'usedUp' : 'active');

/**
 * Invites for volunteers, and printing: the form; the invites made here (their links are shown only
 * now), to print as cards with the stations' posters; every invite of the campaign with its uses,
 * to revoke one.
 */
export const InvitesSection: Component<{ campaign: Campaign; data: SetupData; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const teamName = (id: number | null) => (id === null ? '' : (props.data.teams().find((x) => x.id === id)?.name ?? `#${id}`));
  const stationName = (id: number | null) => (id === null ? '' : (props.data.stations().find((x) => x.id === id)?.name ?? `#${id}`));
  const leadsTo = (i: { teamId: number | null; stationId: number | null; label: string | null }) => [teamName(i.teamId), stationName(i.stationId), i.label].filter(Boolean).join(' · ');
  const revoke = async (id: number) => {
    setProblem(null);
    try {
      await revokeInvite(id);
      props.data.refetch.invites();
    } catch (err) {
      setProblem(formProblem(err, { setup: t(), auth: locale.t().auth }, [], props.onUnauthorized));
    }
  };

  return (
    <section class="setup-section" data-testid="setup-invites">
      <div class="card setup-card">
        <h2 class="setup-card__title">{t().invitesTitle}</h2>
        <p class="setup-intro">{t().invitesIntro}</p>
        <InviteForm campaign={props.campaign} data={props.data} onUnauthorized={props.onUnauthorized} />
      </div>
      <PrintChoices campaign={props.campaign} data={props.data} leadsTo={leadsTo} onUnauthorized={props.onUnauthorized} />
      <div class="card setup-card">
        <h3 class="setup-subtitle">{t().allInvites}</h3>
        <SetupTable
          items={props.data.invites()}
          empty={t().noInvites}
          testId="invites-table"
          headers={[{ label: t().inviteFor }, { label: t().uses, isNumber: true }, { label: t().expiresAt }, { label: '' }]}
        >
          {(i) => (
            <tr classList={{ 'setup-row--off': statusOf(i) !== 'active' }}>
              <td>{leadsTo(i)}</td>
              <td class="num">
                {formatNumber(i.uses)}/{formatNumber(i.maxUses)}
              </td>
              <td>
                {formatDateTime(new Date(i.expiresAt), props.campaign.timezone)}
                <span class="setup-block setup-muted">{t().status[statusOf(i)]}</span>
              </td>
              <td class="setup-row-actions">
                <Show when={statusOf(i) === 'active'}>
                  <button type="button" class="link-button setup-small" onClick={() => void revoke(i.id)}>
                    {t().revoke}
                  </button>
                </Show>
              </td>
            </tr>
          )}
        </SetupTable>
        <Show when={formError(problem())}>
          <p class="form-message form-message--error" role="alert">
            {formError(problem())}
          </p>
        </Show>
      </div>
    </section>
  );
};
