// The chosen campaign lives in the URL (`?campaign=12`) so a big screen can be bookmarked on it.
const PARAM = 'campaign';

export function readCampaignParam(): number | null {
  const raw = new URLSearchParams(location.search).get(PARAM);
  const id = Number(raw);
  return raw !== null && Number.isInteger(id) && id > 0 ? id : null;
}

export function writeCampaignParam(campaignId: number): void {
  const url = new URL(location.href);
  url.searchParams.set(PARAM, String(campaignId));
  history.replaceState(history.state, '', url);
}
