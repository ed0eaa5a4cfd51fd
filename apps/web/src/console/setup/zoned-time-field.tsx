import { fromZonedInput } from '@xk/domain';
import type { Component, JSX } from 'solid-js';
import { Field } from '../../components/field';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/i18n';
import { setupMessages } from './i18n-setup';

/**
 * A date and time on the campaign's wall clock (`datetime-local`, whose value the form turns into an
 * instant with `fromZonedInput`), with the value written out under it the Vietnamese way
 * (dd/mm/yyyy HH:mm): the browser's own picker may show another format.
 */
export const ZonedTimeField: Component<{ id: string; label: JSX.Element; value: string; timeZone: string; onValue: (value: string) => void; error?: string | undefined }> = (props) => {
  const locale = useLocale();
  const hint = () => {
    const at = fromZonedInput(props.value, props.timeZone);
    return at ? setupMessages(locale.lang()).whenHint(formatDateTime(at, props.timeZone)) : undefined;
  };
  return <Field id={props.id} type="datetime-local" label={props.label} value={props.value} onValue={props.onValue} hint={hint()} error={props.error} />;
};
