// Real input, time and error logs for the browser tests, through web-test-runner's server commands:
// keys and mouse clicks go through Playwright (trusted events: focus moves, default actions); the
// page's clock is Playwright's fake clock; Playwright collects the page's (and its workers') errors
// (web-test-runner.config.mjs, the `clock` and `page-errors` commands).
import { executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';

/** Presses one key (Playwright's names: 'Tab', 'Enter', 'Space', 'Escape', 'ArrowLeft', 'Backspace' …). */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

/** Types text key by key into whatever has focus. */
export async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
}

/** A real mouse click in the middle of `el` (the page is not scrolled by it: keep `el` in view). */
export async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
  await resetMouse();
}

/**
 * The test runner's own command round trip times out after 20 s of the page's `setTimeout`, which
 * the fake clock drives too: one jump past that would time out the very command making it.
 */
const CLOCK_STEP_MS = 10_000;

/** Playwright's fake clock: after `install()` the page's timers follow it (real time flows until `fastForward`). */
export const clock = {
  install: () => executeServerCommand<boolean, { action: 'install' }>('clock', { action: 'install' }),
  /** Jumps forward `ms` (in steps of at most 10 s, see CLOCK_STEP_MS), firing the timers that fall due. */
  async fastForward(ms: number): Promise<void> {
    for (let left = ms; left > 0; left -= CLOCK_STEP_MS) {
      await executeServerCommand<boolean, { action: 'fastForward'; ms: number }>('clock', {
        action: 'fastForward',
        ms: Math.min(left, CLOCK_STEP_MS),
      });
    }
  },
};

/**
 * The page's console errors (its workers' included) and uncaught errors, from `pageErrors.watch()`
 * on, as Playwright reports them.
 */
export const pageErrors = {
  watch: () => executeServerCommand<boolean, { action: 'watch' }>('page-errors', { action: 'watch' }),
  take: () => executeServerCommand<string[], { action: 'take' }>('page-errors', { action: 'take' }),
};
