// The console's bundle (node/scripts/build-console.mjs → node/console-ui/dist/console.js): every
// element registered; the page at /console holds <ofio-console>.
import './parts/confirm-dialog.js';
import './parts/chart.js';
import './pages/sign-in-page.js';
import './pages/apps-page.js';
import './pages/statistics-page.js';
import './pages/settings-page.js';
import './pages/security-page.js';
import './pages/keys-page.js';
import './pages/facial-ids-page.js';
import './pages/sign-on-page.js';
import './pages/webhooks-page.js';
import './console-app.js';
