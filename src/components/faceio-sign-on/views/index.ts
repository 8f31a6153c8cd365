import type { SignOnState } from '../../../core/sign-on/sign-on.types.js';
import { expiredView, failedView, verifiedView } from './end.view.js';
import { formView } from './form.view.js';
import { qrView, waitView } from './pending.view.js';
import type { SignOnView } from './view-kit.js';

export type { SignOnKit, SignOnView } from './view-kit.js';

/** One pure view per state (the compiler asks for a view when a state is added). */
export const SIGN_ON_VIEWS: Readonly<Record<SignOnState, SignOnView>> = {
  idle: formView,
  'looking-up': waitView,
  'notification-sent': waitView,
  waiting: qrView,
  verified: verifiedView,
  failed: failedView,
  expired: expiredView,
};
