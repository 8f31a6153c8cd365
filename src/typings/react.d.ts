// React 19 typings for the elements (opt in: `import type {} from 'openfaceio/react'`). React 19
// sets a custom element's known properties as properties and binds `on<event-name>` props as
// listeners, so <faceio-enroll publicId={id} onfaceio-complete={(e) => e.detail.result}> is typed.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { FaceioElements } from './element-props.js';

type ReactElementProps<Tag extends keyof FaceioElements> = FaceioElements[Tag]['props'] &
  DetailedHTMLProps<HTMLAttributes<FaceioElements[Tag]['element']>, FaceioElements[Tag]['element']>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'faceio-enroll': ReactElementProps<'faceio-enroll'>;
      'faceio-authenticate': ReactElementProps<'faceio-authenticate'>;
      'faceio-sign-on': ReactElementProps<'faceio-sign-on'>;
    }
  }
}
