import { h } from 'preact';
import htm from 'htm';
export * from 'preact';
export * from 'preact/hooks';
export const html = htm.bind(h);
