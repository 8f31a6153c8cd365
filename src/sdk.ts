// The served bundle's entry (`<node>/sdk/openfaceio.js`): the library and all three tags registered, for
// pages that load it with a <script type="module"> (the npm entry, index.ts, registers nothing).
export * from './index.js';
import './faceio-enroll.js';
import './faceio-authenticate.js';
import './faceio-sign-on.js';
