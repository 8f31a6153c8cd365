import { FaceioEnroll } from './components/faceio-enroll/faceio-enroll.component.js';

export { FaceioEnroll };

if (!customElements.get('faceio-enroll')) customElements.define('faceio-enroll', FaceioEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'faceio-enroll': FaceioEnroll;
  }
}
