import type { Campaign, InviteCreated, Station } from '@xk/contract';
import { type Component, Show } from 'solid-js';
import { formatDateTime } from '../../lib/format';
import { printVi } from './i18n-setup';
import { QrCode } from './qr-code';

export interface CardInfo {
  invite: InviteCreated;
  teamName: string | null;
  stationName: string | null;
}

export interface PosterInfo {
  station: Station;
  unitName: string;
  /** What the QR carries: `<public URL>/phone/#/checkin/<signed token>`. */
  url: string;
}

/** One invite card, a cut-out eighth of an A4 sheet: the QR, where it leads, until when, and the link in text for those who type it. */
export const InviteCard: Component<{ campaign: Campaign; card: CardInfo }> = (props) => (
  <article class="print-card" data-testid="print-card" data-invite-id={props.card.invite.id}>
    <QrCode class="print-card__qr" text={props.card.invite.url} label={printVi.scanToJoin} />
    <div class="print-card__text">
      <p class="print-card__kicker">{printVi.cardTitle}</p>
      <p class="print-card__campaign">{props.campaign.name}</p>
      <Show when={props.card.teamName}>
        <p class="print-card__line">
          <span>{printVi.team}:</span> <strong>{props.card.teamName}</strong>
        </p>
      </Show>
      <Show when={props.card.stationName}>
        <p class="print-card__line">
          <span>{printVi.station}:</span> <strong>{props.card.stationName}</strong>
        </p>
      </Show>
      <p class="print-card__line">{printVi.expires(formatDateTime(new Date(props.card.invite.expiresAt), props.campaign.timezone))}</p>
      <p class="print-card__scan">{printVi.scanToJoin}</p>
      <p class="print-card__link" data-testid="print-card-link">
        {props.card.invite.url}
      </p>
    </div>
  </article>
);

/** A station's check-in poster, half an A4 sheet: a QR big enough to scan from a step away, and the station's name. */
export const StationPoster: Component<{ campaign: Campaign; poster: PosterInfo }> = (props) => (
  <article class="print-poster" data-testid="print-poster" data-station-id={props.poster.station.id}>
    <QrCode class="print-poster__qr" text={props.poster.url} label={`${printVi.posterTitle}: ${props.poster.station.name}`} />
    <div class="print-poster__text">
      <p class="print-poster__title">{printVi.posterTitle}</p>
      <p class="print-poster__station">{props.poster.station.name}</p>
      <p class="print-poster__unit">{props.poster.unitName}</p>
      <p class="print-poster__campaign">{props.campaign.name}</p>
      <p class="print-poster__hint">{printVi.posterHint}</p>
      <p class="print-poster__code">{props.poster.station.code}</p>
    </div>
  </article>
);
