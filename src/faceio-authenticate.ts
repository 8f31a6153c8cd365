import { FaceioAuthenticate } from './components/faceio-authenticate/faceio-authenticate.component.js';

export { FaceioAuthenticate };

if (!customElements.get('faceio-authenticate')) customElements.define('faceio-authenticate', FaceioAuthenticate);

declare global {
  interface HTMLElementTagNameMap {
    'faceio-authenticate': FaceioAuthenticate;
  }
}
