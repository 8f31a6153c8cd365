// The PIN entry's state and keyboard handling (Zag's pin-input, as a Lit controller): one box per
// digit, typing moves forward, Backspace moves back, arrows move, a paste or a one-time-code
// autofill (the whole PIN lands in the first box) fills the boxes, Enter submits. The view stays
// pure: it renders `digits` and wires these handlers.
//
// How many boxes: the application's PIN length, `digits.min` (the node sends its `pinLength` as the
// minimum and its ceiling, 16, as the maximum). A longer PIN still fits: typing or pasting past the
// last box adds boxes up to `digits.max` (a PIN chosen before the application shortened its length),
// and Backspace in an added, empty box takes it away again. Issue 14: the widget used to show `max`
// boxes — 16 — for a 4-digit PIN.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PinInputController implements ReactiveController {
  digits: string[] = [];
  /** Which entry the digits belong to ('enter' or 'confirm' of a stage): a new one clears them. */
  private stageKey = '';
  private min = 0;
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
    if (stageKey === this.stageKey && this.min === digits.min && this.max === digits.max) return;
    this.stageKey = stageKey;
    this.min = digits.min;
    this.max = Math.max(digits.min, digits.max);
    this.digits = Array.from({ length: digits.min }, () => '');
    this.focus(0);
  }

  get value(): string {
    return this.digits.join('');
  }

  /** The most characters box `index` takes: the first a whole PIN (autofill, paste); the last, while it may grow, the rest. */
  maxLength(index: number): number {
    if (index === 0) return this.max;
    return index === this.digits.length - 1 && this.digits.length < this.max ? this.max - index : 1;
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
    const added = index >= this.min && index === this.digits.length - 1;
    if (event.key === 'Backspace' && added && input.value) {
      // A box added past the app's length goes with its digit.
      event.preventDefault();
      this.digits.pop();
      this.host.requestUpdate();
      this.focus(index - 1, true);
    } else if (event.key === 'Backspace' && !input.value && index > 0) {
      event.preventDefault();
      if (added) this.digits.pop();
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

  /** Spreads digits from box `from` on, adding boxes past the last one up to the maximum. */
  private fill(from: number, digits: string): void {
    const end = Math.min(from + digits.length, this.max);
    while (this.digits.length < end) this.digits.push('');
    for (let i = from; i < end; i++) this.digits[i] = digits[i - from]!;
    this.host.requestUpdate();
    // Filled to the last box: the caret after its digit, so one more typed grows the PIN instead of replacing it.
    if (end === this.digits.length) this.focus(end - 1, this.digits.length < this.max);
    else this.focus(end);
  }

  private focus(index: number, caretAtEnd = false): void {
    if (index < 0 || index >= this.digits.length) return;
    void this.host.updateComplete.then(() => {
      const input = this.host.shadowRoot?.querySelector<HTMLInputElement>(`input[data-index="${index}"]`);
      input?.focus();
      if (caretAtEnd) input?.setSelectionRange?.(input.value.length, input.value.length);
      else input?.select();
    });
  }
}
