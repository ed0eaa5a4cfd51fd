import type { Station } from '@xk/contract';
import { type Component, createSignal, Show } from 'solid-js';
import { Field } from '../../components/field';
import { useLocale } from '../../lib/i18n';
import { createStation, updateStation } from '../../lib/setup-api';
import { errorFor, type FormProblem, formError, formProblem } from './form-problem';
import { FormFoot } from './form-foot';
import { setupMessages, type StationKind } from './i18n-setup';
import { SelectField } from './select-field';
import type { SetupData } from './setup-data';
import { suggestCode } from './suggest-code';
import { unitOptions } from './unit-tree';

const FIELDS = ['name', 'code', 'kind', 'unitId', 'lat', 'lng', 'peopleNeeded'];

/** '' → undefined (not given); anything else a number, or NaN when it is not one. */
const optionalNumber = (text: string) => (text.trim() === '' ? undefined : Number(text.replace(',', '.')));

/**
 * A station, new or edited: name (the code is offered from it, and fixed once made: posters carry
 * it), kind, unit, an optional location, and the people needed per shift.
 */
export const StationForm: Component<{ campaignId: number; data: SetupData; station?: Station | undefined; onSaved: (station: Station) => void; onCancel: () => void; onUnauthorized: () => void }> = (props) => {
  const locale = useLocale();
  const t = () => setupMessages(locale.lang());
  const editing = props.station;
  const [name, setName] = createSignal(editing?.name ?? '');
  const [code, setCode] = createSignal(editing?.code ?? '');
  const [isCodeEdited, setCodeEdited] = createSignal(false);
  const [kind, setKind] = createSignal<StationKind>(editing?.kind ?? 'public_service_centre');
  const [unitId, setUnitId] = createSignal<number | null>(editing?.unitId ?? null);
  const [lat, setLat] = createSignal(editing?.lat?.toString() ?? '');
  const [lng, setLng] = createSignal(editing?.lng?.toString() ?? '');
  const [people, setPeople] = createSignal(String(editing?.peopleNeeded ?? 2));
  const [problem, setProblem] = createSignal<FormProblem | null>(null);
  const [isBusy, setBusy] = createSignal(false);
  const unit = () => unitId() ?? props.data.scopeUnits()[0]?.id ?? null;
  const err = (field: string) => errorFor(problem(), field);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const [la, ln, pn] = [optionalNumber(lat()), optionalNumber(lng()), optionalNumber(people())];
    if (Number.isNaN(la)) return setProblem({ field: 'lat', text: t().errors.badNumber });
    if (Number.isNaN(ln)) return setProblem({ field: 'lng', text: t().errors.badNumber });
    if (pn === undefined || Number.isNaN(pn)) return setProblem({ field: 'peopleNeeded', text: t().errors.badNumber });
    if (unit() === null) return setProblem({ field: null, text: t().errors.outside });
    setBusy(true);
    setProblem(null);
    const fields = { name: name().trim(), kind: kind(), unitId: unit()!, peopleNeeded: pn, ...(la !== undefined ? { lat: la } : {}), ...(ln !== undefined ? { lng: ln } : {}) };
    try {
      const saved = editing ? await updateStation(editing.id, fields) : await createStation(props.campaignId, { ...fields, code: code().trim() });
      props.data.refetch.stations();
      props.onSaved(saved);
    } catch (e) {
      setProblem(formProblem(e, { setup: t(), auth: locale.t().auth }, FIELDS, props.onUnauthorized));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card setup-card" onSubmit={(e) => void submit(e)} novalidate data-testid="station-form">
      <h3 class="setup-subtitle">{editing ? t().editStation(editing.name) : t().addStation}</h3>
      <div class="setup-grid setup-grid--name">
        <Field id="station-name" label={t().stationName} value={name()} placeholder={t().stationNamePlaceholder} onValue={(v) => (setName(v), editing || isCodeEdited() || setCode(suggestCode(v)))} error={err('name')} />
        <Field id="station-code" label={t().code} value={code()} disabled={Boolean(editing)} onValue={(v) => (setCode(v), setCodeEdited(true))} spellcheck={false} error={err('code')} />
      </div>
      <div class="setup-grid">
        <SelectField id="station-kind" label={t().stationKind} value={kind()} onValue={(v) => setKind(v as StationKind)} options={(Object.keys(t().stationKinds) as StationKind[]).map((k) => ({ value: k, label: t().stationKinds[k] }))} error={err('kind')} />
        <SelectField id="station-unit" label={t().unit} value={String(unit() ?? '')} onValue={(v) => setUnitId(Number(v))} options={unitOptions(props.data.scopeUnits())} error={err('unitId')} />
      </div>
      <div class="setup-grid setup-grid--3">
        <Field id="station-people" type="number" inputmode="numeric" min="0" label={t().peopleNeeded} value={people()} onValue={setPeople} error={err('peopleNeeded')} />
        <Field id="station-lat" inputmode="decimal" label={<>{t().lat} <span class="field__optional">{t().optional}</span></>} value={lat()} onValue={setLat} error={err('lat')} />
        <Field id="station-lng" inputmode="decimal" label={<>{t().lng} <span class="field__optional">{t().optional}</span></>} value={lng()} onValue={setLng} error={err('lng')} />
      </div>
      <p class="field__hint">{t().locationHint}</p>
      <FormFoot error={formError(problem())} submit={isBusy() ? t().saving : editing ? t().save : t().addStation} isBusy={isBusy()} testId="station-submit">
        <Show when={editing}>
          <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
            {t().cancel}
          </button>
        </Show>
      </FormFoot>
    </form>
  );
};
