import { html } from 'lit';
import { signOnText as t } from '../sign-on.messages.js';
import type { SignOnView } from './view-kit.js';

/** The account form: one labelled field and the submit button; the `idle` slot replaces the line above it. */
export const formView: SignOnView = (api, kit) => html`
  <p class="status" part="status" id="signon-status"><slot name="idle">${kit.status}</slot></p>
  <form part="form" @submit=${kit.onSubmit}>
    <label part="label"
      >${kit.label}<input
        part="input"
        name="account"
        required
        .value=${kit.account}
        type=${api.lookup === 'email' ? 'email' : 'text'}
        autocomplete=${api.lookup === 'email' ? 'email' : 'username'}
        spellcheck="false"
        autocapitalize="none"
        @input=${kit.onInput}
    /></label>
    <button class="primary" part="primary-button" type="submit">${t.submit()}</button>
  </form>
`;
