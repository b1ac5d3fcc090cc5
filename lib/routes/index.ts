/**
 * The route simulator: which channels and consumers an event reaches, read from synthesized templates, with sample
 * events for each source.
 */
export * from './model';
export { Routes } from './routes';
export type { Delivery, DeliverOptions, RouteDrop, RouteHop } from './routes';
export * from './event-pattern-match';
export * from './sample-events';
