/** Styles every page shares, so the pages look alike and keyboard focus is always visible. */
import { css } from 'lit';

export const pageStyles = css`
  :host {
    display: block;
    max-width: 40rem;
    margin: 0 auto;
    padding: 1.5rem 1rem;
    font-family: system-ui, sans-serif;
    color: #1f1a24;
    line-height: 1.5;
  }
  h1 {
    font-size: 1.6rem;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.2rem;
    margin: 1.5rem 0 0.5rem;
  }
  a {
    color: #b3245c;
  }
  /* Every list on a page is a list of cards or links, not bullets. */
  ul {
    list-style: none;
    padding: 0;
  }
  /* 44 px touch targets (WCAG 2.5.5): most people on a date are on a phone. */
  button {
    font: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: 999px;
    border: 1px solid #b3245c;
    background: #fff;
    color: #b3245c;
    cursor: pointer;
  }
  button.primary {
    background: #b3245c;
    color: #fff;
  }
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  label {
    display: block;
    font-weight: 600;
    margin: 0.75rem 0 0.25rem;
  }
  input:not([type='radio'], [type='checkbox']),
  textarea,
  select {
    font: inherit;
    min-height: 2.75rem;
    width: 100%;
    box-sizing: border-box;
    padding: 0.5rem;
    border: 1px solid #8a8190;
    border-radius: 0.5rem;
  }
  :is(a, button, input, textarea):focus-visible {
    outline: 3px solid #2962ff;
    outline-offset: 2px;
  }
  [role='alert'] {
    color: #a3001b;
    font-weight: 600;
  }
  .muted {
    color: #5e5566;
  }
  .dot {
    display: inline-block;
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: #757575;
    vertical-align: middle;
  }
  .dot[data-presence='online'] {
    background: #1b873f;
  }
`;
