import { render } from 'solid-js/web';
import { App } from './app';
import { loadLang, readStoredLang } from './lib/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// English is a chunk of its own: on a device where it was chosen, it comes before the first render
// (no flash of Vietnamese); if it cannot come, the app starts in Vietnamese.
void loadLang(readStoredLang())
  .catch(() => undefined)
  .then(() => render(() => <App />, root));
