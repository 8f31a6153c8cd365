// What every console page shares: the application's API, its formatters in the active locale, the
// confirmation dialog, the error texts, and the "session ended" signal the shell answers by showing
// the sign-in again.
import { msg } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, type AppApi } from './api.js';
import { getLocale } from './localization.js';
import type { OfioConfirm } from './parts/confirm-dialog.js';
import { pageStyles, tokens } from './styles.js';

/** The text for a failed call, in the active language. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  if (error.status === 0) return msg('The node could not be reached. Check your connection and try again.', { id: 'console.error.network' });
  if (error.status === 401) return msg('Your session has ended. Sign in again.', { id: 'console.error.session' });
  if (error.status === 403) return msg('You are not allowed to do this.', { id: 'console.error.forbidden' });
  if (error.status === 404) return msg('It no longer exists: someone may have deleted it.', { id: 'console.error.not-found' });
  if (error.status === 429) return msg('Too many requests. Wait a moment and try again.', { id: 'console.error.rate' });
  if (error.status === 400) return msg('The node refused this value:', { id: 'console.error.invalid' }) + ' ' + error.message;
  return msg('The node could not do this. Try again later.', { id: 'console.error.server' });
}

export const formatNumber = (n: number): string => new Intl.NumberFormat(getLocale()).format(n);
export const formatDate = (iso: string): string =>
  new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
export const formatDay = (day: string): string =>
  new Intl.DateTimeFormat(getLocale(), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
/** Milliseconds as seconds with two decimals, in the active locale (“1.25 s”). */
export const formatSeconds = (ms: number | null): string =>
  ms === null
    ? '—'
    : new Intl.NumberFormat(getLocale(), {
        style: 'unit',
        unit: 'second',
        maximumFractionDigits: 2,
        minimumFractionDigits: ms < 10_000 ? 2 : 0,
      }).format(ms / 1000);

/**
 * A page's heading row: the title, a polite status beside it ("Saved.", "Deleted."), then an error
 * (an alert, added only when there is one, so empty regions take no room).
 */
export const pageHead = (title: string, notice: string, error: string, extra: unknown = nothing) =>
  html`<div class="row spread">
      <h2>${title}</h2>
      <p class="ok" role="status">${error ? '' : notice}</p>
      ${extra}
    </div>
    ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}`;

/** Axis labels: seconds, one decimal at most, narrow unit (“2.5s”). */
export const axisSeconds = (ms: number): string =>
  new Intl.NumberFormat(getLocale(), { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(ms / 1000);

/** The base of the pages that show one application. */
export abstract class AppPage extends LitElement {
  static override styles = [tokens, pageStyles];

  @property({ attribute: false }) api!: AppApi;
  @property({ attribute: false }) confirm!: OfioConfirm;
  @state() protected error = '';
  @state() protected loading = true;

  /** Loads the page's data (again); called when the application changes. */
  protected abstract load(): Promise<void>;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('api') && this.api) void this.guard(() => this.load()).finally(() => (this.loading = false));
  }

  /** Runs `work`, showing its failure; a lost session goes back to the sign-in. */
  protected async guard(work: () => Promise<void>): Promise<boolean> {
    this.error = '';
    try {
      await work();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.dispatchEvent(new Event('session-expired', { bubbles: true, composed: true }));
      this.error = errorText(error);
      return false;
    }
  }
}
