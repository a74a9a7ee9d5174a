import htm from 'htm';
import { h } from 'preact';

/** JSX-like templates without a build step (htm + Preact). */
export const html = htm.bind(h);
