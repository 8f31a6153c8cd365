// <faceio-sign-on>'s texts (ids `signon.*`; translators edit locales/*.xlf).
import { msg } from '@lit/localize';

export const signOnText = {
  heading: () => msg('Sign in with your phone', { id: 'signon.heading' }),
  labelEmail: () => msg('Email address', { id: 'signon.label-email' }),
  labelUid: () => msg('User ID', { id: 'signon.label-uid' }),
  submit: () => msg('Send the sign-in request', { id: 'signon.submit' }),
  lookingUp: () => msg('Looking up your account…', { id: 'signon.looking-up' }),
  notificationSent: () => msg('We sent a notification to your phone. Open it and look at the camera.', { id: 'signon.notification-sent' }),
  waiting: () => msg('Scan this code with your phone, then look at its camera.', { id: 'signon.waiting' }),
  verified: () => msg('Verified. Signing you in…', { id: 'signon.verified' }),
  failed: () => msg('The face check did not succeed.', { id: 'signon.failed' }),
  expired: () => msg('The sign-in request expired. Send a new one.', { id: 'signon.expired' }),
  retry: () => msg('Start again', { id: 'signon.retry' }),
  qr: () => msg('QR code that opens the face check on a phone', { id: 'signon.qr-label' }),
};
