export { FaceioCompleteEvent, type FaceioCompleteDetail } from './faceio-complete.js';
export { FaceioErrorEvent, type FaceioErrorDetail } from './faceio-error.js';
export { FaceioPhaseChangeEvent, type FaceioPhaseChangeDetail } from './faceio-phase-change.js';
export { FaceioProgressEvent, type FaceioProgressDetail } from './faceio-progress.js';
export { FaceioCloseEvent, type FaceioCloseDetail } from './faceio-close.js';
export { FaceioSignInRequestEvent, type FaceioSignInRequestDetail } from './faceio-sign-in-request.js';
