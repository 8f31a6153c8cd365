// What each <faceio-sign-on> view receives besides the view-model: the texts of this render and the
// form's submit handler. Views are pure `(api, kit) => html` functions, one per state.
import type { SignOnApi } from '../../../core/sign-on/sign-on.connect.js';

export interface SignOnKit {
  /** The status line of the current state, localized. */
  status: string;
  /** The account field's label. */
  label: string;
  /** The account to show in the field (what the user typed, or the host's `account`). */
  account: string;
  onSubmit(event: SubmitEvent): void;
  /** The field changed (the element's `account` follows it). */
  onInput(event: InputEvent): void;
}

export type SignOnView = (api: SignOnApi, kit: SignOnKit) => unknown;
