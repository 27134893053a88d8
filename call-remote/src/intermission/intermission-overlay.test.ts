import { assert } from '@flint/test-support';
import { html, LitElement } from 'lit';
import { FIXTURES } from '../fsm/test-fixtures.ts';
import { translator } from '../i18n/index.ts';
import { Announcer } from '../ui/announcer.ts';
import { buttonNamed, show, text, viewModel } from '../ui/test-support.ts';
import { renderIntermission } from './intermission-overlay.ts';

const base = FIXTURES.intermission;
/** The intermission with its decision deadline `seconds` from now. */
const deciding = (seconds: number, over: Partial<typeof base.context> = {}) => ({
  ...base,
  context: { ...base.context, decisionEndsAt: new Date(Date.now() + seconds * 1000).toISOString(), ...over },
});

describe('intermission overlay', () => {
  afterEach(() => document.body.replaceChildren());

  it('asks "Continue to stage N?" in a labelled modal dialog, with Yes / No voting', () => {
    const { vm, calls } = viewModel(deciding(8));
    const root = show(renderIntermission(vm));
    const dialog = root.querySelector('[role=dialog]')!;
    assert.strictEqual(dialog.getAttribute('aria-modal'), 'true', 'modal');
    assert.strictEqual(text(root.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)!), 'Continue to stage 2?', 'label');
    buttonNamed(root, 'Yes').click();
    buttonNamed(root, 'No').click();
    assert.strictEqual(
      JSON.stringify(calls),
      JSON.stringify([
        ['vote', true],
        ['vote', false],
      ]),
      'votes',
    );
  });

  it('shows the countdown to the decision deadline, and it counts down', () => {
    const ends = deciding(8);
    const first = viewModel(ends).vm;
    const later = { ...first, now: first.now + 3000 };
    const timer = (vm: typeof first) => text(show(renderIntermission(vm)).querySelector('[role=timer]')!);
    assert.strictEqual(timer(first), 'Decide within 8 s', 'at entry');
    assert.strictEqual(timer(later), 'Decide within 5 s', 'three seconds later');
  });

  it('after voting shows only "Waiting for the other person…", never who decided what', () => {
    const { vm } = viewModel(deciding(8, { myVote: true, peerDecided: true }));
    const root = show(renderIntermission(vm));
    assert.strictEqual(root.querySelectorAll('button').length, 0, 'no more buttons');
    assert.ok(text(root).includes('Waiting for the other person…'), 'waiting');
    assert.ok(!/declin|said no|said yes/i.test(text(root)), 'no decision revealed');
  });

  it('asks "Match?" in a live session', () => {
    const { vm } = viewModel(deciding(8, { kind: 'live' }));
    assert.ok(text(show(renderIntermission(vm))).startsWith('Match?'), 'live question');
  });

  it('renders nothing outside the intermission', () => {
    const { vm } = viewModel(FIXTURES.active);
    assert.strictEqual(text(show(renderIntermission(vm))), '', 'empty');
  });
});

class AnnounceHost extends LitElement {
  snapshot = deciding(12);
  now = Date.now();
  announcer = new Announcer(this, { snapshot: () => this.snapshot, t: () => translator('en'), now: () => this.now });
  override render() {
    return html`${this.announcer.text}`;
  }
}
customElements.define('test-announce-host', AnnounceHost);

describe('Announcer', () => {
  it('announces the intermission with its seconds, then the countdown at 10 and 5 seconds left', async () => {
    const host = document.createElement('test-announce-host') as AnnounceHost;
    document.body.append(host);
    host.announcer.say('call.intermission', { next: 2 });
    assert.strictEqual(host.announcer.text, 'Stage over. Continue to stage 2? Decide within 12 seconds', 'entry');
    const at = async (left: number) => {
      host.now = Date.parse(host.snapshot.context.decisionEndsAt!) - left * 1000;
      host.requestUpdate();
      await host.updateComplete;
      return host.announcer.text;
    };
    assert.strictEqual(await at(11), 'Stage over. Continue to stage 2? Decide within 12 seconds', 'nothing new at 11');
    assert.strictEqual(await at(10), '10 seconds left to decide', 'at 10');
    assert.strictEqual(await at(5), '5 seconds left to decide', 'at 5');
    host.snapshot = { ...host.snapshot, context: { ...host.snapshot.context, myVote: true } };
    host.announcer.say('call.voteSent', {});
    assert.strictEqual(await at(5), 'Your answer was sent. Waiting for the other person…', 'quiet after voting');
    host.remove();
  });
});
