export { FaceioSignOnErrorEvent, type FaceioSignOnErrorDetail } from './faceio-sign-on-error.js';
export { FaceioSignOnStateChangeEvent, type FaceioSignOnStateChangeDetail } from './faceio-sign-on-state-change.js';
export { FaceioSignOnVerifiedEvent, type FaceioSignOnVerifiedDetail } from './faceio-sign-on-verified.js';
