import { assert } from '@flint/test-support';
import { FIXTURES, peer } from '../fsm/test-fixtures.ts';
import { translator } from '../i18n/index.ts';
import { renderStage } from '../ui/stage-view.ts';
import { callStyles } from '../ui/styles.ts';
import { show, text, viewModel } from '../ui/test-support.ts';
import type { QualityView } from './quality-monitor.ts';

/** A running stage with Ben, whose name the server told us. */
const active = { ...FIXTURES.active, context: { ...FIXTURES.active.context, peer } };
const quality = (over: Partial<QualityView> = {}): QualityView => ({ mine: null, peer: null, step: 0, alert: null, ...over });
const part = (root: ParentNode, name: string) => root.querySelector(`[part~="${name}"]`);

describe('quality indicator', () => {
  before(() => {
    document.adoptedStyleSheets = [callStyles.styleSheet!];
  });
  afterEach(() => document.body.replaceChildren());

  it('says both levels in words, each themable by its level part, and nothing in the live region every sample', () => {
    const root = show(renderStage(viewModel(active, { quality: quality({ mine: 'good', peer: 'fair' }) }).vm));
    const box = part(root, 'quality')!;
    assert.ok(box, 'the quality part');
    assert.include(text(box), 'Your connection: Good');
    assert.include(text(box), 'Ben’s connection: Fair');
    assert.ok(part(box, 'quality-good') && part(box, 'quality-fair'), 'a part per level');
    assert.strictEqual(box.querySelectorAll('[part~="quality-level"]').length, 2);
    const colour = (name: string) => getComputedStyle(part(box, name)!).color;
    assert.notStrictEqual(colour('quality-good'), colour('quality-fair'), 'each level has its colour (beside its word)');
    const live = box.querySelector('[aria-live]')!;
    assert.strictEqual(text(live), '', 'fair and good are not announced');
    assert.strictEqual(box.querySelector('ul')!.getAttribute('aria-live'), null, 'the levels themselves are not a live region');
    assert.strictEqual(box.querySelector('ul')!.getAttribute('aria-label'), 'Connection quality');
  });

  it('before the first sample: measuring; a turn to poor or lost is announced, and lowered video is said', () => {
    assert.include(text(part(show(renderStage(viewModel(active, { quality: quality() }).vm)), 'quality')!), 'Your connection: Measuring…');
    const mine = show(
      renderStage(viewModel(active, { quality: quality({ mine: 'poor', step: 1, alert: { who: 'mine', level: 'poor' } }) }).vm),
    );
    assert.strictEqual(text(mine.querySelector('[part=quality] [aria-live]')!), 'Your connection is poor.');
    assert.include(text(part(mine, 'quality')!), 'Your video is sent at lower quality');
    const peer = show(renderStage(viewModel(active, { quality: quality({ peer: 'lost', alert: { who: 'peer', level: 'lost' } }) }).vm));
    assert.strictEqual(text(peer.querySelector('[part=quality] [aria-live]')!), 'Ben’s connection is lost.');
    assert.ok(part(peer, 'quality-lost'));
  });

  it('in Spanish', () => {
    const { vm } = viewModel(active, {
      t: translator('es'),
      quality: quality({ mine: 'poor', peer: 'good', alert: { who: 'mine', level: 'poor' } }),
    });
    const box = part(show(renderStage(vm)), 'quality')!;
    assert.include(text(box), 'Tu conexión: Mala');
    assert.include(text(box), 'Conexión de Ben: Buena');
    assert.strictEqual(text(box.querySelector('[aria-live]')!), 'Tu conexión es mala.');
  });

  it('before the server named the other person: "Their connection"', () => {
    const { vm } = viewModel(FIXTURES.active, { quality: quality({ peer: 'poor', alert: { who: 'peer', level: 'poor' } }) });
    const box = part(show(renderStage(vm)), 'quality')!;
    assert.include(text(box), 'Their connection: Poor');
    assert.strictEqual(text(box.querySelector('[aria-live]')!), 'Their connection is poor.');
  });

  it('only while a stage runs', () => {
    for (const snapshot of [FIXTURES.connecting, FIXTURES.intermission, FIXTURES.reconnectingSocket]) {
      assert.strictEqual(part(show(renderStage(viewModel(snapshot, { quality: quality({ mine: 'poor' }) }).vm)), 'quality'), null);
    }
  });
});
