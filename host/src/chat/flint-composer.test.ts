import { MAX_CHAT_BODY } from '@flint/shared';
import { assert, expect, until } from '@flint/test-support';
import { cleanup, mount, shadow, type } from '../pages/test-support.ts';
import './flint-composer.ts';

const parts = (el: HTMLElement) => {
  const root = shadow(el);
  return {
    field: root.querySelector('textarea')!,
    counter: root.querySelector<HTMLElement>('.counter')!,
    problem: root.querySelector<HTMLElement>('.problem')!,
    submit: () => root.querySelector('form')!.requestSubmit(),
  };
};

describe('flint-composer', () => {
  afterEach(cleanup);

  it('shows no counter for a short message, and sends it (the field clears)', async () => {
    const sent: string[] = [];
    const el = await mount('flint-composer', { label: 'Message', submitLabel: 'Send', send: async (b: string) => void sent.push(b) });
    const { field, counter, submit } = parts(el);
    type(field, 'hello');
    await el.updateComplete;
    assert.strictEqual(counter.textContent?.trim(), '', 'no counter far from the limit');
    submit();
    await until(() => sent.length === 1, 'the send');
    assert.deepEqual(sent, ['hello']);
    assert.strictEqual(field.value, '', 'cleared');
  });

  it('counts down near MAX_CHAT_BODY, and refuses over it saying why, keeping the text', async () => {
    const sent: string[] = [];
    const el = await mount('flint-composer', { label: 'Message', submitLabel: 'Send', send: async (b: string) => void sent.push(b) });
    const { field, counter, problem, submit } = parts(el);
    type(field, 'x'.repeat(MAX_CHAT_BODY - 10));
    await el.updateComplete;
    assert.strictEqual(counter.textContent?.trim(), '10 characters left');
    assert.strictEqual(field.getAttribute('aria-invalid'), 'false');

    type(field, 'x'.repeat(MAX_CHAT_BODY + 25));
    await el.updateComplete;
    assert.strictEqual(counter.textContent?.trim(), '25 characters over the limit');
    assert.strictEqual(field.getAttribute('aria-invalid'), 'true');
    submit();
    await el.updateComplete;
    assert.deepEqual(sent, [], 'nothing sent');
    assert.strictEqual(problem.getAttribute('role'), 'alert');
    assert.strictEqual(
      problem.textContent?.trim(),
      `Too long to send: a message can have at most ${MAX_CHAT_BODY} characters. Shorten it by 25.`,
    );
    assert.strictEqual(field.value.length, MAX_CHAT_BODY + 25, 'the text stays');

    type(field, 'x'.repeat(MAX_CHAT_BODY));
    await el.updateComplete;
    assert.strictEqual(problem.textContent?.trim(), '', 'the reason goes once it fits');
    submit();
    await until(() => sent.length === 1, 'the send at exactly the limit');
  });

  it('puts the text back, saying so, when it could not be kept', async () => {
    const el = await mount('flint-composer', {
      label: 'Message',
      submitLabel: 'Send',
      send: async () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    const { field, problem, submit } = parts(el);
    type(field, 'do not lose me');
    submit();
    await until(() => field.value === 'do not lose me', 'the text back');
    await el.updateComplete;
    assert.match(problem.textContent ?? '', /could not be saved on this device/);
  });

  it('sends on Enter, not on Shift+Enter, and is accessible', async () => {
    const sent: string[] = [];
    const el = await mount('flint-composer', { label: 'Message', submitLabel: 'Send', send: async (b: string) => void sent.push(b) });
    const { field } = parts(el);
    type(field, 'line one');
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true }));
    assert.deepEqual(sent, []);
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await until(() => sent.length === 1, 'sent on Enter');
    await expect(el).shadowDom.to.be.accessible();
  });
});
