/* global self */
// The sign-on service worker: shows the node's sign-in requests as notifications and opens the
// verification page when one is tapped. Scope: /sign-on/.
self.addEventListener('push', (event) => {
  let message = null;
  try {
    message = event.data ? event.data.json() : null;
  } catch {
    message = null;
  }
  if (!message || message.type !== 'sign-on') return;
  event.waitUntil(
    self.registration.showNotification('Sign-in request', {
      body: `${message.site} asks you to confirm that it is you. Tap to check your face.`,
      data: { url: message.url },
      requireInteraction: true,
      tag: 'openfaceio-sign-on',
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url;
  if (url && new URL(url).origin === self.location.origin) event.waitUntil(self.clients.openWindow(url));
});
