import './live-screens.css';
import type { Me } from '@xk/contract';
import type { Component } from 'solid-js';
import { Freshness } from '../components/freshness';
import { LiveContent } from '../components/live-content';
import { useAuth } from '../lib/auth';
import { useLocale } from '../lib/i18n';
import { createLiveTotals } from '../lib/live-totals';

/**
 * A hall screen opened with a board link: the shell as a kiosk. Its session names one campaign and
 * one unit, so there is nothing to pick and nobody to sign out: the live view of that unit (not the
 * campaign's root), the campaign's name on top. The session ending (the link revoked) is the app's to show.
 */
export const BoardScreen: Component<{ me: Me }> = (props) => {
  const locale = useLocale();
  const auth = useAuth();
  const t = () => locale.t();
  // Read once: a board's campaign and unit never change within its session.
  const live = createLiveTotals({ initialCampaignId: props.me.campaignId ?? null, unitId: props.me.unitId, onUnauthorized: auth.sessionEnded });

  return (
    <div class="shell shell--board" data-testid="board">
      <header class="shell__header board__header">
        <div class="board__titles">
          <p class="board__brand">{t().appName}</p>
          <h1 class="board__campaign" data-testid="board-campaign">
            {live.selectedCampaign()?.name ?? ''}
          </h1>
          {/* Whose figures these are: a district's screen must not pass for the whole campaign's. */}
          <p class="board__scope" data-testid="board-unit">
            {props.me.unitName ?? t().board.unitView}
          </p>
        </div>
        <div class="board__status">
          <span class="board__badge" data-testid="board-badge">
            {t().auth.boardScreen}
          </span>
          <Freshness updatedAt={live.state.updatedAt} timeZone={live.timeZone()} isReconnecting={live.isReconnecting()} />
        </div>
      </header>
      <main class="shell__main">
        <LiveContent live={live} />
      </main>
    </div>
  );
};
