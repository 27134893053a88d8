import { css } from 'lit';

export const conversationStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto auto auto;
    gap: 0.5rem;
    position: relative;
  }
  .list {
    height: var(--flint-chat-height, 60vh);
    overflow-y: auto;
    /* We restore the position ourselves when older pages come in; the browser's anchoring would double it. */
    overflow-anchor: none;
    border: 1px solid #e4dce8;
    border-radius: 0.75rem;
    padding: 0.5rem 0.75rem;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }
  .message {
    max-width: 75%;
    padding: 0.4rem 0.7rem;
    border-radius: 0.9rem;
    background: #f3eef6;
  }
  .message.mine {
    justify-self: end;
    background: #ffe3e0;
  }
  /* A system line (a missed or ended date): nobody's message, centred and quiet. */
  .system {
    justify-self: center;
    text-align: center;
    font-size: 0.85rem;
    color: #4a3d52;
    padding: 0.25rem 0.8rem;
    border-radius: 1rem;
    background: #efeaf2;
  }
  .system .meta {
    justify-content: center;
  }
  .message[data-status='failed'] {
    outline: 1px solid #b3245c;
  }
  .body {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .meta {
    margin: 0.15rem 0 0;
    font-size: 0.75rem;
    color: #6b5b73;
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
  }
  .notice {
    text-align: center;
    color: #6b5b73;
    font-size: 0.85rem;
  }
  .jump {
    position: absolute;
    right: 1rem;
    top: calc(var(--flint-chat-height, 60vh) - 3rem);
    font: inherit;
    border: 0;
    border-radius: 999px;
    padding: 0.3rem 0.9rem;
    background: #221;
    color: #fff;
    cursor: pointer;
  }
  .typing {
    min-height: 1.2em;
    margin: 0;
    font-size: 0.85rem;
    color: #6b5b73;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
    margin: 0.25rem 0 0;
  }
  .actions button {
    font: inherit;
    font-size: 0.85rem;
    border: 1px solid #b3245c;
    border-radius: 0.5rem;
    padding: 0.15rem 0.6rem;
    min-height: 2.75rem;
    min-width: 2.75rem;
    background: #fff;
    color: #b3245c;
    cursor: pointer;
  }
`;
