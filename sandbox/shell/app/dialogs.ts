/** Xrm.Navigation's alert and confirm dialogs as simple modal dialogs. */
import { h } from './dom';

function modal(title: string, text: string, buttons: { label: string; primary?: boolean; value: boolean }[]) {
  return new Promise<boolean>((resolve) => {
    const close = (value: boolean) => {
      overlay.remove();
      resolve(value);
    };
    const dialog = h(
      'div',
      { className: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'dialog-title' },
      h('h2', { id: 'dialog-title' }, title),
      h('p', { className: 'dialog-text' }, text),
      h(
        'div',
        { className: 'dialog-buttons' },
        ...buttons.map((b) =>
          h('button', { className: b.primary ? 'primary' : '', onClick: () => close(b.value) }, b.label),
        ),
      ),
    );
    const overlay = h('div', { className: 'overlay' }, dialog);
    overlay.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close(false);
    });
    document.body.append(overlay);
    dialog.querySelector<HTMLButtonElement>('button.primary')?.focus();
  });
}

export interface AlertStrings {
  text: string;
  title?: string;
  confirmButtonLabel?: string;
}

export interface ConfirmStrings extends AlertStrings {
  cancelButtonLabel?: string;
  subtitle?: string;
}

export async function openAlertDialog(strings: AlertStrings): Promise<void> {
  await modal(strings.title ?? 'Alert', strings.text, [
    { label: strings.confirmButtonLabel ?? 'OK', primary: true, value: true },
  ]);
}

export async function openConfirmDialog(strings: ConfirmStrings): Promise<{ confirmed: boolean }> {
  const confirmed = await modal(strings.title ?? 'Confirm', strings.text, [
    { label: strings.confirmButtonLabel ?? 'OK', primary: true, value: true },
    { label: strings.cancelButtonLabel ?? 'Cancel', value: false },
  ]);
  return { confirmed };
}
