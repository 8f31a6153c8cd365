// Must NOT type-check: proves the element typings are real (not `any`). The test runs tsc on this
// file alone and expects exactly these errors.
import type {} from 'openfaceio/react';
import 'openfaceio/enroll';

export const wrongPropertyType = <faceio-enroll publicId={42} />;
export const wrongEventDetail = <faceio-enroll onfaceio-complete={(event) => event.detail.nope} />;
