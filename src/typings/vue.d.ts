// Vue 3 typings for the elements (opt in: `import type {} from 'openfaceio/vue'`), for Volar /
// vue-tsc in templates. Vue must be told the tags are custom elements:
// `app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('faceio-')`.
import type { ElementProperties, FaceioElements } from './element-props.js';

type KebabToPascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${KebabToPascal<Tail>}` : Capitalize<S>;
/** Vue's listener props: `@faceio-complete` in a template is checked as `onFaceioComplete`. */
type VueListeners<Events> = { [K in keyof Events & string as `on${KebabToPascal<K>}`]?: (event: Events[K]) => void };
type VueElement<Tag extends keyof FaceioElements> = new () => {
  $props: ElementProperties<FaceioElements[Tag]['element']> & VueListeners<FaceioElements[Tag]['events']>;
};

declare module 'vue' {
  interface GlobalComponents {
    'faceio-enroll': VueElement<'faceio-enroll'>;
    'faceio-authenticate': VueElement<'faceio-authenticate'>;
    'faceio-sign-on': VueElement<'faceio-sign-on'>;
  }
}
