// The PIN entry's state and keyboard handling (Zag's pin-input, as a Lit controller). A PIN of a
// fixed length gets one box per digit: typing moves forward, Backspace moves back, arrows move, a
// paste or a one-time-code autofill (the whole PIN lands in the first box) fills every box, Enter
// submits. A PIN whose length is a range gets one field (`digits` has one entry): boxes would not
// say how many to fill. The view stays pure: it renders `digits` and wires these handlers.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PinInputController implements ReactiveController {
  digits: string[] = [];
  /** Which entry the digits belong to ('enter' or 'confirm' of a stage): a new one clears them. */
  private stageKey = '';
  /** One box per digit (a fixed length) or a single field (a range). */
  private boxes = true;
  /** The longest PIN the field takes. */
  private max = 0;

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
  sync(stageKey: string, digits: { min: number; max: number }): void {
    const boxes = digits.min === digits.max;
    const count = boxes ? digits.max : 1;
    if (stageKey === this.stageKey && this.digits.length === count && this.boxes === boxes && this.max === digits.max) return;
    this.stageKey = stageKey;
    this.boxes = boxes;
    this.max = digits.max;
    this.digits = Array.from({ length: count }, () => '');
    this.focus(0);
  }

  get value(): string {
    return this.digits.join('');
  }

  readonly onInput = (event: InputEvent): void => {
    const input = event.target as HTMLInputElement;
    const index = Number(input.dataset['index']);
    const typed = input.value.replace(/\D/g, '');
    if (!this.boxes) {
      this.digits[0] = input.value = typed.slice(0, this.max);
      return this.host.requestUpdate();
    }
    if (typed.length > 1) return this.fill(index, typed);
    this.digits[index] = typed;
    input.value = typed;
    this.host.requestUpdate();
    if (typed) this.focus(index + 1);
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    const input = event.target as HTMLInputElement;
    const index = Number(input.dataset['index']);
    if (!this.boxes) {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.submit();
      }
      return;
    }
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
    if (!this.boxes) {
      this.digits[0] = (event.target as HTMLInputElement).value = pasted.slice(0, this.max);
      return this.host.requestUpdate();
    }
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
