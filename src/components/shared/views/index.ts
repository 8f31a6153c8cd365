import type { FlowPhase } from '../../../core/flow/flow.types.js';
import { doneView } from './done.view.js';
import { failedView } from './failed.view.js';
import { idleView } from './idle.view.js';
import { introView } from './intro.view.js';
import { permissionView } from './permission.view.js';
import { pinView } from './pin.view.js';
import { replyView } from './reply.view.js';
import { scanView } from './scan.view.js';
import { termsView } from './terms.view.js';
import type { PhaseView } from './view-kit.js';

export type { PhaseView, ViewKit } from './view-kit.js';

/** One pure view per phase. */
export const VIEWS: Readonly<Record<FlowPhase, PhaseView>> = {
  idle: idleView,
  permission: permissionView,
  terms: termsView,
  intro: introView,
  scan: scanView,
  pin: pinView,
  reply: replyView,
  done: doneView,
  failed: failedView,
};
