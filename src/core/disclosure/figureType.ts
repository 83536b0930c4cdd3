/*
 * The figure type and its dimension keys, imported here only: the type is moving out of the
 * indicator engine, and this one line is what changes when it does.
 */
export { DIMENSION_KEYS, type DimensionKey, type Dimensions, type Figure } from '../indicators/figures.ts';
