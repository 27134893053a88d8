/** The element's styles; every colour and size a host may want to change is a --flint-call-* property. */
import { css } from 'lit';

export const callStyles = css`
  :host {
    display: contents;
    --flint-call-accent: #c8323a;
    --flint-call-danger: #c62828;
    --flint-call-bg: #15151a;
    --flint-call-fg: #fff;
    --flint-call-card-bg: #fff;
    --flint-call-card-fg: #222;
    --flint-call-radius: 0.75rem;
    --flint-call-z-index: 1000;
  }
  [hidden] { display: none !important; }
  .sr-only {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  button {
    font: inherit; border: 0; border-radius: 999px; padding: 0.55rem 1.1rem; cursor: pointer;
    min-height: 2.75rem; min-width: 2.75rem; background: #ffffff26; color: inherit;
  }
  button:focus-visible { outline: 3px solid var(--flint-call-accent); outline-offset: 2px; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  button.accept { background: var(--flint-call-accent); color: #fff; }
  button.danger { background: var(--flint-call-danger); color: #fff; }
  .backdrop {
    position: fixed; inset: 0; z-index: var(--flint-call-z-index); display: grid; place-items: center;
    background: #0008;
  }
  .card {
    background: var(--flint-call-card-bg); color: var(--flint-call-card-fg); border-radius: var(--flint-call-radius);
    padding: 1.25rem 1.5rem; max-width: 24rem; box-shadow: 0 0.5rem 2rem #0005;
  }
  .card button:not(.accept):not(.danger) { background: #0001; }
  .card h2 { margin: 0 0 0.5rem; font-size: 1.2rem; }
  .floating { position: fixed; top: 1rem; right: 1rem; z-index: var(--flint-call-z-index); }
  .muted { opacity: 0.7; }
  [part='surface'] {
    position: fixed; inset: 0; z-index: var(--flint-call-z-index); background: var(--flint-call-bg);
    color: var(--flint-call-fg); display: flex; flex-direction: column;
  }
  .stage { display: flex; flex-direction: column; flex: 1; gap: 0.5rem; padding: 1rem; min-height: 0; }
  .stage header { justify-content: space-between; }
  .stage h2 { margin: 0; font-size: 1.1rem; }
  [part='timer'] { font-variant-numeric: tabular-nums; font-size: 1.1rem; }
  .video-area { position: relative; flex: 1; min-height: 12rem; border-radius: var(--flint-call-radius); overflow: hidden; background: #000; }
  .remote { width: 100%; height: 100%; object-fit: cover; }
  .placeholder {
    position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center;
    gap: 1rem; font-size: 1.3rem; padding: 1rem; text-align: center;
  }
  .avatar {
    display: grid; place-items: center; width: 6rem; height: 6rem; border-radius: 50%; font-size: 2.5rem; font-weight: 700;
    background: #2c2c36; box-shadow: 0 0 0 0.25rem #2c2c36; transition: box-shadow 0.15s;
  }
  .avatar[data-speaking] { box-shadow: 0 0 0 0.5rem var(--flint-call-speaking, #3ddc84); }
  @media (prefers-reduced-motion: reduce) {
    * { transition: none !important; animation: none !important; }
  }
  .local { position: absolute; right: 0.75rem; bottom: 0.75rem; width: 28%; max-width: 12rem; border-radius: 0.5rem; border: 2px solid #fff6; }
  .panel, .overlay {
    position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center;
    gap: 0.75rem; padding: 1rem; text-align: center; background: #15151ae6;
  }
  .preview { width: min(20rem, 80%); border-radius: 0.5rem; }
  .failure { max-width: 28rem; }
  meter { width: min(12rem, 60%); }
  .banner { margin: 0; padding: 0.5rem 0.75rem; border-radius: 0.5rem; background: #fff1c2; color: #553; }
  .controls { justify-content: center; }
  .quality ul { display: flex; gap: 1rem; flex-wrap: wrap; list-style: none; margin: 0; padding: 0; font-size: 0.9rem; }
  .quality p { margin: 0; font-size: 0.85rem; }
  .quality .level { font-weight: 600; display: inline-flex; align-items: center; gap: 0.3rem; }
  .quality .dot { width: 0.6rem; height: 0.6rem; border-radius: 50%; background: currentColor; }
  [part~='quality-good'] { color: #66bb6a; }
  [part~='quality-fair'] { color: #fdd835; }
  [part~='quality-poor'] { color: #ffa726; }
  [part~='quality-lost'] { color: #ef5350; }
`;
