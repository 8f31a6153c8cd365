import { FaceioSignOn } from './components/faceio-sign-on/faceio-sign-on.component.js';

export { FaceioSignOn };

if (!customElements.get('faceio-sign-on')) customElements.define('faceio-sign-on', FaceioSignOn);

declare global {
  interface HTMLElementTagNameMap {
    'faceio-sign-on': FaceioSignOn;
  }
}
