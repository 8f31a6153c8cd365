// The settings pages' shared pieces: each setting's name in ours (the API key) and FACEIO's words
// beside it (FACEIO's Application Manager, faceio.net/security-best-practice), the validators,
// and the base class that loads the application and saves a change.
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { AppInfo, AppSettings } from '../api.js';
import { AppPage, pageHead } from '../page-kit.js';

/** FACEIO's name of the same setting (proper names, not translated). */
export const FACEIO_NAMES: Partial<Record<keyof AppSettings | 'origins', string>> = {
  preventDuplicates: 'Prevent Same User from Enrolling Twice or More',
  pad: 'Protect Against Deep-Fakes & Face Spoof Attempts',
  forbidMinors: 'Forbid Minors From Enrolling On Your Application',
  pinPolicy: 'Always Ask for PIN Code during Authentication',
  pinUniqueness: 'Enforce PIN Code Uniqueness Among Users',
  rejectWeakPin: 'Reject Weak PIN Codes During Enrollment',
  rejectEmptyOrigin: 'Reject Missing or Empty Origin/Referer HTTP Request Headers',
  origins: 'Restrict Widget Instantiation to Authorized Domain Names Only',
  countryAllowList: 'Restrict Widget Instantiation to Authorized Countries Only',
  webhookUrl: 'Enable Webhooks',
};

/** “`preventDuplicates` · FACEIO: Prevent Same User…” under a setting's label. */
export const names = (key: keyof AppSettings | 'origins') =>
  // The key and FACEIO's (English) name are isolated (<bdi>, lang="en"): in Arabic they keep their own order.
  html`<span class="small muted"
    ><bdi><code class="mono">${key}</code></bdi
    >${FACEIO_NAMES[key] ? html` · ${msg('FACEIO:', { id: 'console.settings.faceio' })} <bdi lang="en">${FACEIO_NAMES[key]}</bdi>` : nothing}</span
  >`;

/** null when `value` is an http(s) origin without a path. */
export function originProblem(value: string): string | null {
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search && !url.hash && !url.username) return null;
  } catch {
    /* fall through */
  }
  return msg('Type an origin: https://, the host, an optional port, nothing after (https://shop.example).', {
    id: 'console.settings.origin-invalid',
  });
}

export const normalizeOrigin = (value: string): string => new URL(value).origin.toLowerCase();

export const countryProblem = (value: string): string | null =>
  /^[A-Za-z]{2}$/.test(value.trim())
    ? null
    : msg('Type a two-letter country code (ISO 3166), like FR or US.', { id: 'console.settings.country-invalid' });

/** The base of the two settings pages: the application as loaded, and a save that says it saved. */
export abstract class SettingsPage extends AppPage {
  @state() protected info: AppInfo | null = null;
  @state() protected saved = '';

  protected async load(): Promise<void> {
    this.info = await this.api.info();
  }

  protected async saveSettings(changes: Partial<AppSettings>): Promise<boolean> {
    this.saved = '';
    return this.guard(async () => {
      const { settings } = await this.api.updateSettings(changes);
      this.info = { ...this.info!, settings };
      this.saved = msg('Saved.', { id: 'console.saved' });
    });
  }

  protected async saveApp(changes: { name?: string; origins?: string[]; status?: AppInfo['status'] }): Promise<boolean> {
    this.saved = '';
    return this.guard(async () => {
      this.info = await this.api.updateApp(changes);
      this.saved = msg('Saved.', { id: 'console.saved' });
    });
  }

  /** The page's heading row with its outcome: "Saved." in a polite status, an error in an alert. */
  protected head(title: string) {
    return pageHead(title, this.saved, this.error);
  }
}
