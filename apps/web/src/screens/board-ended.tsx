import { type Component, createResource, Show } from 'solid-js';
import { useAuth } from '../lib/auth';
import { loadLang, messagesOf, useLocale } from '../lib/i18n';

/**
 * A hall screen whose link was refused or whose session ended: one message across the screen, in
 * Vietnamese and English at once (nobody in the hall can press the language switch), and no form (a
 * TV has no keyboard). A small way out for a browser that is not a hall screen after all.
 */
export const BoardEndedScreen: Component<{ reason: 'revoked' | 'invalid' }> = (props) => {
  const auth = useAuth();
  const locale = useLocale();
  // English is a chunk of its own: shown once it is here (Vietnamese needs nothing).
  const [english] = createResource(() => loadLang('en').then(() => messagesOf('en')));
  return (
    <main class="board-ended" data-testid="board-ended" data-reason={props.reason}>
      <div class="board-ended__card" role="alert">
        <p class="board-ended__brand">{locale.t().appName}</p>
        <p class="board-ended__message" lang="vi" data-testid="board-ended-vi">
          {messagesOf('vi').board[props.reason]}
        </p>
        <Show when={english()}>
          {(en) => (
            <p class="board-ended__message board-ended__message--en" lang="en" data-testid="board-ended-en">
              {en().board[props.reason]}
            </p>
          )}
        </Show>
      </div>
      <button type="button" class="link-button board-ended__leave" onClick={() => auth.leaveBoard()} data-testid="board-ended-leave">
        {locale.t().board.leave}
      </button>
    </main>
  );
};
