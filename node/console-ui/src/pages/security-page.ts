import { localized, msg } from '@lit/localize';
import { css, html } from 'lit';
import type { AppSettings } from '../api.js';
import '../parts/list-editor.js';
import { countryProblem, names, SettingsPage } from './settings-kit.js';

type Toggle = 'preventDuplicates' | 'pad' | 'forbidMinors' | 'pinUniqueness' | 'rejectWeakPin' | 'rejectEmptyOrigin';

/** The security settings, each with FACEIO's name beside ours; a switch saves at once, numbers on Save. */
@localized()
export class OfioSecurityPage extends SettingsPage {
  static override styles = [
    ...SettingsPage.styles,
    css`
      .toggle {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.125rem 0.75rem;
        align-items: start;
        padding-block: 0.5rem;
        border-block-end: 1px solid var(--ofio-line);
      }
      .toggle:last-child {
        border-block-end: 0;
      }
      .toggle > :not(input) {
        grid-column: 2;
      }
    `,
  ];

  override render() {
    const info = this.info;
    if (!info) return html`<p class="muted">${this.error || msg('Loading…', { id: 'console.loading' })}</p>`;
    const s = info.settings;
    const toggles: [Toggle, string, string][] = [
      [
        'preventDuplicates',
        msg('Refuse a face already enrolled', { id: 'console.security.duplicates' }),
        msg('FACE_DUPLICATION instead of a second facial ID for the same person.', { id: 'console.security.duplicates-hint' }),
      ],
      [
        'pad',
        msg('Detect presentation attacks', { id: 'console.security.pad' }),
        msg('Photos, videos, screens and masks are refused with PAD_ATTACK.', { id: 'console.security.pad-hint' }),
      ],
      [
        'forbidMinors',
        msg('Refuse minors at enrollment', { id: 'console.security.minors' }),
        msg('From the estimated age, which errs by years: not a proof of age.', { id: 'console.security.minors-hint' }),
      ],
      [
        'pinUniqueness',
        msg('PINs differ between users', { id: 'console.security.pin-unique' }),
        msg('A PIN already taken is refused (UNIQUE_PIN_REQUIRED).', { id: 'console.security.pin-unique-hint' }),
      ],
      [
        'rejectWeakPin',
        msg('Refuse weak PINs', { id: 'console.security.weak-pin' }),
        msg('Repeated digits, runs and the most common PINs.', { id: 'console.security.weak-pin-hint' }),
      ],
      [
        'rejectEmptyOrigin',
        msg('Refuse requests without an Origin', { id: 'console.security.empty-origin' }),
        msg('EMPTY_ORIGIN for calls that no web page made.', { id: 'console.security.empty-origin-hint' }),
      ],
    ];
    return html`<div class="stack">
      ${this.head(msg('Security', { id: 'console.nav.security' }))}
      <section class="card">
        <h3>${msg('Protections', { id: 'console.security.protections' })}</h3>
        <div>
          ${toggles.map(
            ([key, label, hint]) =>
              html`<div class="toggle">
                <input type="checkbox" id=${key} ?checked=${s[key]} aria-describedby="${key}-hint" @change=${(e: Event) => this.toggle(key, e)} />
                <label for=${key}>${label}</label>
                <span class="small" id="${key}-hint">${hint}</span>
                ${names(key)}
              </div>`,
          )}
        </div>
      </section>
      <section class="card">
        <h3>${msg('Liveness', { id: 'console.security.liveness-title' })}</h3>
        <div class="field">
          <label for="liveness">${msg('How a live person is proved', { id: 'console.security.liveness' })}</label>
          <select id="liveness" ?disabled=${!s.pad} aria-describedby="liveness-hint" @change=${this.setLiveness}>
            ${(
              [
                [
                  'active-on-doubt',
                  msg('A challenge when the camera signals are in doubt (recommended)', { id: 'console.security.liveness-on-doubt' }),
                ],
                ['active', msg('A challenge at every scan (turn, look up, blink)', { id: 'console.security.liveness-active' })],
                ['passive', msg('Camera signals only, no challenge', { id: 'console.security.liveness-passive' })],
              ] as const
            ).map(([value, label]) => html`<option value=${value} ?selected=${s.liveness === value}>${label}</option>`)}
          </select>
          <span class="small muted" id="liveness-hint">${names('liveness')}</span>
        </div>
      </section>
      <form class="card" @submit=${this.saveNumbers} novalidate>
        <h3>${msg('PIN and matching', { id: 'console.security.pin' })}</h3>
        <div class="field">
          <label for="pinPolicy">${msg('Ask for the PIN', { id: 'console.security.pin-policy' })}</label>
          <select id="pinPolicy" name="pinPolicy">
            ${(
              [
                ['on-doubt', msg('When the match is close (recommended)', { id: 'console.security.pin-on-doubt' })],
                ['always', msg('At every sign-in', { id: 'console.security.pin-always' })],
                ['never', msg('Never', { id: 'console.security.pin-never' })],
              ] as const
            ).map(([value, label]) => html`<option value=${value} ?selected=${s.pinPolicy === value}>${label}</option>`)}
          </select>
          ${names('pinPolicy')}
        </div>
        ${this.number('pinLength', msg('Shortest PIN (digits)', { id: 'console.security.pin-length' }), s.pinLength, 4, 16, 1)}
        ${this.number('matchThreshold', msg('Match threshold (cosine similarity)', { id: 'console.security.threshold' }), s.matchThreshold, 0.2, 0.9, 0.01)}
        <div><button class="primary" type="submit">${msg('Save', { id: 'console.save' })}</button></div>
      </form>
      <section class="card">
        <h3>${msg('Countries', { id: 'console.security.countries' })}</h3>
        ${names('countryAllowList')}
        <ofio-list-editor
          label=${msg('Countries allowed to use the widgets', { id: 'console.security.countries-label' })}
          hint=${msg('Read from the country header your reverse proxy sets (COUNTRY_HEADER).', { id: 'console.security.countries-hint' })}
          placeholder="FR"
          empty=${msg('None: every country.', { id: 'console.security.countries-empty' })}
          .items=${s.countryAllowList}
          .check=${countryProblem}
          .normalizeValue=${(v: string) => v.trim().toUpperCase()}
          @items-change=${(e: CustomEvent<string[]>) => void this.saveSettings({ countryAllowList: e.detail })}
        ></ofio-list-editor>
      </section>
    </div>`;
  }

  private number(key: 'pinLength' | 'matchThreshold', label: string, value: number, min: number, max: number, step: number) {
    return html`<div class="field">
      <label for=${key}>${label}</label>
      <input
        id=${key}
        name=${key}
        type="number"
        required
        min=${min}
        max=${max}
        step=${step}
        .value=${String(value)}
        aria-describedby="${key}-range"
      />
      <span class="small muted" id="${key}-range">${min} – ${max} · ${names(key)}</span>
    </div>`;
  }

  private readonly setLiveness = (event: Event): void => {
    void this.saveSettings({ liveness: (event.target as HTMLSelectElement).value as AppSettings['liveness'] });
  };

  private toggle(key: Toggle, event: Event): void {
    void this.saveSettings({ [key]: (event.target as HTMLInputElement).checked } as Partial<AppSettings>);
  }

  private readonly saveNumbers = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fields = ['pinLength', 'matchThreshold'].map((name) => form.elements.namedItem(name) as HTMLInputElement);
    for (const field of fields) field.setAttribute('aria-invalid', String(!field.checkValidity()));
    const invalid = fields.find((field) => !field.checkValidity());
    if (invalid) {
      this.error = `${invalid.labels?.[0]?.textContent ?? invalid.name}: ${invalid.validationMessage}`;
      return void invalid.focus();
    }
    const data = new FormData(form);
    void this.saveSettings({
      pinPolicy: String(data.get('pinPolicy')) as AppSettings['pinPolicy'],
      pinLength: Number(data.get('pinLength')),
      matchThreshold: Number(data.get('matchThreshold')),
    });
  };
}
customElements.define('ofio-security-page', OfioSecurityPage);
