// The confirmation every action asks for: a modal <dialog> naming what will happen, Cancel focused first so that
// a stray Enter does nothing.
import { byId } from '../shared/dom.js';

const dialog = byId('confirm') as HTMLDialogElement;
const title = byId('confirm-title');
const text = byId('confirm-text');
const ok = byId('confirm-ok') as HTMLButtonElement;
const cancel = byId('confirm-cancel') as HTMLButtonElement;
const reason = byId('confirm-reason') as HTMLInputElement;

export interface Question {
  title: string;
  text: string;
  /** The confirming button's words, e.g. "Pause clip". */
  confirm: string;
  /** A destructive action gets the danger colour. */
  danger?: boolean;
}

/**
 * Shows the question; answers the reason typed (possibly '') when the operator confirmed, null when not. Focus
 * returns to where it was.
 */
export function confirmAction(question: Question): Promise<string | null> {
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // The page refreshes behind the dialog and rebuilds its rows: the button is found again by its data-key.
  const returnKey = returnTo?.getAttribute('data-key') ?? null;
  title.textContent = question.title;
  text.textContent = question.text;
  ok.textContent = question.confirm;
  ok.classList.toggle('danger', question.danger === true);
  reason.value = '';
  return new Promise((resolve) => {
    const finish = (confirmed: boolean) => {
      ok.removeEventListener('click', yes);
      cancel.removeEventListener('click', no);
      dialog.removeEventListener('cancel', no);
      if (dialog.open) {
        dialog.close();
      }
      const again = returnKey ? document.querySelector<HTMLElement>(`[data-key="${CSS.escape(returnKey)}"]`) : null;
      (again ?? (returnTo?.isConnected ? returnTo : null))?.focus();
      resolve(confirmed ? reason.value.trim() : null);
    };
    const yes = () => finish(true);
    const no = (event?: Event) => {
      event?.preventDefault();
      finish(false);
    };
    ok.addEventListener('click', yes);
    cancel.addEventListener('click', no);
    dialog.addEventListener('cancel', no);
    dialog.showModal();
    cancel.focus();
  });
}
