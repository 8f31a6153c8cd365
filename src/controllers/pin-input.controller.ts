// The PIN entry's state and keyboard handling (Zag's pin-input, as a Lit controller): one box per
// digit, typing moves forward, Backspace moves back, arrows move, a paste fills every box, Enter
// submits. The view stays pure: it renders `digits` and wires these handlers.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PinInputController implements ReactiveController {
  digits: string[] = [];
  /** Which entry the digits belong to ('enter' or 'confirm' of a stage): a new one clears them. */
  private stageKey = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onSubmit: (pin: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Called by the view on render: a new entry (the confirmation, a retry after a problem) empties the
   * boxes and puts focus back in the first one. Without that, focus stayed in the last box typed, or
   * fell to <body> when the Confirm button that was pressed became disabled (WCAG 2.4.3).
   */
  sync(stageKey: string, length: number): void {
    if (stageKey === this.stageKey && this.digits.length === length) return;
    this.stageKey = stageKey;
    this.digits = Array.from({ length }, () => '');
    this.focus(0);
  }

  get value(): string {
    return this.digits.join('');
  }

  readonly onInput = (event: InputEvent): void => {
    const input = event.target as HTMLInputElement;
    const index = Number(input.dataset['index']);
    const typed = input.value.replace(/\D/g, '');
    if (typed.length > 1) return this.fill(index, typed);
    this.digits[index] = typed;
    input.value = typed;
    this.host.requestUpdate();
    if (typed) this.focus(index + 1);
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    const input = event.target as HTMLInputElement;
    const index = Number(input.dataset['index']);
    if (event.key === 'Backspace' && !input.value && index > 0) {
      event.preventDefault();
      this.digits[index - 1] = '';
      this.host.requestUpdate();
      this.focus(index - 1);
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      this.focus(index - 1);
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      this.focus(index + 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.submit();
    }
  };

  readonly onPaste = (event: ClipboardEvent): void => {
    const pasted = (event.clipboardData?.getData('text') ?? '').replace(/\D/g, '');
    if (!pasted) return;
    event.preventDefault();
    this.fill(Number((event.target as HTMLInputElement).dataset['index']), pasted);
  };

  readonly submit = (): void => {
    const pin = this.value;
    if (!pin) return;
    // The entry is spent whatever the answer: the next PIN view starts empty, even when its stage key
    // is the same (the next run's PIN, the node asking again): a PIN is never shown pre-filled.
    this.stageKey = '';
    this.onSubmit(pin);
  };

  private fill(from: number, digits: string): void {
    for (let i = 0; i < digits.length && from + i < this.digits.length; i++) this.digits[from + i] = digits[i]!;
    this.host.requestUpdate();
    this.focus(Math.min(from + digits.length, this.digits.length - 1));
  }

  private focus(index: number): void {
    if (index < 0 || index >= this.digits.length) return;
    void this.host.updateComplete.then(() => {
      const input = this.host.shadowRoot?.querySelector<HTMLInputElement>(`input[data-index="${index}"]`);
      input?.focus();
      input?.select();
    });
  }
}
