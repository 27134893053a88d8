import { assert, matchedPair, until } from '@flint/test-support';
import 'call/flint-call';
import { cleanup, signInWith } from '../pages/test-support.ts';
import { go } from './router.ts';
import './flint-app.ts';

describe('<flint-app> and <flint-call>', () => {
  afterEach(() => {
    cleanup();
    history.replaceState(null, '', '/');
  });

  it("<flint-call> speaks the route's language: Spanish under /es, English elsewhere, switching live", async () => {
    const { a } = await matchedPair('lang');
    signInWith(a);
    go('profile', 'es');
    const app = document.createElement('flint-app');
    document.body.append(app);
    await app.updateComplete;
    const call = app.shadowRoot!.querySelector('flint-call')!;
    assert.ok(call, 'the shell mounts <flint-call>');
    await until(() => call.locale === 'es', 'Spanish under /es');
    assert.strictEqual(call.getAttribute('lang'), 'es', 'and its lang, for assistive technology');
    go('profile', 'en');
    await until(() => call.locale === 'en', 'English again');
    assert.strictEqual(call.getAttribute('lang'), 'en');
  });
});
