/** The host's CSRF protection, carried with the proof (Rails `authenticity_token`, Django `csrfmiddlewaretoken`, Laravel `_token`). */
export interface CsrfFields {
  /** `csrf-field` + `csrf-token` attributes: one named field. */
  field: string;
  token: string;
  /** Hidden inputs the host put in the `csrf` slot, posted as they are. */
  inputs: Iterable<HTMLInputElement>;
}

/**
 * Posts the verified proof to `action` as a real form (a navigation, as a password form would),
 * with the host's CSRF fields: frameworks that check CSRF on every POST refused it without them.
 */
export function postProof(action: string, proof: string, csrf: CsrfFields): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = action;
  form.hidden = true;
  const hidden = (name: string, value: string) => Object.assign(document.createElement('input'), { type: 'hidden', name, value });
  form.append(hidden('faceio_proof', proof));
  if (csrf.field && csrf.token) form.append(hidden(csrf.field, csrf.token));
  for (const input of csrf.inputs) if (input.name) form.append(hidden(input.name, input.value));
  document.body.append(form);
  form.submit();
}
