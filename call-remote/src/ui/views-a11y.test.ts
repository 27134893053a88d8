/**
 * Every view of `<flint-call>` passes axe (WCAG 2.1 A/AA), rendered as the element renders it: in a
 * shadow root with the element's own styles, so colour contrast is judged on the real colours.
 */
import { assert, expect } from '@flint/test-support';
import { emulateMedia } from '@web/test-runner-commands';
import { render } from 'lit';
import { FIXTURES, type FixtureName, peer } from '../fsm/test-fixtures.ts';
import { translator } from '../i18n/index.ts';
import { renderCall } from './render-call.ts';
import { callStyles } from './styles.ts';
import { viewModel } from './test-support.ts';
import type { CallViewModel } from './view-model.ts';

const RULES = { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] };
const video = { ...FIXTURES.active, context: { ...FIXTURES.active.context, media: 'video' as const, peer } };

/** A host element whose shadow root holds the view and the call's stylesheet, like `<flint-call>`. */
function mount(vm: CallViewModel): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [callStyles.styleSheet!];
  render(renderCall(vm, ''), root);
  return host;
}

describe('every call view is accessible (axe, WCAG 2.1 AA)', () => {
  afterEach(() => document.body.replaceChildren());

  const names: FixtureName[] = ['ringing', 'dialing', 'dialingTold', 'checking', 'checkingFailed', 'connecting', 'active'];
  names.push('reconnectingSocket', 'intermission', 'nextStage', 'finished', 'failed');
  for (const name of names) {
    it(name, async () => {
      await expect(mount(viewModel(FIXTURES[name]).vm)).shadowDom.to.be.accessible(RULES);
    });
  }

  it('a video stage with the peer muted and camera off', async () => {
    const vm = viewModel(video, { peerSending: { audio: false, video: false } }).vm;
    await expect(mount(vm)).shadowDom.to.be.accessible(RULES);
  });

  it('in another tab, outdated, and in Spanish', async () => {
    await expect(mount(viewModel(FIXTURES.idle, { elsewhere: true }).vm)).shadowDom.to.be.accessible(RULES);
    await expect(mount(viewModel(FIXTURES.ringing, { outdated: true }).vm)).shadowDom.to.be.accessible(RULES);
    await expect(mount(viewModel(FIXTURES.intermission, { t: translator('es') }).vm)).shadowDom.to.be.accessible(RULES);
  });

  it('reduced motion: the speaking ring changes without animating', async () => {
    const avatar = () => mount(viewModel(video, { peerSending: { audio: true, video: false } }).vm).shadowRoot!.querySelector('.avatar')!;
    assert.strictEqual(getComputedStyle(avatar()).transitionDuration, '0.15s', 'animated by default');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      assert.strictEqual(getComputedStyle(avatar()).transitionDuration, '0s', 'still under reduced motion');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
